"""Usable for every reader (issue 22): the layout checks on the built handbook,
and lab pages that show each check can fail.

In a browser (tests/layout_checks.py): no sideways page scroll and nothing
wider than the text column at 320, 375 and 1,280 px, on every page; every
box that scrolls sideways is a labelled region the keyboard reaches; the
print view shows where the page comes from.

On the HTML alone (BeautifulSoup, no browser): ``scope`` on header cells,
one viewport tag, card links named as they read, the logo's alt text, the
publisher in the footer, the print source line, matrix links that say which
session and play.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import sync_playwright

import layout_checks as lc
from browser_checks import OFFLINE_ARGS
from handbook import loopback
from handbook.browser import LAUNCH_ARGS
from test_browser_gate import PAGES, built_pages

PUBLISHER = "Communicatieteams van de overheid"
TITLE = "Handboek Social & Innovatie"


# --- On the HTML alone: the built handbook ----------------------------------


def _pages(site):
    return {path: lc.soup_of((site.outdir / path).read_text(encoding="utf-8"))
            for path in sorted(built_pages(site.outdir))}


@pytest.fixture(scope="module")
def soups(site):
    return _pages(site)


@pytest.mark.parametrize("check", [
    lc.header_scope_problems, lc.viewport_problems, lc.card_link_problems, lc.logo_problems,
], ids=lambda f: f.__name__)
def test_every_built_page(check, soups):
    found = {path: problems for path, soup in soups.items() if (problems := check(soup))}
    assert not found, "\n".join(f"{p}: {'; '.join(v)}" for p, v in found.items())


def test_no_built_page_names_a_publisher_conf_py_leaves_empty(soups):
    """conf.py names no publisher until the team fills it in (issue 23): no
    page may then claim one. tests/test_design_tokens.py builds with one and
    checks every page names it (lc.footer_problems)."""
    found = [p for p, s in soups.items() if "Uitgegeven door" in s.get_text(" ")]
    assert not found, found


def test_every_content_page_has_a_print_source_line(soups):
    # Not on the 404 page (it brings its own content) or search and index pages.
    skip = {"404.html", "search.html", "genindex.html"}
    found = {p: v for p, s in soups.items() if p not in skip and (v := lc.print_source_problems(s, TITLE))}
    assert not found, found


def test_the_key_figures_and_the_matrix_have_scoped_headers(soups):
    """The pages the issue named: the counterpart of an empty check above
    is a check that looked at something."""
    for path in ("overzichten/matrix.html", "overzichten/kerncijfers.html"):
        ths = soups[path].find_all("th")
        assert ths and all(th.get("scope") in ("col", "row") for th in ths), path
        assert soups[path].select("thead th[scope=col]") and soups[path].select("tbody th[scope=row]")


def test_every_table_sits_in_a_labelled_focusable_region(soups):
    found = []
    for path, soup in soups.items():
        # Tables from the pages' content; the index page lays out its
        # columns with a table of its own (Sphinx's genindex template).
        for table in soup.select("[role=main] table.docutils"):
            region = table.parent
            if not (region.get("role") == "region" and region.get("tabindex") == "0"
                    and region.get("aria-label", "").strip()):
                what = table.get("id") or table.get("class")
                found.append(f"{path}: table {what} in {region.name}.{region.get('class')}")
    assert not found, "\n".join(found)


def test_matrix_links_say_which_session_and_play(soups):
    """WCAG 2.4.4: "4 lessen" alone does not say where it goes; its name
    starts with the visible words (WCAG 2.5.3) and names both."""
    table = soups["overzichten/matrix.html"].select_one("table.handbook-matrix")
    plays = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")][1:]
    for tr in table.tbody.find_all("tr"):
        session = tr.th.get_text(" ", strip=True)
        for play, td in zip(plays, tr.find_all("td"), strict=True):
            if td.a is None:
                continue
            name = td.a.get_text("", strip=False)
            assert re.match(r"\d+ less?(en)?\b", name), name
            assert session in name and play in name, name


# --- On the HTML alone: lab snippets show each check can fail -----------------

HTML_BROKEN = {
    # name: (check, html, words in the problem)
    "th-without-scope": (lc.header_scope_problems,
                         "<table><thead><tr><th>Kanaal</th></tr></thead></table>", "no scope"),
    "stub-without-scope": (lc.header_scope_problems,
                           "<table><tbody><tr><th>Facebook</th><td>1</td></tr></tbody></table>", "no scope"),
    "header-row-scoped-as-row": (lc.header_scope_problems,
                                 '<table><thead><tr><th scope="row">Kanaal</th></tr></thead></table>',
                                 "header row"),
    "two-viewports": (lc.viewport_problems,
                      '<head><meta name="viewport" content="width=device-width">'
                      '<meta name="viewport" content="width=device-width, initial-scale=1"></head>',
                      "2 viewport"),
    "card-named-otherwise": (lc.card_link_problems,
                             '<div class="sd-card"><div class="sd-card-title">Kies een play</div>'
                             '<a class="sd-stretched-link" href="p.html"><span>Playbook</span></a></div>',
                             "'playbook'"),
    "logo-called-logo": (lc.logo_problems,
                         '<a class="sidebar-brand"><img class="sidebar-logo" src="l.svg" alt="Logo">'
                         '<span class="sidebar-brand-text">Handboek</span></a>', "repeats"),
    "logo-alone-called-logo": (lc.logo_problems,
                               '<a class="sidebar-brand"><img class="sidebar-logo" src="l.svg" alt="Logo"></a>',
                               "does not name"),
}

HTML_GOOD = {
    "scoped-table": (lc.header_scope_problems,
                     '<table><thead><tr><th scope="col">Kanaal</th></tr></thead>'
                     '<tbody><tr><th scope="row">Facebook</th><td>1</td></tr></tbody></table>'),
    "one-viewport": (lc.viewport_problems, '<head><meta name="viewport" content="width=device-width"></head>'),
    "card-named-by-title": (lc.card_link_problems,
                            '<div class="sd-card"><div class="sd-card-title">Kies een play</div>'
                            '<a class="sd-stretched-link" href="p.html"><span>Kies een play</span></a></div>'),
    "decorative-logo": (lc.logo_problems,
                        '<a class="sidebar-brand"><img class="sidebar-logo" src="l.svg" alt="">'
                        '<span class="sidebar-brand-text">Handboek</span></a>'),
}


@pytest.mark.parametrize("name", sorted(HTML_BROKEN))
def test_html_check_catches(name):
    check, html, words = HTML_BROKEN[name]
    problems = check(lc.soup_of(html))
    assert problems and words in " ".join(problems), problems


@pytest.mark.parametrize("name", sorted(HTML_GOOD))
def test_html_check_passes(name):
    check, html = HTML_GOOD[name]
    assert check(lc.soup_of(html)) == []


def test_footer_and_print_checks_can_fail():
    bare = lc.soup_of("<footer><p>Gemaakt met Sphinx</p></footer>")
    assert lc.footer_problems(bare, PUBLISHER)
    # The copyright line names the author; that is not the publisher line.
    author_only = lc.soup_of(f'<footer><div class="copyright">Copyright 2026, {PUBLISHER}</div></footer>')
    assert lc.footer_problems(author_only, PUBLISHER)
    assert lc.footer_problems(lc.soup_of(f"<footer><p>Uitgegeven door {PUBLISHER}</p></footer>"), PUBLISHER) == []
    assert lc.print_source_problems(bare, TITLE) == ["no print source line (.hb-print-source)"]
    empty = lc.soup_of('<p class="hb-print-source"><span class="hb-print-address"></span></p>')
    assert len(lc.print_source_problems(empty, TITLE)) == 3


# --- In a browser -----------------------------------------------------------

browser_test = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(browser_path):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=[*LAUNCH_ARGS, *OFFLINE_ARGS])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_context(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


def layout_report(context, url: str) -> dict[str, list[str]]:
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        return {"width": lc.width_problems(page), "scroll-regions": lc.scroll_region_problems(page)}
    finally:
        page.close()


@browser_test
@pytest.mark.parametrize("path", PAGES)
def test_page_fits_every_screen(path, site_context, served_site):
    report = layout_report(site_context, served_site + path)
    failed = {k: v for k, v in report.items() if v}
    assert not failed, "\n".join(f"[{k}] {p}" for k, ps in failed.items() for p in ps)


@browser_test
def test_printed_page_says_where_it_comes_from(site_context, served_site):
    page = site_context.new_page()
    try:
        page.goto(served_site + "playbook/ambassadeurs.html", wait_until="load")
        assert not page.locator(".hb-print-source").is_visible()
        page.emulate_media(media="print")
        line = page.locator(".hb-print-source")
        assert line.is_visible()
        text = line.inner_text()
        assert TITLE in text
        assert served_site + "playbook/ambassadeurs.html" in text  # the real address
        assert re.search(r"Afgedrukt op \d{1,2} \w+ \d{4}", text), text
    finally:
        page.close()


# Lab pages: one defect each, on the same skeleton as tests/test_browser_gate.py.
BASE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proefpagina</title><link rel="icon" href="data:,">
<style>body {{ margin: 0; }} main {{ display: block; margin: 0 16px; }}
.region {{ overflow-x: auto; }}
.hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0,0,0,0); }}</style>
{head}</head>
<body><main id="inhoud"><h1>Proefpagina</h1><p>Tekst.</p>
{body}</main></body></html>
"""

