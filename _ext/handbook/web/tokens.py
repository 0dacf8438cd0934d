"""The handbook in its publisher's look: NL Design System design tokens.

A Dutch government organisation publishes its look as design tokens in the
NL Design System token architecture, most of them as npm packages. conf.py
names one (``handbook_design_tokens``); this module reads its variables
(JSON, at build time, from ``node_modules``) and writes one small stylesheet,
``_static/handbook-tokens.css``, that maps the shared ``basis-*`` tokens onto

- Furo's CSS variables, for light and for dark;
- our own components (session card badges, learnings, advice, evidence,
  tables, the search boxes, focus rings, radius);
- the palette of the build-time diagrams (``diagram_themes``: Mermaid's
  ``base`` theme, light and dark).

No token set we know has dark values, so the dark palette is derived from
the light one (same hues, lightness moved until WCAG AA holds). The light
palette is the organisation's own: it is checked, never changed. A token
set that cannot give WCAG 2.1 AA contrast stops the build with a Dutch
message that names the tokens, their colours and the ratio.

The stylesheet depends only on the token file and this module: the same
input gives the same bytes, and it is rewritten only when it changed.
"""

from __future__ import annotations

import colorsys
import json
import os
import re
import shutil
import weakref
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from . import minify

logger = logging.getLogger(__name__)

CSS = "handbook-tokens.css"
DEFAULT_PACKAGE = "@nl-design-system-unstable/voorbeeld-design-tokens"
# Where a package keeps its flat variables, tried in this order (Style
# Dictionary's usual names: the Voorbeeld theme, Rijkshuisstijl-community).
CANDIDATE_FILES = ("dist/variables.json", "dist/index.json", "dist/tokens.json")
# Bumped when the mapping changes, so the diagram cache draws again.
MAPPING_VERSION = "1"

# Each role of the palette: the basis tokens that can fill it, best first.
# A role no token fills takes the one named after "=" (another role).
ROLES: dict[str, tuple[str, ...]] = {
    "bg": ("basis-color-default-bg-document", "=#ffffff"),
    "text": ("basis-color-default-color-document", "=#000000"),
    "muted": ("basis-color-default-color-subtle", "basis-color-default-color-default", "=text"),
    "surface": ("basis-color-default-bg-subtle", "basis-color-default-bg-default", "=bg"),
    "border": ("basis-color-default-border-subtle", "basis-color-default-border-default", "=muted"),
    "control": ("basis-form-control-border-color", "basis-color-default-border-default", "=muted"),
    "heading": ("basis-heading-color", "=text"),
    # NL Design System links use action-2 (nl-link-color), buttons action-1.
    "link": ("basis-color-action-2-color-default", "basis-color-action-1-color-default",
             "basis-color-accent-1-color-default", "=heading"),
    "link_hover": ("basis-color-action-2-color-hover", "=link"),
    "brand": ("basis-color-action-1-color-default", "=link"),
    "accent": ("basis-color-accent-1-color-default", "basis-color-accent-1-border-default", "=brand"),
    "accent_bg": ("basis-color-accent-1-bg-subtle", "basis-color-highlight-bg-default", "=surface"),
    "focus": ("basis-focus-outline-color", "=text"),
    # A diagram's boxes: a visible tint, not the page.
    "node_bg": ("basis-color-accent-1-bg-default", "basis-color-default-bg-default", "=accent_bg"),
    # Furo's admonitions by meaning (see ADMONITIONS): the stripe and icon in
    # the border colour, the title on the tinted background. A token set
    # without these shared feedback colours gets the Voorbeeld theme's (AA on
    # white): red, orange, green and blue keep meaning what they mean.
    "info": ("basis-color-info-border-default", "basis-color-info-color-default", "=#006fb3"),
    "info_bg": ("basis-color-info-bg-default", "basis-color-info-bg-subtle", "=#e3f3fd"),
    "positive": ("basis-color-positive-border-default", "basis-color-positive-color-default",
                 "=#157b31"),
    "positive_bg": ("basis-color-positive-bg-default", "basis-color-positive-bg-subtle", "=#ddf7e4"),
    "warning": ("basis-color-warning-border-default", "basis-color-warning-color-default",
                "=#ac501b"),
    "warning_bg": ("basis-color-warning-bg-default", "basis-color-warning-bg-subtle", "=#ffeee1"),
    "negative": ("basis-color-negative-border-default", "basis-color-negative-color-default",
                 "=#cd262d"),
    "negative_bg": ("basis-color-negative-bg-default", "basis-color-negative-bg-subtle", "=#feeded"),
}
# Furo's admonition kinds (its --color-admonition-title--<kind> variables),
# by the feedback colour that fits their meaning, and how a reader sees them
# (Sphinx's Dutch titles). "accent" also colours the plain admonition (our
# advice block, the "applied" block) through Furo's unsuffixed variables.
ADMONITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "info": (("note", "seealso"), "blokken Notitie en Zie ook"),
    "positive": (("tip", "hint"), "blokken Tip en Hint"),
    "warning": (("warning", "caution", "attention"), "blokken Waarschuwing, Pas op en Let op"),
    "negative": (("danger", "error"), "blokken Gevaar en Fout"),
    "accent": (("important", "admonition-todo"), "blokken Belangrijk en Ons advies"),
}
FONTS = {
    "font": ("basis-text-font-family-default",),
    "heading_font": ("basis-heading-font-family", "basis-text-font-family-default"),
    "radius": ("basis-border-radius-md", "basis-border-radius-sm"),
    "heading_weight": ("basis-heading-font-weight",),
}
# After a token's own families: what every reader has (Furo's stack).
SYSTEM_FONTS = ('-apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif, '
                '"Apple Color Emoji", "Segoe UI Emoji"')

