#!/usr/bin/env python3
"""Convert the Beijing 2022 speed skating mass starts into podium-score/1 test data.

Reads the NBC Olympics / Gracenote results feed collected in
billyfryer/Beijing-Olympics-Data-Repo (../shared/data/beijing2022, sport 103)
and writes, for each race of the men's and women's mass start (semi-finals 1
and 2, final), two files under tests/data/beijing2022/ssk-mass-start/:

  RACE.json           the score file (kind "ssk-mass-start"): per skater the
                      finish time or the laps completed, the position over
                      the finish line, the place in each intermediate sprint,
                      IRMs and the Referee's advancement (ADV);
  RACE.official.json  what was published: rank, points, IRM, time, laps and
                      the qualification mark of every skater;

and index.json listing them. tests/feed/test_beijing_timed.c (generic over
kinds) scores every score file and compares the output with the official file.

The feed publishes each skater's point total, not the sprint placings, so they
are derived (and the derivation is checked against every total):
- the order over the finish line is the order of the finish times; equal
  hundredths are ordered by the points (the one who got the final sprint's
  better place has more of them: men's final LEE 20 before MANTIA 10, both
  7:47.20), then by the published rank;
- the first six over the line earn 60, 40, 20, 10, 6 and 3; what a skater has
  beyond that (at most 9) comes from the three intermediate sprints (3, 2, 1);
- the intermediate points are split into sprint places by a search: skaters
  with more points first, each sprint's places 1, 2, 3 held by one skater at
  most, the first valid assignment in sprint order with the better place tried
  first. The split is not unique (6 = 3 + 3 or 3 + 2 + 1), so only the totals
  are a reproduction; places left free are noted (a disqualified skater's
  points are not in the feed).

Python 3 standard library only. Rerun from the repository root:

    python3 tools/convert_ssk_massstart.py [--data DIR] [--out DIR]
"""

import sys

from feedlib import SOURCE, arguments, competitor, load, odf_irm, write_event, write_index

SPORT = 103  # speed skating, in the feed's sport ids
# ISU Rule 253 (2021/22), as applied at Beijing 2022
SPRINT_POINTS = [3, 2, 1]
FINAL_POINTS = [60, 40, 20, 10, 6, 3]
LAPS = 16
SPRINTS = 3
QUALIFY = 8  # the best 8 of each semi-final go to the final
# (match, gender, phase code, races)
MATCHES = [(2411399, "M", "SFNL"), (2411400, "M", "FNL-"),
           (2411451, "W", "SFNL"), (2411452, "W", "FNL-")]
NAMES = {"M": "Men's Mass Start", "W": "Women's Mass Start"}


def present(value):
    return value not in (None, "", {}, [])


def parse_time(text):
    """'7:47.11' -> 467110 ms."""
    minutes, rest = text.split(":") if ":" in text else ("0", text)
    seconds, frac = rest.split(".")
    return (int(minutes) * 60 + int(seconds)) * 1000 + int(frac.ljust(3, "0"))


def split_sprints(totals):
    """totals: {competitor: intermediate points}. Returns {competitor: [place per sprint]}
    (0 = none) or None when no assignment exists."""
    order = sorted(totals, key=lambda c: -totals[c])
    taken = [[False] * len(SPRINT_POINTS) for _ in range(SPRINTS)]
    places = {c: [0] * SPRINTS for c in totals}

    def assign(i):
        if i == len(order):
            return True
        c = order[i]

        def sprint(s, left):
            if s == SPRINTS:
                return left == 0 and assign(i + 1)
            for place in range(1, len(SPRINT_POINTS) + 1):
                value = SPRINT_POINTS[place - 1]
                if value <= left and not taken[s][place - 1]:
                    taken[s][place - 1] = True
                    places[c][s] = place
                    if sprint(s + 1, left - value):
                        return True
                    taken[s][place - 1] = False
                    places[c][s] = 0
            # or no place in this sprint, when the later sprints can still pay the rest
            return left <= SPRINT_POINTS[0] * (SPRINTS - s - 1) and sprint(s + 1, left)

        return sprint(0, totals[c])

    return places if assign(0) else None


