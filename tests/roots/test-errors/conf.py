# Every author mistake the extension reports, each in a known file and line.
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.mermaid", "handbook"]
language = "nl"
myst_enable_extensions = ["colon_fence"]
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
mermaid_version = ""
exclude_patterns = ["_build", "node_modules"]
html_theme = "basic"
# Plays and advice pages must name owner and review dates (handbook.governance-missing).
handbook_review_required = True
