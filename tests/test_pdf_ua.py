"""PDF/UA-1: every PDF the build makes passes the machine-checkable
checkpoints (handbook/pdf/conformance.py) and says so; each check catches a
PDF broken on purpose.

The broken PDFs are derived with pikepdf from a good one (a handout of the
sample project, small and quick to rewrite), one defect each, so a check that
stops looking makes its test fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from handbook.pdf import conformance, outline
from pdfbooks import Book

pytestmark = pytest.mark.browser

Name = pikepdf.Name


def every_pdf(book: Book) -> list[Path]:
    """Everything the export wrote: the book, its handouts, and whatever PDFs
    a later export adds (workshop bundles, cards) without a change here."""
    return sorted(book.outdir.rglob("*.pdf"))


@pytest.mark.parametrize("name", ["handbook_book", "sample_book"])
def test_every_pdf_passes_and_claims_pdf_ua(request, name):
    book = request.getfixturevalue(name)
    pdfs = every_pdf(book)
    assert book.pdf in pdfs and any(p.parent.name == "werkbladen" for p in pdfs), pdfs
    found = {}
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            problems = conformance.check(pdf)  # the claim (06-002) included
            if problems:
                found[str(path.relative_to(book.outdir))] = [str(p) for p in problems[:10]]
    assert not found, found
    assert "PDF/UA niet verklaard" not in book.output


def test_handbook_has_one_outline_of_chapters(handbook_book):
    """H1 for the contents, the start page and each of its chapters; a
    chapter's sections one level down (not every page one level too deep)."""
    with pikepdf.open(handbook_book.pdf) as pdf:
        levels = [conformance.HEADINGS[conformance.role_of(pdf, e)] for e in conformance.elements(pdf)
                  if conformance.role_of(pdf, e) in conformance.HEADINGS]
    index = (handbook_book.srcdir / "index.md").read_text(encoding="utf-8")
    chapters = [line for toctree in index.split("```{toctree}")[1:]
                for line in toctree.split("```")[0].splitlines()
                if line.strip() and not line.strip().startswith(":")]
    assert chapters
    # The contents, the start page, its chapters.
    assert levels.count(1) == 2 + len(chapters), (levels.count(1), chapters)


def test_checklists_print_boxes_not_form_fields(sample_book):
    """A checklist item is a list item whose printed marker is an empty box."""
    path = sample_book.outdir / "werkbladen" / "video-van-de-werkvloer.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    # The marker's space is a no-break space.
    assert re.search(r"\u2610\s+Iedereen in beeld gaf toestemming\.", text), text
    for pdf_path in every_pdf(sample_book):
        with pikepdf.open(pdf_path) as pdf:
            assert conformance.check_forms(pdf) == [], pdf_path.name
            roles = {conformance.role_of(pdf, e) for e in conformance.elements(pdf)}
            assert "/Form" not in roles, pdf_path.name
            # The checklists are in the book and the worksheets; a facilitator's
            # card or canvas (issue 17) may have no list at all.
            if pdf_path == path or pdf_path.name == "handboek.pdf":
                assert "/LI" in roles, pdf_path.name


# ---- each check catches a broken PDF ----------------------------------------------

@pytest.fixture
def good(sample_book) -> Path:
    return sample_book.outdir / "werkbladen" / "ambassadeurs.pdf"


@pytest.fixture
def pdf(good):
    with pikepdf.open(good) as opened:
        assert conformance.check(opened) == []
        yield opened


@pytest.fixture
def linked(sample_book):
    """The sample book: a handout has no links, the book has them."""
    with pikepdf.open(sample_book.pdf) as opened:
        assert conformance.check(opened) == []
        yield opened


def checkpoints(pdf: pikepdf.Pdf) -> set[str]:
    return {p.checkpoint for p in conformance.check(pdf)}