TEXT, NON_TEXT = 4.5, 3.0
# What must hold, in light and dark: (foreground, background, minimum, what
# a reader sees there). WCAG 2.1: 1.4.3 text, 1.4.11 non-text contrast.
PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "bg", TEXT, "tekst op de pagina"),
    ("text", "surface", TEXT, "tekst in de zijbalk, kaarten en tabelkoppen"),
    ("text", "accent_bg", TEXT, "tekst in een les"),
    ("muted", "bg", TEXT, "lichtere tekst op de pagina"),
    ("muted", "surface", TEXT, "lichtere tekst in de zijbalk"),
    ("heading", "bg", TEXT, "koppen"),
    ("link", "bg", TEXT, "links op de pagina"),
    ("link", "surface", TEXT, "links in de zijbalk"),
    ("link_hover", "bg", TEXT, "links onder de muis"),
    ("brand", "bg", TEXT, "labels (badges) en knoppen: tekst in de achtergrondkleur"),
    ("brand", "surface", TEXT, "het huidige hoofdstuk in de zijbalk"),
    ("control", "bg", NON_TEXT, "de rand van zoekvakken"),
    ("accent", "bg", NON_TEXT, "de streep langs lessen en adviezen"),
    ("focus", "bg", NON_TEXT, "de focusrand (toetsenbord)"),
    ("focus", "surface", NON_TEXT, "de focusrand in de zijbalk"),
    # Admonitions: the title's text on its background, the stripe along the
    # block on the page, the icon on the title's background.
    *((fg, bg, minimum, f"{part} {what}")
      for role, (_, what) in ADMONITIONS.items()
      for fg, bg, minimum, part in (
          ("text", f"{role}_bg", TEXT, "tekst in de titel van"),
          (role, "bg", NON_TEXT, "de streep langs"),
          (role, f"{role}_bg", NON_TEXT, "het pictogram in de titel van"))),
)
# The diagrams' pairs (diagram_themes), same rules.
DIAGRAM_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "node", TEXT, "tekst in een vak van een diagram"),
    ("text", "bg", TEXT, "tekst naast de lijnen van een diagram"),
    ("line", "bg", NON_TEXT, "lijnen en pijlen van een diagram"),
    ("node_border", "bg", NON_TEXT, "de rand van een vak in een diagram"),
    ("bar", "bg", NON_TEXT, "de staven van een grafiek"),
)


# --- colours -------------------------------------------------------------------

RGB = tuple[float, float, float]
_HEX = re.compile(r"^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$", re.I)
_RGB_FN = re.compile(r"^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$")


