#!/usr/bin/env python3
"""Send N HTTP requests on N connections at once (all connected first, then all sent).

usage: burst.py PORT FILE  (FILE: one request per line: METHOD PATH TOKEN BODY)
Prints one line per request, in order: STATUS BODY.
"""
import socket
import sys

port = int(sys.argv[1])
reqs = [line.rstrip("\n").split(" ", 3) for line in open(sys.argv[2]) if line.strip()]
socks = [socket.create_connection(("127.0.0.1", port)) for _ in reqs]
for s in socks:
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
wire = []
for method, path, token, body in reqs:
    data = body.encode()
    wire.append((f"{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                 f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
                 f"Connection: close\r\n\r\n").encode() + data)
for s, w in zip(socks, wire):
    s.sendall(w)
for s in socks:
    chunks = []
    while True:
        c = s.recv(65536)
        if not c:
            break
        chunks.append(c)
    s.close()
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    print(head.split(b" ")[1].decode(), body.decode())
