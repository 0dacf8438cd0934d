"""What the search page shows under each result: the page's description.

Sphinx's own search page fetches every result page in full to cut a snippet
from it: for "video" 949 KB over a phone's connection, the results shifting
as each snippet comes in, and nothing at all from a shared drive (a browser
does not fetch file:// pages). Here, as on GOV.UK's search, a result shows
the page's own description instead: the ``summary`` of a session or play,
else the page's first paragraph (one the author wrote at the top level, not a
card, list or notice). The build writes them, one line per page, into
``_static/handbook-search-pages.js``; only the search page loads it
(deferred), and ``static/handbook-search.js`` puts each under its result as
Sphinx adds it (``html_show_search_summary = False`` in conf.py switches the
fetching off).

The descriptions sit in the domain (table ``descriptions``), read with the
page, so a rebuild that reads one page changes only that page's line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..model import domain

DATA_JS = "handbook-search-pages.js"
# Long enough for a session's summary (they run to about 170 characters),
# short enough for four lines on a phone.
MAX_CHARS = 200
_SPACE = re.compile(r"\s+")


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with "…" when too long."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def first_paragraph(doctree: nodes.Node) -> str | None:
    """The text of the first paragraph the author wrote at the top level of
    the page: directly in a section, without classes (generated blocks,
    cards, notices and lists are not that)."""
    for para in doctree.findall(nodes.paragraph):
        if para.get("classes") or not isinstance(para.parent, (nodes.section, nodes.document)):
            continue
        text = para.astext().strip()
        if text:
            return text
    return None


def describe(doctree: nodes.Node, summary: str | None) -> str | None:
    text = summary or first_paragraph(doctree)
    return shorten(text) if text else None


def read(app: Sphinx, doctree: nodes.document) -> None:
    """At ``doctree-read``, after the session and play records are read."""
    env = app.env
    handbook = domain.get(env)
    record: Any = handbook.sessions().get(env.docname) or handbook.plays().get(env.docname)
    text = describe(doctree, record.get("summary") if record else None)
    if text:
        handbook.set_description(env.docname, text)


def data_script(descriptions: dict[str, str]) -> str:
    payload = json.dumps(dict(sorted(descriptions.items())), ensure_ascii=False,
                         separators=(",", ":"))
    return f"window.HANDBOOK_PAGES={payload};\n"


def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                doctree: Any) -> None:
    """At ``html-page-context`` of the search page (written on every build):
    the descriptions file, rewritten only when it changed, and the script
    tag, deferred so it never holds up the first paint."""
    if templatename != "search.html" or app.builder.format != "html":
        return
    path = Path(app.builder.outdir) / "_static" / DATA_JS
    text = data_script(domain.get(app.env).descriptions())
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    app.add_js_file(DATA_JS, loading_method="defer")
