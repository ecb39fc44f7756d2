"""How far a verb frame's content runs: over a clause or object the parser coordinated with the
cue instead of with the content, short of a clause that closes an infinitive with its time or
reason, and short of a dash that opens the writer's aside; how far the verb phrase after an object
runs."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..doc_views import doc_text
from .lexicon import CUE_VERBS, VERB_CUES, lexicon_lemma
from .syntax import contrasting_clause, is_dated, is_spaced_dash, reports_anew, rstrip_end, subtree_range, trimmed_range



def with_coordinated_clauses(doc: Doc, verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """Extend a clause content over a clause the parser coordinated with the cue instead.

    "He said it would cut revenue at first, but would add $84 billion later": "but would add"
    hangs on "said" in the parse, yet it is part of what was said (it has its own subject or
    a modal). "He said it was over and left" keeps "left" out.
    """
    text = doc_text(doc)
    for child in verb.rights:
        if child.dep_ != "conj" or child.pos_ not in ("VERB", "AUX") or child.idx < content[1]:
            continue
        if (child.lemma_.lower() in CUE_VERBS and reports_anew(child)) or contrasting_clause(child):
            break
        gap = text[content[1]:child.left_edge.idx]
        has_own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in child.children)
        if has_own_subject and re.fullmatch(r"[\s,;]*(?:and|but|or)?[\s,]*", gap):
            end = trimmed_range(doc[child.left_edge.i:child.right_edge.i + 1])
            if end is not None and "\n" not in text[content[1]:end[1]]:
                content = (content[0], end[1])
    return content


def with_coordinated_objects(doc: Doc, verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """An object content extended over a second object the parser coordinated with the cue:
    "has mentioned refinancing loans and forcing colleges to pay" ("forcing" cannot be a verb
    coordinated with "has mentioned"), "by stressing fairness, and a need to raise wages" (a noun
    is no verb; on "by stressing" the parser hangs it on the verb before "by")."""
    heads = [verb, verb.head.head] if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i else [verb]
    text = doc_text(doc)
    for child in (c for head in heads for c in head.rights):
        if child.dep_ != "conj" or child.idx < content[1]:
            continue
        gerund = child.tag_ == "VBG" and verb.tag_ != "VBG" and not any(c.dep_ in _OWN_CLAUSE for c in child.children)
        if not (gerund or child.pos_ in ("NOUN", "PROPN")):
            break
        gap = text[content[1]:child.left_edge.idx]
        extended = trimmed_range(doc[child.left_edge.i:child.right_edge.i + 1])
        if extended is None or gap.strip(" ,") not in ("and", "or") or "\n" in gap:
            break
        content = (content[0], extended[1])
    return content


_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "aux", "auxpass"})


def without_closing_reason(doc: Doc, infinitive: Token, content: tuple[int, int]) -> tuple[int, int]:
    """An infinitive content without the time or reason clause or phrase that closes it: "warned
    officials to boost security *after hackers targeted two states*", "refused to endorse him *during
    the convention*" (when it was said; what was said is the infinitive)."""
    closing = [c for c in infinitive.rights if content[0] < c.left_edge.idx < content[1] <= c.right_edge.idx + len(c.right_edge.text)
               and (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CIRCUMSTANCE_MARKS and m.i == c.left_edge.i
                                              for m in c.children)
                    or c.dep_ == "prep" and c.lower_ in CIRCUMSTANCE_PREPOSITIONS)]
    if not closing:
        return content
    before = doc.char_span(content[0], closing[0].left_edge.idx, alignment_mode="expand")
    cut = trimmed_range(before) if before is not None else None
    return content if cut is None else (content[0], cut[1])


_CIRCUMSTANCE_MARKS = frozenset("after because since while although though".split())
# Prepositions whose phrase says when or amid what something was said, never what: "during the debate".
CIRCUMSTANCE_PREPOSITIONS = frozenset("during amid amidst despite throughout".split())


