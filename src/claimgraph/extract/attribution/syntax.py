"""Helpers over the parse that every attribution rule uses: subjects, noun phrases, content ranges.

Ranges are ``(start, end)`` character offsets into ``doc.text``, end exclusive.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..doc_views import doc_text, sentence_of
from .lexicon import CUE_VERBS, NOUN_CUES, OBJECT_CUES, VERB_CUES


SPEAKER_DEPS = ("nsubj", "nsubjpass")


PRONOUNS = frozenset("he she they it we i you him her them".split())


RELATIVE_PRONOUNS = frozenset("which who that whom whose".split())
# "calling itself X", "the system would pay for itself"
REFLEXIVE_PRONOUNS = frozenset("itself themselves himself herself themself".split())


QUOTE_CHARS = "\"“”„«»"


QUOTE_TOKENS = frozenset([*QUOTE_CHARS, "''", "``"])


# Verbs that report with a clause or an object: a coordinated or embedded one starts a statement.
REPORTING_VERBS = CUE_VERBS | OBJECT_CUES


def rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def is_cue(token: Token, cue_verbs: frozenset) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cue_verbs


def stripped_range(text: str, content: tuple[int, int]) -> tuple[int, int] | None:
    """A content range without edge whitespace; None when nothing is left.

    Parses do not cross paragraphs (``claimgraph_paragraphs`` starts a sentence at each),
    so a range from one parse stays in its paragraph without clipping.
    """
    start, end = content
    if end - start < 2:
        return None
    trimmed = text[start:end]
    return start + len(trimmed) - len(trimmed.lstrip()), start + len(trimmed.rstrip())


def words_of(span: Span) -> list[Token]:
    return [t for t in span if not t.is_punct and not t.is_space]


def trimmed_range(span: Span) -> tuple[int, int] | None:
    """The span's range without what frames a content but is not part of it: edge punctuation
    (not quotation marks), a connective or dateline that opens it ("However, ...", "In
    addition, ...", "LONDON -- ..."), a conjunction left at its end ("..., and") and an
    opening bracket that its end leaves unclosed ("... (which ...")."""
    tokens = [t for t in span]
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in QUOTE_TOKENS:
        tokens.pop(0)
    tokens = tokens[_opening_connective(tokens):]
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in QUOTE_TOKENS:
        tokens.pop(0)
    tokens = _without_unclosed_bracket(tokens)
    while tokens and (tokens[-1].is_space or tokens[-1].text in {",", ";", ":", "--", "—", "-"} or (
            tokens[-1].dep_ == "cc" and len(tokens) > 1)):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


# Phrases that link a sentence to the one before it and are the writer's ("In addition, the town ...").
_CONNECTIVE_PHRASES = frozenset({
    ("in", "addition"), ("for", "example"), ("for", "instance"), ("in", "fact"), ("of", "course"),
    ("as", "a", "result"), ("at", "the", "same", "time"),
})


def _opening_connective(tokens: list[Token]) -> int:
    """How many tokens open the content as a connective set off by a comma ("However,", "In
    addition,") or a dateline ("LONDON --"); 0 when none. Quotations keep their words."""
    if not tokens or tokens[0].text in QUOTE_TOKENS:
        return 0
    first = tokens[0]
    if len(tokens) > 2 and tokens[1].text == "," and first.tag_ == "RB" and first.dep_ == "advmod" and first.is_sent_start:
        return 2
    words = [t.lower_ for t in tokens[:5]]
    for phrase in _CONNECTIVE_PHRASES:
        n = len(phrase)
        if tuple(words[:n]) == phrase and len(tokens) > n + 1 and tokens[n].text == ",":
            return n + 1
    # A dateline: a place in capitals, then a dash, at the start of a paragraph.
    dash = next((i for i, t in enumerate(tokens[:4]) if t.text in _DASHES), None)
    if dash and first.is_sent_start and all(t.text.isupper() or t.text == "," for t in tokens[:dash]) and len(tokens) > dash + 1:
        return dash + 1
    return 0


def _without_unclosed_bracket(tokens: list[Token]) -> list[Token]:
    """The tokens before an opening bracket that is not closed by the end ("... rates (which")."""
    depth_at: list[int] = []
    for index, token in enumerate(tokens):
        if token.text == "(":
            depth_at.append(index)
        elif token.text == ")" and depth_at:
            depth_at.pop()
    return tokens[:depth_at[0]] if depth_at and depth_at[0] > 0 else tokens


def subtree_range(head: Token, doc: Doc, cue: Token) -> tuple[int, int]:
    """The complement's subtree as a character range, without the cue and edge punctuation.

    A coordinated verb that is itself a cue ("he would order a review and warned against
    hackers") starts a statement of its own, so it is cut off, and so is an aside that
    closes the subtree after a comma and is the writer's, not the speaker's (see
    :func:`_closes_as_aside`: "... Mr. Trump, who is 70", "..., citing the strategic
    importance of ...", "..., a former governor").
    """
    end = head.right_edge.i
    for child in head.rights:
        if child.dep_ == "conj" and reports_anew(child):
            end = min(end, child.left_edge.i - 1)
            while end > head.i and doc[end].dep_ == "cc":
                end -= 1
        elif child.dep_ in ("conj", "advcl") and (_reports_on_its_own(child, cue)):
            end = min(end, child.left_edge.i - 1)
            while end > head.i and doc[end].dep_ in ("cc", "punct"):
                end -= 1
    end = _without_closing_aside(doc, head, end)
    tokens = [t for t in doc[head.left_edge.i:end + 1] if t.i != cue.i]
    span = doc[tokens[0].i:tokens[-1].i + 1]
    trimmed = trimmed_range(span)
    return trimmed if trimmed else (span.start_char, span.end_char)


def continued_infinitive(doc: Doc, verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """An infinitive content extended over bare verbs the parser coordinated with the cue: in
    "agreed to share a currency and rely on one another" and "wants to widen the road, add a
    lane and build a bridge" the later infinitives hang on the cue."""
    for child in verb.rights:
        if child.dep_ != "conj" or child.idx < content[1]:
            continue
        if child.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in child.children):
            break
        gap = doc_text(doc)[content[1]:child.left_edge.idx]
        extended = trimmed_range(doc[child.left_edge.i:child.right_edge.i + 1])
        if extended is None or gap.strip(" ,") not in ("", "and", "or") or "\n" in gap:
            break
        content = (content[0], extended[1])
    return content


def reports_anew(verb: Token) -> bool:
    """True for a coordinated cue verb that starts a statement of its own ("... and warned
    against hackers"); not for one under a modal or after "that", which goes on with what was
    said ("it would cut revenue, but would add $84 billion later", "... but that it would add")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in REPORTING_VERBS:
        return False
    return not any((c.dep_ == "aux" and c.tag_ == "MD") or (c.dep_ == "mark" and c.lower_ == "that") for c in verb.children)


def contrasting_clause(clause: Token) -> bool:
    """True for a clause with a subject of its own after "but" or "yet": in "she said the bridge
    would open in May, but the tolls are still unsettled" the writer sets a fact against what was
    said. A clause that quotes ("..., but 'nobody dares to say it'") is still the speaker's."""
    doc = clause.doc
    before = clause.left_edge.i - 1
    if before < 0 or doc[before].lower_ not in ("but", "yet") or clause.pos_ not in ("VERB", "AUX"):
        return False
    if any(t.text in QUOTE_TOKENS for t in doc[clause.left_edge.i:clause.right_edge.i + 1]):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < clause.i for c in clause.children)


def _reports_on_its_own(clause: Token, cue: Token) -> bool:
    """True for a clause set off by a comma whose verb is a cue with a subject of its own: "...,
    but he refuses to discuss it", "..., though she noted that ...". It is another statement."""
    doc = clause.doc
    before = clause.left_edge.i - 1
    if before > 0 and doc[before].dep_ == "cc":
        before -= 1  # ", but he refuses": the parser hangs "but" on the first clause
    if before < 0 or doc[before].text != "," or clause.i == cue.i:
        return False
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    return own_subject and clause.pos_ == "VERB" and clause.lemma_.lower() in VERB_CUES


def _is_aside(token: Token) -> bool:
    """A non-restrictive relative clause, participle clause or apposition."""
    if token.dep_ == "relcl":
        return token.left_edge.lower_ in ("which", "who", "whom", "whose")
    if token.dep_ in ("advcl", "acl"):
        return token.tag_ == "VBG" and token.left_edge.i == token.i
    return token.dep_ == "appos"


def _without_closing_aside(doc: Doc, head: Token, end: int) -> int:
    """``end`` moved back before the asides that close the subtree, each set off by a comma or a dash."""
    in_clause = None
    changed = True
    while changed:
        changed = False
        for token in doc[head.i + 1:end + 1]:
            start = token.left_edge.i
            if start <= head.i + 1:
                continue
            mark = doc[start - 1]
            comma = mark.text == ","
            if not (comma or mark.text in _DASHES) or token.right_edge.i < end - 1:
                continue
            if comma:
                in_clause = _is_finite_clause(head) if in_clause is None else in_clause
                aside = _closes_as_aside(token, in_clause)
            else:
                aside = is_spaced_dash(mark) and token.dep_ in _DASHED_ASIDE_DEPS and not _dashed_before(doc, head, start - 1)
            if aside:
                end, changed = start - 2, True
                break
    return end


_DASHED_ASIDE_DEPS = frozenset({"appos", "npadvmod", "advcl", "relcl", "acl", "parataxis", "dep"})


def is_spaced_dash(token: Token) -> bool:
    """A dash between words ("the plan -- a tax"), not a hyphen inside one ("non-Western")."""
    return token.text in _DASHES and bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _dashed_before(doc: Doc, head: Token, dash: int) -> bool:
    """True when another dash opens the stretch that ``dash`` closes (a pair: "X -- a town -- said")."""
    return any(is_spaced_dash(t) for t in doc[head.left_edge.i:dash])


def _is_finite_clause(head: Token) -> bool:
    """True for a reported clause with a subject of its own ("said (that) the plan failed"),
    False for a reported thing or act ("denied the report", "vowed to fight")."""
    return head.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children)


