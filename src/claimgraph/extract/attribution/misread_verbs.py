"""Cue verbs the tagger or parser misread: "House panel *votes* to hold the aide in contempt" (a plural noun).

Headlines and headline-like lines ("Sanders Vows To Eliminate Tax Breaks", "Federal court
rules against the purge") and some body sentences ("The campaign plans to send her to
Ohio") get a verb's -s form tagged as a plural noun, and the parse around it is a noun
phrase's. Where only a verb fits (a subject noun phrase right before it, no finite verb
that would make it that phrase's head, and what the lexicon verb's frame takes right after
it), the word is read as the verb from the surface: the subject before it says the rest of
the clause after it.

A title-case headline's present-tense cue whose parse is too broken for any verb frame
("Mayor Sees 'Real Danger' if Voters Stay Home") says the rest of the line
(:func:`headline_verb`, tried after the frames).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..doc_views import sentence_of
from ..extensions import Statement
from .lexicon import (
    AS_CUES, CUE_VERBS, EVIDENCE_VERBS, GENERIC_PREPOSITIONS, OBJECT_CUES, PREPOSITION_CUES, PREPOSITION_VERBS, XCOMP_CUES,
)
from .syntax import sentence_range, trimmed_range

# Verbs that say, ask or judge something themselves (not only through a poll's finding: "Poll Gives X A Lead").
_SAYING_VERBS = (CUE_VERBS | OBJECT_CUES | XCOMP_CUES | frozenset(PREPOSITION_CUES) | PREPOSITION_VERBS | AS_CUES
                 | EVIDENCE_VERBS)
# Where a noun's reading is ruled out: a predicate's place, or a noun hung on something that is not a verb or preposition.
_PREDICATE_DEPS = frozenset({"ROOT", "relcl", "ccomp", "advcl", "parataxis"})
_NOUN_DEPS = frozenset({"compound", "dobj", "appos", "conj"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Tags of the word that ends a subject noun phrase ("the campaign", "Sanders", "they").
_SUBJECT_END_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
# What a subject noun phrase is made of, walking left from its head.
_SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM"})
# Words that open a clause of its own, whose verb is not the one before them.
_SUBORDINATORS = frozenset("that because if when while although though whether".split())
# A comma before one of these starts another clause: "demands answers, yet refuses ..."
_CLAUSE_OPENERS = frozenset("and but yet while though although because".split())


def misread_verb(doc: Doc, token: Token, lemma: str) -> Statement | None:
    """The statement of the cue verb ``lemma`` tagged as a plural noun, read from the words around it."""
    if not _only_a_verb_fits(token):
        return None
    speaker = _subject_before(doc, token)
    if speaker is None:
        return None
    found = _complement(doc, token, lemma) or _clause_before(doc, token, lemma, speaker)
    if found is None:
        return None
    cue_end, content = found
    return Statement(
        speaker=speaker, speaker_actor=None, cue=doc[token.i:cue_end], content=content, kind="indirect",
        sentence=sentence_range(token, content), method="misread_verb",
    )


def headline_verb(doc: Doc, verb: Token, lemma: str) -> Statement | None:
    """A title-case headline's present-tense cue whose frames found nothing in its broken parse:
    "Mayor Sees 'Real Danger' if Voters Stay Home" -- the subject says the rest of the line."""
    if lemma not in _SAYING_VERBS or verb.tag_ != "VBZ" or verb.dep_ != "ROOT" or not _title_case(sentence_of(verb)):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i and c.pos_ in ("PROPN", "NOUN")]
    if not subjects or verb.i + 1 >= len(doc):
        return None
    end = _clause_end(doc, verb)
    while end > verb.i + 1 and doc[end - 1].is_punct and not doc[end - 1].is_quote:
        end -= 1
    content = trimmed_range(doc[verb.i + 1:end])
    if content is None or len([t for t in doc[verb.i + 1:end] if t.is_alpha]) < 2:
        return None
    subject = doc[subjects[0].left_edge.i:subjects[0].i + 1]
    return Statement(
        speaker=subject, speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=content, kind="indirect",
        sentence=sentence_range(verb, content), method="headline_verb",
    )


def _only_a_verb_fits(token: Token) -> bool:
    if token.tag_ not in ("NNS", "NNPS"):
        return False
    head = token.head
    if not (token.dep_ in _PREDICATE_DEPS or (token.dep_ in _NOUN_DEPS and head.pos_ not in ("VERB", "AUX", "ADP"))):
        return False
    if token.i == 0 or token.i + 1 >= len(token.doc):
        return False
    if token.is_title and not _title_case(sentence_of(token)):
        return False  # "the Battleground States average": a capitalised noun in running text is a name
    after = token.doc[token.i + 1]
    # "Company reports show ...": a finite verb right after makes the word its subject; one before
    # that the parse does not hang under it ("Trump faced questions") makes it that verb's object
    return after.tag_ not in _FINITE_TAGS and not any(
        t.tag_ in _FINITE_TAGS and t.pos_ in ("VERB", "AUX") and not any(a.i == token.i for a in t.ancestors)
        for t in _before_in_sentence(token))


def _before_in_sentence(token: Token):
    """The tokens of ``token``'s clause before it: from the sentence start or the last word that
    opens a clause ("It is odd *that* Trump demands ...")."""
    doc, start = token.doc, sentence_of(token).start
    for t in reversed(doc[start:token.i]):
        if t.lower_ in _SUBORDINATORS or t.text == ";":
            return doc[t.i + 1:token.i]
    return doc[start:token.i]


def _title_case(sentence) -> bool:
    """A headline's capitalisation: most words of four letters or more start with a capital."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.75 * len(words)


