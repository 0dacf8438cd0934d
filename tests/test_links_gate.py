"""The link check can fail: a broken site makes exactly the broken links fail.

Also: the form rules for external URLs, one build serving all link items, the
online part skipping (never passing) without a network, and Sphinx's linkcheck
builder, which runs only when the network reaches the site's external hosts.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import requests

import sitelinks
from conftest import ROOT, sphinx_build
from handbook import loopback

# Hosts under .invalid never resolve (RFC 2606), online or not, so the broken
# site gives the same outcome on every machine.
INDEX = """<!DOCTYPE html>
<html lang="nl"><head>
<link rel="stylesheet" href="_static/ok.css?v=1">
<link rel="stylesheet" href="_static/missing.css?v=1">
<link rel="icon" href="/favicon.ico">
<script src="_static/ok.js"></script>
<script src="_static/missing.js"></script>
<script type="module">import ok from "./_static/ok.js"; import("./_static/gone.mjs");</script>
</head><body id="top">
<a href="#top">boven</a>
<a href="other.html">ok</a>
<a href="other.html#here">ok</a>
<a href="missing.html">weg</a>
<a href="other.html#nope">geen anker</a>
<a href="other.html#twice">dubbel anker</a>
<a href="mailto:team@example.invalid">mail</a>
<img alt="" src="img/ok.png"><img alt="" src="img/missing.png">
<a href="http://plain.example.invalid/page">http</a>
<a href="https://track.example.invalid/?utm_source=nieuwsbrief&amp;id=3">volg</a>
<a href="https://ok.example.invalid/page">goed</a>
</body></html>
"""
OTHER = """<!DOCTYPE html>
<html lang="nl"><head></head><body>
<h2 id="here">Hier</h2><p id="twice">een</p><p id="twice">twee</p>
</body></html>
"""
EXPECTED_FAILURES = {
    "index.html::<a href=missing.html>": "No such file",
    "index.html::<a href=other.html#nope>": "Missing anchor: nope",
    "index.html::<a href=other.html#twice>": "Ambiguous anchor",
    "other.html::ids unique": "duplicate id(s): 'twice' x2",
    "index.html::<img src=img/missing.png>": "No such file",
    "index.html::<link href=_static/missing.css?v=1>": "No such file",
    "index.html::<link href=/favicon.ico>": "absolute path",
    "index.html::<script src=_static/missing.js>": "No such file",
    "index.html::<script import=./_static/gone.mjs>": "No such file",
    "index.html::<a href=http://plain.example.invalid/page> form": "plain http: use https",
    "index.html::<a href=https://track.example.invalid/?utm_source=nieuwsbrief&id=3> form":
        "tracking parameter(s): utm_source",
}
EXPECTED_PASSES = {
    "index.html::ids unique",
    "index.html::<a href=#top>",
    "index.html::<a href=other.html>",
    "index.html::<a href=other.html#here>",
    "index.html::<img src=img/ok.png>",
    "index.html::<link href=_static/ok.css?v=1>",
    "index.html::<script src=_static/ok.js>",
    "index.html::<script import=./_static/ok.js>",
    "index.html::<a href=https://ok.example.invalid/page> form",
}


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    site = tmp_path / "broken-site"
    (site / "_static").mkdir(parents=True)
    (site / "img").mkdir()
    (site / "index.html").write_text(INDEX, encoding="utf-8")
    (site / "other.html").write_text(OTHER, encoding="utf-8")
    (site / "_static/ok.css").write_text("body {}")
    (site / "_static/ok.js").write_text("")
    (site / "img/ok.png").write_bytes(b"\x89PNG")
    return site


def run_checker(pytester: pytest.Pytester, site: Path) -> dict[str, object]:
    """Run the link check on `site` in a fresh pytest; reports by short node id."""
    pytester.makepyfile(test_site_links='"""Anchor module for the link items."""')
    recorder = pytester.inline_run("-p", "sitelinks", "--site-links", str(site),
                                   "-p", "no:cacheprovider", "--import-mode=importlib")
    reports = {}
    for rep in recorder.getreports("pytest_runtest_logreport"):
        if rep.when == "call" or rep.outcome != "passed":
            reports[rep.nodeid.split("::", 1)[1]] = rep
    return reports


def test_broken_site_fails_on_exactly_the_broken_links(pytester, broken_site, monkeypatch):
    # Offline is a property of the network, not a missing tool: CI=true must
    # not turn the skipped online checks into failures.
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv(sitelinks.ONLINE_ENV, raising=False)
    reports = run_checker(pytester, broken_site)

    failed = {nodeid: str(rep.longrepr) for nodeid, rep in reports.items() if rep.failed}
    assert set(failed) == set(EXPECTED_FAILURES), failed
    for nodeid, message in EXPECTED_FAILURES.items():
        assert message in failed[nodeid], (nodeid, failed[nodeid])
    passed = {nodeid for nodeid, rep in reports.items() if rep.passed}
    assert passed >= EXPECTED_PASSES
    # mailto: is not a web link: no item at all.
    assert not any("mailto:" in nodeid for nodeid in reports)

    skipped = {nodeid: rep.longrepr[2] for nodeid, rep in reports.items() if rep.skipped}
    online = {n for n in reports if n.endswith(" online")}
    assert online == set(skipped), "an online check passed without a network"
    assert len(online) == 3
    assert all("offline, not checked online" in reason for reason in skipped.values())


def test_unreachable_network_fails_when_online_is_required(pytester, broken_site, monkeypatch):
    monkeypatch.setenv(sitelinks.ONLINE_ENV, "1")
    reports = run_checker(pytester, broken_site)
    online = {nodeid: rep for nodeid, rep in reports.items() if nodeid.endswith(" online")}
    assert len(online) == 3
    assert all(rep.failed for rep in online.values())


def test_online_check_runs_and_fails_on_a_dead_link_when_the_network_is_up(
        pytester, tmp_path, monkeypatch):
    """A loopback server stands in for the internet: online items really run."""

    monkeypatch.delenv(sitelinks.ONLINE_ENV, raising=False)
    served = tmp_path / "served"
    served.mkdir()
    (served / "ok.html").write_text('<p id="kop">ok</p>')
    with loopback.serve(served) as root_url:
        base = root_url.rstrip("/")
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text(
            f'<a href="{base}/ok.html#kop">a</a><a href="{base}/ok.html#weg">b</a>'
            f'<a href="{base}/missing.html">c</a>')
        reports = run_checker(pytester, site)
    online = {n.split("=", 1)[1]: rep for n, rep in reports.items() if n.endswith(" online")}
    assert online[f"{base}/ok.html#kop> online"].passed
    assert "Missing anchor: weg" in str(online[f"{base}/ok.html#weg> online"].longrepr)
    assert "404" in str(online[f"{base}/missing.html> online"].longrepr)


def test_missing_site_is_one_failure_not_silence(pytester, tmp_path):
    (tmp_path / "empty").mkdir()
    reports = run_checker(pytester, tmp_path / "empty")
    assert list(reports) == ["site build"]
    assert reports["site build"].failed


def test_failed_build_is_one_failing_item_with_the_build_output(pytester):
    pytester.makeconftest(
        "def pytest_handbook_site_root(config):\n"
        "    raise RuntimeError('index.md:3: WARNING: kapotte verwijzing')\n")
    pytester.makepyfile(test_site_links='"""Anchor module for the link items."""')
    recorder = pytester.inline_run("-p", "sitelinks", "-p", "no:cacheprovider",
                                   "--import-mode=importlib")
    failed = recorder.getfailures()
    assert [rep.nodeid.split("::", 1)[1] for rep in failed] == ["site build"]
    assert "index.md:3: WARNING: kapotte verwijzing" in str(failed[0].longrepr)


@pytest.mark.parametrize(("url", "problem"), [
    ("http://example.org/", "plain http"),
    ("//example.org/x.js", "protocol-relative"),
    ("https://example.org/?utm_medium=social", "utm_medium"),
    ("https://example.org/?a=1&fbclid=abc", "fbclid"),
    ("https://example.org/?GCLID=abc", "GCLID"),
    ("https://user:secret@example.org/", "password"),
    ("https:///path-only", "no host"),
])
def test_form_problems(url, problem):
    assert any(problem in p for p in sitelinks.form_problems(url))


@pytest.mark.parametrize("url", [
    "https://example.org/",
    "https://example.org/zoeken?q=utm&page=2",
    "https://example.org/pagina#kop",
])
def test_good_form(url):
    assert sitelinks.form_problems(url) == []


def test_one_build_serves_the_link_items_and_the_site_fixture(site, request, tmp_path_factory):
    items = [i for i in request.session.items if isinstance(i.parent, sitelinks.SitePage)]
    if not items:
        pytest.skip("the link items of tests/test_site_links.py are not selected in this run")
    assert {Path(i.parent.site_root) for i in items} == {site.outdir}
    assert len(list(tmp_path_factory.getbasetemp().glob("site[0-9]*"))) == 1


# --- Sphinx's linkcheck builder ---------------------------------------------

def uncommented_ignore_entries(conf_text: str) -> list[str]:
    """Entries of linkcheck_ignore without a comment line right above them."""
    block = re.search(r"^linkcheck_ignore = \[\n(.*?)^\]", conf_text, re.S | re.M)
    assert block, "conf.py has no linkcheck_ignore list"
    lines = [line.strip() for line in block.group(1).splitlines()]
    return [line for i, line in enumerate(lines)
            if line and not line.startswith("#")
            and (i == 0 or not lines[i - 1].startswith("#"))]


def test_every_linkcheck_ignore_entry_says_why():
    assert uncommented_ignore_entries((ROOT / "conf.py").read_text(encoding="utf-8")) == []


def test_an_ignore_entry_without_a_reason_is_found():
    conf = 'linkcheck_ignore = [\n    # why\n    r"^https://a/",\n    r"^https://b/",\n]\n'
    assert uncommented_ignore_entries(conf) == ['r"^https://b/",']


def test_linkcheck_settings_are_bounded():
    import runpy

    conf = runpy.run_path(str(ROOT / "conf.py"))
    assert 0 < conf["linkcheck_timeout"] <= 30
    assert conf["linkcheck_retries"] >= 1
    assert conf["linkcheck_rate_limit_timeout"] <= 120
    assert 1 <= conf["linkcheck_workers"] <= 8


def test_sphinx_linkcheck(site, tmp_path):
    """`make linkcheck` as a test. Without a network it cannot tell a broken link
    from an unreachable one: then it skips with that reason, it never passes."""
    outdir = tmp_path / "linkcheck"
    build = sphinx_build(ROOT, outdir, "linkcheck", "-d", str(site.outdir.parent / "doctrees"))
    if build.returncode == 0:
        return
    results = [json.loads(line) for line in
               (outdir / "output.json").read_text(encoding="utf-8").splitlines() if line]
    failing = [r["uri"] for r in results if r["status"] in {"broken", "timeout"}]
    if failing and os.environ.get(sitelinks.ONLINE_ENV) != "1":
        probe = sitelinks.Network()
        probe.origins = {sitelinks.origin(uri) for uri in failing}
        reason = probe.offline_reason(requests.Session())
        if reason:
            pytest.skip(f"offline, Sphinx linkcheck could not check {len(failing)} "
                        f"link(s): {reason}")
    pytest.fail(f"Sphinx linkcheck failed:\n{build.output}")


def test_sphinx_linkcheck_fails_on_a_dead_link_and_honours_the_ignore_list(tmp_path):
    """With the handbook's settings, a dead host fails the linkcheck builder."""
    import runpy

    conf = runpy.run_path(str(ROOT / "conf.py"))
    settings = {k: v for k, v in conf.items() if k.startswith("linkcheck_")}
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("".join(f"{k} = {v!r}\n" for k, v in settings.items()))
    (src / "index.rst").write_text(
        "Links\n=====\n\n"
        "`dood <https://dead.example.invalid/pagina>`_ en "
        "`profiel <https://www.linkedin.com/company/voorbeeld>`_\n")
    build = sphinx_build(src, tmp_path / "out", "linkcheck")
    assert build.returncode != 0, build.output
    status = {r["uri"]: r["status"] for r in map(
        json.loads, (tmp_path / "out/output.json").read_text().splitlines())}
    assert status == {"https://dead.example.invalid/pagina": "broken",
                      "https://www.linkedin.com/company/voorbeeld": "ignored"}
