"""Overview pages generated from the data: the ``overview`` directive.

``{overview} <kind>`` with kind one of ``themes``, ``channels``,
``organisations`` (sessions grouped under an anchor per value), ``matrix``
(sessions x plays table), ``diagram`` (Mermaid map of sessions -> plays) and
``keyfigures`` (all key figures), ``workshops`` (every play as a workshop format and
every workshop page). Each is filled at doctree-resolved from the
aggregate index.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..i18n.labels import label
from ..model import aggregate, datafiles, domain
from ..model.report import warn
from . import keyfigures, render, workshops

# Emitted with the matrix rows, [(uri, text[, hidden context]) | None, ...] per
# session (the stub has no context); a
# listener may return the table body node to use instead of docutils rows.
MATRIX_BODY_EVENT = "handbook-matrix-body"

# Furo's class for text only screen readers get.
HIDDEN = "visually-hidden"

FACETS = ("themes", "channels", "organisations")
KINDS = (*FACETS, "matrix", "diagram", "keyfigures", "workshops")


class overview(nodes.General, nodes.Element):
    """Placeholder for an overview, filled at doctree-resolved."""


class OverviewDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in KINDS:
            warn("overview", f"Onbekend overzicht '{kind}'. Kies een van: {', '.join(KINDS)}.",
                 self.get_location())
            return []
        domain.note_aggregate(self.env, f"overview:{kind}")
        # Display names and their order (vocabularies), grouping by event (events).
        datafiles.note_dependency(self.env, datafiles.EVENTS, datafiles.VOCABULARIES)
        node = overview(kind=kind)
        self.set_source_info(node)
        return [node]


def _sessions(index: aggregate.Index) -> list[list]:
    return [[doc, index.title(doc), rec["event"]] for doc, rec in index.sessions]


def facet_view(index: aggregate.Index, facet: str) -> list[list]:
    """Sessions per value, under the vocabulary's name and in its order (a
    value written as an alias, Twitter, goes under its entry, X (Twitter));
    without a vocabulary, by name."""
    vocabulary = datafiles.get(index.env).vocabularies.get(facet)
    groups: dict[str, list] = {}
    listed: set[tuple[str, str]] = set()
    for doc, rec in index.sessions:
        for value in rec[facet]:
            name = (vocabulary.name_of(value) if vocabulary else None) or value
            key = render.slug(name)
            group = groups.setdefault(key, [key, name, []])
            if (key, doc) not in listed:
                listed.add((key, doc))
                group[2].append([doc, index.title(doc)])
    position = {name: i for i, name in enumerate(vocabulary.names)} if vocabulary else {}
    return sorted(groups.values(), key=lambda g: (position.get(g[1], len(position)),
                                                  g[1].casefold(), g[0]))


def matrix_view(index: aggregate.Index) -> dict:
    plays = [[play, doc, index.title(doc)] for play, doc in index.plays.items()]
    ids_of: dict[tuple[str, str], list[str]] = {}
    for play, _pdoc, _ptitle in plays:
        for doc, learning in index.by_play[play]:
            ids_of.setdefault((doc, play), []).append(learning["id"])
    rows = []
    for doc, _title, _date in _sessions(index):
        cells = []
        for play, _pdoc, _ptitle in plays:
            ids = ids_of.get((doc, play), [])
            # What a cell shows: how many learnings, and a link to the first.
            cells.append([ids[0], len(ids)] if ids else [])
        rows.append([doc, index.title(doc), cells])
    return {"plays": plays, "rows": rows}


def diagram_view(index: aggregate.Index) -> dict:
    """Only what the maps show: per event its name and its sessions' titles
    and edges (not which learning made an edge)."""
    plays = [[play, index.title(doc)] for play, doc in index.plays.items()]
    events: dict[str, list] = {}
    for doc, rec in index.sessions:
        if rec["event"] not in events:
            found = datafiles.get(index.env).events.get(rec["event"])
            events[rec["event"]] = [rec["event"], found["name"] if found else rec["event"], []]
        events[rec["event"]][2].append([index.title(doc), sorted(index.plays_of.get(doc, []))])
    return {"plays": plays, "events": list(events.values())}


def event_maps(view: dict) -> list[tuple[str, str, str | None]]:
    """(event id, event name, Mermaid source or None) of each event's map.

    One map per event: a map of every session stopped being readable once the
    handbook held more than one congress day (the benchmark corpus has 20)."""
    several = len(view["events"]) > 1
    return [(event, name, map_code({"plays": view["plays"], "rows": rows},
                                   name if several else None))
            for event, name, rows in view["events"]]


def keyfigures_view(index: aggregate.Index) -> list[list]:
    return [[doc, index.title(doc), block] for doc, block in index.figures]


def overview_view(index: aggregate.Index, _docname: str, kind: str) -> Any:
    if kind in FACETS:
        return facet_view(index, kind)
    if kind == "matrix":
        return matrix_view(index)
    if kind == "diagram":
        return diagram_view(index)
    if kind == "workshops":
        return workshops.overview_view(index)
    return keyfigures_view(index)


def _empty(text: str) -> nodes.paragraph:
    return nodes.paragraph("", label(text), classes=["handbook-empty"])


def _section(ident: str, title: str, *children: nodes.Node) -> nodes.section:
    sec = nodes.section(ids=[ident])
    sec += nodes.title("", title)
    sec += list(children)
    return sec


def render_facet(app: Sphinx, docname: str, view: list) -> list[nodes.Node]:
    if not view:
        return [_empty("No sessions yet.")]
    return [_section(key, name, render.bullets([[render.link(app, docname, doc, title)]
                                                for doc, title in sessions]))
            for key, name, sessions in view]


def render_matrix(app: Sphinx, docname: str, view: dict) -> list[nodes.Node]:
    if not view["rows"] or not view["plays"]:
        return [_empty("No sessions yet.")]
    heads = [nodes.Text(label("Session"))] + [render.link(app, docname, pdoc, ptitle)
                                               for _, pdoc, ptitle in view["plays"]]
    tbl = nodes.table(classes=["handbook-matrix"], ids=["matrix-tabel"])
    tbl += nodes.title("", label("Sessions and the plays they support"))
    group = nodes.tgroup(cols=len(heads))
    tbl += group
    for i, _ in enumerate(heads):
        group += nodes.colspec(colwidth=1, stub=1 if i == 0 else 0)
    group += nodes.thead("", nodes.row("", *[nodes.entry("", nodes.paragraph("", "", h))
                                             for h in heads]))
    rows = []
    for doc, title, cells in view["rows"]:
        row: list[tuple[str, ...] | None] = [(aggregate.refuri(app, docname, doc), title)]
        for cell, (_, _, ptitle) in zip(cells, view["plays"], strict=True):
            if cell:
                first, count = cell
                text = label("1 learning") if count == 1 else label("{n} learnings", n=count)
                # "4 lessen" alone does not say which session and play it
                # links (WCAG 2.4.4); the rest of the name is for screen
                # readers, after the visible words (WCAG 2.5.3).
                context = label(" from the session {session}, for the play {play}",
                                session=title, play=ptitle)
                row.append((aggregate.refuri(app, docname, doc, first), text, context))
            else:
                row.append(None)
        rows.append(row)
    # A speed-up (handbook.speedups.matrix) may write the rows straight to HTML.
    body = app.emit_firstresult(MATRIX_BODY_EVENT, rows)
    if body is None:
        body = nodes.tbody()
        for stub, *cells in rows:
            body += nodes.row("", _entry(stub), *[_entry(cell) for cell in cells])
    group += body
    return [tbl]


def _entry(cell: tuple[str, ...] | None) -> nodes.entry:
    if cell is None:
        return nodes.entry()
    uri, text, *context = cell
    children: list[nodes.Node] = [nodes.Text(text)]
    children += [nodes.inline("", extra, classes=[HIDDEN]) for extra in context]
    return nodes.entry("", nodes.paragraph("", "", nodes.reference("", "", *children,
                                                                   internal=True, refuri=uri)))


# Lines of Mermaid in the boxes above which the map goes in columns; the
# handbook's own map (six sessions) stays one column, which reads best on a phone.
MAP_ONE_COLUMN = 150
MAP_COLUMNS = 4


def _mm(text: str) -> str:
    return text.replace('"', "'")


def map_code(view: dict, event: str | None = None) -> str | None:
    """The Mermaid source of the sessions -> plays map, or None when empty.

    One box per play (its title on top) holding the sessions that support it,
    the boxes stacked:
    no lines. Lines from every session to every play it supports crossed
    other sessions' boxes (dagre draws them straight, centre to centre), so
    the map suggested links that do not exist. A session that supports two
    plays is in both boxes."""
    if not view["rows"] or not view["plays"]:
        return None
    plays = {play: (f"p{i}", ptitle) for i, (play, ptitle) in enumerate(view["plays"])}
    sentences, groups = [], []
    for title, fed in view["rows"]:
        # Keep the plays in play order, so the diagram does not depend on learning order.
        fed = [p for p in plays if p in fed]
        if fed:
            sentences.append(label("{session} supports {plays}.", session=title,
                                   plays=", ".join(plays[p][1] for p in fed)))
    for play, (pid, ptitle) in plays.items():
        members = [(f"{pid}s{i}", title) for i, (title, fed) in enumerate(view["rows"])
                   if play in fed]
        if not members:
            continue
        # The play heads its box as a node: a subgraph title does not wrap
        # and long play titles ran under the first session.
        members = [(f"{pid}t", ptitle), *members]
        lines = [f'    subgraph {pid}[" "]', "        direction TB",
                 *[f'        {node}["{_mm(title)}"]' for node, title in members],
                 f"        class {pid}t play"]
        # Invisible links stack the sessions instead of setting them side by side.
        lines += [f"        {a} ~~~ {b}" for (a, _), (b, _) in pairwise(members)]
        groups.append((pid, [*lines, "    end"]))
    lines = [# Boxes close together: the invisible links only stack them.
             '%%{init: {"flowchart": {"rankSpacing": 16, "nodeSpacing": 16}}}%%',
             "flowchart TB",
             "    accTitle: " + _mm(label("Which sessions support which plays") if event is None
                                else label("Which sessions of {event} support which plays",
                                           event=event)),
             f"    accDescr: {_mm(' '.join(sentences))}"]
    for _, body in groups:
        lines += body
    # Theme-neutral emphasis: the colours stay the theme's, light or dark.
    lines.append("    classDef play font-weight:bold,stroke-width:3px")
    # A big map (the benchmark corpus: 50 sessions a day) as one column was
    # 15,000 px tall and 190 px wide: then the boxes go in columns, each box
    # under the one `columns` places before it, and the region scrolls sideways.
    entries = sum(len(body) for _, body in groups)
    columns = MAP_COLUMNS if entries > MAP_ONE_COLUMN else 1
    lines += [f"    {a} ~~~ {b}" for (a, _), (b, _) in zip(groups, groups[columns:], strict=False)]
    return "\n".join(lines)


def render_diagram(app: Sphinx, docname: str, view: dict) -> list[nodes.Node]:
    from sphinxcontrib.mermaid import mermaid

    maps = [(event, name, code) for event, name, code in event_maps(view) if code]
    if not maps:
        return [_empty("No sessions yet.")]
    out: list[nodes.Node] = []
    for event, name, code in maps:
        node = mermaid(classes=["handbook-map"])
        node["code"] = code
        node["options"] = {}
        # More than one event: a section per event, so a reader can jump to a day.
        out.append(_section(render.slug(f"kaart-{event}"), name, node) if len(maps) > 1 else node)
    return out


def render_keyfigures(app: Sphinx, docname: str, view: list) -> list[nodes.Node]:
    if not view:
        return [_empty("No key figures yet.")]
    lang = app.config.language or "en"
    out: list[nodes.Node] = []
    by_doc: dict[str, nodes.section] = {}
    for doc, title, block in view:
        if doc not in by_doc:
            by_doc[doc] = _section(render.slug(doc.rsplit("/", 1)[-1]) or "sessie", title,
                                   nodes.paragraph("", "", render.link(app, docname, doc, title)))
            out.append(by_doc[doc])
        rendered = keyfigures.render(block["rows"], block["caption"], lang)
        # Tables inserted after reading get no ids from Sphinx's transforms.
        rendered[0]["ids"] = [f"{by_doc[doc]['ids'][0]}-{len(by_doc[doc].children)}"]
        by_doc[doc] += rendered
    return out


RENDER: dict[str, Callable[[Sphinx, str, Any], list[nodes.Node]]] = {
    "matrix": render_matrix, "diagram": render_diagram, "keyfigures": render_keyfigures,
    "workshops": lambda app, docname, view: workshops.render_overview(app, docname, view)}


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(overview))
    if not placeholders:
        return
    index = aggregate.get_index(app.env)
    for node in placeholders:
        kind = node["kind"]
        view = aggregate.view(index, docname, f"overview:{kind}")
        node.replace_self(RENDER.get(kind, render_facet)(app, docname, view))


def late_diagrams(app: Sphinx, env: Any) -> list[tuple[str, str]]:
    """Diagrams the overview pages insert at doctree-resolved, announced early
    so build-time rendering (diagrams.py) draws them before the write phase."""
    index = aggregate.get_index(env)
    lang = app.config.language or "en"
    found = []
    for doc, kinds in sorted(domain.get(env).aggregates().items()):
        if "overview:diagram" in kinds:
            found += [(doc, code) for _, _, code in event_maps(diagram_view(index)) if code]
        if "overview:keyfigures" in kinds:
            found += [(doc, keyfigures.chart(row, lang)["code"])
                      for _doc, _title, block in keyfigures_view(index)
                      for row in block["rows"] if row.get("before") is not None]
    return found


def setup(app: Sphinx) -> None:
    app.add_node(overview)
    app.add_event(MATRIX_BODY_EVENT)
    app.add_directive("overview", OverviewDirective)
    aggregate.VIEWS["overview"] = overview_view
