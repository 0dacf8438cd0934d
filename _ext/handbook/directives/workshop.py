"""A play as a workshop format: the ``workshop:`` front matter, the ``stap``
directive, the card at the top of the play and the debrief after the steps.

At ``doctree-read`` the block is validated (``schema.Workshop``) and stored in
the domain's ``workshops`` table; each ``stap`` stores its time box in
``steps``. The steps' time boxes must add up to ``duration``: both live on the
same page, so the check runs when the page is read and reports the
difference at the first step's line. The card and the debrief come from the
page's own data only, so they are built when the page is read (no view).

The workshop timings and steps are the handbook's own advice, never the
conference report's: the card says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..i18n.labels import label
from ..model import domain, frontmatter, pages, validation
from ..model.records import StepRecord, WorkshopRecord
from ..model.report import warn

# Where the steps go on a play page; the build checks they are there.
STEPS_SECTION = "Zo begeleidt u deze workshop"

_TIMEBOX = re.compile(r"^\s*(\d+)\s*(?:min|minuten)\b\.?\s*(.*)$", re.S)

_FIX = {
    "missing": "Het veld '{field}' ontbreekt in het blok 'workshop:'. Zie 'Een play als "
               "workshop' in schrijven.md.",
    "unknown": "Het veld '{field}' kent het handboek niet in 'workshop:'. Controleer de "
               "spelling; de velden staan in 'Een play als workshop' in schrijven.md.",
    "type": "Het veld '{field}' heeft de verkeerde vorm ({hint}).",
    "participants": "In '{field}' is min groter dan max. Het kleinste aantal deelnemers "
                    "staat bij min, het grootste bij max.",
    "facilitator": "'{field}' noemt geen begeleider. Zet '" + "begeleider" + "' in de lijst "
                   "van rollen: elke workshop heeft iemand die hem leidt.",
    "debrief": "'{field}' is leeg of onbekend. Geef een lijst met vragen voor de nabespreking, "
               "of schrijf 'kernvragen' om de Kernvragen van de play te gebruiken.",
}
_SUBTYPE = {"missing": "workshop-missing", "unknown": "workshop-unknown",
            "participants": "workshop-participants", "facilitator": "workshop-facilitator",
            "debrief": "workshop-debrief"}


class workshop_step(nodes.General, nodes.Element):
    """One facilitator's step: rendered by the HTML visitors below as a
    <section>-like block, so its time box stays a heading in the PDF too."""


class workshop_step_title(nodes.General, nodes.TextElement):
    """The step's time box and title: a heading under the section's, so a
    screen reader can jump from step to step."""


class StapDirective(SphinxDirective):
    """``:::{stap} 15 min Wie heeft een eigen verhaal?`` with the instruction
    as its body and ``:resultaat:`` (what the group produces)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"resultaat": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        where = self.get_location()
        if pages.play_id(self.env, self.env.docname) is None:
            warn("stap", "Een {stap} hoort alleen op een play-pagina in playbook/, in de "
                 f"sectie '{STEPS_SECTION}'. Haal hem hier weg.", where)
            return []
        match = _TIMEBOX.match(self.arguments[0])
        if match is None or not match.group(2).strip():
            warn("stap", "Een stap begint met de tijd in minuten en dan de titel, zoals "
                 "':::{stap} 15 min Wie heeft een eigen verhaal?'.", where)
            return []
        minutes, title = int(match.group(1)), " ".join(match.group(2).split())
        result = self.options.get("resultaat", "").strip()
        if not self.content:
            warn("stap", f"De stap '{title}' heeft geen instructie. Schrijf onder de regel "
                 "met ':::{stap}' wat de begeleider doet en zegt.", where)
        if not result:
            warn("stap", f"De stap '{title}' zegt niet wat de groep maakt. Voeg "
                 "':resultaat: <wat er na de stap ligt>' toe.", where)
        line = self.lineno
        record: StepRecord = {"minutes": minutes, "title": title, "result": result, "line": line}
        domain.get(self.env).add_step(self.env.docname, record)
        node = workshop_step(minutes=minutes, title=title, result=result,
                             classes=["handbook-step"])
        self.set_source_info(node)
        head = workshop_step_title("", "", classes=["handbook-step-title"])
        head += nodes.inline("", f"{minutes} min", classes=["handbook-step-time"])
        head += nodes.Text(" " + title)
        node += head
        node += self.parse_content_to_nodes(allow_section_headings=False)
        if result:
            node += nodes.paragraph("", "", nodes.strong("", label("Result") + ": "),
                                    nodes.Text(result), classes=["handbook-step-result"])
        return [node]


