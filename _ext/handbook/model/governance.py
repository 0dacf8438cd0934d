"""Owner, review dates and change notes of a page: the ``governance:`` block.

A government handbook is a publication with owners and review dates. Every
play, and every other page that gives advice (an ``advies`` block), carries

    governance:
      owner: Team Online        # optional; default: handbook_owner in conf.py
      contact: team@example.org # optional; default: handbook_contact
      reviewed: 2026-12-03
      review_by: 2027-12-03
      changes:
        - date: 2026-12-03
          note: What changed, in one sentence.

Its own schema and table, shared by play and advice pages, so the play and
session schemas stay as they are. "Today" is ``SOURCE_DATE_EPOCH`` when set
(the reproducible-builds convention), so tests and rebuilt editions do not
depend on the day they run.
"""

from __future__ import annotations

import datetime
import os
from typing import Any

from docutils import nodes
from pydantic import Field, model_validator
from sphinx.application import Sphinx

from . import domain, frontmatter, pages
from .report import warn
from .schema import _Strict, problems

KEY = "governance"
TABLE = "governance"
# A page whose review-by date is this close is listed as due soon.
SOON_DAYS = 90

OVERDUE, SOON, CURRENT = "overdue", "soon", "current"


class Change(_Strict):
    date: datetime.date
    note: str = Field(min_length=1)


class Governance(_Strict):
    owner: str | None = Field(default=None, min_length=1)
    contact: str | None = Field(default=None, min_length=1)
    reviewed: datetime.date
    review_by: datetime.date
    changes: list[Change] = []

    @model_validator(mode="after")
    def _review_by_after_reviewed(self) -> Governance:
        if self.review_by <= self.reviewed:
            raise ValueError("review-order")
        return self


def today() -> datetime.date:
    """The build's day: SOURCE_DATE_EPOCH when set, else the clock (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.datetime.now(datetime.UTC).date()


def status(review_by: str, day: datetime.date | None = None) -> str:
    due = datetime.date.fromisoformat(review_by)
    day = day or today()
    if due < day:
        return OVERDUE
    if (due - day).days <= SOON_DAYS:
        return SOON
    return CURRENT


def records(env: Any) -> dict[str, dict]:
    return domain.get(env).data.setdefault(TABLE, {})


def owner_of(config: Any, record: dict) -> str:
    return record.get("owner") or config.handbook_owner or config.handbook_publisher or config.author


def contact_of(config: Any, record: dict) -> str:
    return (record.get("contact") or config.handbook_contact or "").strip()


def _gives_advice(doctree: nodes.document) -> bool:
    return any("handbook-advice" in node["classes"] for node in doctree.findall(nodes.admonition))


_MESSAGES = {
    "missing": "Het veld '{field}' ontbreekt in het blok 'governance:'.",
    "date": "De datum '{input}' in '{field}' is geen geldige datum. Schrijf hem als JJJJ-MM-DD.",
    "review-order": "'governance.review_by' ligt niet na 'governance.reviewed'. Kies een "
                    "herziendatum na de datum van beoordeling, bijvoorbeeld een jaar later.",
}


def read(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: validate the block and store the page's record."""
    env = app.env
    docname = env.docname
    data = frontmatter.value(env, docname, KEY)
    path = env.doc2path(docname)
    governed = pages.play_id(env, docname) is not None or _gives_advice(doctree)
    if data is None:
        if governed and app.config.handbook_review_required:
            kind = "play" if pages.play_id(env, docname) else "pagina met advies"
            warn("governance-missing",
                 f"Deze {kind} heeft geen blok 'governance:' in de front matter. Zet bovenaan "
                 "wie de eigenaar is en wanneer de pagina beoordeeld is en weer herzien moet "
                 "worden (zie 'Eigenaar en herziening' in schrijven.md).", (docname, 1))
        return
    validated, found = problems(Governance, data)
    for problem in found:
        loc = (KEY, *problem["loc"])
        field = ".".join(str(p) for p in loc)
        text = _MESSAGES.get(problem["kind"], "Het veld '{field}' klopt niet ({hint}).")
        warn("governance", text.format(field=field, input=problem["input"], hint=problem["hint"]),
             (docname, frontmatter.line_of(path, loc)))
    if validated is None:
        return
    record = validated.model_dump(mode="json")
    record["line"] = frontmatter.line_of(path, (KEY,))
    domain.get(env).table(TABLE)[docname] = record


def page_view(env: Any, docname: str) -> dict | None:
    """What a page shows of its own record: owner, dates, status, changes."""
    record = records(env).get(docname)
    if record is None:
        return None
    return {
        "owner": owner_of(env.config, record),
        "reviewed": record["reviewed"],
        "review_by": record["review_by"],
        # Only "overdue" shows on the page (the notice); "soon" only in the list.
        "overdue": status(record["review_by"]) == OVERDUE,
        "changes": sorted(([c["date"], c["note"]] for c in record["changes"]), reverse=True),
    }


def review_list(env: Any) -> list[list]:
    """Overdue and soon-due pages, most urgent first: [doc, title, owner, review_by, status]."""
    found = []
    for doc, record in records(env).items():
        state = status(record["review_by"])
        if state != CURRENT and doc in env.all_docs:
            title = env.titles[doc].astext() if doc in env.titles else doc
            found.append([doc, title, owner_of(env.config, record), record["review_by"], state])
    return sorted(found, key=lambda row: (row[3], row[1].casefold(), row[0]))


def change_list(env: Any) -> list[list]:
    """Every change note, newest first: [date, doc, title, note]."""
    found = []
    for doc, record in records(env).items():
        if doc not in env.all_docs:
            continue
        title = env.titles[doc].astext() if doc in env.titles else doc
        found += [[c["date"], doc, title, c["note"]] for c in record["changes"]]
    found.sort(key=lambda row: (row[2].casefold(), row[1], row[3]))
    return sorted(found, key=lambda row: row[0], reverse=True)  # stable: titles stay A-Z


def setup(app: Sphinx) -> None:
    # The team that owns a page unless its block names another (never a person).
    # Changes only the pages that show it (see directives/governance.py), so
    # it rebuilds nothing by itself.
    app.add_config_value("handbook_owner", "", "", types=[str])
    # Plays and advice pages must carry a governance: block.
    app.add_config_value("handbook_review_required", False, "env", types=[bool])
    # The date of this edition (release), as YYYY-MM-DD; empty: the build's day.
    app.add_config_value("handbook_release_date", "", "env", types=[str])
