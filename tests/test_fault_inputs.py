"""Any input gets a clear message (issue 25): property-based tests.

Hypothesis throws malformed input at the readers: front matter of every
wrong type and shape, unicode and control characters, very long values,
YAML alias bombs and deep nesting, broken directives and options, Mermaid
garbage. Never a Python traceback, never a hang: a `handbook.*` or Sphinx
warning with file:line, and the build ends in bounded time.

Three layers, to keep the run short: the front-matter reader and the
schemas directly (thousands of inputs), Mermaid's renderer in one browser,
and a smaller number of real builds with many generated pages each. Every
input tried is counted in the test summary (fault_figures.py).
"""

from __future__ import annotations

import re
import shutil
import time
from io import StringIO
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from fault_helpers import FIGURES
from handbook.model import frontmatter, schema
from handbook_helpers import client_side_diagrams, copy_root

# Any character a file can hold (no lone surrogates: those cannot be saved
# as UTF-8), control characters included.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
LONG = st.integers(1_000, 200_000).map(lambda n: "x" * n)
SCALAR = st.one_of(TEXT, LONG, st.integers(), st.floats(allow_nan=True), st.booleans(),
                   st.none(), st.dates(), st.just("2018-13-45"))
DATA = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)
# Pieces of YAML syntax, so that broken blocks look like real mistakes.
PIECES = st.sampled_from([
    "session:", "  date:", "  speakers:", "    - name:", " ", "  ", "\t", ":", ": ", "- ",
    "[", "]", "{", "}", '"', "'", "&a", "*a", "!!python/object:os.system", "? ", "|", ">",
    "#", "---", "...", "%YAML 1.1", "\n", "\n", "\n", "\x00", "\x1b", "\u2028", "ë", "😀",
])
YAML_TEXT = st.lists(st.one_of(PIECES, TEXT), max_size=40).map("".join)


def alias_bomb(levels: int, width: int) -> str:
    """The billion-laughs shape: each level names the one before ``width`` times."""
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + f"\nsession:\n  summary: *a{levels - 1}"


def count(n: int = 1) -> None:
    FIGURES["inputs tried"] += n


# --- the front-matter reader, directly ------------------------------------

@settings(max_examples=1000, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(YAML_TEXT)
def test_any_front_matter_text_gets_an_answer(block):
    """yaml_problem either finds a problem (line, Dutch message) or MyST can
    load the block; check_syntax never raises."""
    count()
    found = frontmatter.yaml_problem(block)
    if found is None:
        yaml.safe_load(block)  # what MyST does next
    else:
        line, message = found
        assert isinstance(line, int) and 0 <= line <= block.count("\n") + 1
        assert message.startswith("De front matter")
    source = [f"---\n{block}\n---\n\n# Titel\n"]
    frontmatter.check_syntax(_FakeApp(), "fuzz", source)


class _FakeApp:
    """check_syntax only reports through model/report.py (a Sphinx logger)."""


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 30), st.integers(2, 12))
def test_alias_bombs_are_refused_in_seconds(levels, width):
    count()
    block = alias_bomb(levels, width)
    started = time.monotonic()
    found = frontmatter.yaml_problem(block)
    assert found is not None and "anker" in found[1]
    assert time.monotonic() - started < 2


def test_deep_nesting_is_refused():
    count(2)
    for block in ("session: " + "[" * 50_000, "session: " + "[" * 30 + "]" * 30):
        found = frontmatter.yaml_problem(block)
        assert found is not None and "genest" in found[1]


@settings(max_examples=1000, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(DATA, st.dictionaries(st.sampled_from(
    ["date", "event", "venue", "speakers", "organisations", "channels", "themes", "summary",
     "source", "extra"]), DATA, max_size=9)))
def test_any_session_data_gets_plain_problems(data):
    """The schema turns any shape into problem records with a Dutch hint,
    never an exception."""
    count()
    model, found = schema.problems(schema.Session, data)
    assert (model is None) == bool(found)
    for problem in found:
        assert isinstance(problem["loc"], tuple) and problem["hint"]


# --- Mermaid garbage, in the real renderer ------------------------------------

MERMAID = st.lists(st.one_of(st.sampled_from([
    "flowchart TD", "graph LR", "sequenceDiagram", "pie", "gantt", "classDiagram", "A-->B",
    "A --> ", "-->", "[", "]", "(", ")", "{", "}", "\n", "\n", "accTitle: ", "%%", "click A",
    "subgraph", "end", "1. Doel", "<script>", "&lt;", '"', ":::", "style A fill:#f00",
]), TEXT), min_size=1, max_size=30).map("".join)


@pytest.mark.browser
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(code=MERMAID)
def test_mermaid_garbage_is_a_syntax_error_or_a_drawing(code, mermaid_renderer):
    from handbook.diagrams.render import DiagramSyntaxError, Rendering

    count()
    started = time.monotonic()
    try:
        result = mermaid_renderer.render(code, "fuzz")
    except DiagramSyntaxError as exc:
        assert str(exc)
    else:
        assert isinstance(result, Rendering)
    assert time.monotonic() - started < 30


