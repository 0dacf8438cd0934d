"""Provenance of the handbook's content (issue 16).

A session page says only what the report "Highlights #SMWNL dag 1"
(14-11-2018, tests/data/smwnl-2018-dag1.txt) says; the handbook's own advice
sits in an ``advies`` block or on a play page; a play names the source of
every rule it cites. Each gate below has a twin test that feeds it broken
input and shows it fails.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from conftest import ROOT

REPORT = (Path(__file__).parent / "data" / "smwnl-2018-dag1.txt").read_text(encoding="utf-8")
# The report every session page rests on, as its front matter names it
# (the session card shows it as "Bron").
SOURCE = {"title": "Highlights #SMWNL dag 1", "date": datetime.date(2018, 11, 14)}
SESSION_HEADINGS = ("Waar gaat het over?", "Wat het verslag vertelt", "Lessen", "Verder lezen")
PLANNING = ("Doel, nulmeting en streefwaarde", "Eigenaar en goedkeuring", "Budget en capaciteit",
            "Risico's en incidenten", "Archiveren", "Na het project")
# A rule named on a play page needs an article/section or a year in the same
# paragraph or list item.
RULES = re.compile(r"\b(AVG|UAVG|Archiefwet|Woo|Wet open overheid|Mediawet|Reclamecode|"
                   r"Wet politiegegevens|Telecommunicatiewet|Auteurswet|EVRM|"
                   r"Besluit digitale toegankelijkheid|Richtlijn contentsamenwerkingen|"
                   r"Uitgangspunten overheidscommunicatie)\b")
RULE_SOURCE = re.compile(r"\bart(?:ikel|\.)\s*\d|\b(?:19|20)\d\d\b|\bonderdeel\b|succescriterium")
# Quotes the audit checked by hand, per page: each must stay on its page and
# in the report word for word.
KNOWN_QUOTES = {
    "pro247.md": ["per ongeluk", "vertel, verbaas, vernieuw",
                  "Durf te doen vanaf de werkvloer met mensen die willen en het kennen/kunnen"],
    "maastunnel.md": ["Onze tunnel", "moeder aller tunnels", "nut, noodzaak en fun"],
    "one-young-world.md": ["City of peace and justice"],
    "van-vn-naar-vr.md": ["Eerlijk en neutraal"],
    "influencer-marketing.md": ["de grootste fotoshoot van Europa", "sharing is the new selling",
                                "social first"],
}
YOU = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.I)
KEYFIGURES = re.compile(r"^:::\{keyfigures\}.*?\n(.*?)^:::\s*$", re.M | re.S)


def sessions() -> list[Path]:
    return sorted(p for p in (ROOT / "sessions").glob("*.md") if p.name != "index.md")


def plays() -> list[Path]:
    return sorted(p for p in (ROOT / "playbook").glob("*.md") if p.name != "index.md")


def reader_pages() -> list[Path]:
    return sorted([*ROOT.glob("*.md"), *(ROOT / "sessions").glob("*.md"),
                   *(ROOT / "playbook").glob("*.md"), *(ROOT / "overzichten").glob("*.md"),
                   ROOT / "_templates" / "sessie-sjabloon.md"])


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def split_front_matter(text: str) -> tuple[dict, str]:
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    return yaml.safe_load(m[1]) or {}, text[m.end():]


def normal(text: str) -> str:
    """Quotes and whitespace as one form, for a verbatim comparison."""
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u201e", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def quotes(markdown: str) -> list[str]:
    """Every double-quoted string in a session page's reader text (the summary
    in the front matter included, the YAML quoting of other fields not)."""
    meta, body = split_front_matter(markdown)
    body = KEYFIGURES.sub("", body)  # YAML values such as unit: "%" are no quotes
    text = body + "\n" + str(meta.get("session", {}).get("summary", ""))
    text = re.sub(r"\{[a-z]+\}`[^`]*`", "", text)  # roles like {doc}`x`
    found = re.findall(r'"([^"\n]+(?:\n[^"\n]+)*)"', text)
    found += re.findall(r"\u201e([^\u201d\"]+)[\u201d\"]", text)
    return [re.sub(r"\s+", " ", q).strip() for q in found]


def quotes_not_in_report(markdown: str, report: str = REPORT) -> list[str]:
    haystack = normal(report)
    return [q for q in quotes(markdown) if normal(q).rstrip(".") not in haystack]


def test_every_quote_on_a_session_page_is_in_the_report():
    checked = 0
    for page in [*sessions(), ROOT / "sessions" / "index.md"]:
        found = quotes(read(page))
        checked += len(found)
        assert not quotes_not_in_report(read(page)), page.name
    assert checked >= 15


def test_the_audited_quotes_stay_on_their_pages():
    for name, expected in KNOWN_QUOTES.items():
        on_page = [normal(q) for q in quotes(read(ROOT / "sessions" / name))]
        for quote in expected:
            assert normal(quote) in on_page, (name, quote)
            assert normal(quote) in normal(REPORT), (name, quote)


def test_a_changed_quote_is_caught():
    text = read(ROOT / "sessions" / "one-young-world.md")
    assert not quotes_not_in_report(text)
    assert quotes_not_in_report(text.replace("City of peace and justice",
                                             "City of peace and freedom")) == [
        "City of peace and freedom"]
    # Words put in a speaker's mouth: the report says "wat extra werk".
    assert quotes_not_in_report('Ze zeiden: "veel extra werk".') == ["veel extra werk"]


# --- Key figures: results from the report only -------------------------------

RESULT_UNITS = {None, "%", "mensen", "keer", "volgers", "berichten"}


def keyfigure_rows(markdown: str) -> list[dict]:
    return [row for block in KEYFIGURES.findall(markdown) for row in yaml.safe_load(block) or []]


def in_report(number: float, report: str = REPORT) -> bool:
    n = int(number) if float(number).is_integer() else number
    plain = str(n)
    dotted = f"{n:,}".replace(",", ".") if isinstance(n, int) else plain
    pattern = rf"(?<![\d.,])(?:{re.escape(plain)}|{re.escape(dotted)})(?![\d]|[.,]\d)"
    return re.search(pattern, report) is not None


def keyfigure_problems(markdown: str, report: str = REPORT) -> list[str]:
    """Figures not in the report, rows on a channel the session does not list
    (a context row such as "Evenement"), and units that are not results."""
    meta, _ = split_front_matter(markdown)
    channels = set(meta.get("session", {}).get("channels", []))
    problems = []
    for row in keyfigure_rows(markdown):
        for key in ("value", "before", "after"):
            if key in row and not in_report(row[key], report):
                problems.append(f"{row['measure']}: {row[key]} niet in het verslag")
        if row["channel"] not in channels:
            problems.append(f"{row['measure']}: kanaal {row['channel']} is geen kanaal van de sessie")
        if row.get("unit") not in RESULT_UNITS:
            problems.append(f"{row['measure']}: eenheid {row.get('unit')} is geen resultaat")
    return problems


def test_key_figures_are_results_from_the_report():
    rows = 0
    for page in sessions():
        rows += len(keyfigure_rows(read(page)))
        assert not keyfigure_problems(read(page)), (page.name, keyfigure_problems(read(page)))
    assert rows >= 6


def test_a_wrong_or_context_key_figure_is_caught():
    text = read(ROOT / "sessions" / "one-young-world.md")
    assert keyfigure_problems(text.replace("value: 379614", "value: 379615"))
    context = text.replace(":::{keyfigures} Resultaten op sociale media\n",
                           ":::{keyfigures} Resultaten op sociale media\n- channel: Evenement\n"
                           "  measure: Leeftijd\n  value: 18\n  unit: jaar\n")
    found = keyfigure_problems(context)
    assert any("Evenement" in p for p in found) and any("jaar" in p for p in found)


# --- Advice stays marked ------------------------------------------------------

def outside_directives(markdown: str, name: str) -> str:
    """The text of a page without its ``name`` directive blocks."""
    return re.sub(rf"^(:{{3,}})\{{{name}\}}.*?^\1\s*$", "", markdown, flags=re.M | re.S)


BANNED = re.compile(r"ons advies|de sessie gaf geen|gaf de sessie geen", re.I)


def unmarked_advice(markdown: str) -> list[str]:
    return BANNED.findall(outside_directives(markdown, "advies"))


def test_session_pages_keep_advice_in_advice_blocks():
    blocks = 0
    for page in sessions():
        text = read(page)
        blocks += len(re.findall(r"^:::\{advies\}", text, re.M))
        assert not unmarked_advice(text), page.name
        assert split_front_matter(text)[0]["session"].get("source") == SOURCE, page.name
    assert blocks >= 5


def test_a_page_without_its_source_is_caught():
    text = read(ROOT / "sessions" / "pro247.md")
    broken = text.replace("    date: 2018-11-14\n", "    date: 2018-11-15\n", 1)
    assert split_front_matter(broken)[0]["session"]["source"] != SOURCE
    gone = re.sub(r"  source:\n(    .*\n)+", "", text)
    assert "source" not in split_front_matter(gone)[0]["session"]


def test_unmarked_advice_on_a_session_page_is_caught():
    text = read(ROOT / "sessions" / "pro247.md")
    broken = text.replace("## Lessen", "Ons advies: regel alles vooraf.\n\n## Lessen")
    assert unmarked_advice(broken) == ["Ons advies"]
    assert unmarked_advice(text + "\nDe sessie gaf geen cijfers.\n")


def session_headings(markdown: str) -> list[str]:
    _, body = split_front_matter(markdown)
    return re.findall(r"^## (.+)$", body, re.M)


def test_every_session_page_has_the_four_headings():
    for page in sessions():
        assert session_headings(read(page)) == list(SESSION_HEADINGS), page.name


def test_a_session_page_with_another_heading_is_caught():
    text = read(ROOT / "sessions" / "maastunnel.md").replace("## Wat het verslag vertelt", "## De aanpak")
    assert session_headings(text) != list(SESSION_HEADINGS)


# --- One Dutch: the u-form ----------------------------------------------------

def informal_you(markdown: str) -> list[str]:
    """Informal "you" in reader text; a word in quotes (the authors' guide
    naming "je" as the word not to use) is a mention, not an address."""
    return YOU.findall(re.sub(r'"[^"\n]*"', "", markdown))


def test_reader_text_uses_the_u_form():
    for page in reader_pages():
        assert not informal_you(read(page)), (page.name, informal_you(read(page)))


def test_informal_you_is_caught():
    assert informal_you("Hoe haal je er alles uit?") == ["je"]
    assert informal_you("Jouw verhaal telt.") == ["Jouw"]
    assert not informal_you("Hoe haalt u er alles uit? Een filmpje.")
    assert not informal_you('Schrijf nooit "je" of "jij".')


# --- Plays: planning sections and rule sources -------------------------------

def missing_planning(markdown: str) -> list[str]:
    m = re.search(r"^## Planning\n(.*?)(?=^## )", markdown, re.M | re.S)
    found = set(re.findall(r"^### (.+)$", m[1], re.M)) if m else set()
    return [s for s in PLANNING if s not in found]


def test_every_play_has_the_planning_sections():
    for play in plays():
        assert not missing_planning(read(play)), play.name


def test_a_play_without_a_planning_section_is_caught():
    text = read(ROOT / "playbook" / "influencers.md")
    assert missing_planning(text.replace("### Archiveren", "### Bewaren")) == ["Archiveren"]
    assert missing_planning(text.replace("## Planning", "## Organisatie")) == list(PLANNING)


def units(markdown: str) -> list[str]:
    """Paragraphs, list items and table rows of a page, without code or diagrams."""
    text = re.sub(r"^```.*?^```\s*$", "", markdown, flags=re.M | re.S)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        out += [u for u in re.split(r"\n(?=\s*(?:[-*] |\d+\. |\|))", chunk) if u.strip()]
    return out


def rules_without_source(markdown: str) -> list[str]:
    return [u.strip()[:80] for u in units(markdown) if RULES.search(u) and not RULE_SOURCE.search(u)]


def test_every_rule_on_a_play_names_its_source():
    mentions = 0
    for play in plays():
        text = read(play)
        mentions += sum(1 for u in units(text) if RULES.search(u))
        assert not rules_without_source(text), (play.name, rules_without_source(text))
    assert mentions >= 30


def test_a_rule_without_source_is_caught():
    text = read(ROOT / "playbook" / "ambassadeurs.md")
    broken = text.replace("(AVG art. 8 met UAVG art. 5)", "(AVG en UAVG)")
    assert any("Jonger dan 16" in u for u in rules_without_source(broken))
    assert rules_without_source("- **Archief.** Berichten vallen onder de Archiefwet en de Woo.\n")


def test_every_play_checks_each_rule_the_issue_names():
    expected = {
        "influencers.md": ["Reclamecode Social Media & Influencer", "Mediawet 2008",
                           "Commissariaat voor de Media", "Richtlijn", "feitencheck", "Stop"],
        "ambassadeurs.md": ["schriftelijke afspraak", "haat online", "UAVG art. 5", "Stop"],
        "bottom-up-video.md": ["onherkenbaar", "Wet politiegegevens", "verdachte", "slachtoffer",
                               "EVRM, art. 6 lid 2", "ondertitels", "audiobeschrijving", "Stop"],
    }
    for name, words in expected.items():
        text = read(ROOT / "playbook" / name)
        for word in words:
            assert word in text, (name, word)


# --- Diagrams: gates as decisions with a stop exit ---------------------------

MERMAID = re.compile(r"```mermaid\n(.*?)```", re.S)


def gates_without_stop(markdown: str) -> list[str]:
    """Diagrams with no decision node, or no way out labelled stop / geen van deze."""
    bad = []
    for d in MERMAID.findall(markdown):
        has_decision = re.search(r"\w+\{\"", d)
        has_exit = re.search(r"\[\"(?:Stop|Geen van deze)", d)
        if not (has_decision and has_exit and "accTitle:" in d and "accDescr:" in d):
            bad.append(d.split("\n", 2)[1].strip())
    return bad


def test_every_play_diagram_shows_its_gates():
    for page in [*plays(), ROOT / "playbook" / "index.md"]:
        text = read(page)
        assert MERMAID.search(text), page.name
        assert not gates_without_stop(text), page.name


def test_a_straight_chain_is_caught():
    chain = ('```mermaid\nflowchart TD\n    accTitle: X\n    accDescr: Y\n'
             '    A["1. Doel"] --> B["2. Doelgroep"]\n```\n')
    assert gates_without_stop(chain)


def test_decision_aid_starts_from_the_goal():
    text = read(ROOT / "playbook" / "index.md")
    diagram = MERMAID.search(text)[1]
    first = re.search(r"^\s+(\w+)\{\"([^\"]+)\"\}", diagram, re.M)
    assert first and "Doel" in first[2]
    assert "Geen van deze" in diagram


# --- Glossary: every measuring term the plays use ----------------------------

def glossary_terms() -> set[str]:
    m = re.search(r"```\{glossary\}\n(.*?)```", read(ROOT / "woordenlijst.md"), re.S)
    return {line.strip().lower() for line in m[1].splitlines() if line and not line.startswith(" ")}


def meten_entries(markdown: str) -> list[str]:
    m = re.search(r"^## Meten\n(.*?)(?=^## )", markdown, re.M | re.S)
    lines = m[1].splitlines() if m else []
    return [lines[i] for i in range(len(lines) - 1) if lines[i + 1].startswith(": ")]


def unglossed_measures(markdown: str, terms: set[str]) -> list[str]:
    bad = []
    for entry in meten_entries(markdown):
        linked = [t.split("<")[-1].rstrip(">").strip().lower()
                  for t in re.findall(r"\{term\}`([^`]+)`", entry)]
        if not linked or not all(t in terms for t in linked):
            bad.append(entry)
    return bad


def test_the_glossary_defines_every_measuring_term():
    terms = glossary_terms()
    for word in ("output", "outtake", "outcome", "bereik", "avg", "wcag", "uitlegbaar"):
        assert word in terms, word
    entries = 0
    for play in plays():
        entries += len(meten_entries(read(play)))
        assert not unglossed_measures(read(play), terms), play.name
    assert entries >= 20


def test_a_measure_outside_the_glossary_is_caught():
    terms = glossary_terms()
    text = read(ROOT / "playbook" / "principes.md")
    assert unglossed_measures(text.replace("Vertrouwen ({term}`outcome`)", "Vertrouwen (outcome)"), terms)
    assert unglossed_measures(text.replace("{term}`Waardering`", "{term}`Tevredenheid`"), terms)