def parse_colour(value: Any) -> RGB | None:
    """An opaque sRGB colour, 0..1; None for anything else (var(), names,
    transparency: a see-through colour has no contrast of its own)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if m := _HEX.match(value):
        digits = m.group(1)
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits)
        if len(digits) == 8 and digits[6:] != "ff":
            return None
        return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    if m := _RGB_FN.match(value):
        if m.group(4) not in (None, "1", "100%"):
            return None
        return tuple(min(float(m.group(i)), 255) / 255 for i in (1, 2, 3))  # type: ignore[return-value]
    return None


def hex_colour(rgb: RGB) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(rgb: RGB) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB | str, b: RGB | str) -> float:
    """WCAG 2.1 contrast ratio, 1..21."""
    la = luminance(parse_colour(a) if isinstance(a, str) else a)  # type: ignore[arg-type]
    lb = luminance(parse_colour(b) if isinstance(b, str) else b)  # type: ignore[arg-type]
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def with_lightness(rgb: RGB, lightness: float, max_saturation: float = 1.0) -> RGB:
    h, _, s = colorsys.rgb_to_hls(*rgb)
    return colorsys.hls_to_rgb(h, lightness, min(s, max_saturation))


def ensure(rgb: RGB, backgrounds: list[RGB], minimum: float) -> RGB | None:
    """The colour, made lighter (dark backgrounds) step by step until it
    reaches ``minimum`` against every background; None if even white fails."""
    h, lightness, s = colorsys.rgb_to_hls(*rgb)
    for step in range(101):
        candidate = colorsys.hls_to_rgb(h, min(1.0, lightness + step / 100), s)
        if all(contrast(candidate, bg) >= minimum for bg in backgrounds):
            return candidate
    return None


# --- reading the token package --------------------------------------------------

def _key(name: str) -> str:
    """basisColorDefaultBgDocument, basis-color-default-bg-document and
    basis.color.default.bg-document are one token."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Flat (Style Dictionary's json/flat, camelCase) or nested with
    ``value``/``$value`` leaves (the W3C draft format)."""
    if isinstance(data, dict):
        for leaf in ("$value", "value"):
            if leaf in data and not isinstance(data[leaf], dict):
                return {_key(prefix): data[leaf]}
        flat: dict[str, Any] = {}
        for name, value in data.items():
            flat.update(_flatten(value, f"{prefix}-{name}" if prefix else str(name)))
        return flat
    return {_key(prefix): data}


def token_file(confdir: str | Path, setting: str) -> Path:
    """``@scope/name`` (a package in node_modules: its usual variables file)
    or ``@scope/name/path/to/file.json`` (that file)."""
    setting = (setting or DEFAULT_PACKAGE).strip()
    base = Path(confdir) / "node_modules"
    if setting.endswith(".json"):
        path = base / setting
        if path.is_file():
            return path
        raise ConfigError(
            f"handbook_design_tokens: het bestand '{setting}' staat niet in node_modules. "
            "Installeer het tokenpakket met npm (package.json) of pas de naam in conf.py aan.")
    for candidate in CANDIDATE_FILES:
        if (base / setting / candidate).is_file():
            return base / setting / candidate
    raise ConfigError(
        f"handbook_design_tokens: het tokenpakket '{setting}' is niet gevonden, of het heeft "
        f"geen {' of '.join(CANDIDATE_FILES)}. Voer 'npm ci' uit (of 'make html'), of zet in "
        "conf.py het pad naar het JSON-bestand met de variabelen, bijvoorbeeld "
        "'@organisatie/design-tokens/dist/index.json'.")


@dataclass(frozen=True)
class Theme:
    package: str  # what conf.py names, for messages
    light: dict[str, str]  # role -> #rrggbb
    dark: dict[str, str]
    fonts: dict[str, str]
    sources: dict[str, str]  # role -> the token that filled it ("" for a default)
    diagram: dict[str, dict[str, str]]  # scheme -> diagram role -> colour


def _resolve(tokens: dict[str, Any], roles: dict[str, tuple[str, ...]]
             ) -> tuple[dict[str, RGB], dict[str, str]]:
    values: dict[str, RGB] = {}
    sources: dict[str, str] = {}
    for role, candidates in roles.items():
        for candidate in candidates:
            if candidate.startswith("="):
                ref = candidate[1:]
                values[role] = parse_colour(ref) or values[ref]
                sources[role] = "" if ref.startswith("#") else sources[ref]
                break
            colour = parse_colour(tokens.get(_key(candidate)))
            if colour is not None:
                values[role], sources[role] = colour, candidate
                break
    return values, sources


def _derive_dark(light: dict[str, RGB]) -> dict[str, RGB] | None:
    """Same hues on a dark page: a deep shade of the text colour as page,
    light greys tinted by it as text, and each coloured role lightened until
    it reaches AA against the dark page and surface."""
    dark: dict[str, RGB] = {}
    dark["bg"] = with_lightness(light["text"], 0.10, 0.45)
    dark["surface"] = with_lightness(light["text"], 0.15, 0.40)
    dark["accent_bg"] = with_lightness(light["accent"], 0.18, 0.45)
    dark["node_bg"] = with_lightness(light["accent"], 0.22, 0.45)
    feedback = [role for role in ADMONITIONS if role != "accent"]
    for role in feedback:
        dark[f"{role}_bg"] = with_lightness(light[role], 0.18, 0.45)
    grounds = [dark["bg"], dark["surface"], dark["accent_bg"], dark["node_bg"]]
    wanted = {
        "text": (with_lightness(light["text"], 0.93, 0.25), TEXT),
        "muted": (with_lightness(light["muted"], 0.78, 0.25), TEXT),
        "heading": (with_lightness(light["heading"], 0.88, 0.60), TEXT),
        "link": (with_lightness(light["link"], 0.75), TEXT),
        "link_hover": (with_lightness(light["link_hover"], 0.82), TEXT),
        "brand": (with_lightness(light["brand"], 0.75), TEXT),
        "accent": (with_lightness(light["accent"], 0.70), NON_TEXT),
        "control": (with_lightness(light["control"], 0.60, 0.30), NON_TEXT),
        "focus": (with_lightness(light["focus"], 0.80), NON_TEXT),
    }
    # Each admonition colour on the page and on its own title background.
    wanted.update({role: (with_lightness(light[role], 0.70), NON_TEXT) for role in feedback})
    own_ground = {"accent": [dark["accent_bg"]],
                  **{role: [dark[f"{role}_bg"]] for role in feedback},
                  # The title text on every admonition title.
                  "text": [dark[f"{role}_bg"] for role in feedback]}
    for role, (start, minimum) in wanted.items():
        colour = ensure(start, grounds + own_ground.get(role, []), minimum)
        if colour is None:
            return None
        dark[role] = colour
    dark["border"] = with_lightness(light["border"], 0.32, 0.30)
    return dark


def _diagram_palette(p: dict[str, RGB]) -> dict[str, str]:
    """Mermaid's colours from the palette: text on a tinted node, lines in
    the muted text colour, borders and bars in the accent."""
    return {
        "bg": hex_colour(p["bg"]),
        "node": hex_colour(p["node_bg"]),
        "cluster": hex_colour(p["surface"]),
        "text": hex_colour(p["text"]),
        "line": hex_colour(p["muted"]),
        "node_border": hex_colour(p["accent"]),
        "bar": hex_colour(p["link"]),
        "border": hex_colour(p["border"]),
    }


def _failures(palette: dict[str, str], pairs: tuple[tuple[str, str, float, str], ...]
              ) -> list[tuple[str, str, float, float, str]]:
    found = []
    for fg, bg, minimum, what in pairs:
        ratio = contrast(palette[fg], palette[bg])
        if ratio < minimum:
            found.append((fg, bg, ratio, minimum, what))
    return found


def _ratio(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


@cache
def load(confdir: str, setting: str) -> Theme:
    path = token_file(confdir, setting)
    try:
        tokens = _flatten(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"handbook_design_tokens: {path} is geen leesbaar JSON-bestand ({exc}).") from exc
    light, sources = _resolve(tokens, ROLES)
    light_hex = {role: hex_colour(c) for role, c in light.items()}
    name = setting or DEFAULT_PACKAGE
    problems = _failures(light_hex, PAIRS)
    light_diagram = _diagram_palette(light)
    problems += _failures(light_diagram, DIAGRAM_PAIRS)
    if problems:
        lines = []
        for fg, bg, ratio, minimum, what in problems:
            fg_src = sources.get(fg) or "standaard"
            bg_src = sources.get(bg) or "standaard"
            lines.append(
                f"  - {what}: {fg_src} ({light_hex.get(fg, light_diagram.get(fg))}) op {bg_src} "
                f"({light_hex.get(bg, light_diagram.get(bg))}) heeft {_ratio(ratio)}:1 contrast; "
                f"WCAG 2.1 AA vraagt minstens {_ratio(minimum)}:1.")
        raise ConfigError(
            f"De design tokens van '{name}' geven te weinig contrast voor WCAG 2.1 AA "
            "(succescriteria 1.4.3 en 1.4.11):\n" + "\n".join(lines) + "\n"
            "Kies in conf.py (handbook_design_tokens) een ander tokenpakket, of vraag de "
            "beheerder van de tokens om kleuren met genoeg contrast.")
    dark = _derive_dark(light)
    if dark is None:
        raise ConfigError(
            f"Uit de design tokens van '{name}' is geen donkere weergave met genoeg contrast "
            "(WCAG 2.1 AA) af te leiden. Kies in conf.py (handbook_design_tokens) een ander "
            "tokenpakket.")
    dark_hex = {role: hex_colour(c) for role, c in dark.items()}
    dark_diagram = _diagram_palette(dark)
    # Derived to pass: a failure here is a bug in _derive_dark, not in the tokens.
    assert not _failures(dark_hex, PAIRS) and not _failures(dark_diagram, DIAGRAM_PAIRS), name
    fonts: dict[str, str] = {}
    for role, candidates in FONTS.items():
        for candidate in candidates:
            value = tokens.get(_key(candidate))
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)  # a font weight as a number
            if isinstance(value, str) and value.strip() and _safe_css(value):
                fonts[role] = value.strip()
                break
    return Theme(package=name, light=light_hex, dark=dark_hex, fonts=fonts, sources=sources,
                 diagram={"light": light_diagram, "dark": dark_diagram})


def _safe_css(value: str) -> bool:
    """A token value goes into our stylesheet: no way out of the declaration,
    and no url() (fonts come from no other server)."""
    return not re.search(r"[;{}<>\\]|url\(|@import", value, re.I)


def theme(confdir: str | Path, config: Any) -> Theme:
    return load(str(confdir), config.handbook_design_tokens)


# --- the stylesheet ---------------------------------------------------------------

# Furo's variables, each from one role of the palette (``--hb-<role>``).
FURO = {
    "color-foreground-primary": "text",
    "color-foreground-secondary": "muted",
    "color-foreground-muted": "muted",
    "color-foreground-border": "control",
    "color-background-primary": "bg",
    "color-background-secondary": "surface",
    "color-background-hover": "accent_bg",
    "color-background-border": "border",
    "color-brand-primary": "brand",
    "color-brand-content": "link",
    "color-brand-visited": "link",
    "color-link--hover": "link_hover",
    "color-link-underline": "link",
    "color-link-underline--hover": "link_hover",
    "color-highlighted-background": "accent_bg",
    "color-sidebar-search-border": "control",
    "color-card-border": "border",
    "color-card-background": "bg",
    "color-table-border": "border",
    "color-admonition-background": "bg",
    "color-admonition-title": "accent",
    "color-admonition-title-background": "accent_bg",
}
# The roles a scheme sets; the mapping above and our components read them.
SCHEME_ROLES = ("text", "muted", "control", "bg", "surface", "accent_bg", "border", "brand",
                "link", "link_hover", "accent", "heading", "focus")
# The feedback colours: only in the admonition stylesheet.
FEEDBACK_ROLES = tuple(f"{role}{suffix}" for role in ADMONITIONS if role != "accent"
                       for suffix in ("", "_bg"))


def _var(role: str) -> str:
    return "--hb-" + role.replace("_", "-")


def _scheme(p: dict[str, str], roles: tuple[str, ...] = SCHEME_ROLES) -> str:
    return ";".join(f"{_var(role)}:{p[role]}" for role in roles)


COMPONENTS = """\
h1,h2,h3,h4,h5,h6{color:var(--hb-heading)}
.sd-card,.admonition,:is(.hb-search-form,.notfound-search) :is(input,button){border-radius:var(--hb-radius)}
.handbook-session-card .sd-badge{background-color:var(--color-brand-primary)!important;\
color:var(--hb-on-brand)!important}
.handbook-learning.sd-card,.handbook-evidence,.admonition.handbook-advice{border-left:.25rem solid var(--hb-accent)}
.handbook-learning .sd-card-header{background:var(--hb-accent-bg)}
.sd-card .sd-stretched-link:focus-visible::after{outline:3px solid var(--hb-focus);outline-offset:3px}
"""


GENERIC = {"serif", "sans-serif", "monospace", "system-ui", "ui-sans-serif", "ui-serif"}


def font_stack(value: str) -> str:
    """The token's own families first (used when the reader's computer has
    them; nothing is downloaded), then the system fonts. A generic family
    the token ends with stays last, so a serif heading stays serif."""
    families = [f.strip() for f in value.split(",") if f.strip()]
    named = [f for f in families if f.strip("'\"").lower() not in GENERIC]
    generic = [f for f in families if f.strip("'\"").lower() in GENERIC]
    if generic and generic[-1].strip("'\"").lower() not in ("sans-serif", "system-ui", "ui-sans-serif"):
        return ", ".join([*named, generic[-1]])
    return ", ".join([*named, SYSTEM_FONTS])


def stylesheet(t: Theme) -> str:
    """Furo's variables are mapped once, onto ``--hb-*``; each scheme sets
    only those. ``body:is(*,[data-theme])`` weighs as much as Furo's own
    dark selectors and comes later, so the mapping holds in every scheme."""
    fonts = ""
    if "font" in t.fonts:
        fonts += f";--font-stack:{font_stack(t.fonts['font'])}"
    if "heading_font" in t.fonts:
        fonts += f";--font-stack--headings:{font_stack(t.fonts['heading_font'])}"
    radius = t.fonts.get("radius", "0.25rem")
    mapping = ";".join(f"--{name}:var({_var(role)})" for name, role in FURO.items())
    dark = _scheme(t.dark)
    return (
        f"/*! Generated by handbook.web.tokens from {t.package} (do not edit).\n"
        "   Light: the organisation's tokens; dark: derived, WCAG AA checked. */\n"
        f"body:is(*,[data-theme]){{{mapping};--color-background-hover--transparent:transparent;"
        f"--hb-on-brand:var(--hb-bg){fonts};"
        f"--hb-radius:{radius};{_scheme(t.light)}}}\n"
        f'@media not print{{body[data-theme="dark"]{{{dark}}}'
        f'@media (prefers-color-scheme:dark){{body:not([data-theme="light"]){{{dark}}}}}}}\n'
        + COMPONENTS)


# Furo's admonition variables (its documented way to colour them), each kind
# from its feedback role. In a stylesheet of its own that only pages with
# such a block load (add_page_css): the handbook's pages have none today,
# and every page's bytes count (tests/test_page_weight.py).
ADMONITION_CSS = "handbook-admonitions.css"
ADMONITION_VARS = {
    **{f"color-admonition-title{part}--{kind}": role + suffix
       for role, (kinds, _) in ADMONITIONS.items() for kind in kinds
       for part, suffix in (("", ""), ("-background", "_bg"))},
    # Furo's topic block (a title with an icon) in the accent too.
    "color-topic-title": "accent",
    "color-topic-title-background": "accent_bg",
}
_KINDS = frozenset(kind for kinds, _ in ADMONITIONS.values() for kind in kinds)
_CLASSES = re.compile(r'<(?:div|aside) class="([^"]*)"')


def admonition_stylesheet(t: Theme) -> str:
    """Same selectors as ``stylesheet`` and after it: the tokens win."""
    mapping = ";".join(f"--{name}:var({_var(role)})" for name, role in ADMONITION_VARS.items())
    dark = _scheme(t.dark, FEEDBACK_ROLES)
    return (
        f"/*! Generated by handbook.web.tokens from {t.package} (do not edit):\n"
        "   admonitions in the feedback colours, on pages that have one. */\n"
        f"body:is(*,[data-theme]){{{mapping};{_scheme(t.light, FEEDBACK_ROLES)}}}\n"
        f'@media not print{{body[data-theme="dark"]{{{dark}}}'
        f'@media (prefers-color-scheme:dark){{body:not([data-theme="light"]){{{dark}}}}}}}\n')


def uses_admonitions(html: str) -> bool:
    """An admonition of one of Furo's kinds, or a topic, in ``html``."""
    for value in _CLASSES.findall(html):
        classes = set(value.split())
        if "topic" in classes or ("admonition" in classes and classes & _KINDS):
            return True
    return False


