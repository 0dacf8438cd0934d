"""The PDF/UA-1 checkpoints a program can check, read back from a finished PDF.

Pure functions over a :class:`pikepdf.Pdf`: each returns the problems it
finds, typed, with the Matterhorn Protocol 1.1 failure condition (or, where
the protocol has no machine test, the ISO 14289-1 clause as ``UA1:<clause>``)
and a Dutch message for the build log. :func:`check` runs them all; the
export claims PDF/UA-1 (``pdfuaid:part``) only when it finds nothing
(``outline.finish_pdf``), and the tests run it on every PDF the build makes.

What a program cannot judge (is the alt text right, is the reading order
logical, is a header really a header) needs a person: see README, 'PDF en
werkbladen'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

import pikepdf

HEADINGS = {f"/H{n}": n for n in range(1, 7)}
# Operators that put marks on the page: text, painted paths, images, shadings.
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
PAINT = TEXT_SHOW | {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "INLINE IMAGE"}


@dataclass(frozen=True)
class Problem:
    checkpoint: str  # Matterhorn failure condition ("14-003") or ISO clause ("UA1:7.1")
    message: str  # Dutch, for authors and maintainers
    page: int | None = None

    def __str__(self) -> str:
        where = f" (pagina {self.page})" if self.page else ""
        return f"{self.checkpoint}: {self.message}{where}"


# ---- walking the structure tree ------------------------------------------------

def _kids(element: pikepdf.Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(node) -> bool:
    return isinstance(node, pikepdf.Dictionary) and "/S" in node


def role_of(pdf: pikepdf.Pdf, element: pikepdf.Dictionary) -> str:
    """The element's standard type, through the role map (cycles stop)."""
    role = str(element.S)
    rolemap = pdf.Root.get("/StructTreeRoot", pikepdf.Dictionary()).get("/RoleMap", pikepdf.Dictionary())
    seen = set()
    while role in rolemap and role not in seen:
        seen.add(role)
        role = str(rolemap[role])
    return role


def elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, in document (reading) order."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        return
    stack = [k for k in reversed(_kids(root))]
    seen: set = set()
    while stack:
        node = stack.pop()
        if not _is_element(node):
            continue
        key = node.objgen if node.is_indirect else id(node)
        if key in seen:
            continue
        seen.add(key)
        yield node
        stack.extend(reversed(_kids(node)))


