"""Build the knowledge graph from the database as a ``networkx.MultiDiGraph``.

Nodes are ``<kind>:<row id>``: ``actor:north-korea``, ``outlet:newsy.com``,
``article:<id>``, ``statement:<id>``, ``claim:<id>``, ``measurement:<id>`` and
``cluster:<id>``. Every node has ``kind``, ``label`` and ``row_id`` (the key of its row,
so any tool can lead back to the database); text nodes also carry their character
offsets ``char_start``/``char_end`` into ``articles.text`` and their ``article_id``.

Edges are typed by the link types of ``vocabulary.yml``: an edge's ``kind`` is the link
type's name and its key in the multigraph, and its other attributes name the rows it came
from. The graph is directed and a multigraph, so an actor who is both the subject and
the object of a claim keeps both edges::

    outlet  -published->  article  -reports->  statement  -carries->  claim
    actor   -said->       statement            article    -asserts->  claim (unattributed)
    article -mentions->   actor                actor      -makes->    claim
    claim   -subject->    actor                claim      -object->   actor
    measurement -supports/contradicts/inconclusive-> claim
    claim   -member_of->  cluster              actor      -affiliated-> actor

The graph is rebuilt from a handful of queries, one per node or edge kind, each narrowed
by the :class:`GraphFilter` in SQL, so building it stays fast on large databases.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator

import networkx as nx
import sqlite_utils

from ..errors import InputError
from ..names import actor_ids
from ..timeutil import parse_day
from ..vocabulary import vocabulary


@dataclass(frozen=True)
class GraphFilter:
    """Which part of the database to build the graph from; the default is everything.

    * ``actor``: only the ego network of this actor (name, alias or id), ``depth`` hops out,
      following edges in either direction.
    * ``since`` / ``until``: only articles published in this range (ISO dates, both inclusive).
    * ``claim_types``: only claims of these types, and the statements that carry them.
    * ``cluster``: only the claims of this claim cluster (one story across outlets).
    """

    actor: str | None = None
    depth: int = 2
    since: str | None = None
    until: str | None = None
    claim_types: tuple[str, ...] = ()
    cluster: str | None = None

    @property
    def narrows_claims(self) -> bool:
        return bool(self.claim_types) or bool(self.cluster)


def build_graph(db: sqlite_utils.Database, graph_filter: GraphFilter | None = None) -> nx.MultiDiGraph:
    """The knowledge graph of the database, or of the part ``graph_filter`` selects.

    Raises :class:`~claimgraph.errors.InputError` when the filter names an actor, cluster,
    claim type or date that does not exist or cannot be read.
    """
    graph_filter = graph_filter or GraphFilter()
    centres, near_articles, near_actors = _ego_scope(db, graph_filter)
    selection = _Selection.from_filter(db, graph_filter, within=near_articles)
    graph = nx.MultiDiGraph(name="claimgraph")
    link_types = vocabulary().link_types

    graph.add_nodes_from(_outlet_nodes(db, selection))
    graph.add_nodes_from(_article_nodes(db, selection))
    graph.add_nodes_from(_statement_nodes(db, selection))
    graph.add_nodes_from(_claim_nodes(db, selection))
    graph.add_nodes_from(_measurement_nodes(db, selection))
    graph.add_nodes_from(_cluster_nodes(db, selection))

    edges = list(_edges(db, selection))
    shown_actors = {edge[0][6:] for edge in edges if edge[0].startswith("actor:")}
    shown_actors.update(edge[1][6:] for edge in edges if edge[1].startswith("actor:"))
    shown_actors.update(near_actors)
    graph.add_nodes_from(_actor_nodes(db, shown_actors))
    labels = {name: link.label for name, link in link_types.items()}
    # add_edge is about twice as fast as add_edges_from for keyed multigraph edges
    add_edge = graph.add_edge
    for source, target, kind, attrs in edges:
        add_edge(source, target, kind, kind=kind, label=labels[kind], **attrs)
    for source, target in _affiliations(db, shown_actors):
        add_edge(source, target, "affiliated", kind="affiliated", label=labels["affiliated"])

    for node, data in graph.nodes(data=True):
        if "kind" not in data:
            # a row that another row points at but that is missing (a dangling foreign key)
            kind, _, row_id = node.partition(":")
            data.update(kind=kind, label=row_id, row_id=row_id)

    if centres:
        starts = [f"actor:{actor_id}" for actor_id in centres if f"actor:{actor_id}" in graph]
        graph = graph.subgraph(_within(graph, starts, graph_filter.depth)).copy()
    return graph


def count_nodes(db: sqlite_utils.Database, graph_filter: GraphFilter | None = None) -> int:
    """How many nodes :func:`build_graph` would make for ``graph_filter``, counted in SQL without building it.

    Exact without an actor; with one it counts the nodes of every article the ego network can
    reach (see :func:`neighbourhood`), an upper bound of the ego network's size. Raises the
    same InputError as :func:`build_graph` for a filter that names nothing.
    """
    graph_filter = graph_filter or GraphFilter()
    _centres, near_articles, near_actors = _ego_scope(db, graph_filter)
    selection = _Selection.from_filter(db, graph_filter, within=near_articles)
    claims = _selected_claims(selection)
    articles = selection.where("id", selection.articles_sql)
    mention_articles = selection.where("article_id", selection.articles_sql, prefix="and")
    statements = selection.where("id", selection.statements_sql)
    sql = f"""
        select
          (select count(*) from articles{articles})
          + (select count(distinct outlet_id) from articles{articles})
          + (select count(*) from statements{statements})
          + (select count(*) from claims c where {claims})
          + (select count(distinct e.measurement_id) from claim_evidence e join claims c on c.id = e.claim_id
             where {claims})
          + (select count(distinct m.cluster_id) from claim_cluster_members m join claims c on c.id = m.claim_id
             where {claims})
          + (select count(*) from (
               select actor_id from mentions where actor_id is not null{mention_articles}
               union select speaker_id from statements{statements}
               union select c.source_actor_id from claims c where {claims}
               union select c.subject_id from claims c where {claims}
               union select c.object_id from claims c where {claims}
               union select value from json_each(:near_actors)
             ) where actor_id is not null)
    """
    return db.conn.execute(sql, {**selection.params, "near_actors": json.dumps(sorted(near_actors))}).fetchone()[0]


def centre_actor_ids(db: sqlite_utils.Database, actor: str) -> list[str]:
    """The ids of the actors a filter's ``actor`` (id, name or alias) names; InputError when it names none."""
    centres = actor_ids(db, actor)
    if not centres:
        raise InputError(f"no actor matches {actor!r} (by id, name or alias)")
    return centres


