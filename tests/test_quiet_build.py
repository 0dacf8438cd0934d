"""make html is quiet (issue 21): the screen shows each problem as it comes
and a short Dutch summary; Sphinx's full English output goes to a log file,
and the exit code stays sphinx-build's own (tools/quiet_build.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from handbook_helpers import REPO, copy_root, warning_lines

RUNNER = REPO / "tools" / "quiet_build.py"
SPHINX_BUILD = Path(sys.executable).with_name("sphinx-build")


def quiet(log: Path, *command: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    # The test roots load the handbook extension from the repository's _ext.
    env = {**os.environ, "PYTHONPATH": str(REPO / "_ext")}
    return subprocess.run([sys.executable, str(RUNNER), str(log), "--", *command], cwd=cwd,
                          env=env, capture_output=True, text=True, encoding="utf-8", check=False)


def fake_sphinx(lines: str, code: int) -> list[str]:
    """A stand-in for sphinx-build that prints the given lines and exits."""
    return [sys.executable, "-c",
            f"import sys; sys.stdout.write({lines!r}); sys.exit({code})"]


NOISY = """Running Sphinx v9.0.4
myst v5.2.0: MdParserConfig(commonmark_only=False, gfm_only=False)
loading pickled environment... The configuration has changed (1 option: 'x')
Diagrammen: 1 getekend, 4 uit de cache.
writing output... [ 50%] index .. overzichten/kaart
writing output... [100%] sessions/pro247 .. woordenlijst
Pagina's geschreven: 12.
build succeeded.
"""


def test_a_good_build_prints_only_the_summary(tmp_path):
    log = tmp_path / "log" / "html.txt"
    result = quiet(log, *fake_sphinx(NOISY, 0))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "12 pagina's geschreven. Diagrammen: 1 getekend, 4 uit de cache.",
        "Klaar, zonder problemen.",
        f"Volledige uitvoer: {log}",
    ]
    assert log.read_text(encoding="utf-8") == NOISY


def test_a_crash_shows_the_end_of_the_output(tmp_path):
    result = quiet(tmp_path / "log.txt",
                   *fake_sphinx("Running Sphinx\nTraceback: boom\n", 2))
    assert result.returncode == 2
    assert "Traceback: boom" in result.stdout
    assert "Mislukt: de bouw stopte (code 2)" in result.stdout


def test_every_problem_is_shown_and_listed_with_its_line(tmp_path):
    """A real build of the errors root: each warning on screen with its
    continuation lines, then listed by file:line under the count."""
    src = copy_root("errors", tmp_path / "src")
    log = tmp_path / "html.txt"
    result = quiet(log, str(SPHINX_BUILD), "-M", "html", ".", "_build", "-W", "--keep-going",
                   "-n", cwd=src)
    full = log.read_text(encoding="utf-8")
    assert result.returncode != 0
    assert "myst v" in full and "myst v" not in result.stdout
    # A warning may follow a progress line on the same line ("checking
    # consistency... "): on screen it starts a line of its own.
    unprefixed = re.sub(r"^[a-z][^:\n]*?\.\.\. (?=\S+:\d+: WARNING)", "", full, flags=re.M)
    expected = warning_lines(unprefixed.replace(f"{src}/", ""))
    shown = warning_lines(result.stdout)
    assert shown == expected and len(shown) >= 10, result.stdout
    count = full.count(": WARNING: ") + full.count(": ERROR: ")
    assert f"Mislukt: {count} problemen" in result.stdout
    assert re.search(r"^\d+ pagina's geschreven\.", result.stdout, re.M), result.stdout
    listed = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    for file, line, _ in shown:
        assert f"{file}:{line}" in listed
