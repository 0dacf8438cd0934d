"""Programme order, events and vocabularies as data (issue 20).

A session is one new file: the session list on sessions/index, its toctree
(sidebar, previous/next, PDF), the overviews and the map follow the front
matter and the two data files, _data/events.yaml and _data/vocabularies.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook_helpers import Built, client_side_diagrams, copy_root

pytestmark = pytest.mark.slow

SECOND_DAY = """- id: smwnl-2018-dag2
  name: "#SMWNL 2018, dag 2"
  date: 2018-11-15
  venue: COMM, Den Haag
"""

NEW_SESSION = """---
session:
  event: smwnl-2018-dag2
  order: 1
  start: "09:30"
  speakers:
    - name: Een Spreker
      organisation: Gemeente Den Haag
  organisations: [Gemeente Den Haag]
  channels: [Twitter]
  themes: [Werkvloer]
  summary: Een sessie op de tweede dag.
---

# Tweede dag

Tekst.

:::{learning} Een les van dag twee
:id: dag-twee-les
:play: bottom-up-video
Tekst.
:::
"""


@pytest.fixture(scope="module")
def two_days(tmp_path_factory) -> Built:
    """The test handbook with a second day in events.yaml and one new session
    file in it; nothing else edited."""
    src = copy_root("handbook", tmp_path_factory.mktemp("programme") / "src")
    events = src / "_data" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + SECOND_DAY, encoding="utf-8")
    (src / "sessions" / "dag-twee.md").write_text(NEW_SESSION, encoding="utf-8")
    with client_side_diagrams():
        built = Built(src)
    assert built.warnings == "", built.warnings
    return built


def soup(built: Built, docname: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(docname), "html.parser")


def test_session_list_groups_by_event_in_programme_order(two_days):
    page = soup(two_days, "sessions/index")
    events = page.select("section.handbook-programme-event")
    assert [e.find("h2").get_text(strip=True).rstrip("¶") for e in events] == [
        "#SMWNL 2018, dag 1", "#SMWNL 2018, dag 2"]
    assert events[0].select_one(".handbook-event-facts").get_text() == (
        "woensdag 14 november 2018 in COMM, Den Haag")
    titles = [[a.get_text() for a in e.select(".sd-card-title a")] for e in events]
    # order: 1 (One Young World) before order: 2 (PRO247), then the second day.
    assert titles == [["One Young World Summit", "PRO247"], ["Tweede dag"]]
    card = events[1].select_one(".handbook-session-entry")
    text = card.get_text(" ", strip=True)
    for part in ("Begint om 09:30", "Spreker: Een Spreker", "Organisatie: Gemeente Den Haag",
                 "Een sessie op de tweede dag."):
        assert part in text, text
    assert card.select_one("a")["href"] == "dag-twee.html"
    # The report gives no times: a session without 'start' shows none.
    assert "Begint om" not in events[0].get_text()


def test_toctree_follows_the_programme(two_days):
    """Previous/next (and with them the sidebar and the PDF) in programme order."""
    assert '<link rel="next" title="PRO247" href="pro247.html"' in two_days.html(
        "sessions/one-young-world")
    assert '<link rel="next" title="Tweede dag" href="dag-twee.html"' in two_days.html(
        "sessions/pro247")


def test_card_shows_the_events_data_and_the_start(two_days):
    card = soup(two_days, "sessions/dag-twee").select_one(".handbook-session-card")
    text = card.get_text(" ", strip=True)
    assert "15 november 2018" in text and "#SMWNL 2018, dag 2" in text
    assert "Begintijd : 09:30" in text and "COMM, Den Haag" in text


def test_alias_shows_as_written_and_groups_under_its_entry(two_days):
    """Twitter on the page, X (Twitter) in the overview, one anchor for both."""
    card = soup(two_days, "sessions/dag-twee").select_one(".handbook-session-card")
    badges = {a.get_text(): a["href"] for a in card.select("a.sd-badge")}
    assert badges["Twitter"] == "../overzichten/kanalen.html#x-twitter"
    channels = soup(two_days, "overzichten/kanalen")
    section = channels.find(id="x-twitter")
    assert section.find("h2").get_text(strip=True).rstrip("¶") == "X (Twitter)"
    assert section.find("a", href="../sessions/dag-twee.html")


def test_overviews_follow_the_vocabulary_order(two_days):
    """test-handbook's vocabulary lists the themes as Video, Ambassadeurs,
    Werkvloer: not alphabetical, so the order is the file's."""
    page = soup(two_days, "overzichten/themas")
    heads = [h.get_text(strip=True).rstrip("¶") for h in page.select("section h2")]
    assert heads == ["Video", "Ambassadeurs", "Werkvloer"]


def test_one_map_per_event(two_days):
    page = soup(two_days, "overzichten/kaart")
    maps = page.select("section[id^=kaart-] .mermaid, section[id^=kaart-] pre.mermaid")
    assert len(maps) == 2, page.select("article")[0].get_text()[:500]
    assert "Welke sessies van #SMWNL 2018, dag 2 welke plays onderbouwen" in maps[1].get_text()
    assert "Tweede dag" in maps[1].get_text() and "Tweede dag" not in maps[0].get_text()


def test_vocabulary_without_the_alias_reports_it(tmp_path):
    """The gate for the alias: without it, Twitter is an unknown channel."""
    src = copy_root("handbook", tmp_path / "src")
    vocabulary = src / "_data" / "vocabularies.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace(
        "aliases: [X, Twitter]", "aliases: [X]"), encoding="utf-8")
    events = src / "_data" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + SECOND_DAY, encoding="utf-8")
    (src / "sessions" / "dag-twee.md").write_text(NEW_SESSION, encoding="utf-8")
    warnings = Built(src).warnings
    assert "dag-twee.md:10: WARNING: 'Twitter' staat niet in de lijst 'channels'" in warnings
    assert "[handbook.vocabulary-unknown]" in warnings


def test_data_file_mistake_at_its_line(tmp_path):
    src = copy_root("handbook", tmp_path / "src")
    events = src / "_data" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + SECOND_DAY.replace(
        "  venue: COMM, Den Haag\n", "  venu: COMM, Den Haag\n"), encoding="utf-8")
    warnings = Built(src).warnings
    assert f"{Path(events)}:8: WARNING: In events.yaml, bij record 2, 'venu'" in warnings
    assert "[handbook.data-file]" in warnings
