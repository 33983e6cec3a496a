#!/usr/bin/env python3
"""Convert the Beijing 2022 races decided by time into podium-score/1 test data.

Reads the NBC Olympics / Gracenote results feed collected in
billyfryer/Beijing-Olympics-Data-Repo (../shared/data/beijing2022, one JSON per
unit or phase) and writes, for every event it knows, two files under
tests/data/beijing2022/timed/:

  EVENT.json           the score file: competitors and each run's measured
                       time (or IRM), as a timing system would feed Podium;
  EVENT.official.json  what was published: per competitor the rank, the
                       result, the gap, the IRM and each run's time and rank.

and index.json listing them. tests/feed/test_beijing_timed.c scores every score
file and compares the output with the official file field by field.

Python 3 standard library only. Rerun from the repository root:

    python3 tools/convert_timed.py [--data DIR] [--out DIR]
"""

import sys

from feedlib import (IRM_ALIASES, SOURCE, arguments, competitor, load, rsc_of, unique_rows,
                     write_event, write_index)

IRMS = {"DNF", "DNS", "DSQ", "LAP", "WD"}


def irm_of(p):
    """The IRM of a feed row (its ODF field, or a result that is an IRM), as Podium writes it."""
    raw = p.get("c_ODF_IRM") or p.get("c_Result") or ""
    raw = IRM_ALIASES.get(raw, raw)
    return raw if raw in IRMS else ""


def misses_of(text):
    """'0 + 1 + 1 + 0' -> [0, 1, 1, 0]; None when absent."""
    if not text:
        return None
    return [int(x) for x in text.split("+")]


def official_row(p, runs, notes):
    result = p.get("c_Result") or ""
    irm = irm_of(p)
    row = {"competitor": str(p["n_ParticipantID"]), "rank": p.get("n_Rank"),
           "result": "" if irm else (p.get("c_ResultAbs") or ""),
           "behind": result if result.startswith("+") else "", "irm": irm, "runs": runs}
    if irm and row["rank"] is not None:
        # an IRM has no rank (ODF); the feed's standings of the women's giant slalom
        # carry the first-run rank of those who did not finish the second run
        notes.append(f"{p['c_Participant']} ({irm}) carries rank {row['rank']} in the feed; "
                     "an IRM is unranked")
        row["feed_rank"] = row["rank"]
        row["rank"] = None
    return row


def event_from_single(data, sport, match, penalty_ms=0, misses_field=None):
    """A one-run race: the unit's result list is the event's result."""
    doc = load(data, sport, match)
    plist = doc["Result"]["PhaseList"][0]["ParticipantList"]
    competitors, perfs, official, notes = [], [], [], []
    for p in unique_rows(plist, notes):
        pid = str(p["n_ParticipantID"])
        competitors.append(competitor(p))
        irm = irm_of(p)
        misses = misses_of(p.get(misses_field)) if misses_field else None
        perf = {"competitor": pid, "run": 1}
        if irm:
            perf["irm"] = irm
        else:
            time_ms = p["n_TimeAbs"]
            if penalty_ms and misses is not None:
                # the feed's time includes the penalty minutes (IBU 9.2.3); the score
                # file carries the measured ski time and the misses
                time_ms -= penalty_ms * sum(misses)
            perf["time_ms"] = time_ms
            if misses is not None:
                perf["misses"] = misses
        perfs.append(perf)
        run = {"run": 1, "time": "" if irm else p.get("c_ResultAbs"), "rank": p.get("n_Rank"),
               "irm": irm}
        official.append(official_row(p, [run], notes))
    return competitors, perfs, official, notes


