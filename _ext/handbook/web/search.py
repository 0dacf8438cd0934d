"""The site search: what the index holds and how results are ranked.

Sphinx's own search, tuned through its public means:

- :class:`HandbookDutch`, the search language for ``nl``
  (``app.add_search_language``): Sphinx's Dutch stemmer and stop words, plus
  the words Dutch readers type for what pages call otherwise
  (:data:`SYNONYMS`: privacy for the AVG, X and Twitter), and compounds the stemmer mangles kept
  whole as well ("salzburgerland" becomes "salzburrland", so "Salzburg"
  found nothing).
- ``search_scorer.js`` as ``html_search_scorer``: plays and sessions weigh
  more than overviews, the glossary and other lists; a page whose own title
  names the word comes first.
- ``_templates/search.html`` and ``static/handbook-search.js``: a search box
  on the results page (a phone hides the sidebar's), the result count in a
  live region for screen readers, and each page's description under its
  result (``search_pages.py``).
- Stop words in any case: Sphinx compares them as written, so "Het" and
  "De" at the start of a sentence went into the index (1.4 KB of it).

``tests/test_search_ranking.py`` runs real queries in a browser against the
built site, each with the page a reader looks for first.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search.nl import SearchDutch

SCORER = Path(__file__).parent / "search_scorer.js"
STYLESHEET = "handbook-search.css"

# The word a reader types, and the words pages use for it instead: a page
# with any of those is found by the reader's word too. One way only: a search
# for "AVG" finds the pages that name the AVG, not every page about privacy.
# Lower case, single words (the index holds words, not phrases).
SYNONYMS: dict[str, frozenset[str]] = {
    "privacy": frozenset({"avg", "uavg", "persoonsgegevens", "gegevensbescherming"}),
    "twitter": frozenset({"x"}),
    "x": frozenset({"twitter"}),
}
# page word -> the reader's words it also stands for
_ALSO: dict[str, set[str]] = {
    page_word: {reader for reader, words in SYNONYMS.items() if page_word in words}
    for words in SYNONYMS.values() for page_word in words
}

# split() marks a word that should go into the index as it is, unstemmed;
# stem() takes the mark off. A character no text contains.
_WHOLE = "\x00"
# Shorter words that the stemmer changes inside are rare and not compounds.
_COMPOUND_LENGTH = 8


class HandbookDutch(SearchDutch):
    """Sphinx's Dutch search language, with synonyms and whole compounds."""

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        extra: list[str] = []
        for word in words:
            lower = word.lower()
            extra.extend(sorted(_ALSO.get(lower, ())))
            if len(lower) >= _COMPOUND_LENGTH and not lower.startswith(super().stem(lower)):
                # The stemmer changed the word inside ("salzburgerland" ->
                # "salzburrland"): keep the word whole too, so that typing its
                # first part ("Salzburg") finds it as a partial match.
                extra.append(_WHOLE + lower)
        return words + extra

    def word_filter(self, word: str) -> bool:
        # Sphinx checks the stop words as written: "Het" at the start of a
        # sentence passed, and every page had it in the index.
        return super().word_filter(word.lower())

    def stem(self, word: str) -> str:
        if word.startswith(_WHOLE):
            return word[len(_WHOLE):]
        return super().stem(word)


def set_scorer(app: Sphinx, config: Config) -> None:
    """At ``config-inited`` (before Sphinx compares the configuration with the
    previous build's): our ranking, unless conf.py names another scorer."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup(app: Sphinx) -> None:
    app.add_search_language(HandbookDutch)


def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The search page's stylesheet, on that page only."""
    if templatename == "search.html":
        app.add_css_file(STYLESHEET)
