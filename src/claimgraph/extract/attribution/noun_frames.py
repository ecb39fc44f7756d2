"""Reported speech told by a noun, an adjective or a phrase: "Trump's claim that ...",
"concerns about ...", "her decision to ...", "a staunch opponent of ...", "critical of ...",
"according to X, ...", "By one estimate, ..."."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..doc_views import doc_text, nouns_of, sentence_of
from ..extensions import Statement
from .lexicon import (
    FINDING_NOUNS, GENERIC_PREPOSITIONS, INTENTION_NOUNS, NOUN_CUES, NOUN_TOPIC_PREPOSITIONS, PREPOSITION_NOUNS,
    RECEIVING_VERBS, VERB_CUES,
)
from .syntax import (
    RELATIVE_PRONOUNS, is_dated, noun_phrase, outside_content, sentence_range, stripped_range, subject_of, subtree_range, trimmed_range,
    without_lead_in, words_of,
)


def stance_noun(doc: Doc, noun: Token) -> Statement | None:
    """A person described by the stance they hold: "Moss is a staunch opponent of the tolls",
    "Moss, a longtime critic of the mayor, ...", "A longtime critic of the mayor, Moss ...": the
    person is the speaker, the object the content.
    """
    topics = [
        o for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("of", "for", "on") for o in c.children if o.dep_ in ("pobj", "pcomp")
    ]
    if not topics:
        return None
    if noun.dep_ == "attr":
        speaker = subject_of(noun.head)
    elif noun.dep_ == "appos":
        speaker = noun_phrase(noun.head, without=noun)
    elif _opens_the_sentence(doc, noun):
        speaker = subject_of(noun.head)  # "A longtime critic of the mayor, Lee voted no."
    else:
        return None
    if speaker is None or speaker.root.lower_ in ("it", "there"):
        return None
    content = stripped_range(doc_text(doc), _topic_range(doc, noun, topics[0].head, topics[0]))
    if content is None:
        return None
    return Statement(
        speaker=outside_content(speaker, content), speaker_actor=None, cue=doc[noun.i:topics[0].head.i + 1], content=content,
        kind="indirect", sentence=sentence_range(noun, content), method="stance_noun",
    )


def _opens_the_sentence(doc: Doc, noun: Token) -> bool:
    """True for a noun phrase set before the clause it describes the subject of, with a comma."""
    end = noun.right_edge.i + 1
    return (noun.left_edge.i == sentence_of(noun).start and end < len(doc) and doc[end].text == ","
            and noun.head.pos_ in ("VERB", "AUX") and noun.head.i > end)


def attitude_statement(doc: Doc, adjective: Token) -> Statement | None:
    """A stance told by an adjective: "Lee has been critical of the mayor", "Residents are
    worried about tolls", "She was confident that it would pass", "Lee was eager to vote": the
    copula's subject holds the stance; its topic, clause or infinitive is the content.
    """
    # "Protesters were frustrated that ...": the tagger's passive participle is the same stance
    passive = adjective.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in adjective.children)
    if adjective.dep_ != "acomp" and not passive:
        return None
    clauses = [c for c in adjective.children if c.dep_ == "ccomp"]
    # "she was sure Trump would win": the parser hangs the clause on the copula
    clauses = clauses or [c for c in adjective.head.children if c.dep_ == "ccomp" and c.i > adjective.i]
    # "were willing to go forward": an infinitive
    clauses = clauses or [c for c in adjective.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts)]
    topics = [
        c for c in adjective.children
        if c.dep_ == "prep" and c.lower_ in GENERIC_PREPOSITIONS and any(o.dep_ in ("pobj", "pcomp") for o in c.children)
    ]
    if clauses:
        content, cue_end = subtree_range(clauses[0], doc, adjective.head if clauses[0].head != adjective else adjective), adjective.i + 1
    elif topics and not is_dated(topics[0]):
        objects = [o for o in topics[0].children if o.dep_ in ("pobj", "pcomp")]
        if objects[0].lower_ in RELATIVE_PRONOUNS | {"what"}:
            return None  # "the one thing she is passionate about": what it is stands elsewhere
        content, cue_end = subtree_range(objects[0], doc, adjective), topics[0].i + 1
    else:
        return None
    content = stripped_range(doc_text(doc), content)
    holders = [c for c in adjective.children if c.dep_ == "nsubjpass"] if passive else []
    speaker = noun_phrase(holders[0]) if holders else None if passive else subject_of(adjective.head)
    if content is None or speaker is None or speaker.root.lower_ in ("it", "there"):
        return None
    return Statement(
        speaker=outside_content(speaker, content), speaker_actor=None, cue=doc[adjective.i:cue_end], content=content,
        kind="indirect", sentence=sentence_range(adjective, content), method="attitude",
    )


def evident_statement(doc: Doc, adjective: Token) -> Statement | None:
    """The writer's finding in an "it is clear that ..." sentence: "It is apparent that the mayor
    knew", "Nor is it clear that sanctions would deter them". The clause the copula takes is the
    content, said by no one named; "it is clear whether ..." asks, and finds nothing."""
    copula = adjective.head
    if adjective.dep_ != "acomp" or not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children):
        return None
    clauses = [c for c in copula.children if c.dep_ == "ccomp" and c.i > adjective.i]
    if not clauses or doc[clauses[0].left_edge.i].lower_ in _QUESTION_WORDS:
        return None
    content = stripped_range(doc_text(doc), subtree_range(clauses[0], doc, copula))
    if content is None:
        return None
    return Statement(
        speaker=None, speaker_actor=None, cue=doc[min(copula.i, adjective.i):adjective.i + 1], content=content,
        kind="indirect", sentence=sentence_range(adjective, content), method="evident",
    )


_QUESTION_WORDS = frozenset("whether if what who whom whose which when where why how".split())


_CLAUSE_OR_INTENTION_NOUNS = NOUN_CUES | INTENTION_NOUNS


def noun_cues(doc: Doc) -> list[Statement]:
    """Nouns that report speech or belief with a that-clause: "Trump's claim that ...", "the hope that ..."."""
    statements = []
    for noun in nouns_of(doc):
        if noun.lemma_.lower() not in _CLAUSE_OR_INTENTION_NOUNS:
            continue
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and _that_clause(c)]
        if not clauses and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
            # "Obama's bet is that ...", "The fear is that ...": the clause the copula takes
            clauses = [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i and _that_clause(c)]
        if not clauses:
            statement = _intention(doc, noun)
            if statement is not None:
                statements.append(statement)
            continue
        content = stripped_range(doc_text(doc), subtree_range(clauses[0], doc, noun))
        if content is None:
            continue
        statements.append(
            Statement(
                speaker=_noun_holder(noun), speaker_actor=None, cue=doc[noun.i:noun.i + 1], content=content,
                kind="indirect", sentence=sentence_range(noun, content), method="noun_that",
            )
        )
    return statements


def _that_clause(clause: Token) -> bool:
    return any(m.lower_ == "that" and m.dep_ == "mark" for m in clause.children)


# "Despite warnings that ..., she went": what the verb's subject did in spite of, amid or after, not what it holds
CIRCUMSTANCE_PREPOSITIONS = frozenset({"despite", "amid", "after", "before", "following", "notwithstanding"})


def _noun_holder(noun: Token) -> Span | None:
    """Whose claim, report or hope a reporting noun is, in the order a reader looks:

    its owner ("Trump's claim"); its source after "from" or "by" ("warnings from his
    attorney"); a name compounded with it ("a New York Times report", and "Trump charges
    that", a verb the tagger read as a noun); the subject of the verb that takes it as
    object or through a preposition ("Democrats made the argument that", "Democrats
    persisted in arguments that"; not "despite warnings that"). None when nothing names one.
    """
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return noun_phrase(owners[0])
    if (source := _source_after(noun)) is not None:
        return source
    names = [c for c in noun.lefts if c.dep_ in ("compound", "nmod") and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
    if names:
        return noun.doc[names[0].left_edge.i:names[-1].i + 1]
    if noun.dep_ == "dobj":
        return None if noun.head.lemma_.lower() in RECEIVING_VERBS else subject_of(noun.head)
    if (noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX")
            and noun.head.lower_ not in CIRCUMSTANCE_PREPOSITIONS):
        return subject_of(noun.head.head)
    return None


def _source_after(noun: Token) -> Span | None:
    """The source a noun names after "from" or "by": "warnings from his attorney"."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            sources = [o for o in child.children if o.dep_ == "pobj"]
            if sources:
                return noun_phrase(sources[0])
    return None


def _intention(doc: Doc, noun: Token) -> Statement | None:
    """A plan, decision or agreement with its infinitive: "her decision to close the bridge".

    The owner ("her") or the subject of the verb that takes the noun ("the towns signed an
    agreement to ...") holds it. A noun that is the object of a cue verb ("announced plans
    to ...") is left to that verb's statement.
    """
    if noun.lemma_.lower() not in INTENTION_NOUNS:
        return None
    infinitives = [c for c in noun.rights if c.dep_ == "acl" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.lefts)]
    if not infinitives:
        return None
    # A possessive must be marked ("his", "Trump's"): the tagger reads "Trump plans to" as a noun.
    owners = [c for c in noun.children if c.dep_ == "poss" and (c.tag_ == "PRP$" or any(m.dep_ == "case" for m in c.children))]
    if owners:
        speaker = noun_phrase(owners[0])
    elif noun.dep_ == "dobj" and noun.head.lemma_.lower() not in VERB_CUES:
        speaker = subject_of(noun.head)
    else:
        return None
    content = stripped_range(doc_text(doc), subtree_range(infinitives[0], doc, noun))
    if speaker is None or content is None:
        return None
    return Statement(
        speaker=speaker, speaker_actor=None, cue=doc[noun.i:noun.i + 1], content=content, kind="indirect",
        sentence=sentence_range(noun, content), method="noun_infinitive",
    )


def noun_topics(doc: Doc) -> list[Statement]:
    """Nouns of speech or opinion with their topic: "Democrats raised concerns about the deal"."""
    statements = []
    for noun in nouns_of(doc):
        if (lemma := noun.lemma_.lower()) not in PREPOSITION_NOUNS:
            continue
        prepositions = NOUN_TOPIC_PREPOSITIONS.get(lemma, GENERIC_PREPOSITIONS)
        for preposition in noun.rights:
            objects = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")]
            if preposition.dep_ != "prep" or preposition.lower_ not in prepositions or not objects or is_dated(preposition):
                continue
            owners = [c for c in noun.children if c.dep_ == "poss"]
            if not owners and _names_the_holder(noun, preposition, objects[0]):
                break
            if owners:
                speaker = noun_phrase(owners[0])
            elif noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS:
                speaker = _source_after(noun)  # "Trump faced questions (from reporters) about ...": not Trump's
            elif noun.dep_ == "dobj" and (speaker := subject_of(noun.head)) is not None:
                pass
            else:
                break
            content = stripped_range(doc_text(doc), _topic_range(doc, noun, preposition, objects[0]))
            if content is not None:
                statements.append(
                    Statement(
                        speaker=speaker, speaker_actor=None, cue=doc[noun.i:preposition.i + 1], content=content,
                        kind="indirect", sentence=sentence_range(noun, content), method="noun_topic",
                    )
                )
            break
    return statements


def _topic_range(doc: Doc, noun: Token, preposition: Token, topic: Token) -> tuple[int, int]:
    """The topic after a noun's preposition, with what the parser hung beside it: a coordinated
    preposition ("a supporter of NATO and of its allies") and the phrases right after it that it
    hung on the noun ("questions about business practices at a foundation"), up to a comma."""
    start, end = subtree_range(topic, doc, noun)
    last = preposition.right_edge.i
    following = [c for c in preposition.rights if c.dep_ == "conj"]
    following += [c for c in noun.rights if c.dep_ == "prep" and c.i > last and not is_dated(c)]
    for extra in sorted(following, key=lambda t: t.i):
        if extra.left_edge.i != last + 1 and not (extra.dep_ == "conj" and doc[extra.left_edge.i - 1].dep_ == "cc"):
            break
        end = max(end, subtree_range(extra, doc, noun)[1])
        last = extra.right_edge.i
    return start, end


_HOLDER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _names_the_holder(noun: Token, preposition: Token, obj: Token) -> bool:
    """True for "the views of Senator Ruiz", "the support of the party": after "the", an of-phrase
    naming someone says whose view or support it is, not what it is about ("a theory of
    government", "his view of the senator")."""
    articles = [c for c in noun.children if c.dep_ == "det"]
    return preposition.lower_ == "of" and bool(articles) and articles[0].lower_ == "the" and obj.ent_type_ in _HOLDER_ENTITIES


def according_to(doc: Doc, according: Token) -> Statement | None:
    """"According to X, ..." / "..., according to X": the rest of the sentence is X's.

    The source may be tagged as a verb ("according to show insiders"). When the phrase opens
    the sentence and the parser hung the rest on the source ("According to the mayor, the
    toll plan reeks of panic" with "reeks" as a noun), the source ends at its comma.
    """
    to = next(c for c in according.children if c.lower_ == "to")
    sources = [c for c in to.children if c.dep_ in ("pobj", "pcomp")]
    if not sources:
        return None
    source = sources[0]
    sentence = sentence_of(according)
    source_end = _source_end(doc, according, source, sentence)
    if source.dep_ == "pcomp" or source_end < source.right_edge.i:
        speaker = _trimmed_span(doc[source.left_edge.i:source_end + 1])
    else:
        speaker = noun_phrase(source)
    if speaker is None:
        return None
    phrase_start, phrase_end = according.i, max(source_end, to.i) + 1
    # The content is the rest of the sentence, on whichever side of the phrase it is.
    before = doc[sentence.start:phrase_start]
    after = doc[phrase_end:_before_full_stop(doc, sentence)]
    side = after if len(words_of(after)) >= len(words_of(before)) else before
    content = trimmed_range(without_lead_in(side))
    if content is None:
        return None
    return Statement(
        speaker=speaker, speaker_actor=None, cue=doc[according.i:to.i + 1], content=content, kind="indirect",
        sentence=(sentence.start_char, sentence.end_char), method="according_to",
    )


def _source_end(doc: Doc, according: Token, source: Token, sentence: Span) -> int:
    """Where the source of "according to" ends: its subtree, or, when the phrase opens the
    sentence and its subtree runs on to the sentence's end, the comma before the clause."""
    end = source.right_edge.i
    opens = not words_of(doc[sentence.start:according.i])
    if not opens or len(words_of(doc[end + 1:sentence.end])) > 0:
        return end
    commas = [t.i for t in doc[source.i + 1:end + 1] if t.text == ","]
    if not commas or len(words_of(doc[commas[0] + 1:end + 1])) < 3:
        return end
    return commas[0] - 1


def _before_full_stop(doc: Doc, sentence: Span) -> int:
    """The end of ``sentence`` without its closing stop (a closing quotation mark stays)."""
    end = sentence.end
    while end > sentence.start and (doc[end - 1].is_space or doc[end - 1].text in (".", "!", "?")):
        end -= 1
    return end


def _trimmed_span(span: Span) -> Span | None:
    """``span`` without edge punctuation and spaces; None when nothing is left."""
    tokens = [t for t in span if not (t.is_punct or t.is_space)]
    return span.doc[tokens[0].i:tokens[-1].i + 1] if tokens else None


def finding_phrase(doc: Doc, preposition: Token) -> Statement | None:
    """"In the latest poll, the mayor led by five points", "By one estimate, 3,000 homes were
    damaged", "By her own admission, ...": the poll, estimate or owner is the source of the rest
    of the sentence, as with "according to"."""
    sources = [c for c in preposition.children if c.dep_ == "pobj"]
    if not sources:
        return None
    source = sources[0]
    nouns = FINDING_NOUNS if preposition.lower_ == "in" else ("estimate", "count", "measure", "account", "admission")
    if source.lemma_.lower() not in nouns and source.lower_ not in nouns:
        return None
    sentence = sentence_of(preposition)
    before = doc[sentence.start:preposition.i]
    after = doc[preposition.right_edge.i + 1:sentence.end]
    side = after if len(words_of(after)) >= len(words_of(before)) else before
    if len(words_of(side)) < 3:
        return None
    content = trimmed_range(without_lead_in(side))
    if content is None:
        return None
    # "By his own admission, ...": the owner speaks; "By one estimate, ...": the estimate
    owners = [c for c in source.children if c.dep_ == "poss"]
    return Statement(
        speaker=noun_phrase(owners[0]) if owners else noun_phrase(source), speaker_actor=None,
        cue=doc[preposition.i:preposition.i + 1], content=content,
        kind="indirect", sentence=(sentence.start_char, sentence.end_char), method="finding_phrase",
    )
