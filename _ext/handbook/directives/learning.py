"""The ``learning`` directive: a titled, linkable lesson that feeds plays.

Each learning gets its ``:id:`` as HTML anchor and as a std label (so
``{ref}`id``` links to it), and is stored as a plain record in the domain.
Which plays exist is known only after all pages are read, so the checks that
need other pages (duplicate ids, unknown plays) run in ``checks.py``.
"""

from __future__ import annotations

import re
from typing import cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.domains.std import StandardDomain
from sphinx.util.docutils import SphinxDirective

from ..i18n.labels import label
from ..model import domain, pages
from ..model.report import warn

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SPLIT = re.compile(r"[\s,]+")


LEARNING_CLASS = "handbook-learning"


def is_learning(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and LEARNING_CLASS in node["classes"]


def nested_learnings(body: nodes.Element) -> list[nodes.Element]:
    """Learnings directly inside this one's body: a learning whose closing
    ':::' is missing swallows the next one, and MyST accepts that silently."""
    found = []
    for node in body.findall(is_learning):
        parent = node.parent
        while parent is not None and parent is not body and not is_learning(parent):
            parent = parent.parent
        if parent is body:
            found.append(node)
    return found


class learning_plays(nodes.General, nodes.Element):
    """Placeholder for the 'Supports: <plays>' line, filled at doctree-resolved."""


class LearningDirective(SphinxDirective):
    optional_arguments = 1  # required, but checked in run() for a clear message
    final_argument_whitespace = True
    has_content = True
    # Options are checked by hand so that a missing one is a handbook warning
    # that says what to do, not a generic docutils error.
    option_spec = {"id": directives.unchanged, "play": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        ident = (self.options.get("id") or "").strip()
        title = self.arguments[0].strip() if self.arguments else ""
        if not title:
            warn("learning-title", f"De les '{ident or '?'}' heeft geen titel. Zet een korte "
                 "titel achter ':::{learning}', bijvoorbeeld ':::{learning} Begin op de werkvloer'.",
                 location)
            title = ident or "?"
        # The same play twice would list the learning twice on the play page.
        plays = list(dict.fromkeys(p for p in SPLIT.split(self.options.get("play") or "") if p))
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

        box = nodes.container(classes=[LEARNING_CLASS, "sd-card", "sd-sphinx-override",
                                       "sd-mb-3", "sd-shadow-sm"])
        box["handbook-title"] = title
        self.set_source_info(box)
        header = nodes.container(classes=["sd-card-header"])
        header += nodes.rubric("", "", nodes.inline("", label("Learning") + ": ",
                                                    classes=["handbook-kicker"]),
                               nodes.Text(title), classes=["handbook-learning-title"])
        body = nodes.container(classes=["sd-card-body"])
        body += self.parse_content_to_nodes(allow_section_headings=False)
        for inner in nested_learnings(body):
            warn("learning-unclosed", f"De les '{inner['handbook-title']}' staat binnen de les "
                 f"'{title}' (regel {self.lineno}). Sluit '{title}' af met een regel ':::' "
                 "vóór de volgende les.", (self.env.docname, inner.line))
        placeholder = learning_plays(plays=plays)
        body += placeholder
        box += [header, body]
        if ok:
            box["ids"].append(ident)
            self.state.document.ids.setdefault(ident, box)
            line = self.lineno
            domain.get(self.env).add_learning(
                self.env.docname, {"id": ident, "title": title, "plays": plays, "line": line})
            std = cast(StandardDomain, self.env.get_domain("std"))
            std.anonlabels[ident] = (self.env.docname, ident)
            std.labels[ident] = (self.env.docname, ident, title)
        return [box]


def set_heading_levels(app, doctree: nodes.document) -> None:
    """Make each learning title a real heading one level below its section,
    so screen reader users can jump between learnings (Sphinx renders a rubric
    with a heading level as <hN>). The level is known only in the full tree."""
    for rubric in doctree.findall(nodes.rubric):
        if "handbook-learning-title" not in rubric["classes"]:
            continue
        depth, node = 0, rubric.parent
        while node is not None:
            depth += isinstance(node, nodes.section)
            node = node.parent
        rubric["heading-level"] = min(depth + 1, 6)


def setup(app) -> None:
    app.add_directive("learning", LearningDirective)
    app.add_node(learning_plays)
