"""Last updated: a Dutch date from git in a clone; no date, and no warning, without history."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import sphinx_build
from source_copy import copy_source, git, link_node_modules
from test_build import source_pages

# Each case builds a git clone of the handbook.
pytestmark = pytest.mark.slow

FIRST = "2026-03-05T12:00:00+00:00"
SECOND = "2026-04-20T12:00:00+00:00"


def last_updated(outdir, page):
    soup = BeautifulSoup((outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    div = soup.select_one(".last-updated")
    return " ".join(div.get_text().split()) if div else None


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """A repository of the handbook with two commits on known dates."""
    repo = copy_source(tmp_path_factory.mktemp("origin") / "repo")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first", date=FIRST)
    with (repo / "index.md").open("a", encoding="utf-8") as f:
        f.write("\nEen latere wijziging.\n")
    git(repo, "commit", "-q", "-am", "second", date=SECOND)
    return repo


def test_fresh_clone_shows_dutch_dates(origin, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{origin}", str(clone))
    link_node_modules(clone)
    build = sphinx_build(clone, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert last_updated(build.outdir, "index") == "Laatst bijgewerkt op 20 april 2026"
    others = source_pages() - {"index"}
    assert others
    for page in others:
        assert last_updated(build.outdir, page) == "Laatst bijgewerkt op 5 maart 2026", page


def test_shallow_clone_builds_without_dates_or_warnings(origin, tmp_path):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    link_node_modules(clone)
    build = sphinx_build(clone, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    for page in source_pages():
        assert last_updated(build.outdir, page) is None, page


def test_copy_without_git_builds_without_dates_or_warnings(tmp_path):
    src = copy_source(tmp_path / "src")
    build = sphinx_build(src, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    for page in source_pages():
        assert last_updated(build.outdir, page) is None, page


def test_without_the_suppression_a_copy_without_git_warns(tmp_path):
    """Broken input: drop suppress_warnings and the -W build fails on the missing history."""
    src = copy_source(tmp_path / "src")
    build = sphinx_build(src, tmp_path / "out", "html", "-D", "suppress_warnings=")
    assert build.returncode != 0
    assert re.search(r"WARNING: Error getting data from Git.*\[git\.subprocess_error\]",
                     build.output, re.S), build.output
