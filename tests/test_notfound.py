"""The Dutch 404 page works at any depth of a missing URL, with styles, search and a home link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, sphinx_build
from handbook import loopback

DEEP = "een/map/die/niet/bestaat/pagina.html"


def local_references(markup: str) -> list[str]:
    soup = BeautifulSoup(markup, "html.parser")
    refs = [tag.get(attr) for attr in ("href", "src", "action")
            for tag in soup.find_all(attrs={attr: True})]
    return [r for r in refs if r and not r.startswith(("#", "http:", "https:", "mailto:"))]


def unresolved(markup: str, outdir: Path, base: str) -> list[str]:
    """References that miss the site when the page is served at base + DEEP."""
    missing = []
    for ref in local_references(markup):
        url = urlsplit(urljoin(base + DEEP, ref))
        if not url.path.startswith(urlsplit(base).path):
            missing.append(ref)
            continue
        target = outdir / url.path[len(urlsplit(base).path):]
        if not (target.is_file() or (target / "index.html").is_file()):
            missing.append(ref)
    return missing


def test_404_page_is_dutch(site):
    soup = BeautifulSoup((site.outdir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith("Pagina niet gevonden")
    assert soup.select_one("article h1").get_text() == "Pagina niet gevonden"
    assert soup.select_one("article form[role=search]")["action"] == "/search.html"


def test_404_references_resolve_at_a_deep_path(site):
    markup = (site.outdir / "404.html").read_text(encoding="utf-8")
    refs = local_references(markup)
    # Furo's stylesheet comes trimmed and bundled (web/assets), from the root.
    assert any(r.startswith("/_static/trimmed/") and ".css" in r for r in refs)
    assert "/index.html" in refs
    assert unresolved(markup, site.outdir, "http://127.0.0.1/") == []


def test_relative_page_at_a_deep_path_fails_the_check(site):
    """Broken input: an ordinary page's relative links miss at a deep path."""
    markup = (site.outdir / "sessions" / "index.html").read_text(encoding="utf-8")
    assert unresolved(markup, site.outdir, "http://127.0.0.1/")


@pytest.mark.slow
def test_base_path_setting_moves_every_link(tmp_path):
    """Served under /handboek/: notfound_urls_prefix is the one setting to change."""
    build = sphinx_build(ROOT, tmp_path / "out", "html", "-d", str(tmp_path / "doctrees"),
                         "-D", "notfound_urls_prefix=/handboek/")
    assert build.returncode == 0, build.output
    markup = (build.outdir / "404.html").read_text(encoding="utf-8")
    assert unresolved(markup, build.outdir, "http://127.0.0.1/handboek/") == []
    assert unresolved(markup, build.outdir, "http://127.0.0.1/")  # wrong root: misses


@pytest.fixture
def server_with_404(site):
    with loopback.serve(site.outdir, loopback.NotFoundHandler) as base:
        yield base


@pytest.mark.browser
def test_404_renders_with_styles_in_browser(browser_path, server_with_404):
    from playwright.sync_api import sync_playwright

    from handbook.browser import LAUNCH_ARGS

    base = server_with_404
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            failed = []
            page.on("response", lambda r: r.status >= 400 and r.url != base + DEEP
                    and failed.append(r.url))
            response = page.goto(base + DEEP)
            assert response.status == 404
            assert page.locator("article h1").inner_text() == "Pagina niet gevonden"
            sheets = page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')]
                .map(l => [l.href, l.sheet ? l.sheet.cssRules.length : -1])""")
            # Every stylesheet loaded (an empty one has a sheet too); the first,
            # with Furo's rules (trimmed and bundled, web/assets), has rules.
            assert all(rules >= 0 for _, rules in sheets), sheets
            assert "/_static/trimmed/" in sheets[0][0] and sheets[0][1] > 0, sheets
            # Furo's layout applies: the navigation is a sidebar, not plain flow.
            assert page.evaluate(
                "getComputedStyle(document.querySelector('.page')).display") == "flex"
            assert failed == []
            from axe_playwright_python.sync_playwright import Axe
            axe = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
            assert axe.response["violations"] == [], axe.generate_report()
            page.get_by_role("link", name="Ga naar de startpagina van het handboek").click()
            page.wait_for_load_state()
            assert page.url == base + "index.html"
            assert "Handboek" in page.title()
            page.goto(base + DEEP)
            page.fill("#notfound-q", "video")
            page.locator("#pagina-niet-gevonden").get_by_role("button", name="Zoeken").click()
            page.wait_for_load_state()
            assert urlsplit(page.url).path == "/search.html"
            assert "q=video" in page.url
        finally:
            browser.close()
