#!/usr/bin/env python3
"""Generate a realistic Beijing 2022 accreditation population as CSV.

The athletes are the programme's entries (data/programme/beijing2022.json):
every individual participant, and every member of a team, with the venues
where their units take place plus their zone's village. Everyone else is
generated in proportions close to those of the Games (about 70,000 people):

    NOC team officials (coaches, doctors)  ~0.9 per athlete, same venues
    NOC management and guests                   400
    IF and technical officials                1,800
    IOC and Olympic Family                    1,300
    press (writers, photographers)            3,000
    rights-holding broadcasters               4,300
    Olympic Broadcasting Services             6,200
    OCOG staff                                9,000
    volunteers                               18,000
    contractors                               the rest, to --total

Zones (docs/accreditation.md): 1 field of play, 2 athlete and team areas,
3 competition management, 4 media tribune and mixed zone, 5 broadcast
compound, 6 media working areas, 7 operations, 8 Olympic Family lounges,
9 security and technical rooms. Names are drawn from a fixed seed: the same
command gives the same file. Standard library only.

usage: gen_accreditation.py [--programme FILE] [--total N] [--seed N] [--out FILE]
"""
import argparse
import csv
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PROGRAMME = os.path.join(HERE, "..", "data", "programme", "beijing2022.json")
VILLAGE = {"BEJ": "OVB", "YAN": "OVY", "ZHA": "OVZ"}
HEADER = ["id", "name", "org_type", "organisation", "category", "venues", "zones",
          "transport", "dining", "valid_from", "valid_to", "photo"]
IFS = ["FIS", "IBU", "IBSF", "ISU", "IIHF", "WCF", "FIL"]
PRESS = ["Xinhua", "AP", "Reuters", "AFP", "Kyodo", "Yonhap", "dpa", "EFE", "ANSA", "Getty Images",
         "People's Daily", "The Guardian", "L'Equipe", "NZZ", "Aftenposten", "Globe and Mail"]
RHB = ["CMG", "NBC", "Eurosport", "CBC", "NHK", "KBS", "SRG SSR", "ARD", "ZDF", "NRK", "SVT",
       "YLE", "Channel 7", "Sky NZ", "TSN"]
FAMILY = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun",
          "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Smith", "Muller", "Rossi",
          "Johansson", "Berg", "Novak", "Kim", "Sato", "Martin", "Brown", "Dubois", "Nowak"]
GIVEN = ["Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Hui", "Ping", "Tao", "Xin", "Yu",
         "Anna", "Lukas", "Marco", "Emma", "Sofia", "Jonas", "Elin", "Hiroshi", "Ji-woo", "Claire",
         "Tomas", "Maria", "David", "Sara", "Olga", "Pierre", "Ingrid", "Mateo"]


def load_programme(path):
    with open(path, encoding="utf-8") as f:
        prog = json.load(f)
    venue_zone = {v["code"]: v["zone"] for v in prog["venues"]}
    teams = {p["id"]: p["members"] for p in prog["participants"] if "members" in p}
    people = {p["id"]: p for p in prog["participants"] if "members" not in p}
    venues_of = {}
    for event in prog["events"]:
        for phase in event["phases"]:
            for unit in phase["units"]:
                for entry in unit.get("start_list", []):
                    pid = entry["participant"]
                    for member in teams.get(pid, [pid]):
                        venues_of.setdefault(member, set()).add(unit["venue"])
    return prog, venue_zone, people, venues_of


def name(rng):
    return "%s %s" % (rng.choice(FAMILY).upper(), rng.choice(GIVEN))


def row(pid, nm, org_type, org, category, venues, zones, transport, dining, start, end):
    return [pid, nm, org_type, org, category, ";".join(venues), ";".join(zones), transport,
            "yes" if dining else "no", start, end, "photos/%s.jpg" % pid]


