"""Printing the single-page build with a headless browser (Playwright).

Owns everything that happens in the browser: a loopback server with a bounded
lifetime, waiting for the Mermaid diagrams, the cover, the table of contents
with page numbers (print twice, read the pages back), and one handout per
play. The page-side code is ``page.js``; the look is ``_static/print.css``.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import browser_watchdog, loopback
from ..browser import BrowserNotFound, find_browser
from . import outline, workshops

if TYPE_CHECKING:
    from .builder import BookInfo

PAGE_JS = Path(__file__).with_name("page.js")
HANDOUT_DIR = "werkbladen"
# The server never outlives the export, even if the browser hangs.
SERVER_LIFETIME = 600
PDF_OPTIONS: dict[str, Any] = dict(
    format="A4",
    print_background=True,
    prefer_css_page_size=True,
    tagged=True,
    outline=True,
)
MAX_TOC_PASSES = 3


@dataclass
class Result:
    path: Path
    pages: int
    size: int
    print_seconds: float
    handouts: list[Path] = field(default_factory=list)
    # Per play: the workshop sections it lacks, or None when it is not in the book.
    handout_gaps: dict[str, list[str] | None] = field(default_factory=dict)
    # Why a file is not declared PDF/UA (outline.ua_problems); empty: all are.
    ua_problems: list[str] = field(default_factory=list)
    # Scripts, canvases and workshop bundles (pdf/workshops.py).
    workshops: workshops.Printed | None = None




def export(outdir: Path, book: BookInfo, timeout: float) -> Result:
    from playwright.sync_api import Error as PlaywrightError

    from ..browser import INSTALL_HINT, failure_hint
    from .builder import PDFExportError

    try:
        executable = find_browser()
    except BrowserNotFound as exc:
        hint = str(exc) if INSTALL_HINT in str(exc) else f"{exc} {INSTALL_HINT}"
        raise PDFExportError(hint) from None

    started = time.monotonic()
    target = outdir / f"{book.filename}.pdf"
    handout_dir = outdir / HANDOUT_DIR
    # A failed export must not leave last time's PDF behind as if it were new.
    target.unlink(missing_ok=True)
    shutil.rmtree(handout_dir, ignore_errors=True)
    shutil.rmtree(outdir / workshops.BUNDLE_DIR, ignore_errors=True)
    # Every call on the browser runs under a watchdog (handbook.browser_watchdog):
    # page.pdf and page.evaluate have no timeout of their own, so a browser
    # that freezes while printing ends as a timeout, not a hung build.
    with loopback.serve(outdir, lifetime=SERVER_LIFETIME) as base:
        try:
            with browser_watchdog.session(executable, timeout) as browser:
                context = browser.new_context(color_scheme="light", locale="nl-NL")
                context.set_default_timeout(timeout * 1000)
                page = context.new_page()
                page.goto(base + "index.html", wait_until="load")
                page.add_script_tag(content=PAGE_JS.read_text(encoding="utf-8"))
                wait_for_diagrams(page, book, timeout)
                # From here on the page is laid out as on paper, so what the
                # script measures (visible headings) is what gets printed.
                page.emulate_media(media="print")
                page.evaluate("book => handbookPdf.prepareBook(book)", _book_data(book))
                data = print_with_toc_pages(page)
                ua_problems = outline.finish_pdf(
                    data, target, book.title, book,
                    headings=page.evaluate("() => handbookPdf.headings()"),
                    chapters=page.evaluate("() => handbookPdf.tocEntries()"),
                    base_url=base,
                    link_labels=page.evaluate("() => handbookPdf.linkLabels()"),
                    empty_headings=page.evaluate("() => handbookPdf.emptyHeadings()"),
                )
                pages = outline.page_count(target)

                handouts: list[Path] = []
                gaps: dict[str, list[str] | None] = {}
                handout_dir.mkdir()
                workshops.prepare(page)
                page.evaluate("() => handbookPdf.detachBook()")
                for play in book.plays:
                    missing = page.evaluate(
                        "args => handbookPdf.showHandout(args)",
                        {"docname": play.docname, "summary": play.summary, "book": _book_data(book)},
                    )
                    if missing is None:
                        gaps[play.docname] = None
                        continue
                    if missing:
                        gaps[play.docname] = missing
                    path = handout_dir / f"{play.docname.rsplit('/', 1)[-1]}.pdf"
                    handout_problems = outline.finish_pdf(
                        page.pdf(**PDF_OPTIONS), path, f"Werkblad: {play.title}", book,
                        headings=page.evaluate("() => handbookPdf.headings()"),
                        base_url=base,
                        link_labels=page.evaluate("() => handbookPdf.linkLabels()"),
                        empty_headings=page.evaluate("() => handbookPdf.emptyHeadings()"),
                    )
                    ua_problems += [f"{path.name}: {p}" for p in handout_problems]
                    handouts.append(path)
                    page.evaluate("() => handbookPdf.hideHandout()")
                printed = workshops.export(page, outdir, handout_dir, book, base, PDF_OPTIONS)
                ua_problems += printed.ua_problems
        except PlaywrightError as exc:
            raise PDFExportError(failure_hint(exc, timeout, "handbook_pdf_timeout")) from None
    return Result(target, pages, target.stat().st_size, time.monotonic() - started, handouts, gaps,
                  ua_problems, printed)


def _book_data(book: BookInfo) -> dict:
    return {
        "title": book.title,
        "subtitle": book.subtitle,
        "edition": book.edition,
        "date": book.date,
    }


def wait_for_diagrams(page, book: BookInfo, timeout: float) -> None:
    """Every `.mermaid` must hold a real diagram; name the ones that do not."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from .builder import PDFExportError

    try:
        page.wait_for_function(
            "() => handbookPdf.diagramStates().every(s => s !== 'pending')",
            timeout=timeout * 1000,
            polling=100,
        )
    except PlaywrightTimeout:
        pass
    states = page.evaluate("() => handbookPdf.diagramStates()")
    problems: list[tuple[str | None, str]] = []
    for index, state in enumerate(states):
        if state in ("ok", "hidden"):
            continue
        diagram = book.diagrams[index] if len(book.diagrams) == len(states) else None
        name = f"diagram '{diagram.label}'" if diagram else f"diagram nr. {index + 1}"
        why = (
            "Mermaid meldt een syntaxfout; controleer de code van het diagram"
            if state == "error"
            else f"niet getekend binnen {timeout:g} seconden"
        )
        problems.append((diagram.location if diagram else None, f"{name}: {why}. Er is geen PDF gemaakt."))
    if problems:
        raise PDFExportError("niet elk diagram is getekend", problems)


def print_with_toc_pages(page) -> bytes:
    """Print, read each chapter's page back, fill the TOC, print again.

    The TOC reserves room for its numbers from the first pass, so filling them
    in does not move anything; a further pass only runs if it did.
    """
    pages: dict[str, int] = {}
    data = b""
    for _ in range(MAX_TOC_PASSES):
        data = page.pdf(**PDF_OPTIONS)
        found = outline.target_pages(data, page.evaluate("() => handbookPdf.tocTargets()"))
        if found == pages:
            break
        pages = found
        page.evaluate("pages => handbookPdf.setTocPages(pages)", pages)
    return data