def add_page_css(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree: Any) -> None:
    """At html-page-context: the admonition stylesheet on this page only
    (Sphinx's add_css_file there is per page). Furo's search page has an
    error block of its own, shown when scripts are off."""
    if app.builder.format != "html":
        return
    if templatename == "search.html" or uses_admonitions(context.get("body") or ""):
        # Right after the tokens' stylesheet (850).
        app.add_css_file(ADMONITION_CSS, priority=851)


# --- the heading font, self-hosted (opt-in) -----------------------------------------

# Off by default: one weight of the heading font, Latin only, is 15 KB on
# every page, and the pages are near their 150 KB budget. With it on, the
# font comes from a Fontsource package in node_modules (package.json), is
# copied into the build, and never comes from another server.
FONT_CSS = "handbook-fonts.css"
FONT_DIR = "handbook-fonts"  # under _static/
FONT_PACKAGES = "@fontsource"
_WEIGHT = re.compile(r"^[1-9]00$")
_FACE_SRC = re.compile(r"url\(\./files/([a-z0-9-]+\.woff2)\)")
_FACE_RANGE = re.compile(r"unicode-range:\s*([0-9A-Fa-fU+?,\s-]+);")


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: str
    package: str  # e.g. @fontsource/noto-serif
    woff2: Path
    unicode_range: str
    license: Path


