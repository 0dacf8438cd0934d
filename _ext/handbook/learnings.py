"""The ``learning`` directive: a titled, linkable lesson that feeds plays.

Each learning gets its ``:id:`` as HTML anchor and as a std label (so
``{ref}`id``` links to it), and is stored as a plain record in the domain.
Which plays exist is known only after all pages are read, so the checks that
need other pages (duplicate ids, unknown plays) run in ``checks.py``.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import domain, pages
from .i18n import label
from .report import warn

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SPLIT = re.compile(r"[\s,]+")


class learning_plays(nodes.General, nodes.Element):
    """Placeholder for the 'Supports: <plays>' line, filled at doctree-resolved."""


class LearningDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    # Options are checked by hand so that a missing one is a handbook warning
    # that says what to do, not a generic docutils error.
    option_spec = {"id": directives.unchanged, "play": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        title = self.arguments[0].strip()
        location = self.get_location()
        ident = (self.options.get("id") or "").strip()
        plays = [p for p in SPLIT.split(self.options.get("play") or "") if p]
        ok = True
        if not ident:
            warn("learning-id", f"De les '{title}' heeft geen :id:. Voeg een regel "
                 "':id: korte-naam' toe (kleine letters, cijfers en streepjes).", location)
            ok = False
        elif not SLUG.match(ident):
            warn("learning-id", f"Het :id: '{ident}' van de les '{title}' mag alleen kleine "
                 "letters, cijfers en streepjes bevatten, bijvoorbeeld 'pro247-werkvloer'.",
                 location)
            ok = False
        if not plays:
            warn("learning-play", f"De les '{title}' noemt geen play. Voeg ':play: <play-id>' "
                 "toe; het play-id is de bestandsnaam in playbook/ zonder .md.", location)
        if not pages.is_session(self.env, self.env.docname):
            warn("learning-place", f"De les '{title}' staat niet op een sessiepagina. "
                 "Zet lessen alleen in sessions/<naam>.md.", location)

        box = nodes.container(classes=["handbook-learning", "sd-card", "sd-sphinx-override",
                                       "sd-mb-3", "sd-shadow-sm"])
        self.set_source_info(box)
        header = nodes.container(classes=["sd-card-header", "handbook-learning-title"])
        header += nodes.paragraph("", "", nodes.inline("", label("Learning") + ": ",
                                                       classes=["handbook-kicker"]),
                                  nodes.strong(title, title))
        body = nodes.container(classes=["sd-card-body"])
        body += self.parse_content_to_nodes(allow_section_headings=False)
        placeholder = learning_plays(plays=plays)
        body += placeholder
        box += [header, body]
        if ok:
            box["ids"].append(ident)
            self.state.document.ids.setdefault(ident, box)
            line = self.lineno
            domain.get(self.env).table("learnings").setdefault(self.env.docname, []).append(
                {"id": ident, "title": title, "plays": plays, "line": line})
            std = self.env.get_domain("std")
            std.anonlabels[ident] = (self.env.docname, ident)
            std.labels[ident] = (self.env.docname, ident, title)
        return [box]


def setup(app) -> None:
    app.add_directive("learning", LearningDirective)
    app.add_node(learning_plays)
