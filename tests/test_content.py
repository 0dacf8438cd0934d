"""The handbook's own content keeps its promises: figures, play anatomy, diagrams."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from conftest import ROOT

PLAY_SECTIONS = ("Onderbouwing", "Stappen", "Checklist", "Kernvragen", "Valkuilen",
                 "Meten", "Spelregels", "Werkblad")
# Every figure the session notes give for One Young World, in Dutch notation.
OYW_FIGURES = ("124%", "379.614", "893", "2.456", "ruim 80", "495.184", "1.337", "18", "30")
MERMAID = re.compile(r"```mermaid\n(.*?)```", re.S)


def plays() -> list:
    return sorted(p for p in (ROOT / "playbook").glob("*.md") if p.name != "index.md")


def missing_sections(markdown: str) -> list[str]:
    headings = set(re.findall(r"^## (.+)$", markdown, re.M))
    return [s for s in PLAY_SECTIONS if s not in headings]


def diagrams_without_text_alternative(markdown: str) -> list[str]:
    return [d for d in MERMAID.findall(markdown)
            if "accTitle:" not in d or "accDescr:" not in d]


def test_every_play_has_the_full_anatomy():
    assert len(plays()) >= 6
    for play in plays():
        assert not missing_sections(play.read_text(encoding="utf-8")), play.name


def test_a_play_without_a_section_is_caught():
    text = (ROOT / "playbook" / "principes.md").read_text(encoding="utf-8")
    broken = text.replace("## Spelregels", "## Regels")
    assert missing_sections(broken) == ["Spelregels"]


def test_every_content_diagram_has_a_text_alternative():
    pages = [*plays(), ROOT / "playbook" / "index.md"]
    found = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found += len(MERMAID.findall(text))
        assert not diagrams_without_text_alternative(text), page.name
    assert found >= len(pages)


def test_a_diagram_without_description_is_caught():
    broken = "```mermaid\nflowchart TD\n    accTitle: X\n    A --> B\n```\n"
    assert diagrams_without_text_alternative(broken)


def oyw_missing(html: str) -> list[str]:
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    return [f for f in OYW_FIGURES if not re.search(rf"(?<![\d.]){re.escape(f)}(?![\d]|\.\d)", text)]


def test_one_young_world_shows_every_figure(site):
    html = (site.outdir / "sessions" / "one-young-world.html").read_text(encoding="utf-8")
    assert not oyw_missing(html)


def test_a_missing_figure_is_caught(site):
    html = (site.outdir / "sessions" / "one-young-world.html").read_text(encoding="utf-8")
    assert "495.184" in oyw_missing(html.replace("495.184", "495184"))


def emitted_subtypes() -> set[str]:
    """Every handbook warning subtype the extension can emit: warn()'s
    register, and those logged directly (diagrams, PDF worksheets)."""
    from handbook.model.report import SUBTYPES

    direct = set()
    for module in (ROOT / "_ext" / "handbook").rglob("*.py"):
        direct |= set(re.findall(r'subtype="([a-z-]+)"', module.read_text(encoding="utf-8")))
    return set(SUBTYPES) | direct


def test_authors_guide_lists_every_warning_subtype():
    guide = (ROOT / "schrijven.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `handbook\.([a-z-]+)` \|", guide, re.M))
    subtypes = emitted_subtypes()
    assert {"diagram", "handout", "learning-unclosed"} <= subtypes
    assert subtypes - listed == set(), "missing from the table in schrijven.md"
    assert listed - subtypes == set(), "listed in schrijven.md, but never emitted"