def _ego_scope(db: sqlite_utils.Database, graph_filter: GraphFilter) -> tuple[list[str], set[str] | None, set[str]]:
    """The actors the filter centres on, the articles and actors within its depth of them.

    Without an actor in the filter: no centres and no article limit (None). Raises InputError for
    a negative depth or an actor that matches nothing.
    """
    if not graph_filter.actor:
        return [], None, set()
    if graph_filter.depth < 0:
        raise InputError(f"--depth must be 0 or more, not {graph_filter.depth}")
    centres = centre_actor_ids(db, graph_filter.actor)
    near_articles, near_actors = neighbourhood(db, centres, graph_filter.depth)
    return centres, near_articles, near_actors


def neighbourhood(db: sqlite_utils.Database, centres: list[str], depth: int) -> tuple[set[str], set[str]]:
    """The articles and actors that an ego network of ``depth`` hops can reach, found in SQL.

    A breadth-first search over a coarse view of the graph in which actors, articles, outlets,
    clusters and measurements are next to each other when any row joins them (a mention, a
    statement, a claim, a verdict, a cluster membership, an affiliation). Every path in the
    real graph is at least as long as in this view, so building the graph from these articles
    alone and then taking the ego network gives exactly the ego network of the whole graph,
    without building the whole graph.
    """
    seen: set[tuple[str, str]] = {("actor", centre) for centre in centres}
    frontier = set(seen)
    for _ in range(depth):
        found: set[tuple[str, str]] = set()
        for kind, sqls in _NEIGHBOURS.items():
            ids = [row_id for node_kind, row_id in frontier if node_kind == kind]
            for target_kind, sql in sqls:
                found.update((target_kind, row_id) for row_id in _lookup(db, sql, ids) if row_id is not None)
        frontier = found - seen
        seen |= frontier
        if not frontier:
            break
    return ({row_id for kind, row_id in seen if kind == "article"},
            {row_id for kind, row_id in seen if kind == "actor"})