def generate(programme, total, seed):
    rng = random.Random(seed)
    prog, venue_zone, athletes, venues_of = load_programme(programme)
    competition = sorted(venue_zone)
    rows = []
    noc_venues = {}
    # athletes: the programme's entries, with their own venues and village
    for pid in sorted(athletes):
        a = athletes[pid]
        venues = sorted(venues_of.get(pid, set()))
        if not venues:
            continue
        villages = sorted({VILLAGE[venue_zone[v]] for v in venues})
        noc_venues.setdefault(a["noc"], set()).update(venues + villages)
        rows.append(row(pid, a["name"], "NOC", a["noc"], "Aa", venues + villages, ["1", "2"],
                        "TA", True, "2022-01-23", "2022-02-23"))
    athlete_count = len(rows)
    nocs = sorted(noc_venues)
    serial = [0]

    def next_id(prefix):
        serial[0] += 1
        return "%s%06d" % (prefix, serial[0])

    # NOC team officials, about 0.9 per athlete, following their team
    for _ in range(athlete_count * 9 // 10):
        noc = rng.choice(nocs)
        venues = sorted(noc_venues[noc])
        rows.append(row(next_id("AO"), name(rng), "NOC", noc, rng.choice(["Ao", "Ao", "Ac"]),
                        venues, ["2"], "TA", True, "2022-01-23", "2022-02-23"))
    for _ in range(400):
        noc = rng.choice(nocs)
        rows.append(row(next_id("P"), name(rng), "NOC", noc, rng.choice(["P", "Pf"]), ["*"],
                        ["2", "8"], "T3", True, "2022-01-30", "2022-02-21"))
    # IF and technical officials: the venues of their sport
    if_venues = {"FIS": ["YAS", "GSP", "ZCC", "ZSJ", "BAS"], "IBU": ["ZBT"], "IBSF": ["YSC"],
                 "FIL": ["YSC"], "ISU": ["CIS", "NSO"], "IIHF": ["NIS", "WKS"], "WCF": ["NAC"]}
    for _ in range(1800):
        federation = rng.choice(IFS)
        venues = [v for v in if_venues[federation] if v in venue_zone]
        villages = sorted({VILLAGE[venue_zone[v]] for v in venues})
        rows.append(row(next_id("IF"), name(rng), "IF", federation, rng.choice(["If", "Ic"]),
                        venues + villages, ["1", "3"], "TF", True, "2022-01-25", "2022-02-21"))
    for _ in range(1300):
        rows.append(row(next_id("O"), name(rng), "OCOG", "IOC", rng.choice(["O", "OF", "Os"]),
                        ["*"], ["8"], "T2", True, "2022-01-28", "2022-02-21"))
    # media: press, then broadcasters
    for _ in range(3000):
        venues = ["MMC"] + sorted(rng.sample(competition, 3))
        rows.append(row(next_id("E"), name(rng), "MEDIA", rng.choice(PRESS),
                        rng.choice(["E", "E", "E", "Ep", "Es"]), venues, ["4", "6"], "TM", False,
                        "2022-01-27", "2022-02-22"))
    for _ in range(4300):
        venues = ["MMC"] + sorted(rng.sample(competition, 2))
        rows.append(row(next_id("RT"), name(rng), "BROADCASTER", rng.choice(RHB), "RT", venues,
                        ["4", "5", "6"], "TM", False, "2022-01-25", "2022-02-22"))
    for _ in range(6200):
        venues = ["MMC"] + sorted(rng.sample(competition, 1))
        rows.append(row(next_id("OBS"), name(rng), "BROADCASTER", "OBS", "RTo", venues,
                        ["1", "4", "5", "6"], "TM", True, "2022-01-10", "2022-02-25"))
    # workforce: OCOG staff, volunteers and contractors, mostly at one venue
    for _ in range(9000):
        venues = sorted(rng.sample(competition, rng.choice([1, 1, 2, 3])))
        rows.append(row(next_id("WS"), name(rng), "OCOG", "BOCOG", "Ws", venues,
                        sorted(rng.sample(["1", "2", "3", "4", "7"], 3)), "", True, "2022-01-04",
                        "2022-03-01"))
    for _ in range(18000):
        venue = rng.choice(competition + ["MMC", "OVB", "OVY", "OVZ"])
        rows.append(row(next_id("V"), name(rng), "WORKFORCE", "BOCOG Volunteers", "Wv", [venue],
                        [rng.choice(["2", "3", "4", "6", "7"])], "", True, "2022-01-20",
                        "2022-02-22"))
    while len(rows) < total:
        venue = rng.choice(competition + ["MMC", "OVB", "OVY", "OVZ"])
        rows.append(row(next_id("C"), name(rng), "WORKFORCE",
                        rng.choice(["Security", "Catering", "Cleaning", "Transport", "Technology"]),
                        "Wc", [venue], ["7"], "", rng.random() < 0.5, "2022-01-04", "2022-03-01"))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--programme", default=DEFAULT_PROGRAMME)
    ap.add_argument("--total", type=int, default=70000)
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    rows = generate(args.programme, args.total, args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="", encoding="utf-8")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(rows)
    if out is not sys.stdout:
        out.close()
    counts = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print("%d people: %s" % (len(rows), ", ".join("%s %d" % kv for kv in sorted(counts.items()))),
          file=sys.stderr)


if __name__ == "__main__":
    main()
