"""Sphinx settings for the SMWNL handbook. Settings only: logic lives in _ext/."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project -------------------------------------------------------------------

project = "Handboek Social & Innovatie bij de overheid"
author = "Communicatieteams van de overheid"
copyright = "2026, " + author
release = "2026.1"

language = "nl"
html_search_language = "nl"
# Each result shows the page's description (handbook/web/search_pages.py),
# not a snippet from fetching every result page in full.
html_show_search_summary = False

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.mermaid",
    "sphinx_last_updated_by_git",  # "Laatst bijgewerkt op" from git
    "notfound.extension",  # the Dutch 404 page
    "handbook",  # _ext/handbook: sessions, learnings, plays, diagrams, PDF
    # The same site, built faster (_ext/handbook/speedups). Remove this line
    # to build without them: the output stays the same, byte for byte.
    "handbook.speedups",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    ".*",
    "_build",
    ".venv",
    "node_modules",
    "README.md",
    "MAINTAINERS.md",
    ".venv-compat",
    "tests",
    "_templates",
    "tools",
    ".ci",
    "_server",  # web server snippets (compression), copied into the build's _server/
]
templates_path = ["_templates"]

# Warnings are errors (Makefile passes -W --keep-going -n); every reference
# must resolve.
nitpicky = True
suppress_warnings = [
    # Without git history (a copy without .git, a shallow clone) a page simply
    # shows no date: these are not errors, so they must not fail the build.
    "git.subprocess_error",
    "git.command_not_found",
    "git.too_shallow",
    "git.unhandled_files",
]

# Dutch for the theme's labels (Furo, sphinx-basic-ng) and for the few HTML
# labels Sphinx's own Dutch catalog lacks: locale/nl/LC_MESSAGES/sphinx.po.
# Sphinx compiles it to sphinx.mo on every build and merges it with its own.
locale_dirs = ["locale"]

# -- MyST: the syntax our authors use (front matter is on by default) ----------

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

# -- Handbook checks -------------------------------------------------------------

# Every session page carries at least this many learnings (schrijven.md asks
# for three); fewer is an author error with file and line.
handbook_min_learnings = 3

# -- Diagrams --------------------------------------------------------------------

# The build draws every diagram as SVG (_ext/handbook/diagrams/). Without a
# browser it falls back to Mermaid in the reader's browser, served from the
# build, never from a CDN: the extension copies the ES-module build and its
# chunks from node_modules into _static/mermaid/.
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
mermaid_version = ""

# -- HTML ------------------------------------------------------------------------

html_theme = "furo"
html_title = "Handboek Social & Innovatie"
html_static_path = ["_static"]
html_css_files = [
    "handbook.css",
    # Print view and PDF export (make pdf): one print stylesheet for both.
    ("print.css", {"media": "print"}),
    "werkblad.css",  # each worksheet prints on a page of its own
    "interface.css",  # 404 page and interface details
    "a11y.css",  # visible keyboard focus where Furo removes it (WCAG 2.4.7)
    "reader.css",  # spacing, Dutch hyphenation, link cards, footer (issue 22)
    "governance.css",  # owner and review line, overdue notice, feedback (issue 19)
]
html_copy_source = False
html_show_sourcelink = False
html_favicon = "_static/favicon.svg"

# "Laatst bijgewerkt op 5 maart 2026": the date of the page's last commit
# (sphinx-last-updated-by-git), month names in Dutch because language = "nl".
html_last_updated_fmt = "%-d %B %Y"
git_last_updated_timezone = "Europe/Amsterdam"
# Keep the edit link on a page that git does not know (yet).
git_untracked_show_sourcelink = True

html_theme_options = {
    "navigation_with_keys": False,
    # "Pagina bewerken": fill in the repository's web address (https, GitHub,
    # GitLab or Bitbucket) to put an edit link on every page; leave it empty
    # and no page shows one. For another host, set "source_edit_link"
    # instead, e.g. "https://git.example.org/team/handboek/_edit/main/{filename}".
    "source_repository": "",
    "source_branch": "main",
    "source_directory": "",
    "top_of_page_buttons": ["edit"],
    # Logo: our own SVGs, a light and a dark variant.
    "light_logo": "logo-light.svg",
    "dark_logo": "logo-dark.svg",
}

# -- Look and publisher (issue 23) -----------------------------------------------

# The look: an npm package with your organisation's NL Design System design
# tokens (add it to package.json, like Mermaid). The build maps its basis-*
# tokens onto the theme, light and dark, and onto the diagrams, and stops
# when they give too little contrast (_ext/handbook/web/tokens.py). Give the
# package name, or the path of its variables file inside node_modules, e.g.
# "@rijkshuisstijl-community/design-tokens/dist/uitvoerend-lintblauw/index.json".
# Default: the neutral example theme of NL Design System (EUPL-1.2).
handbook_design_tokens = "@nl-design-system-unstable/voorbeeld-design-tokens"
# The heading font the tokens name (Voorbeeld: Noto Serif), served from the
# build: one weight, Latin only, from its Fontsource npm package (package.json;
# never from another server). Off: the reader's system fonts. On costs about
# 15 KB on every page, and the pages are near their 150 KB budget, so it is off.
handbook_self_hosted_fonts = False

# Who publishes the handbook: the name of your organisation or team, shown
# above the title in the sidebar and in the footer of every page. Empty on
# purpose: we do not know who publishes your copy, and a made-up name would
# mislead readers. While it is empty, no page names a publisher and the build
# says so. Fill it in before you publish.
handbook_publisher = ""
# Its logo, a light and a dark variant: files in _static/ (both, or none).
handbook_publisher_logo_light = ""
handbook_publisher_logo_dark = ""
# How readers reach the publisher: a mail address (shown as a mail link), a web
# address, or a line of text. Fill in a real team mailbox or intranet page
# before you publish; while it is empty, the footer names no contact.
handbook_contact = ""
# The accessibility statement, linked in the footer: a page of the handbook
# (its name) or a web address. A page that does not exist (yet) is not linked.
handbook_accessibility_statement = "toegankelijkheid"
# The team that owns the pages (_ext/handbook/model/governance.py), shown under
# each play's and advice page's title; a page's governance: block may name
# another. A team, never a person. Empty: handbook_publisher.
handbook_owner = ""
# Every play and advice page must carry owner and review dates.
handbook_review_required = True
# The date of this edition (release), YYYY-MM-DD: landing page and PDF cover.
handbook_release_date = "2026-12-03"

# The 404 page (sphinx-notfound-page). Its links are absolute from this
# prefix: "/" when the site is served at the web root, "/handboek/" when it is
# served at https://intranet.example/handboek/. See README.
notfound_urls_prefix = "/"
notfound_template = "404.html"
notfound_context = {"title": "Pagina niet gevonden", "body": ""}

# -- PDF export (make pdf) -------------------------------------------------------

# _build/pdf/<handbook_pdf_filename>.pdf, handouts in _build/pdf/werkbladen/.
# The cover shows the project, this subtitle and the release.
handbook_pdf_filename = "handboek"
handbook_pdf_subtitle = (
    "#SMWNL 2018, dag 1: Social & Innovation in Government · 14 november 2018 · COMM, Den Haag"
)

# -- Link check (make linkcheck) -------------------------------------------------

# Polite and bounded: a slow server costs at most timeout x retries.
linkcheck_timeout = 15  # seconds per request
linkcheck_retries = 2  # two tries in all, for flaky servers
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
