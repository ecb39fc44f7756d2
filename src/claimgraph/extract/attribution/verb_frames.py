"""Reported speech from the parse, told by a verb: "X said (that) ...", "denied the report", "urged X to act".

:func:`reported_speech` walks the tokens and hands each cue to its rule: ``according to``,
"In the latest poll, ...", verbs (:func:`verb_statement`), attitude adjectives and stance
nouns (:mod:`.noun_frames`). A verb's frames (which words take which, in ``lexicon.yml``)
are tried in the order of ``VERB_FRAMES``; the passive and raised-subject ones are in
:mod:`.passive_frames`, an attribution inside its clause in :mod:`.parentheticals`, and how far a
content runs past the parse's subtree in :mod:`.extents`.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from ..doc_views import doc_text, sentence_of
from ..extensions import Statement
from .extents import (
    before_dash_aside, misparsed_as_end, rest_of_phrase, with_coordinated_clauses, with_coordinated_objects, without_closing_reason,
)
from .lexicon import (
    AS_CUES, AS_IT_VERBS, ATTITUDE_ADJECTIVES, CUE_TYPES, CUE_VERBS, EVIDENCE_NOUNS, EVIDENT_ADJECTIVES, EVIDENCE_VERBS, FINDING_NOUNS, FINDING_VERBS,
    GENERIC_PREPOSITIONS, INTRANSITIVE_CUES, MESSAGE_NOUNS, MESSAGE_VERBS, OBJECT_CUES, OTHER_CUES, PARTICLE_CUES, PARTY_OBJECT_CUES,
    PASSIVE_JUDGEMENT_VERBS, PASSIVE_RAISING_VERBS, PERSON_NOUNS, PREPOSITION_CUES, PREPOSITION_VERBS, RAISING_VERBS,
    STANCE_NOUNS, TRIGGERS, UNNAMED_NOUNS, VERB_CUES, XCOMP_CUES, AttributionSettings, lexicon_lemma, s_form_verb,
)
from .misparsed_complements import misparsed_complement, relatives_taken_for_content
from .misread_verbs import headline_verb, misread_verb
from .noun_frames import according_to, attitude_statement, evident_statement, finding_phrase, stance_noun
from .parentheticals import parenthetical
from .passive_frames import naming_as, passive_judgement, passive_subject, passive_with_agent, raising
from .syntax import (
    REFLEXIVE_PRONOUNS, RELATIVE_PRONOUNS, continued_infinitive, cue_phrase, is_dated,
    noun_phrase, outside_content, rstrip_end, sentence_range, stripped_range, subject_of, subtree_range,
    trimmed_range, words_of,
)



def reported_speech(doc: Doc, finder: AttributionSettings) -> list[Statement]:
    statements = []
    for token in doc:
        # Each attribute read is a string lookup: each is read once, the lemma only where it can cue.
        lower, pos = token.lower_, token.pos_
        statement = None
        if lower == "according" and any(c.lower_ == "to" for c in token.children):
            statement = according_to(doc, token)
        elif lower in ("in", "by") and token.dep_ == "prep" and token.head.dep_ == "ROOT":
            statement = finding_phrase(doc, token)
        elif pos in _CUE_POS:
            lemma = lexicon_lemma(token)
            if lemma in OTHER_CUES or (pos in ("VERB", "AUX") and lemma in finder.cue_verbs):
                statement = verb_statement(doc, token, finder)  # only verbs make one
            elif lower in ATTITUDE_ADJECTIVES and (pos == "ADJ" or token.tag_ == "VBN"):
                statement = attitude_statement(doc, token)
            elif pos == "ADJ" and lower in EVIDENT_ADJECTIVES:
                statement = evident_statement(doc, token)
            elif pos == "NOUN" and lemma in STANCE_NOUNS:
                statement = stance_noun(doc, token)
        if statement is None and pos in _PLURAL_POS and lower[-1:] == "s" and (verb := s_form_verb(lower)) is not None:
            statement = misread_verb(doc, token, verb)  # "House panel votes to ...": a cue verb tagged as a noun
        if statement is not None:
            statements.append(statement)
    return statements


_CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
_PLURAL_POS = frozenset({"NOUN", "PROPN"})


class Frame(NamedTuple):
    """What a verb frame found: the content range, where the cue ends (token index), the method."""

    content: tuple[int, int] | None
    cue_end: int
    method: str


# A frame rule's answer when it applies and decides that there is no statement.
NO_STATEMENT = "no statement"


def verb_statement(doc: Doc, verb: Token, finder: AttributionSettings) -> Statement | None:
    """The statement a cue verb makes: the first frame of ``VERB_FRAMES`` that finds one decides."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("amod", "aux", "auxpass") or _not_done_by_anyone(verb):
        return None
    lemma = lexicon_lemma(verb)
    if lemma in PARTICLE_CUES and not any(c.lower_ == PARTICLE_CUES[lemma] for c in verb.children):
        return None
    for _, applies, rule in VERB_FRAMES:
        if not applies(verb, lemma, finder.cue_verbs):
            continue
        found = rule(doc, verb, lemma)
        if found is None:
            continue
        if found is NO_STATEMENT:
            return None
        return found if isinstance(found, Statement) else _frame_statement(doc, verb, found)
    if lemma in finder.cue_verbs and (found := _after_colon(doc, verb)) is not None:
        return found
    return headline_verb(doc, verb, lemma)  # a headline's parse too broken for any frame


