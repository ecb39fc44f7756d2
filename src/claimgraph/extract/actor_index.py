"""Which stored actor an article's actor is: the corpus-wide id for each per-article key.

Actor keys from the pipeline are per article; :class:`ActorIndex` turns them into corpus-wide
ids: "Pyongyang" here and "N. Korea" there are both ``north-korea`` (gazetteer), "Harf" in one
article joins the "Marie Harf" of another (surname alias), and a near spelling of a stored
name (rapidfuzz) joins it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import sqlite_utils
from rapidfuzz import fuzz, process

from ..names import alias_key, slugify, without_initials
from .gazetteer import Actor

MIN_FUZZY_KEY = 8
FUZZY_CUTOFF = 92


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
        self._fuzzy_choices: dict[tuple, list[str]] = {}
        for row in self.db.query("select * from actors"):
            self.rows[row["id"]] = row
        self.surnames: dict[str, set[str]] = {}
        for row in self.db.query("select actor_id, alias_key, source from actor_aliases"):
            self.aliases.setdefault(row["alias_key"], set()).add(row["actor_id"])
            if row["source"] == "surname":
                self.surnames.setdefault(row["alias_key"], set()).add(row["actor_id"])

    def add(self, actor_id: str, row: dict, alias_rows: dict) -> None:
        """Record an actor's row as it now is in the database, and its new aliases."""
        stored = self.rows.get(actor_id)
        self.rows[actor_id] = dict(row)
        if stored is not None and stored["type"] != row["type"]:
            self._fuzzy_choices.clear()  # each of the actor's aliases may now be a choice or not
        for key, alias in alias_rows.items():
            self._add_alias(key, actor_id)
            if alias["source"] == "surname":
                self.surnames.setdefault(key, set()).add(actor_id)

    def _add_alias(self, key: str, actor_id: str) -> None:
        """Add an alias, keeping the fuzzy choices as :meth:`fuzzy_choices` would make them again."""
        ids = self.aliases.get(key)
        if ids is None:  # a new key comes last in index order
            self.aliases[key] = {actor_id}
            for types, choices in self._fuzzy_choices.items():
                if self.rows[actor_id]["type"] in types:
                    choices.append(key)
            return
        if actor_id in ids:
            return
        if len(ids) == 1:  # the key named one actor; now it names two and is no choice
            for choices in self._fuzzy_choices.values():
                if key in choices:
                    choices.remove(key)
        elif not ids:
            self._fuzzy_choices.clear()
        ids.add(actor_id)

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
        self._fuzzy_choices.clear()

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
            best = process.extractOne(key, self.fuzzy_choices(compatible), scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                return next(iter(self.aliases[best[0]]))
        return actor.key

    def fuzzy_choices(self, types: tuple[str, ...]) -> list[str]:
        """The alias keys of exactly one stored actor of these types, in index order: what a near spelling may join.

        Made once and kept up to date as aliases are added (:meth:`add`): walking every alias
        for each article made the writer's cost grow with the corpus.
        """
        if types not in self._fuzzy_choices:
            self._fuzzy_choices[types] = [alias for alias, ids in self.aliases.items()
                                          if len(ids) == 1 and self.rows[next(iter(ids))]["type"] in types]
        return self._fuzzy_choices[types]


def _compatible_types(actor_type: str) -> tuple[str, ...]:
    """Types a stored actor may have to be the same real-world actor as one of ``actor_type``."""
    if actor_type in ("organisation", "group"):
        return ("organisation", "group")
    return (actor_type,)
