"""Bookkeeping tables: the database's own settings, and the claims and plans of running stages."""

from __future__ import annotations

from .table import Table

RUN_TABLES: tuple[Table, ...] = (
    Table(
        "claimgraph_meta",
        {"key": str, "value": str},
        pk="key",
        description="Key/value facts about this database, such as the schema version.",
        describe={"key": "Setting name", "value": "Setting value"},
    ),
    Table(
        "work_leases",
        {"stage": str, "item": str, "owner": str, "host": str, "pid": int, "expires_at": str},
        pk=("stage", "item"),
        description=(
            "Items a running stage has claimed, so that runs in parallel do not redo each other's work. "
            "A lease expires, and one whose process has died is freed, so a killed run holds nothing."
        ),
        describe={
            "stage": "The stage that claimed the item: extract",
            "item": "Article id (or other item) being worked on",
            "owner": "The run holding it: host, process id and a random token",
            "host": "Host name of the claiming process",
            "pid": "Process id of the claiming process",
            "expires_at": "When the claim lapses unless renewed (UTC, ISO 8601)",
        },
    ),
    Table(
        "partitions",
        {
            "id": str, "stage": str, "options": str, "position": int, "first_item": str, "last_item": str,
            "files": str, "size": int, "planned_at": str, "committed_at": str, "seconds": float,
        },
        pk="id",
        description="The plan of the last distributed (--dask) run of each stage: its work units, in commit order, "
                    "and which are committed, so a killed run resumes with the rest.",
        describe={
            "id": "Stable key: hash of stage, plan time and position",
            "stage": "ingest or extract",
            "options": "The run's settings that decide what a partition holds (a new plan replaces an unfinished one with other settings)",
            "position": "Commit order, from 0",
            "first_item": "First article id (extract) or file (ingest) of the partition",
            "last_item": "Last article id (extract) or file (ingest); extract partitions hold the pending articles from first_item to last_item",
            "files": "ingest: JSON list of the files the partition reads",
            "size": "Articles (extract) or files (ingest) planned",
            "planned_at": "When the plan was made (UTC)",
            "committed_at": "When the writer committed the partition's rows (UTC); empty while pending",
            "seconds": "Wall time from submitting the partition to its commit",
        },
    ),
)