def _not_done_by_anyone(verb: Token) -> bool:
    """True for a cue no one performs: "left without saying that ..." (the act did not happen) and
    "It is worth noting that ..." (an aside of the writer's, under an empty "it")."""
    return verb.dep_ in ("pcomp", "xcomp") and verb.tag_ == "VBG" and verb.head.lower_ in ("without", "worth")


def _after_colon(doc: Doc, verb: Token) -> Statement | None:
    """A clause cue that ends in a colon says what follows it: "Limbaugh added:" and the next
    paragraph, "He answered the way we must answer now: they lose, we win". A quotation after
    the colon is the quote rules' business."""
    colons = [c for c in verb.rights if c.text == ":"]
    subject = subject_of(verb)
    if not colons or subject is None or subject.start > verb.i:
        return None
    colon = colons[0]
    if any(verb.i not in {a.i for a in t.ancestors} for t in doc[verb.i + 1:colon.i] if not t.is_space):
        return None  # the colon must close the cue's own phrase
    text = doc_text(doc)
    start = colon.idx + 1
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text) or text[start] in _QUOTE_CHARACTERS:
        return None
    end = text.find("\n", start)
    content = stripped_range(text, (start, len(text) if end < 0 else end))
    if content is None or len(text[content[0]:content[1]].split()) < 3:
        return None
    return Statement(
        speaker=subject, speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=content, kind="indirect",
        sentence=sentence_range(verb, content), method="after_colon",
    )


_QUOTE_CHARACTERS = frozenset("\"'“‘«")


def _frame_statement(doc: Doc, verb: Token, frame: Frame) -> Statement | None:
    """The statement for a frame's content: the verb's subject says it (required for object,
    infinitive and finding frames); a clause's cue takes its addressee ("told reporters")."""
    content = stripped_range(doc_text(doc), frame.content)
    if content is None or content[1] <= content[0]:
        return None
    subject = _speaker_of(verb)
    speaker = outside_content(subject, content)
    clause = frame.method in ("clause", "clause_that")
    # "which she plans to do through a tax": the subtree of any frame's content can hold the fronted pronoun
    fragments = _around_attribution(doc, verb, subject, content) if speaker is None else ()
    if fragments:
        speaker = subject
    if speaker is None and frame.method in ("object", "infinitive", "finding", "message"):
        return None
    cue = doc[verb.i:verb.i + 1] if fragments else cue_phrase(doc, verb, *content) if clause else doc[verb.i:frame.cue_end]
    return Statement(
        speaker=speaker, speaker_actor=None, cue=cue, content=content, kind="indirect",
        sentence=sentence_range(verb, content), method=frame.method, fragments=fragments,
    )


