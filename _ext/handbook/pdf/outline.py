"""Reading a printed PDF back and finishing it with pikepdf.

Owns what the browser cannot set: the document language, the title in the
Info dictionary and XMP, showing that title in the window, and a check that
every chapter has a bookmark. Also finds the page each TOC link lands on, for
the page numbers in the table of contents.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# pikepdf announces its logger bridge at INFO on import; not news for authors.
logging.getLogger("pikepdf").setLevel(logging.WARNING)

import pikepdf  # noqa: E402

from .. import cachefile  # noqa: E402
from . import conformance  # noqa: E402

if TYPE_CHECKING:
    from .builder import BookInfo

def _page_numbers(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}


def _dest_page(dest, named: dict[str, pikepdf.Object], numbers: dict) -> int | None:
    if isinstance(dest, (pikepdf.String, pikepdf.Name)):
        dest = named.get(str(dest))
    if isinstance(dest, pikepdf.Dictionary):
        dest = dest.get("/D")
    if isinstance(dest, pikepdf.Array) and len(dest) and isinstance(dest[0], pikepdf.Dictionary):
        return numbers.get(dest[0].objgen)
    return None


def _named_dests(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    named: dict[str, pikepdf.Object] = {}
    if "/Dests" in pdf.Root:
        for key, value in pdf.Root.Dests.items():
            named[key.lstrip("/")] = value
    if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
        for key, value in pikepdf.NameTree(pdf.Root.Names.Dests).items():
            named[key] = value
    return named


def target_pages(data: bytes, targets: list[str]) -> dict[str, int]:
    """Page numbers for the TOC's targets (element ids), by named destination."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        numbers = _page_numbers(pdf)
        named = _named_dests(pdf)
        return {t: n for t in targets if (n := _dest_page(pikepdf.String(t), named, numbers))}


def relink(pdf: pikepdf.Pdf, base_url: str) -> int:
    """Turn links to the temporary loopback server into links inside the PDF.

    A page that hard-codes ``other/page.html#anchor`` works on the web site but,
    printed from the single page, points at the server that is gone once the
    export ends. Returns how many such links were left without a target.
    """
    named = _named_dests(pdf)
    dead = 0
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            if action is None or action.get("/S") != "/URI" or not str(action.URI).startswith(base_url):
                continue
            path, _, fragment = str(action.URI)[len(base_url):].partition("#")
            doc = "document-" + path.removesuffix(".html").removesuffix("/index") if path else ""
            key = next((k for k in (fragment, doc, doc + "/index") if k and k in named), None)
            del annot["/A"]
            if key:
                annot.Dest = pikepdf.Name("/" + key)
            else:
                dead += 1
    return dead


def describe_links(pdf: pikepdf.Pdf, labels: dict[str, str], base_url: str = "") -> None:
    """Give every link annotation its text as /Contents (PDF/UA 7.18.5).

    ``labels`` maps a link's target ("#id" or its absolute URL) to what the
    link says on the page. Run before :func:`relink`, while links to other
    pages of the book still carry their URL."""
    numbers = _page_numbers(pdf)
    named = _named_dests(pdf)
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link" or str(annot.get("/Contents", "")).strip():
                continue
            action = annot.get("/A")
            text = ""
            if action is not None and action.get("/S") == "/URI":
                uri = str(action.URI)
                text = labels.get(uri) or labels.get("#" + uri.partition("#")[2]) or ""
                if not text and not (base_url and uri.startswith(base_url)):
                    text = f"Link naar {uri}"
            elif "/Dest" in annot:
                dest = annot.Dest
                name = str(dest).lstrip("/") if isinstance(dest, (pikepdf.Name, pikepdf.String)) else ""
                text = labels.get("#" + name, "")
                if not text:
                    number = _dest_page(pikepdf.String(name) if name else dest, named, numbers)
                    text = f"Link naar pagina {number}" if number else "Link"
            annot.Contents = pikepdf.String(text or "Link")


def ua_problems(pdf: pikepdf.Pdf, empty_headings: Sequence[str] = (), language: str = "nl") -> list[str]:
    """Why the file would not be PDF/UA-1, as far as a program can tell: every
    check of :mod:`.conformance` but the claim itself, and no heading printed
    with nothing under it."""
    problems = [str(p) for p in conformance.check(pdf, language=language, identifier=False)]
    return problems + [f"kop zonder iets eronder: {heading!r}" for heading in empty_headings]


def _squash(text: str) -> str:
    return "".join(text.split())


def _walk(items) -> list[pikepdf.OutlineItem]:
    flat = []
    for item in items:
        flat.append(item)
        flat.extend(_walk(item.children))
    return flat


def repair_outline(pdf: pikepdf.Pdf, headings: list[str], chapters: list[dict]) -> None:
    """Give every bookmark its heading's true text; add any missing chapter.

    Chromium builds the outline from the laid-out headings and loses the space
    where a heading wraps ("de overheid" becomes "deoverheid"). Bookmarks and
    headings come in the same order, so match them on the text without spaces.
    """
    numbers = _page_numbers(pdf)
    named = _named_dests(pdf)
    with pdf.open_outline() as outline:
        start = 0
        for item in _walk(outline.root):
            key = _squash(str(item.title))
            for index in range(start, len(headings)):
                if _squash(headings[index]) == key:
                    item.title = headings[index]
                    start = index + 1
                    break
        present = {str(item.title) for item in _walk(outline.root)}
        for chapter in chapters:
            if chapter["title"] in present:
                continue
            page = _dest_page(pikepdf.String(chapter["target"]), named, numbers)
            if page:
                outline.root.append(pikepdf.OutlineItem(chapter["title"], page - 1))


def finish_pdf(
    data: bytes,
    target: Path,
    title: str,
    book: BookInfo,
    headings: Sequence[str] = (),
    chapters: Sequence[dict] = (),
    base_url: str = "",
    link_labels: dict[str, str] | None = None,
    empty_headings: Sequence[str] = (),
) -> list[str]:
    """Language, title, window title, metadata and bookmarks; written to
    ``target``. Declared PDF/UA-1 only when :func:`ua_problems` finds
    nothing; returns what it found."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        repair_outline(pdf, list(headings), list(chapters))
        describe_links(pdf, link_labels or {}, base_url)
        if base_url:
            relink(pdf, base_url)
        pdf.Root.Lang = pikepdf.String(book.language)
        # The running title, page numbers, backgrounds and borders are in no
        # tag: say they are artifacts (PDF/UA 01-005).
        conformance.mark_artifacts(pdf)
        # PDF/UA: links are visited in the order of the structure tree.
        for page in pdf.pages:
            if "/Annots" in page.obj:
                page.obj.Tabs = pikepdf.Name.S
        prefs = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
        prefs.DisplayDocTitle = True
        pdf.Root.ViewerPreferences = prefs
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
            meta["dc:language"] = [book.language]
            meta["dc:creator"] = [book.author]
            meta["dc:description"] = book.subtitle or title
            meta["pdf:Producer"] = "Sphinx + Chromium (handbook pdf-builder)"
        pdf.docinfo["/Title"] = title
        pdf.docinfo["/Author"] = book.author
        pdf.docinfo["/Subject"] = book.subtitle or title
        problems = ua_problems(pdf, empty_headings, book.language)
        if not problems:
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["pdfuaid:part"] = "1"
        # Saved beside and renamed into place: a browser or build stopped
        # half-way never leaves half a PDF at the final path.
        buffer = io.BytesIO()
        pdf.save(buffer)
    cachefile.write_atomic(target, buffer.getvalue())
    return problems


def page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)