def _closes_as_aside(token: Token, in_clause: bool) -> bool:
    """Whether an aside closing a content after a comma is the writer's and stays out of it.

    After a reported thing ("questioned the health of Ian Ford, who is 70", "likened the
    toll to a tax, which ...") a relative or participle clause describes that thing for the
    reader. Inside a reported clause a "which"/"whose" clause or a participle clause goes on
    with what was said ("said the toll was too high, which hurts commuters", "said it would
    close the bridge, leaving no way across"), unless it reports on its own ("..., arguing
    that ...", "..., which the mayor denied"). A "who" clause describes a person: the writer's
    either way. An apposition that names ("the town's mayor, Ann Lee") is part of what it
    names; one that describes ("Ian Ford, a former governor") is the writer's.
    """
    if not _is_aside(token):
        return False
    if token.dep_ == "appos":
        return not (token.pos_ == "PROPN" and all(t.pos_ in ("PROPN", "PUNCT", "DET") for t in token.subtree))
    if not in_clause:
        return True
    if token.dep_ == "relcl" and token.left_edge.lower_ in ("who", "whom"):
        return True
    return _reports(token)


def _reports(clause: Token) -> bool:
    """True when a clause holds a cue of its own: a reporting verb, or a reporting noun with a
    that-clause ("..., contradicting the claim that ...")."""
    for token in clause.subtree:
        pos = token.pos_
        if pos in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_VERBS:
            return True
        if pos == "NOUN" and token.lemma_.lower() in NOUN_CUES and any(
                m.dep_ == "mark" and m.lower_ == "that" for c in token.children for m in c.children):
            return True
    return False


