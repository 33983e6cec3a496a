#!/usr/bin/env python3
"""A day's results through a running `podium serve` (docs/performance.md).

Posts the demo's observations (tools/health_demo.py > demo.jsonl) up to the day before DAY,
then times DAY's batches (each answered once durable and applied) and the first
GET /api/loop/figures after them (every participant's status recomputed).
usage: health_day.py demo.jsonl PORT TOKEN DAY     Standard library only.
"""
import http.client
import json
import sys
import time


def main():
    path, port, token, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def post(line):
        conn.request("POST", "/api/loop/observations", body=line.encode(),
                     headers={"Content-Type": "application/json",
                              "Authorization": "Bearer " + token})
        answer = conn.getresponse()
        answer.read()
        if answer.status != 201:
            sys.exit("health_day: status %d" % answer.status)

    lines = open(path).read().splitlines()
    day_of = [json.loads(line)["items"][0]["day"] for line in lines]
    today = [line for line, day in zip(lines, day_of) if day == target]
    for line, day in zip(lines, day_of):
        if day < target:
            post(line)
    results = sum(sum(1 for it in json.loads(line)["items"] if it["type"] == "test")
                  for line in today)
    t0 = time.time()
    for line in today:
        post(line)
    t1 = time.time()
    conn.request("GET", "/api/loop/figures")
    conn.getresponse().read()
    t2 = time.time()
    print("day %s: %d results in %d batches stored and applied in %.2f s; "
          "figures (every status recomputed) in %.2f s" % (target, results, len(today),
                                                           t1 - t0, t2 - t1))


if __name__ == "__main__":
    main()
