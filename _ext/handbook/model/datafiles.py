"""The handbook's data files: events and controlled vocabularies.

Two small YAML files in the data folder (``handbook_data_dir``, ``_data``):

``events.yaml``
    One record per event (a congress day): ``id``, ``name``, ``date`` and
    ``venue``. A session names its event by id (``event: smwnl-2018-dag1``),
    so a second day or another congress is one new record, not a name and a
    venue copied into every session.
``vocabularies.yaml``
    The known ``channels``, ``themes`` and ``organisations``, in the order
    the overviews list them. An entry is a display name, or ``name`` with
    ``aliases``: the other spellings pages may write (Twitter for X). A page
    keeps showing what it wrote; the overviews group every alias under the
    entry's name. Without this file the values are not checked.

Both are read once per build, in the main process (``builder-inited``), before
any page; a mistake in them is a ``handbook.data-file`` warning at its own
line in the YAML file. The loaded data lives on the domain object, never in the
pickled environment. Pages that show it note the file as a dependency
(:func:`note_dependency`), so an edit to a data file reads them again.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field
from sphinx.application import Sphinx

from . import domain, schema
from .report import warn

EVENTS = "events.yaml"
VOCABULARIES = "vocabularies.yaml"
FACETS = ("channels", "themes", "organisations")

# How an author is told what a data file entry should look like.
_EVENT_EXAMPLE = ("- id: smwnl-2018-dag1\n      name: \"#SMWNL 2018, dag 1\"\n"
                  "      date: 2018-11-14\n      venue: COMM, Den Haag")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Event(_Strict):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    date: datetime.date
    venue: str = Field(min_length=1)


class Entry(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = []


@dataclass
class Vocabulary:
    """One facet's entries: display names in order, and every accepted spelling."""

    names: list[str] = field(default_factory=list)
    # accepted spelling (casefolded) -> display name
    spellings: dict[str, str] = field(default_factory=dict)
    # accepted spellings as written, for suggestions
    written: list[str] = field(default_factory=list)

    def name_of(self, value: str) -> str | None:
        return self.spellings.get(value.casefold())

    def suggest(self, value: str) -> list[str]:
        by_fold = {w.casefold(): w for w in self.written}
        close = difflib.get_close_matches(value.casefold(), list(by_fold), n=3, cutoff=0.6)
        return [by_fold[c] for c in close]


@dataclass
class Data:
    root: Path
    events: dict[str, dict] = field(default_factory=dict)  # id -> record, in file order
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)  # facet -> vocabulary

    def event_position(self, event: str) -> tuple[str, int]:
        """Where an event goes in the programme: by date, then as listed."""
        ids = list(self.events)
        if event not in self.events:
            return ("9999-12-31", len(ids))
        return (self.events[event]["date"], ids.index(event))


def folder(app_or_env: Any) -> Path:
    config = app_or_env.config
    srcdir = Path(app_or_env.srcdir)
    return srcdir / config.handbook_data_dir


def _line(node: yaml.Node | None, loc: tuple) -> int:
    """1-based line of the deepest node of ``loc`` in a composed YAML file."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == part]
            if not match:
                break
            key, node = match[0]
            line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _read(path: Path) -> tuple[Any, yaml.Node | None] | None:
    """The file's data and its composed node tree; None (reported) when unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        # Dates stay text, so pydantic reports an impossible one at its line.
        from .frontmatter import _NoDates
        return yaml.load(text, Loader=_NoDates), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        warn("data-file", f"{path.name} is geen geldige YAML. Controleer deze regel: springen "
             "velden op hetzelfde niveau evenveel spaties in, en staat tekst met een dubbele punt "
             f"tussen aanhalingstekens?\n    YAML-lezer: {exc}",
             f"{path}:{(mark.line + 1) if mark else 1}")
        return None


