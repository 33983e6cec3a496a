#!/usr/bin/env python3
"""Convert the Beijing 2022 figure skating results into Podium test data.

Reads the NBC Olympics / Gracenote feed in ../shared/data/beijing2022/217-JSONs
(sport 217, figure skating; one file per segment) and writes
tests/data/fsk/beijing2022.json (format podium-fsk-events/1):

- for each of the four events (men, women, pairs, ice dance), a podium-score/1
  document of kind "figure-skating-event" holding every competitor's segment
  results as the segment result lists print them (TSS, TES, PCS, or an IRM),
  and the official event standings (rank, total, IRM) with each segment's
  placement;
- for the team event, a document of kind "figure-skating-team" with the eight
  segment result lists and the official team standings (rank, points) with
  each segment's placement points, as they stood on 20 February 2022.

The cut is taken from the feed: the number of "Q" marks after the short
segment (24 men, 25 women - the decision that let a 25th skater qualify -,
16 pairs, 20 couples), the team event cut is 5 teams.

Python 3 standard library only. From the repository root:

    python3 tools/convert_fsk_beijing.py [--data DIR] [--out FILE]
"""

import argparse
import glob
import json
import os
import sys

EVENTS = {  # event name in the feed -> (discipline_kind, short, free, event code)
    "Men's Singles": ("men", "SP", "FS", "FSKMSINGLES"),
    "Women's Singles": ("women", "SP", "FS", "FSKWSINGLES"),
    "Pairs": ("pairs", "SP", "FS", "FSKXPAIRS"),
    "Ice Dance": ("dance", "RD", "FD", "FSKXICEDANCE"),
}
TEAM_SEGMENTS = {
    "Men's Short Program": "men-SP", "Women's Short Program": "women-SP",
    "Pairs' Short Program": "pairs-SP", "Rhythm Dance": "dance-RD",
    "Men's Free Skate": "men-FS", "Women's Free Skate": "women-FS",
    "Pairs' Free Skate": "pairs-FS", "Free Dance": "dance-FD",
}


def load(data):
    units = []
    for path in sorted(glob.glob(os.path.join(data, "217-JSONs", "*.json"))):
        with open(path, encoding="utf-8") as f:
            units.append(json.load(f))
    return units


def event_name(unit):
    return unit["PhaseInfo"]["GenderEvent"]["c_Name"][0]


def segment_rows(unit):
    phase = unit["Result"]["PhaseList"][0]
    return phase["c_Phase"], phase["ParticipantList"]


def result_of(p):
    irm = p.get("c_ODF_IRM")
    if irm:
        return {"irm": irm}
    return {"tss": p["c_Result"], "tes": p["c_ResultInfo_1"], "pcs": p["c_ResultInfo_2"]}


def competitor_id(p):
    return "%s-%s" % (p["NOC"]["c_Short"], p["c_Participant"])


def convert_event(units, name):
    kind, short, free, code = EVENTS[name]
    mine = [u for u in units if event_name(u) == name]
    competitors, performances, seen = [], [], {}
    free_unit = None
    for unit in mine:
        phase, rows = segment_rows(unit)
        segment = short if phase in ("Short Program", "Rhythm Dance") else free
        if segment == free:
            free_unit = unit
        for p in sorted(rows, key=lambda p: p.get("n_StartOrder") or 0):
            cid = competitor_id(p)
            if cid not in seen:
                seen[cid] = len(competitors)
                competitors.append({"id": cid, "name": p["c_Participant"],
                                    "noc": p["NOC"]["c_Short"]})
            perf = {"competitor": cid, "segment": segment}
            perf.update(result_of(p))
            performances.append(perf)
    standings = free_unit["Standings"]
    phase_ids = [r["n_PhaseID"] for r in standings["ResultPhaseList"]]
    expected, qualifiers = [], 0
    for p in standings["ParticipantList"]:
        cid = competitor_id(p)
        if cid not in seen:
            raise ValueError("standings name %s not in the segments" % cid)
        ranks = {}
        for r in p["ResultPhaseList"]:
            seg = short if r["n_PhaseID"] == phase_ids[0] else free
            ranks[seg] = int(r["c_Rank"]) if r.get("c_Rank") else None
            if r.get("c_ODF_QualificationMark") == "Q":
                qualifiers += 1
        irm = p.get("c_ODF_IRM") or ("" if p.get("c_Rank") else p.get("c_Result", ""))
        expected.append({"competitor": cid, "rank": int(p["c_Rank"]) if p.get("c_Rank") else None,
                         "result": p["c_Result"] if p.get("c_Rank") else "", "irm": irm,
                         "short_rank": ranks.get(short), "free_rank": ranks.get(free)})
    score = {"format": "podium-score/1", "discipline": "FSK",
             "event": code,
             "kind": "figure-skating-event",
             "config": {"discipline_kind": kind, "qualifiers": qualifiers},
             "competitors": competitors, "performances": performances}
    return {"event": name, "score": score, "expected": expected}


def convert_team(units):
    mine = [u for u in units if event_name(u) == "Team Event"]
    competitors, performances, seen = [], [], {}
    last = None
    for unit in mine:
        phase, rows = segment_rows(unit)
        segment = TEAM_SEGMENTS[phase]
        for p in rows:
            team = p["NOC"]["c_Short"]
            if team not in seen:
                seen[team] = True
                competitors.append({"id": team, "name": p["NOC"]["c_Name"], "noc": team})
            perf = {"competitor": team, "segment": segment, "skater": p["c_Participant"]}
            perf.update(result_of(p))
            performances.append(perf)
        if last is None or len(unit["Standings"]["ResultPhaseList"]) > len(
                last["Standings"]["ResultPhaseList"]):
            last = unit
    standings = last["Standings"]
    names = [TEAM_SEGMENTS[r["c_Phase"]] for r in standings["ResultPhaseList"]]
    expected = []
    for p in standings["ParticipantList"]:
        team = p["NOC"]["c_Short"]
        if team not in seen:  # a team without any result cannot be ranked from scores
            raise ValueError("team %s has no segment result" % team)
        points = {}
        for seg, r in zip(names, p["ResultPhaseList"]):
            if r.get("c_Result"):
                points[seg] = int(r["c_Result"])
        expected.append({"competitor": team, "rank": int(p["c_Rank"]), "result": p["c_Result"],
                         "qualified": not p.get("b_DidNotAdvance", False), "points": points})
    competitors.sort(key=lambda c: c["id"])
    score = {"format": "podium-score/1", "discipline": "FSK", "event": "FSKXTEAM",
             "kind": "figure-skating-team", "config": {"qualifiers": 5, "top_points": 10},
             "competitors": competitors, "performances": performances}
    return {"event": "Team Event", "score": score, "expected": expected}


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data", "beijing2022"))
    ap.add_argument("--out", default=os.path.join(root, "tests", "data", "fsk",
                                                  "beijing2022.json"))
    args = ap.parse_args()
    units = load(args.data)
    events = [convert_event(units, name) for name in EVENTS] + [convert_team(units)]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write('{\n "format": "podium-fsk-events/1",\n')
        f.write(' "source": "NBC Olympics / Gracenote results feed, Beijing 2022, sport 217 '
                '(billyfryer/Beijing-Olympics-Data-Repo)",\n "events": [\n')
        for i, e in enumerate(events):
            f.write("  " + json.dumps(e, ensure_ascii=False, separators=(",", ":")))
            f.write(",\n" if i + 1 < len(events) else "\n")
        f.write(" ]\n}\n")
    for e in events:
        print(e["event"], len(e["expected"]), "standings,", len(e["score"]["performances"]),
              "segment results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
