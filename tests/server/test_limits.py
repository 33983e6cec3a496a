#!/usr/bin/env python3
"""Resource limits of a real `podium serve` (issue 11: hardening).

usage: test_limits.py PODIUM [--slow]

Each check starts from a server that answers, attacks it, and then proves
that it still answers an ordinary client promptly:
  - replies delimited by the close (HTTP/1.0, Connection: close) arrive whole;
  - a flood of connections beyond --max-connections: each over the cap gets
    503 (or is closed), none hangs, and once the flood is gone the count is
    back (a new client gets 200);
  - oversized headers (over 16 KiB) and bodies (over 256 KiB; over 1 MiB)
    are refused and the server goes on;
  - slowloris: connections trickling a request byte by byte do not stop
    others being served, and are closed once the request deadline passes
    (30 s: only with --slow);
  - an SSE subscriber that never reads: the server drops it once more than
    its queue limit waits, its resident memory stays bounded, and others are
    answered meanwhile;
  - sustained writes: the WAL stays bounded on disk (the checkpoint thread
    copies it back and it starts again; docs/server.md, "Checkpoints").
Loopback only; every loop is bounded in count and time.
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
SLOW = "--slow" in sys.argv
failures = 0
UNIT = "ALPMDH----------------FNL-000100--"


def fail(what):
    global failures
    failures += 1
    print("FAIL:", what, flush=True)


def ok(what):
    print("ok:", what, flush=True)


class Server:
    def __init__(self, tmp, *args):
        self.db = os.path.join(tmp, "limits.db")
        self.token = subprocess.run(
            [PODIUM, "token", "add", "--db", self.db, "--role", "admin", "--label", "limits"],
            check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        self.out = open(os.path.join(tmp, "server.out"), "w+")
        env = dict(os.environ)
        # under AddressSanitizer freed memory waits in a quarantine: RSS would measure that
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=0"
        self.proc = subprocess.Popen(
            [PODIUM, "serve", "--db", self.db, "--listen", "127.0.0.1:0"] + list(args),
            stdout=self.out, stderr=subprocess.STDOUT, env=env)
        for _ in range(600):  # 60 s: start-up under valgrind takes some 10 s
            self.out.seek(0)
            m = re.search(r"listening on http://[0-9.]+:(\d+)", self.out.read())
            if m:
                self.port = int(m.group(1))
                return
            time.sleep(0.1)
        raise SystemExit("server did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=20)

    def rss_kb(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def connect(self):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        return s


def get(srv, path, extra=b"", version=b"HTTP/1.1"):
    s = srv.connect()
    s.sendall(b"GET " + path.encode() + b" " + version + b"\r\nHost: t\r\n" + extra + b"\r\n")
    status, body = read_reply(s)
    s.close()
    return status, body


def prompt(srv, what, limit=2.0):
    """An ordinary client is answered, and quickly."""
    t = time.monotonic()
    status, body = get(srv, "/api/health")
    took = time.monotonic() - t
    if status != 200 or b'"status":"ok"' not in body:
        fail("%s: an ordinary client got %d %r" % (what, status, body[:80]))
    elif took > limit:
        fail("%s: an ordinary client waited %.2f s" % (what, took))
    else:
        ok("%s: others answered in %.3f s" % (what, took))


def post(srv, path, body, token=None, content_type=b"application/json"):
    s = srv.connect()
    head = b"POST " + path.encode() + b" HTTP/1.1\r\nHost: t\r\nContent-Type: " + content_type
    head += b"\r\nContent-Length: %d\r\n" % len(body)
    if token:
        head += b"Authorization: Bearer " + token.encode() + b"\r\n"
    try:
        s.sendall(head + b"\r\n" + body)
    except (BrokenPipeError, ConnectionResetError):
        pass
    status, reply = read_reply(s)
    s.close()
    return status, reply


def check_close_delimited(srv):
    for what, version, extra in (("HTTP/1.0", b"HTTP/1.0", b""),
                                 ("Connection: close", b"HTTP/1.1", b"Connection: close\r\n")):
        status, body = get(srv, "/api/health", extra, version)
        if status != 200 or not body.startswith(b'{"status":"ok"'):
            fail("%s: got %d %r" % (what, status, body[:80]))
        else:
            ok("%s: the whole reply arrives before the close" % what)
    status, body = get(srv, "/api/events", b"Connection: close\r\n")
    if status != 200 or not json.loads(body).get("events"):
        fail("Connection: close on /api/events: %d, %d bytes" % (status, len(body)))


def check_flood(srv, cap):
    time.sleep(0.5)  # closed connections of the checks before are released
    socks = []
    for _ in range(cap * 2):
        socks.append(srv.connect())
    time.sleep(0.3)
    counts = {}
    for s in socks:
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: t\r\n\r\n")
    for s in socks:
        status, _ = read_reply(s, 5.0)
        counts[status] = counts.get(status, 0) + 1
    for s in socks:
        s.close()
    if counts.get(0, 0):
        fail("flood: %d connections got no answer (%r)" % (counts[0], counts))
    elif counts.get(200, 0) < cap - 2 or counts.get(503, 0) + counts.get(200, 0) != cap * 2:
        fail("flood of %d beyond a cap of %d: %r" % (cap * 2, cap, counts))
    else:
        ok("flood of %d connections, cap %d: %d answered 200, %d refused 503"
           % (cap * 2, cap, counts.get(200, 0), counts.get(503, 0)))
    time.sleep(0.6)  # the sweep releases closed connections every 200 ms
    prompt(srv, "after the flood")


def check_oversized(srv):
    s = srv.connect()
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n")
    status, _ = read_reply(s, 5.0)
    s.close()
    if status not in (0, 400, 413, 431):
        fail("20 KB header: %d" % status)
    else:
        ok("20 KB header refused (%s)" % (status or "closed"))
    prompt(srv, "after an oversized header")
    big = b'{"competitor": "' + b"x" * 300000 + b'"}'
    status, body = post(srv, "/api/units/%s/observations" % UNIT, big, srv.token)
    if status != 413:
        fail("300 KB body: %d %r" % (status, body[:80]))
    else:
        ok("300 KB body: 413")
    status, _ = post(srv, "/api/units/%s/observations" % UNIT, b"[" * (2 << 20), srv.token)
    if status not in (0, 413):
        fail("2 MB body: %d" % status)
    else:
        ok("2 MB body refused (%s)" % (status or "closed"))
    # deeply nested JSON within the size limit must not crash the parser
    status, _ = post(srv, "/api/units/%s/observations" % UNIT, b"[" * 200000, srv.token)
    if status != 400:
        fail("200,000 nested arrays: %d" % status)
    else:
        ok("200,000 nested arrays: 400")
    prompt(srv, "after oversized bodies")


def check_slowloris(srv, count, seconds):
    socks = []
    for _ in range(count):
        s = srv.connect()
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: t\r\n")
        socks.append(s)
    start = time.monotonic()
    closed_at = {}
    while time.monotonic() - start < seconds and len(closed_at) < count:
        for i, s in enumerate(socks):
            if i in closed_at:
                continue
            try:
                s.sendall(b"X")
            except (BrokenPipeError, ConnectionResetError):
                closed_at[i] = time.monotonic() - start
        time.sleep(1.0)
        if int(time.monotonic() - start) % 5 == 0:
            prompt(srv, "slowloris at %d s" % int(time.monotonic() - start))
    for s in socks:
        s.close()
    return closed_at


def check_slowloris_quick(srv):
    check_slowloris(srv, 30, 6)
    prompt(srv, "after 30 slowloris connections")


def check_slowloris_deadline(srv, deadline):
    closed = check_slowloris(srv, 10, deadline + 15)
    if len(closed) < 10:
        fail("slowloris: %d of 10 connections still open after %d s (deadline %d s)"
             % (10 - len(closed), deadline + 15, deadline))
    else:
        ok("slowloris: every trickling connection closed, the last at %.0f s" % max(closed.values()))


def check_stuck_subscriber(srv):
    # a subscriber with a tiny receive window that never reads
    stuck = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    stuck.connect(("127.0.0.1", srv.port))
    stuck.sendall(b"GET /api/stream HTTP/1.1\r\nHost: t\r\n\r\n")
    # a reading subscriber, to prove delivery goes on
    reader = srv.connect()
    reader.sendall(b"GET /api/stream HTTP/1.1\r\nHost: t\r\n\r\n")
    time.sleep(0.3)
    start_list = json.loads(get(srv, "/api/units/%s" % UNIT)[1])["start_list"]
    rss_start = srv.rss_kb()
    last = {}
    posted = 0
    reader.settimeout(0.0)
    received = b""
    t_end = time.monotonic() + 60
    dropped = False
    # each frame carries the unit's whole document: post until the stuck one is dropped
    while time.monotonic() < t_end and posted < 20000:
        c = start_list[posted % len(start_list)]["competitor"]
        q = "?supersedes=%d" % last[c] if c in last else ""
        status, body = post(srv, "/api/units/%s/observations%s" % (UNIT, q),
                            b'{"competitor": "%s", "run": 1, "time_ms": %d}'
                            % (c.encode(), 100000 + posted), srv.token)
        if status != 201:
            fail("posting while a subscriber is stuck: %d %r" % (status, body[:80]))
            break
        last[c] = json.loads(body)["seq"]
        posted += 1
        try:
            while True:
                chunk = reader.recv(1 << 20)
                if not chunk:
                    break
                received += chunk[-200:]
        except BlockingIOError:
            pass
        if posted % 100 == 0:
            if srv.rss_kb() - rss_start > 64 * 1024:
                fail("stuck subscriber: the server grew by %d KB" % (srv.rss_kb() - rss_start))
                break
            # dropped once the server's end of it is no longer ESTABLISHED (01): the
            # server closed it, and its FIN waits behind the bytes the client never read
            with open("/proc/net/tcp") as f:
                rows = [l.split() for l in f][1:]
            server_end = [r[3] for r in rows
                          if r[1].endswith(":%04X" % srv.port)
                          and r[2].endswith(":%04X" % stuck.getsockname()[1])]
            if not server_end or server_end[0] != "01":
                dropped = True
                break
    grown = srv.rss_kb() - rss_start
    if not dropped:
        fail("a subscriber that never reads was not dropped after %d posts (RSS +%d KB)"
             % (posted, grown))
    else:
        ok("a subscriber that never reads was dropped after %d posts; RSS grew %d KB"
           % (posted, grown))
    if grown > 64 * 1024:
        fail("RSS grew %d KB with one stuck subscriber" % grown)
    prompt(srv, "with a stuck subscriber")
    stuck.close()
    reader.close()


def wal_frames(srv):
    """Frames the WAL holds now (mxFrame; 0 after it started again): PRAGMA wal_checkpoint
    on a connection of the test's own reports them. PASSIVE waits for nobody."""
    db = sqlite3.connect(srv.db, timeout=5, isolation_level=None)
    try:
        return db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
    finally:
        db.close()


