#!/usr/bin/env python3
"""Convert the Beijing 2022 ice hockey and curling games into podium-score/1 files.

Source: the NBC Olympics results feed (Gracenote) as collected in the public
repository billyfryer/Beijing-Olympics-Data-Repo, folder Data/, copied under
../shared/data/beijing2022: Sport-Schedules/113_Sport_Schedule.csv (every
hockey game, with its score by period) and 212-JSONs/*.json (every curling
game, end by end, with the team holding the last stone in each end).

Writes, under tests/data/:
  iho/owg2022-men-group-{A,B,C}.json, iho/owg2022-women-group-{A,B}.json
      kind "round-robin", one group each
  iho/owg2022-men.json, iho/owg2022-women.json
      kind "tournament", every game of the event
  cur/owg2022-{men,women,mixed}-round-robin.json   kind "round-robin"
  cur/owg2022-{men,women,mixed}.json               kind "tournament"

Hockey: `decided` comes from the periods: a shoot-out score (period 5) means
SO, an overtime period (4) means OT, else REG; the published score counts the
shoot-out winner's one goal. Curling: `ends` are [for, against] from the
competitor's side, `hammer` the team with the last stone in end 1, and
`conceded` the team behind when fewer than the regulation ends were played.
The converter checks the feed's hammer in every end against the rule the
engine applies (the team that scores gives up the hammer; a blank end keeps
it in team curling and passes it in mixed doubles) and that the ends add up
to the published score; it stops on any disagreement.

Published draw shot challenge figures (curling), which the feed lacks, are
added from tools/cur_dsc_owg2022.json (sources cited there) when present.

Usage: python3 tools/convert_tournaments.py [--data DIR] [--out DIR]
"""
import argparse
import csv
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

ROUNDS = {
    "Preliminary Round": "round-robin",
    "Round-Robin": "round-robin",
    "Playoff Qualifiers": "qualification",
    "Quarterfinals": "quarterfinal",
    "Semifinals": "semifinal",
    "Bronze Medal Game": "bronze",
    "Gold Medal Game": "gold",
}


