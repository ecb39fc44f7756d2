"""Writing what the pipeline found in one article: every ``save_*`` of the extract stage.

:func:`save_extraction` replaces an article's rows in one transaction: the rows an earlier
extraction left are deleted, the article's actors are matched to the corpus
(:class:`claimgraph.extract.actor_index.ActorIndex`) and upserted, then mentions, roles,
statements and claims are written with the corpus actor ids, so every foreign key holds
when its row is written.

The spaCy components never write: they leave plain data on the Doc (see
:mod:`claimgraph.extract.pipeline`), :meth:`Found.from_doc` collects it, and these
functions write it. A :class:`Found` is small and picklable, so a Dask worker can run the
pipeline and return it to the one process that writes (:mod:`claimgraph.distributed`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlite_utils
from spacy.tokens import Doc

from ..db import stable_id, upsert_rows
from ..names import alias_key
from ..schema import TABLES
from ..timeutil import utcnow
from .actor_index import ActorIndex
from .actors import TYPE_LABELS
from .doc_views import doc_text
from .extensions import Claim
from .gazetteer import Actor

# rows an article's extraction owns, deleted before it is extracted again (children first)
ARTICLE_ROWS = (
    ("claim_evidence", "claim_id in (select id from claims where article_id = ?)"),
    ("claim_frames", "article_id = ?"),
    ("quantities", "article_id = ?"),
    ("claims", "article_id = ?"),
    ("statements", "article_id = ?"),
    ("mentions", "article_id = ?"),
    ("actor_roles", "article_id = ?"),
)


@dataclass(frozen=True)
class Marked:
    """An actor mention or role as plain data: character offsets, text, the pipeline's actor key."""

    start: int
    end: int
    text: str
    key: str
    label: str
    method: str | None
    affiliation: str | None


@dataclass
class Found:
    """Everything the pipeline found in one article, as plain data: what :func:`save_extraction` writes.

    ``actors`` and the actor keys elsewhere are the pipeline's, per article; ``statements``
    are ``doc._.statement_records`` (offsets, no Spans). ``field`` is None for the article's
    body, ``title`` or ``description`` for its headline or standfirst, read as a text of its own.
    """

    text: str
    actors: dict[str, Actor]
    mentions: list[Marked]
    roles: list[Marked]
    statements: list[dict]
    claims: list[Claim]
    field: str | None = None

    @classmethod
    def from_doc(cls, doc: Doc) -> Found:
        def marked(span) -> Marked:
            return Marked(span.start_char, span.end_char, span.text, span.kb_id_, span.label_,
                          span._.method, span._.affiliation)

        return cls(
            text=doc_text(doc), actors=doc._.actors, mentions=[marked(span) for span in doc.spans["actors"]],
            roles=[marked(span) for span in doc.spans["roles"]], statements=list(doc._.statement_records or []),
            claims=doc._.claims or [], field=(doc._.article or {}).get("field"),
        )


def save_extraction(db: sqlite_utils.Database, article_id: str, found: Found, index: ActorIndex, extractor: str) -> dict:
    """Replace everything extracted from one article, in one transaction; returns counts."""
    with db.atomic():
        delete_extraction(db, article_id)
        written = _written(found)
        actors, actor_ids = index.resolve_all(found.actors, written)
        new = save_actors(db, written, actors, actor_ids, index)
        mentions = save_mentions(db, article_id, found, actor_ids)
        save_roles(db, article_id, found, actor_ids)
        statements = save_statements(db, article_id, found, actor_ids)
        claim_count = save_claims(db, article_id, found, actor_ids)
        db.execute("update articles set extracted_at = ?, extractor = ? where id = ?", [utcnow(), extractor, article_id])
    return {"actors": new, "mentions": mentions, "statements": statements, "claims": claim_count}


def save_field_extraction(db: sqlite_utils.Database, article_id: str, found: Found, index: ActorIndex, field: str) -> dict:
    """Add what the pipeline found in the article's headline or standfirst (``field``); returns counts.

    Runs after :func:`save_extraction` of the body, which deleted the article's earlier
    rows. The rows carry ``field`` and offsets into that field, so every offset of a row
    without a field still points into ``articles.text``.
    """
    with db.atomic():
        written = _written(found)
        actors, actor_ids = index.resolve_all(found.actors, written)
        new = save_actors(db, written, actors, actor_ids, index)
        mentions = save_mentions(db, article_id, found, actor_ids, field=field)
        statements = save_statements(db, article_id, found, actor_ids, field=field)
        claims = save_claims(db, article_id, found, actor_ids, field=field)
    return {"actors": new, "mentions": mentions, "statements": statements, "claims": claims}


