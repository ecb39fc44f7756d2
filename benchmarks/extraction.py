"""Article extraction benchmark: claimgraph vs trafilatura vs a naive all-<p> baseline, in one run.

Usage:
    .venv/bin/python benchmarks/extraction.py ../shared/bench/extraction [--limit N] [--sets zyte,wcxb-dev]

Reads the shared evaluation sets (see their README.md): ``zyte`` (articleBody gold) and
``wcxb-dev`` (title, author, date and main text gold). For each extractor and set it prints:

- P / R / F1: precision, recall and F1 of the main text against gold, per page then averaged.
  zyte is scored as upstream does, on multisets of 4-word shingles of ``\\w+`` tokens;
  wcxb-dev on multisets of lower-case ``\\w+`` words, as upstream does.
- title / author / date: share of pages whose value matches gold, over pages where gold has
  one. Title: the same lower-case ``\\w+`` words. Author: the normalised names are equal or one
  contains the other (lower-case ``\\w+`` words, the connector "and" dropped, so "A, B and C"
  equals "A; B; C" and "Jane Roe" matches "Jane Roe, MD"), or the same set of names in another
  order. Date: the same calendar day.
- author given / no gold: share of pages whose gold has no author where the extractor names
  one anyway (lower is better: most are service pages without a byline).
- pages/s: pages per second of time spent in the extractor (metadata included). The extractors
  take turns page by page, so load from other processes slows them alike; compare rows of one run.

trafilatura runs with ``with_metadata=True`` so that its title/author/date are scored too and
its throughput covers the same work as claimgraph's.

wcxb-dev is also reported in two halves split by site (a hash of the page's domain):
``wcxb-dev/tune`` is the half rules may be tuned on, ``wcxb-dev/held-out`` the half they
are checked on. ``--metadata-only`` skips the main text (fast, for metadata work).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from claimgraph.ingest.html import extract_page, parse_html, read_metadata
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
    domain: str | None = None


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
    domains = {key: value.get("domain") for key, value in json.loads((folder / "metadata.json").read_text("utf-8"))["files"].items()}
    pages = []
    for path in sorted((folder / "ground-truth").glob("*.json"))[:limit]:
        record = json.loads(path.read_text(encoding="utf-8"))
        gold = record["ground_truth"]
        raw = gzip.open(folder / "html" / f"{path.stem}.html.gz", "rb").read()
        html, _ = decode_bytes(raw, path.stem)
        pages.append(
            Page(path.stem, html, record.get("url"), gold.get("main_content") or "", gold.get("title"), gold.get("author"),
                 gold.get("publish_date"), domains.get(path.stem))
        )
    return pages


def half_of(page: Page) -> str:
    """``tune`` or ``held-out``: a stable split by site, so no site is in both halves."""
    site = (page.domain or page.id).lower().removeprefix("www.")
    return "tune" if hashlib.sha1(site.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


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


def run_claimgraph_metadata(page: Page) -> Output:
    meta = read_metadata(parse_html(page.html, page.id), page.url)
    return Output("", meta.title, ", ".join(meta.authors) or None, meta.published)


def run_trafilatura_metadata(page: Page) -> Output:
    from trafilatura.metadata import extract_metadata

    document = extract_metadata(lxml.html.document_fromstring(page.html.encode("utf-8")), default_url=page.url)
    return Output("", document.title, document.author, document.date)


def run_paragraphs(page: Page) -> Output:
    tree = lxml.html.document_fromstring(page.html.encode("utf-8"))
    return Output("\n".join(p.text_content().strip() for p in tree.iter("p")))


EXTRACTORS = {"claimgraph": run_claimgraph, "trafilatura": run_trafilatura, "all-<p>": run_paragraphs}
METADATA_ONLY = {"claimgraph": run_claimgraph_metadata, "trafilatura": run_trafilatura_metadata}


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


def _normalised_names(value: str | None) -> str:
    return " ".join(word for word in re.findall(r"\w+", (value or "").lower()) if word != "and")


def metadata_matches(field: str, predicted: str | None, gold: str) -> bool:
    """Whether ``predicted`` matches ``gold`` under the rule for ``field`` (see the module docstring)."""
    if field == "title":
        return re.findall(r"\w+", (predicted or "").lower()) == re.findall(r"\w+", gold.lower())
    if field == "author":
        ours, theirs = _normalised_names(predicted), _normalised_names(gold)
        if not ours or not theirs:
            return False
        return f" {ours} " in f" {theirs} " or f" {theirs} " in f" {ours} " or _name_set(predicted) == _name_set(gold)
    return (predicted or "")[:10] == gold[:10]


def _run(name: str, extractor, page: Page) -> Output:
    try:
        return extractor(page)
    except Exception as error:  # a crash on one page scores that page as empty
        print(f"  {name} failed on {page.id}: {error}", file=sys.stderr)
        return Output("")


def run_all(extractors: dict, pages: list[Page]) -> tuple[dict[str, list[Output]], dict[str, float]]:
    """Each extractor's output on each page and its time; they take turns page by page, so a busy machine slows them alike."""
    outputs: dict[str, list[Output]] = {name: [] for name in extractors}
    elapsed = dict.fromkeys(extractors, 0.0)
    for name, extractor in extractors.items():  # warm-up: imports and caches are not part of the per-page cost
        _run(name, extractor, pages[0])
    for page in pages:
        for name, extractor in extractors.items():
            started = time.perf_counter()
            outputs[name].append(_run(name, extractor, page))
            elapsed[name] += time.perf_counter() - started
    return outputs, elapsed


