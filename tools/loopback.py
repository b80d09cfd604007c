"""A server on a loopback address, for the browser tests, Lighthouse and the benchmarks: what they fetch never
leaves the machine."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder's files, with no line per request on the caller's output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def loopback(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[int]:
    """Serve with ``handler`` on 127.0.0.1 while the block runs; yields the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
