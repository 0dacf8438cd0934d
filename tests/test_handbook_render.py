"""Rendering of each directive and generated block, on tests/roots/test-handbook.

Uses Sphinx's own fixtures: the first test builds the copied root, the others
find it up to date (same srcdir) and read the pages it wrote.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.sphinx("html", testroot="handbook", srcdir="handbook-render"),
              pytest.mark.usefixtures("client_side_diagrams_env")]


class Built:
    """The built root as these tests read it."""

    def __init__(self, app) -> None:
        self.app = app

    def html(self, docname: str) -> str:
        return (Path(self.app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


@pytest.fixture
def built(app) -> Built:
    app.build()
    assert app.warning.getvalue() == ""
    return Built(app)


def soup(built: Built, docname: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(docname), "html.parser")


def test_session_card_under_title_with_dutch_date_and_badges(built):
    page = soup(built, "sessions/one-young-world")
    h1 = page.find("h1")
    card = h1.find_next_sibling()
    assert "handbook-session-card" in card["class"] and "sd-card" in card["class"]
    text = card.get_text(" ", strip=True)
    assert "14 november 2018" in text
    assert "Herbert Brinkman, Gemeente Den Haag" in text
    assert "Sprekers" in text and "Thema's" in text  # Dutch labels from the catalog
    badges = {a.get_text(): a["href"] for a in card.select("a.sd-badge")}
    assert badges["Instagram"] == "../overzichten/kanalen.html#instagram"
    assert badges["Video"] == "../overzichten/themas.html#video"
    assert badges["Gemeente Den Haag"] == "../overzichten/organisaties.html#gemeente-den-haag"


def test_badge_targets_exist(built):
    themes = soup(built, "overzichten/themas")
    assert themes.find(id="video") and themes.find(id="ambassadeurs")
    assert soup(built, "overzichten/kanalen").find(id="instagram")


def test_learning_block_is_anchored_and_a_label(built):
    page = soup(built, "sessions/pro247")
    block = page.find(id="pro247-werkvloer")
    assert "handbook-learning" in block["class"]
    assert "Begin op de werkvloer" in block.get_text()
    supports = block.select_one(".handbook-learning-plays")
    assert supports.find("a")["href"] == "../playbook/bottom-up-video.html"
    # A std label: {ref} resolves to the learning's anchor with its title.
    std = built.app.env.get_domain("std")
    assert std.labels["pro247-werkvloer"] == ("sessions/pro247", "pro247-werkvloer",
                                              "Begin op de werkvloer")


def test_evidence_grouped_by_session_with_backlinks(built):
    page = soup(built, "playbook/ambassadeurs")
    evidence = page.select_one("ul.handbook-evidence")
    groups = evidence.find_all("li", recursive=False)
    assert [g.p.a.get_text() for g in groups] == ["One Young World Summit", "PRO247"]
    links = [a["href"] for a in evidence.select("li li a")]
    assert links == ["../sessions/one-young-world.html#oyw-ambassadeurs",
                     "../sessions/pro247.html#pro247-vvv"]


def test_applied_in_box_on_session_page(built):
    box = soup(built, "sessions/pro247").select_one(".handbook-applied")
    assert box.select_one(".admonition-title").get_text() == "Toegepast in"
    assert [a.get_text() for a in box.find_all("a")] == ["Video van onderaf",
                                                        "Werken met ambassadeurs"]


def test_keyfigures_table_in_dutch_notation(built):
    table = soup(built, "sessions/one-young-world").select_one("table.handbook-keyfigures")
    assert table.caption.get_text(strip=True).startswith("Resultaten op sociale media")
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == [
        "Kanaal", "Meting", "Resultaat"]
    results = [tr.find_all("td")[-1].get_text(strip=True) for tr in table.tbody.find_all("tr")]
    assert results == ["124%", "379.614 mensen", "van 893 naar 2.456 (+175%)", "ruim 80"]
    # Row headers: the channel cell is a <th>.
    assert table.tbody.tr.th.get_text(strip=True) == "Facebook"


def test_keyfigures_chart_for_before_after_rows_only(built):
    charts = soup(built, "sessions/one-young-world").select("pre.mermaid")
    assert len(charts) == 1
    code = charts[0].get_text()
    assert "xychart-beta" in code and "bar [893, 2456]" in code
    assert "0 --> 2500" in code  # the axis starts at zero
    assert "accTitle: Instagram: Volgers (voor en na)" in code
    assert "accDescr: Van 893 naar 2.456, een verandering van +175%." in code


def test_matrix_overview(built):
    table = soup(built, "overzichten/matrix").select_one("table.handbook-matrix")
    heads = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    # Plays by title (issue 21), not by file name.
    assert heads == ["Sessie", "Video van onderaf", "Werken met ambassadeurs"]

    def visible(td):
        for hidden in td.select(".visually-hidden"):
            hidden.extract()
        return td.get_text(" ", strip=True)

    hidden = [span.get_text() for span in table.select("td .visually-hidden")]
    assert hidden[0] == " uit de sessie One Young World Summit, voor de play Werken met ambassadeurs"
    rows = {tr.th.get_text(strip=True): [visible(td) for td in tr.find_all("td")]
            for tr in table.tbody.find_all("tr")}
    assert rows["One Young World Summit"] == ["", "1 les"]
    assert rows["PRO247"] == ["2 lessen", "1 les"]
    first = table.tbody.find_all("tr")[1].find_all("td")[0].a["href"]
    assert first == "../sessions/pro247.html#pro247-werkvloer"


def test_diagram_overview_has_text_alternative(built):
    code = soup(built, "overzichten/kaart").select_one("pre.mermaid").get_text()
    assert "\nflowchart TB\n" in code
    assert "accTitle: Welke sessies welke plays onderbouwen" in code
    assert "accDescr: One Young World Summit onderbouwt Werken met ambassadeurs." in code
    # A box per play with the sessions that support it; no lines, which
    # crossed unrelated boxes. PRO247 supports both plays: in both boxes.
    assert "-->" not in code
    boxes = re.findall(r"subgraph (p\d+)\[.*?\n(.*?)\n    end", code, re.S)
    members = {pid: re.findall(r'\w+s\d+\["([^"]+)"\]', body) for pid, body in boxes}
    assert sorted(members.values()) == [["One Young World Summit", "PRO247"], ["PRO247"]]


def test_facet_overviews_list_sessions(built):
    orgs = soup(built, "overzichten/organisaties")
    section = orgs.find(id="politie-eenheid-rotterdam")
    assert section.h2.get_text(strip=True).startswith("Politie, eenheid Rotterdam")
    assert [a.get_text() for a in section.select("li a")] == ["PRO247"]


def test_keyfigures_overview_collects_all_figures(built):
    page = soup(built, "overzichten/kerncijfers")
    section = page.find(id="one-young-world")
    assert section.select_one("table.handbook-keyfigures")
    assert "379.614 mensen" in section.get_text()


def test_stylesheet_is_shipped_and_linked(built):
    assert (built.app.outdir / "_static" / "handbook-model.css").is_file()
    html = built.html("sessions/pro247")
    # Linked itself, or as a part of the page's bundle of stylesheets (web/assets).
    from handbook.web import assets

    bundled = [name for href in re.findall(r'href="\.\./(_static/trimmed/[^"?]+)', html)
               for name, _text in assets.bundle_parts(
                   (built.app.outdir / href).read_text(encoding="utf-8"))]
    assert 'href="../_static/handbook-model.css' in html or "_static/handbook-model.css" in bundled


def test_learning_title_is_a_heading_below_its_section(built):
    block = soup(built, "sessions/pro247").find(id="pro247-werkvloer")
    heading = block.find("h2")  # the page title is h1; the learning sits directly under it
    assert heading is not None and "Begin op de werkvloer" in heading.get_text()
    assert heading.select_one(".handbook-kicker").get_text() == "Les: "