def event_from_standings(data, sport, match):
    """A race over runs: the standings of the last unit hold every run."""
    doc = load(data, sport, match)
    st = doc["Standings"]
    phases = [ph["n_PhaseID"] for ph in st["ResultPhaseList"]]
    competitors, perfs, official, notes = [], [], [], []
    for p in unique_rows(st["ParticipantList"], notes):
        pid = str(p["n_ParticipantID"])
        competitors.append(competitor(p))
        by_phase = {r.get("n_PhaseID"): r for r in p["ResultPhaseList"]}
        runs = []
        any_irm = False
        for number, phase in enumerate(phases, start=1):
            r = by_phase.get(phase) or {}
            irm = irm_of(r)
            if irm:
                perfs.append({"competitor": pid, "run": number, "irm": irm})
                runs.append({"run": number, "time": "", "rank": None, "irm": irm})
                any_irm = True
                break
            if r.get("n_TimeAbs") is None:
                break
            perfs.append({"competitor": pid, "run": number, "time_ms": r["n_TimeAbs"]})
            runs.append({"run": number, "time": r.get("c_ResultAbs") or r.get("c_Result"),
                         "rank": r.get("n_Rank"), "irm": ""})
        row = official_row(p, runs, notes)
        if p.get("b_DidNotAdvance") and not row["irm"] and p.get("n_TimeRel") is not None:
            # cut before the last run: published with the total over the runs up to
            # the cut; the feed's relative time is the gap to the leader after that run
            row["behind_cut"] = "+" + fmt_ms(p["n_TimeRel"], run_decimals(runs))
        if row["irm"] and not any_irm:
            # an IRM for the event without a run carrying it: the next run was not started
            number = len(runs) + 1
            perfs.append({"competitor": pid, "run": number, "irm": row["irm"]})
            runs.append({"run": number, "time": "", "rank": None, "irm": row["irm"]})
        official.append(row)
    check_totals(official, notes)
    return competitors, perfs, official, notes, len(phases)


def parse_ms(text):
    """'1:55.69' -> 115690; '+0.28' -> 280."""
    text = text.lstrip("+")
    whole, _, frac = text.partition(".")
    seconds = 0
    for part in whole.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + int((frac + "000")[:3])


def run_decimals(runs):
    for r in runs:
        if r["time"]:
            return len(r["time"].partition(".")[2])
    return 2


def fmt_ms(ms, decimals):
    step = 10 ** (3 - decimals)
    ms -= ms % step
    frac = (ms % 1000) // step
    s = ms // 1000
    h, m, s = s // 3600, (s // 60) % 60, s % 60
    if h:
        return f"{h}:{m:02d}:{s:02d}.{frac:0{decimals}d}"
    if m:
        return f"{m}:{s:02d}.{frac:0{decimals}d}"
    return f"{s}.{frac:0{decimals}d}"


def check_totals(official, notes):
    """
    The published total is the leader's time plus the published gap. Where the
    feed's absolute time disagrees with that, the feed's absolute field is wrong
    (it was checked against the official results): compare with leader + gap.
    """
    leader = next((r for r in official if r["rank"] == 1 and r["result"]), None)
    if not leader:
        return
    base = parse_ms(leader["result"])
    decimals = len(leader["result"].partition(".")[2])
    wrong = []
    for r in official:
        if r["behind"] and r["result"]:
            total = fmt_ms(base + parse_ms(r["behind"]), decimals)
            if total != r["result"]:
                wrong.append(f"{r['competitor']} {r['result']} -> {total}")
                r["feed_result"] = r["result"]
                r["result"] = total
    if wrong:
        notes.append(f"the feed's c_ResultAbs/n_TimeAbs of {len(wrong)} competitors hold the "
                     "first-run time instead of the total; the official total is the leader's "
                     "time plus the published gap (c_Result): " + "; ".join(wrong[:3]) + "; ...")


def event_speed_skating(data, sport, match):
    """One distance in pairs: times in thousandths where published, else hundredths."""
    doc = load(data, sport, match)
    plist = doc["Result"]["PhaseList"][0]["ParticipantList"]
    competitors, perfs, official, notes = [], [], [], []
    for p in unique_rows(plist, notes):
        pid = str(p["n_ParticipantID"])
        competitors.append(competitor(p))
        irm = irm_of(p)
        if irm:
            perfs.append({"competitor": pid, "irm": irm})
        else:
            # the feed's n_TimeAbs has the thousandths only where they were published
            perfs.append({"competitor": pid, "time_ms": p["n_TimeAbs"]})
        row = official_row(p, [], notes)
        del row["runs"]
        rel = p.get("n_TimeRel")
        row["behind"] = "+" + fmt_ms(rel, 2) if not irm and rel else ""
        official.append(row)
    return competitors, perfs, official, notes


