"""The CSP the build writes: hashes of exactly what stays inline."""

from __future__ import annotations

import base64
import hashlib
import re

from handbook.csp import policy_for


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
