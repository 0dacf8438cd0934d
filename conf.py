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

# --- Link check (issue 5): `make linkcheck`, Sphinx's linkcheck builder ------
# Polite and bounded: a slow server costs at most timeout x (retries + 1).
linkcheck_timeout = 15  # seconds per request
linkcheck_retries = 2  # a second and third try for flaky servers
linkcheck_workers = 4  # parallel requests; the work is waiting, not computing
# A server that answers 429 Too Many Requests is retried after the delay it
# asks for, but never waits longer than this in total (default 300 s).
linkcheck_rate_limit_timeout = 60.0
linkcheck_report_timeouts_as_broken = True  # a link nobody can open is broken
linkcheck_ignore = [
    # The preview servers of `make serve` and `make livehtml`: they exist only
    # while an author runs them on their own machine.
    r"^https?://(127\.0\.0\.1|localhost)(:\d+)?(/|$)",
    # LinkedIn answers status 999 to every client that is not a logged-in
    # browser, so a working link would always be reported broken.
    r"^https://([a-z]+\.)?linkedin\.com/",
    # X (Twitter) refuses automated clients (400/403) for pages that open fine
    # in a browser.
    r"^https://(www\.)?(x|twitter)\.com/",
    # Instagram blocks and rate-limits anonymous clients (429, login wall).
    r"^https://(www\.)?instagram\.com/",
]
# --- end link check ----------------------------------------------------------
# --- content (issue 4): worksheet styles for print ---
html_css_files += ["werkblad.css"]
