#!/usr/bin/env python3
"""Convert the Beijing 2022 medallists into a podium-score/1 file of kind "medals".

Source: the NBC Olympics results feed (Gracenote) as collected in the public
repository billyfryer/Beijing-Olympics-Data-Repo, folder Data/Event-Matches/
(one CSV per sport, one row per event with its first three places:
c_RankN{Participant,NOC...}), copied under ../shared/data/beijing2022. The
feed is the state of 20 February 2022 (the figure skating team event as it
stood then).

Writes tests/data/medals/owg2022.json: one competitor per NOC that won a
medal, one performance per ranked entry {"competitor": NOC, "event": the
event's RSC prefix, "entry": the athlete's id, or for a pair or team
"EVENT-place-N" (the feed does not tell one crew of an NOC from another), "rank":
1-3}.

Usage: python3 tools/convert_medals.py [--data DIR] [--out FILE]
"""
import argparse
import csv
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "beijing2022"))
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "medals", "owg2022.json"))
    args = ap.parse_args()
    nocs = {}
    perfs = []
    events = set()
    for path in sorted(glob.glob(os.path.join(args.data, "Event-Matches", "*_Event_Matches.csv"))):
        for row in csv.DictReader(open(path, encoding="utf-8")):
            event = row["c_RSCCode"][:22].rstrip("-")
            if event in events:
                sys.exit("%s: event %s twice" % (path, event))
            events.add(event)
            for rank in (1, 2, 3):
                p = "c_Rank%d" % rank
                noc = row[p + "NOCShort"]
                if noc == "NA":
                    sys.exit("%s: %s has no rank %d" % (path, event, rank))
                # a pair entered as two people (curling mixed doubles) reads "ITA; ITA"
                parts = set(noc.split("; "))
                if len(parts) != 1:
                    sys.exit("%s: %s rank %d spans NOCs %s" % (path, event, rank, noc))
                noc = parts.pop()
                nocs[noc] = row[p + "NOC"].split("; ")[0]
                # Each place is one entry (athlete, pair or team). The feed's team
                # ids name the NOC's team, not the sled or crew (three German
                # two-man bobs all read team 1450), so teams are named by place.
                person = row["n_Rank%dPersonID" % rank]
                entry = person if person not in ("NA", "0") else "%s-place-%d" % (event, rank)
                perfs.append({"competitor": noc, "event": event, "entry": entry, "rank": rank})
    doc = {"format": "podium-score/1", "discipline": "OWG", "event": "OWG2022",
           "kind": "medals", "config": {},
           "competitors": [{"id": n, "name": nocs[n], "noc": n} for n in sorted(nocs)],
           "performances": perfs}
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("{\n")
        for key in ("format", "discipline", "event", "kind", "config"):
            out.write(' "%s": %s,\n' % (key, json.dumps(doc[key])))
        for key in ("competitors", "performances"):
            out.write(' "%s": [\n' % key)
            items = doc[key]
            for i, item in enumerate(items):
                out.write("  " + json.dumps(item, ensure_ascii=False) + (",\n" if i + 1 < len(items) else "\n"))
            out.write(" ]%s\n" % ("," if key == "competitors" else ""))
        out.write("}\n")
    print("medals: %d events, %d medals, %d NOCs" % (len(events), len(perfs), len(nocs)))


if __name__ == "__main__":
    main()
