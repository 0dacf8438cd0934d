"""`make bench`: how the build's cost grows, and what a reader's browser loads.

Prints a table; asserts nothing. Timings are medians of repeated runs, each a
fresh process. Usage: python tools/bench.py [--sessions 1000] [--repeat 3].
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_reader
import benchcorpus

ROOT = benchcorpus.ROOT
OPTS = ["-W", "--keep-going", "-n", "-j", "auto", "-q"]
# Runs one command and reports wall time and the peak RSS of its largest
# process (Linux ru_maxrss of waited-for children, in KiB).
MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.run(sys.argv[1:]).returncode\n"
    "s = time.perf_counter() - t\n"
    "print(json.dumps({'rc': rc, 'seconds': s,"
    " 'maxrss_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)


def measure(cmd: list[str], env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True,
                         text=True, env=env)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{out.stderr[-3000:]}")
    return result


def sphinx(src: Path, out: Path, builder: str = "html") -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", builder, *OPTS, str(src), str(out)]


# The overhead comparison keeps diagrams client-side in both corpora, so it
# measures our directives and aggregation; build-time SVG rendering (issue 8)
# is measured on its own line.
CLIENT_DIAGRAMS = {**os.environ, "HANDBOOK_DIAGRAMS": "client"}


def cold_build(src: Path, out: Path, env: dict | None = CLIENT_DIAGRAMS) -> dict:
    subprocess.run(["rm", "-rf", str(out)], check=True)
    return measure(sphinx(src, out / "html") + ["-d", str(out / "doctrees")], env)


def snapshot(html: Path) -> dict[str, int]:
    return {p.relative_to(html).as_posix(): p.stat().st_mtime_ns for p in html.rglob("*.html")}


def incremental(src: Path, out: Path, edit, env: dict | None = None) -> tuple[dict, list[str]]:
    before = snapshot(out / "html")
    edit()
    result = measure(sphinx(src, out / "html") + ["-d", str(out / "doctrees")],
                     env or CLIENT_DIAGRAMS)
    after = snapshot(out / "html")
    rewritten = sorted(p for p, m in after.items() if before.get(p) != m)
    return result, rewritten


def content_words(html: Path) -> int:
    """Words in the article text of every page: shows both corpora say the same."""
    total = 0
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        start, end = text.find("<article"), text.find("</article>")
        if start != -1 and end != -1:
            article = re.sub(r"<svg.*?</svg>", " ", text[start:end], flags=re.S)
            total += len(re.sub(r"<[^>]+>", " ", article).split())
    return total


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def bench_scale(n: int, repeat: int, base: Path, with_svg: bool) -> dict:
    rows = {}
    flavours = ("handbook", "plain")
    srcs = {f: benchcorpus.write_corpus(base / f"{f}-{n}" / "src", n, flavour=f) for f in flavours}
    # Runs alternate between the two, so a slow spell of the machine hits both.
    runs: dict[str, list[dict]] = {f: [] for f in flavours}
    for _ in range(repeat):
        for f in flavours:
            runs[f].append(cold_build(srcs[f], srcs[f].parent / "out"))
    for f in flavours:
        rows[f] = {"seconds": median(runs[f], "seconds"),
                   "maxrss_mib": max(r["maxrss_kib"] for r in runs[f]) / 1024,
                   "words": content_words(srcs[f].parent / "out" / "html")}
    if with_svg:
        # One cold run with every diagram drawn in the browser at build time.
        src = base / f"handbook-{n}" / "src"
        svg = cold_build(src, src.parent / "out-svg", env=None)
        rows["svg"] = {"seconds": svg["seconds"], "maxrss_mib": svg["maxrss_kib"] / 1024}
    return rows


def edit_setup(n: int, base: Path) -> tuple[Path, Path, Path, str, dict]:
    """The built corpus of N sessions, the page the edits change, its text, and
    the kinds of edit (see edit_kinds)."""
    src = base / f"handbook-{n}" / "src"
    page = src / "sessions" / f"{benchcorpus.session_id(0)}.md"
    original = page.read_text()
    old_play = benchcorpus.learning_plays(0, 0, 20)
    new_play = benchcorpus.play_id((int(old_play[-2:]) + 10) % 20)
    return src, src.parent / "out", page, original, edit_kinds(page, original, old_play, new_play)


def bench_incremental(n: int, repeat: int, base: Path, cold_seconds: float) -> dict:
    """Edits on top of the last cold build of bench_scale (same corpus and output)."""
    src, out, page, original, edits = edit_setup(n, base)
    results = {}
    for name, edit in edits.items():
        runs, pages = [], []
        for k in range(repeat):
            result, rewritten = incremental(src, out, lambda edit=edit, k=k: edit(k))
            runs.append(result)
            pages = rewritten if k == 0 else pages
        page.write_text(original)
        measure(sphinx(src, out / "html") + ["-d", str(out / "doctrees")], CLIENT_DIAGRAMS)
        results[name] = {"seconds": median(runs, "seconds"), "pages": pages}
    results["cold"] = cold_seconds
    return results


def edit_kinds(page: Path, original: str, old_play: str, new_play: str) -> dict:
    changed = original.replace(f":play: {old_play}", f":play: {new_play}", 1)
    return {
        # Every run moves the learning: to the new play, back, and so on.
        "play target": lambda k: page.write_text(changed if k % 2 == 0 else original),
        "prose only": lambda k: page.write_text(original.replace(
            "# Sessie 0\n", f"# Sessie 0\n\nExtra zin {k}.\n", 1)),
        # Every page's sidebar shows the title: the whole site is written.
        "title": lambda k: page.write_text(original.replace(
            "# Sessie 0\n", f"# Sessie 0 ({k})\n", 1)),
    }


# Which rebuild each speed-up targets (the edit whose cost it cuts).
SPEEDUP_TARGETS = {
    "navigation": "title",  # every page written: Furo's tree N x N without it
    "matrix": "play target",  # the matrix page is written again
    "small_builds": "prose only",
    "gc_freeze": "prose only",
}


def bench_speedups(n: int, repeat: int, base: Path) -> dict:
    """Each speed-up's share of the rebuild it targets: the same edit with all
    speed-ups and with that one left out (HANDBOOK_SPEEDUPS_OFF), runs
    alternating. Navigation's off-run writes every page with Furo's own
    N x N tree: one run only."""
    src, out, page, original, edits = edit_setup(n, base)
    results = {}
    for name, target in SPEEDUP_TARGETS.items():
        off_env = {**CLIENT_DIAGRAMS, "HANDBOOK_SPEEDUPS_OFF": name}
        runs: dict[str, list[dict]] = {"on": [], "off": []}
        for k in range(1 if name == "navigation" else repeat):
            for mode, env in (("on", CLIENT_DIAGRAMS), ("off", off_env)):
                # Two steps per run, so every run rebuilds after a real edit.
                step = edits[target]
                runs[mode].append(incremental(src, out, lambda s=step, k=k: s(2 * k), env)[0])
                incremental(src, out, lambda s=step, k=k: s(2 * k + 1), env)
        page.write_text(original)
        measure(sphinx(src, out / "html") + ["-d", str(out / "doctrees")], CLIENT_DIAGRAMS)
        on, off = median(runs["on"], "seconds"), median(runs["off"], "seconds")
        results[name] = {"target": target, "on": on, "off": off,
                         "share": (off - on) / off * 100}
    return results


def page_weight(html: Path) -> dict | None:
    """Bytes a browser loads per page of the real handbook (all requests)."""
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        from playwright.sync_api import sync_playwright

        from handbook.browser import LAUNCH_ARGS, BrowserNotFound, find_browser
        browser_path = find_browser()
    except (ImportError, BrowserNotFound) as exc:
        print(f"page weight skipped: {exc}")
        return None
    from handbook import loopback

    weights = {}
    with loopback.serve(html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=LAUNCH_ARGS)
        for page_path in sorted(html.rglob("*.html")):
            rel = page_path.relative_to(html).as_posix()
            if rel.startswith(("_static/", "_server/")):
                continue
            context = browser.new_context()
            page = context.new_page()
            responses: list = []
            # A function of our own: Playwright marks each handler with an
            # attribute, which a builtin method (list.append) cannot take.
            page.on("response", lambda response, seen=responses: seen.append(response))
            page.goto(f"{base}{rel}", wait_until="networkidle")
            total = 0
            for response in responses:
                try:
                    total += len(response.body())
                except Exception:  # redirects and aborted requests have no body
                    pass
            weights[rel] = total
            context.close()
        browser.close()
    values = sorted(weights.values())
    largest = max(weights, key=weights.get)
    return {"median": statistics.median(values), "largest": (largest, weights[largest]),
            "pages": len(values)}


def bench_pdf() -> dict | None:
    out = ROOT / "_build" / "bench" / "pdf"
    try:
        result = measure(sphinx(ROOT, out, "pdf"))
    except SystemExit as exc:
        print(f"pdf skipped: {str(exc).splitlines()[0]}")
        return None
    # The handbook, the worksheets, facilitator cards, canvases and workshop
    # bundles: one export makes them all.
    pdfs = sorted(out.rglob("*.pdf"))
    return {"seconds": result["seconds"], "bytes": sum(p.stat().st_size for p in pdfs),
            "file": f"{len(pdfs)} PDF's"}


def print_speedups(n: int, repeat: int, base: Path) -> None:
    print(f"\n== speed-ups (handbook.speedups), N = {n}: each one left out in turn ==")
    print(f"{'speed-up':>15} {'target rebuild':>15} {'with s':>8} {'without s':>10} {'share':>7}")
    for name, r in bench_speedups(n, repeat, base).items():
        print(f"{name:>15} {r['target']:>15} {r['on']:>8.2f} {r['off']:>10.2f} {r['share']:>6.1f}%")
    print("share: the part of the target rebuild the speed-up saves; keep one only at >= 5%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--speedups-only", action="store_true",
                        help="only the speed-up table (one cold build first)")
    parser.add_argument("--reader-only", action="store_true",
                        help="only the reader's side: bytes per page, Lighthouse (needs make html)")
    args = parser.parse_args()
    base = ROOT / "_build" / "bench"
    if args.reader_only:
        bench_reader.main()
        return
    print(f"machine: {os.cpu_count()} cores; repeat {args.repeat}, median reported")
    if args.speedups_only:
        src = benchcorpus.write_corpus(base / f"handbook-{args.sessions}" / "src", args.sessions,
                                       flavour="handbook")
        cold_build(src, src.parent / "out")
        print_speedups(args.sessions, args.repeat, base)
        return

    print("\n== cold build (sphinx-build -W --keep-going -n -j auto) ==")
    print(f"{'N':>6} {'handbook s':>11} {'plain s':>9} {'overhead':>9} {'peak MiB':>9}"
          f" {'+ SVG diagrams s':>17}")
    scale = {}
    for n in (args.small, args.sessions):
        # Drawing N diagrams in the browser is measured at the small N only:
        # it is linear in N (one render per new diagram, then cached).
        rows = bench_scale(n, args.repeat, base, with_svg=n == args.small)
        scale[n] = rows
        h, p = rows["handbook"], rows["plain"]
        print(f"{n:>6} {h['seconds']:>11.2f} {p['seconds']:>9.2f} "
              f"{(h['seconds'] / p['seconds'] - 1) * 100:>8.1f}% {h['maxrss_mib']:>9.0f}"
              + (f" {rows['svg']['seconds']:>17.2f}" if "svg" in rows else f" {'-':>17}"))
    for n, rows in scale.items():
        print(f"N = {n}: words on the pages, handbook {rows['handbook']['words']}, "
              f"plain {rows['plain']['words']} (plain writes by hand what the extension generates)")
    growth = scale[args.sessions]["handbook"]["seconds"] / scale[args.small]["handbook"]["seconds"]
    plain_growth = scale[args.sessions]["plain"]["seconds"] / scale[args.small]["plain"]["seconds"]
    print(f"growth {args.small} -> {args.sessions} sessions: x{growth:.1f}, plain x{plain_growth:.1f} "
          f"(linear would be x{args.sessions / args.small:.0f})")

    print(f"\n== incremental build, N = {args.sessions} ==")
    inc = bench_incremental(args.sessions, args.repeat, base,
                            scale[args.sessions]["handbook"]["seconds"])
    for name in ("play target", "prose only", "title"):
        r = inc[name]
        share = r["seconds"] / inc["cold"] * 100
        shown = r["pages"] if len(r["pages"]) <= 20 else [*r["pages"][:3], "..."]
        print(f"{name:>12}: {r['seconds']:.2f} s ({share:.1f}% of cold {inc['cold']:.2f} s), "
              f"{len(r['pages'])} pages rewritten: {', '.join(shown)}")

    print_speedups(args.sessions, args.repeat, base)

    print("\n== real handbook ==")
    real = ROOT / "_build" / "html"
    if (real / "index.html").is_file():
        weight = page_weight(real)
        if weight:
            name, size = weight["largest"]
            print(f"bytes per page ({weight['pages']} pages): median {weight['median'] / 1024:.0f} KiB,"
                  f" largest {size / 1024:.0f} KiB ({name})")
    else:
        print("bytes per page skipped: run 'make html' first")
    bench_reader.main()
    pdf = bench_pdf()
    if pdf:
        print(f"make pdf: {pdf['seconds']:.1f} s, {pdf['bytes'] / 1e6:.2f} MB ({pdf['file']})")
    print_fault_figures()


def print_fault_figures() -> None:
    """Issue 25's figures, as the last run of the fault tests left them
    (tests/fault_figures.py): measured there, not here, so this costs nothing."""
    print("\n== survives interruption and any input (last run of tests/test_fault_*.py) ==")
    try:
        figures = json.loads((ROOT / "_build" / "fault-figures.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        print("no figures yet: run '.venv/bin/python -m pytest tests/test_fault_*.py'")
        return
    for name, count in figures.items():
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()
