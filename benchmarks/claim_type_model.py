"""Could a learned model type claims where the frames fail? A linear model on the fixtures, measured three ways.

The obvious alternative to hand-written claim frames is a classifier trained on annotated
sentences. This benchmark trains one — a logistic scorer per key type over a sentence's parse
(lemmas, dependency triples, lemma bigrams, entity labels, modals, numbers), scikit-learn,
classes weighted — on the annotated fixture parts, and reports:

1. **leave one part out** over the training parts: each part scored by a model trained on the others;
2. **held-out parts** (``fresh7`` to ``fresh12``: written blind, never trained on), scored by sentence
   beside the extractor's frames on the same sentences;
3. **other news** (``--other-news``, a folder of ``.txt`` articles, e.g. the PolNeAR dev texts in
   ``<shared>/eval/polnear-dev/text``): how many sentences the model gives each type, beside how
   many the frames do, with ``--examples`` of the model's hits to read. The fixtures are all
   disputes over attacks and outages; this shows what the model does outside them.

Precision in (1) and (2) is over the annotated sentences only. Needs scikit-learn
(``pip install -e '.[bench]'``). Scores are by sentence and type, as ``benchmarks/claim_types.py``
counts them.

Usage:
    .venv/bin/python benchmarks/claim_type_model.py --other-news ../shared/eval/polnear-dev/text
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import yaml

from claimgraph.extract.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "claim_types"
HELD_OUT = ("fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12")
TYPES = ("accuses", "threatens", "denies", "claims_responsibility", "reports_measurement")
CONTENT_POS = frozenset("VERB NOUN ADJ ADV AUX ADP PART NUM".split())


def sentence_features(tokens) -> Counter:
    """Lemmas of content words, (head, relation, lemma) and (head, relation), entity labels, modals, numbers, bigrams."""
    features: Counter = Counter()
    tokens = [token for token in tokens if not token.is_space]
    inside = {token.i for token in tokens}
    for token in tokens:
        if token.is_punct:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ in CONTENT_POS or token.dep_ == "neg":
            features["l:" + lemma] += 1
        if token.like_num:
            features["num"] = 1
        if token.head.i != token.i and token.head.i in inside:
            head = token.head.lemma_.lower()
            features[f"d:{head}>{token.dep_}>{lemma}"] += 1
            features[f"h:{head}>{token.dep_}"] += 1
        if token.ent_type_:
            features["e:" + token.ent_type_] = 1
        if token.tag_ == "MD":
            features["modal:" + lemma] = 1
    for first, second in zip(tokens, tokens[1:]):
        features[f"b:{first.lemma_.lower()}_{second.lemma_.lower()}"] += 1
    return features


class TypeModel:
    """One logistic scorer per type, fitted with scikit-learn; features seen in fewer than ``min_count`` sentences dropped."""

    def __init__(self, examples: list[tuple[Counter, set[str]]], c: float, min_count: int):
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        seen = Counter(name for features, _ in examples for name in features)
        self.vectorizer = DictVectorizer()
        matrix = self.vectorizer.fit_transform(
            [{n: v for n, v in features.items() if seen[n] >= min_count} for features, _ in examples])
        self.scorers = {}
        for claim_type in TYPES:
            labels = [claim_type in types for _, types in examples]
            if any(labels) and not all(labels):
                self.scorers[claim_type] = LogisticRegression(
                    C=c, class_weight="balanced", max_iter=5000).fit(matrix, labels)

    def types(self, features: Counter, threshold: float) -> set[str]:
        row = self.vectorizer.transform([features])
        return {t for t, scorer in self.scorers.items() if scorer.predict_proba(row)[0, 1] >= threshold}


def read_parts(fixtures: Path) -> dict[str, list[tuple[str, set[str]]]]:
    parts = {}
    for gold in sorted(fixtures.glob("*/gold.yml")):
        articles = yaml.safe_load(gold.read_text("utf-8"))["articles"]
        parts[gold.parent.name] = [
            (sentence["text"], {claim["type"] for claim in sentence.get("claims") or []})
            for article in articles for sentence in article["sentences"]
        ]
    return parts


def rule_types(doc) -> set[str]:
    """The types claimgraph's extractor (frames and rules) gives anywhere in ``doc``."""
    return {record["type"] for record in doc._.claim_records or ()}


