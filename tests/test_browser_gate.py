"""Quality gate in a real browser: every built page, light and dark.

Per page (one test item per page and colour scheme): axe-core WCAG 2.x A/AA,
console errors, failed requests, requests to other hosts, cookies, Mermaid
diagrams; in the light scheme also keyboard (skip link, visible focus) and a
375 px wide screen. Then Dutch search over the whole site.

The second half feeds deliberately broken pages through the same checks
(tests/browser_checks.py) and shows that each check fails on them.

One browser for the module; one context per colour scheme, reused by every
page (each page gets a fresh tab, and cookies are cleared before it opens).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import snowballstemmer
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright
from sphinx.config import Config
from sphinx.project import Project
from sphinx.search._stopwords.nl import DUTCH_STOPWORDS
from sphinx.util.tags import Tags

import browser_checks as bc
from conftest import ROOT, sphinx_build
from handbook import loopback
from handbook.browser import LAUNCH_ARGS

pytestmark = pytest.mark.browser

SCHEMES = ("light", "dark")
DESKTOP = {"width": 1280, "height": 800}


def discover_pages() -> list[str]:
    """The HTML pages the build will write, found the way Sphinx finds its
    sources (so each page is its own test item, known before the build).
    ``test_pages_only_the_build_knows`` audits whatever else the build writes."""
    config = Config.read(ROOT, overrides={}, tags=Tags())
    project = Project(ROOT, config.source_suffix)
    excluded = [*config.exclude_patterns, *config.templates_path, "**/_sources", ".#*", "**/.#*"]
    docnames = project.discover(excluded, config.include_patterns)
    # Pages every HTML build writes besides the documents.
    return sorted(f"{name}.html" for name in {*docnames, "genindex", "search"})


PAGES = discover_pages()


def built_pages(outdir: Path) -> set[str]:
    return {
        p.relative_to(outdir).as_posix()
        for p in outdir.rglob("*.html")
        if not p.relative_to(outdir).parts[0].startswith("_")
    }


@pytest.fixture(scope="module")
def browser(browser_path):
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(browser_path), args=[*LAUNCH_ARGS, *bc.OFFLINE_ARGS]
        )
        yield browser
        browser.close()


def make_contexts(browser) -> dict:
    """One context per colour scheme."""
    return {s: browser.new_context(color_scheme=s, viewport=DESKTOP) for s in SCHEMES}


@pytest.fixture(scope="module")
def contexts(browser, served_site):
    contexts = make_contexts(browser)
    yield contexts
    for context in contexts.values():
        context.close()


# --- The handbook -------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_page(path, scheme, contexts, served_site):
    report = bc.audit(contexts[scheme], served_site + path, layout=scheme == "light")
    assert not report.failed(), f"{scheme} scheme:\n{report}"


def test_pages_only_the_build_knows(site, contexts, served_site):
    """Pages the build writes that source discovery did not predict (say, a
    page an extension generates) get the same audit here, in both schemes."""
    extra = sorted(built_pages(site.outdir) - set(PAGES))
    reports = [
        bc.audit(contexts[scheme], served_site + path, layout=scheme == "light")
        for path in extra
        for scheme in SCHEMES
    ]
    failed = [str(r) for r in reports if r.failed()]
    assert not failed, "\n".join(failed)


def test_every_predicted_page_is_built(site):
    missing = set(PAGES) - built_pages(site.outdir)
    assert not missing, f"expected pages missing from the build: {sorted(missing)}"


# --- Dutch search -------------------------------------------------------------


def page_titles(outdir: Path) -> dict[str, str]:
    """Built page path -> its <h1> text."""
    titles = {}
    for path in built_pages(outdir):
        h1 = BeautifulSoup((outdir / path).read_text(encoding="utf-8"), "html.parser").find("h1")
        if h1:
            titles[path] = h1.get_text(" ", strip=True).rstrip("¶#").strip()
    return titles


def home_page_query(outdir: Path) -> tuple[str, str]:
    """A word on the home page that Dutch stemming changes (e.g. 'lessen'),
    and its stem ('les'), which is what we search for: finding the page then
    needs the Dutch stemmer on both the index and the query side."""
    soup = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.find(attrs={"role": "main"}).get_text(" ")
    stemmer = snowballstemmer.stemmer("dutch")
    for word in re.findall(r"[a-zà-ÿ]{6,}", text.lower()):
        stem = stemmer.stemWord(word)
        if word not in DUTCH_STOPWORDS and stem != word and stemmer.stemWord(stem) == stem:
            return word, stem
    pytest.fail("the home page has no word that Dutch stemming changes; pick another check")


def test_search_finds_home_page_by_stem(site, contexts, served_site):
    word, stem = home_page_query(site.outdir)
    results = bc.search(contexts["light"], served_site, stem)
    assert "index.html" in results, (
        f"searching '{stem}' (stem of '{word}' on the home page) did not find index.html: {results}"
    )


def test_search_for_unknown_word_finds_nothing(contexts, served_site):
    """The counterpart: the search check can fail."""
    assert bc.search(contexts["light"], served_site, "xqzwvbrunk") == []


def _plays_and_sessions(outdir: Path) -> int:
    return sum(
        1
        for path in built_pages(outdir)
        if path.startswith(("playbook/", "sessions/")) and not path.endswith("index.html")
    )


@pytest.mark.parametrize(
    ("query", "title_part", "what"),
    [
        ("ambassadeurs", "ambassadeur", "the ambassador play"),
        ("bodycam", "pro247", "the #PRO247 session"),
        ("tunnel", "maastunnel", "the Maastunnel session"),
    ],
)
def test_search_finds_content_page(query, title_part, what, site, contexts, served_site):
    titles = page_titles(site.outdir)
    wanted = sorted(p for p, t in titles.items() if title_part in t.lower())
    if not wanted:
        if _plays_and_sessions(site.outdir) == 0:
            pytest.xfail(f"skeleton without sessions or plays: {what} is not written yet")
        pytest.fail(
            f"no page with '{title_part}' in its title, so {what} is missing from the build; "
            f"titles: {sorted(titles.values())}"
        )
    results = bc.search(contexts["light"], served_site, query)
    assert set(wanted) & set(results), f"searching '{query}' did not return {wanted}: {results}"


# --- The gate fails on broken pages -------------------------------------------

# A page that passes every check; each broken page below adds one defect.
BASE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proefpagina</title><link rel="icon" href="data:,">
<style>a {{ display: inline-block; padding: 4px 0; }}</style>
{head}</head>
<body><a href="#inhoud">Naar de inhoud</a>
<nav aria-label="Menu"><a href="index.html">Start</a></nav>
<main id="inhoud"><h1>Proefpagina</h1><p>Tekst met <a href="#inhoud">een link</a>.</p>
{body}</main></body></html>
"""

