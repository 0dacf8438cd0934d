"""What `make bench` measures, asserted as behaviour: which pages an edit rewrites.

Sphinx always rewrites genindex, search and the 404 page; everything else must
be the edited page and the pages that show its data. A toctree parent is one of
those only when the page's title or sections changed (handbook.toc_rewrites).
"""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, sphinx_build

sys.path.insert(0, str(ROOT / "tools"))
import benchcorpus

# Builds a generated corpus and edits it.
pytestmark = pytest.mark.slow

ALWAYS = {"genindex.html", "search.html", "404.html"}
N, PLAYS = 6, 6


def snapshot(html):
    return {p.relative_to(html).as_posix(): p.stat().st_mtime_ns for p in html.rglob("*.html")}


def rebuild(src, out):
    before = snapshot(out)
    build = sphinx_build(src, out, "html", "-d", str(out.parent / "doctrees"))
    assert build.returncode == 0, build.output
    after = snapshot(out)
    return {p for p, m in after.items() if before.get(p) != m} - ALWAYS


@pytest.fixture
def corpus(tmp_path):
    src = benchcorpus.write_corpus(tmp_path / "src", N, PLAYS)
    out = tmp_path / "html"
    build = sphinx_build(src, out, "html", "-d", str(tmp_path / "doctrees"))
    assert build.returncode == 0, build.output
    return src, out


def test_prose_edit_rewrites_only_that_session(corpus):
    src, out = corpus
    page = src / "sessions" / "sessie-0001.md"
    page.write_text(page.read_text().replace("# Sessie 1\n", "# Sessie 1\n\nNieuwe zin.\n", 1))
    assert rebuild(src, out) == {"sessions/sessie-0001.html"}


def test_play_target_edit_rewrites_session_both_plays_and_play_overviews(corpus):
    src, out = corpus
    page = src / "sessions" / "sessie-0001.md"
    old = benchcorpus.learning_plays(1, 0, PLAYS)
    new = benchcorpus.play_id(0)
    page.write_text(page.read_text().replace(f":play: {old}", f":play: {new}", 1))
    rewritten = rebuild(src, out)
    assert {"sessions/sessie-0001.html", f"playbook/{old}.html", f"playbook/{new}.html",
            "overzichten/matrix.html", "overzichten/kaart.html"} <= rewritten
    others = {f"sessions/{benchcorpus.session_id(i)}.html" for i in range(N) if i != 1}
    untouched_plays = {f"playbook/{benchcorpus.play_id(j)}.html" for j in range(PLAYS)} - {
        f"playbook/{old}.html", f"playbook/{new}.html"}
    assert not rewritten & others, "other sessions were rewritten"
    assert not rewritten & untouched_plays, "plays without changed evidence were rewritten"
    assert "overzichten/themas.html" not in rewritten
    assert "sessions/index.html" not in rewritten, "the toctree parent was rewritten"