@pytest.fixture(scope="module")
def mermaid_renderer(browser_path):
    from handbook.diagrams.render import MermaidRenderer

    with MermaidRenderer(browser_path, Path(__file__).resolve().parent.parent,
                         timeout=30) as renderer:
        yield renderer


# --- real builds: many generated pages per build -------------------------------

def session_page(block: str) -> str:
    return f"---\n{block}\n---\n\n# Sessie\n\nTekst.\n"


def yaml_dump(data) -> str:
    return yaml.safe_dump({"session": data}, allow_unicode=True, width=10_000)


OPTION = st.one_of(TEXT, st.sampled_from(["ambassadeurs", "", "bestaat-niet", "a b", "x" * 500]))
DIRECTIVE = st.builds(
    lambda name, arg, opts, body: (
        f":::{{{name}}} {arg}\n" + "".join(f":{k}: {v}\n" for k, v in opts) + f"{body}\n:::\n"),
    st.sampled_from(["learning", "keyfigures", "advies", "evidence", "overview", "learnin"]),
    TEXT.map(lambda t: t.replace("\n", " ")),
    st.lists(st.tuples(st.sampled_from(["id", "play", "class", "onbekend", ""]),
                       OPTION.map(lambda t: t.replace("\n", " "))), max_size=3),
    st.one_of(TEXT, YAML_TEXT),
)
PAGE = st.one_of(
    st.tuples(st.just("yaml"), YAML_TEXT.filter(lambda b: frontmatter.yaml_problem(b) is not None)
              .map(session_page)),
    st.tuples(st.just("alias"), st.builds(alias_bomb, st.integers(2, 12), st.integers(2, 9))
              .map(session_page)),
    st.tuples(st.just("session"), DATA.filter(lambda d: schema.problems(schema.Session, d)[1])
              .map(yaml_dump).map(lambda b: session_page(b.rstrip("\n")))),
    st.tuples(st.just("directive"), st.lists(DIRECTIVE, min_size=1, max_size=3)
              .map(lambda ds: "# Pagina\n\n" + "\n".join(ds))),
    st.tuples(st.just("mermaid"), MERMAID.map(lambda c: f"# Pagina\n\n```mermaid\n{c}\n```\n")),
)
# "path/file.md:12: WARNING: ..." (or ERROR/CRITICAL); continuation lines indent.
LOCATED = re.compile(r"^(?P<file>\S.*?):(?P<line>\d+): (?:WARNING|ERROR|CRITICAL): ")
LEVEL = re.compile(r"(?:^|: )(?:WARNING|ERROR|CRITICAL): ")
INVALID = {"yaml", "alias", "session"}  # each of these must be reported at its file


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory):
    src = copy_root("handbook", tmp_path_factory.mktemp("fuzz") / "src")
    conf = src / "conf.py"  # the real handbook's theme: its stylesheets, its code paths
    conf.write_text(conf.read_text(encoding="utf-8").replace('"basic"', '"furo"'), encoding="utf-8")
    return src


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(pages=st.lists(PAGE, min_size=10, max_size=25))
def test_a_build_of_broken_pages_reports_each_at_file_and_line(pages, fuzz_root):
    fuzz = fuzz_root / "sessions" / "fuzz"
    shutil.rmtree(fuzz, ignore_errors=True)
    fuzz.mkdir()
    (fuzz / "index.md").write_text("# Fuzz\n\n```{toctree}\n:glob:\n\n*\n```\n", encoding="utf-8")
    index = fuzz_root / "sessions" / "index.md"
    if "fuzz/index" not in index.read_text(encoding="utf-8"):
        index.write_text(index.read_text(encoding="utf-8").replace("*\n```", "*\nfuzz/index\n```"),
                         encoding="utf-8")
    for i, (_, text) in enumerate(pages):
        (fuzz / f"p{i:02}.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    count(len(pages))
    started = time.monotonic()
    with client_side_diagrams():
        app = SphinxTestApp("html", srcdir=fuzz_root, builddir=fuzz_root.parent / "build",
                            status=StringIO(), warning=StringIO(), freshenv=True)
        try:
            app.build()  # an exception here is the traceback an author would see
        finally:
            app.cleanup()
    assert time.monotonic() - started < 120, "the build took too long"
    warnings = strip_escape_sequences(app.warning.getvalue())
    reported = set()
    # A record starts with its level; what an author typed (a field name with
    # a line break in it) may continue it on a line of its own.
    for line in warnings.split("\n"):  # not splitlines: titles may hold \x1c-\x1e, U+2028
        if not LEVEL.search(line):
            continue
        m = LOCATED.match(line)
        assert m, f"a warning without file:line: {line!r}\n{warnings}"
        reported.add(Path(m["file"]).name)
    for i, (kind, _) in enumerate(pages):
        if kind in INVALID:
            assert f"p{i:02}.md" in reported, f"{kind} input not reported:\n{warnings}"
