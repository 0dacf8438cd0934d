"""The theme's stylesheets, trimmed per page (issue 18, web/assets.py).

The build trims Furo's furo.css and furo-extensions.css for each page from
what it knows while writing the page (the page's generated HTML, the words of
the templates and of the page's scripts). These tests check the outcome
against the page as built: every rule whose classes are on the finished page
(or set by its scripts) is still there, and every custom property something
refers to is still declared.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.web import assets

FULL_SHEETS = {"furo.css": "_static/styles/furo.css",
               "furo-extensions.css": "_static/styles/furo-extensions.css"}


def _links(html: str, what: str) -> list[str]:
    return re.findall(rf'<{what}[^>]*(?:href|src)="([^"?]+)', html)


def _selectors(css: str, media: str = "") -> set[tuple[str, str]]:
    """(at-rule, selector) of each rule that sets more than custom properties."""
    out: set[tuple[str, str]] = set()
    for prelude, body in assets._blocks(assets._COMMENT.sub("", css)):
        if prelude.startswith(("@media", "@supports", "@layer", "@container")):
            out |= _selectors(body, media + prelude)
        elif not prelude.startswith("@") and any(
                assets._custom_name(d) is None for d in assets._declarations(body)):
            out |= {(media, s) for s in assets._selectors(prelude)}
    return out


def missing_rules(full: str, kept: str, classes: set[str]) -> set[tuple[str, str]]:
    """Rules of ``full`` an element with ``classes`` can match, absent from ``kept``."""
    return _selectors(assets.trim(full, classes, assets._ANY_CLASS)) - _selectors(kept)


def missing_properties(full: str, kept: str, other_css: str) -> set[str]:
    """Custom properties of ``full`` that ``kept`` or the page's other
    stylesheets refer to, no longer declared in ``kept``."""
    declared_full: dict[str, list[str]] = {}
    assets._walk_declarations(full, declared_full, set())
    declared: dict[str, list[str]] = {}
    refs: set[str] = set()
    assets._walk_declarations(kept, declared, refs)
    for values in declared.values():
        refs.update(assets._VAR_REF.findall(" ".join(values)))
    refs |= set(assets._VAR_REF.findall(other_css))
    return {name for name in refs if name in declared_full and name not in declared}


def _file(out: Path, page: str, href: str) -> Path:
    # The 404 page links from the site root (notfound_urls_prefix "/").
    return (out / href.lstrip("/") if href.startswith("/")
            else out / Path(page).parent / href).resolve()


def page_sheets(out: Path, page: str, html: str) -> list[tuple[str, str]]:
    """(file name, text) of each stylesheet of the page, in cascade order,
    the parts of a bundle one by one."""
    sheets = []
    for href in re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"?]+)', html):
        path = _file(out, page, href)
        if path.suffix == ".css" and path.is_file():
            text = path.read_text(encoding="utf-8")
            sheets.extend(assets.bundle_parts(text) or [(href, text)])
    return sheets


def _page_parts(out: Path, page: str) -> tuple[str, dict[str, str], str, set[str]]:
    html = (out / page).read_text(encoding="utf-8")
    sheets = {}
    other = ""
    for name, text in page_sheets(out, page, html):
        if "/trimmed/" in "/" + name:
            sheets[name] = text
        else:
            other += text
    words: set[str] = set()
    for src in _links(html, "script"):
        path = _file(out, page, src)
        # The search index is data (the site's words), not code that sets classes.
        if path.is_file() and path.name != "searchindex.js":
            words |= assets.script_words(path.read_text(encoding="utf-8"))
    return html, sheets, other, words


def test_every_page_keeps_what_it_can_match(site):
    out = site.outdir
    full = {name: (out / path).read_text(encoding="utf-8") for name, path in FULL_SHEETS.items()}
    pages = [p.relative_to(out).as_posix() for p in out.rglob("*.html")
             if not p.relative_to(out).as_posix().startswith(("_static/", "_server/"))]
    assert len(pages) > 20
    for page in pages:
        html, sheets, other, words = _page_parts(out, page)
        assert "styles/furo.css" not in html and "styles/furo-extensions.css" not in html, page
        classes = assets.page_classes(html) | words
        for name, text in full.items():
            # The trimmed copy of this sheet: only rules of this sheet.
            [kept] = [css for css in sheets.values()
                      if _selectors(css) and _selectors(css) <= _selectors(text)]
            assert not missing_rules(text, kept, classes), (page, name)
            # Every other stylesheet of the page may refer to this one's properties.
            rest = other + "".join(css for css in sheets.values() if css is not kept)
            assert not missing_properties(text, kept, rest + html), (page, name)


def test_theme_sheets_are_much_smaller(site):
    out = site.outdir
    html = (out / "playbook" / "principes.html").read_text(encoding="utf-8")
    _html, sheets, _other, _words = _page_parts(out, "playbook/principes.html")
    full = (out / FULL_SHEETS["furo.css"]).read_text(encoding="utf-8")
    biggest = max(len(css) for css in sheets.values())
    assert biggest < 0.7 * len(full)
    # API signatures, footnotes and the like are not on this page.
    assert ".sig-name" not in "".join(sheets.values()) and "sig-name" not in html
    # The cascade keeps its order: Furo's copy first, as the file it replaces was.
    first = page_sheets(out, "playbook/principes.html", html)[0]
    assert "/trimmed/" in "/" + first[0] and first[1] in sheets.values()


def test_the_check_finds_a_trim_that_forgot_the_templates(site):
    """Trimmed from the page body alone (no template words), the copy loses
    rules of the page's frame (header, drawers): the check must say so."""
    out = site.outdir
    html, _sheets, other, words = _page_parts(out, "playbook/principes.html")
    full = (out / FULL_SHEETS["furo.css"]).read_text(encoding="utf-8")
    body = html[html.index('<article'):html.index('</article>')]
    careless = assets.prune_custom_properties(
        assets.trim(full, assets.page_classes(body), assets._ANY_CLASS), set())
    missing = missing_rules(full, careless, assets.page_classes(html) | words)
    assert (("", ".mobile-header") in missing and ("", ".sidebar-drawer") in missing)
    assert missing_properties(full, careless, other + html)