# node kind -> (neighbour kind, SQL selecting neighbour ids for the ids in ``({ids})``)
_NEIGHBOURS: dict[str, tuple[tuple[str, str], ...]] = {
    "actor": (
        ("article", "select article_id from mentions where actor_id in ({ids})"),
        ("article", "select article_id from statements where speaker_id in ({ids})"),
        ("article", "select article_id from claims where source_actor_id in ({ids})"),
        ("article", "select article_id from claims where subject_id in ({ids})"),
        ("article", "select article_id from claims where object_id in ({ids})"),
        ("actor", "select id from actors where affiliation_id in ({ids})"),
        ("actor", "select affiliation_id from actors where id in ({ids})"),
    ),
    "article": (
        ("outlet", "select outlet_id from articles where id in ({ids})"),
        ("actor", "select actor_id from mentions where article_id in ({ids})"),
        ("actor", "select speaker_id from statements where article_id in ({ids})"),
        ("actor", "select source_actor_id from claims where article_id in ({ids})"),
        ("actor", "select subject_id from claims where article_id in ({ids})"),
        ("actor", "select object_id from claims where article_id in ({ids})"),
        ("cluster", "select m.cluster_id from claim_cluster_members m join claims c on c.id = m.claim_id"
                    " where c.article_id in ({ids})"),
        ("measurement", "select e.measurement_id from claim_evidence e join claims c on c.id = e.claim_id"
                        " where c.article_id in ({ids})"),
    ),
    "outlet": (("article", "select id from articles where outlet_id in ({ids})"),),
    "cluster": (
        ("article", "select c.article_id from claim_cluster_members m join claims c on c.id = m.claim_id"
                    " where m.cluster_id in ({ids})"),
    ),
    "measurement": (
        ("article", "select c.article_id from claim_evidence e join claims c on c.id = e.claim_id"
                    " where e.measurement_id in ({ids})"),
    ),
}


def _lookup(db: sqlite_utils.Database, sql: str, ids: list[str], chunk: int = 500) -> Iterator[str]:
    for begin in range(0, len(ids), chunk):
        part = ids[begin:begin + chunk]
        for (row_id,) in db.conn.execute(sql.format(ids=", ".join("?" * len(part))), part):
            yield row_id


def _within(graph: nx.MultiDiGraph, centres: list[str], depth: int) -> set[str]:
    """Nodes at most ``depth`` hops from any centre, edges followed both ways."""
    seen = set(centres)
    frontier = deque((centre, 0) for centre in centres)
    while frontier:
        node, distance = frontier.popleft()
        if distance == depth:
            continue
        for neighbour in (*graph.successors(node), *graph.predecessors(node)):
            if neighbour not in seen:
                seen.add(neighbour)
                frontier.append((neighbour, distance + 1))
    return seen


