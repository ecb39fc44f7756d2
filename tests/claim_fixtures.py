"""Shared by the claim-type tests: docs parsed by hand, and a fixture part run through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
import sqlite_utils
import yaml
from click.testing import CliRunner
from spacy.tokens import Doc

from claimgraph.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "claim_types"
VOCAB = spacy.blank("en").vocab


def parse(rows: str, ents: dict[int, str] | None = None) -> Doc:
    """A doc from one line per token: ``word lemma POS TAG dep head-index``; ``ents``: token index -> label."""
    table = [line.split() for line in rows.strip().splitlines()]
    iob = ["O"] * len(table)
    for index, label in (ents or {}).items():
        iob[index] = f"B-{label}"
    return Doc(
        VOCAB, words=[r[0] for r in table], lemmas=[r[1] for r in table], pos=[r[2] for r in table],
        tags=[r[3] for r in table], deps=[r[4] for r in table], heads=[int(r[5]) for r in table], ents=iob,
    )


def extracted_part(folder: Path, part: str) -> sqlite_utils.Database:
    """A database in ``folder`` with the fixture part ``part`` ingested and extracted by the real CLI."""
    path = folder / "claims.db"
    runner = CliRunner()
    for command in (["ingest", path, FIXTURES / part], ["extract", path]):
        result = runner.invoke(cli, list(map(str, command)))
        assert result.exit_code == 0, result.output
    return sqlite_utils.Database(path)


def types_by_sentence(db: sqlite_utils.Database, part: str) -> list[tuple[str, set[str], set[str]]]:
    """Each gold sentence of ``part``: its text, its gold types, the types extracted there."""
    gold = yaml.safe_load((FIXTURES / part / "gold.yml").read_text("utf-8"))
    found = []
    for article in gold["articles"]:
        article_id, text = db.execute("select id, text from articles where title = ?", [article["title"]]).fetchone()
        for sentence in article["sentences"]:
            start = text.index(sentence["text"])
            claims = db.query("select type from claims where article_id = ? and field is null and start >= ? and start < ?",
                              [article_id, start, start + len(sentence["text"])])
            found.append((sentence["text"], {c["type"] for c in sentence["claims"]}, {c["type"] for c in claims}))
    return found


def extracted_types(folder: Path, sentences) -> dict[str, set[str]]:
    """Each sentence as its own invented article through the real ``ingest`` and ``extract``
    commands (in ``folder``); the claim types found in each."""
    articles = folder / "articles"
    articles.mkdir()
    for index, sentence in enumerate(sentences):
        (articles / f"s{index}.txt").write_text(sentence + "\n", "utf-8")
        (articles / f"s{index}.meta.json").write_text(json.dumps({
            "title": f"Town Notes {index}", "outlet": "Invented Courier", "outlet_domain": "courier.example",
            "published": "2026-04-07", "language": "en", "source_note": "Invented sentence for claimgraph's tests."}), "utf-8")
    path = folder / "claims.db"
    runner = CliRunner()
    for command in (["ingest", path, articles], ["extract", path]):
        result = runner.invoke(cli, list(map(str, command)))
        assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(path)
    found = {}
    for row in db.query("select a.text, group_concat(c.type) as types from articles a left join claims c on c.article_id = a.id group by a.id"):
        found[next(s for s in sentences if s in row["text"])] = set((row["types"] or "").split(",")) - {""}
    return found


def assert_typed(folder: Path, sentences: dict[str, str]) -> None:
    """Each sentence through the real CLI (:func:`extracted_types`) holds its wanted claim type, or
    for a wanted "-TYPE", does not hold that type."""
    found = extracted_types(folder, sentences)
    for sentence, wanted in sentences.items():
        if wanted.startswith("-"):
            assert wanted[1:] not in found[sentence], (sentence, found[sentence])
        else:
            assert wanted in found[sentence], (sentence, found[sentence])
