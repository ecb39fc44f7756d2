"""Cross-source corroboration: group the same claim reported by several articles.

Two claims are *the same underlying claim* when all of these hold:

* **same type** (both ``reports_measurement``, both ``accuses``, ...);
* **same actors**: subjects agree and objects agree, where a side the extractor left empty
  agrees with anything, but at least one actor must be shared (claims with no actors at all
  need a near-identical text instead);
* **compatible figures**: for every unit both quote (seconds, addresses, bit/s), the values
  are within a factor of :data:`SAME_STORY_RATIO` of each other ("9 hours" and "12 hours"
  are one story told two ways; "9 hours" and "2 hours" are two outages), and claims that
  quote figures in different units only are different claims;
* **compatible times**: event times, when both have one, at most :data:`EVENT_WINDOW` apart
  (a Monday in Washington is a Tuesday in Pyongyang);
* **similar text**: a rapidfuzz score of at least :data:`MIN_SIMILARITY`;
  :data:`MIN_SIMILARITY_BOTH_ACTORS` when subject and object are both shared ("the FBI named
  North Korea as the perpetrators" and "the FBI accused North Korea"), and
  :data:`MIN_SIMILARITY_WITH_FIGURES` when they share a compatible figure, since outlets word
  the same measurement very differently.

Claims are taken in the order they were reported (publication time in UTC, then ingest
order) and each joins the best matching cluster whose members it is all compatible with
(complete linkage), so a chain of small differences cannot merge two different stories.
Only clusters that share an actor with the claim and were reported within
:data:`REPORTING_WINDOW` are compared, which keeps the work linear in the number of claims.
A cluster needs claims from at least two articles.

For each cluster, ``claim_clusters`` records the first report (claim, article, outlet,
time), how many claims and outlets carry it, the distinct figures quoted (``variants``),
and ``conflicting`` with a ``note`` when two figures disagree by more than
:data:`~claimgraph.link.cluster_records.CONFLICT_TOLERANCE` once their qualifiers are taken into account ("more than 7
hours" agrees with "9 hours"; "12 hours" does not).
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from typing import Protocol

import sqlite_utils
from rapidfuzz import fuzz

from ..db import upsert_rows
from ..timeutil import UTC, utc_datetime
from .cluster_records import ClaimRow, Figure, cluster_row, story_row

SAME_STORY_RATIO = 2.0
EVENT_WINDOW = timedelta(days=2)
REPORTING_WINDOW = timedelta(days=14)
MIN_SIMILARITY = 70.0
MIN_SIMILARITY_BOTH_ACTORS = 60.0
MIN_SIMILARITY_WITH_FIGURES = 30.0
NO_ACTOR_SIMILARITY = 90.0
MAX_CANDIDATES = 200
MAX_MEMBERS_COMPARED = 5
# Which frame files a claim in a story when it has several: its length before its start.
ATTRIBUTE_PRIORITY = ("duration", "rate", "start", "end", "under_way")

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class Cluster:
    members: list[ClaimRow]

    @property
    def last_reported(self) -> datetime | None:
        return self.members[-1].reported


class PreviousPeriod(Protocol):
    """What clustering asks of the previous period's database: :class:`claimgraph.link.earlier.EarlierPeriod`."""

    def claims_before(self, claims: list[ClaimRow]) -> list[ClaimRow]: ...
    def with_frame_stories(self, stories: dict, framed: set, earlier: list[ClaimRow]) -> tuple[dict, set]: ...
    def outlet_names(self) -> dict[str, str]: ...
    def first_report_here(self, db: sqlite_utils.Database, members: list[ClaimRow], row: dict, earlier_ids: set[str]) -> None: ...
    def copied_reports(self, groups: list[tuple[list[ClaimRow], dict]], earlier_ids: set[str]) -> list[dict]: ...


def cluster_claims(db: sqlite_utils.Database, previous: PreviousPeriod | None = None) -> int:
    """Group every claim in the database into claim clusters; returns how many clusters.

    With ``previous`` (the database of the period before, read-only), its claims of the last
    :data:`REPORTING_WINDOW` before this database's first report are clustered with this
    database's, and a story that began there is recorded here with those reports copied into
    ``claim_cluster_earlier`` (see :mod:`claimgraph.link.earlier`). Clusters with no member in
    this database are left to the previous one.

    Rewrites ``claim_clusters``, ``claim_cluster_members`` and ``claim_cluster_earlier`` in one
    transaction, so running it again gives the same clusters with the same ids.
    """
    claims, stories, framed, outlet_names, earlier_ids = read_cluster_inputs(db, previous)
    story_groups, word_groups = cluster_inputs(claims, stories, framed)
    groups = [found for group in story_groups for found in stories_of(group, stories, outlet_names)]
    groups += [found for group in word_groups for found in clusters_of(group, outlet_names)]
    return save_clusters(db, groups, previous, earlier_ids)


