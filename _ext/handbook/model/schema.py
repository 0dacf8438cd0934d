"""Data schemas: session and play front matter, and key-figure rows (pydantic).

Validation lives here so that every page type is checked by one library, not by
hand-written type checks. :func:`problems` turns pydantic's errors into plain
records (path, kind, message) that the callers report as Sphinx warnings.
"""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

Number = StrictInt | StrictFloat


class _Strict(BaseModel):
    # Unknown keys are almost always typos: reject them.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Speaker(_Strict):
    name: str = Field(min_length=1)
    organisation: str = Field(min_length=1)
    role: str | None = None


class Source(_Strict):
    """What a session page rests on: the report, not the speaker."""

    title: str = Field(min_length=1)
    date: datetime.date


class Session(_Strict):
    # The id of a record in _data/events.yaml, which holds its name, date and venue.
    event: str = Field(min_length=1)
    # Position in the programme of the event, as the report presents it
    # (it gives no times). Required: it orders the session list and sidebar.
    order: StrictInt = Field(ge=1)
    # Start time, only when a source gives it: shown on the card, checked
    # against the order. Not required, since the report has no times.
    start: str | None = Field(default=None, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    # Required, but may be empty: a closing or panel session can name no speaker.
    speakers: list[Speaker]
    organisations: list[str]
    channels: list[str]
    themes: list[str] = Field(min_length=1)
    summary: str = Field(min_length=1)
    # Shown on the card; optional so pages written before it still build.
    source: Source | None = None


class Play(_Strict):
    summary: str | None = None


# -- workshops: a play as a workshop format, and a workshop page -------------
# Kept in their own models (not on Play): the play's own fields grow apart.

FACILITATOR = "begeleider"


class Participants(_Strict):
    min: StrictInt = Field(ge=1)
    max: StrictInt = Field(ge=1)

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Participants:
        if self.min > self.max:
            raise ValueError("participants")
        return self


class Preparation(_Strict):
    minutes: StrictInt = Field(ge=0)
    what: list[str] = Field(min_length=1)


class Materials(_Strict):
    paper: list[str] = Field(default_factory=list)
    online: list[str] = Field(default_factory=list)


class Workshop(_Strict):
    """``workshop:`` on a play page: the play run as a workshop."""

    duration: StrictInt = Field(gt=0)
    participants: Participants
    roles: list[str] = Field(min_length=1)
    preparation: Preparation
    materials: Materials
    # Questions, or the word 'kernvragen': the page's Kernvragen serve.
    debrief: list[str] | str

    @field_validator("roles")
    @classmethod
    def _has_facilitator(cls, roles: list[str]) -> list[str]:
        if not any(role.strip().casefold() == FACILITATOR for role in roles):
            raise ValueError("facilitator")
        return roles

    @field_validator("debrief")
    @classmethod
    def _debrief(cls, value: list[str] | str) -> list[str] | str:
        if isinstance(value, str) and value.strip().casefold() != "kernvragen":
            raise ValueError("debrief")
        if isinstance(value, list) and not value:
            raise ValueError("debrief")
        return value.strip().casefold() if isinstance(value, str) else value


class Break(_Strict):
    after: str = Field(min_length=1)
    minutes: StrictInt = Field(gt=0)
    title: str = "Pauze"


class WorkshopPage(_Strict):
    """``workshop:`` on a page in workshops/: a programme of plays."""

    date: datetime.date
    place: str = Field(min_length=1)
    start: str
    plays: list[str] = Field(min_length=1)
    breaks: list[Break] = Field(default_factory=list)

    @field_validator("start", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        # YAML 1.1 reads 13:30 without quotes as 810 (base 60): take it back.
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            return f"{value // 60:02d}:{value % 60:02d}"
        if isinstance(value, str):
            parts = value.strip().split(":")
            if (len(parts) == 2 and all(p.isdigit() for p in parts)
                    and int(parts[0]) < 24 and int(parts[1]) < 60 and len(parts[1]) == 2):
                return f"{int(parts[0]):02d}:{parts[1]}"
        raise ValueError("start")


class KeyFigure(_Strict):
    channel: str = Field(min_length=1)
    measure: str = Field(min_length=1)
    value: Number | None = None
    unit: str | None = None
    before: Number | None = None
    after: Number | None = None
    qualifier: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _value_or_before_after(self) -> KeyFigure:
        has_pair = self.before is not None or self.after is not None
        if self.value is None and not has_pair:
            raise ValueError("value-or-pair")
        if self.value is not None and has_pair:
            raise ValueError("value-and-pair")
        if has_pair and (self.before is None or self.after is None):
            raise ValueError("pair-incomplete")
        return self


# pydantic error type -> our problem kind (a warning subtype suffix).
_KINDS = {
    "missing": "missing",
    "extra_forbidden": "unknown",
    "date_from_datetime_parsing": "date",
    "date_parsing": "date",
    "date_type": "date",
    "date_from_datetime_inexact": "date",
}


# Plain Dutch for every pydantic error type these schemas can give; an
# author never reads pydantic's English inside a Dutch sentence.
_HINTS = {
    "missing": "dit veld ontbreekt",
    "extra_forbidden": "dit veld kent het handboek niet",
    "list_type": "hier hoort een lijst, zoals [YouTube, Instagram]",
    "string_type": "hier hoort tekst",
    "model_type": "hier horen velden, zoals name: en organisation:",
    "model_attributes_type": "hier horen velden, zoals name: en organisation:",
    "dict_type": "hier horen velden, zoals name: en organisation:",
    "too_short": "dit mag niet leeg zijn",
    "string_pattern_mismatch": "hier hoort een tijd als \"10:30\", tussen aanhalingstekens",
    "string_too_short": "dit mag niet leeg zijn",
    "date_type": "hier hoort een datum als JJJJ-MM-DD",
    "date_parsing": "hier hoort een datum als JJJJ-MM-DD",
    "date_from_datetime_parsing": "hier hoort een datum als JJJJ-MM-DD",
    "date_from_datetime_inexact": "hier hoort een datum zonder tijd, als JJJJ-MM-DD",
    "int_type": "hier hoort een getal",
    "int_parsing": "hier hoort een getal",
    "int_from_float": "hier hoort een heel getal",
    "float_type": "hier hoort een getal",
    "float_parsing": "hier hoort een getal",
    "finite_number": "hier hoort een getal",
    "bool_type": "hier hoort ja of nee (true of false)",
    "bool_parsing": "hier hoort ja of nee (true of false)",
    "none_required": "dit veld moet leeg blijven",
    "greater_than": "hier hoort een getal groter dan 0",
    "greater_than_equal": "dit getal is te klein",
}
# Any other type (a new pydantic version, a new field type).
_FALLBACK = "deze waarde klopt niet"


def problems(model: type[BaseModel], data: Any) -> tuple[BaseModel | None, list[dict]]:
    """Validate ``data``; return the model (or None) and plain problem records."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        found = []
        for err in exc.errors(include_url=False):
            kind = _KINDS.get(err["type"], "type")
            if err["type"] == "value_error":
                kind = str(err.get("ctx", {}).get("error", "type"))
            found.append({"loc": tuple(err["loc"]), "kind": kind, "input": err.get("input"),
                          "type": err["type"], "hint": _HINTS.get(err["type"], _FALLBACK)})
        return None, found
