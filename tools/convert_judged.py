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

import itertools
from decimal import Decimal

from feedlib import (SOURCE, arguments, competitor, load, odf_irm, one, rsc_of, write_event,
                     write_index)

DISCIPLINE = {221: "FRS", 222: "SBD"}
STATES = {"DNS", "DNI", "DNF"}
# Beijing 2022 formats: 12 finalists in every park and pipe event
PARK_FINALISTS = 12


def is_score(text):
    try:
        Decimal(text)
        return True
    except Exception:
        return False


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
        irm = odf_irm(p)
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


def run_perf(cid, rnd, run, text, where):
    """One performance for a run's published score or state; None when the run is absent."""
    if text is None or text == "" or text == "-":
        return None
    perf = {"competitor": cid, "round": rnd, "run": run}
    if is_score(text):
        perf["score"] = text
    elif text in STATES:
        perf["state"] = text
    else:
        raise SystemExit(f"{where}: run {run} of round {rnd} is {text!r}")
    return perf


def event_ranks(doc):
    """The event's published final ranking (id -> rank), when the phase carries it."""
    ranking = doc["Result"].get("EventPhaseRanking")
    if not isinstance(ranking, list):
        return {}
    return {str(p["n_ParticipantID"]): p.get("n_Rank") for p in ranking}


def aerials_qualification(data, sport, match):
    """Qualification 1 (one jump, best 6 qualify) then qualification 2 for the others (best 6
    of the best of both jumps qualify): one phase in the feed, one combined ranking."""
    doc = load(data, sport, match)
    phase = doc["Result"]["PhaseList"][0]
    final_doc = load(data, sport, {2413167: 2413168, 2413174: 2413175}[match])
    ranks = event_ranks(final_doc)
    config = {"rounds": [
        {"name": "Qualification 1", "runs": 1, "advance": 6, "ties": "shared"},
        {"name": "Qualification 2", "runs": 1, "advance": 6, "second_chance": True,
         "carry": True, "ties": "shared"}], "mark": "QF"}
    competitors, perfs, official, notes = [], [], [], []
    for p in phase["ParticipantList"]:
        c = competitor(p)
        competitors.append(c)
        q1, q2 = p.get("c_ResultInfo_1"), p.get("c_ResultInfo_2")
        for rnd, text in ((1, q1), (2, q2)):
            perf = run_perf(c["id"], rnd, 1, text, c["name"])
            if perf:
                perfs.append(perf)
        result = p.get("c_Result") or ""
        mark = p.get("c_ODF_QualificationMark") or ""
        rank = p.get("n_Rank")
        if c["id"] in ranks and ranks[c["id"]] != rank and rank and rank > 12:
            notes.append(f"{c['name']}: rank {rank} in the qualification list, {ranks[c['id']]} "
                         f"in the event's final ranking (a tie at {result}); the event ranking "
                         f"is compared")
            rank = ranks[c["id"]]
        rounds = [{"result": q1 if is_score(q1 or "") else "", "runs": [q1 or ""],
                   "qualified": mark if q2 is None and mark else ""}]
        if q2 is not None:
            rounds.append({"result": result if is_score(result) else "", "runs": [q2],
                           "qualified": mark})
        official.append({"competitor": c["id"], "rank": rank,
                         "result": result if is_score(result) else "", "irm": odf_irm(p),
                         "rounds": rounds})
    return competitors, perfs, official, notes, config


