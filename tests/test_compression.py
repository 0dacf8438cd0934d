"""Compressed delivery (issue 18): every text file of the site has a .gz and
a .br copy with the same bytes inside, and _server/ tells nginx and Apache to
send them."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import brotli

from handbook.web import compress

ROOT = Path(__file__).resolve().parent.parent
DECOMPRESS = {".gz": gzip.decompress, ".br": brotli.decompress}


def bad_copies(outdir: Path, with_mermaid: bool = True) -> list[str]:
    """Text files without a copy, or whose copy holds other bytes."""
    found = []
    for path in compress.text_assets(outdir, with_mermaid):
        for suffix, decompress in DECOMPRESS.items():
            copy = path.with_name(path.name + suffix)
            rel = copy.relative_to(outdir).as_posix()
            if not copy.is_file():
                found.append(f"{rel}: missing")
            elif decompress(copy.read_bytes()) != path.read_bytes():
                found.append(f"{rel}: other bytes")
    return found


def test_every_text_file_of_the_site_has_both_copies(site):
    out = site.outdir
    assert bad_copies(out, with_mermaid=False) == []
    for name in ("index.html", "searchindex.js", "_static/styles/furo.css",
                 "_static/logo-light.svg"):
        assert (out / f"{name}.gz").is_file() and (out / f"{name}.br").is_file()
    # Not served, not compressed: the hosts' snippets.
    assert not list((out / "_server").glob("*.gz"))


def test_server_snippets_send_the_copies(site):
    nginx = (ROOT / "_server" / "nginx-compression.conf").read_text(encoding="utf-8")
    apache = (ROOT / "_server" / "apache-compression.conf").read_text(encoding="utf-8")
    directives = [line.strip() for line in nginx.splitlines() if not line.startswith("#")]
    assert {"gzip_static on;", "brotli_static on;", "gzip_vary on;"} <= set(directives)
    for encoding in ("br", "gzip"):
        assert re.search(rf'RewriteCond "%{{HTTP:Accept-Encoding}}" "\\b{encoding}\\b"', apache)
        assert f"Header set Content-Encoding {encoding}" in apache
    suffixes = {"br": ".br", "gzip": ".gz"}
    for suffix in suffixes.values():
        assert f'RewriteCond "%{{REQUEST_FILENAME}}{suffix}" -s' in apache
    assert "E=no-gzip:1" in apache and "Header append Vary Accept-Encoding" in apache
    # Copied into the build, next to the CSP snippets.
    for name in ("nginx-compression.conf", "apache-compression.conf"):
        assert (site.outdir / "_server" / name).read_bytes() == (ROOT / "_server" / name).read_bytes()


def test_a_wrong_or_missing_copy_is_found(tmp_path):
    (tmp_path / "a.html").write_text("<p>a</p>")
    (tmp_path / "b.css").write_text("p{}")
    compress.compress_site(tmp_path)
    assert bad_copies(tmp_path) == []
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(b"<p>other</p>"))
    (tmp_path / "b.css.br").unlink()
    assert bad_copies(tmp_path) == ["a.html.gz: other bytes", "b.css.br: missing"]


def test_rebuild_compresses_only_what_changed_and_removes_stale_copies(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "a.html").write_text("<p>a</p>" * 100)
    (tmp_path / "_static" / "b.js").write_text("b();" * 100)
    (tmp_path / "_static" / "keep.gz").write_bytes(b"an author's own archive")
    assert compress.compress_site(tmp_path) == 2
    first = (tmp_path / "a.html.gz").read_bytes()
    assert compress.compress_site(tmp_path) == 0
    # Deterministic: the same bytes as a clean build.
    (tmp_path / "a.html.gz").unlink()
    assert compress.compress_site(tmp_path) == 1
    assert (tmp_path / "a.html.gz").read_bytes() == first
    # A changed file is compressed again; a removed one loses its copies.
    (tmp_path / "a.html").write_text("<p>new</p>")
    stamp = (tmp_path / "a.html.gz").stat().st_mtime_ns + 1_000_000
    os.utime(tmp_path / "a.html", ns=(stamp, stamp))
    (tmp_path / "_static" / "b.js").unlink()
    assert compress.compress_site(tmp_path) == 1
    assert gzip.decompress((tmp_path / "a.html.gz").read_bytes()) == b"<p>new</p>"
    assert not list((tmp_path / "_static").glob("b.js.*"))
    assert (tmp_path / "_static" / "keep.gz").is_file()
