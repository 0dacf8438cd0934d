"""`make bench`'s page weight, counted in a real browser (tools/bench.py):
every file a page loads, counted once, in bytes."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import bench

pytestmark = pytest.mark.browser


def test_bytes_a_browser_loads_per_page(tmp_path, browser_path):
    (tmp_path / "_static").mkdir()
    css = "body{color:#000}" * 100
    (tmp_path / "_static" / "a.css").write_text(css)
    heavy = '<!doctype html><link rel="stylesheet" href="_static/a.css"><p>zwaar</p>'
    light = "<!doctype html><p>licht</p>"
    (tmp_path / "heavy.html").write_text(heavy)
    (tmp_path / "light.html").write_text(light)
    # Not a page: the static folder's HTML is left out.
    (tmp_path / "_static" / "frame.html").write_text(light)
    weight = bench.page_weight(tmp_path)
    assert weight is not None
    assert weight["pages"] == 2
    assert weight["largest"] == ("heavy.html", len(heavy) + len(css))
    assert weight["median"] == (len(heavy) + len(css) + len(light)) / 2
