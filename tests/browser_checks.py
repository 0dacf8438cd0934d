"""The browser quality gate's checks, shared by the real site and the broken pages.

Each check takes a Playwright page (already loaded) and returns a list of
problems in plain words; an empty list means the page passes. The tests over
the built handbook and the tests over deliberately broken pages call exactly
the same functions, so a check that passes the handbook is known to be able
to fail.

axe-core comes from ``axe-playwright-python`` (pinned in requirements.txt),
which bundles axe-core 4.12.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no wcag22a tag: the 2.2 A
# criteria it tests carry wcag2a/wcag21a).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}

SMALL_SCREEN = {"width": 375, "height": 800}
# Mermaid renders in the browser after the page's load event (or not at all
# when the SVG is inlined at build time).
DIAGRAM_TIMEOUT_MS = 20_000

_axe = Axe()


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_foreign(url: str, origin: str) -> bool:
    """True for a network request that does not go to the served site itself."""
    scheme = urlsplit(url).scheme
    if scheme in ("data", "blob", "about", "javascript"):
        return False
    return origin_of(url) != origin


# Launch flag: every request to another host goes to a proxy on a closed
# loopback port and fails there, so nothing leaves the machine, not even while
# testing a page that tries to (Chromium never proxies loopback addresses).
# Unlike request routing, this keeps the HTTP cache on. A flag, not
# Playwright's proxy option, which would proxy loopback too.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9"]


@dataclass
class Watch:
    """What a page did on the network and in its console while it was open."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def attach(self, page) -> Watch:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        page.on("request", self._on_request)
        page.on("websocket", lambda ws: self.foreign_requests.append(f"websocket {ws.url}"))
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        return self

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            where = msg.location.get("url", "") if msg.location else ""
            self.console_errors.append(f"{msg.text} ({where})" if where else msg.text)

    def _on_request(self, request) -> None:
        if is_foreign(request.url, self.origin):
            self.foreign_requests.append(f"{request.resource_type} {request.url}")

    def _on_failed(self, request) -> None:
        self.failed_requests.append(f"{request.url}: {request.failure}")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.url}: HTTP {response.status}")


# Browsers fetch the page icon on their own (``/favicon.ico`` when the page
# names none); Playwright does not report that request, so ask for it here.
_ICONS = """() => {
    const icons = [...document.querySelectorAll('link[rel~="icon"]')].map(l => l.href);
    return icons.length ? icons : [new URL('/favicon.ico', location.href).href];
}"""


def icon_problems(page) -> tuple[list[str], list[str]]:
    """(failed, foreign): page icons that do not load, or come from elsewhere."""
    failed, foreign = [], []
    for url in page.evaluate(_ICONS):
        if not url.startswith("http"):
            continue  # a data: icon needs no request
        if is_foreign(url, origin_of(page.url)):
            foreign.append(f"icon {url}")
            continue
        status = page.request.get(url).status
        if status >= 400:
            failed.append(f"{url}: HTTP {status} (the page icon, which browsers fetch on their own)")
    return failed, foreign


def cookie_problems(context) -> list[str]:
    return [f"cookie set: {c['name']} for {c['domain']}" for c in context.cookies()]


def axe_violations(page) -> list[str]:
    """axe-core violations of WCAG 2.x A/AA, one line per rule with its targets."""
    results = _axe.run(page, options=AXE_OPTIONS).response
    problems = []
    for v in results["violations"]:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"]]
        shown = "; ".join(targets[:5]) + (f"; ... ({len(targets)} in all)" if len(targets) > 5 else "")
        problems.append(f"{v['id']} ({v['impact']}): {v['help']} -> {shown}")
    return problems


# A diagram block: ``.mermaid`` from sphinxcontrib-mermaid (rendered in the
# browser), ``.hb-diagram`` from the handbook's build-time rendering (one
# inline SVG whose colours follow the colour scheme through CSS).
DIAGRAMS = ".hb-diagram, .mermaid:not(.hb-diagram .mermaid)"
# What the build shows instead of a picture when Mermaid cannot parse it.
DIAGRAM_ERRORS = ".hb-diagram-error"

