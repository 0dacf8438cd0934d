"""Unique ids around tables and equations: undo the copy Furo makes.

Furo wraps every table and display equation in a ``div.table-wrapper`` /
``div.math-wrapper`` so wide ones can scroll, and copies all attributes of the
wrapped node onto that div, ids included. A table with a title (the key-figure
tables, say) then has its id twice on the page: invalid HTML, and an anchor to
it is ambiguous. We keep the id on the table or equation itself, where the
headerlink and cross-references point, and drop it from the wrapper.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

WRAPPER_CLASSES = {"table-wrapper", "math-wrapper"}


class DropWrapperIds(SphinxPostTransform):
    formats = ("html",)
    # Furo's WrapTableAndMathInAContainerTransform runs at 500.
    default_priority = 510

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if not WRAPPER_CLASSES & set(wrapper["classes"]) or not wrapper.children:
                continue
            inner = wrapper.children[0]
            if isinstance(inner, nodes.Element):
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner["ids"]]


def setup(app: Sphinx) -> None:
    app.add_post_transform(DropWrapperIds)