def finals(data, sport, match):
    """Rounds of a final in one feed phase: moguls finals 1-3, aerials finals 1-2, aerials
    team finals 1-2. The event ranking comes from the last round, then the earlier ones."""
    doc = load(data, sport, match)
    phases = doc["Result"]["PhaseList"]
    event = one(doc["PhaseInfo"]["Event"]["c_Short"])
    if event == "MO":
        rounds = [{"name": "Final 1", "runs": 1, "advance": 12, "rank_irm": True},
                  {"name": "Final 2", "runs": 1, "advance": 6, "rank_irm": True},
                  {"name": "Final 3", "runs": 1, "rank_irm": True}]
    elif event == "AE":
        rounds = [{"name": "Final 1", "runs": 2, "advance": 6, "rank_irm": True,
                   "ties": "shared"},
                  {"name": "Final 2", "runs": 1, "rank_irm": True}]
    else:  # AET: the feed has the team totals only, so one score per team and round
        rounds = [{"name": "Final 1", "runs": 1, "counting": "sum", "advance": 4,
                   "rank_irm": True},
                  {"name": "Final 2", "runs": 1, "counting": "sum", "rank_irm": True}]
    if len(phases) != len(rounds):
        raise SystemExit(f"{match}: {len(phases)} rounds in the feed, {len(rounds)} configured")
    ranks = event_ranks(doc)
    notes = []
    if event == "AET":
        notes.append("team event: the feed gives each team's round total, not the three jumps")
    comps, order, rows, perfs = {}, [], {}, []
    for k, phase in enumerate(phases):
        multi = rounds[k]["runs"] > 1
        for p in phase["ParticipantList"]:
            c = competitor(p)
            if c["id"] not in comps:
                comps[c["id"]] = c
                order.append(c["id"])
            result = p.get("c_Result") or ""
            runs = ([p.get(f"c_ResultInfo_{i}") for i in range(1, rounds[k]["runs"] + 1)]
                    if multi else [result])
            for r, text in enumerate(runs):
                perf = run_perf(c["id"], k + 1, r + 1, text, c["name"])
                if perf:
                    perfs.append(perf)
            rows.setdefault(c["id"], []).append(
                {"rank": p.get("n_Rank"), "result": result if is_score(result) else "",
                 "irm": odf_irm(p), "runs": [t or "" for t in runs],
                 "qualified": p.get("c_ODF_QualificationMark") or ""})
    if event == "AE":
        tie_precedence(phases, perfs, notes)
    official = []
    for cid in order:
        last = rows[cid][-1]
        rank = ranks.get(cid, last["rank"]) if ranks else last["rank"]
        if rank != last["rank"]:
            raise SystemExit(f"{match}: {cid}: event rank {rank}, last round rank {last['rank']}")
        official.append({"competitor": cid, "rank": rank, "result": last["result"],
                         "irm": last["irm"], "rounds": rows[cid]})
    return [comps[i] for i in order], perfs, official, notes, {"rounds": rounds}


def tie_precedence(phases, perfs, notes):
    """Equal round results the published ranks separate: the rule that separated them is not
    established (docs/validation.md), so the published order is given as the jury's precedence."""
    for k, phase in enumerate(phases):
        by_result = {}
        for p in phase["ParticipantList"]:
            if is_score(p.get("c_Result") or ""):
                by_result.setdefault(p["c_Result"], []).append(p)
        for result, tied in by_result.items():
            if len(tied) < 2 or len({p.get("n_Rank") for p in tied}) == 1:
                continue
            names = []
            for p in tied:
                cid = str(p["n_ParticipantID"])
                names.append(f"{p['c_Participant']} {p.get('n_Rank')} "
                             f"({' '.join(p.get(f'c_ResultInfo_{i}') or '-' for i in (1, 2))})")
                for perf in perfs:
                    if perf["competitor"] == cid and perf["round"] == k + 1:
                        perf["tiebreak"] = p["n_Rank"]
            notes.append(f"{phase['c_Phase']}: tie at {result} separated in the published ranks: "
                         f"{', '.join(names)}; the precedence is an input (tiebreak)")


def moguls_qualification(data, sport, match):
    """Qualification 1 (best 10 qualify), then qualification 2 for the others, where the best
    10 of the better of both runs qualify (the feed's Q marks: men's TADE, 74.48 in
    qualification 1 and 14th on the qualification 2 run, qualified; ELOFSSON Oskar, 10th on
    the run with 73.52, did not). The feed ranks qualification 2 by that run alone and
    publishes no combined rank, so those are not compared."""
    doc = load(data, sport, match)
    standings = doc["Standings"]
    q1_id, q2_id = (r["n_PhaseID"] for r in standings["ResultPhaseList"])
    config = {"rounds": [
        {"name": "Qualification 1", "runs": 1, "advance": 10},
        {"name": "Qualification 2", "runs": 1, "advance": 10, "second_chance": True,
         "carry": True}]}
    competitors, perfs, official = [], [], []
    notes = ["qualification 2: the feed's ranks order the qualification 2 run alone; "
             "qualification follows the better of both runs; those ranks and the combined "
             "ranking are not published, so not compared"]
    for p in standings["ParticipantList"]:
        res = {r["n_PhaseID"]: r for r in p["ResultPhaseList"]}
        q1, q2 = res[q1_id], res[q2_id]
        c = competitor(p)
        competitors.append(c)
        t1, t2 = q1.get("c_Result"), q2.get("c_Result")
        for rnd, text in ((1, t1), (2, t2)):
            perf = run_perf(c["id"], rnd, 1, text, c["name"])
            if perf:
                perfs.append(perf)
        r1 = t1 if is_score(t1 or "") else ""
        irm1 = odf_irm(q1)
        mark1 = q1.get("c_ODF_QualificationMark") or ""
        round1 = {"rank": q1.get("n_Rank"), "result": r1, "irm": irm1, "runs": [t1 or ""],
                  "qualified": mark1}
        if mark1:
            official.append({"competitor": c["id"], "rank": q1.get("n_Rank"), "result": r1,
                             "irm": "", "rounds": [round1]})
            continue
        round1["qualified"] = ""
        round2 = {"runs": [t2 if t2 not in (None, "-") else ""],
                  "qualified": q2.get("c_ODF_QualificationMark") or ""}
        official.append({"competitor": c["id"], "rounds": [round1, round2]})
    competitors.sort(key=lambda c: int(c["bib"]))
    return competitors, perfs, official, notes, config


