"""The matrix rows written straight to HTML equal what Sphinx writes for the
same docutils nodes, search index included (overviews.matrix_body)."""

from __future__ import annotations

import re

from handbook import overviews
from handbook_helpers import Built, client_side_diagrams, copy_root


def build(tmp_path, monkeypatch, fast: bool) -> Built:
    if not fast:
        monkeypatch.setattr(overviews, "writes_html", lambda app: False)
    with client_side_diagrams():
        built = Built(copy_root("handbook", tmp_path / ("fast" if fast else "nodes") / "src"))
    assert built.warnings == ""
    return built


def matrix(built: Built) -> str:
    return re.search(r'<table class="handbook-matrix.*?</table>', built.html("overzichten/matrix"),
                     re.S).group()


def test_fast_rows_are_the_html_sphinx_writes(tmp_path, monkeypatch):
    fast = build(tmp_path, monkeypatch, fast=True)
    slow = build(tmp_path, monkeypatch, fast=False)
    assert matrix(fast) == matrix(slow)
    assert matrix(fast).count("<tr") > 2 and 'class="reference internal"' in matrix(fast)
    search = "searchindex.js"
    assert (fast.app.outdir / search).read_text() == (slow.app.outdir / search).read_text()
