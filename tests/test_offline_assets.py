"""Nothing leaves the machine: no built file loads an asset from another host."""

from __future__ import annotations

import re
from pathlib import Path

# Places where a file makes the browser fetch something: HTML attributes that
# load resources, CSS url()/@import, and JS import/fetch of absolute URLs.
HTML_ASSET = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"""
    r"""\b(?:src|href|data|srcset|poster)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""",
    re.I,
)
CSS_ASSET = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')\s]+)""", re.I)
JS_ASSET = re.compile(
    r"""(?:\bimport\s*\(?\s*|\bfrom\s*|fetch\(\s*|importScripts\(\s*)["'`]((?:https?:)?//[^"'`]+)""")
KNOWN_CDNS = re.compile(r"cdn\.|unpkg|jsdelivr|fonts\.googleapis|fonts\.gstatic|cdnjs", re.I)
LOCAL = re.compile(r"^(?:https?:)?//(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/]|$)")


def remote_assets(root: Path) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.suffix not in {".html", ".css", ".js", ".mjs"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        patterns = {".html": [HTML_ASSET, CSS_ASSET, JS_ASSET], ".css": [CSS_ASSET]}
        for pattern in patterns.get(path.suffix, [JS_ASSET]):
            for url in pattern.findall(text):
                if not LOCAL.match(url):
                    found.append(f"{path.relative_to(root)}: {url}")
        if path.suffix in {".html", ".css"}:
            found += [f"{path.relative_to(root)}: CDN '{m}'" for m in KNOWN_CDNS.findall(text)]
    return found


def test_built_site_loads_nothing_from_other_hosts(site):
    assert not remote_assets(site.outdir)


def test_mermaid_is_served_locally(site):
    assert (site.outdir / "_static/mermaid/mermaid.esm.min.mjs").is_file()
    assert list((site.outdir / "_static/mermaid/chunks/mermaid.esm.min").glob("*.mjs"))


def test_gate_catches_remote_assets(tmp_path):
    """Break the input on purpose: each kind of remote reference is found."""
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=X">'
        '<script src="//cdn.example.org/x.js"></script>'
        '<img alt="" src="http://127.0.0.1:8000/ok.png">')
    (tmp_path / "b.css").write_text("@font-face { src: url(https://example.org/f.woff2) }")
    (tmp_path / "c.mjs").write_text('import m from "https://cdn.jsdelivr.net/npm/mermaid";')
    found = remote_assets(tmp_path)
    assert any("a.html: https://fonts.googleapis.com" in f for f in found)
    assert any("a.html: //cdn.example.org/x.js" in f for f in found)
    assert any("b.css: https://example.org/f.woff2" in f for f in found)
    assert any("c.mjs: https://cdn.jsdelivr.net" in f for f in found)
    assert not any("127.0.0.1" in f for f in found)