WIDE_TABLE = '<table><tr><td style="min-width: {px}px">Brede cel</td></tr></table>'
GOOD_REGION = '<div class="region" role="region" tabindex="0" aria-label="Brede tabel">{inner}</div>'

LAYOUT_BROKEN = {
    # name: (head, body, check that must fail, words)
    "wide-table-no-region": ("", WIDE_TABLE.format(px=900), "width", "scrolls sideways"),
    "only-at-320": ("", '<p style="min-width: 330px">Net te breed</p>', "width", "at 320 px"),
    "only-at-1280": ("<style>@media (min-width: 1000px) { .breed { min-width: 1300px; } }</style>",
                     '<p class="breed">Alleen op een groot scherm te breed</p>', "width", "at 1280 px"),
    # The page itself cannot scroll, so only the column check sees it: the
    # text column slides sideways on a phone.
    "column-slides": ("<style>html, body { overflow-x: hidden; } main { overflow-x: auto; }</style>",
                      WIDE_TABLE.format(px=900), "width", "text column itself scrolls"),
    "wider-than-column": ("<style>html, body { overflow-x: hidden; }</style>",
                          WIDE_TABLE.format(px=900), "width", "wider than the text column"),
    # Screen-reader text positioned absolutely escapes its scroll box.
    "hidden-text-escapes-region": (
        "", GOOD_REGION.format(inner='<table><tr><td style="min-width: 900px">a</td>'
                                     '<td><span class="hidden">verborgen</span></td></tr></table>'),
        "width", "scrolls sideways"),
    "region-without-label": (
        "", '<div class="region" role="region" tabindex="0">' + WIDE_TABLE.format(px=900) + "</div>",
        "scroll-regions", "no a name"),
    "region-not-focusable": (
        "", '<div class="region" role="region" aria-label="Brede tabel">' + WIDE_TABLE.format(px=900) + "</div>",
        "scroll-regions", "no keyboard focus"),
    "scroll-box-without-role": (
        "", '<div class="region" tabindex="0" aria-label="Brede tabel">' + WIDE_TABLE.format(px=900) + "</div>",
        "scroll-regions", 'role="region"'),
}

