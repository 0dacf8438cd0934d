"""Furo's sidebar tree, made once per folder (handbook.speedups.navigation).

The module must change nothing a reader gets: a site with the awkward cases
(captions, a hidden toctree, three levels, a page listed twice, an orphan,
an external link, special characters) is built with and without it and
compared byte for byte. It must also do less work: Furo computes the tree
only for the pages the module leaves to it.
"""

from __future__ import annotations

import furo
import pytest

from conftest import ROOT
from handbook.speedups import navigation

PAGES = {
    "index.rst": """\
Start & <begin>
===============

.. toctree::
   :caption: Deel een

   a/index
   b/page
   Extern <https://example.org/extern>

.. toctree::
   :caption: Deel twee
   :titlesonly:

   c/diep/index

.. toctree::
   :hidden:

   verborgen
""",
    "a/index.rst": "Map A\n=====\n\n.. toctree::\n\n   een\n   twee\n   sub/index\n   ../b/page\n",
    "a/een.rst": "Een \"aanhalingstekens\"\n=======================\n\nTekst.\n\nKop\n---\n",
    "a/twee.rst": "Twee\n====\n\nTekst.\n",
    "a/sub/index.rst": "Sub\n===\n\n.. toctree::\n\n   diep\n",
    "a/sub/diep.rst": "Diep\n====\n\nTekst.\n",
    "b/page.rst": "Twee keer in de boom\n====================\n\nTekst.\n",
    "c/diep/index.rst": "C diep\n======\n\nTekst.\n",
    "verborgen.rst": "Verborgen\n=========\n\nTekst.\n",
    "los.rst": ":orphan:\n\nLos\n===\n\nTekst.\n",
}
# The one page navigation leaves to Furo: it is listed twice.
LEFT_TO_FURO = {"b/page"}


def build(make_app, root, monkeypatch, cache: bool, fresh: bool = True):
    for name, text in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        "extensions = ['handbook.speedups.navigation', 'notfound.extension']\n"
        "html_theme = 'furo'\nlanguage = 'nl'\nnotfound_urls_prefix = '/'\n")
    monkeypatch.setenv(navigation.SWITCH, "1" if cache else "0")
    computed = []
    original = furo._compute_navigation_tree

    def counting(context):
        tree = original(context)
        if tree:
            computed.append(context["pagename"])
        return tree

    monkeypatch.setattr(furo, "_compute_navigation_tree", counting)
    app = make_app("html", srcdir=root, freshenv=fresh)
    app.build()
    warnings = app.warning.getvalue()
    # Two apps in one test: let the next one register Sphinx's nodes afresh.
    app.cleanup()
    assert not warnings, warnings
    pages = {p.relative_to(app.outdir).as_posix(): p.read_bytes()
             for p in sorted(app.outdir.rglob("*.html"))}
    return pages, set(computed)


@pytest.fixture
def furo_pages(make_app, tmp_path, monkeypatch):
    return build(make_app, tmp_path / "furo", monkeypatch, cache=False)


def test_every_page_is_byte_identical_to_furos(make_app, tmp_path, monkeypatch, furo_pages):
    expected, furo_computed = furo_pages
    pages, computed = build(make_app, tmp_path / "cache", monkeypatch, cache=True)
    assert "404.html" in pages and 'href="/a/een.html"' in pages["404.html"].decode()
    assert pages.keys() == expected.keys()
    assert [p for p in pages if pages[p] != expected[p]] == []
    # Furo computed the tree for every page alone, and now only for the few
    # the folder trees cannot stand in for.
    assert furo_computed == {p.removesuffix(".html") for p in expected}
    assert computed == LEFT_TO_FURO


def test_the_comparison_sees_a_lost_mark(make_app, tmp_path, monkeypatch, furo_pages):
    expected, _ = furo_pages
    render = navigation._Tree.render

    def without_current_page(self, page_uri, links=None):
        tree = render(self, page_uri, links)
        return tree.replace(" current-page", "") if tree else tree

    monkeypatch.setattr(navigation._Tree, "render", without_current_page)
    pages, _ = build(make_app, tmp_path / "cache", monkeypatch, cache=True)
    differ = {p for p in pages if pages[p] != expected[p]}
    assert {"a/sub/diep.html", "a/een.html", "verborgen.html"} <= differ
    # Outside the tree nothing is marked; b/page is left to Furo.
    assert not differ & {"index.html", "los.html", "b/page.html"}


def test_a_new_title_reaches_the_tree_of_the_next_build(make_app, tmp_path, monkeypatch):
    """Break the kept tree's input: a changed title must not show the old tree."""
    root = tmp_path / "site"
    build(make_app, root, monkeypatch, cache=True)
    assert (root / "_build" / "doctrees" / navigation.CACHE).is_file()
    PAGES_BEFORE = dict(PAGES)
    try:
        PAGES["a/twee.rst"] = "Twee nieuw\n==========\n\nTekst.\n"
        pages, _ = build(make_app, root, monkeypatch, cache=True, fresh=False)
    finally:
        PAGES.clear()
        PAGES.update(PAGES_BEFORE)
    # The page itself and its parent are rewritten, with the new title in the tree.
    for page in ("a/twee.html", "a/index.html"):
        html = pages[page].decode()
        assert ">Twee nieuw</a>" in html.split('class="sidebar-tree"')[1], page