def heading_face(confdir: str | Path, t: Theme) -> FontFace | None:
    """The heading font's Latin face, from the Fontsource package named after
    the family the tokens give first; None when they name only a generic
    family (serif). A named family without its package is a clear error."""
    families = [f.strip().strip("'\"") for f in t.fonts.get("heading_font", "").split(",")]
    named = [f for f in families if f and f.lower() not in GENERIC]
    if not named:
        return None
    family = named[0]
    slug = re.sub(r"[^a-z0-9]+", "-", family.lower()).strip("-")
    weight = t.fonts.get("heading_weight", "700")
    weight = weight if _WEIGHT.match(weight) else "700"
    package = f"{FONT_PACKAGES}/{slug}"
    folder = Path(confdir) / "node_modules" / package
    marker = f"/* {slug}-latin-{weight}-normal */"
    try:
        css = (folder / f"{weight}.css").read_text(encoding="utf-8")
    except OSError:
        css = ""
    block = css.split(marker, 1)[1].split("}", 1)[0] if marker in css else ""
    src, unicode_range = _FACE_SRC.search(block), _FACE_RANGE.search(block)
    if not (src and unicode_range and (folder / "files" / src.group(1)).is_file()):
        raise ConfigError(
            f"handbook_self_hosted_fonts staat aan, maar het koplettertype '{family}' (gewicht "
            f"{weight}) uit de design tokens van '{t.package}' staat niet als pakket in "
            f"node_modules ({package}, met {slug}-latin-{weight}-normal.woff2). Installeer het "
            f"(npm install --save-exact {package}@<versie>), of zet handbook_self_hosted_fonts "
            "in conf.py op False: dan gebruiken de koppen de systeemlettertypen.")
    return FontFace(family=family, weight=weight, package=package,
                    woff2=folder / "files" / src.group(1),
                    unicode_range=" ".join(unicode_range.group(1).split()),
                    license=folder / "LICENSE")