def event_mass_start(data, sport, match, qualifying=None):
    """
    Finish order decides: the published rank of each finisher is its position in
    the order of finish (photo finish), which is what a timing system delivers.
    In a pursuit, each competitor's gap in the qualifying sprint comes from the
    sprint's result and the published start gap ("+0:26") from the start list.
    """
    doc = load(data, sport, match)
    plist = doc["Result"]["PhaseList"][0]["ParticipantList"]
    sprint_gap, start_gap = {}, {}
    if qualifying:
        sprint = load(data, sport, qualifying)["Result"]["PhaseList"][0]["ParticipantList"]
        sprint_gap = {str(p["n_ParticipantID"]): p.get("n_TimeRel") for p in sprint}
        for p in doc["StartList"]["PhaseList"][0]["ParticipantList"]:
            start_gap[str(p["n_ParticipantID"])] = p.get("c_StartListResultInfo_1")
    competitors, perfs, official, notes = [], [], [], []
    for p in unique_rows(plist, notes):
        pid = str(p["n_ParticipantID"])
        competitors.append(competitor(p))
        irm = irm_of(p)
        perf = {"competitor": pid}
        if irm:
            perf["irm"] = irm
        else:
            perf["time_ms"] = p["n_TimeAbs"]
            perf["finish"] = p["n_Rank"]
        misses = misses_of(p.get("c_ResultInfo_1"))
        if misses is not None:
            perf["misses"] = misses
        if qualifying and sprint_gap.get(pid) is not None:
            perf["qualifying_behind_ms"] = sprint_gap[pid]
        perfs.append(perf)
        row = official_row(p, [], notes)
        del row["runs"]
        if misses is not None:
            row["shooting"] = p["c_ResultInfo_1"].replace(" ", "")
            row["misses"] = p.get("c_ResultInfo_2")
        if qualifying and start_gap.get(pid):
            row["start"] = start_gap[pid]
        official.append(row)
    return competitors, perfs, official, notes


