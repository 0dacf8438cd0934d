"""Keyboard only, in a real browser: Tab through every page at 640 px (also
what 1,280 px at 200 % zoom gives) and at 1,280 px, some at 375 px; open and
close the menu, the "Op deze pagina" panel and a sidebar section with keys.

Then the same checks on lab pages built to show each defect, which must fail:
among them the handbook's own page without our fix (Furo as it ships), which
shows exactly what issue 22 measured.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import keyboard_checks as kc
from handbook import loopback
from handbook.web import assets, keyboard

pytestmark = pytest.mark.browser

WIDTHS = {"640": kc.NARROW, "1280": kc.DESKTOP}
# One page of each kind, for the other widths (each walk takes seconds: every
# page at 640 px, where the most changes, is enough for the rest).
KINDS = ["index.html", "playbook/ambassadeurs.html", "sessions/pro247.html",
         "overzichten/themas.html", "woordenlijst.html", "search.html"]




def site_pages(outdir: Path) -> list[str]:
    return sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html")
                  if not p.relative_to(outdir).parts[0].startswith("_"))


def open_page(context, url: str, viewport: dict):
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.goto(url, wait_until="load")
    return page


# --- The handbook -------------------------------------------------------------


def test_tab_through_every_page_at_640(site, served_site, context):
    failed = []
    for path in site_pages(site.outdir):
        page = open_page(context, served_site + path, kc.NARROW)
        try:
            problems = kc.keyboard_walk_problems(page, kc.NARROW)
        finally:
            page.close()
        if problems:
            failed.append(f"{path}:\n    " + "\n    ".join(problems))
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("viewport", [kc.DESKTOP, kc.PHONE], ids=["1280", "375"])
@pytest.mark.parametrize("path", KINDS)
def test_tab_through_each_kind_of_page(path, viewport, served_site, context):
    page = open_page(context, served_site + path, viewport)
    try:
        assert kc.keyboard_walk_problems(page, viewport) == []
    finally:
        page.close()


# What a reader does with the drawers, in keys. Each returns problems.

_DRAWER_STATE = """(sel) => {
    const d = document.querySelector(sel);
    const r = d.getBoundingClientRect();
    const el = document.activeElement;
    return {
        onScreen: r.right > 1 && r.left < innerWidth - 1,
        inert: d.inert,
        focusInside: d.contains(el),
        focused: el ? (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40) : '',
        expanded: [...document.querySelectorAll('[aria-controls="' + d.id + '"]')]
            .map(t => t.getAttribute('aria-expanded')),
    };
}"""


def tab_to(page, pattern: str, max_stops: int = 80) -> bool:
    """Press Tab until the focused element's name matches ``pattern``."""
    page.evaluate("() => { document.documentElement.style.scrollBehavior = 'auto'; "
                  "document.activeElement?.blur(); window.scrollTo(0, 0); }")
    for _ in range(max_stops):
        page.keyboard.press("Tab")
        name = page.evaluate("() => { const e = document.activeElement; return e ? "
                             "(e.getAttribute('aria-label') || e.textContent || '').trim() : ''; }")
        if re.search(pattern, name, re.I):
            return True
    return False


def settle(page) -> None:
    page.evaluate("() => document.getAnimations().forEach(a => a.finish())")


def drawer_problems(page, button: str, drawer: str) -> list[str]:
    """Tab to the button, Enter opens the drawer with focus inside it, Tab
    stays visible, Escape closes it and focus returns to the button."""
    if not tab_to(page, button):
        return [f"Tab never reaches a button named like '{button}'"]
    page.keyboard.press("Enter")
    settle(page)
    opened = page.evaluate(_DRAWER_STATE, drawer)
    problems = []
    if not opened["onScreen"] or opened["inert"]:
        problems.append(f"Enter on '{button}' does not open {drawer}: {opened}")
    if not opened["focusInside"]:
        problems.append(f"after opening {drawer}, focus is not in it but on '{opened['focused']}'")
    if "true" not in opened["expanded"]:
        problems.append(f"'{button}' does not say it is expanded: {opened['expanded']}")
    page.keyboard.press("Tab")
    settle(page)
    walk = kc.Walk(stops=[page.evaluate(kc._FOCUS_FACTS)], complete=True)
    problems += [f"in the open drawer: {p}" for p in kc.walk_problems(walk)]
    page.keyboard.press("Escape")
    settle(page)
    closed = page.evaluate(_DRAWER_STATE, drawer)
    if closed["onScreen"] or not closed["inert"]:
        problems.append(f"Escape does not close {drawer}: {closed}")
    if not re.search(button, closed["focused"], re.I):
        problems.append(f"after Escape focus is on '{closed['focused']}', not on '{button}'")
    return problems


