"""A tiny handbook for the workshop tests: two plays as workshops, one
workshop page with a break, the overview of workshops and formats.

The tests copy this folder next to symlinks to the real `_ext`,
`node_modules` and `_static`, so the extension is the real one.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Testhandboek"
author = "Testteam"
release = "0.1"
language = "nl"
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.mermaid", "handbook"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext", "node_modules", "_static"]
myst_enable_extensions = ["colon_fence", "tasklist", "attrs_block"]
myst_fence_as_directive = ["mermaid"]
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
mermaid_version = ""
html_theme = "furo"
html_title = "Testhandboek"
html_static_path = ["_static"]
html_css_files = [("print.css", {"media": "print"})]
handbook_pdf_subtitle = "Testworkshop"
suppress_warnings = ["handbook.session-learnings", "handbook.play-evidence"]
