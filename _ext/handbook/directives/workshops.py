"""Workshop pages (``workshops/<name>.md``): a programme of plays, with the
agenda in clock times, the preparation checklist and one materials list.

The page's ``workshop:`` front matter (``schema.WorkshopPage``) names the
plays in order and the breaks. At ``doctree-read`` it is validated and stored
in the domain's ``workshop_pages`` table, and three sections (agenda,
preparation, materials) are put under the title with a placeholder each, so
they are in the page's own table of contents. The agenda needs the plays'
durations, from other pages: it is a view (``workshop``), filled at
``doctree-resolved``, and its fingerprint makes a rebuild write the page again
when a play's workshop block changes. A play the page names that does not
exist is reported after reading, at the line of its name.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx

from ..i18n.labels import label
from ..model import aggregate, domain, frontmatter, validation
from ..model.records import WorkshopPageRecord
from ..model.report import warn
from . import render
from .workshop import group_size

# Section ids of the generated parts (also used by the PDF bundle).
SECTIONS = (("agenda", "Agenda"), ("voorbereiding", "Preparation checklist"),
            ("materiaal", "Materials"))


class workshop_part(nodes.General, nodes.Element):
    """Placeholder for one generated part of a workshop page."""


def is_workshop_page(env: Any, docname: str) -> bool:
    folder = env.config.handbook_workshops_dir.strip("/") + "/"
    return docname.startswith(folder) and docname != folder + "index"


def read_workshop_page(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    if not is_workshop_page(env, docname):
        return
    path = env.doc2path(docname)
    data = frontmatter.value(env, docname, "workshop")
    if data is None:
        if not frontmatter.is_broken(path):
            warn("workshop-page", "Deze workshoppagina heeft geen blok 'workshop:' in de front "
                 "matter. Zie 'Een workshop samenstellen' in schrijven.md.", (docname, 1))
        return
    record, found = validation.check(env, "WorkshopPage", data)
    for problem in found:
        loc = problem["loc"]
        field = ".".join(str(p) for p in ("workshop", *loc))
        line = frontmatter.line_of(path, ("workshop", *loc))
        if problem["kind"] == "start":
            text = (f"De begintijd '{field}' is geen tijd. Schrijf uren en minuten tussen "
                    "aanhalingstekens, zoals start: \"09:30\".")
        elif problem["kind"] == "unknown":
            text = (f"Het veld '{field}' kent het handboek niet. Controleer de spelling; de "
                    "velden staan in 'Een workshop samenstellen' in schrijven.md.")
        elif problem["kind"] == "missing":
            text = f"Het veld '{field}' ontbreekt in het blok 'workshop:'."
        else:
            text = f"Het veld '{field}' klopt niet ({problem['hint']})."
        warn("workshop-page", text, (docname, line))
    if record is None:
        return
    record["line"] = frontmatter.line_of(path, ("workshop", "plays"))
    record["play_lines"] = [frontmatter.line_of(path, ("workshop", "plays", i))
                            for i in range(len(record["plays"]))]
    for i, brk in enumerate(record["breaks"]):
        brk["line"] = frontmatter.line_of(path, ("workshop", "breaks", i, "after"))
    domain.get(env).set_workshop_page(docname, cast(WorkshopPageRecord, record))
    domain.note_aggregate(env, "workshop")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    position = 1
    while position < len(section) and not isinstance(section[position], nodes.section):
        position += 1
    for ident, title in SECTIONS:
        part = nodes.section(ids=[ident], names=[ident])
        part += nodes.title("", label(title))
        # The page's own name: the PDF builder resolves every page as part of one.
        part += workshop_part(part=ident, docname=docname)
        section.insert(position, part)
        position += 1


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _dedup(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(" ".join(item.split()).casefold(), item)
    return list(seen.values())


def workshop_view(index: aggregate.Index, docname: str, _arg: str) -> Any:
    """The agenda in clock times, the preparation per play, the materials."""
    dom = domain.get(index.env)
    record = dom.workshop_pages().get(docname)
    if record is None:
        return None
    hours, minutes = (int(p) for p in record["start"].split(":"))
    now = hours * 60 + minutes
    rows, prep, paper, online = [], [], [], []
    breaks_after: dict[str, list] = {}
    for brk in record["breaks"]:
        breaks_after.setdefault(brk["after"], []).append(brk)
    for play in record["plays"]:
        doc = index.plays.get(play)
        block = dom.workshops().get(doc or "")
        if doc is None or block is None:
            continue  # reported by check(); the agenda leaves it out
        rows.append([_clock(now), _clock(now + block["duration"]), index.title(doc), doc,
                     block["duration"]])
        now += block["duration"]
        prep.append([index.title(doc), doc, block["preparation"]["minutes"],
                     block["preparation"]["what"], group_size(block)])
        paper += block["materials"]["paper"]
        online += block["materials"]["online"]
        for brk in breaks_after.get(play, []):
            rows.append([_clock(now), _clock(now + brk["minutes"]), brk["title"], None,
                         brk["minutes"]])
            now += brk["minutes"]
    return {"date": record["date"], "place": record["place"], "start": record["start"],
            "end": _clock(now), "rows": rows, "preparation": prep,
            "paper": _dedup(paper), "online": _dedup(online)}


def _agenda(app: Sphinx, docname: str, view: dict) -> list[nodes.Node]:
    lang = app.config.language or "en"
    day = format_date(datetime.date.fromisoformat(view["date"]), format="full", locale=lang)
    facts = nodes.paragraph("", label("{date}, {start} to {end}, {place}", date=day,
                                      start=view["start"], end=view["end"],
                                      place=view["place"]), classes=["handbook-workshop-when"])
    table = nodes.table(classes=["handbook-agenda"])
    group = nodes.tgroup(cols=3)
    table += group
    for width in (1, 4, 1):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for text in (label("Time"), label("Part"), label("Duration")):
        row += nodes.entry("", nodes.paragraph("", text))
    head += row
    group += head
    body = nodes.tbody()
    for start, end, title, doc, minutes in view["rows"]:
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph("", f"{start}–{end}"))
        cell = render.link(app, docname, doc, title) if doc else nodes.Text(title)
        row += nodes.entry("", nodes.paragraph("", "", cell))
        row += nodes.entry("", nodes.paragraph("", label("{n} min", n=minutes)))
        body += row
    group += body
    return [facts, table]


def _preparation(app: Sphinx, docname: str, view: dict) -> list[nodes.Node]:
    items = nodes.bullet_list(classes=["contains-task-list"])
    for title, doc, minutes, what, size in view["preparation"]:
        para = nodes.paragraph("", "", render.link(app, docname, doc, title),
                               nodes.Text(" " + label("({n} minutes, {size})", n=minutes,
                                                      size=size)))
        inner = nodes.bullet_list()
        for task in what:
            inner += nodes.list_item("", nodes.paragraph("", "☐ " + task))
        items += nodes.list_item("", para, inner)
    return [items]


def _materials(app: Sphinx, docname: str, view: dict) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for name, items in ((label("On paper"), view["paper"]), (label("Online"), view["online"])):
        if not items:
            continue
        out.append(nodes.paragraph("", "", nodes.strong("", name)))
        out.append(render.bullets([[nodes.Text(item)] for item in items]))
    return out or [nodes.paragraph("", label("none"))]


RENDER = {"agenda": _agenda, "voorbereiding": _preparation, "materiaal": _materials}


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(workshop_part))
    if not placeholders:
        return
    index = aggregate.get_index(app.env)
    for node in placeholders:
        view = aggregate.view(index, node.get("docname", docname), "workshop")
        node.replace_self(RENDER[node["part"]](app, docname, view) if view else [])


def check(app: Sphinx, env: Any) -> None:
    """``env-check-consistency``: every play a workshop page names exists."""
    index = aggregate.get_index(env)
    known = ", ".join(index.plays) or "(nog geen plays)"
    for doc, record in sorted(domain.get(env).workshop_pages().items()):
        lines = record.get("play_lines", [])
        for i, play in enumerate(record["plays"]):
            if play not in index.plays:
                line = lines[i] if i < len(lines) else record["line"]
                warn("workshop-play", f"De workshop noemt de play '{play}', maar die bestaat "
                     f"niet. Kies een van: {known}.", (doc, line))
        for brk in record["breaks"]:
            if brk["after"] not in record["plays"]:
                warn("workshop-play", f"De pauze staat na '{brk['after']}', maar die play staat "
                     "niet bij 'plays' van deze workshop.", (doc, brk.get("line", record["line"])))


# -- the overview "Workshops en werkvormen" ---------------------------------

def overview_view(index: aggregate.Index) -> dict:
    dom = domain.get(index.env)
    plays = []
    for doc in index.plays.values():
        block = dom.workshops().get(doc)
        if block is None:
            continue
        mat = block["materials"]
        plays.append([doc, index.title(doc), block["duration"], group_size(block),
                      block["roles"], [*mat["paper"], *mat["online"]]])
    pages_ = [[doc, index.title(doc), rec["date"], rec["place"]]
              for doc, rec in sorted(dom.workshop_pages().items(),
                                     key=lambda item: (item[1]["date"], item[0]))]
    return {"plays": plays, "workshops": pages_}


def render_overview(app: Sphinx, docname: str, view: dict) -> list[nodes.Node]:
    table = nodes.table(classes=["handbook-werkvormen"])
    group = nodes.tgroup(cols=5)
    table += group
    for width in (3, 1, 1, 2, 4):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for text in ("Play", "Duration", "Group size", "Roles", "Materials"):
        row += nodes.entry("", nodes.paragraph("", label(text)))
    head += row
    group += head
    body = nodes.tbody()
    for doc, title, minutes, size, roles, mats in view["plays"]:
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph("", "", render.link(app, docname, doc, title)))
        row += nodes.entry("", nodes.paragraph("", label("{n} min", n=minutes)))
        row += nodes.entry("", nodes.paragraph("", size))
        row += nodes.entry("", nodes.paragraph("", ", ".join(roles)))
        row += nodes.entry("", nodes.paragraph("", "; ".join(mats)))
        body += row
    group += body
    out: list[nodes.Node] = [table]
    sec = nodes.section(ids=["workshoppaginas"])
    sec += nodes.title("", label("Workshop pages"))
    if view["workshops"]:
        lang = app.config.language or "en"
        sec += render.bullets([[render.link(app, docname, doc, title), nodes.Text(
            ", " + format_date(datetime.date.fromisoformat(date), format="long", locale=lang)
            + ", " + place)] for doc, title, date, place in view["workshops"]])
    else:
        sec += nodes.paragraph("", label("No workshop pages yet."))
    out.append(sec)
    return out


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_workshops_dir", "workshops", "env", str)
    app.add_node(workshop_part)
    aggregate.VIEWS["workshop"] = workshop_view
