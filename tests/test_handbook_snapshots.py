"""Snapshots of the generated HTML fragments (pytest-regressions).

A change in the markup fails here with a diff; when the change is intended,
regenerate with ``pytest tests/test_handbook_snapshots.py --force-regen`` and
review the diff of tests/test_handbook_snapshots/ in git.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from handbook_helpers import Built, client_side_diagrams, copy_root

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
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    with client_side_diagrams():
        result = Built(copy_root("handbook", tmp_path_factory.mktemp("snap") / "src"))
    assert result.warnings == ""
    return result


@pytest.mark.parametrize("name", sorted(FRAGMENTS))
def test_fragment(built, file_regression, name):
    docname, selector = FRAGMENTS[name]
    node = BeautifulSoup(built.html(docname), "html.parser").select_one(selector)
    assert node is not None, f"{selector} missing on {docname}"
    file_regression.check(node.prettify(), basename=name, extension=".html")