# (discipline, sport id, match, kind, config, how)
EVENTS = [
    ("ALP", 115, 1969862, "timed", {"runs": 1, "precision": "0.01"}, "single"),
    ("ALP", 115, 1969865, "timed", {"runs": 1, "precision": "0.01"}, "single"),
    ("ALP", 115, 1969867, "timed", {"runs": 1, "precision": "0.01"}, "single"),
    ("ALP", 115, 1969870, "timed", {"runs": 1, "precision": "0.01"}, "single"),
    # Women's giant slalom: the feed's absolute totals are first-run times; the official
    # totals (HECTOR 1:55.69, BRIGNONE 1:55.97, GUT-BEHRAMI 1:56.41) are checked against
    # Olympedia, https://www.olympedia.org/results/19019513, and olympics.com
    ("ALP", 115, 2411506, "timed", {"runs": 2, "precision": "0.01"}, "standings"),
    ("ALP", 115, 2411516, "timed", {"runs": 2, "precision": "0.01"}, "standings"),
    ("ALP", 115, 2411536, "timed", {"runs": 2, "precision": "0.01"}, "standings"),
    ("ALP", 115, 2411546, "timed", {"runs": 2, "precision": "0.01"}, "standings"),
    ("ALP", 115, 2411525, "timed", {"runs": 2, "precision": "0.01"}, "standings"),
    ("ALP", 115, 2411555, "timed", {"runs": 2, "precision": "0.01"}, "standings"),
    ("BTH", 218, 1937883, "timed", {"runs": 1, "precision": "0.1"}, "single-misses"),
    ("BTH", 218, 1937884, "timed", {"runs": 1, "precision": "0.1"}, "single-misses"),
    ("BTH", 218, 1937887, "timed", {"runs": 1, "precision": "0.1", "penalty_ms": 60000},
     "single-penalty"),
    ("BTH", 218, 1937888, "timed", {"runs": 1, "precision": "0.1", "penalty_ms": 60000},
     "single-penalty"),
    ("BTH", 218, 1937885, "mass-start", {"precision": "0.1", "start": "pursuit"},
     "pursuit:1937883"),
    ("BTH", 218, 1937886, "mass-start", {"precision": "0.1", "start": "pursuit"},
     "pursuit:1937884"),
    ("BTH", 218, 1937889, "mass-start", {"precision": "0.1"}, "mass"),
    ("BTH", 218, 1937890, "mass-start", {"precision": "0.1"}, "mass"),
    ("CCS", 220, 1937862, "mass-start", {"precision": "0.1"}, "mass"),
    ("CCS", 220, 1937863, "mass-start", {"precision": "0.1"}, "mass"),
    ("CCS", 220, 1937872, "mass-start", {"precision": "0.1"}, "mass"),
    ("CCS", 220, 1937873, "mass-start", {"precision": "0.1"}, "mass"),
    ("CCS", 220, 1937870, "timed", {"runs": 1, "precision": "0.1"}, "single"),
    ("CCS", 220, 1937871, "timed", {"runs": 1, "precision": "0.1"}, "single"),
    ("SSK", 103, 1969390, "speed-skating", {"distance_m": 500}, "ssk"),
    ("SSK", 103, 1969391, "speed-skating", {"distance_m": 500}, "ssk"),
    ("SSK", 103, 1969392, "speed-skating", {"distance_m": 1000}, "ssk"),
    ("SSK", 103, 1969393, "speed-skating", {"distance_m": 1000}, "ssk"),
    ("SSK", 103, 1969394, "speed-skating", {"distance_m": 1500}, "ssk"),
    ("SSK", 103, 1969395, "speed-skating", {"distance_m": 1500}, "ssk"),
    ("SSK", 103, 1969396, "speed-skating", {"distance_m": 5000}, "ssk"),
    ("SSK", 103, 1969397, "speed-skating", {"distance_m": 3000}, "ssk"),
    ("SSK", 103, 1969398, "speed-skating", {"distance_m": 10000}, "ssk"),
    ("SSK", 103, 1969399, "speed-skating", {"distance_m": 5000}, "ssk"),
    ("BOB", 213, 2411654, "sliding", {"runs": 4, "precision": "0.01",
                                      "cut": {"after_run": 3, "best": 20}}, "standings"),
    ("BOB", 213, 2411706, "sliding", {"runs": 4, "precision": "0.01",
                                      "cut": {"after_run": 3, "best": 20}}, "standings"),
    ("BOB", 213, 2411710, "sliding", {"runs": 4, "precision": "0.01",
                                      "cut": {"after_run": 3, "best": 20}}, "standings"),
    ("BOB", 213, 2411738, "sliding", {"runs": 4, "precision": "0.01",
                                      "cut": {"after_run": 3, "best": 20}}, "standings"),
    ("LUG", 214, 2412773, "sliding", {"runs": 4, "precision": "0.001",
                                      "cut": {"after_run": 3, "best": 20}}, "standings"),
    ("LUG", 214, 2412797, "sliding", {"runs": 4, "precision": "0.001",
                                      "cut": {"after_run": 3, "best": 20}}, "standings"),
    ("LUG", 214, 2412819, "sliding", {"runs": 2, "precision": "0.001"}, "standings"),
    ("SKN", 307, 2412933, "sliding", {"runs": 4, "precision": "0.01",
                                      "cut": {"after_run": 3, "best": 20}}, "standings"),
    ("SKN", 307, 2412961, "sliding", {"runs": 4, "precision": "0.01",
                                      "cut": {"after_run": 3, "best": 20}}, "standings"),
]


def main():
    args = arguments(__doc__, "convert_timed", "beijing2022", "timed")
    index = []
    for discipline, sport, match, kind, config, how in EVENTS:
        rsc, name = rsc_of(args.data, sport, match)
        event = rsc[:22].rstrip("-")
        if how == "standings":
            competitors, perfs, official, notes, nruns = event_from_standings(args.data, sport,
                                                                              match)
            if nruns != config["runs"]:
                sys.exit(f"{event}: {nruns} runs in the feed, {config['runs']} configured")
        elif how == "mass" or how.startswith("pursuit:"):
            qualifying = int(how.split(":")[1]) if ":" in how else None
            competitors, perfs, official, notes = event_mass_start(args.data, sport, match,
                                                                   qualifying)
        elif how == "ssk":
            competitors, perfs, official, notes = event_speed_skating(args.data, sport, match)
        else:
            competitors, perfs, official, notes = event_from_single(
                args.data, sport, match, config.get("penalty_ms", 0),
                "c_ResultInfo_1" if how != "single" else None)
        score = {"format": "podium-score/1", "discipline": discipline, "event": event,
                 "kind": kind, "config": config, "competitors": competitors,
                 "performances": perfs}
        expected = {"event": event, "name": name, "source": SOURCE.format(sport=sport,
                                                                          match=match),
                    "notes": notes, "results": official}
        write_event(args.out, index, discipline, event, name, kind, score, expected)
    write_index(args.out, index)
    print(f"convert_timed: {len(index)} events written to {args.out}")


if __name__ == "__main__":
    main()
