"""The heading font the tokens name, self-hosted on request (issue 23).

The Voorbeeld tokens name Noto Serif for headings. With
``handbook_self_hosted_fonts`` on, the build serves one weight of it (Latin
only, woff2, ``font-display: swap``) from its Fontsource npm package; off
(the default, for the page budget), the pages name the font but load
nothing. Checked on a one-page project built with the handbook's conf.py:
what the build writes, what a page weighs, and in a browser that the font
is the one the headings use, from this site, with axe clean.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from sphinx.errors import ConfigError

import browser_checks as bc
from conftest import ROOT, sphinx_build
from handbook import loopback
from handbook.web import tokens

sys.path.insert(0, str(ROOT / "tools"))
import pageweight

VOORBEELD = "@nl-design-system-unstable/voorbeeld-design-tokens"
RIJK = "@rijkshuisstijl-community/design-tokens/dist/uitvoerend-lintblauw/index.json"
PAGE = "# Een kop met Noto Serif\n\nEen alinea.\n\n## Een tweede kop\n\nNog een alinea.\n"


def test_the_voorbeeld_heading_font_comes_from_its_package():
    face = tokens.heading_face(ROOT, tokens.load(str(ROOT), VOORBEELD))
    assert face is not None
    assert (face.family, face.weight, face.package) == ("Noto Serif", "700", "@fontsource/noto-serif")
    assert face.woff2.name == "noto-serif-latin-700-normal.woff2" and face.woff2.is_file()
    assert face.woff2.stat().st_size < 30_000  # one weight, Latin only
    assert face.unicode_range.startswith("U+0000-00FF")
    css = tokens.font_stylesheet(face)
    assert "font-display:swap" in css and "unicode-range:U+0000-00FF" in css
    assert 'font-family:"Noto Serif";font-style:normal;font-weight:700' in css
    assert re.findall(r"url\(([^)]*)\)", css) == ["handbook-fonts/noto-serif-latin-700-normal.woff2"]


def fake_tokens(tmp_path: Path, values: dict) -> Path:
    pkg = tmp_path / "node_modules" / "@test" / "tokens" / "dist"
    pkg.mkdir(parents=True)
    (pkg / "variables.json").write_text(json.dumps({
        "basisColorDefaultBgDocument": "#ffffff", "basisColorDefaultColorDocument": "#1a1a1a",
        **values}), encoding="utf-8")
    return tmp_path


def test_a_font_without_its_package_is_a_clear_error(tmp_path):
    """On, for a family no package in node_modules ships: the build says
    which font, which package, and how to turn it off."""
    confdir = fake_tokens(tmp_path, {"basisHeadingFontFamily": "'Huisletter Serif', serif"})
    with pytest.raises(ConfigError) as failed:
        tokens.heading_face(confdir, tokens.load(str(confdir), "@test/tokens"))
    message = str(failed.value)
    assert "'Huisletter Serif'" in message and "@fontsource/huisletter-serif" in message
    assert "handbook_self_hosted_fonts" in message and "False" in message
    # Rijkshuisstijl's RijksSans is no public package either.
    with pytest.raises(ConfigError, match="RijksSans"):
        tokens.heading_face(ROOT, tokens.load(str(ROOT), RIJK))


def test_only_a_generic_family_hosts_nothing(tmp_path):
    confdir = fake_tokens(tmp_path, {"basisHeadingFontFamily": "serif"})
    assert tokens.heading_face(confdir, tokens.load(str(confdir), "@test/tokens")) is None


def build(src: Path, out: Path, *settings: str) -> Path:
    result = sphinx_build(src, out, "html", "-c", str(ROOT), "-d", str(out.parent / (out.name + "-doctrees")),
                          *settings)
    assert result.returncode == 0, result.output
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    src = tmp_path_factory.mktemp("font-src")
    (src / "index.md").write_text(PAGE, encoding="utf-8")
    return {
        "src": src,
        "off": build(src, src.parent / "font-off"),
        "on": build(src, src.parent / "font-on", "-D", "handbook_self_hosted_fonts=1"),
    }


def test_off_by_default_nothing_is_loaded(sites):
    out = sites["off"]
    assert not (out / "_static" / tokens.FONT_DIR).exists()
    assert tokens.FONT_CSS not in (out / "index.html").read_text(encoding="utf-8")
    assert not [f for f in pageweight.page_weight(out, "index.html").files if ".woff" in f]


def test_on_one_font_file_counts_in_the_page_weight(sites):
    out = sites["on"]
    files = sorted(p.name for p in (out / "_static" / tokens.FONT_DIR).iterdir()
                   if not p.name.endswith((".gz", ".br")))
    assert files == ["LICENSE-noto-serif.txt", "noto-serif-latin-700-normal.woff2"]
    assert "SIL OPEN FONT LICENSE" in (out / "_static" / tokens.FONT_DIR / files[0]).read_text(
        encoding="utf-8").upper()
    weight = pageweight.page_weight(out, "index.html")
    fonts = [f for f in weight.files if ".woff" in f]
    assert fonts == [f"_static/{tokens.FONT_DIR}/noto-serif-latin-700-normal.woff2"]
    off = pageweight.page_weight(sites["off"], "index.html")
    assert 14_000 < weight.total - off.total < 17_000


def test_turned_off_again_the_font_leaves_the_build(tmp_path, sites):
    """A rebuild with the setting off leaves the same files as a clean build."""
    import shutil

    out = tmp_path / "html"
    shutil.copytree(sites["on"], out)
    shutil.copytree(sites["on"].parent / "font-on-doctrees", tmp_path / "html-doctrees")
    build(sites["src"], out)
    assert not (out / "_static" / tokens.FONT_DIR).exists()
    assert not (out / "_static" / tokens.FONT_CSS).exists()
    assert tokens.FONT_CSS not in (out / "index.html").read_text(encoding="utf-8")


_FONTS = """async () => {
  await document.fonts.ready;
  const h1 = document.querySelector('article h1');
  return {
    family: getComputedStyle(h1).fontFamily,
    loaded: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight),
    requests: performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('.woff')),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("setting", ["on", "off"])
def test_the_headings_use_the_font_from_this_site(setting, sites, browser):
    with loopback.serve(sites[setting]) as base:
        for scheme, context in bc.scheme_contexts(browser):
            page = context.new_page()
            page.goto(base + "index.html")
            seen = page.evaluate(_FONTS)
            page.close()
            assert seen["family"].startswith('"Noto Serif"'), seen
            if setting == "on":
                assert seen["loaded"] == ["Noto Serif 700"], seen
                assert seen["requests"] == [
                    f"{base}_static/{tokens.FONT_DIR}/noto-serif-latin-700-normal.woff2"], seen
            else:
                assert seen["loaded"] == [] and seen["requests"] == [], seen
            report = bc.audit(context, base + "index.html", layout=scheme == "light")
            assert not report.failed(), f"{setting}, {scheme}:\n{report}"
