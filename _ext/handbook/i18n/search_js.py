"""Dutch for the search page's JavaScript messages.

Sphinx ships its Dutch JavaScript catalog (``_static/translations.js``) with
some messages left empty, such as "Search finished, found N pages ...", so a
Dutch reader sees English after every search. This module owns filling those
messages from our own catalog (``locale/<lang>/LC_MESSAGES/sphinx.po``) after
Sphinx has copied the file, so the search page speaks the same language as
the rest of the site.

It also repairs the catalog's plural rule: Sphinx writes Babel's ``(n != 1)``,
a boolean, and doctools.js indexes the (singular, plural) pair with it, so
every plural message came out ``undefined`` and the search page threw an
error after each search. ``Number(...)`` turns the rule into the index 0 or 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from sphinx.application import Sphinx

PREFIX = "Documentation.addTranslations("
SUFFIX = ");"


def our_messages(app: Sphinx) -> dict[str, str | list[str]]:
    """Singular msgid -> translation (a list for plural messages) from our .po files."""
    messages: dict[str, str | list[str]] = {}
    for locale_dir in app.config.locale_dirs:
        po = Path(app.srcdir, locale_dir, app.config.language or "", "LC_MESSAGES", "sphinx.po")
        if not po.is_file():
            continue
        with po.open("rb") as f:
            for message in read_po(f):
                string: Any = message.string
                if not message.id or not string or not any(string):
                    continue
                if isinstance(message.id, (tuple, list)):
                    messages[str(message.id[0])] = list(string)
                else:
                    messages[str(message.id)] = string
    return messages


def fill_translations_js(app: Sphinx) -> None:
    """Called when the static files are copied and before any page takes
    their checksums (web/minify.at_first_page): a page links the filled file
    with its own ``?v=``."""
    js_file = Path(app.outdir, "_static", "translations.js")
    if not js_file.is_file():
        return
    text = js_file.read_text(encoding="utf-8").strip()
    if not (text.startswith(PREFIX) and text.endswith(SUFFIX)):
        return
    data = json.loads(text[len(PREFIX):-len(SUFFIX)])
    ours = our_messages(app)
    for msgid, translation in ours.items():
        if msgid in data["messages"]:
            data["messages"][msgid] = translation
    expr = data.get("plural_expr")
    if expr and not expr.startswith("Number("):
        data["plural_expr"] = f"Number({expr})"
    js_file.write_text(
        PREFIX + json.dumps(data, ensure_ascii=False, indent=4, sort_keys=True) + SUFFIX + "\n",
        encoding="utf-8")
