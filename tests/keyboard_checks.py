"""Keyboard checks by walking a page with Tab, as a reader without a mouse does.

``tab_walk`` presses Tab from the top of the page until focus leaves the
document (or comes back round) and records, for every stop, whether the
reader can see where focus is. ``walk_problems`` turns that into problems in
plain words (WCAG 2.1.1, 2.4.3, 2.4.7, 2.4.11):

- a control that is on the page and visible but never takes focus (say, a
  ``<label>`` used as a button for a hidden checkbox: Furo's menu button);
- a stop that is off screen (a link in a closed drawer that sits beside the
  viewport) or hidden (transparent, invisible, covered by another element).

A form control that is visually hidden on purpose (opacity 0, or 1 px) counts
as seen through its ``<label>``: that is where the focus ring must show.

The checks run on the built handbook (tests/test_reader_keyboard.py) and on
lab pages built to show each defect, which must fail them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NARROW = {"width": 640, "height": 800}  # also what 1,280 px at 200 % zoom gives
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 800}

# What the walk learns about the element that has focus. ``proxy`` is what
# the reader looks at: the element itself, or the label of a visually hidden
# form control.
_FOCUS_FACTS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} });
    const size = (r) => r.width > 1 && r.height > 1;
    const opaque = (node) => {
        for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
            if (parseFloat(getComputedStyle(n).opacity) === 0) return false;
        }
        return true;
    };
    const rectOf = (node) => {
        const rects = [...node.getClientRects()].filter(size);
        return rects.length ? rects[0] : node.getBoundingClientRect();
    };
    let proxy = el;
    // A stretched link (sphinx-design's cards) is an empty box whose ::after
    // covers the nearest positioned ancestor: the reader sees that.
    const after = getComputedStyle(el, '::after');
    if (!size(el.getBoundingClientRect()) && after.content !== 'none'
        && after.position === 'absolute' && el.offsetParent) proxy = el.offsetParent;
    if (!opaque(el) || !size(proxy.getBoundingClientRect())) {
        const label = [...(el.labels || [])].find(l => opaque(l) && size(l.getBoundingClientRect()));
        if (label) proxy = label;
    }
    const r = rectOf(proxy);
    const onScreen = size(r) && r.bottom > 0 && r.right > 0
        && r.top < innerHeight && r.left < innerWidth;
    const visible = proxy.checkVisibility({visibilityProperty: true, opacityProperty: true})
        && opaque(proxy) && size(r);
    let covered = null;
    if (onScreen && visible) {
        const x = Math.min(Math.max((r.left + r.right) / 2, 0), innerWidth - 1);
        const y = Math.min(Math.max((r.top + r.bottom) / 2, 0), innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        if (top && !(proxy.contains(top) || top.contains(proxy) || el.contains(top))) {
            covered = top.tagName.toLowerCase() + (top.id ? '#' + top.id : '')
                + [...top.classList].slice(0, 2).map(c => '.' + c).join('');
        }
    }
    if (!el.dataset.hbWalk) el.dataset.hbWalk = String(document.querySelectorAll('[data-hb-walk]').length + 1);
    return {
        id: el.dataset.hbWalk, control: el.dataset.hbControl || null,
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        text: (el.getAttribute('aria-label') || el.textContent || el.value || '')
            .trim().replace(/\\s+/g, ' ').slice(0, 40),
        onScreen, visible, covered,
        where: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`,
    };
}"""

# Controls a reader can see on the page as it opens (anywhere down the page,
# but not beside it) and could click: each must take focus itself, or, for a
# label, through its form control. Marked before the walk, since scrolling
# may show or hide some (Furo's "Terug naar boven").
_CONTROLS = """() => {
    const size = (r) => r.width > 1 && r.height > 1;
    const opaque = (node) => {
        for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
            if (parseFloat(getComputedStyle(n).opacity) === 0) return false;
        }
        return true;
    };
    const seen = (el) => {
        if (el.closest('[inert]')) return false;
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true}) || !opaque(el)) return false;
        const r = el.getBoundingClientRect();
        return size(r) && r.right > 0 && r.left < document.documentElement.clientWidth;
    };
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]';
    document.querySelectorAll('[data-hb-control]').forEach(el => delete el.dataset.hbControl);
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
        if (el.disabled || !seen(el)) continue;
        let control = el;
        if (el.tagName === 'LABEL') {
            control = document.getElementById(el.htmlFor);
            if (!control) continue;
        }
        // A label and its form control are one control: either may take focus.
        const key = control.dataset.hbControl || String(out.length + 1);
        if (control.dataset.hbControl) continue;
        el.dataset.hbControl = control.dataset.hbControl = key;
        out.push({
            key, label: el.tagName === 'LABEL',
            tag: el.tagName.toLowerCase(), href: el.getAttribute('href'),
            text: (el.getAttribute('aria-label') || control.getAttribute('aria-label')
                   || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40),
        });
    }
    return out;
}"""


@dataclass
class Walk:
    """The stops of one Tab walk, in order, and the visible controls."""

    stops: list[dict] = field(default_factory=list)
    controls: list[dict] = field(default_factory=list)
    complete: bool = False  # focus left the page or came round again


def describe(el: dict) -> str:
    text = f" '{el['text']}'" if el.get("text") else ""
    href = f" href={el['href']}" if el.get("href") else ""
    return f"<{el['tag']}>{text}{href}"


def tab_walk(page, max_stops: int = 400) -> Walk:
    """Press Tab from the top of the page until focus leaves the document."""
    # Furo scrolls smoothly: where focus ends up only shows once the scroll
    # is done, so jump instead (the end position is the same).
    page.evaluate("""() => {
        document.documentElement.style.scrollBehavior = 'auto';
        window.scrollTo(0, 0);
        document.activeElement?.blur();
        document.querySelectorAll('[data-hb-walk]').forEach(el => delete el.dataset.hbWalk);
    }""")
    walk = Walk(controls=page.evaluate(_CONTROLS))
    seen: set[str] = set()
    for _ in range(max_stops):
        page.keyboard.press("Tab")
        facts = page.evaluate(_FOCUS_FACTS)
        if facts is None or facts["id"] in seen:
            walk.complete = True
            break
        seen.add(facts["id"])
        walk.stops.append(facts)
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    return walk


def walk_problems(walk: Walk) -> list[str]:
    problems = []
    for stop in walk.stops:
        if not stop["onScreen"]:
            problems.append(f"focus off screen at {stop['where']}: {describe(stop)}")
        elif not stop["visible"]:
            problems.append(f"focus on something hidden: {describe(stop)}")
        elif stop["covered"]:
            problems.append(f"focus hidden under {stop['covered']}: {describe(stop)}")
    reached = {s["control"] for s in walk.stops}
    for control in walk.controls:
        if control["key"] not in reached:
            kind = "button (a label)" if control["label"] else "control"
            problems.append(f"{kind} cannot be reached with Tab: {describe(control)}")
    if not walk.complete:
        problems.append(f"Tab did not leave the page after {len(walk.stops)} stops")
    return problems


def keyboard_walk_problems(page, viewport: dict) -> list[str]:
    """Set the viewport, walk the page with Tab, and report what a keyboard
    reader would miss or lose."""
    page.set_viewport_size(viewport)
    return walk_problems(tab_walk(page))
