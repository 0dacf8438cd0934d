"""One Dutch line at the end of an HTML build: how many pages it wrote.

``make html`` hides Sphinx's own output (tools/quiet_build.py) and shows this
line in its summary. Pages are counted as the HTML files written since the
builder started: with parallel writing, Sphinx's progress lines name ranges
of pages, not pages, and the write events run in the worker processes.
"""

from __future__ import annotations

import time
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
PREFIX = "Pagina's geschreven:"

_started: dict[int, float] = {}


def start(app: Sphinx) -> None:
    _started[id(app)] = time.time()


def finish(app: Sphinx, exception: Exception | None) -> None:
    started = _started.pop(id(app), None)
    if started is None or exception is not None or app.builder.format != "html":
        return
    written = sum(1 for page in Path(app.outdir).rglob("*.html")
                  if page.stat().st_mtime >= started)
    logger.info(f"{PREFIX} {written}.")