def document(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return next(conformance.elements(pdf))


def add_element(pdf: pikepdf.Pdf, role: str, kids=(), parent=None, first=False, **entries):
    parent = parent if parent is not None else document(pdf)
    element = pdf.make_indirect(pikepdf.Dictionary(
        Type=Name.StructElem, S=Name("/" + role), P=parent, K=pikepdf.Array(list(kids)), **entries))
    for kid in kids:
        kid.P = element
    siblings = parent.get("/K")
    if not isinstance(siblings, pikepdf.Array):
        siblings = parent.K = pikepdf.Array([] if siblings is None else [siblings])
    if first:
        siblings.insert(0, element)
    else:
        siblings.append(element)
    return element


def first_element(pdf: pikepdf.Pdf, role: str) -> pikepdf.Dictionary:
    return next(e for e in conformance.elements(pdf) if conformance.role_of(pdf, e) == role)


def a_link(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return next(a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link")


def test_not_tagged(pdf):
    del pdf.Root["/StructTreeRoot"]
    pdf.Root.MarkInfo.Marked = False
    found = conformance.check_tagged(pdf)
    assert len(found) == 2 and {p.checkpoint for p in found} == {"UA1:7.1"}


def test_suspects(pdf):
    pdf.Root.MarkInfo.Suspects = True
    assert "01-007" in checkpoints(pdf)


def test_no_language(pdf):
    del pdf.Root["/Lang"]
    assert "11-001" in checkpoints(pdf)


def test_wrong_language(pdf):
    pdf.Root.Lang = pikepdf.String("en-GB")
    assert "11-007" in checkpoints(pdf)


def test_no_title_in_xmp(pdf):
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["dc:title"]
    assert "06-003" in checkpoints(pdf)


def test_no_xmp(pdf):
    del pdf.Root["/Metadata"]
    assert {"06-001", "06-002"} <= checkpoints(pdf)


def test_window_does_not_show_the_title(pdf):
    pdf.Root.ViewerPreferences.DisplayDocTitle = False
    assert "07-002" in checkpoints(pdf)
    del pdf.Root.ViewerPreferences["/DisplayDocTitle"]
    assert "07-001" in checkpoints(pdf)


def test_first_heading_not_h1(pdf):
    add_element(pdf, "H2", first=True)
    assert "14-002" in checkpoints(pdf)


def test_skipped_heading_level(pdf):
    roles = [conformance.role_of(pdf, e) for e in conformance.elements(pdf)]
    assert roles.count("/H1") == 1 and "/H2" in roles
    first_element(pdf, "/H2").S = Name.H3  # the handout's first section, right after its title
    assert "14-003" in checkpoints(pdf)


def test_generic_and_numbered_headings(pdf):
    add_element(pdf, "H")
    assert "14-007" in checkpoints(pdf)


def test_figure_without_alt(pdf):
    add_element(pdf, "Figure")
    assert "13-004" in checkpoints(pdf)
    figure = add_element(pdf, "Figure", ActualText=pikepdf.String("tekst"))
    assert conformance.check_figures(pdf)[0].message.startswith("1 ")
    del figure["/ActualText"]
    assert conformance.check_figures(pdf)[0].message.startswith("2 ")


def _table(pdf, header: str, scope: bool = True):
    attrs = {"A": pikepdf.Dictionary(O=Name.Table, Scope=Name.Column)} if scope else {}
    cells = [pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name("/" + header), **attrs)),
             pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name.TD))]
    row = pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name.TR, K=pikepdf.Array(cells)))
    return add_element(pdf, "Table", kids=[row])


def test_table_without_header_cells(pdf):
    _table(pdf, "TD")
    assert "UA1:7.5" in checkpoints(pdf)


def test_header_cell_without_scope(pdf):
    _table(pdf, "TH", scope=False)
    assert "15-003" in checkpoints(pdf)


def test_table_with_scoped_header_passes(pdf):
    _table(pdf, "TH")
    assert conformance.check_tables(pdf) == []


def _unwrap_first_text_artifact(page: pikepdf.Page) -> tuple[list, int]:
    """The running title or page number printed in no tag, as Chromium
    prints it; with how many text operators that leaves loose."""
    ops = list(pikepdf.parse_content_stream(page))
    start = next(i for i, (operands, op) in enumerate(ops)
                 if str(op) == "BMC" and operands[0] == Name.Artifact and str(ops[i + 1].operator) == "BT")
    end = next(i for i in range(start, len(ops)) if str(ops[i].operator) == "EMC")
    shown = sum(str(ops[i].operator) in conformance.TEXT_SHOW for i in range(start, end))
    del ops[end], ops[start]
    return ops, shown


def test_header_or_footer_not_an_artifact(pdf):
    page = pdf.pages[0]
    ops, shown = _unwrap_first_text_artifact(page)
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
    found = [p for p in conformance.check_artifacts(pdf) if p.checkpoint == "01-005"]
    assert shown and found and found[0].page == 1, found
    assert found[0].message.startswith(f"{shown} tekenopdracht(en), waarvan {shown} tekst"), found


def test_marked_content_outside_the_structure_tree(pdf):
    """An MCID no structure element refers to is no tag at all."""
    page = pdf.pages[0]
    parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    entry = parents[int(page.obj.StructParents)]
    first = next(i for i, kid in enumerate(entry) if isinstance(kid, pikepdf.Dictionary))
    entry[first] = None
    found = [p for p in conformance.check_artifacts(pdf) if p.checkpoint == "01-005"]
    assert found and found[0].page == 1, found


def test_tagged_content_inside_an_artifact(pdf):
    page = pdf.pages[0]
    ops = list(pikepdf.parse_content_stream(page))
    tag = next(i for i, (operands, op) in enumerate(ops)
               if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1])
    ops.insert(tag, pikepdf.ContentStreamInstruction([Name.Artifact], pikepdf.Operator("BMC")))
    ops.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
    assert "01-003" in checkpoints(pdf)


