"""The extract stage: run the NLP pipeline over ingested articles and save what it found.

:func:`run_extract` reads the articles not yet extracted (all of them with ``force``),
runs them through :func:`claimgraph.extract.pipeline.load_pipeline` with ``nlp.pipe`` (in
``processes`` worker processes) and saves each article in its own transaction: the
article's previous mentions, roles, statements, claims and quantities are deleted,
its actors are matched to the corpus (:class:`ActorIndex`) and upserted, then mentions,
roles, statements (:func:`claimgraph.extract.quotes.save_statements`) and claims
(:func:`claimgraph.extract.claims.save_claims`) are written and ``articles.extracted_at`` is
set. A killed run resumes where it stopped; an article that fails is recorded in
``errors`` and the run goes on.

Actor keys from the pipeline are per article; the index turns them into corpus-wide ids:
"Pyongyang" here and "N. Korea" there are both ``north-korea`` (gazetteer), "Harf" in one
article joins the "Marie Harf" of another (surname alias), and a near spelling of a stored
name (rapidfuzz) joins it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import sqlite_utils
from rapidfuzz import fuzz, process
from spacy.tokens import Doc

from .. import __version__
from ..db import TABLES, log_error, stable_id, upsert_rows, utcnow
from . import claims, quotes
from ..names import alias_key, slugify, without_initials
from .gazetteer import Actor

DEFAULT_BATCH_SIZE = 16
# rows an article's extraction owns, deleted before it is extracted again (children first)
# Clusters that hold one of the article's claims go whole (the link stage re-clusters), so no
# cluster is left pointing at a claim that re-extraction no longer finds.
ARTICLE_ROWS = (
    ("claim_evidence", "claim_id in (select id from claims where article_id = ?)"),
    ("claim_clusters", "id in (select cluster_id from claim_cluster_members where claim_id in (select id from claims where article_id = ?))"),
    ("claim_cluster_members", "claim_id in (select id from claims where article_id = ?) or cluster_id not in (select id from claim_clusters)"),
    ("quantities", "article_id = ?"),
    ("claims", "article_id = ?"),
    ("statements", "article_id = ?"),
    ("mentions", "article_id = ?"),
    ("actor_roles", "article_id = ?"),
)
# (table, column) pairs that point at actors from rows that carry an article_id
ACTOR_REFERENCES = tuple(
    (table.name, column)
    for table in TABLES
    if "article_id" in table.columns
    for column, other, _ in table.foreign_keys
    if other == "actors"
)
MIN_FUZZY_KEY = 8
FUZZY_CUTOFF = 92


@dataclass
class ExtractReport:
    """What a run of the extract stage did."""

    articles: int = 0
    actors: int = 0
    mentions: int = 0
    statements: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the CLI."""
        return (
            f"Extracted {self.articles} article{'s' * (self.articles != 1)}: {self.actors} new actors, "
            f"{self.mentions} mentions, {self.statements} statements, {self.claims} claims, "
            f"{len(self.errors)} errors"
        )


def run_extract(
    db: sqlite_utils.Database,
    model: str | None = None,
    processes: int = 1,
    force: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    gazetteers: tuple = (),
) -> ExtractReport:
    """Extract actors, statements and claims from articles not yet extracted (all with ``force``)."""
    from .pipeline import load_pipeline

    nlp = load_pipeline(model, tuple(gazetteers))
    extractor = f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']} claimgraph-{__version__}"
    # Each article is its own transaction; in WAL mode NORMAL keeps them atomic and skips an fsync
    # per commit. A crash may lose the last few, which are then simply extracted again.
    db.execute("PRAGMA synchronous = NORMAL")
    where = "" if force else "where extracted_at is null"
    ids = [row[0] for row in db.execute(f"select id from articles {where} order by id").fetchall()]
    index = ActorIndex(db)
    report = ExtractReport()
    docs = nlp.pipe(_article_docs(db, nlp, ids), n_process=max(1, processes), batch_size=batch_size)
    for doc in docs:
        article_id = doc._.article["id"]
        try:
            counts = save_extraction(db, article_id, doc, index, extractor)
        except Exception as error:  # one bad article must not stop the corpus; it is recorded
            message = f"{type(error).__name__}: {error}"
            log_error(db, "extract", article_id, message)
            report.errors.append(f"{article_id}: {message}")
            index.reload()
            continue
        report.articles += 1
        report.actors += counts["actors"]
        report.mentions += counts["mentions"]
        report.statements += counts["statements"]
        report.claims += counts["claims"]
    return report