def read_cluster_inputs(db: sqlite_utils.Database, previous: PreviousPeriod | None = None) -> tuple:
    """``(claims, story frames, framed claim ids, outlet names, ids of the previous period's claims)``.

    With ``previous``, its claims of the reporting window before this database's first report
    come first, and the claims' ``order`` is their place in the merged reporting order.
    """
    claims = read_claims(db)
    stories, framed = read_frame_stories(db)
    outlet_names = dict(db.conn.execute("select id, coalesce(name, id) from outlets").fetchall())
    earlier: list[ClaimRow] = []
    if previous is not None:
        earlier = previous.claims_before(claims)
        claims = merge_in_reporting_order(earlier, claims)
        stories, framed = previous.with_frame_stories(stories, framed, earlier)
        outlet_names = {**previous.outlet_names(), **outlet_names}
    return claims, stories, framed, outlet_names, {claim.id for claim in earlier}


def cluster_inputs(claims: list[ClaimRow], stories: dict[str, dict], framed: set[str]) -> tuple[list, list]:
    """The independent parts of clustering: (claims of each story, claims of each type), in reporting order.

    A story is the claims about one attribute of one measured event (a frame's ``(event_id,
    attribute)``); the other claims, unless they quote a measured event's attribute, are
    clustered by their words within their type.
    """
    by_story: dict[tuple, list[ClaimRow]] = defaultdict(list)
    by_type: dict[str, list[ClaimRow]] = defaultdict(list)
    for claim in claims:
        if claim.id in stories:
            by_story[stories[claim.id]["key"]].append(claim)
        elif claim.id not in framed:
            by_type[claim.type].append(claim)
    return list(by_story.values()), list(by_type.values())


def actor_groups(claims: list[ClaimRow]) -> list[list[ClaimRow]]:
    """Claims of one type split where no chain of shared actors joins them, each part in reporting order.

    A claim is only compared with clusters in the buckets of its actors (:func:`_bucket_keys`),
    so claims whose actors never meet, directly or through other claims, cluster the same
    apart as together.
    """
    parent: dict[tuple, tuple] = {}

    def root(key: tuple) -> tuple:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for claim in claims:
        first, *others = _bucket_keys(claim)
        for key in others:
            parent[root(key)] = root(first)
    groups: dict[tuple, list[ClaimRow]] = defaultdict(list)
    for claim in claims:
        groups[root(_bucket_keys(claim)[0])].append(claim)
    return list(groups.values())


def stories_of(members: list[ClaimRow], stories: dict[str, dict], outlet_names: dict[str, str]) -> list[tuple]:
    """``(members, claim_clusters row)`` of the story these claims tell, if two articles report it; no database."""
    if len({member.article_id for member in members}) < 2:
        return []
    return [(members, story_row(members, stories, outlet_names))]


def clusters_of(claims: list[ClaimRow], outlet_names: dict[str, str]) -> list[tuple]:
    """``(members, claim_clusters row)`` of each cluster of these claims of one type, as they open; no database."""
    return [(cluster.members, cluster_row(cluster.members, outlet_names)) for cluster in _cluster_group(claims)]


def save_clusters(db: sqlite_utils.Database, groups: list[tuple[list[ClaimRow], dict]],
                  previous: PreviousPeriod | None = None, earlier_ids: set[str] = frozenset()) -> int:
    """Replace the clusters with ``groups``, ``(members, claim_clusters row)`` each; returns how many are kept.

    With the previous period's claims among the members (``earlier_ids``), a cluster of
    those alone is left to that period, and the others record their earlier reports.
    """
    earlier_rows = []
    if earlier_ids:
        groups = [(members, row) for members, row in groups if any(m.id not in earlier_ids for m in members)]
        for group, row in groups:
            previous.first_report_here(db, group, row, earlier_ids)
        earlier_rows = previous.copied_reports(groups, earlier_ids)
    rows = [row for _, row in groups]
    members = [(member.id, row["id"]) for group, row in groups for member in group if member.id not in earlier_ids]
    # one transaction for the whole rewrite: readers see the old clusters or the new, never half
    with db.conn:
        db.conn.execute("delete from claim_cluster_earlier")
        db.conn.execute("delete from claim_cluster_members")
        db.conn.execute("delete from claim_clusters")
        upsert_rows(db, "claim_clusters", rows, conflict="abort", partial=True)
        db.conn.executemany("insert into claim_cluster_members (claim_id, cluster_id) values (?, ?)", members)
        upsert_rows(db, "claim_cluster_earlier", earlier_rows, conflict="abort", partial=True)
    return len(groups)


