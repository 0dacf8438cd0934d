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
