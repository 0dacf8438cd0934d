"""Key figures: the ``keyfigures`` directive (a YAML list of rows), rendered as
an accessible table with Dutch number notation, plus a Mermaid bar chart for
each before/after row. The rows are stored in the domain for the overview."""

from __future__ import annotations

import re
from typing import Any, cast

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinxcontrib.mermaid import mermaid

from ..i18n import numbers
from ..i18n.labels import label
from ..model import domain, validation
from ..model.records import KeyFigureRow
from ..model.report import warn

NUMBER_FIELDS = ("value", "before", "after")
_SHAPE = {
    "value-or-pair": "Een rij heeft 'value' nodig, of 'before' en 'after'.",
    "value-and-pair": "Een rij heeft 'value' óf 'before' en 'after', niet allebei.",
    "pair-incomplete": "Een rij met 'before' heeft ook 'after' nodig (en andersom).",
}

# libyaml's parser when PyYAML was built with it: a key-figures block is parsed
# for every session page, and the pure-Python parser is ten times slower.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def result_text(row: dict, lang: str) -> str:
    qualifier = f"{row['qualifier']} " if row.get("qualifier") else ""
    if row.get("value") is not None:
        return qualifier + numbers.with_unit(row["value"], row.get("unit"), lang)
    before = numbers.with_unit(row["before"], row.get("unit"), lang)
    after = numbers.with_unit(row["after"], row.get("unit"), lang)
    text = qualifier + label("from {before} to {after}", before=before, after=after)
    change = numbers.growth(row["before"], row["after"])
    if change is not None:
        text += f" ({numbers.signed_percent(change, lang)})"
    return text


def _cell(text: str) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", text))


def table(rows: list[dict], caption: str, lang: str) -> nodes.table:
    has_note = any(row.get("note") for row in rows)
    heads = ["Channel", "Measure", "Result"] + (["Note"] if has_note else [])
    tbl = nodes.table(classes=["handbook-keyfigures"])
    tbl += nodes.title("", caption)
    group = nodes.tgroup(cols=len(heads))
    tbl += group
    for i, _ in enumerate(heads):
        group += nodes.colspec(colwidth=1, stub=1 if i == 0 else 0)
    group += nodes.thead("", nodes.row("", *[_cell(label(h)) for h in heads]))
    body = nodes.tbody()
    for row in rows:
        cells = [row["channel"], row["measure"], result_text(row, lang)]
        if has_note:
            cells.append(row.get("note") or "")
        body += nodes.row("", *[_cell(c) for c in cells])
    group += body
    return tbl


def _quote(text: str) -> str:
    return text.replace('"', "'")


