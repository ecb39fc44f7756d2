"""Speakers: the source phrase as a reader marks it, the actor it stands for, and who speaks a
quote without a cue.

:func:`settle_speakers` runs once all statements are found, since the rules look across them.
It trims each speaker phrase to the source a reader marks (:func:`source_phrase`, PolNeAR's
convention), corrects the parse's subject where the sentence says otherwise
(:func:`participle_speaker`, :func:`reporter_of_pronoun`), gives a speaker to a cue the parse
left without one (:func:`shared_speaker`, :func:`holder_of_state`, :func:`opener_subject`,
:func:`adjacent_speaker`), then resolves the phrases to actors.

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
from .lexicon import PERSON_NOUNS, VERB_CUES
from .syntax import PRONOUNS, RELATIVE_PRONOUNS, noun_phrase, quote_kind, subject_of, words_of
from .transcripts import labelled_turn

_DASHES = frozenset({"-", "--", "—", "–", "―"})
# Actors that speak: who "said" next to a cue can be (a place or a nationality is not).
SPEAKING_LABELS = frozenset({"person", "organisation", "group", "PERSON", "ORG"})
# How far a bracket opened in a speaker phrase may close after it: "Sen. Ada Bell (D-Ore.)".
BRACKET_REACH = 8


def settle_speakers(doc: Doc, statements: list[Statement]) -> None:
    """Trim every speaker phrase to its source, fill in the speakers the parse missed, then
    resolve each to an actor (in place)."""
    as_parsed = [statement.speaker for statement in statements]
    for statement in statements:
        statement.speaker = source_phrase(doc, statement, statements)
    for statement in statements:
        statement.speaker = (participle_speaker(doc, statement, statements)
                             or reporter_of_pronoun(statement, statements) or statement.speaker)
    for statement in statements:
        if statement.speaker is None and statement.cue is not None:
            statement.speaker = (shared_speaker(statement, statements, as_parsed) or holder_of_state(statement)
                                 or opener_subject(statement) or adjacent_speaker(doc, statement))
    for statement in statements:
        statement.speaker_actor = speaker_actor(doc, statement.speaker, statements)


def source_phrase(doc: Doc, statement: Statement, statements: list[Statement]) -> Span | None:
    """The statement's speaker phrase cut to the source a reader marks.

    It never runs over its own cue or another statement's cue the parse hung on it ("Ann Cole,
    the mayor, called for calm, saying ...": Ann Cole, the mayor), nor into what is said ("To
    see the old port, Mayor Ann Cole said, one must walk": Mayor Ann Cole). A possessive before
    a noun cue gives way to the verb's named subject ("Ann Cole laid out her plans to ...": Ann
    Cole); a thing the parse made the head of a name gives way to the person ("After the vote,
    Ann Cole called"). A dateline goes ("LONDON -- Prime Minister Ann Cole"), and a bracket it
    opened is closed ("Sen. Ada Bell (D-Ore.)", which the parse may cut at the hyphen).
    """
    speaker = statement.speaker
    if speaker is None or not len(speaker):
        return speaker
    if statement.cue is not None and speaker.start < statement.cue.start < speaker.end:
        speaker = _trimmed(doc, speaker.start, statement.cue.start) or speaker
    for other in statements:
        if (other is not statement and other.cue is not None and speaker.root.i < other.cue.start < speaker.end
                and not _in_relative_clause(other.cue[0], speaker)):
            speaker = _trimmed(doc, speaker.start, other.cue.start) or speaker
    said = statement.fragments or (statement.content,)
    cue = statement.cue
    if len(speaker) == 1 and speaker[0].tag_ == "PRP$" and cue is not None and cue.root.pos_ == "NOUN":
        speaker = _named_subject(statement.cue.root, said) or speaker
    speaker = _outside_content(speaker, said)
    return _with_closing_bracket(_person_in_apposition(_after_dateline(speaker)))


def participle_speaker(doc: Doc, statement: Statement, statements: list[Statement]) -> Span | None:
    """The speaker of a participle cue that trails another statement after a comma: in "Cole
    said the port would reopen, citing new funds" and '"...," Cole said, going on to say that'
    Cole cites and goes on, whatever subject the parse found inside the first statement."""
    cue = statement.cue
    if cue is None or not len(cue) or cue[0].tag_ != "VBG" or cue.start == 0 or doc[cue.start - 1].text != ",":
        return None
    text = doc_text(doc)
    comma = doc[cue.start - 1].idx
    sentence = sentence_of(cue[0])
    for other in statements:
        if other is statement or other.speaker is None or other.cue is None or other.cue.start < sentence.start:
            continue
        end = max(other.content[1], other.cue.end_char, other.speaker.end_char)
        if end <= comma and not text[end:comma].strip(" \t\"'”’"):
            return other.speaker
    return None


def reporter_of_pronoun(statement: Statement, statements: list[Statement]) -> Span | None:
    """For a pronoun speaker inside what another statement says, with its own cue after that:
    in "Cole said she had fought three campaigns and called it routine" the parse gives "called"
    the subject "she" from inside Cole's statement; what follows the statement is Cole's."""
    speaker, cue = statement.speaker, statement.cue
    if speaker is None or cue is None or len(speaker) != 1 or speaker[0].lower_ not in PRONOUNS:
        return None
    if speaker[0].head.lemma_.lower() in VERB_CUES:
        return None  # "(they want lower rates and suggest ...)": the pronoun reports on its own
    for other in statements:
        if (other is not statement and other.speaker is not None and other.speaker.root.lower_ not in PRONOUNS
                and other.content[0] <= speaker.start_char and speaker.end_char <= other.content[1] <= cue.start_char
                and sentence_of(other.speaker[0]).start == sentence_of(cue[0]).start):
            return other.speaker
    return None


def shared_speaker(statement: Statement, statements: list[Statement], as_parsed: list[Span | None]) -> Span | None:
    """The speaker of a statement whose speaker phrase, as parsed, ran over this statement's cue:
    in "Ann Cole, the mayor, called for calm, saying ..." both statements are Ann Cole's."""
    cue = statement.cue
    for other, parsed in zip(statements, as_parsed):
        if (other is not statement and parsed is not None and other.speaker is not None
                and parsed.start < cue.start < parsed.end and other.speaker.end <= cue.start):
            return other.speaker
    return None


def holder_of_state(statement: Statement) -> Span | None:
    """The subject of the copula a cue completes, or completes the infinitive of: "we are
    convinced (that) ...", "Cole is determined to warn ..." (the parse hangs the subject on
    "is", not on the cue). Not the "it" of "it is clear that ...": nobody named holds that."""
    words = [*statement.cue, statement.cue.root.head] if len(statement.cue) else []
    word = next((t for t in words if t.dep_ == "acomp" and t.head.lemma_ == "be"
                 and (t in statement.cue or statement.cue.root.dep_ == "xcomp")), None)
    if word is None:
        return None
    subject = next((c for c in word.head.children if c.dep_ == "nsubj" and c.lower_ != "it"), None)
    return None if subject is None or subject.i > word.i else noun_phrase(subject)


def opener_subject(statement: Statement) -> Span | None:
    """The main clause's subject for a cue in an opening phrase: "After saying she was ill, Cole
    was taken to hospital" (the parse's subject search stops at a passive subject)."""
    verb = statement.cue.root if len(statement.cue) else None
    if verb is None or verb.tag_ != "VBG" or verb.dep_ != "pcomp":
        return None
    main = verb.head.head
    if main.i == verb.head.i or main.i < verb.i:
        return None
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i), None)
    return None if subject is None else noun_phrase(subject)


