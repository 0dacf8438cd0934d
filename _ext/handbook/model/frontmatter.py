"""Front matter: the parsed value of one key, and the source line of a field.

MyST puts front matter into ``env.metadata[docname]`` with nested values as
JSON strings; :func:`value` undoes that. For file:line warnings,
:func:`line_of` finds the line of a field path such as
``("session", "speakers", 0, "name")`` by composing the YAML block of the
source file with PyYAML (a myst-parser dependency), which keeps positions.
:func:`check_syntax` reports a block that is not valid YAML, in Dutch, on the
line where PyYAML found the problem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx

from .report import warn


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
            # A block check_syntax refused (an alias bomb, say) is not read.
            if not block or yaml_problem(block) is not None:
                return None
            data = yaml.load(block, Loader=_NoDates)
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


def _row(block: str, mark: yaml.Mark) -> int:
    """0-based line of ``mark`` as an editor counts it. PyYAML also breaks
    lines at U+2028, U+2029 and U+0085, which editors and MyST do not."""
    return block.count("\n", 0, mark.index)


def _column(block: str, mark: yaml.Mark) -> int:
    return mark.index - (block.rfind("\n", 0, mark.index) + 1)


def line_of(path: str | Path, loc: tuple) -> int:
    """1-based line of the deepest node of ``loc`` found; 1 when unknown."""
    try:
        block = _block(Path(path).read_text(encoding="utf-8"))
        node = yaml.compose(block) if block else None
    except (OSError, yaml.YAMLError):
        return 1
    if not block:
        return 1
    line = 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == part]
            if not match:
                break
            key, node = match[0]
            line = _row(block, key.start_mark) + 2  # +1 for 1-based, +1 for the opening ---
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = _row(block, node.start_mark) + 2
        else:
            break
    return line


def is_broken(path: str | Path) -> bool:
    """Whether the file's front matter is not YAML (check_syntax reported it)."""
    try:
        block = _block(Path(path).read_text(encoding="utf-8"))
    except OSError:
        return False
    return block is not None and yaml_problem(block) is not None


_TEMPLATE = "Vergelijk het blok met _templates/sessie-sjabloon.md."


# Deeper than any field of the schema needs; PyYAML composes recursively and
# would run out of stack on a few thousand levels.
MAX_DEPTH = 20
_OPEN = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken,
         yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken)
