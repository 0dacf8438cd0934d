"""A tiny handbook with diagrams, for tests/test_diagrams.py."""

project = "Diagramtest"
language = "nl"
extensions = ["myst_parser", "sphinxcontrib.mermaid", "handbook"]
source_suffix = {".md": "markdown"}
myst_fence_as_directive = ["mermaid"]
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
mermaid_version = ""
html_theme = "furo"
exclude_patterns = ["_build", "node_modules"]
