"""Owned, reviewed and accountable (issue 19): owner and review dates under the
title, the overdue notice, change notes, the lists "Te herzien" and
"Wijzigingen", the feedback line, `make review` and the build's notice.

"Today" is SOURCE_DATE_EPOCH (conftest fixes it at 2026-12-03); tests that
need another day set it themselves.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
from sphinx.search import js_index

from handbook.web.search import HandbookDutch
from handbook_helpers import REPO, Built, copy_root, warning_lines

# The test root's governed play is due on this day.
DUE = datetime.date(2027, 6, 1)

GOVERNED_PLAY = """---
governance:
  reviewed: 2026-06-01
  review_by: 2027-06-01
  changes:
    - date: 2026-06-01
      note: Stappen herschreven.
    - date: 2026-09-15
      note: Spelregels bijgewerkt.
---
"""
REVIEW_PAGE = "# Te herzien\n\n```{review-list}\n```\n"
CHANGES_PAGE = "# Wijzigingen\n\n```{change-list}\n```\n"


def epoch(day: datetime.date) -> str:
    return str(int(datetime.datetime(day.year, day.month, day.day, 12,
                                     tzinfo=datetime.UTC).timestamp()))


def governed_root(dest: Path, contact: str = "") -> Path:
    """The test handbook with one governed play, the two lists and, when
    given, a handbook_contact."""
    src = copy_root("handbook", dest)
    play = src / "playbook/ambassadeurs.md"
    play.write_text(GOVERNED_PLAY + play.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "overzichten/te-herzien.md").write_text(REVIEW_PAGE, encoding="utf-8")
    (src / "overzichten/wijzigingen.md").write_text(CHANGES_PAGE, encoding="utf-8")
    index = src / "overzichten/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "kerncijfers\n```", "kerncijfers\nte-herzien\nwijzigingen\n```"), encoding="utf-8")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"handbook_owner = 'Team Testhandboek'\nhandbook_contact = {contact!r}\n")
    return src


# -- units ----------------------------------------------------------------------

def test_status_by_day():
    from handbook.model import governance as g

    assert g.status("2027-06-01", datetime.date(2027, 6, 2)) == g.OVERDUE
    assert g.status("2027-06-01", datetime.date(2027, 6, 1)) == g.SOON
    assert g.status("2027-06-01", datetime.date(2027, 3, 3)) == g.SOON  # 90 days
    assert g.status("2027-06-01", datetime.date(2027, 3, 2)) == g.CURRENT


def test_today_follows_source_date_epoch(monkeypatch):
    from handbook.model import governance as g

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(datetime.date(2031, 2, 3)))
    assert g.today() == datetime.date(2031, 2, 3)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert g.today() == datetime.datetime.now(datetime.UTC).date()


def test_schema_rejects_review_by_before_reviewed_and_unknown_fields():
    from handbook.model import governance as g
    from handbook.model.schema import problems

    ok, found = problems(g.Governance, {"reviewed": "2026-12-03", "review_by": "2027-12-03"})
    assert ok is not None and found == []
    _, found = problems(g.Governance, {"reviewed": "2026-12-03", "review_by": "2026-12-03"})
    assert [p["kind"] for p in found] == ["review-order"]
    _, found = problems(g.Governance, {"reviewed": "2026-12-03", "review_by": "2027-12-03",
                                       "eigenaar": "X"})
    assert [p["kind"] for p in found] == ["unknown"]


def test_feedback_link_with_and_without_an_address():
    from handbook.directives.governance import feedback_href

    href, named = feedback_href("redactie@example.org", "Werken met influencers")
    assert named and href == "mailto:redactie@example.org?subject=Handbook%3A%20Werken%20met%20influencers"
    href, named = feedback_href("", "Werken met influencers")
    assert not named and href == "mailto:?subject=Handbook%3A%20Werken%20met%20influencers"
    href, named = feedback_href("https://intranet.example/reacties", "X")
    assert named and href == "https://intranet.example/reacties"


# -- make review ----------------------------------------------------------------

def review(srcdir: Path, day: datetime.date) -> subprocess.CompletedProcess[str]:
    env = {"SOURCE_DATE_EPOCH": epoch(day), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, str(REPO / "tools/review.py"), str(srcdir)],
                          capture_output=True, text=True, env=env, check=False)


def test_make_review_lists_and_fails_only_when_overdue(tmp_path):
    src = governed_root(tmp_path / "src")
    current = review(src, datetime.date(2026, 12, 3))
    assert current.returncode == 0, current.stdout + current.stderr
    assert "geen pagina's" in current.stdout
    soon = review(src, DUE - datetime.timedelta(days=10))
    assert soon.returncode == 0
    assert "binnenkort 2027-06-01  playbook/ambassadeurs.md" in soon.stdout
    overdue = review(src, DUE + datetime.timedelta(days=1))
    assert overdue.returncode == 1
    assert "TE LAAT" in overdue.stdout and "Team Testhandboek" in overdue.stdout


def test_the_real_handbook_is_not_overdue_on_the_test_day():
    done = review(REPO, datetime.date(2026, 12, 3))
    assert done.returncode == 0, done.stdout


# -- what the pages show ------------------------------------------------------------

@pytest.fixture
def built(tmp_path) -> Built:
    result = Built(governed_root(tmp_path / "src"))
    assert result.warnings == "", result.warnings
    return result


def test_meta_under_the_title_and_changes_at_the_end(built):
    html = built.html("playbook/ambassadeurs")
    meta = html.index('class="hb-governance')
    assert html.index("<h1>") < meta < html.index("Onderbouwing")
    assert "Eigenaar: Team Testhandboek" in html
    assert "Beoordeeld op 1 juni 2026" in html and "Herzien vóór 1 juni 2027" in html
    assert "mogelijk verouderd" not in html
    changes = html[html.index('id="wat-is-er-veranderd"'):]
    # Newest first.
    assert changes.index("Spelregels bijgewerkt") < changes.index("Stappen herschreven")
    # A page without a block shows nothing of it.
    assert "hb-governance" not in built.html("playbook/bottom-up-video")


def test_owner_and_dates_are_no_search_hit(built):
    """The line under the title is the same on every page: the search index
    leaves it out (Sphinx's 'no-search' class), as it does the feedback line.
    The change notes are an author's words and stay findable."""
    index = js_index.loads((Path(built.app.outdir) / "searchindex.js").read_text(encoding="utf-8"))
    play = index["docnames"].index("playbook/ambassadeurs")

    def pages_with(word: str) -> list[int]:
        found = index["terms"].get(HandbookDutch({}).stem(word.lower()), [])
        return [found] if isinstance(found, int) else found

    assert play in pages_with("Spelregels")
    assert play not in pages_with("Testhandboek")  # the owner
    assert play not in pages_with("beoordeeld")
    assert play not in pages_with("opmerking")  # the feedback line


def test_change_list_newest_first_with_links(built):
    html = built.html("overzichten/wijzigingen")
    assert html.index("15 september 2026") < html.index("1 juni 2026")
    assert 'href="../playbook/ambassadeurs.html"' in html
    assert "Geen enkele pagina" in built.html("overzichten/te-herzien")


def test_feedback_line_without_an_address_says_so(built):
    html = built.html("playbook/bottom-up-video")
    assert "Klopt er iets niet of mist u iets?" in html
    assert 'href="mailto:?subject=Handboek%3A%20' in html
    assert "nog geen vast mailadres" in html


def test_feedback_line_with_an_address(tmp_path):
    result = Built(governed_root(tmp_path / "src", contact="reacties@example.org"))
    # Sphinx cloaks the address with entities and %40; a mail program reads it as written.
    html = unquote(unescape(result.html("playbook/ambassadeurs")))
    assert 'href="mailto:reacties@example.org?subject=Handboek: Werken met ambassadeurs"' in html
    assert "nog geen vast mailadres" not in html


def test_overdue_page_shows_the_notice_and_the_list(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(DUE + datetime.timedelta(days=1)))
    result = Built(governed_root(tmp_path / "src"))
    assert result.warnings == "", result.warnings
    html = result.html("playbook/ambassadeurs")
    assert "Deze pagina is mogelijk verouderd" in html
    listed = result.html("overzichten/te-herzien")
    assert "playbook/ambassadeurs.html" in listed and "te laat" in listed
    # One notice line, not a warning: -W builds stay green.
    status = result.app.status.getvalue()
    assert "Te herzien: 1 over de herziendatum, 0 binnen 90 dagen" in status


def test_print_keeps_the_notice(tmp_path):
    css = (REPO / "_static/governance.css").read_text(encoding="utf-8")
    assert "@media print" in css and ".hb-review-overdue" in css
    for hidden in ("display: none", "visibility: hidden"):
        assert hidden not in css


# -- author errors ------------------------------------------------------------------

def test_missing_block_and_bad_fields_are_dutch_warnings_with_lines(tmp_path):
    src = governed_root(tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("handbook_review_required = True\n")
    play = src / "playbook/ambassadeurs.md"
    play.write_text(play.read_text(encoding="utf-8").replace(
        "review_by: 2027-06-01", "review_by: 2027-13-01").replace(
        "      note: Stappen herschreven.\n", "      nota: Stappen herschreven.\n"),
        encoding="utf-8")
    result = Built(src)
    found = [(Path(file).relative_to(src).as_posix(), line, sub)
             for file, line, sub in warning_lines(result.warnings)]
    assert ("playbook/ambassadeurs.md", 4, "governance") in found, result.warnings  # date
    assert ("playbook/ambassadeurs.md", 6, "governance") in found, result.warnings  # no note
    assert ("playbook/ambassadeurs.md", 7, "governance") in found, result.warnings  # 'nota'
    # The other play and the session with an advice block carry no block.
    assert ("playbook/bottom-up-video.md", 1, "governance-missing") in found
    assert ("sessions/pro247.md", 1, "governance-missing") in found
    assert "JJJJ-MM-DD" in result.warnings


def test_make_html_shows_the_review_notice():
    """tools/quiet_build.py hides Sphinx's output but shows this notice."""
    sys.path.insert(0, str(REPO / "tools"))
    import quiet_build

    summary = quiet_build.Summary()
    line = "Te herzien: 2 over de herziendatum, 1 binnen 90 dagen (make review toont de lijst)."
    assert summary.feed(line) == line
    assert summary.feed("reading sources... [ 50%] index") is None
    assert summary.problems == []
