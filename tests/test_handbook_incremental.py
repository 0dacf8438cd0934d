"""Incremental builds: an edit rewrites exactly the pages whose generated
blocks depend on it (no `make clean`), and leaves the others alone."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from handbook_helpers import Built, copy_root

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
    """The pages Sphinx writes for these changes: the docs themselves plus, by
    Sphinx's own rule, the pages whose toctree lists them (their parents)."""
    parents = built.app.env.files_to_rebuild
    return set(docnames) | {p for d in docnames for p in parents.get(d, ())}


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
    expected = {"sessions/pro247", "playbook/ambassadeurs", "playbook/bottom-up-video",
                "overzichten/themas", "overzichten/kanalen", "overzichten/organisaties",
                "overzichten/matrix", "overzichten/kaart"}
    assert expected <= set(built.written)
    # No key figures on that page, and the other session does not show its title.
    assert not {"overzichten/kerncijfers", "sessions/one-young-world"} & set(built.written)
    assert "Politievideo PRO247" in built.html("overzichten/themas")


def test_renaming_a_session_file(src):
    (src / "sessions/pro247.md").rename(src / "sessions/politievideo.md")
    built = rebuild(src)
    assert {"sessions/politievideo", "playbook/bottom-up-video", "overzichten/matrix",
            "overzichten/themas"} <= set(built.written)
    assert "overzichten/kerncijfers" not in built.written
    assert "politievideo.html#pro247-werkvloer" in built.html("playbook/bottom-up-video")
    assert "pro247.html" not in built.html("overzichten/matrix")


def test_deleting_a_session(src):
    (src / "sessions/one-young-world.md").unlink()
    built = Built(src)
    # 'ambassadeurs' keeps pro247's learning, so no play loses all its evidence.
    assert built.warnings == "", built.warnings
    assert OVERVIEWS | {"playbook/ambassadeurs"} <= set(built.written)
    assert not {"sessions/pro247", "playbook/bottom-up-video"} & set(built.written)
    assert "one-young-world" not in built.html("playbook/ambassadeurs")
    assert "Nog geen kerncijfers." in built.html("overzichten/kerncijfers")
