"""Validation results kept between builds.

model/schema.py validates every session's front matter and every key-figure
row with pydantic when Sphinx reads the page (model/validation.py). Importing pydantic and setting up
the models costs about 0.1 s, paid by each rebuild that reads a session again,
also when the author changed only prose. So each page keeps, in a small file
next to the doctrees, what its inputs validated to. When the page is read
again with the same input, the record comes from there, and schema.py (with
pydantic) is imported only for an input it has not seen.

Only inputs without problems are kept: a problem is reported, with its line,
in every build. The key holds the input with its YAML types, schema.py's
source and pydantic's version, so a changed schema validates everything again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

FOLDER = "handbook-validated"
# What a page's inputs validated to in the previous build, and in this one.
_PREVIOUS, _CURRENT = "handbook_validated_previous", "handbook_validated_current"


@functools.cache
def schema_key() -> str:
    source = (Path(__file__).parent.parent / "model" / "schema.py").read_bytes()
    version = importlib.metadata.version("pydantic")
    return hashlib.sha256(source + version.encode()).hexdigest()


def _typed(value: Any) -> str:
    # Dates and other YAML values JSON lacks: keep their type in the key.
    return f"\0{type(value).__name__}\0{value}"


def input_key(model: str, data: Any) -> str:
    blob = json.dumps([schema_key(), model, data], sort_keys=True, default=_typed)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _file(env: Any, docname: str) -> Path:
    name = hashlib.sha256(docname.encode()).hexdigest()[:24]
    return Path(env.doctreedir) / FOLDER / f"{name}.json"


def _previous(env: Any) -> dict[str, str]:
    if _PREVIOUS not in env.current_document:  # first validation on this page
        try:
            stored = json.loads(_file(env, env.docname).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        env.current_document[_PREVIOUS] = stored if isinstance(stored, dict) else {}
        env.current_document[_CURRENT] = {}
    return env.current_document[_PREVIOUS]


class FileCache:
    """The :class:`handbook.model.validation.Cache` kept next to the doctrees."""

    def get(self, env: Any, model: str, data: Any) -> dict | None:
        key = input_key(model, data)
        record = _previous(env).get(key)
        if record is None:
            return None
        env.current_document[_CURRENT][key] = record
        return json.loads(record)

    def put(self, env: Any, model: str, data: Any, record: dict) -> None:
        _previous(env)
        env.current_document[_CURRENT][input_key(model, data)] = json.dumps(
            record, ensure_ascii=False)


def install(app: Sphinx) -> None:
    if "handbook" in app.extensions:
        from ..model import domain

        domain.get(app.env).validation_cache = FileCache()


def store(app: Sphinx, doctree: Any) -> None:
    """After reading a page: keep what this reading validated."""
    env = app.env
    current = env.current_document.get(_CURRENT)
    if current is None or current == env.current_document.get(_PREVIOUS):
        return
    path = _file(env, env.docname)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Parallel readers write other pages' files; a page is read by one process.
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(current, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def setup(app: Sphinx) -> dict[str, Any]:
    # The environment (and its domains) exists from builder-inited on.
    app.connect("builder-inited", install)
    # After the handlers that validate at doctree-read (sessions, plays).
    app.connect("doctree-read", store, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
