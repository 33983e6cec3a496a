#!/usr/bin/env python3
"""Convert the Beijing 2022 ski jumping results into podium-score/1 test files.

Source: ../shared/data/beijing2022/215-JSONs (NBC Olympics results feed by
Gracenote, public repository billyfryer/Beijing-Olympics-Data-Repo). The
feed publishes each jump's points and distance, not the style marks, wind
or gate, so every jump is given by its official points ("points": "145.4")
and the engine decides the final round (best 30 athletes, best 8 teams,
ties at the cut), sums the jumps and ranks. The published totals, ranks and
IRMs are written beside each score file as the expected result.

Hills (FIS hill data, ../shared/data/skijumping/all_comps.csv, Zhangjiakou):
normal hill K 95 HS 106, 2.0 points/m; large hill K 125 HS 140, 1.8 points/m.

Output, in tests/data/sjp/beijing2022/: <EVENT>.json (the score file) and
<EVENT>.expected.json ({"source", "results": [{"competitor", "rank",
"result", "irm"}]} in the published order). Python 3 standard library only.
Usage: tools/convert_skijumping_beijing.py [BEIJING_DIR] [OUT_DIR]
"""
import json
import os
import sys

from feedlib import write_json

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "..", "shared", "data", "beijing2022", "215-JSONs")
OUT = os.path.join(HERE, "..", "tests", "data", "sjp", "beijing2022")

NH = {"k": "95.0", "hs": "106.0", "meter_value": "2.0", "base": "60.0"}
LH = {"k": "125.0", "hs": "140.0", "meter_value": "1.8", "base": "60.0"}

# event code, unit of the final round (its Standings hold both rounds), hill, team
EVENTS = [
    ("SJPMNH", "2413330", NH, False),
    ("SJPWNH", "2413346", NH, False),
    ("SJPMLH", "2413334", LH, False),
    ("SJPMLHTEAM4", "2413342", LH, True),
    ("SJPXNHTEAM4", "2413344", NH, True),
]
# qualification rounds: one-round competitions of their own
QUALIFICATIONS = [
    ("SJPMNH-QUAL", "2413327", NH),
    ("SJPMLH-QUAL", "2413331", LH),
]


def load(src, unit):
    with open(os.path.join(src, unit + ".json"), encoding="utf-8") as f:
        return json.load(f)


def competitor(p, team):
    c = {"id": str(p["n_ParticipantID"]), "name": p["c_Participant"],
         "noc": p["NOC"]["c_Short"], "bib": p.get("c_Bib") or ""}
    if team:
        c["id"] = p["NOC"]["c_Short"]
    return c


def jump(cid, rnd, res):
    irm = res.get("c_ODF_IRM")
    if irm:
        return {"competitor": cid, "round": rnd, "irm": irm}
    return {"competitor": cid, "round": rnd, "points": res["c_Result"]}


def event_files(src, code, unit, hill, team):
    data = load(src, unit)
    standings = data["Standings"]
    competitors, performances, expected = [], [], []
    for p in standings["ParticipantList"]:
        rounds = p["ResultPhaseList"]
        if not any(r.get("c_Result") for r in rounds):
            continue  # on the list of the qualification, not in the competition
        c = competitor(p, team)
        competitors.append(c)
        for n, r in enumerate(rounds, 1):
            if r.get("c_Result"):
                performances.append(jump(c["id"], n, r))
        irm = p.get("c_Result") if p.get("c_Rank") is None else ""
        expected.append({"competitor": c["id"],
                         "rank": int(p["c_Rank"]) if p.get("c_Rank") else None,
                         "result": p["c_Result"] if p.get("c_Rank") else "",
                         "irm": irm or ""})
    score = {
        "format": "podium-score/1", "discipline": "SJP", "event": code,
        "kind": "ski-jumping-team" if team else "ski-jumping",
        "config": {"hill": hill, "rounds": 2, "final_round": 8 if team else 30},
        "competitors": competitors, "performances": performances,
    }
    return score, expected


def qualification_files(src, code, unit, hill):
    data = load(src, unit)
    competitors, performances, expected = [], [], []
    for p in data["Result"]["PhaseList"][0]["ParticipantList"]:
        c = competitor(p, False)
        competitors.append(c)
        performances.append(jump(c["id"], 1, p))
        ranked = p.get("c_Rank") not in (None, "")
        expected.append({"competitor": c["id"], "rank": int(p["c_Rank"]) if ranked else None,
                         "result": p["c_Result"] if ranked else "",
                         "irm": "" if ranked else p.get("c_ODF_IRM") or p.get("c_Result")})
    score = {
        "format": "podium-score/1", "discipline": "SJP", "event": code.split("-")[0],
        "kind": "ski-jumping", "config": {"hill": hill, "rounds": 1},
        "competitors": competitors, "performances": performances,
    }
    return score, expected


def write(out, code, unit, score, expected):
    os.makedirs(out, exist_ok=True)
    write_json(os.path.join(out, code + ".json"), score)
    write_json(os.path.join(out, code + ".expected.json"),
               {"source": "NBC Olympics / Gracenote feed, Beijing 2022, unit %s" % unit,
                "results": expected})
    print("%s: %d competitors, %d jumps" % (code, len(score["competitors"]),
                                             len(score["performances"])))


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else SRC
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    for code, unit, hill, team in EVENTS:
        score, expected = event_files(src, code, unit, hill, team)
        write(out, code, unit, score, expected)
    for code, unit, hill in QUALIFICATIONS:
        score, expected = qualification_files(src, code, unit, hill)
        write(out, code, unit, score, expected)


if __name__ == "__main__":
    main()
