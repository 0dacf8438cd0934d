"""Tables that fit every screen and say what their header cells head.

Reflow (WCAG 1.4.10): a table wider than the text column must scroll inside
its own box, not make the whole page scroll sideways. Furo wraps the tables
it sees in a ``div.table-wrapper`` (a post-transform), but the tables our
directives generate at doctree-resolved come after that and got no wrapper:
the matrix made the page 1,307 px wide at 1,280. Here every table gets the
wrapper, and the wrapper becomes a region a keyboard can reach (it can
scroll) with a name a screen reader announces (WCAG 2.1.1, 4.1.2; axe rule
``scrollable-region-focusable``): the table's caption, or the heading of
its section.

Header cells (WCAG 1.3.1, technique H63): docutils writes ``<th>`` for the
header row and the stub column but no ``scope``; the cells of a data table
then do not say which header heads them. The region's HTML visitor adds
``scope="col"`` to header-row cells and ``scope="row"`` to stub cells of
the table it wraps, whoever wrote their HTML (the matrix speed-up writes its
rows directly).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..i18n.labels import label

WRAPPER = "table-wrapper"
# A header cell as docutils' visit_entry writes it: class "head" (header
# row, the corner cell included) or "stub" (first column).
_HEADER_CELL = re.compile(r'<th class="(?P<kind>head|stub)(?P<rest>[^"]*)"')
_SCOPE = {"head": "col", "stub": "row"}


class table_region(nodes.container):
    """A table's scroll wrapper as a labelled, focusable region. Builders
    other than HTML write it as the container it subclasses."""


def region_label(table: nodes.table) -> str:
    title = next(iter(table.findall(nodes.title)), None)
    if title is not None and title.parent is table:
        return title.astext().strip()
    section = table.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    if section is not None and isinstance(section[0], nodes.title):
        return label("Table under {section}", section=section[0].astext().strip())
    return label("Table")


def wrap_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """At doctree-resolved, after the generated blocks are in: every table
    sits in exactly one region."""
    if app.builder.format != "html":
        return
    for table in list(doctree.findall(nodes.table)):
        parent = table.parent
        if isinstance(parent, table_region):
            continue
        if isinstance(parent, nodes.container) and WRAPPER in parent["classes"]:
            region = table_region(parent.rawsource, *parent.children, **parent.attributes)
            parent.replace_self(region)
        else:
            region = table_region("", classes=[WRAPPER])
            parent.replace(table, region)
            region += table
        region["label"] = region_label(table)


def add_scope(html: str) -> str:
    return _HEADER_CELL.sub(
        lambda m: f'<th class="{m["kind"]}{m["rest"]}" scope="{_SCOPE[m["kind"]]}"', html)


def visit_table_region(self: Any, node: table_region) -> None:
    self.context.append(len(self.body))
    self.body.append(self.starttag(
        node, "div", CLASS="docutils container", role="region", tabindex="0",
        **{"aria-label": node.get("label") or label("Table")}))


def depart_table_region(self: Any, node: table_region) -> None:
    start = self.context.pop()
    self.body[start:] = [add_scope(part) for part in self.body[start:]]
    self.body.append("</div>\n")


def setup(app: Sphinx) -> None:
    app.add_node(table_region, html=(visit_table_region, depart_table_region))