_CLOSE = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def _refused(block: str) -> tuple[int, str] | None:
    """Valid YAML the build refuses before loading it (issue 25): anchors and
    aliases, which can make a few lines stand for billions of values (an
    "alias bomb"), and nesting deeper than MAX_DEPTH. The scanner reads the
    text once, in linear time, and expands nothing."""
    depth = 0
    try:
        for token in yaml.scan(block, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return _row(block, token.start_mark), (
                    "De front matter gebruikt een anker (&naam) of een verwijzing (*naam) "
                    f"(kolom {_column(block, token.start_mark) + 1}). Dat kan de bouw laten vastlopen "
                    "en is hier niet toegestaan: schrijf de waarde zelf uit.")
            if isinstance(token, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    return _row(block, token.start_mark), (
                        f"De front matter is te diep genest (meer dan {MAX_DEPTH} niveaus, "
                        f"kolom {_column(block, token.start_mark) + 1}). {_TEMPLATE}")
            elif isinstance(token, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error: yaml_problem explains it
    return None


def yaml_problem(block: str) -> tuple[int, str] | None:
    """(line in the block, 0-based; Dutch message) of the first YAML syntax
    error in ``block``, or None when it is valid YAML."""
    refused = _refused(block)
    if refused is not None:
        return refused
    try:
        yaml.load(block, Loader=_NoDates)
    except RecursionError:
        return 0, (f"De front matter is te diep genest. {_TEMPLATE}")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem, context = exc.problem or "", exc.context or ""
        if mark is None:
            mark = yaml.Mark("", 0, 0, 0, "", 0)
        if "quoted scalar" in context and exc.context_mark is not None:
            # The stream ends inside the quotes: point at where they open.
            mark = exc.context_mark
            quote = block[mark.index:mark.index + 1] or '"'
            text = (f"De front matter is geen geldige YAML: aanhalingsteken niet gesloten. "
                    f"De waarde begint met {quote} (kolom {_column(block, mark) + 1}), maar er staat "
                    f"geen {quote} aan het eind. Zet er een {quote} achter, op dezelfde regel.")
        elif "flow sequence" in context and exc.context_mark is not None:
            mark = exc.context_mark
            text = (f"De front matter is geen geldige YAML: haakje niet gesloten. De lijst "
                    f"begint met [ (kolom {_column(block, mark) + 1}), maar er staat geen ] aan het "
                    "eind. Zet er een ] achter, op dezelfde regel.")
        elif "'\\t'" in problem:
            text = ("De front matter is geen geldige YAML: er staat een tab op deze regel "
                    f"(kolom {_column(block, mark) + 1}). Spring in met spaties, nooit met tabs.")
        elif "mapping values are not allowed" in problem:
            text = ("De front matter is geen geldige YAML: een dubbele punt (:) op deze regel "
                    f"(kolom {_column(block, mark) + 1}) mag daar niet staan. Springt de regel in "
                    "zoals de regel erboven? Staat er een dubbele punt in de tekst zelf, zet de "
                    "hele waarde dan tussen aanhalingstekens, bijvoorbeeld "
                    "'summary: \"Let op: dit\"'.")
        elif "expected <block end>" in problem or "did not find expected" in problem:
            text = ("De front matter is geen geldige YAML: het inspringen klopt niet op deze "
                    f"regel (kolom {_column(block, mark) + 1}). Velden op hetzelfde niveau springen "
                    f"precies evenveel spaties in. {_TEMPLATE}")
        else:
            text = ("De front matter (het blok tussen de twee '---'-regels bovenaan) is geen "
                    f"geldige YAML. Controleer deze regel (kolom {_column(block, mark) + 1}). {_TEMPLATE}")
        parser = "; ".join(part for part in (context, problem) if part)
        return _row(block, mark), f"{text}\n    YAML-lezer: {parser}"
    except yaml.YAMLError as exc:
        return 0, ("De front matter (het blok tussen de twee '---'-regels bovenaan) is geen "
                   f"geldige YAML. {_TEMPLATE}\n    YAML-lezer: {exc}")
    return None


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _quote_impossible_dates(text: str, block: str) -> str:
    """Put quotes around a date PyYAML cannot make (2018-13-45), in place.

    Valid YAML, but MyST's loader raises on it and reports "Malformed YAML"
    in English on line 1, dropping the whole block. Quoted, the value reaches
    the schema as text, and the page's own check reports it in Dutch at the
    field's line. Column positions stay, so every line keeps its number."""
    try:
        root = yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return text
    bad = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [v for pair in node.value for v in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP and node.style is None:
            try:
                yaml.safe_load(node.value)
            except ValueError:
                bad.append(node)
    if not bad:
        return text
    lines = text.split("\n")
    # From the end of each line backwards, so earlier columns stay valid.
    for node in sorted(bad, key=lambda n: n.start_mark.index, reverse=True):
        row = _row(block, node.start_mark) + 1  # the block starts after the first ---
        start, end = _column(block, node.start_mark), _column(block, node.end_mark)
        lines[row] = f'{lines[row][:start]}"{lines[row][start:end]}"{lines[row][end:]}'
    return "\n".join(lines)


def check_syntax(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: one Dutch warning for front matter that is not YAML.

    The block is then blanked out, line for line, so MyST neither reads it nor
    adds its English "Malformed YAML" on line 1; every later line keeps its
    number. Valid YAML is left to MyST and to the page's own checks; a date
    PyYAML cannot make (2018-13-45) is quoted first, so MyST does not reject
    the block (:func:`_quote_impossible_dates`).
    """
    block = _block(source[0])
    if block is None:
        return
    found = yaml_problem(block)
    if found is None:
        source[0] = _quote_impossible_dates(source[0], block)
        return
    line, message = found
    warn("frontmatter-yaml", message, (docname, line + 2))  # +1 for 1-based, +1 for ---
    # Both --- lines and the block between them: as many empty lines.
    size = block.count("\n") + 3 if block else 2
    rest = source[0].split("\n", size)
    source[0] = "\n" * size + (rest[size] if len(rest) > size else "")
