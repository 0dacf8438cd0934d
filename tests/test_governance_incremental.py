"""Incremental builds and governance (issue 19): an owner, date or change note
rewrites only the pages that show it plus the generated lists, also when no
source changed (a day passed, handbook_owner in conf.py changed). The pattern
of tests/test_handbook_incremental.py."""

from __future__ import annotations

import datetime

import pytest

from handbook_helpers import Built
from test_governance import DUE, epoch, governed_root
from test_handbook_incremental import edit

pytestmark = pytest.mark.slow

PLAY = "playbook/ambassadeurs"
REVIEW = "overzichten/te-herzien"
CHANGES = "overzichten/wijzigingen"


@pytest.fixture
def src(tmp_path):
    src = governed_root(tmp_path / "src")
    first = Built(src)
    assert first.warnings == "", first.warnings
    return src


def rebuild(src) -> set[str]:
    built = Built(src)
    assert built.warnings == "", built.warnings
    return set(built.written)


def test_nothing_changed_writes_nothing(src):
    assert rebuild(src) == set()


def test_a_review_date_rewrites_the_page_and_the_review_list(src):
    # Due within 90 days of the test day: listed as soon due.
    edit(src / f"{PLAY}.md", "review_by: 2027-06-01", "review_by: 2027-01-15")
    assert rebuild(src) == {PLAY, REVIEW}


def test_a_change_note_rewrites_the_page_and_the_change_list(src):
    edit(src / f"{PLAY}.md", "note: Spelregels bijgewerkt.", "note: Spelregels herzien.")
    assert rebuild(src) == {PLAY, CHANGES}


def test_the_owner_in_conf_rewrites_only_the_pages_that_show_it(src):
    edit(src / "conf.py", "handbook_owner = 'Team Testhandboek'", "handbook_owner = 'Team Online'")
    assert rebuild(src) == {PLAY}


def test_days_passing_rewrite_only_what_changes(src, monkeypatch):
    # Soon due: the list shows it, the page does not (yet).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(DUE - datetime.timedelta(days=30)))
    assert rebuild(src) == {REVIEW}
    # Another day, the same state: nothing.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(DUE - datetime.timedelta(days=29)))
    assert rebuild(src) == set()
    # Overdue: the page shows the notice, the list says "te laat".
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(DUE + datetime.timedelta(days=1)))
    built = Built(src)
    assert set(built.written) == {PLAY, REVIEW}
    assert "mogelijk verouderd" in built.html(PLAY)
    assert "te laat" in built.html(REVIEW)