def check_wal_bounded(srv, posts):
    """Each sequential POST is a commit of its own: without checkpoints the WAL grows by
    some pages each; with them it starts again once past 1,000 pages (PD_LOG_CHECKPOINT_PAGES)."""
    unit = "ALPWDH----------------FNL-000100--"  # a unit the other checks leave alone
    status, body = get(srv, "/api/units/" + unit)
    competitor = re.search(rb'"competitor":"([^"]+)"', body).group(1).decode()
    s = srv.connect()
    seq = None
    start = wal_frames(srv)
    for i in range(posts):
        path = "/api/units/%s/observations" % unit + ("?supersedes=%d" % seq if seq else "")
        body = json.dumps({"competitor": competitor, "run": 1, "time_ms": 100000 + i}).encode()
        s.sendall(b"POST " + path.encode() + b" HTTP/1.1\r\nHost: t\r\nContent-Type: "
                  b"application/json\r\nAuthorization: Bearer " + srv.token.encode()
                  + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        status, reply = read_reply(s)
        if status != 201:
            fail("sustained writes: POST %d got %d %r" % (i, status, reply[:80]))
            s.close()
            return
        seq = json.loads(reply)["seq"]
    s.close()
    with open(os.path.join(os.path.dirname(srv.db), "server.out")) as f:
        said = f.read()
    pages = wal_frames(srv)
    # past 2,000 pages only if some commit left the WAL growing without a checkpoint
    if pages > 2000 or "checkpoint" in said:
        fail("sustained writes: %d commits left the WAL at %d pages (from %d)"
             % (posts, pages, start))
    else:
        ok("sustained writes: %d commits, the WAL at %d pages (from %d)" % (posts, pages, start))


def check_site_paths(srv):
    # a request target without its leading slash must not name a sibling of the site's root
    for target in (b"-old/secret.txt", b"../site-old/secret.txt", b"/../site-old/secret.txt",
                   b"/%2e%2e/site-old/secret.txt"):
        s = srv.connect()
        s.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: t\r\n\r\n")
        status, body = read_reply(s)
        s.close()
        if b"secret" in body and status == 200:
            fail("GET %s served a file outside the site: %r" % (target.decode(), body[:60]))
        else:
            ok("GET %s: %d, nothing outside the site" % (target.decode(), status))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        os.makedirs(site)
        os.makedirs(site + "-old")
        with open(os.path.join(site, "index.html"), "w") as f:
            f.write("<!doctype html><title>site</title>")
        with open(os.path.join(site + "-old", "secret.txt"), "w") as f:
            f.write("secret")
        srv = Server(tmp, "--max-connections", "40", "--web", site)
        try:
            prompt(srv, "start")
            check_site_paths(srv)
            check_close_delimited(srv)
            check_flood(srv, 40)
            check_oversized(srv)
            check_slowloris_quick(srv)
            check_stuck_subscriber(srv)
            check_wal_bounded(srv, 1500)
            if SLOW:
                check_slowloris_deadline(srv, 30)
            if srv.proc.poll() is not None:
                fail("the server died")
        finally:
            srv.stop()
    if failures:
        print("%d failure(s)" % failures)
        sys.exit(1)
    print("limits test passed")


main()
