"""The aggregate index, built once per build, and the views of generated blocks.

:class:`Index` joins the per-document records of the domain into the lists the
generated blocks need: learnings per play, plays per session, sessions in
programme order, the pages that hold each overview. It is built once after
reading and cached on the domain.

Every generated block has a *view*: plain data computed from the index (the
directives register their view functions in :data:`VIEWS`). Blocks are drawn
from their view, and ``handbook.incremental.views`` hashes the views to decide
which pages a rebuild writes again. Views read nothing but the pages'
records, titles and toctrees, and never a record's ``line``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

from . import domain, programme

# kind -> view(index, docname, argument) -> JSON-able data
VIEWS: dict[str, Callable[[Index, str, str], Any]] = {}


class Index:
    def __init__(self, env: Any) -> None:
        data = domain.get(env).data
        self.env = env
        self.titles = {doc: node.astext() for doc, node in env.titles.items()}

        # Sessions in programme order: event by date, then the order in it.
        def session_key(item):
            doc, rec = item
            return programme.record_key(env, doc, rec, self.title(doc))

        self.sessions: list[tuple[str, dict]] = sorted(data["sessions"].items(), key=session_key)
        order = [doc for doc, _ in self.sessions]
        order += sorted(doc for doc in data["learnings"] if doc not in data["sessions"])
        self.learnings: list[tuple[str, dict]] = [
            (doc, learning) for doc in order for learning in data["learnings"].get(doc, [])
        ]
        # Plays by title, as the playbook's own list orders them (toctree-by-title).
        self.plays: dict[str, str] = dict(sorted(
            ((rec["id"], doc) for doc, rec in data["plays"].items()),
            key=lambda item: (self.title(item[1]).casefold(), item[0])))
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


def refuri(app: Sphinx, fromdoc: str, todoc: str, anchor: str = "") -> str:
    uri = app.builder.get_relative_uri(fromdoc, todoc)
    return f"{uri}#{anchor}" if anchor else uri
