"""Turning Mermaid source into CSP-clean SVG in one headless browser session.

Owns the browser side of build-time diagrams: starting the local browser
(found by ``handbook.browser``), loading the pinned Mermaid from
``node_modules`` into a blank page, calling ``mermaid.render``, and rewriting
its output so a page needs no inline styles: the ``<style>`` element and every
``style=""`` attribute move into a stylesheet, keyed by class and data
attribute. Each diagram is drawn twice (light and dark theme) but kept once:
the colours in which the two drawings differ become CSS custom properties, so
one SVG follows the page's colour scheme. Knows nothing about Sphinx.
"""

from __future__ import annotations

import html
import re
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from .. import browser_watchdog
from . import package

# The single-file build defines window.mermaid, so it can be injected into a
# blank page without serving the ES module's chunk folder.
SCRIPT = package.PACKAGE / "dist" / package.BUNDLE

# Metric-compatible with Arial (Liberation Sans), which Windows readers have:
# boxes measured here fit the text there.
FONT = 'Arial, "Liberation Sans", Helvetica, sans-serif'

# Drawn once per colour scheme; the two drawings become one SVG whose colours
# are custom properties (see ``merge_themes``). The build passes the themes
# made from the design tokens (``handbook.web.tokens.diagram_themes``); these
# are Mermaid's own, for a renderer used on its own.
# The dark theme's edge labels (#ccc on #585858) miss WCAG AA by a hair.
THEMES: dict[str, dict] = {
    "light": {"theme": "default", "themeVariables": {}},
    "dark": {"theme": "dark", "themeVariables": {"edgeLabelBackground": "#333333"}},
}

# Labels as SVG <text>, not HTML in <foreignObject>: valid HTML (no <p> in
# <span> in the SVG), one text colour per scheme, printable as vectors.
# The smallest font size of any visible text is measured here, on the drawing
# at its natural size, so the page can refuse to scale text below READABLE_PX.
_RENDER_JS = """
async ([id, code, theme, font]) => {
  mermaid.initialize({startOnLoad: false, securityLevel: "strict", theme: theme.theme,
                      htmlLabels: false, flowchart: {htmlLabels: false},
                      themeVariables: {fontFamily: font, ...theme.themeVariables}});
  try {
    await mermaid.parse(code);
    const {svg} = await mermaid.render(id, code);
    const probe = document.createElement("div");
    probe.innerHTML = svg;
    document.body.append(probe);
    const sizes = [...probe.querySelectorAll("text")]
      .filter(t => t.textContent.trim() && t.getBBox().width > 0)
      .map(t => parseFloat(getComputedStyle(t).fontSize));
    probe.remove();
    return {svg, minFont: sizes.length ? Math.min(...sizes) : null};
  } catch (e) {
    document.querySelectorAll("[id^='d" + id + "'], #" + id).forEach(n => n.remove());
    return {error: String((e && e.message) || e)};
  }
}
"""

STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.S)
STYLE_ATTR = re.compile(r'(\s)style="([^"]*)"')
SVG_OPEN = re.compile(r"<svg\b[^>]*>")
ID_ATTR = re.compile(r'(?<![\w-])id="([^"]+)"')


# The smallest text a diagram may show, in CSS px. Body text is 16 px; 12 px
# (three quarters) is the usual floor for secondary text such as captions
# (Material's and Apple's type scales stop there), and Mermaid's own smallest
# text (chart axes, 14 px) stays above it at the scale it allows.
READABLE_PX = 12

# Colour values in Mermaid's CSS and attributes. The light and the dark
# drawing of a diagram differ only in these (checked in ``merge_themes``).
COLOR = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|(?:rgba?|hsla?)\([^)]*\)"
    r"|\b(?:white|black|gr[ae]y|lightgr[ae]y|red|green|blue|transparent)\b")
# Presentation attributes that carry a colour (xychart draws with these).
PAINT_ATTR = re.compile(r'(\s)(fill|stroke|stop-color|flood-color|color)="([^"]*)"')
START_TAG = re.compile(r"<[a-zA-Z][^>]*>")
VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')


# With SVG labels Mermaid reads each label as Markdown, and a label that
# starts like a numbered list ("1. Doel") makes it throw ("splitLineToFitWidth
# does not support newlines"). An invisible word joiner between the number
# and the space is no list marker and looks the same (a no-break space would
# not do: Mermaid's sanitiser turns it into a visible "&nbsp;"). Registered in handbook.internals
# ("mermaid-list-labels"); remove when Mermaid draws such labels.
LIST_LABEL = re.compile(r'((?:["\[{(|]|<br\s*/?>)\s*\d{1,9}[.)]) ')
LIST_LABEL_ERROR = "splitLineToFitWidth does not support newlines"


def protect_list_labels(code: str) -> str:
    return LIST_LABEL.sub("\\1\u2060 ", code)


