"""Session pages: front-matter validation, the session card and the
"Applied in" box.

At ``doctree-read`` the ``session:`` front matter is validated (schema.py) and
stored as a plain record; a placeholder marks where the card goes (under the
title). At ``doctree-resolved`` the card (sphinx-design classes: date in the
project's language, speakers, badges that link to the overview anchors), the
per-learning play lines and the box of plays the page feeds are built from the
aggregate index.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx

from ..i18n.labels import label
from ..model import aggregate, datafiles, domain, frontmatter, pages, validation
from ..model.records import SessionRecord
from ..model.report import warn
from . import render
from .learning import learning_plays

CARD_FACETS = (("organisations", "Organisations"), ("channels", "Channels"), ("themes", "Themes"))

_FIX = {
    "missing": "Het veld '{field}' ontbreekt in de front matter. Voeg het toe onder 'session:' "
               "(zie _templates/sessie-sjabloon.md).",
    "unknown": "Het veld '{field}' kent het handboek niet. Controleer de spelling; toegestane "
               "velden staan in _templates/sessie-sjabloon.md.",
    "date": "De datum '{input}' in '{field}' is geen geldige datum. Schrijf hem als "
            "JJJJ-MM-DD, bijvoorbeeld 2018-11-14.",
    "type": "Het veld '{field}' heeft de verkeerde vorm ({hint}). Kijk in "
            "_templates/sessie-sjabloon.md hoe dit veld eruitziet.",
    "start": "De begintijd '{input}' in '{field}' is geen tijd als \"10:30\". Schrijf uren "
             "en minuten met een dubbele punt, tussen aanhalingstekens: start: \"10:30\". Geeft "
             "uw bron geen tijd? Laat 'start:' dan weg; 'order:' bepaalt de volgorde.",
}


class session_card(nodes.General, nodes.Element):
    """Placeholder for the session card, filled at doctree-resolved."""


def _field(loc: tuple) -> str:
    return ".".join(str(p) for p in ("session", *loc))


def read_session(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    if not pages.is_session(env, docname):
        return
    path = env.doc2path(docname)
    data = frontmatter.value(env, docname, "session")
    if data is None and frontmatter.is_broken(path):
        record = None  # not YAML: check_syntax reported it at its line
    elif data is None:
        warn("session-missing", "Deze sessiepagina heeft geen 'session:'-front matter. Kopieer "
             "het blok bovenaan _templates/sessie-sjabloon.md en vul het in.", (docname, 1))
        record = None
    else:
        record, found = validation.check(env, "Session", data)
        for problem in found:
            loc = problem["loc"]
            line = frontmatter.line_of(path, ("session", *loc))
            kind = "start" if loc == ("start",) else problem["kind"]
            message = _FIX[kind].format(field=_field(loc), input=problem["input"],
                                        hint=problem["hint"])
            warn(f"session-{kind}", message, (docname, line))
    # The card shows the event and the vocabularies' names: read the page
    # again when those files change.
    datafiles.note_dependency(env, datafiles.EVENTS, datafiles.VOCABULARIES)
    if record is not None:
        check_data(env, docname, path, record)
        record["line"] = 1
        domain.get(env).set_session(docname, cast(SessionRecord, record))
        domain.note_aggregate(env, "session")
    count, least = len(domain.get(env).learnings().get(docname, [])), env.config.handbook_min_learnings
    if count < least:
        title_line = next((n.line for n in doctree.findall(nodes.title) if n.line), None)
        have = {0: "nog geen lessen", 1: "1 les"}.get(count, f"{count} lessen")
        warn("session-learnings", f"Deze sessie heeft {have}; het handboek vraagt er minstens "
             f"{least}. Voeg een ':::{{learning}}'-blok toe (zie 'Een les schrijven' in "
             "schrijven.md).", (docname, title_line or 1))
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, session_card())
    else:
        doctree.insert(0, session_card())


def _suggestion(options: list[str]) -> str:
    if not options:
        return ""
    return "Bedoelt u " + " of ".join(f"'{o}'" for o in options) + "? "


def check_data(env: Any, docname: str, path: Any, record: dict) -> None:
    """The event and the channels, themes and organisations must be known."""
    data = datafiles.get(env)
    events_file = f"{env.config.handbook_data_dir}/{datafiles.EVENTS}"
    if record["event"] not in data.events:
        import difflib
        close = difflib.get_close_matches(record["event"], list(data.events), n=3, cutoff=0.5)
        known = ", ".join(data.events) or "(nog geen evenementen)"
        warn("session-event", f"Het evenement '{record['event']}' staat niet in {events_file}. "
             f"{_suggestion(close)}Bekende evenementen: {known}. Een nieuw evenement voegt u "
             f"toe in {events_file}, met id, name, date en venue.",
             (docname, frontmatter.line_of(path, ("session", "event"))))
    vocabularies_file = f"{env.config.handbook_data_dir}/{datafiles.VOCABULARIES}"
    values = {facet: list(record[facet]) for facet in datafiles.FACETS}
    for i, speaker in enumerate(record["speakers"]):
        values.setdefault("speakers", []).append((i, speaker["organisation"]))
    for facet in datafiles.FACETS:
        vocabulary = data.vocabularies.get(facet)
        if vocabulary is None:
            continue
        for i, value in enumerate(values[facet]):
            if vocabulary.name_of(value) is None:
                warn("vocabulary-unknown", f"'{value}' staat niet in de lijst '{facet}' van "
                     f"{vocabularies_file}. {_suggestion(vocabulary.suggest(value))}Kies een "
                     "naam uit die lijst, of voeg hem daar toe (een andere schrijfwijze van "
                     "dezelfde naam bij 'aliases:').",
                     (docname, frontmatter.line_of(path, ("session", facet, i))))
    organisations = data.vocabularies.get("organisations")
    for i, value in values.get("speakers", []):
        if organisations is not None and organisations.name_of(value) is None:
            warn("vocabulary-unknown", f"De organisatie '{value}' van een spreker staat niet in "
                 f"de lijst 'organisations' van {vocabularies_file}. "
                 f"{_suggestion(organisations.suggest(value))}Kies een naam uit die lijst, of "
                 "voeg hem daar toe.",
                 (docname, frontmatter.line_of(path, ("session", "speakers", i, "organisation"))))


def facet_anchor(env: Any, facet: str, value: str) -> str:
    """The overview anchor of a value: its vocabulary entry's name, as the overview heads it."""
    vocabulary = datafiles.get(env).vocabularies.get(facet)
    name = vocabulary.name_of(value) if vocabulary else None
    return render.slug(name or value)


