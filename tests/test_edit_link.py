""""Pagina bewerken": on every content page when a repository is configured, absent when not."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, sphinx_build
from test_build import source_pages

REPO = "https://github.com/voorbeeld/handboek"


def edit_links(outdir, page):
    soup = BeautifulSoup((outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return soup.select('a[rel="edit"]')


def test_no_edit_link_without_a_repository(site):
    for page in source_pages() | {"search", "genindex", "404"}:
        assert edit_links(site.outdir, page) == [], page


@pytest.mark.slow
def test_edit_link_to_the_source_file_when_configured(tmp_path):
    build = sphinx_build(ROOT, tmp_path / "out", "html", "-d", str(tmp_path / "doctrees"),
                         "-D", f"html_theme_options.source_repository={REPO}/")
    assert build.returncode == 0, build.output
    for page in source_pages():
        links = edit_links(build.outdir, page)
        assert len(links) == 1, page
        assert links[0]["href"] == f"{REPO}/edit/main/{page}.md"
        assert (ROOT / f"{page}.md").is_file()
        assert links[0].get_text(strip=True) == "Pagina bewerken"
        assert links[0]["title"] == "Pagina bewerken"
