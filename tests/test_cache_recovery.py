"""A cache the build keeps between runs never stops a build (issue 25).

The navigation speed-up keeps its tree in a pickle next to the doctrees.
Whatever that file holds (a tree pickled by an older layout whose classes
have moved, a file cut short by an interrupted build) the next build makes
the tree again and writes the same pages."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from handbook_helpers import Built, client_side_diagrams, copy_root

pytestmark = pytest.mark.slow

CACHE = "handbook-navigation.pickle"
# GLOBAL opcode for a class in a module that does not exist: what a cache
# written before a module moved looks like to the unpickler.
MOVED_CLASS = b"chandbook.navigation\n_Tree\n."


@pytest.mark.parametrize("content", [MOVED_CLASS, b"\x80\x05\x95", b"not a pickle"],
                         ids=["moved-class", "cut-short", "garbage"])
def test_damaged_navigation_cache_is_rebuilt(content, tmp_path):
    src = copy_root("handbook", tmp_path / "src")
    conf = src / "conf.py"  # the speed-up reworks Furo's tree only
    conf.write_text(conf.read_text(encoding="utf-8").replace('"basic"', '"furo"'), encoding="utf-8")
    out = tmp_path / "out"
    with client_side_diagrams():
        first = Built(src, builddir=out)
        cache = Path(first.app.doctreedir) / CACHE
        assert cache.is_file(), "the navigation speed-up wrote no cache"
        expected = first.html("index")
        cache.write_bytes(content)
        # Any edit makes the build write pages, and so read the cache.
        page = src / "index.md"
        future = time.time() + 5
        os.utime(page, (future, future))
        again = Built(src, builddir=out)
    assert again.warnings == "", again.warnings
    assert "index" in again.written
    assert again.html("index") == expected
    assert cache.read_bytes() != content, "the damaged cache was not replaced"
    assert not list(cache.parent.glob(f"{CACHE}.*")), "a temporary file was left behind"
