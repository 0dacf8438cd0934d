"""The ``pdf`` builder: the single-page HTML build, printed by a real browser.

Owns the Sphinx side of the PDF export: the builder class, its settings
(``handbook_pdf_*`` in conf.py), what it collects from the doctree (diagram
locations, plays and their summaries) and the summary line. Printing itself
lives in ``printing`` (browser), the PDF post-processing in ``outline``.

Why a browser and not LaTeX: Mermaid only renders in a browser, and Chromium
writes a tagged PDF with bookmarks; Sphinx's LaTeX route does neither.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.i18n import format_date

from ..model import domain

logger = logging.getLogger(__name__)



class PDFExportError(SphinxError):
    """The export cannot make a good PDF; ``problems`` are (location, message)."""

    category = "PDF-export mislukt"

    def __init__(self, message: str, problems: list[tuple[str | None, str]] | None = None):
        super().__init__(message)
        self.problems = problems or [(None, message)]


@dataclass
class Diagram:
    """Where a Mermaid diagram comes from, to name it when it fails."""

    location: str
    label: str


@dataclass
class Play:
    docname: str
    title: str
    summary: str = ""
    workshop: bool = False  # has a workshop block: a script and a canvas


@dataclass
class Workshop:
    """A workshop page, printed as a bundle (pdf/workshops.py)."""

    docname: str
    title: str
    plays: list[str]
    info: str  # date, times and place, for the cover


@dataclass
class BookInfo:
    title: str
    subtitle: str
    edition: str
    date: str
    author: str
    filename: str
    language: str  # BCP 47, as conf.py's language ("nl")
    diagrams: list[Diagram] = field(default_factory=list)
    plays: list[Play] = field(default_factory=list)
    workshops: list[Workshop] = field(default_factory=list)


def diagram_from_node(node: nodes.Element, srcdir: Path) -> Diagram:
    source, line = node.source, node.line
    parent = node.parent
    while (source is None or line is None) and parent is not None:
        source = source or parent.source
        line = line or parent.line
        parent = parent.parent
    where = Path(source).resolve() if source else None
    try:
        shown = where.relative_to(srcdir.resolve()).as_posix() if where else "?"
    except ValueError:
        shown = str(where)
    code = node.get("code", "")
    label = next(
        (ln.split(":", 1)[1].strip() for ln in code.splitlines() if ln.strip().startswith("accTitle:")),
        next((ln.strip() for ln in code.splitlines() if ln.strip()), "(leeg diagram)"),
    )
    return Diagram(f"{shown}:{line}" if line else shown, label)


def browser_problem() -> str | None:
    """Why no browser can print, with how to get one; None when one is found."""
    from ..browser import INSTALL_HINT, BrowserNotFound, find_browser

    try:
        find_browser()
    except BrowserNotFound as exc:
        return str(exc) if INSTALL_HINT in str(exc) else f"{exc} {INSTALL_HINT}"
    return None


def unwrap_toctree_sections(tree: nodes.document) -> None:
    """A section that holds only a table of contents ("## Inhoud" above a
    toctree) would print its heading alone: each chapter the toctree pulls in
    starts on a new page. On paper the book has its own contents, so such a
    section gives way to its chapters; its ids stay on the wrapper, for links.
    A page's own title stays: a chapter made of chapters only prints its
    title on a page of its own, as a part's title page."""
    from sphinx import addnodes

    for section in list(tree.findall(nodes.section)):
        if isinstance(section.parent, (addnodes.start_of_file, nodes.document)):
            continue
        body = section.children[1:]
        if not section.children or not isinstance(section.children[0], nodes.title) or not body:
            continue
        if all(isinstance(child, nodes.compound) and "toctree-wrapper" in child["classes"]
               for child in body):
            wrappers = list(body)
            wrappers[0]["ids"] = [*section["ids"], *wrappers[0]["ids"]]
            section.replace_self(wrappers)


def lift_chapters(tree: nodes.document) -> None:
    """The chapters of the start page become top-level sections of the book.

    The single page nests every chapter inside the start page's section, so
    each chapter's title would be an H2 and its sections one level down: on
    paper (and in the PDF's tags) a chapter is a top level of its own, H1
    like the start page (PDF/UA: headings start at H1, none skipped). The
    start page keeps what comes before its first table of contents."""
    for root in [child for child in tree.children if isinstance(child, nodes.section)]:
        first = next((index for index, child in enumerate(root.children)
                      if isinstance(child, nodes.compound) and "toctree-wrapper" in child["classes"]), None)
        if first is None:
            continue
        chapters = root.children[first:]
        del root.children[first:]
        position = tree.index(root) + 1
        for offset, chapter in enumerate(chapters):
            chapter.parent = tree
            tree.children.insert(position + offset, chapter)
def _release_date(config: Any) -> datetime.datetime | None:
    value = config.handbook_release_date
    return datetime.datetime.fromisoformat(value) if value else None


