"""The authors' template: copied into sessions/, it builds cleanly and the new
session shows up everywhere after one build, with no other edit."""

from __future__ import annotations

import shutil

from handbook_helpers import REPO, Built, copy_root

TEMPLATE = REPO / "_templates" / "sessie-sjabloon.md"


def test_copied_template_appears_in_evidence_matrix_and_overviews(tmp_path):
    src = copy_root("handbook", tmp_path / "src")
    assert Built(src).warnings == ""
    shutil.copy(TEMPLATE, src / "sessions" / "nieuwe-sessie.md")
    built = Built(src)
    assert built.warnings == "", built.warnings
    assert "nieuwe-sessie.html#nieuwe-sessie-eerste-les" in built.html("playbook/bottom-up-video")
    assert "nieuwe-sessie.html" in built.html("overzichten/matrix")
    assert "nieuwe-sessie.html" in built.html("overzichten/themas")
    assert "nieuwe-sessie.html" in built.html("overzichten/organisaties")
    assert "nieuwe-sessie.html" in built.html("overzichten/kerncijfers")
    assert "Titel van de sessie" in built.html("overzichten/kaart")


def test_template_breaks_when_its_play_is_unknown(tmp_path):
    """The check above is not vacuous: the same copy with a wrong play warns."""
    src = copy_root("handbook", tmp_path / "src")
    text = TEMPLATE.read_text(encoding="utf-8").replace(":play: bottom-up-video", ":play: geen-play")
    (src / "sessions" / "nieuwe-sessie.md").write_text(text, encoding="utf-8")
    assert "[handbook.play-unknown]" in Built(src).warnings
