"""The ``handbook`` Domain: the one place that holds what the pages say.

Plain per-document records (:mod:`.records`) of sessions, learnings, plays,
key figures, diagrams and the documents that hold aggregate lists. Everything
is keyed by docname and holds only dicts, lists and strings, so ``clear_doc``
and ``merge_domaindata`` are exact and parallel reading (``-j``) gives the
same data as serial reading. The aggregate index built from these records is
cached on the domain object (never pickled) and dropped whenever the records
change. Build-wide state that must survive between builds (the diagram mode,
the catalog stamp) sits under ``state``; nothing is kept as attributes on
the environment.

Bump ``data_version`` (and ``handbook.ENV_VERSION``) when the shape changes:
1: first tables; 2: diagrams and build state moved here from the environment;
3: workshops (a play's workshop block, its steps, workshop pages).
4: governance records.
5: sessions name an event by id, with their order; programme toctrees.
6: each page's description for the search page (web/search_pages.py).
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from .records import (
    DiagramRecord,
    KeyFigureBlock,
    LearningRecord,
    PlayRecord,
    SessionRecord,
    StepRecord,
    WorkshopPageRecord,
    WorkshopRecord,
)

if TYPE_CHECKING:
    from .aggregate import Index
    from .datafiles import Data

# Per-docname tables of what the pages say.
TABLES = ("sessions", "learnings", "plays", "figures", "aggregates", "diagrams",
          "workshops", "steps", "workshop_pages",
          # Owner and review records, and the pages holding their lists
          # (model/governance.py, directives/governance.py).
          "governance", "governance_lists",
          # Each session's event and place in the programme (model/programme.py).
          "programmes",
          # Each page's description under its search result (web/search_pages.py).
          "descriptions")
# Tables the generated blocks read (diagrams are drawn, never listed).
VIEW_TABLES = ("sessions", "learnings", "plays", "figures", "aggregates",
               "workshops", "steps", "workshop_pages")
# Per-docname digests of generated blocks, written by incremental.views after
# reading; kept when a page is read again, so an unchanged one keeps its digest.
FINGERPRINTS = "fingerprints"
# Build-wide values kept between builds.
STATE = "state"


class HandbookDomain(Domain):
    name = "handbook"
    label = "Handbook"
    initial_data: ClassVar[dict[str, Any]] = {table: {} for table in (*TABLES, FINGERPRINTS, STATE)}
    data_version = 6

    # Per build, never pickled: the index and the browser that draws the
    # diagrams (None: the reader's browser draws them).
    _index: Index | None = None
    diagram_browser: Path | None = None
    # Per build: the events and vocabularies (model/datafiles.py).
    data_files: Data | None = None

    def table(self, name: str) -> dict[str, Any]:
        self._index = None
        return self.data.setdefault(name, {})

    # -- typed access ------------------------------------------------------

    def sessions(self) -> dict[str, SessionRecord]:
        return self.data["sessions"]

    def learnings(self) -> dict[str, list[LearningRecord]]:
        return self.data["learnings"]

    def plays(self) -> dict[str, PlayRecord]:
        return self.data["plays"]

    def figures(self) -> dict[str, list[KeyFigureBlock]]:
        return self.data["figures"]

    def aggregates(self) -> dict[str, list[str]]:
        return self.data["aggregates"]

    def diagrams(self) -> dict[str, list[DiagramRecord]]:
        return self.data.setdefault("diagrams", {})

    def set_session(self, docname: str, record: SessionRecord) -> None:
        self.table("sessions")[docname] = record

    def add_learning(self, docname: str, record: LearningRecord) -> None:
        self.table("learnings").setdefault(docname, []).append(record)

    def set_play(self, docname: str, record: PlayRecord) -> None:
        self.table("plays")[docname] = record

    def add_figures(self, docname: str, block: KeyFigureBlock) -> None:
        self.table("figures").setdefault(docname, []).append(block)

    def set_diagrams(self, docname: str, records: list[DiagramRecord]) -> None:
        # Diagrams are not in any view: the index stays valid.
        self.data.setdefault("diagrams", {})[docname] = records

    def workshops(self) -> dict[str, WorkshopRecord]:
        return self.data.setdefault("workshops", {})

    def steps(self) -> dict[str, list[StepRecord]]:
        return self.data.setdefault("steps", {})

    def workshop_pages(self) -> dict[str, WorkshopPageRecord]:
        return self.data.setdefault("workshop_pages", {})

    def set_workshop(self, docname: str, record: WorkshopRecord) -> None:
        self.table("workshops")[docname] = record

    def add_step(self, docname: str, record: StepRecord) -> None:
        self.table("steps").setdefault(docname, []).append(record)

    def set_workshop_page(self, docname: str, record: WorkshopPageRecord) -> None:
        self.table("workshop_pages")[docname] = record

    def descriptions(self) -> dict[str, str]:
        return self.data.setdefault("descriptions", {})

    def set_description(self, docname: str, text: str) -> None:
        # Not in any view: the index stays valid.
        self.data.setdefault("descriptions", {})[docname] = text

    def state(self) -> dict[str, Any]:
        return self.data.setdefault(STATE, {})

    # -- Sphinx's domain protocol -------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self._index = None
        for table in TABLES:
            self.data.setdefault(table, {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._index = None
        for table in TABLES:
            mine = self.data.setdefault(table, {})
            for docname, record in otherdata.get(table, {}).items():
                if docname in docnames:
                    mine[docname] = record

    # Learning ids are registered as std labels (see directives/learning.py),
    # so the domain resolves no cross-references of its own.
    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []


def get(env: Any) -> HandbookDomain:
    return env.get_domain(HandbookDomain.name)


def note_aggregate(env: Any, kind: str) -> None:
    """Record that the current document holds an aggregate list of ``kind``."""
    kinds = get(env).table("aggregates").setdefault(env.docname, [])
    if kind not in kinds:
        kinds.append(kind)
