"""Play pages: their records, and the ``evidence`` directive that lists every
learning supporting the play, grouped by session, with links back."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..i18n.labels import label
from ..model import aggregate, domain, frontmatter, pages, validation
from ..model.report import warn
from . import render


class evidence_list(nodes.General, nodes.Element):
    """Placeholder for the evidence list, filled at doctree-resolved."""


class EvidenceDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        play = pages.play_id(self.env, self.env.docname)
        if play is None:
            warn("evidence-place", "Een {evidence}-lijst hoort alleen op een play-pagina in "
                 "playbook/. Haal hem hier weg.", self.get_location())
            return []
        domain.note_aggregate(self.env, "evidence")
        node = evidence_list(play=play)
        self.set_source_info(node)
        return [node]


def read_play(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    play = pages.play_id(env, env.docname)
    if play is None:
        return
    summary = None
    data = frontmatter.value(env, env.docname, "play")
    if data is not None:
        record, found = validation.check(env, "Play", data)
        for problem in found:
            field = ".".join(str(p) for p in ("play", *problem["loc"]))
            line = frontmatter.line_of(env.doc2path(env.docname), ("play", *problem["loc"]))
            warn("play-frontmatter", f"Het veld '{field}' in de front matter van deze play klopt "
                 f"niet ({problem['hint']}). Een play kent alleen 'play: summary: <zin>'.",
                 (env.docname, line))
        summary = record["summary"] if record is not None else None
    domain.get(env).set_play(env.docname, {"id": play, "summary": summary})


def evidence_view(index: aggregate.Index, docname: str, _arg: str) -> Any:
    play = pages.play_id(index.env, docname)
    groups: list[list] = []
    for doc, learning in index.by_play.get(play or "", []):
        if not groups or groups[-1][0] != doc:
            groups.append([doc, index.title(doc), []])
        groups[-1][2].append([learning["id"], learning["title"]])
    return groups


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(evidence_list))
    if not placeholders:
        return
    groups = aggregate.view(aggregate.get_index(app.env), docname, "evidence")
    for node in placeholders:
        if not groups:
            node.replace_self(nodes.paragraph("", label("No session supports this play yet.")))
            continue
        items = []
        for doc, title, learnings in groups:
            inner = render.bullets([[render.link(app, docname, doc, ltitle, lid)]
                                    for lid, ltitle in learnings])
            item = nodes.list_item("", nodes.paragraph("", "", render.link(app, docname, doc, title)),
                                   inner)
            items.append(item)
        node.replace_self(nodes.bullet_list("", *items, classes=["handbook-evidence"]))


def setup(app: Sphinx) -> None:
    app.add_node(evidence_list)
    app.add_directive("evidence", EvidenceDirective)
    aggregate.VIEWS["evidence"] = evidence_view