# Settled: every diagram holds an SVG and none is mid-render (Mermaid draws
# into a temporary "dmermaid-..." element inside the block first, before the
# accessible name is added).
_DIAGRAMS_SETTLED = """(sel) => [...document.querySelectorAll(sel)].every(el =>
    el.hasAttribute('data-mermaid-render-failed')
    || (el.querySelector('svg') && !el.querySelector('[id^="dmermaid"], [id^="imermaid"]')))"""

# Diagrams in a closed <details> render only once visible: open them all.
_OPEN_DETAILS = """(sel) => {
    for (const el of document.querySelectorAll(sel)) {
        for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
    }
    for (const el of document.querySelectorAll('.mermaid[data-mermaid-deferred]')) el.scrollIntoView();
}"""


def wait_for_diagrams(page, timeout_ms: int = DIAGRAM_TIMEOUT_MS) -> None:
    """Give in-browser Mermaid the time to render; a timeout is not an error
    here, because ``diagram_problems`` then reports the unrendered diagram."""
    if page.locator(DIAGRAMS).count() == 0:
        return
    page.evaluate(_OPEN_DETAILS, DIAGRAMS)
    try:
        page.wait_for_function(_DIAGRAMS_SETTLED, arg=DIAGRAMS, timeout=timeout_ms)
    except Exception:
        pass
    page.evaluate("() => window.scrollTo(0, 0)")


# A block may hold more than one SVG (say, a light and a dark rendering that
# CSS switches): check the ones on screen, or all when the block is hidden.
_DIAGRAM_FACTS = """([sel, errors]) => {
    const text = (ids) => (ids || '').split(/\\s+/).filter(Boolean)
        .map(id => document.getElementById(id)).filter(Boolean)
        .map(el => el.textContent.trim()).join(' ').trim();
    const own = (svg, tag) => {
        const el = [...svg.children].find(c => c.tagName.toLowerCase() === tag);
        return el ? el.textContent.trim() : '';
    };
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const facts = (svg) => ({
        error: svg.getAttribute('aria-roledescription') === 'error'
            || /syntax error/i.test(svg.textContent),
        name: (svg.getAttribute('aria-label') || '').trim()
            || text(svg.getAttribute('aria-labelledby')) || own(svg, 'title'),
        description: text(svg.getAttribute('aria-describedby')) || own(svg, 'desc'),
    });
    const diagrams = [...document.querySelectorAll(sel)].map((el, i) => {
        const section = el.closest('section');
        const h = section && section.querySelector('h1, h2, h3, h4, h5, h6');
        const heading = h ? h.textContent.replace(/[\u00b6#]\\s*$/, '').trim() : '';
        const svgs = [...el.querySelectorAll('svg')].filter(s => !s.parentElement.closest('svg'));
        const visible = svgs.filter(shown);
        return {index: i + 1, heading, svgs: (visible.length ? visible : svgs).map(facts)};
    });
    const strayErrors = [...document.querySelectorAll('svg[aria-roledescription="error"]')]
        .filter(svg => !svg.closest(sel)).length;
    const sources = document.querySelectorAll(errors).length;
    return {diagrams, strayErrors, sources};
}"""


def diagram_problems(page) -> list[str]:
    """Every diagram block holds an SVG with a name and a description, and no
    Mermaid syntax-error graphic (or unparsed source) shows on the page."""
    facts = page.evaluate(_DIAGRAM_FACTS, [DIAGRAMS, DIAGRAM_ERRORS])
    problems = []
    for d in facts["diagrams"]:
        where = f"diagram {d['index']}" + (f" (under '{d['heading']}')" if d["heading"] else "")
        if not d["svgs"]:
            problems.append(f"{where}: not rendered to an SVG")
        for svg in d["svgs"]:
            if svg["error"]:
                problems.append(f"{where}: shows Mermaid's syntax-error graphic")
                continue
            if not svg["name"]:
                problems.append(f"{where}: SVG has no accessible name (add 'accTitle: ...')")
            if not svg["description"]:
                problems.append(f"{where}: SVG has no description (add 'accDescr: ...')")
    if facts["strayErrors"]:
        problems.append(f"{facts['strayErrors']} Mermaid syntax-error graphic(s) outside a diagram")
    if facts["sources"]:
        problems.append(f"{facts['sources']} diagram(s) Mermaid could not parse, shown as source")
    return problems


