"""The privacy page stays true (issue 19): no cookies, no trackers, nothing
loaded from other servers.

Two layers keep each promise:

- the browser gate (tests/test_browser_gate.py) opens every page, the privacy
  page included, and fails on a cookie ("cookies") or a request to another
  host ("third-party"); :func:`test_the_gate_keeps_the_promises` fails when
  either check, or its lab page with the defect, disappears;
- the static checks here read every built file, without a browser: no
  element or stylesheet loads from another host, and no script touches
  ``document.cookie``. Each has a lab page that must fail.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import browser_checks as bc

# Elements and attributes that make a browser fetch something.
FETCHING = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("frame", "src"),
    ("audio", "src"), ("video", "src"), ("video", "poster"), ("source", "src"),
    ("source", "srcset"), ("track", "src"), ("embed", "src"), ("object", "data"),
    ("input", "src"), ("image", "href"), ("use", "href"),
}
LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
             "apple-touch-icon", "dns-prefetch", "preconnect"}
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.I)
COOKIE = re.compile(r"document\s*\.\s*cookie|cookieStore", re.I)


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.remote: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        urls = [values[a] for t, a in FETCHING if t == tag and a in values]
        if tag == "link" and LINK_RELS & set(values.get("rel", "").lower().split()):
            urls.append(values.get("href", ""))
        for url in urls:
            for part in url.split(","):  # srcset: "a.png 1x, b.png 2x"
                if REMOTE.match(part):
                    self.remote.append(f"<{tag}> {part.strip()}")
        if "style" in values:
            self.remote += [f"<{tag} style> {m}" for m in CSS_URL.findall(values["style"])]

    def handle_data(self, data: str) -> None:
        self.remote += [f"<style> {m}" for m in CSS_URL.findall(data)]


def remote_loads(outdir: Path) -> list[str]:
    """What any built page or stylesheet would fetch from another host."""
    found = []
    for page in sorted(outdir.rglob("*.html")):
        parser = _Fetches()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(outdir)}: {r}" for r in parser.remote]
    for sheet in sorted(outdir.rglob("*.css")):
        found += [f"{sheet.relative_to(outdir)}: {m}"
                  for m in CSS_URL.findall(sheet.read_text(encoding="utf-8"))]
    return found


def cookie_writers(outdir: Path) -> list[str]:
    """Scripts (files or inline) that read or write cookies."""
    return [str(path.relative_to(outdir)) for pattern in ("*.js", "*.mjs", "*.html")
            for path in sorted(outdir.rglob(pattern))
            if COOKIE.search(path.read_text(encoding="utf-8", errors="replace"))]


# -- the handbook -------------------------------------------------------------------

def test_the_privacy_page_makes_the_promises(site):
    text = (site.outdir / "privacy.html").read_text(encoding="utf-8")
    for promise in ("Geen cookies", "Geen trackers", "Niets van andere servers"):
        assert promise in text, promise


def test_the_gate_keeps_the_promises():
    """The browser gate audits the privacy page and checks cookies and
    requests to other hosts, and each check has a lab page that fails it."""
    import test_browser_gate as gate

    assert "privacy.html" in gate.PAGES
    assert {"cookies", "third-party"} <= set(bc.CHECKS_EVERY_SCHEME)
    caught = set().union(*(checks for _head, _body, checks, _words in gate.BROKEN.values()))
    assert {"cookies", "third-party"} <= caught


def test_no_page_loads_anything_from_another_host(site):
    assert remote_loads(site.outdir) == []


def test_no_script_touches_cookies(site):
    assert cookie_writers(site.outdir) == []


# -- the checks can fail ------------------------------------------------------------

def test_the_static_checks_catch_each_defect(tmp_path):
    (tmp_path / "good.html").write_text(
        '<link rel="stylesheet" href="_static/a.css"><a href="https://example.org/">link</a>'
        '<img src="logo.svg" alt="">', encoding="utf-8")
    assert remote_loads(tmp_path) == [] and cookie_writers(tmp_path) == []
    (tmp_path / "bad.html").write_text(
        '<script src="https://cdn.tracker.invalid/a.js"></script>'
        '<link rel="preconnect" href="//fonts.invalid">'
        '<img srcset="a.png 1x, https://pixel.invalid/p.gif 2x" alt="">'
        '<style>@import "https://fonts.invalid/font.css";</style>'
        "<script>document.cookie = 'volger=1'</script>", encoding="utf-8")
    (tmp_path / "bad.css").write_text("body { background: url(https://x.invalid/b.png) }",
                                      encoding="utf-8")
    found = remote_loads(tmp_path)
    for bit in ("cdn.tracker.invalid", "//fonts.invalid", "pixel.invalid",
                "fonts.invalid/font.css", "x.invalid/b.png"):
        assert any(bit in f for f in found), (bit, found)
    assert cookie_writers(tmp_path) == ["bad.html"]
