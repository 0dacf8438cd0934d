"""Diagrams with fewer bytes, the same drawing (issue 18, diagrams/slim.py)."""

from __future__ import annotations

import re

from handbook.diagrams import slim

SVG = (
    '<svg id="hbd-1" class="flowchart hbc-1" viewBox="-2 0 780.5367431640625 19.25" '
    'width="780.5367431640625">'
    '<marker id="hbd-1_pointEnd" refX="5" refY="5"><path d="M 0 0 L 10 5 z"></path></marker>'
    '<marker id="hbd-1_circleEnd" refX="11" refY="5"><circle cx="5" cy="5" r="5"></circle></marker>'
    '<path d="M458.00000001,1455.565612792L-0.0012,3" class="flowchart-link" data-edge="true" '
    'data-id="L_A_B_0" data-points="W3sieCI6NDU3Ljk5NTcwNDY1MDg3OH1d" '
    'marker-end="url(#hbd-1_pointEnd)"></path>'
    '<text x="1.23456" y="2"><tspan>3.14159 stays text</tspan></text></svg>')


def test_short_form_numbers_stay_apart():
    """In SVG's short form "3.0001.5" is two numbers (3.0001 and .5): rounded
    to "3.5" it would be one, and the browser rejects the path."""
    out = slim.slim_svg('<svg><path d="M3.0001.5l-.045-.001.0004.45"></path></svg>')
    assert 'd="M3.0.5l-.045-.001.0004.45"' in out, out


def test_slim_svg_keeps_the_drawing():
    out = slim.slim_svg(SVG)
    assert "data-points" not in out
    # The marker in use stays, the other goes.
    assert 'id="hbd-1_pointEnd"' in out and "circleEnd" not in out
    # Geometry to 1/100 px; ids, classes, text and data-* the checks use unchanged.
    assert 'viewBox="-2 0 780.54 19.25"' in out and 'width="780.54"' in out
    assert 'd="M458.0,1455.57L0.0,3"' in out and 'x="1.23"' in out
    assert "3.14159 stays text" in out
    assert 'data-edge="true"' in out and 'data-id="L_A_B_0"' in out
    assert len(out) < len(SVG)


def test_slim_css_keeps_the_rules_of_the_svg():
    css = (".hbc-1{fill:var(--hbd-0)}.hbc-1 .flowchart-link{stroke:red}"
           ".hbc-1 .cluster rect{fill:blue}.hbc-1 [data-hb-style=x]{opacity:1}")
    kept = slim.slim_css(css, SVG)
    assert ".flowchart-link" in kept and "[data-hb-style=x]" in kept
    assert ".cluster" not in kept


def test_real_diagrams_are_slimmer(site):
    """In the built site: no data-points, no unused markers, short numbers."""
    html = (site.outdir / "playbook" / "influencers.html").read_text(encoding="utf-8")
    [svg] = [s for s in re.findall(r"<svg .*?</svg>", html, re.S) if "flowchart" in s]
    assert "data-points" not in svg
    for marker in re.findall(r'<marker id="([^"]+)"', svg):
        assert f"#{marker})" in svg
    assert not re.search(r'\bd="[^"]*\d\.\d{3}', svg)
    assert not re.search(r'(<tspan [^>]*class="text-inner-tspan"[^>]*>)[^<]*</tspan>\1', svg)


def test_words_of_one_line_become_one_run():
    """Mermaid's tspan per word: neighbours with the same style join; a tspan
    that places its text (a new line) never joins its neighbour."""
    inner = '<tspan font-style="normal" class="text-inner-tspan" font-weight="normal">'
    line = '<tspan class="text-outer-tspan" x="0" dy="1.1em">'
    svg = (f"<svg><text>{line}{inner}1.</tspan>{inner} Doel</tspan>"
           '<tspan font-weight="bold"> vet</tspan></tspan>'
           f"{line}{inner}twee</tspan></tspan>{line}{inner}drie</tspan></tspan></text>"
           '<path class="edge-thickness-normal edge-pattern-solid edge-thickness-normal '
           'flowchart-link"></path></svg>')
    out = slim.slim_svg(svg)
    assert f"{inner}1. Doel</tspan>" in out
    assert '<tspan font-weight="bold"> vet</tspan>' in out
    assert out.count(line) == 3 and f"{inner}twee</tspan></tspan>{line}" in out
    assert 'class="edge-thickness-normal edge-pattern-solid flowchart-link"' in out
    assert re.sub(r"<[^>]+>", "", out) == re.sub(r"<[^>]+>", "", svg)