# The smallest diagram text a reader gets, in CSS px on screen: the text's
# computed font size (SVG user units) times the scale its SVG is drawn at
# (getScreenCTM, so viewBox scaling and transforms count). HTML labels in a
# <foreignObject> (in-browser Mermaid) count the same way. 12 px is the floor
# the build keeps (handbook.diagrams.render.READABLE_PX: three quarters of the
# 16 px body text, where common type scales stop for captions).
READABLE_DIAGRAM_PX = 12
_DIAGRAM_TEXT = """(sel) => {
    const scale = (el) => { const m = el.getScreenCTM(); return m ? Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)) : 1; };
    const found = [];
    for (const block of document.querySelectorAll(sel)) {
        for (const svg of block.querySelectorAll('svg')) {
            if (svg.parentElement.closest('svg') || !svg.getClientRects().length) continue;
            for (const t of svg.querySelectorAll('text')) {
                if (!t.textContent.trim() || !t.getClientRects().length) continue;
                found.push({size: parseFloat(getComputedStyle(t).fontSize) * scale(t), text: t.textContent.trim()});
            }
            for (const fo of svg.querySelectorAll('foreignObject')) {
                for (const el of fo.querySelectorAll('*')) {
                    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                    if (!own || !el.getClientRects().length) continue;
                    const size = parseFloat(getComputedStyle(el).fontSize) * scale(fo);
                    found.push({size, text: el.textContent.trim()});
                }
            }
        }
    }
    found.sort((a, b) => a.size - b.size);
    return found.slice(0, 3).map(f => ({size: Math.round(f.size * 10) / 10, text: f.text.slice(0, 40)}));
}"""


def diagram_text_problems(page, widths: tuple[int, ...] = (1280, 375)) -> list[str]:
    """Diagram text is never drawn below READABLE_DIAGRAM_PX, on a desktop
    and on a phone (a wide diagram must scroll, not shrink its text)."""
    problems = []
    original = page.viewport_size
    try:
        for width in widths:
            resize(page, {"width": width, "height": SMALL_SCREEN["height"]})
            smallest = page.evaluate(_DIAGRAM_TEXT, DIAGRAMS)
            small = [f for f in smallest if f["size"] < READABLE_DIAGRAM_PX - 0.05]
            if small:
                shown = "; ".join(f"{f['size']} px '{f['text']}'" for f in small)
                problems.append(
                    f"at {width} px diagram text is below {READABLE_DIAGRAM_PX} px: {shown}")
    finally:
        # The checks after this one see the page as the audit opened it.
        if original is not None:
            resize(page, original)
    return problems


