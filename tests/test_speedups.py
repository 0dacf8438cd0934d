"""handbook.speedups changes how fast the site is built, never what is built.

The real handbook is built twice with the options `make html` uses, once as
conf.py says and once with the ``handbook.speedups`` line removed, and every
file of the two sites is compared byte for byte. Diagrams are left to the
reader's browser here (no speed-up touches them; tests/test_diagrams.py
covers build-time drawing). A speed-up that changes a single byte fails.
"""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest

from conftest import sphinx_build
from source_copy import copy_source

pytestmark = pytest.mark.slow

SPEEDUPS = '    "handbook.speedups",\n'


def without_speedups(conf: Path) -> None:
    text = conf.read_text(encoding="utf-8")
    assert SPEEDUPS in text, "conf.py no longer lists handbook.speedups on a line of its own"
    conf.write_text(text.replace(SPEEDUPS, ""), encoding="utf-8")


def site_files(root: Path) -> dict[str, Path]:
    # .doctrees holds the speed-ups' own caches; .buildinfo the config hash
    # (the extension list differs by design).
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*")
            if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"}


def differing(a: Path, b: Path) -> list[str]:
    left, right = site_files(a), site_files(b)
    names = sorted(set(left) | set(right))
    return [n for n in names if n not in left or n not in right
            or not filecmp.cmp(left[n], right[n], shallow=False)]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    os.environ["HANDBOOK_DIAGRAMS"] = "client"
    try:
        built = []
        for name in ("with", "without"):
            src = copy_source(tmp_path_factory.mktemp(name) / "src")
            if name == "without":
                without_speedups(src / "conf.py")
            build = sphinx_build(src, src / "_build" / "html")
            assert build.returncode == 0, build.output
            built.append(src / "_build" / "html")
        return built[0], built[1]
    finally:
        del os.environ["HANDBOOK_DIAGRAMS"]


def test_site_is_byte_identical_without_speedups(sites):
    with_, without = sites
    assert len(site_files(with_)) > 30
    assert differing(with_, without) == []


def test_the_comparison_sees_a_changed_byte(sites, tmp_path):
    """The gate can fail: one changed byte in one page is reported."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(sites[1], copy)
    page = copy / "overzichten" / "matrix.html"
    page.write_text(page.read_text(encoding="utf-8").replace("row-odd", "row-0dd", 1),
                    encoding="utf-8")
    assert differing(sites[0], copy) == ["overzichten/matrix.html"]


def test_speedups_are_loaded_from_conf(sites):
    """Guards the test above: the first site really used the speed-ups."""
    assert (sites[0] / ".doctrees" / "handbook-navigation.pickle").is_file()
    assert not (sites[1] / ".doctrees" / "handbook-navigation.pickle").is_file()