def _speaker_of(verb: Token):
    """The verb's subject; for a participle on a noun, that noun: "in a statement *calling* the
    test a violation", "lawyers *opposing* the motion" (the statement, the lawyers say so). Not
    when the object noun is what someone did ("posted messages *threatening* ...", "a flurry of
    messages *threatening* ..."): the act is theirs, and the claim rules read it as such; an object
    that is people speaks ("warned Democrats *contemplating* a switch"). Nor when the noun names
    itself: "a group calling itself X". A name the parser made the clause's subject ("Hackers
    calling themselves X bragged that ...", "calling" a csubj) is that phrase."""
    subject = subject_of(verb)
    if subject is None:
        named = [c for c in verb.children if c.dep_ == "csubj" and _names_itself(c)]
        if named:
            return verb.doc[named[0].left_edge.i:named[0].right_edge.i + 1]
    noun = verb.head
    if subject is not None or verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.pos_ not in ("NOUN", "PROPN"):
        return subject
    if any(c.dep_ == "dobj" and c.lower_ in REFLEXIVE_PRONOUNS for c in verb.children):
        return None
    if (noun.dep_ == "dobj" or _counted_object(noun)) and not any(_is_person(n) for n in (noun, *_counted(noun))):
        return None
    return noun_phrase(noun, without=verb)


def _is_person(noun: Token) -> bool:
    """People, not what someone did: "warned Democrats *contemplating* a switch", "drew a crowd of
    artists *writing* songs about him" (they contemplate, they write)."""
    return noun.ent_type_ in ("PERSON", "NORP") or noun.lemma_.lower() in PERSON_NOUNS or noun.lower_ in UNNAMED_NOUNS


