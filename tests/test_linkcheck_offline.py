"""make linkcheck without internet (issue 21): when no external address
answers at all, one Dutch line says the links could not be checked, instead of
calling every link broken; when some address answers, a failing link is
reported as broken as usual (tools/linkcheck.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from handbook import loopback
from handbook_helpers import REPO

SPHINX_BUILD = Path(sys.executable).with_name("sphinx-build")
# .invalid never resolves (RFC 2606): a link that cannot connect, online or not.
UNREACHABLE = "https://voorbeeld.invalid/pagina"


def linkcheck(src: Path, *links: str) -> subprocess.CompletedProcess[str]:
    (src / "conf.py").write_text('extensions = ["myst_parser"]\nlanguage = "nl"\nlinkcheck_timeout = 5\n'
                                 "linkcheck_retries = 1\n", encoding="utf-8")
    (src / "index.md").write_text(
        "# Links\n\n" + "".join(f"- <{link}>\n" for link in links), encoding="utf-8")
    out = src / "_build"
    return subprocess.run(
        [sys.executable, str(REPO / "tools" / "linkcheck.py"), str(out / "linkcheck" / "output.json"),
         str(out / "log" / "linkcheck.txt"), "--", str(SPHINX_BUILD), "-M", "linkcheck", ".",
         "_build", "-W", "--keep-going"],
        cwd=src, capture_output=True, text=True, check=False)


def test_no_reachable_address_gives_one_dutch_line(tmp_path):
    result = linkcheck(tmp_path, UNREACHABLE)
    assert result.returncode == 3, result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("Externe links niet gecontroleerd: deze computer bereikt geen van de 1 ")
    assert "broken" not in result.stdout


def test_a_broken_link_next_to_a_working_one_is_reported(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "bestaat.html").write_text("<p>hier</p>", encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    with loopback.serve(site) as base:
        result = linkcheck(src, base + "bestaat.html", UNREACHABLE)
    assert result.returncode == 1, result.stdout
    assert "niet gecontroleerd" not in result.stdout
    assert result.stdout.splitlines()[0].startswith(
        f"index.md:4: kapotte link: {UNREACHABLE} ("), result.stdout
    assert "2 externe links gecontroleerd, 1 kapot." in result.stdout
