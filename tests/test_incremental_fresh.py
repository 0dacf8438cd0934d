"""An incremental build gives the same site as a clean build of the same source.

Each kind of edit an author makes is applied to a built corpus; the rebuild
(`make html` without `make clean`) must then match, byte for byte, a clean
build of the edited source. This catches stale pages whichever way they come
about: a page that shows the edited data but was not rewritten (the title in
Furo's sidebar on every page, a learning's play on the play pages) fails here.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, sphinx_build

sys.path.insert(0, str(ROOT / "tools"))
import benchcorpus

# Each case builds a copy of the handbook twice (incremental and clean).
pytestmark = pytest.mark.slow

N, PLAYS = 6, 6
# Files a build writes that hold no content: Sphinx's build hash, and the
# source copies, which the incremental build leaves in place of deleted pages.
NOT_COMPARED = (".buildinfo",)


def session(src: Path, i: int) -> Path:
    return src / "sessions" / f"{benchcorpus.session_id(i)}.md"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def prose(src: Path) -> None:
    replace(session(src, 1), "# Sessie 1\n", "# Sessie 1\n\nEen nieuwe zin.\n")


def heading(src: Path) -> None:
    replace(session(src, 1), "# Sessie 1\n", "# Sessie 1\n\n## Een nieuwe paragraaf\n\nTekst.\n")


def heading_in_parent(src: Path) -> None:
    """A new section, where the parent's toctree lists sections (see PREPARE)."""
    heading(src)


def prose_with_glossary(src: Path) -> None:
    """A prose edit in a handbook with a glossary (index entries, see PREPARE)."""
    prose(src)


GLOSSARY = """# Woorden

:::{glossary}
Ambassadeur
  Iemand die het verhaal van de organisatie vertelt.

Bereik
  Hoeveel mensen een bericht zien.
:::
"""


def add_glossary(src: Path) -> None:
    (src / "woorden.md").write_text(GLOSSARY, encoding="utf-8")
    replace(src / "index.md", "overzichten/index\n", "overzichten/index\nwoorden\n")


def title(src: Path) -> None:
    replace(session(src, 1), "# Sessie 1\n", "# Sessie een\n")


def play_target(src: Path) -> None:
    old = benchcorpus.learning_plays(1, 0, PLAYS)
    replace(session(src, 1), f":play: {old}", f":play: {benchcorpus.play_id(0)}")


def add_session(src: Path) -> None:
    """One new file, as the template asks: no edit to sessions/index.md."""
    session(src, N).write_text(benchcorpus.session_page(N, PLAYS, "handbook"), encoding="utf-8")


def delete_session(src: Path) -> None:
    session(src, 2).unlink()


def reorder_session(src: Path) -> None:
    """Session 1 moves to the end of the programme: list, overviews, sidebar."""
    replace(session(src, 1), "  order: 2\n", "  order: 60\n")


def start_time(src: Path) -> None:
    """A start time: the card and the session list show it."""
    replace(session(src, 1), "  order: 2\n", '  order: 2\n  start: "10:30"\n')


def rename_event(src: Path) -> None:
    """The events file: every session card, the list and the map name the event."""
    replace(src / "_data" / "events.yaml", "name: Benchmarkcongres 0", "name: Congres nul")


def vocabulary_alias(src: Path) -> None:
    """A channel gets a new name, its old one an alias: the overview and the
    cards' links follow."""
    replace(src / "_data" / "vocabularies.yaml", "  - Kanaal 1\n",
            "  - name: Kanaal een\n    aliases: [Kanaal 1]\n")


def stylesheet(src: Path) -> None:
    """A maintainer edits a stylesheet: every page links the new bundle."""
    with (src / "_static" / "reader.css").open("a", encoding="utf-8") as css:
        css.write("\n.hb-new-rule { margin-top: 1px; }\n")


EDITS = [prose, prose_with_glossary, heading, heading_in_parent, title, play_target,
         add_session, delete_session, reorder_session, start_time, rename_event,
         vocabulary_alias, stylesheet]
