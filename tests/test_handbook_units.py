"""Small units of the extension: Dutch numbers, the message catalog, the schema."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from handbook.i18n import labels as i18n
from handbook.i18n import numbers
from handbook.model import schema
from handbook_helpers import Built, copy_root

EXT = Path(i18n.__file__).parent.parent  # _ext/handbook


def test_dutch_number_notation():
    assert numbers.with_unit(379614, "mensen", "nl") == "379.614 mensen"
    assert numbers.with_unit(124, "%", "nl") == "124%"
    assert numbers.with_unit(2.5, None, "nl") == "2,5"
    assert numbers.signed_percent(numbers.growth(893, 2456), "nl") == "+175%"
    assert numbers.signed_percent(numbers.growth(200, 100), "nl") == "-50%"
    assert numbers.growth(0, 10) is None


def test_keyfigure_numbers_must_be_numbers():
    ok, found = schema.problems(schema.KeyFigure, {"channel": "X", "measure": "Y", "value": "379.614"})
    assert ok is None and found[0]["loc"][0] == "value"
    ok, found = schema.problems(schema.KeyFigure, {"channel": "X", "measure": "Y", "value": True})
    assert ok is None


def _catalog(path: Path, reader) -> dict[str, str]:
    with path.open("rb") as f:
        return {m.id: m.string for m in reader(f) if m.id}


def test_compiled_catalog_matches_po():
    po = EXT / "i18n/locale/nl/LC_MESSAGES/handbook.po"
    assert _catalog(po, read_po) == _catalog(po.with_suffix(".mo"), read_mo), \
        "run: cd _ext && python -m handbook.i18n.labels"


def test_every_label_in_the_code_is_translated():
    po = _catalog(EXT / "i18n/locale/nl/LC_MESSAGES/handbook.po", read_po)
    source = "\n".join(p.read_text(encoding="utf-8") for p in EXT.rglob("*.py"))
    used = set(re.findall(r"""label\(\s*["']([^"']+)["']""", source))
    used |= {m for group in re.findall(r'heads = \[([^\]]+)\]', source)
             for m in re.findall(r'"([^"]+)"', group)}
    used |= set(re.findall(r'\("[a-z]+", "([A-Z][a-z]+)"\)', source))  # card facets
    assert used and not (used - po.keys()), used - po.keys()
    assert all(po[m] for m in used)


def test_labels_follow_the_language(tmp_path):
    """English source strings: with language 'en' the catalog is not used."""
    src = copy_root("handbook", tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('language = "nl"', 'language = "en"'))
    html = Built(src).html("sessions/pro247")
    assert "Applied in" in html and "Toegepast in" not in html
    assert "November 14, 2018" in html


def test_aggregate_index_is_built_once_per_build(tmp_path, monkeypatch):
    """Not once per page: 14 pages, several generated blocks, one index."""
    from handbook.model import aggregate

    built_indexes = []
    original = aggregate.Index.__init__

    def counting(self, env):
        built_indexes.append(1)
        original(self, env)

    monkeypatch.setattr(aggregate.Index, "__init__", counting)
    built = Built(copy_root("handbook", tmp_path / "src"))
    assert len(built.written) == 14
    assert len(built_indexes) == 1


def test_schema_problems_are_plain_dutch():
    """pydantic's English never reaches an author (issue 21): each problem
    the schemas report carries a Dutch hint, also for an error type we did
    not foresee."""
    from handbook.model import schema

    _, found = schema.problems(schema.Play, {"sumary": "x"})
    assert [(p["loc"], p["hint"]) for p in found] == [(("sumary",), "dit veld kent het handboek niet")]
    _, found = schema.problems(schema.Session, {"date": "gisteren", "speakers": "Jan",
                                                "themes": [], "summary": 3})
    hints = {p["loc"][0]: p["hint"] for p in found}
    assert hints == {"date": "dit veld kent het handboek niet", "event": "dit veld ontbreekt",
                     "order": "dit veld ontbreekt", "speakers": "hier hoort een lijst, zoals "
                     "[YouTube, Instagram]", "organisations": "dit veld ontbreekt",
                     "channels": "dit veld ontbreekt", "themes": "dit mag niet leeg zijn",
                     "summary": "hier hoort tekst"}
    _, found = schema.problems(schema.KeyFigure, {"channel": "X", "measure": "Y", "value": [1]})
    assert all(p["hint"] in (*schema._HINTS.values(), schema._FALLBACK) for p in found), found
    assert schema._FALLBACK == "deze waarde klopt niet"


def test_impossible_date_is_quoted_in_place():
    """Only the impossible date gets quotes; valid dates, quoted values and
    every line's position stay as they were."""
    from handbook.model.frontmatter import _block, _quote_impossible_dates

    text = ("---\nsession:\n  date: 2018-13-45\n  other: 2018-11-14\n  note: \"2018-99-99\"\n"
            "  list: [2019-02-30, x]\n---\n# Titel\n")
    quoted = _quote_impossible_dates(text, _block(text))
    assert quoted == ("---\nsession:\n  date: \"2018-13-45\"\n  other: 2018-11-14\n"
                      "  note: \"2018-99-99\"\n  list: [\"2019-02-30\", x]\n---\n# Titel\n")
    fine = "---\nsession:\n  date: 2018-11-14\n---\n"
    assert _quote_impossible_dates(fine, _block(fine)) == fine


def test_mermaid_errors_are_explained_in_dutch():
    from handbook.diagrams.build import explain

    assert explain("Parse error on line 2:\n...\nExpecting 'AMP', got 'EOF'").startswith(
        "Het diagram houdt op terwijl er nog iets moet komen")
    assert explain("Parse error on line 3: got 'LINK'").startswith("Er staan twee pijlen")
    # Unknown token: the general advice, never Mermaid's token names.
    assert explain("got 'WEIRD'") == ("Geef elk vak een naam, sluit elk haakje ( [ { en zet "
                                      "elke pijl (-->) tussen twee vakken.")


def test_footer_contact_is_a_link_or_plain_text():
    """handbook_contact (conf.py) in the footer: a mail address or a web
    address becomes a link, anything else stays escaped text."""
    from handbook.web.page import contact_html

    assert str(contact_html("redactie@voorbeeld.nl")) == (
        '<a href="mailto:redactie@voorbeeld.nl">redactie@voorbeeld.nl</a>')
    assert str(contact_html(" https://intranet.voorbeeld.nl/handboek ")) == (
        '<a href="https://intranet.voorbeeld.nl/handboek">https://intranet.voorbeeld.nl/handboek</a>')
    assert str(contact_html("Team <Online>")) == "Team &lt;Online&gt;"
