"""Each page loads only the stylesheets and scripts it uses (issue 18).

Sphinx, Furo and sphinx-design add their files to every page. Three of them
serve a few pages only:

- ``pygments.css`` (20 KB) colours highlighted code. A page with code gets
  a trimmed copy: only the token rules whose classes occur on that page
  (Furo's light and dark styles, as Furo writes them at ``build-finished``).
- ``sphinx-design.min.css`` (55 KB) styles cards, grids and badges. A page
  with such components gets a trimmed copy: only the rules whose ``sd-``
  classes all occur on that page (plus the custom properties).

A trimmed copy is ``_static/trimmed/<hash>.css``, the hash of the full
stylesheet and the classes kept, so pages with the same components or the
same kinds of code share one file (one download).
- ``design-tabs.js`` runs sphinx-design's tabs: only where there is a tab set.

Filtering happens in ``html-page-context``, late (after every handler that
adds files), on ``context["css_files"]`` and ``context["script_files"]``:
the lists Sphinx documents for templates. Sphinx restores them before the
next page. The entries' ``filename`` attribute and the place of
sphinx-design's stylesheet in its package are in the register of internals
(``page-assets``).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from sphinx.application import Sphinx

from .. import cachefile

PYGMENTS_CSS = "_static/pygments.css"
DESIGN_CSS = "_static/sphinx-design.min.css"
DESIGN_JS = "_static/design-tabs.js"
TRIMMED_DIR = "trimmed"  # under _static/

_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
_SD_CLASS = re.compile(r"\.(sd-[A-Za-z0-9_-]+)")
_ANY_CLASS = re.compile(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def design_stylesheet() -> Path:
    import sphinx_design

    return Path(sphinx_design.__file__).parent / "static" / "sphinx-design.min.css"


def page_classes(body: str) -> set[str]:
    return {name for value in _CLASS_ATTR.findall(body) for name in value.split()}


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level ``prelude{body}`` pairs (statements like @charset: body None)."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(css)
    while i < n:
        brace = css.find("{", i)
        semi = css.find(";", i)
        if brace == -1:
            break
        if semi != -1 and semi < brace and css[i:semi].lstrip().startswith("@"):
            out.append((css[i:semi + 1].strip(), ""))
            i = semi + 1
            continue
        depth, j = 1, brace + 1
        while depth and j < n:
            if css[j] == "{":
                depth += 1
            elif css[j] == "}":
                depth -= 1
            j += 1
        out.append((css[i:brace].strip(), css[brace + 1:j - 1]))
        i = j
    return out


def _selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:k])
            start = k + 1
    parts.append(prelude[start:])
    return [p.strip() for p in parts if p.strip()]


def trim(css: str, used: set[str], classes: re.Pattern[str] = _SD_CLASS) -> str:
    """The rules of ``css`` a page with the classes ``used`` can match: a
    selector stays when every class it names (that ``classes`` matches) is
    used."""
    out = []
    for prelude, body in _blocks(_COMMENT.sub("", css)):
        if prelude.startswith(("@media", "@supports", "@layer", "@container")):
            inner = trim(body, used, classes)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            # @keyframes and the like: no selectors, small; keep.
            out.append(f"{prelude}{{{body}}}" if body or not prelude.endswith(";") else prelude)
        else:
            keep = [s for s in _selectors(prelude) if set(classes.findall(s)) <= used]
            if keep:
                out.append(f"{','.join(keep)}{{{body}}}")
    return "".join(out)


@cache
def _full_design_css() -> str:
    return design_stylesheet().read_text(encoding="utf-8")


@cache
def _full_pygments_css() -> str:
    import furo

    return furo.get_pygments_stylesheet()


def _write_once(path: Path, text: str) -> None:
    """Same name, same content: parallel writers may race, never half-write."""
    if path.is_file():
        return
    cachefile.write_atomic(path, text)


def trimmed_file(outdir: Path, full: str, used: set[str], classes: re.Pattern[str]) -> str:
    """Write ``full`` trimmed to the classes ``used``; its name under _static."""
    kept = trim(full, used, classes)
    # The text kept is the key: same rules, same file, whatever the page.
    key = hashlib.sha256(kept.encode()).hexdigest()[:16]
    name = f"{TRIMMED_DIR}/{key}.css"
    _write_once(outdir / "_static" / name, kept)
    return name


def _filename(asset: object) -> str:
    return str(getattr(asset, "filename", asset))


def only_what_the_page_uses(app: Sphinx, pagename: str, templatename: str, context: dict,
                            doctree: object) -> None:
    if app.builder.format != "html":
        return
    css_files = context.get("css_files")
    scripts = context.get("script_files")
    body = context.get("body", "")
    classes = page_classes(body)
    uses_design = any(c.startswith("sd-") for c in classes)
    if isinstance(css_files, list):
        outdir = Path(app.builder.outdir)
        trimmed = {
            PYGMENTS_CSS: ("highlight" in classes, _full_pygments_css, _ANY_CLASS),
            DESIGN_CSS: (uses_design, _full_design_css, _SD_CLASS),
        }
        kept: list = []
        for css in list(css_files):
            name = _filename(css)
            if name not in trimmed:
                kept.append(css)
                continue
            used, full, pattern = trimmed[name]
            if used:
                # In the removed file's place: the cascade order stays the same.
                app.add_css_file(trimmed_file(outdir, full(), classes, pattern),
                                 priority=getattr(css, "priority", 500))
                kept.append(css_files.pop())
        css_files[:] = kept
    if isinstance(scripts, list) and "sd-tab-set" not in classes:
        scripts[:] = [js for js in scripts if _filename(js) != DESIGN_JS]
