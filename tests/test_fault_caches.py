"""Every file the build keeps between runs survives damage (issue 25).

Each cache under the doctree folder is, in turn, cut short or overwritten
with bytes that are not what the build wrote. The next build must succeed,
say so in one Dutch notice line, and write the same site as a clean build.
The caches: the drawn diagrams, the CSP scan, the navigation tree, Sphinx's
environment pickle and a stored doctree (a page not read again)."""

from __future__ import annotations

import random
import shutil

import pytest

from fault_helpers import (
    FIGURES,
    NOTICE,
    build,
    differences,
    full_log,
    sample,
    touch,
    tree,
)

pytestmark = pytest.mark.slow

CACHES = {
    "diagram": "diagram-cache/*.json",
    "csp": "csp-inline.json",
    "navigation": "handbook-navigation.pickle",
    "environment": "environment.pickle",
    "doctree": "sessions/tunnel.doctree",
}


def cut_short(data: bytes) -> bytes:
    return data[: len(data) // 2]


def garbage(data: bytes) -> bytes:
    rng = random.Random(len(data))
    return bytes(rng.randrange(256) for _ in range(max(len(data), 64)))


DAMAGE = {"cut-short": cut_short, "garbage": garbage}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean build of the sample: its output tree is what every build
    after damage must write."""
    base = tmp_path_factory.mktemp("clean")
    src = sample(base / "src")
    result = build(src, base / "_build")
    assert result.returncode == 0, result.stdout + result.stderr
    return src, base / "_build", tree(base / "_build" / "html")


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("cache", CACHES)
def test_damaged_cache_is_discarded_and_rebuilt(cache, damage, clean, tmp_path):
    src, clean_build, expected = clean
    builddir = tmp_path / "_build"
    shutil.copytree(clean_build, builddir, symlinks=True)
    doctrees = builddir / "doctrees"
    files = sorted(doctrees.glob(CACHES[cache]))
    assert files, f"the build wrote no {CACHES[cache]}"
    target = files[0]
    target.write_bytes(DAMAGE[damage](target.read_bytes()))
    # An edited page: the build writes pages, and so reads every cache.
    touch(src / "index.md")
    try:
        again = build(src, builddir)
        assert again.returncode == 0, again.stdout + again.stderr
        log = full_log(builddir)
        notices = [line[line.index(NOTICE):] for line in log.splitlines() if NOTICE in line]
        assert len(notices) == 1, log
        assert notices[0] in again.stdout.splitlines(), "the notice is not on the screen"
        assert "Traceback" not in log
        assert differences(expected, tree(builddir / "html")) == []
        assert target.is_file(), "the damaged cache was not made again"
        assert not list(doctrees.rglob("*.hbtmp")), "a temporary file was left behind"
    finally:
        touch(src / "index.md", -5)
    FIGURES["damaged caches recovered"] += 1