@dataclass(frozen=True)
class _Selection:
    """SQL that selects the filtered articles, statements and claims, with its parameters.

    Each ``*_sql`` is a subquery (``select id from ...``) or ``None`` for "all rows", so an
    unfiltered build reads whole tables without the cost of ``in (...)`` tests.
    """

    articles_sql: str | None
    statements_sql: str | None
    claims_sql: str | None
    params: dict

    @classmethod
    def from_filter(
        cls, db: sqlite_utils.Database, graph_filter: GraphFilter, within: set[str] | None = None
    ) -> _Selection:
        """The selection for ``graph_filter``, limited to the articles ``within`` when given."""
        params: dict = {}
        article_conditions = []
        if within is not None:
            # a JSON array parameter: no temporary table, so a read-only connection works too
            params["within"] = json.dumps(sorted(within))
            article_conditions.append("id in (select value from json_each(:within))")
        if graph_filter.since:
            params["since"] = parse_filter_date(graph_filter.since, "since").isoformat()
            article_conditions.append("datetime(published) >= :since")
        if graph_filter.until:
            params["until_next"] = (parse_filter_date(graph_filter.until, "until") + timedelta(days=1)).isoformat()
            article_conditions.append("datetime(published) < :until_next")
        dated = f"select id from articles where {' and '.join(article_conditions)}" if article_conditions else None

        claim_conditions = []
        if dated:
            claim_conditions.append(f"article_id in ({dated})")
        if graph_filter.claim_types:
            for name in graph_filter.claim_types:
                vocabulary().claim_type(name)
            names = {f"type{i}": name for i, name in enumerate(graph_filter.claim_types)}
            params.update(names)
            claim_conditions.append(f"type in ({', '.join(':' + key for key in names)})")
        if graph_filter.cluster:
            if db.conn.execute("select 1 from claim_clusters where id = ?", [graph_filter.cluster]).fetchone() is None:
                raise InputError(f"no claim cluster {graph_filter.cluster!r}")
            params["cluster"] = graph_filter.cluster
            claim_conditions.append("id in (select claim_id from claim_cluster_members where cluster_id = :cluster)")
        claims = f"select id from claims where {' and '.join(claim_conditions)}" if claim_conditions else None

        if graph_filter.narrows_claims:
            statements = f"select statement_id from claims where id in ({claims}) and statement_id is not null"
            articles = f"select article_id from claims where id in ({claims})"
        else:
            statements = f"select id from statements where article_id in ({dated})" if dated else None
            articles = dated
        return cls(articles, statements, claims, params)

    def where(self, column: str, subquery: str | None, *, prefix: str = "where") -> str:
        return f" {prefix} {column} in ({subquery})" if subquery else ""


def parse_filter_date(text: str, option: str) -> date:
    try:
        return parse_day(text)
    except ValueError:
        raise InputError(f"--{option} {text!r} is not a date (use YYYY-MM-DD)") from None


def _rows(db: sqlite_utils.Database, sql: str, params: dict) -> Iterator[tuple]:
    return db.conn.execute(sql, params)


def _clean(attrs: dict) -> dict:
    """Drop attributes without a value: GEXF and GraphML cannot hold None."""
    return {key: value for key, value in attrs.items() if value is not None}


def _outlet_nodes(db, selection: _Selection) -> Iterator[tuple[str, dict]]:
    where = selection.where("id", f"select outlet_id from articles where id in ({selection.articles_sql})"
                            if selection.articles_sql else None)
    for row_id, name, domain in _rows(db, f"select id, name, domain from outlets{where}", selection.params):
        yield f"outlet:{row_id}", _clean({"kind": "outlet", "label": name or row_id, "row_id": row_id, "domain": domain})


def _article_nodes(db, selection: _Selection) -> Iterator[tuple[str, dict]]:
    sql = "select id, title, url, outlet_id, published from articles" + selection.where("id", selection.articles_sql)
    for row_id, title, url, outlet_id, published in _rows(db, sql, selection.params):
        yield f"article:{row_id}", _clean({
            "kind": "article", "label": title or url or row_id, "row_id": row_id, "url": url,
            "outlet_id": outlet_id, "published": published,
        })


