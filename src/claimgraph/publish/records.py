"""What claimgraph's pages show, read from a Datasette ``Database`` (read-only SQL, one place).

Each ``load_*`` function returns plain dicts and lists for one page, or None when the
row does not exist. They run through ``Database.execute``, so Datasette's time limit
applies and nothing can write. Joins, "claims about an actor" and actor names come from
the same fragments as ``claimgraph query`` (:mod:`claimgraph.queries.fragments`,
:func:`claimgraph.names.actor_match`).
"""

from __future__ import annotations

import json
from collections import Counter

from datasette.database import Database
from datasette.utils import escape_fts

from ..errors import ClaimgraphError
from ..names import actor_match
from ..queries.fragments import CLAIM_JOINS, CLAIM_VERDICTS, STATEMENT_JOINS, claims_about, claims_by, statements_by
from ..timeutil import utc_sortable
from ..vocabulary import vocabulary
from ..ingest.urls import absolute_http_url
from .markup import SNIPPET_CLOSE, SNIPPET_OPEN, Span, highlight, snippet_html, wikidata_href

CLAIMGRAPH_TABLES = ("claimgraph_meta", "articles", "actors", "claims")


async def is_claimgraph(db: Database) -> bool:
    """Whether ``db`` holds a claimgraph schema (Datasette may serve other databases alongside)."""
    names = set(await db.table_names())
    return all(table in names for table in CLAIMGRAPH_TABLES)


async def _rows(db: Database, sql: str, params: dict | None = None) -> list[dict]:
    return [dict(row) for row in (await db.execute(sql, params or {})).rows]


async def _row(db: Database, sql: str, params: dict) -> dict | None:
    rows = await _rows(db, sql, params)
    return rows[0] if rows else None


def claim_type_label(name: str | None) -> str:
    """The vocabulary's label for a claim type, or the raw name when the vocabulary lacks it."""
    if not name:
        return ""
    claim_type = vocabulary().claim_types.get(name)
    return claim_type.label if claim_type else name


def _json_list(text: str | None) -> list:
    try:
        value = json.loads(text) if text else []
    except (TypeError, ValueError):
        return [text]
    return value if isinstance(value, list) else [value]


CLAIM_SQL = f"""
select claims.*, articles.title as article_title, articles.url as article_url,
  articles.canonical_url as article_canonical_url, articles.published as article_published,
  case claims.field when 'title' then articles.title when 'description' then articles.description
    else articles.text end as article_text, articles.outlet_id, outlets.name as outlet_name,
  source.name as source_name, subject.name as subject_name, object.name as object_name,
  statements.speaker_id, statements.speaker_text, statements.speaker_start, statements.speaker_end, statements.cue,
  statements.cue_start, statements.cue_end, statements.kind as statement_kind, statements.content as statement_content
from claims
join articles on articles.id = claims.article_id
{CLAIM_JOINS}
left join statements on statements.id = claims.statement_id
where claims.id = :id
"""

EVIDENCE_SQL = """
select ce.verdict, ce.rule, ce.claimed, ce.measured, ce.explanation, ce.linked_at, ce.measurement_id,
  m.kind, m.subject_type, m.subject, m.country, m.start, m."end", m.value, m.unit, m.pointer,
  es.id as source_id, es.name as source_name, es.url as source_url, es.licence, es.format, es.retrieved_at
from claim_evidence ce
join measurements m on m.id = ce.measurement_id
left join evidence_sources es on es.id = m.source_id
where ce.claim_id = :id
order by case ce.verdict when 'contradicts' then 0 when 'supports' then 1 else 2 end, m.start
"""

CLUSTER_MEMBERS_SQL = f"""
select claims.id, claims.text, claims.polarity, claims.certainty, articles.id as article_id,
  articles.title as article_title, articles.published, articles.url as article_url, outlets.name as outlet_name,
  source.name as source_name, claims.source_actor_id
from claim_cluster_members
join claims on claims.id = claim_cluster_members.claim_id
join articles on articles.id = claims.article_id
{CLAIM_JOINS}
where claim_cluster_members.cluster_id = :cluster
order by articles.published_utc, outlets.name
"""