def adjacent_speaker(doc: Doc, statement: Statement) -> Span | None:
    """For a verb cue the parse left without a subject: the actor named right after it ("Said
    Ellis: '...'"), else the one whose phrase ends right before it, with its title words and
    apposition ("'...,' Harbour police Chief Ann Cole said", "Ann Cole, the mayor, told ...").
    Only outside what is said, and only a phrase that stands alone: "the board of the Post Cole
    said" has no speaker to give."""
    cue = statement.cue
    if not len(cue) or cue[0].pos_ not in ("VERB", "AUX"):
        return None
    said = statement.fragments or (statement.content,)

    def outside(span: Span) -> bool:
        return not any(start < span.end_char and span.start_char < end for start, end in said)

    sentence = sentence_of(cue[0])
    mentions = [m for m in actor_spans(doc) if m.label_ in SPEAKING_LABELS and outside(m)
                and sentence.start <= m.start and m.end <= sentence.end]
    for mention in mentions:
        if mention.start == cue.end:
            return mention
    for mention in reversed([m for m in mentions if m.end <= cue.start]):
        end = _phrase_end(mention, cue.start)
        if end is None:
            continue
        start = mention.start
        while (start > sentence.start and (doc[start - 1].pos_ in ("PROPN", "NOUN") or doc[start - 1].is_title)
               and outside(doc[start - 1:start])):
            start -= 1
        if start == sentence.start or doc[start - 1].is_punct or not outside(doc[start - 1:start]):
            return _trimmed(doc, start, end)
    return None


def _phrase_end(mention: Span, cue_start: int) -> int | None:
    """Where the phrase of ``mention`` ends when only its own modifiers ("Ann Cole, the mayor,"),
    punctuation and adverbs stand between it and the cue at ``cue_start``; else None."""
    doc = mention.doc
    subtree = {token.i for token in mention.root.subtree}
    end = mention.end
    for token in doc[mention.end:cue_start]:
        if token.i in subtree:
            end = token.i + 1
        elif not (token.is_punct or token.dep_ == "advmod"):
            return None
    return end


