"""The actor network: who accuses, denies, threatens, condemns or speaks about whom.

Actors are the nodes; claims are aggregated in SQL into typed edges from the actor who
acts or speaks to the actor the claim is aimed at, one edge per (type, source, target)
with the number of claims behind it and, where claims were checked, their verdicts:

* ``accuses``, ``denies``, ``threatens``, ``condemns``: from the claim's subject (who
  accuses), or its source when the subject is missing or is the target itself, to its
  object (the accused).
* ``said_about``: every other claim, from its source (who said it) to the actor it is
  about: its object, or its subject for reports and statements
  (:data:`claimgraph.queries.fragments.SUBJECT_IS_TOPIC`).

Claims without both ends (unattributed, or aimed at nobody) and claims an actor makes
about itself make no edge. :func:`count_network` sizes a selection with one aggregate
query, so a page can refuse a network too large to draw before :func:`build_network`
reads any claim text. The full provenance graph (articles, statements, measurements)
is :func:`claimgraph.graph.build.build_graph`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

import sqlite_utils

from ..errors import InputError
from ..queries.fragments import CLAIM_VERDICTS, SUBJECT_IS_TOPIC
from .build import centre_actor_ids, parse_filter_date

ACTING_TYPES = ("accuses", "denies", "threatens", "condemns")
EDGE_TYPES = (*ACTING_TYPES, "said_about")
# claims listed on an edge (newest last); the edge's count still counts them all
CLAIMS_PER_EDGE = 25


@dataclass(frozen=True)
class NetworkFilter:
    """Which claims make the network; the default is every claim.

    * ``actor``: only this actor (name, alias or id) and the actors ``depth`` edges away,
      with the edges between them.
    * ``since`` / ``until``: only claims in articles published in this range (UTC dates, inclusive).
    * ``edge_types``: only these edge types (see :data:`EDGE_TYPES`).
    * ``cluster``: only the claims of this claim cluster (one story across outlets).
    * ``min_count``: only edges with at least this many claims behind them.
    """

    actor: str | None = None
    depth: int = 1
    since: str | None = None
    until: str | None = None
    edge_types: tuple[str, ...] = ()
    cluster: str | None = None
    min_count: int = 1


@dataclass
class ActorNetwork:
    """Nodes and edges as dicts, ready for Cytoscape.js (see :meth:`elements`)."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    centres: list[str] = field(default_factory=list)

    def elements(self) -> dict:
        return {"nodes": [{"data": node} for node in self.nodes], "edges": [{"data": edge} for edge in self.edges]}


@dataclass(frozen=True)
class NetworkSize:
    nodes: int
    edges: int


def _type_list(names: tuple[str, ...]) -> str:
    return ", ".join(f"'{name}'" for name in names)


# One row per claim that makes an edge: claim_id, edge_type, source_id, target_id, published_utc.
_CLAIM_EDGES = f"""
select claims.id as claim_id, claims.edge_type, claims.source_id, claims.target_id, articles.published_utc
from (
  select id, article_id,
    case when type in ({_type_list(ACTING_TYPES)}) then type else 'said_about' end as edge_type,
    case when type in ({_type_list(ACTING_TYPES)}) and subject_id is not null
              and subject_id != coalesce(object_id, '') then subject_id
         else source_actor_id end as source_id,
    case when type in ({_type_list(SUBJECT_IS_TOPIC)}) then coalesce(object_id, subject_id)
         else object_id end as target_id
  from claims
) as claims
join articles on articles.id = claims.article_id
where claims.source_id is not null and claims.target_id is not null and claims.source_id != claims.target_id
"""


@dataclass(frozen=True)
class _Where:
    sql: str
    params: dict
    centres: list[str]