def before_dash_aside(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    """The content up to a spaced dash that opens an aside closing it: in "likened the rules to
    'burning the Constitution' - a charge that stung" the charge is the writer's comment, as a
    comma-set relative clause is, whatever the parser hung it on. A pair of dashes sets off an
    aside inside the content ("the extreme -- and cynical -- relativism"), and a dash inside a
    quotation is part of the quote: both stay."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    dashes = [t for t in span[1:] if is_spaced_dash(t)] if span is not None else []
    text = doc_text(doc)
    if len(dashes) == 1 and not _inside_quotation(text[content[0]:dashes[0].idx]):
        return (content[0], rstrip_end(text, dashes[0].idx))
    return content


def _inside_quotation(before: str) -> bool:
    """True when ``before`` leaves a quotation open (an odd number of straight marks, or more
    opening than closing curly ones)."""
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d") or before.count("''") % 2 == 1


def misparsed_as_end(doc: Doc, obj: Token) -> int:
    """Where what the object is called ends, when the parser read the "as" after it as opening a
    clause: "pounding Trump as a “con artist”" ("as" a ``mark``); 0 when there is none. A real
    clause ("as he did") has a pronoun or a name right after "as"."""
    after = obj.right_edge.i + 1
    if after + 1 >= len(doc) or doc[after].lower_ != "as" or doc[after].dep_ != "mark":
        return 0
    first = doc[after + 1]
    if first.pos_ not in ("DET", "ADJ", "NOUN", "PUNCT") or first.sent != obj.sent:
        return 0
    phrase = first
    while phrase.head.i != phrase.i and phrase.head.left_edge.i == first.i and phrase.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        phrase = phrase.head
    if phrase.pos_ not in ("NOUN", "PROPN", "ADJ"):
        phrase = next((t for t in phrase.ancestors if t.left_edge.i == first.i and t.pos_ in ("NOUN", "PROPN")), phrase)
    return rstrip_end(doc_text(doc), phrase.right_edge.idx + len(phrase.right_edge.text))


def rest_of_phrase(doc: Doc, verb: Token, obj: Token) -> int:
    """Where the verb phrase after the object ends: what the parser hung on the verb after the
    object belongs to what was said ("cited the remarks *as examples of ...*", "show Clinton *with
    a lead*"), up to a comma, a coordinated verb, or a time ("on Thursday")."""
    end, after_time = 0, False
    for child in verb.rights:
        if child.i <= obj.right_edge.i:
            continue
        if child.is_punct or child.dep_ in ("cc", "conj", "punct") or doc[child.left_edge.i - 1].text in (",", ";", "--", "—"):
            break
        if child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPOSITIONS:
            break  # "attacked them during the debates": when, not what
        if _is_time(child) and not after_time:
            after_time = True  # "announced plans this week to give ...": the time stands inside the phrase
            continue
        if after_time and not _describes_object(child):
            break
        if not _describes_object(child) and (child.dep_ not in ("prep", "oprd", "advmod", "xcomp", "ccomp", "dative") or is_dated(child)):
            break
        end = max(end, subtree_range(child, doc, verb)[1])
    return end


def _is_time(child: Token) -> bool:
    return (child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME")) or (child.dep_ == "prep" and is_dated(child))


def _describes_object(child: Token) -> bool:
    """A participle the parser hung on the verb instead of its object: "released an ad *mocking*
    the senator" (no subject or conjunction of its own). Not an infinitive: "invoked the seas *to
    thrill* his supporters" is a purpose, not what was said."""
    if child.dep_ not in ("advcl", "xcomp") or child.tag_ != "VBG" or lexicon_lemma(child) in VERB_CUES:
        return False  # "sent a letter urging ...": a cue of its own makes its own statement
    return not any(c.dep_ in ("nsubj", "nsubjpass", "mark") or (c.dep_ == "advmod" and c.i < child.i) for c in child.children)
