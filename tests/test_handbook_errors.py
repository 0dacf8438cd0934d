"""Every author mistake is a handbook.<subtype> warning with file:line.

tests/roots/test-errors breaks the input on purpose, once per mistake; a
warning that stops firing, or moves to the wrong line, fails its test.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from handbook.model.report import SUBTYPES
from handbook_helpers import REPO, Built, copy_root, warning_lines


@pytest.fixture(scope="module")
def errors(tmp_path_factory) -> Built:
    return Built(copy_root("errors", tmp_path_factory.mktemp("errors") / "src"), parallel=2)


def found(built: Built) -> set[tuple[str, int, str]]:
    src = str(built.app.srcdir) + "/"
    return {(f.replace(src, ""), line, sub) for f, line, sub in warning_lines(built.warnings)}


@pytest.mark.parametrize(("file", "line", "subtype"), [
    ("sessions/kapotte-kop.md", 2, "session-missing"),      # 'order' absent: at 'session:'
    ("sessions/kapotte-kop.md", 5, "session-unknown"),      # 'ordr' typo
    ("sessions/kapotte-kop.md", 6, "session-type"),         # speakers: a string, not a list
    ("sessions/kapotte-kop.md", 3, "session-date"),         # source date 2018-13-45
    ("sessions/kapotte-kop.md", 15, "learning-id"),         # no :id:
    ("sessions/kapotte-kop.md", 25, "learning-id"),         # :id: not a slug
    ("sessions/kapotte-kop.md", 20, "learning-play"),       # no :play:
    ("sessions/dubbel.md", 23, "learning-duplicate"),       # second 'zelfde-id'
    ("sessions/dubbel.md", 29, "play-unknown"),             # :play: bestaat-niet
    ("playbook/leeg.md", 1, "play-evidence"),               # nobody targets 'leeg'
    ("sessions/geen-lessen.md", 15, "session-learnings"),   # at the title
    ("sessions/dubbel.md", 39, "keyfigure-number"),         # value: "124%"
    ("sessions/dubbel.md", 42, "keyfigure"),                # before without after
    ("sessions/dubbel.md", 45, "keyfigure-number"),         # value: 379.614 (thousands dot)
    ("playbook/echte-play.md", 3, "play-frontmatter"),      # 'sumary' typo
    ("overig.md", 3, "learning-place"),                     # learning outside sessions/
    ("overig.md", 9, "evidence-place"),                     # evidence outside playbook/
    ("overig.md", 12, "overview"),                          # unknown overview kind
    ("overig.md", 15, "advice"),                            # empty advice block
    ("sessions/zonder-kop.md", 1, "session-missing"),       # no front matter at all
    ("sessions/zonder-kop.md", 3, "learning-title"),        # :::{learning} without a title
    ("sessions/kapotte-yaml.md", 4, "frontmatter-yaml"),    # quote opened, never closed
    ("sessions/niet-gesloten.md", 22, "learning-unclosed"), # swallowed by the one above
    ("verwijzingen.md", 5, "reference"),                    # {term} not in the glossary
    ("verwijzingen.md", 7, "reference"),                    # {ref} and {doc} to nothing
    ("los.md", 1, "toctree"),                               # in no toctree
    ("onveilig.md", 5, "unsafe-html"),                      # <script>
    ("onveilig.md", 7, "unsafe-html"),                      # <iframe>
    ("onveilig.md", 9, "unsafe-html"),                      # onclick=
    ("overig.md", 18, "diagram"),                           # %%{init}%% in a diagram
    # Workshops (issue 17): a play's workshop block and its steps.
    ("playbook/zonder-workshop.md", 1, "workshop-missing"), # no workshop: block at all
    ("playbook/leeg.md", 6, "workshop-missing"),            # preparation without 'what'
    ("playbook/leeg.md", 4, "workshop-participants"),       # min 8, max 4
    ("playbook/leeg.md", 5, "workshop-facilitator"),        # no begeleider
    ("playbook/leeg.md", 8, "workshop-unknown"),            # 'wat' typo
    ("playbook/leeg.md", 10, "workshop-type"),              # paper: a string, not a list
    ("playbook/leeg.md", 11, "workshop-debrief"),           # neither questions nor 'kernvragen'
    ("playbook/echte-play.md", 27, "workshop-steps"),       # 10 + 15 min, duration 30
    ("playbook/echte-play.md", 32, "stap"),                 # no :resultaat:
    ("playbook/echte-play.md", 36, "stap"),                 # no time box
    ("overig.md", 26, "stap"),                              # a step outside a play
    ("workshops/fout.md", 5, "workshop-page"),              # start: "9 uur"
    ("workshops/onbekend.md", 8, "workshop-play"),          # plays: bestaat-niet
    ("playbook/echte-play.md", 13, "governance"),            # review_by: 2027-02-30
    ("playbook/leeg.md", 1, "governance-missing"),          # a play without governance:
    ("playbook/zonder-workshop.md", 1, "governance-missing"),  # nor this one
    ("overig.md", 1, "governance-missing"),                 # advice without governance:
    ("sessions/onbekend-evenement.md", 3, "session-event"), # an event id events.yaml lacks
    ("sessions/tijd-zonder-aanhalingstekens.md", 5, "session-start"),  # start: 9:30 unquoted
    ("sessions/niet-gesloten.md", 4, "session-order"),      # order 1, as dubbel.md
    ("sessions/geen-lessen.md", 5, "session-order"),        # 09:00 at order 2, 10:30 at 1
    ("sessions/dubbel.md", 10, "vocabulary-unknown"),       # channel 'Twiter'
    ("_data/events.yaml", 7, "data-file"),                  # date 2018-11-31
])
def test_author_error_is_reported_at_file_line(errors, file, line, subtype):
    assert (file, line, subtype) in found(errors), errors.warnings


def test_messages_say_what_to_do(errors):
    text = errors.warnings
    assert "Het les-id 'zelfde-id' bestaat al in sessions/dubbel.md:17" in text
    assert "Kies een van: echte-play, leeg, zonder-workshop" in text
    assert ("De stappen duren samen 25 min, maar 'workshop.duration' (regel 5) zegt 30 min: "
            "5 min te weinig.") in text
    assert "Schrijf hem als JJJJ-MM-DD" in text
    assert "Controleer de spelling" in text
    assert "Bedoelt u 379614?" in text
    assert "Bedoelt u 'smwnl-2018-dag1'?" in text
    assert "'Twiter' staat niet in de lijst 'channels' van _data/vocabularies.yaml. Bedoelt u " \
        "'Twitter' of 'X (Twitter)'?" in text
    # Both sessions with order 1 are named, each with its file and line.
    assert "Twee sessies van 'smwnl-2018-dag1' hebben positie '1': deze en " \
        "sessions/dubbel.md:4." in text
    assert 'Schrijf uren en minuten met een dubbele punt, tussen aanhalingstekens' in text
    assert "verwijzingen.md:4: WARNING: De link naar 'bestaat-niet.md' wijst naar niets" in text
    assert "Het woord 'Onbekend woord' staat niet in de woordenlijst." in text
    assert "Het label 'geen-label' bestaat niet." in text
    assert "De pagina 'nergens' bestaat niet." in text
    assert "Deze pagina staat in geen enkele inhoudsopgave" in text
    for english in ("term not in glossary", "undefined label", "unknown document",
                    "cross-reference target not found", "isn't included in any toctree"):
        assert english not in text
    assert ("De les 'Ingeslikt' staat binnen de les 'Open gelaten' (regel 17). Sluit 'Open "
            "gelaten' af met een regel ':::' vóór de volgende les.") in text


def test_no_unexpected_warnings(errors):
    """Each mistake is reported once, by the handbook. The one message of
    another type is MyST's link check, in Dutch (it keeps its type, so
    suppress_warnings still works). An impossible date (2018-13-45) no longer
    brings MyST's English "Malformed YAML" on line 1."""
    handbook = [line for line in errors.warnings.split("WARNING: ")[1:]]
    other = [line for line in handbook if "[handbook." not in line]
    # 31, then workshops 14, governance 4, programme and vocabularies 6.
    assert len(handbook) - len(other) == 31 + 14 + 4 + 6, errors.warnings
    assert len(other) == 1 and "[myst.xref_missing]" in other[0], other
    assert "Malformed YAML" not in errors.warnings


