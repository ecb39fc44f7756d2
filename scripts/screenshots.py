"""Take the documentation's screenshots (README.md, docs/publishing.md) of the claim page and the graph page with Debian Chromium.

Usage: .venv/bin/python scripts/screenshots.py [DB_PATH] [OUT_DIR]   (defaults: demo.db, docs/)

Serves DB_PATH with `claimgraph serve` on a free port, picks the best-documented claim
(most evidence, widest cluster) and the most connected actor, and writes
OUT_DIR/claim-page.png and OUT_DIR/graph-page.png.
"""

import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

BEST_CLAIM = """
select c.id from claims c
left join claim_evidence e on e.claim_id = c.id
left join claim_cluster_members m on m.claim_id = c.id
left join claim_clusters k on k.id = m.cluster_id
group by c.id
order by count(e.measurement_id) desc, max(coalesce(k.n_outlets, 0)) desc, (c.source_actor_id is not null) desc, c.start
limit 1
"""

BEST_ACTOR = """
select a.id from actors a
join claims c on a.id in (c.source_actor_id, c.subject_id, c.object_id)
group by a.id order by count(*) desc, a.name limit 1
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"claimgraph serve did not start for {url}")
            time.sleep(0.2)


def main(db_path: Path, out_dir: Path) -> None:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    claim_id = conn.execute(BEST_CLAIM).fetchone()[0]
    actor_id = conn.execute(BEST_ACTOR).fetchone()[0]
    conn.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    claimgraph = Path(sys.executable).with_name("claimgraph")
    process = subprocess.Popen([str(claimgraph), "serve", str(db_path), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"{base}/-/claimgraph", process)
        out_dir.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.goto(f"{base}/-/claimgraph/claim/{urllib.parse.quote(claim_id)}")
            page.screenshot(path=str(out_dir / "claim-page.png"), full_page=True)
            page.goto(f"{base}/-/claimgraph/graph?actor={urllib.parse.quote(actor_id)}&depth=2")
            page.wait_for_function("window.cy && window.cy.nodes().length > 0", timeout=30000)
            page.wait_for_timeout(500)
            page.locator("#cg-graph").scroll_into_view_if_needed()
            page.screenshot(path=str(out_dir / "graph-page.png"), full_page=False)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f"claim {claim_id} and actor {actor_id} from {db_path} -> {out_dir}/claim-page.png, graph-page.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "demo.db",
         Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs")
