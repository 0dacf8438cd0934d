"""Snapshots of the generated HTML fragments (pytest-regressions).

A change in the markup fails here with a diff; when the change is intended,
regenerate with ``pytest tests/test_handbook_snapshots.py --force-regen`` and
review the diff of tests/test_handbook_snapshots/ in git.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.sphinx("html", testroot="handbook", srcdir="handbook-snapshots"),
              pytest.mark.usefixtures("client_side_diagrams_env")]

FRAGMENTS = {
    "session_card": ("sessions/one-young-world", ".handbook-session-card"),
    "learning": ("sessions/pro247", "#pro247-vvv"),
    "advice": ("sessions/pro247", ".handbook-advice"),
    "applied_in": ("sessions/pro247", ".handbook-applied"),
    "keyfigures": ("sessions/one-young-world", "table.handbook-keyfigures"),
    "chart": ("sessions/one-young-world", "pre.mermaid"),
    "evidence": ("playbook/ambassadeurs", "ul.handbook-evidence"),
    "matrix": ("overzichten/matrix", "table.handbook-matrix"),
    "map": ("overzichten/kaart", "pre.mermaid"),
    "themes": ("overzichten/themas", "section#video"),
    "session_list": ("sessions/index", "section.handbook-programme-event"),
}


@pytest.mark.parametrize("name", sorted(FRAGMENTS))
def test_fragment(app, file_regression, name):
    # The first case builds the copied root; the others find it up to date.
    app.build()
    assert app.warning.getvalue() == ""
    docname, selector = FRAGMENTS[name]
    html = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    node = BeautifulSoup(html, "html.parser").select_one(selector)
    assert node is not None, f"{selector} missing on {docname}"
    file_regression.check(node.prettify(), basename=name, extension=".html")