class DiagramSyntaxError(Exception):
    """Mermaid could not parse the diagram; the message is Mermaid's own."""


class ThemesDiffer(Exception):
    """The light and dark drawing differ in more than colours."""


@dataclass
class Rendering:
    svg: str  # SVG id (and id prefix) ``hbd-<stem>``, no inline styles
    css: str  # every style the SVG needs, scoped to this rendering
    width: float = 0.0  # natural size, CSS px (the viewBox)
    height: float = 0.0
    min_font: float | None = None  # smallest visible text at natural size, px
    themed: bool = True  # False: light colours only (on a light card when dark)


class MermaidRenderer:
    """One browser, one page, many diagrams. Use as a context manager."""

    def __init__(self, executable: Path, confdir: Path, themes: dict[str, dict] | None = None,
                 timeout: float = 60):
        self.executable = executable
        self.script = Path(confdir) / SCRIPT
        self.themes = themes or THEMES
        self.timeout = timeout  # seconds, for starting the browser and each step

    def __enter__(self) -> MermaidRenderer:
        # The browser runs under a watchdog (handbook.browser_watchdog): a
        # drawing that freezes ends as a timeout, not a hung build.
        with ExitStack() as stack:
            browser = stack.enter_context(browser_watchdog.session(self.executable, self.timeout))
            self._page = browser.new_page()
            self._page.set_default_timeout(self.timeout * 1000)
            self._page.set_content("<!doctype html><html><body></body></html>")
            self._page.add_script_tag(path=str(self.script))
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc) -> None:
        self._stack.__exit__(*exc)

    def draw(self, code: str, theme: dict, stem: str) -> dict:
        """Mermaid's raw SVG (id ``hbd-<stem>``) and its smallest text size."""
        result = self._page.evaluate(
            _RENDER_JS, [f"hbd-{stem}", protect_list_labels(code), theme, FONT])
        if "error" in result:
            raise DiagramSyntaxError(result["error"])
        return result

    def render(self, code: str, stem: str) -> Rendering:
        """One SVG for both colour schemes; raise DiagramSyntaxError."""
        light = self.draw(code, self.themes["light"], stem)
        dark = self.draw(code, self.themes["dark"], stem)
        try:
            rendering = merge_themes(light["svg"], dark["svg"], stem)
        except ThemesDiffer:
            rendering = externalise_styles(light["svg"], stem)
            rendering.themed = False
        rendering.min_font = light["minFont"]
        return rendering


def merge_themes(light: str, dark: str, stem: str) -> Rendering:
    """One SVG from the light and the dark drawing of the same diagram.

    Every colour in which they differ becomes ``var(--hbd-<n>)``, defined per
    scheme in the diagram's stylesheet. Presentation attributes cannot hold
    ``var()``; where those differ they move into the style attribute first
    (which outranks Mermaid's stylesheet, as nothing there styles those
    elements: xychart colours its parts only with attributes)."""
    light, dark = _paint_to_style(light, dark)
    lparts, dparts = COLOR.split(light), COLOR.split(dark)
    lcolors, dcolors = COLOR.findall(light), COLOR.findall(dark)
    if lparts != dparts:
        raise ThemesDiffer(stem)
    pairs: dict[tuple[str, str], int] = {}
    out = [lparts[0]]
    for lc, dc, rest in zip(lcolors, dcolors, lparts[1:], strict=True):
        if lc.lower() == dc.lower():
            out.append(lc)
        else:
            out.append(f"var(--hbd-{pairs.setdefault((lc, dc), len(pairs))})")
        out.append(rest)
    merged = "".join(out)
    outside = STYLE_ATTR.sub("", STYLE_ELEMENT.sub("", merged))
    if "var(--hbd-" in outside:
        # A colour outside any style: an attribute we do not know to move.
        raise ThemesDiffer(stem)
    rendering = externalise_styles(merged, stem)
    cls = f".hbc-{stem}"

    def props(index: int) -> str:
        return ";".join(f"--hbd-{n}:{pair[index]}" for pair, n in pairs.items())

    if pairs:
        # Light on screen and on paper; dark where Furo's theme says so
        # ("auto" follows the system). Print wins: paper is white.
        rendering.css = (
            f"{cls}{{{props(0)}}}\n"
            f'body[data-theme="dark"] {cls}{{{props(1)}}}\n'
            f'@media (prefers-color-scheme: dark){{body[data-theme="auto"] {cls}{{{props(1)}}}}}\n'
            f"@media print{{body[data-theme] {cls}{{{props(0)}}}}}\n"
            + rendering.css)
    return rendering


