"""The programme: the generated session list and the session toctree.

``{session-list}`` puts a card for every session on the page, grouped by
event (one event is one day), in programme order (``model/programme.py``):
title, start time when known, speakers, organisations and summary, linking
to the page. Filled at doctree-resolved from the aggregate index, so a new
session page is on the list after one build, with no hand-written card.

``{toctree-by-programme}`` is Sphinx's toctree over the sessions folder (a
glob, ``*`` when empty) in the same order, so the sidebar, the previous/next
links and the PDF follow the programme. Sphinx reads a glob toctree again
when a page comes or goes; :func:`handbook.model.programme.outdated` reads it
again when a session moves. The order is read from the sources, as
``toctree-by-title`` reads titles, since the other pages may not be read yet.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from babel.dates import format_date
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..i18n.labels import label
from ..model import aggregate, datafiles, domain, programme
from . import render
from .session import event_view
from .toctree import SortedGlobTocTree, page_title

LIST = "session-list"


class session_list(nodes.General, nodes.Element):
    """Placeholder for the session list, filled at doctree-resolved."""


class SessionListDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        domain.note_aggregate(self.env, LIST)
        # Event names, dates and venues and the vocabularies show here.
        datafiles.note_dependency(self.env, datafiles.EVENTS, datafiles.VOCABULARIES)
        node = session_list()
        self.set_source_info(node)
        return [node]


class ProgrammeTocTree(SortedGlobTocTree):
    def run(self) -> list[nodes.Node]:
        content: StringList = self.content  # type: ignore[has-type]
        if not any(line.strip() for line in content):
            self.content = StringList(["*"], source=content.source(0) if content else "")
        programme.note_holder(self.env)
        datafiles.note_dependency(self.env, datafiles.EVENTS)
        return super().run()

    def sort_key(self, path: Path, docname: str) -> tuple:
        event, order = programme.on_disk(path)
        # The title only breaks a tie (a page whose order is missing or
        # taken, which is reported); no dependency on it, so a prose edit
        # in a session does not read this page again.
        return programme.key(self.env, event, order, page_title(path), docname)


def list_view(index: aggregate.Index, _docname: str, _arg: str) -> list[dict]:
    groups: dict[str, dict] = {}
    for doc, rec in index.sessions:
        group = groups.setdefault(rec["event"], {"event": event_view(index.env, rec["event"]),
                                                  "id": rec["event"], "sessions": []})
        group["sessions"].append({
            "doc": doc,
            "title": index.title(doc),
            "start": rec.get("start"),
            "speakers": [sp["name"] for sp in rec["speakers"]],
            "organisations": rec["organisations"],
            "summary": rec["summary"],
        })
    return list(groups.values())


def _names(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + label(" and ") + names[-1]


def _card(app: Sphinx, docname: str, item: dict) -> nodes.list_item:
    card = nodes.container(classes=["handbook-session-entry", "sd-card", "sd-sphinx-override",
                                    "sd-card-hover", "sd-shadow-sm"])
    body = nodes.container(classes=["sd-card-body"])
    card += body
    link = render.link(app, docname, item["doc"], item["title"])
    link["classes"] += ["sd-stretched-link"]
    body += nodes.paragraph("", "", link, classes=["sd-card-title", "sd-font-weight-bold"])
    meta = []
    if item["start"]:
        meta.append(label("Starts at {time}", time=item["start"]))
    if item["speakers"]:
        name = "Speaker" if len(item["speakers"]) == 1 else "Speakers"
        meta.append(f"{label(name)}: {_names(item['speakers'])}")
    if item["organisations"]:
        name = "Organisation" if len(item["organisations"]) == 1 else "Organisations"
        meta.append(f"{label(name)}: {'; '.join(item['organisations'])}")
    for line in meta:
        body += nodes.paragraph("", line, classes=["handbook-session-meta"])
    body += nodes.paragraph("", item["summary"], classes=["handbook-summary"])
    return nodes.list_item("", card)


def render_list(app: Sphinx, docname: str, view: list[dict]) -> list[nodes.Node]:
    if not view:
        return [nodes.paragraph("", label("No sessions yet."), classes=["handbook-empty"])]
    lang = app.config.language or "en"
    out: list[nodes.Node] = []
    for group in view:
        event = group["event"]
        section = nodes.section(ids=[render.slug(f"programma-{group['id']}")],
                                classes=["handbook-programme-event"])
        section += nodes.title("", event["name"] if event else group["id"])
        if event:
            day = format_date(datetime.date.fromisoformat(event["date"]), format="full",
                              locale=lang)
            section += nodes.paragraph("", label("{date} in {venue}", date=day,
                                                 venue=event["venue"]),
                                       classes=["handbook-event-facts"])
        cards = nodes.bullet_list(classes=["handbook-session-list"])
        cards += [_card(app, docname, item) for item in group["sessions"]]
        section += cards
        out.append(section)
    return out


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(session_list))
    if not placeholders:
        return
    view = aggregate.view(aggregate.get_index(app.env), docname, LIST)
    for node in placeholders:
        node.replace_self(render_list(app, docname, view))


def setup(app: Sphinx) -> None:
    app.add_node(session_list)
    app.add_directive(LIST, SessionListDirective)
    app.add_directive("toctree-by-programme", ProgrammeTocTree)
    aggregate.VIEWS[LIST] = list_view

