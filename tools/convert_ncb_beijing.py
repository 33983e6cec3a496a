#!/usr/bin/env python3
"""Convert the Beijing 2022 Nordic combined results into podium-score/1 test files.

Source: ../shared/data/beijing2022/216-JSONs (NBC Olympics results feed by
Gracenote, public repository billyfryer/Beijing-Olympics-Data-Repo): for
each event the ski jumping unit (points, rank, published start gap) and the
cross-country unit (finish time from the first start, rank, IRM).

Output, in tests/data/ncb/: <EVENT>.json, a "nordic-combined" score file
with every competitor's jumping points ("part": "jump") and finish time
("part": "race"), and <EVENT>.expected.json with the published results
(rank, finish time, IRM, in the published order; athletes out after the
jumping with their IRM) and the published jumping rank and start gap of
each competitor. Python 3 standard library only.
Usage: tools/convert_ncb_beijing.py [BEIJING_DIR] [OUT_DIR]
"""
import json
import os
import sys

from feedlib import write_json

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "..", "shared", "data", "beijing2022", "216-JSONs")
OUT = os.path.join(HERE, "..", "tests", "data", "ncb")

# event, jumping unit, race unit, team
EVENTS = [
    ("NCBMNH10KM", "2412888", "2412889", False),
    ("NCBMLH10KM", "2412898", "2412899", False),
    ("NCBMLH4X5KM", "2412908", "2412909", True),
]


def participants(src, unit):
    with open(os.path.join(src, unit + ".json"), encoding="utf-8") as f:
        return json.load(f)["Result"]["PhaseList"][0]["ParticipantList"]


def ident(p, team):
    return p["NOC"]["c_Short"] if team else str(p["n_ParticipantID"])


def convert(src, code, jump_unit, race_unit, team):
    jumps = participants(src, jump_unit)
    race = participants(src, race_unit)
    race_bib = {ident(p, team): p.get("c_Bib", "") for p in race}
    competitors, performances, jumping = [], [], []
    for p in jumps:
        cid = ident(p, team)
        competitors.append({"id": cid, "name": p["c_Participant"], "noc": p["NOC"]["c_Short"],
                            "bib": race_bib.get(cid, p.get("c_Bib", ""))})
        if p.get("c_ODF_IRM"):
            performances.append({"competitor": cid, "part": "jump", "irm": p["c_ODF_IRM"]})
            continue
        performances.append({"competitor": cid, "part": "jump", "points": p["c_Result"]})
        gap = p["c_ResultInfo_1"] if team else p["c_ResultInfo_2"]
        jumping.append({"competitor": cid, "points": p["c_Result"], "rank": int(p["c_Rank"]),
                        "start_gap": gap})
    expected = []
    for p in race:
        cid = ident(p, team)
        if p.get("c_ODF_IRM"):
            performances.append({"competitor": cid, "part": "race", "irm": p["c_ODF_IRM"]})
            expected.append({"competitor": cid, "rank": None, "result": "",
                             "irm": p["c_ODF_IRM"]})
            continue
        performances.append({"competitor": cid, "part": "race", "time_ms": p["n_TimeAbs"]})
        expected.append({"competitor": cid, "rank": int(p["c_Rank"]),
                         "result": p["c_ResultAbs"], "irm": ""})
    raced = {ident(p, team) for p in race}
    out_after_jump = [p for p in jumps if ident(p, team) not in raced]
    order = {"LAP": 1, "DNF": 2, "DSQ": 3, "DNS": 4, "WD": 5}
    for p in sorted(out_after_jump, key=lambda p: order.get(p.get("c_ODF_IRM"), 9)):
        expected.append({"competitor": ident(p, team), "rank": None, "result": "",
                         "irm": p.get("c_ODF_IRM", "DNS")})
    score = {"format": "podium-score/1", "discipline": "NCB", "event": code,
             "kind": "nordic-combined", "config": {"team": team, "precision": "0.1"},
             "competitors": competitors, "performances": performances}
    return score, {"source": "NBC Olympics / Gracenote feed, Beijing 2022, units %s and %s"
                   % (jump_unit, race_unit), "results": expected, "jumping": jumping}


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else SRC
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    os.makedirs(out, exist_ok=True)
    for code, jump_unit, race_unit, team in EVENTS:
        score, expected = convert(src, code, jump_unit, race_unit, team)
        for suffix, doc in ((".json", score), (".expected.json", expected)):
            write_json(os.path.join(out, code + suffix), doc)
        print("%s: %d competitors, %d results" % (code, len(score["competitors"]),
                                                  len(score["performances"])))


if __name__ == "__main__":
    main()