def _counted_object(noun: Token) -> bool:
    """The noun a quantity object counts: "posted a flurry of *messages* threatening ..."."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "dobj"




_NAMING_VERBS = frozenset("call style name dub term title bill".split())


def _names_itself(verb: Token) -> bool:
    """"calling itself X", "styling themselves X": a name, not a statement (unlike "portrayed himself as")."""
    return verb.lemma_.lower() in _NAMING_VERBS and any(c.dep_ == "dobj" and c.lower_ in REFLEXIVE_PRONOUNS for c in verb.children)


def _around_attribution(doc: Doc, verb: Token, subject, content: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """The content in two fragments when the attribution sits inside it: "what Trump says his plan
    would do", "the mine, which Mr. Clarke says he keeps open" (the content's first word is
    the relative or question word the clause moved to the front)."""
    if subject is None or not (content[0] < subject.start_char and subject.end_char <= verb.idx < content[1]):
        return ()
    if subject.root.pos_ not in ("PROPN", "NOUN", "PRON") or subject.root.lower_ in RELATIVE_PRONOUNS:
        return ()
    text = doc_text(doc)
    fragments = tuple(f for f in (stripped_range(text, (content[0], subject.start_char)),
                                  stripped_range(text, (verb.idx + len(verb.text), content[1]))) if f is not None)
    return fragments if len(fragments) == 2 else ()


def _clause(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """The complement clause: "X said (that) ...", "..., X said"."""
    # Several complements on one side of the cue join ("A, B," she said); the cue never sits inside.
    complements = [c for c in verb.children if c.dep_ == "ccomp" or misparsed_complement(c, verb)]
    complements += relatives_taken_for_content(verb)
    ranges = [stripped_range(doc_text(doc), subtree_range(c, doc, verb)) for c in complements]
    ranges = [r for r in ranges if r is not None]
    ranges = [r for r in ranges if not _before_colon_lead(doc, verb, r, ranges)]
    if not ranges:
        return None
    nearest = min(ranges, key=lambda r: min(abs(r[0] - verb.idx), abs(r[1] - verb.idx)))
    same_side = [r for r in ranges if (r[0] > verb.idx) == (nearest[0] > verb.idx)]
    content = (min(r[0] for r in same_side), max(r[1] for r in same_side))
    if content[0] > verb.idx:
        content = with_coordinated_clauses(doc, verb, content)
    elif verb.dep_ in ("ROOT", "conj") and not words_of(doc[verb.right_edge.i + 1:sentence_of(verb).end]):
        # "A, but B, a source said": the cue closes the sentence, and all of it before
        # the cue was said, even when the parse hangs only B on the verb.
        opening = trimmed_range(doc[sentence_of(verb).start:verb.left_edge.i])
        if opening is not None and opening[0] < content[0]:
            content = (opening[0], content[1])
    method = "clause_that" if doc_text(doc)[content[0]:content[0] + 5].lower().startswith("that ") else "clause"
    return Frame(content, verb.i + 1, method)


def _before_colon_lead(doc: Doc, verb: Token, content: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    """True for a "complement" that is the writer's lead-in before a colon opening the cue's own
    clause: in "We have been here before: Osama bin Laden declared war" the parser may hang the
    lead on the verb, but the speaker after the colon did not say it. Not when another complement
    stands between the colon and the cue ("The plan is simple: cut taxes, the mayor said")."""
    if content[1] > verb.idx:
        return False
    colons = [t.idx for t in doc[verb.left_edge.i:verb.i] if t.text == ":" and t.idx >= content[1]]
    return bool(colons) and not any(colons[-1] < r[0] < verb.idx for r in ranges)


def _closing_attribution(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """The words before a closing "..., experts say." that the parser left unattached.

    The cue and its subject close the sentence after a comma (a date may follow): all before the
    comma is what was said."""
    subject = subject_of(verb)
    sentence = sentence_of(verb)
    if verb.dep_ != "ROOT" or subject is None or subject.end != verb.i or subject.start - 1 <= sentence.start:
        return None
    if doc[subject.start - 1].text != "," or words_of(doc[verb.i + 1:sentence.end]) and not all(
            t.ent_type_ in ("DATE", "TIME") for t in words_of(doc[verb.i + 1:sentence.end])):
        return None
    content = trimmed_range(doc[sentence.start:subject.start - 1])
    return None if content is None else Frame(content, verb.i + 1, "clause")


def _pro_form(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """A word standing for the clause: "He doesn't think so", "said as much", "said otherwise"."""
    after = [t for t in doc[verb.i + 1:verb.i + 3] if not t.is_space]
    if after and after[0].lower_ in ("so", "otherwise") and after[0].head.i == verb.i and (
            len(after) == 1 or after[1].is_punct or after[1].dep_ == "prep"):
        return Frame((after[0].idx, after[0].idx + len(after[0].text)), verb.i + 1, "clause")
    if len(after) == 2 and after[0].lower_ == "as" and after[1].lower_ == "much" and after[1].head.i == verb.i:
        return Frame((after[0].idx, after[1].idx + len(after[1].text)), verb.i + 1, "clause")
    return None


def _hoisted_clause(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """A complement parsed as the head of its cue: "after he admitted he had not been held to account".

    In that and "While he acknowledged funding was the reason, ..." the parser hangs "admitted"
    and "acknowledged" on the clause they report, as adverbial clauses. That clause follows the
    cue's own words with no comma between and has a subject of its own."""
    head = verb.head
    if head.i < verb.i or head.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "mark" for c in verb.children):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i]
    start = verb.right_edge.i + 1
    if not subjects or subjects[0].left_edge.i != start or any(c.dep_ == "mark" for c in head.children):
        return None
    content = trimmed_range(doc[start:head.right_edge.i + 1])
    return None if content is None else Frame(content, verb.i + 1, "clause")


def _judgement(doc: Doc, verb: Token, lemma: str) -> Statement | str:
    """A passive judgement decides alone: its statement, or none at all."""
    return passive_judgement(doc, verb) or NO_STATEMENT


def _preposition(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """The preposition's object: "called for calm", "warned of reprisals", "testified about the emails"."""
    allowed = PREPOSITION_CUES.get(lemma, frozenset())
    if lemma in INTRANSITIVE_CUES and any(c.dep_ == "dobj" for c in verb.children):
        return None
    if lemma in PREPOSITION_VERBS and subject_of(verb) is not None:
        allowed = allowed | GENERIC_PREPOSITIONS
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in allowed and not is_dated(child):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            # "called for the fees to be cut": the parser hangs the clause on the verb, right after the preposition
            objects = objects or [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "advcl") and c.left_edge.i == child.i + 1]
            if objects and child.lower_ == "after" and not _is_party(objects[0]):
                continue  # "went home after the debate": a time; "went after Trump": an attack
            if objects:
                content = subtree_range(objects[0], doc, verb)
                content = (content[0], max(content[1], rest_of_phrase(doc, verb, child)))
                return Frame(before_dash_aside(doc, content), child.i + 1, "preposition")
    return None


