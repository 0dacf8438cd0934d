"""The browser gate for build-time diagrams and the strict CSP.

Every page opens from ``file://`` and from a loopback server that sends the
Content-Security-Policy the build wrote to ``_server/nginx.conf``: diagrams
are visible, the browser refuses nothing, the console has no errors.
"""

from __future__ import annotations

import contextlib
import re
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import sync_playwright

from handbook import loopback
from handbook.browser import LAUNCH_ARGS
from handbook.web import tokens
from test_diagrams import build, make_project

pytestmark = pytest.mark.browser

# Records every CSP violation the page reports, before any page script runs.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


def policy_from_nginx(outdir: Path) -> str:
    conf = (outdir / "_server" / "nginx.conf").read_text(encoding="utf-8")
    return re.search(r'add_header Content-Security-Policy "([^"]+)" always;', conf).group(1)


class _CSPHandler(SimpleHTTPRequestHandler):
    policy = ""

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def csp_server(root: Path, policy: str):
    with loopback.serve(root, type("H", (_CSPHandler,), {"policy": policy})) as base:
        yield base


def problems_on(browser, url: str, color_scheme: str = "light") -> tuple[list[str], object]:
    """Open url; return console errors, CSP refusals and page errors (and the page)."""
    page = browser.new_page(color_scheme=color_scheme)
    found: list[str] = []
    page.add_init_script(WATCH_CSP)
    # The browser asks every server for /favicon.ico by itself; the site has
    # none, which is not an error of the page.
    page.on("console", lambda m: found.append(f"console {m.type}: {m.text}")
            if (m.type == "error" or "Refused to" in m.text)
            and not m.location.get("url", "").endswith("/favicon.ico") else None)
    page.on("pageerror", lambda e: found.append(f"page error: {e}"))
    page.goto(url, wait_until="load")
    found += [f"CSP: {v}" for v in page.evaluate("window.__cspViolations")]
    return found, page


def pages(outdir: Path) -> list[str]:
    return sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html")
                  if not p.relative_to(outdir).parts[0].startswith("_"))


@pytest.fixture(scope="module")
def diagram_out(tmp_path_factory, browser_path) -> Path:
    project = make_project(tmp_path_factory.mktemp("csp"))
    proc = build(project)
    assert proc.returncode == 0, proc.output
    return project.out


@pytest.fixture(scope="module")
def chromium(browser_path):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=LAUNCH_ARGS)
        yield browser
        browser.close()


def _node_fills() -> dict[str, str]:
    """The node fill of the diagram theme in each colour scheme, as the
    design tokens named in conf.py give it (web/tokens.py)."""
    repo = Path(__file__).resolve().parents[1]
    package = re.search(r'^handbook_design_tokens = "([^"]+)"',
                        (repo / "conf.py").read_text(encoding="utf-8"), re.M)[1]
    themes = tokens.diagram_themes(repo, SimpleNamespace(handbook_design_tokens=package))
    fills = {}
    for scheme, theme in themes.items():
        colour = theme["themeVariables"]["primaryColor"].lstrip("#")
        fills[scheme] = "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (0, 2, 4)))
    return fills


# Mermaid's node fill in the light and the dark theme: one SVG shows the one
# that matches the scheme, through the custom properties in its stylesheet.
NODE_FILL = _node_fills()
_NODE_FILL = "() => { const r = document.querySelector('svg .node rect'); return r && getComputedStyle(r).fill; }"


def assert_diagrams_visible(page, scheme: str, name: str) -> None:
    shown = page.locator(".hb-diagram svg")
    for i in range(shown.count()):
        assert shown.nth(i).is_visible()
        box = shown.nth(i).bounding_box()
        assert box["width"] > 100 and box["height"] > 50, box
    if name == "stappen.html":
        assert page.evaluate(_NODE_FILL) == NODE_FILL[scheme]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_site_under_csp_and_from_disk(chromium, diagram_out, scheme):
    policy = policy_from_nginx(diagram_out)
    assert "unsafe-inline" not in policy
    with csp_server(diagram_out, policy) as base:
        for name in pages(diagram_out):
            for url in (base + name, (diagram_out / name).as_uri()):
                found, page = problems_on(chromium, url, scheme)
                assert found == [], (url, found)
                if name in ("stappen.html", "tekst.html"):
                    assert page.locator(".hb-diagram").count() >= 1
                    assert_diagrams_visible(page, scheme, name)
                    # Text is real SVG text, visible without any script.
                    word = "Webcare" if name == "tekst.html" else "Strategie"
                    texts = page.locator(".hb-diagram svg").get_by_text(word)
                    assert any(texts.nth(i).is_visible() for i in range(texts.count())), word
                page.close()


def test_full_size_svg_file_under_csp_and_from_disk(chromium, diagram_out):
    """The link "Diagram op volle grootte" opens the SVG as a file: its styles
    come from the diagram's stylesheet, allowed by the CSP and from disk."""
    files = sorted((diagram_out / "_static" / "diagrams").glob("*.svg"))
    assert files
    policy = policy_from_nginx(diagram_out)
    with csp_server(diagram_out, policy) as base:
        for file in files:
            rel = file.relative_to(diagram_out).as_posix()
            for url in (base + rel, file.as_uri()):
                found, page = problems_on(chromium, url)
                fill = page.evaluate(_NODE_FILL)
                page.close()
                assert found == [], (url, found)
                # Styled (a sequence diagram has no .node: no fill to check).
                assert fill in (None, NODE_FILL["light"]), (url, fill)


def test_handbook_under_csp(chromium, site):
    policy = policy_from_nginx(site.outdir)
    with csp_server(site.outdir, policy) as base:
        for name in pages(site.outdir):
            found, page = problems_on(chromium, base + name)
            assert found == [], (name, found)
            page.close()


def test_gate_catches_inline_script_and_style(chromium, diagram_out, tmp_path):
    """Break the input on purpose: an unhashed inline script and style are refused."""
    html = (diagram_out / "stappen.html").read_text(encoding="utf-8")
    html = html.replace("</body>", '<script>document.title = "x";</script>'
                        '<p style="color: red">rood</p></body>')
    (tmp_path / "bad.html").write_text(html, encoding="utf-8")
    with csp_server(tmp_path, policy_from_nginx(diagram_out)) as base:
        found, page = problems_on(chromium, base + "bad.html")
        page.close()
    assert any("script-src" in f for f in found), found
    assert any("style-src" in f for f in found), found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_pages_pass_axe(chromium, diagram_out, scheme):
    """Contrast of both renderings (the dark theme's edge labels needed help)."""
    from axe_playwright_python.sync_playwright import Axe

    wcag = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    for name in ("stappen.html", "tekst.html"):
        page = chromium.new_page(color_scheme=scheme)
        page.goto((diagram_out / name).as_uri())
        violations = Axe().run(page, options=wcag).response["violations"]
        page.close()
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