def _statement_nodes(db, selection: _Selection) -> Iterator[tuple[str, dict]]:
    sql = (
        "select id, article_id, content, kind, speaker_text, cue, start, \"end\" from statements"
        + selection.where("id", selection.statements_sql)
    )
    for row_id, article_id, content, kind, speaker_text, cue, start, end in _rows(db, sql, selection.params):
        yield f"statement:{row_id}", _clean({
            "kind": "statement", "label": content or row_id, "row_id": row_id, "article_id": article_id,
            "statement_kind": kind, "speaker_text": speaker_text, "cue": cue, "char_start": start, "char_end": end,
        })


def _claim_nodes(db, selection: _Selection) -> Iterator[tuple[str, dict]]:
    sql = (
        "select id, article_id, type, text, polarity, certainty, event_time, start, \"end\" from claims"
        + selection.where("id", selection.claims_sql)
        + selection.where("article_id", selection.articles_sql, prefix="and" if selection.claims_sql else "where")
    )
    for row_id, article_id, type_, text, polarity, certainty, event_time, start, end in _rows(db, sql, selection.params):
        yield f"claim:{row_id}", _clean({
            "kind": "claim", "label": text or row_id, "row_id": row_id, "article_id": article_id,
            "claim_type": type_, "polarity": polarity,
            "certainty": None if certainty is None else float(certainty),
            "event_time": event_time, "char_start": start, "char_end": end,
        })


def _selected_claims(selection: _Selection) -> str:
    """A condition on ``claims`` (aliased ``c``) that keeps only the selected claims."""
    conditions = []
    if selection.claims_sql:
        conditions.append(f"c.id in ({selection.claims_sql})")
    if selection.articles_sql:
        conditions.append(f"c.article_id in ({selection.articles_sql})")
    return " and ".join(conditions) or "1"


def _measurement_nodes(db, selection: _Selection) -> Iterator[tuple[str, dict]]:
    sql = f"""
        select id, kind, subject_type, subject, start, "end", value, unit from measurements
        where id in (select e.measurement_id from claim_evidence e join claims c on c.id = e.claim_id
                     where {_selected_claims(selection)})
    """
    for row_id, kind, subject_type, subject, start, end, value, unit in _rows(db, sql, selection.params):
        label = " ".join(str(part) for part in (kind, subject, start) if part)
        yield f"measurement:{row_id}", _clean({
            "kind": "measurement", "label": label or row_id, "row_id": row_id, "measurement_kind": kind,
            "subject_type": subject_type, "subject": subject, "time_start": start, "time_end": end,
            "value": None if value is None else float(value), "unit": unit,
        })


def _cluster_nodes(db, selection: _Selection) -> Iterator[tuple[str, dict]]:
    sql = f"""
        select id, type, label, n_claims, n_outlets, first_outlet_id, first_published, variants, conflicting, note
        from claim_clusters
        where id in (select m.cluster_id from claim_cluster_members m join claims c on c.id = m.claim_id
                     where {_selected_claims(selection)})
    """
    for row in _rows(db, sql, selection.params):
        row_id, type_, label, n_claims, n_outlets, first_outlet, first_published, variants, conflicting, note = row
        yield f"cluster:{row_id}", _clean({
            "kind": "cluster", "label": label or row_id, "row_id": row_id, "claim_type": type_,
            "n_claims": n_claims, "n_outlets": n_outlets, "first_outlet_id": first_outlet,
            "first_published": first_published, "variants": variants,
            "conflicting": None if conflicting is None else bool(conflicting), "note": note,
        })


def _actor_nodes(db, actor_ids: set[str]) -> Iterator[tuple[str, dict]]:
    for row_id, name, type_, country, wikidata in db.conn.execute(
        "select id, name, type, country, wikidata from actors"
    ):
        if row_id in actor_ids:
            yield f"actor:{row_id}", _clean({
                "kind": "actor", "label": name or row_id, "row_id": row_id, "actor_type": type_,
                "country": country, "wikidata": wikidata,
            })


def _affiliations(db, actor_ids: set[str]) -> Iterator[tuple[str, str]]:
    for row_id, affiliation_id in db.conn.execute(
        "select id, affiliation_id from actors where affiliation_id is not null"
    ):
        if row_id in actor_ids and affiliation_id in actor_ids:
            yield f"actor:{row_id}", f"actor:{affiliation_id}"


