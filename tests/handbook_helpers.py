"""Helpers for the extension tests: copy a test root, build it, read results."""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"


def copy_root(name: str, dest: Path) -> Path:
    """Copy tests/roots/test-<name> to dest; link the repo's node_modules,
    from which the extension copies Mermaid into every HTML build."""
    shutil.copytree(ROOTS / f"test-{name}", dest)
    (dest / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    return dest


@contextmanager
def client_side_diagrams():
    """Keep Mermaid source in the HTML (``<pre class="mermaid">``) instead of
    build-time SVG, for tests that check the diagram source the extension
    generates; tests/test_diagrams.py covers rendering that source to SVG."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HANDBOOK_DIAGRAMS", "client")
        yield


class Built:
    """One build of a source folder: its app, warnings and the pages it wrote."""

    def __init__(self, srcdir: Path, parallel: int = 0, builddir: Path | None = None) -> None:
        self.written: list[str] = []
        self.app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir, parallel=parallel,
                                 status=StringIO(), warning=StringIO())
        self.app.connect("html-page-context", self._note)
        try:
            self.app.build()
        finally:
            self.app.cleanup()
        self.written.sort()

    def _note(self, app, pagename, templatename, context, doctree) -> None:
        if pagename in app.env.found_docs:
            self.written.append(pagename)

    @property
    def warnings(self) -> str:
        return strip_escape_sequences(self.app.warning.getvalue())

    def html(self, docname: str) -> str:
        return (Path(self.app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


def warning_lines(text: str) -> list[tuple[str, int, str]]:
    """(file relative to the source folder, line, subtype) of each handbook warning."""
    found = []
    # A message may go on over indented lines (the parser's own text, say).
    for m in re.finditer(r"^(?P<file>\S+?):(?P<line>\d+): WARNING: [^\n]*(?:\n[ \t][^\n]*)*?"
                         r"\[handbook\.(?P<sub>[a-z-]+)\]$", text, re.M):
        found.append((m["file"], int(m["line"]), m["sub"]))
    return found
