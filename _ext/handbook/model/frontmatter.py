"""Front matter: the parsed value of one key, and the source line of a field.

MyST puts front matter into ``env.metadata[docname]`` with nested values as
JSON strings; :func:`value` undoes that. For file:line warnings,
:func:`line_of` finds the line of a field path such as
``("session", "speakers", 0, "name")`` by composing the YAML block of the
source file with PyYAML (a myst-parser dependency), which keeps positions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml


class _NoDates(yaml.SafeLoader):
    """Keeps dates as text: PyYAML raises on an impossible date such as
    2018-13-45, which would hide the field; pydantic then reports it."""


_NoDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def value(env: Any, docname: str, key: str) -> Any:
    """The front-matter value of ``key``, or None when the page has none.

    When myst-parser rejected the block (it warns "Malformed YAML", e.g. for
    an impossible date) we read it again without date conversion, so the
    author also gets our warning that names the field and line.
    """
    raw = env.metadata.get(docname, {}).get(key)
    if raw is None:
        try:
            block = _block(Path(env.doc2path(docname)).read_text(encoding="utf-8"))
            data = yaml.load(block, Loader=_NoDates) if block else None
        except (OSError, yaml.YAMLError):
            return None
        return data.get(key) if isinstance(data, dict) else None
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def _block(source: str) -> str | None:
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:end])
    return None


def line_of(path: str | Path, loc: tuple) -> int:
    """1-based line of the deepest node of ``loc`` found; 1 when unknown."""
    try:
        block = _block(Path(path).read_text(encoding="utf-8"))
        node = yaml.compose(block) if block else None
    except (OSError, yaml.YAMLError):
        return 1
    line = 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == part]
            if not match:
                break
            key, node = match[0]
            line = key.start_mark.line + 2  # +1 for 1-based, +1 for the opening ---
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 2
        else:
            break
    return line
