"""The ``handbook`` Domain: plain per-document records of sessions, learnings,
plays, key figures and the documents that hold aggregate lists.

Everything is keyed by docname and holds only dicts, lists and strings, so
``clear_doc`` and ``merge_domaindata`` are exact and parallel reading (``-j``)
gives the same data as serial reading. The aggregate index built from these
records is cached on the domain object (never pickled) and dropped whenever
the records change.
"""

from __future__ import annotations

from typing import Any

from sphinx.domains import Domain

# Per-docname tables of what the pages say.
TABLES = ("sessions", "learnings", "plays", "figures", "aggregates")
# Per-docname digests of generated blocks, written by aggregate.py after
# reading; kept when a page is read again, so an unchanged one keeps its digest.
FINGERPRINTS = "fingerprints"


class HandbookDomain(Domain):
    name = "handbook"
    label = "Handbook"
    initial_data: dict[str, Any] = {table: {} for table in (*TABLES, FINGERPRINTS)}
    data_version = 1

    _index: Any = None

    def table(self, name: str) -> dict[str, Any]:
        self._index = None
        return self.data.setdefault(name, {})

    def clear_doc(self, docname: str) -> None:
        self._index = None
        for table in TABLES:
            self.data.setdefault(table, {}).pop(docname, None)

    def merge_domaindata(self, docnames: set[str], otherdata: dict[str, Any]) -> None:
        self._index = None
        for table in TABLES:
            mine = self.data.setdefault(table, {})
            for docname, record in otherdata.get(table, {}).items():
                if docname in docnames:
                    mine[docname] = record

    # Learning ids are registered as std labels (see learnings.py), so the
    # domain resolves no cross-references of its own.
    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []


def get(env: Any) -> HandbookDomain:
    return env.get_domain(HandbookDomain.name)


def note_aggregate(env: Any, kind: str) -> None:
    """Record that the current document holds an aggregate list of ``kind``."""
    kinds = get(env).table("aggregates").setdefault(env.docname, [])
    if kind not in kinds:
        kinds.append(kind)
