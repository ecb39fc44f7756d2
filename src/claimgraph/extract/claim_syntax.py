"""The clause reading every claim frame module shares: a frame's match, and where a word's subject,
objects, prepositions, negation and mood are in the parse.

:class:`FrameMatch` is what every rule of :mod:`claimgraph.extract.claim_frames`,
:mod:`claimgraph.extract.claim_roles`, :mod:`claimgraph.extract.claim_fields` and the others
returns; :func:`match_by_lemma` runs a module's rules on the words they are filed under, and
:func:`heads_any` matches the lexicon's phrases ("cut off") below a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from .lemmas import lemma_of

# Words that make a clause generic or hypothetical: "When regimes warn of reprisals, ..." threatens no one.
GENERIC_MARKS = frozenset("when whenever if unless".split())
QUESTION_WORDS = frozenset("how whether why what if".split())  # "isn't saying if X violated any laws"
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "relcl", "advcl", "xcomp", "pcomp", "acl", "csubj", "parataxis"})
FUTURE_MODALS = frozenset({"will", "would", "'ll", "shall", "wo"})
RELATIVE_PRONOUNS = frozenset("which who whom that".split())


@dataclass(frozen=True)
class FrameMatch:
    """One frame found: the claim type, the word that made it, and what the claim is about.

    ``by_subject``: in narration the anchor clause's grammatical subject makes the claim
    ("Anonymous threatened ..."); otherwise (an accusation told as a fact, a measurement)
    the article does.
    """

    type: str
    frame: str
    anchor: Token
    target: Token | None
    by_subject: bool = False


def children_with(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def subject_of(token: Token) -> Token | None:
    """The subject of the clause a word heads or sits in, climbing auxiliaries, xcomps and conjuncts."""
    node = token
    for _ in range(4):
        subjects = children_with(node, "nsubj", "nsubjpass")
        if subjects:
            return subjects[0]
        if node.dep_ in ("acomp", "attr", "oprd", "prep", "advmod", "prt", "xcomp", "conj", "auxpass", "aux") and node.head.i != node.i:
            node = node.head
            continue
        return None
    return None


def pobj_of(token: Token, *prepositions: str) -> Token | None:
    for prep in children_with(token, "prep", "agent", "dative"):
        if prep.lower_ in prepositions:
            objects = children_with(prep, "pobj")
            if objects:
                return objects[0]
    return None


def object_of(token: Token, *prepositions: str) -> Token | None:
    """The object of one of ``prepositions``: a noun, else a gerund ("of serving as a front", "in switching off")."""
    for prep in children_with(token, "prep", "agent"):
        if prep.lower_ in prepositions:
            objects = children_with(prep, "pobj") or [c for c in children_with(prep, "pcomp") if c.tag_ == "VBG"]
            if objects:
                return objects[0]
    return None


def is_negated(token: Token) -> bool:
    heads = [token, token.head] if token.dep_ in ("acomp", "attr", "prep", "advmod", "oprd") else [token]
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") for h in heads for c in h.children)


def modals_of(verb: Token) -> set[str]:
    """The verb's auxiliaries as written: "will", "could", "to"."""
    return {c.lower_ for c in verb.children if c.dep_ == "aux"}


def is_unreal(verb: Token) -> bool:
    """True for a verb in the future, an infinitive or a conditional: not an observation."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "'ll", "shall", "to") for c in verb.children)


def match_by_lemma(tokens: Iterable[Token], reported: bool, rules_by_lemma: dict, key: Callable[[Token], str] = lemma_of) -> list[FrameMatch]:
    """Every match of the rules in ``rules_by_lemma`` in ``tokens``, each rule run only on the
    words whose ``key`` (the lemma, unless told) it is filed under, so no rule runs on every word."""
    matches = []
    for token in tokens:
        for rule in rules_by_lemma.get(key(token), ()):
            match = rule(token, reported)
            if match is not None:
                matches.append(match)
    return matches
# phrase lists (from the lexicon) indexed by their first word, built on first use: id -> (list, index)
_PHRASE_INDEXES: dict[int, tuple[list[str], dict[str, list[list[str]]]]] = {}


def heads_any(token: Token, phrases: list[str]) -> bool:
    """``token`` heads one of ``phrases``: a phrase's first word is the token's lemma and the rest
    are below it ("cut off", "return to normal"); phrases are looked up by that first word."""
    entry = _PHRASE_INDEXES.get(id(phrases))
    if entry is None or entry[0] is not phrases:
        index: dict[str, list[list[str]]] = {}
        for phrase in phrases:
            first, *rest = phrase.split()
            index.setdefault(first, []).append(rest)
        entry = _PHRASE_INDEXES[id(phrases)] = (phrases, index)
    rests = entry[1].get(lemma_of(token))
    if not rests:
        return False
    below = {d.lower_ for d in token.subtree if d.i != token.i}
    return any(all(word in below for word in rest) for rest in rests)


def in_generic_clause(token: Token) -> bool:
    node = token
    while node.head.i != node.i:
        if node.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in GENERIC_MARKS for c in node.children):
            return True
        node = node.head
    return False


def in_question(token: Token) -> bool:
    """True inside an embedded question: "declined to say how many customers were still offline"."""
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("ccomp", "csubj", "xcomp", "pcomp") and node.left_edge.lower_ in QUESTION_WORDS:
            return True
        node = node.head
    return False


def is_clause_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ in CLAUSE_DEPS


def misread_participle(token: Token) -> Token | None:
    """The copula of a participle the tagger read as a bare noun, as it does when a quoted or inserted
    phrase stands between: "were 'beyond doubt' broadcast from X" (read as the attribute of "were", a
    clause on it, or the object of the inserted phrase's preposition)."""
    if token.pos_ != "NOUN" or children_with(token, "det", "amod", "poss", "compound", "nummod"):
        return None
    copula = token.head if token.dep_ in ("attr", "advcl") else token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else None
    return copula if copula is not None and lemma_of(copula) == "be" and copula.i < token.i else None


def out_of_object(token: Token) -> Token | None:
    """The object of "out of", which the parser hangs as "of" under "out" ("run out of X")."""
    outs = [c for c in children_with(token, "prep", "prt", "advmod") if c.lower_ == "out"]
    return pobj_of(outs[0], "of") if outs else None
