"""Furo's navigation tree, computed once per folder instead of once per page.

Furo puts the whole site tree in every page's sidebar. It asks Sphinx for the
tree of each page (a deep copy of every toctree entry) and rewrites it with
BeautifulSoup, so a build with N pages does N x N work: at 1,000 sessions
that is most of the build time. The trees of two pages in one folder differ
only in which entries carry ``current`` (and Furo's ``checked`` and
``current-page``): links are relative to the folder. So this module renders
the tree once per folder with no page marked, through Furo's own code, turns
the marks into placeholders, and fills them in per page.

Where that could differ from Furo (a page that appears twice in the tree or
not at all, another builder), the page gets Furo's own computation. A test
builds a site both ways and compares every page byte for byte.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Any

from bs4 import BeautifulSoup
from furo.navigation import get_navigation_tree
from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc

# What Furo's _compute_navigation_tree asks the toctree function for.
FURO_CALL = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
# Set to 0 to let Furo compute every page's tree itself (for comparison).
SWITCH = "HANDBOOK_NAV_CACHE"
# Placeholders: private-use characters (a folder whose tree holds one is left
# to Furo).
OPEN, CLOSE = "\ue000", "\ue001"
MARK = re.compile(f"{OPEN}([LPAH])(\\d+){CLOSE}")
# Attributes Furo and Sphinx add to some elements: an empty one leaves no space.
ATTRIBUTE = re.compile(f" (?:checked|class){OPEN}([CU])(\\d+){CLOSE}")
PSEUDO = "__handbook_navigation__"


class _FolderTree:
    """The navigation tree of one folder, with a placeholder for every mark."""

    def __init__(self, html: str, hrefs_for_pages: dict[str, str]) -> None:
        if OPEN in html or CLOSE in html:
            raise ValueError("a title holds a placeholder character")
        soup = BeautifulSoup(html, "html.parser")
        items = soup.find_all("li")
        index = {id(li): k for k, li in enumerate(items)}
        self.parent: list[int] = []  # enclosing item, -1 at the top
        self.hrefs: list[str] = []
        self.has_box: list[bool] = []
        lists = soup.find_all("ul")
        list_index = {id(ul): k for k, ul in enumerate(lists)}
        self.list_of: list[int] = []  # the <ul> an item sits in
        for k, li in enumerate(items):
            enclosing = li.find_parent("li")
            self.parent.append(index[id(enclosing)] if enclosing is not None else -1)
            self.list_of.append(list_index[id(li.find_parent("ul"))])
            link = li.find("a")
            self.hrefs.append(link.get("href", ""))
            classes = li.get("class", [])
            # Sphinx appends "current" after the level class, Furo then adds
            # "has-children" and, on the last current item, "current-page".
            li["class"] = (classes[0] + f"{OPEN}L{k}{CLOSE}"
                           + "".join(" " + c for c in classes[1:]) + f"{OPEN}P{k}{CLOSE}")
            link["class"] = f"{OPEN}A{k}{CLOSE}" + " ".join(link.get("class", []))
            link["href"] = f"{OPEN}H{k}{CLOSE}"
            box = li.find("input", recursive=False)
            self.has_box.append(box is not None)
            if box is not None:
                # BeautifulSoup writes attributes sorted by name: this one
                # sorts where Furo's "checked" goes.
                box.attrs[f"checked{OPEN}C{k}{CLOSE}"] = None
        for k, ul in enumerate(lists):
            if ul.get("class"):
                raise ValueError("a navigation list with classes")
            ul.attrs[f"class{OPEN}U{k}{CLOSE}"] = None
        self.template = str(soup)
        self.items_for: dict[str, list[int]] = {}
        for docname, href in hrefs_for_pages.items():
            self.items_for[docname] = [k for k, h in enumerate(self.hrefs) if h == href]

    def render(self, docname: str) -> str | None:
        """The tree for docname, or None where Furo must compute it."""
        found = self.items_for.get(docname)
        if found is None or len(found) > 1:
            return None
        # A page outside the tree (the root page, an orphan) marks nothing.
        page = found[0] if found else -1
        chain, lists = set(), set()
        k = page
        while k != -1:
            chain.add(k)
            lists.add(self.list_of[k])
            k = self.parent[k]

        def fill(kind: str, k: int) -> str:
            if kind == "L":
                return " current" if k in chain else ""
            if kind == "P":
                return " current-page" if k == page else ""
            if kind == "A":
                return "current " if k == page else ""
            if kind == "H":
                return "#" if k == page else self.hrefs[k]
            if kind == "C":
                return ' checked=""' if k in chain else ""
            return ' class="current"' if k in lists else ""  # U

        html = ATTRIBUTE.sub(lambda m: fill(m.group(1), int(m.group(2))), self.template)
        return MARK.sub(lambda m: fill(m.group(1), int(m.group(2))), html)


class _Navigation:
    """Folder trees for one build, made on the first page (before Sphinx
    forks its writer processes, so they inherit them)."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.folders: dict[str, _FolderTree] | None = None

    def _folder_tree(self, folder: str, docnames: list[str]) -> _FolderTree | None:
        builder, env = self.app.builder, self.app.env
        pseudo = posixpath.join(folder, PSEUDO)
        toctree = global_toctree_for_doc(env, pseudo, builder, tags=builder.tags, **FURO_CALL)
        html = builder.render_partial(toctree)["fragment"] if toctree is not None else ""
        hrefs = {doc: builder.get_relative_uri(pseudo, doc) for doc in docnames}
        try:
            return _FolderTree(get_navigation_tree(html), hrefs)
        except ValueError:
            return None

    def tree_for(self, docname: str) -> str | None:
        if self.folders is None:
            by_folder: dict[str, list[str]] = {}
            for doc in self.app.env.found_docs:
                by_folder.setdefault(posixpath.dirname(doc), []).append(doc)
            self.folders = {folder: self._folder_tree(folder, docs)
                            for folder, docs in sorted(by_folder.items())}
        folder = self.folders.get(posixpath.dirname(docname))
        return folder.render(docname) if folder is not None else None


def _enabled(app: Sphinx) -> bool:
    # Only the plain HTML builder: its links depend on the folder alone.
    return (app.builder.name == "html" and app.config.html_theme == "furo"
            and os.environ.get(SWITCH, "1") != "0")


def before_furo(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: Any) -> None:
    toctree = context.get("toctree")
    if toctree is None or not _enabled(app):
        return
    tree = app.builder._handbook_navigation.tree_for(pagename)
    if tree is None:
        return

    def navigation_toctree(**kwargs: Any) -> str:
        # Furo's own call gets nothing to rework; after_furo fills in the tree.
        return "" if kwargs == FURO_CALL else toctree(**kwargs)

    context["toctree"] = navigation_toctree
    context["_handbook_navigation"] = (tree, toctree)


def after_furo(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: Any) -> None:
    found = context.pop("_handbook_navigation", None)
    if found is not None:
        context["furo_navigation_tree"], context["toctree"] = found


def start(app: Sphinx) -> None:
    app.builder._handbook_navigation = _Navigation(app)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", start)
    # Furo computes its tree at the default priority, 500.
    app.connect("html-page-context", before_furo, priority=400)
    app.connect("html-page-context", after_furo, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