def event_view(env: Any, event: str) -> dict | None:
    found = datafiles.get(env).events.get(event)
    return {k: found[k] for k in ("id", "name", "date", "venue")} if found else None


def session_view(index: aggregate.Index, docname: str, _arg: str) -> Any:
    record: Any = domain.get(index.env).sessions().get(docname)
    learnings = index.learnings_of.get(docname, [])
    return {
        "record": record,
        "event": event_view(index.env, record["event"]) if record else None,
        "anchors": {facet: [facet_anchor(index.env, facet, v) for v in record[facet]]
                    for facet, _ in CARD_FACETS} if record else {},
        "overviews": {facet: index.holder(f"overview:{facet}") for facet, _ in CARD_FACETS},
        "plays": [[play, index.plays[play], index.play_title(play)]
                  for play in index.plays_of.get(docname, [])],
        "learning_plays": [[learning["id"], [[p, index.plays.get(p), index.titles.get(
            index.plays.get(p, ""), p)] for p in learning["plays"]]] for learning in learnings],
    }


def _card(app: Sphinx, docname: str, view: dict) -> nodes.Node:
    rec = view["record"]
    lang = app.config.language or "en"
    card = nodes.container(classes=["handbook-session-card", "sd-card", "sd-sphinx-override",
                                    "sd-mb-3", "sd-shadow-sm"])
    body = nodes.container(classes=["sd-card-body"])
    card += body
    body += nodes.paragraph("", rec["summary"], classes=["handbook-summary"])
    facts = nodes.field_list(classes=["handbook-facts"])

    def fact(name: str, *children: nodes.Node) -> None:
        facts.append(nodes.field("", nodes.field_name("", label(name)),
                                 nodes.field_body("", nodes.paragraph("", "", *children))))

    event = view["event"]
    if event:
        date = datetime.date.fromisoformat(event["date"])
        fact("Date", nodes.Text(format_date(date, format="long", locale=lang)))
    if rec.get("start"):
        fact("Start", nodes.Text(rec["start"]))
    if event:
        fact("Event", nodes.Text(event["name"]))
        fact("Venue", nodes.Text(event["venue"]))
    speakers = []
    for sp in rec["speakers"]:
        text = sp["name"] + (f" ({sp['role']})" if sp.get("role") else "") + ", " + sp["organisation"]
        speakers.append(nodes.Text(text))
    if speakers:
        fact("Speakers", *render.joined(speakers, "; "))
    for facet, name in CARD_FACETS:
        if not rec[facet]:
            continue
        holder = view["overviews"][facet]
        fact(name, *render.joined([render.badge(app, docname, value, holder, anchor)
                                   for value, anchor in zip(rec[facet], view["anchors"][facet],
                                                            strict=True)], " "))
    source = rec.get("source")
    if source:
        # Where the page's content comes from: the report, with its date.
        day = format_date(datetime.date.fromisoformat(source["date"]), format="long", locale=lang)
        fact("Source", nodes.Text(label("{title}, report of {date}", title=source["title"],
                                        date=day)))
    body += facts
    return card


def _box(app: Sphinx, docname: str, view: dict) -> nodes.Node:
    box = nodes.admonition(classes=["handbook-applied"])
    box += nodes.title("", label("Applied in"))
    box += nodes.paragraph("", label("The lessons on this page support these plays:"))
    box += render.bullets([[render.link(app, docname, doc, title)] for _, doc, title in view["plays"]])
    return box


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    index = aggregate.get_index(app.env)
    is_session = docname in domain.get(index.env).sessions()
    view = aggregate.view(index, docname, "session") if is_session else None
    for node in list(doctree.findall(session_card)):
        node.replace_self(_card(app, docname, view) if view else [])
    for node in list(doctree.findall(learning_plays)):
        links = []
        for play in node["plays"]:
            target = index.plays.get(play)
            links.append(render.link(app, docname, target, index.title(target)) if target
                         else nodes.literal(play, play))
        para = nodes.paragraph("", "", nodes.strong("", label("Supports") + ": "),
                               *render.joined(links), classes=["handbook-learning-plays"])
        node.replace_self(para if links else [])
    if view and view["plays"]:
        sections = list(doctree.findall(nodes.section))
        (sections[0] if sections else doctree).append(_box(app, docname, view))


def setup(app: Sphinx) -> None:
    # How many learnings a session page needs at least. The authors' guide
    # asks for three; the extension's default of one suits small test projects.
    app.add_config_value("handbook_min_learnings", 1, "env", int)
    app.add_node(session_card)
    aggregate.VIEWS["session"] = session_view
