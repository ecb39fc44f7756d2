"""How long the graph page takes to draw in headless Chromium as the graph grows.

Usage:
    .venv/bin/python benchmarks/publish_browser.py [--copies 2 5 10 20] [--runs 3]

For each synthetic database of ``benchmarks/publish_pages.py`` (the test story repeated N
times) it serves the database with `claimgraph serve`, opens ``/-/claimgraph/graph?view=provenance``
(the whole provenance graph; the actor network is measured by tests/test_browser.py) in Debian Chromium and times from navigation until the page has drawn every
node (``data-drawn`` is set), then reports the median and slowest of ``--runs`` loads. The
page uses the force-directed ``cose`` layout up to 250 nodes and ``concentric`` above;
above 500 nodes it refuses to draw.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from playwright.sync_api import sync_playwright  # noqa: E402

from claimgraph.publish.prepare import run_publish  # noqa: E402
from publish_pages import build_copies  # noqa: E402
from publish_story import claimgraph_serve  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[2, 5, 10, 20])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="claimgraph-browser-bench-"))
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        for copies in args.copies:
            path = workdir / f"story{copies}.db"
            build_copies(path, copies)
            run_publish(path)
            with claimgraph_serve(path) as base:
                times, drawn = [], None
                for _ in range(args.runs + 1):  # the first load warms caches and is not counted
                    start = time.perf_counter()
                    page.goto(f"{base}/-/claimgraph/graph?view=provenance")
                    page.wait_for_function("document.getElementById('cg-graph').dataset.drawn !== undefined",
                                           timeout=120000)
                    times.append((time.perf_counter() - start) * 1000)
                    drawn = page.evaluate("window.cy ? [cy.nodes().length, cy.edges().length] : [0, 0]")
                times = times[1:]
            rows.append((copies, drawn, statistics.median(times), max(times)))
        browser.close()
    print(f"runs per size: {args.runs}; ms from navigation to drawn\n")
    print("| copies | nodes | edges | layout | median ms | slowest ms |")
    print("|---|---|---|---|---|---|")
    for copies, (nodes, edges), median, slowest in rows:
        layout = "refused (>500)" if nodes == 0 else ("concentric" if nodes > 250 else "cose")
        print(f"| {copies} | {nodes} | {edges} | {layout} | {median:.0f} | {slowest:.0f} |")


if __name__ == "__main__":
    main()
