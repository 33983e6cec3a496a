"""One HTTP/1.1 reply read from a raw socket, for the server tests in this folder."""
import re
import socket


def read_reply(s, deadline=10.0):
    """Read one HTTP reply (Content-Length or close); returns (status, body) or (0, b'')."""
    s.settimeout(deadline)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        m = re.search(rb"Content-Length: *(\d+)", head, re.I)
        if m:
            while len(body) < int(m.group(1)):
                chunk = s.recv(65536)
                if not chunk:
                    break
                body += chunk
        status = int(head.split(b" ")[1]) if head.startswith(b"HTTP/") else 0
        return status, body
    except (socket.timeout, ConnectionError, IndexError, ValueError):
        return 0, b""
