"""Nothing from the content runs in a reader's browser (issue 25): raw HTML
with a script, a frame, an embedded object, an event handler attribute
(``onclick=``) or a ``javascript:`` address is an author error at its line.

The site's Content-Security-Policy would block most of it in the browser,
silently; the author should learn it when building. Plain raw HTML (a
``<br>``, a ``<abbr>``) stays allowed.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from .report import warn

# What a page must not carry: each with the Dutch name the message uses.
FORBIDDEN = (
    (re.compile(r"<\s*script\b", re.I), "een script (<script>)"),
    (re.compile(r"<\s*(?:iframe|frame|object|embed)\b", re.I),
     "een ingesloten pagina of object (<iframe>, <object> of <embed>)"),
    (re.compile(r"""\son[a-z]+\s*=""", re.I), "een gebeurtenis-attribuut zoals onclick="),
    (re.compile(r"javascript\s*:", re.I), "een javascript:-adres"),
    (re.compile(r"<\s*(?:link|meta|base)\b", re.I), "een <link>, <meta> of <base>"),
)


def check_raw_html(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    for node in doctree.findall(nodes.raw):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        found = [name for pattern, name in FORBIDDEN if pattern.search(text)]
        if found:
            warn("unsafe-html", f"Deze HTML bevat {' en '.join(found)}. Het handboek laadt en "
                 "draait niets uit de tekst van een pagina (privacy en veiligheid). Haal het "
                 "weg; een video of kaart zet u als gewone link in de tekst.",
                 (docname, node.line))
    for ref in doctree.findall(nodes.reference):
        if re.match(r"\s*javascript\s*:", ref.get("refuri", ""), re.I):
            warn("unsafe-html", "Deze link is een javascript:-adres. Het handboek draait niets "
                 "uit de tekst van een pagina. Maak er een gewone link van (https://...).",
                 (docname, ref.line or (ref.parent.line if ref.parent else None)))
