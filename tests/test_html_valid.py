"""Valid HTML (issue 18): the Nu HTML Checker reports no error on any page.

Furo prefetches the logos with ``as="image"``, which HTML allows on preload
links only; _templates/base.html leaves it out.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from html_validator import java_or_skip, vnu_errors

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import pageweight  # noqa: E402

pytestmark = pytest.mark.java

FURO_PREFETCH = '<link rel="prefetch" href="_static/logo-light.svg" as="image">'


def test_every_page_is_valid_html(site):
    java = java_or_skip()
    pages = [site.outdir / page for page in pageweight.pages(site.outdir)]
    assert len(pages) > 20
    errors = vnu_errors(java, pages, site.outdir)
    assert errors == {}, "\n".join(
        f"{page}: {len(found)} error(s), first: {found[0]}" for page, found in errors.items())


def test_an_invalid_page_fails_the_check(site, tmp_path):
    """Lab pages: the start page as built (GOOD) and with Furo's prefetch link
    and a paragraph inside a span (BROKEN). The check fails exactly the broken
    one, on both defects."""
    java = java_or_skip()
    good = (site.outdir / "index.html").read_text(encoding="utf-8")
    assert 'as="image"' not in good
    broken = good.replace("</head>", f"{FURO_PREFETCH}</head>", 1).replace(
        "</body>", "<span><p>alinea in een span</p></span></body>", 1)
    (tmp_path / "good.html").write_text(good, encoding="utf-8")
    (tmp_path / "broken.html").write_text(broken, encoding="utf-8")
    errors = vnu_errors(java, [tmp_path / "good.html", tmp_path / "broken.html"], tmp_path)
    assert set(errors) == {"broken.html"}
    found = " ".join(errors["broken.html"])
    assert "“as” attribute" in found and "“preload”" in found
    assert "Element “p” not allowed as child of element “span”" in found