MERMAID_LOADER = """<script type="module">
import mermaid from "./mermaid/mermaid.esm.min.mjs";
mermaid.initialize({startOnLoad: false});
await mermaid.run();
</script>"""

GOOD_FLOW = """flowchart LR
  accTitle: Stappen van een campagne
  accDescr: Van doel via doelgroep naar meten.
  A[Doel] --> B[Doelgroep] --> C[Meten]"""



def svg(named: bool, key: str = "1") -> str:
    """A diagram SVG as Mermaid writes it, with or without accTitle/accDescr."""
    aria, inner = "", ""
    if named:
        aria = f'aria-labelledby="t{key}" aria-describedby="d{key}"'
        inner = f'<title id="t{key}">Stappen</title><desc id="d{key}">Van doel naar meten.</desc>'
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20" '
        f'role="graphics-document document" {aria}>{inner}'
        '<rect width="100" height="20" fill="#fff" stroke="#000"/></svg>'
    )


def build_time_diagram(svg_markup: str) -> str:
    """The handbook's build-time markup: one SVG in a focusable region."""
    return (
        '<div class="hb-diagram"><div class="hb-diagram-scroll" role="region" tabindex="0" '
        f'aria-label="Diagram: Stappen">{svg_markup}</div></div>'
    )


# A wide diagram with 16 px text: scaled to the column it drops to 5 px (at
# 1280) or 3 px (at 375); kept at natural size in a scrolling region it stays
# readable. The region needs a focus ring for the keyboard check.
WIDE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2400 40" width="2400" height="40" '
    'role="img" aria-label="Een lange rij stappen" aria-describedby="wide-d">'
    '<desc id="wide-d">Drie stappen na elkaar.</desc>'
    '<text x="10" y="28" font-size="16">Stap een, stap twee, stap drie</text></svg>'
)
SHRUNK = "<style>.hb-diagram svg { width: 100%; height: auto; }</style>"
SCROLLS = (
    "<style>.hb-diagram-scroll { overflow-x: auto; }"
    " .hb-diagram-scroll:focus-visible { outline: 3px solid #0b57d0; }</style>"
)


