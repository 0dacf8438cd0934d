"""The publisher in the phone's top bar (issue 23).

On a narrow screen Furo hides the sidebar, and with it the publisher above
the title; the top bar (``.mobile-header``) shows the title only.
``_templates/page.html`` puts the publisher's logo and name above that
title too. Checked on a one-page project built with the handbook's own
conf.py: the markup with and without a publisher, then in a browser at
375 px, light and dark: the publisher is visible inside the bar, nothing in
the bar sticks out or pushes the buttons off screen, the page does not scroll
sideways, and axe stays clean. A bar made too wide on purpose fails the check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import browser_checks as bc
from conftest import ROOT, sphinx_build
from handbook import loopback

# Long on purpose: at 375 px it does not fit in the bar and must be cut off
# inside it, not push the buttons away.
PUBLISHER = "Directie Communicatie van het Ministerie van Voorbeeldzaken (testwaarde)"
PAGE = """\
# Een pagina

Een alinea om te lezen.

## Een tweede kop

Nog een alinea.
"""


def build(tmp_path_factory, name: str, *settings: str) -> Path:
    src = tmp_path_factory.mktemp(name)
    (src / "index.md").write_text(PAGE, encoding="utf-8")
    out = src.parent / (src.name + "-html")
    result = sphinx_build(src, out, "html", "-c", str(ROOT),
                          "-d", str(src.parent / (src.name + "-doctrees")), *settings)
    assert result.returncode == 0, result.output
    return out


@pytest.fixture(scope="module")
def with_publisher(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "publisher",
                 "-D", f"handbook_publisher={PUBLISHER}",
                 "-D", "handbook_publisher_logo_light=logo-light.svg",
                 "-D", "handbook_publisher_logo_dark=logo-dark.svg")


@pytest.fixture(scope="module")
def without_publisher(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "no-publisher")


def header_of(out: Path):
    import layout_checks as lc

    soup = lc.soup_of((out / "index.html").read_text(encoding="utf-8"))
    return soup.select_one("header.mobile-header .header-center")


def test_the_phone_header_names_the_publisher(with_publisher):
    center = header_of(with_publisher)
    link = center.find("a")
    publisher = link.select_one(".hb-header-publisher")
    assert publisher is not None, center
    assert publisher.get_text(strip=True) == PUBLISHER
    # Above the title, in the same link to the start page.
    assert publisher.find_next_sibling() is link.select_one(".brand")
    assert link.select_one(".brand").get_text(strip=True) == "Handboek Social & Innovatie"
    logos = publisher.select("img.hb-publisher-logo")
    assert [(img["src"], img["alt"]) for img in logos] == [
        ("_static/logo-light.svg", ""), ("_static/logo-dark.svg", "")]  # decoration: the name is next to it
    # Nothing else of the page changed place: one header, one title.
    page = (with_publisher / "index.html").read_text(encoding="utf-8")
    assert page.count('class="mobile-header"') == 1 and page.count('<div class="brand">') == 1


def test_without_a_publisher_the_phone_header_is_furos(without_publisher):
    center = header_of(without_publisher)
    assert center.select(".hb-header-publisher") == []
    assert [el.name for el in center.find("a").find_all(recursive=False)] == ["div"]


# --- in a browser, 375 px ---------------------------------------------------------

# Where each part of the bar ends up, and what a reader sees of the publisher.
_HEADER = """() => {
  const header = document.querySelector('.mobile-header');
  const box = el => { const r = el.getBoundingClientRect();
                      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                              width: r.width, height: r.height}; };
  const shown = [...document.querySelectorAll('.hb-header-publisher img')]
                  .filter(img => getComputedStyle(img).display !== 'none');
  const name = document.querySelector('.hb-header-publisher-name');
  return {
    display: getComputedStyle(header).display,
    width: document.documentElement.clientWidth,
    header: box(header),
    parts: Object.fromEntries(['.header-left', '.header-center', '.header-right',
                               '.hb-header-publisher', '.brand', '.theme-toggle']
      .map(sel => [sel, box(header.querySelector(sel))])),
    name: name && {text: name.textContent, box: box(name)},
    logos: shown.map(box),
  };
}"""


def header_problems(page) -> list[str]:
    """The publisher is visible in the phone's top bar, and every part of
    the bar stays inside the bar and on screen, the buttons included."""
    facts = page.evaluate(_HEADER)
    if facts["display"] == "none":
        return ["the phone header is hidden"]
    problems = []
    width, header, parts = facts["width"], facts["header"], facts["parts"]
    for sel, r in parts.items():
        if r["width"] == 0 or r["height"] == 0:
            problems.append(f"{sel} is not shown")
        elif r["left"] < -0.5 or r["right"] > width + 0.5:
            problems.append(f"{sel} runs from {r['left']:.0f} to {r['right']:.0f} px; "
                            f"the screen is {width} px wide")
        elif r["top"] < header["top"] - 0.5 or r["bottom"] > header["bottom"] + 0.5:
            problems.append(f"{sel} sticks out of the header ({r['top']:.0f}-{r['bottom']:.0f} px, "
                            f"header {header['top']:.0f}-{header['bottom']:.0f} px)")
    left, center, right = parts[".header-left"], parts[".header-center"], parts[".header-right"]
    if center["left"] < left["right"] - 0.5 or center["right"] > right["left"] + 0.5:
        problems.append("the title overlaps the menu or the buttons")
    name = facts["name"]
    if not name or not name["text"].strip() or name["box"]["width"] < 40:
        problems.append(f"the publisher's name is not visible in the header: {name}")
    if len(facts["logos"]) != 1 or not 8 <= facts["logos"][0]["height"] <= header["height"] / 2:
        problems.append(f"not one small publisher logo in the header: {facts['logos']}")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_publisher_fits_the_phone_header(scheme, with_publisher, browser):
    with loopback.serve(with_publisher) as base:
        context = browser.new_context(color_scheme=scheme, viewport=bc.SMALL_SCREEN)
        try:
            page = context.new_page()
            page.goto(base + "index.html")
            assert header_problems(page) == []
            assert bc.overflow_problems(page) == []
            # axe on the phone layout: the bar's colours and names.
            assert bc.axe_violations(page) == []
        finally:
            context.close()
        # The whole gate, as for every page (it sizes the screen itself).
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
        try:
            report = bc.audit(context, base + "index.html", layout=scheme == "light")
            assert not report.failed(), str(report)
        finally:
            context.close()


@pytest.mark.browser
def test_a_header_that_pushes_the_buttons_away_fails(with_publisher, browser):
    """The same page with the name no longer cut off: the bar grows past
    the screen and the check says which parts left it."""
    with loopback.serve(with_publisher) as base:
        context = browser.new_context(viewport=bc.SMALL_SCREEN)
        try:
            page = context.new_page()
            page.goto(base + "index.html")
            page.evaluate("""() => {
              document.querySelector('.mobile-header .header-center').style.flex = 'none';
              const name = document.querySelector('.hb-header-publisher-name');
              name.style.overflow = 'visible';
            }""")
            found = header_problems(page)
            assert any(p.startswith(".header-right runs from") for p in found), found
        finally:
            context.close()