def _paint_to_style(light: str, dark: str) -> tuple[str, str]:
    """Move presentation colours that differ between the drawings into style=""."""
    ltags, dtags = START_TAG.findall(light), START_TAG.findall(dark)
    if len(ltags) != len(dtags):
        raise ThemesDiffer("tags")
    lout, dout = [], []
    for ltag, dtag in zip(ltags, dtags, strict=True):
        lpaint = {m.group(2): m.group(3) for m in PAINT_ATTR.finditer(ltag)}
        dpaint = {m.group(2): m.group(3) for m in PAINT_ATTR.finditer(dtag)}
        moved = [k for k in lpaint if k in dpaint and lpaint[k] != dpaint[k]]
        if moved:
            ltag, dtag = _to_style(ltag, lpaint, moved), _to_style(dtag, dpaint, moved)
        lout.append(ltag)
        dout.append(dtag)
    return _replace_tags(light, lout), _replace_tags(dark, dout)


def _to_style(tag: str, paint: dict[str, str], moved: list[str]) -> str:
    tag = PAINT_ATTR.sub(lambda m: "" if m.group(2) in moved else m.group(0), tag)
    decls = ";".join(f"{k}:{paint[k]}" for k in moved)
    if STYLE_ATTR.search(tag):
        return STYLE_ATTR.sub(lambda m: f'{m.group(1)}style="{decls};{m.group(2)}"', tag, count=1)
    end = -2 if tag.endswith("/>") else -1
    return f'{tag[:end]} style="{decls}"{tag[end:]}'


def _replace_tags(svg: str, tags: list[str]) -> str:
    it = iter(tags)
    return START_TAG.sub(lambda m: next(it), svg)


def externalise_styles(svg: str, stem: str) -> Rendering:
    """Move inline styles out of Mermaid's SVG so a strict CSP allows it.

    The SVG's ``#id`` selectors become a class (so the same stylesheet serves
    a second copy of the diagram with another id), and each ``style=""``
    attribute becomes a ``data-hb-style`` rule marked ``!important``, as an
    inline style would win over the stylesheet.
    """
    dom_id, cls = f"hbd-{stem}", f"hbc-{stem}"
    css_parts = [
        re.sub(rf"#{re.escape(dom_id)}(?![\w-])", f".{cls}", m.group(1))
        for m in STYLE_ELEMENT.finditer(svg)
    ]
    svg = STYLE_ELEMENT.sub("", svg)

    numbers: dict[str, int] = {}

    def attr(m: re.Match) -> str:
        value = html.unescape(m.group(2)).strip()
        n = numbers.setdefault(value, len(numbers))
        return f'{m.group(1)}data-hb-style="hbs-{stem}-{n}"'

    svg = STYLE_ATTR.sub(attr, svg)
    for value, n in numbers.items():
        decls = [d.strip() for d in value.split(";") if d.strip()]
        body = ";".join(d if d.endswith("!important") else d + "!important" for d in decls)
        css_parts.append(f'[data-hb-style="hbs-{stem}-{n}"]{{{body}}}')

    svg = SVG_OPEN.sub(lambda m: _fix_root(m.group(0), cls), svg, count=1)
    # HTML serialisation: the standalone .svg file must be XML as well.
    svg = svg.replace("&nbsp;", "&#160;")
    box = VIEWBOX.search(svg)
    width, height = (float(box.group(3)), float(box.group(4))) if box else (0.0, 0.0)
    return Rendering(svg=_prefix_ids(svg, dom_id), css="\n".join(css_parts) + "\n",
                     width=width, height=height)


def _prefix_ids(svg: str, dom_id: str) -> str:
    """Mermaid leaves some ids unprefixed ("L_A_B_0", "flowchart-A-0"): they
    would clash between the light and dark copy and between diagrams."""
    bare = {i for i in ID_ATTR.findall(svg) if dom_id not in i}
    if not bare:
        return svg
    names = "|".join(map(re.escape, sorted(bare, key=len, reverse=True)))
    pattern = re.compile(r'((?<![\w-])id="|#)(' + names + r')(?=["\)\s.,:>\[{])')
    return pattern.sub(lambda m: f"{m.group(1)}{dom_id}-{m.group(2)}", svg)


def _fix_root(tag: str, cls: str) -> str:
    """An image with a name and description, not a 'graphics-document';
    its natural size as attributes (CSS scales it on the page), not 100%."""
    box = VIEWBOX.search(tag)
    if box:
        size = f' width="{box.group(3)}" height="{box.group(4)}"'
        tag = re.sub(r'\s(?:width|height)="[^"]*"', "", tag)
        tag = tag[:-1] + size + ">"
    tag = re.sub(r'\sclass="([^"]*)"', lambda m: f' class="{m.group(1)} {cls}"', tag, count=1)
    if ' class="' not in tag:
        tag = tag[:-1] + f' class="{cls}">'
    tag = re.sub(r'\srole="[^"]*"', ' role="img"', tag, count=1)
    if ' role="' not in tag:
        tag = tag[:-1] + ' role="img">'
    # Screen readers would announce Mermaid's internal type ("flowchart-v2").
    return re.sub(r'\saria-roledescription="[^"]*"', "", tag)