async def load_claim(db: Database, claim_id: str) -> dict | None:
    """A claim with its article (highlighted), statement, quantities, cluster and evidence."""
    claim = await _row(db, CLAIM_SQL, {"id": claim_id})
    if claim is None:
        return None
    spans = [
        Span(claim["sentence_start"], claim["sentence_end"], "cg-sentence"),
        Span(claim["start"], claim["end"], "cg-claim", anchor="claim"),
    ]
    if claim.get("speaker_start") is not None:
        spans.append(Span(claim["speaker_start"], claim["speaker_end"], "cg-speaker"))
    if claim.get("cue_start") is not None:
        spans.append(Span(claim["cue_start"], claim["cue_end"], "cg-cue"))
    claim["article_paragraphs"] = highlight(claim.pop("article_text") or "", spans)
    claim["article_href"] = absolute_http_url(claim["article_url"]) or absolute_http_url(claim["article_canonical_url"])
    claim["type_label"] = claim_type_label(claim["type"])
    claim["quantities"] = await _rows(db, "select * from quantities where claim_id = :id order by start", {"id": claim_id})
    claim["frames"] = await _frames(db, claim_id)
    evidence = await _rows(db, EVIDENCE_SQL, {"id": claim_id})
    for item in evidence:
        item["source_href"] = absolute_http_url(item["source_url"])
    claim["evidence"] = evidence
    cluster = await _row(
        db,
        "select cc.* from claim_cluster_members m join claim_clusters cc on cc.id = m.cluster_id where m.claim_id = :id",
        {"id": claim_id},
    )
    if cluster is not None:
        cluster["variants"] = _json_list(cluster["variants"])
        cluster["members"] = await _rows(db, CLUSTER_MEMBERS_SQL, {"cluster": cluster["id"]})
        for member in cluster["members"]:
            member["article_href"] = absolute_http_url(member["article_url"])
        cluster["earlier"] = await load_earlier_reports(db, cluster["id"])
    claim["cluster"] = cluster
    return claim


FRAME_ATTRIBUTES = {"duration": "length", "rate": "peak rate", "start": "start", "end": "end", "under_way": "time"}
FRAME_ROLES = {
    "period_before": "a stretch before the event, not its length",
    "since_other_event": "the time since another event, not a length",
    "no_zone": "a clock time without a time zone",
    "no_event": "names no measured kind of event",
}


async def _frames(db: Database, claim_id: str) -> list[dict]:
    """The claim's event frames in words: what, which attribute, claimed interval, and the measured event."""
    if not await db.table_exists("claim_frames"):
        return []
    frames = await _rows(db, "select * from claim_frames where claim_id = :id order by start, attribute", {"id": claim_id})
    for frame in frames:
        frame["attribute_label"] = FRAME_ATTRIBUTES.get(frame["attribute"], frame["attribute"])
        frame["role_label"] = FRAME_ROLES.get(frame["role"])
    return frames


async def load_article(db: Database, article_id: str) -> dict | None:
    """An article with its text annotated (statements, claims, speakers, cues) and its claims listed in order."""
    article = await _row(
        db,
        "select a.id, a.title, a.url, a.canonical_url, a.author, a.published, a.language, a.text, "
        "a.outlet_id, o.name as outlet_name from articles a left join outlets o on o.id = a.outlet_id where a.id = :id",
        {"id": article_id},
    )
    if article is None:
        return None
    params = {"id": article_id}
    statements = await _rows(
        db,
        'select id, start, "end", speaker_start, speaker_end, cue_start, cue_end from statements '
        'where article_id = :id and field is null',
        params,
    )
    claims = await _rows(db, ARTICLE_CLAIMS_SQL, params)
    spans = [Span(s["start"], s["end"], "cg-quote") for s in statements]
    spans += [Span(s["speaker_start"], s["speaker_end"], "cg-speaker") for s in statements if s["speaker_start"] is not None]
    spans += [Span(s["cue_start"], s["cue_end"], "cg-cue") for s in statements if s["cue_start"] is not None]
    spans += [Span(c["start"], c["end"], "cg-claim") for c in claims if c["field"] is None]  # headline claims: not in text
    for claim in claims:
        claim["type_label"] = claim_type_label(claim["type"])
    article["paragraphs"] = highlight(article.pop("text") or "", spans)
    article["href"] = absolute_http_url(article["url"]) or absolute_http_url(article["canonical_url"])
    article["claims"] = claims
    article["statement_count"] = len(statements)
    return article