def _edges(db, selection: _Selection) -> Iterator[tuple[str, str, str, dict]]:
    """Every edge but ``affiliated`` as (source, target, kind, attributes)."""
    params = selection.params
    articles = selection.where("id", selection.articles_sql)
    for article_id, outlet_id in _rows(db, f"select id, outlet_id from articles{articles}", params):
        if outlet_id:
            yield f"outlet:{outlet_id}", f"article:{article_id}", "published", {"article_id": article_id}

    mentions = (
        "select article_id, actor_id, count(*), min(start), min(\"end\") from mentions where actor_id is not null"
        + selection.where("article_id", selection.articles_sql, prefix="and")
        + " group by article_id, actor_id"
    )
    for article_id, actor_id, count, start, end in _rows(db, mentions, params):
        yield f"article:{article_id}", f"actor:{actor_id}", "mentions", {
            "article_id": article_id, "count": count, "char_start": start, "char_end": end,
        }

    statements = (
        "select id, article_id, speaker_id, cue, speaker_start, speaker_end from statements"
        + selection.where("id", selection.statements_sql)
    )
    for statement_id, article_id, speaker_id, cue, speaker_start, speaker_end in _rows(db, statements, params):
        yield f"article:{article_id}", f"statement:{statement_id}", "reports", {"article_id": article_id}
        if speaker_id:
            yield f"actor:{speaker_id}", f"statement:{statement_id}", "said", _clean({
                "statement_id": statement_id, "article_id": article_id, "cue": cue,
                "char_start": speaker_start, "char_end": speaker_end,
            })

    claims = (
        "select c.id, c.article_id, c.statement_id, c.source_actor_id, c.subject_id, c.object_id from claims c"
        f" where {_selected_claims(selection)}"
    )
    for claim_id, article_id, statement_id, source_id, subject_id, object_id in _rows(db, claims, params):
        ids = {"claim_id": claim_id, "article_id": article_id}
        if statement_id:
            yield f"statement:{statement_id}", f"claim:{claim_id}", "carries", {"statement_id": statement_id, **ids}
        else:
            yield f"article:{article_id}", f"claim:{claim_id}", "asserts", ids
        if source_id:
            yield f"actor:{source_id}", f"claim:{claim_id}", "makes", ids
        if subject_id:
            yield f"claim:{claim_id}", f"actor:{subject_id}", "subject", ids
        if object_id:
            yield f"claim:{claim_id}", f"actor:{object_id}", "object", ids

    evidence = f"""
        select e.claim_id, e.measurement_id, e.verdict, e.claimed, e.measured, e.explanation, e.rule
        from claim_evidence e join claims c on c.id = e.claim_id where {_selected_claims(selection)}
    """
    link_types = vocabulary().link_types
    for claim_id, measurement_id, verdict, claimed, measured, explanation, rule in _rows(db, evidence, params):
        if verdict in link_types:
            yield f"measurement:{measurement_id}", f"claim:{claim_id}", verdict, _clean({
                "claim_id": claim_id, "measurement_id": measurement_id, "claimed": claimed,
                "measured": measured, "explanation": explanation, "rule": rule,
            })

    members = f"""
        select m.claim_id, m.cluster_id from claim_cluster_members m join claims c on c.id = m.claim_id
        where {_selected_claims(selection)}
    """
    for claim_id, cluster_id in _rows(db, members, params):
        yield f"claim:{claim_id}", f"cluster:{cluster_id}", "member_of", {"claim_id": claim_id, "cluster_id": cluster_id}


def node_kinds(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many nodes of each kind the graph has, e.g. ``{"actor": 12, "claim": 30}``."""
    counts: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def edge_kinds(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many edges of each kind the graph has, e.g. ``{"said": 4, "supports": 1}``."""
    counts: dict[str, int] = {}
    for _, _, kind in graph.edges(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    return counts
