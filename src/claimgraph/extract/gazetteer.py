"""The gazetteer of well-known actors (``claimgraph/extract/actors.yml``).

Its names are indexed by the two keys of :mod:`claimgraph.names` that every part of
claimgraph compares actors on: :func:`~claimgraph.names.slugify` for an actor's stable key
("U.S. Department of State" -> ``us-department-of-state``) and
:func:`~claimgraph.names.alias_key` for the key an alias is matched on ("the Dept. of
State's" -> ``department of state``). Actor types come from ``vocabulary.yml``.

The file format is documented at the top of ``claimgraph/extract/actors.yml`` and in docs/extraction.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from ..errors import InputError
from ..names import alias_key, slugify, written_variants
from ..vocabulary import vocabulary
from ..yamlfile import read_yaml_file

DEFAULT_GAZETTEER = Path(__file__).with_name("actors.yml")  # shipped with the package

@dataclass(frozen=True)
class Actor:
    """A real-world actor: who claimgraph stores in ``actors``, with the names it goes by."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    wikidata: str | None = None
    country: str | None = None
    affiliation: str | None = None
    source: str = "ner"
    roles: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    def to_record(self) -> dict:
        """Plain data, to store on a Doc (``doc._.actor_records``)."""
        return {
            "key": self.key, "name": self.name, "type": self.type, "aliases": list(self.aliases),
            "description": self.description, "wikidata": self.wikidata, "country": self.country,
            "affiliation": self.affiliation, "source": self.source, "roles": list(self.roles),
            "demonyms": list(self.demonyms),
        }

    @classmethod
    def from_record(cls, record: dict) -> Actor:
        return cls(**{**record, "aliases": tuple(record["aliases"]), "roles": tuple(record["roles"]),
                      "demonyms": tuple(record["demonyms"])})


@dataclass
class Gazetteer:
    """Actors by key, and the index from alias keys (names, aliases, demonyms) to actor keys."""

    actors: dict[str, Actor] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)
    demonym_index: dict[str, str] = field(default_factory=dict)

    def add(self, actor: Actor) -> None:
        """Add or replace an actor; a later file's entry with the same key replaces it, names and all."""
        if actor.key in self.actors:
            for index in (self.index, self.demonym_index):
                for name in [name for name, key in index.items() if key == actor.key]:
                    del index[name]
        self.actors[actor.key] = actor
        for name in (actor.name, *actor.aliases):
            self.index[alias_key(name)] = actor.key
        for demonym in actor.demonyms:
            self.demonym_index[alias_key(demonym)] = actor.key

    def phrases(self):
        """``(actor key, text, kind)`` for every spelling to match in text; kind is alias or demonym."""
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                for variant in written_variants(name):
                    yield actor.key, variant, "alias"
            for demonym in actor.demonyms:
                yield actor.key, demonym, "demonym"

    def lookup(self, text: str, *, fuzzy: bool = True) -> str | None:
        """The key of the actor called ``text`` (exactly after :func:`alias_key`, else a near match)."""
        key = alias_key(text)
        if key in self.index:
            return self.index[key]
        if not fuzzy or len(key) < 8:
            return None
        best = process.extractOne(key, self.index.keys(), scorer=fuzz.ratio, score_cutoff=92)
        return self.index[best[0]] if best else None

    def demonym(self, text: str) -> str | None:
        """The country whose demonym ``text`` is ("North Koreans" -> north-korea)."""
        return self.demonym_index.get(alias_key(text))


def read_gazetteer(paths=()) -> Gazetteer:
    """Read the bundled gazetteer, then each extra file in ``paths`` (their entries win)."""
    gazetteer = Gazetteer()
    origins = {}
    for path in (DEFAULT_GAZETTEER, *map(Path, paths)):
        for actor in _read_file(path):
            gazetteer.add(actor)
            origins[actor.key] = path
    for actor in gazetteer.actors.values():
        if actor.affiliation and actor.affiliation not in gazetteer.actors:
            raise InputError(f"{origins[actor.key]}: {actor.name!r} is affiliated with unknown actor key {actor.affiliation!r}")
    return gazetteer


def _read_file(path: Path) -> list[Actor]:
    entries = read_yaml_file(path, "gazetteer") or []
    if not isinstance(entries, list):
        raise InputError(f"{path}: gazetteer must be a list of actors")
    return [_entry(path, number, entry) for number, entry in enumerate(entries, 1)]


def _entry(path: Path, number: int, entry: object) -> Actor:
    where = f"{path}: entry {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise InputError(f"{where}: every entry needs a name")
    unknown = set(entry) - {"name", "key", "type", "aliases", "demonyms", "roles", "wikidata",
                            "country", "affiliation", "description"}
    if unknown:
        raise InputError(f"{where} ({entry['name']}): unknown field(s) {', '.join(sorted(unknown))}")
    # An unnamed actor is described in the text, never listed by name.
    named_types = [name for name in vocabulary().actor_types if name != "unnamed"]
    if entry.get("type") not in named_types:
        raise InputError(f"{where} ({entry['name']}): type must be one of {', '.join(named_types)}")
    lists = {}
    for name in ("aliases", "demonyms", "roles"):
        value = entry.get(name) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InputError(f"{where} ({entry['name']}): {name} must be a list of strings")
        lists[name] = tuple(value)
    actor = Actor(
        key=entry.get("key") or slugify(entry["name"]), name=entry["name"], type=entry["type"],
        description=entry.get("description"), wikidata=entry.get("wikidata"),
        country=entry.get("country"), affiliation=entry.get("affiliation"), source="gazetteer", **lists,
    )
    if actor.type == "country" and actor.country is None:
        raise InputError(f"{where} ({entry['name']}): a country needs its ISO code in `country`")
    return replace(actor, aliases=tuple(dict.fromkeys(actor.aliases)))