def read_claims(db: sqlite_utils.Database, since: str | None = None) -> list[ClaimRow]:
    """Every typed claim, in reporting order; with ``since`` (``articles.published_utc`` form) only those reported from then on."""
    window = "and articles.published_utc >= :since" if since else ""
    figures: dict[str, list[Figure]] = defaultdict(list)
    for claim_id, text, value, unit, qualifier in db.conn.execute(
        "select claim_id, text, normalized_value, normalized_unit, qualifier from quantities "
        "where claim_id is not null and normalized_value is not null "
        + ("and article_id in (select id from articles where published_utc >= :since) " if since else "")
        + "order by claim_id, start", {"since": since}
    ):
        figures[claim_id].append(Figure(text or "", float(value), unit or "", qualifier or "exact"))
    rows = db.conn.execute(
        f"""
        select claims.id, claims.article_id, articles.outlet_id, claims.type, claims.subject_id,
               claims.object_id, coalesce(claims.text, claims.sentence, ''), claims.event_time,
               articles.published, articles.ingested_at, articles.rowid, claims.start, claims.sentence
        from claims join articles on articles.id = claims.article_id
        where claims.type is not null {window}
        """, {"since": since}
    ).fetchall()
    claims = []
    for order, row in enumerate(sorted(rows, key=lambda r: (_sort_time(r[8]), r[9] or "", r[10], r[11] or 0))):
        claim_id, article_id, outlet_id, type_, subject_id, object_id, text, event_time, published = row[:9]
        claims.append(ClaimRow(
            id=claim_id, article_id=article_id, outlet_id=outlet_id, type=type_, subject_id=subject_id,
            object_id=object_id, text=text, event_time=utc_datetime(event_time), reported=utc_datetime(published),
            published=published, order=order, figures=figures.get(claim_id, []),
            words=_comparable_text(text), sentence=row[12] or text,
        ))
    return claims


def merge_in_reporting_order(earlier: list[ClaimRow], claims: list[ClaimRow]) -> list[ClaimRow]:
    """The previous period's claims and this one's in one reporting order (an earlier period's first at equal times)."""
    merged = sorted(
        [(claim, 0) for claim in earlier] + [(claim, 1) for claim in claims],
        key=lambda pair: (_sort_time(pair[0].published), pair[1], pair[0].order),
    )
    for order, (claim, _) in enumerate(merged):
        claim.order = order
    return [claim for claim, _ in merged]


def _sort_time(published: str | None) -> datetime:
    """Reports with no publication time sort last."""
    return utc_datetime(published) or datetime.max.replace(tzinfo=UTC)


def _comparable_text(text: str) -> str:
    """Lower case, numbers removed: the figures are compared separately."""
    return " ".join(_NUMBER.sub(" ", text.lower()).split())


def _cluster_group(claims: list[ClaimRow]) -> list[Cluster]:
    """Greedy clustering of one claim type's claims, in reporting order.

    Open clusters are kept in buckets by actor (subject, object, or "no actors"), so a claim
    is only compared with recent clusters that could share an actor with it: at most
    :data:`MAX_CANDIDATES` per bucket, each against at most :data:`MAX_MEMBERS_COMPARED`
    of its members (the first report and the latest ones).
    """
    buckets: dict[tuple, deque[Cluster]] = defaultdict(deque)
    all_clusters: list[Cluster] = []
    for claim in claims:
        horizon = claim.reported - REPORTING_WINDOW if claim.reported else None
        keys = _bucket_keys(claim)
        candidates: dict[int, Cluster] = {}
        for key in keys:
            bucket = buckets[key]
            while horizon and bucket and bucket[0].last_reported and bucket[0].last_reported < horizon:
                bucket.popleft()
            for cluster in islice(reversed(bucket), MAX_CANDIDATES):
                candidates.setdefault(id(cluster), cluster)
        best, best_score = None, -1.0
        for cluster in candidates.values():
            if horizon and cluster.last_reported and cluster.last_reported < horizon:
                continue
            score = _fit(cluster, claim)
            if score is not None and score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = Cluster([claim])
            all_clusters.append(best)
        else:
            best.members.append(claim)
        for key in keys:
            if not buckets[key] or buckets[key][-1] is not best:
                buckets[key].append(best)
    return [cluster for cluster in all_clusters if len({m.article_id for m in cluster.members}) >= 2]


