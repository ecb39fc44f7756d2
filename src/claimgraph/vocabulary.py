"""Claim types, actor types, graph link types and event kinds, read from ``vocabulary.yml``.

The vocabulary is data: add a claim type to the YAML file and every stage, query,
export and page picks it up. It is read and validated the first time it is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .errors import ClaimgraphError


@dataclass(frozen=True)
class ClaimType:
    name: str
    label: str
    phrase: str
    checkable: bool


@dataclass(frozen=True)
class LinkType:
    name: str
    label: str
    phrase: str
    directed: bool
    source: str
    target: str


@dataclass(frozen=True)
class EventKind:
    """A kind of measured event (outage, attack, ...): how articles name it, which measurements are one."""

    name: str
    label: str
    words: tuple[str, ...]
    measured: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    actor_types: dict[str, str]
    claim_types: dict[str, ClaimType]
    link_types: dict[str, LinkType]
    event_kinds: dict[str, EventKind]
    event_attributes: dict[str, EventKind]

    def claim_type(self, name: str) -> ClaimType:
        try:
            return self.claim_types[name]
        except KeyError:
            raise ClaimgraphError(
                f"unknown claim type {name!r}; known: {', '.join(sorted(self.claim_types))}"
            ) from None


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with claimgraph (``vocabulary.yml``), validated."""
    raw = yaml.safe_load(resources.files("claimgraph").joinpath("vocabulary.yml").read_text("utf-8"))
    try:
        return Vocabulary(
            actor_types={name: spec["label"] for name, spec in raw["actor_types"].items()},
            claim_types={
                name: ClaimType(name, spec["label"], spec["phrase"], bool(spec["checkable"]))
                for name, spec in raw["claim_types"].items()
            },
            link_types={
                name: LinkType(name, spec["label"], spec["phrase"], bool(spec["directed"]), spec["source"], spec["target"])
                for name, spec in raw["link_types"].items()
            },
            event_kinds={
                name: EventKind(name, spec["label"], tuple(spec["words"]), tuple(spec["measured"]))
                for name, spec in raw["event_kinds"].items()
            },
            event_attributes={
                name: EventKind(name, spec["label"], tuple(spec["words"]))
                for name, spec in raw["event_attributes"].items()
            },
        )
    except (KeyError, TypeError) as error:
        raise ClaimgraphError(f"vocabulary.yml is malformed: missing or wrong field {error}") from None
