"""Verb frames read in the passive or through a raised subject: "The mayor was accused of ...",
"The plan is supported by the mayor", "The claim was labeled false", "The plan seems to work".

The rules of :data:`.verb_frames.VERB_FRAMES` that take the cue's passive subject (or its raised
subject) as part of what was said, kept apart from the active frames.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..doc_views import doc_text
from ..extensions import Statement
from .lexicon import CUE_VERBS, OBJECT_CUES, PASSIVE_JUDGEMENT_VERBS, PASSIVE_RAISING_VERBS, lexicon_lemma
from .syntax import (
    PRONOUNS, RELATIVE_PRONOUNS, agent_of, noun_phrase, sentence_range, stripped_range, subtree_range, trimmed_range,
)


def naming_as(token: Token) -> bool:
    """ "as" naming what something is seen as ("seen as a win"), not "as well as", "as part of"."""
    if token.dep_ != "prep" or token.lower_ != "as":
        return False
    neighbours = token.doc[max(0, token.i - 1):token.i + 2]
    return not any(t.lower_ in _NOT_NAMING_AS for t in neighbours if t.i != token.i)


_NOT_NAMING_AS = frozenset({"well", "part", "soon", "long", "much", "far", "of", "to"})


def passive_subject(doc: Doc, verb: Token, lemma: str) -> Statement | None:
    """A passive naming cue without an agent: "The claim was labeled false", "It is seen as a win".

    The subject and what it is called, in two fragments, said by someone unnamed. Without what it
    is called ("The plan was discussed") there is no statement."""
    if agent_of(verb) is not None:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
    called = [c for c in verb.children if c.i > verb.i and (c.dep_ == "oprd" or naming_as(c))]
    if not subjects or not called or subjects[0].lower_ in RELATIVE_PRONOUNS | {"there"}:
        return None
    text = doc_text(doc)
    subject = stripped_range(text, subtree_range(subjects[0], doc, verb))
    complement = stripped_range(text, subtree_range(called[0], doc, verb))
    if subject is None or complement is None:
        return None
    content = (subject[0], complement[1])
    return Statement(
        speaker=None, speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=content, kind="indirect",
        sentence=sentence_range(verb, content), method="passive_subject", fragments=(subject, complement),
    )


def raising(doc: Doc, verb: Token) -> Statement | None:
    """A judgement whose subject is raised into an infinitive: "The plan seems to work",
    "The council is expected to vote", "He is said to have left": the subject and the
    infinitive are the content; the speaker is the agent ("expected by analysts") or nobody.
    Without an infinitive, what the subject seems to someone ("The war seemed far away to
    voters", said by them) or a stance on a clause ("Republicans seem confident they have the
    votes"); "The boats seem slow" is the writer's description.
    """
    lemma = lexicon_lemma(verb)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if lemma in PASSIVE_RAISING_VERBS and not passive:
        return None
    infinitives = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    if not passive and infinitives and infinitives[0].lemma_.lower() in CUE_VERBS | OBJECT_CUES:
        return None  # "he appeared to suggest that ...": the suggestion is his, and "suggest" frames it
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") and c.i < verb.i]
    if not passive and not infinitives:
        infinitives = _predicates(verb)  # "Republicans seem confident", "It may have seemed far away to Europeans"
    if not infinitives or not subjects or subjects[0].lower_ in ("it", "there") or subjects[0].lower_ in RELATIVE_PRONOUNS:
        return None
    subject = trimmed_range(doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1])
    complement = subtree_range(infinitives[0], doc, verb)
    perceiver = _perceiver(verb, infinitives[0]) if not infinitives[0].pos_ == "VERB" else None
    if infinitives[0].dep_ != "xcomp" and perceiver is None and not any(c.dep_ in ("ccomp", "xcomp") for c in infinitives[0].children):
        return None  # "The boats seem slow": the writer's description, unless it seems so to someone or is a stance on a clause
    if perceiver is not None and complement[0] < perceiver.idx < complement[1]:
        complement = trimmed_range(doc[infinitives[0].left_edge.i:perceiver.i]) or complement
    if subject is None:
        return None
    fragments = tuple(f for f in (stripped_range(doc_text(doc), f) for f in (subject, complement)) if f is not None)
    if len(fragments) != 2:
        return None
    agent = agent_of(verb) or (next((o for o in perceiver.children if o.dep_ == "pobj"), None) if perceiver is not None else None)
    content = (fragments[0][0], fragments[1][1])
    return Statement(
        speaker=noun_phrase(agent) if agent is not None else None, speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=content,
        kind="indirect", sentence=sentence_range(verb, content), method="raising", fragments=fragments,
    )


def _predicates(verb: Token) -> list[Token]:
    """What a subject seems without an infinitive: an adjective ("seems credible"), an adverb
    with its own modifier ("seemed far away"), or a "like" phrase ("can seem like another entrant")."""
    return [c for c in verb.children if c.i > verb.i and (
        c.dep_ in ("oprd", "acomp") or (c.dep_ == "advmod" and c.pos_ == "ADV" and any(g.dep_ == "advmod" for g in c.children))
        or (c.dep_ == "prep" and c.lower_ == "like"))][:1]


def _perceiver(verb: Token, predicate: Token) -> Token | None:
    """The "to" of whom it seems so to: "seemed far away *to European citizens*"."""
    for prep in (*verb.children, *predicate.children):
        if prep.dep_ == "prep" and prep.lower_ == "to" and prep.i > verb.i and any(
                o.dep_ == "pobj" and o.pos_ in ("PROPN", "NOUN", "PRON") for o in prep.children):
            return prep
    return None


def passive_judgement(doc: Doc, verb: Token) -> Statement | None:
    """"The mayor was accused of wasting money": who is accused and of what, said by the agent
    ("by rivals") or by nobody named. The content is the subject and the charge, two fragments.
    """
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
    allowed = PASSIVE_JUDGEMENT_VERBS[lexicon_lemma(verb)]
    charges = [
        o for c in verb.children if c.dep_ == "prep" and c.lower_ in allowed for o in c.children if o.dep_ in ("pobj", "pcomp")
    ]
    if not subjects or not charges or subjects[0].lower_ in RELATIVE_PRONOUNS or _denied(verb, subjects[0]):
        return None
    subject = trimmed_range(doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1])
    charge = subtree_range(charges[0], doc, verb)
    fragments = tuple(f for f in (stripped_range(doc_text(doc), f) for f in (subject, charge) if f) if f is not None)
    if len(fragments) != 2:
        return None
    agent = agent_of(verb)
    content = (fragments[0][0], fragments[1][1])
    return Statement(
        speaker=noun_phrase(agent) if agent is not None else None, speaker_actor=None, cue=doc[verb.i:charges[0].head.i + 1],
        content=content, kind="indirect", sentence=sentence_range(verb, content), method="passive", fragments=fragments,
    )


def _denied(verb: Token, subject: Token) -> bool:
    """True when the sentence says the judgement was never made: "has never been charged with",
    "was not accused of", "Neither the mayor nor his aides were charged": no one made the charge."""
    negated = any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in verb.children)
    return negated or any(c.dep_ in ("preconj", "det") and c.lower_ in ("neither", "no") for c in subject.children)


def passive_with_agent(doc: Doc, verb: Token) -> Statement | None:
    """"The plan is supported by the mayor", "The story was first reported by the Herald":
    the agent is the speaker, the passive subject what they support, report or echo."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i and c.lower_ not in RELATIVE_PRONOUNS]
    agent = agent_of(verb)
    if not subjects or agent is None or subjects[0].lower_ in PRONOUNS | {"it", "there"}:
        return None
    content = stripped_range(doc_text(doc), subtree_range(subjects[0], doc, verb))
    if content is None:
        return None
    # "The mayor has been called a fraud by rivals": the subject and what it is called, two fragments
    called = [c for c in verb.children if c.i > verb.i and (c.dep_ == "oprd" or naming_as(c))]
    complement = stripped_range(doc_text(doc), subtree_range(called[0], doc, verb)) if called else None
    fragments = (content, complement) if complement is not None and complement[0] > content[1] else ()
    if fragments:
        content = (content[0], complement[1])
    return Statement(
        speaker=noun_phrase(agent), speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=content, kind="indirect",
        sentence=sentence_range(verb, content), method="passive_agent", fragments=fragments,
    )
