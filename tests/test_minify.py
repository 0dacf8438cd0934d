"""Stylesheets and scripts are served minified, and every page links the
minified file with its own checksum (issue 18, web/minify.py)."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import rjsmin
import sphinx

from handbook.web import minify

_ASSET = re.compile(r'(?:href|src)="([^"?]*_static/[^"?]+\.(?:css|js))\?v=([0-9a-f]{8})"')


def stale_checksums(outdir: Path) -> list[str]:
    """Links whose ?v= is not the checksum of the file the server sends: a
    browser would keep an old copy after an update, or load one twice."""
    stale = []
    for page in sorted(outdir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for href, version in _ASSET.findall(html):
            # The 404 page links from the site root (notfound_urls_prefix "/").
            path = (outdir / href.lstrip("/") if href.startswith("/")
                    else page.parent / href).resolve()
            content = path.read_bytes().translate(None, b"\r")
            if f"{zlib.crc32(content):08x}" != version:
                stale.append(f"{page.relative_to(outdir)}: {href}")
    return stale


def test_static_files_are_minified_in_place(tmp_path):
    static = tmp_path / "_static"
    (static / "trimmed").mkdir(parents=True)
    (static / "a.js").write_text(
        "/* why */\nconst cls = 'hb-open';  // the class\nfunction f ( x ) {\n  return x ;\n}\n")
    (static / "b.css").write_text("/* why */\n.hb-x  >  a {\n  color : red ;\n}\n")
    (static / "c.min.js").write_text("/* a   licence */  var x ;\n")
    (static / "trimmed" / "d.css").write_text("/*! _static/b.css */\n.a { b : c }\n")
    assert minify.minify_static(static) == 2
    assert (static / "a.js").read_text() == "const cls='hb-open';function f(x){return x;}"
    assert (static / "b.css").read_text() == ".hb-x>a{color:red}"
    assert (static / "c.min.js").read_text() == "/* a   licence */  var x ;\n"
    assert (static / "trimmed" / "d.css").read_text() == "/*! _static/b.css */\n.a { b : c }\n"
    # A second pass finds nothing left to do.
    assert minify.minify_static(static) == 0


def test_the_site_serves_minified_files(site):
    out = site.outdir
    served = (out / "_static" / "doctools.js").read_text(encoding="utf-8")
    source = (Path(sphinx.__file__).parent / "themes" / "basic" / "static"
              / "doctools.js").read_text(encoding="utf-8")
    assert served == rjsmin.jsmin(source, keep_bang_comments=True)
    assert len(served) < 0.8 * len(source)
    ours = (out / "_static" / "handbook-keyboard.js").read_text(encoding="utf-8")
    assert "\n  " not in ours and "//" not in ours.replace("://", "")


def test_every_link_carries_the_checksum_of_the_served_file(site):
    assert stale_checksums(site.outdir) == []


def test_a_file_changed_after_its_checksum_is_caught(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "a.js").write_text("var a = 1;")
    good = f"{zlib.crc32(b'var a = 1;'):08x}"
    (tmp_path / "p.html").write_text(f'<script src="_static/a.js?v={good}"></script>')
    assert stale_checksums(tmp_path) == []
    (tmp_path / "_static" / "a.js").write_text("var a=1;")
    assert stale_checksums(tmp_path) == ["p.html: _static/a.js"]
