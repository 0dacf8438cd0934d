"""Bytes a reader's browser loads per page of a built site, without a browser.

Follows what a page references the way a browser fetches it: the HTML, its
stylesheets (also print-only ones: browsers download those too, at low
priority), scripts, images, icons and prefetched or preloaded files, and what
those stylesheets load in turn (``url(...)``, ``@import``). ``data:`` URLs are
part of the file that holds them. Each file counts once per page, uncompressed.
A fresh visit: nothing comes from the cache.

Used by ``tests/test_page_weight.py`` (the budget) and ``tools/bench.py``
(the table). Usage: python tools/pageweight.py [_build/html]
"""

from __future__ import annotations

import posixpath
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Every page at most this many bytes (issue 18), uncompressed.
BUDGET = 150 * 1024

# Folders of the build that hold no pages a reader opens.
NOT_PAGES = ("_static/", "_server/", "_sources/", "_images/")

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# Link relations a browser fetches by itself.
FETCHED_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload",
                "apple-touch-icon"}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and a.get("href"):
            rels = set(a.get("rel", "").lower().split())
            if rels & FETCHED_RELS:
                self.refs.append(("css" if "stylesheet" in rels else "file", a["href"]))
        elif tag in ("script", "img", "source", "input", "iframe", "embed") and a.get("src"):
            self.refs.append(("file", a["src"]))
        elif tag == "object" and a.get("data"):
            self.refs.append(("file", a["data"]))


@dataclass
class Weight:
    page: str
    total: int = 0
    files: dict[str, int] = field(default_factory=dict)  # site path -> bytes
    missing: list[str] = field(default_factory=list)


def _local(base: str, url: str) -> str | None:
    """The site path a reference loads, or None for data: and anchors."""
    parts = urlsplit(url)
    if parts.scheme == "data" or (not parts.path and not parts.netloc):
        return None
    if parts.scheme or parts.netloc:
        return url  # never loaded locally; reported as missing
    if parts.path.startswith("/"):
        # The 404 page links from the site root (notfound_urls_prefix "/").
        return posixpath.normpath(unquote(parts.path).lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))


def page_weight(site: Path, page: str) -> Weight:
    weight = Weight(page)
    queue: list[tuple[str, str]] = [("html", page)]
    while queue:
        kind, path = queue.pop(0)
        if path in weight.files or path in weight.missing:
            continue
        file = site / path
        if not file.is_file():
            weight.missing.append(path)
            continue
        data = file.read_bytes()
        weight.files[path] = len(data)
        if kind == "html":
            parser = _Refs()
            parser.feed(data.decode("utf-8"))
            for ref_kind, url in parser.refs:
                if (target := _local(path, url)) is not None:
                    queue.append((ref_kind, target))
        elif kind == "css":
            text = CSS_COMMENT.sub("", data.decode("utf-8"))
            for m in CSS_URL.finditer(text):
                url = m.group(2) or m.group(4)
                if (target := _local(path, url)) is not None:
                    queue.append(("css" if m.group(4) else "file", target))
    weight.total = sum(weight.files.values())
    return weight


def pages(site: Path) -> list[str]:
    return sorted(rel for p in site.rglob("*.html")
                  if not (rel := p.relative_to(site).as_posix()).startswith(NOT_PAGES))


def site_weights(site: Path) -> dict[str, Weight]:
    return {page: page_weight(site, page) for page in pages(site)}


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    weights = site_weights(site)
    for page, w in sorted(weights.items(), key=lambda kv: -kv[1].total):
        flag = "" if w.total <= BUDGET else "  OVER BUDGET"
        print(f"{w.total / 1024:8.1f} KiB  {len(w.files):3d} files  {page}{flag}")
    print(f"budget {BUDGET / 1024:.0f} KiB per page")


if __name__ == "__main__":
    main()