class Tally:
    def __init__(self):
        self.counts = {t: Counter() for t in TYPES}

    def add(self, predicted: set[str], gold: set[str]) -> None:
        for t in TYPES:
            self.counts[t]["tp"] += t in predicted and t in gold
            self.counts[t]["predicted"] += t in predicted
            self.counts[t]["gold"] += t in gold

    def cell(self, t: str) -> str:
        c = self.counts[t]
        recall = f"{c['tp'] / c['gold']:.2f}" if c["gold"] else "-"
        precision = f"{c['tp'] / c['predicted']:.2f}" if c["predicted"] else "-"
        return f"{recall} / {precision}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fixtures", nargs="?", type=Path, default=FIXTURES, help="folder holding the parts")
    parser.add_argument("--held-out", nargs="*", default=list(HELD_OUT), help="parts never trained on")
    parser.add_argument("--other-news", type=Path, help="a folder of .txt articles outside the fixtures' stories")
    parser.add_argument("--examples", type=int, default=0, help="print this many of the model's hits on other news")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength (scikit-learn's C)")
    parser.add_argument("--threshold", type=float, default=0.5, help="probability at which a type is given")
    parser.add_argument("--min-count", type=int, default=2, help="drop features seen in fewer training sentences")
    parser.add_argument("--model", help="spaCy model (default: claimgraph's)")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        sys.exit("scikit-learn is not installed: pip install -e '.[bench]'")

    parts = read_parts(args.fixtures)
    training = [name for name in parts if name not in args.held_out]
    if len(training) < 2:
        sys.exit(f"{args.fixtures}: need at least two training parts with a gold.yml")
    nlp = load_pipeline(args.model)
    parsed = {name: [(doc, types) for doc, (_, types) in zip(nlp.pipe(t for t, _ in items), items)]
              for name, items in parts.items()}
    examples = {name: [(sentence_features(doc), types) for doc, types in items] for name, items in parsed.items()}
    settings = {"c": args.c, "min_count": args.min_count}

    cross = Tally()
    for held in training:
        model = TypeModel([pair for name in training if name != held for pair in examples[name]], **settings)
        for features, gold in examples[held]:
            cross.add(model.types(features, args.threshold), gold)
    model = TypeModel([pair for name in training for pair in examples[name]], **settings)
    blind = {name: (Tally(), Tally()) for name in args.held_out if name in parts}
    for name, (by_model, by_rules) in blind.items():
        for (doc, gold), (features, _) in zip(parsed[name], examples[name]):
            by_model.add(model.types(features, args.threshold), gold)
            by_rules.add(rule_types(doc), gold)

    sentences = sum(len(examples[name]) for name in training)
    print(f"Linear model: {len(training)} training parts, {sentences} sentences (C={args.c}, threshold "
          f"{args.threshold}, min count {args.min_count}). Recall / precision by sentence and type.\n")
    header = ["type", "model, leave one part out"]
    for name in blind:
        header += [f"model on {name}", f"frames on {name}"]
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for t in TYPES:
        cells = [t, cross.cell(t)] + [tally.cell(t) for pair in blind.values() for tally in pair]
        print("| " + " | ".join(cells) + " |")

    if args.other_news:
        other_news(nlp, model, args)
    return 0


def other_news(nlp, model: TypeModel, args) -> None:
    texts = [path.read_text("utf-8", errors="replace") for path in sorted(args.other_news.glob("*.txt"))]
    if not texts:
        sys.exit(f"{args.other_news}: no .txt files")
    by_model, by_rules, hits, sentences = Counter(), Counter(), [], 0
    for doc in nlp.pipe(texts):
        rule_sentences = {}
        for record in doc._.claim_records or ():
            rule_sentences.setdefault(tuple(record["sentence"]), set()).add(record["type"])
        for sentence in doc.sents:
            sentences += 1
            predicted = model.types(sentence_features(sentence), args.threshold)
            by_model.update(predicted)
            hits += [(t, sentence.text.strip()) for t in predicted]
        for types in rule_sentences.values():
            by_rules.update(t for t in types if t in TYPES)
    print(f"\nOther news ({args.other_news}): {len(texts)} articles, {sentences} sentences; sentences given each type\n")
    print("| type | model | frames |\n|---|---:|---:|")
    for t in TYPES:
        print(f"| {t} | {by_model[t]} | {by_rules[t]} |")
    for t, text in random.Random(1).sample(hits, min(args.examples, len(hits))):
        print(f"- {t}: {text[:160]}")


if __name__ == "__main__":
    sys.exit(main())