def subject_of(verb: Token) -> Span | None:
    """The verb's subject phrase; borrowed from the head for ``and said`` and ``went on to say``."""
    seen = 0
    while verb is not None and seen < 4:
        subjects = [c for c in verb.children if c.dep_ in SPEAKER_DEPS]
        agent = agent_of(verb)
        if subjects and subjects[0].dep_ == "nsubjpass" and agent is not None:
            return noun_phrase(agent)
        if subjects and subjects[0].dep_ == "nsubj":
            before = [c for c in subjects if c.i < verb.i]
            subject = before[-1] if before else subjects[0]  # the nearest, when the parse gives two
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                # "who said": the pronoun as written; speaker_actor() resolves it to the noun.
                return subject.doc[subject.i:subject.i + 1]
            return _in_paragraph_of(_before_verb(noun_phrase(subject), subject, verb), verb)
        reporting_participle = verb.tag_ == "VBG" and any(c.dep_ == "ccomp" for c in verb.children)
        if verb.dep_ == "acl" and (verb.tag_ == "VBD" or reporting_participle):
            # A finite verb the parser hung on a noun ("The agency, which ..., called for") and a
            # participle ("a posting saying that ...") have that noun as their speaker.
            return noun_phrase(verb.head, without=verb)
        if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "They published it by announcing that ...": the verb before "by"
            seen += 1
            continue
        controller = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i] if verb.dep_ == "xcomp" else []
        if controller and controller[0].pos_ in ("PROPN", "NOUN", "PRON") and verb.head.i < controller[0].i:
            # "pressed Stumpf to admit that ...": the one pressed admits, not the one pressing.
            return noun_phrase(controller[0])
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            # "Asked about the fire, Ruiz said ...": a passive participle; its subject is asked, not asking.
            return None
        # "was slow to embrace it": the adjective's subject embraces
        climbs = verb.dep_ in ("conj", "xcomp", "advcl") or verb.dep_ == "acomp" and verb.pos_ == "ADJ"
        if climbs and verb.head.i != verb.i:
            verb = verb.head.head if _coordinated_with_outer_cue(verb) else verb.head
            seen += 1
            continue
        return None
    return None


