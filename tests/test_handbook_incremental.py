"""Incremental builds: an edit rewrites exactly the pages whose generated
blocks depend on it (no `make clean`), and leaves the others alone."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from handbook_helpers import Built, copy_root

# Each case builds the test root, edits it and builds again.
pytestmark = pytest.mark.slow

OVERVIEWS = {f"overzichten/{name}" for name in
             ("themas", "kanalen", "organisaties", "matrix", "kaart", "kerncijfers")}


@pytest.fixture
def src(tmp_path) -> Path:
    src = copy_root("handbook", tmp_path / "src")
    first = Built(src)
    assert first.warnings == "", first.warnings
    return src


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    # Sphinx compares modification times: make sure this one is newer.
    future = time.time() + 5
    os.utime(path, (future, future))


def rebuild(src: Path) -> Built:
    built = Built(src)
    assert built.warnings == "", built.warnings
    return built


def pages(built: Built, *docnames: str) -> set[str]:
    """The pages a change writes: these docs only. Their toctree parents are
    written only when a child's sections changed (handbook.toc_rewrites)."""
    return set(docnames)


def test_nothing_changed_writes_nothing(src):
    assert rebuild(src).written == []


def test_prose_edit_rewrites_only_that_session(src):
    edit(src / "sessions/pro247.md", "Tekst over de sessie.", "Andere tekst.")
    built = rebuild(src)
    assert set(built.written) == pages(built, "sessions/pro247")
    assert not OVERVIEWS & set(built.written)


def test_changing_a_learnings_play(src):
    edit(src / "sessions/one-young-world.md", ":play: ambassadeurs", ":play: bottom-up-video")
    built = rebuild(src)
    assert set(built.written) == pages(
        built,
        "sessions/one-young-world",  # re-read
        "playbook/ambassadeurs", "playbook/bottom-up-video",  # evidence lists
        "overzichten/matrix", "overzichten/kaart",
    )
    assert "oyw-ambassadeurs" in built.html("playbook/bottom-up-video")
    assert "oyw-ambassadeurs" not in built.html("playbook/ambassadeurs")


def test_adding_a_learning(src):
    edit(src / "sessions/pro247.md", "Tekst over de sessie.\n", """Tekst over de sessie.

:::{learning} Luister naar je mensen
:id: pro247-luisteren
:play: ambassadeurs
Draagvlak begint bij de mensen die het werk doen.
:::
""")
    built = rebuild(src)
    # pro247 already fed 'ambassadeurs': the map (edges only) stays as it was.
    assert set(built.written) == pages(built, "sessions/pro247", "playbook/ambassadeurs",
                                       "overzichten/matrix")
    assert "pro247.html#pro247-luisteren" in built.html("playbook/ambassadeurs")


def test_deleting_a_learning(src):
    edit(src / "sessions/pro247.md", """:::{learning} Vertel, verbaas, vernieuw
:id: pro247-vvv
:play: bottom-up-video, ambassadeurs
Drie vaste elementen.
:::
""", "")
    built = rebuild(src)
    assert set(built.written) == pages(
        built, "sessions/pro247", "playbook/ambassadeurs", "playbook/bottom-up-video",
        "overzichten/matrix", "overzichten/kaart",
    )
    assert "pro247" not in built.html("playbook/ambassadeurs")
    assert "Toegepast in" in built.html("sessions/pro247")


def test_renaming_a_session_title(src):
    edit(src / "sessions/pro247.md", "# PRO247", "# Politievideo PRO247")
    built = rebuild(src)
    # The navigation of every page names the session.
    assert set(built.written) == set(built.app.env.found_docs)
    assert "Politievideo PRO247" in built.html("overzichten/themas")


def test_renaming_a_session_file(src):
    (src / "sessions/pro247.md").rename(src / "sessions/politievideo.md")
    built = rebuild(src)
    # A page went and another came: the navigation of every page changed.
    assert set(built.written) == set(built.app.env.found_docs)
    assert "politievideo.html#pro247-werkvloer" in built.html("playbook/bottom-up-video")
    assert "pro247.html" not in built.html("overzichten/matrix")


def test_deleting_a_session(src):
    (src / "sessions/one-young-world.md").unlink()
    built = Built(src)
    # 'ambassadeurs' keeps pro247's learning, so no play loses all its evidence.
    assert built.warnings == "", built.warnings
    # The navigation of every page lost the session.
    assert set(built.written) == set(built.app.env.found_docs)
    assert "one-young-world" not in built.html("playbook/ambassadeurs")
    assert "Nog geen kerncijfers." in built.html("overzichten/kerncijfers")


def test_renaming_a_play_title(src):
    edit(src / "playbook/ambassadeurs.md", "# Werken met ambassadeurs", "# Ambassadeurs inzetten")
    built = rebuild(src)
    # Both sessions name the play in their box, the matrix and map show its
    # title, and so does the navigation of every page.
    assert set(built.written) == set(built.app.env.found_docs)
    assert "Ambassadeurs inzetten" in built.html("sessions/pro247")


def test_prose_edit_skips_hashing_the_views(src, monkeypatch):
    """Views read only records, titles and toctrees: when none changed in the
    page read again, the extension does not recompute them. The edit moves the
    learnings down (their source lines change, which no view shows)."""
    from handbook.incremental import views

    hashed = []
    original = views.fingerprint
    monkeypatch.setattr(views, "fingerprint",
                        lambda index, doc, kinds: hashed.append(doc) or original(index, doc, kinds))
    edit(src / "sessions/pro247.md", "Tekst over de sessie.", "Tekst.\n\nNog een alinea.\n")
    assert set(rebuild(src).written) == {"sessions/pro247"}
    assert hashed == []
    edit(src / "sessions/pro247.md", ":play: bottom-up-video\n", ":play: ambassadeurs\n")
    assert "playbook/ambassadeurs" in rebuild(src).written
    assert "sessions/pro247" in hashed


def test_a_problem_is_reported_in_every_build(src):
    edit(src / "sessions/pro247.md", "  order:", "  ordr:")
    for attempt in range(2):
        built = Built(src)
        assert "ordr" in built.warnings, attempt
        edit(src / "sessions/pro247.md", "Tekst over de sessie.", "Tekst over de sessie!")
        edit(src / "sessions/pro247.md", "Tekst over de sessie!", "Tekst over de sessie.")
