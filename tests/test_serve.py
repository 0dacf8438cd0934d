"""make serve answers an unknown address with the handbook's Dutch 404 page
and status 404 (issue 21), and serves the pages themselves."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.error
import urllib.request

from handbook_helpers import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_unknown_addresses_with_the_404_page(tmp_path):
    (tmp_path / "index.html").write_text("<h1>Start</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Pagina niet gevonden</h1>", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "tools" / "serve.py"), str(tmp_path),
                               str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        assert server.stdout is not None
        assert f"http://127.0.0.1:{port}/" in server.stdout.readline()
        base = f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(base + "index.html") as page:
            assert page.read().decode() == "<h1>Start</h1>"
        try:
            urllib.request.urlopen(base + "sessions/bestaat-niet.html")
            raise AssertionError("an unknown address was served")
        except urllib.error.HTTPError as missing:
            assert missing.code == 404
            assert missing.read().decode() == "<h1>Pagina niet gevonden</h1>"
    finally:
        server.terminate()
        server.wait(timeout=10)