def _coordinated_with_outer_cue(verb: Token) -> bool:
    """True for "demanded" in "X said the government was hiding the truth and demanded an inquiry".

    The parser often hangs a second cue on the reported clause rather than on the cue. When that
    clause is not itself a cue, and the second verb agrees in tense with the cue and not with the
    clause ("said" ... "was hiding" ... "demanded"), it continues the cue (:func:`subtree_range`
    already cuts it out of the content), so its subject is the cue's speaker, not the clause's
    subject. Forms that do not tell ("said the government hid ... and demanded") keep the parse.
    """
    clause = verb.head
    outer = clause.head
    if verb.dep_ != "conj" or not is_cue(verb, REPORTING_VERBS) or verb.pos_ != "VERB":
        return False
    if clause.dep_ != "ccomp" or outer.i == clause.i or not is_cue(outer, REPORTING_VERBS):
        return False
    if is_cue(clause, REPORTING_VERBS):
        return False  # "the ministry denied the report and promised ...": the clause's subject may go on
    return verb.tag_ == outer.tag_ and clause.tag_ != verb.tag_


def _before_verb(phrase: Span, subject: Token, verb: Token) -> Span:
    """A subject phrase before its verb ends before it: the parser sometimes hangs an aside after
    the verb on the subject ("A union endorsed her on Thursday, another sign of ...")."""
    if not (subject.i < verb.i < phrase.end):
        return phrase
    end = subject.i
    while end + 1 < verb.i and phrase.doc[end + 1] in set(subject.subtree):
        end += 1
    while end > subject.i and (phrase.doc[end].is_punct or phrase.doc[end].is_space):
        end -= 1
    return phrase.doc[phrase.start:end + 1]


