"""Speakers: the actor a speaker phrase stands for, and who speaks a quote without a cue.

Phrases are resolved through :mod:`claimgraph.extract.resolver`, so through the article's
entity chain (:mod:`claimgraph.extract.entity_chain`): "She", "the spokeswoman", "Hua" are
the mentions the chain linked. A name no mention covers (a sign-off, a transcript label) is
looked up by spelling; a pronoun the chain left open falls back to the previous speaker or
person; a relative pronoun ("the agency, which said") to its noun.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..doc_views import doc_text, sentence_of
from ..extensions import Statement
from ..resolver import PERSON_LABELS, actor_for_phrase, actor_key, actor_named, actor_spans
from .lexicon import PERSON_NOUNS
from .syntax import PRONOUNS, RELATIVE_PRONOUNS, noun_phrase, quote_kind, subject_of, words_of


def continued_speaker(doc: Doc, q_start: int, q_end: int, statements: list[Statement]) -> Statement | None:
    """A cue-less quote: the speaker of the previous sentence's statement, or its subject."""
    opening = doc.char_span(q_start, min(q_end, q_start + 1), alignment_mode="expand")
    if opening is None:
        return None
    previous_sentence = _previous_sentence(doc, opening[0].i)
    if previous_sentence is None:
        return None
    earlier = [s for s in statements if s.content[1] <= q_start and s.sentence[1] >= previous_sentence.start_char]
    if earlier:
        source = max(earlier, key=lambda s: s.content[1])
        return Statement(
            speaker=source.speaker, speaker_actor=source.speaker_actor, cue=None, content=(q_start, q_end),
            kind=quote_kind(doc_text(doc)[q_start:q_end]), sentence=(q_start, q_end), method="continues_previous_speaker",
        )
    root = previous_sentence.root
    subject = subject_of(root)
    if subject is not None and (subject.root.ent_type_ == "PERSON" or subject.root.pos_ == "NOUN" and is_person_noun(subject.root)):
        return Statement(
            speaker=subject, speaker_actor=None, cue=None, content=(q_start, q_end),
            kind=quote_kind(doc_text(doc)[q_start:q_end]), sentence=(q_start, q_end), method="previous_sentence_subject",
        )
    return None


def is_person_noun(token: Token) -> bool:
    return token.lemma_.lower() in PERSON_NOUNS or token.lower_.rstrip("s") in PERSON_NOUNS


def _previous_sentence(doc: Doc, index: int) -> Span | None:
    current = sentence_of(doc[index])
    if current.start == 0:
        return None
    previous = sentence_of(doc[current.start - 1])
    while previous.start > 0 and not words_of(previous):
        previous = sentence_of(doc[previous.start - 1])
    return previous if words_of(previous) else None


def speaker_actor(doc: Doc, speaker: Span | None, statements: list[Statement]) -> str | None:
    """Resolve a speaker phrase to an actor key; pronouns go to the previous speaker or person."""
    if speaker is None:
        return None
    root = speaker.root
    if root.lower_ in RELATIVE_PRONOUNS and root.head.dep_ == "relcl":
        speaker = noun_phrase(root.head.head, without=root.head)  # "the agency, which said": the agency
    key = actor_for_phrase(doc, speaker)
    if key is None and speaker.root.lower_ not in PRONOUNS:
        key = actor_named(doc, speaker)
    if key is not None or speaker.root.lower_ not in PRONOUNS:
        return key
    earlier = [s for s in statements if s.speaker_actor and s.content[0] < speaker.start_char]
    if earlier:
        return max(earlier, key=lambda s: s.content[0]).speaker_actor
    persons = [a for a in actor_spans(doc) if a.end_char <= speaker.start_char and a.label_ in PERSON_LABELS]
    return actor_key(persons[-1]) if persons else None