# Set up before the first build.
PREPARE = {
    prose_with_glossary: add_glossary,
    heading_in_parent: lambda src: replace(src / "sessions" / "index.md",
                                           ":maxdepth: 1", ":maxdepth: 2"),
}


def build(src: Path, out: Path) -> None:
    result = sphinx_build(src, out / "html", "html", "-d", str(out / "doctrees"))
    assert result.returncode == 0, result.output


def site(out: Path) -> dict[str, bytes]:
    html = out / "html"
    return {p.relative_to(html).as_posix(): p.read_bytes() for p in html.rglob("*")
            if p.is_file() and p.name not in NOT_COMPARED and "_sources" not in p.parts}


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_rebuild_matches_a_clean_build(tmp_path, edit):
    src = benchcorpus.write_corpus(tmp_path / "src", N, PLAYS)
    PREPARE.get(edit, lambda src: None)(src)
    build(src, tmp_path / "incremental")
    edit(src)
    build(src, tmp_path / "incremental")
    assert differences(src, tmp_path) == []


def differences(src: Path, tmp_path: Path) -> list[str]:
    """Files of the incremental build that differ from a clean build of src."""
    clean = tmp_path / "clean-src"
    shutil.copytree(src, clean, symlinks=True)
    build(clean, tmp_path / "clean")
    rebuilt, expected = site(tmp_path / "incremental"), site(tmp_path / "clean")
    # A deleted page's old HTML stays behind, as with plain Sphinx; it is in no
    # toctree and no search result.
    stale = set(rebuilt) - set(expected)
    # (with its precompressed copies, web/compress.py), and the trimmed
    # stylesheets that only that page still links (web/assets.py keeps a copy
    # while a page in the output links it).
    left = tmp_path / "incremental" / "html" / "sessions" / "sessie-0002.html"
    linked = set()
    if left.is_file():
        for href in re.findall(r'href="\.\./(_static/trimmed/[0-9a-f]+\.css)',
                               left.read_text(encoding="utf-8")):
            linked |= {href + suffix for suffix in ("", ".gz", ".br")}
    allowed = {f"sessions/sessie-0002.html{suffix}" for suffix in ("", ".gz", ".br")} | linked
    assert stale <= allowed, stale
    return sorted(p for p in expected if rebuilt.get(p) != expected[p])


# Sphinx writes these on every build, whatever changed.
ALWAYS_WRITTEN = {"search.html", "genindex.html", "404.html"}


def test_a_build_without_changes_writes_no_page(tmp_path):
    """The counterpart of the edits above: with nothing changed, no page is
    written again (a stylesheet the build itself rewrote, or a fingerprint
    that moved, would make every rebuild a full one, and the comparisons
    above would pass without testing anything)."""
    src = benchcorpus.write_corpus(tmp_path / "src", N, PLAYS)
    build(src, tmp_path / "out")
    html = tmp_path / "out" / "html"

    def stamps() -> dict[str, int]:
        return {p.relative_to(html).as_posix(): p.stat().st_mtime_ns
                for p in html.rglob("*.html")
                if p.relative_to(html).as_posix() not in ALWAYS_WRITTEN}

    before = stamps()
    build(src, tmp_path / "out")
    assert [page for page, stamp in stamps().items() if before.get(page) != stamp] == []


def test_comparison_catches_a_stale_page(tmp_path):
    """The gate: a page left as it was before a title change is reported."""
    src = benchcorpus.write_corpus(tmp_path / "src", N, PLAYS)
    build(src, tmp_path / "incremental")
    page = tmp_path / "incremental" / "html" / "sessions" / "sessie-0003.html"
    before = page.read_bytes()
    title(src)
    build(src, tmp_path / "incremental")
    assert b"Sessie een" in page.read_bytes(), "the sidebar of another page names the new title"
    page.write_bytes(before)
    assert differences(src, tmp_path) == ["sessions/sessie-0003.html"]
