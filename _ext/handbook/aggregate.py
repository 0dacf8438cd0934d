"""The aggregate index (built once per build) and incremental rewrites.

:class:`Index` joins the per-document records of the domain into the lists the
generated blocks need: learnings per play, plays per session, sessions in date
order, the pages that hold each overview. It is built once after reading and
cached on the domain.

Every generated block has a *view*: plain data computed from the index (the
modules register their view functions in :data:`VIEWS`). At ``env-get-updated``
we hash each aggregate page's views and compare with the hashes of the previous
build. Only pages whose views changed are returned for rewriting, so editing
one session's prose does not rewrite every overview, while changing a learning's
play does rewrite the play pages, session boxes and overviews it affects.

Views read nothing but the pages' records, titles and toctrees. When none of
those changed in the pages read again (a prose edit), no view can have
changed, and the hashing is skipped. Record keys in :data:`SOURCE_ONLY` only
locate a record in its source for warnings: views must not show them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

from . import domain, pages
from .reread import ReadChanges

# kind -> view(index, docname, argument) -> JSON-able data
VIEWS: dict[str, Callable[[Index, str, str], Any]] = {}
# Record keys that views never show (a prose edit above a block moves them).
SOURCE_ONLY = frozenset({"line"})


class Index:
    def __init__(self, env: Any) -> None:
        data = domain.get(env).data
        self.env = env
        self.titles = {doc: node.astext() for doc, node in env.titles.items()}

        # Sessions of one day follow the programme: their order in the toctree.
        position: dict[str, int] = {}
        for children in env.toctree_includes.values():
            for i, child in enumerate(children):
                position[child] = min(position.get(child, i), i)

        def session_key(item):
            doc, rec = item
            return (rec["date"], position.get(doc, len(position)), self.title(doc), doc)

        self.sessions: list[tuple[str, dict]] = sorted(data["sessions"].items(), key=session_key)
        order = [doc for doc, _ in self.sessions]
        order += sorted(doc for doc in data["learnings"] if doc not in data["sessions"])
        self.learnings: list[tuple[str, dict]] = [
            (doc, learning) for doc in order for learning in data["learnings"].get(doc, [])
        ]
        self.plays: dict[str, str] = dict(sorted(
            (rec["id"], doc) for doc, rec in data["plays"].items()))
        self.play_records: dict[str, dict] = {rec["id"]: rec for rec in data["plays"].values()}

        self.learnings_of: dict[str, list[dict]] = {}
        for doc, learning in self.learnings:
            self.learnings_of.setdefault(doc, []).append(learning)
        self.by_play: dict[str, list[tuple[str, dict]]] = {play: [] for play in self.plays}
        self.plays_of: dict[str, list[str]] = {}
        for doc, learning in self.learnings:
            for play in learning["plays"]:
                if play in self.plays:
                    self.by_play[play].append((doc, learning))
                    fed = self.plays_of.setdefault(doc, [])
                    if play not in fed:
                        fed.append(play)

        self.holders: dict[str, str] = {}
        for doc in sorted(data["aggregates"]):
            for kind in data["aggregates"][doc]:
                self.holders.setdefault(kind, doc)
        self.figures: list[tuple[str, dict]] = [
            (doc, block) for doc in order + sorted(set(data["figures"]) - set(order))
            for block in data["figures"].get(doc, [])
        ]
        # Views computed for hashing, reused when the blocks are written.
        self.views: dict[tuple[str, str], Any] = {}

    def title(self, docname: str) -> str:
        return self.titles.get(docname, docname)

    def play_title(self, play: str) -> str:
        return self.title(self.plays[play])

    def holder(self, kind: str) -> str | None:
        """The page that holds the aggregate ``kind`` (e.g. 'overview:themes')."""
        return self.holders.get(kind)


def get_index(env: Any) -> Index:
    dom = domain.get(env)
    if dom._index is None:
        dom._index = Index(env)
    return dom._index


def view(index: Index, docname: str, kind: str) -> Any:
    """The view ``kind`` (e.g. 'overview:matrix') of a page; callers must not change it."""
    key = (docname, kind)
    if key not in index.views:
        name, _, argument = kind.partition(":")
        index.views[key] = VIEWS[name](index, docname, argument)
    return index.views[key]


def fingerprint(index: Index, docname: str, kinds: list[str]) -> str:
    views = [[kind, view(index, docname, kind)] for kind in sorted(kinds)]
    blob = json.dumps(views, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _without_source_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_source_lines(v) for k, v in value.items() if k not in SOURCE_ONLY}
    if isinstance(value, list):
        return [_without_source_lines(v) for v in value]
    return value


def view_inputs(env: Any, docname: str) -> str:
    """Everything of one page that views read."""
    data = domain.get(env).data
    title = env.titles.get(docname)
    return json.dumps([
        _without_source_lines({table: data[table].get(docname) for table in domain.TABLES}),
        title.astext() if title is not None else None,
        env.toctree_includes.get(docname),
    ], sort_keys=True, ensure_ascii=False, default=str)


def get_updated(app: Sphinx, env: Any, changes: ReadChanges) -> list[str]:
    """Pages whose generated blocks changed since the previous build."""
    dom = domain.get(env)
    old = dom.data[domain.FINGERPRINTS]
    if old and not changes.removed and not changes.changed(env):
        return []
    # Reading is over, so the records are final; the domain drops a cached
    # index whenever a record changes, so this reuses one built after reading
    # (e.g. by diagrams announcing overview diagrams) or builds it now.
    index = get_index(env)
    aggregates = dom.data["aggregates"]
    new = {doc: fingerprint(index, doc, kinds) for doc, kinds in aggregates.items()
           if doc in env.all_docs}
    dom.data[domain.FINGERPRINTS] = new
    return sorted(doc for doc, fp in new.items() if old.get(doc) != fp)


def refuri(app: Sphinx, fromdoc: str, todoc: str, anchor: str = "") -> str:
    uri = app.builder.get_relative_uri(fromdoc, todoc)
    return f"{uri}#{anchor}" if anchor else uri


def setup(app: Sphinx) -> None:
    pages.setup(app)
    app.add_domain(domain.HandbookDomain)
    changes = ReadChanges(app, view_inputs)
    app.connect("env-get-updated", lambda app, env: get_updated(app, env, changes))
