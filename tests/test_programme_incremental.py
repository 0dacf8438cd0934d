"""Incremental builds of the programme: adding, removing or re-timing a
session rewrites the session list, the sidebar and the overviews that show
it, and nothing else (tests/test_incremental_fresh.py checks the same edits
against a clean build of the benchmark corpus)."""

from __future__ import annotations

import pytest

from test_handbook_incremental import OVERVIEWS, edit, rebuild, src  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow

INDEX = "sessions/index"


def next_link(html: str) -> str:
    start = html.index('<link rel="next"')
    return html[start:html.index(">", start)]


def test_a_start_time_rewrites_the_session_and_the_list(src):  # noqa: F811
    edit(src / "sessions/pro247.md", "  order: 2\n", '  order: 2\n  start: "14:00"\n')
    built = rebuild(src)
    # Only these two show the time: no overview, no sidebar change.
    assert set(built.written) == {"sessions/pro247", INDEX}
    assert "Begint om 14:00" in built.html(INDEX)


def test_a_new_order_rewrites_the_list_the_overviews_and_every_sidebar(src):  # noqa: F811
    edit(src / "sessions/one-young-world.md", "  order: 1\n", "  order: 3\n")
    built = rebuild(src)
    # The toctree's order is in the navigation of every page.
    assert set(built.written) == set(built.app.env.found_docs)
    index = built.html(INDEX)
    assert index.index('href="pro247.html"') < index.index('href="one-young-world.html"')
    assert 'href="one-young-world.html"' in next_link(built.html("sessions/pro247"))
    matrix = built.html("overzichten/matrix")
    assert matrix.index("pro247.html") < matrix.index("one-young-world.html")


def test_the_toctree_would_stay_behind_without_reading_it_again(src, monkeypatch):  # noqa: F811
    """The gate: without model.programme.outdated the session moves in the
    list, but the toctree (sidebar, previous/next, PDF) keeps the old order."""
    from handbook.model import programme

    monkeypatch.setattr(programme, "outdated", lambda *args: [])
    edit(src / "sessions/one-young-world.md", "  order: 1\n", "  order: 3\n")
    built = rebuild(src)
    assert 'href="pro247.html"' in next_link(built.html("sessions/one-young-world"))


def test_a_new_session_file_alone_joins_list_and_toctree(src):  # noqa: F811
    text = (src / "sessions/pro247.md").read_text(encoding="utf-8")
    text = text.replace("  order: 2\n", "  order: 5\n").replace("# PRO247", "# Nieuw")
    text = text.replace(":id: pro247-", ":id: nieuw-")
    (src / "sessions/nieuw.md").write_text(text, encoding="utf-8")
    built = rebuild(src)
    assert set(built.written) == set(built.app.env.found_docs)
    assert 'href="nieuw.html"' in built.html(INDEX)
    assert 'href="nieuw.html"' in next_link(built.html("sessions/pro247"))
    assert set(built.written) >= OVERVIEWS


def test_removing_a_session_takes_it_off_the_list(src):  # noqa: F811
    (src / "sessions/one-young-world.md").unlink()
    built = rebuild(src)
    assert "one-young-world.html" not in built.html(INDEX)
    assert set(built.written) == set(built.app.env.found_docs)
