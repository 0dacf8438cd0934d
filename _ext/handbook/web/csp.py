"""The Content-Security-Policy for the built site, and server snippets for it.

Owns ``_build/html/_server/``: after an HTML build it reads every page,
hashes what is still inline (scripts, ``<style>`` elements, ``style``
attributes of the theme's icons), and writes one policy as ready-to-use
snippets for nginx and Apache. Also owns ``handbook-csp.js``, which keeps
Sphinx's translations working without ``'unsafe-eval'``. No ``'unsafe-inline'``: a new inline script
gets a new hash at the next build, or the browser refuses it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from sphinx.application import Sphinx

from .. import cachefile

SERVER_DIR = "_server"
# What each page holds inline, kept between builds next to the doctrees.
CACHE = "csp-inline.json"
CACHE_VERSION = 1


def _cache_shape(known: object) -> bool:
    """What _page_parts relies on: numbered parts, and per page
    [mtime, size, [part numbers]] with every number in range."""
    if not (isinstance(known, dict) and isinstance(known.get("parts"), list)
            and isinstance(known.get("pages"), dict)):
        return False
    count = len(known["parts"])
    return all(isinstance(p, str) for p in known["parts"]) and all(
        isinstance(e, list) and len(e) == 3 and isinstance(e[2], list)
        and all(isinstance(i, int) and 0 <= i < count for i in e[2])
        for e in known["pages"].values())
STATIC = Path(__file__).parent / "static" / "csp"


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: set[str] = set()
        self.styles: set[str] = set()
        self.style_attrs: set[str] = set()
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("style") is not None:
            self.style_attrs.add(attrs["style"])
        if (tag == "script" and "src" not in attrs) or tag == "style":
            self._open, self._text = tag, []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._open == tag:
            text = "".join(self._text)
            (self.scripts if tag == "script" else self.styles).add(text)
            self._open = None


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# Only these parts of a page can hold inline code. Finding them with plain
# string searches is what keeps the scan fast: a parser would read every tag
# of every page's navigation (a build of 1,000 pages spent a minute on it).
ELEMENTS = tuple(re.compile(f"<(?i:{tag})\\b.*?</(?i:{tag})\\s*>", re.S)
                 for tag in ("script", "style"))


def inline_parts(text: str) -> set[str]:
    """The script and style elements and the tags with a style attribute."""
    parts, rest, last = set(), [], 0
    for element in sorted((m for p in ELEMENTS for m in p.finditer(text)), key=lambda m: m.start()):
        if element.start() < last:  # inside another element's text
            continue
        parts.add(element.group())
        rest.append(text[last:element.start()])
        last = element.end()
    rest.append(text[last:])
    markup = "".join(rest)
    lowered = markup.lower()
    if len(lowered) != len(markup):  # a character whose lower case is longer
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in markup)
    hit = lowered.find("style")
    while hit != -1:
        start, end = markup.rfind("<", 0, hit), markup.find(">", hit)
        if end == -1:
            break
        if start > markup.rfind(">", 0, hit):  # within a tag, not in text
            parts.add(markup[start:end + 1])
        hit = lowered.find("style", hit + 5)
    return parts


def _html_files(root: Path):
    """(path relative to root, full path) of every HTML file under root."""
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                full = os.path.join(folder, name)
                yield os.path.relpath(full, root).replace(os.sep, "/"), full


def _page_parts(root: Path, cache: Path | None) -> set[str]:
    """inline_parts of every page; with a cache file, only of pages whose
    size or modification time changed since the previous build."""
    known: dict = {"parts": [], "pages": {}}
    if cache is not None:
        known = cachefile.read_json(cache, CACHE_VERSION, "de CSP-cache", _cache_shape) or known
    if known.get("root") != str(root):
        known = {"parts": [], "pages": {}}
    # Pages keep the part numbers of the previous build; new parts get new ones.
    parts: list[str] = known["parts"]
    number = {part: i for i, part in enumerate(parts)}
    old_pages, pages = known["pages"], {}
    for rel, full in _html_files(root):
        stat = os.stat(full)
        entry = old_pages.get(rel)
        if entry is None or entry[:2] != [stat.st_mtime_ns, stat.st_size]:
            with open(full, encoding="utf-8") as f:
                found = sorted(inline_parts(f.read()))
            for part in found:
                if part not in number:
                    number[part] = len(parts)
                    parts.append(part)
            entry = [stat.st_mtime_ns, stat.st_size, [number[part] for part in found]]
        pages[rel] = entry
    used = set().union(*(entry[2] for entry in pages.values()))
    if cache is not None and pages != old_pages:
        if len(used) < len(parts):  # drop parts no page has any more
            renumber = {old: new for new, old in enumerate(sorted(used))}
            parts = [parts[old] for old in sorted(used)]
            for entry in pages.values():
                entry[2] = [renumber[i] for i in entry[2]]
            used = set(range(len(parts)))
        cachefile.write_json(cache, CACHE_VERSION,
                             {"root": str(root), "parts": parts, "pages": pages})
    return {parts[i] for i in used}


def policy_for(root: Path, cache: Path | None = None) -> str:
    parts = _page_parts(root, cache)
    finder = _InlineFinder()
    for part in sorted(parts):
        finder.feed(part)
        finder.close()
        finder.reset()
    scripts = sorted(_hash(s) for s in finder.scripts if s.strip())
    styles = sorted(_hash(s) for s in finder.styles)
    attrs = sorted(_hash(s) for s in finder.style_attrs)
    # Hashes for style attributes only count with 'unsafe-hashes' (CSP 3);
    # they allow exactly these declarations, nothing an attacker writes.
    style_src = ["'self'", *styles] + (["'unsafe-hashes'", *attrs] if attrs else [])
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *scripts]),
        "style-src " + " ".join(style_src),
        # The theme draws some icons from data: URLs in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
    return "; ".join(directives)


NGINX = """\
# Content-Security-Policy for the handbook, written by the build
# (_ext/handbook/csp.py). Include it in the server or location block that
# serves _build/html, e.g.:  include /path/to/_server/nginx.conf;
add_header Content-Security-Policy "{policy}" always;
"""

APACHE = """\
# Content-Security-Policy for the handbook, written by the build
# (_ext/handbook/csp.py). Needs mod_headers. Put it in the <Directory> or
# <VirtualHost> that serves _build/html, or in a .htaccess there.
Header always set Content-Security-Policy "{policy}"
"""


def write_snippets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    policy = policy_for(outdir, Path(app.doctreedir) / CACHE)
    target = outdir / SERVER_DIR
    target.mkdir(exist_ok=True)
    cachefile.write_atomic(target / "csp.txt", policy + "\n")
    cachefile.write_atomic(target / "nginx.conf", NGINX.format(policy=policy))
    cachefile.write_atomic(target / "apache.conf", APACHE.format(policy=policy))


def add_static(app: Sphinx, config) -> None:
    if str(STATIC) not in map(str, config.html_static_path):
        # A new list: the default one is shared by every app in the process.
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> None:
    # After doctools.js (200), before translations.js (500).
    app.add_js_file("handbook-csp.js", priority=300)
