"""Validating page input against the schemas, with an optional cache.

:func:`check` is what the directives and readers call. Without the
speed-ups it validates with :mod:`.schema` (pydantic) every time. The
``handbook.speedups.validated`` extension installs a :class:`Cache` on the
domain that answers for inputs it has already seen; the result is the same
either way (``tests/test_speedups.py`` builds the site both ways).
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from . import domain


class Cache(Protocol):
    def get(self, env: Any, model: str, data: Any) -> dict | None: ...

    def put(self, env: Any, model: str, data: Any, record: dict) -> None: ...


def validate(model: str, data: Any) -> tuple[dict | None, list[dict]]:
    """Validate ``data`` with the schema ``model`` (a class name in schema.py).

    Returns the record (the model as JSON data) or None, and the problems
    (see schema.problems)."""
    from . import schema  # imports pydantic

    validated, found = schema.problems(getattr(schema, model), data)
    if validated is None:
        return None, found
    return json.loads(json.dumps(validated.model_dump(mode="json"), ensure_ascii=False)), []


def check(env: Any, model: str, data: Any) -> tuple[dict | None, list[dict]]:
    cache: Cache | None = domain.get(env).validation_cache
    if cache is not None:
        record = cache.get(env, model, data)
        if record is not None:
            return record, []
    record, found = validate(model, data)
    if record is not None and cache is not None:
        cache.put(env, model, data, record)
    return record, found
