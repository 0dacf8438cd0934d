# A tiny handbook: two sessions, two plays, the overview pages.
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.mermaid", "handbook", "handbook.speedups"]
language = "nl"
myst_enable_extensions = ["colon_fence"]
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
mermaid_version = ""
exclude_patterns = ["_build", "node_modules"]
html_theme = "basic"
handbook_workshop_required = False  # this root is about other things
