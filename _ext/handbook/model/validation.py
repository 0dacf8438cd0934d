"""Validating page input against the schemas (pydantic, :mod:`.schema`).

A cache of validation results between builds was measured with
``make bench`` and saved nothing (a one-page rebuild at 1,000 sessions took
as long without it), so every read validates.
"""

from __future__ import annotations

import json
from typing import Any


def check(env: Any, model: str, data: Any) -> tuple[dict | None, list[dict]]:
    """Validate ``data`` with the schema ``model`` (a class name in schema.py).

    Returns the record (the model as JSON data) or None, and the problems
    (see schema.problems)."""
    from . import schema  # imports pydantic

    validated, found = schema.problems(getattr(schema, model), data)
    if validated is None:
        return None, found
    return json.loads(json.dumps(validated.model_dump(mode="json"), ensure_ascii=False)), []