LAYOUT_GOOD = {
    "baseline": ("", ""),
    "wide-table-in-region": ("", GOOD_REGION.format(inner=WIDE_TABLE.format(px=900))),
    "hidden-text-contained": (
        "<style>.region { position: relative; }</style>",
        GOOD_REGION.format(inner='<table><tr><td style="min-width: 900px">a</td>'
                                 '<td><span class="hidden">verborgen</span></td></tr></table>')),
    # A box that could scroll but does not need to: no focus stop required.
    "narrow-box": ("", '<div class="region"><p>Past</p></div>'),
}


@pytest.fixture(scope="module")
def lab(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("layout-lab")
    for name, (head, body, *_) in {**LAYOUT_GOOD, **LAYOUT_BROKEN}.items():
        (root / f"{name}.html").write_text(BASE.format(head=head, body=body), encoding="utf-8")
    with loopback.serve(root) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        yield base, context
        context.close()


@browser_test
@pytest.mark.parametrize("name", sorted(LAYOUT_GOOD))
def test_good_layout_page_passes(name, lab):
    base, context = lab
    report = layout_report(context, f"{base}{name}.html")
    assert not any(report.values()), report


@browser_test
@pytest.mark.parametrize("name", sorted(LAYOUT_BROKEN))
def test_layout_gate_catches(name, lab):
    base, context = lab
    _, _, check, words = LAYOUT_BROKEN[name]
    report = layout_report(context, f"{base}{name}.html")
    assert report[check], report
    assert words in " ".join(report[check]), report