def _in_relative_clause(token: Token, phrase: Span) -> bool:
    """True for a token in a relative clause of the phrase: "Ann Cole, who has been *urging* ..."
    describes her; the clause's cue does not end the phrase."""
    while phrase.start <= token.i < phrase.end and token.head.i != token.i:
        if token.dep_ == "relcl":
            return True
        token = token.head
    return False


def _trimmed(doc: Doc, start: int, end: int) -> Span | None:
    """``doc[start:end]`` without trailing punctuation, conjunctions and relative pronouns; None if empty."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"
                           or doc[end - 1].lower_ in RELATIVE_PRONOUNS):
        end -= 1
    return doc[start:end] if end > start else None


def _named_subject(noun: Token, said) -> Span | None:
    """The named subject of the verb that takes a possessed cue noun: in "Ann Cole laid out her
    plans to ..." and "Cole is doubling down on her attacks on ..." the source is Ann Cole, the
    one the possessive stands for. Only a name (a pronoun or noun subject may be someone else)."""
    verb = noun.head
    if noun.dep_ == "pobj":
        verb = verb.head  # the preposition's verb: "doubling down *on* her attacks"
    if noun.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = subject_of(verb)
    if subject is None or subject.root.pos_ != "PROPN" or subject.root.i > noun.i:
        return None
    if any(start < subject.end_char and subject.start_char < end for start, end in said):
        return None
    return subject


def _outside_content(speaker: Span, said) -> Span:
    """The part of the phrase outside the ranges ``said`` when it overlaps them only in part: the
    stretch holding the phrase's head, else the last one."""
    def inside(token: Token) -> bool:
        return any(start < token.idx + len(token) and token.idx < end for start, end in said)

    if not any(inside(token) for token in speaker):
        return speaker
    runs: list[list[Token]] = [[]]
    for token in speaker:
        if inside(token):
            runs.append([])
        else:
            runs[-1].append(token)
    runs = [run for run in runs if any(not (t.is_punct or t.is_space) for t in run)]
    if not runs:
        return speaker  # all of it is in the content: leave that to the content's own boundaries
    run = next((run for run in runs if any(t.i == speaker.root.i for t in run)), runs[-1])
    doc = speaker.doc
    start, end = run[0].i, run[-1].i + 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return _trimmed(doc, start, end) or speaker


def _person_in_apposition(speaker: Span) -> Span:
    """The person a misparsed phrase puts in apposition to a thing: "the vote, Ann Cole, the
    mayor" (from "After the vote, Ann Cole, the mayor, called ...") is Ann Cole, the mayor. The
    thing must follow a preposition it belongs to: "The city's negotiator, Ann Cole" stays whole."""
    root, doc = speaker.root, speaker.doc
    if root.pos_ != "NOUN" or root.ent_type_ or is_person_noun(root):
        return speaker
    if speaker.start == 0 or doc[speaker.start - 1].pos_ != "ADP":
        return speaker  # "The city's negotiator, Ann Cole": a role; only a preposition's object is misparsed so
    for child in root.rights:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON" and child.i < speaker.end:
            phrase = noun_phrase(child)
            return doc[phrase.start:max(phrase.end, speaker.end)] if phrase.start > root.i else speaker
    return speaker


def _after_dateline(speaker: Span) -> Span:
    """The phrase after a dateline that opens its paragraph ("WASHINGTON -- President Obama")."""
    doc = speaker.doc
    first = speaker[0]
    if not (first.i == 0 or "\n" in doc[first.i - 1].text_with_ws) or not first.is_upper:
        return speaker
    for token in speaker[1:]:
        if token.text in _DASHES and token.whitespace_ and doc[token.i - 1].whitespace_:
            return doc[token.i + 1:speaker.end] if token.i + 1 < speaker.end else speaker
        if token.is_alpha and not token.is_upper:
            break
    return speaker


def _with_closing_bracket(speaker: Span) -> Span:
    """The phrase up to the bracket it opened and did not close, when that closes soon after."""
    opened = sum(t.text == "(" for t in speaker) - sum(t.text == ")" for t in speaker)
    if opened <= 0:
        return speaker
    doc = speaker.doc
    limit = min(len(doc), speaker.end + BRACKET_REACH, sentence_of(speaker[-1]).end)
    for token in doc[speaker.end:limit]:
        if token.text == ")":
            return doc[speaker.start:token.i + 1]
        if token.text == "(" or token.is_sent_start:
            break
    return speaker


def continued_speaker(doc: Doc, q_start: int, q_end: int, statements: list[Statement]) -> Statement | None:
    """A cue-less quote: the speaker its own transcript label names ('"COLE: We will ...'), else
    the speaker of the previous sentence's statement, or its subject."""
    labelled = labelled_turn(doc, q_start, q_end)
    if labelled is not None:
        return labelled
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