def _axis_top(value: float) -> int:
    """A round number just above ``value`` (for 2456: 2500)."""
    step = 10 ** max(len(str(int(value))) - 2, 1)
    return int((value // step + 1) * step)


def chart(row: dict, lang: str) -> mermaid:
    """A two-bar chart (before, after); accTitle/accDescr are its text alternative."""
    before = numbers.with_unit(row["before"], row.get("unit"), lang)
    after = numbers.with_unit(row["after"], row.get("unit"), lang)
    heading = f"{row['channel']}: {row['measure']}"
    descr = label("From {before} to {after}.", before=before, after=after)
    change = numbers.growth(row["before"], row["after"])
    if change is not None:
        descr = label("From {before} to {after}, a change of {growth}.", before=before,
                      after=after, growth=numbers.signed_percent(change, lang))
    top = max(row["before"], row["after"], 0)
    code = "\n".join([
        # The bar colour comes from the design tokens, per colour scheme,
        # checked for 3:1 (WCAG 1.4.11) by handbook.web.tokens.
        # 480 px wide, not Mermaid's 700: at the 12 px text floor (its axes are
        # 14 px) it needs 411 px, about a phone's column, instead of 600.
        '%%{init: {"xyChart": {"width": 480, "height": 360}}}%%',
        "xychart-beta",
        f"    accTitle: {label('{what} (before and after)', what=heading)}",
        f"    accDescr: {descr}",
        f'    title "{_quote(heading)}"',
        f'    x-axis ["{_quote(label("Before"))}", "{_quote(label("After"))}"]',
        # Start at zero so the bars are honest about the size of the change.
        f'    y-axis "{_quote(row["measure"])}" 0 --> {_axis_top(top)}',
        f"    bar [{row['before']}, {row['after']}]",
    ])
    node = mermaid(classes=["handbook-chart"])
    node["code"] = code
    node["options"] = {}
    return node


def render(rows: list[dict], caption: str, lang: str) -> list[nodes.Node]:
    out: list[nodes.Node] = [table(rows, caption, lang)]
    out += [chart(row, lang) for row in rows if row.get("before") is not None]
    return out


# 379.614: YAML reads a decimal number, the author meant a Dutch thousands dot.
THOUSANDS_DOT = re.compile(r"\d{1,3}(\.\d{3})+")


def _thousands_dot(tree: Any, i: int, field: str) -> str | None:
    """The source text of row i's field when it is written like 379.614."""
    if not isinstance(tree, yaml.SequenceNode) or i >= len(tree.value):
        return None
    row = tree.value[i]
    for key, value in row.value if isinstance(row, yaml.MappingNode) else ():
        # Unquoted only (style None in PyYAML, '' in libyaml): "379.614" is text.
        if key.value == field and isinstance(value, yaml.ScalarNode) and not value.style:
            return value.value if THOUSANDS_DOT.fullmatch(value.value) else None
    return None


class KeyFiguresDirective(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def _row_line(self, node: Any, i: int) -> int:
        if isinstance(node, yaml.SequenceNode) and i < len(node.value):
            return self.lineno + 1 + node.value[i].start_mark.line
        return self.lineno

    def run(self) -> list[nodes.Node]:
        caption = self.arguments[0] if self.arguments else label("Key figures")
        text = "\n".join(self.content)
        try:
            data = yaml.load(text, Loader=SAFE_LOADER)
        except yaml.YAMLError as exc:
            warn("keyfigure", f"De kerncijfers zijn geen geldige lijst ({getattr(exc, 'problem', exc)}). "
                 "Begin elke rij met '- channel: ...'.", self.get_location())
            return []
        if not isinstance(data, list):
            warn("keyfigure", "De kerncijfers moeten een lijst zijn: begin elke rij met "
                 "'- channel: ...'.", self.get_location())
            return []
        rows = []
        tree = None
        for i, item in enumerate(data):
            if isinstance(item, dict) and any(isinstance(item.get(f), float) for f in NUMBER_FIELDS):
                tree = tree or yaml.compose(text, Loader=SAFE_LOADER)
                dotted = [(f, v) for f in NUMBER_FIELDS if (v := _thousands_dot(tree, i, f))]
                for field, written in dotted:
                    warn("keyfigure-number", f"'{field}: {written}' in rij {i + 1}: een punt in een "
                         "getal is hier een decimaalteken. Bedoelt u "
                         f"{written.replace('.', '')}? Schrijf grote getallen zonder punt; het "
                         "handboek zet de punt er zelf in.", (self.env.docname, self._row_line(tree, i)))
                if dotted:
                    continue
            record, found = validation.check(self.env, "KeyFigure", item)
            if found:
                # Source positions only for a warning: composing costs a second parse.
                line = self._row_line(yaml.compose(text, Loader=SAFE_LOADER), i)
            reported = set()
            for problem in found:
                loc = problem["loc"]
                where = (self.env.docname, line)
                if loc and loc[0] in NUMBER_FIELDS:
                    if loc[0] in reported:
                        continue
                    reported.add(loc[0])
                    warn("keyfigure-number", f"'{loc[0]}: {problem['input']}' in rij {i + 1} is "
                         "geen getal. Schrijf alleen cijfers, zonder punt of procentteken "
                         "(bijvoorbeeld 379614), en zet een eenheid in 'unit'.", where)
                elif problem["kind"] in _SHAPE:
                    warn("keyfigure", f"Rij {i + 1}: {_SHAPE[problem['kind']]}", where)
                else:
                    field = ".".join(str(p) for p in loc) or "rij"
                    warn("keyfigure", f"Rij {i + 1}, veld '{field}': {problem['hint']}. "
                         "Een rij kent channel, measure, value, unit, before, after, "
                         "qualifier en note.", where)
            if record is not None:
                rows.append(record)
        if not rows:
            return []
        domain.get(self.env).add_figures(
            self.env.docname, {"caption": caption, "rows": cast(list[KeyFigureRow], rows)})
        lang = self.config.language or "en"
        out = render(rows, caption, lang)
        self.set_source_info(out[0])
        return out


def setup(app: Sphinx) -> None:
    app.add_directive("keyfigures", KeyFiguresDirective)