def _article_docs(db: sqlite_utils.Database, nlp, ids: list[str], page: int = 64) -> Iterator[Doc]:
    """Docs for the articles, read page by page, with ``doc._.article`` set."""
    for offset in range(0, len(ids), page):
        chunk = ids[offset:offset + page]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(f"select id, text, title, published from articles where id in ({marks})", chunk)
        by_id = {row[0]: row for row in rows}
        for article_id, text, title, published in (by_id[article_id] for article_id in chunk):
            doc = nlp.make_doc(text or "")
            doc._.article = {"id": article_id, "title": title, "published": published}
            yield doc


def save_extraction(db: sqlite_utils.Database, article_id: str, doc: Doc, index: ActorIndex, extractor: str) -> dict:
    """Replace everything extracted from one article, in one transaction; returns counts."""
    with db.atomic():
        # Statements and claims are written with the pipeline's actor keys and re-keyed below.
        db.execute("PRAGMA defer_foreign_keys = ON")
        for table, condition in ARTICLE_ROWS:
            db.execute(f"delete from {table} where {condition}", [article_id])
        written = _written(doc)
        actors, mapping = index.resolve_all(doc._.actors, written)
        new = save_actors(db, written, actors, mapping, index)
        mentions = save_mentions(db, article_id, doc, mapping)
        save_roles(db, article_id, doc, mapping)
        statements = quotes.save_statements(db, article_id, doc)
        claim_count = claims.save_claims(db, article_id, doc)
        _rekey(db, article_id, mapping)
        db.execute("update articles set extracted_at = ?, extractor = ? where id = ?", [utcnow(), extractor, article_id])
    return {"actors": new, "mentions": mentions, "statements": statements, "claims": claim_count}


def save_actors(db, written: dict[str, set[str]], actors: dict[str, Actor], mapping: dict[str, str],
                index: ActorIndex) -> int:
    """Upsert the article's actors and the names ``written`` for them; returns how many are new."""
    new = 0
    for key, actor in actors.items():
        actor_id = mapping[key]
        row = {
            "id": actor_id, "name": actor.name, "type": actor.type, "description": actor.description,
            "wikidata": actor.wikidata, "affiliation_id": mapping.get(actor.affiliation, actor.affiliation),
            "country": actor.country, "source": actor.source,
        }
        stored = index.rows.get(actor_id)
        if stored is None or (actor.source == "gazetteer" and any(stored.get(k) != v for k, v in row.items())):
            is_new = stored is None
            new += is_new
            upsert_rows(db, "actors", [row], conflict="upsert", partial=True)
            if is_new and actor.type == "person" and " " in actor.name:
                for earlier in set(index.surname_only(actor.name.split()[-1])) - set(mapping.values()):
                    merge_actor(db, earlier, actor_id)
                    index.forget(earlier, into=actor_id)
        else:
            missing = {column: value for column, value in row.items()
                       if value is not None and stored.get(column) is None}
            if missing:
                db["actors"].update(actor_id, missing)
            row = {**stored, **missing}
        aliases = [(name, "gazetteer") for name in (actor.name, *actor.aliases, *actor.demonyms)] \
            if actor.source == "gazetteer" else [(actor.name, "text")]
        aliases += [(text, "text") for text in sorted(written.get(key, ()))]
        if actor.type == "person" and " " in actor.name:
            aliases.append((actor.name.split()[-1], "surname"))
        rows = {alias_key(text): {"actor_id": actor_id, "alias_key": alias_key(text), "alias": text, "source": source}
                for text, source in reversed(aliases) if alias_key(text)}
        rows = {key: alias for key, alias in rows.items() if actor_id not in index.aliases.get(key, ())}
        upsert_rows(db, "actor_aliases", list(rows.values()), conflict="ignore", partial=True)
        index.add(actor_id, row, rows)
    return new