def _in_paragraph_of(phrase: Span, verb: Token) -> Span:
    """The part of a subject phrase in the verb's paragraph ("...(all times EDT):\n\n7 p.m.\n\nDonald Trump")."""
    if phrase.end > verb.i:
        return phrase
    breaks = [t.i for t in phrase if "\n" in t.text]
    if not breaks or breaks[-1] + 1 >= phrase.end:
        return phrase
    return phrase.doc[breaks[-1] + 1:phrase.end]


def noun_phrase(head: Token, without: Token | None = None) -> Span:
    """The noun phrase headed by ``head``: its subtree, appositions and the head's own relative
    clause included ("Schiff, 56, who has served on the committee,"), without edge punctuation
    and without two asides set off by a comma that are about something else: a participle
    clause ("Trump, speaking to veterans, said", the occasion) and a relative clause on a noun
    inside the phrase ("president of the teachers' union, which represents 75,000 teachers"; a
    "who" clause there is the person's, misattached by the parser).

    ``without`` is a clause hanging on the noun that must stay out: the cue's own clause in
    "the agency, which warned of rain".
    """
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    if without is not None and without.i > head.i:
        right = min(right, without.left_edge.i - 1)
    right = min(right, _before_phrase_aside(head, right))
    for child in head.rights:
        # "an arbitration panel in 2001", "a poll released in late August": when, not who.
        dated = child.dep_ in ("prep", "npadvmod") and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)
        if dated and child.left_edge.i > head.i:
            right = min(right, child.left_edge.i - 1)
    # A parse that runs across paragraphs ("... (all times EDT):\n\n7 p.m.\n\nDonald Trump") stops at the break.
    breaks = [t.i for t in doc[left:head.i] if "\n" in t.text]
    if breaks:
        left = breaks[-1] + 1
    left = _after_lead_in(doc, left, head)
    while right > left and (doc[right].is_punct or doc[right].is_space or doc[right].lower_ in RELATIVE_PRONOUNS):
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left:right + 1]


_LEAD_IN_DEPS = frozenset({"advmod", "preconj", "cc"})
_DASHES = frozenset({"-", "--", "—", "–", "―"})


def _after_lead_in(doc: Doc, left: int, head: Token) -> int:
    """``left`` moved past what the parser hung before a speaker but is not part of it: a dateline
    or a clause cut off by a dash ("WASHINGTON -- President Obama", "BRUSSELS - European leaders"),
    before a name an opening phrase ended by a comma ("After the election, Minyon Moore"), "Even
    China", "Both X and Y"."""
    for token in doc[left:head.i]:
        spaced_dash = token.text in _DASHES and token.whitespace_ and doc[token.i - 1].whitespace_
        if spaced_dash:
            left = token.i + 1
    if head.pos_ == "PROPN":
        for token in doc[left:head.i]:
            if (token.text == "," and token.head.i != head.i and token.i + 1 < head.i
                    and doc[token.i + 1].pos_ == "PROPN" and token.head.dep_ != "appos"):
                left = token.i + 1
    while left < head.i and doc[left].dep_ in _LEAD_IN_DEPS and doc[left].head.i in (head.i, head.head.i):
        left += 1
    return left