def _bucket_keys(claim: ClaimRow) -> list[tuple]:
    keys = [("subject", claim.subject_id)] if claim.subject_id else []
    if claim.object_id:
        keys.append(("object", claim.object_id))
    return keys or [("no actors",)]


def _fit(cluster: Cluster, claim: ClaimRow) -> float | None:
    """How well ``claim`` fits ``cluster`` (its lowest similarity to the members compared), or None."""
    members = cluster.members
    compared = members if len(members) <= MAX_MEMBERS_COMPARED else [members[0], *members[-(MAX_MEMBERS_COMPARED - 1):]]
    scores = []
    for member in compared:
        score = similarity(member, claim)
        if score is None:
            return None
        scores.append(score)
    return min(scores)


def similarity(a: ClaimRow, b: ClaimRow) -> float | None:
    """The text similarity (0-100) of two claims of one type, or None if they cannot be the same claim."""
    if a.type != b.type:
        return None
    shared_actors = 0
    for mine, theirs in ((a.subject_id, b.subject_id), (a.object_id, b.object_id)):
        if mine and theirs:
            if mine != theirs:
                return None
            shared_actors += 1
    if a.event_time and b.event_time and abs(a.event_time - b.event_time) > EVENT_WINDOW:
        return None
    shared_units = a.units & b.units
    if a.figures and b.figures and not shared_units:
        return None
    for unit in shared_units:
        if not _same_story(a, b, unit):
            return None
    score = fuzz.token_set_ratio(a.words, b.words) * 0.5 + fuzz.ratio(a.words, b.words) * 0.5
    if not shared_actors:
        return score if score >= NO_ACTOR_SIMILARITY else None
    if shared_units:
        threshold = MIN_SIMILARITY_WITH_FIGURES
    elif shared_actors == 2:
        threshold = MIN_SIMILARITY_BOTH_ACTORS
    else:
        threshold = MIN_SIMILARITY
    return score if score >= threshold else None


def _same_story(a: ClaimRow, b: ClaimRow, unit: str) -> bool:
    """Whether the figures in ``unit`` are close enough to be one event reported differently."""
    for mine in (f for f in a.figures if f.unit == unit):
        for theirs in (f for f in b.figures if f.unit == unit):
            if mine.agrees_with(theirs, tolerance=0.0):
                return True
            low, high = sorted((abs(mine.value), abs(theirs.value)))
            if low > 0 and high / low <= SAME_STORY_RATIO:
                return True
    return False


# --------------------------------------------------------------------------- stories on event frames


def read_frame_stories(db: sqlite_utils.Database) -> tuple[dict[str, dict], set[str]]:
    """(claim id -> its story frame, ids of every claim that quotes a measured event's attribute).

    A claim's story is its frame bound to one measured event, first by
    :data:`ATTRIBUTE_PRIORITY`: claims about the same attribute of the same event are one
    story whatever their wording. Claims with such a frame (about a subject with measured
    events) that is not bound to one event join no story and are not clustered by their
    words either: their figures may be about another event. Without evidence for the
    subject, claims are clustered by their words as before.
    """
    if not db["claim_frames"].exists():
        return {}, set()
    stories: dict[str, dict] = {}
    framed: set[str] = set()
    for row in db.query(
        "select * from claim_frames where role = 'measurement' and kind is not null and subject is not null "
        "order by claim_id, start"
    ):
        framed.add(row["claim_id"])
        if row["event_id"] is None or row["attribute"] not in ATTRIBUTE_PRIORITY:
            continue
        row["key"] = (row["event_id"], row["attribute"])
        current = stories.get(row["claim_id"])
        if current is None or ATTRIBUTE_PRIORITY.index(row["attribute"]) < ATTRIBUTE_PRIORITY.index(current["attribute"]):
            stories[row["claim_id"]] = row
    return stories, framed