def _selection(db: sqlite_utils.Database, network_filter: NetworkFilter) -> _Where:
    """The conditions on ``_CLAIM_EDGES`` rows that the filter asks for, with the actor's reach found in SQL."""
    conditions: list[str] = []
    params: dict = {}
    if network_filter.since:
        params["since"] = parse_filter_date(network_filter.since, "since").isoformat()
        conditions.append("articles.published_utc >= :since")
    if network_filter.until:
        params["until_next"] = (parse_filter_date(network_filter.until, "until") + timedelta(days=1)).isoformat()
        conditions.append("articles.published_utc < :until_next")
    if network_filter.edge_types:
        unknown = sorted(set(network_filter.edge_types) - set(EDGE_TYPES))
        if unknown:
            raise InputError(f"unknown edge type {unknown[0]!r}; edge types: {', '.join(EDGE_TYPES)}")
        params["edge_types"] = json.dumps(list(network_filter.edge_types))
        conditions.append("claims.edge_type in (select value from json_each(:edge_types))")
    if network_filter.cluster:
        if db.conn.execute("select 1 from claim_clusters where id = ?", [network_filter.cluster]).fetchone() is None:
            raise InputError(f"no claim cluster {network_filter.cluster!r}")
        params["cluster"] = network_filter.cluster
        conditions.append("claims.id in (select claim_id from claim_cluster_members where cluster_id = :cluster)")
    centres: list[str] = []
    if network_filter.actor:
        if not 1 <= network_filter.depth <= 3:
            raise InputError(f"depth must be 1, 2 or 3 in the actor network, not {network_filter.depth}")
        centres = centre_actor_ids(db, network_filter.actor)
        reached = _reach(db, centres, network_filter.depth, " and ".join(conditions), params)
        params["actors"] = json.dumps(sorted(reached))
        conditions.append("claims.source_id in (select value from json_each(:actors))"
                          " and claims.target_id in (select value from json_each(:actors))")
    return _Where("".join(f" and {condition}" for condition in conditions), params, centres)


def _reach(db, centres: list[str], depth: int, conditions: str, params: dict) -> set[str]:
    """The actors at most ``depth`` edges from ``centres``, edges followed both ways."""
    reached = set(centres)
    frontier = set(centres)
    extra = f" and {conditions}" if conditions else ""
    for _ in range(depth):
        sql = f"""
            with edges as ({_CLAIM_EDGES}{extra})
            select target_id from edges where source_id in (select value from json_each(:frontier))
            union select source_id from edges where target_id in (select value from json_each(:frontier))
        """
        found = {row[0] for row in db.conn.execute(sql, {**params, "frontier": json.dumps(sorted(frontier))})}
        frontier = found - reached
        reached |= frontier
        if not frontier:
            break
    return reached


def _edges_sql(where: _Where) -> str:
    """One row per edge: edge_type, source_id, target_id, claims, first, last, supports, contradicts, mixed, inconclusive."""
    return f"""
        select e.edge_type, e.source_id, e.target_id, count(*) as claims,
          min(e.published_utc) as first_published, max(e.published_utc) as last_published,
          sum(v.verdict = 'supports') as supports, sum(v.verdict = 'contradicts') as contradicts,
          sum(v.verdict = 'mixed') as mixed, sum(v.verdict = 'inconclusive') as inconclusive
        from ({_CLAIM_EDGES}{where.sql}) as e
        left join ({CLAIM_VERDICTS}) as v on v.claim_id = e.claim_id
        group by e.edge_type, e.source_id, e.target_id
        having count(*) >= :min_count
    """


def count_network(db: sqlite_utils.Database, network_filter: NetworkFilter | None = None) -> NetworkSize:
    """How many actors and edges the network for ``network_filter`` has, counted in SQL without building it."""
    network_filter = network_filter or NetworkFilter()
    where = _selection(db, network_filter)
    params = {**where.params, "min_count": network_filter.min_count}
    row = db.conn.execute(f"""
        with edges as ({_edges_sql(where)})
        select (select count(*) from edges),
          (select count(*) from (select source_id from edges union select target_id from edges
                                 union select value from json_each(:centres)))
    """, {**params, "centres": json.dumps(where.centres)}).fetchone()
    return NetworkSize(nodes=row[1], edges=row[0])


def edge_verdict(supports: int, contradicts: int, mixed: int, inconclusive: int) -> str | None:
    """The colour an edge gets from its checked claims: None when none was checked.

    ``mixed`` when its claims' verdicts disagree (or one claim's measurements do), so that
    an edge is only green or red when every checked claim behind it is.
    """
    if mixed or (supports and contradicts):
        return "mixed"
    if contradicts:
        return "contradicts"
    if supports:
        return "supports"
    if inconclusive:
        return "inconclusive"
    return None