def delete_extraction(db: sqlite_utils.Database, article_id: str) -> None:
    """Delete the rows an earlier extraction of the article left.

    Clusters that hold one of the article's claims go whole (the link stage re-clusters), so
    no cluster is left pointing at a claim that re-extraction no longer finds.
    """
    clusters = [row[0] for row in db.execute(
        "select distinct cluster_id from claim_cluster_members where claim_id in (select id from claims where article_id = ?)",
        [article_id])]
    if clusters:
        marks = ", ".join("?" * len(clusters))
        db.execute(f"delete from claim_cluster_members where cluster_id in ({marks})", clusters)
        db.execute(f"delete from claim_cluster_earlier where cluster_id in ({marks})", clusters)
        db.execute(f"delete from claim_clusters where id in ({marks})", clusters)
    for table, condition in ARTICLE_ROWS:
        db.execute(f"delete from {table} where {condition}", [article_id])


def save_actors(db, written: dict[str, set[str]], actors: dict[str, Actor], actor_ids: dict[str, str],
                index: ActorIndex) -> int:
    """Upsert the article's actors and the names ``written`` for them; returns how many are new.

    An actor's affiliation is saved before the actor, so its foreign key holds.
    """
    new = 0
    for key, actor in _affiliations_first(actors):
        actor_id = actor_ids[key]
        row = {
            "id": actor_id, "name": actor.name, "type": actor.type, "description": actor.description,
            "wikidata": actor.wikidata, "affiliation_id": actor_ids.get(actor.affiliation, actor.affiliation),
            "country": actor.country, "source": actor.source,
        }
        stored = index.rows.get(actor_id)
        if stored is None or (actor.source == "gazetteer" and any(stored.get(k) != v for k, v in row.items())):
            is_new = stored is None
            new += is_new
            upsert_rows(db, "actors", [row], conflict="upsert", partial=True)
            if is_new and actor.type == "person" and " " in actor.name:
                for earlier in set(index.surname_only(actor.name.split()[-1])) - set(actor_ids.values()):
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


def _affiliations_first(actors: dict[str, Actor]) -> list[tuple[str, Actor]]:
    """The actors in their order, except that an actor's affiliation comes before it."""
    ordered: dict[str, Actor] = {}

    def visit(key: str, seen: frozenset = frozenset()) -> None:
        if key in ordered or key in seen:
            return
        affiliation = actors[key].affiliation
        if affiliation in actors:
            visit(affiliation, seen | {key})
        ordered[key] = actors[key]

    for key in actors:
        visit(key)
    return list(ordered.items())


def save_mentions(db, article_id: str, found: Found, actor_ids: dict[str, str], field: str | None = None) -> int:
    """Insert one row per actor mention; returns the count. ``field``: the text is the headline or standfirst."""
    rows = [
        {
            "id": stable_id(article_id, "mention", *_field_key(field), mention.start, mention.end),
            "article_id": article_id, "field": field, "actor_id": actor_ids[mention.key], "start": mention.start,
            "end": mention.end, "text": mention.text, "method": mention.method,
            "label": {"demonym": "NORP", "pronoun": "PRON"}.get(mention.method, TYPE_LABELS[mention.label]),
        }
        for mention in found.mentions
    ]
    upsert_rows(db, "mentions", rows, conflict="replace", partial=True)
    return len(rows)


def save_roles(db, article_id: str, found: Found, actor_ids: dict[str, str]) -> int:
    """Insert the titles the article gives its actors; returns the count."""
    rows = [
        {
            "id": stable_id(article_id, actor_ids[role.key], role.start, role.end),
            "actor_id": actor_ids[role.key], "article_id": article_id, "role": role.text,
            "affiliation_id": actor_ids.get(role.affiliation, role.affiliation),
            "start": role.start, "end": role.end,
        }
        for role in found.roles
    ]
    upsert_rows(db, "actor_roles", rows, conflict="replace", partial=True)
    return len(rows)


def statement_id(article_id: str, content: tuple[int, int], field: str | None = None) -> str:
    """The stable key of a statement: its article, field (none for the body) and content offsets."""
    return stable_id(article_id, "statement", *_field_key(field), *content)


def _field_key(field: str | None) -> tuple[str, ...]:
    """What a headline's or standfirst's row adds to its key; nothing for the body, so body ids stay as they were."""
    return (field,) if field else ()


