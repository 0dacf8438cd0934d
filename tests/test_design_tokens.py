"""The look comes from NL Design System design tokens (issue 23).

First without a browser: the mapping of ``basis-*`` tokens, the contrast
rules (light as given, dark derived) and the Dutch message that stops a
build whose tokens cannot give WCAG AA. Then the proof: the whole handbook
built with two token packages (the default Voorbeeld theme and
Rijkshuisstijl-community), where the colours a browser computes follow each
package's tokens, diagrams included, and axe stays clean, light and dark.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sphinx.errors import ConfigError

import browser_checks as bc
from conftest import ROOT, sphinx_build
from handbook import loopback
from handbook.web import tokens

VOORBEELD = "@nl-design-system-unstable/voorbeeld-design-tokens"
RIJK = "@rijkshuisstijl-community/design-tokens/dist/uitvoerend-lintblauw/index.json"
PACKAGES = (VOORBEELD, RIJK)


def raw_tokens(setting: str) -> dict[str, str]:
    """The package's own values, read here without the module under test."""
    path = tokens.token_file(ROOT, setting)
    return {re.sub(r"[^a-z0-9]", "", k.lower()): v
            for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


def fake_package(tmp_path: Path, values: dict[str, str]) -> Path:
    pkg = tmp_path / "node_modules" / "@test" / "tokens" / "dist"
    pkg.mkdir(parents=True)
    (pkg / "variables.json").write_text(json.dumps(values), encoding="utf-8")
    return tmp_path


# --- the mapping, without a browser --------------------------------------------


def test_contrast_is_wcag_ratio():
    assert tokens.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert tokens.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert tokens.parse_colour("#fff") == (1.0, 1.0, 1.0)
    assert tokens.parse_colour("rgba(0, 0, 0, 0)") is None  # see-through: no contrast of its own
    assert tokens.parse_colour("var(--x)") is None


@pytest.mark.parametrize("setting", PACKAGES)
def test_light_colours_are_the_packages_own(setting):
    raw = raw_tokens(setting)
    theme = tokens.load(str(ROOT), setting)
    assert theme.light["bg"] == raw["basiscolordefaultbgdocument"].lower()
    assert theme.light["text"] == raw["basiscolordefaultcolordocument"].lower()
    assert theme.light["heading"] == raw["basisheadingcolor"].lower()
    for role, source in theme.sources.items():
        if source:  # filled by a token: exactly its value
            assert theme.light[role] == raw[re.sub(r"[^a-z0-9]", "", source)].lower(), role


@pytest.mark.parametrize("setting", PACKAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_pair_meets_wcag_aa(setting, scheme):
    theme = tokens.load(str(ROOT), setting)
    palette = getattr(theme, scheme)
    for fg, bg, minimum, what in tokens.PAIRS:
        assert tokens.contrast(palette[fg], palette[bg]) >= minimum, (scheme, what)
    diagram = theme.diagram[scheme]
    for fg, bg, minimum, what in tokens.DIAGRAM_PAIRS:
        assert tokens.contrast(diagram[fg], diagram[bg]) >= minimum, (scheme, what)
    # Text 4.5:1, lines and bars 3:1 (WCAG 1.4.3, 1.4.11), as the issue asks.
    assert tokens.contrast(diagram["text"], diagram["node"]) >= 4.5
    assert tokens.contrast(diagram["line"], diagram["bg"]) >= 3
    assert tokens.contrast(diagram["bar"], diagram["bg"]) >= 3


def test_dark_is_derived_dark_and_keeps_the_hues():
    theme = tokens.load(str(ROOT), VOORBEELD)
    assert tokens.luminance(tokens.parse_colour(theme.dark["bg"])) < 0.02
    assert tokens.luminance(tokens.parse_colour(theme.dark["text"])) > 0.7
    assert theme.dark["link"] != theme.light["link"]


def test_the_two_packages_look_different():
    a, b = (tokens.load(str(ROOT), s) for s in PACKAGES)
    assert a.light["link"] != b.light["link"] and a.light["heading"] != b.light["heading"]
    assert tokens.stylesheet(a) != tokens.stylesheet(b)
    assert tokens.diagram_themes(ROOT, _Config(VOORBEELD)) != tokens.diagram_themes(ROOT, _Config(RIJK))


class _Config:
    handbook_self_hosted_fonts = False

    def __init__(self, setting: str) -> None:
        self.handbook_design_tokens = setting


def test_stylesheet_is_deterministic_and_names_its_source():
    tokens.load.cache_clear()
    first = tokens.stylesheet(tokens.load(str(ROOT), VOORBEELD))
    tokens.load.cache_clear()
    assert tokens.stylesheet(tokens.load(str(ROOT), VOORBEELD)) == first
    assert VOORBEELD in first
    assert "url(" not in first and "@import" not in first  # nothing from another server


def test_fonts_are_the_tokens_then_the_system():
    assert tokens.font_stack("'Noto Sans', sans-serif").startswith("'Noto Sans', -apple-system")
    assert tokens.font_stack("'Noto Serif', serif") == "'Noto Serif', serif"
    assert not tokens._safe_css("x; } body { background: url(https://x.test/a.woff2)")


def test_tokens_without_aa_contrast_stop_the_build_in_dutch(tmp_path):
    """A page colour and a text colour of 2.3:1: the build stops and says
    which tokens, which colours, which ratio and what AA asks."""
    confdir = fake_package(tmp_path, {
        "basisColorDefaultBgDocument": "#ffffff",
        "basisColorDefaultColorDocument": "#aaaaaa",
    })
    with pytest.raises(ConfigError) as failed:
        tokens.load(str(confdir), "@test/tokens")
    message = str(failed.value)
    assert "te weinig contrast" in message and "WCAG 2.1 AA" in message
    assert "basis-color-default-color-document (#aaaaaa)" in message
    assert "2,32:1" in message and "4,50:1" in message


def test_a_sparse_token_set_fills_the_gaps_and_passes(tmp_path):
    """Only a page, a text and a heading colour: the other roles follow
    from those, and the dark scheme is derived."""
    confdir = fake_package(tmp_path, {
        "basisColorDefaultBgDocument": "#ffffff",
        "basisColorDefaultColorDocument": "#1a1a1a",
        "basisHeadingColor": "#8b0000",
    })
    theme = tokens.load(str(confdir), "@test/tokens")
    assert theme.light["link"] == "#8b0000"
    assert not tokens._failures(theme.dark, tokens.PAIRS)


def test_admonitions_take_the_feedback_tokens():
    """Voorbeeld has the shared feedback colours: each admonition kind takes
    them as they are. Rijkshuisstijl-community has none: the fixed defaults."""
    raw = raw_tokens(VOORBEELD)
    theme = tokens.load(str(ROOT), VOORBEELD)
    for role in ("info", "positive", "warning", "negative"):
        assert theme.light[role] == raw[f"basiscolor{role}borderdefault"].lower(), role
        assert theme.light[f"{role}_bg"] == raw[f"basiscolor{role}bgdefault"].lower(), role
    rijk = tokens.load(str(ROOT), RIJK)
    assert not any(rijk.sources[role] for role in tokens.FEEDBACK_ROLES)
    css = tokens.admonition_stylesheet(theme)
    for kind, role in (("note", "info"), ("seealso", "info"), ("tip", "positive"),
                       ("hint", "positive"), ("warning", "warning"), ("caution", "warning"),
                       ("attention", "warning"), ("danger", "negative"), ("error", "negative"),
                       ("important", "accent")):
        assert f"--color-admonition-title--{kind}:var(--hb-{role})" in css, kind
        assert f"--color-admonition-title-background--{kind}:var(--hb-{role}-bg)" in css, kind
    assert f"--hb-warning:{theme.light['warning']}" in css and f"--hb-warning:{theme.dark['warning']}" in css
    assert "url(" not in css and "@import" not in css


def test_an_admonition_colour_without_contrast_stops_the_build(tmp_path):
    """A warning colour that barely shows on the page (yellow on white,
    1.8:1): the build names the token, the block and the ratio."""
    confdir = fake_package(tmp_path, {
        "basisColorDefaultBgDocument": "#ffffff",
        "basisColorDefaultColorDocument": "#1a1a1a",
        "basisColorWarningBorderDefault": "#ffb612",
    })
    with pytest.raises(ConfigError) as failed:
        tokens.load(str(confdir), "@test/tokens")
    message = str(failed.value)
    assert "de streep langs blokken Waarschuwing, Pas op en Let op" in message
    assert "basis-color-warning-border-default (#ffb612) op basis-color-default-bg-document" in message
    assert "3,00:1" in message


def test_only_pages_with_an_admonition_load_its_stylesheet():
    assert tokens.uses_admonitions('<div class="admonition note" id="x">')
    # A block the handbook makes itself: its classes come first.
    assert tokens.uses_admonitions('<div class="warning hb-review-overdue no-search admonition">')
    assert tokens.uses_admonitions('<aside class="topic">')
    # Our advice block is a plain admonition: tokens.css colours it.
    assert not tokens.uses_admonitions('<div class="handbook-advice admonition">')
    assert not tokens.uses_admonitions('<p class="admonition-title">Let op</p><p class="note">')


def test_a_missing_package_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="npm ci"):
        tokens.load(str(tmp_path), "@nobody/tokens")


# --- the proof: two packages, built and opened in a browser -------------------

PUBLISHER = "Voorbeeldorganisatie (testwaarde)"
STATEMENT = "https://intranet.example/toegankelijkheid"
PAGES = ("index.html", "sessions/one-young-world.html", "playbook/index.html")

# What the browser computes, as #rrggbb.
_COMPUTED = """() => {
  const hex = c => { const m = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
                     return '#' + m.map(v => Math.round(v).toString(16).padStart(2, '0')).join(''); };
  const css = (sel, prop) => { const el = document.querySelector(sel);
                               return el ? hex(getComputedStyle(el)[prop]) : null; };
  const diagram = document.querySelector('.hb-diagram svg');
  const text = diagram && [...diagram.querySelectorAll('text')].find(t => t.textContent.trim());
  return {
    bg: css('body', 'backgroundColor'), text: css('article p', 'color'),
    heading: css('article h1', 'color'), link: css('article p a.reference:not(.sd-badge)', 'color'),
    diagramText: text ? hex(getComputedStyle(text).fill) : null,
  };
}"""


@pytest.fixture(scope="module")
def builds(site, tmp_path_factory):
    """The default build (Voorbeeld) and one with Rijkshuisstijl-community and
    a publisher filled in."""
    out = tmp_path_factory.mktemp("rijk") / "html"
    other = sphinx_build(
        ROOT, out, "html", "-d", str(out.parent / "doctrees"),
        "-D", f"handbook_design_tokens={RIJK}",
        "-D", f"handbook_publisher={PUBLISHER}",
        "-D", "handbook_publisher_logo_light=logo-light.svg",
        "-D", "handbook_publisher_logo_dark=logo-dark.svg",
        "-D", f"handbook_accessibility_statement={STATEMENT}")
    assert other.returncode == 0, other.output
    return {VOORBEELD: site.outdir, RIJK: other.outdir}


@pytest.mark.slow
def test_the_publisher_is_named_in_sidebar_and_footer(builds):
    import layout_checks as lc

    for page in PAGES:
        soup = lc.soup_of((builds[RIJK] / page).read_text(encoding="utf-8"))
        assert lc.footer_problems(soup, PUBLISHER) == [], page
        assert PUBLISHER in soup.select_one(".sidebar-brand").get_text(" ")
        assert PUBLISHER in soup.select_one(".mobile-header .hb-header-publisher").get_text(" ")
        assert soup.select_one(f'footer a[href="{STATEMENT}"]').get_text() == "Toegankelijkheidsverklaring"
        logos = soup.select("footer img.hb-publisher-logo")
        assert [img["alt"] for img in logos] == ["", ""]  # the name is next to it
    # The default build names no publisher (conf.py leaves it empty).
    default = (builds[VOORBEELD] / "index.html").read_text(encoding="utf-8")
    assert "Uitgegeven door" not in default and "hb-header-publisher" not in default


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("setting", PACKAGES, ids=["voorbeeld", "rijkshuisstijl"])
def test_built_colours_follow_the_tokens_and_axe_stays_clean(setting, builds, browser):
    theme = tokens.load(str(ROOT), setting)
    raw = raw_tokens(setting)
    with loopback.serve(builds[setting]) as base:
        for scheme, context in bc.scheme_contexts(browser):
            page = context.new_page()
            page.goto(base + "sessions/one-young-world.html")
            seen = page.evaluate(_COMPUTED)
            page.goto(base + "playbook/index.html")
            seen["diagramText"] = page.evaluate(_COMPUTED)["diagramText"]
            page.close()
            palette = getattr(theme, scheme)
            if scheme == "light":
                # The package's own values, straight from its file.
                assert seen["bg"] == raw["basiscolordefaultbgdocument"].lower()
                assert seen["text"] == raw["basiscolordefaultcolordocument"].lower()
                assert seen["heading"] == raw["basisheadingcolor"].lower()
            assert seen == {"bg": palette["bg"], "text": palette["text"],
                            "heading": palette["heading"], "link": palette["link"],
                            "diagramText": palette["text"]}, scheme
            assert tokens.contrast(seen["text"], seen["bg"]) >= 4.5
            assert tokens.contrast(seen["link"], seen["bg"]) >= 4.5
            for path in PAGES:
                report = bc.audit(context, base + path, layout=scheme == "light")
                assert not report.failed(), f"{setting}, {scheme}:\n{report}"


# Every admonition kind Furo colours, and a plain one (the advice block's kind).
ADMONITION_PAGE = "# Blokken\n\nEen alinea.\n\n" + "".join(
    f":::{{{kind}}}\nTekst in een blok.\n:::\n\n"
    for kind in ("note", "seealso", "tip", "hint", "warning", "caution", "attention",
                 "danger", "error", "important")
) + ":::{admonition} Eigen titel\nTekst in een blok.\n:::\n"

# Per block: its kind (the class Furo colours it by), stripe, title and icon.
_ADMONITION_COLOURS = """() => {
  const hex = c => { const m = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
                     return '#' + m.map(v => Math.round(v).toString(16).padStart(2, '0')).join(''); };
  return [...document.querySelectorAll('article .admonition')].map(block => {
    const title = block.querySelector('.admonition-title');
    return {
      kind: [...block.classList].find(c => !c.startsWith('admonition')) || 'admonition',
      stripe: hex(getComputedStyle(block).borderLeftColor),
      title: hex(getComputedStyle(title).backgroundColor),
      icon: hex(getComputedStyle(title, '::before').backgroundColor),
    };
  });
}"""


@pytest.fixture(scope="module")
def admonition_builds(tmp_path_factory):
    """A one-page project with the handbook's conf.py, once per package."""
    src = tmp_path_factory.mktemp("admonitions")
    (src / "index.md").write_text(ADMONITION_PAGE, encoding="utf-8")
    outs = {}
    for name, setting in zip(("voorbeeld", "rijk"), PACKAGES, strict=True):
        out = src.parent / f"{src.name}-{name}"
        build = sphinx_build(src, out / "html", "html", "-c", str(ROOT), "-d", str(out / "doctrees"),
                             "-D", f"handbook_design_tokens={setting}")
        assert build.returncode == 0, build.output
        outs[setting] = out / "html"
    return outs


@pytest.mark.browser
@pytest.mark.parametrize("setting", PACKAGES, ids=["voorbeeld", "rijkshuisstijl"])
def test_admonition_colours_follow_the_tokens_and_axe_stays_clean(setting, admonition_builds,
                                                                  browser):
    theme = tokens.load(str(ROOT), setting)
    raw = raw_tokens(setting)
    role_of = {kind: role for role, (kinds, _) in tokens.ADMONITIONS.items() for kind in kinds}
    role_of["admonition"] = "accent"
    with loopback.serve(admonition_builds[setting]) as base:
        for scheme, context in bc.scheme_contexts(browser):
            page = context.new_page()
            page.goto(base + "index.html")
            seen = page.evaluate(_ADMONITION_COLOURS)
            page.close()
            assert len(seen) == 11, seen
            palette = getattr(theme, scheme)
            for block in seen:
                role = role_of[block["kind"]]
                assert block == {"kind": block["kind"], "stripe": palette[role],
                                 "title": palette[f"{role}_bg"], "icon": palette[role]}, scheme
                if scheme == "light" and theme.sources[role]:
                    # The package's own value, straight from its file.
                    assert block["stripe"] == raw[re.sub(r"[^a-z0-9]", "", theme.sources[role])]
                assert tokens.contrast(block["stripe"], palette["bg"]) >= 3
                assert tokens.contrast(palette["text"], block["title"]) >= 4.5
            report = bc.audit(context, base + "index.html", layout=scheme == "light")
            assert not report.failed(), f"{setting}, {scheme}:\n{report}"


@pytest.mark.slow
def test_pages_without_such_blocks_do_not_load_the_admonition_colours(builds, admonition_builds):
    """Page weight: the handbook's pages have no note or warning today."""
    def sheets(out: Path, page: str) -> str:
        html = (out / page).read_text(encoding="utf-8")
        return " ".join(((out / page).parent / href.split("?")[0]).read_text(encoding="utf-8")
                        for href in re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', html))

    for page in PAGES:
        assert tokens.ADMONITION_CSS not in sheets(builds[VOORBEELD], page), page
    assert tokens.ADMONITION_CSS in sheets(admonition_builds[VOORBEELD], "index.html")


def test_a_changed_stylesheet_rewrites_every_page(tmp_path):
    """Each page links the stylesheet with its checksum (?v=): a new
    stylesheet (another token version) means every page again; the same
    one, none (an unchanged rebuild stays small)."""
    from types import SimpleNamespace

    class App:  # what write_stylesheet reads of a Sphinx application
        builder = SimpleNamespace(format="html")
        outdir, confdir, config = tmp_path, ROOT, _Config(VOORBEELD)

    env = SimpleNamespace(found_docs={"index", "sessions/a"})
    app = App

    first, second = app(), app()
    tokens.write_stylesheet(first)
    assert tokens.pages_with_old_checksum(first, env) == ["index", "sessions/a"]
    tokens.write_stylesheet(second)
    assert tokens.pages_with_old_checksum(second, env) == []
    assert (tmp_path / "_static" / tokens.CSS).read_text(encoding="utf-8").startswith("/*! Generated")