ARTICLE_CLAIMS_SQL = f"""
select claims.id, claims.type, claims.text, claims.start, claims."end", claims.field, claims.polarity, claims.certainty,
  claims.source_actor_id, source.name as source_name,
  (select group_concat(distinct ce.verdict) from claim_evidence ce where ce.claim_id = claims.id) as verdicts
from claims
join articles on articles.id = claims.article_id
{CLAIM_JOINS}
where claims.article_id = :id
order by claims.start
"""

ACTOR_STATEMENTS_SQL = f"""
select statements.id, statements.content, statements.kind, statements.cue, statements.speaker_text,
  articles.id as article_id, articles.title as article_title, articles.published, outlets.name as outlet_name,
  (select c.id from claims c where c.statement_id = statements.id order by c.start limit 1) as claim_id
from statements
{STATEMENT_JOINS}
where {statements_by(":id")}
order by articles.published_utc desc, statements.start desc
limit :limit
"""

ACTOR_CLAIMS_SQL = f"""
select claims.id, claims.type, claims.text, claims.polarity, claims.certainty, claims.event_time,
  claims.event_time_text, claims.source_actor_id, source.name as source_name, claims.subject_id,
  subject.name as subject_name, claims.object_id, object.name as object_name, articles.id as article_id,
  articles.title as article_title, articles.published, outlets.name as outlet_name,
  (select group_concat(distinct ce.verdict) from claim_evidence ce where ce.claim_id = claims.id) as verdicts
from claims
join articles on articles.id = claims.article_id
{CLAIM_JOINS}
where {{condition}}
order by coalesce(claims.event_time, articles.published_utc) desc, articles.published_utc desc, claims.start desc
limit :limit
"""

ACTOR_CLAIMS_MADE = claims_by(":id")
ACTOR_CLAIMS_ABOUT = claims_about(":id")

# the actors a text names, when it is not an actor's id: one opens its page, several are listed
NAMED_ACTORS_SQL = f"select id, name, type from actors where id in ({actor_match('name')}) order by name, id"


async def load_actor(db: Database, actor_id: str, limit: int = 100) -> dict | None:
    """An actor with aliases, roles, what they said, what was said about them and a timeline.

    Each list holds the latest ``limit`` rows, oldest first; ``totals`` counts them all, so
    the page can say how many more there are and link to the full table.
    """
    actor = await _row(
        db,
        "select actors.*, affiliation.name as affiliation_name from actors "
        "left join actors affiliation on affiliation.id = actors.affiliation_id where actors.id = :id",
        {"id": actor_id},
    )
    if actor is None:
        return None
    params = {"id": actor_id, "limit": limit}
    actor["wikidata_href"] = wikidata_href(actor["wikidata"])
    actor["aliases"] = await _rows(db, "select alias, source from actor_aliases where actor_id = :id order by alias", params)
    actor["roles"] = await _rows(
        db,
        "select r.role, r.affiliation_id, aff.name as affiliation_name, count(*) as articles, min(a.published) as first_seen "
        "from actor_roles r join articles a on a.id = r.article_id left join actors aff on aff.id = r.affiliation_id "
        "where r.actor_id = :id group by r.role, r.affiliation_id order by articles desc, r.role limit :limit",
        params,
    )
    actor["statements"] = (await _rows(db, ACTOR_STATEMENTS_SQL, params))[::-1]
    actor["claims_made"] = (await _rows(db, ACTOR_CLAIMS_SQL.format(condition=ACTOR_CLAIMS_MADE), params))[::-1]
    actor["claims_about"] = (await _rows(db, ACTOR_CLAIMS_SQL.format(condition=ACTOR_CLAIMS_ABOUT), params))[::-1]
    for claim in actor["claims_made"] + actor["claims_about"]:
        claim["type_label"] = claim_type_label(claim["type"])
    counts = {
        "mentions": "select count(*) as n from mentions where actor_id = :id",
        "statements": f"select count(*) as n from statements where {statements_by(':id')}",
        "claims_made": f"select count(*) as n from claims where {ACTOR_CLAIMS_MADE}",
        "claims_about": f"select count(*) as n from claims where {ACTOR_CLAIMS_ABOUT}",
    }
    actor["totals"] = {key: (await _row(db, sql, params))["n"] for key, sql in counts.items()}
    actor["timeline"] = timeline(actor)
    return actor