def test_mark_artifacts_wraps_loose_content_only(pdf):
    """What Chromium prints in no tag becomes an artifact; tagged content and
    the rest of the page stay as they were."""
    page = pdf.pages[0]
    loose, _ = _unwrap_first_text_artifact(page)
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(loose))
    assert conformance.check_artifacts(pdf)
    assert conformance.mark_artifacts(pdf) == 1
    assert conformance.check(pdf) == []
    after = [str(op) for _, op in pikepdf.parse_content_stream(page)]
    assert len(after) == len(loose) + 2


def test_form_fields(pdf):
    widget = pdf.make_indirect(pikepdf.Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Btn, Rect=[0, 0, 10, 10], T=pikepdf.String("vak")))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([widget]))
    pdf.pages[0].obj.Annots = pikepdf.Array([*pdf.pages[0].obj.get("/Annots", []), widget])
    messages = [str(p) for p in conformance.check_forms(pdf)]
    assert any("AcroForm" in m for m in messages) and any("Widget" in m for m in messages), messages


def test_printed_form_element(pdf):
    """Chromium's print of an <input>: a Form element, no field."""
    add_element(pdf, "Form", A=pikepdf.Dictionary(O=Name.PrintField, Role=Name.cb))
    assert "UA1:7.18.4" in checkpoints(pdf)


def test_link_without_text(linked):
    del a_link(linked)["/Contents"]
    assert "28-012" in checkpoints(linked)


def test_link_outside_a_link_element(linked):
    del a_link(linked)["/StructParent"]
    assert "28-011" in checkpoints(linked)


def test_link_in_the_wrong_element(linked):
    link = a_link(linked)
    parents = pikepdf.NumberTree(linked.Root.StructTreeRoot.ParentTree)
    parents[int(link.StructParent)].S = Name.P
    assert "28-011" in checkpoints(linked)


def test_tab_order_not_structure(linked):
    page = next(p for p in linked.pages if "/Annots" in p.obj)
    del page.obj["/Tabs"]
    assert "28-009" in checkpoints(linked)


def test_font_not_embedded(pdf):
    font = next(f for page in pdf.pages for f in page.obj.Resources.Font.values())
    descriptor = (font.DescendantFonts[0] if font.Subtype == "/Type0" else font).FontDescriptor
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if key in descriptor:
            del descriptor[key]
    assert "31-009" in checkpoints(pdf)


def test_no_claim(pdf):
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["pdfuaid:part"]
    assert checkpoints(pdf) == {"06-002"}
    assert conformance.check(pdf, identifier=False) == []


# ---- the claim is made exactly when the checks pass ------------------------------

def _book_info():
    from handbook.pdf.builder import BookInfo

    return BookInfo(title="Proef", subtitle="", edition="1", date="1 januari 2026",
                    author="Proef", filename="proef", language="nl")


def _claims(path: Path) -> bool:
    with pikepdf.open(path) as pdf, pdf.open_metadata() as meta:
        return meta.get("pdfuaid:part") == "1"


def test_claim_only_when_the_checks_pass(pdf, tmp_path):
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["pdfuaid:part"]
    pdf.save(tmp_path / "goed-in.pdf")
    assert outline.finish_pdf((tmp_path / "goed-in.pdf").read_bytes(), tmp_path / "goed.pdf",
                              "Proef", _book_info()) == []
    assert _claims(tmp_path / "goed.pdf")

    add_element(pdf, "Figure")  # something the export cannot repair
    pdf.save(tmp_path / "fout-in.pdf")
    problems = outline.finish_pdf((tmp_path / "fout-in.pdf").read_bytes(), tmp_path / "fout.pdf",
                                  "Proef", _book_info())
    assert problems and problems[0].startswith("13-004"), problems
    assert not _claims(tmp_path / "fout.pdf")


def test_chapters_become_top_level_sections():
    """The start page's chapters leave its section: their titles are H1,
    like the start page's; what comes before the first toctree stays."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from handbook.pdf.builder import lift_chapters

    doc = new_document("test", get_default_settings(Parser))
    intro = nodes.section("", nodes.title("", "Voor wie?"), ids=["voor-wie"])
    chapter = nodes.section("", nodes.title("", "Sessies"), ids=["sessies"])
    later = nodes.section("", nodes.title("", "Schrijven"), ids=["schrijven"])
    start = nodes.section("", nodes.title("", "Handboek"), nodes.paragraph("", "intro"), intro,
                          nodes.compound("", chapter, classes=["toctree-wrapper"]),
                          nodes.compound("", later, classes=["toctree-wrapper"]), ids=["handboek"])
    doc += start
    lift_chapters(doc)
    assert [type(n).__name__ for n in start.children] == ["title", "paragraph", "section"]
    assert [type(n).__name__ for n in doc.children] == ["section", "compound", "compound"]
    assert chapter.parent.parent is doc and later.parent.parent is doc
