"""Speed of the extract stage against bare ``nlp.pipe`` of the same spaCy model.

Reads the PolNeAR dev texts (``<shared>/eval/polnear-dev/text/*.txt``; evaluation data,
read in place, never copied) and times, each in a fresh subprocess so peak memory is its
own:

* ``bare``: ``spacy.load(model)`` and ``nlp.pipe`` over the texts (the model alone);
* ``pipeline``: the same with claimgraph's components (actors, quotes, claims);
* ``stage``: ``run_extract`` on a temporary database holding the texts as articles
  (pipeline + reading articles + every write, one transaction per article).

for each ``--processes`` value, and prints one table with words/s, the stage's speed as
a fraction of bare ``nlp.pipe`` at the same process count, and peak RSS (the process and
its workers). Each configuration runs ``--repeat`` times, the modes taking turns, and the
fastest run of each is kept.

Usage:
    .venv/bin/python benchmarks/nlp_speed.py ../shared
    .venv/bin/python benchmarks/nlp_speed.py ../shared --processes 1 2 --repeat 2 --limit 40
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODES = ("bare", "pipeline", "stage")


def read_texts(shared: Path, limit: int | None) -> list[tuple[str, str]]:
    folder = shared / "eval" / "polnear-dev" / "text"
    if not folder.is_dir():
        sys.exit(f"{folder}: no such folder (pass the shared data folder, e.g. ../shared)")
    paths = sorted(folder.glob("*.txt"))[:limit]
    return [(path.stem, path.read_text("utf-8")) for path in paths]


def measure(mode: str, texts: list[tuple[str, str]], processes: int, model: str | None) -> dict:
    """Run one configuration in this process; returns seconds and peak memory."""
    import spacy

    from claimgraph.extract.pipeline import load_pipeline, model_name

    name = model_name(model)
    batch_size = 16
    if mode == "stage":
        from claimgraph.db import open_db
        from claimgraph.extract import run_extract

        load_pipeline(name)  # loading is not extraction: both sides time the texts only
        with tempfile.TemporaryDirectory() as folder:
            open_db(Path(folder) / "speed.db")["articles"].insert_all(
                ({"id": doc_id, "text": text} for doc_id, text in texts), pk="id")
            db = open_db(Path(folder) / "speed.db")  # reopened as the CLI does: an existing file is in WAL mode
            start = time.perf_counter()
            report = run_extract(db, model=name, processes=processes, batch_size=batch_size)
            seconds = time.perf_counter() - start
        if report.errors:
            sys.exit(f"stage errors: {report.errors[:3]}")
    else:
        nlp = spacy.load(name) if mode == "bare" else load_pipeline(name)
        start = time.perf_counter()
        for _ in nlp.pipe((text for _, text in texts), n_process=processes, batch_size=batch_size):
            pass
        seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_mib": (peak_kib + (children_kib if processes > 1 else 0) * processes) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the shared data folder (holds eval/polnear-dev)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--model", default=None)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PROCESSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    texts = read_texts(args.shared, args.limit)
    if args.child:
        print(json.dumps(measure(args.child[0], texts, int(args.child[1]), args.model)))
        return
    words = sum(len(text.split()) for _, text in texts)
    print(f"{len(texts)} PolNeAR dev texts, {words} words, {os.cpu_count()} CPUs, best of {args.repeat}\n")
    print("| run | processes | seconds | words/s | × bare nlp.pipe | peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for processes in args.processes:
        # modes take turns within each repeat, so a change in the machine's load hits them alike
        runs = {mode: [] for mode in MODES}
        for _ in range(args.repeat):
            for mode in MODES:
                runs[mode].append(_child(args, mode, processes))
        bare = min(run["seconds"] for run in runs["bare"])
        for mode in MODES:
            best = min(runs[mode], key=lambda run: run["seconds"])
            label = {"bare": "bare nlp.pipe", "pipeline": "nlp.pipe + claimgraph components",
                     "stage": "extract stage (run_extract)"}[mode]
            print(f"| {label} | {processes} | {best['seconds']:.1f} | {words / best['seconds']:,.0f} | "
                  f"{bare / best['seconds']:.2f} | {max(run['peak_mib'] for run in runs[mode]):,.0f} |", flush=True)


def _child(args, mode: str, processes: int) -> dict:
    command = [sys.executable, __file__, str(args.shared), "--child", mode, str(processes)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    if args.model:
        command += ["--model", args.model]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{mode} with {processes} processes failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