def font_stylesheet(face: FontFace) -> str:
    """One @font-face: the browser fetches the file only for text in its
    range, and shows the system font until it is there (swap)."""
    return (
        f"/*! Generated by handbook.web.tokens (do not edit): the heading font from "
        f"{face.package}, Latin, weight {face.weight}; its licence is in {FONT_DIR}/. */\n"
        f'@font-face{{font-family:"{face.family}";font-style:normal;font-weight:{face.weight};'
        f"font-display:swap;src:url({FONT_DIR}/{face.woff2.name}) format(\"woff2\");"
        f"unicode-range:{face.unicode_range}}}\n")


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically, and only when different: True when written. A stylesheet
    is written minified, as web/minify leaves it on the website: the same
    text next time means no change, and no page is written again for it."""
    if path.suffix == ".css":
        data = minify.css(data.decode("utf-8")).encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def write_fonts(app: Sphinx, t: Theme) -> bool:
    """The font file, its licence and its stylesheet in the build when
    handbook_self_hosted_fonts is on; gone again when it is off."""
    static = Path(app.outdir) / "_static"
    if not app.config.handbook_self_hosted_fonts:
        found = (static / FONT_CSS).exists() or (static / FONT_DIR).exists()
        (static / FONT_CSS).unlink(missing_ok=True)
        shutil.rmtree(static / FONT_DIR, ignore_errors=True)
        return found
    face = heading_face(app.confdir, t)
    if face is None:
        logger.info("Lettertype: de design tokens noemen voor de koppen geen eigen lettertype; "
                    "de koppen gebruiken de systeemlettertypen.")
        return False
    changed = _write_if_changed(static / FONT_DIR / face.woff2.name, face.woff2.read_bytes())
    if face.license.is_file():
        changed |= _write_if_changed(static / FONT_DIR / f"LICENSE-{face.woff2.name.split('-latin-')[0]}.txt",
                                     face.license.read_bytes())
    changed |= _write_if_changed(static / FONT_CSS, font_stylesheet(face).encode("utf-8"))
    # Last, on its own: a sheet with a url() is not bundled (web/assets).
    app.add_css_file(FONT_CSS, priority=900)
    return changed


# Builds whose stylesheet changed (another token package version, a new
# mapping): every page links it with a checksum (?v=), so every page is
# written again, or unchanged pages would keep the old one.
_changed: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def write_stylesheet(app: Sphinx) -> None:
    """At builder-inited: in place before any page links it, so Sphinx adds
    its checksum (?v=) in a clean build as in a rebuild."""
    if app.builder.format != "html":
        return
    t = theme(app.confdir, app.config)
    changed = write_fonts(app, t)
    for name, text in ((CSS, stylesheet(t)), (ADMONITION_CSS, admonition_stylesheet(t))):
        changed |= _write_if_changed(Path(app.outdir) / "_static" / name, text.encode("utf-8"))
    if changed:
        _changed.add(app)


def pages_with_old_checksum(app: Sphinx, env: Any) -> list[str]:
    """At env-get-updated: every page, when the stylesheet changed."""
    return sorted(env.found_docs) if app in _changed else []


# --- diagrams ---------------------------------------------------------------------

def diagram_themes(confdir: str | Path, config: Any) -> dict[str, dict[str, Any]]:
    """Mermaid's ``base`` theme per colour scheme, from the tokens. Part of
    every diagram's cache key: other tokens, new drawings."""
    t = theme(confdir, config)
    return {scheme: mermaid_theme(t.diagram[scheme], scheme == "dark")
            for scheme in ("light", "dark")}


