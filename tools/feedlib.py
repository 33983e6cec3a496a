"""What the Beijing 2022 converters share: reading the results feed, writing test data.

The feed is the NBC Olympics / Gracenote results feed as collected in
billyfryer/Beijing-Olympics-Data-Repo (../shared/data/beijing2022, next to the
repository): one JSON per unit or phase under NNN-JSONs/ (NNN the sport id)
and one schedule per sport under Sport-Schedules/. The converters
(convert_timed.py, convert_relay.py, convert_judged.py, convert_ssk_massstart.py)
read it with these helpers and write, per event, a podium-score/1 file, the
published results beside it and an index, in one layout.

Python 3 standard library only.
"""

import argparse
import csv
import json
import os
import sys

SOURCE = ("NBC Olympics results feed (Gracenote), Beijing 2022, as collected in "
          "billyfryer/Beijing-Olympics-Data-Repo, Data/{sport}-JSONs/{match}.json")
# the feed's spellings of Podium's IRMs (score.md): WDR is ODF's "withdrawn"
IRM_ALIASES = {"WDR": "WD", "DQ": "DSQ"}


def one(value):
    """The feed wraps some scalars in one-element lists."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def load(data, sport, match):
    """The feed's JSON of one unit or phase (match) of a sport."""
    with open(os.path.join(data, f"{sport}-JSONs", f"{match}.json"), encoding="utf-8") as f:
        return json.load(f)


def rsc_of(data, sport, match):
    """(RSC code, event name) of a match, from the sport's schedule."""
    with open(os.path.join(data, "Sport-Schedules", f"{sport}_Sport_Schedule.csv"),
              encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            if row["n_MatchID"] == str(match):
                return row["c_RSCCode"], row["GenderEvent.c_Name"]
    raise SystemExit(f"match {match} not in the {sport} schedule")


def competitor(p):
    """A score file's competitor from a feed row."""
    return {"id": str(p["n_ParticipantID"]), "name": p["c_Participant"],
            "noc": (p.get("NOC") or {}).get("c_Short") or "", "bib": p.get("c_Bib") or ""}


def odf_irm(p):
    """A feed row's ODF IRM field, as Podium spells it ("" when none)."""
    raw = p.get("c_ODF_IRM") or ""
    return IRM_ALIASES.get(raw, raw)


def unique_rows(rows, notes):
    """The feed rows, each participant once: a repeated row is skipped and noted."""
    seen = set()
    for p in rows:
        pid = str(p["n_ParticipantID"])
        if pid in seen:
            notes.append(f"{p['c_Participant']} is listed twice in the feed; the copy is ignored")
            continue
        seen.add(pid)
        yield p


def arguments(doc, name, *out):
    """
    The command line every converter takes: --data (the feed folder, by default
    ../shared/data/beijing2022 next to the repository) and --out (by default
    tests/data/OUT... in the repository). Exits when there is no data folder;
    creates the output folder.
    """
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(os.path.dirname(root), "shared", "data",
                                                   "beijing2022"))
    ap.add_argument("--out", default=os.path.join(root, "tests", "data", *out))
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        sys.exit(f"{name}: no data folder {args.data}")
    os.makedirs(args.out, exist_ok=True)
    return args


def write_json(path, value):
    """value as JSON, one-space indent, UTF-8 as is, a final newline."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)
        f.write("\n")


def write_event(out, index, discipline, event, name, kind, score, expected):
    """Write EVENT.json (score) and EVENT.official.json (expected) and list them in index."""
    write_json(os.path.join(out, f"{event}.json"), score)
    write_json(os.path.join(out, f"{event}.official.json"), expected)
    index.append({"discipline": discipline, "event": event, "name": name, "kind": kind,
                  "file": f"{event}.json", "official": f"{event}.official.json"})


def write_index(out, index):
    """index.json: the events written."""
    write_json(os.path.join(out, "index.json"), {"events": index})
