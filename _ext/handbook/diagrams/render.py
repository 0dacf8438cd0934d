"""Turning Mermaid source into CSP-clean SVG in one headless browser session.

Owns the browser side of build-time diagrams: starting the local browser
(found by ``handbook.browser``), loading the pinned Mermaid from
``node_modules`` into a blank page, calling ``mermaid.render``, and rewriting
its output so a page needs no inline styles: the ``<style>`` element and every
``style=""`` attribute move into a stylesheet, keyed by class and data
attribute. Knows nothing about Sphinx.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..browser import LAUNCH_ARGS
from . import package

# The single-file build defines window.mermaid, so it can be injected into a
# blank page without serving the ES module's chunk folder.
SCRIPT = package.PACKAGE / "dist" / package.BUNDLE

# Metric-compatible with Arial (Liberation Sans), which Windows readers have:
# boxes measured here fit the text there.
FONT = 'Arial, "Liberation Sans", Helvetica, sans-serif'

# One rendering per colour scheme; CSS shows the one that matches the page.
# The dark theme's edge labels (#ccc on #585858) miss WCAG AA by a hair.
THEMES = {
    "light": {"theme": "default", "themeVariables": {}},
    "dark": {"theme": "dark", "themeVariables": {"edgeLabelBackground": "#333333"}},
}

_RENDER_JS = """
async ([id, code, theme, font]) => {
  mermaid.initialize({startOnLoad: false, securityLevel: "strict", theme: theme.theme,
                      themeVariables: {fontFamily: font, ...theme.themeVariables}});
  try {
    await mermaid.parse(code);
    const {svg} = await mermaid.render(id, code);
    return {svg};
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


class DiagramSyntaxError(Exception):
    """Mermaid could not parse the diagram; the message is Mermaid's own."""


@dataclass
class Rendering:
    svg: str  # SVG id (and id prefix) ``hbd-<stem>``, no inline styles
    css: str  # every style the SVG needs, scoped to this rendering


class MermaidRenderer:
    """One browser, one page, many diagrams. Use as a context manager."""

    def __init__(self, executable: Path, confdir: Path):
        self.executable = executable
        self.script = Path(confdir) / SCRIPT

    def __enter__(self) -> MermaidRenderer:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(
                executable_path=str(self.executable), args=LAUNCH_ARGS)
            self._page = self._browser.new_page()
            self._page.set_content("<!doctype html><html><body></body></html>")
            self._page.add_script_tag(path=str(self.script))
        except BaseException:
            self._pw.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._browser.close()
        finally:
            self._pw.stop()

    def render(self, code: str, theme: dict, stem: str) -> Rendering:
        """Render with SVG id ``hbd-<stem>``; raise DiagramSyntaxError."""
        result = self._page.evaluate(_RENDER_JS, [f"hbd-{stem}", code, theme, FONT])
        if "error" in result:
            raise DiagramSyntaxError(result["error"])
        return externalise_styles(result["svg"], stem)


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
    return Rendering(svg=_prefix_ids(svg, dom_id), css="\n".join(css_parts) + "\n")


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
    """An image with a name and description, not a 'graphics-document'."""
    tag = re.sub(r'\sclass="([^"]*)"', lambda m: f' class="{m.group(1)} {cls}"', tag, count=1)
    if ' class="' not in tag:
        tag = tag[:-1] + f' class="{cls}">'
    tag = re.sub(r'\srole="[^"]*"', ' role="img"', tag, count=1)
    if ' role="' not in tag:
        tag = tag[:-1] + ' role="img">'
    # Screen readers would announce Mermaid's internal type ("flowchart-v2").
    return re.sub(r'\saria-roledescription="[^"]*"', "", tag)