def expander_problems(page) -> list[str]:
    """Tab to a sidebar section's arrow; Space shows its pages, and again hides them."""
    if not tab_to(page, "^Pagina's onder .* tonen$"):
        return ["Tab never reaches an expand arrow ('Pagina's onder ... tonen')"]
    shown = "() => { const b = document.activeElement; const ul = b.parentElement.querySelector('ul');" \
            " return [b.checked, !!ul && ul.checkVisibility()]; }"
    before = page.evaluate(shown)
    page.keyboard.press("Space")
    after = page.evaluate(shown)
    if after == before or after[1] == before[1]:
        return [f"Space on the expand arrow changes nothing: {before} -> {after}"]
    return []


def test_menu_button_by_keyboard(served_site, context):
    page = open_page(context, served_site + "playbook/ambassadeurs.html", kc.NARROW)
    try:
        assert drawer_problems(page, "^Menu$", ".sidebar-drawer") == []
    finally:
        page.close()


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_contents_button_by_keyboard(width, served_site, context):
    page = open_page(context, served_site + "playbook/ambassadeurs.html", WIDTHS[width])
    try:
        assert drawer_problems(page, "^Op deze pagina$", ".toc-drawer") == []
    finally:
        page.close()


def test_sidebar_sections_open_by_keyboard(served_site, context):
    page = open_page(context, served_site + "playbook/ambassadeurs.html", kc.DESKTOP)
    try:
        assert expander_problems(page) == []
    finally:
        page.close()


# --- The checks fail on pages that show the defect ----------------------------

