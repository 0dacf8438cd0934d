"""Sphinx settings for the SMWNL handbook. Settings only: logic lives in _ext/."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Handboek Social & Innovatie bij de overheid"
author = "Communicatieteams van de overheid"
copyright = "2026, " + author
release = "2026.1"

language = "nl"
html_search_language = "nl"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.mermaid",
    "handbook",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    ".*",
    "_build",
    ".venv",
    "node_modules",
    "README.md",
    "tests",
    "_templates",
    "tools",
    ".ci",
]
templates_path = ["_templates"]

# MyST: the syntax our authors use. Front matter is on by default.
myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "tasklist",
    "fieldlist",
    "attrs_inline",
    "attrs_block",
]
myst_heading_anchors = 3
# ```mermaid fences become the mermaid directive.
myst_fence_as_directive = ["mermaid"]

# Mermaid is served from the build, never from a CDN: the extension copies the
# ES-module build and its chunks from node_modules into _static/mermaid/.
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
mermaid_version = ""

html_theme = "furo"
html_title = "Handboek Social & Innovatie"
html_static_path = ["_static"]
html_css_files = ["handbook.css"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": False,
}

# Warnings are errors (Makefile passes -W --keep-going -n); every reference
# must resolve.
nitpicky = True

# --- Browser quality gate (issue 7) -------------------------------------------
# a11y.css: visible keyboard focus where Furo removes it (WCAG 2.4.7).
html_css_files += ["a11y.css"]
# An icon of our own: without one, every browser asks for /favicon.ico and
# gets a 404 (a console error on every first visit).
html_favicon = "_static/favicon.svg"
