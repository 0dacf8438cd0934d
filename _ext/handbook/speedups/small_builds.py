"""Small rebuilds without worker processes.

With ``-j auto`` Sphinx forks worker processes to read and to write, even
when an author changed a single page. Starting them costs more than the work
itself: at 1,000 sessions a one-page rebuild took 2.4 s in parallel and 1.9 s
serially. Below ``SMALL`` pages this module lets Sphinx read and write
serially; full builds stay parallel. It only chooses how Sphinx runs the
work, never which pages are built, so a wrong choice costs time, not output.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from sphinx.application import Sphinx

# Fewer pages than this are read or written in one process.
SMALL = 10
# The -j each running build asked for, while this module lowers it.
_requested: dict[int, int] = {}


def before_read(app: Sphinx, env: Any, docnames: list[str]) -> None:
    _requested[id(app)] = app.parallel
    if app.parallel > 1 and len(docnames) < SMALL:
        # Sphinx decides on a parallel read right after this event.
        app.parallel = 1


def after_read(app: Sphinx, env: Any) -> None:
    app.parallel = _requested.pop(id(app), app.parallel)


def serial_when_small(app: Sphinx) -> None:
    builder = app.builder
    write_documents = builder.write_documents

    # Builder.write_documents is the one place that gets the pages to write;
    # Sphinx documents it as the method to override.
    def write_small_serially(docnames: Set[str]) -> None:
        if not builder.parallel_ok or len(docnames) >= SMALL:
            write_documents(docnames)
            return
        builder.parallel_ok = False
        try:
            write_documents(docnames)
        finally:
            builder.parallel_ok = True

    # An instance attribute shadows the method (registered in handbook.internals).
    builder.write_documents = write_small_serially  # type: ignore[method-assign]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", serial_when_small)
    app.connect("env-before-read-docs", before_read)
    app.connect("env-updated", after_read)
    # Also loadable on its own (the tests do).
    return {"parallel_read_safe": True, "parallel_write_safe": True}
