"""Search as a reader uses it, in a real browser against the built site:
real queries with the page a reader looks for first, the results page on a
phone, the result count for screen readers, each page's description under
its result (no result page fetched), nothing shifting as results come in.

Each check also runs on the same site without our part (the scorer taken out
of language_data.js, or handbook-search.js blocked) and must fail there.
The index side (synonyms, whole compounds) is checked in searchindex.js and
on HandbookDutch itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

import browser_checks as bc
import keyboard_checks as kc
from handbook.web.search import SYNONYMS, HandbookDutch

pytestmark = pytest.mark.browser

# query -> the page a reader looks for, first in the results.
FIRST = {
    "ambassadeurs": "playbook/ambassadeurs.html",
    "ambassadeur": "playbook/ambassadeurs.html",
    "influencer": "playbook/influencers.html",
    "influencers": "playbook/influencers.html",
    "Salzburg": "sessions/influencer-marketing.html",
    "Salzburgerland": "sessions/influencer-marketing.html",
    "bodycam": "sessions/pro247.html",
    "tunnel": "sessions/maastunnel.html",
    "Maastunnel": "sessions/maastunnel.html",
    "video": "playbook/bottom-up-video.html",
    "Twitter": "sessions/one-young-world.html",
    "X": "sessions/one-young-world.html",
}
# Pages that list or explain rather than tell: never the first result for a
# word that a play or session is about.
LISTS = re.compile(r"^(overzichten/|woordenlijst|genindex|search|index\.html|[^/]+/index\.html)")

# The same page without our ranking: Sphinx's default Scorer. Ours is the
# last statement of the file, as written or minified (web/minify).
_OUR_SCORER = re.compile(r"var Scorer\s*=\s*\{.*\};\s*\Z", re.S)




@pytest.fixture(scope="module")
def sphinx_ranking(browser, site):
    """A context whose language_data.js has Sphinx's own Scorer, not ours."""
    text = (site.outdir / "_static" / "language_data.js").read_text(encoding="utf-8")
    default = _OUR_SCORER.sub("", text)
    assert default != text, "our Scorer is not in language_data.js"
    context = browser.new_context(viewport=kc.DESKTOP)
    context.route("**/_static/language_data.js*",
                  lambda route: route.fulfill(body=default, content_type="text/javascript"))
    yield context
    context.close()


@pytest.fixture(scope="module")
def without_search_script(browser):
    context = browser.new_context(viewport=kc.PHONE)
    context.route("**/_static/handbook-search.js*", lambda route: route.abort())
    yield context
    context.close()


def ranking_problems(context, base: str, first: dict[str, str]) -> list[str]:
    problems = []
    for query, wanted in first.items():
        results = bc.search(context, base, query)
        if not results or results[0] != wanted:
            problems.append(f"'{query}': wanted {wanted} first, got {results[:4]}")
        elif LISTS.match(results[0]):
            problems.append(f"'{query}': a list page comes first: {results[0]}")
    return problems


def test_the_page_a_reader_looks_for_comes_first(served_site, context):
    assert ranking_problems(context, served_site, FIRST) == []


def test_sphinx_ranking_alone_fails(served_site, sphinx_ranking):
    """The counterpart: with Sphinx's default scorer the overviews and the
    glossary come first (issue 22: "ambassadeurs" found the play 4th)."""
    problems = ranking_problems(sphinx_ranking, served_site, FIRST)
    assert len(problems) >= 4, problems
    assert any(p.startswith("'ambassadeurs'") for p in problems), problems


def pages_naming(outdir: Path, word: str) -> set[str]:
    """Built plays and sessions whose text names ``word`` as a whole word."""
    found = set()
    for path in [*outdir.glob("playbook/*.html"), *outdir.glob("sessions/*.html")]:
        main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(attrs={"role": "main"})
        if main and re.search(rf"\b{re.escape(word)}\b", main.get_text(" ")):
            found.add(path.relative_to(outdir).as_posix())
    return found


def test_privacy_finds_every_page_with_the_avg_rules(site, served_site, context):
    avg = pages_naming(site.outdir, "AVG")
    assert len(avg) >= 4, f"the AVG rules are on fewer pages than issue 22 counted: {avg}"
    results = bc.search(context, served_site, "privacy")
    assert avg <= set(results), f"'privacy' misses {sorted(avg - set(results))}: {results}"
    assert not LISTS.match(results[0]), results


# --- The index ----------------------------------------------------------------


def search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def docs_for(index: dict, term: str) -> set[str]:
    found: set[str] = set()
    for table in ("terms", "titleterms"):
        files = index[table].get(term, [])
        found |= {index["docnames"][i] for i in ([files] if isinstance(files, int) else files)}
    return found


