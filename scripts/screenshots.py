"""Take the documentation's screenshots (README.md, docs/publishing.md) of the claim page,
the graph page and a story timeline with Debian Chromium.

Usage: .venv/bin/python scripts/screenshots.py [DB_PATH] [OUT_DIR]   (defaults: demo.db, docs/)

Serves DB_PATH with `claimgraph serve` on a free port, picks the best-documented claim
(most evidence, widest cluster), the most connected actor and the widest story, and writes
OUT_DIR/claim-page.png, OUT_DIR/graph-page.png (the actor network around the actor) and,
when the database has a story, OUT_DIR/story-timeline.png. It also builds the generated
400-actor database of tests/publish_network.py and writes OUT_DIR/actor-network-400.png.
"""

import socket
import sqlite3
import subprocess
import sys
import tempfile
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

WIDEST_STORY = "select id from claim_clusters order by n_outlets desc, n_claims desc, id limit 1"

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


def serve(db_path: Path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    claimgraph = Path(sys.executable).with_name("claimgraph")
    process = subprocess.Popen([str(claimgraph), "serve", str(db_path), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"{base}/-/claimgraph", process)
    return base, process


def network_shot(page, url: str, path: Path) -> None:
    page.goto(url)
    page.wait_for_function("document.getElementById('cg-graph').dataset.settled !== undefined", timeout=30000)
    page.locator("#cg-graph").scroll_into_view_if_needed()
    page.screenshot(path=str(path), full_page=False)


def main(db_path: Path, out_dir: Path) -> None:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    claim_id = conn.execute(BEST_CLAIM).fetchone()[0]
    actor_id = conn.execute(BEST_ACTOR).fetchone()[0]
    story = conn.execute(WIDEST_STORY).fetchone()
    conn.close()
    sys.path.insert(0, str(ROOT / "tests"))
    from publish_network import build_network_db

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        network_db = build_network_db(Path(scratch) / "network.db")
        servers = [serve(db_path), serve(network_db)]
        try:
            (base, _), (network_base, _) = servers
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 1400})
                page.goto(f"{base}/-/claimgraph/claim/{urllib.parse.quote(claim_id)}")
                page.screenshot(path=str(out_dir / "claim-page.png"), full_page=True)
                network_shot(page, f"{base}/-/claimgraph/graph?actor={urllib.parse.quote(actor_id)}", out_dir / "graph-page.png")
                if story:
                    page.goto(f"{base}/-/claimgraph/story/{urllib.parse.quote(story[0])}")
                    page.screenshot(path=str(out_dir / "story-timeline.png"), full_page=True)
                page.set_viewport_size({"width": 1280, "height": 1100})
                network_shot(page, f"{network_base}/-/claimgraph/graph", out_dir / "actor-network-400.png")
                browser.close()
        finally:
            for _, process in servers:
                process.terminate()
                process.wait(timeout=10)
    print(f"claim {claim_id}, actor {actor_id} and story {story[0] if story else None} from {db_path} -> {out_dir}/")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "demo.db",
         Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs")
