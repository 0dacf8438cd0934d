"""Reader-facing labels: the extension's message catalog (English source, Dutch in nl).

Labels go through Sphinx's translation machinery so they follow ``language``.
The catalog lives in ``locale/<lang>/LC_MESSAGES/handbook.po``; the compiled
``.mo`` is committed. After editing the .po run ``python -m handbook.i18n.labels``
(from ``_ext/``); a test fails when the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation

CATALOG = "handbook"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(CATALOG)


def label(message: str, **fields: object) -> str:
    """Translate ``message`` now (as a plain str) and fill its ``{fields}``."""
    text = str(_(message))
    return text.format(**fields) if fields else text


def compile_catalogs() -> list[Path]:
    """Compile every .po under LOCALE_DIR to the .mo next to it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{CATALOG}.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as f:
            write_mo(f, catalog)
        written.append(mo)
    return written


def setup(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))


if __name__ == "__main__":
    for path in compile_catalogs():
        print(path)
