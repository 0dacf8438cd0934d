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
from html.parser import HTMLParser
from pathlib import Path

from sphinx.application import Sphinx

SERVER_DIR = "_server"
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


def policy_for(root: Path) -> str:
    finder = _InlineFinder()
    for page in sorted(root.rglob("*.html")):
        finder.feed(page.read_text(encoding="utf-8"))
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
    policy = policy_for(outdir)
    target = outdir / SERVER_DIR
    target.mkdir(exist_ok=True)
    (target / "csp.txt").write_text(policy + "\n", encoding="utf-8")
    (target / "nginx.conf").write_text(NGINX.format(policy=policy), encoding="utf-8")
    (target / "apache.conf").write_text(APACHE.format(policy=policy), encoding="utf-8")


def add_static(app: Sphinx, config) -> None:
    if str(STATIC) not in map(str, config.html_static_path):
        # A new list: the default one is shared by every app in the process.
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_static)
    # After doctools.js (200), before translations.js (500).
    app.add_js_file("handbook-csp.js", priority=300)
    # After the other build-finished handlers, which may still add files.
    app.connect("build-finished", write_snippets, priority=900)