def _complement(doc: Doc, token: Token, lemma: str) -> tuple[int, tuple[int, int]] | None:
    """Where the cue ends (token index) and the content: an infinitive, a preposition's object,
    or (for clause and object verbs) the rest of the clause."""
    after = doc[token.i + 1]
    end = _clause_end(doc, token)
    if lemma in XCOMP_CUES and after.lower_ == "to" and token.i + 2 < end:
        start, cue_end = after.i, token.i + 1
    elif after.lower_ in PREPOSITION_CUES.get(lemma, ()) or (lemma in PREPOSITION_VERBS and after.lower_ in GENERIC_PREPOSITIONS):
        start, cue_end = after.i + 1, after.i + 1
    elif (lemma in CUE_VERBS or lemma in OBJECT_CUES) and not after.is_punct and after.lower_ != "to" and after.pos_ != "ADP":
        start, cue_end = after.i, token.i + 1
    else:
        return None
    while end > start and doc[end - 1].is_punct and not doc[end - 1].is_quote:
        end -= 1  # the sentence's full stop is not said
    content = trimmed_range(doc[start:end]) if start < end else None
    return None if content is None else (cue_end, content)


def _clause_before(doc: Doc, token: Token, lemma: str, speaker) -> tuple[int, tuple[int, int]] | None:
    """The clause before ", the doctor maintains." closing its sentence."""
    sentence = sentence_of(token)
    rest = [t for t in doc[token.i + 1:sentence.end] if not t.is_space]
    if lemma not in CUE_VERBS or speaker.start - 1 <= sentence.start or doc[speaker.start - 1].text != ",":
        return None
    if len(rest) > 1 or (rest and rest[0].text not in (".", "!")):
        return None
    content = trimmed_range(doc[sentence.start:speaker.start - 1])
    return None if content is None else (token.i + 1, content)


def _clause_end(doc: Doc, token: Token) -> int:
    """The token index where the clause after the cue ends: the sentence's end, a semicolon,
    colon or dash, or a comma before a new clause."""
    sentence = sentence_of(token)
    for t in doc[token.i + 1:sentence.end]:
        if t.text in (";", ":", "—", "--", "―") or "\n" in t.text:
            return t.i
        if t.text == "," and t.i + 1 < sentence.end and doc[t.i + 1].lower_ in _CLAUSE_OPENERS:
            return t.i
    return sentence.end


def _subject_before(doc: Doc, token: Token):
    """The noun phrase right before the cue ("The Clinton campaign", "the senator's former aide"), or None."""
    start = token.i
    sentence_start = sentence_of(token).start
    while start > sentence_start and (doc[start - 1].pos_ in _SUBJECT_POS or doc[start - 1].tag_ == "POS") and doc[start - 1].tag_ not in ("WDT", "WP"):
        start -= 1
    if start == token.i or doc[token.i - 1].tag_ not in _SUBJECT_END_TAGS:
        return None
    return doc[start:token.i]
