"""Benchmark: MRT import speed and peak memory, against bare ``mrtparse`` iteration in the same run.

Builds large MRT files by repeating the sample records of a folder (mrtparse's samples in
``/work/shared/evidence/mrt``), then times, each in a fresh subprocess so that peak memory
(max RSS) is its own:

* ``mrtparse``: iterating ``mrtparse.Reader`` over the file and touching every record;
* ``claimgraph``: ``import_evidence`` into a new database (sniffing, SHA-256, decoding,
  routing state, writing the measurements in one transaction);
* the same import of the gzip-compressed file.

Two file sizes show whether memory grows with the file. Prints a Markdown table.

    .venv/bin/python benchmarks/mrt_import.py /work/shared/evidence/mrt --mb 8
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = ("quagga_bgp", "quagga_rib", "bird_bgp", "bird6_bgp", "openbgpd_bgp", "openbgpd_rib_table",
           "openbgpd_rib_table-v2", "bird-mrtdump_rib", "bird6-mrtdump_rib")


def build(samples_dir: Path, megabytes: float, target: Path) -> Path:
    """Concatenate the samples (whole MRT files, so every record stays valid) until ``megabytes``."""
    block = b"".join((samples_dir / name).read_bytes() for name in SAMPLES if (samples_dir / name).exists())
    copies = max(1, int(megabytes * 1e6 // len(block)))
    target.write_bytes(block * copies)
    return target


def run_mrtparse(path: Path) -> dict:
    from mrtparse import Reader

    records = 0
    for entry in Reader(str(path)):
        if entry.data:
            records += 1
    return {"records": records}


def run_claimgraph(path: Path) -> dict:
    from claimgraph.db import open_db
    from claimgraph.evidence import import_evidence

    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "bench.db")
        start = time.perf_counter()
        result = import_evidence(db, path, format="mrt")
        return {"measurements": result.records, "seconds": time.perf_counter() - start}


def worker(kind: str, path: Path) -> None:
    """Run one measurement; the time covers the iteration or the import call only (not start-up or schema creation)."""
    start = time.perf_counter()
    out = run_mrtparse(path) if kind == "mrtparse" else run_claimgraph(path)
    out.setdefault("seconds", time.perf_counter() - start)
    out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def measure(kind: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", kind, str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def count_records(path: Path) -> int:
    from mrtparse import Reader

    return sum(1 for _ in Reader(str(path)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("samples", type=Path, nargs="?", help="folder of MRT sample files (e.g. /work/shared/evidence/mrt)")
    parser.add_argument("--mb", type=float, default=8.0, help="size of the large file in MB (a quarter-size one is run too)")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return
    if args.samples is None:
        parser.error("the samples folder is required")
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for megabytes in (args.mb / 4, args.mb):
            plain = build(args.samples, megabytes, Path(folder) / f"repeated-{megabytes:g}MB.mrt")
            packed = Path(folder) / (plain.name + ".gz")
            packed.write_bytes(gzip.compress(plain.read_bytes(), compresslevel=6))
            size = plain.stat().st_size / 1e6
            records = count_records(plain)
            for label, kind, path in (("mrtparse iteration", "mrtparse", plain), ("claimgraph import", "claimgraph", plain),
                                      ("claimgraph import (.gz)", "claimgraph", packed)):
                result = measure(kind, path)
                rows.append((f"{size:.1f}", label, records, result["seconds"], records / result["seconds"],
                             size / result["seconds"], result["max_rss_mb"], result.get("measurements", "")))
    print("| file MB | run | records | seconds | records/s | MB/s | peak RSS MB | measurements |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for size, label, records, seconds, per_second, mb_per_second, rss, written in rows:
        print(f"| {size} | {label} | {records:,} | {seconds:.1f} | {per_second:,.0f} | {mb_per_second:.2f} | {rss:.0f} | {written} |")


if __name__ == "__main__":
    main()