def score(name: str, outputs: list[Output], pages: list[Page], shingle: int, elapsed: float) -> dict:
    """One row of the table: text P/R/F1 and metadata accuracy of one extractor over ``pages``."""
    scores = [score_text(out.text, page.text, shingle) for out, page in zip(outputs, pages)]
    row = {
        "extractor": name,
        "P": sum(s[0] for s in scores) / len(scores),
        "R": sum(s[1] for s in scores) / len(scores),
        "F1": sum(s[2] for s in scores) / len(scores),
        "pages/s": len(pages) / elapsed if elapsed else None,
        "per_page": {page.id: s[2] for page, s in zip(pages, scores)},
    }
    for field in ("title", "author", "date"):
        judged = [(getattr(out, field), getattr(page, field)) for out, page in zip(outputs, pages) if getattr(page, field)]
        row[field] = sum(metadata_matches(field, p, g) for p, g in judged) / len(judged) if judged else None
    without = [out.author for out, page in zip(outputs, pages) if page.title is not None and not page.author]
    row["author given / no gold"] = sum(1 for author in without if author) / len(without) if without else None
    return row


COLUMNS = ("P", "R", "F1", "title", "author", "date", "author given / no gold")


def _cell(value) -> str:
    return f"{value:.3f}" if value is not None else "–"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="the shared bench/extraction folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--sets", default="zyte,wcxb-dev")
    parser.add_argument("--extractors", default=",".join(EXTRACTORS), help="comma-separated subset of: " + ", ".join(EXTRACTORS))
    parser.add_argument("--metadata-only", action="store_true", help="score title/author/date only (claimgraph and trafilatura)")
    parser.add_argument("--worst", type=int, default=0, help="also list the N pages where claimgraph trails trafilatura most")
    parser.add_argument("--misses", choices=("title", "author", "date"), help="list the pages where claimgraph misses this field")
    parser.add_argument("--half", choices=("tune", "held-out"), help="with --misses: only pages of this half")
    args = parser.parse_args(argv)
    readers = {"zyte": (read_zyte, 4), "wcxb-dev": (read_wcxb, 1)}
    table = METADATA_ONLY if args.metadata_only else EXTRACTORS
    extractors = {name: table[name] for name in args.extractors.split(",") if name in table}
    print("| set | extractor | " + " | ".join(COLUMNS) + " | pages/s |")
    print("|---|---|" + "---:|" * (len(COLUMNS) + 1))
    for set_name in args.sets.split(","):
        reader, shingle = readers[set_name]
        pages = reader(args.path / set_name, args.limit)
        outputs, elapsed = run_all(extractors, pages)
        groups = {set_name: list(range(len(pages)))}
        if set_name == "wcxb-dev":
            for half in ("tune", "held-out"):
                groups[f"{set_name}/{half}"] = [i for i, page in enumerate(pages) if half_of(page) == half]
        for group, indexes in groups.items():
            chosen = [pages[i] for i in indexes]
            rows = []
            for name in extractors:
                seconds = elapsed[name] * len(indexes) / len(pages)
                rows.append(score(name, [outputs[name][i] for i in indexes], chosen, shingle, seconds))
            for row in rows:
                speed = f"{row['pages/s']:.1f}" if row["pages/s"] else "–"
                print(f"| {group} ({len(chosen)}) | {row['extractor']} | " + " | ".join(_cell(row[k]) for k in COLUMNS) + f" | {speed} |", flush=True)
            if args.worst and len(rows) > 1 and group == set_name:
                ours, theirs = rows[0]["per_page"], rows[1]["per_page"]
                for page_id in sorted(ours, key=lambda k: ours[k] - theirs[k])[: args.worst]:
                    print(f"    {page_id}: claimgraph {ours[page_id]:.3f} trafilatura {theirs[page_id]:.3f}", file=sys.stderr)
        if args.misses:
            names = list(extractors)
            for i, page in enumerate(pages):
                gold = getattr(page, args.misses)
                if args.half and half_of(page) != args.half:
                    continue
                ours = getattr(outputs[names[0]][i], args.misses)
                if (gold and not metadata_matches(args.misses, ours, gold)) or (args.misses == "author" and not gold and ours and page.title is not None):
                    others = " | ".join(f"{name}: {getattr(outputs[name][i], args.misses)!r}" for name in names[1:])
                    print(f"    {page.id} {page.domain}: gold {gold!r} | {names[0]}: {ours!r} | {others}", file=sys.stderr)


if __name__ == "__main__":
    main()