def moguls_round(data, sport, match):
    """A moguls qualification round as its own phase: qualification 1 (best 10 qualify), then
    qualification 2 for the others (best 10 qualify), each published with its own ranks."""
    doc = load(data, sport, match)
    standings = doc["Standings"]
    ids = [r["n_PhaseID"] for r in standings["ResultPhaseList"]]
    k = ids.index(match)
    config = {"rounds": [{"name": standings["ResultPhaseList"][k]["c_Phase"], "runs": 1,
                          "advance": 10}]}
    competitors, perfs, official = [], [], []
    for p in standings["ParticipantList"]:
        res = p["ResultPhaseList"][k]
        text = res.get("c_Result")
        if text is None or text == "-":
            continue  # qualified in qualification 1: not a starter of qualification 2
        c = competitor(p)
        competitors.append(c)
        perf = run_perf(c["id"], 1, 1, text, c["name"])
        if perf:
            perfs.append(perf)
        result = text if is_score(text) else ""
        mark = res.get("c_ODF_QualificationMark") or ""
        official.append({"competitor": c["id"], "rank": res.get("n_Rank"), "result": result,
                         "irm": odf_irm(res),
                         "rounds": [{"rank": res.get("n_Rank"), "result": result,
                                     "runs": [text], "qualified": mark}]})
    competitors.sort(key=lambda c: int(c["bib"]))
    return competitors, perfs, official, [], config


# (sport, match, how)
PARK = [(221, m) for m in (2413233, 2413234, 2413240, 2413241, 2413247, 2413248, 2413254,
                           2413255, 2413261, 2413262, 2413268, 2413269)] + \
       [(222, m) for m in (2413426, 2413425, 2413433, 2413432, 2413486, 2413485, 2413497,
                           2413496, 2413504, 2413503, 2413515, 2413514)]


def main():
    args = arguments(__doc__, "convert_judged", "beijing2022", "judged")
    index = []
    jobs = [(sport, match, park_phase) for sport, match in PARK]
    jobs += [(221, m, aerials_qualification) for m in (2413167, 2413174)]
    jobs += [(221, m, finals) for m in (2413168, 2413175, 2425741, 2413154, 2413161)]
    jobs += [(221, m, moguls_qualification) for m in (2413155, 2413166)]
    for sport, match, how in jobs:
        rsc, name = rsc_of(args.data, sport, match)
        # one file per phase: the moguls qualification holds both of its units
        phase = (rsc[:26] if how is moguls_qualification else rsc).rstrip("-")
        competitors, perfs, official, notes, config = how(args.data, sport, match)
        score = {"format": "podium-score/1", "discipline": DISCIPLINE[sport],
                 "event": rsc[:22].rstrip("-"), "kind": "judged", "config": config,
                 "competitors": competitors, "performances": perfs}
        expected = {"event": phase, "name": name, "source": SOURCE.format(sport=sport, match=match),
                    "notes": notes, "results": official}
        write_event(args.out, index, DISCIPLINE[sport], phase, name, "judged", score, expected)
    write_index(args.out, index)
    print(f"convert_judged: {len(index)} phases written to {args.out}")


if __name__ == "__main__":
    main()