def _is_party(token: Token) -> bool:
    """A person or group, who can be attacked or grilled: a name, a pronoun, "the senator" (not a
    place: "storms pounded Florida")."""
    return (token.ent_type_ in ("PERSON", "ORG", "NORP") or token.lower_ in _PARTY_PRONOUNS
            or token.lemma_.lower() in PERSON_NOUNS)


_PARTY_PRONOUNS = frozenset("him her them us me you".split())


def _infinitive(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """The infinitive, with the addressee before it: "urged Congress to act"."""
    infinitives = [c for c in verb.children if c.dep_ == "xcomp"]
    if not infinitives:
        return None
    content = continued_infinitive(doc, verb, without_closing_reason(doc, infinitives[0], subtree_range(infinitives[0], doc, verb)))
    addressees = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < infinitives[0].i]
    if addressees:
        content = (addressees[0].left_edge.idx, content[1])
    return Frame(content, verb.i + 1, "infinitive")


def _object(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """The object: "denied the report", "blamed Israel for the attack", "called the plan a disaster"."""
    # "what we expect": the object is the relative pronoun, the content is elsewhere.
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in RELATIVE_PRONOUNS | {"what", "whatever"}]
    if not objects:
        # "called Trump a liar" parsed with two predicates and no object: the first is the object.
        predicates = [c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i]
        objects = predicates[:1] if len(predicates) > 1 else []
    if not objects:
        # "admitted using the loophole", "proposes allowing parents to deduct": a gerund object parsed as xcomp
        objects = [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i][:1]
    if not objects:
        # "condemned what he called a breach": a free relative naming something, parsed as a clause
        objects = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and doc[c.left_edge.i].lower_ in _FREE_RELATIVES
                   and any(n.dep_ == "oprd" or naming_as(n) for n in c.children)][:1]
    if not objects or (lemma in PARTY_OBJECT_CUES and not _is_party(objects[0])) or _names_itself(verb):
        return None
    content = subtree_range(objects[0], doc, verb)
    # "isn't offering veterans the kind of therapy ...": two objects, the parser's reading of an addressee
    later = [c for c in verb.children if c.dep_ == "dobj" and c.i > objects[0].right_edge.i and objects[0].i > verb.i]
    if later and not any(t.text in (",", ";", "--", "—") for t in doc[objects[0].i + 1:later[0].i]):
        objects = later[:1]
        content = (content[0], subtree_range(later[0], doc, verb)[1])
    for relative in objects[0].rights:
        # "the reality of climate change, which makes him an outlier": an aside, not the content
        if relative.dep_ == "relcl" and relative.left_edge.i > 0 and doc[relative.left_edge.i - 1].text == ",":
            content = (content[0], rstrip_end(doc_text(doc), doc[relative.left_edge.i - 1].idx))
    # "blamed Israel for the attack", "cited the remarks as examples of ...": the reason is said too.
    # "likened the rules to burning the Constitution": the comparison too.
    reason_words = ("for", "of", "as", "to") if lemma in ("liken", "compare", "link", "tie") else ("for", "of", "as")
    reasons = [c for c in verb.children if c.dep_ in ("prep", "oprd") and c.lower_ in reason_words and c.i > objects[0].i]
    reasons += [c for c in verb.children if c.dep_ == "oprd" and c.i > objects[0].i]  # "called the plan a disaster"
    if reasons:
        content = (content[0], max(content[1], subtree_range(reasons[0], doc, verb)[1]))
    content = (content[0], max(content[1], rest_of_phrase(doc, verb, objects[0]), misparsed_as_end(doc, objects[0])))
    return Frame(before_dash_aside(doc, with_coordinated_objects(doc, verb, content)), verb.i + 1, "object")


_FREE_RELATIVES = frozenset({"what", "whatever"})


