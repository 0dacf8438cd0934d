"""Task-list checkboxes that say what they are for.

MyST's ``tasklist`` extension writes a bare ``<input type="checkbox">`` at
the start of each item, with no label: a screen reader announces
"checkbox, not checked" and nothing more (WCAG 1.3.1 and 4.1.2; axe rule
``label``). We wrap the item's first paragraph in a ``<label>``, so the
item's own text names its checkbox, in every HTML build.

The PDF build prints a checklist, not a form: Chromium turns every
``<input>`` into a form field when it prints, so there the checkbox goes and
the list item's marker is a box to tick on paper (``print.css``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

CHECKBOX = 'class="task-list-item-checkbox"'


def label_checkboxes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for raw in list(doctree.findall(nodes.raw)):
        paragraph = raw.parent
        if (
            raw.get("format") != "html"
            or CHECKBOX not in raw.astext()
            or not isinstance(paragraph, nodes.paragraph)
            or paragraph.index(raw) != 0
        ):
            continue
        if app.builder.name == "pdf":
            paragraph.remove(raw)
            continue
        paragraph.replace(raw, nodes.raw("", "<label>" + raw.astext(), format="html"))
        paragraph.append(nodes.raw("", "</label>", format="html"))
