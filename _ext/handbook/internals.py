"""Every reliance on a private upstream internal, and every upstream bug we
work around, in one register.

Each entry names what we lean on, which of our modules does, and a *probe*:
a quick look at the installed upstream code that returns ``None`` while our
assumption holds, and otherwise a message that says what changed and what to
do. ``tests/test_internals.py`` runs every probe, so an upgrade of Sphinx,
Furo, MyST or sphinxcontrib-mermaid fails loudly in one named test instead of
silently changing the output; ``make compat`` runs them against the newest
releases. ``python -m handbook.internals`` prints the register.

Two kinds:

- ``private``: we use something upstream does not promise to keep. When the
  probe fails, update the named module or switch it off.
- ``workaround``: we repair an upstream bug. When the probe fails, upstream
  fixed it: remove the workaround.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class Internal:
    name: str
    kind: Literal["private", "workaround"]
    upstream: str  # what we lean on, or the bug
    used_by: str  # our module
    probe: Callable[[], str | None]

    def check(self) -> str | None:
        try:
            found = self.probe()
        except Exception as exc:  # an import or attribute that is gone
            found = f"{type(exc).__name__}: {exc}"
        if found is None:
            return None
        action = ("must be updated or switched off" if self.kind == "private"
                  else "is no longer needed: remove it")
        return f"{self.upstream}: {found}. {self.used_by} {action}."


def _source(obj: object) -> str:
    return inspect.getsource(obj)  # type: ignore[arg-type]


# -- probes -------------------------------------------------------------------

def _furo_navigation() -> str | None:
    import furo
    from furo import navigation

    if not hasattr(furo, "_compute_navigation_tree"):
        return "Furo no longer has _compute_navigation_tree"
    source = _source(furo._compute_navigation_tree)
    from .speedups.navigation import FURO_CALL

    for key, value in FURO_CALL.items():
        if f"{key}={value!r}" not in source:
            return f"Furo no longer asks the toctree for {key}={value!r}"
    if not hasattr(navigation, "get_navigation_tree"):
        return "furo.navigation.get_navigation_tree is gone"
    return None


def _table_row_indices() -> str | None:
    from sphinx.writers.html5 import HTML5Translator

    if "_table_row_indices" not in _source(HTML5Translator):
        return "Sphinx's HTML5Translator no longer counts rows in _table_row_indices"
    return None


def _write_documents() -> str | None:
    from sphinx.builders import Builder

    source = _source(Builder.write_documents)
    if "self.parallel_ok" not in source:
        return "Builder.write_documents no longer decides on parallel_ok"
    return None


def _static_copied_before_pages() -> str | None:
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder

    write = _source(Builder.write)
    order = [write.find(part) for part in ("'write-started'", "self.copy_assets()",
                                           "self.write_documents(")]
    if -1 in order or order != sorted(order):
        return ("Builder.write no longer emits write-started, then copies the assets, "
                "then writes the pages")
    if "_write_docname(firstname" not in _source(Builder._write_parallel):
        return "Builder._write_parallel no longer writes the first page in the main process"
    if "copy_static_files" not in _source(StandaloneHTMLBuilder.copy_assets):
        return "StandaloneHTMLBuilder.copy_assets no longer copies the static files"
    return None


def _files_to_rebuild() -> str | None:
    from sphinx.builders import Builder

    source = _source(Builder.write)
    started, parents = source.find("'write-started'"), source.find("env.files_to_rebuild")
    if started == -1 or parents < started:
        return ("Builder.write no longer adds env.files_to_rebuild (toctree parents) "
                "after emitting write-started")
    return None


def _search_index_entries() -> str | None:
    from sphinx import search

    if "_search_index_index_entries" not in _source(search):
        return "the IndexBuilder no longer keeps index entries in env._search_index_index_entries"
    if "indexentries" in _source(search.IndexBuilder.load):
        return "IndexBuilder.load restores index entries now (Sphinx issue 12599 fixed)"
    return None


def _dutch_search_messages() -> str | None:
    import sphinx

    from .i18n.search_js import PREFIX, SUFFIX

    js = Path(sphinx.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "sphinx.js"
    text = js.read_text(encoding="utf-8").strip()
    data = json.loads(text[len(PREFIX):-len(SUFFIX)])
    empty = [k for k, v in data["messages"].items() if not v or v == ["", ""]]
    boolean_plural = data.get("plural_expr") == "(n != 1)"
    if not empty and not boolean_plural:
        return "Sphinx's Dutch search catalog is complete and its plural rule is a number"
    return None


def _furo_literals() -> str | None:
    from .i18n.theme import FURO_DIR, literals

    found = [text for path in FURO_DIR.rglob("*.html")
             for text in literals(path.read_text(encoding="utf-8"))]
    if not found:
        return "Furo's templates hold no hard-coded English labels any more"
    return None


def _furo_wrapper_ids() -> str | None:
    import furo

    if "update_all_atts" not in _source(furo.WrapTableAndMathInAContainerTransform):
        return "Furo no longer copies a table's attributes (ids) onto its wrapper"
    return None


def _mermaid_script() -> str | None:
    from sphinxcontrib import mermaid

    if 'app.connect("html-page-context", install_js)' not in _source(mermaid.setup):
        return "sphinxcontrib-mermaid no longer adds its script from install_js at priority 500"
    if "app.add_js_file(" not in _source(mermaid.install_js):
        return "sphinxcontrib-mermaid's install_js no longer adds its script with add_js_file"
    if not callable(getattr(mermaid, "html_visit_mermaid", None)):
        return "sphinxcontrib-mermaid no longer has html_visit_mermaid"
    return None


def _mermaid_list_labels() -> str | None:
    from .diagrams import package
    from .diagrams.render import LIST_LABEL_ERROR

    bundle = Path(__file__).resolve().parents[2] / package.PACKAGE / "dist" / package.BUNDLE
    if LIST_LABEL_ERROR not in bundle.read_text(encoding="utf-8"):
        return "Mermaid no longer throws on SVG labels that read as a Markdown list"
    return None


def _template_environment() -> str | None:
    from sphinx.jinja2glue import BuiltinTemplateLoader

    if "self.environment = " not in _source(BuiltinTemplateLoader.init):
        return "Sphinx's template loader no longer keeps its Jinja environment in .environment"
    return None


def _css_priority_in_place() -> str | None:
    from sphinx.builders.html import StandaloneHTMLBuilder

    if "attrs.setdefault('priority', 800)" not in _source(StandaloneHTMLBuilder.init_css_files):
        return "init_css_files no longer sets priority 800 in the config's own attribute dicts"
    return None


def _sphinx_design_static() -> str | None:
    from sphinx_design import extension

    if not hasattr(extension, "STATIC_DIR"):
        return "sphinx_design.extension has no STATIC_DIR"
    if "html_static_path.append" not in _source(extension.add_static_assets):
        return "add_static_assets no longer appends to html_static_path at builder-inited"
    return None


def _myst_reference_resolver() -> str | None:
    from myst_parser.sphinx_ext.myst_refs import MystReferenceResolver

    if MystReferenceResolver.default_priority != 9:
        return f"MystReferenceResolver now runs at {MystReferenceResolver.default_priority}, not 9"
    params = list(inspect.signature(MystReferenceResolver.log_warning).parameters)
    if params[:4] != ["self", "target", "msg", "subtype"]:
        return f"MystReferenceResolver.log_warning takes {params}"
    if "MystWarnings.XREF_MISSING" not in _source(MystReferenceResolver.run):
        return "MystReferenceResolver.run no longer reports XREF_MISSING through log_warning"
    return None


def _not_included_check() -> str | None:
    from sphinx.environment import BuildEnvironment

    code = _source(BuildEnvironment.check_consistency)
    for part in ("files_to_rebuild", "self.included", "'orphan'", "subtype='not_included'"):
        if part not in code:
            return f"BuildEnvironment.check_consistency no longer uses {part}"
    return None


def _std_ref_warning() -> str | None:
    from sphinx.domains.std import warn_missing_reference

    code = _source(warn_missing_reference)
    if "type='ref'" not in code or "subtype=node['reftype']" not in code:
        return "the std domain no longer logs its own {ref} warning as ref.ref"
    return None


def _toctree_parse_content() -> str | None:
    from sphinx.directives.other import TocTree

    code = _source(TocTree.parse_content)
    for part in ("toctree['entries'].append((None, docname))", "toctree['includefiles']"):
        if part not in code:
            return f"TocTree.parse_content no longer fills {part}"
    return None


def _furo_file(*parts: str) -> str:
    import furo

    return Path(furo.__file__).parent.joinpath("theme", "furo", *parts).read_text(encoding="utf-8")


def _furo_drawers() -> str | None:
    page = _furo_file("page.html")
    for needed in ('id="__navigation"', 'id="__toc"', 'class="sidebar-drawer"',
                   'class="toc-drawer', '<label class="nav-overlay-icon" for="__navigation">',
                   '<label class="toc-overlay-icon toc-header-icon',
                   '<label class="toc-overlay-icon toc-content-icon'):
        if needed not in page:
            return f"Furo's page.html no longer has {needed}"
    return None


def _furo_drawer_keyboard() -> str | None:
    page = _furo_file("page.html")
    script = _furo_file("static", "scripts", "furo.js")
    if re.search(r'<(button|[^>]*tabindex)[^>]*(nav|toc)-overlay-icon', page):
        return "Furo's menu and contents buttons take focus now"
    if "inert" in script:
        return "Furo's script makes something inert now (its closed drawers?)"
    return None


def _furo_toctree_checkbox() -> str | None:
    css = _furo_file("static", "styles", "furo.css")
    if ".toctree-checkbox{display:none" not in css:
        return "Furo no longer hides the sidebar's expand checkboxes with display: none"
    return None


def _furo_mobile_brand() -> str | None:
    page = _furo_file("page.html")
    body = page.split("{% block body -%}", 1)
    if len(body) != 2:
        return "Furo's page.html no longer has the block body"
    header = re.search(r'<header class="mobile-header">(.*?)</header>', body[1], re.S)
    if header is None:
        return "Furo's page.html no longer has <header class=\"mobile-header\">"
    if re.search(r"{%-?\s*block\b", header.group(1)):
        return "Furo's mobile header has a block of its own now: override that instead"
    center = header.group(1).split('<div class="header-center">', 1)
    if len(center) != 2 or '"><div class="brand">' not in center[1].split("</div>\n", 1)[0]:
        return "Furo's mobile header no longer puts its title in <div class=\"brand\"> in the link of .header-center"
    if page.count('<div class="brand">') != 1:
        return "Furo's page.html has more than one <div class=\"brand\"> now"
    return None


def _sphinx_build_files() -> str | None:
    from sphinx import application
    from sphinx.builders import html

    if application.ENV_PICKLE_FILENAME != "environment.pickle":
        return f"Sphinx's environment pickle is now {application.ENV_PICKLE_FILENAME!r}"
    if "'.buildinfo'" not in _source(html.StandaloneHTMLBuilder.get_outdated_docs):
        return "the html builder no longer decides what to write from .buildinfo"
    if "config-inited" not in _source(application.Sphinx.__init__).split("_init_env(")[0]:
        return "Sphinx no longer emits config-inited before it loads the environment pickle"
    return None


def _sphinx_search_page() -> str | None:
    import sphinx

    js = (Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js")
    text = js.read_text(encoding="utf-8")
    for needed in ('searchSummary.classList.add("search-summary")',
                   'let listItem = document.createElement("li")',
                   "linkUrl = docName + docLinkSuffix", "linkEl.href = linkUrl + anchor",
                   "} else if (showSearchSummary)",
                   'if (typeof Scorer === "undefined")', "Scorer.score(item)"):
        if needed not in text:
            return f"searchtools.js no longer has {needed}"
    return None


def _second_viewport() -> str | None:
    from docutils.writers import html5_polyglot
    from sphinx.builders.html import StandaloneHTMLBuilder

    if 'name="viewport"' not in _source(html5_polyglot.HTMLTranslator.__init__):
        return "docutils' HTML5 writer no longer adds a viewport meta tag"
    if "visitor.meta[2:]" not in _source(StandaloneHTMLBuilder.write_doc):
        return "Sphinx no longer passes docutils' meta tags from the third on to metatags"
    return None


def _page_assets() -> str | None:
    import furo
    from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

    from .web import assets

    if not assets.design_stylesheet().is_file():
        return "sphinx-design's stylesheet is no longer at static/sphinx-design.min.css"
    import sphinx_design.extension as sd

    added = _source(sd.add_static_assets)
    if 'add_css_file("sphinx-design.min.css")' not in added or '"design-tabs.js"' not in added:
        return "sphinx-design no longer adds sphinx-design.min.css and design-tabs.js"
    if _CascadingStyleSheet("x").filename != "x" or _JavaScript("x").filename != "x":
        return "Sphinx's page assets no longer carry their path in .filename"
    if "get_pygments_stylesheet()" not in _source(furo._overwrite_pygments_css):
        return "Furo no longer writes pygments.css from get_pygments_stylesheet()"
    return None


def _furo_prefetch_as() -> str | None:
    import furo

    base = (Path(furo.__file__).parent / "theme" / "furo" / "base.html").read_text(encoding="utf-8")
    if "{%- block logo_prefetch_links %}" not in base:
        return "Furo's base.html no longer has the block logo_prefetch_links"
    if 'rel="prefetch"' not in base or 'as="image"' not in base:
        return "Furo no longer prefetches the logos with as=\"image\""
    return None


def _search_unused_words() -> str | None:
    from types import SimpleNamespace

    from sphinx.search import IndexBuilder

    fake = SimpleNamespace(_mapping={"woord": set()}, _title_mapping={})
    terms, _ = IndexBuilder.get_terms(fake, {})  # type: ignore[arg-type]
    if "woord" not in terms:
        return "IndexBuilder.get_terms no longer keeps a word without pages"
    return None


def _search_stopword_case() -> str | None:
    from sphinx.search.nl import SearchDutch

    if not SearchDutch({}).word_filter("Het"):
        return "SearchDutch.word_filter now drops a stop word written with a capital"
    return None


def _theme_stylesheets() -> str | None:
    import furo
    from sphinx.jinja2glue import BuiltinTemplateLoader

    from .web import assets

    if "stylesheet = styles/furo.css" not in _furo_file("theme.conf"):
        return "Furo's theme stylesheet is no longer styles/furo.css"
    if 'add_css_file("styles/furo-extensions.css"' not in _source(furo):
        return "Furo no longer adds styles/furo-extensions.css"
    if {f"_static/{n}" for n in ("styles/furo.css", "styles/furo-extensions.css")} != set(
            assets.THEME_SHEETS):
        return "handbook.web.assets.THEME_SHEETS no longer names Furo's two stylesheets"
    for name in ("furo.css", "furo-extensions.css"):
        css = _furo_file("static", "styles", name)
        if re.search(r"url\(\s*(?!['\"]?data:)", css):
            return f"Furo's {name} loads a file by a relative url() now"
    if "{{ furo_navigation_tree }}" not in _furo_file("sidebar", "navigation.html"):
        return "Furo's sidebar no longer takes the navigation as the string furo_navigation_tree"
    init = _source(BuiltinTemplateLoader.init)
    if "self.environment = " not in init or not hasattr(BuiltinTemplateLoader, "get_source"):
        return "Sphinx's template loader no longer has .environment and get_source"
    return None


def _playwright_driver_process() -> str | None:
    from playwright._impl import transport

    from .browser_watchdog import DRIVER_ARG

    source = _source(transport.PipeTransport.connect)
    if "create_subprocess_exec" not in source:
        return "Playwright no longer starts its driver as a child process of Python"
    if f'"{DRIVER_ARG}"' not in source:
        return f"Playwright no longer starts its driver with the argument {DRIVER_ARG!r}"
    return None


REGISTER: tuple[Internal, ...] = (
    Internal("furo-navigation", "private",
             "Furo's _compute_navigation_tree call and furo.navigation.get_navigation_tree",
             "handbook.speedups.navigation", _furo_navigation),
    Internal("table-row-indices", "private",
             "Sphinx HTML5Translator._table_row_indices (row-odd/row-even counter)",
             "handbook.speedups.matrix", _table_row_indices),
    Internal("write-documents", "private",
             "Sphinx Builder.write_documents and Builder.parallel_ok",
             "handbook.speedups.small_builds", _write_documents),
    Internal("static-copied-before-pages", "private",
             "Sphinx copies the static files after write-started and before the first page, "
             "which the main process writes also with -j (Builder.write, _write_parallel)",
             "handbook.web.minify", _static_copied_before_pages),
    Internal("files-to-rebuild", "private",
             "Sphinx env.files_to_rebuild, read by Builder.write after write-started",
             "handbook.incremental.toc_rewrites", _files_to_rebuild),
    Internal("template-environment", "private",
             "Sphinx BuiltinTemplateLoader.environment (the Jinja environment)",
             "handbook.i18n.theme", _template_environment),
    Internal("mermaid-script", "private",
             "sphinxcontrib-mermaid's install_js (html-page-context, 500) and html_visit_mermaid",
             "handbook.diagrams.build", _mermaid_script),
    Internal("page-assets", "private",
             "sphinx-design's stylesheet in its package, the .filename of Sphinx's css_files "
             "and script_files entries, Furo's get_pygments_stylesheet",
             "handbook.web.assets", _page_assets),
    Internal("search-index-entries", "workaround",
             "Sphinx issue 12599 (index entries lost from searchindex.js on rebuilds), "
             "via env._search_index_index_entries",
             "handbook.incremental.search_entries", _search_index_entries),
    Internal("dutch-search-messages", "workaround",
             "Sphinx's Dutch translations.js (empty search messages, boolean plural rule)",
             "handbook.i18n.search_js", _dutch_search_messages),
    Internal("furo-literals", "workaround",
             "Furo's hard-coded English labels in its templates",
             "handbook.i18n.theme", _furo_literals),
    Internal("mermaid-list-labels", "workaround",
             "Mermaid throws on an SVG label that starts like a numbered list (\"1. Doel\")",
             "handbook.diagrams.render", _mermaid_list_labels),
    Internal("second-viewport", "workaround",
             "A second viewport meta tag on every page (docutils' HTML5 writer adds one, "
             "Sphinx passes it on in metatags next to the theme's own)",
             "handbook.web.page", _second_viewport),
    Internal("furo-prefetch-as", "workaround",
             "Furo's logo prefetch links carry as=\"image\", allowed on preload only "
             "(block logo_prefetch_links in base.html)",
             "_templates/base.html", _furo_prefetch_as),
    Internal("furo-wrapper-ids", "workaround",
             "Furo copies a table's ids onto its table-wrapper div (duplicate ids)",
             "handbook.web.wrapper_ids", _furo_wrapper_ids),
    Internal("css-priority-in-place", "workaround",
             "Sphinx's init_css_files sets priority 800 inside html_css_files "
             "(and the shared epub_css_files), so every rebuild reports both as changed",
             "handbook.web.stable_config", _css_priority_in_place),
    Internal("sphinx-design-static", "workaround",
             "sphinx-design appends sphinx_design.extension.STATIC_DIR to html_static_path at "
             "builder-inited, so every rebuild reports html_static_path as changed",
             "handbook.web.stable_config", _sphinx_design_static),
    Internal("myst-reference-resolver", "private",
             "MyST's MystReferenceResolver (priority 9, log_warning) subclassed to say "
             "'link target not found' in Dutch at the link's line",
             "handbook.model.references", _myst_reference_resolver),
    Internal("not-included-check", "private",
             "Sphinx's check_consistency (env.files_to_rebuild, env.included, orphan), redone "
             "in Dutch; toc.not_included is suppressed",
             "handbook.model.references", _not_included_check),
    Internal("std-ref-warning", "workaround",
             "Sphinx calls every warn-missing-reference handler, so the std domain's English "
             "{ref} warning (ref.ref) comes even when ours answered; it is suppressed",
             "handbook.model.references", _std_ref_warning),
    Internal("toctree-parse-content", "private",
             "Sphinx's TocTree.parse_content (entries and includefiles of a glob toctree), "
             "reordered by title (toctree-by-title) or by programme (toctree-by-programme, "
             "handbook.directives.programme, through SortedGlobTocTree)",
             "handbook.directives.toctree", _toctree_parse_content),
    Internal("furo-drawers", "private",
             "Furo's drawer markup: the __navigation/__toc checkboxes, .sidebar-drawer, "
             ".toc-drawer and their .nav-overlay-icon/.toc-overlay-icon labels",
             "handbook.web.keyboard", _furo_drawers),
    Internal("furo-drawer-keyboard", "workaround",
             "Furo's menu and contents buttons are labels without focus, and its closed "
             "drawers keep their links in the tab order",
             "handbook.web.keyboard", _furo_drawer_keyboard),
    Internal("furo-toctree-checkbox", "workaround",
             "Furo hides the sidebar's expand checkboxes (display: none), out of keyboard reach",
             "handbook.web.keyboard", _furo_toctree_checkbox),
    Internal("sphinx-search-page", "private",
             "Sphinx's searchtools.js: each result an li whose link is the page's address "
             "(its description goes under it), no fetching with html_show_search_summary "
             "off, p.search-summary (the result count) and the Scorer it calls for each result",
             "handbook.web.search", _sphinx_search_page),
    Internal("search-unused-words", "workaround",
             "Sphinx's IndexBuilder keeps a word whose pages were all indexed again without "
             "it, as [] in searchindex.js (a clean build has no entry); the builder's "
             "indexer._mapping and _title_mapping are pruned",
             "handbook.incremental.search_entries", _search_unused_words),
    Internal("search-stopword-case", "workaround",
             "Sphinx's word_filter checks the stop words as written: \"Het\" and \"De\" at "
             "the start of a sentence go into searchindex.js; HandbookDutch.word_filter "
             "lowers the word first",
             "handbook.web.search", _search_stopword_case),
    Internal("theme-stylesheets", "private",
             "Furo's styles/furo.css and styles/furo-extensions.css (no relative url()), its "
             "navigation as a context string, and Sphinx's template loader (.environment, "
             "get_source): the page's templates and classes to trim the theme's CSS by",
             "handbook.web.assets", _theme_stylesheets),
    Internal("sphinx-build-files", "private",
             "Sphinx's file names environment.pickle and .buildinfo (deleted after an "
             "interrupted build so every page is read and written again), and config-inited "
             "coming before the pickle is loaded",
             "handbook.guard", _sphinx_build_files),
    Internal("playwright-driver", "private",
             "Playwright's sync API runs its driver as a child process of Python with the "
             "argument run-driver, and the browser below it: the watchdog kills that tree "
             "when a browser freezes",
             "handbook.browser_watchdog", _playwright_driver_process),
    Internal("furo-mobile-brand", "private",
             "Furo's mobile header (page.html, block body, no block of its own): its title is "
             "the page's only <div class=\"brand\">, in the link of .header-center; the "
             "publisher is put before it",
             "_templates/page.html", _furo_mobile_brand),
)


def problems() -> list[str]:
    return [found for item in REGISTER if (found := item.check()) is not None]


if __name__ == "__main__":
    for item in REGISTER:
        found = item.check()
        print(f"{'OK  ' if found is None else 'FAIL'} {item.name:24} {item.kind:10} {item.used_by}")
        if found:
            print(f"     {found}")
