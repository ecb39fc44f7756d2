"""Article extraction benchmark: claimgraph vs trafilatura vs a naive all-<p> baseline, in one run.

Usage:
    .venv/bin/python benchmarks/extraction.py ../shared/bench/extraction [--limit N] [--sets zyte,wcxb-dev]

Reads the shared evaluation sets (see their README.md): ``zyte`` (articleBody gold) and
``wcxb-dev`` (title, author, date and main text gold). For each extractor and set it prints:

- P / R / F1: precision, recall and F1 of the main text against gold, per page then averaged.
  zyte is scored as upstream does, on multisets of 4-word shingles of ``\\w+`` tokens;
  wcxb-dev on multisets of lower-case ``\\w+`` words, as upstream does.
- title / author / date: share of pages whose value matches gold, over pages where gold has
  one (title: same words; author: same set of names; date: same calendar day).
- pages/s: pages per second of time spent in the extractor (metadata included). The extractors
  take turns page by page, so load from other processes slows them alike; compare rows of one run.

trafilatura runs with ``with_metadata=True`` so that its title/author/date are scored too and
its throughput covers the same work as claimgraph's.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from claimgraph.ingest.html import extract_page
from claimgraph.ingest.text import decode_bytes


@dataclass
class Page:
    id: str
    html: str
    url: str | None
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None


@dataclass
class Output:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None


def read_zyte(folder: Path, limit: int | None) -> list[Page]:
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(gold)[:limit]:
        html = gzip.open(folder / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8").read()
        pages.append(Page(page_id, html, gold[page_id].get("url"), gold[page_id]["articleBody"]))
    return pages


def read_wcxb(folder: Path, limit: int | None) -> list[Page]:
    pages = []
    for path in sorted((folder / "ground-truth").glob("*.json"))[:limit]:
        record = json.loads(path.read_text(encoding="utf-8"))
        gold = record["ground_truth"]
        raw = gzip.open(folder / "html" / f"{path.stem}.html.gz", "rb").read()
        html, _ = decode_bytes(raw, path.stem)
        pages.append(
            Page(path.stem, html, record.get("url"), gold.get("main_content") or "", gold.get("title"), gold.get("author"), gold.get("publish_date"))
        )
    return pages


def run_claimgraph(page: Page) -> Output:
    extracted = extract_page(page.html, url=page.url)
    meta = extracted.metadata
    return Output(extracted.text, meta.title, ", ".join(meta.authors) or None, meta.published)


def run_trafilatura(page: Page) -> Output:
    import trafilatura

    document = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if document is None:
        return Output("")
    return Output(document.text or "", document.title, document.author, document.date)


def run_paragraphs(page: Page) -> Output:
    tree = lxml.html.document_fromstring(page.html.encode("utf-8"))
    return Output("\n".join(p.text_content().strip() for p in tree.iter("p")))


EXTRACTORS = {"claimgraph": run_claimgraph, "trafilatura": run_trafilatura, "all-<p>": run_paragraphs}


def _tokens(text: str, shingle: int) -> Counter:
    words = re.findall(r"\w+", text.lower())
    if shingle == 1:
        return Counter(words)
    return Counter(tuple(words[i : i + shingle]) for i in range(max(0, len(words) - shingle + 1)))


def score_text(predicted: str, gold: str, shingle: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``predicted`` against ``gold`` over token (shingle) multisets."""
    p, g = _tokens(predicted, shingle), _tokens(gold, shingle)
    tp = sum((p & g).values())
    if not p and not g:
        return 1.0, 1.0, 1.0
    precision = tp / sum(p.values()) if p else 0.0
    recall = tp / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _name_set(value: str | None) -> set[str]:
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", (value or "").lower())
    return {" ".join(re.findall(r"\w+", part)) for part in parts if re.findall(r"\w+", part)}


def metadata_matches(field: str, predicted: str | None, gold: str) -> bool:
    if field == "title":
        return re.findall(r"\w+", (predicted or "").lower()) == re.findall(r"\w+", gold.lower())
    if field == "author":
        return _name_set(predicted) == _name_set(gold)
    return (predicted or "")[:10] == gold[:10]


def _run(name: str, extractor, page: Page) -> Output:
    try:
        return extractor(page)
    except Exception as error:  # a crash on one page scores that page as empty
        print(f"  {name} failed on {page.id}: {error}", file=sys.stderr)
        return Output("")


def evaluate(names: list[str], pages: list[Page], shingle: int) -> list[dict]:
    """Score each extractor on the pages; they take turns page by page, so a busy machine slows them alike."""
    outputs: dict[str, list[Output]] = {name: [] for name in names}
    elapsed = dict.fromkeys(names, 0.0)
    for name in names:  # warm-up: imports and caches are not part of the per-page cost
        _run(name, EXTRACTORS[name], pages[0])
    for page in pages:
        for name in names:
            started = time.perf_counter()
            outputs[name].append(_run(name, EXTRACTORS[name], page))
            elapsed[name] += time.perf_counter() - started
    rows = []
    for name in names:
        scores = [score_text(out.text, page.text, shingle) for out, page in zip(outputs[name], pages)]
        row = {
            "extractor": name,
            "P": sum(s[0] for s in scores) / len(scores),
            "R": sum(s[1] for s in scores) / len(scores),
            "F1": sum(s[2] for s in scores) / len(scores),
            "pages/s": len(pages) / elapsed[name],
            "per_page": {page.id: s[2] for page, s in zip(pages, scores)},
        }
        for field in ("title", "author", "date"):
            judged = [(getattr(out, field), getattr(page, field)) for out, page in zip(outputs[name], pages) if getattr(page, field)]
            row[field] = sum(metadata_matches(field, p, g) for p, g in judged) / len(judged) if judged else None
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="the shared bench/extraction folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--sets", default="zyte,wcxb-dev")
    parser.add_argument("--extractors", default=",".join(EXTRACTORS), help="comma-separated subset of: " + ", ".join(EXTRACTORS))
    parser.add_argument("--worst", type=int, default=0, help="also list the N pages where claimgraph trails trafilatura most")
    args = parser.parse_args(argv)
    readers = {"zyte": (read_zyte, 4), "wcxb-dev": (read_wcxb, 1)}
    print("| set | extractor | P | R | F1 | title | author | date | pages/s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for set_name in args.sets.split(","):
        reader, shingle = readers[set_name]
        pages = reader(args.path / set_name, args.limit)
        rows = evaluate(args.extractors.split(","), pages, shingle)
        for row in rows:
            cells = [f"{row[k]:.3f}" if row[k] is not None else "–" for k in ("P", "R", "F1", "title", "author", "date")]
            print(f"| {set_name} ({len(pages)}) | {row['extractor']} | " + " | ".join(cells) + f" | {row['pages/s']:.1f} |", flush=True)
        if args.worst and len(rows) > 1:
            ours, theirs = rows[0]["per_page"], rows[1]["per_page"]
            for page_id in sorted(ours, key=lambda k: ours[k] - theirs[k])[: args.worst]:
                print(f"    {page_id}: claimgraph {ours[page_id]:.3f} trafilatura {theirs[page_id]:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