def build_network(db: sqlite_utils.Database, network_filter: NetworkFilter | None = None) -> ActorNetwork:
    """The actor network for ``network_filter``: actors sized by statements, claims aggregated into typed edges.

    Raises :class:`~claimgraph.errors.InputError` for an unknown actor, cluster, edge type or unreadable date.
    """
    network_filter = network_filter or NetworkFilter()
    where = _selection(db, network_filter)
    params = {**where.params, "min_count": network_filter.min_count}
    edges = []
    for row in db.conn.execute(_edges_sql(where), params):
        edge_type, source, target, claims, first, last, supports, contradicts, mixed, inconclusive = row
        edges.append({
            "id": f"{edge_type}:{source}:{target}", "source": f"actor:{source}", "target": f"actor:{target}",
            "kind": edge_type, "label": f"{edge_type.replace('_', ' ')} ({claims})", "count": claims,
            "first_published": first, "last_published": last,
            "verdict": edge_verdict(supports or 0, contradicts or 0, mixed or 0, inconclusive or 0),
            "checked": (supports or 0) + (contradicts or 0) + (mixed or 0) + (inconclusive or 0),
            "claims": [],
        })
    by_key = {(edge["kind"], edge["source"][6:], edge["target"][6:]): edge for edge in edges}
    _add_claims(db, where, params, by_key)
    actors = {edge["source"][6:] for edge in edges} | {edge["target"][6:] for edge in edges} | set(where.centres)
    nodes = list(_actor_nodes(db, actors, where.centres))
    return ActorNetwork(nodes=nodes, edges=edges, centres=where.centres)


def _add_claims(db, where: _Where, params: dict, edges: dict) -> None:
    """Put the first :data:`CLAIMS_PER_EDGE` claims (in publication order) on each edge."""
    if not edges:
        return
    sql = f"""
        select * from (
          select e.edge_type, e.source_id, e.target_id, claims.id, claims.text, claims.type, claims.polarity,
            claims.certainty, statements.content as quote, coalesce(source.name, statements.speaker_text) as said_by,
            outlets.name as outlet, articles.published, articles.published_utc, articles.id as article_id, v.verdict,
            row_number() over (partition by e.edge_type, e.source_id, e.target_id
                               order by e.published_utc, claims.id) as position
          from ({_CLAIM_EDGES}{where.sql}) as e
          join claims on claims.id = e.claim_id
          join articles on articles.id = claims.article_id
          left join outlets on outlets.id = articles.outlet_id
          left join statements on statements.id = claims.statement_id
          left join actors as source on source.id = claims.source_actor_id
          left join ({CLAIM_VERDICTS}) as v on v.claim_id = claims.id
        ) where position <= {CLAIMS_PER_EDGE}
        order by position
    """
    for row in db.conn.execute(sql, params):
        edge = edges.get(row[:3])
        if edge is None:  # an edge below min_count
            continue
        (claim_id, text, type_, polarity, certainty, quote, said_by, outlet, published, published_utc,
         article_id, verdict, _) = row[3:]
        edge["claims"].append({
            "id": claim_id, "text": text, "type": type_, "polarity": polarity, "certainty": certainty,
            "quote": quote, "said_by": said_by, "outlet": outlet, "published": published_utc or published,
            "article_id": article_id, "verdict": verdict,
        })


def _actor_nodes(db, actors: set[str], centres: list[str]):
    sql = """
        select actors.id, actors.name, actors.type, actors.country,
          (select count(*) from statements where statements.speaker_id = actors.id) as statements
        from actors where actors.id in (select value from json_each(:ids))
        order by actors.id
    """
    centre_set = set(centres)
    missing = set(actors)
    for row_id, name, type_, country, statements in db.conn.execute(sql, {"ids": json.dumps(sorted(actors))}):
        missing.discard(row_id)
        yield {
            "id": f"actor:{row_id}", "row_id": row_id, "kind": "actor", "label": name or row_id,
            "actor_type": type_ or "unknown", "country": country, "statements": statements,
            "centre": row_id in centre_set,
        }
    for row_id in sorted(missing):  # a claim pointing at an actor row that is gone (a dangling foreign key)
        yield {"id": f"actor:{row_id}", "row_id": row_id, "kind": "actor", "label": row_id,
               "actor_type": "unknown", "statements": 0, "centre": False}