def save_mentions(db, article_id: str, doc: Doc, mapping: dict[str, str]) -> int:
    """Insert one row per actor mention; returns the count."""
    from .actors import TYPE_LABELS

    rows = [
        {
            "id": stable_id(article_id, "mention", span.start_char, span.end_char),
            "article_id": article_id, "actor_id": mapping[span.kb_id_], "start": span.start_char,
            "end": span.end_char, "text": span.text, "method": span._.method,
            "label": {"demonym": "NORP", "pronoun": "PRON"}.get(span._.method, TYPE_LABELS[span.label_]),
        }
        for span in doc.spans["actors"]
    ]
    upsert_rows(db, "mentions", rows, conflict="replace", partial=True)
    return len(rows)


def save_roles(db, article_id: str, doc: Doc, mapping: dict[str, str]) -> int:
    """Insert the titles the article gives its actors; returns the count."""
    rows = [
        {
            "id": stable_id(article_id, mapping[span.kb_id_], span.start_char, span.end_char),
            "actor_id": mapping[span.kb_id_], "article_id": article_id, "role": span.text,
            "affiliation_id": mapping.get(span._.affiliation, span._.affiliation),
            "start": span.start_char, "end": span.end_char,
        }
        for span in doc.spans["roles"]
    ]
    upsert_rows(db, "actor_roles", rows, conflict="replace", partial=True)
    return len(rows)


def merge_actor(db: sqlite_utils.Database, old: str, new: str) -> None:
    """Make every row that points at actor ``old`` point at ``new``, then delete ``old``.

    Used when a name stored alone ("Okafor", from an earlier article) meets its full name.
    An actor of the article being saved is never merged: there the lone name stayed apart
    because it was ambiguous (Bill and Hillary Clinton).
    """
    for table in TABLES:
        for column, other, _ in table.foreign_keys:
            if other == "actors" and table.name != "actor_aliases":
                db.execute(f"update [{table.name}] set [{column}] = ? where [{column}] = ?", [new, old])
    db.execute("update or ignore actor_aliases set actor_id = ? where actor_id = ?", [new, old])
    db.execute("delete from actor_aliases where actor_id = ?", [old])
    db.execute("delete from actors where id = ?", [old])


def _written(doc: Doc) -> dict[str, set[str]]:
    """Actor key -> how the article wrote its name (pronouns and nominals left out)."""
    written: dict[str, set[str]] = {}
    for span in doc.spans["actors"]:
        if span._.method in ("gazetteer", "ner", "alias", "demonym"):
            written.setdefault(span.kb_id_, set()).add(span.text)
    return written


def _rekey(db, article_id: str, mapping: dict[str, str]) -> None:
    """Point the article's rows written with pipeline keys at the corpus actor ids."""
    for old, new in mapping.items():
        if old == new:
            continue
        for table, column in ACTOR_REFERENCES:
            db.execute(f"update [{table}] set [{column}] = ? where article_id = ? and [{column}] = ?", [new, article_id, old])


