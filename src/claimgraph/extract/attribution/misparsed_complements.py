"""Complement clauses of a cue verb that the parser hung elsewhere.

The verb frames read a cue's ``ccomp``; these find the content clause the parser attached as an
adverbial clause of the cue ("said he would not accept it", "tweeted on Monday that ...") or as a
relative clause of the place phrase after it ("boasted on a gaming forum that he had turned off
the network").
"""

from __future__ import annotations

from spacy.tokens import Token


def misparsed_complement(child: Token, verb: Token) -> bool:
    """A clause right after the cue that the parser took for an adverbial one: "said he would
    not accept it" with "accept" as ``advcl``. It has its own subject and no conjunction."""
    if child.dep_ != "advcl" or child.i < verb.i or child.pos_ not in ("VERB", "AUX"):
        return False
    marks = [c for c in child.children if c.dep_ in ("mark", "advmod") and c.i < child.i]
    # "tweeted on Monday that the show was rigged": "that" opens a content clause, whatever stands between
    that_clause = [m.lower_ for m in marks] == ["that"] and verb.doc[marks[0].i - 1].lower_ not in _NOT_CONTENT_THAT
    # "have not said when they would vote", "did not say whether": a question word right after the cue opens the content
    # ("what she said when she resigned": with an object of its own, the cue's question-word clause says when)
    question = (len(marks) == 1 and marks[0].lower_ in _QUESTION_WORDS and marks[0].i == verb.i + 1
                and not any(c.dep_ == "dobj" for c in verb.children))
    if marks and not (that_clause or question):
        return False
    subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < child.i]
    if not subjects:
        return False
    between = [t for t in verb.doc[verb.i + 1:child.left_edge.i] if not t.is_space]
    allowed = _BEFORE_COMPLEMENT | {"prep", "punct"} if that_clause else _BEFORE_COMPLEMENT
    return all(t.lower_ == "that" or _child_of(t, verb).dep_ in allowed for t in between)


def relatives_taken_for_content(verb: Token) -> list[Token]:
    """A "that" clause after the cue's place phrase that the parser hung on the place as a relative
    clause: "boasted on a gaming forum that he had turned off the network" ("that" made the object
    of "turned", beside "the network"). A true relative leaves a gap for its "that" ("a forum that
    he had visited"); this one is complete without it: its own subject and its object, complement
    or passive subject filled."""
    found = []
    for preposition in verb.children:
        if preposition.dep_ != "prep" or preposition.i < verb.i:
            continue
        for place in (c for c in preposition.children if c.dep_ == "pobj"):
            for relative in (c for c in place.children if c.dep_ == "relcl"):
                that = verb.doc[relative.left_edge.i]
                if that.lower_ != "that" or that.head.i != relative.i:
                    continue
                others = [c for c in relative.children if c.i != that.i]
                subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.i < relative.i for c in others)
                complete = any(c.dep_ in ("dobj", "ccomp", "attr", "acomp", "nsubjpass", "xcomp") for c in others)
                if subject and complete:
                    found.append(relative)
    return found


# What may stand between a cue and its complement: "told reporters on Monday (that) ...".
_BEFORE_COMPLEMENT = frozenset({"dobj", "dative", "npadvmod", "advmod"})
_QUESTION_WORDS = frozenset("whether when how why where".split())
# "so that", "now that", "such that": a purpose or a time, not what was said.
_NOT_CONTENT_THAT = frozenset({"so", "now", "such", "given", "except", "provided"})


def _child_of(token: Token, verb: Token) -> Token:
    """The child of ``verb`` whose subtree holds ``token`` (``token`` itself when none does)."""
    while token.head.i != verb.i and token.head.i != token.i:
        token = token.head
    return token
