"""The real handbook builds with zero warnings, one HTML page per source page."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, sphinx_build

SKIP_DIRS = {"_build", ".venv", ".venv-compat", "node_modules", "tests", "_templates", ".git", ".ci", "tools"}


def source_pages() -> set[str]:
    pages = set()
    for path in ROOT.rglob("*.md"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in SKIP_DIRS or rel.name in {"README.md", "MAINTAINERS.md"}:
            continue
        pages.add(rel.with_suffix("").as_posix())
    return pages


def test_build_has_no_warnings(site):
    assert "WARNING" not in site.output
    assert "ERROR" not in site.output


def test_one_html_page_per_source_page(site):
    built = {
        p.relative_to(site.outdir).with_suffix("").as_posix()
        for p in site.outdir.rglob("*.html")
        if p.relative_to(site.outdir).parts[0] not in {"_static", "_sources", "_images"}
    }
    missing = source_pages() - built
    assert not missing, f"source pages without HTML: {sorted(missing)}"
    assert source_pages(), "no source pages found"


def test_every_page_is_dutch(site):
    for page in site.outdir.rglob("*.html"):
        head = page.read_text(encoding="utf-8")[:500]
        assert re.search(r'<html\b[^>]*\blang="nl"', head), page


@pytest.mark.slow
def test_broken_reference_fails_with_file_and_line(tmp_path):
    """A mistake an author makes stops the build and says where."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        "_build", ".venv", ".venv-compat", ".mypy_cache", ".ruff_cache", ".git", "tests",
        "__pycache__"), symlinks=True)
    page = src / "playbook" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "Zie {ref}`een-label-dat-niet-bestaat`.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build = sphinx_build(src, tmp_path / "out")
    assert build.returncode != 0
    assert re.search(r"playbook/index\.md:3: WARNING: .*een-label-dat-niet-bestaat", build.output), build.output
