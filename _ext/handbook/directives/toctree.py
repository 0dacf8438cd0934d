"""``toctree-by-title``: Sphinx's toctree whose ``:glob:`` entries follow
the pages' titles, not their file names.

A new play joins ``playbook/index.md`` by itself (issue 21): the index lists
``principes`` by name and then ``*``. Sphinx's glob keeps the list current
when a page comes or goes (it reads every glob toctree again then); this
directive only orders what the pattern adds by the title on the page's first
``# `` line, read from the source, so the order does not depend on which
page Sphinx happens to read first. A changed title reads the index again.
Entries named one by one keep their place.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree
from sphinx.util import docname_join

HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
GLOB_CHARS = re.compile(r"[*?\[]")


def page_title(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4:] if end != -1 else text
    found = HEADING.search(text)
    return found[1] if found else ""


class SortedGlobTocTree(TocTree):
    """A glob toctree whose pattern-found entries follow :meth:`sort_key`;
    entries named one by one (or with a title) keep their place first."""

    def run(self):
        self.options["glob"] = None  # always a glob toctree: the point of it
        return super().run()

    def sort_key(self, path: Path, docname: str) -> tuple:
        raise NotImplementedError

    def parse_content(self, toctree: addnodes.toctree) -> None:
        super().parse_content(toctree)
        here = self.env.current_document.docname
        named = {docname_join(here, line.strip()) for line in self.content
                 if line.strip() and not GLOB_CHARS.search(line)}
        fixed = [(t, ref) for t, ref in toctree["entries"] if ref in named or t is not None]
        found = [(t, ref) for t, ref in toctree["entries"] if (t, ref) not in fixed]
        found.sort(key=lambda entry: self.sort_key(Path(self.env.doc2path(entry[1])), entry[1]))
        toctree["entries"] = fixed + found
        toctree["includefiles"] = [ref for _, ref in toctree["entries"]
                                   if ref in toctree["includefiles"]]


class TitleOrderedTocTree(SortedGlobTocTree):
    def sort_key(self, path: Path, docname: str) -> tuple:
        # A changed title must reorder the list: read this page again.
        self.env.note_dependency(str(path))
        return (page_title(path).casefold(), docname)


def setup(app: Sphinx) -> None:
    app.add_directive("toctree-by-title", TitleOrderedTocTree)
