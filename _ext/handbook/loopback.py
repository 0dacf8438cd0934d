"""One loopback HTTP server for everything that shows the site to a browser.

The PDF export, the browser tests and the benchmark all serve a folder on
127.0.0.1 at a free port, quietly, for a bounded time. A custom handler class
(a 404 page, a Content-Security-Policy header) may replace the plain one.
Knows nothing about Sphinx.
"""

from __future__ import annotations

import functools
import sys
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


class NotFoundHandler(QuietHandler):
    """Answers an unknown address with the site's own 404.html (status 404),
    like a web server configured with ``ErrorDocument 404 /404.html``."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    """A browser that is closed, crashes or is killed mid-request leaves the
    server writing to a closed socket. That is the browser's problem, already
    reported by whoever drove it; the server's default is a traceback on
    stderr, which an author would read as a crash of the build."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(directory: str | Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler,
          lifetime: float = LIFETIME) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL
    (with a trailing slash)."""
    server = QuietServer(("127.0.0.1", 0),
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
