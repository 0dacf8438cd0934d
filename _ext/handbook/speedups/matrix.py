"""The matrix rows written straight to HTML.

At 1,000 sessions x 20 plays the sessions x plays matrix has 21,000 cells;
as docutils nodes they take about a second to build and write, on every
build that changes a learning. This speed-up answers the overview's
``handbook-matrix-body`` event with one node whose HTML visitor writes the
same bytes Sphinx writes for the docutils rows (``tests/test_speedups.py``
builds the site with and without it); the text child keeps the cells in
the search index.

Leans on a private internal: the HTML translator's ``_table_row_indices``
(Sphinx's row counter for the ``row-odd``/``row-even`` classes), registered
in ``handbook.internals``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..directives.overviews import HIDDEN, MATRIX_BODY_EVENT


class matrix_body(nodes.General, nodes.Element):
    """The matrix rows, written straight to HTML (see the module docstring)."""

    def __init__(self, rows: list) -> None:
        text = " ".join("".join(cell[1:]) for row in rows for cell in row if cell)
        super().__init__("", nodes.Text(text), rows=rows)


def visit_matrix_body(self: Any, node: matrix_body) -> None:
    def link(cell: tuple[str, ...]) -> str:
        uri, text, *context = cell
        hidden = "".join(f'<span class="{HIDDEN}">{self.encode(extra)}</span>' for extra in context)
        return (f'<p><a class="reference internal" href="{self.attval(uri)}">'
                f"{self.encode(text)}{hidden}</a></p>")

    # Sphinx counts table rows (thead included) for its row-odd/row-even classes.
    counter = self._table_row_indices
    html = ["<tbody>\n"]
    for stub, *cells in node["rows"]:
        counter[-1] += 1
        parity = "row-even" if counter[-1] % 2 == 0 else "row-odd"
        html.append(f'<tr class="{parity}"><th class="stub">{link(stub)}</th>\n')
        html += [f"<td>{link(cell)}</td>\n" if cell else "<td></td>\n" for cell in cells]
        html.append("</tr>\n")
    html.append("</tbody>\n")
    self.body.append("".join(html))
    raise nodes.SkipNode


def body_for(app: Sphinx, rows: list) -> matrix_body | None:
    return matrix_body(rows) if app.builder.format == "html" else None


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(matrix_body, html=(visit_matrix_body, None))
    app.connect(MATRIX_BODY_EVENT, body_for)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
