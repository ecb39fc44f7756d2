"""Quotation marks: finding quotes, widening statements to them, and the cues around a quote.

A quote is matched to the nearest cue after it in the same sentence (``"...," Power said``,
``said Power``, ``"..." ― Carla Sanchez``) or before it (``Harf told reporters, "..."``,
``He said:`` closing the previous paragraph). A quote that resumes right after its
attribution (``"A," he said. "B."``) joins the first, and so does one that opens before an
attribution set inside the quotation (``"A," he said, "B."``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..doc_views import doc_text, sentence_of
from ..extensions import Statement
from .lexicon import MESSAGE_NOUNS, QUOTE_ONLY_VERBS, AttributionSettings
from .speakers import continued_speaker
from .syntax import (
    QUOTE_TOKENS, cue_phrase, noun_phrase, outside_content, quote_kind, rstrip_end, subject_of,
)



_PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")
# the marks :func:`find_quote_spans` reads; two apostrophes before one, as it reads them
_MARK_RE = re.compile("''|[\"“”]")


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations, quotation marks included.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    a quotation mark (the convention for multi-paragraph quotes); otherwise it ends there.
    The actors and quotes components both ask for the same text: the answer is kept for it.
    """
    return list(_quote_spans(text))


@lru_cache(maxsize=4)
def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a quote still open at the end of the last paragraph
    pending_straight = False
    position = 0
    for paragraph in _PARAGRAPH_RE.split(text):
        start_of_paragraph = text.index(paragraph, position) if paragraph else position
        position = start_of_paragraph + len(paragraph)
        stripped = paragraph.lstrip()
        # The quote continues in a paragraph opening with the same kind of mark: a straight mark
        # left open before a paragraph of curly quotes is a stray one.
        if pending is not None and stripped[:1] != ('"' if pending_straight else "“") and not (
                pending_straight and stripped.startswith("''")):
            spans.append((pending, rstrip_end(text, start_of_paragraph)))
            pending = None
        open_at: int | None = None
        open_straight = pending_straight if pending is not None else False
        nested = 0  # curly quotes open inside the open curly quote: “... what he calls “hell” than ...”
        # only quotation marks matter: the loop visits them alone, from one to the next
        for mark in _MARK_RE.finditer(paragraph):
            offset = mark.start()
            char, at = paragraph[offset], start_of_paragraph + offset
            # Two apostrophes are a straight double quote in some archives (''It's more tinkering'').
            width = len(mark.group())
            straight = char == '"' or width == 2
            # A closing mark typed where an opening one belongs: ”Fear. I am afraid ...”
            backwards = char == "”" and open_at is None and paragraph[offset + 1:offset + 2].isalnum() and (
                offset == 0 or paragraph[offset - 1].isspace()
            )
            if char == "“" and open_at is not None and open_straight and pending is None and '"' not in paragraph[offset:]:
                # '"Trump walked in, chanting “USA!”': a straight mark nothing closes was a stray one
                open_at, open_straight = at, False
            elif char == "“" and open_at is not None and not open_straight and _closes_twice(paragraph, offset):
                nested += 1
            elif char == "”" and nested:
                nested -= 1
            elif char == "“" or backwards or (straight and open_at is None):
                open_straight = straight if open_at is None else open_straight
                open_at = at if open_at is None else open_at
            elif char == "”" and open_straight and '"' in paragraph[offset + 1:]:
                pass  # the close of a curly quote nested in a straight one
            elif (char == "”" or straight) and open_at is not None:
                spans.append((pending if pending is not None else open_at, at + width))
                pending, open_at = None, None
        if open_at is not None:
            pending_straight = open_straight if pending is None else pending_straight
            pending = pending if pending is not None else open_at
    if pending is not None:
        spans.append((pending, rstrip_end(text, len(text))))
    return tuple(spans)


def _closes_twice(paragraph: str, offset: int) -> bool:
    """True when the curly quote opening at ``offset`` inside an open one is nested: the rest of
    the paragraph closes more curly quotes than it opens, one for it and one for the outer."""
    rest = paragraph[offset:]
    return rest.count("”") - rest.count("“") >= 1


