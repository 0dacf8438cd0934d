"""Every Sphinx event the handbook extension listens to, in one place.

Read this to know what runs when. Handlers live in the module that owns the
concern; this function only connects them, in this order, which is the order
Sphinx calls handlers of one event with the same priority. Priorities are
Sphinx's default (500) unless stated, with the reason next to them.
(The speed-ups are a separate extension with their own list:
``handbook.speedups``.)
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import guard, summary
from .diagrams import build as diagrams
from .directives import evidence, learning, overviews, session, workshop, workshops
from .directives import governance as gov
from .directives import programme as programme_list
from .i18n import theme
from .incremental import search_entries, toc_rewrites, views
from .incremental.reread import ReadChanges
from .model import checks, datafiles, frontmatter, programme, references, unsafe
from .pdf import builder as pdf_builder
from .web import (
    assets,
    compress,
    csp,
    minify,
    page,
    preview,
    search,
    search_pages,
    stable_config,
    static_changes,
    style,
    tables,
    tasklist,
    tokens,
)


def connect(app: Sphinx) -> None:
    # -- one build at a time; after an interrupted one, start afresh (guard.py) --
    # Priority 1: before anything reads the doctrees (Sphinx loads the pickled
    # environment right after config-inited). The marker goes last (1000),
    # after every handler that writes files. Damaged doctrees are read again.
    app.connect("config-inited", guard.start, priority=1)
    app.connect("build-finished", guard.finish, priority=1000)
    app.connect("env-get-outdated", guard.damaged_doctrees)

    # -- start-up ---------------------------------------------------------------
    # Our own static folders: CSP helper script and the generated blocks'
    # stylesheet. At config-inited, before Sphinx compares the configuration
    # with the pickled one: later, each rebuild reports it as changed.
    app.connect("config-inited", csp.add_static)
    app.connect("config-inited", style.add_static_path)
    # Settings upstream code changes during a build, made stable between
    # builds (web/stable_config.py). Priority 900: after Sphinx's own
    # config-inited conversions (800).
    app.connect("config-inited", stable_config.settle_css_files, priority=900)
    app.connect("config-inited", stable_config.add_sphinx_design_static)
    # Our Dutch messages for a page in no toctree and an unknown {ref} label
    # replace Sphinx's English ones (model/references.py).
    app.connect("config-inited", references.take_over)
    app.connect("builder-inited", stable_config.drop_repeated_static, priority=900)
    # The clock for the closing "Pagina's geschreven" line (summary.py).
    app.connect("builder-inited", summary.start)
    # make livehtml: collect this build's problems for the banner (web/preview.py).
    app.connect("builder-inited", preview.start)
    # Our search ranking (html_search_scorer), unless conf.py names one.
    app.connect("config-inited", search.set_scorer)
    # Build-time diagrams need a browser: find it once, or fall back.
    app.connect("builder-inited", diagrams.choose_mode)
    # Furo's hard-coded English labels go through gettext while it loads.
    app.connect("builder-inited", theme.install)
    # -- the organisation's look (issue 23) --
    # The stylesheet from the design tokens, before any page links it (its
    # ?v= checksum); a token set without AA contrast stops the build here.
    app.connect("builder-inited", tokens.write_stylesheet)
    # No publisher in conf.py: one line says the pages name none.
    app.connect("builder-inited", page.announce_publisher)

    # -- which pages to read and write ----------------------------------------
    # Each ReadChanges describes the pages about to be read again, before
    # (priority 900: after any handler that changes the list) and after.
    view_changes = ReadChanges(views.view_inputs)
    rewrites = toc_rewrites.Rewrites()
    for changes in (view_changes, rewrites.navigation, rewrites.tocs):
        app.connect("env-get-outdated", changes.outdated)
        app.connect("env-before-read-docs", changes.before_read, priority=900)
    # An edited translation catalog changes every page.
    app.connect("env-get-outdated", theme.outdated_by_catalog)

    # -- reading (per page, also in parallel readers) -------------------------
    # Front matter that is not YAML: one Dutch warning at the line, and the
    # block blanked so MyST adds no English one on line 1.
    app.connect("source-read", frontmatter.check_syntax)
    # Raw HTML that would run or load something: an author error.
    app.connect("doctree-read", unsafe.check_raw_html)
    app.connect("doctree-read", diagrams.collect)
    app.connect("doctree-read", learning.set_heading_levels)
    app.connect("doctree-read", session.read_session)
    app.connect("doctree-read", evidence.read_play)
    # After the session and play records: their summary is the page's
    # description on the search page.
    app.connect("doctree-read", search_pages.read)
    # Workshops (issue 17): a play's workshop block, its steps' sum, the card.
    app.connect("doctree-read", workshop.read_play_workshop)
    # A workshop page's agenda, checklist and materials sections; priority
    # 400: before Sphinx's table-of-contents collector (500) reads the page,
    # so the generated sections are in the page's own contents.
    app.connect("doctree-read", workshops.read_workshop_page, priority=400)

    # -- after reading (main process) -----------------------------------------
    # Draws every diagram the cache lacks, before the parallel write.
    app.connect("env-updated", diagrams.render_missing)
    # Overviews announce the diagrams they will insert while writing.
    app.connect(diagrams.LATE_EVENT, overviews.late_diagrams)
    # Pages whose generated blocks changed; then every page when a title or
    # the page tree changed (Furo shows them all in each sidebar).
    app.connect("env-get-updated", lambda app, env: views.get_updated(app, env, view_changes))
    app.connect("env-get-updated", rewrites.every_page)
    # A new token stylesheet: every page again, for its new ?v= checksum.
    app.connect("env-get-updated", tokens.pages_with_old_checksum)
    # The same for an edited static file (a bundle named by its content):
    # every page, and the fingerprint kept once the build has finished.
    app.connect("env-get-updated", static_changes.pages_with_old_assets)
    app.connect("build-finished", static_changes.remember)
    # Duplicate ids, unknown plays, plays without evidence: need every page.
    app.connect("env-check-consistency", checks.check)
    # -- programme and data files (issue 20) ------------------------------------
    # Events and vocabularies, read once in the main process before any page;
    # a session that moved reads the programme toctree again; one order and
    # one start time per session of an event; the session list is filled in.
    app.connect("builder-inited", datafiles.load)
    app.connect("env-get-outdated", programme.outdated)
    app.connect("env-check-consistency", programme.check)
    app.connect("doctree-resolved", programme_list.resolve)
    # A renamed event leaves words without pages in a rebuilt search index.
    app.connect("html-collect-pages", search_entries.without_unused_words)
    app.connect("env-check-consistency", references.not_in_any_toctree)
    app.connect("env-check-consistency", workshops.check)

    # -- writing ---------------------------------------------------------------
    # Diagram stylesheets before the pages, so their links carry ?v= checksums.
    app.connect("write-started", diagrams.write_css)
    # Only parents of pages whose sections changed are written again.
    app.connect("write-started", rewrites.parents_of_changed_tocs)
    # Before Sphinx loads searchindex.js (Sphinx issue 12599).
    app.connect("write-started", search_entries.restore)
    # Generated blocks are filled from the aggregate index.
    app.connect("doctree-resolved", session.resolve)
    app.connect("doctree-resolved", evidence.resolve)
    app.connect("doctree-resolved", overviews.resolve)
    app.connect("doctree-resolved", workshops.resolve)
    app.connect("doctree-resolved", tasklist.label_checkboxes)
    # After the generated blocks above: their tables need a scroll region too.
    app.connect("doctree-resolved", tables.wrap_tables)
    # Sphinx copies the static files again after write-started; the first
    # page (priority 1: before any handler reads them, before any page takes
    # a ?v= checksum) finishes the copies in place: Sphinx's Dutch search
    # messages are incomplete (filled in), and the website's are minified.
    app.connect("write-started", minify.start)
    app.connect("html-page-context", minify.at_first_page, priority=1)
    app.connect("html-page-context", diagrams.add_page_css)
    # The admonitions' token colours, only on pages with a note, warning etc.
    app.connect("html-page-context", tokens.add_page_css)
    app.connect("html-page-context", search.page_assets)
    # Before 499: the Mermaid pair below puts back the scripts of a page
    # without a doctree (search) as they were at 499.
    app.connect("html-page-context", search_pages.page_assets, priority=450)
    # One viewport tag; publisher, contact and print line for _templates/page.html.
    app.connect("html-page-context", page.page_context)
    # Around sphinxcontrib-mermaid's install_js (priority 500): keep its
    # script only where the reader's browser draws the diagrams.
    app.connect("html-page-context", diagrams.scripts_before_mermaid, priority=499)
    app.connect("html-page-context", diagrams.scripts_after_mermaid, priority=501)
    # After Furo's own handler (500), which builds the navigation tree.
    app.connect("html-page-context", theme.translate_navigation, priority=900)
    # Last (950): drops sphinx-design's and Pygments' files from pages that do
    # not use them, after every handler that adds files.
    app.connect("html-page-context", assets.only_what_the_page_uses, priority=950)
    # After the pages are written: Sphinx's map back; index entries in page order.
    app.connect("html-collect-pages", rewrites.restore)
    app.connect("html-collect-pages", search_entries.in_page_order)

    # A {term}, {ref} or {doc} that resolves to nothing: a Dutch message at
    # the reference's own line instead of Sphinx's English one.
    app.connect("warn-missing-reference", references.missing_reference)

    # -- finishing ---------------------------------------------------------------
    app.connect("build-finished", diagrams.copy_mermaid)
    app.connect("build-finished", rewrites.restore)
    # Trimmed stylesheets no page links to any more (web/assets), before the
    # compressed copies are made.
    app.connect("build-finished", assets.remove_unused_copies)
    # Last (900): other build-finished handlers may still add files to hash.
    app.connect("build-finished", csp.write_snippets, priority=900)
    # After every file of the site is written, also the CSP snippets' folder
    # (950): .gz and .br copies of the text files, the compression snippets.
    app.connect("build-finished", compress.write_compressed, priority=950)
    # A PDF export that could not make a good PDF fails the build.
    app.connect("build-finished", pdf_builder.fail_build)
    # After every handler that writes files: count the pages written.
    app.connect("build-finished", summary.finish, priority=950)
    # Also after a build that stopped: the banner then says so.
    app.connect("build-finished", preview.finish, priority=950)

    # -- owner, review dates, change notes, feedback (directives/governance.py) --
    # After the advice blocks exist: a play or advice page needs a block.
    app.connect("doctree-read", gov.read_page)
    # Pages whose meta or list changed, also when no page was read (a date
    # passed, handbook_owner changed).
    app.connect("env-get-updated", gov.get_updated)
    app.connect("doctree-resolved", gov.resolve)
    app.connect("html-page-context", gov.page_context)
    # One notice line with the count of pages to review (not a warning).
    app.connect("build-finished", gov.notice)