def test_index_has_synonyms_and_whole_compounds(site):
    index = search_index(site.outdir)
    # privacy: every page with the AVG
    assert docs_for(index, "avg") <= docs_for(index, "privacy")
    assert docs_for(index, "twitter") <= docs_for(index, "x")
    # stemmed and whole: "Salzburgerland" typed in full, or its start
    assert "salzburrland" in index["titleterms"] and "salzburgerland" in index["titleterms"]


def test_handbook_dutch_splits_as_documented():
    lang = HandbookDutch({})
    words = lang.split("De AVG en Salzburgerland op Twitter")
    stems = {lang.stem(w) for w in words}
    assert {"avg", "privacy", "twitter", "x", "salzburrland", "salzburgerland"} <= stems
    # one way only: a page about privacy does not get the AVG
    assert "avg" not in {lang.stem(w) for w in lang.split("privacy")}
    # a word the stemmer only shortens is not doubled
    assert lang.split("ambassadeurs") == ["ambassadeurs"]
    assert all(w == w.lower() and " " not in w for group in SYNONYMS.values() for w in group)


# --- The results page ---------------------------------------------------------

_STATUS = "() => document.getElementById('hb-search-status')?.textContent.trim() || ''"


# The layout shifts of the page so far (Cumulative Layout Shift, a Core Web
# Vital); observed from the start of the page's life.
_SHIFTS = """window.__hbShifts = 0;
new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
    if (!entry.hadRecentInput) window.__hbShifts += entry.value;
})).observe({type: "layout-shift", buffered: true});"""


def open_search(context, base: str, query: str, viewport: dict, requests: list | None = None):
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.add_init_script(_SHIFTS)
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}search.html?q={quote(query)}", wait_until="load")
    page.wait_for_function(bc._SEARCH_DONE, timeout=15_000)
    return page


