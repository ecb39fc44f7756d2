"""Verdict and cluster benchmark: the link stage's conclusions on a corpus with a gold file.

Runs the real pipeline through the CLI (``ingest`` the corpus's ``articles/``, ``extract``,
``evidence import`` every file of its ``evidence/``, ``link``) into a temporary database, then
scores the result against the corpus's ``gold.yml`` (format described at its top):

* **contradicts precision**: of all "contradicts" verdicts in the database, the share that a
  gold entry expects, against the right measured event (target 1.0: a false contradiction is
  the worst error);
* **supports recall**: of the gold entries that expect "supports", the share that got it against
  the right event and were not also contradicted (target >= 0.9);
* **cluster purity / completeness** over the gold claims with a story: purity is the share of
  clustered gold claims whose cluster's other gold claims are all of their story (claims of
  ``story: none`` in a story's cluster count against it); completeness the share of story
  claims that sit in the largest cluster of their story;
* headline/standfirst claims found.

Usage:
    PYTHONPATH=src .venv/bin/python benchmarks/verdicts.py                       # tests/fixtures/frames
    PYTHONPATH=src .venv/bin/python benchmarks/verdicts.py CORPUS --errors       # list every miss
    PYTHONPATH=src .venv/bin/python benchmarks/verdicts.py CORPUS --db /tmp/v.db # keep the database
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "fixtures" / "frames"


def build_db(corpus: Path, db_path: Path) -> None:
    """ingest -> extract -> evidence import -> link, through the CLI, as a user would run them."""
    from click.testing import CliRunner

    from claimgraph.cli import cli

    evidence = sorted(str(path) for path in (corpus / "evidence").iterdir() if path.suffix in (".yml", ".yaml"))
    runner = CliRunner()
    for args in (
        ["ingest", str(db_path), str(corpus / "articles")],
        ["extract", str(db_path)],
        ["evidence", "import", str(db_path), *evidence],
        ["link", str(db_path)],
    ):
        result = runner.invoke(cli, args, catch_exceptions=False)
        if result.exit_code != 0:
            raise SystemExit(f"claimgraph {' '.join(args[:1])} failed:\n{result.output}")


@dataclass
class Outcome:
    """What the database concluded about one gold entry."""

    gold: dict
    claims: list[str]
    verdicts: list[dict] = field(default_factory=list)

    @property
    def expected(self) -> list[str]:
        expect = self.gold["expect"]
        return [expect] if isinstance(expect, str) else list(expect)

    @property
    def events(self) -> set[str]:
        event = self.gold.get("event") or []
        return {event} if isinstance(event, str) else set(event)

    @property
    def got(self) -> str:
        """The outcome: contradicts wins over supports wins over inconclusive; "supports (other event)" when off target."""
        verdicts = {row["verdict"] for row in self.verdicts}
        if "contradicts" in verdicts:
            right = any(row["verdict"] == "contradicts" and row["event"] in self.events for row in self.verdicts)
            return "contradicts" if right or not self.events else "contradicts (other event)"
        if "supports" in verdicts:
            right = any(row["verdict"] == "supports" and row["event"] in self.events for row in self.verdicts)
            return "supports" if right or not self.events else "supports (other event)"
        if "inconclusive" in verdicts:
            return "inconclusive"
        return "not linked" if self.claims else "claim not found"

    @property
    def right(self) -> bool:
        return self.got in self.expected


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def read_db(db_path: Path) -> tuple[list[dict], list[dict], dict[str, str]]:
    """(claims with their article stem, verdicts with their event id, claim id -> cluster id)."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    claims = []
    for row in conn.execute(
        "select claims.*, articles.source as article_source, articles.url as article_url "
        "from claims join articles on articles.id = claims.article_id"
    ):
        row = dict(row)
        source = row["article_source"] or row["article_url"] or ""
        row["stem"] = Path(source).name.removesuffix(".txt")
        claims.append(row)
    verdicts = []
    for row in conn.execute(
        "select claim_evidence.*, measurements.details from claim_evidence "
        "join measurements on measurements.id = claim_evidence.measurement_id"
    ):
        row = dict(row)
        row["event"] = json.loads(row.pop("details") or "{}").get("id")
        verdicts.append(row)
    clusters = dict(conn.execute("select claim_id, cluster_id from claim_cluster_members").fetchall())
    conn.close()
    return claims, verdicts, clusters