def test_front_matter_that_is_no_yaml(errors):
    """One Dutch warning on the line of the opening quote, with the parser's
    text on a second line; no 'geen front matter' after it."""
    src = str(errors.app.srcdir) + "/"
    text = errors.warnings.replace(src, "")
    assert ("sessions/kapotte-yaml.md:4: WARNING: De front matter is geen geldige YAML: "
            "aanhalingsteken niet gesloten. De waarde begint met \" (kolom 10), maar er staat "
            "geen \" aan het eind. Zet er een \" achter, op dezelfde regel.\n"
            "    YAML-lezer: while scanning a quoted scalar; found unexpected end of stream "
            "[handbook.frontmatter-yaml]\n") in text
    page = [line for line in text.splitlines() if "kapotte-yaml.md" in line]
    assert len(page) == 1, page
    # The rest of the page is read as usual: its learning and title are there.
    assert "Een les op een pagina met kapotte YAML" in errors.html("sessions/kapotte-yaml")


@pytest.mark.parametrize(("block", "line", "start"), [
    ('session:\n  event: "#SMWNL\n  venue: x\n', 1, "aanhalingsteken niet gesloten"),
    ("session:\n  event: 'abc\n  venue: x\n", 1, "aanhalingsteken niet gesloten"),
    ("session:\n  date: 2018-11-14\n   event: x\n", 2, "een dubbele punt (:) op deze regel"),
    ("session:\n  summary: Let op: dit\n", 1, "een dubbele punt (:) op deze regel"),
    ("session:\n  date: 2018-11-14\n event: x\n", 2, "het inspringen klopt niet"),
    ("session:\n\tdate: 2018-11-14\n", 1, "er staat een tab op deze regel"),
    ("session:\n  themes: [Video\n  summary: x\n", 1, "haakje niet gesloten"),
])
def test_yaml_problem_in_plain_dutch(block, line, start):
    from handbook.model.frontmatter import yaml_problem
    found = yaml_problem(block)
    assert found is not None
    assert found[0] == line
    assert found[1].startswith(f"De front matter is geen geldige YAML: {start}"), found[1]
    assert "\n    YAML-lezer: " in found[1]


