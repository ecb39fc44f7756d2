"""The one place for actor and outlet names: stable keys, alias keys, and finding the actors a text names.

spaCy-free, so ingest, queries, graph and publish use the same rules as extract.

The SQL that finds actors (:func:`actor_match`) calls :func:`slugify` and :func:`alias_key`
themselves, registered on the connection as ``claimgraph_slug`` and ``claimgraph_alias_key``
(:func:`register_sql_functions`; the Datasette plugin registers them on every connection), so
``claimgraph query``, ``claimgraph export --actor``, the canned queries and the pages find
the same actors for the same text.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from functools import lru_cache
from typing import Callable

# abbreviation -> the word it stands for; alias_key() expands them
ABBREVIATIONS = {
    "dept": "department", "depts": "departments", "govt": "government", "gov't": "government",
    "int'l": "international", "intl": "international", "nat'l": "national", "natl": "national",
    "assn": "association", "corp": "corporation", "univ": "university", "comm": "committee",
    "admin": "administration", "org": "organization", "inst": "institute", "ctr": "center",
}
_SPELLINGS = {"organisation": "organization", "defence": "defense", "centre": "center"}
_WRITTEN_ABBREVIATIONS = {
    "Department": ("Dept.", "Dept"), "Government": ("Govt.", "Gov't"), "International": ("Int'l", "Intl."),
    "National": ("Nat'l",), "Association": ("Assn.",), "Corporation": ("Corp.",), "University": ("Univ.",),
}


def slugify(name: str) -> str:
    """The stable key of an actor called ``name``: ``Kim Jong-un`` -> ``kim-jong-un``, ``U.N.`` -> ``un``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[.'’]", "", ascii_name.lower()).replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


@lru_cache(maxsize=1 << 16)
def alias_key(text: str) -> str:
    """The form an alias is matched on: lower case, no punctuation, no leading 'the', abbreviations expanded."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['’]s$", "", text.strip())
    words = []
    for word in re.sub(r"&", " and ", text).split():
        bare = word.strip(".,;:!?()[]\"")
        bare = ABBREVIATIONS.get(bare.rstrip("."), bare)
        words.append(_SPELLINGS.get(bare, bare))
    text = re.sub(r"[^a-z0-9 ]+", "", " ".join(words).replace("-", " "))
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def without_initials(name: str) -> str:
    """A name without its middle initials: "Donald J. Trump" -> "Donald Trump"."""
    words = name.split()
    return " ".join(word for i, word in enumerate(words) if i == 0 or not re.fullmatch(r"[A-Z]\.?", word))


def written_variants(alias: str) -> set[str]:
    """Abbreviated spellings of an alias as newsrooms write them ("Dept. of State")."""
    variants = {alias}
    for word, abbreviations in _WRITTEN_ABBREVIATIONS.items():
        if re.search(rf"\b{word}\b", alias):
            variants |= {re.sub(rf"\b{word}\b", short, alias) for short in abbreviations}
    return variants


def outlet_key(domain: str | None, name: str | None) -> str | None:
    """The id of an outlet: its domain without ``www.``, else the :func:`slugify` of its name, else None."""
    if domain:
        return domain.lower().removeprefix("www.")
    return slugify(name or "") or None


# --------------------------------------------------------------------------- finding actors and outlets in SQL

SQL_FUNCTIONS: dict[str, Callable[[str], str]] = {"claimgraph_slug": slugify, "claimgraph_alias_key": alias_key}


def register_sql_functions(conn: sqlite3.Connection) -> None:
    """Make :data:`SQL_FUNCTIONS` callable from SQL on ``conn`` (again is harmless)."""
    for name, function in SQL_FUNCTIONS.items():
        conn.create_function(name, 1, _text_function(function), deterministic=True)


def _text_function(function: Callable[[str], str]) -> Callable[[object], str | None]:
    def call(value: object) -> str | None:
        return None if value is None else function(str(value))

    return call


def actor_match(param: str = "actor") -> str:
    """SQL selecting the ids of the actors that ``:param`` names.

    An actor's id names that actor alone. Any other text names every actor whose id is its
    slug (``North Korea`` -> ``north-korea``), whose name it is in any case, or that has an
    alias with the same :func:`alias_key` ("N. Korea", "the Dept. of State"); a shared alias
    ("Berg") names several. Needs :func:`register_sql_functions` on the connection.
    """
    return (
        f"select id from actors where id = :{param} "
        f"union select id from ("
        f"select id from actors where id = claimgraph_slug(:{param}) or lower(name) = lower(trim(:{param})) "
        f"union select actor_id from actor_aliases where alias_key = claimgraph_alias_key(:{param})"
        f") where not exists (select 1 from actors where id = :{param})"
    )


def actor_ids(db, text: str) -> list[str]:
    """The ids of every actor ``text`` names (see :func:`actor_match`), sorted; ``db`` is a connection or sqlite-utils Database."""
    conn = getattr(db, "conn", db)
    register_sql_functions(conn)
    return sorted(row[0] for row in conn.execute(actor_match("actor"), {"actor": text}))


def outlet_match(param: str = "outlet") -> str:
    """SQL selecting the ids of the outlets that ``:param`` names: id, name in any case, or domain."""
    return (
        f"select id from outlets where id = :{param} or lower(name) = lower(trim(:{param})) "
        f"or lower(domain) = lower(trim(:{param}))"
    )
