"""Checks that the page fits every screen and says what its parts are (issue 22).

Like ``browser_checks``: each check returns a list of problems in plain
words, and the tests over the built handbook and over deliberately broken
lab pages (tests/test_reader_layout.py) call the same functions.

Two kinds:

- In a browser (a Playwright page, already loaded): page and text-column
  width at 320, 375 and 1,280 px (WCAG 1.4.10 reflow), and every box that
  scrolls sideways is a labelled region the keyboard can reach (WCAG 2.1.1).
- On the HTML alone (BeautifulSoup, no browser): ``scope`` on header cells
  (WCAG 1.3.1, H63), one viewport tag, card links named by their visible
  title (WCAG 2.5.3), the logo's alt text, the publisher in the footer, and
  the print source line.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

WIDTHS = (320, 375, 1280)
# The text column: Furo's <article role="main">, or a plain <main>.
COLUMN = "[role=main], main"

_WIDTHS = """(column) => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const pageWidth = Math.max(doc.scrollWidth, document.body.scrollWidth);
    const col = document.querySelector(column);
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].slice(0, 2).map(c => '.' + c).join('');
    // Overflow inside a box that scrolls or clips sideways is that box's
    // business (scroll_region_problems checks it); the column itself is not
    // such a box: when it scrolls, the text slides sideways.
    const contained = (el) => {
        for (let p = el.parentElement; p && p !== col; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true;
        }
        return false;
    };
    // A deliberate bleed: Furo pulls headings 0.5rem past both edges with
    // negative margins (for the highlight of a linked heading). An element
    // within the box of such an element (or itself one) is not too wide.
    const bled = (el, b) => {
        for (let p = el; p && p !== col; p = p.parentElement) {
            const s = getComputedStyle(p);
            const r = p.getBoundingClientRect();
            const left = Math.max(0, -parseFloat(s.marginLeft));
            const right = Math.max(0, -parseFloat(s.marginRight));
            if ((left || right) && b.left >= r.left - 1 && b.right <= r.right + 1
                && r.left >= colLeft - left - 1 && r.right <= colRight + right + 1) return true;
        }
        return false;
    };
    const culprits = [];
    let colRight = width, colLeft = 0, colScrolls = false;
    if (col) {
        const r = col.getBoundingClientRect();
        colRight = Math.min(r.right, width);
        colLeft = Math.max(r.left, 0);
        colScrolls = getComputedStyle(col).overflowX !== 'visible'
            && col.scrollWidth > col.clientWidth + 1;
        for (const el of col.querySelectorAll('*')) {
            const b = el.getBoundingClientRect();
            if (b.width === 0 || contained(el) || bled(el, b)) continue;
            if (b.right > colRight + 1 || b.left < colLeft - 1) {
                culprits.push(`${describe(el)} (${Math.round(b.left)} to ${Math.round(b.right)} px)`);
                if (culprits.length >= 5) break;
            }
        }
    }
    return {width, pageWidth, column: !!col, colLeft: Math.round(colLeft),
            colRight: Math.round(colRight), colScrolls, culprits};
}"""

_SCROLL_BOXES = """() => {
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].slice(0, 2).map(c => '.' + c).join('');
    const named = (el) => {
        const label = (el.getAttribute('aria-label') || '').trim();
        if (label) return label;
        return (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
            .map(id => document.getElementById(id)).filter(Boolean)
            .map(e => e.textContent.trim()).join(' ').trim();
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
        const s = getComputedStyle(el);
        if (!['auto', 'scroll'].includes(s.overflowX)) continue;
        if (el.scrollWidth <= el.clientWidth + 1 || !el.checkVisibility()) continue;
        out.push({name: describe(el), focusable: el.tabIndex >= 0,
                  role: el.getAttribute('role') || '', label: named(el)});
    }
    return out;
}"""


def width_problems(page, widths: tuple[int, ...] = WIDTHS) -> list[str]:
    """At each width the page does not scroll sideways, and nothing in the
    text column sticks out of it (unless inside its own scroll box)."""
    problems = []
    height = page.viewport_size["height"] if page.viewport_size else 800
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        facts = page.evaluate(_WIDTHS, COLUMN)
        if facts["pageWidth"] > facts["width"]:
            problems.append(f"at {width} px the page is {facts['pageWidth']} px wide and scrolls sideways")
        if not facts["column"]:
            problems.append(f"at {width} px: no text column ({COLUMN}) on the page")
        elif facts["colScrolls"]:
            problems.append(f"at {width} px the text column itself scrolls sideways")
        if facts["culprits"]:
            problems.append(
                f"at {width} px wider than the text column ({facts['colLeft']} to "
                f"{facts['colRight']} px): " + ", ".join(facts["culprits"]))
    return problems


def scroll_region_problems(page, widths: tuple[int, ...] = WIDTHS) -> list[str]:
    """Every box that scrolls sideways (at any of the widths) is a region
    with a name that the keyboard can reach."""
    problems: dict[str, str] = {}
    height = page.viewport_size["height"] if page.viewport_size else 800
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        for box in page.evaluate(_SCROLL_BOXES):
            missing = [what for what, ok in (
                ("keyboard focus (tabindex=0)", box["focusable"]),
                ("a name (aria-label)", box["label"]),
                ('role="region"', box["role"] == "region"),
            ) if not ok]
            if missing and box["name"] not in problems:
                problems[box["name"]] = (f"{box['name']} scrolls sideways at {width} px "
                                         f"but has no {', no '.join(missing)}")
    return list(problems.values())


# --- On the HTML alone ------------------------------------------------------

SCOPES = {"col", "row", "colgroup", "rowgroup"}


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _where(th) -> str:
    table = th.find_parent("table")
    caption = table.caption.get_text(" ", strip=True).rstrip("¶#").strip() if table and table.caption else ""
    return f"'{th.get_text(' ', strip=True)[:40]}'" + (f" in '{caption}'" if caption else "")


def header_scope_problems(soup: BeautifulSoup) -> list[str]:
    """Every header cell says what it heads: scope col/row (WCAG 1.3.1, H63)."""
    problems = []
    for th in soup.find_all("th"):
        scope = th.get("scope")
        if scope not in SCOPES:
            problems.append(f"header cell {_where(th)} has no scope" if scope is None
                            else f"header cell {_where(th)} has scope={scope!r}")
        elif th.find_parent("thead") and scope not in ("col", "colgroup"):
            problems.append(f"header cell {_where(th)} in the header row has scope={scope!r}")
    return problems


def viewport_problems(soup: BeautifulSoup) -> list[str]:
    tags = soup.find_all("meta", attrs={"name": "viewport"})
    if len(tags) == 1:
        return []
    return [f"{len(tags)} viewport meta tags (want exactly one)"]


def _words(text: str) -> str:
    return " ".join(text.replace("\u2192", " ").split()).casefold()


def card_link_problems(soup: BeautifulSoup) -> list[str]:
    """A card's link is named by the card's visible title (WCAG 2.5.3: the
    name a speech user says is the one on screen)."""
    problems = []
    for link in soup.select(".sd-card a.sd-stretched-link"):
        card = link.find_parent(class_="sd-card")
        title = card.select_one(".sd-card-title")
        visible = _words(title.get_text(" ")) if title else ""
        name = _words(link.get("aria-label") or link.get_text(" "))
        if not name or (visible and visible not in name):
            problems.append(f"card '{visible}' links with the name '{name}'")
    return problems


def logo_problems(soup: BeautifulSoup) -> list[str]:
    """Next to the title text in the same link the logo is decoration
    (alt=""); alone, it carries the title. Never just "Logo"."""
    problems = []
    for img in soup.select("img.sidebar-logo"):
        alt = img.get("alt")
        brand = img.find_parent("a")
        titled = brand is not None and brand.select_one(".sidebar-brand-text") is not None
        if alt is None:
            problems.append(f"logo {img.get('src')} has no alt attribute")
        elif titled and alt.strip():
            problems.append(f"logo alt '{alt}' repeats what the title text next to it says; use alt=\"\"")
        elif not titled and (not alt.strip() or alt.strip().casefold() in {"logo", "light logo", "dark logo"}):
            problems.append(f"logo alt '{alt}' does not name the handbook")
    return problems


def footer_problems(soup: BeautifulSoup, publisher: str) -> list[str]:
    """The footer names who publishes the handbook, not only who holds the
    copyright (the author) and which tools made it."""
    footer = soup.find("footer")
    if footer is None:
        return ["the page has no footer"]
    footer = lc_copy(footer)
    for copyright_line in footer.select(".copyright"):
        copyright_line.decompose()
    text = " ".join(footer.get_text(" ").split())
    if f"Uitgegeven door {publisher}" not in text:
        return [f"the footer does not say 'Uitgegeven door {publisher}'"]
    return []


def lc_copy(tag):
    return BeautifulSoup(str(tag), "html.parser")


def print_source_problems(soup: BeautifulSoup, title: str) -> list[str]:
    """A printed page says where it comes from: title, address, date."""
    line = soup.select_one(".hb-print-source")
    if line is None:
        return ["no print source line (.hb-print-source)"]
    problems = []
    if title not in line.get_text(" "):
        problems.append(f"the print source line does not name '{title}'")
    if not line.select_one(".hb-print-address") or not line.select_one(".hb-print-address").get_text(strip=True):
        problems.append("the print source line has no page address")
    if not line.select_one(".hb-print-date"):
        problems.append("the print source line has no date")
    return problems
