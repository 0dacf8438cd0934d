"""Compiled page templates kept between builds.

Every build process compiles Furo's and Sphinx's page templates from source
before it writes the first page: about 0.1 s of a one-page rebuild. Jinja can
keep the compiled code on disk (its FileSystemBytecodeCache) and checks each
template's source checksum when it loads it, so an edited template is compiled
again. The cache folder sits next to the doctrees; its name is a digest of
what the compiled code depends on besides the source (versions and the Jinja
environment's settings), so a changed setting never loads old code.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

import jinja2
import sphinx
from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

FOLDER = "handbook-templates"
# Environment settings that change the code Jinja compiles a template to.
COMPILE_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string",
    "variable_end_string", "comment_start_string", "comment_end_string",
    "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
    "newline_sequence", "keep_trailing_newline", "optimized", "autoescape",
    "is_async",
)


def cache_folder(app: Sphinx, environment: jinja2.Environment) -> Path:
    settings = [repr(getattr(environment, name, None)) for name in COMPILE_SETTINGS]
    depends = repr((
        sys.version, jinja2.__version__, sphinx.__version__, type(environment).__qualname__,
        sorted(environment.extensions), settings,
    ))
    digest = hashlib.sha256(depends.encode()).hexdigest()[:16]
    return Path(app.doctreedir) / FOLDER / digest


def use_cache(app: Sphinx) -> None:
    environment: Any = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not isinstance(environment, jinja2.Environment) or environment.bytecode_cache:
        return
    folder = cache_folder(app, environment)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", use_cache)
    # Also loadable on its own (the tests do).
    return {"parallel_read_safe": True, "parallel_write_safe": True}