LAB = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proefpagina</title><link rel="icon" href="data:,">
<style>body {{ margin: 0; font: 16px sans-serif; }} a, label {{ display: inline-block; padding: 4px; }}
:focus-visible {{ outline: 2px solid #0645ad; }}</style>{head}</head>
<body><a href="#inhoud">Naar de inhoud</a>
<main id="inhoud"><h1>Proefpagina</h1><p>Tekst met <a href="#inhoud">een link</a>.</p>
{body}</main></body></html>
"""

# A section that opens with a keyboard-ready switch (the fix for Furo's arrows).
SWITCH = ('<style>.sw {{ position: absolute; opacity: 0; width: 1px; height: 1px; }}'
          ' .sw:focus-visible + label {{ outline: 2px solid #0645ad; }}</style>'
          '<div style="position: relative"><input type="checkbox" class="sw" id="s1" {attrs}'
          ' aria-label="Pagina\'s tonen"><label for="s1">&#9662;</label></div>')

LAB_BROKEN = {
    # name: (head, body, words the problems must contain)
    "label-as-button": ("", '<input type="checkbox" id="m" style="display: none">'
                        '<label for="m" aria-label="Menu">&#9776;</label>',
                        "button (a label) cannot be reached with Tab: <label> 'Menu'"),
    "closed-drawer": ("", '<nav style="position: fixed; left: -15em; width: 15em; top: 0">'
                      '<a href="#inhoud">Sessies</a></nav>', "focus off screen"),
    "transparent-link": ("", '<a href="#inhoud" style="opacity: 0">Onzichtbaar</a>', "focus on something hidden"),
    "covered-link": ("", '<a href="#inhoud" id="onder">Eronder</a><div style="position: absolute; '
                     'left: 0; top: 0; width: 100%; height: 100%; background: #fff"></div>',
                     "focus hidden under div"),
    "switch-without-focus": ("", SWITCH.format(attrs='tabindex="-1"'), "cannot be reached with Tab"),
}
LAB_GOOD = {
    "baseline": ("", ""),
    "switch": ("", SWITCH.format(attrs="")),
    "stretched-link": ("<style>.card { position: relative; width: 10em; height: 5em; border: 1px solid; }"
                       " .card a { padding: 0; } .card a::after { content: ''; position: absolute; inset: 0; }"
                       " .card a:focus-visible { outline: none; }"
                       " .card a:focus-visible::after { outline: 2px solid #0645ad; }</style>",
                       '<div class="card">Kaart <a href="#inhoud" aria-label="Kaart"></a></div>'),
}


def without_fix(html: str, static: Path | None = None, lab: Path | None = None) -> str:
    """The page as Furo alone makes it: our keyboard script and stylesheet out.
    A bundle of stylesheets (web/assets) that holds the keyboard stylesheet
    gets a copy without it in ``lab``/bundles/."""
    pattern = "|".join(re.escape(name) for name in (keyboard.SCRIPT, keyboard.STYLESHEET))
    stripped = re.sub(rf'<(script|link)\b[^>]*(?:{pattern})[^>]*>(?:</script>)?\s*', "", html)

    def unbundle(link: re.Match[str]) -> str:
        bundle = static / link.group(2).split("?")[0]
        parts = assets.bundle_parts(bundle.read_text(encoding="utf-8"))
        if not any(name.endswith(keyboard.STYLESHEET) for name, _text in parts):
            return link.group(0)
        (lab / "bundles").mkdir(exist_ok=True)
        (lab / "bundles" / bundle.name).write_text("".join(
            assets.BUNDLE_PART.format(name=name) + text for name, text in parts
            if not name.endswith(keyboard.STYLESHEET)), encoding="utf-8")
        return link.group(0).replace(link.group(1) + link.group(2), f"../bundles/{bundle.name}")

    if static is not None and lab is not None:
        stripped = re.sub(r'<link\b[^>]*href="([^"]*_static/)(trimmed/[^"]*)"[^>]*>', unbundle,
                          stripped)
    assert stripped != html, "the page has no keyboard script or stylesheet to take out"
    return stripped


@pytest.fixture(scope="module")
def lab(tmp_path_factory, site):
    root = tmp_path_factory.mktemp("keyboard-lab")
    for name, (head, body, *_) in {**LAB_GOOD, **LAB_BROKEN}.items():
        (root / f"{name}.html").write_text(LAB.format(head=head, body=body), encoding="utf-8")
    (root / "_static").symlink_to(site.outdir / "_static", target_is_directory=True)
    (root / "playbook").mkdir()
    page = (site.outdir / "playbook" / "ambassadeurs.html").read_text(encoding="utf-8")
    (root / "playbook" / "furo-alone.html").write_text(
        without_fix(page, site.outdir / "_static", root), encoding="utf-8")
    shutil.copy(site.outdir / "playbook" / "ambassadeurs.html", root / "playbook" / "fixed.html")
    with loopback.serve(root) as base:
        yield base


@pytest.mark.parametrize("name", sorted(LAB_GOOD))
def test_lab_good_page_passes(name, lab, context):
    page = open_page(context, f"{lab}{name}.html", kc.NARROW)
    try:
        assert kc.keyboard_walk_problems(page, kc.NARROW) == []
    finally:
        page.close()


@pytest.mark.parametrize("name", sorted(LAB_BROKEN))
def test_walk_catches(name, lab, context):
    page = open_page(context, f"{lab}{name}.html", kc.NARROW)
    try:
        problems = kc.keyboard_walk_problems(page, kc.NARROW)
    finally:
        page.close()
    assert any(LAB_BROKEN[name][2] in p for p in problems), problems


def test_furo_alone_fails_at_640(lab, context):
    """Issue 22 as measured: the menu and contents buttons out of reach, the
    closed menu's links focused off screen."""
    page = open_page(context, f"{lab}playbook/furo-alone.html", kc.NARROW)
    try:
        problems = kc.keyboard_walk_problems(page, kc.NARROW)
    finally:
        page.close()
    text = "\n".join(problems)
    assert "cannot be reached with Tab: <label> 'Menu met alle pagina's tonen'" in text, text
    assert "cannot be reached with Tab: <label> 'Inhoud van deze pagina tonen'" in text, text
    assert sum("focus off screen at -" in p for p in problems) >= 13, text


def test_furo_alone_fails_at_1280(lab, context):
    """The hidden "Op deze pagina" panel's links take focus off screen, its
    button and the sidebar's expand arrows are out of reach."""
    page = open_page(context, f"{lab}playbook/furo-alone.html", kc.DESKTOP)
    try:
        problems = kc.keyboard_walk_problems(page, kc.DESKTOP)
    finally:
        page.close()
    text = "\n".join(problems)
    assert "cannot be reached with Tab: <label> 'Inhoud van deze pagina tonen'" in text, text
    assert "cannot be reached with Tab: <label> 'Pagina's onder Sessies tonen'" in text, text
    assert sum("focus off screen" in p and "href=#" in p for p in problems) >= 12, text


def test_furo_alone_fails_the_key_checks(lab, context):
    page = open_page(context, f"{lab}playbook/furo-alone.html", kc.NARROW)
    try:
        assert drawer_problems(page, "^Menu$", ".sidebar-drawer")
    finally:
        page.close()
    page = open_page(context, f"{lab}playbook/furo-alone.html", kc.DESKTOP)
    try:
        assert drawer_problems(page, "^Op deze pagina$", ".toc-drawer")
        assert expander_problems(page)
    finally:
        page.close()


def test_lab_copy_of_the_fixed_page_passes(lab, context):
    """The counterpart: the same page with the fix, served from the lab."""
    page = open_page(context, f"{lab}playbook/fixed.html", kc.NARROW)
    try:
        assert kc.keyboard_walk_problems(page, kc.NARROW) == []
        assert drawer_problems(page, "^Menu$", ".sidebar-drawer") == []
    finally:
        page.close()