def outside_quotes(statements: list[Statement], quotes: list[tuple[int, int]]) -> list[Statement]:
    """Drop reported speech inside a quotation or a transcript line: the quoted speaker owns it.

    ("When regimes warn of reprisals ...," Power said) is Power's statement, not the regimes'.
    """
    lines = [s.content for s in statements if s.method == "colon"]
    kept = []
    for statement in statements:
        cue = statement.cue.start_char if statement.cue is not None else statement.content[0]
        # A transcript line may open with a quotation mark ('"PENCE: Well, ...') that never closes.
        if statement.method != "colon" and any(start < cue < end for start, end in quotes):
            continue
        if statement.method != "colon" and any(start <= cue < end for start, end in lines):
            continue
        kept.append(statement)
    return kept


def widen_to_quotes(doc: Doc, statements: list[Statement], quotes: list[tuple[int, int]]) -> list[Statement]:
    """Widen each statement whose content touches a quote to the whole quote, and set its kind."""
    for statement in statements:
        start, end = statement.content
        for q_start, q_end in quotes:
            if q_start < end and start < q_end:
                cue_inside = statement.cue is not None and q_start <= statement.cue.start_char < q_end
                if cue_inside:
                    continue
                start, end = min(start, q_start), max(end, q_end)
                start, end = _without_cue(statement, start, end)
        start, end = _tidy_around_quotes(doc_text(doc), start, end, quotes)
        statement.content = (start, end)
        statement.kind = quote_kind(doc_text(doc)[start:end])
        statement.sentence = (min(statement.sentence[0], start), max(statement.sentence[1], end))
    return statements


_TRAILING_CLAUSE_RE = re.compile(r"\s+(?:when|after|before|while|as|because|during|since|until)\b", re.IGNORECASE)
_OCCASION_RE = re.compile(r"\s+during\b", re.IGNORECASE)


