"""Mermaid diagrams rendered to inline SVG at build time, with a cache.

Owns the Sphinx side of build-time diagrams:

- reading: every ``mermaid`` node (``mermaid`` fences via
  ``myst_fence_as_directive``) is recorded per docname as a plain record;
- after reading (``env-updated``, main process, before the parallel write):
  every diagram missing from the cache is rendered, all in one browser
  session; a Mermaid syntax error is a warning with file and line;
- writing: the HTML visitor inlines the cached SVG (one per diagram, its
  colours custom properties per colour scheme) in a scrolling region that
  never shrinks its text below ``READABLE_PX``, links its stylesheet and the
  same SVG as a file at full size; pages load no Mermaid JavaScript.

The cache lives in the doctree directory (``_build/doctrees/diagram-cache``),
keyed by the diagram source, the Mermaid version and the theme settings.
Without a browser the build falls back to sphinxcontrib-mermaid's in-browser
rendering from the local copy and says so in one line.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinxcontrib import mermaid as sphinx_mermaid

from .. import browser, cachefile
from ..i18n.labels import label
from ..model import domain
from ..model.records import DiagramRecord
from ..model.report import node_line
from ..web import tokens
from . import assets, package, slim
from .render import FONT, READABLE_PX, THEMES, DiagramSyntaxError, MermaidRenderer

logger = logging.getLogger(__name__)

# Bump when the SVG post-processing changes, so old cache entries are unused.
RENDER_VERSION = "5"
CACHE_DIR = "diagram-cache"
CSS_DIR = Path("_static") / "diagrams"
TOGGLE_CSS = Path(__file__).parent / "static" / "diagrams.css"
ACC_TITLE = re.compile(r"^\s*accTitle\s*:", re.M)
SVG_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S)
PARSE_LINE = re.compile(r"Parse error on line (\d+)")
# Mermaid's directives (%%{init: ...}%%, %%{initialize: ...}%%) change its
# settings, security included.
DIRECTIVE = re.compile(r"%%\s*\{\s*(?:init|initialize)\b", re.I)
# Diagrams the extension writes itself (key-figure charts, the map) set
# their size that way; only an author's diagram may not.
GENERATED = ("handbook-chart", "handbook-map")
CLIENT_ENV = "HANDBOOK_DIAGRAMS"
# Emitted at env-updated: listeners return (docname, code) pairs for diagrams
# they will only insert while writing (generated overviews), so those are
# drawn before the write phase like every other diagram.
LATE_EVENT = "handbook-late-diagrams"


mermaid_version = package.version


def cache_key(code: str, version: str, themes: dict | None = None) -> str:
    """``themes``: the design tokens' (``themes_of``); other tokens, other key."""
    settings = {"code": code, "mermaid": version, "themes": themes or THEMES, "font": FONT,
                "render": RENDER_VERSION}
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


def themes_of(app_or_builder: Any) -> dict:
    """The diagram themes from the design tokens (both have confdir and config)."""
    return tokens.diagram_themes(app_or_builder.confdir, app_or_builder.config)


def cache_dir(doctreedir: str | Path) -> Path:
    return Path(doctreedir) / CACHE_DIR


# The layout of one cache file ({"version": .., "data": <Rendering>}).
ENTRY_VERSION = 1


def _entry_shape(entry: object) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("svg"), str)
            and isinstance(entry.get("css"), str))


def load_entry(doctreedir: str | Path, key: str) -> dict | None:
    """A drawn diagram from the cache; None when it is not there (or was
    damaged: then thrown away with a notice, and drawn again)."""
    return cachefile.read_json(cache_dir(doctreedir) / f"{key}.json", ENTRY_VERSION,
                               "een getekend diagram in de cache", _entry_shape)


def enabled(app: Sphinx) -> bool:
    """Build-time rendering is on (the builder holds the browser to use)."""
    return domain.get(app.env).diagram_browser is not None


# --- reading ---------------------------------------------------------------