# Flowchart lines that run through a box they do not connect read as if that
# box were on the way. Sample every edge path and test the points against the
# shapes of the other nodes (isPointInFill, in each shape's own coordinates).
# Mermaid names nodes "...flowchart-<id>-<n>" and edges data-id="L_<from>_<to>_<n>".
_EDGES_THROUGH_NODES = """(sel) => {
    const out = [];
    for (const block of document.querySelectorAll(sel)) {
        for (const svg of block.querySelectorAll('svg')) {
            if (svg.parentElement.closest('svg') || !svg.getClientRects().length) continue;
            const boxes = [];
            for (const g of svg.querySelectorAll('g.node[id]')) {
                const m = g.id.match(/flowchart-(.+)-\\d+$/);
                if (!m) continue;
                // The drawn shape (a diamond fills less than its bounding box).
                const shapes = [...g.children].filter(c => c instanceof SVGGeometryElement);
                boxes.push({id: m[1], shapes, label: g.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)});
            }
            const ids = new Set(boxes.map(b => b.id));
            // Invisible links (~~~) only arrange the boxes: nobody sees them.
            const edges = 'path[data-edge="true"][data-id^="L_"]:not(.edge-thickness-invisible)';
            for (const path of svg.querySelectorAll(edges)) {
                // data-id is "L_<from>_<to>_<n>"; ids may hold "_" themselves.
                const rest = path.dataset.id.slice(2).replace(/_\\d+$/, '');
                const from = [...ids].find(a => rest.startsWith(a + '_') && ids.has(rest.slice(a.length + 1)));
                const to = from === undefined ? undefined : rest.slice(from.length + 1);
                const ctm = path.getScreenCTM();
                const length = path.getTotalLength();
                const hit = new Set();
                for (let d = 0; d <= length; d += 2) {
                    const at = path.getPointAtLength(d);
                    const p = new DOMPoint(at.x, at.y).matrixTransform(ctm);
                    for (const b of boxes) {
                        if (b.id === from || b.id === to || hit.has(b.label)) continue;
                        if (b.shapes.some(s => s.isPointInFill(p.matrixTransform(s.getScreenCTM().inverse())))) {
                            hit.add(b.label);
                        }
                    }
                }
                const name = (id) => (boxes.find(b => b.id === id) || {label: id}).label;
                for (const label of hit) out.push(`'${name(from)}' -> '${name(to)}' runs through '${label}'`);
            }
        }
    }
    return out;
}"""


def diagram_line_problems(page) -> list[str]:
    """No flowchart line passes through a box it does not connect."""
    return [f"diagram line {p}" for p in page.evaluate(_EDGES_THROUGH_NODES, DIAGRAMS)]


_OVERFLOW = """() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const scrollWidth = Math.max(doc.scrollWidth, document.body.scrollWidth);
    if (scrollWidth <= width) return {width, scrollWidth, culprits: []};
    const clipped = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true;
        }
        return false;
    };
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && r.width > 0 && !clipped(el)) {
            let name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + [...el.classList].slice(0, 2).map(c => '.' + c).join('');
            culprits.push(`${name} (right edge at ${Math.round(r.right)} px)`);
            if (culprits.length >= 5) break;
        }
    }
    return {width, scrollWidth, culprits};
}"""


# After a resize the page's own scripts respond in their resize handlers (the
# keyboard script makes an off-screen drawer inert, or not): let them run.
_AFTER_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def resize(page, size: dict) -> None:
    page.set_viewport_size(size)
    page.evaluate(_AFTER_TWO_FRAMES)


def overflow_problems(page) -> list[str]:
    """At a 375 px wide viewport the page must not scroll sideways (WCAG 1.4.10)."""
    original = page.viewport_size
    resize(page, SMALL_SCREEN)
    facts = page.evaluate(_OVERFLOW)
    if original is not None:  # the checks after this one see the audited size
        resize(page, original)
    if facts["scrollWidth"] <= facts["width"]:
        return []
    culprits = ", ".join(facts["culprits"]) or "no single element found"
    return [
        f"at {SMALL_SCREEN['width']} px the page is {facts['scrollWidth']} px wide "
        f"and scrolls sideways; too wide: {culprits}"
    ]


