"""The records the domain stores: plain JSON-like data, typed for readers.

Records are dicts (pickled with the environment, merged per docname after
parallel reading), so they are declared as TypedDicts rather than classes:
the type checker knows their keys, and the stored data stays plain.
``line`` only locates a record in its source for warnings; views never
show it (see ``handbook.incremental.views.SOURCE_ONLY``).
"""

from __future__ import annotations

from typing import TypedDict


class SpeakerRecord(TypedDict):
    name: str
    organisation: str
    role: str | None


class SourceRecord(TypedDict):
    title: str
    date: str  # ISO date


class SessionRecord(TypedDict):
    """``session:`` front matter as validated by ``schema.Session``."""

    event: str  # id of an event in the data folder's events.yaml
    order: int
    start: str | None  # "HH:MM"
    speakers: list[SpeakerRecord]
    organisations: list[str]
    channels: list[str]
    themes: list[str]
    summary: str
    source: SourceRecord | None
    line: int


class LearningRecord(TypedDict):
    id: str
    title: str
    plays: list[str]
    line: int


class PlayRecord(TypedDict):
    id: str
    summary: str | None


class StepRecord(TypedDict):
    """One ``stap`` on a play page: its time box in minutes."""

    minutes: int
    title: str
    result: str
    line: int


class ParticipantsRecord(TypedDict):
    min: int
    max: int


class PreparationRecord(TypedDict):
    minutes: int
    what: list[str]


class MaterialsRecord(TypedDict):
    paper: list[str]
    online: list[str]


class WorkshopRecord(TypedDict):
    """``workshop:`` on a play page as validated by ``schema.Workshop``;
    ``line`` is the line of ``duration``."""

    duration: int
    participants: ParticipantsRecord
    roles: list[str]
    preparation: PreparationRecord
    materials: MaterialsRecord
    debrief: list[str] | str  # or "kernvragen"
    line: int


class BreakRecord(TypedDict):
    after: str
    minutes: int
    title: str
    line: int  # of 'after'


class WorkshopPageRecord(TypedDict):
    """``workshop:`` on a page in workshops/ (``schema.WorkshopPage``)."""

    date: str  # ISO date
    place: str
    start: str  # HH:MM
    plays: list[str]
    breaks: list[BreakRecord]
    line: int  # of 'plays'
    play_lines: list[int]  # of each play's name, for the unknown-play message


class KeyFigureRow(TypedDict):
    channel: str
    measure: str
    value: float | None
    unit: str | None
    before: float | None
    after: float | None
    qualifier: str | None
    note: str | None


class KeyFigureBlock(TypedDict):
    caption: str
    rows: list[KeyFigureRow]


class DiagramRecord(TypedDict):
    """A Mermaid diagram to render; ``line`` is None for generated ones."""

    code: str
    line: int | None
