"""The PDF export, read back with pypdf and pikepdf.

Two PDFs are built once per test session: the real handbook, and a small
sample project (tests/roots/test-pdf) whose plays and diagrams are known, so
the handout and diagram checks have something to bite on whatever the real
content holds today. What must be in them is discovered from the sources.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from docutils.utils.smartquotes import smartyPants
from pypdf import PdfReader

from conftest import sphinx_build

# The two books are built once per session, for this file and test_pdf_ua.py.
from pdfbooks import PDF_NAME, Book, build_pdf, sample_copy

pytestmark = pytest.mark.browser

A4 = (595.28, 841.89)
# Mermaid's fullscreen button: only on a page whose diagrams Mermaid draws in
# the browser, so not in the built HTML; the rest of the web chrome is read
# from the page the PDF is printed from (see web_chrome).
MERMAID_FULLSCREEN = "\u26f6"


@pytest.fixture(params=["handbook", "sample"])
def book(request) -> Book:
    return request.getfixturevalue(f"{request.param}_book")


# ---- helpers --------------------------------------------------------------

def page_title(source: Path) -> str:
    """The page's title as Sphinx sets it: straight quotes become curly ones
    (its smartquotes transform, Dutch quotes), so '"Onze tunnel"' is printed
    and bookmarked as '\u201cOnze tunnel\u201d'."""
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return smartyPants(line[2:].strip(), "qDe", "nl")
    raise AssertionError(f"{source} has no '# ' title")


def settings(book: Book) -> dict:
    """The project's conf.py values, as Sphinx reads them (the file is Python)."""
    return runpy.run_path(str(book.srcdir / "conf.py"))


def project_title(book: Book) -> str:
    return settings(book)["project"]