# Focus every keyboard-focusable element in turn and compare its outline and
# box-shadow (and those of its ::before/::after, where sphinx-design draws the
# ring of a card link) with the unfocused state. Run after one real Tab, so
# Chromium treats the script's focus as keyboard focus (:focus-visible).
_FOCUS_RINGS = """() => {
    const transparent = (c) => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
    const ring = (el, pseudo) => {
        const s = getComputedStyle(el, pseudo);
        if (pseudo && (s.content === 'none' || s.display === 'none')) return null;
        return {
            key: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} / ${s.boxShadow}`,
            shows: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                    && !transparent(s.outlineColor)) || s.boxShadow !== 'none',
        };
    };
    const parts = (el) => [ring(el), ring(el, '::before'), ring(el, '::after')];
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
        + '[tabindex], [contenteditable=""], [contenteditable=true]';
    const results = [];
    if (document.activeElement) document.activeElement.blur();
    for (const el of document.querySelectorAll(selector)) {
        if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')) continue;
        if (!el.checkVisibility({visibilityProperty: true})) continue;
        const before = parts(el);
        el.focus({preventScroll: true});
        if (document.activeElement !== el) continue;
        document.getAnimations().forEach(a => a.finish());
        const after = parts(el);
        const indicator = after.some((r, i) => r && r.shows && (!before[i] || r.key !== before[i].key));
        const rect = el.getBoundingClientRect();
        const visible = (rect.width > 0 && rect.height > 0) || after.slice(1).some(Boolean);
        if (!indicator || !visible) {
            results.push({
                tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), indicator, visible,
                text: (el.getAttribute('aria-label') || el.textContent || el.value || '')
                    .trim().replace(/\\s+/g, ' ').slice(0, 40),
            });
        }
    }
    if (document.activeElement) document.activeElement.blur();
    return results;
}"""

_FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // Skip links often slide in with a transition: measure where it ends.
    document.getAnimations().forEach(a => a.finish());
    const rect = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), href: el.getAttribute('href'),
        text: (el.textContent || '').trim().slice(0, 40),
        onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
            && rect.top < innerHeight && rect.left < innerWidth,
    };
}"""

_SKIP_TARGET = """(href) => {
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    if (!target) return {exists: false};
    const main = target.matches('main, [role=main]') || !!target.querySelector('main, [role=main]');
    return {exists: true, main};
}"""

# After the skip link, the next Tab must land at or after the start of its
# target (inside the main content, or past it when it holds no link), never
# back in the header or the navigation before it.
_FOCUS_FROM_TARGET = """(href) => {
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    const el = document.activeElement;
    if (!target || !el || el === document.body) return false;
    return target === el || target.contains(el)
        || !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


def _describe(el: dict) -> str:
    text = f" '{el['text']}'" if el["text"] else ""
    href = f" href={el['href']}" if el["href"] else ""
    return f"<{el['tag']}>{text}{href}"


def keyboard_problems(page) -> list[str]:
    """Keyboard use (WCAG 2.4.1, 2.4.7): the first Tab reaches a skip link,
    visible on screen, to the main content; Enter on it moves the keyboard
    there; and every focusable element shows a focus indicator (an outline
    or box-shadow that differs from its unfocused state)."""
    problems: list[str] = []
    page.evaluate("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }")
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUSED)

    for el in page.evaluate(_FOCUS_RINGS):
        if not el["visible"]:
            problems.append(f"focusable but invisible: {_describe(el)}")
        else:
            problems.append(f"no visible focus indicator on {_describe(el)}")

    if first is None:
        return [*problems, "the first Tab reaches nothing on the page"]
    href = first["href"] or ""
    if first["tag"] != "a" or not href.startswith("#") or len(href) < 2:
        return [*problems, f"the first Tab stop is not a skip link but {_describe(first)}"]
    if not first["onScreen"]:
        problems.append(f"the skip link {_describe(first)} stays off screen when focused")
    target = page.evaluate(_SKIP_TARGET, href)
    if not target["exists"]:
        return [*problems, f"the skip link points to {href}, which is not on the page"]
    if not target["main"]:
        problems.append(f"the skip link target {href} is not (and holds no) main landmark")
    page.locator(f'a[href="{href}"]').first.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    if not page.evaluate(_FOCUS_FROM_TARGET, href):
        problems.append(f"after Enter on the skip link, Tab does not continue from {href}")
    return problems


_FORMS = """() => [...document.querySelectorAll('form')].flatMap(form => {
    const fields = form.querySelectorAll(
        'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image]), select, textarea');
    if (!fields.length) return [];
    const name = form.getAttribute('action') || form.className || 'form';
    const submit = form.querySelector(
        'button:not([type]), button[type=submit], input[type=submit], input[type=image]');
    if (!submit) return [`no submit button in <form> ${name}`];
    submit.focus();
    const box = submit.getBoundingClientRect();
    const style = getComputedStyle(submit);
    const clipped = style.clipPath !== 'none' && style.clipPath !== '' || style.clip.startsWith('rect');
    submit.blur();
    return box.width > 4 && box.height > 4 && !clipped && style.visibility !== 'hidden'
        ? [] : [`the submit button of <form> ${name} stays invisible when focused`];
})"""