def convert_race(phase, rsc_phase, gender):
    rows = phase["ParticipantList"]
    is_semi = rsc_phase == "SFNL"
    competitors, perfs, official, notes = [], [], [], []
    skaters = []
    for p in rows:
        pid = str(p["n_ParticipantID"])
        irm = odf_irm(p)
        laps = int(p["c_ResultInfo_1"]) if present(p.get("c_ResultInfo_1")) else None
        time_text = p.get("c_ResultInfo_2") if present(p.get("c_ResultInfo_2")) else ""
        points = p["n_PointsAbs"] // 1000 if present(p.get("n_PointsAbs")) else 0
        rank = p["n_Rank"] if present(p.get("n_Rank")) else None
        skaters.append({"id": pid, "irm": irm, "laps": laps, "time": time_text,
                        "ms": parse_time(time_text) if time_text else None, "points": points,
                        "rank": rank, "mark": p.get("c_ODF_QualificationMark") or "",
                        "name": p["c_Participant"]})
        competitors.append(competitor(p))
    # the order over the line: time, then points (the better final sprint place), then rank
    finishers = [s for s in skaters if s["ms"] is not None and s["irm"] in ("", "DSQ")]
    finishers.sort(key=lambda s: (s["ms"], -s["points"], s["rank"] or 999))
    for position, s in enumerate(finishers, 1):
        s["finish"] = position
    totals = {}
    for s in skaters:
        if s["irm"]:
            continue
        final = FINAL_POINTS[s["finish"] - 1] if s.get("finish", 99) <= len(FINAL_POINTS) else 0
        rest = s["points"] - final
        if not 0 <= rest <= SPRINTS * SPRINT_POINTS[0]:
            sys.exit(f"convert_ssk_massstart: {s['name']}: {s['points']} points, "
                     f"{final} from the final sprint: cannot be split")
        if rest:
            totals[s["id"]] = rest
    places = split_sprints(totals)
    if places is None:
        sys.exit(f"convert_ssk_massstart: {phase['c_Phase']}: no sprint placings give the totals")
    held = sum(SPRINT_POINTS[p - 1] for c in places for p in places[c] if p)
    if held != SPRINTS * sum(SPRINT_POINTS):
        free = [(s + 1, pl + 1) for s in range(SPRINTS) for pl in range(len(SPRINT_POINTS))
                if not any(places[c][s] == pl + 1 for c in places)]
        dsq = [s["name"] for s in skaters if s["irm"] == "DSQ"]
        notes.append(f"the points in the feed hold {held} of the {SPRINTS * sum(SPRINT_POINTS)} "
                     f"intermediate sprint points: places (sprint, place) {free} left free "
                     f"(disqualified: {', '.join(dsq) or 'none'}; their points are void)")
    for s in skaters:
        perf = {"competitor": s["id"]}
        if s["irm"]:
            perf["irm"] = s["irm"]
        if s["irm"] in ("", "DSQ") and s["ms"] is not None:
            perf["time_ms"] = s["ms"]
            perf["finish"] = s["finish"]
        elif not s["irm"]:
            perf["laps"] = s["laps"]
        if not s["irm"]:
            perf["sprints"] = places.get(s["id"], [0] * SPRINTS)
        if s["mark"] == "ADV":
            perf["advanced"] = True
        perfs.append(perf)
        want = {"competitor": s["id"], "rank": s["rank"],
                "result": str(s["points"]) if not s["irm"] and s["points"] else "",
                "irm": s["irm"], "time": s["time"], "qualified": s["mark"]}
        if not s["irm"]:
            want["laps"] = str(s["laps"])
            want["points"] = str(s["points"])
        official.append(want)
        if s["irm"] == "DSQ" and s["ms"] is not None:
            notes.append(f"{s['name']}: DSQ with the finish time {s['time']}"
                         f" (position {s['finish']} over the line; no points)")
        if not s["irm"] and s["laps"] != LAPS:
            notes.append(f"{s['name']}: {s['laps']} laps, ranked {s['rank']} after the finishers")
    config = {"laps": LAPS, "sprints": SPRINTS}
    if is_semi:
        config["qualify"] = QUALIFY
    return competitors, perfs, official, notes, config


def main():
    args = arguments(__doc__, "convert_ssk_massstart", "beijing2022", "ssk-mass-start")
    index = []
    advancing = {}
    for match, gender, rsc_phase in MATCHES:
        doc = load(args.data, SPORT, match)
        phases = doc["Result"]["PhaseList"]
        for unit, phase in enumerate(phases, 1):
            race = f"SSK{gender}MS----------------{rsc_phase}{unit:04d}00--"
            competitors, perfs, official, notes, config = convert_race(phase, rsc_phase, gender)
            if rsc_phase == "SFNL":
                advancing.setdefault(gender, set()).update(
                    o["competitor"] for o in official if o["qualified"] in ("Q", "ADV"))
            else:
                finalists = {c["id"] for c in competitors}
                if finalists != advancing.get(gender):
                    sys.exit(f"convert_ssk_massstart: {race}: the finalists are not the "
                             f"semi-finals' qualifiers")
            score = {"format": "podium-score/1", "discipline": "SSK",
                     "event": f"SSK{gender}MS", "kind": "ssk-mass-start", "config": config,
                     "competitors": competitors, "performances": perfs}
            name = f"{NAMES[gender]}, {phase['c_Phase']}"
            expected = {"event": race, "name": name,
                        "source": SOURCE.format(sport=SPORT, match=match),
                        "notes": notes, "results": official}
            write_event(args.out, index, "SSK", race, name, "ssk-mass-start", score, expected)
    write_index(args.out, index)
    print(f"convert_ssk_massstart: {len(index)} races written to {args.out}")


if __name__ == "__main__":
    main()
