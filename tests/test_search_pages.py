"""What the search page shows under a result: each page's description
(web/search_pages.py), and what the search index leaves out.

The browser side (the description under each result, no page fetched, no
layout shift) is in test_search_ranking.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx.search import js_index
from sphinx.search.nl import SearchDutch

from handbook.web import search_pages
from handbook.web.search import HandbookDutch

ROOT = Path(__file__).resolve().parent.parent


def _doctree(rst: str) -> nodes.document:
    document = new_document("<test>", get_default_settings(Parser))
    Parser().parse(rst, document)
    return document


def _front_matter(path: Path) -> dict:
    parts = path.read_text(encoding="utf-8").split("---\n")
    return yaml.safe_load(parts[1]) if len(parts) > 2 and not parts[0].strip() else {}


def _published(site) -> dict[str, str]:
    text = (site.outdir / "_static" / search_pages.DATA_JS).read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1:text.rindex(";")])


def test_first_paragraph_is_the_authors_own():
    """Not a notice, a list, a card or a generated line: the first paragraph
    written at the top level of the page."""
    doctree = _doctree("""
Titel
=====

.. note:: Een notitie eerst.

- een lijst

.. container:: kaart

   Een kaart.

Dit is de   eerste
alinea.

Een tweede alinea.
""")
    section = next(iter(doctree.findall(nodes.section)))
    first = next(p for p in section.children if isinstance(p, nodes.paragraph))
    # A generated line (the governance line) carries a class.
    section.insert(section.index(first), nodes.paragraph("", "Eigenaar en data.",
                                                         classes=["hb-governance"]))
    assert search_pages.first_paragraph(doctree) == "Dit is de   eerste\nalinea."
    assert search_pages.describe(doctree, None) == "Dit is de eerste alinea."
    assert search_pages.describe(doctree, "De samenvatting.") == "De samenvatting."
    assert search_pages.describe(_doctree("- alleen een lijst\n"), None) is None


def test_long_text_is_cut_at_a_word():
    text = "woord " * 100
    short = search_pages.shorten(text)
    assert len(short) <= search_pages.MAX_CHARS and short.endswith("woord…")
    assert search_pages.shorten("kort, en goed") == "kort, en goed"


def test_every_page_has_its_description(site):
    published = _published(site)
    index = js_index.loads((site.outdir / "searchindex.js").read_text(encoding="utf-8"))
    assert set(index["docnames"]) <= set(published), set(index["docnames"]) - set(published)
    # A session's and a play's summary, as written in the front matter.
    checked = 0
    for folder, key in (("sessions", "session"), ("playbook", "play")):
        for path in (ROOT / folder).glob("*.md"):
            summary = (_front_matter(path).get(key) or {}).get("summary")
            if summary:
                assert published[f"{folder}/{path.stem}"] == search_pages.shorten(summary), path
                checked += 1
    assert checked >= 12
    # Else the first paragraph, not the title or an edition line.
    assert published["index"].startswith("Lessen van het congres #SMWNL 2018")
    assert all(len(text) <= search_pages.MAX_CHARS for text in published.values())


def test_search_page_loads_them_deferred(site):
    html = (site.outdir / "search.html").read_text(encoding="utf-8")
    tags = re.findall(r"<script[^>]*handbook-search-pages\.js[^>]*>", html)
    assert len(tags) == 1 and "defer" in tags[0], tags
    other = (site.outdir / "sessions" / "pro247.html").read_text(encoding="utf-8")
    assert search_pages.DATA_JS not in other


def test_no_stop_word_in_the_index_in_any_case(site):
    index = js_index.loads((site.outdir / "searchindex.js").read_text(encoding="utf-8"))
    stop = SearchDutch({}).stopwords
    assert [t for t in index["terms"] if t.lower() in stop] == []
    # The upstream filter lets a capital through; ours does not.
    assert SearchDutch({}).word_filter("Het") and not HandbookDutch({}).word_filter("Het")
