"""The English interface phrases a Dutch page must not show, computed not typed.

Sources: every message of Furo's and sphinx-basic-ng's templates (Jinja
``_()`` and ``{% trans %}``), the English literals Furo hard-codes (found the
way handbook.i18n.theme finds them, plus its Python-built navigation label),
and Sphinx's own messages for HTML pages (writers/html5.py, the basic theme).
A phrase counts when it does not also occur in its Dutch translation, so
"Index" and "Copyright", which Dutch shares, never count.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import furo
import sphinx
import sphinx_basic_ng
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from jinja2.ext import babel_extract

from conftest import ROOT
from handbook.i18n import theme as theme_i18n

OUR_PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "sphinx.po"
SPHINX_PO = Path(sphinx.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "sphinx.po"
THEME_DIRS = (Path(furo.__file__).parent, Path(sphinx_basic_ng.__file__).parent)
SPHINX_HTML_SOURCES = ("writers/html5.py", "themes/basic/")

ACCESSIBLE_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "value")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%s|\$\{\w+\}")


def _theme_messages() -> set[str]:
    messages = set()
    for theme_dir in THEME_DIRS:
        for template in theme_dir.rglob("*.html"):
            with template.open("rb") as f:
                for _line, _func, msg, _comments in babel_extract(
                        f, ("_", "gettext", "ngettext"), [], {"extensions": "jinja2.ext.i18n"}):
                    messages.update([msg] if isinstance(msg, str) else [m for m in msg if m])
    furo_templates = Path(furo.__file__).parent.rglob("*.html")
    for template in furo_templates:
        messages.update(theme_i18n.literals(template.read_text(encoding="utf-8")))
    messages.add(theme_i18n.NAVIGATION_LABEL)
    return messages


def _sphinx_messages() -> set[str]:
    with SPHINX_PO.open("rb") as f:
        catalog = read_po(f)
    messages = set()
    for message in catalog:
        if message.id and any(loc.startswith(SPHINX_HTML_SOURCES) for loc, _ in message.locations):
            messages.update([message.id] if isinstance(message.id, str) else message.id)
    return messages


def dutch(msgid: str, po_files=(OUR_PO, SPHINX_PO)) -> str:
    """The translation Sphinx uses: ours first, then Sphinx's, else the English."""
    for po in po_files:
        with po.open("rb") as f:
            message = read_po(f).get(msgid)
        if message is not None:
            string = message.string if isinstance(message.string, str) else message.string[0]
            if string:
                return string
    return msgid


def phrases_of(message: str) -> list[str]:
    """The readable pieces of a message: no markup, no placeholders."""
    text = html.unescape(BeautifulSoup(message, "html.parser").get_text())
    pieces = (" ".join(p.split()).strip(" .,:;-–()&") for p in _PLACEHOLDER.split(text))
    return [p for p in pieces if len(p) >= 3 and re.search(r"[A-Za-z]", p)]


@cache
def english_phrases() -> frozenset[str]:
    phrases = set()
    for msgid in _theme_messages() | _sphinx_messages():
        translated = " ".join(phrases_of(dutch(msgid)))
        phrases.update(p for p in phrases_of(msgid) if p not in translated)
    return frozenset(phrases)


def page_text(markup: str) -> list[str]:
    """What a reader sees or hears: text nodes and accessible attributes."""
    soup = BeautifulSoup(markup, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    texts = [" ".join(s.split()) for s in soup.find_all(string=True)]
    for attribute in ACCESSIBLE_ATTRIBUTES:
        texts += [tag[attribute] for tag in soup.find_all(attrs={attribute: True})
                  if not (attribute == "value" and tag.name != "input")]
    return [t for t in texts if t.strip()]


def english_on_page(markup: str) -> set[str]:
    texts = page_text(markup)
    return {phrase for phrase in english_phrases()
            for text in texts
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)}
