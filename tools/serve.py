"""make serve: the built site on http://127.0.0.1:PORT, with the handbook's
Dutch 404 page for an address that does not exist (as a configured web
server would answer), one log line per request.

    python tools/serve.py DIRECTORY PORT
"""

from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))

from handbook.loopback import NotFoundHandler


class LoggingHandler(NotFoundHandler):
    # Unlike the tests, an author previewing the site wants a line per request.
    log_message = SimpleHTTPRequestHandler.log_message


def main(directory: str, port: int) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port),
                                 functools.partial(LoggingHandler, directory=directory))
    print(f"Het handboek staat op http://127.0.0.1:{port}/ (stoppen: Ctrl+C)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