class ActorIndex:
    """The actors already stored, by alias key, so an article's actors join the corpus's.

    It is read once per run and kept up to date as articles are saved.
    """

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.reload()

    def reload(self) -> None:
        """Read the stored actors and aliases again (after a rolled-back article)."""
        self.rows: dict[str, dict] = {}
        self.aliases: dict[str, set[str]] = {}
        for row in self.db.query("select * from actors"):
            self.rows[row["id"]] = row
        self.surnames: dict[str, set[str]] = {}
        for row in self.db.query("select actor_id, alias_key, source from actor_aliases"):
            self.aliases.setdefault(row["alias_key"], set()).add(row["actor_id"])
            if row["source"] == "surname":
                self.surnames.setdefault(row["alias_key"], set()).add(row["actor_id"])

    def add(self, actor_id: str, row: dict, alias_rows: dict) -> None:
        """Record an actor's row as it now is in the database, and its new aliases."""
        self.rows[actor_id] = dict(row)
        for key, alias in alias_rows.items():
            self.aliases.setdefault(key, set()).add(actor_id)
            if alias["source"] == "surname":
                self.surnames.setdefault(key, set()).add(actor_id)

    def surname_only(self, surname: str) -> list[str]:
        """Stored actors known only by this one name from NER ("Harf"), waiting for a full name."""
        return [actor_id for actor_id in self.aliases.get(alias_key(surname), ())
                if self.rows[actor_id].get("source") == "ner" and " " not in self.rows[actor_id]["name"]
                and self.rows[actor_id]["type"] in ("person", "organisation")]

    def forget(self, actor_id: str, into: str) -> None:
        """Move a merged actor's aliases to ``into`` and drop it from the index."""
        for ids in (*self.aliases.values(), *self.surnames.values()):
            if actor_id in ids:
                ids.discard(actor_id)
                ids.add(into)
        del self.rows[actor_id]

    def resolve_all(self, actors: dict[str, Actor], written: dict[str, set[str]]) -> tuple[dict[str, Actor], dict[str, str]]:
        """An article's actors, and the map from their keys to corpus ids.

        Unnamed actors are named after their affiliation's corpus name, so "engineers
        (Arbor Network)" becomes "engineers (Arbor Networks)" once Arbor Network is
        found to be Arbor Networks.
        """
        mapping = {key: self.resolve(actor, sorted(written.get(key, ()))) for key, actor in actors.items()
                   if actor.type != "unnamed"}
        renamed = dict(actors)
        for key, actor in actors.items():
            if actor.type == "unnamed":
                affiliation = mapping.get(actor.affiliation, actor.affiliation)
                stored = self.rows.get(affiliation, {}).get("name") or actors[actor.affiliation].name
                name = f"{actor.name.rsplit(' (', 1)[0]} ({stored})"
                renamed[key] = replace(actor, name=name, key=slugify(name))
                mapping[key] = renamed[key].key
        return renamed, mapping

    def resolve(self, actor: Actor, written: Iterable[str] = ()) -> str:
        """The corpus id for an article's actor: itself, or a stored actor it is another name for."""
        if actor.source == "gazetteer" or actor.key in self.rows or actor.type == "unnamed":
            return actor.key
        compatible = _compatible_types(actor.type)
        candidates = set()
        for text in (actor.name, *written):
            for key in {alias_key(text), alias_key(without_initials(text))}:
                candidates |= {found for found in self.aliases.get(key, ()) if self.rows[found]["type"] in compatible}
        if not candidates and " " not in actor.name and actor.type in ("person", "organisation"):
            candidates = set(self.surnames.get(alias_key(actor.name), ()))
        if len(candidates) == 1:
            return candidates.pop()
        if candidates:
            return actor.key
        key = alias_key(actor.name)
        if len(key) >= MIN_FUZZY_KEY:
            choices = [alias for alias, ids in self.aliases.items()
                       if len(ids) == 1 and self.rows[next(iter(ids))]["type"] in compatible]
            best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                return next(iter(self.aliases[best[0]]))
        return actor.key


def _compatible_types(actor_type: str) -> tuple[str, ...]:
    """Types a stored actor may have to be the same real-world actor as one of ``actor_type``."""
    if actor_type in ("organisation", "group"):
        return ("organisation", "group")
    return (actor_type,)
