#!/usr/bin/env python3
"""Fill a podium log with the Beijing 2022 races of the committed test data.

usage: beijing_log.py URL TOKEN [DATA_DIR]

Posts, to a running `podium serve`, every performance of every score file
listed in DATA_DIR/index.json (default tests/data/beijing2022/timed: the 43
races the server scores today: alpine, biathlon, cross-country, luge,
skeleton, bobsleigh, speed skating), each to its unit (run k of a
multi-run event goes to the k-th unit of the final phase), in start order,
then marks every unit OFFICIAL. The log that results is what `make bench`
replays: the whole of those Games' timed races through every engine.
Prints counts, and the refusals by event (a performance the server does not
take: e.g. a team's athletes where the programme lists the team); exits 1
only if nothing was stored. Python 3 standard library.
"""
import json
import os
import sys
import urllib.error
import urllib.request

URL, TOKEN = sys.argv[1], sys.argv[2]
DATA = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "beijing2022", "timed")


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(URL + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
        req.add_header("Authorization", "Bearer " + TOKEN)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def main():
    with open(os.path.join(DATA, "index.json")) as f:
        index = json.load(f)["events"]
    _, programme = call("GET", "/api/programme")
    posted = refused = 0
    refused_by_event = {}
    for entry in index:
        with open(os.path.join(DATA, entry["file"])) as f:
            doc = json.load(f)
        code = entry["event"].replace(".", "")
        units = [u for u in programme["units"]
                 if u["event"].startswith(code) and u["event"][len(code):].strip("-") == ""
                 and u["rsc"][22:25] == "FNL"]
        units.sort(key=lambda u: u["rsc"])
        if not units:
            print("no units for %s" % entry["event"], file=sys.stderr)
            refused += 1
            continue
        for perf in doc["performances"]:
            run = perf.get("run", 1)
            unit = units[min(run, len(units)) - 1]["rsc"]
            status, answer = call("POST", "/api/units/%s/observations" % unit, perf)
            if status == 201:
                posted += 1
            else:
                refused += 1
                refused_by_event[entry["event"]] = refused_by_event.get(entry["event"], 0) + 1
                if refused <= 3:
                    print("%s %s: %d %s" % (unit, perf.get("competitor"), status,
                                            answer.get("message")), file=sys.stderr)
        for u in units:
            status, answer = call("POST", "/api/units/%s/status" % u["rsc"],
                                  {"status": "OFFICIAL"})
            posted += status == 201
            if status != 201:
                refused += 1
                print("%s OFFICIAL: %d %s" % (u["rsc"], status, answer.get("message")),
                      file=sys.stderr)
    print("events=%d observations=%d refused=%d" % (len(index), posted, refused))
    for event, n in sorted(refused_by_event.items()):
        print("refused %s: %d" % (event, n))
    sys.exit(1 if posted == 0 else 0)


main()
