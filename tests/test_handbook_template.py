"""The authors' template: copied into sessions/, it builds cleanly and the new
session shows up everywhere after one build, with no other edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook_helpers import REPO, Built, copy_root, warning_lines

TEMPLATE = REPO / "_templates" / "sessie-sjabloon.md"


def filled_in() -> str:
    """The template as an author fills it in: the fields it leaves empty on
    purpose (so that no page silently keeps a copied event or source) get
    values, and the organisation is one the vocabulary knows."""
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("  event: ", "  event: smwnl-2018-dag1", 1)
    text = text.replace("  order: ", "  order: 3", 1)
    text = text.replace("    title: ", '    title: "Verslag van het andere congres"', 1)
    text = text.replace("    date: ", "    date: 2019-03-06", 1)
    return text.replace("Organisatie", "Gemeente Den Haag")


@pytest.mark.slow
def test_copied_template_appears_in_evidence_matrix_and_overviews(tmp_path):
    src = copy_root("handbook", tmp_path / "src")
    assert Built(src).warnings == ""
    (src / "sessions" / "nieuwe-sessie.md").write_text(filled_in(), encoding="utf-8")
    built = Built(src)
    assert built.warnings == "", built.warnings
    assert "nieuwe-sessie.html#nieuwe-sessie-eerste-les" in built.html("playbook/bottom-up-video")
    assert "nieuwe-sessie.html" in built.html("overzichten/matrix")
    assert "nieuwe-sessie.html" in built.html("overzichten/themas")
    assert "nieuwe-sessie.html" in built.html("overzichten/organisaties")
    assert "nieuwe-sessie.html" in built.html("overzichten/kerncijfers")
    assert "Titel van de sessie" in built.html("overzichten/kaart")
    # One new file is enough: the session list and the toctree (sidebar,
    # previous/next, PDF) name it, last in the programme (order 3), with no edit to sessions/index.md.
    index = built.html("sessions/index")
    assert index.index('href="pro247.html"') < index.index('href="nieuwe-sessie.html"')
    assert "Eén zin over waar de sessie over ging." in index
    # The programme toctree: the page after the session with order 2 is the new one.
    assert '<link rel="next" title="Titel van de sessie" href="nieuwe-sessie.html"' in \
        built.html("sessions/pro247")
    assert (src / "sessions" / "index.md").read_text(encoding="utf-8") == (
        REPO / "tests" / "roots" / "test-handbook" / "sessions" / "index.md").read_text(
        encoding="utf-8")


def test_template_no_longer_asks_to_edit_the_session_index():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert "past u niet aan" in text
    assert "Zet de pagina in de inhoudsopgave" not in text


def test_template_breaks_when_its_play_is_unknown(tmp_path):
    """The check above is not vacuous: the same copy with a wrong play warns."""
    src = copy_root("handbook", tmp_path / "src")
    text = filled_in().replace(":play: bottom-up-video", ":play: geen-play")
    (src / "sessions" / "nieuwe-sessie.md").write_text(text, encoding="utf-8")
    assert "[handbook.play-unknown]" in Built(src).warnings


def test_unfilled_template_fails_on_event_order_and_source(tmp_path):
    """Copied as is, the template stops the build at its empty event, order
    (session-type) and source date (session-date)."""
    src = copy_root("handbook", tmp_path / "src")
    shutil.copy(TEMPLATE, src / "sessions" / "nieuwe-sessie.md")
    found = {(Path(f).name, sub) for f, _line, sub in warning_lines(Built(src).warnings)}
    assert ("nieuwe-sessie.md", "session-date") in found, found
    assert ("nieuwe-sessie.md", "session-type") in found, found


def test_template_has_the_four_session_headings():
    from test_provenance import SESSION_HEADINGS, session_headings
    assert session_headings(TEMPLATE.read_text(encoding="utf-8")) == list(SESSION_HEADINGS)
