"""What the components leave on a Doc: every extension, registered here once, and its record classes.

Extension values are plain data (str, int, float, list, dict) so that Docs can be
serialised between worker processes; ``doc._.actors``, ``doc._.statements`` and
``doc._.claims`` are getters that rebuild objects from the records.

========================  ==========================  =========================================
extension                 set by                      holds
========================  ==========================  =========================================
``doc._.article``         ``run_extract``             ``{"id", "published", "title"}``
``doc._.actor_records``   ``claimgraph_actors``       actor key -> :class:`Actor` record
``doc._.actors``          (getter)                    actor key -> :class:`Actor`
``span._.method``         ``claimgraph_actors``       how an actor mention was found
``span._.affiliation``    ``claimgraph_actors``       a role's organisation or country key
``doc._.statement_records`` ``claimgraph_quotes``     :class:`Statement` records
``doc._.statements``      (getter)                    :class:`Statement` list
``doc._.claim_records``   ``claimgraph_claims``       :class:`Claim` records
``doc._.claims``          (getter)                    :class:`Claim` list
========================  ==========================  =========================================
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields as dataclass_fields

from spacy.tokens import Doc, Span

from .doc_views import doc_text
from .gazetteer import Actor
from .normalize import Quantity


def register_extensions() -> None:
    """Register every Doc and Span extension the components fill; safe to call again."""
    doc_extensions = {
        "article": {"default": None},
        "actor_records": {"default": None},
        "actors": {"getter": actors_getter},
        "statement_records": {"default": None},
        "statements": {"getter": statements_getter},
        "claim_records": {"default": None},
        "claims": {"getter": claims_getter},
    }
    for name, options in doc_extensions.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, **options)
    for name in ("affiliation", "method"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def actors_getter(doc: Doc) -> dict[str, Actor]:
    """``doc._.actors``: the actors of ``doc._.actor_records`` as :class:`Actor` objects."""
    return {key: Actor.from_record(record) for key, record in (doc._.actor_records or {}).items()}


@dataclass
class Statement:
    """One thing someone said (or wrote, or thought): who, the cue, and the content's span.

    ``content`` is a (start, end) character range into ``doc.text``, end exclusive; for a quote
    interrupted by its attribution (``"A," he said, "B."``) it spans both parts and
    ``fragments`` lists them. ``cue`` is None only for a quote that continues a speaker named
    in an earlier sentence.
    """

    speaker: Span | None
    speaker_actor: str | None
    cue: Span | None
    content: tuple[int, int]
    kind: str
    sentence: tuple[int, int]
    method: str
    fragments: tuple[tuple[int, int], ...] = field(default_factory=tuple)

    def content_text(self, doc: Doc) -> str:
        return doc_text(doc)[self.content[0]:self.content[1]]

    def to_record(self) -> dict:
        """Plain data (offsets instead of Spans), to store on a Doc that may cross processes."""
        return {
            "speaker": _offsets(self.speaker), "speaker_actor": self.speaker_actor, "cue": _offsets(self.cue),
            "content": list(self.content), "kind": self.kind, "sentence": list(self.sentence),
            "method": self.method, "fragments": [list(f) for f in self.fragments],
        }

    @classmethod
    def from_record(cls, doc: Doc, record: dict) -> Statement:
        return cls(
            speaker=_span(doc, record["speaker"]), speaker_actor=record["speaker_actor"], cue=_span(doc, record["cue"]),
            content=tuple(record["content"]), kind=record["kind"], sentence=tuple(record["sentence"]),
            method=record["method"], fragments=tuple(tuple(f) for f in record["fragments"]),
        )


def _offsets(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start_char, span.end_char]


def _span(doc: Doc, offsets: list[int] | None) -> Span | None:
    return None if offsets is None else doc.char_span(offsets[0], offsets[1], alignment_mode="expand")


def statements_getter(doc: Doc) -> list[Statement] | None:
    """``doc._.statements``: the Statements rebuilt from ``doc._.statement_records``."""
    records = doc._.statement_records
    return None if records is None else [Statement.from_record(doc, record) for record in records]



def claims_getter(doc: Doc) -> list[Claim] | None:
    """``doc._.claims``: the Claims rebuilt from ``doc._.claim_records``."""
    records = doc._.claim_records
    return None if records is None else [Claim.from_record(record) for record in records]


@dataclass
class Claim:
    """A checkable proposition, with its source, actors, polarity, certainty, figures and time.

    ``source`` is an actor key, or None when the article itself asserts the claim; ``statement``
    is the index in ``doc._.statements`` of the statement that carries it. ``span`` and
    ``sentence`` are character ranges into ``doc.text``.
    """

    type: str
    source: str | None
    statement: int | None
    subject: str | None
    object: str | None
    polarity: str
    certainty: float
    hedge: str | None
    condition: str | None
    event_time: str | None
    event_time_end: str | None
    event_time_text: str | None
    quantities: list[Quantity] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)
    sentence: tuple[int, int] = (0, 0)
    method: str = ""

    def text(self, doc: Doc) -> str:
        return doc_text(doc)[self.span[0]:self.span[1]]

    def to_record(self) -> dict:
        """Plain data (lists, not tuples), to store on a Doc that may cross processes."""
        # what ``asdict`` gives, built directly: ``asdict`` deep-copies every value, field by field
        record = {name: getattr(self, name) for name in _CLAIM_FIELDS}
        return {**record, "quantities": [dict(vars(quantity)) for quantity in self.quantities],
                "span": list(self.span), "sentence": list(self.sentence)}

    @classmethod
    def from_record(cls, record: dict) -> Claim:
        fields = dict(record)
        fields["quantities"] = [Quantity(**quantity) for quantity in record["quantities"]]
        fields["span"], fields["sentence"] = tuple(record["span"]), tuple(record["sentence"])
        return cls(**fields)


_CLAIM_FIELDS = tuple(item.name for item in dataclass_fields(Claim))
