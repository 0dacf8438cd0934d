"""The CSP the build writes: hashes of exactly what stays inline."""

from __future__ import annotations

import base64
import hashlib
import re

from handbook.web.csp import policy_for


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directive(policy: str, name: str) -> list[str]:
    found = [d.split()[1:] for d in policy.split("; ") if d.split()[0] == name]
    assert len(found) == 1, policy
    return found[0]


def test_policy_hashes_inline_code_only(tmp_path):
    (tmp_path / "a.html").write_text(
        '<html><head><script>\n  var x = 1;\n</script><script src="s.js"></script>'
        '<style>body { color: #000 }</style></head>'
        '<body><svg style="display: none;"></svg><p>x &amp; y</p></body></html>')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text('<script type="module">import "./m.js";</script>')
    policy = policy_for(tmp_path)
    scripts = directive(policy, "script-src")
    assert scripts == ["'self'", *sorted([sha("\n  var x = 1;\n"), sha('import "./m.js";')])]
    styles = directive(policy, "style-src")
    assert styles == ["'self'", sha("body { color: #000 }"), "'unsafe-hashes'", sha("display: none;")]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directive(policy, "object-src") == ["'none'"]


def test_gate_changes_when_an_inline_script_changes(tmp_path):
    """Break the input on purpose: another inline script, another policy."""
    (tmp_path / "a.html").write_text("<script>a()</script>")
    before = policy_for(tmp_path)
    (tmp_path / "a.html").write_text("<script>b()</script>")
    assert policy_for(tmp_path) != before
    assert sha("b()") in policy_for(tmp_path)


def test_site_has_server_snippets_with_one_policy(site):
    server = site.outdir / "_server"
    policy = (server / "csp.txt").read_text().strip()
    nginx = re.search(r'add_header Content-Security-Policy "([^"]+)" always;',
                      (server / "nginx.conf").read_text()).group(1)
    apache = re.search(r'Header always set Content-Security-Policy "([^"]+)"',
                       (server / "apache.conf").read_text()).group(1)
    assert policy == nginx == apache
    # Furo's one inline script (the colour theme) is allowed by hash.
    assert len(directive(policy, "script-src")) == 2


def _every_tag_parsed(root) -> tuple[set, set, set]:
    """What a full HTML parse of every page finds: the slow reference."""
    from handbook.web.csp import _InlineFinder

    finder = _InlineFinder()
    for page in sorted(root.rglob("*.html")):
        finder.feed(page.read_text(encoding="utf-8"))
        finder.close()
        finder.reset()
    return finder.scripts, finder.styles, finder.style_attrs


def test_the_quick_scan_finds_what_a_full_parse_finds(site):
    from handbook.web.csp import _InlineFinder, inline_parts

    finder = _InlineFinder()
    for page in sorted(site.outdir.rglob("*.html")):
        for part in inline_parts(page.read_text(encoding="utf-8")):
            finder.feed(part)
            finder.close()
            finder.reset()
    assert (finder.scripts, finder.styles, finder.style_attrs) == _every_tag_parsed(site.outdir)


def test_quick_scan_skips_text_and_code_but_not_odd_markup():
    from handbook.web.csp import inline_parts

    page = ('<p>The style guide says: style="no".</p><pre>&lt;b style="x"&gt;</pre>'
            '<script>el.style = "<b style=\\"y\\">";</script>'
            '<DIV\n  STYLE="color: red">x</DIV><span title="a" style=\'b: c\'>y</span>')
    assert inline_parts(page) == {
        '<script>el.style = "<b style=\\"y\\">";</script>',
        '<DIV\n  STYLE="color: red">', "<span title=\"a\" style='b: c'>"}


def test_cache_rescans_only_changed_pages_and_sees_the_change(tmp_path):
    """Break the input under a warm cache: the new inline script still counts."""
    site, cache = tmp_path / "html", tmp_path / "doctrees" / "csp.json"
    site.mkdir()
    (site / "a.html").write_text("<script>a()</script>")
    (site / "b.html").write_text('<p style="x: y">b</p>')
    first = policy_for(site, cache)
    assert first == policy_for(site) and cache.is_file()
    (site / "a.html").write_text("<script>changed()</script>")
    second = policy_for(site, cache)
    assert sha("changed()") in second and sha("a()") not in second
    assert sha("x: y") in second
    (site / "b.html").unlink()
    assert sha("x: y") not in policy_for(site, cache)