def _sentence(claim: dict) -> str:
    return _norm(claim.get("sentence") or claim.get("text"))


def score(db_path: Path, gold: dict) -> dict:
    """Every figure of the benchmark, and the outcome per gold entry."""
    claims, verdicts, clusters = read_db(db_path)
    by_claim = defaultdict(list)
    for row in verdicts:
        by_claim[row["claim_id"]].append(row)
    outcomes = []
    for entry in gold["claims"]:
        matched = [c["id"] for c in claims if c["stem"] == entry["article"] and _norm(entry["text"]) in _sentence(c)]
        figure = re.compile(r"(?<![\w/])" + re.escape(_norm(entry.get("figure"))))
        rows = [row for claim_id in matched for row in by_claim[claim_id] if figure.search(_norm(row["claimed"]))]
        outcomes.append(Outcome(entry, matched, rows))

    # contradicts precision over every contradicts verdict in the database
    judged = {}
    for outcome in outcomes:
        for row in outcome.verdicts:
            judged[(row["claim_id"], row["measurement_id"], row.get("frame_id"))] = outcome
    contradicts = [row for row in verdicts if row["verdict"] == "contradicts"]
    right_contradicts = [
        row for row in contradicts
        if (outcome := judged.get((row["claim_id"], row["measurement_id"], row.get("frame_id")))) is not None
        and "contradicts" in outcome.expected and (row["event"] in outcome.events or not outcome.events)
    ]
    wanted_supports = [o for o in outcomes if o.expected == ["supports"]]
    found_supports = [o for o in wanted_supports if o.got == "supports"]

    # clusters: each gold claim's stories (a sentence with two figures may carry two); a claim is
    # filed under the story its cluster's other gold claims share, else under its first
    stories_of: dict[str, list[str]] = defaultdict(list)
    for outcome in outcomes:
        for claim_id in outcome.claims:
            story = outcome.gold.get("story")
            if story and story not in stories_of[claim_id]:
                stories_of[claim_id].append(story)
    members = defaultdict(list)
    for claim_id in stories_of:
        if claim_id in clusters:
            members[clusters[claim_id]].append(claim_id)
    label: dict[str, str] = {}
    for claim_id, stories in stories_of.items():
        others = [o for o in members.get(clusters.get(claim_id), []) if o != claim_id]
        label[claim_id] = max(stories, key=lambda s: sum(s in stories_of[o] for o in others))
    pure = total_clustered = 0
    impure = []
    for cluster_id, claim_ids in members.items():
        if len(claim_ids) < 2 and all(label[c] != "none" for c in claim_ids):
            pass
        for claim_id in claim_ids:
            total_clustered += 1
            if all(label[o] == label[claim_id] for o in claim_ids):
                pure += 1
            else:
                impure.append((claim_id, cluster_id))
    by_story = defaultdict(list)
    for claim_id, story in label.items():
        if story != "none":
            by_story[story].append(clusters.get(claim_id))
    complete = story_claims = 0
    incomplete = []
    for story, cluster_ids in by_story.items():
        story_claims += len(cluster_ids)
        counts = Counter(cluster_id for cluster_id in cluster_ids if cluster_id)
        best = counts.most_common(1)[0][1] if counts else 0
        if len(cluster_ids) == 1:
            complete += 1  # a story told once needs no cluster
        else:
            complete += best
            if best < len(cluster_ids):
                incomplete.append(story)

    headline = []
    for entry in gold.get("headline_claims", []):
        found = [
            c for c in claims
            if c["stem"] == entry["article"] and c.get("type") == entry["type"]
            and _norm(entry["text"]) in _norm(c.get("text") or c.get("sentence"))
            and (c.get("field") or "text") == entry["field"]
        ]
        headline.append((entry, bool(found)))

    return {
        "outcomes": outcomes,
        "contradicts": len(contradicts),
        "contradicts_right": len(right_contradicts),
        "contradicts_wrong": [row for row in contradicts if row not in right_contradicts],
        "supports_wanted": len(wanted_supports),
        "supports_found": len(found_supports),
        "purity": pure / total_clustered if total_clustered else 1.0,
        "clustered": total_clustered,
        "completeness": complete / story_claims if story_claims else 1.0,
        "story_claims": story_claims,
        "impure": impure,
        "incomplete": incomplete,
        "headline": headline,
        "entries_right": sum(o.right for o in outcomes),
    }