def _named_relative(doc: Doc, verb: Token, lemma: str) -> Statement | None:
    """A naming cue whose object is a relative pronoun: "what she called a rant".

    "an explosion that the mayor described as deliberate": the pronoun and what it is called, in
    two fragments, said by the cue's subject."""
    pronouns = [c for c in verb.children if c.dep_ == "dobj" and c.i < verb.i and c.lower_ in RELATIVE_PRONOUNS | _FREE_RELATIVES]
    called = [c for c in verb.children if c.i > verb.i and (c.dep_ == "oprd" or naming_as(c))]
    subject = subject_of(verb)
    if not pronouns or not called or subject is None:
        return None
    text = doc_text(doc)
    complement = stripped_range(text, subtree_range(called[0], doc, verb))
    if complement is None:
        return None
    pronoun = (pronouns[0].idx, pronouns[0].idx + len(pronouns[0].text))
    return Statement(
        speaker=subject, speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=(pronoun[0], complement[1]), kind="indirect",
        sentence=sentence_range(verb, (pronoun[0], complement[1])), method="named_relative", fragments=(pronoun, complement),
    )


def _message(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """The message a verb issues: "issued a statement", "sent a stern letter", "filed a motion to appeal".

    A participle on the message says what it says: "issued a statement *calling* the test a
    violation", "unleashed a flurry of tweets *shaming* the judge" (the participle's complement,
    with the participle in the cue). Another cue inside the message ("a letter that urges a
    recount") is left to that cue, and so is a participle that makes a claim of its own
    ("posted messages threatening the port": the claim rules read the threat)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    messages = [m for o in objects for m in (o, *_counted(o)) if m.lower_ in MESSAGE_NOUNS or m.lemma_.lower() in MESSAGE_NOUNS]
    if not messages:
        return None
    participles = [c for c in messages[0].children if c.dep_ == "acl" and c.tag_ == "VBG" and c.i > messages[0].i]
    if participles and not (lexicon_lemma(participles[0]) in CUE_TYPES or lexicon_lemma(participles[0]) in TRIGGERS):
        said = trimmed_range(doc[participles[0].i + 1:participles[0].right_edge.i + 1])
        if said is not None:
            return Frame(said, participles[0].i + 1, "message")
    if messages[0].dep_ == "pobj":
        return None  # "a series of tweets": only what a participle says is read through the count
    message = messages[0]
    # "a letter that says ...", "a statement calling ...": the message's own cue frames what it says.
    if any(t.pos_ == "VERB" and lexicon_lemma(t) in VERB_CUES for t in message.subtree if t.i != message.i):
        return None
    content = subtree_range(message, doc, verb)
    return Frame((content[0], max(content[1], rest_of_phrase(doc, verb, message))), verb.i + 1, "message")


def _counted(noun: Token) -> list[Token]:
    """What a quantity noun counts: "a flurry *of tweets*", "a series *of statements*"."""
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]


def _as_clause(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """The main clause of an as-clause cue: "It does not answer whether Scott had a gun, as police have said"."""
    head = verb.head
    if verb.i > head.i:
        content = trimmed_range(doc[head.left_edge.i:verb.left_edge.i])
    else:
        end = head.right_edge.i
        if doc[end].text == "." and doc[end].head.i == head.i:
            end -= 1  # "As Ruiz put it, the plan is dead.": the sentence's full stop is not said
        content = trimmed_range(doc[verb.right_edge.i + 1:end + 1])
    return None if content is None else Frame(content, verb.i + 1, "as_clause")


def _as_it(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """The clause an "as X put it" is set in: "As Ruiz put it, the plan is dead"."""
    if not any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
        return None
    return _as_clause(doc, verb, lemma)


def _parenthetical_frame(doc: Doc, verb: Token, lemma: str) -> Statement | str:
    """An attribution inside its clause decides alone: its statement, or none at all."""
    return parenthetical(doc, verb) or NO_STATEMENT


def _finding(doc: Doc, verb: Token, lemma: str) -> Frame | None:
    """The object, when the subject is a poll, study or record: "Polls show a close race"."""
    subject = subject_of(verb)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp")]
    if subject is not None and objects and (subject.root.lower_ in FINDING_NOUNS or subject.root.lemma_.lower() in FINDING_NOUNS):
        content = subtree_range(objects[0], doc, verb)
        return Frame((content[0], max(content[1], rest_of_phrase(doc, verb, objects[0]))), verb.i + 1, "finding")
    return None


def _evidence(doc: Doc, verb: Token, lemma: str) -> Statement | None:
    """What someone found (or did not), with the negation in the cue: "doesn't see signs of X"."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in EVIDENCE_NOUNS]
    if not objects or subject_of(verb) is None:
        return None
    start = min([verb.idx] + [c.idx for c in verb.children if c.dep_ in ("neg", "aux") and c.i < verb.i])
    content = subtree_range(objects[0], doc, verb)
    cue = doc.char_span(start, verb.idx + len(verb.text), alignment_mode="expand")
    return Statement(
        speaker=subject_of(verb), speaker_actor=None, cue=cue, content=content, kind="indirect",
        sentence=sentence_range(verb, content), method="evidence",
    )


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _has_mark(verb: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in verb.children)


def _passive_agent_frame(doc: Doc, verb: Token, lemma: str) -> Statement | None:
    """A passive cue with its agent: "The plan is supported by the mayor" (the mayor says so)."""
    return passive_with_agent(doc, verb)


def _raising_frame(doc: Doc, verb: Token, lemma: str) -> Statement | None:
    """A subject raised into an infinitive: "The plan seems to work", "The council is expected to vote"."""
    return raising(doc, verb)


_OBJECT_OR_CLAUSE_CUES = OBJECT_CUES | CUE_VERBS

# The verb frames in the order they are tried: (name, applies(verb, lemma, cue_verbs), rule).
# A rule returns a Frame (its content makes the statement), a Statement, NO_STATEMENT (the
# frame decides there is none), or None (the next frame is tried). Word lists: lexicon.yml.
VERB_FRAMES = (
    ("passive_judgement", lambda verb, lemma, cues: lemma in PASSIVE_JUDGEMENT_VERBS and _is_passive(verb), _judgement),
    ("clause", lambda verb, lemma, cues: lemma in cues, _clause),
    ("pro_form", lambda verb, lemma, cues: lemma in cues, _pro_form),
    ("hoisted_clause", lambda verb, lemma, cues: lemma in cues and verb.dep_ == "advcl", _hoisted_clause),
    ("closing_attribution", lambda verb, lemma, cues: lemma in cues and verb.dep_ == "ROOT", _closing_attribution),
    ("passive_agent", lambda verb, lemma, cues: lemma in _OBJECT_OR_CLAUSE_CUES, _passive_agent_frame),
    ("passive_subject", lambda verb, lemma, cues: (lemma in OBJECT_CUES or lemma in AS_CUES) and _is_passive(verb), passive_subject),
    ("preposition", lambda verb, lemma, cues: lemma in PREPOSITION_CUES or lemma in PREPOSITION_VERBS, _preposition),
    ("raising", lambda verb, lemma, cues: lemma in RAISING_VERBS or lemma in PASSIVE_RAISING_VERBS, _raising_frame),
    ("infinitive", lambda verb, lemma, cues: lemma in XCOMP_CUES, _infinitive),
    ("object", lambda verb, lemma, cues: lemma in OBJECT_CUES or (lemma in AS_CUES and _seen_as(verb)), _object),
    ("named_relative", lambda verb, lemma, cues: lemma in OBJECT_CUES or lemma in AS_CUES, _named_relative),
    ("message", lambda verb, lemma, cues: lemma in MESSAGE_VERBS, _message),
    ("as_clause", lambda verb, lemma, cues: lemma in cues and verb.dep_ == "advcl" and _has_mark(verb, "as"), _as_clause),
    ("as_it", lambda verb, lemma, cues: lemma in AS_IT_VERBS and verb.dep_ == "advcl" and _has_mark(verb, "as"), _as_it),
    ("parenthetical", lambda verb, lemma, cues: lemma in cues and verb.dep_ == "parataxis", _parenthetical_frame),
    ("finding", lambda verb, lemma, cues: lemma in FINDING_VERBS, _finding),
    ("evidence", lambda verb, lemma, cues: lemma in EVIDENCE_VERBS, _evidence),
)


def _seen_as(verb: Token) -> bool:
    """An "as" on the verb or on its object: "see the plan as a loophole" (the parser hangs it on either)."""
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children) or any(
        naming_as(g) for c in verb.children if c.dep_ == "dobj" for g in c.children)