def _field(loc: tuple) -> str:
    return ".".join(str(p) for p in ("workshop", *loc))


def read_play_workshop(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: validate and store a play's workshop block, check the
    steps against its duration, and put the card and debrief in the page."""
    env = app.env
    docname = env.docname
    if pages.play_id(env, docname) is None:
        return
    path = env.doc2path(docname)
    data = frontmatter.value(env, docname, "workshop")
    steps = domain.get(env).steps().get(docname, [])
    record = None
    if data is None:
        if not frontmatter.is_broken(path) and env.config.handbook_workshop_required:
            warn("workshop-missing", "Deze play heeft geen blok 'workshop:' in de front matter. "
                 "Elke play is ook een workshop: zie 'Een play als workshop' in schrijven.md.",
                 (docname, 1))
    else:
        record, found = validation.check(env, "Workshop", data)
        said = set()
        for problem in found:
            loc = tuple(p for p in problem["loc"] if not str(p).startswith(("list[", "str")))
            line = frontmatter.line_of(path, ("workshop", *loc))
            subtype = _SUBTYPE.get(problem["kind"], "workshop-type")
            if (subtype, line) in said:
                continue  # a union field gives one error per alternative
            said.add((subtype, line))
            message = _FIX.get(problem["kind"], _FIX["type"]).format(
                field=_field(loc), hint=problem["hint"])
            warn(subtype, message, (docname, line))
    if record is not None:
        record["line"] = frontmatter.line_of(path, ("workshop", "duration"))
        domain.get(env).set_workshop(docname, cast(WorkshopRecord, record))
        _check_steps(docname, record, steps, doctree)
        _add_card(doctree, record)
        _add_debrief(doctree, record, steps)


def _check_steps(docname: str, record: dict, steps: list[StepRecord],
                 doctree: nodes.document) -> None:
    if not steps:
        warn("workshop-steps", f"Deze play heeft geen stappen voor de begeleider. Schrijf een "
             f"sectie '## {STEPS_SECTION}' met blokken ':::{{stap}} 15 min <titel>'.",
             (docname, record["line"]))
        return
    total, duration = sum(s["minutes"] for s in steps), record["duration"]
    if total != duration:
        diff = abs(total - duration)
        more = "te veel" if total > duration else "te weinig"
        warn("workshop-steps", f"De stappen duren samen {total} min, maar 'workshop.duration' "
             f"(regel {record['line']}) zegt {duration} min: {diff} min {more}. Pas de tijden "
             "van de stappen of de duur aan.", (docname, steps[0]["line"]))
    section = next((sec for sec in doctree.findall(nodes.section)
                    if sec.children and sec[0].astext().strip() == STEPS_SECTION), None)
    if section is None or any(not _inside(step, section) for step in doctree.findall(workshop_step)):
        warn("workshop-steps", f"Zet de stappen in een sectie met de kop '## {STEPS_SECTION}'.",
             (docname, steps[0]["line"]))


def _inside(node: nodes.Node, ancestor: nodes.Node) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def group_size(record: Mapping[str, Any]) -> str:
    low, high = record["participants"]["min"], record["participants"]["max"]
    return label("{min} to {max} people", min=low, max=high) if low != high else \
        label("{n} people", n=low)


def materials(record: Mapping[str, Any]) -> list[str]:
    mat = record["materials"]
    return [*mat["paper"], *(label("online: {what}", what=m) for m in mat["online"])]


def _add_card(doctree: nodes.document, record: dict) -> None:
    card = nodes.container(classes=["handbook-workshop-card", "sd-card", "sd-sphinx-override",
                                    "sd-mb-3", "sd-shadow-sm"])
    body = nodes.container(classes=["sd-card-body"])
    card += body
    body += nodes.paragraph("", "", nodes.strong("", label("As a workshop")),
                            classes=["handbook-workshop-card-title"])
    facts = nodes.field_list(classes=["handbook-facts"])

    def fact(name: str, text: str) -> None:
        facts.append(nodes.field("", nodes.field_name("", label(name)),
                                 nodes.field_body("", nodes.paragraph("", text))))

    prep = record["preparation"]
    fact("Duration", label("{n} minutes, and {prep} minutes to prepare", n=record["duration"],
                           prep=prep["minutes"]))
    fact("Group size", group_size(record))
    fact("Roles", ", ".join(record["roles"]))
    fact("Materials", "; ".join(materials(record)) or label("none"))
    body += facts
    body += nodes.paragraph("", label(
        "The times and steps of this workshop are advice from the handbook itself, not from the conference report."),
        classes=["handbook-workshop-advice"])
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        # Under the title, after a session-style summary paragraph if any.
        section.insert(1, card)
    else:
        doctree.insert(0, card)


def _kernvragen(doctree: nodes.document) -> list[nodes.Node]:
    for sec in doctree.findall(nodes.section):
        if sec.children and sec[0].astext().strip().startswith("Kernvragen"):
            return [child.deepcopy() for child in sec.children[1:]
                    if isinstance(child, (nodes.bullet_list, nodes.enumerated_list))]
    return []


def _add_debrief(doctree: nodes.document, record: dict, steps: list[StepRecord]) -> None:
    found = list(doctree.findall(workshop_step))
    if not found:
        return
    box = nodes.container(classes=["handbook-debrief"])
    box += workshop_step_title("", label("Debrief"), classes=["handbook-step-title"])
    if record["debrief"] == "kernvragen":
        box += nodes.paragraph("", label("Discuss the key questions of this play:"))
        box += _kernvragen(doctree)
    else:
        box += _bullets(record["debrief"])
    last = found[-1]
    last.parent.insert(last.parent.index(last) + 1, box)
    # Before the first step: what the facilitator prepares and brings.
    prep = nodes.container(classes=["handbook-preparation"])
    prep += workshop_step_title("", label("Preparation ({n} minutes)",
                                          n=record["preparation"]["minutes"]),
                                classes=["handbook-step-title"])
    prep += _bullets(record["preparation"]["what"])
    prep += nodes.paragraph("", "", nodes.strong("", label("Materials") + ":"))
    prep += _bullets(materials(record) or [label("none")])
    first = found[0]
    first.parent.insert(first.parent.index(first), prep)


def _bullets(items: list[str]) -> nodes.bullet_list:
    lst = nodes.bullet_list()
    for item in items:
        lst += nodes.list_item("", nodes.paragraph("", item))
    return lst


# -- HTML: a step is a <div> with its own class, in print it never splits ----

def visit_step(self: Any, node: workshop_step) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_step(self: Any, node: workshop_step) -> None:
    self.body.append("</div>\n")


def visit_step_title(self: Any, node: workshop_step_title) -> None:
    # One level under the section that holds the steps (## -> h2).
    level = 2
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            level += 1
        parent = parent.parent
    node["level"] = min(level - 1, 6)
    self.body.append(self.starttag(node, f"h{node['level']}"))


def depart_step_title(self: Any, node: workshop_step_title) -> None:
    self.body.append(f"</h{node['level']}>\n")


def setup(app: Sphinx) -> None:
    # A play without a workshop block is an author error; small test
    # projects about other things may switch that off.
    app.add_config_value("handbook_workshop_required", True, "env", bool)
    app.add_node(workshop_step, html=(visit_step, depart_step))
    app.add_node(workshop_step_title, html=(visit_step_title, depart_step_title))
    app.add_directive("stap", StapDirective)