def flowchart(through: bool) -> str:
    """Mermaid's flowchart markup in miniature: boxes a, b, c in a row and a
    line from a to c that runs through b (or around it)."""
    d = "M 40 40 L 440 40" if through else "M 40 40 L 40 90 L 440 90 L 440 40"
    def box(name: str, x: int) -> str:
        return (f'<g class="node" id="x-flowchart-{name}-0" transform="translate({x}, 40)">'
                f'<rect x="-30" y="-15" width="60" height="30" fill="#eee" stroke="#333"/>'
                f'<text text-anchor="middle" y="5" font-size="16">{name.upper()}</text></g>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 100" width="480" height="100" '
        'role="img" aria-label="Drie stappen" aria-describedby="fc-d"><desc id="fc-d">A, B en C.</desc>'
        f'<path data-edge="true" data-id="L_a_c_0" d="{d}" fill="none" stroke="#333"/>'
        f'{box("a", 40)}{box("b", 240)}{box("c", 440)}</svg>'
    )


BROKEN = {
    # name: (head, body, checks that must fail, words the report must contain)
    "image-without-alt": ("", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">', {"axe"}, "image-alt"),
    "third-party-script": (
        '<script src="https://cdn.tracker.invalid/analytics.js"></script>', "",
        {"third-party", "requests", "console"}, "cdn.tracker.invalid",
    ),
    "third-party-icon": (
        '<link rel="icon" href="https://cdn.tracker.invalid/favicon.ico">', "", {"third-party"}, "icon https://cdn",
    ),
    "missing-icon": ('<link rel="icon" href="ontbreekt.ico">', "", {"requests"}, "the page icon"),
    "console-error": ("", "<script>console.error('kapot')</script>", {"console"}, "kapot"),
    "missing-file": ("", '<img src="ontbreekt.png" alt="Logo">', {"requests", "console"}, "HTTP 404"),
    "cookie": ("", "<script>document.cookie = 'volger=1; path=/'</script>", {"cookies"}, "volger"),
    "too-wide-table": (
        "", '<table><tr><td style="min-width: 900px">Brede cel</td></tr></table>',
        {"small-screen"}, "table",
    ),
    "no-visible-focus": ("<style>a { outline: none !important; }</style>", "", {"keyboard"}, "no visible focus"),
    "invisible-focusable": ("", '<a href="#inhoud" style="font-size: 0">Verborgen</a>', {"keyboard"}, "invisible"),
    "no-skip-link": ("<style>body > a:first-child { display: none; }</style>", "", {"keyboard"}, "not a skip link"),
    "dead-skip-link": (
        "<script>addEventListener('DOMContentLoaded', () => "
        "document.querySelector('a').setAttribute('href', '#nergens'))</script>",
        "", {"keyboard"}, "not on the page",
    ),
    "mermaid-syntax-error": (
        "", '<pre class="mermaid">flowchart LR\n  A[Doel] --> --> B(</pre>' + MERMAID_LOADER,
        {"diagrams", "console"}, "syntax-error graphic",
    ),
    "mermaid-without-acc": (
        "", '<pre class="mermaid">flowchart LR\n  A[Doel] --> B[Meten]</pre>' + MERMAID_LOADER,
        {"diagrams"}, "no accessible name",
    ),
    "checkbox-without-label": (
        "", '<ul><li><input type="checkbox" disabled> Doel bepalen</li></ul>', {"axe"}, "label",
    ),
    "build-time-diagram-without-title": (
        "", build_time_diagram(svg(named=False)), {"diagrams"}, "no accessible name",
    ),
    "diagram-text-too-small": (
        SHRUNK, build_time_diagram(WIDE_SVG), {"diagram-text"}, "below 12 px",
    ),
    "diagram-line-through-box": (
        SCROLLS, build_time_diagram(flowchart(through=True)), {"diagram-lines"}, "runs through 'B'",
    ),
    "build-time-syntax-error": (
        "", '<pre class="hb-diagram-error">flowchart LR\n  A --> --> B(</pre>', {"diagrams"}, "could not parse",
    ),
    "mermaid-not-rendered": ("", '<pre class="mermaid">flowchart LR\n  A --> B</pre>', {"diagrams"}, "not rendered"),
    "form-without-submit": (
        "", '<form action="zoek.html" role="search"><input name="q" aria-label="Zoeken"></form>',
        {"forms"}, "no submit button",
    ),
    "submit-never-visible": (
        "<style>.weg { position: absolute; width: 1px; height: 1px; overflow: hidden;"
        " clip-path: inset(50%); }</style>",
        '<form action="zoek.html" role="search"><input name="q" aria-label="Zoeken">'
        '<button class="weg">Zoeken</button></form>',
        {"forms"}, "stays invisible when focused",
    ),
    "inline-svg-without-title": (
        "", f'<div class="mermaid">{svg(named=False)}</div>', {"diagrams"}, "no description",
    ),
}
# Fine in the light scheme, unreadable in the dark one.
DARK_ONLY = {
    "dark-contrast": (
        "<style>@media (prefers-color-scheme: dark) { body { background: #111; color: #333; } }</style>", "",
    ),
}
# Whether Chromium fetches a page icon itself (and logs its failure) depends
# on what it fetched before in the same context; the icon check does not.
MAY_ALSO_FAIL = {"third-party-icon": {"console"}, "missing-icon": {"console"}}

GOOD = {
    "baseline": ("", ""),
    "search-form": ("", '<form action="zoek.html" role="search"><input name="q" aria-label="Zoeken">'
                        '<button type="submit">Zoeken</button></form>'),
    "mermaid-in-browser": ("", f'<pre class="mermaid">{GOOD_FLOW}</pre>' + MERMAID_LOADER),
    "inline-svg": ("", f'<div class="mermaid">{svg(named=True)}</div>'),
    "build-time-diagram": (SCROLLS, build_time_diagram(svg(True, "1"))),
    "wide-diagram-scrolls": (SCROLLS, build_time_diagram(WIDE_SVG)),
    "diagram-line-around-box": (SCROLLS, build_time_diagram(flowchart(through=False))),
}


@pytest.fixture(scope="module")
def lab(tmp_path_factory, browser):
    """The test pages as static files on their own loopback server, with the
    local Mermaid build next to them."""
    root = tmp_path_factory.mktemp("lab")
    dist = ROOT / "node_modules" / "mermaid" / "dist"
    (root / "mermaid").symlink_to(dist, target_is_directory=True)
    (root / "index.html").write_text(BASE.format(head="", body=""), encoding="utf-8")
    for name, (head, body, *_) in {**GOOD, **BROKEN, **DARK_ONLY}.items():
        (root / f"{name}.html").write_text(BASE.format(head=head, body=body), encoding="utf-8")
    with loopback.serve(root) as base:
        contexts = make_contexts(browser)
        yield base, contexts
        for context in contexts.values():
            context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_test_page_passes(name, scheme, lab):
    """The broken pages below differ from these by one defect each."""
    base, contexts = lab
    report = bc.audit(contexts[scheme], f"{base}{name}.html")
    assert not report.failed(), str(report)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_gate_catches(name, lab):
    base, contexts = lab
    _, _, checks, words = BROKEN[name]
    report = bc.audit(contexts["light"], f"{base}{name}.html", diagram_timeout_ms=3_000)
    failed = set(report.failed())
    assert checks <= failed <= checks | MAY_ALSO_FAIL.get(name, set()), str(report)
    assert words in str(report), str(report)


def test_gate_catches_dark_only_contrast(lab):
    """Text readable in light but not in dark: only the dark audit fails."""
    base, contexts = lab
    url = f"{base}dark-contrast.html"
    assert not bc.audit(contexts["light"], url).failed()
    dark = bc.audit(contexts["dark"], url, layout=False)
    assert set(dark.failed()) == {"axe"} and "color-contrast" in str(dark), str(dark)


# Markup the content is about to use: a diagram with edge labels (their
# contrast in dark mode) and a checklist (labels for the checkboxes).
SAMPLE_PAGE = """# Proef

```mermaid
flowchart TD
  accTitle: Wel of niet posten
  accDescr: Past het bericht bij het doel? Ja: posten. Nee: herschrijven.
  A[Bericht] --> B{Past het bij het doel?}
  B -->|ja| C[Posten]
  B -->|nee| D[Herschrijven]
```

- [ ] Doel bepalen
- [x] Doelgroep kiezen
"""


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    """A one-page project built with the handbook's own conf.py, so the
    markup is whatever the handbook really produces."""
    src = tmp_path_factory.mktemp("sample-src")
    (src / "index.md").write_text(SAMPLE_PAGE, encoding="utf-8")
    out = src.parent / (src.name + "-html")
    build = sphinx_build(src, out, "html", "-c", str(ROOT), "-d", str(src.parent / (src.name + "-doctrees")))
    assert build.returncode == 0, build.output
    with loopback.serve(out) as base:
        yield base


@pytest.mark.parametrize("scheme", SCHEMES)
def test_handbook_sample_markup_passes(scheme, sample_site, browser):
    contexts = make_contexts(browser)
    try:
        report = bc.audit(contexts[scheme], f"{sample_site}index.html", layout=scheme == "light")
    finally:
        for context in contexts.values():
            context.close()
    assert not report.failed(), str(report)
    assert report.problems["diagrams"] == []