def test_trim_keeps_negated_and_attribute_classes():
    css = ("ul:not(.simple)>li{a:1}dl.footnote dt{b:2}a[href$=\".pdf\"]{c:3}"
           ":is(.x,.y) p{d:4}.z{e:5}")
    assert assets.trim(css, set(), assets._ANY_CLASS) == (
        'ul:not(.simple)>li{a:1}a[href$=".pdf"]{c:3}:is(.x,.y) p{d:4}')


@pytest.mark.parametrize(("referenced", "kept"), [
    (set(), "a{color:var(--b)}:root{--b:var(--c);--c:red}"),
    ({"--d"}, "a{color:var(--b)}:root{--b:var(--c);--c:red;--d:url('x;y')}"),
])
def test_unused_custom_properties_go(referenced, kept):
    css = "a{color:var(--b)}:root{--b:var(--c);--c:red;--d:url('x;y');--e:1}@media print{:root{--e:2}}"
    assert assets.prune_custom_properties(css, referenced) == kept


def test_stylesheets_come_bundled_in_the_cascade_order(site):
    """Render-blocking stylesheets in as few files as the cascade allows, the
    parts in the order Sphinx gives the files (by priority); the print
    stylesheet inside ``@media print`` at its own place, so it no longer
    splits the others in two; an empty stylesheet not at all."""
    out = site.outdir
    html = (out / "playbook" / "principes.html").read_text(encoding="utf-8")
    links = re.findall(r"<link[^>]*rel=\"stylesheet\"[^>]*>", html)
    assert len(links) == 1, links
    names = [name for name, _text in page_sheets(out, "playbook/principes.html", html)]
    furo, extensions = (next(n for n, t in page_sheets(out, "playbook/principes.html", html)
                             if marker in t) for marker in ("--color-foreground-primary",
                                                            "#furo-readthedocs-versions"))
    diagram = next(n for n in names if re.search(r"diagrams/[0-9a-f]{16}\.css", n))
    # The play's workshop card is a sphinx-design card: its trimmed sheet.
    design = next(n for n, t in page_sheets(out, "playbook/principes.html", html)
                  if ".sd-shadow-sm" in t)
    assert [n.removeprefix("../") for n in names] == [
        furo, "_static/handbook-model.css", "_static/handbook-keyboard.css", design,
        "_static/diagrams/diagrams.css", diagram, extensions,
        "_static/print.css", "_static/werkblad.css", "_static/interface.css",
        "_static/a11y.css", "_static/reader.css", "_static/governance.css",
        "_static/handbook-tokens.css"]
    sheets = dict(page_sheets(out, "playbook/principes.html", html))
    assert sheets["_static/print.css"].startswith("@media print{@page{")
    assert (out / "_static" / "handbook.css").read_text(encoding="utf-8") == ""