def dump(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write("{\n")
        keys = list(doc)
        for i, key in enumerate(keys):
            value = doc[key]
            comma = "," if i + 1 < len(keys) else ""
            if isinstance(value, list):
                out.write(' "%s": [\n' % key)
                for j, item in enumerate(value):
                    out.write("  " + json.dumps(item, ensure_ascii=False))
                    out.write(",\n" if j + 1 < len(value) else "\n")
                out.write(" ]%s\n" % comma)
            else:
                out.write(' "%s": %s%s\n' % (key, json.dumps(value, ensure_ascii=False), comma))
        out.write("}\n")


def hockey(data, out_dir):
    rows = list(csv.DictReader(open(os.path.join(data, "Sport-Schedules", "113_Sport_Schedule.csv"),
                                    encoding="utf-8")))
    for gender, code in (("Men", "M"), ("Women", "W")):
        games = [r for r in rows if r["Gender.c_Name"] == gender]
        names = {}
        groups = {}
        perfs = []
        for r in sorted(games, key=lambda r: (r["n_BDF_StartTime"] == "NA", r["DateTimes.Start.n_UTC"],
                                              r["DateTimes.Start.c_UTC"], r["c_RSCCode"])):
            c1, c2 = r["Match.Competitor1.c_Short"], r["Match.Competitor2.c_Short"]
            names[c1] = r["Match.Competitor1.c_Name"]
            names[c2] = r["Match.Competitor2.c_Name"]
            p = lambda side, n: r["Match.Competitor%d.n_PeriodResult%d" % (side, n)]
            if p(1, 5) != "NA":
                decided = "SO"
            elif p(1, 4) != "NA":
                decided = "OT"
            else:
                decided = "REG"
            rnd = ROUNDS[r["c_ContainerMatch"]]
            if rnd == "round-robin":
                group = r["c_Match"].split()[-1]
                for team in (c1, c2):
                    groups.setdefault(group, [])
                    if team not in groups[group]:
                        groups[group].append(team)
            rsc = r["c_RSCCode"]
            perfs.append({"competitor": c1, "game": rsc[22:32].rstrip("-"), "opponent": c2,
                          "for": int(r["Match.Competitor1.c_Result"]),
                          "against": int(r["Match.Competitor2.c_Result"]),
                          "decided": decided, "round": rnd})
        event = "IHO%sTEAM6" % code
        label = gender.lower()
        competitors = [{"id": noc, "name": names[noc], "noc": noc} for noc in sorted(names)]
        for group in sorted(groups):
            members = sorted(groups[group])
            gp = [{k: v for k, v in p.items() if k != "round"} for p in perfs
                  if p["round"] == "round-robin" and p["competitor"] in members]
            dump(os.path.join(out_dir, "iho", "owg2022-%s-group-%s.json" % (label, group)), {
                "format": "podium-score/1", "discipline": "IHO", "event": event,
                "kind": "round-robin", "config": {"sport": "IHO"},
                "competitors": [c for c in competitors if c["id"] in members],
                "performances": gp})
        dump(os.path.join(out_dir, "iho", "owg2022-%s.json" % label), {
            "format": "podium-score/1", "discipline": "IHO", "event": event,
            "kind": "tournament",
            "config": {"sport": "IHO", "format": "owg2022-%s" % label,
                       "groups": {g: sorted(groups[g]) for g in sorted(groups)}},
            "competitors": competitors, "performances": perfs})
        print("iho %s: %d games, groups %s" % (label, len(perfs),
              " ".join("%s=%d" % (g, len(groups[g])) for g in sorted(groups))))


def first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return None if value == {} else value


def curling(data, out_dir, dsc_file):
    dsc = {}
    if os.path.exists(dsc_file):
        dsc = json.load(open(dsc_file, encoding="utf-8"))
    events = {}
    for path in sorted(glob.glob(os.path.join(data, "212-JSONs", "*.json"))):
        d = json.load(open(path, encoding="utf-8"))
        mi = d["MatchInfo"]
        gender = first(mi["GenderEvent"]["c_Name"])
        label = {"Men's Tournament": "men", "Women's Tournament": "women",
                 "Mixed Doubles Tournament": "mixed"}[gender]
        mixed = label == "mixed"
        regulation = 8 if mixed else 10
        c1 = first(mi["Competitor1"]["c_Short"])
        c2 = first(mi["Competitor2"]["c_Short"])
        ev = events.setdefault(label, {"names": {}, "perfs": []})
        ev["names"][c1] = first(mi["Competitor1"]["c_Name"])
        ev["names"][c2] = first(mi["Competitor2"]["c_Name"])
        # ends marked "X" were not played: the game was conceded before them
        ends = [p for p in d["PeriodList"] if p.get("b_Finished") and "n_PeriodResult1" in p]
        ends.sort(key=lambda p: p["n_Nr"])
        line = [[p["n_PeriodResult1"], p["n_PeriodResult2"]] for p in ends]
        hammer = [p["n_CUR_LastStone"] for p in ends]
        # the rule the engine applies, checked against the feed
        h = hammer[0]
        for i, (a, b) in enumerate(line):
            if hammer[i] != h:
                sys.exit("%s end %d: feed hammer %s, rule says %s" % (path, i + 1, hammer[i], h))
            if a > 0:
                h = 2
            elif b > 0:
                h = 1
            elif mixed:
                h = 3 - h
        score = [sum(e[0] for e in line), sum(e[1] for e in line)]
        published = [first(mi["Competitor1"]["n_Result"]), first(mi["Competitor2"]["n_Result"])]
        if score != published:
            sys.exit("%s: ends add up to %s, published %s" % (path, score, published))
        rsc = first(mi["c_RSCCode"])
        phase = first(mi["c_Phase"]) if "c_Phase" in mi else None
        rnd = ROUNDS.get(phase) if phase else None
        if rnd is None:
            rnd = {"PREL": "round-robin", "SFNL": "semifinal"}.get(rsc[22:26])
            if rsc[22:32] == "FNL-000100":
                rnd = "gold"
            elif rsc[22:32] == "FNL-000200":
                rnd = "bronze"
        perf = {"competitor": c1, "game": rsc[22:32].rstrip("-"), "opponent": c2,
                "ends": line, "hammer": c1 if hammer[0] == 1 else c2}
        if len(line) < regulation:
            perf["conceded"] = c1 if score[0] < score[1] else c2
        perf["round"] = rnd
        ev["perfs"].append((rsc, perf))
    for label, ev in sorted(events.items()):
        ev["perfs"].sort(key=lambda x: x[0])
        perfs = [p for _, p in ev["perfs"]]
        names = ev["names"]
        event = {"men": "CURMTEAM4", "women": "CURWTEAM4", "mixed": "CURXTEAM2"}[label]
        config = {"sport": "CUR"}
        if label == "mixed":
            config["variant"] = "mixed-doubles"
        if label in dsc:
            config["dsc"] = dsc[label]["dsc"]
        competitors = [{"id": noc, "name": names[noc], "noc": noc} for noc in sorted(names)]
        rr = [{k: v for k, v in p.items() if k != "round"} for p in perfs
              if p["round"] == "round-robin"]
        dump(os.path.join(out_dir, "cur", "owg2022-%s-round-robin.json" % label), {
            "format": "podium-score/1", "discipline": "CUR", "event": event,
            "kind": "round-robin", "config": config, "competitors": competitors,
            "performances": rr})
        tconfig = dict(config)
        tconfig["format"] = "owg2022-curling"
        dump(os.path.join(out_dir, "cur", "owg2022-%s.json" % label), {
            "format": "podium-score/1", "discipline": "CUR", "event": event,
            "kind": "tournament", "config": tconfig, "competitors": competitors,
            "performances": perfs})
        print("cur %s: %d games (%d round robin)" % (label, len(perfs), len(rr)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "beijing2022"))
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data"))
    args = ap.parse_args()
    hockey(args.data, args.out)
    curling(args.data, args.out, os.path.join(HERE, "cur_dsc_owg2022.json"))


if __name__ == "__main__":
    main()
