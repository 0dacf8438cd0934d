"""A tiny handbook for the PDF tests: one session, two plays, two diagrams.

The test copies this folder next to symlinks to the real `_ext` and
`node_modules`, so the extension and Mermaid are the real ones.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Testhandboek"
author = "Testteam"
release = "0.1"
language = "nl"
extensions = ["myst_parser", "sphinxcontrib.mermaid", "handbook"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext", "node_modules", "_static"]
myst_enable_extensions = ["colon_fence", "tasklist", "attrs_block"]
myst_fence_as_directive = ["mermaid"]
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
mermaid_version = ""
html_theme = "furo"
html_title = "Testhandboek"
# `_static` is a link to the real one: the same print stylesheet.
html_static_path = ["_static"]
html_css_files = [("print.css", {"media": "print"})]
handbook_pdf_subtitle = "Testdag, 14 november 2018, Den Haag"
# The content model's checks that this tiny sample fails on purpose (a session
# without learnings, plays no learning supports) are not what these tests are
# about. Only those: a broken diagram (handbook.diagram) must still fail.
suppress_warnings = ["handbook.session-learnings", "handbook.play-evidence"]