def form_problems(page) -> list[str]:
    """A form with fields has a submit button (WCAG 3.2.2, technique H32),
    visible at least while it has keyboard focus."""
    return page.evaluate(_FORMS)


@dataclass
class Report:
    """All problems on one page, by check."""

    url: str
    problems: dict[str, list[str]] = field(default_factory=dict)

    def add(self, check: str, found: list[str]) -> None:
        self.problems[check] = list(found)

    def failed(self) -> dict[str, list[str]]:
        return {check: found for check, found in self.problems.items() if found}

    def __str__(self) -> str:
        lines = [f"{self.url}:"]
        for check, found in self.failed().items():
            lines.append(f"  [{check}]")
            lines.extend(f"    - {p}" for p in found)
        return "\n".join(lines)


CHECKS_EVERY_SCHEME = ("axe", "console", "requests", "third-party", "cookies", "diagrams")
CHECKS_LAYOUT = ("keyboard", "small-screen", "diagram-text", "diagram-lines", "forms")


def audit(context, url: str, *, layout: bool = True, diagram_timeout_ms: int = DIAGRAM_TIMEOUT_MS,
          ready: str | None = None) -> Report:
    """Open ``url`` in a fresh tab of ``context`` and run every check.

    The colour scheme is the context's. ``layout`` adds the keyboard and the
    small-screen checks, which do not depend on the colour scheme. ``ready``
    (a JavaScript function) is awaited first: for content a script adds.
    """
    report = Report(url)
    context.clear_cookies()
    page = context.new_page()
    try:
        watch = Watch(origin_of(url)).attach(page)
        page.goto(url, wait_until="load")
        if ready:
            page.wait_for_function(ready, timeout=15_000)
        wait_for_diagrams(page, diagram_timeout_ms)
        report.add("diagrams", diagram_problems(page))
        report.add("axe", axe_violations(page))
        if layout:
            report.add("diagram-lines", diagram_line_problems(page))
            report.add("keyboard", keyboard_problems(page))
            report.add("small-screen", overflow_problems(page))
            report.add("diagram-text", diagram_text_problems(page))
            report.add("forms", form_problems(page))
        report.add("cookies", cookie_problems(context))
        report.add("console", watch.console_errors)
        icons_failed, icons_foreign = icon_problems(page)
        report.add("requests", watch.failed_requests + icons_failed)
        report.add("third-party", watch.foreign_requests + icons_foreign)
    finally:
        page.close()
    return report


# Sphinx's search is done when its heading loses the pulsing dots (a <span>);
# the summary line is no signal: its Dutch text is empty in Sphinx 9.0.
_SEARCH_DONE = """() => {
    const h = document.querySelector('#search-results h2');
    return !!h && !h.querySelector('span');
}"""


SCHEMES = ("light", "dark")


def scheme_contexts(browser, viewport: dict | None = None) -> Iterator[tuple[str, object]]:
    """(scheme, context) for the light and then the dark colour scheme, each
    context closed once the loop moves on or stops."""
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme,
                                      viewport=viewport or {"width": 1280, "height": 800})
        try:
            yield scheme, context
        finally:
            context.close()


def search(context, base_url: str, query: str) -> list[str]:
    """Run Sphinx's own search page for ``query``; return the result URLs
    relative to ``base_url`` (e.g. ``playbook/ambassadeurs.html``)."""
    page = context.new_page()
    try:
        page.goto(f"{base_url}search.html?q={quote(query)}", wait_until="load")
        page.wait_for_function(_SEARCH_DONE, timeout=15_000)
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search li > a", "els => els.map(a => a.href)"
        )
    finally:
        page.close()
    return [h[len(base_url):].split("#")[0].split("?")[0] for h in hrefs if h.startswith(base_url)]