class PDFBuilder(SingleFileHTMLBuilder):
    """Writes the single HTML page, then prints it and the play handouts to PDF."""

    name = "pdf"
    epilog = "De PDF staat in %(outdir)s."

    # Set when the export could not make a good PDF; fail_build() turns it
    # into the exit status, also without -W.
    handbook_failed = False

    def init(self) -> None:
        super().init()
        self._started = time.monotonic()
        self._diagrams: list[Diagram] = []
        # Without a browser there is nothing to print with: say so before the
        # reading starts, once (diagrams.choose_mode stays silent about it).
        self.handbook_browser_problem = browser_problem()
        if self.handbook_browser_problem:
            logger.error("PDF-export: %s", self.handbook_browser_problem)

    def assemble_doctree(self) -> nodes.document:
        from sphinxcontrib.mermaid import mermaid

        tree = super().assemble_doctree()
        unwrap_toctree_sections(tree)
        lift_chapters(tree)
        # The n-th Mermaid node is the n-th `.mermaid` element on the page.
        self._diagrams = [diagram_from_node(n, Path(self.srcdir)) for n in tree.findall(mermaid)]
        return tree

    def book_info(self) -> BookInfo:
        config, env = self.config, self.env
        dom = domain.get(env)
        plays = [Play(doc, env.titles[doc].astext(), record["summary"] or "",
                      doc in dom.workshops())
                 for doc, record in sorted(dom.plays().items())]
        language = config.language or "en"
        return BookInfo(
            title=config.project,
            subtitle=config.handbook_pdf_subtitle,
            edition=config.release or config.version,
            # The edition's date (handbook_release_date), else the build's day.
            date=format_date("%-d %B %Y", date=_release_date(config), language=language),
            author=config.author,
            filename=config.handbook_pdf_filename,
            language=language,
            diagrams=self._diagrams,
            plays=plays,
            workshops=self._workshops(),
        )

    def _workshops(self) -> list[Workshop]:
        import datetime

        from babel.dates import format_date as babel_date

        from ..model import aggregate

        env, found = self.env, []
        index = aggregate.get_index(env)
        for doc, record in sorted(domain.get(env).workshop_pages().items()):
            view = aggregate.view(index, doc, "workshop")
            day = babel_date(datetime.date.fromisoformat(record["date"]), format="full",
                             locale=self.config.language or "en")
            info = f"{day}, {view['start']} tot {view['end']} uur, {record['place']}"
            found.append(Workshop(doc, env.titles[doc].astext(), record["plays"], info))
        return found

    def finish(self) -> None:
        super().finish()
        if self.handbook_browser_problem:
            # Reported when the build started; the pages were still read, so
            # every author error is listed in the same run.
            self.handbook_failed = True
            return
        from ..diagrams import assets
        from ..diagrams import build as diagrams
        from . import printing

        # Mermaid and the diagrams' stylesheets are normally written at
        # build-finished; the browser prints before that.
        assets.copy_mermaid(self.confdir, self.outdir)
        diagrams.write_stylesheets(self)
        try:
            result = printing.export(Path(self.outdir), self.book_info(), self.config.handbook_pdf_timeout)
        except PDFExportError as exc:
            # An author's mistake, not a crash: say where, as Sphinx does, and
            # fail the build without Sphinx's "report a bug" traceback.
            for location, message in exc.problems:
                logger.error("PDF-export: %s", message, location=location)
            self.handbook_failed = True
            return
        for docname, missing in result.handout_gaps.items():
            if missing is None:
                logger.warning(
                    "geen werkblad: deze play staat in geen enkele inhoudsopgave (toctree)",
                    location=(docname, None),
                    type="handbook",
                    subtype="handout",
                )
                continue
            logger.warning(
                "werkblad mist de sectie(s) %s; geef de play een kop met die naam "
                "(zie README, 'PDF en werkbladen')",
                ", ".join(missing),
                location=(docname, None),
                type="handbook",
                subtype="handout",
            )
        if result.ua_problems:
            logger.info("PDF/UA niet verklaard: %s", "; ".join(result.ua_problems[:5]))
        seconds = time.monotonic() - self._started
        workshops = result.workshops
        logger.info(
            "PDF: %s, %d pagina's, %.1f MB, %.1f s (waarvan printen %.1f s); %d werkbladen, "
            "%d draaiboeken, %d canvassen; workshops: %s (%.1f s)",
            result.path.relative_to(Path(self.outdir).parent),
            result.pages,
            result.size / 1_000_000,
            seconds,
            result.print_seconds,
            len(result.handouts),
            len(workshops.scripts) if workshops else 0,
            len(workshops.canvases) if workshops else 0,
            ", ".join(str(p.relative_to(Path(self.outdir).parent)) for p in workshops.bundles)
            if workshops and workshops.bundles else "geen",
            workshops.seconds if workshops else 0.0,
        )


def fail_build(app: Sphinx, exception: Exception | None) -> None:
    """A failed export fails the build. A builder has no public handle on
    the exit status; an event handler has (``app.statuscode``)."""
    if getattr(app.builder, "handbook_failed", False):
        app.statuscode = 1


def setup(app: Sphinx) -> None:
    app.add_builder(PDFBuilder)
    # Used only when printing: changing them rebuilds nothing.
    app.add_config_value("handbook_pdf_filename", "handboek", "", types=[str])
    app.add_config_value("handbook_pdf_subtitle", "", "", types=[str])
    # Seconds to wait for the page and every diagram before giving up.
    app.add_config_value("handbook_pdf_timeout", 60, "", types=[int, float])