def mermaid_theme(d: dict[str, str], dark: bool) -> dict[str, Any]:
    return {
        "theme": "base",
        "mapping": MAPPING_VERSION,
        "themeVariables": {
            "darkMode": dark,
            "background": d["bg"],
            "primaryColor": d["node"],
            "primaryTextColor": d["text"],
            "primaryBorderColor": d["node_border"],
            "secondaryColor": d["cluster"],
            "secondaryTextColor": d["text"],
            "secondaryBorderColor": d["node_border"],
            "tertiaryColor": d["cluster"],
            "tertiaryTextColor": d["text"],
            "tertiaryBorderColor": d["border"],
            "mainBkg": d["node"],
            "nodeBorder": d["node_border"],
            "nodeTextColor": d["text"],
            "textColor": d["text"],
            "titleColor": d["text"],
            "lineColor": d["line"],
            "defaultLinkColor": d["line"],
            "arrowheadColor": d["line"],
            "edgeLabelBackground": d["bg"],
            "clusterBkg": d["cluster"],
            "clusterBorder": d["border"],
            "xyChart": {
                "backgroundColor": d["bg"],
                "titleColor": d["text"],
                "xAxisLabelColor": d["text"],
                "xAxisTitleColor": d["text"],
                "xAxisTickColor": d["line"],
                "xAxisLineColor": d["line"],
                "yAxisLabelColor": d["text"],
                "yAxisTitleColor": d["text"],
                "yAxisTickColor": d["line"],
                "yAxisLineColor": d["line"],
                "plotColorPalette": d["bar"],
            },
        },
    }


def setup(app: Sphinx) -> None:
    # The npm package with the organisation's design tokens (package.json),
    # optionally with the path of its variables file: "@scope/name" or
    # "@scope/name/dist/index.json". "html": another look, every page again.
    app.add_config_value("handbook_design_tokens", DEFAULT_PACKAGE, "html", types=[str])
    # The heading font named by the tokens, self-hosted from its Fontsource
    # package (write_fonts). Off: the system fonts, and 15 KB less a page.
    app.add_config_value("handbook_self_hosted_fonts", False, "html", types=[bool])
    # After Furo's and every other stylesheet (our default is 800; Sphinx
    # sorts by priority): the tokens' values win over the theme's.
    app.add_css_file(CSS, priority=850)