def _descendants(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    stack = list(reversed(_kids(element)))
    while stack:
        node = stack.pop()
        if _is_element(node):
            yield node
            stack.extend(reversed(_kids(node)))


def _attributes(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    attrs = element.get("/A")
    if attrs is None:
        return []
    items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
    return [a for a in items if isinstance(a, pikepdf.Dictionary)]


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


# ---- the checks ------------------------------------------------------------------

def check_tagged(pdf: pikepdf.Pdf) -> list[Problem]:
    problems = []
    if "/StructTreeRoot" not in pdf.Root:
        problems.append(Problem("UA1:7.1", "niet getagd: er is geen structuurboom (StructTreeRoot)"))
    mark = pdf.Root.get("/MarkInfo", pikepdf.Dictionary())
    if mark.get("/Marked") is not True:
        problems.append(Problem("UA1:7.1", "niet als getagd gemarkeerd (MarkInfo /Marked is niet true)"))
    if mark.get("/Suspects") is True:
        problems.append(Problem("01-007", "de tags zijn onbetrouwbaar verklaard (MarkInfo /Suspects is true)"))
    return problems


def check_language(pdf: pikepdf.Pdf, language: str = "nl") -> list[Problem]:
    lang = _text(pdf.Root.get("/Lang"))
    if not lang:
        return [Problem("11-001", "de taal van het document is niet opgegeven (/Lang)")]
    if lang.lower().split("-")[0] != language.lower():
        return [Problem("11-007", f"de taal van het document is {lang!r}, niet {language!r}")]
    return []


def check_title(pdf: pikepdf.Pdf) -> list[Problem]:
    problems = []
    if "/Metadata" not in pdf.Root:
        problems.append(Problem("06-001", "er zijn geen XMP-metadata"))
    else:
        with pdf.open_metadata() as meta:
            if not _text(meta.get("dc:title")):
                problems.append(Problem("06-003", "de titel staat niet in de XMP-metadata (dc:title)"))
    prefs = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
    if "/DisplayDocTitle" not in prefs:
        problems.append(Problem("07-001", "het venster toont niet de titel (DisplayDocTitle ontbreekt)"))
    elif prefs.DisplayDocTitle is not True:
        problems.append(Problem("07-002", "het venster toont niet de titel (DisplayDocTitle is false)"))
    return problems


def check_headings(pdf: pikepdf.Pdf) -> list[Problem]:
    problems = []
    levels = []
    generic = False
    for element in elements(pdf):
        role = role_of(pdf, element)
        if role in HEADINGS:
            levels.append(HEADINGS[role])
        elif role == "/H":
            generic = True
    if generic and levels:
        problems.append(Problem("14-007", "het document gebruikt zowel H als H1-H6"))
    if levels and levels[0] != 1:
        problems.append(Problem("14-002", f"de eerste kop is H{levels[0]}, niet H1"))
    for number, (before, level) in enumerate(pairwise(levels), start=2):
        if level > before + 1:
            problems.append(Problem(
                "14-003", f"kopniveau overgeslagen: H{level} na H{before} (kop nr. {number})"))
    return problems


def check_figures(pdf: pikepdf.Pdf) -> list[Problem]:
    missing = sum(
        1 for e in elements(pdf)
        if role_of(pdf, e) == "/Figure" and not (_text(e.get("/Alt")) or _text(e.get("/ActualText"))))
    if missing:
        return [Problem("13-004", f"{missing} afbeelding(en) (Figure) zonder tekstalternatief (/Alt)")]
    return []


def check_tables(pdf: pikepdf.Pdf) -> list[Problem]:
    problems = []
    tables = [e for e in elements(pdf) if role_of(pdf, e) == "/Table"]
    for number, table in enumerate(tables, start=1):
        cells = [c for c in _descendants(table) if role_of(pdf, c) in ("/TH", "/TD")]
        headers = [c for c in cells if role_of(pdf, c) == "/TH"]
        if not headers:
            problems.append(Problem("UA1:7.5", f"tabel nr. {number} heeft geen kopcellen (TH)"))
            continue
        uses_ids = any("/Headers" in a for c in cells for a in _attributes(c))
        if not uses_ids and any(not any("/Scope" in a for a in _attributes(h)) for h in headers):
            problems.append(Problem("15-003", f"tabel nr. {number}: een kopcel (TH) zonder Scope"))
    return problems


def _marked_content(page: pikepdf.Page, mcids: set[int] | None = None) -> tuple[int, int, int]:
    """Painting operators on the page (text, paths, images, shadings):
    (in no tag and no artifact, of those text, in both a tag and an artifact).
    Content inside a span without an MCID counts as what is around it; an
    MCID counts as a tag only if it is in ``mcids`` (when given): the ones
    the structure tree refers to."""
    stack: list[str] = []
    artifact = tagged = loose = text = nested = 0
    for instruction in pikepdf.parse_content_stream(page):
        operands, op = instruction.operands, str(instruction.operator)
        if op in PAINT:
            if not (artifact or tagged):
                loose += 1
                text += op in TEXT_SHOW
            elif artifact and tagged:
                nested += 1
        elif op == "BMC" or op == "BDC":
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            if operands[0] == pikepdf.Name.Artifact:
                kind = "artifact"
                artifact += 1
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props and (
                    mcids is None or int(props.MCID) in mcids):
                kind = "tagged"
                tagged += 1
            else:
                kind = "other"
            stack.append(kind)
        elif op == "EMC" and stack:
            kind = stack.pop()
            artifact -= kind == "artifact"
            tagged -= kind == "tagged"
    return loose, text, nested


def check_artifacts(pdf: pikepdf.Pdf) -> list[Problem]:
    """What a page shows is either tagged (in the structure tree) or an
    artifact: so a running header, footer or page number that is not in the
    structure tree must be marked as an artifact, and no tagged content sits
    inside an artifact or the other way round."""
    problems = []
    parents = _parent_tree(pdf)
    for number, page in enumerate(pdf.pages, start=1):
        # The MCIDs the structure tree holds for this page; marked content
        # with any other MCID is in no structure element.
        entry = parents.get(int(page.obj.StructParents)) if "/StructParents" in page.obj else None
        kids = list(entry) if isinstance(entry, pikepdf.Array) else []
        mcids = {index for index, kid in enumerate(kids) if _is_element(kid)}
        loose, text, nested = _marked_content(page, mcids)
        if loose:
            problems.append(Problem(
                "01-005", f"{loose} tekenopdracht(en), waarvan {text} tekst, niet getagd en geen artefact "
                "(bijvoorbeeld een kop- of voettekst of paginanummer)", number))
        if nested:
            problems.append(Problem("01-003", f"{nested} keer getagde inhoud en artefact door elkaar", number))
    return problems


def check_forms(pdf: pikepdf.Pdf) -> list[Problem]:
    """A printed book has no form fields: a checklist box is a printed box."""
    problems = []
    fields = pdf.Root.get("/AcroForm", pikepdf.Dictionary()).get("/Fields", pikepdf.Array())
    if len(fields):
        problems.append(Problem("UA1:7.18.4", f"{len(fields)} formulierveld(en) (AcroForm)"))
    for number, page in enumerate(pdf.pages, start=1):
        widgets = sum(1 for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Widget")
        if widgets:
            problems.append(Problem("UA1:7.18.4", f"{widgets} formulierveld(en) (Widget)", number))
    forms = sum(1 for e in elements(pdf) if role_of(pdf, e) == "/Form")
    if forms:
        problems.append(Problem("UA1:7.18.4", f"{forms} formulierelement(en) (Form) in de structuurboom"))
    return problems


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    tree = pdf.Root.get("/StructTreeRoot", pikepdf.Dictionary()).get("/ParentTree")
    if tree is None:
        return {}
    return dict(pikepdf.NumberTree(tree).items())


def check_links(pdf: pikepdf.Pdf) -> list[Problem]:
    problems = []
    parents = _parent_tree(pdf)
    for number, page in enumerate(pdf.pages, start=1):
        annots = list(page.obj.get("/Annots", []))
        if annots and page.obj.get("/Tabs") != "/S":
            problems.append(Problem("28-009", "de tabvolgorde volgt de structuur niet (/Tabs is niet /S)", number))
        no_text = outside = 0
        for annot in annots:
            if annot.get("/Subtype") != "/Link":
                continue
            if not _text(annot.get("/Contents")):
                no_text += 1
            parent = parents.get(int(annot.StructParent)) if "/StructParent" in annot else None
            if not (isinstance(parent, pikepdf.Dictionary) and _is_element(parent)
                    and role_of(pdf, parent) == "/Link"):
                outside += 1
        if no_text:
            problems.append(Problem("28-012", f"{no_text} link(s) zonder tekst (/Contents)", number))
        if outside:
            problems.append(Problem("28-011", f"{outside} link(s) niet in een Link-element", number))
    return problems


def _fonts(resources, seen: set) -> Iterator[tuple[str, pikepdf.Object]]:
    if not isinstance(resources, pikepdf.Dictionary):
        return
    yield from resources.get("/Font", {}).items()
    for xobject in resources.get("/XObject", {}).values():
        if xobject.objgen in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(xobject.objgen)
        yield from _fonts(xobject.get("/Resources"), seen)


def font_embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are content streams in the font itself
    fonts = list(font.DescendantFonts) if font.get("/Subtype") == "/Type0" else [font]
    return bool(fonts) and all(
        any(k in f.get("/FontDescriptor", {}) for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        for f in fonts)


def check_fonts(pdf: pikepdf.Pdf) -> list[Problem]:
    bare: dict[str, int] = {}
    seen: set = set()
    for number, page in enumerate(pdf.pages, start=1):
        for _, font in _fonts(page.obj.get("/Resources"), seen):
            if isinstance(font, pikepdf.Dictionary) and not font_embedded(font):
                bare.setdefault(str(font.get("/BaseFont", "?")), number)
    return [Problem("31-009", f"lettertype {name} is niet ingebed", page) for name, page in bare.items()]


def check_identifier(pdf: pikepdf.Pdf) -> list[Problem]:
    if "/Metadata" in pdf.Root:
        with pdf.open_metadata() as meta:
            if _text(meta.get("pdfuaid:part")) == "1":
                return []
    return [Problem("06-002", "de PDF/UA-verklaring ontbreekt in de XMP-metadata (pdfuaid:part=1)")]


CHECKS: tuple[Callable[[pikepdf.Pdf], list[Problem]], ...] = (
    check_tagged, check_language, check_title, check_headings, check_figures, check_tables,
    check_artifacts, check_forms, check_links, check_fonts,
)


def check(pdf: pikepdf.Pdf, *, language: str = "nl", identifier: bool = True) -> list[Problem]:
    """Every check; with ``identifier`` also whether the file claims PDF/UA-1."""
    problems: list[Problem] = []
    for run in CHECKS:
        problems += check_language(pdf, language) if run is check_language else run(pdf)
    return problems + (check_identifier(pdf) if identifier else [])


# ---- making content that is in no tag an artifact --------------------------------

PATH_BUILD = {"m", "l", "c", "v", "y", "h", "re"}
PATH_END = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}


def mark_artifacts(pdf: pikepdf.Pdf) -> int:
    """Wrap what a page shows outside any tag in ``/Artifact BMC ... EMC``.

    Chromium tags the page body but prints the @page margin boxes (running
    title, page number) and backgrounds and borders outside any marked
    content; in PDF/UA content is either in the structure tree or an
    artifact (01-005). Whole text objects, whole paths and single images are
    wrapped, so no marked-content sequence crosses a BT/ET or q/Q boundary.
    Returns how many sequences were added."""
    added = 0
    for page in pdf.pages:
        instructions, count = _wrap_loose_content(pikepdf.parse_content_stream(page))
        if count:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
            added += count
    return added


def _wrap_loose_content(ops: list) -> tuple[list, int]:
    out: list = []
    added = 0
    depth = 0
    group: list = []  # a text object or path being collected outside any tag
    group_paints = False
    in_text = tainted = False

    def flush(wrap: bool) -> None:
        nonlocal group, group_paints, added
        if wrap and group_paints:
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
            out.extend(group)
            out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
            added += 1
        else:
            out.extend(group)
        group, group_paints = [], False

    for instruction in ops:
        op = str(instruction.operator)
        if op in ("BMC", "BDC"):
            if group or in_text:
                # A tag opens inside a text object or path: leave all of it as it is.
                flush(False)
                tainted = in_text
            depth += 1
            out.append(instruction)
        elif op == "EMC":
            depth = max(0, depth - 1)
            out.append(instruction)
        elif depth:
            out.append(instruction)
        elif op == "BT" or in_text:
            in_text = True
            group.append(instruction)
            group_paints |= op in TEXT_SHOW
            if op == "ET":
                flush(not tainted)
                in_text = tainted = False
        elif op in PATH_BUILD or op in ("W", "W*"):
            group.append(instruction)
        elif op in PATH_END:
            group.append(instruction)
            group_paints |= op in PAINT
            flush(True)
        elif op in ("Do", "sh", "INLINE IMAGE"):
            flush(False)
            group, group_paints = [instruction], True
            flush(True)
        else:
            flush(False)
            out.append(instruction)
    flush(False)
    return out, added