async def actors_named(db: Database, name: str) -> list[dict]:
    """The actors ``name`` names (id, name and type of each), as ``claimgraph query`` finds them."""
    return await _rows(db, NAMED_ACTORS_SQL, {"name": name})


def timeline(actor: dict) -> list[dict]:
    """The actor's statements and the claims by or about them as dated events, oldest first (undated last).

    A claim carried by one of the listed statements is not listed twice.
    """
    events = [
        {"when": s["published"], "kind": "said", "text": s["content"], "claim_id": s["claim_id"],
         "article_id": s["article_id"], "article_title": s["article_title"], "outlet_name": s["outlet_name"]}
        for s in actor["statements"]
    ]
    listed = {event["claim_id"] for event in events}
    for claim in actor["claims_made"] + actor["claims_about"]:
        if claim["id"] in listed:
            continue
        events.append(
            {"when": claim["event_time"] or claim["published"], "kind": claim["type_label"], "text": claim["text"],
             "claim_id": claim["id"], "article_id": claim["article_id"], "article_title": claim["article_title"],
             "outlet_name": claim["outlet_name"]}
        )
    return sorted(events, key=lambda event: _in_utc_order(event["when"]))


def _in_utc_order(when: str | None) -> tuple[bool, str]:
    """Sort key: event times written with different UTC offsets compare as instants; undated last."""
    utc = utc_sortable(when)
    return utc is None, utc or ""


class NotSearchable(ClaimgraphError):
    """The database lacks a full-text index (it was never prepared with ``claimgraph publish``)."""


SEARCHES = {
    "claims": f"""
        select claims.id, claims.type, claims.polarity, articles.title as article_title, articles.published,
          source.name as source_name, highlight(claims_fts, 0, :open, :close) as snippet
        from claims_fts join claims on claims.rowid = claims_fts.rowid
        join articles on articles.id = claims.article_id
        {CLAIM_JOINS}
        where claims_fts match :q order by claims_fts.rank limit :limit
    """,
    "statements": f"""
        select statements.id, statements.kind, statements.speaker_id,
          coalesce(speaker.name, statements.speaker_text) as speaker_name,
          articles.id as article_id, articles.title as article_title, articles.published,
          (select c.id from claims c where c.statement_id = statements.id order by c.start limit 1) as claim_id,
          highlight(statements_fts, 0, :open, :close) as snippet
        from statements_fts join statements on statements.rowid = statements_fts.rowid
        {STATEMENT_JOINS}
        where statements_fts match :q order by statements_fts.rank limit :limit
    """,
    "articles": """
        select a.id, a.title, a.published, a.url, o.name as outlet_name,
          snippet(articles_fts, 1, :open, :close, '…', 32) as snippet
        from articles_fts join articles a on a.rowid = articles_fts.rowid left join outlets o on o.id = a.outlet_id
        where articles_fts match :q order by articles_fts.rank limit :limit
    """,
}


async def search(db: Database, q: str, limit: int = 20) -> dict[str, list[dict]]:
    """Full-text search over claims, statements and articles; each hit has an escaped ``snippet`` with ``<mark>``.

    A claim or statement shows its whole text (a match only in its sentence or speaker
    leaves it unmarked); an article shows the passage of its text that matches best.
    """
    params = {"q": escape_fts(q), "open": SNIPPET_OPEN, "close": SNIPPET_CLOSE, "limit": limit}
    results = {}
    for table, sql in SEARCHES.items():
        if not await db.table_exists(f"{table}_fts"):
            raise NotSearchable(f"{db.name} has no full-text index on {table}; run `claimgraph publish` on it")
        rows = await _rows(db, sql, params)
        for row in rows:
            row["snippet"] = snippet_html(row["snippet"])
            if "url" in row:
                row["href"] = absolute_http_url(row.pop("url"))
            if "type" in row:
                row["type_label"] = claim_type_label(row["type"])
        results[table] = rows
    return results


