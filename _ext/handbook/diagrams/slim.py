"""Fewer bytes for the same drawing (issue 18: every page at most 150 KB).

Mermaid's SVG carries what no browser needs to draw it, 15 to 25 % of a
flowchart: coordinates to 13 decimals, the edge points again as base64 JSON
(``data-points``, for Mermaid's own animation), six arrow markers of which
one or two are used, and rules for classes the drawing does not have in its
stylesheet. Applied when a page and the diagram's files are written, not to
the cache: the cached rendering stays Mermaid's.

- Coordinates are rounded to 1/100 px in the drawing's geometry attributes,
  far below what a screen or a printer shows.
- A marker stays when anything refers to it (``url(#id)``).
- Mermaid wraps every word of a label in its own ``<tspan>`` (for bold and
  italic in Markdown labels); neighbours with the same attributes and no position
  of their own become one, which draws the same text in the same place. A class named twice in one
  ``class`` attribute is named once.
- The stylesheet keeps the rules whose classes all occur in the SVG
  (``web.assets.trim``, as for the site's other trimmed stylesheets).
"""

from __future__ import annotations

import re

from ..web import assets

# Attributes that only place and size things; never text, ids or classes.
_GEOMETRY = re.compile(
    r'\b(d|points|transform|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|viewBox|refX|refY)'
    r'="([^"]*)"')
# Not inside a number: in "-.001.0004" the digits "001.0004" are the ends of
# two numbers, not one.
_LONG_NUMBER = re.compile(r"(?<![\d.])(-?\d+\.\d{3,})")
_DATA_POINTS = re.compile(r'\sdata-points="[^"]*"')
_MARKER = re.compile(r'<marker id="([^"]+)".*?</marker>', re.S)
# Two neighbours with the same opening tag and no markup inside. Not when the
# tag places its text (x, y, dx, dy, rotate): each would start a new line.
_TWIN_TSPANS = re.compile(r'(<tspan(?:(?! (?:d?[xy]|rotate)=)[^>])*>)([^<]*)</tspan>\1')
_CLASS = re.compile(r' class="([^"]*)"')


def _round(match: re.Match[str]) -> str:
    # The point stays ("3.0", not "3"): Mermaid writes paths in SVG's short
    # form, where "3.0001.5" is two numbers; "3.5" would be one.
    text = f"{float(match.group(1)):.2f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    return "0.0" if text == "-0.0" else text


def _one_run(svg: str) -> str:
    while True:
        joined = _TWIN_TSPANS.sub(r"\1\2", svg)
        if joined == svg:
            return svg
        svg = joined


def _unique_classes(match: re.Match[str]) -> str:
    return ' class="' + " ".join(dict.fromkeys(match.group(1).split())) + '"'


def slim_svg(svg: str) -> str:
    svg = _DATA_POINTS.sub("", svg)
    svg = _one_run(_CLASS.sub(_unique_classes, svg))
    svg = _GEOMETRY.sub(lambda m: f'{m.group(1)}="{_LONG_NUMBER.sub(_round, m.group(2))}"', svg)
    return _MARKER.sub(lambda m: m.group(0) if f"#{m.group(1)})" in svg else "", svg)


def slim_css(css: str, svg: str) -> str:
    """The diagram's rules that can match an element of its SVG."""
    return assets.trim(css, assets.page_classes(svg), assets._ANY_CLASS)
