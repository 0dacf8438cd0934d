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


def _template_environment() -> str | None:
    from sphinx.jinja2glue import BuiltinTemplateLoader

    if "self.environment = " not in _source(BuiltinTemplateLoader.init):
        return "Sphinx's template loader no longer keeps its Jinja environment in .environment"
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
    Internal("furo-prefetch-as", "workaround",
             "Furo's logo prefetch links carry as=\"image\", allowed on preload only "
             "(block logo_prefetch_links in base.html)",
             "_templates/base.html", _furo_prefetch_as),
    Internal("furo-wrapper-ids", "workaround",
             "Furo copies a table's ids onto its table-wrapper div (duplicate ids)",
             "handbook.web.wrapper_ids", _furo_wrapper_ids),
)


def problems() -> list[str]:
    return [found for item in REGISTER if (found := item.check()) is not None]


if __name__ == "__main__":
    for item in REGISTER:
        found = item.check()
        print(f"{'OK  ' if found is None else 'FAIL'} {item.name:22} {item.kind:10} {item.used_by}")
        if found:
            print(f"     {found}")
