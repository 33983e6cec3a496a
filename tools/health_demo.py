#!/usr/bin/env python3
"""A simulated closed-loop population for the health service (docs/health.md, "Demo").

Participants arrive at the airport from 23 January 2022, are tested every day they are in
the loop, and leave by 21 February; exactly 437 of them become new cases, at random, among
exactly 1,873,113 tests: the published Games-time figures (Beijing 2022). A case's later
tests come from isolation with a rising Ct until release; two close contacts are linked to
each case; a few results fall in the grey zone and a few health reports carry a fever.
Deterministic (seeded): the same observations every run.

Writes batch observations (JSON, one a line) to standard output, or posts them to a
running server:  health_demo.py --post http://127.0.0.1:8080 --token pd_...
Standard library only.
"""
import argparse
import datetime
import json
import random
import sys
import http.client
import urllib.parse

TESTS = 1_873_113      # Games-time PCR tests, 23 January to 20 February 2022
POSITIVES = 437        # Games-time confirmed cases (airport and closed loop)
FIRST = datetime.date(2022, 1, 23)
LAST = datetime.date(2022, 2, 20)
BATCH = 2500
BODY_MAX = 240_000  # under the server's 256 KiB body and observation limit


def day_text(offset):
    return (FIRST + datetime.timedelta(days=offset)).isoformat()


def population(rng):
    """(arrival offset, departure offset) per participant; tests on arrival..departure-1."""
    span = (LAST - FIRST).days + 1
    stays, total = [], 0
    while total < TESTS:
        arrival = min(int(rng.expovariate(1 / 1.2)), span - 3)
        departure = max(span - int(rng.expovariate(1 / 1.5)), min(arrival + 6, span))
        tests = departure - arrival
        if total + tests > TESTS:
            departure = arrival + (TESTS - total)
            tests = departure - arrival
        stays.append((arrival, departure))
        total += tests
    return stays


def isolation_cts(rng):
    """Ct of the daily tests after a positive: rising until two results >= 35."""
    values = [rng.uniform(25, 33) for _ in range(rng.randint(1, 6))]
    return values + [rng.uniform(35, 37.5), rng.uniform(37.5, 39.9)]


def generate(rng):
    stays = population(rng)
    n = len(stays)
    weights = [d - a for a, d in stays]
    cases = {}
    while len(cases) < POSITIVES:
        i = rng.choices(range(n), weights)[0]
        a, d = stays[i]
        if i not in cases and d - a >= 1:
            # a simulated split: about 4 cases in 10 found by the arrival test
            cases[i] = a if rng.random() < 0.4 else rng.randint(a, d - 1)
    days = {}

    def add(offset, item):
        days.setdefault(offset, []).append(item)

    for i, (a, d) in enumerate(stays):
        person = "P%06d" % i
        add(a, {"type": "arrival", "person": person, "venue": "H%03d" % (i % 120),
                "group": "athlete" if i % 10 == 0 else "other", "day": day_text(a),
                "vaccinated": True, "predeparture_hours": [rng.randint(73, 96),
                                                           rng.randint(12, 48)]})
        case_day = cases.get(i)
        after = []
        for t in range(a, d):
            site = "airport" if t == a else "loop"
            ct = None
            if case_day is not None and t == case_day:
                ct = "%.2f" % rng.uniform(18, 34.99)
                after = isolation_cts(rng)
                for k in range(2):
                    contact = rng.randrange(n)
                    ca, cd = stays[contact]
                    if contact != i and ca <= t < cd and contact not in cases:
                        add(t, {"type": "contact", "person": "P%06d" % contact, "case": person,
                                "day": day_text(t)})
            elif after:
                ct = "%.2f" % after.pop(0)
                site = "isolation"
            elif rng.random() < 1 / 40000:
                ct = "%.2f" % rng.uniform(35, 39.99)  # grey zone
            add(t, {"type": "test", "person": person, "day": day_text(t), "site": site,
                    "ct": ct})
            if rng.random() < 1 / 5000:
                add(t, {"type": "report", "person": person, "day": day_text(t),
                        "temperature": "37.6", "symptoms": False})
        if d <= (LAST - FIRST).days:
            add(d, {"type": "departure", "person": person, "day": day_text(d)})
    for offset in sorted(days):
        # arrivals first, then the day's events, departures last
        items = sorted(days[offset], key=lambda it: {"arrival": 0, "departure": 2}.get(
            it["type"], 1))
        batch, size = [], 0
        for it in items:
            length = len(json.dumps(it, separators=(",", ":"))) + 1
            if batch and (len(batch) == BATCH or size + length > BODY_MAX):
                yield {"type": "batch", "items": batch}
                batch, size = [], 0
            batch.append(it)
            size += length
        if batch:
            yield {"type": "batch", "items": batch}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--post", metavar="URL", help="server to post to (else stdout)")
    parser.add_argument("--token", help="a health token (podium token add --role health)")
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    count = 0
    connection = None
    if args.post:
        # one kept-alive connection (the server answers writes once they are durable)
        url = urllib.parse.urlsplit(args.post)
        connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=120)
    for batch in generate(rng):
        text = json.dumps(batch, separators=(",", ":"))
        if connection:
            connection.request("POST", "/api/loop/observations", body=text.encode(),
                               headers={"Content-Type": "application/json",
                                        "Authorization": "Bearer " + (args.token or "")})
            answer = connection.getresponse()
            body = answer.read()
            if answer.status != 201:
                sys.exit("health_demo: batch %d: %d %s" % (count + 1, answer.status,
                                                          body[:200].decode(errors="replace")))
        else:
            sys.stdout.write(text + "\n")
        count += 1
    print("health_demo: %d batch observations" % count, file=sys.stderr)


if __name__ == "__main__":
    main()
