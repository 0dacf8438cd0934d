"""Which pages a rebuild writes because of what they show of other pages.

Sphinx writes a changed page again together with its toctree parents, since
a parent lists its children's titles and sections. That is both too much and
too little for this handbook:

* Too much: a prose edit in one session rewrote ``sessions/index`` and its
  1,000-entry toctree although nothing it shows had changed.
* Too little: Furo puts the whole site tree in every page's sidebar, and the
  previous/next links name the neighbouring pages. When a title changes or a
  page comes or goes, Sphinx rewrites the parents only, and every other page
  keeps the old navigation until a clean build.

So this module compares, for every page Sphinx reads again, what other pages
show of it, before and after reading:

* its *navigation entry* (title, its toctrees and the pages they include):
  when that changed, or a page was added or removed, every page is written;
* its *table of contents* (sections): when that changed, its parents are
  written, as Sphinx does; otherwise they are left alone.

Pages Sphinx writes for another reason (changed source, generated blocks,
a missing output file) are never dropped. ``tests/test_incremental_fresh.py``
checks that each kind of edit gives the same site as a clean build.
"""

from __future__ import annotations

from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx

from .reread import ReadChanges

# Builders that write one page per document with Furo's site-wide sidebar.
PAGE_BUILDERS = frozenset({"html", "dirhtml"})


def navigation_entry(env: Any, docname: str) -> str:
    """What every page's navigation shows of a page: title and toctrees."""
    title, toc = env.titles.get(docname), env.tocs.get(docname)
    return repr((
        title.pformat() if title is not None else None,
        env.longtitles[docname].pformat() if docname in env.longtitles else None,
        env.toctree_includes.get(docname, []),
        [node.pformat() for node in toc.findall(addnodes.toctree)] if toc is not None else [],
        env.metadata.get(docname, {}).get("tocdepth"),
    ))


def table_of_contents(env: Any, docname: str) -> str:
    """What a parent's toctree shows of a page: its sections."""
    toc = env.tocs.get(docname)
    return toc.pformat() if toc is not None else ""


class Rewrites:
    def __init__(self) -> None:
        self.navigation = ReadChanges(navigation_entry)
        self.tocs = ReadChanges(table_of_contents)
        self.kept_files_to_rebuild: dict[str, set[str]] | None = None

    def every_page(self, app: Sphinx, env: Any) -> list[str]:
        """When a navigation entry changed, every page shows it."""
        if app.builder.name not in PAGE_BUILDERS:
            return []
        if self.navigation.removed or self.navigation.changed(env):
            return sorted(env.found_docs)
        return []

    def parents_of_changed_tocs(self, app: Sphinx, builder: Any) -> None:
        """Let Sphinx add only the parents of pages whose sections changed.

        Sphinx adds ``env.files_to_rebuild[page]`` (the page's parents) right
        after this event; the full map is put back once the pages are written.
        """
        env = app.env
        # Numbered sections change in pages Sphinx did not read again, and
        # their parents show the numbers: leave those builds to Sphinx.
        if env.numbered_toctrees or app.config.numfig:
            return
        changed = self.tocs.changed(env)
        self.kept_files_to_rebuild = env.files_to_rebuild
        env.files_to_rebuild = {doc: parents for doc, parents in env.files_to_rebuild.items()
                                if doc in changed}

    def restore(self, app: Sphinx, *args: Any) -> list[Any]:
        if self.kept_files_to_rebuild is not None:
            app.env.files_to_rebuild = self.kept_files_to_rebuild
            self.kept_files_to_rebuild = None
        return []  # as an html-collect-pages handler: no pages to add
