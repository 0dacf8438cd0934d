"""Furo's navigation tree, computed once per build instead of once per page.

Furo puts the whole site tree in every page's sidebar. It asks Sphinx for the
tree of each page (a deep copy of every toctree entry) and rewrites it with
BeautifulSoup, so a build with N pages does N x N work: at 1,000 sessions
that was most of the build time. The trees of two pages differ only in their
links (relative to the page's folder) and in which entries carry ``current``
(and Furo's ``checked`` and ``current-page``). So this module renders the tree
once, with no page marked, through Sphinx's and Furo's own code; turns links
and marks into placeholders; and fills them in per page.

The tree is kept next to the doctrees and reused while no page's table of
contents (titles, toctrees) and no setting it depends on changed, so an
incremental build does not make it again. Pages where a filled-in tree could
differ from Furo's (one listed twice in the tree, pages of other extensions,
other builders) get Furo's own computation; the 404 page of
sphinx-notfound-page gets its absolute links. A test builds a site both ways
and compares every page byte for byte; ``HANDBOOK_NAV_CACHE=0`` switches the
module off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import posixpath
import re
from pathlib import Path
from typing import Any

import bs4
import furo
import sphinx
from bs4 import BeautifulSoup
from furo.navigation import get_navigation_tree
from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import url_re
from sphinx.util.osutil import relative_uri

from .. import cachefile

# What Furo's _compute_navigation_tree asks the toctree function for.
FURO_CALL: dict[str, Any] = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
SWITCH = "HANDBOOK_NAV_CACHE"
# Placeholders use private-use characters; a tree that holds one is left to Furo.
OPEN, CLOSE = "\ue000", "\ue001"
# Attributes Sphinx and Furo add to marked elements (an empty one leaves no
# space), and marks and links inside attribute values.
PLACEHOLDER = re.compile(
    f" (?:checked|class){OPEN}([CU])(\\d+){CLOSE}|{OPEN}([LPAH])(\\d+){CLOSE}")
# A page that is in no toctree, so its tree is the unmarked one, links from the root.
PSEUDO = "__handbook_navigation__"
# The tree of the previous build, next to the doctrees; bump the version when
# _Tree changes shape.
CACHE, CACHE_VERSION = "handbook-navigation.pickle", 1
# Pages Sphinx generates itself; they get the tree like any page.
GENERATED = ("genindex", "search")


class _Tree:
    """The navigation tree with a placeholder for every link and mark."""

    def __init__(self, html: str) -> None:
        if OPEN in html or CLOSE in html:
            raise ValueError("the tree holds a placeholder character")
        # BeautifulSoup's types cannot know this tree's shape: Any.
        soup: Any = BeautifulSoup(html, "html.parser")
        items, lists = soup.find_all("li"), soup.find_all("ul")
        item_index = {id(li): k for k, li in enumerate(items)}
        list_index = {id(ul): k for k, ul in enumerate(lists)}
        self.parent: list[int] = []  # the enclosing item, -1 at the top
        self.list_of: list[int] = []  # the list an item sits in
        self.targets: list[str] = []  # each item's link, from the root folder
        for k, li in enumerate(items):
            enclosing = li.find_parent("li")
            self.parent.append(item_index[id(enclosing)] if enclosing is not None else -1)
            self.list_of.append(list_index[id(li.find_parent("ul"))])
            link = li.find("a")
            self.targets.append(link["href"])
            classes = li["class"]
            # Sphinx appends "current" after the level class; Furo then adds
            # "has-children" and, on the last current item, "current-page".
            li["class"] = (classes[0] + f"{OPEN}L{k}{CLOSE}"
                           + "".join(" " + c for c in classes[1:]) + f"{OPEN}P{k}{CLOSE}")
            link["class"] = f"{OPEN}A{k}{CLOSE}" + " ".join(link["class"])
            link["href"] = f"{OPEN}H{k}{CLOSE}"
            box = li.find("input", recursive=False)
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
        for k, target in enumerate(self.targets):
            self.items_for.setdefault(target, []).append(k)
        self._links: dict[str, list[str]] = {}

    def links_from(self, folder: str) -> list[str]:
        """Every item's link as Sphinx writes it on a page in folder (the
        page's own link excepted: Sphinx writes "#" there)."""
        if folder not in self._links:
            base = posixpath.join(folder, PSEUDO + ".html")
            links = []
            for target in self.targets:
                path, hash_, anchor = target.partition("#")
                links.append(target if url_re.match(target)
                             else relative_uri(base, path) + hash_ + anchor)
            self._links[folder] = links
        return self._links[folder]

    def absolute_links(self, prefix: str) -> list[str]:
        """The links as sphinx-notfound-page writes them (its utils.replace_uris)."""
        return [target if re.match("^https?://", target) else prefix + target
                for target in self.targets]

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_links": {}, "_pieces": None, "_base": {}}

    def _split(self) -> tuple[list, dict[tuple[str, int], list[int]]]:
        """The template as pieces: text, and a (kind, item) for each placeholder;
        and where each placeholder sits among the pieces."""
        if getattr(self, "_pieces", None) is None:
            pieces: list = []
            slots: dict[tuple[str, int], list[int]] = {}
            pos = 0
            for m in PLACEHOLDER.finditer(self.template):
                pieces.append(self.template[pos:m.start()])
                kind, k = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                slots.setdefault((kind, int(k)), []).append(len(pieces))
                pieces.append((kind, int(k)))
                pos = m.end()
            pieces.append(self.template[pos:])
            self._pieces, self._slots = pieces, slots
            self._base: dict[str, list[str]] = {}
        return self._pieces, self._slots

    def _unmarked(self, links: list[str]) -> list[str]:
        """The pieces filled in for a page that marks nothing."""
        pieces, _slots = self._split()
        return [links[piece[1]] if piece.__class__ is tuple and piece[0] == "H"
                else "" if piece.__class__ is tuple else piece for piece in pieces]

    def render(self, page_uri: str, links: list[str] | None = None) -> str | None:
        """The tree for the page at page_uri, or None where Furo must make it."""
        found = self.items_for.get(page_uri, [])
        if len(found) > 1:
            return None
        page = found[0] if found else -1  # a page outside the tree marks nothing
        _pieces, slots = self._split()
        if links is None:
            folder = posixpath.dirname(page_uri)
            if folder not in self._base:
                self._base[folder] = self._unmarked(self.links_from(folder))
            parts = list(self._base[folder])
        else:
            parts = self._unmarked(links)

        def mark(kind: str, k: int, text: str) -> None:
            for i in slots.get((kind, k), ()):
                parts[i] = text

        # Only the page and the items above it carry marks.
        k = page
        while k != -1:
            mark("L", k, " current")
            mark("C", k, ' checked=""')
            mark("U", self.list_of[k], ' class="current"')
            k = self.parent[k]
        if page != -1:
            mark("P", page, " current-page")
            mark("A", page, "current ")
            mark("H", page, "#")
        return "".join(parts)


