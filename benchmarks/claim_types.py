"""Claim-type benchmark: extracted claim types against the annotated fixtures, per type and confused with what.

Runs the real ingest and extract stages on each part of the fixture set
(``tests/fixtures/claim_types/``; invented articles with a ``gold.yml`` listing every sentence's
claims): ``tune``, ``heldout``, ``fresh`` to ``fresh4``, ``roles``, ``roles2``; ``fresh5`` and
``fresh6`` (written blind to the extractor, then dev parts); ``fresh7`` to ``fresh12`` (written blind
to the extractor: the held-out measure; ``fresh7``, ``fresh10`` and ``fresh11`` became dev parts after
their first score; ``fresh12`` tells one event by seven outlets, like real coverage); ``general1`` and ``general2`` (ordinary news, not attacks, written blind: false hits outside the
disputes the frames were written for). Each runs
in a temporary database, then scores by sentence and type:
a gold claim is found when its sentence (located verbatim in ``articles.text``) carries an
extracted claim of its type, and an extracted claim is right when its sentence holds a gold
claim of its type. An extracted claim belongs to the gold sentence that holds its start.
Several claims of one type in one sentence count once (pairs of sentence and type).

Prints, per part: precision, recall and F1 per type; the confusion matrix (gold type ×
extracted type, ``-`` for none); and, over found claims, how often the source is right
(gold name's slug in the actor id, or an unnamed actor where gold names none) and how
often a hedged gold claim has certainty below 1.

Usage:
    .venv/bin/python benchmarks/claim_types.py
    .venv/bin/python benchmarks/claim_types.py --parts tune --errors 30   # also list misses and false hits
    .venv/bin/python benchmarks/claim_types.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from claimgraph.db import open_db
from claimgraph.extract import run_extract
from claimgraph.ingest import run_ingest
from claimgraph.names import slugify
from claimgraph.vocabulary import vocabulary

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "claim_types"
PARTS = ("tune", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "roles", "fresh5", "roles2", "fresh6", "fresh7", "fresh8",
         "fresh9", "fresh10", "fresh11", "fresh12", "general1", "general2")
NONE = "-"
SHORT = {
    "accuses": "acc", "threatens": "thr", "denies": "den", "claims_responsibility": "resp",
    "reports_measurement": "meas", "states": "sta", "predicts": "pre", "condemns": "con", NONE: NONE,
}


def read_gold(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "gold.yml").read_text("utf-8"))["articles"]


def extract_part(folder: Path, model: str | None) -> tuple[dict, list[dict]]:
    """Ingest and extract one part in a scratch database; returns articles by title and the claims."""
    with tempfile.TemporaryDirectory() as scratch:
        db = open_db(Path(scratch) / "claims.db")
        run_ingest(db, [str(folder)])
        report = run_extract(db, model=model)
        if report.errors:
            sys.exit("extract failed: " + "; ".join(report.errors))
        articles = {row["title"]: row for row in db.query("select id, title, text from articles")}
        claims = list(db.query(
            "select c.*, a.type as source_type from claims c left join actors a on a.id = c.source_actor_id"
            " where c.field is null"  # a headline's or standfirst's offsets are into that field, not the text
        ))
    return articles, claims


def locate(articles: dict, gold: list[dict]) -> list[dict]:
    """Every gold sentence with its article id and character range."""
    sentences = []
    for article in gold:
        stored = articles.get(article["title"])
        if stored is None:
            sys.exit(f"{article['id']}: not ingested (title {article['title']!r})")
        for sentence in article["sentences"]:
            start = stored["text"].find(sentence["text"])
            if start < 0 or stored["text"].find(sentence["text"], start + 1) >= 0:
                sys.exit(f"{article['id']}: sentence not found exactly once: {sentence['text']!r}")
            sentences.append({
                "article": article["id"], "article_id": stored["id"], "start": start,
                "end": start + len(sentence["text"]), "text": sentence["text"], "claims": sentence["claims"],
            })
    return sentences


def score(sentences: list[dict], claims: list[dict]) -> dict:
    """Counts per type, the confusion matrix, source and hedge agreement, and the errors."""
    by_sentence: dict[int, list[dict]] = defaultdict(list)
    outside = 0
    for claim in claims:
        index = next((i for i, s in enumerate(sentences)
                      if s["article_id"] == claim["article_id"] and s["start"] <= claim["start"] < s["end"]), None)
        if index is None:
            outside += 1
        else:
            by_sentence[index].append(claim)
    true_pos, gold_count, found_count = Counter(), Counter(), Counter()
    confusion: Counter = Counter()
    misses, false_hits = [], []
    sources, hedges = Counter(), Counter()
    for index, sentence in enumerate(sentences):
        gold_types = {c["type"] for c in sentence["claims"]}
        extracted = by_sentence.get(index, [])
        found_types = {c["type"] for c in extracted}
        gold_count.update(gold_types)
        found_count.update(found_types)
        for type_ in gold_types & found_types:
            true_pos[type_] += 1
            confusion[type_, type_] += 1
        missed, extra = sorted(gold_types - found_types), sorted(found_types - gold_types)
        for pair in range(max(len(missed), len(extra))):
            gold_type = missed[pair] if pair < len(missed) else NONE
            found_type = extra[pair] if pair < len(extra) else NONE
            confusion[gold_type, found_type] += 1
        misses += [(t, sorted(found_types), sentence) for t in missed]
        false_hits += [(t, sentence) for t in extra]
        for gold_claim in sentence["claims"]:
            same_type = [c for c in extracted if c["type"] == gold_claim["type"]]
            if not same_type:
                continue
            if "source" in gold_claim:
                wanted = slugify(gold_claim["source"])
                sources["named"] += 1
                sources["named_right"] += any(c["source_actor_id"] and wanted in c["source_actor_id"] for c in same_type)
            if gold_claim.get("hedged"):
                hedges["hedged"] += 1
                hedges["hedged_right"] += any(c["certainty"] < 1 for c in same_type)
    return {
        "true_pos": true_pos, "gold": gold_count, "found": found_count, "confusion": confusion,
        "claims": sum(len(s["claims"]) for s in sentences), "sentences": len(sentences),
        "outside": outside, "misses": misses, "false_hits": false_hits, "sources": sources, "hedges": hedges,
    }


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def type_rows(result: dict, types: list[str]) -> list[dict]:
    rows = []
    for type_ in types:
        tp, gold, found = result["true_pos"][type_], result["gold"][type_], result["found"][type_]
        precision, recall = ratio(tp, found), ratio(tp, gold)
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
        rows.append({"type": type_, "gold": gold, "extracted": found, "right": tp,
                     "precision": precision, "recall": recall, "f1": f1})
    return rows


def fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def print_part(name: str, result: dict, types: list[str], errors: int) -> None:
    print(f"\n## {name}: {result['claims']} gold claims in {result['sentences']} sentences "
          f"({sum(result['gold'].values())} sentence-type pairs); {result['outside']} extracted claims outside them\n")
    print("| type | gold | extracted | right | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in type_rows(result, types):
        print(f"| {row['type']} | {row['gold']} | {row['extracted']} | {row['right']} | "
              f"{fmt(row['precision'])} | {fmt(row['recall'])} | {fmt(row['f1'])} |")
    columns = [*types, NONE]
    print("\nConfusion (rows: gold type, columns: extracted type, `-`: none)\n")
    print("| gold \\ extracted | " + " | ".join(SHORT.get(c, c) for c in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for gold_type in columns:
        cells = [str(result["confusion"][gold_type, found] or ".") for found in columns]
        print(f"| {gold_type} | " + " | ".join(cells) + " |")
    sources, hedges = result["sources"], result["hedges"]
    print(f"\nSource right on found claims with a named gold source: {sources['named_right']}/{sources['named']}; "
          f"hedged gold claims found with certainty < 1: {hedges['hedged_right']}/{hedges['hedged']}")
    if errors:
        print("\nMisses (gold type: extracted types | sentence)")
        for type_, found, sentence in result["misses"][:errors]:
            print(f"  {type_}: {','.join(found) or NONE} | {sentence['text']}")
        print("False hits (extracted type | sentence)")
        for type_, sentence in result["false_hits"][:errors]:
            print(f"  {type_} | {sentence['text']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("fixtures", nargs="?", type=Path, default=FIXTURES, help="folder holding the parts")
    parser.add_argument("--parts", nargs="+", default=list(PARTS), help="sub-folders to score (default: all: " + " ".join(PARTS) + ")")
    parser.add_argument("--model", help="spaCy model (default: claimgraph's)")
    parser.add_argument("--errors", type=int, default=0, help="list this many misses and false hits per part")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    types = list(vocabulary().claim_types)
    results = {}
    for part in args.parts:
        folder = args.fixtures / part
        articles, claims = extract_part(folder, args.model)
        results[part] = score(locate(articles, read_gold(folder)), claims)
    if args.json:
        print(json.dumps({part: type_rows(result, types) for part, result in results.items()}, indent=2))
        return
    for part, result in results.items():
        print_part(part, result, types, args.errors)


if __name__ == "__main__":
    main()
