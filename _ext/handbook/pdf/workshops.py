"""The workshop PDFs, printed in the same browser session as the book.

Per play with a workshop block: a facilitator's script
(``werkbladen/<play>-draaiboek.pdf``, A4) and a canvas
(``werkbladen/<play>-canvas.pdf``, A3 landscape, one box per worksheet
question). Per workshop page: ``workshops/<name>.pdf``, a bundle of cover,
contents, agenda, the plays' scripts and then their handouts. Each handout
starts on a right-hand (odd) page so the bundle prints duplex: Chromium
treats ``break-before: right`` as a plain page break, so the bundle is
printed, the handouts' pages are read back, and a blank page goes before each
one that landed on an even page; then it is printed again.
The page-side code is ``workshop.js``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import outline

if TYPE_CHECKING:
    from .builder import BookInfo

WORKSHOP_JS = Path(__file__).with_name("workshop.js")
BUNDLE_DIR = "workshops"


@dataclass
class Printed:
    scripts: list[Path] = field(default_factory=list)
    canvases: list[Path] = field(default_factory=list)
    bundles: list[Path] = field(default_factory=list)
    ua_problems: list[str] = field(default_factory=list)
    seconds: float = 0.0  # for the summary line: what the workshop PDFs add


def prepare(page: Any) -> None:
    """Before page.js detaches the book: load our script, keep the book."""
    page.add_script_tag(content=WORKSHOP_JS.read_text(encoding="utf-8"))
    page.evaluate("() => handbookWorkshop.keepBook()")


def _finish(page: Any, data: bytes, path: Path, title: str, book: BookInfo, base: str,
            found: Printed) -> None:
    problems = outline.finish_pdf(
        data, path, title, book,
        headings=page.evaluate("() => handbookPdf.headings()"),
        base_url=base,
        link_labels=page.evaluate("() => handbookPdf.linkLabels()"),
        empty_headings=page.evaluate("() => handbookPdf.emptyHeadings()"),
    )
    found.ua_problems += [f"{path.name}: {p}" for p in problems]


def export(page: Any, outdir: Path, handout_dir: Path, book: BookInfo, base: str,
           options: dict[str, Any]) -> Printed:
    started = time.monotonic()
    found = Printed()
    data = {"title": book.title}
    for play in book.plays:
        if not play.workshop:
            continue
        name = play.docname.rsplit("/", 1)[-1]
        if page.evaluate("a => handbookWorkshop.showScript(a)",
                         {"docname": play.docname, "book": data}):
            path = handout_dir / f"{name}-draaiboek.pdf"
            _finish(page, page.pdf(**options), path, f"Draaiboek: {play.title}", book, base,
                    found)
            found.scripts.append(path)
        if page.evaluate("a => handbookWorkshop.showCanvas(a)",
                         {"docname": play.docname, "book": data}):
            path = handout_dir / f"{name}-canvas.pdf"
            _finish(page, page.pdf(**options), path, f"Canvas: {play.title}", book, base, found)
            found.canvases.append(path)
    bundle_dir = outdir / BUNDLE_DIR
    for workshop in book.workshops:
        plays = [{"docname": p.docname, "summary": p.summary}
                 for name in workshop.plays for p in book.plays
                 if p.docname.rsplit("/", 1)[-1] == name]
        ids = page.evaluate("a => handbookWorkshop.showBundle(a)",
                            {"docname": workshop.docname, "plays": plays, "info": workshop.info,
                             "book": data})
        if ids is None:
            continue
        pdf = page.pdf(**options)
        for _ in range(len(ids) + 1):
            starts = outline.target_pages(pdf, ids)
            even = [i for i in ids if starts.get(i, 1) % 2 == 0]
            if not even:
                break
            # One at a time from the first: each blank moves the ones after it.
            page.evaluate("ids => handbookWorkshop.blankBefore(ids)", even[:1])
            pdf = page.pdf(**options)
        path = bundle_dir / f"{workshop.docname.rsplit('/', 1)[-1]}.pdf"
        _finish(page, pdf, path, f"Workshop: {workshop.title}", book, base, found)
        found.bundles.append(path)
    page.evaluate("() => handbookWorkshop.hide()")
    found.seconds = time.monotonic() - started
    return found
