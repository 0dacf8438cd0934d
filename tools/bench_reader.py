"""`make bench`, the reader's side: what each page costs a reader.

Always: the bytes per page (tools/pageweight.py: HTML and everything it makes
the browser fetch, uncompressed), and the same over the wire with the
precompressed copies (.br, else .gz, else the file), against the budget.

When Lighthouse is there (``node_modules/.bin/lighthouse`` or ``lighthouse``
on the PATH; it is optional, see MAINTAINERS.md): Lighthouse's performance
score (simulated mobile, its default) per kind of page, in the same Chromium
the tests use (CHROME_PATH), the site served by a plain static server without
compression (the goal of issue 18 is for that case); with ``--compressed``,
like nginx with the snippets from _server/ (precompressed copies).

Prints tables; asserts nothing.
Usage: python tools/bench_reader.py [--compressed] [--lighthouse-only] [_build/html]
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pageweight

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

# One page per kind; the search page with a query, as a reader arrives there.
KINDS = {
    "landing": "index.html",
    "session": "sessions/pro247.html",
    "play with diagram": "playbook/projectcommunicatie.html",
    "overview": "overzichten/matrix.html",
    "search": "search.html?q=video",
}


def wire_bytes(site: Path, files: dict[str, int]) -> int:
    """What the files cost over the wire with the precompressed copies."""
    total = 0
    for name, size in files.items():
        for suffix in (".br", ".gz"):
            copy = site / (name + suffix)
            if copy.is_file():
                size = copy.stat().st_size
                break
        total += size
    return total


def print_page_bytes(site: Path) -> None:
    weights = pageweight.site_weights(site)
    print(f"\n== bytes per page (first visit), budget {pageweight.BUDGET // 1024} KiB uncompressed ==")
    print(f"{'page':<40} {'files':>5} {'KiB':>7} {'wire KiB':>9}")
    for page, w in sorted(weights.items(), key=lambda kv: -kv[1].total):
        flag = "  over budget" if w.total > pageweight.BUDGET else ""
        print(f"{page:<40} {len(w.files):>5} {w.total / 1024:>7.1f} "
              f"{wire_bytes(site, w.files) / 1024:>9.1f}{flag}")
    totals = sorted(w.total for w in weights.values())
    print(f"{len(totals)} pages: median {totals[len(totals) // 2] / 1024:.0f} KiB, "
          f"largest {totals[-1] / 1024:.0f} KiB; wire: .br copy, else .gz, else the file")


def find_lighthouse() -> str | None:
    local = ROOT / "node_modules" / ".bin" / "lighthouse"
    return str(local) if local.is_file() else shutil.which("lighthouse")


class PlainHandler(SimpleHTTPRequestHandler):
    """A plain static server: every file as it is, uncompressed."""

    def log_message(self, format, *args):
        pass

    def handle(self):
        # Lighthouse closes connections it no longer needs mid-answer.
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


class PrecompressedHandler(SimpleHTTPRequestHandler):
    """Like nginx with gzip_static and brotli_static: the .br or .gz copy when
    the browser accepts it."""

    TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css",
             ".js": "text/javascript", ".mjs": "text/javascript", ".svg": "image/svg+xml",
             ".json": "application/json"}

    def log_message(self, format, *args):
        pass

    def handle(self):
        # Lighthouse closes connections it no longer needs mid-answer.
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        accepted = self.headers.get("Accept-Encoding", "")
        for suffix, encoding in ((".br", "br"), (".gz", "gzip")):
            copy = path.with_name(path.name + suffix)
            if encoding in accepted and path.suffix in self.TYPES and copy.is_file():
                data = copy.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", self.TYPES[path.suffix])
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return io.BytesIO(data)
        return super().send_head()


RUNS = 3  # Lighthouse's score moves with the machine's load: the median run


def lighthouse_scores(site: Path, lighthouse: str, browser: Path, runs: int = RUNS,
                      compressed: bool = False) -> dict[str, dict]:
    from handbook import loopback

    results: dict[str, dict] = {}
    env = {**os.environ, "CHROME_PATH": str(browser)}
    handler = PrecompressedHandler if compressed else PlainHandler
    with loopback.serve(site, handler) as base, tempfile.TemporaryDirectory() as tmp:
        for kind, page in KINDS.items():
            reports = []
            for run in range(runs):
                out = Path(tmp) / f"report-{run}.json"
                cmd = [lighthouse, f"{base}{page}", "--only-categories=performance",
                       "--output=json", f"--output-path={out}", "--quiet",
                       "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
                proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
                if proc.returncode != 0 or not out.is_file():
                    results[kind] = {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:]}
                    break
                reports.append(json.loads(out.read_text(encoding="utf-8")))
            if len(reports) < runs:
                continue
            reports.sort(key=lambda r: r["categories"]["performance"]["score"])
            report = reports[len(reports) // 2]
            audits = report["audits"]
            results[kind] = {
                "page": page,
                "score": report["categories"]["performance"]["score"],
                "fcp": audits["first-contentful-paint"]["numericValue"],
                "lcp": audits["largest-contentful-paint"]["numericValue"],
                "bytes": audits["total-byte-weight"]["numericValue"],
                "tbt": audits["total-blocking-time"]["numericValue"],
                "si": audits["speed-index"]["numericValue"],
                "version": report.get("lighthouseVersion", "?"),
            }
    return results


def print_lighthouse(site: Path, compressed: bool = False) -> None:
    print("\n== Lighthouse performance (simulated mobile) per kind of page ==")
    lighthouse = find_lighthouse()
    if lighthouse is None:
        print("skipped: no Lighthouse (optional: npm install --no-save lighthouse@12.2.3,"
              " see MAINTAINERS.md)")
        return
    from handbook.browser import BrowserNotFound, find_browser

    try:
        browser = find_browser()
    except BrowserNotFound as exc:
        print(f"skipped: {exc}")
        return
    results = lighthouse_scores(site, lighthouse, browser, compressed=compressed)
    print(f"{'kind':<18} {'page':<36} {'score':>5} {'FCP ms':>7} {'LCP ms':>7} {'SI ms':>6}"
          f" {'TBT ms':>6} {'wire KiB':>9}")
    for kind, r in results.items():
        if "error" in r:
            print(f"{kind:<18} failed: {' '.join(r['error'])}")
            continue
        print(f"{kind:<18} {r['page']:<36} {r['score']:>5.2f} {r['fcp']:>7.0f} {r['lcp']:>7.0f}"
              f" {r['si']:>6.0f} {r['tbt']:>6.0f} {r['bytes'] / 1024:>9.1f}")
    versions = {r["version"] for r in results.values() if "version" in r}
    print(f"Lighthouse {', '.join(sorted(versions))}; the median of {RUNS} runs;"
          + (" served with the precompressed copies" if compressed
             else " served uncompressed by a plain static server"))


def main(site: Path = ROOT / "_build" / "html", compressed: bool = False,
         lighthouse_only: bool = False) -> None:
    if not (site / "index.html").is_file():
        print("reader side skipped: run 'make html' first")
        return
    if not lighthouse_only:
        print_page_bytes(site)
    print_lighthouse(site, compressed=compressed)


if __name__ == "__main__":
    args = sys.argv[1:]
    flags = {a for a in args if a.startswith("--")}
    paths = [Path(a) for a in args if not a.startswith("--")]
    main(*paths[:1], compressed="--compressed" in flags,
         lighthouse_only="--lighthouse-only" in flags)
