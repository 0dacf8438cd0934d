"""Light pages (issue 18): every page within its byte budget, and each page
loads sphinx-design's and Pygments' styles only when it uses them.

The bytes are counted without a browser (tools/pageweight.py): the HTML and
everything it makes the browser fetch, uncompressed, as on a first visit.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import pageweight  # noqa: E402
from handbook.web import assets  # noqa: E402

# Pages allowed over the budget for now, with the reason. The test fails when
# one of them comes under it: then take it off this list.
OVER_BUDGET_FOR_NOW: dict[str, str] = {
    # The search page loads the search index (56 KB for 31 pages, and growing
    # with the text), searchtools.js (13 KB minified), the Dutch stemmer
    # (language_data.js, 18 KB) and the pages' descriptions (5 KB): 92 KB on
    # top of what every page loads. (Before, Sphinx also fetched every result
    # page for a snippet, which this count never showed: 949 KB for "video".)
    # Listed by name, so any other page that goes over, or this one coming
    # under, fails this test.
    "search.html": "search index and search scripts",
}


def _links(html: str) -> list[str]:
    return re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"?]+)', html)


def test_every_page_within_the_budget(site):
    weights = pageweight.site_weights(site.outdir)
    assert len(weights) > 20
    assert all(not w.missing for w in weights.values()), {
        p: w.missing for p, w in weights.items() if w.missing}
    over = {page: round(w.total / 1024, 1) for page, w in weights.items()
            if w.total > pageweight.BUDGET}
    assert set(over) == set(OVER_BUDGET_FOR_NOW), (
        f"over {pageweight.BUDGET // 1024} KiB: {over}")


# The search page's data: the index and the pages' descriptions. They grow
# with the text; everything else on the search page is held to the budget.
SEARCH_DATA = ("searchindex.js", "_static/handbook-search-pages.js")


def test_search_page_without_its_data_within_the_budget(site):
    weight = pageweight.site_weights(site.outdir)["search.html"]
    data = {name: size for name, size in weight.files.items() if name in SEARCH_DATA}
    assert set(data) == set(SEARCH_DATA), weight.files
    assert weight.total - sum(data.values()) <= pageweight.BUDGET, (
        f"search.html without {SEARCH_DATA}: {(weight.total - sum(data.values())) / 1024:.1f} KiB")


def test_a_heavy_page_breaks_the_budget(tmp_path):
    """The check counts what a page makes the browser fetch, also through CSS."""
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "big.png").write_bytes(b"x" * pageweight.BUDGET)
    (tmp_path / "_static" / "a.css").write_text(
        'body{background:url("big.png")} i{background:url("data:image/png;base64,AA")}')
    (tmp_path / "light.html").write_text(
        '<link rel="stylesheet" href="_static/missing.css">')
    (tmp_path / "heavy.html").write_text(
        '<link rel="stylesheet" href="_static/a.css?v=1">')
    weights = pageweight.site_weights(tmp_path)
    assert weights["heavy.html"].total > pageweight.BUDGET
    assert "_static/big.png" in weights["heavy.html"].files
    assert weights["light.html"].missing == ["_static/missing.css"]


def test_design_and_pygments_styles_only_where_used(site):
    out = site.outdir
    no_components = (out / "overzichten" / "matrix.html").read_text(encoding="utf-8")
    with_cards = (out / "index.html").read_text(encoding="utf-8")
    with_code = (out / "schrijven.html").read_text(encoding="utf-8")
    for html in (no_components, with_cards, with_code):
        assert "sphinx-design.min.css" not in html
        assert "_static/pygments.css" not in html
        assert "design-tabs.js" not in html

    def sheets(html: str) -> list[tuple[str, str]]:
        """(name, text) of the page's stylesheets in order; a bundle's parts one by one."""
        out_sheets = []
        for link in _links(html):
            text = (out / "_static" / link.split("_static/")[1]).read_text(encoding="utf-8")
            out_sheets.extend(assets.bundle_parts(text) or [(link, text)])
        return out_sheets

    # Only the theme's own copies there: no sphinx-design rules, no Pygments tokens.
    assert not any(re.search(r"\.sd-|\.highlight \.[a-z0-9]{1,3}\{", text)
                   for name, text in sheets(no_components) if "trimmed/" in name)

    # Each copy takes the place of the file it replaces: the cascade is the same.
    code_sheets = sheets(with_code)
    assert ".highlight" in code_sheets[0][1] and "--color-foreground-primary" in code_sheets[1][1]
    # Pygments' copy, then Furo's (web/assets, theme sheets)
    cards_sheets = sheets(with_cards)
    [design_at] = [i for i, (name, text) in enumerate(cards_sheets) if "trimmed/" in name
                   and ".sd-card{" in text and "#furo-" not in text]
    # Among the extensions' stylesheets (priority 500), before Furo's own
    # extension styles (600, trimmed too), as sphinx-design's file was.
    assert cards_sheets[design_at - 1][0].startswith("_static/handbook-")
    assert "trimmed/" in cards_sheets[design_at + 1][0]
    assert "#furo-readthedocs-versions" in cards_sheets[design_at + 1][1]

    cards = cards_sheets[design_at][1]
    assert ".sd-card{" in cards and "--sd-color-primary" in cards
    assert ".sd-tab-set" not in cards and len(cards) < 10_000

    code = code_sheets[0][1]
    assert ".highlight pre" in code and len(code) < 5_000
    # The rules of the pygments.css Furo writes at the end of the build, for
    # every class on the page: none missing, none from another stylesheet.
    full = assets.trim((out / "_static" / "pygments.css").read_text(encoding="utf-8"),
                       assets.page_classes(with_code), assets._ANY_CLASS)
    assert code.rstrip() == full.rstrip()


def test_trim_keeps_exactly_the_rules_a_page_can_match():
    css = (":root{--sd-x:1}.sd-card{a:1}.sd-tab-set>input{b:2}"
           "@media (min-width:576px){.sd-col,.sd-row-cols-2>*{c:3}.sd-g-9{d:4}}"
           "@keyframes sd-spin{0%{e:5}}.sd-card .sd-card-header,.other{f:6}")
    kept = assets.trim(css, {"sd-card", "sd-col"})
    assert kept == (":root{--sd-x:1}.sd-card{a:1}@media (min-width:576px){.sd-col{c:3}}"
                    "@keyframes sd-spin{0%{e:5}}.other{f:6}")
