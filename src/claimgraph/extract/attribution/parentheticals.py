"""An attribution set inside or after the clause it reports: "The bridge, he said, would open in May"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..doc_views import doc_text
from ..extensions import Statement
from .syntax import QUOTE_TOKENS, sentence_range, stripped_range, subject_of, trimmed_range


def parenthetical(doc: Doc, verb: Token) -> Statement | None:
    """An attribution set inside or after its clause: "The bridge, he said, would open in May."

    The parser hangs such a cue on the clause's verb (``parataxis``): the content is that
    clause without the attribution, in one or two fragments. Sentences holding a quotation
    are left to the quote rules.
    """
    head = verb.head
    # "Though the move was smooth, he said, the next would not be", "The difference, he told me, is
    # ...": the attribution hangs on a part of its clause (a subject, a clause before the main one)
    while head.dep_ in _PARTS_OF_A_CLAUSE and head.head.i != head.i and head.i < verb.i < head.head.i:
        head = head.head
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    left, right = verb.left_edge.i, verb.right_edge.i
    # '"The museum," he said, "is ..."': a quotation next to the attribution is the quote rules' business.
    beside = [t for t in doc[max(0, left - 2):left] if t.text != ","][-1:] + [
        t for t in doc[right + 1:min(len(doc), right + 3)] if t.text != ","][:1]
    if any(t.text in QUOTE_TOKENS for t in beside):
        return None
    before = trimmed_range(doc[head.left_edge.i:left]) if left > head.left_edge.i else None
    after = trimmed_range(doc[right + 1:head.right_edge.i + 1]) if right < head.right_edge.i else None
    fragments = tuple(f for f in (before, after) if f is not None and f[1] - f[0] > 1)
    if not fragments or not any(len(doc_text(doc)[a:b].split()) >= 3 for a, b in fragments):
        return None
    fragments = tuple(f for f in (stripped_range(doc_text(doc), f) for f in fragments) if f is not None)
    if not fragments:
        return None
    content = (fragments[0][0], fragments[-1][1])
    return Statement(
        speaker=subject_of(verb), speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=content, kind="indirect",
        sentence=sentence_range(verb, content), method="parenthetical",
        fragments=fragments if len(fragments) > 1 else (),
    )


_PARTS_OF_A_CLAUSE = frozenset({"nsubj", "nsubjpass", "csubj", "advcl"})