def descriptions(site_dir: Path) -> dict[str, str]:
    text = (site_dir / "_static" / "handbook-search-pages.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1:text.rindex(";")])


def results_page_problems(context, base: str, site_dir: Path) -> list[str]:
    """On a phone: a search box on the page that works with the keyboard;
    the count in a live region; a Dutch no-results text without "categorieën";
    under each result its page's description, with no result page fetched
    and nothing on the page shifting."""
    problems = []
    wanted = descriptions(site_dir)
    requests: list[str] = []
    page = open_search(context, base, "ambassadeurs", kc.PHONE, requests)
    try:
        page.wait_for_timeout(500)  # Sphinx adds the results one by one
        shown = page.eval_on_selector_all(
            "#search-results ul.search > li",
            """items => items.map(li => [li.querySelector('a').getAttribute('href'),
                                         [...li.querySelectorAll('p.context')].map(p => p.textContent)])""")
        if not shown:
            problems.append("no results for 'ambassadeurs'")
        for href, texts in shown:
            doc = href.split("#")[0].removesuffix(".html")
            if doc in wanted and texts != [wanted[doc]]:
                problems.append(f"no description under {href}: {texts}")
        marked = page.eval_on_selector_all("#search-results p.context span.highlighted",
                                           "els => els.map(e => e.textContent.toLowerCase())")
        if not marked or set(marked) != {"ambassadeurs"}:
            problems.append(f"the query's word is not marked in the descriptions: {marked}")
        fetched = [url for url in requests
                   if url.split("?")[0].endswith(".html") and "/search.html" not in url]
        if fetched:
            problems.append(f"{len(fetched)} result page(s) fetched, e.g. {fetched[0]}")
        shift = page.evaluate("window.__hbShifts")
        if shift > 0.01:
            problems.append(f"the page shifts as results come in: {shift:.3f}")
        box = page.locator("main input[name=q], article input[name=q]")
        if box.count() != 1 or not box.is_visible():
            problems.append("no visible search box on the results page at 375 px")
        else:
            box.fill("tunnel")
            box.press("Enter")
            page.wait_for_url(re.compile(r"q=tunnel"))
            page.wait_for_function(bc._SEARCH_DONE, timeout=15_000)
        try:
            page.wait_for_function(f"() => ({_STATUS})().length > 0", timeout=5_000)
        except Exception:
            pass
        live = page.evaluate("""() => {
            const el = document.getElementById('hb-search-status');
            return el ? [el.getAttribute('role'), el.getAttribute('aria-live')] : null;
        }""")
        if not live or not (live[0] == "status" or live[1] in ("polite", "assertive")):
            problems.append(f"no live region for the result count: {live}")
        elif not re.search(r"\d", page.evaluate(_STATUS)):
            problems.append(f"the live region does not say how many pages: '{page.evaluate(_STATUS)}'")
    finally:
        page.close()
    page = open_search(context, base, "xqzwvbrunk", kc.PHONE)
    try:
        try:
            page.wait_for_function(f"() => ({_STATUS})().length > 0", timeout=5_000)
        except Exception:
            pass
        summary = page.locator("p.search-summary").inner_text()
        if "categor" in summary.lower():
            problems.append(f"the no-results text mentions categories: '{summary}'")
        if not page.evaluate(_STATUS):
            problems.append("the live region stays silent when nothing is found")
    finally:
        page.close()
    return problems


def test_results_page_for_every_reader(site, served_site, context):
    assert results_page_problems(context, served_site, site.outdir) == []


def test_results_page_without_our_script_fails(site, served_site, without_search_script):
    problems = "\n".join(results_page_problems(without_search_script, served_site, site.outdir))
    assert "the live region does not say" in problems or "no live region" in problems, problems
    assert "no description under" in problems, problems
    assert "stays silent" in problems, problems


@pytest.fixture(scope="module")
def without_room_for_results(browser):
    """The search page without the space it keeps for the results."""
    context = browser.new_context(viewport=kc.PHONE, bypass_csp=True)
    context.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
        const style = document.createElement("style");
        style.textContent = "#search-results, #search-results p.search-summary {min-height: 0 !important}";
        document.head.appendChild(style);
    });""")
    yield context
    context.close()


def test_results_page_that_shifts_fails(site, served_site, without_room_for_results):
    problems = "\n".join(results_page_problems(without_room_for_results, served_site, site.outdir))
    assert "the page shifts as results come in" in problems, problems


def test_sphinx_fetching_result_pages_fails(site, served_site, browser):
    """With Sphinx's summaries on (html_show_search_summary), every result
    page is fetched: the check must say so."""
    context = browser.new_context(viewport=kc.PHONE)
    options = (site.outdir / "_static" / "documentation_options.js").read_text(encoding="utf-8")
    assert "SHOW_SEARCH_SUMMARY:false" in options.replace(" ", "")
    context.route("**/_static/documentation_options.js*", lambda route: route.fulfill(
        body=re.sub(r"SHOW_SEARCH_SUMMARY:\s*false", "SHOW_SEARCH_SUMMARY:true", options),
        content_type="text/javascript"))
    try:
        problems = "\n".join(results_page_problems(context, served_site, site.outdir))
    finally:
        context.close()
    assert "result page(s) fetched" in problems, problems


def test_results_page_passes_the_gate_in_both_schemes(served_site, browser):
    """The results, with their descriptions, get the browser gate's full
    audit (axe, keyboard, small screens, forms, requests, console)."""
    for scheme, context in bc.scheme_contexts(browser):
        report = bc.audit(context, f"{served_site}search.html?q=video",
                          layout=scheme == "light", ready=bc._SEARCH_DONE)
        assert not report.failed(), f"{scheme}:\n{report}"


def test_results_with_descriptions_from_a_shared_drive(site, browser):
    """From ``file://`` (a shared drive) the search works and each result
    shows its description: nothing has to be fetched."""
    wanted = descriptions(site.outdir)
    context = browser.new_context(viewport=kc.PHONE)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((site.outdir / "search.html").as_uri() + "?q=tunnel", wait_until="load")
        page.wait_for_function(bc._SEARCH_DONE, timeout=15_000)
        shown = page.eval_on_selector_all(
            "#search-results ul.search > li",
            "items => items.map(li => [li.querySelector('a').getAttribute('href'),"
            " li.querySelector('p.context')?.textContent])")
    finally:
        context.close()
    assert shown and shown[0][0].startswith("sessions/maastunnel.html"), shown
    assert all(text == wanted[href.split("#")[0].removesuffix(".html")] for href, text in shown)
    assert errors == []


_BOLD_MARKS = """() => [...document.querySelectorAll('[role=main] .highlighted')]
    .map(e => [e.textContent.toLowerCase(), getComputedStyle(e).fontWeight])"""


def test_searched_words_are_bold_in_results_and_on_the_page(site, served_site, browser):
    """Not only the token set's pale background (WCAG 1.4.1): in the results'
    descriptions and on the page a result opens, the words are bold."""
    context = browser.new_context(viewport=kc.PHONE)
    try:
        page = open_search(context, served_site, "tunnel", kc.PHONE)
        in_results = page.evaluate(_BOLD_MARKS)
        page.goto(f"{served_site}sessions/maastunnel.html?highlight=tunnel", wait_until="load")
        page.wait_for_function("() => document.querySelector('[role=main] .highlighted')",
                               timeout=5_000)
        on_page = page.evaluate(_BOLD_MARKS)
    finally:
        context.close()
    for marks in (in_results, on_page):
        assert marks and all("tunnel" in text and int(weight) >= 700 for text, weight in marks), marks