def _own_parts(out: Path, page: str) -> tuple[str, list[tuple[str, str]], set[str]]:
    """The page, its bundle parts from the handbook's own stylesheets (name,
    text), and the classes that can be on it."""
    html, _sheets, _other, words = _page_parts(out, page)
    own = [(name.lstrip("./").removeprefix("../"), text)
           for name, text in page_sheets(out, page, html)
           if "/trimmed/" not in "/" + name and not name.startswith("http")]
    return html, own, assets.page_classes(html) | words


def _missing(full: str, part: str, classes: set[str]) -> set[tuple[str, str]]:
    # A print stylesheet joins the bundle inside @media print{}: compare its
    # inside too (a sheet for all media may start with @media print itself).
    missing = missing_rules(full, part, classes)
    if missing and part.startswith("@media print{"):
        return min(missing, missing_rules(full, part[len("@media print{"):-1], classes), key=len)
    return missing


def test_own_sheets_keep_what_the_page_can_match(site):
    """The handbook's own stylesheets join a page's bundle with only the rules
    the page can match: each part against the whole file as built."""
    out = site.outdir
    pages = [p.relative_to(out).as_posix() for p in out.rglob("*.html")
             if not p.relative_to(out).as_posix().startswith(("_static/", "_server/"))]
    checked = 0
    for page in pages:
        html, own, classes = _own_parts(out, page)
        everything = html + "".join(text for _name, text in own)
        for name, part in own:
            full = (out / name.lstrip("/")).read_text(encoding="utf-8")
            assert not _missing(full, part.strip(), classes), (page, name)
            assert not missing_properties(full, part, everything), (page, name)
            checked += 1
    assert checked > 200


def test_own_sheets_are_trimmed_per_page(site):
    out = site.outdir
    full = (out / "_static" / "handbook-model.css").read_text(encoding="utf-8")
    _html, search, _classes = _own_parts(out, "search.html")
    _html, play, _classes = _own_parts(out, "playbook/ambassadeurs.html")
    # The generated blocks' styles: none on the search page, the play's on the play.
    assert ".handbook-workshop-card" in full and ".handbook-session-card" in full
    assert dict(search)["_static/handbook-model.css"].strip() == ""
    assert ".handbook-workshop-card" in dict(play)["_static/handbook-model.css"]
    assert ".handbook-session-card" not in dict(play)["_static/handbook-model.css"]


def test_the_check_finds_an_own_sheet_trimmed_too_far(site):
    """The gate: a part that lost a rule the page can match is reported."""
    out = site.outdir
    _html, _play, classes = _own_parts(out, "playbook/ambassadeurs.html")
    full = (out / "_static" / "handbook-model.css").read_text(encoding="utf-8")
    too_far = assets.trim(full, classes - {"handbook-workshop-card"}, assets._ANY_CLASS)
    assert missing_rules(full, too_far, classes)