def report(result: dict, errors: bool) -> str:
    outcomes = result["outcomes"]
    precision = result["contradicts_right"] / result["contradicts"] if result["contradicts"] else 1.0
    recall = result["supports_found"] / result["supports_wanted"] if result["supports_wanted"] else 1.0
    lines = [
        "| figure | value | target |",
        "|---|---|---|",
        f"| contradicts precision | {precision:.2f} ({result['contradicts_right']}/{result['contradicts']}) | 1.0 |",
        f"| supports recall | {recall:.2f} ({result['supports_found']}/{result['supports_wanted']}) | >= 0.9 |",
        f"| gold entries right | {result['entries_right']}/{len(outcomes)} | |",
        f"| cluster purity | {result['purity']:.2f} ({result['clustered']} clustered gold claims) | 1.0 |",
        f"| cluster completeness | {result['completeness']:.2f} ({result['story_claims']} story claims) | 1.0 |",
        f"| headline/standfirst claims found | {sum(found for _, found in result['headline'])}/{len(result['headline'])} | all |",
    ]
    by_class = defaultdict(lambda: [0, 0])
    for outcome in outcomes:
        if outcome.gold.get("class"):
            by_class[outcome.gold["class"]][0] += outcome.right
            by_class[outcome.gold["class"]][1] += 1
    if by_class:
        lines.append("")
        lines.append("failure class: " + ", ".join(f"{k}: {r}/{n}" for k, (r, n) in sorted(by_class.items())))
    if errors:
        lines.append("")
        for outcome in outcomes:
            if not outcome.right:
                gold = outcome.gold
                lines.append(f"MISS {gold['article']} | {gold['figure']!r}: expected {outcome.expected}, got {outcome.got}")
                for row in outcome.verdicts:
                    lines.append(f"     {row['verdict']} vs {row['event']}: {row['explanation']}")
        for row in result["contradicts_wrong"]:
            lines.append(f"FALSE CONTRADICTS {row['claimed']!r} vs {row['event']}: {row['explanation']}")
        for claim_id, cluster_id in result["impure"]:
            lines.append(f"IMPURE claim {claim_id} in cluster {cluster_id}")
        for story in result["incomplete"]:
            lines.append(f"INCOMPLETE story {story}")
        for entry, found in result["headline"]:
            if not found:
                lines.append(f"MISSING {entry['field']} claim {entry['type']} {entry['text']!r} in {entry['article']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="folder with articles/, evidence/ and gold.yml")
    parser.add_argument("--db", type=Path, help="build (or, with --score-only, read) this database instead of a temporary one")
    parser.add_argument("--score-only", action="store_true", help="score an existing --db without rebuilding it")
    parser.add_argument("--errors", action="store_true", help="list every gold entry that came out wrong")
    args = parser.parse_args(argv)
    gold = yaml.safe_load((args.corpus / "gold.yml").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "verdicts.db"
        if not args.score_only:
            if db_path.exists():
                db_path.unlink()
            build_db(args.corpus, db_path)
        print(report(score(db_path, gold), args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
