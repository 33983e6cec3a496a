#!/usr/bin/env python3
"""Nothing is published or answered before it is durable (docs/server.md, "A write").

usage: test_commit_order.py PODIUM

A real `podium serve` on a fresh database. The test takes SQLite's write
lock on that database itself (BEGIN IMMEDIATE through Python's sqlite3), so
the server's commit of the next batch waits in SQLite's busy handler (the log
waits up to 5 s). It then posts a downhill time and, while the lock is held
(1.5 s), checks that:
  - the POST has no answer yet (the 201 follows the commit);
  - GET /api/units/{rsc}/results does not show the time (the writer renders the
    batch's documents while it commits, but publishes them only after);
  - the SSE stream has sent no frame for it.
Once the lock is released: the 201 with its seq, the document with the time,
and the frame with that seq. Loopback only; every wait is bounded.
"""
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

from http_reply import read_reply

PODIUM = sys.argv[1]
UNIT = "ALPMDH----------------FNL-000100--"
HOLD = 1.5
failures = 0


def check(cond, what):
    global failures
    if cond:
        print("ok:", what, flush=True)
    else:
        failures += 1
        print("FAIL:", what, flush=True)


def connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def get(port, path):
    s = connect(port)
    s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: t\r\n\r\n")
    status, body = read_reply(s, 10)
    s.close()
    return status, body


def main():
    tmp = tempfile.mkdtemp(prefix="podium-commit-order-")
    db = os.path.join(tmp, "order.db")
    token = subprocess.run(
        [PODIUM, "token", "add", "--db", db, "--role", "admin", "--label", "order"],
        check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    out = open(os.path.join(tmp, "server.out"), "w+")
    proc = subprocess.Popen([PODIUM, "serve", "--db", db, "--listen", "127.0.0.1:0"],
                            stdout=out, stderr=subprocess.STDOUT)
    port = None
    for _ in range(600):  # 60 s: start-up under valgrind takes some 10 s
        out.seek(0)
        m = re.search(r"listening on http://[0-9.]+:(\d+)", out.read())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.1)
    if port is None:
        raise SystemExit("server did not start")
    try:
        # quiet: the ODF feed's start-up catch-up stored (it commits to the same database)
        for _ in range(300):
            status, body = get(port, "/api/health")
            if status == 200 and json.loads(body).get("odf_backlog") == 0:
                break
            time.sleep(0.1)
        status, body = get(port, "/api/units/" + UNIT)
        check(status == 200, "the downhill's start list is served")
        competitor = re.search(rb'"competitor":"([^"]+)"', body).group(1).decode()
        status, body = get(port, "/api/units/%s/results" % UNIT)
        check(status == 200 and "1:41.23" not in body.decode(), "no time 1:41.23 before the test")

        stream = connect(port)
        stream.sendall(b"GET /api/stream HTTP/1.1\r\nHost: t\r\n\r\n")
        stream.settimeout(5)
        head = b""
        while b"\r\n\r\n" not in head:
            head += stream.recv(4096)
        check(head.startswith(b"HTTP/1.1 200"), "subscribed to /api/stream")

        lock = sqlite3.connect(db, timeout=5, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        held_at = time.monotonic()

        body = json.dumps({"competitor": competitor, "run": 1, "time_ms": 101234}).encode()
        writer = connect(port)
        writer.sendall(b"POST /api/units/" + UNIT.encode() + b"/observations HTTP/1.1\r\n"
                       b"Host: t\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                       + token.encode() + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        status, _ = read_reply(writer, HOLD / 2)
        check(status == 0, "no answer to the POST while its commit waits (got %d)" % status)
        status, doc_body = get(port, "/api/units/%s/results" % UNIT)
        check(status == 200 and "1:41.23" not in doc_body.decode(),
              "the unit's document does not show the time before it is durable")
        stream.settimeout(max(0.1, HOLD - (time.monotonic() - held_at)))
        early = b""
        try:
            while True:
                chunk = stream.recv(65536)
                if not chunk:
                    break
                early += chunk
        except socket.timeout:
            pass
        check(b"event: result" not in early, "no SSE frame before the commit")

        lock.execute("ROLLBACK")
        lock.close()
        status, reply = read_reply(writer, 10)
        check(status == 201, "201 once the lock is released (got %d)" % status)
        seq = json.loads(reply)["seq"] if status == 201 else -1
        status, doc_body = get(port, "/api/units/%s/results" % UNIT)
        check("1:41.23" in doc_body.decode(), "the document shows the time after the 201")
        stream.settimeout(5)
        frames = early
        deadline = time.monotonic() + 5
        while b"id: %d\n" % seq not in frames and time.monotonic() < deadline:
            try:
                frames += stream.recv(65536)
            except socket.timeout:
                break
        check(b"id: %d\nevent: result" % seq in frames, "the frame of seq %d follows" % seq)
        writer.close()
        stream.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        out.seek(0)
        log = out.read()
        check("stopping" not in log, "the server did not stop itself")
    if failures:
        print("%d check(s) failed" % failures)
        sys.exit(1)


main()
