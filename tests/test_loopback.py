"""The loopback server stays quiet when the browser goes away mid-request.

Issue 25's stand-in browser that is killed while printing showed a server
traceback in the build log (a 404 written to a closed socket). The test
makes that moment happen for real: the client resets its connection, then
the handler writes.
"""

from __future__ import annotations

import socket
import struct
import threading
from urllib.parse import urlsplit

from handbook import loopback


def _request_then_reset(handler, tmp_path):
    written = threading.Event()
    closed = threading.Event()

    class Late(handler):
        def do_GET(self):
            closed.wait(10)
            try:
                super().do_GET()
            finally:
                written.set()

    with loopback.serve(tmp_path, Late) as base:
        url = urlsplit(base)
        client = socket.create_connection((url.hostname, url.port))
        client.sendall(b"GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n")
        # Linger 0: close sends a reset, as a killed browser's socket does.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
        closed.set()
        assert written.wait(10)


class _BigNotFound(loopback.QuietHandler):
    """A 404 larger than any socket buffer, so the write surely fails."""

    def send_error(self, code, message=None, explain=None):
        self.send_response(code)
        self.end_headers()
        for _ in range(64):
            self.wfile.write(b"x" * 65536)


def test_a_vanished_browser_leaves_no_traceback(tmp_path, capfd):
    _request_then_reset(_BigNotFound, tmp_path)
    err = capfd.readouterr().err
    assert "Traceback" not in err, err


def test_other_server_errors_still_show(tmp_path, capfd):
    class Broken(loopback.QuietHandler):
        def send_error(self, code, message=None, explain=None):
            raise ValueError("een echte fout in de server")

    _request_then_reset(Broken, tmp_path)
    err = capfd.readouterr().err
    assert "een echte fout in de server" in err
