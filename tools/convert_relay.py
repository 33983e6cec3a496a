#!/usr/bin/env python3
"""Convert the Beijing 2022 relays into podium-score/1 test data (kind "relay").

Reads the NBC Olympics / Gracenote results feed (../shared/data/beijing2022)
and writes, for each relay, EVENT.json (score file) and EVENT.official.json
(what was published) under tests/data/beijing2022/relay/, with index.json, in
the layout of tools/convert_timed.py (the helpers of tools/feedlib.py and the
IRM reading of convert_timed.py), so that tests/feed/test_beijing_timed.c runs
them the same way.

What the feed has for a relay: per team the rank, the time (c_ResultAbs,
n_TimeAbs), the gap (c_Result), the IRM (LAP teams carry a rank), the members
in leg order (TeamMemberList) and, in biathlon, the shooting totals as
"penalty loops + spare rounds" (c_ResultInfo_1). It has no leg times and no
per-stage shooting, so the score files give the team time, the totals and
each leg's athlete; the finish order (photo finish) of the teams that started
together is their published rank, as a timing system would deliver it.

Python 3 standard library only. Rerun from the repository root:

    python3 tools/convert_relay.py [--data DIR] [--out DIR]
"""

import convert_timed as ct
from feedlib import SOURCE, arguments, competitor, load, rsc_of, write_event, write_index

# (discipline, sport id, match, config, leg athletes, photo finish)
# legs: "position" - member n_Position k skis leg k; "bib" - members grouped by the
# suffix of their bib (luge: the doubles sled is leg 3, two members "14-3");
# "alternate" - two members, six legs A B A B A B (FIS team sprint).
EVENTS = [
    ("BTH", 218, 1937891, {"precision": "0.1", "legs": 4, "shooting_stages": 2}, "position", True),
    ("BTH", 218, 1937892, {"precision": "0.1", "legs": 4, "shooting_stages": 2}, "position", True),
    ("BTH", 218, 1937893, {"precision": "0.1", "legs": 4, "shooting_stages": 2}, "position", True),
    ("CCS", 220, 1937868, {"precision": "0.1", "legs": 4}, "position", True),
    ("CCS", 220, 1937869, {"precision": "0.1", "legs": 4}, "position", True),
    ("CCS", 220, 2412673, {"precision": "0.01", "legs": 6}, "alternate", True),
    ("CCS", 220, 2412696, {"precision": "0.01", "legs": 6}, "alternate", True),
    ("LUG", 214, 1939957, {"precision": "0.001", "legs": 3}, "bib", False),
]


def legs_of(p, how, nlegs):
    members = sorted(p.get("TeamMemberList") or [], key=lambda m: m["n_Position"])
    names = [m["c_Person"] for m in members]
    if how == "alternate":
        if len(names) != 2:
            raise SystemExit(f"{p['c_Participant']}: a team sprint team of {len(names)}")
        return [names[i % 2] for i in range(nlegs)]
    if how == "bib":
        groups = {}
        for m in members:
            groups.setdefault(int(m["c_Bib"].rsplit("-", 1)[1]), []).append(m["c_Person"])
        legs = [" / ".join(groups[k]) for k in sorted(groups)]
    else:
        legs = names
    if len(legs) != nlegs:
        raise SystemExit(f"{p['c_Participant']}: {len(legs)} legs, {nlegs} configured")
    return legs


def shooting_of(text):
    """'3 + 13' -> (3, 13): penalty loops + spare rounds."""
    loops, spares = (int(x) for x in text.split("+"))
    return loops, spares


def event_relay(data, sport, match, config, how, photo):
    doc = load(data, sport, match)
    plist = doc["Result"]["PhaseList"][0]["ParticipantList"]
    competitors, perfs, official, notes = [], [], [], []
    for p in plist:
        pid = str(p["n_ParticipantID"])
        competitors.append(competitor(p))
        irm = ct.irm_of(p)
        perf = {"competitor": pid}
        if irm:
            perf["irm"] = irm
        else:
            perf["time_ms"] = p["n_TimeAbs"]
        if photo and p.get("n_Rank") is not None and irm in ("", "LAP"):
            perf["finish"] = p["n_Rank"]
        row = {"competitor": pid, "rank": p.get("n_Rank"),
               "result": "" if irm else p["c_ResultAbs"],
               "behind": p["c_Result"] if (p.get("c_Result") or "").startswith("+") else "",
               "irm": irm}
        if p.get("c_ResultInfo_1"):
            loops, spares = shooting_of(p["c_ResultInfo_1"])
            perf["penalty_loops"], perf["spare_rounds"] = loops, spares
            row["shooting"] = f"{loops}+{spares}"
            row["penalty_loops"], row["spare_rounds"] = str(loops), str(spares)
        athletes = legs_of(p, how, config["legs"])
        perf["legs"] = [{"athlete": a} for a in athletes]
        row["legs"] = [{"leg": k + 1, "athlete": a} for k, a in enumerate(athletes)]
        perfs.append(perf)
        official.append(row)
    return competitors, perfs, official, notes


def main():
    args = arguments(__doc__, "convert_relay", "beijing2022", "relay")
    index = []
    for discipline, sport, match, config, how, photo in EVENTS:
        rsc, name = rsc_of(args.data, sport, match)
        event = rsc[:22].rstrip("-")
        competitors, perfs, official, notes = event_relay(args.data, sport, match, config, how,
                                                          photo)
        score = {"format": "podium-score/1", "discipline": discipline, "event": event,
                 "kind": "relay", "config": config, "competitors": competitors,
                 "performances": perfs}
        expected = {"event": event, "name": name,
                    "source": SOURCE.format(sport=sport, match=match), "notes": notes,
                    "results": official}
        write_event(args.out, index, discipline, event, name, "relay", score, expected)
    write_index(args.out, index)
    print(f"convert_relay: {len(index)} events written to {args.out}")


if __name__ == "__main__":
    main()