def collect(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    records: list[DiagramRecord] = []
    for node in doctree.findall(sphinx_mermaid.mermaid):
        line = node_line(node)
        records.append({"code": node["code"], "line": line})
        generated = any(c in GENERATED for c in node.get("classes", []))
        if DIRECTIVE.search(node["code"]) and not generated:
            # An author's %%{init}%% could set securityLevel: loose (HTML and
            # scripts in labels) or change what the build relies on.
            logger.warning(
                "Dit diagram zet eigen instellingen met '%%{init: ...}%%'. Dat mag niet: het "
                "handboek bepaalt hoe diagrammen getekend worden, ook de veiligheid "
                "(securityLevel: strict). Haal die regel weg.",
                location=(env.docname, line), type="handbook", subtype="diagram")
        if not ACC_TITLE.search(node["code"]):
            logger.warning(
                "Dit diagram heeft geen tekstalternatief. Zet 'accTitle: <korte naam>' "
                "en 'accDescr: <wat het diagram laat zien>' in het diagram.",
                location=(env.docname, line), type="handbook", subtype="diagram")
    if records:
        domain.get(env).set_diagrams(env.docname, records)


def all_records(env: BuildEnvironment) -> dict[str, list[DiagramRecord]]:
    """Diagrams read from the sources plus those announced for the write phase."""
    records = {docname: list(recs) for docname, recs in domain.get(env).diagrams().items()}
    for result in env.events.emit(LATE_EVENT, env):
        for docname, code in result or []:
            records.setdefault(docname, []).append({"code": code, "line": None})
    return records


# --- rendering, once per build in the main process --------------------------

def choose_mode(app: Sphinx) -> None:
    """Build-time SVG when a browser exists; else the in-browser fallback."""
    domain.get(app.env).diagram_browser = None
    if app.builder.format != "html":
        return
    if os.environ.get(CLIENT_ENV) == "client":
        # For comparisons (tools/bench_diagrams.py): the old, in-browser path.
        logger.info(f"Diagrammen: de browser van de lezer tekent ze ({CLIENT_ENV}=client).")
        return
    try:
        domain.get(app.env).diagram_browser = browser.find_browser()
    except browser.BrowserNotFound as exc:
        if os.environ.get(browser.ENV_VAR):
            # An explicit choice that does not work is a mistake, not a
            # fallback: one clear line and a failed build, not a traceback.
            # The pdf builder has said so already (it cannot print either).
            if not getattr(app.builder, "handbook_browser_problem", None):
                logger.error(f"Diagrammen: {exc} {browser.INSTALL_HINT}")
            app.statuscode = 1
            return
        logger.info(
            "Diagrammen: geen Chromium, Chrome of Edge gevonden; de browser van de "
            "lezer tekent ze (met _static/mermaid/). Installeer Chromium om ze "
            "tijdens de bouw te tekenen.")


def render_missing(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Render what the cache lacks; return the pages to write again."""
    if app.builder.format != "html":
        return []
    stale: set[str] = set()
    mode = "svg" if enabled(app) else "client"
    state = domain.get(env).state()
    if state.get("diagram_mode") != mode:
        # Switching between SVG and in-browser rendering changes every page.
        state["diagram_mode"] = mode
        stale.update(domain.get(env).diagrams())
    if mode == "client":
        return sorted(stale)
    records = all_records(env)
    version = mermaid_version(app.confdir)
    themes = themes_of(app)
    cache = cache_dir(app.doctreedir)
    cache.mkdir(parents=True, exist_ok=True)
    todo: dict[str, list[tuple[str, DiagramRecord]]] = {}
    cached = 0
    for docname, recs in sorted(records.items()):
        for record in recs:
            key = cache_key(record["code"], version, themes)
            if load_entry(app.doctreedir, key) is not None:
                cached += 1
            else:
                todo.setdefault(key, []).append((docname, record))
    rendered = 0
    drawer = domain.get(env).diagram_browser
    if todo and drawer is not None:
        from playwright.sync_api import Error as PlaywrightError

        try:
            rendered = _draw(app, drawer, todo, stale, themes)
        except PlaywrightError as exc:
            # Crashed, hung or killed: one line with what to do, no traceback.
            # The pages show the diagrams' source; the build fails.
            timeout = app.config.handbook_diagram_timeout
            logger.error("Diagrammen: " + browser.failure_hint(
                exc, timeout, "handbook_diagram_timeout"))
            rendered = 0
    logger.info(f"Diagrammen: {rendered} getekend, {cached} uit de cache.")
    return sorted(stale)


def _draw(app: Sphinx, drawer: Path, todo: dict[str, list[tuple[str, DiagramRecord]]],
          stale: set[str], themes: dict) -> int:
    cache = cache_dir(app.doctreedir)
    rendered = 0
    with MermaidRenderer(drawer, Path(app.confdir), themes,
                         app.config.handbook_diagram_timeout) as renderer:
        for key, uses in todo.items():
            # A new key on an unchanged page (Mermaid or theme updated)
            # still needs that page written again.
            stale.update(docname for docname, _ in uses)
            code = uses[0][1]["code"]
            try:
                entry = vars(renderer.render(code, key[:12]))
            except DiagramSyntaxError as exc:
                for docname, record in uses:
                    report_syntax_error(docname, record, str(exc))
                continue
            cachefile.write_json(cache / f"{key}.json", ENTRY_VERSION, entry)
            rendered += 1
    return rendered


# What Mermaid's parser found where it expected something else ("got 'PS'"),
# in the words an author uses. Token names are Mermaid's (flowchart grammar).
_GOT = {
    "EOF": "het diagram houdt op terwijl er nog iets moet komen, bijvoorbeeld een vak na een pijl",
    "NEWLINE": "de regel houdt op terwijl er nog iets moet komen, bijvoorbeeld een vak na een pijl",
    "PS": "er staat een haakje '(' op een plek waar een naam van een vak hoort",
    "PE": "er staat een haakje ')' dat niet bij een geopend haakje hoort",
    "SQS": "er staat een '[' op een plek waar een naam van een vak hoort",
    "SQE": "er staat een ']' dat niet bij een geopend '[' hoort",
    "LINK": "er staan twee pijlen achter elkaar, of een pijl zonder vak ervoor",
    "ARROW_POINT": "er staat een pijl zonder vak ervoor",
    "DIAMOND_START": "er staat een '{' op een plek waar een naam van een vak hoort",
}
GOT = re.compile(r"got '([A-Z_]+)'")
_ADVICE = ("Geef elk vak een naam, sluit elk haakje ( [ { en zet elke pijl (-->) tussen "
           "twee vakken.")


def explain(message: str) -> str:
    """One plain Dutch sentence for Mermaid's parse error."""
    got = GOT.search(message)
    found = _GOT.get(got[1]) if got else None
    return f"{found[0].upper()}{found[1:]}. {_ADVICE}" if found else _ADVICE


def report_syntax_error(docname: str, record: DiagramRecord, message: str) -> None:
    line = record["line"]
    match = PARSE_LINE.search(message)
    faulty = ""
    # The fence line plus Mermaid's line within the diagram, unless the
    # directive prepended front matter (then the fence line is the best bet).
    if line and match and not record["code"].startswith("---"):
        number = int(match.group(1))
        line += number
        lines = record["code"].splitlines()
        if 0 < number <= len(lines):
            faulty = f" ('{lines[number - 1].strip()}')"
    # Mermaid's own text stays, indented, for those who want it.
    original = "\n".join(f"    {part}" for part in message.strip().splitlines())
    logger.warning(
        "Mermaid kan deze regel van het diagram niet lezen%s. %s\n    Mermaid zegt:\n%s",
        faulty, explain(message), original,
        location=(docname, line), type="handbook", subtype="diagram")


# --- writing ----------------------------------------------------------------

def visit_mermaid(self, node: nodes.Element) -> None:
    builder = self.builder
    if domain.get(builder.env).diagram_browser is None:
        sphinx_mermaid.html_visit_mermaid(self, node)
        return
    key = cache_key(node["code"], mermaid_version(builder.confdir), themes_of(builder))
    entry = load_entry(builder.doctreedir, key)
    if entry is None:
        # A syntax error, already reported: show the source, not a blank.
        self.body.append(f'<pre class="hb-diagram-error">{self.encode(node["code"])}</pre>\n')
        raise nodes.SkipNode
    seen = self.__dict__.setdefault("_hb_diagrams_seen", Counter())
    seen[key] += 1
    attrs = ' class="hb-diagram'
    if "align" in node:
        attrs += f' align-{node["align"]}'
    attrs += '"'
    if node.get("ids"):
        attrs += f' id="{html.escape(node["ids"][0])}"'
    svg = slim.slim_svg(entry["svg"])
    if seen[key] > 1:
        # A second copy on the same page needs its own ids.
        svg = svg.replace(f"hbd-{key[:12]}", f"hbd-{key[:12]}-{seen[key]}")
    title = SVG_TITLE.search(svg)
    name = html.unescape(title.group(1)).strip() if title else ""
    # Wider than the column, the diagram keeps readable text and scrolls
    # sideways in its own region, which the keyboard can reach (WCAG 1.4.10).
    region = html.escape(label("Diagram: {title}", title=name) if name else label("Diagram"))
    full = posixpath.relpath(f"{CSS_DIR.as_posix()}/{key[:16]}.svg",
                             posixpath.dirname(builder.current_docname))
    self.body.append(
        f"<div{attrs}>\n"
        f'<div class="hb-diagram-scroll" role="region" tabindex="0" aria-label="{region}">'
        f"{svg}</div>\n"
        f'<p class="hb-diagram-full"><a href="{html.escape(full)}">'
        f"{html.escape(label('Diagram at full size'))}</a></p>\n"
        "</div>\n")
    raise nodes.SkipNode


def add_page_css(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree: nodes.document | None) -> None:
    if doctree is None or not enabled(app):
        return
    themes = themes_of(app)
    keys = {cache_key(n["code"], mermaid_version(app.confdir), themes) for n in doctree.findall(sphinx_mermaid.mermaid)}
    if not keys:
        return
    app.add_css_file("diagrams/diagrams.css")
    for key in sorted(keys):
        if (cache_dir(app.doctreedir) / f"{key}.json").is_file():
            app.add_css_file(f"diagrams/{key[:16]}.css")


def write_css(app: Sphinx, builder: Any) -> None:
    write_stylesheets(app.builder)


def sizing_css(entry: dict) -> str:
    """Scale down to fit the column, but never below READABLE_PX text: from
    there on the SVG keeps its width and its region scrolls."""
    width, smallest = entry.get("width") or 0, entry.get("min_font")
    if not width:
        return ""
    floor = width if not smallest else min(width, width * READABLE_PX / smallest)
    stem = entry_stem(entry)
    return f".hbc-{stem}{{min-width:{floor:.0f}px}}\n"


def entry_stem(entry: dict) -> str:
    match = re.search(r'\bid="hbd-([0-9a-f]{12})"', entry["svg"])
    return match.group(1) if match else ""


def standalone_svg(entry: dict, css_name: str) -> str:
    """The SVG as a file of its own, at natural size, light colours; its
    styles come from the diagram's stylesheet (no inline style: the site's
    CSP applies to this file too)."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<?xml-stylesheet href="{css_name}" type="text/css"?>\n'
            + slim.slim_svg(entry["svg"]) + "\n")


def write_stylesheets(builder: Any) -> None:
    """One stylesheet and one full-size SVG file per diagram, shared by every
    page that shows it.

    Written before the pages, so that Sphinx finds them and adds their
    checksum to the links (``?v=``) in a clean build as in a rebuild."""
    if domain.get(builder.env).diagram_browser is None:
        return
    version = mermaid_version(builder.confdir)
    themes = themes_of(builder)
    target = Path(builder.outdir) / CSS_DIR
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(TOGGLE_CSS, target / "diagrams.css")
    written = {"diagrams.css"}
    for records in all_records(builder.env).values():
        for record in records:
            key = cache_key(record["code"], version, themes)
            entry = load_entry(builder.doctreedir, key)
            if entry is not None:
                css = slim.slim_css(entry["css"], entry["svg"]) + sizing_css(entry)
                if not entry.get("themed", True):
                    # Light colours only: keep them on a light card in dark mode.
                    css += f".hbc-{entry_stem(entry)}{{background:#fff}}\n"
                _write_changed(target / f"{key[:16]}.css", css)
                _write_changed(target / f"{key[:16]}.svg", standalone_svg(entry, f"{key[:16]}.css"))
                written.update({f"{key[:16]}.css", f"{key[:16]}.svg"})
    # A diagram that changed or went away leaves no files behind.
    for old in [*target.glob("*.css"), *target.glob("*.svg")]:
        if old.name not in written:
            old.unlink()


def _write_changed(path: Path, text: str) -> None:
    try:
        if path.read_bytes() == text.encode("utf-8"):
            return
    except FileNotFoundError:
        pass
    cachefile.write_atomic(path, text)


# --- sphinxcontrib-mermaid's script -------------------------------------------

def scripts_before_mermaid(app: Sphinx, pagename: str, templatename: str, context: dict,
                           doctree: nodes.document | None) -> None:
    """Remember the page's scripts before sphinxcontrib-mermaid adds its own."""
    context[_SCRIPTS] = list(context.get("script_files", []))


def scripts_after_mermaid(app: Sphinx, pagename: str, templatename: str, context: dict,
                          doctree: nodes.document | None) -> None:
    """Keep sphinxcontrib-mermaid's script only where the reader's browser draws.

    With build-time SVG no page needs Mermaid's JavaScript; and pages without
    a doctree (search, genindex, 404) have no diagram, although upstream
    would load Mermaid there too."""
    before = context.pop(_SCRIPTS, None)
    if before is None or (not enabled(app) and doctree is not None):
        return
    context["script_files"][:] = before


_SCRIPTS = "_handbook_scripts_before_mermaid"


def copy_mermaid(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        assets.copy_mermaid(app.confdir, app.outdir)


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.mermaid")
    # Seconds the browser gets to start and for each drawing step; a browser
    # that hangs stops the build after this, with one line (issue 25).
    app.add_config_value("handbook_diagram_timeout", 60, "", types=[int, float])
    app.add_event(LATE_EVENT)
    # Our HTML visitor for sphinxcontrib-mermaid's node: inline SVG from the
    # cache, or upstream's own visitor when the reader's browser draws.
    app.add_node(sphinx_mermaid.mermaid, override=True, html=(visit_mermaid, None))