async def load_overview(db: Database, limit: int = 12) -> dict:
    """Counts, the most quoted actors, stories told by several outlets, checked claims and the latest articles."""
    counts = {}
    for table in ("articles", "outlets", "actors", "statements", "claims", "measurements", "claim_evidence", "claim_clusters"):
        counts[table] = (await _row(db, f"select count(*) as n from [{table}]", {}))["n"]
    speakers = await _rows(
        db,
        "select actors.id, actors.name, actors.type, count(distinct s.id) as statements, "
        "(select count(*) from claims c where c.source_actor_id = actors.id) as claims "
        "from actors join statements s on s.speaker_id = actors.id group by actors.id "
        "order by statements desc, actors.name limit :limit",
        {"limit": limit},
    )
    talked_about = await _rows(
        db,
        "select actors.id, actors.name, actors.type, count(*) as claims from actors "
        f"join claims on {claims_about('actors.id')} "
        "group by actors.id order by claims desc, actors.name limit :limit",
        {"limit": limit},
    )
    # a story continued from the previous period's database says where it began
    begun = ("(select period from claim_cluster_earlier e where e.cluster_id = claim_clusters.id limit 1)"
             if await db.table_exists("claim_cluster_earlier") else "null")
    clusters = await _rows(
        db,
        "select id, type, label, n_claims, n_outlets, conflicting, first_published, first_claim_id, "
        f"{begun} as begun_in from claim_clusters "
        "order by n_outlets desc, n_claims desc, first_published limit :limit",
        {"limit": limit},
    )
    verdicts = await _rows(db, "select verdict, count(*) as n from claim_evidence group by verdict order by n desc", {})
    checked = await _rows(
        db,
        "select c.id, c.type, c.text, a.title as article_title, "
        "json_group_array(distinct ce.verdict) as verdicts, json_group_array(ce.explanation) as explanations "
        "from claim_evidence ce join claims c on c.id = ce.claim_id join articles a on a.id = c.article_id "
        "group by c.id order by max(ce.verdict = 'contradicts') desc, a.published_utc desc, c.start limit :limit",
        {"limit": limit},
    )
    for claim in checked:
        claim["verdicts"] = _json_list(claim["verdicts"])
        claim["explanations"] = [text for text in _json_list(claim["explanations"]) if text]
    articles = await _rows(
        db,
        "select a.id, a.title, a.published, o.name as outlet_name, "
        "(select count(*) from claims c where c.article_id = a.id) as claims, "
        "(select count(*) from statements s where s.article_id = a.id) as statements "
        "from articles a left join outlets o on o.id = a.outlet_id order by a.published_utc desc limit :limit",
        {"limit": limit},
    )
    for cluster in clusters:
        cluster["type_label"] = claim_type_label(cluster["type"])
    return {"counts": counts, "speakers": speakers, "talked_about": talked_about, "clusters": clusters,
            "verdicts": verdicts, "checked": checked, "articles": articles}


async def actor_choices(db: Database, limit: int = 200) -> list[dict]:
    """Actors that appear in claims or statements, most connected first: the graph page's actor picker."""
    return await _rows(
        db,
        "select actors.id, actors.name, "
        "(select count(*) from claims c where c.source_actor_id = actors.id or c.subject_id = actors.id "
        "or c.object_id = actors.id) + (select count(*) from statements s where s.speaker_id = actors.id) as degree "
        "from actors where degree > 0 order by degree desc, actors.name limit :limit",
        {"limit": limit},
    )


async def cluster_choices(db: Database, limit: int = 200) -> list[dict]:
    """Stories (claim clusters), the widest first: the graph page's story picker."""
    return await _rows(
        db, "select id, label, n_outlets, n_claims from claim_clusters order by n_outlets desc, n_claims desc limit :limit",
        {"limit": limit},
    )