def _before_phrase_aside(head: Token, right: int) -> int:
    """The last token before the first comma- or dash-set aside in the noun phrase of ``head`` (or ``right``)."""
    doc = head.doc
    for token in doc[head.i + 1:right + 1]:
        start = token.left_edge.i
        if start <= head.i + 1 or doc[start - 1].text not in (",", *_DASHES) or token.head.i == token.i:
            continue
        if token.right_edge.i > right:
            continue
        relative = token.dep_ == "relcl" and token.left_edge.lower_ in ("which", "whose", "who")
        nested_relative = relative and token.head.i != head.i and token.left_edge.lower_ != "who"
        # "Mr. Kamin, who emphasized that ..., said": the clause is a statement of its own.
        reporting_relative = relative and token.head.i == head.i and token.lemma_.lower() in CUE_VERBS \
            and any(c.dep_ == "ccomp" for c in token.children)
        # "The film -- which follows three nurses -- explains": set off by dashes, the writer's aside
        dashed_relative = relative and doc[start - 1].text in _DASHES
        participle = token.dep_ in ("acl", "advcl")
        # "Jane Ruiz, the deputy mayor of Springfield, one of the towns suing the state": the
        # second apposition describes the town, not the speaker.
        nested_apposition = token.dep_ == "appos" and token.head.dep_ == "appos" and token.head.head.i == head.i
        if (nested_relative or reporting_relative or dashed_relative or participle or nested_apposition) and _is_aside(token):
            return start - 2
        # "Hillary Clinton, like Obama, has said": a comparison, not part of who ("critics, like
        # Senator Leahy," names some of them)
        if token.dep_ == "prep" and token.head.i == head.i and head.pos_ == "PROPN" and token.lower_ in ("like", "unlike"):
            return start - 2
    return right


def agent_of(verb: Token) -> Token | None:
    """The noun of a passive verb's "by ..." agent ("supported by *the mayor*"), or None."""
    return next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)


def sentence_range(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    sentence = sentence_of(verb)
    return min(sentence.start_char, content[0]), max(rstrip_end(doc_text(verb.doc), sentence.end_char), content[1])


def outside_content(speaker: Span | None, content: tuple[int, int]) -> Span | None:
    """The speaker phrase, unless the parse took it from inside the content itself."""
    if speaker is None or (content[0] <= speaker.start_char < content[1]):
        return None
    return speaker


def is_dated(preposition: Token) -> bool:
    """True for "on Tuesday", "over the weekend": a time, not a topic."""
    return any(t.ent_type_ in ("DATE", "TIME") for t in preposition.subtree)


def without_lead_in(span: Span) -> Span:
    """Drop a leading conjunction or introductory phrase: "But the goal ...", "As it stands, ..."."""
    start = span.start
    while start < span.end and (span.doc[start].dep_ == "cc" or span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    for token in span.doc[start:span.end]:
        if token.text == "," and token.head.dep_ in ("advcl", "prep") and token.head.i < token.i and token.head.left_edge.i == start:
            return span.doc[token.i + 1:span.end]
        if token.dep_ in ("nsubj", "nsubjpass") or token.pos_ == "VERB":
            break
    return span.doc[start:span.end]


def cue_phrase(doc: Doc, verb: Token, content_start: int, content_end: int | None = None) -> Span:
    """The cue with the addressee it takes, outside the content: "told reporters"."""
    end = verb.i + 1
    content_end = content_start if content_end is None else content_end
    for child in verb.rights:
        inside = content_start <= child.idx < content_end
        if child.dep_ in ("dobj", "dative", "prt") and not inside and child.pos_ != "VERB" and child.i <= end + 1:
            if child.right_edge.idx < content_start or child.idx >= content_end:
                end = max(end, child.right_edge.i + 1)
    return doc[verb.i:end]


def quote_kind(content: str) -> str:
    stripped = content.strip().replace("''", '"')
    if not any(mark in stripped for mark in QUOTE_CHARS):
        return "indirect"
    if stripped[:1] in QUOTE_CHARS and stripped[-1:] in QUOTE_CHARS + ".,":
        inner = stripped[1:-1]
        if not any(mark in inner.rstrip('."”') for mark in "“”") and inner.count('"') == 0:
            return "direct"
    return "mixed"
