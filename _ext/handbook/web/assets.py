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

The theme's own stylesheets (Furo's ``styles/furo.css``, 50 KB, and
``styles/furo-extensions.css``) serve every page but style much that no page
here has (API signatures, footnotes, option lists, versions menus...). On the
website (the ``html`` builder) each page gets a trimmed copy too, computed
from the page itself, so a stylesheet or template added later needs no list
kept by hand. A rule stays when every class its selector requires can be on
the page: a class in the page's generated HTML (body, navigation, contents),
or any word in the templates the page is rendered with (the chrome: header,
drawers, footer; the page's template and what it extends and includes) or
in the string literals of the scripts it loads (classes set at run time).
Custom properties (``--name: value``) that no kept rule, no other stylesheet
of the page, its markup or its scripts refer to are dropped as well. The PDF keeps
the full stylesheets: its print script sets classes of its own.

Then, on the website, consecutive stylesheets for all media become one file
(``bundle_stylesheets``): each stylesheet is a request that holds up the first
paint on a phone's connection. The handbook's own stylesheets join it trimmed
the same way (the generated blocks' styles, print, tokens...): 8.7 KB less on
every page, measured with tools/pageweight.py.

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
from functools import cache, lru_cache
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
# Inside these a class is optional or negated: it never makes a rule useless.
_ARGS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")
_VAR_REF = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
_CUSTOM_NAME = re.compile(r"--[A-Za-z0-9_-]+")
_TEMPLATE_SCRIPT = re.compile(r"['\"](_static/[\w./-]+\.js)['\"]")
# The theme's stylesheets, trimmed per page on the website (register: theme-stylesheets).
THEME_SHEETS = ("_static/styles/furo.css", "_static/styles/furo-extensions.css")


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


def required_classes(selector: str, classes: re.Pattern[str]) -> set[str]:
    """The classes an element needs for ``selector`` to match it. Classes in
    ``:not()``, ``:is()``, ``:has()`` and the like, and anything in an
    attribute selector, are not required (kept on the safe side)."""
    previous = None
    while previous != selector:
        previous, selector = selector, _ARGS.sub(" ", selector)
    return set(classes.findall(selector))


def trim(css: str, used: set[str], classes: re.Pattern[str] = _SD_CLASS) -> str:
    """The rules of ``css`` a page with the classes ``used`` can match: a
    selector stays when every class it requires (that ``classes`` matches) is
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
            keep = [s for s in _selectors(prelude) if required_classes(s, classes) <= used]
            if keep:
                out.append(f"{','.join(keep)}{{{body}}}")
    return "".join(out)


def _declarations(body: str) -> list[str]:
    """``a:b;c:url("x;y")`` -> ["a:b", 'c:url("x;y")']: split at top-level ``;``."""
    parts, depth, quote, start = [], 0, "", 0
    for k, ch in enumerate(body):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == ";" and depth == 0:
            parts.append(body[start:k])
            start = k + 1
    parts.append(body[start:])
    return [p.strip() for p in parts if p.strip()]


def _custom_name(declaration: str) -> str | None:
    name = declaration.split(":", 1)[0].strip()
    return name if name.startswith("--") else None


def _walk_declarations(css: str, values: dict[str, list[str]], refs: set[str]) -> None:
    """Custom properties declared in ``css`` (name: values) and the names the
    other declarations refer to, at any depth of @media and the like."""
    for prelude, body in _blocks(css):
        if prelude.startswith(("@media", "@supports", "@layer", "@container")):
            _walk_declarations(body, values, refs)
        elif prelude.startswith("@"):
            refs.update(_VAR_REF.findall(body))
        else:
            for decl in _declarations(body):
                if name := _custom_name(decl):
                    values.setdefault(name, []).append(decl.split(":", 1)[1])
                else:
                    refs.update(_VAR_REF.findall(decl))


def _without_unused(css: str, keep: set[str]) -> str:
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith(("@media", "@supports", "@layer", "@container")):
            inner = _without_unused(body, keep)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}" if body or not prelude.endswith(";") else prelude)
        else:
            decls = [d for d in _declarations(body)
                     if (name := _custom_name(d)) is None or name in keep]
            if decls:
                out.append(f"{prelude}{{{';'.join(decls)}}}")
    return "".join(out)


def prune_custom_properties(css: str, referenced: set[str]) -> str:
    """``css`` without the custom properties nothing refers to: not ``css``'s
    own rules, nor the names in ``referenced`` (from the page's other
    stylesheets, markup and scripts), nor the values of those kept."""
    values: dict[str, list[str]] = {}
    own: set[str] = set()
    _walk_declarations(css, values, own)
    keep, todo = set(), list(own | referenced)
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        for value in values.get(name, ()):
            todo.extend(_VAR_REF.findall(value))
    return _without_unused(css, keep)


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


def _write_trimmed(outdir: Path, kept: str) -> str:
    # The text kept is the key: same rules, same file, whatever the page.
    key = hashlib.sha256(kept.encode()).hexdigest()[:16]
    name = f"{TRIMMED_DIR}/{key}.css"
    _write_once(outdir / "_static" / name, kept)
    return name


def trimmed_file(outdir: Path, full: str, used: set[str], classes: re.Pattern[str]) -> str:
    """Write ``full`` trimmed to the classes ``used``; its name under _static."""
    return _write_trimmed(outdir, trim(full, used, classes))


@cache
def _read(path: Path, stamp: tuple[int, int]) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _built_file(outdir: Path, name: str) -> str:
    """A file of the build by its site path; empty if not there (a URL)."""
    path = outdir / name
    try:
        st = path.stat()
    except OSError:
        return ""
    return _read(path, (st.st_mtime_ns, st.st_size)) if path.is_file() else ""


_TEMPLATES_SEEN: dict[tuple, str] = {}


def _template_text(app: Sphinx, templatename: str, strings: list[str]) -> str:
    """The templates this page is rendered with, as one text: the page's
    template, what it extends and includes, and the templates the context
    names (Furo's sidebar sections), through the builder's own loader
    (register: theme-stylesheets)."""
    import jinja2.meta

    named = tuple(sorted({s for s in strings if s.endswith(".html") and len(s) < 200}))
    key = (id(app), templatename, named)
    if key in _TEMPLATES_SEEN:
        return _TEMPLATES_SEEN[key]
    loader = app.builder.templates
    environment = loader.environment
    texts: list[str] = []
    seen: set[str] = set()
    todo = [templatename, *named]
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.add(name)
        try:
            source = loader.get_source(environment, name)[0]
        except jinja2.TemplateNotFound:
            continue
        texts.append(source)
        todo.extend(ref for ref in jinja2.meta.find_referenced_templates(environment.parse(source))
                    if ref)
    _TEMPLATES_SEEN[key] = text = "\n".join(texts)
    return text


@cache
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text))


_JS_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`""")


@cache
def script_words(text: str) -> frozenset[str]:
    """The words in a script's string literals: a class a script sets, or
    looks for, is written in one (``classList.add("scrolled")``)."""
    return frozenset(word for m in _JS_STRING.finditer(text)
                     for word in _WORD.findall(m.group(1) or m.group(2) or m.group(3) or ""))


@cache
def _names(text: str) -> frozenset[str]:
    return frozenset(_CUSTOM_NAME.findall(text))


@cache
def _sheet_facts(css: str) -> tuple[frozenset[str], frozenset[str]]:
    """The classes ``css`` names and the custom properties it declares."""
    values: dict[str, list[str]] = {}
    _walk_declarations(_COMMENT.sub("", css), values, set())
    return frozenset(_ANY_CLASS.findall(css)), frozenset(values)


@lru_cache(maxsize=64)
def trim_theme_sheet(css: str, classes: frozenset[str], referenced: frozenset[str]) -> str:
    """``css`` with the rules no element of the page can match, and the
    custom properties nothing refers to, left out."""
    return prune_custom_properties(trim(css, set(classes), _ANY_CLASS), set(referenced))


def _context_strings(value: object, out: list[str], depth: int = 0) -> None:
    """The text the template puts into the page: body, navigation, contents,
    theme options (strings, also in dicts and lists)."""
    if isinstance(value, str):
        out.append(value)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            _context_strings(item, out, depth + 1)
    elif depth < 3 and isinstance(value, (list, tuple)):
        for item in value:
            _context_strings(item, out, depth + 1)


def page_words(app: Sphinx, templatename: str, context: dict,
               scripts: list) -> tuple[frozenset[str], frozenset[str]]:
    """The classes that can be on the page (its HTML, the words of its
    templates and of its scripts' strings), and the custom properties the
    page, its templates and scripts refer to."""
    outdir = Path(app.builder.outdir)
    texts: list[str] = []
    _context_strings({k: v for k, v in context.items() if k not in ("css_files", "script_files")},
                     texts)
    page = "\n".join(texts)
    templates = _template_text(app, templatename, texts)
    # The page's scripts, and those a template loads itself (the search page's).
    names = {_filename(js) for js in scripts} | set(_TEMPLATE_SCRIPT.findall(templates))
    script_text = "\n".join(_built_file(outdir, name) for name in sorted(names))
    words = page_classes(page) | _words(templates) | script_words(script_text)
    referenced = set(_VAR_REF.findall(page)) | _names(templates) | _names(script_text)
    return frozenset(words), frozenset(referenced)


def trim_theme_sheets(app: Sphinx, css_files: list, words: frozenset[str],
                      referenced: frozenset[str]) -> None:
    """Put a trimmed copy of the theme's stylesheets in their place (website only)."""
    outdir = Path(app.builder.outdir)
    for i, css in enumerate(list(css_files)):
        name = _filename(css)
        if name not in THEME_SHEETS or not (full := _built_file(outdir, name)):
            continue
        # What the page's other stylesheets refer to, the other theme sheet
        # too (Furo's extensions' styles use furo.css's properties).
        others = set(referenced)
        for other in css_files:
            if _filename(other) != name:
                others |= _names(_built_file(outdir, _filename(other)))
        classes, declared = _sheet_facts(full)
        kept = trim_theme_sheet(full, frozenset(words & classes), frozenset(others & declared))
        app.add_css_file(_write_trimmed(outdir, kept), priority=getattr(css, "priority", 500),
                         **_attributes(css))
        css_files[i] = css_files.pop()


# A part of a bundle starts with its file's name: the tests (and a reader of
# the CSS) can tell the parts apart.
BUNDLE_PART = "/*! {name} */\n"
_BUNDLE_PART = re.compile(r"/\*! (\S+) \*/\n")
_NOT_BUNDLED = re.compile(r"@import|@charset|url\(\s*(?!['\"]?(?:data:|#))", re.I)


def bundle_parts(css: str) -> list[tuple[str, str]]:
    """(file name, text) of each stylesheet in a bundle, in order."""
    pieces = _BUNDLE_PART.split(css)
    return list(zip(pieces[1::2], pieces[2::2], strict=True))


def _media(css: object) -> str:
    return getattr(css, "attributes", {}).get("media", "all").strip() or "all"


def bundle_stylesheets(app: Sphinx, css_files: list, words: frozenset[str] | None = None,
                       referenced: frozenset[str] = frozenset()) -> None:
    """Consecutive stylesheets of the page as one file.

    Each stylesheet is a request that blocks the first paint; on a phone's
    connection eleven of them cost more than their bytes (measured with
    Lighthouse: first paint 1.85 s with eleven, 1.24 s with one). Their
    text is concatenated in order, so the cascade is the same. A stylesheet
    for other media (the print stylesheet) joins inside ``@media print{}``
    at its own place: the browser would fetch it anyway, and as its own link
    it split the others into two render-blocking files. A stylesheet that
    loads other files (relative ``url()``, ``@import``) stays on its own. An
    empty one (``handbook.css`` holds only comments until a team adds its
    own rules) is left out: a request for nothing.

    With ``words`` (the page's classes, see :func:`page_words`), each of the
    handbook's own stylesheets joins with only the rules the page can match
    and the custom properties something on the page refers to, as the
    theme's are trimmed: the bundle keeps each part under its own name."""
    outdir = Path(app.builder.outdir)
    # The order the page will have: Sphinx sorts by priority after this event
    # (a stable sort). A bundle takes its first member's priority, so the
    # priorities stay in order and Sphinx's sort leaves them be.
    css_files.sort(key=lambda css: getattr(css, "priority", 500))
    # What any stylesheet of the page refers to may be declared in another.
    refs = referenced.union(*(_names(_built_file(outdir, _filename(css))) for css in css_files))
    groups: list[tuple[bool, list]] = []
    for css in css_files:
        attrs = getattr(css, "attributes", {})
        text = _built_file(outdir, _filename(css))
        if not text.strip() and (outdir / _filename(css)).is_file():
            continue
        joins = (bool(text) and attrs.get("rel", "stylesheet") == "stylesheet"
                 and _MEDIA_QUERY.fullmatch(_media(css)) is not None and not attrs.get("title")
                 and not _NOT_BUNDLED.search(_COMMENT.sub("", text)))
        if joins and groups and groups[-1][0]:
            groups[-1][1].append(css)
        else:
            groups.append((joins, [css]))
    kept: list = []
    for joins, members in groups:
        if not joins or len(members) == 1:
            kept.extend(members)
            continue
        texts = [_built_file(outdir, _filename(css)) for css in members]
        if words is not None:
            texts = [_own_part(_filename(css), text, words, refs)
                     for css, text in zip(members, texts, strict=True)]
        text = "".join(BUNDLE_PART.format(name=_filename(css)) + _for_media(
            _media(css), part.rstrip()) + "\n" for css, part in zip(members, texts, strict=True))
        app.add_css_file(_write_trimmed(outdir, text),
                         priority=getattr(members[0], "priority", 500))
        kept.append(css_files.pop())
    css_files[:] = kept


def _own_part(name: str, text: str, words: frozenset[str], referenced: frozenset[str]) -> str:
    """The page's part of one of the handbook's own stylesheets (a trimmed
    copy, the theme's or sphinx-design's, is already the page's part)."""
    if name.startswith(f"_static/{TRIMMED_DIR}/") or name in THEME_SHEETS:
        return text
    classes, declared = _sheet_facts(text)
    return trim_theme_sheet(text, frozenset(words & classes), frozenset(referenced & declared))


# "all", "print", "screen and (min-width: 40em)": no quotes, braces or ";".
_MEDIA_QUERY = re.compile(r"[A-Za-z0-9 ,:()\-.]+")


def _for_media(media: str, text: str) -> str:
    return text if media == "all" else f"@media {media}{{{text}}}"


def _attributes(css: object) -> dict:
    return {k: v for k, v in getattr(css, "attributes", {}).items()
            if k not in ("rel", "type")}


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
    # Last: by the scripts and stylesheets the page keeps.
    if app.builder.name == "html" and isinstance(css_files, list) and isinstance(scripts, list):
        words, referenced = page_words(app, templatename, context, scripts)
        trim_theme_sheets(app, css_files, words, referenced)
        bundle_stylesheets(app, css_files, words, referenced)


_TRIMMED_REF = re.compile(rb"_static/" + TRIMMED_DIR.encode() + rb"/([0-9a-f]{16}\.css)")


def remove_unused_copies(app: Sphinx, exception: Exception | None) -> None:
    """A trimmed copy no page links to any more goes: a rebuild leaves the
    same files as a clean build."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.builder.outdir)
    folder = outdir / "_static" / TRIMMED_DIR
    if not folder.is_dir():
        return
    linked: set[str] = set()
    for page in outdir.rglob("*.html"):
        if page.relative_to(outdir).parts[0] not in ("_static", "_server", "_sources"):
            linked.update(name.decode() for name in _TRIMMED_REF.findall(page.read_bytes()))
    for copy in folder.glob("*.css"):
        if copy.name not in linked:
            copy.unlink()