def body_lines(book: Book, text: str) -> list[str]:
    """A page's text without its running header (title) and footer (page number)."""
    lines = text.split("\n")
    if lines and lines[0] == project_title(book):
        lines = lines[1:]
    return [ln for ln in lines if not re.fullmatch(r"Pagina \d+ van \d+", ln)]


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def web_chrome(book: Book) -> dict[str, str]:
    """The interface text of the web page the PDF is printed from, by part.

    Read from the built page, so it is whatever language the interface is in
    (Dutch: "Direct naar de inhoud", "Gemaakt met ...").
    """
    soup = BeautifulSoup((book.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")

    def text(selector: str) -> str:
        node = soup.select_one(selector)
        return " ".join(node.get_text(" ").split()) if node else ""

    def attr(selector: str, name: str) -> str:
        node = soup.select_one(selector)
        return node.get(name, "") if node else ""

    copyright_line = text(".bottom-of-page .copyright")
    return {
        "skip link": text(".skip-to-content"),
        "back to top": text(".back-to-top"),
        "search box": attr(".sidebar-search-container input[name=q]", "placeholder"),
        "theme toggle": attr(".theme-toggle", "aria-label"),
        "copyright": copyright_line,
        "made with": text(".bottom-of-page .left-details").replace(copyright_line, "", 1).strip(),
    }


def chrome_in(text: str, chrome: dict[str, str]) -> list[str]:
    """Which chrome strings occur in ``text`` (whitespace and line breaks ignored)."""
    flat = re.sub(r"\s+", "", text)
    found = [part for part, value in chrome.items() if re.sub(r"\s+", "", value) in flat]
    return found + ([MERMAID_FULLSCREEN] if MERMAID_FULLSCREEN in text else [])


MERMAID_FENCE = re.compile(r"^```+\s*\{?mermaid\}?\s*\n(.*?)^```+", re.S | re.M)
NODE_LABEL = re.compile(
    r"\b[\w-]+\s*(?:\[\[|\[\(|\(\(|\(\[|\[/|\[\\|\{\{|\[|\(|\{|>)\s*\"?(.+?)\"?\s*"
    r"(?:\]\]|\)\]|\)\)|\]\)|/\]|\\\]|\}\}|\]|\)|\})"
)


def diagram_labels(source: Path) -> list[tuple[str, str]]:
    """(diagram start, node label) for every flowchart node in a source page."""
    found = []
    for match in MERMAID_FENCE.finditer(source.read_text(encoding="utf-8")):
        code = match.group(1)
        kind = next((ln.split()[0] for ln in code.splitlines()
                     if ln.strip() and not ln.strip().startswith(("%%", "acc"))), "")
        if kind not in ("flowchart", "graph"):
            continue
        for line in code.splitlines():
            if line.strip().startswith(("acc", "classDef", "class ", "style", "click", "%%", "linkStyle")):
                continue
            for label in NODE_LABEL.findall(line):
                label = re.sub(r"<[^>]+>", " ", label).replace("**", "").replace("`", "")
                found.append((code.splitlines()[0].strip(), label))
    return found


def font_embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs are drawn by the font's own content streams
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts_of(pdf: pikepdf.Pdf):
    for number, page in enumerate(pdf.pages, start=1):
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for name, font in fonts.items():
            yield number, name, font


# ---- the handbook and the sample, same rules ------------------------------

def test_builder_prints_summary(book):
    assert re.search(r"PDF: .*handboek\.pdf, \d+ pagina's, [\d.]+ MB, [\d.]+ s", book.output), book.output


def test_every_page_is_a4(book):
    reader = PdfReader(book.pdf)
    for number, page in enumerate(reader.pages, start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=1), f"page {number}: {size}"


def test_pdf_is_tagged(book):
    with pikepdf.open(book.pdf) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked is True
        with_links = [p for p in pdf.pages if "/Annots" in p.obj]
        assert with_links and all(p.obj.get("/Tabs") == "/S" for p in with_links)


def test_language_title_and_window_title(book):
    with pikepdf.open(book.pdf) as pdf:
        assert str(pdf.Root.Lang) == "nl"
        title = str(pdf.docinfo.Title)
        assert title == project_title(book)
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == title


def test_outline_has_every_page(book):
    titles = outline_titles(PdfReader(book.pdf))
    sources = book.sources()
    assert any(p.parts[-2] == "sessions" for p in sources)
    missing = [str(p.relative_to(book.srcdir)) for p in sources if page_title(p) not in titles]
    assert not missing, f"no bookmark for: {missing}; outline: {titles}"


def test_every_diagram_label_is_text(book):
    text = squash(" ".join(page.extract_text() for page in PdfReader(book.pdf).pages))
    labels = [(src, d, label) for src in book.sources() for d, label in diagram_labels(src)]
    if book.name == "sample":
        assert len(labels) >= 9, labels  # the sample's three diagrams
    missing = [f"{s.name}: {label}" for s, _, label in labels if squash(label) not in text]
    assert not missing, f"diagram labels not in the PDF text: {missing}"


def test_no_web_chrome(book):
    text = " ".join(page.extract_text() for page in PdfReader(book.pdf).pages)
    chrome = web_chrome(book)
    found = chrome_in(text, chrome)
    assert not found, f"web interface text in the PDF: {[(p, chrome.get(p, p)) for p in found]}"


def test_web_chrome_check_can_fail(book):
    """Every part of the chrome is found on the web page the PDF is printed
    from, and the check above spots all of it in that page's text."""
    chrome = web_chrome(book)
    assert all(chrome.values()), chrome
    # The check looks for what is shown: in the handbook the Dutch of its own
    # catalog (locale/nl), in the sample (no catalog) Furo's English.
    po = book.srcdir / "locale" / "nl" / "LC_MESSAGES" / "sphinx.po"
    catalog = re.search(r'^msgid "Made with "\nmsgstr "([^"]+)"', po.read_text(encoding="utf-8"), re.M) \
        if po.is_file() else None
    assert chrome["made with"].startswith(catalog.group(1).strip() if catalog else "Made with"), chrome
    page = BeautifulSoup((book.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown = page.get_text(" ") + " " + " ".join(
        node.get(name, "") for node in page.select("[placeholder], [aria-label]")
        for name in ("placeholder", "aria-label"))
    assert sorted(chrome_in(shown, chrome)) == sorted(chrome)


def test_every_page_has_a_page_number(book):
    reader = PdfReader(book.pdf)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Pagina {number} van {total}" in page.extract_text(), f"page {number}"


def test_fonts_embedded(book):
    with pikepdf.open(book.pdf) as pdf:
        fonts = list(fonts_of(pdf))
        assert fonts
        bare = [(n, str(name)) for n, name, font in fonts if not font_embedded(font)]
        assert not bare, f"fonts not embedded (page, name): {bare}"


def test_cover(book):
    first = PdfReader(book.pdf).pages[0].extract_text()
    conf = settings(book)
    release = conf["release"]
    assert f"Editie {release}" in first or ("Editie" in first and release in first)
    assert re.search(r"Gemaakt op \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|"
                     r"september|oktober|november|december) \d{4}", first), first
    subtitle = conf["handbook_pdf_subtitle"]
    assert squash(subtitle) in squash(first)


def test_toc_links_and_page_numbers(book):
    reader = PdfReader(book.pdf)
    first = reader.pages[1].extract_text()
    assert "Inhoud" in first
    entry = re.compile(r"^(.+?)\s+(\d+)$", re.M)
    # The contents run from page 2 to just before the introduction, which
    # sits right before the first chapter listed.
    first_chapter = int(entry.findall("\n".join(body_lines(book, first)))[0][1])
    toc = "\n".join("\n".join(body_lines(book, reader.pages[i].extract_text()))
                    for i in range(1, max(2, first_chapter - 2)))
    entries = entry.findall(toc)
    chapters = [p for p in book.sources() if p.relative_to(book.srcdir).as_posix() != "index.md"]
    assert len(entries) >= len(chapters), toc
    for title, number in entries:
        page = reader.pages[int(number) - 1].extract_text()
        assert squash(title) in squash(page), f"TOC says {title!r} is on page {number}"
    with pikepdf.open(book.pdf) as pdf:
        links = [a for a in pdf.pages[1].obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
    assert len(links) >= len(chapters), "TOC entries are not links"


def test_links_stay_inside_the_pdf(book):
    """No link may point at the loopback server the PDF was printed from.

    The sample's index page hard-codes a web address (playbook/ambassadeurs.html);
    in the PDF it must land on that chapter's page.
    """
    with pikepdf.open(book.pdf) as pdf:
        uris = [str(a.A.URI) for p in pdf.pages for a in p.obj.get("/Annots", [])
                if "/A" in a and a.A.get("/S") == "/URI"]
        assert not [u for u in uris if "127.0.0.1" in u or "localhost" in u], uris
    if book.name == "sample":
        reader = PdfReader(book.pdf)
        for page in reader.pages:
            if "naar de play Ambassadeurs" in page.extract_text():
                dests = [a.get_object().get("/Dest") for a in page.get("/Annots", [])]
                assert "/document-playbook/ambassadeurs" in [str(d) for d in dests], dests
                break
        else:
            raise AssertionError("sample link text not found")


def test_each_chapter_starts_a_page(book):
    reader = PdfReader(book.pdf)
    firsts = [squash(" ".join(body_lines(book, p.extract_text())[:2])) for p in reader.pages]
    for source in book.sources():
        title = squash(page_title(source))
        assert any(title in first for first in firsts), f"{source.name} does not start a page"


def test_handout_for_every_play(book):
    plays = book.plays()
    for play in plays:
        handout = book.outdir / "werkbladen" / f"{play.stem}.pdf"
        assert handout.is_file(), handout
        with pikepdf.open(handout) as pdf:
            assert str(pdf.Root.Lang) == "nl"
            assert "/StructTreeRoot" in pdf.Root
            assert str(pdf.docinfo.Title) == f"Werkblad: {page_title(play)}"
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            assert all(font_embedded(font) for _, _, font in fonts_of(pdf))
        reader = PdfReader(handout)
        for page in reader.pages:
            assert tuple(float(x) for x in (page.mediabox.width, page.mediabox.height)) == pytest.approx(A4, abs=1)
        text = " ".join(p.extract_text() for p in reader.pages)
        for _, label in diagram_labels(play):
            assert squash(label) in squash(text), f"{play.name}: {label}"
        assert "Aantekeningen" in text
    if book.name == "sample":
        assert len(plays) == 2


# ---- the sample only: what a handout holds ---------------------------------

def test_handout_holds_the_workshop_sections_only(sample_book):
    text = " ".join(p.extract_text() for p in PdfReader(
        sample_book.outdir / "werkbladen" / "video-van-de-werkvloer.pdf").pages)
    # The play in one sentence, from its front matter.
    assert "Laat medewerkers zelf filmen wat hun werk echt is." in text
    for heading in ("Stappen", "Checklist", "Kernvragen", "Werkblad"):
        assert heading in text
    assert "Iedereen in beeld gaf toestemming." in text
    assert "Welk werk ziet niemand?" in text
    # Not for the workshop: pitfalls and when-to-use stay in the handbook.
    assert "Te gepolijste beelden" not in text
    assert "Als uw organisatie veel werk doet" not in text


def test_diagrams_drawn_during_the_build(book):
    """Every diagram reaches the printed page as SVG drawn by the build, the
    generated map of sessions to plays included: no source shown instead
    (.hb-diagram-error) and nothing left for Mermaid in the browser."""
    soup = BeautifulSoup((book.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not soup.select(".hb-diagram-error, .mermaid")
    drawn = soup.select(".hb-diagram")
    assert drawn and all(d.select_one(".hb-diagram-scroll > svg") for d in drawn)
    if book.name == "handbook":
        kaart = soup.find(id="document-overzichten/kaart").find_next_sibling("section")
        assert kaart.select(".hb-diagram svg")


def test_each_diagram_is_printed_once_as_text(sample_book):
    """One SVG per diagram, its labels SVG text: paper shows each label as
    often as the page does, as text (not an image, not HTML in the SVG)."""
    soup = BeautifulSoup((sample_book.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select(".hb-diagram svg text") and not soup.select(".hb-diagram foreignobject")
    # An SVG's title and description are its text alternative, not printed
    # text; the link to the full-size file is left off paper.
    for hidden in soup.select("svg title, svg desc, .hb-diagram-full"):
        hidden.decompose()

    def flat(text: str) -> str:
        # U+2060: the invisible joiner that keeps "1. Doel" from being a list.
        return re.sub(r"[\s\u2060]+", "", text)

    page = flat(soup.select_one("article").get_text(" "))
    text = flat(" ".join(p.extract_text() for p in PdfReader(sample_book.pdf).pages))
    labels = {label for src in sample_book.sources() for _, label in diagram_labels(src)}
    assert labels
    counts = {label: (text.count(flat(label)), page.count(flat(label))) for label in labels}
    assert all(printed == shown for printed, shown in counts.values()), counts


def test_diagrams_are_vector(sample_book):
    """The sample has no pictures: any image in the PDF is a rasterised diagram."""
    with pikepdf.open(sample_book.pdf) as pdf:
        images = [n for n, page in enumerate(pdf.pages, 1) for _ in page.get_images()]
    assert not images, f"raster images on pages {images}"


# ---- broken input: the export refuses ---------------------------------------

def test_broken_diagram_fails_with_its_location(browser_path, tmp_path):
    src = sample_copy(tmp_path / "src")
    page = src / "playbook" / "ambassadeurs.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("A1[Selecteren] --> A2", "A1[Selecteren] --> --> ((A2"), encoding="utf-8")
    line = 1 + text.splitlines().index("```mermaid")
    broken = 1 + text.splitlines().index(next(ln for ln in text.splitlines() if "A1[Selecteren] --> A2" in ln))
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode != 0
    # Whichever layer catches it says where: the build-time renderer (the
    # broken line), or the export itself when diagrams are drawn in the
    # browser (the diagram's first line).
    renderer = re.search(
        rf"playbook/ambassadeurs\.md:{broken}: WARNING: Mermaid kan dit diagram niet lezen", build.output)
    export = re.search(
        rf"playbook/ambassadeurs\.md:{line}: ERROR: PDF-export: diagram 'Stappen voor ambassadeurs': "
        r"Mermaid meldt een syntaxfout", build.output)
    assert renderer or export, build.output
    # No PDF with the diagram's source where the picture should be.
    assert not (tmp_path / "pdf" / PDF_NAME).exists()
    assert "Traceback" not in build.output


def test_missing_handout_section_is_a_warning(browser_path, tmp_path):
    src = sample_copy(tmp_path / "src")
    page = src / "playbook" / "ambassadeurs.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Werkblad", "## Oefening"), encoding="utf-8")
    # The sample silences the content model's warnings; this one must show.
    build = build_pdf(src, tmp_path / "pdf", "-D", "suppress_warnings=nothing")
    assert build.returncode != 0
    assert re.search(r"playbook/ambassadeurs(\.md)?: WARNING: werkblad mist de sectie\(s\) werkblad",
                     build.output), build.output


@pytest.mark.parametrize("builder, prefix", [("pdf", "PDF-export"), ("html", "Diagrammen")])
def test_no_browser_gives_install_hint(tmp_path, monkeypatch, builder, prefix):
    """A HANDBOOK_BROWSER that is no program: one clear error, no traceback,
    for the export and for the web build (its diagrams need the browser)."""
    src = sample_copy(tmp_path / "src")
    monkeypatch.setenv("HANDBOOK_BROWSER", str(tmp_path / "geen-browser"))
    build = sphinx_build(src, tmp_path / builder, builder, "-d", str(tmp_path / "doctrees"))
    assert build.returncode != 0
    errors = [ln for ln in build.output.splitlines() if "ERROR:" in ln]
    assert len(errors) == 1, build.output
    assert f"ERROR: {prefix}: HANDBOOK_BROWSER=" in errors[0], build.output
    assert "apt-get install chromium" in errors[0]
    assert "Traceback" not in build.output and "Extension error" not in build.output
    assert not (tmp_path / builder / PDF_NAME).exists()


# ---- PDF/UA (issue 18) ------------------------------------------------------

def _pdfs(book: Book) -> list[Path]:
    return [book.pdf, *sorted((book.outdir / "werkbladen").glob("*.pdf"))]


def test_every_link_has_a_text(book):
    """PDF/UA 7.18.5: a link annotation carries its text in /Contents."""
    for path in _pdfs(book):
        with pikepdf.open(path) as pdf:
            links = [a for p in pdf.pages for a in p.obj.get("/Annots", [])
                     if a.get("/Subtype") == "/Link"]
            assert all(str(a.get("/Contents", "")).strip() for a in links), path.name
    with pikepdf.open(book.pdf) as pdf:
        texts = {str(a.Contents) for p in pdf.pages for a in p.obj.get("/Annots", [])}
        # The contents' entries say what they say on the page, with the page.
        assert any(t.endswith(", pagina 4") or ", pagina " in t for t in texts), texts


def test_declared_pdf_ua_and_conforming(book):
    """Declared PDF/UA-1 only where our checks find nothing, and here they do not."""
    from handbook.pdf import outline

    for path in _pdfs(book):
        with pikepdf.open(path) as pdf:
            assert outline.ua_problems(pdf) == [], path.name
            with pdf.open_metadata() as meta:
                assert meta.get("pdfuaid:part") == "1", path.name
    assert "PDF/UA niet verklaard" not in book.output


def test_no_heading_prints_with_nothing_under_it(book):
    """A heading right above a toctree ("Inhoud", "Alle plays" on the web)
    would print alone: its chapters start on new pages. The PDF drops it."""
    html = (book.outdir / "index.html").read_text(encoding="utf-8")
    # Only right under a page's own title (a part's title page): its section
    # follows the page's marker span.
    for match in re.finditer(r'</h[1-6]>\s*<div class="toctree-wrapper', html):
        before = html[:match.start()]
        section = before.rfind("<section")
        assert re.search(r'<span id="document-[^"]*"></span>\s*$', before[:section]), (
            html[section - 100:match.end()])
    with pikepdf.open(book.pdf) as pdf, pdf.open_outline() as tree:
        titles = [str(item.title) for item in _walk_outline(tree.root)]
    assert "Alle plays" not in titles and titles.count("Inhoud") <= 1


def _walk_outline(items) -> list:
    flat = []
    for item in items:
        flat.append(item)
        flat.extend(_walk_outline(item.children))
    return flat


def test_ua_check_fails_on_a_link_without_text_and_an_empty_heading(handbook_book):
    from handbook.pdf import outline

    with pikepdf.open(handbook_book.pdf) as pdf:
        link = next(a for p in pdf.pages for a in p.obj.get("/Annots", [])
                    if a.get("/Subtype") == "/Link")
        del link["/Contents"]
        found = outline.ua_problems(pdf, empty_headings=["Inhoud"])
    assert any(p.startswith("28-012: ") for p in found), found
    assert "kop zonder iets eronder: 'Inhoud'" in found


def test_toctree_only_sections_give_way_to_their_chapters():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from handbook.pdf.builder import unwrap_toctree_sections

    doc = new_document("test", get_default_settings(Parser))
    page = nodes.section("", nodes.title("", "Sessies"),
                         nodes.compound("", classes=["toctree-wrapper"]), ids=["sessies"])
    kept = nodes.section("", nodes.title("", "Inhoud"), nodes.paragraph("", "tekst"),
                         nodes.compound("", classes=["toctree-wrapper"]), ids=["met-tekst"])
    alone = nodes.section("", nodes.title("", "Alle plays"),
                          nodes.compound("", nodes.paragraph("", "hoofdstuk"),
                                         classes=["toctree-wrapper"]), ids=["alle-plays"])
    page += [kept, alone]
    doc += page
    unwrap_toctree_sections(doc)
    # The page's title stays; inside it, the section with only a toctree goes.
    assert [type(n).__name__ for n in page.children] == ["title", "compound", "section", "compound"]
    assert page.children[3]["ids"] == ["alle-plays"]
    assert page.children[3].astext() == "hoofdstuk"
