"""The whole interface speaks Dutch: theme labels, accessible names, headings, logo."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import sphinx_build
from source_copy import copy_source
from ui_strings import OUR_PO, dutch, english_on_page, english_phrases

LONG_PAGE = """\
---
orphan: true
---
# Een lange pagina

Inleiding.

## Eerste deel

Tekst.

## Tweede deel

Tekst.

### Een onderdeel

Tekst.
"""


def html_pages(outdir):
    return [p for p in outdir.rglob("*.html") if "_static" not in p.relative_to(outdir).parts]


def test_phrase_list_is_computed_from_the_theme():
    """The list holds what the brief names, so it was not emptied by accident."""
    phrases = english_phrases()
    for phrase in ("Skip to content", "Back to top", "Contents", "On this page", "Next",
                   "Previous", "Made with", "Toggle site navigation sidebar",
                   "Toggle Light / Dark / Auto color theme", "Toggle navigation of",
                   "Edit this page", "Last updated on", "Link to this heading"):
        assert phrase in phrases
    # Dutch shares these words: they may appear.
    assert "Index" not in phrases and "Copyright" not in phrases


def test_no_english_interface_on_any_page(site):
    pages = html_pages(site.outdir)
    assert len(pages) >= 5
    found = {p.relative_to(site.outdir).as_posix(): english_on_page(p.read_text(encoding="utf-8"))
             for p in pages}
    assert not {page: words for page, words in found.items() if words}


def test_english_label_in_a_page_fails_the_check(site):
    """Broken input: one English aria-label in an otherwise Dutch page."""
    markup = (site.outdir / "index.html").read_text(encoding="utf-8")
    assert english_on_page(markup) == set()
    broken = markup.replace("<article", '<button aria-label="Back to top">^</button><article', 1)
    assert english_on_page(broken) == {"Back to top"}


def test_sphinx_own_dutch_still_works_next_to_ours(site):
    """Our catalog is merged with Sphinx's: "Zoeken" comes from Sphinx, not from us."""
    assert 'msgid "Search"' not in OUR_PO.read_text(encoding="utf-8")
    soup = BeautifulSoup((site.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("input.sidebar-search")["placeholder"] == "Zoeken"
    assert soup.select_one("a.skip-to-content").get_text(strip=True) == "Direct naar de inhoud"


def test_theme_literals_are_translated(site):
    soup = BeautifulSoup((site.outdir / "sessions" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.select_one("#__navigation")["aria-label"] == dutch("Toggle site navigation sidebar")
    assert soup.select_one("button.theme-toggle")["aria-label"] == dutch(
        "Toggle Light / Dark / Auto color theme")
    assert soup.select_one("#svg-toc title").get_text() == "Inhoudsopgave"


def search_summary_messages(outdir):
    text = (outdir / "_static" / "translations.js").read_text(encoding="utf-8").strip()
    data = json.loads(text[len("Documentation.addTranslations("):-len(");")])
    return data["messages"]["Search finished, found one page matching the search query."]


def test_search_page_javascript_is_dutch(site):
    text = (site.outdir / "_static" / "translations.js").read_text(encoding="utf-8")
    # A numeric plural index: Babel's boolean "(n != 1)" broke ngettext in doctools.js.
    assert re.search(r'"plural_expr":\s*"Number\(', text), text
    singular, plural = search_summary_messages(site.outdir)
    assert singular.startswith("Klaar met zoeken") and "${resultCount}" in plural


@pytest.mark.browser
def test_search_results_are_dutch_in_browser(browser_path, served_site):
    from playwright.sync_api import sync_playwright

    from handbook.browser import LAUNCH_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(error))
            page.goto(served_site + "search.html?q=sessie")
            page.wait_for_function(
                "document.querySelector('p.search-summary')?.innerText.length > 0")
            summary = page.locator("p.search-summary").inner_text()
            assert summary.startswith("Klaar met zoeken"), summary
            assert errors == []
            assert english_on_page(page.content()) == set()
        finally:
            browser.close()


def test_headings_have_dutch_permalinks(site):
    for page in html_pages(site.outdir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        # Headings only: glossary terms have their own label ("Link naar dit begrip").
        headings = ", ".join(f"article h{n} > a.headerlink" for n in range(1, 7))
        for link in soup.select(headings):
            assert link["title"] == "Link naar deze kop", page
            target = link["href"].lstrip("#")
            assert soup.find(id=target), (page, target)


def test_logo_and_favicon_are_our_svgs(site):
    soup = BeautifulSoup((site.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    light = soup.select_one("img.sidebar-logo.only-light")["src"]
    dark = soup.select_one("img.sidebar-logo.only-dark")["src"]
    favicon = soup.select_one('link[rel="shortcut icon"]')["href"]
    assert light.endswith("logo-light.svg") and dark.endswith("logo-dark.svg")
    for src in (light, dark, favicon):
        svg = site.outdir / src
        assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg", src


@pytest.fixture(scope="module")
def copy_build(tmp_path_factory):
    """A copy of the sources without .git, with one long page added."""
    src = copy_source(tmp_path_factory.mktemp("nogit") / "src")
    (src / "lange-pagina.md").write_text(LONG_PAGE, encoding="utf-8")
    return src, sphinx_build(src, src / "_build" / "html")


def test_catalog_is_compiled_by_the_build(copy_build):
    src, build = copy_build
    assert build.returncode == 0, build.output
    assert (src / "locale" / "nl" / "LC_MESSAGES" / "sphinx.mo").is_file()


def test_long_page_has_a_dutch_page_toc(copy_build):
    _src, build = copy_build
    soup = BeautifulSoup((build.outdir / "lange-pagina.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.select_one(".toc-title").get_text(strip=True) == "Op deze pagina"
    entries = [a.get_text() for a in soup.select(".toc-tree a")]
    assert {"Eerste deel", "Tweede deel", "Een onderdeel"} <= set(entries)
    assert english_on_page(str(soup)) == set()


@pytest.mark.slow
def test_without_our_catalog_the_check_fails(tmp_path):
    """Broken input: remove the catalog and the theme's English comes back."""
    src = copy_source(tmp_path / "src")
    (src / "locale" / "nl" / "LC_MESSAGES" / "sphinx.po").unlink()
    build = sphinx_build(src, tmp_path / "out")
    assert build.returncode == 0, build.output
    found = english_on_page((build.outdir / "index.html").read_text(encoding="utf-8"))
    assert {"Skip to content", "Back to top", "Toggle site navigation sidebar"} <= found
    assert search_summary_messages(build.outdir) == ["", ""]


@pytest.mark.slow
def test_edited_translation_reaches_pages_without_clean(tmp_path):
    """An incremental build picks up an edited catalog (no make clean needed)."""
    import os

    src = copy_source(tmp_path / "src")
    out, doctrees = tmp_path / "out", tmp_path / "doctrees"
    first = sphinx_build(src, out, "html", "-d", str(doctrees))
    assert first.returncode == 0, first.output
    assert "Terug naar boven" in (out / "sessions" / "index.html").read_text(encoding="utf-8")
    po = src / "locale" / "nl" / "LC_MESSAGES" / "sphinx.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Terug naar boven"', 'msgstr "Naar het begin"'), encoding="utf-8")
    later = po.stat().st_mtime + 10
    os.utime(po, (later, later))
    second = sphinx_build(src, out, "html", "-d", str(doctrees))
    assert second.returncode == 0, second.output
    page = (out / "sessions" / "index.html").read_text(encoding="utf-8")
    assert "Naar het begin" in page and "Terug naar boven" not in page
