"""One loopback HTTP server for everything that shows the site to a browser.

The PDF export, the browser tests and the benchmark all serve a folder on
127.0.0.1 at a free port, quietly, for a bounded time. A custom handler class
(a 404 page, a Content-Security-Policy header) may replace the plain one.
Knows nothing about Sphinx.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# A server that nobody stops (a crashed caller) stops itself after this long.
LIFETIME = 3600.0  # seconds


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without a log line per request."""

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(directory: str | Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler,
          lifetime: float = LIFETIME) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL
    (with a trailing slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    watchdog = threading.Timer(lifetime, server.shutdown)
    watchdog.daemon = True
    thread.start()
    watchdog.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        watchdog.cancel()
        server.shutdown()
        server.server_close()