class _Navigation:
    """The tree for one build: from the previous build when nothing it shows
    changed, otherwise made on the first page (before Sphinx forks its writer
    processes, so they inherit it)."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.tree: _Tree | None = None
        self.failed = False

    def _key(self) -> str:
        """A digest of everything the tree is made from."""
        env, config = self.app.env, self.app.config
        builder: Any = self.app.builder  # the html builder (build_info)
        digest = hashlib.sha256(repr((
            CACHE_VERSION, sphinx.__version__, furo.__version__, bs4.__version__,
            config.root_doc, config.include_patterns, config.exclude_patterns,
            builder.build_info.config_hash, builder.build_info.tags_hash,
        )).encode())
        # Each page's table of contents holds its title and its toctrees.
        for doc in sorted(env.tocs):
            digest.update(f"\0{doc}\0{env.metadata[doc].get('tocdepth')}\0".encode())
            digest.update(str(env.tocs[doc]).encode())
        return digest.hexdigest()

    def _make_tree(self) -> _Tree | None:
        builder: Any = self.app.builder  # the html builder (render_partial)
        cache, key = Path(self.app.doctreedir) / CACHE, self._key()
        try:
            stored = pickle.loads(cache.read_bytes())
            if stored["key"] == key and isinstance(stored["tree"], _Tree):
                return stored["tree"]
        except FileNotFoundError:
            pass
        except Exception:
            # The cache is disposable: whatever it holds (cut short, written by
            # an older layout whose classes moved, not a pickle at all), the
            # build makes the tree again rather than stop.
            cachefile.discard(cache, "de cache van de zijbalk")
        toctree = global_toctree_for_doc(self.app.env, PSEUDO, builder, tags=builder.tags,
                                         **FURO_CALL)
        html = builder.render_partial(toctree)["fragment"] if toctree is not None else ""
        try:
            tree = _Tree(get_navigation_tree(html))
        except (ValueError, KeyError):  # a shape this module does not know
            return None
        # Written beside and renamed into place, so an interrupted build
        # leaves the old cache or the new one, never half of one.
        cachefile.write_atomic(cache, pickle.dumps({"key": key, "tree": tree}))
        return tree

    def tree_for(self, pagename: str) -> str | None:
        notfound = getattr(self.app.config, "notfound_pagename", None)
        if (pagename not in self.app.env.found_docs and pagename not in GENERATED
                and pagename != notfound):
            return None
        if self.tree is None and not self.failed:
            self.tree = self._make_tree()
            self.failed = self.tree is None
        if self.tree is None:
            return None
        page_uri = self.app.builder.get_target_uri(pagename)
        if pagename == notfound:
            # sphinx-notfound-page makes the 404 page's links absolute.
            prefix = self.app.config.notfound_urls_prefix or "/"
            return self.tree.render(page_uri, self.tree.absolute_links(prefix))
        return self.tree.render(page_uri)


def _enabled(app: Sphinx) -> bool:
    # Only the plain HTML builder: its links depend on the page's folder alone.
    return (app.builder.name == "html" and app.config.html_theme == "furo"
            and os.environ.get(SWITCH, "1") != "0")


def before_furo(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: Any) -> None:
    toctree = context.get("toctree")
    if toctree is None or not _enabled(app):
        return
    tree = _navigation[id(app)].tree_for(pagename)
    if tree is None:
        return

    def navigation_toctree(**kwargs: Any) -> str:
        # Furo's own call gets nothing to rework; after_furo puts in the tree.
        return "" if kwargs == FURO_CALL else toctree(**kwargs)

    context["toctree"] = navigation_toctree
    context["_handbook_navigation"] = (tree, toctree)


def after_furo(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: Any) -> None:
    found = context.pop("_handbook_navigation", None)
    if found is not None:
        context["furo_navigation_tree"], context["toctree"] = found


# The tree of each running build (tests run several in one process).
_navigation: dict[int, _Navigation] = {}


def start(app: Sphinx) -> None:
    _navigation[id(app)] = _Navigation(app)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", start)
    # Furo computes its tree at the default priority, 500.
    # After sphinx-notfound-page (400), which sets the 404 page's toctree.
    app.connect("html-page-context", before_furo, priority=450)
    app.connect("html-page-context", after_furo, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
