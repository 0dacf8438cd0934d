#!/usr/bin/env python3
"""Benchmark build-time diagrams (issue 8).

Prints the bytes a reader's browser loads for a diagram page with the old
client-side Mermaid and with build-time SVG, and the build time with a cold
and a warm diagram cache. Usage (from the repository root):

    .venv/bin/python tools/bench_diagrams.py [--src DIR] [--page NAME] [--check]

--src defaults to the handbook if any page has a Mermaid fence, else to the
small test project in tests/roots/test-diagrams. --check exits 1 when the
diagram page loads 300 KB or more, or any Mermaid JavaScript.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
OPTS = ["-W", "--keep-going", "-n", "-j", "auto"]
SKIP = {"_build", ".venv", "node_modules", "tests", "_templates", ".git", ".ci", "tools"}
FENCE = re.compile(r"^(```|~~~)\s*\{?mermaid\}?\s*$", re.M)
AIM = 300 * 1024


def diagram_counts(src: Path) -> dict[str, int]:
    counts = {}
    for path in src.rglob("*.md"):
        rel = path.relative_to(src)
        if rel.parts[0] in SKIP or rel.name == "README.md":
            continue
        n = len(FENCE.findall(path.read_text(encoding="utf-8")))
        if n:
            counts[rel.with_suffix(".html").as_posix()] = n
    return counts


def build(src: Path, out: Path, doctrees: Path, **env: str) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", *OPTS, "-E",
           "-d", str(doctrees), str(src), str(out)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "_ext"), **env})
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout}{proc.stderr}")
    return seconds, proc.stdout + proc.stderr


def page_weight(outdir: Path, page: str) -> dict[str, int]:
    """Bytes of every response the browser receives for one page, all loaded."""
    from playwright.sync_api import sync_playwright

    from handbook import loopback
    from handbook.browser import LAUNCH_ARGS, find_browser

    total = {"bytes": 0, "gzip": 0, "requests": 0, "mermaid_js": 0}
    with loopback.serve(outdir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(find_browser()), args=LAUNCH_ARGS)
        tab = browser.new_page()

        def count(response):
            if response.url.endswith("/favicon.ico"):
                return
            body = response.body()
            total["bytes"] += len(body)
            total["gzip"] += len(gzip.compress(body))
            total["requests"] += 1
            if "mermaid" in response.url and re.search(r"\.m?js(\?|$)", response.url):
                total["mermaid_js"] += len(body)

        tab.on("response", count)
        response = tab.goto(f"{base}{page}", wait_until="networkidle")
        # A page the build did not write would be weighed as a tiny 404.
        if response is None or not response.ok:
            sys.exit(f"{page}: {response.status if response else 'no response'} from {outdir}")
        # Client-side Mermaid draws after load; wait until it is done.
        tab.wait_for_function("!document.querySelector('pre.mermaid:not([data-processed])')",
                              timeout=30000)
        tab.wait_for_load_state("networkidle")
        browser.close()
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path)
    parser.add_argument("--page")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-diagrams-") as tmp:
        tmp = Path(tmp)
        src = args.src or (ROOT if diagram_counts(ROOT) else None)
        if src is None:
            src = tmp / "src"
            shutil.copytree(ROOT / "tests" / "roots" / "test-diagrams", src)
            (src / "node_modules").symlink_to(ROOT / "node_modules")
        build(src, tmp / "before", tmp / "before-doctrees", HANDBOOK_DIAGRAMS="client")
        cold, cold_log = build(src, tmp / "after", tmp / "doctrees")
        shutil.rmtree(tmp / "after")
        warm, warm_log = build(src, tmp / "after", tmp / "doctrees")
        # Only pages the build writes: a file the build excludes (MAINTAINERS.md
        # shows a diagram's source) is no page.
        counts = {page: n for page, n in diagram_counts(src).items()
                  if (tmp / "after" / page).is_file()}
        if not counts:
            sys.exit(f"no Mermaid diagrams in {src}")
        page = args.page or max(counts, key=counts.get)
        before = page_weight(tmp / "before", page)
        after = page_weight(tmp / "after", page)

    def line(label, w):
        return (f"{label:<34} {w['bytes']:>10,} bytes ({w['gzip']:>9,} gzipped) "
                f"in {w['requests']:>3} requests; Mermaid JS {w['mermaid_js']:>10,} bytes")

    rendered = re.compile(r"Diagrammen: (\d+) getekend, (\d+) uit de cache")
    print(f"source: {src}")
    print(f"diagram page: {page} ({counts.get(page, '?')} diagrams)")
    print(line("before (client-side Mermaid):", before))
    print(line("after (build-time SVG):", after))
    print("build, cold diagram cache: {:6.1f} s ({} rendered, {} from cache)".format(
        cold, *rendered.search(cold_log).groups()))
    print("build, warm diagram cache: {:6.1f} s ({} rendered, {} from cache)".format(
        warm, *rendered.search(warm_log).groups()))
    ok = after["bytes"] < AIM and after["mermaid_js"] == 0
    print(f"aim (< {AIM // 1024} KB, no Mermaid JS): {'met' if ok else 'MISSED'}")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
