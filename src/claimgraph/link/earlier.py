"""Stories across a period boundary: clustering with the previous period's database (``link --previous``).

With one database per period (docs/scale.md), a story reported on 30 October and again on
2 November has reports in two files. ``claimgraph link news-2026-11.db --previous
news-2026-10.db`` clusters November's claims together with October's claims of the last
:data:`~claimgraph.link.clusters.REPORTING_WINDOW` before November's first report, the only
ones a November claim can join.

How the story is recorded, so that each file stays self-contained and consistent:

* The previous file is opened read-only and never changed: it keeps its own clusters, which
  were right for what it holds, and a file that is being served or backed up is not written.
* The current file records every story that has a member in it, the previous period's reports
  included in its counts (``n_claims``, ``n_outlets``), figures (``variants``) and conflicts.
  Its own members are in ``claim_cluster_members`` as always; the earlier reports are copied,
  with what the story page shows of them (text, article, outlet, time and the cluster they
  have in their own file), into ``claim_cluster_earlier``. Foreign keys hold: ``first_*``
  name this file's first report (the label and the earlier table say where the story began)
  and an actor the current file does not know is left out of ``subject_id``/``object_id``.
* Nothing in ``claims``, ``articles`` or ``outlets`` is copied, so counts and queries over a
  file still count each report once, in the file of its period.

A story that began before the previous period's last fortnight and runs on is not followed
further back: one ``--previous`` is read, and only its last window.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from ..errors import InputError
from ..timeutil import utc_sortable
from .clusters import REPORTING_WINDOW, ClaimRow, read_frame_stories, read_claims

# claim ids per ``in (...)`` query
CHUNK = 500


@dataclass
class EarlierPeriod:
    """The previous period's database, read-only, and the name Datasette serves it under."""

    name: str
    db: sqlite_utils.Database

    @classmethod
    def open(cls, path: str | Path, current: str | Path | None = None) -> EarlierPeriod:
        """Open ``path`` read-only; InputError when it is missing, not a claimgraph database, or ``current`` itself."""
        path = Path(path)
        if not path.is_file():
            raise InputError(f"{path}: no such database (--previous)")
        if current is not None and Path(current).exists() and path.samefile(current):
            raise InputError(f"{path}: --previous names the database being linked; give the previous period's file")
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        except sqlite3.DatabaseError as error:
            conn.close()
            raise InputError(f"{path}: not a SQLite database ({error})") from None
        if not {"articles", "claims", "outlets", "quantities"} <= tables:
            conn.close()
            raise InputError(f"{path}: not a claimgraph database (no claims table); run the pipeline on it first")
        return cls(path.stem, sqlite_utils.Database(conn))

    def close(self) -> None:
        self.db.close()

    def claims_before(self, claims: list[ClaimRow]) -> list[ClaimRow]:
        """This period's claims that ``claims`` (the current period's) could join: the window before the first of them."""
        dated = [claim.reported for claim in claims if claim.reported]
        if not dated:
            return []
        return read_claims(self.db, since=utc_sortable(min(dated) - REPORTING_WINDOW))

    def with_frame_stories(self, stories: dict, framed: set, earlier: list[ClaimRow]) -> tuple[dict, set]:
        """The current database's story frames with those of ``earlier`` added."""
        ids = {claim.id for claim in earlier}
        if not ids:
            return stories, framed
        theirs, their_framed = read_frame_stories(self.db)
        return {**stories, **{key: row for key, row in theirs.items() if key in ids}}, framed | (their_framed & ids)

    def outlet_names(self) -> dict[str, str]:
        return dict(self.db.conn.execute("select id, coalesce(name, id) from outlets").fetchall())

    @staticmethod
    def first_report_here(db: sqlite_utils.Database, members: list[ClaimRow], row: dict, earlier_ids: set[str]) -> None:
        """Point a continued story's ``first_*`` at its first report in ``db``, and drop actors ``db`` does not hold.

        The counts, figures and label keep every member; only the columns that are foreign keys
        into this database change, so they still name rows of it.
        """
        if not any(member.id in earlier_ids for member in members):
            return
        first = next(member for member in members if member.id not in earlier_ids)
        row.update(first_claim_id=first.id, first_article_id=first.article_id, first_outlet_id=first.outlet_id,
                   first_published=first.published)
        for column in ("subject_id", "object_id"):
            if row[column] and db.execute("select 1 from actors where id = ?", [row[column]]).fetchone() is None:
                row[column] = None

    def copied_reports(self, groups: list[tuple[list[ClaimRow], dict]], earlier_ids: set[str]) -> list[dict]:
        """The ``claim_cluster_earlier`` rows: each earlier member of a story, with what its page shows."""
        cluster_of = {member.id: row["id"] for members, row in groups for member in members if member.id in earlier_ids}
        wanted = list(cluster_of)
        has_clusters = self.db["claim_cluster_members"].exists()
        rows = []
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start:start + CHUNK]
            earlier_cluster = ("(select cluster_id from claim_cluster_members m where m.claim_id = claims.id)"
                               if has_clusters else "null")
            for row in self.db.query(
                f"""
                select claims.id as claim_id, {earlier_cluster} as earlier_cluster_id, claims.article_id,
                  articles.title as article_title, coalesce(articles.url, articles.canonical_url) as article_url,
                  articles.outlet_id, outlets.name as outlet_name, articles.published, articles.published_utc,
                  claims.type, coalesce(claims.text, claims.sentence, '') as text
                from claims join articles on articles.id = claims.article_id
                left join outlets on outlets.id = articles.outlet_id
                where claims.id in ({', '.join('?' * len(chunk))})
                """, chunk,
            ):
                rows.append({"cluster_id": cluster_of[row["claim_id"]], "period": self.name, **row})
        return sorted(rows, key=lambda row: (row["cluster_id"], row["published_utc"] or "", row["claim_id"]))