def _tidy_around_quotes(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Drop what a parse glued around a quote: an earlier sentence, or what follows it.

    After a content that is all quotation ('"That is fine," when she was asked') a "when ..."
    or "because ..." clause is the writer's narration. In a paraphrase that quotes a few words
    ('he was "against the war" because it cost too much') the clause goes on with what was
    said; only the occasion ("during a stop in Flint") is the writer's there too.
    """
    inside = [q for q in quotes if start <= q[0] and q[1] <= end]
    if not inside:
        return start, end
    first, last = inside[0], inside[-1]
    if first[0] > start and re.search(r"[.!?][\s\u00a0]*$", text[start:first[0]]):
        start = first[0]
    trailing = _TRAILING_CLAUSE_RE if first[0] == start else _OCCASION_RE
    if last[1] < end and trailing.match(text, last[1]):
        end = last[1]
    return start, end


def _without_cue(statement: Statement, start: int, end: int) -> tuple[int, int]:
    """Keep a widened content from swallowing its own cue and speaker."""
    cue = statement.cue
    if cue is None or not (start <= cue.start_char < end):
        return start, end
    if cue.start_char - start >= end - cue.end_char:
        return start, rstrip_end(doc_text(statement.cue.doc), cue.start_char)
    return cue.end_char, end


def attach_quotes(doc: Doc, statements: list[Statement], quotes: list[tuple[int, int]], finder: AttributionSettings) -> list[Statement]:
    """Statements for quotes that pass 1 did not reach: a nearby cue, else a previous speaker."""
    covered = [s.content for s in statements]
    used_cues = {s.cue.start for s in statements if s.cue is not None}
    cues = finder.cue_verbs | QUOTE_ONLY_VERBS
    added: list[Statement] = []
    for q_start, q_end in quotes:
        if any(c_start <= q_start and q_end <= c_end for c_start, c_end in covered):
            continue
        words = len(re.findall(r"\w+", doc_text(doc)[q_start:q_end]))
        standalone = _is_standalone(doc_text(doc), q_start, q_end)
        # A short quote mid-sentence is a scare quote unless a cue follows it or opens it ("boasted, “...”").
        introduced = doc_text(doc)[:q_start].rstrip().endswith((",", ":")) or _cue_right_before(doc, q_start, cues)
        if words < finder.min_quote_words or (not standalone and words < 5 and not introduced and not _cue_follows(doc, q_end, cues)):
            continue
        statement = (
            _dash_after(doc, q_start, q_end)
            or _cue_after(doc, q_start, q_end, cues, used_cues)
            or _cue_before(doc, q_start, q_end, cues, used_cues)
        )
        if statement is None and finder.continue_speaker and standalone:
            statement = continued_speaker(doc, q_start, q_end, statements + added)
        if statement is None:
            continue
        if statement.cue is not None:
            used_cues.add(statement.cue.start)
        added.append(statement)
        covered.append(statement.content)
    return added


def join_split_quotes(doc: Doc, statements: list[Statement], quotes: list[tuple[int, int]]) -> list[Statement]:
    """Join a quote that resumes right after its attribution: ``"A," he said. "B."`` is one statement."""
    by_content = {s.content: s for s in statements}
    joined: set[int] = set()
    for statement in sorted(statements, key=lambda s: s.content):
        if id(statement) in joined or statement.cue is None or statement.kind == "indirect":
            continue
        start, end = statement.content
        if statement.cue.start_char < end:
            continue  # the attribution comes first: nothing resumes after it
        attribution_end = _clause_end(statement.cue.root)
        if statement.speaker is not None:
            attribution_end = max(attribution_end, statement.speaker.end_char)
        resume = _RESUME_RE.match(doc_text(doc), attribution_end)
        position = resume.end()
        following = next((q for q in quotes if q[0] == position), None) or _after_attribution_sentence(
            doc, statement, quotes)
        if following is None or "\n" in doc_text(doc)[end:following[0]]:
            continue
        other = by_content.get(following)
        if other is not None and other.cue is not None and other.cue.start_char > following[1]:
            continue  # the next quote has a cue of its own after it
        if other is not None:
            joined.add(id(other))
        statement.fragments = statement.fragments or ((start, end),)
        if following not in statement.fragments:
            statement.fragments += (following,)
        statement.content = (start, following[1])
        statement.sentence = (statement.sentence[0], max(statement.sentence[1], following[1]))
    return [s for s in statements if id(s) not in joined]


# What may stand between an attribution and the quote that resumes after it: punctuation, and a
# conjunction that only links the two parts ('"A," he said, but "B."', '..., and then "B."').
_RESUME_RE = re.compile(r"[\s,.;:]*(?:(?:and|but)(?:\s+(?:then|still|also))?\s+)?")


def _after_attribution_sentence(doc: Doc, statement: Statement, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quote that opens right after the sentence of the attribution, when that sentence holds
    no other quotation: ``"A," said Ann Lee, who ran the board for ten years and backs the plan. "B."``"""
    text = doc_text(doc)
    sentence = sentence_of(statement.cue.root)
    sentence_end = rstrip_end(text, sentence.end_char)
    if not text[:sentence_end].endswith((".", "!", "?")):
        return None
    if any(statement.content[1] <= q[0] < sentence_end for q in quotes):
        return None
    position = sentence_end + len(text[sentence_end:]) - len(text[sentence_end:].lstrip(" \t"))
    return next((q for q in quotes if q[0] == position), None)


def join_quote_before(doc: Doc, statements: list[Statement], quotes: list[tuple[int, int]]) -> list[Statement]:
    """Join the quote that opens before an attribution set inside a quotation: in ``"By
    midnight," she said, "the bridge was open."`` the statement of the second part takes the
    first as its first fragment (a first part too short to be a statement of its own included)."""
    text = doc_text(doc)
    by_content = {s.content: s for s in statements}
    dropped: set[int] = set()
    for statement in statements:
        if statement.cue is None or statement.kind == "indirect" or id(statement) in dropped:
            continue
        start = statement.content[0]
        attribution = [statement.cue] + ([statement.speaker] if statement.speaker is not None else [])
        attribution_start = min(span.start_char for span in attribution)
        attribution_end = max(span.end_char for span in attribution)
        if attribution_start >= start or not re.fullmatch(r"[\s,:]*", text[attribution_end:start]):
            continue
        if not any(q[0] == start for q in quotes):
            continue  # the content after the attribution is not a quotation
        previous = next((q for q in quotes if q[1] <= attribution_start
                         and re.fullmatch(r"[\s,]*", text[q[1]:attribution_start])), None)
        if previous is None or "\n" in text[previous[0]:start]:
            continue
        other = by_content.get(previous)
        if other is not None and other.cue is not None and other.cue.start_char != statement.cue.start_char:
            continue  # the first part has a cue of its own
        if other is not None:
            dropped.add(id(other))
        statement.fragments = (previous,) + (statement.fragments or (statement.content,))
        statement.content = (previous[0], statement.content[1])
        statement.sentence = (min(statement.sentence[0], previous[0]), statement.sentence[1])
    return [s for s in statements if id(s) not in dropped]


def join_continued_quotes(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """Join a cue-less quote to the quotation it continues in the same paragraph: in
    ``"A," she said. "B."`` with more words between, B is one more fragment of A's statement."""
    text = doc_text(doc)
    kept: list[Statement] = []
    for statement in sorted(statements, key=lambda s: s.content):
        previous = kept[-1] if kept else None
        if (statement.method == "continues_previous_speaker" and previous is not None and previous.kind != "indirect"
                and previous.speaker == statement.speaker and "\n" not in text[previous.content[1]:statement.content[0]]):
            previous.fragments = (previous.fragments or (previous.content,)) + (statement.content,)
            previous.content = (previous.content[0], statement.content[1])
            previous.sentence = (previous.sentence[0], max(previous.sentence[1], statement.sentence[1]))
            continue
        kept.append(statement)
    return kept


def _is_standalone(text: str, start: int, end: int) -> bool:
    """True when the quote starts a sentence or paragraph (not a phrase quoted mid-sentence)."""
    before = text[max(0, start - 3):start].strip()
    return not before or before[-1] in ".!?:\n" or before.endswith(("—", "--"))


def _cue_right_before(doc: Doc, q_start: int, cues: frozenset) -> bool:
    """True when the word right before the quote is a cue verb: 'singing "It's Our Time."'."""
    opening = doc.char_span(q_start, q_start + 1, alignment_mode="expand")
    before = [t for t in doc[max(0, opening.start - 2):opening.start] if not t.is_space] if opening is not None else []
    return bool(before) and before[-1].pos_ == "VERB" and before[-1].lemma_.lower() in cues


def _cue_follows(doc: Doc, q_end: int, cues: frozenset) -> bool:
    return _cue_after_token(doc, q_end, cues, set()) is not None


def _cue_after_token(doc: Doc, q_end: int, cues: frozenset, used: set) -> Token | None:
    span = doc.char_span(q_end, min(len(doc_text(doc)), q_end + 80), alignment_mode="expand")
    if span is None:
        return None
    skip_to = -1
    for token in span:
        if token.i < skip_to:
            continue
        if token.text in QUOTE_TOKENS and (nickname_end := _nickname_end(token)):
            skip_to = nickname_end  # Marcia "Cia" Price: a name's quoted nickname, not a quotation
            continue
        if token.text in QUOTE_TOKENS or (token.is_sent_start and token.idx > q_end + 2) or "\n" in token.text:
            return None
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues and token.i not in used:
            return token
        if token.text in ".!?" and token.idx > q_end + 1:
            return None
    return None


def _nickname_end(mark: Token) -> int:
    """The index after a quoted nickname inside a name that opens at ``mark`` (Marcia "Cia" Price,
    one or two capitalised words between a name's words), else 0."""
    doc = mark.doc
    if mark.i == 0 or not doc[mark.i - 1].text[:1].isupper():
        return 0
    for width in (1, 2):
        close = mark.i + width + 1
        if close + 1 < len(doc) and doc[close].text in QUOTE_TOKENS and doc[close + 1].text[:1].isupper() and all(
                t.text[:1].isupper() and t.is_alpha for t in doc[mark.i + 1:close]):
            return close + 1
    return 0


# The name runs to the first stop, comma or bracket; an initial's full stop ("Edwin G. Monroy") stays in it.
_DASH_RE = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—–]|--)[ \t\u00a0]*(?P<name>[A-Z](?:[^\n.,;:“”\"(@]|(?<=\b[A-Z])\.(?= [A-Z])){1,60})"
)


def _dash_after(doc: Doc, q_start: int, q_end: int) -> Statement | None:
    """A quote signed with a dash: ``“...” ― Carla Sanchez``."""
    match = _DASH_RE.match(doc_text(doc), q_end)
    if match is None:
        return None
    name_end = rstrip_end(doc_text(doc), match.end("name"))
    speaker = doc.char_span(match.start("name"), name_end, alignment_mode="expand")
    cue = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
    if speaker is None or cue is None or len(speaker) > 6:
        return None
    return Statement(
        speaker=speaker, speaker_actor=None, cue=cue, content=(q_start, q_end),
        kind=quote_kind(doc_text(doc)[q_start:q_end]), sentence=(q_start, name_end), method="quote_dash",
    )


def _cue_after(doc: Doc, q_start: int, q_end: int, cues: frozenset, used: set) -> Statement | None:
    verb = _cue_after_token(doc, q_end, cues, used)
    if verb is None:
        return None
    speaker = outside_content(subject_of(verb), (q_start, q_end)) or outside_content(_inverted_subject(verb), (q_start, q_end))
    sentence = (min(sentence_of(verb).start_char, q_start), max(rstrip_end(doc_text(doc), sentence_of(verb).end_char), q_end))
    # A quote that resumes after "he said" is joined later, by _join_split_quotes.
    return Statement(
        speaker=speaker, speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=(q_start, q_end),
        kind=quote_kind(doc_text(doc)[q_start:q_end]), sentence=sentence, method="quote_cue_after",
    )


def _clause_end(verb: Token) -> int:
    """End of the attribution clause ("he said", "said Smith, a spokesman")."""
    last = verb
    for child in verb.rights:
        if child.dep_ in ("nsubj", "dobj", "npadvmod", "advmod", "prep") and child.text not in QUOTE_TOKENS:
            last = child.right_edge if child.right_edge.i >= last.i else last
    return last.idx + len(last.text)


def _inverted_subject(verb: Token) -> Span | None:
    """The speaker after the cue: "said Maria Lopez"; a when ("said Monday") is not one."""
    for child in verb.rights:
        if child.ent_type_ in ("DATE", "TIME") or child.dep_ == "npadvmod":
            continue
        if child.pos_ in ("PROPN", "NOUN", "PRON") and child.text not in QUOTE_TOKENS:
            return noun_phrase(child)
    return None


def _cue_before(doc: Doc, q_start: int, q_end: int, cues: frozenset, used: set) -> Statement | None:
    opening = doc.char_span(q_start, q_start + 1, alignment_mode="expand")
    if opening is None:
        return None
    first = opening[0]
    # Walk back over the attribution right before the quote: "Harf told reporters, " / "He said: ".
    for token in reversed(doc[max(0, first.i - 25):first.i]):
        if "\n" in token.text and doc_text(doc)[:token.idx].rstrip().endswith(":"):
            continue  # "He said:" closing one paragraph, the quote opening the next
        if token.text in QUOTE_TOKENS or "\n" in token.text or token.text in ".!?":
            return None
        if token.pos_ == "NOUN" and (message := _message_before_colon(doc, token, q_start, q_end)) is not None:
            return message
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues and token.i not in used:
            between = doc_text(doc)[token.idx + len(token.text):q_start]
            if re.search(r"[.!?]", between):
                return None
            speaker = subject_of(token) or _inverted_subject(token)
            sentence_start = sentence_of(token).start_char
            return Statement(
                speaker=speaker, speaker_actor=None, cue=cue_phrase(doc, token, q_start, q_end), content=(q_start, q_end),
                kind=quote_kind(doc_text(doc)[q_start:q_end]), sentence=(sentence_start, q_end), method="quote_cue_before",
            )
    return None


def _message_before_colon(doc: Doc, noun: Token, q_start: int, q_end: int) -> Statement | None:
    """A quote a message noun introduces with a colon: 'Obama is rolling out a new message: "It's
    about me."'. The noun stands right before the colon and belongs to someone: its owner, or the
    subject of the verb whose object it is ("Her statement was blunt: ..." is left alone)."""
    if noun.lower_ not in MESSAGE_NOUNS and noun.lemma_.lower() not in MESSAGE_NOUNS:
        return None
    if not re.fullmatch(r"\s*:\s*", doc_text(doc)[noun.idx + len(noun.text):q_start]):
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"]
    speaker = noun_phrase(owners[0]) if owners else subject_of(noun.head) if noun.dep_ == "dobj" else None
    if speaker is None:
        return None
    return Statement(
        speaker=speaker, speaker_actor=None, cue=doc[noun.i:noun.i + 1], content=(q_start, q_end),
        kind=quote_kind(doc_text(doc)[q_start:q_end]), sentence=(sentence_of(noun).start_char, q_end),
        method="quote_message",
    )
