"""Every author mistake is a handbook.<subtype> warning with file:line.

tests/roots/test-errors breaks the input on purpose, once per mistake; a
warning that stops firing, or moves to the wrong line, fails its test.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from handbook.model.report import SUBTYPES
from handbook_helpers import REPO, Built, copy_root, warning_lines


@pytest.fixture(scope="module")
def errors(tmp_path_factory) -> Built:
    return Built(copy_root("errors", tmp_path_factory.mktemp("errors") / "src"), parallel=2)


def found(built: Built) -> set[tuple[str, int, str]]:
    src = str(built.app.srcdir) + "/"
    return {(f.replace(src, ""), line, sub) for f, line, sub in warning_lines(built.warnings)}


@pytest.mark.parametrize(("file", "line", "subtype"), [
    ("sessions/kapotte-kop.md", 2, "session-missing"),      # 'venue' absent: at 'session:'
    ("sessions/kapotte-kop.md", 5, "session-unknown"),      # 'venu' typo
    ("sessions/kapotte-kop.md", 6, "session-type"),         # speakers: a string, not a list
    ("sessions/kapotte-kop.md", 3, "session-date"),         # 2018-13-45
    ("sessions/kapotte-kop.md", 15, "learning-id"),         # no :id:
    ("sessions/kapotte-kop.md", 25, "learning-id"),         # :id: not a slug
    ("sessions/kapotte-kop.md", 20, "learning-play"),       # no :play:
    ("sessions/dubbel.md", 23, "learning-duplicate"),       # second 'zelfde-id'
    ("sessions/dubbel.md", 29, "play-unknown"),             # :play: bestaat-niet
    ("playbook/leeg.md", 1, "play-evidence"),               # nobody targets 'leeg'
    ("sessions/geen-lessen.md", 15, "session-learnings"),   # at the title
    ("sessions/dubbel.md", 39, "keyfigure-number"),         # value: "124%"
    ("sessions/dubbel.md", 42, "keyfigure"),                # before without after
    ("sessions/dubbel.md", 45, "keyfigure-number"),         # value: 379.614 (thousands dot)
    ("playbook/echte-play.md", 3, "play-frontmatter"),      # 'sumary' typo
    ("overig.md", 3, "learning-place"),                     # learning outside sessions/
    ("overig.md", 9, "evidence-place"),                     # evidence outside playbook/
    ("overig.md", 12, "overview"),                          # unknown overview kind
    ("overig.md", 15, "advice"),                            # empty advice block
    ("sessions/zonder-kop.md", 1, "session-missing"),       # no front matter at all
    ("sessions/zonder-kop.md", 3, "learning-title"),        # :::{learning} without a title
])
def test_author_error_is_reported_at_file_line(errors, file, line, subtype):
    assert (file, line, subtype) in found(errors), errors.warnings


def test_messages_say_what_to_do(errors):
    text = errors.warnings
    assert "Het les-id 'zelfde-id' bestaat al in sessions/dubbel.md:17" in text
    assert "Kies een van: echte-play, leeg" in text
    assert "Schrijf hem als JJJJ-MM-DD" in text
    assert "Controleer de spelling" in text
    assert "Bedoelt u 379614?" in text


def test_no_unexpected_warnings(errors):
    """Each mistake is reported once; myst's own 'Malformed YAML' accompanies the bad date."""
    handbook = [line for line in errors.warnings.splitlines() if "WARNING" in line]
    other = [line for line in handbook if "[handbook." not in line]
    assert len(handbook) - len(other) == 21, errors.warnings
    assert len(other) == 1 and "[myst.topmatter]" in other[0], other


def test_strict_build_fails_and_lists_all_in_one_run(tmp_path):
    src = copy_root("errors", tmp_path / "src")
    # As the Makefile runs it: -W --keep-going -n -j auto.
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-j", "auto",
         str(src), str(tmp_path / "out")],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "_ext")})
    assert proc.returncode != 0
    subtypes = {sub for _, _, sub in warning_lines(proc.stderr)}
    # Every subtype the extension knows is exercised by the broken root.
    assert subtypes == set(SUBTYPES)


def test_handbook_warnings_can_be_suppressed(tmp_path):
    src = copy_root("errors", tmp_path / "src")
    with (src / "conf.py").open("a") as conf:
        conf.write('\nsuppress_warnings = ["handbook.play-evidence"]\n')
    built = Built(src)
    subtypes = {sub for _, _, sub in warning_lines(built.warnings)}
    assert "play-evidence" not in subtypes and "play-unknown" in subtypes


def test_a_play_named_twice_counts_once(errors):
    html = errors.html("playbook/echte-play")
    assert html.count("zonder-kop.html#zonder-titel") == 1
