"""The ``advies`` directive: the handbook's own advice, visibly marked.

A session page says only what the conference report says. Anything beyond
it is the handbook's advice and must look like it, on screen and in print:
an admonition whose title always starts with the translated "Our advice".
An optional argument adds a topic after the label ("Ons advies: privacy").
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..i18n.labels import label
from ..model.report import warn


class AdviceDirective(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        heading = label("Our advice")
        if self.arguments:
            heading += ": " + self.arguments[0].strip()
        box = nodes.admonition(classes=["handbook-advice"])
        self.set_source_info(box)
        box += nodes.title("", heading)
        if not self.content:
            warn("advice", "Het adviesblok is leeg. Schrijf het advies tussen "
                 "':::{advies}' en ':::', of haal het blok weg.", self.get_location())
            return [box]
        box += self.parse_content_to_nodes(allow_section_headings=False)
        return [box]


def setup(app) -> None:
    app.add_directive("advies", AdviceDirective)