def _report(path: Path, node: yaml.Node | None, found: list[dict], prefix: tuple,
            example: str) -> None:
    for problem in found:
        loc = (*prefix, *problem["loc"])
        # "record 2, veld 'date'" rather than pydantic's "1.date".
        parts = [f"record {p + 1}" if isinstance(p, int) else f"'{p}'" for p in loc]
        where = ", ".join(parts)
        if problem["type"] == "string_pattern_mismatch":
            hint = "gebruik alleen kleine letters, cijfers en streepjes, zoals smwnl-2018-dag1"
        elif problem["kind"] == "date":
            hint = "hier hoort een datum als JJJJ-MM-DD"
        else:
            hint = problem["hint"]
        warn("data-file", f"In {path.name}, bij {where}: {hint}. Zo ziet een record eruit:\n"
             f"    {example}", f"{path}:{_line(node, loc)}")


def load_events(path: Path) -> dict[str, dict]:
    events: dict[str, dict] = {}
    read = _read(path)
    if read is None:
        return events
    data, node = read
    if data is None:
        return events
    if not isinstance(data, list):
        warn("data-file", f"{path.name} is een lijst van evenementen, elk met '- id:'. Zo ziet "
             f"een record eruit:\n    {_EVENT_EXAMPLE}", f"{path}:1")
        return events
    for i, item in enumerate(data):
        found_model, found = schema.problems(Event, item)
        if found_model is None:
            _report(path, node, found, (i,), _EVENT_EXAMPLE)
            continue
        record = found_model.model_dump(mode="json")
        if record["id"] in events:
            first = events[record["id"]]["line"]
            warn("data-file", f"Het evenement '{record['id']}' staat al in {path.name} op regel "
                 f"{first}. Geef dit evenement een ander id.", f"{path}:{_line(node, (i, 'id'))}")
            continue
        record["line"] = _line(node, (i,))
        events[record["id"]] = record
    return events


def load_vocabularies(path: Path) -> dict[str, Vocabulary]:
    found_vocabularies: dict[str, Vocabulary] = {}
    if not path.exists():
        return found_vocabularies
    read = _read(path)
    if read is None:
        return found_vocabularies
    data, node = read
    example = "channels:\n      - YouTube\n      - name: X (Twitter)\n        aliases: [X, Twitter]"
    if not isinstance(data, dict):
        warn("data-file", f"{path.name} heeft de kopjes {', '.join(FACETS)}, elk met een lijst. "
             f"Zo ziet het eruit:\n    {example}", f"{path}:1")
        return found_vocabularies
    for facet, entries in data.items():
        if facet not in FACETS:
            warn("data-file", f"In {path.name} is '{facet}' geen bekende lijst. Kies een van: "
                 f"{', '.join(FACETS)}.", f"{path}:{_line(node, (facet,))}")
            continue
        vocabulary = found_vocabularies.setdefault(facet, Vocabulary())
        for i, item in enumerate(entries or []):
            entry, found = schema.problems(Entry, {"name": item} if isinstance(item, str) else item)
            if entry is None:
                _report(path, node, found, (facet, i), example)
                continue
            assert isinstance(entry, Entry)
            for spelling in (entry.name, *entry.aliases):
                other = vocabulary.spellings.get(spelling.casefold())
                if other is not None:
                    warn("data-file", f"In {path.name} staat '{spelling}' twee keer onder "
                         f"{facet} (ook bij '{other}'). Een schrijfwijze hoort bij één naam.",
                         f"{path}:{_line(node, (facet, i))}")
                    continue
                vocabulary.spellings[spelling.casefold()] = entry.name
                vocabulary.written.append(spelling)
            vocabulary.names.append(entry.name)
    return found_vocabularies


def load(app: Sphinx) -> None:
    """``builder-inited``: read both files once, in the main process."""
    root = folder(app)
    data = Data(root=root)
    events = root / EVENTS
    if events.exists():
        data.events = load_events(events)
    data.vocabularies = load_vocabularies(root / VOCABULARIES)
    domain.get(app.env).data_files = data


def get(env: Any) -> Data:
    dom = domain.get(env)
    if dom.data_files is None:  # a build without builder-inited (unit tests)
        dom.data_files = Data(root=folder(env))
    return dom.data_files


def note_dependency(env: Any, *names: str) -> None:
    """The current page shows what these data files say: read it again when they change."""
    root = folder(env)
    for name in names:
        if (root / name).exists():
            env.note_dependency(str(root / name))


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_data_dir", "_data", "env", str)
