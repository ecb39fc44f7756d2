"""Attribution benchmark: claimgraph's statements against PolNeAR dev, next to the regex baseline.

Runs the extraction pipeline on every ``text/<doc>.txt`` of the gold folder, writes the
statements as the scorer's JSONL (``doc``, ``source``, ``cue``, ``content`` character spans)
to a temporary folder, runs ``score_attribution.py`` on it and on ``baseline_quotes.py``'s
output, and prints one table. PolNeAR stays where it is: nothing is copied into the repo.

Usage:
    .venv/bin/python benchmarks/attribution.py ../shared/eval
    .venv/bin/python benchmarks/attribution.py ../shared/eval --docs nyt_2016-09-12_visa-program-up-for-renewal-amid
    .venv/bin/python benchmarks/attribution.py ../shared/eval --errors 20   # also print misses and false hits
    .venv/bin/python benchmarks/attribution.py ../shared/eval --half a      # even documents only (b: odd)
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimgraph.extract.pipeline import load_pipeline

SUBSETS = ("all", "direct", "indirect")
THRESHOLDS = ("exact", "overlap>=0.8", "overlap>=0.3")


def predictions(doc_id: str, doc) -> list[dict]:
    """The scorer's JSONL records for one Doc's statements."""
    rows = []
    for statement in doc._.statements:
        content = [list(f) for f in statement.fragments] if statement.fragments else list(statement.content)
        rows.append(
            {
                "doc": doc_id,
                "source": [statement.speaker.start_char, statement.speaker.end_char] if statement.speaker is not None else None,
                "cue": [statement.cue.start_char, statement.cue.end_char] if statement.cue is not None else None,
                "content": content,
                "kind": statement.kind,
                "method": statement.method,
            }
        )
    return rows


def run_claimgraph(text_dir: Path, doc_ids: list[str], out: Path, model: str | None) -> dict:
    nlp = load_pipeline(model)
    texts = [(text_dir / f"{doc_id}.txt").read_text("utf-8") for doc_id in doc_ids]
    words = sum(len(text.split()) for text in texts)
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as handle:
        for doc_id, doc in zip(doc_ids, nlp.pipe(texts, batch_size=8)):
            for row in predictions(doc_id, doc):
                handle.write(json.dumps(row) + "\n")
    seconds = time.perf_counter() - started
    return {"docs": len(doc_ids), "words": words, "seconds": seconds}


def score(eval_dir: Path, gold: Path, preds: Path, doc_ids: list[str] | None) -> dict:
    command = [sys.executable, str(eval_dir / "score_attribution.py"), str(gold), str(preds), "--json"]
    if doc_ids:
        command += ["--docs", *doc_ids]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)["results"]


def run_baseline(eval_dir: Path, gold: Path, out: Path) -> None:
    subprocess.run(
        [sys.executable, str(eval_dir / "baseline_quotes.py"), str(gold), "-o", str(out)],
        capture_output=True, text=True, check=True,
    )


def table(ours: dict, baseline: dict) -> str:
    header = (
        f"{'content match':<14} {'subset':<9} {'gold':>5} | {'claimgraph':^37} | {'regex baseline':^37}\n"
        f"{'':<14} {'':<9} {'':>5} | {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'src ex':>6} {'src.5':>6}"
        f" | {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'src ex':>6} {'src.5':>6}"
    )
    lines = [header, "-" * len(header.splitlines()[1])]
    for threshold in THRESHOLDS:
        for subset in SUBSETS:
            a, b = ours[threshold][subset], baseline[threshold][subset]
            lines.append(
                f"{threshold:<14} {subset:<9} {a['gold']:>5} | {_cells(a)} | {_cells(b)}"
            )
    return "\n".join(lines)


def _cells(r: dict) -> str:
    def number(value):
        return f"{value:6.3f}" if isinstance(value, (int, float)) else f"{'-':>6}"

    return (
        f"{r['pred']:>5} {number(r['precision'])} {number(r['recall'])} {number(r['f1'])} "
        f"{number(r.get('source_acc_exact'))} {number(r.get('source_acc_overlap'))}"
    )


def print_errors(eval_dir: Path, gold_dir: Path, preds: Path, doc_ids: list[str], limit: int, scratch: Path) -> None:
    """Print gold contents with no prediction over 0.3 overlap, and predictions with no gold, for reading."""
    gold_file = scratch / "gold.jsonl"
    subprocess.run(
        [sys.executable, str(eval_dir / "score_attribution.py"), str(gold_dir), "--export-gold", str(gold_file)],
        capture_output=True, text=True, check=True,
    )
    import re

    def tokens(text: str, spans) -> set[int]:
        spans = [spans] if spans and isinstance(spans[0], int) else spans or []
        return {m.start() for s, e in spans for m in re.finditer(r"\w+", text) if m.start() < e and m.end() > s}

    texts = {d: (gold_dir / "text" / f"{d}.txt").read_text("utf-8") for d in doc_ids}
    gold = [json.loads(line) for line in gold_file.open() if json.loads(line)["doc"] in texts]
    pred = [json.loads(line) for line in preds.open()]
    for item in (*gold, *pred):
        item["tokens"] = tokens(texts[item["doc"]], item["content"])

    def unmatched(items: list[dict], others: list[dict]):
        """The items whose best overlap with any of ``others`` in the same document is under 0.3."""
        for item in items:
            best = max((len(item["tokens"] & other["tokens"]) / max(len(item["tokens"]), len(other["tokens"]), 1)
                        for other in others if other["doc"] == item["doc"]), default=0)
            if best < 0.3:
                yield texts[item["doc"]], item

    for text, g in itertools.islice(unmatched(gold, pred), limit):
        print("MISSED", _fragment(text, g["source"]), "|", _fragment(text, g["cue"]), "|", _fragment(text, g["content"])[:160])
    for text, p in itertools.islice(unmatched(pred, gold), limit):
        print("FALSE ", p["method"], "|", _fragment(text, p["source"]), "|", _fragment(text, p["cue"]), "|", _fragment(text, p["content"])[:160])


def _fragment(text: str, spans) -> str:
    if spans is None:
        return "-"
    spans = [spans] if isinstance(spans[0], int) else spans
    return " … ".join(text[s:e] for s, e in spans).replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", type=Path, help="the shared eval folder (holds polnear-dev/ and the scripts)")
    parser.add_argument("--gold", default="polnear-dev", help="gold folder inside eval_dir")
    parser.add_argument("--docs", nargs="*", help="only these doc ids (iterate on a subset)")
    parser.add_argument("--half", choices=("a", "b"),
                        help="only the even (a) or odd (b) documents by sorted name: tune on one half, check the other")
    parser.add_argument("--model", help="spaCy model (default: as the extract stage)")
    parser.add_argument("--errors", type=int, default=0, help="print up to N missed and N false statements")
    parser.add_argument("--keep", type=Path, help="also copy claimgraph's predictions to this JSONL file (keep it out of the repo)")
    args = parser.parse_args()

    gold_dir = args.eval_dir / args.gold
    doc_ids = args.docs or sorted(path.stem for path in (gold_dir / "text").glob("*.txt"))
    if args.half:
        doc_ids = doc_ids[0::2] if args.half == "a" else doc_ids[1::2]
    with tempfile.TemporaryDirectory(prefix="claimgraph-attribution-") as scratch:
        scratch = Path(scratch)
        ours_file, baseline_file = scratch / "claimgraph.jsonl", scratch / "baseline.jsonl"
        speed = run_claimgraph(gold_dir / "text", doc_ids, ours_file, args.model)
        run_baseline(args.eval_dir, gold_dir, baseline_file)
        subset = doc_ids if args.docs or args.half else None
        ours = score(args.eval_dir, gold_dir, ours_file, subset)
        baseline = score(args.eval_dir, gold_dir, baseline_file, subset)
        print(f"PolNeAR {args.gold}: {speed['docs']} docs, {speed['words']} words; claimgraph pipeline "
              f"{speed['seconds']:.1f} s ({speed['words'] / speed['seconds']:.0f} words/s, one process)\n")
        print(table(ours, baseline))
        print("\nsrc ex / src.5: speaker accuracy on matched contents, exact tokens / overlap >= 0.5")
        if args.keep:
            args.keep.write_text(ours_file.read_text("utf-8"), "utf-8")
        if args.errors:
            print()
            print_errors(args.eval_dir, gold_dir, ours_file, doc_ids, args.errors, scratch)


if __name__ == "__main__":
    main()