STORY_REPORTS_SQL = f"""
select claims.id, claims.text, claims.polarity, claims.certainty, claims.source_actor_id,
  articles.id as article_id, articles.title as article_title, articles.url as article_url,
  articles.published, articles.published_utc, outlets.name as outlet_name, articles.outlet_id,
  coalesce(source.name, statements.speaker_text) as source_name, statements.content as quote,
  (select group_concat(q.text, '; ') from quantities q where q.claim_id = claims.id) as figures,
  (select json_group_array(json_array(q.normalized_value, q.normalized_unit, q.text)) from (
     select * from quantities where claim_id = claims.id and normalized_value is not null order by start) as q
  ) as figure_list,
  verdicts.verdict
from claim_cluster_members
join claims on claims.id = claim_cluster_members.claim_id
join articles on articles.id = claims.article_id
{CLAIM_JOINS}
left join statements on statements.id = claims.statement_id
left join ({CLAIM_VERDICTS}) as verdicts on verdicts.claim_id = claims.id
where claim_cluster_members.cluster_id = :cluster
order by articles.published_utc is null, articles.published_utc, articles.ingested_at, claims.start
"""

STORY_MEASUREMENTS_SQL = """
select distinct m.id, m.kind, m.subject, m.start, m."end", m.value, m.unit, es.name as source_name
from claim_cluster_members ccm
join claim_evidence ce on ce.claim_id = ccm.claim_id
join measurements m on m.id = ce.measurement_id
left join evidence_sources es on es.id = m.source_id
where ccm.cluster_id = :cluster
order by m.start, m.id
"""


async def load_story(db: Database, cluster_id: str) -> dict | None:
    """A claim cluster as a timeline: every report in UTC order, where its figure changed, and the measurements."""
    cluster = await _row(db, "select * from claim_clusters where id = :id", {"id": cluster_id})
    if cluster is None:
        return None
    cluster["variants"] = _json_list(cluster["variants"])
    reports = await _rows(db, STORY_REPORTS_SQL, {"cluster": cluster_id})
    figure_lists = [_json_list(report.pop("figure_list")) for report in reports]
    # the story's figure is in the unit most reports quote (an outage's hours, not the country's address count)
    units = Counter(unit for figures in figure_lists for unit in {figure[1] for figure in figures})
    story_unit = units.most_common(1)[0][0] if units else None
    previous = None
    for position, (report, figures) in enumerate(zip(reports, figure_lists)):
        report["article_href"] = absolute_http_url(report["article_url"])
        report["first"] = position == 0
        figure = next((f for f in figures if f[1] == story_unit), None)
        report["figure_value"], report["figure_unit"], report["figure"] = figure or (None, None, None)
        report["figure_changed"] = figure is not None and previous is not None and figure[0] != previous
        if figure is not None:
            previous = figure[0]
    cluster["reports"] = reports
    cluster["measurements"] = await _rows(db, STORY_MEASUREMENTS_SQL, {"cluster": cluster_id})
    cluster["earlier"] = await load_earlier_reports(db, cluster_id)
    return cluster


async def load_earlier_reports(db: Database, cluster_id: str) -> list[dict]:
    """The previous period's reports a story continues (``claimgraph link --previous``), in UTC order."""
    if not await db.table_exists("claim_cluster_earlier"):  # a database made before one file per period
        return []
    reports = await _rows(
        db, "select * from claim_cluster_earlier where cluster_id = :cluster order by published_utc is null, "
            "published_utc, claim_id", {"cluster": cluster_id},
    )
    for report in reports:
        report["article_href"] = absolute_http_url(report["article_url"])
    return reports


async def load_period(db: Database) -> dict:
    """One served database as a period of the archive: its counts and the span of its publication times.

    Counts come from Datasette's table counts, which it keeps for an immutable database.
    """
    counts = await db.table_counts(limit=1000)
    span = await _row(db, "select min(published_utc) as first, max(published_utc) as last from articles", {})
    continued = 0
    if await db.table_exists("claim_cluster_earlier"):
        continued = (await _row(db, "select count(distinct cluster_id) as n from claim_cluster_earlier", {}))["n"]
    return {
        "name": db.name,
        "articles": counts.get("articles"), "claims": counts.get("claims"), "stories": counts.get("claim_clusters"),
        "continued": continued, "first": span["first"], "last": span["last"],
    }
