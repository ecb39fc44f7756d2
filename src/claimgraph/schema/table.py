"""One table of the claimgraph database, declared as data."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """One table: its columns (name -> Python type), key, foreign keys and a description.

    ``describe`` documents each column. It is the only place tables and columns are
    described: docs/schema.md is generated from it and Datasette reads it at load time
    (:mod:`claimgraph.publish.metadata`).
    """

    name: str
    columns: dict
    pk: str | tuple
    description: str
    describe: dict = field(default_factory=dict)
    foreign_keys: tuple = ()
    not_null: tuple = ()
    defaults: dict = field(default_factory=dict)


FIELD_DESCRIPTION = (
    "Which text the offsets point into: null for articles.text (the body), else title (the headline) "
    "or description (the standfirst)"
)
