"""Programme order: where each session goes, and the checks that keep it one order.

A session's place is its event (by date, then as listed in ``events.yaml``)
and its ``order`` in that event: the position the report gives it. The report
of #SMWNL 2018 gives no start times, so ``start`` is optional; when a page
gives one, it must fit the order. The session list, the overviews, the
sidebar, the previous/next links and the PDF all follow :func:`key`.

Two places need the order before every page is read, and read it from the
sources: the programme toctree (``directives/programme.py``) and
:func:`outdated`, which reads the sessions index again when a session moves.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx

from . import datafiles, domain, frontmatter, pages
from .report import warn

LAST = 10**9  # a page without a valid order goes after the others


def key(env: Any, event: Any, order: Any, title: str, docname: str) -> tuple:
    data = datafiles.get(env)
    event = event if isinstance(event, str) else ""
    order = order if isinstance(order, int) and not isinstance(order, bool) else LAST
    return (*data.event_position(event), event, order, title.casefold(), docname)


def record_key(env: Any, docname: str, record: dict, title: str) -> tuple:
    return key(env, record.get("event"), record.get("order"), title, docname)


def on_disk(path: str | Path) -> tuple[Any, Any]:
    """(event, order) as the session file now says, without Sphinx reading it."""
    try:
        block = frontmatter._block(Path(path).read_text(encoding="utf-8"))
        data = yaml.load(block, Loader=frontmatter._NoDates) if block else None
    except (OSError, yaml.YAMLError):
        return None, None
    session = data.get("session") if isinstance(data, dict) else None
    if not isinstance(session, dict):
        return None, None
    return session.get("event"), session.get("order")


def note_holder(env: Any) -> None:
    """The current page has a programme toctree (see :func:`outdated`)."""
    domain.get(env).table("programmes")[env.docname] = True


def outdated(app: Sphinx, env: Any, added: set[str], changed: set[str],
             removed: set[str]) -> list[str]:
    """``env-get-outdated``: a session that moved in the programme reads the
    pages with a programme toctree again, so their toctree (and with it the
    sidebar of every page) follows. Sessions that came or went are Sphinx's
    own work: those toctrees are glob toctrees."""
    dom = domain.get(env)
    holders = sorted(dom.data.get("programmes", {}))
    if not holders:
        return []
    sessions = dom.sessions()
    for doc in sorted(changed):
        if not pages.is_session(env, doc):
            continue
        old = sessions.get(doc)
        before = (old["event"], old["order"]) if old else (None, None)
        if on_disk(env.doc2path(doc)) != before:
            return holders
    return []


def check(app: Sphinx, env: Any) -> None:
    """``env-check-consistency``: one event, one session per order and per start time;
    the start times go up with the order."""
    by_event: dict[str, list[tuple[str, Any]]] = {}
    for doc, rec in sorted(domain.get(env).sessions().items()):
        by_event.setdefault(rec["event"], []).append((doc, rec))

    def where(doc: str, field: str) -> tuple[str, int]:
        return doc, frontmatter.line_of(env.doc2path(doc), ("session", field))

    def place(doc: str, field: str) -> str:
        path, line = where(doc, field)
        return f"{env.doc2path(path, False)}:{line}"

    for event, items in sorted(by_event.items()):
        for field in ("order", "start"):
            seen: dict[Any, str] = {}
            for doc, rec in items:
                value = rec.get(field)
                if value is None:
                    continue
                if value in seen:
                    first = seen[value]
                    what = "positie" if field == "order" else "begintijd"
                    warn("session-order", f"Twee sessies van '{event}' hebben {what} "
                         f"'{value}': deze en {place(first, field)}. Geef elke sessie een eigen "
                         f"'{field}:'.", where(doc, field))
                else:
                    seen[value] = doc
        timed = sorted((rec["order"], rec["start"], doc) for doc, rec in items if rec.get("start"))
        for (order_a, start_a, doc_a), (order_b, start_b, doc_b) in pairwise(timed):
            if start_b < start_a:
                warn("session-order", f"De begintijd {start_b} (order: {order_b}) is eerder dan "
                     f"{start_a} in {place(doc_a, 'start')} (order: {order_a}). De volgorde en de "
                     "begintijden van één evenement horen bij elkaar: pas 'order:' of 'start:' "
                     "aan.", where(doc_b, "start"))