def test_valid_yaml_is_no_yaml_problem():
    from handbook.model.frontmatter import yaml_problem
    assert yaml_problem("session:\n  date: 2018-13-45\n") is None


def test_strict_build_fails_and_lists_all_in_one_run(tmp_path):
    src = copy_root("errors", tmp_path / "src")
    # As the Makefile runs it: -W --keep-going -n -j auto.
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-j", "auto",
         str(src), str(tmp_path / "out")],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "_ext")})
    assert proc.returncode != 0
    subtypes = {sub for _, _, sub in warning_lines(proc.stderr)}
    # Every subtype the extension knows is exercised by the broken root
    # (and the diagram subtype, which the diagrams package emits itself).
    assert subtypes == set(SUBTYPES) | {"diagram"}


def test_handbook_warnings_can_be_suppressed(tmp_path):
    src = copy_root("errors", tmp_path / "src")
    with (src / "conf.py").open("a") as conf:
        conf.write('\nsuppress_warnings = ["handbook.play-evidence"]\n')
    built = Built(src)
    subtypes = {sub for _, _, sub in warning_lines(built.warnings)}
    assert "play-evidence" not in subtypes and "play-unknown" in subtypes


def test_a_play_named_twice_counts_once(errors):
    html = errors.html("playbook/echte-play")
    assert html.count("zonder-kop.html#zonder-titel") == 1
