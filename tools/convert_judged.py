#!/usr/bin/env python3
"""Convert the Beijing 2022 judged events into podium-score/1 test data (kind "judged").

Reads the NBC Olympics / Gracenote results feed collected in
billyfryer/Beijing-Olympics-Data-Repo (../shared/data/beijing2022, one JSON per
unit or phase) and writes, for every phase of the freestyle skiing (221) and
snowboard (222) halfpipe, slopestyle, big air, aerials (with the mixed team
event) and moguls events, two files under tests/data/beijing2022/judged/:

  PHASE.json           the score file: competitors and each run's score (the
                       feed holds no judges' marks, so run scores are the most
                       detailed input there is), DNS/DNI/DNF per run;
  PHASE.official.json  what was published: per competitor the rank, the
                       result, the IRM and, per round, the rank, the result,
                       the run scores and the qualification mark.

and index.json listing them. tests/feed/test_beijing_timed.c (generic over
kinds) scores every score file and compares the output with the official file.

Big air counts the best two jumps of different rotation directions; the feed
has no directions, so where the best two scores are not the published total
the converter gives the jumps directions that make the published pair the
best valid one, and says so in the official file's notes.

Python 3 standard library only. Rerun from the repository root:

    python3 tools/convert_judged.py [--data DIR] [--out DIR]
"""

import argparse
import itertools
import json
import os
import sys
from decimal import Decimal

SOURCE = ("NBC Olympics results feed (Gracenote), Beijing 2022, as collected in "
          "billyfryer/Beijing-Olympics-Data-Repo, Data/{sport}-JSONs/{match}.json")
DISCIPLINE = {221: "FRS", 222: "SBD"}
IRM_ALIASES = {"WDR": "WD", "DQ": "DSQ"}
STATES = {"DNS", "DNI", "DNF"}
# Beijing 2022 formats: 12 finalists in every park and pipe event
PARK_FINALISTS = 12


def load(data, sport, match):
    with open(os.path.join(data, f"{sport}-JSONs", f"{match}.json"), encoding="utf-8") as f:
        return json.load(f)