def save_statements(db: sqlite_utils.Database, article_id: str, found: Found, actor_ids: Mapping[str, str],
                    field: str | None = None) -> int:
    """Write the article's statements to ``statements``; the caller holds the article's transaction.

    ``actor_ids`` maps the pipeline's actor keys to the stored actors' ids (saved before).
    Returns the count.
    """
    rows, text = [], found.text
    for statement in found.statements:
        start, end = statement["content"]
        speaker, cue = statement["speaker"], statement["cue"]
        rows.append(
            {
                "id": statement_id(article_id, (start, end), field),
                "article_id": article_id,
                "field": field,
                "speaker_id": _actor_id(actor_ids, statement["speaker_actor"]),
                "speaker_text": text[speaker[0]:speaker[1]] if speaker is not None else None,
                "speaker_start": speaker[0] if speaker is not None else None,
                "speaker_end": speaker[1] if speaker is not None else None,
                "cue": text[cue[0]:cue[1]] if cue is not None else None,
                "cue_start": cue[0] if cue is not None else None,
                "cue_end": cue[1] if cue is not None else None,
                "content": text[start:end],
                "start": start,
                "end": end,
                "kind": statement["kind"],
                "sentence_start": statement["sentence"][0],
                "sentence_end": statement["sentence"][1],
                "method": statement["method"],
            }
        )
    upsert_rows(db, "statements", rows)
    return len(rows)


def save_claims(db: sqlite_utils.Database, article_id: str, found: Found, actor_ids: Mapping[str, str],
                field: str | None = None) -> int:
    """Write the article's claims to ``claims`` and their figures to ``quantities``; returns the claim count.

    Runs inside the article's transaction, after its actors and statements were saved.
    A claim's id is made from the pipeline's actor keys, so it does not depend on which
    articles were extracted before.
    """
    statements = found.statements
    claim_rows, quantity_rows, text = [], [], found.text
    for claim in found.claims:
        start, end = claim.span
        claim_id = stable_id(article_id, "claim", *_field_key(field), claim.type, claim.subject, claim.object, start, end)
        sentence_start, sentence_end = claim.sentence
        claim_rows.append(
            {
                "id": claim_id,
                "article_id": article_id,
                "field": field,
                "statement_id": statement_id(article_id, tuple(statements[claim.statement]["content"]), field)
                if claim.statement is not None else None,
                "source_actor_id": _actor_id(actor_ids, claim.source),
                "type": claim.type,
                "subject_id": _actor_id(actor_ids, claim.subject),
                "object_id": _actor_id(actor_ids, claim.object),
                "polarity": claim.polarity,
                "certainty": claim.certainty,
                "hedge": claim.hedge,
                "condition": claim.condition,
                "event_time": claim.event_time,
                "event_time_end": claim.event_time_end,
                "event_time_text": claim.event_time_text,
                "text": text[start:end],
                "start": start,
                "end": end,
                "sentence": text[sentence_start:sentence_end],
                "sentence_start": sentence_start,
                "sentence_end": sentence_end,
                "method": claim.method,
            }
        )
        for quantity in claim.quantities:
            quantity_rows.append(
                {
                    "id": stable_id(article_id, "quantity", *_field_key(field), quantity.start, quantity.end),
                    "article_id": article_id,
                    "field": field,
                    "claim_id": claim_id,
                    "text": quantity.text,
                    "start": quantity.start,
                    "end": quantity.end,
                    "value": quantity.value,
                    "unit": quantity.unit,
                    "kind": quantity.kind,
                    "normalized_value": quantity.normalized_value,
                    "normalized_unit": quantity.normalized_unit,
                    "qualifier": quantity.qualifier,
                }
            )
    upsert_rows(db, "claims", claim_rows)
    upsert_rows(db, "quantities", quantity_rows)
    return len(claim_rows)


def _actor_id(actor_ids: Mapping[str, str], key: str | None) -> str | None:
    """The stored actor id for a pipeline key (every key the pipeline uses is in ``actor_ids``)."""
    return None if key is None else actor_ids[key]


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


def _written(found: Found) -> dict[str, set[str]]:
    """Actor key -> how the article wrote its name (pronouns and nominals left out)."""
    written: dict[str, set[str]] = {}
    for mention in found.mentions:
        if mention.method in ("gazetteer", "ner", "alias", "demonym"):
            written.setdefault(mention.key, set()).add(mention.text)
    return written
