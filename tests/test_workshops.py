"""Workshops (issue 17): a play's workshop card and steps, a workshop page's
agenda in clock times, its checklist and deduplicated materials, the
overview of workshops and formats, and a rebuild after a play's duration
changes. The author errors are in test_handbook_errors.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from handbook_helpers import REPO, ROOTS, Built

ROOT = ROOTS / "test-workshops"


def workshop_copy(dest: Path) -> Path:
    """The workshop project, next to links to the real extension, Mermaid and CSS."""
    shutil.copytree(ROOT, dest)
    for name in ("_ext", "node_modules", "_static"):
        (dest / name).symlink_to(REPO / name, target_is_directory=True)
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    return Built(workshop_copy(tmp_path_factory.mktemp("workshops") / "src"))


def text(html: str) -> str:
    return re.sub(r" ([,.:;)])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", html).split()))


def agenda_rows(html: str) -> list[tuple[str, str, str]]:
    table = html[html.index('class="handbook-agenda'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]
    return [tuple(text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
            for row in rows]


def test_builds_without_warnings(built):
    assert "WARNING" not in built.warnings, built.warnings


def test_agenda_in_clock_times(built):
    """13:30 unquoted is 810 to YAML; plays take their durations from their
    own workshop blocks, the break its own minutes."""
    html = built.html("workshops/middag")
    assert agenda_rows(html) == [
        ("13:30–14:15", "Video van de werkvloer", "45 min"),
        ("14:15–14:35", "Koffie", "20 min"),
        ("14:35–15:05", "Ambassadeurs", "30 min"),
    ]
    assert "13:30 tot 15:05 uur, Zaal 2" in text(html)


def test_checklist_and_materials_once(built):
    html = built.html("workshops/middag")
    page = text(html)
    assert "☐ Het werkblad printen" in page
    materials = page[page.index("Materiaal"):]
    # Both plays ask for the handout and felt-tips: listed once.
    assert materials.count("Het werkblad (A4), één per deelnemer") == 1
    assert materials.count("Stiften") == 1
    # The generated parts are in the page's own table of contents.
    for ident in ("agenda", "voorbereiding", "materiaal"):
        assert f'href="#{ident}"' in html


def test_card_and_steps_on_a_play(built):
    page = text(built.html("playbook/ambassadeurs"))
    assert "Als workshop" in page
    assert "30 minuten, en 20 minuten voorbereiding" in page
    assert "3 tot 8 personen" in page
    assert "begeleider, tijdbewaker" in page
    assert "advies van het handboek zelf, niet uit het verslag" in page
    assert "10 min Wie vertelt al?" in page
    assert "Resultaat: Drie namen op het canvas." in page
    # debrief: kernvragen copies the page's key questions after the steps.
    debrief = page[page.index("Nabespreken"):]
    assert "Wie vertelt al?" in debrief


def test_overview_lists_every_play_and_workshop(built):
    page = text(built.html("werkvormen"))
    assert "Ambassadeurs 30 min 3 tot 8 personen begeleider, tijdbewaker" in page
    assert "Video van de werkvloer 45 min" in page
    assert "Een middag met twee plays, 12 maart 2026, Zaal 2" in page


def test_new_duration_rewrites_the_workshop_page(tmp_path):
    src = workshop_copy(tmp_path / "src")
    out = tmp_path / "build"
    Built(src, builddir=out)
    play = src / "playbook" / "ambassadeurs.md"
    source = play.read_text(encoding="utf-8")
    source = source.replace("duration: 30", "duration: 40").replace(
        ":::{stap} 20 min Kiezen", ":::{stap} 30 min Kiezen")
    play.write_text(source, encoding="utf-8")
    again = Built(src, builddir=out)
    assert "WARNING" not in again.warnings, again.warnings
    assert "workshops/middag" in again.written and "werkvormen" in again.written
    assert agenda_rows(again.html("workshops/middag"))[-1] == (
        "14:35–15:15", "Ambassadeurs", "40 min")