def one(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def rsc_of(data, sport, match):
    import csv
    with open(os.path.join(data, "Sport-Schedules", f"{sport}_Sport_Schedule.csv"),
              encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            if row["n_MatchID"] == str(match):
                return row["c_RSCCode"], row["GenderEvent.c_Name"]
    raise SystemExit(f"match {match} not in the {sport} schedule")


def competitor(p):
    return {"id": str(p["n_ParticipantID"]), "name": p["c_Participant"],
            "noc": (p.get("NOC") or {}).get("c_Short") or "", "bib": p.get("c_Bib") or ""}


def is_score(text):
    try:
        Decimal(text)
        return True
    except Exception:
        return False


def irm_of(p):
    raw = p.get("c_ODF_IRM") or ""
    return IRM_ALIASES.get(raw, raw)


def best_two(scores, directions):
    """Mirror of the engine's best-two rule, for the direction inference."""
    best = None
    for (i, a), (j, b) in itertools.combinations(enumerate(scores), 2):
        if directions[i] != directions[j] and (best is None or a + b > best):
            best = a + b
    return best if best is not None else max(scores)


def infer_directions(runs, total, who, notes):
    """Directions ("L"/"R") for the scored jumps so that the best valid pair is the total."""
    scored = [Decimal(r) for r in runs if r is not None and is_score(r)]
    if len(scored) < 2:
        return None
    ordered = sorted(scored, reverse=True)
    if ordered[0] + ordered[1] == total:
        return None
    for dirs in itertools.product("LR", repeat=len(scored)):
        if dirs[0] == "L" and best_two(scored, dirs) == total:
            notes.append(f"{who}: jumps {' '.join(runs[i] or '-' for i in range(len(runs)))}, "
                         f"published total {total}: rotation directions "
                         f"{''.join(dirs)} inferred (not in the feed)")
            return list(dirs)
    raise SystemExit(f"{who}: no direction assignment gives {total} from {runs}")


def park_phase(data, sport, match):
    """A halfpipe, slopestyle or big air qualification or final: one round."""
    doc = load(data, sport, match)
    phase = doc["Result"]["PhaseList"][0]
    event = one(doc["PhaseInfo"]["Event"]["c_Short"])
    final = one(doc["PhaseInfo"]["c_Phase"]) == "Final"
    nruns = sum(1 for i in range(1, 5) if phase.get(f"c_ResultInfo_{i}_Header"))
    big_air = event == "BA"
    rnd = {"name": phase["c_Phase"], "runs": nruns,
           "counting": "best-two" if big_air else "best"}
    if final:
        rnd["rank_irm"] = True
    else:
        rnd["advance"] = PARK_FINALISTS
    competitors, perfs, official, notes = [], [], [], []
    qualified = 0
    for p in phase["ParticipantList"]:
        c = competitor(p)
        competitors.append(c)
        runs = [p.get(f"c_ResultInfo_{i}") for i in range(1, nruns + 1)]
        directions = None
        result = p.get("c_Result") or ""
        if big_air and is_score(result):
            directions = infer_directions(runs, Decimal(result), f"{c['name']} ({c['id']})", notes)
        k = 0
        for r, text in enumerate(runs):
            if text is None or text == "":
                continue
            perf = {"competitor": c["id"], "round": 1, "run": r + 1}
            if is_score(text):
                perf["score"] = text
                if directions:
                    perf["direction"] = directions[k]
                k += 1
            elif text in STATES:
                perf["state"] = text
            else:
                raise SystemExit(f"{match}: {c['name']}: run {r + 1} is {text!r}")
            perfs.append(perf)
        irm = irm_of(p)
        mark = p.get("c_ODF_QualificationMark") or ""
        qualified += mark == "Q"
        rank = p.get("n_Rank")
        rounds = [{"rank": rank, "result": result if is_score(result) else "",
                   "runs": [t or "" for t in runs], "qualified": mark}]
        official.append({"competitor": c["id"], "rank": rank,
                         "result": result if is_score(result) else "", "irm": irm,
                         "rounds": rounds})
    if not final and qualified != PARK_FINALISTS:
        notes.append(f"{qualified} qualification marks, {PARK_FINALISTS} finalists configured")
    config = {"rounds": [rnd]}
    return competitors, perfs, official, notes, config


# (sport, match, how)
PARK = [(221, m) for m in (2413233, 2413234, 2413240, 2413241, 2413247, 2413248, 2413254,
                           2413255, 2413261, 2413262, 2413268, 2413269)] + \
       [(222, m) for m in (2413426, 2413425, 2413433, 2413432, 2413486, 2413485, 2413497,
                           2413496, 2413504, 2413503, 2413515, 2413514)]


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(os.path.dirname(root), "shared", "data",
                                                   "beijing2022"))
    ap.add_argument("--out", default=os.path.join(root, "tests", "data", "beijing2022", "judged"))
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        sys.exit(f"convert_judged: no data folder {args.data}")
    os.makedirs(args.out, exist_ok=True)
    index = []
    jobs = [(sport, match, park_phase) for sport, match in PARK]
    for sport, match, how in jobs:
        rsc, name = rsc_of(args.data, sport, match)
        phase = rsc.rstrip("-")
        competitors, perfs, official, notes, config = how(args.data, sport, match)
        score = {"format": "podium-score/1", "discipline": DISCIPLINE[sport],
                 "event": rsc[:22].rstrip("-"), "kind": "judged", "config": config,
                 "competitors": competitors, "performances": perfs}
        expected = {"event": phase, "name": name, "source": SOURCE.format(sport=sport, match=match),
                    "notes": notes, "results": official}
        write_json(os.path.join(args.out, f"{phase}.json"), score)
        write_json(os.path.join(args.out, f"{phase}.official.json"), expected)
        index.append({"discipline": DISCIPLINE[sport], "event": phase, "name": name,
                      "kind": "judged", "file": f"{phase}.json",
                      "official": f"{phase}.official.json"})
    write_json(os.path.join(args.out, "index.json"), {"events": index})
    print(f"convert_judged: {len(index)} phases written to {args.out}")


if __name__ == "__main__":
    main()
