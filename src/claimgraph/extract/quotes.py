"""Who said what: direct quotes and reported speech, with speaker, cue and content.

The ``claimgraph_quotes`` component reads the dependency parse and the quotation marks and
sets ``doc._.statements``, a list of :class:`Statement` (stored as plain records in
``doc._.statement_records``). It works in four passes:

1. **Reported speech from the parse.** A cue verb (``CUE_VERBS``: said, told, argued,
   believes, warned, ...) with a complement clause is a statement: the clause is the
   content and the verb's subject the speaker (``X said (that) ...``, ``..., X said.``).
   Some verbs take their content as an object, an infinitive or after a preposition
   (``denied the report``, ``urged Congress to act``, ``called for calm``); ``according to
   X, ...`` makes the rest of the sentence the content; nouns report too (``Trump's claim
   that ...``, ``concerns about ...``), and so do transcript lines (``PENCE: ...``). A
   relative-pronoun subject (``the agency, which said``) is kept as written and resolved to
   the noun it stands for; a verb without a subject borrows its head's (``stood up and
   said``, ``by announcing that``). Speech inside a quotation or a transcript line belongs
   to the quoted speaker and is not a statement of its own. Stances, findings and
   expectations count too: an attribution inside its clause (``The bridge, he said, would
   open``), ``polls show ...``, ``X seems to ...`` / ``X is expected to ...``, ``X was
   accused of ...``, ``critical of``, ``worried about``, ``a staunch opponent of``,
   ``her decision to ...``.
2. **Direct quotes.** Text between quotation marks (straight, curly or ``''``; a paragraph
   that opens a quote and leaves it open continues into the next paragraph that opens one)
   is matched to the nearest cue after it in the same sentence (``"...," Power said`` /
   ``said Power`` / ``"..." ― Carla Sanchez``) or before it (``Harf told reporters, "..."``,
   ``He said:`` closing the previous paragraph). A statement from pass 1 whose content
   touches a quote is widened to the whole quote.
3. **Quotes without a cue.** A quote that makes up its own sentence(s) and has no cue
   continues the previous statement's speaker when that statement is in the previous
   sentence, or is given to the subject of the previous sentence when that is a person or
   a described source ("a security researcher for Arbor Networks ... doesn't see signs ...").
4. **Split quotes.** A quote that resumes right after its attribution (``"A," he said.
   "B."``) joins the first: one statement with two ``fragments``.

Speakers are resolved to actors through ``doc.spans["actors"]`` (the actor whose span holds
the speaker phrase's head word, so "U.S. Ambassador to the U.N. Samantha Power" is Samantha
Power, not the U.S.); pronouns fall back to the previous speaker or person.

Extend it by adding words to ``CUE_VERBS``, ``OBJECT_CUES``, ``PREPOSITION_CUES``,
``XCOMP_CUES`` or ``NOUN_CUES``, or through the component's config (``extra_cue_verbs``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .doc_views import cached_views, doc_text, sentence_of
from .extensions import Statement, register_extensions
from .resolver import PERSON_LABELS, actor_for_phrase, actor_key, actor_spans

# Verbs whose clause complement is what someone said, wrote, thought or found.
CUE_VERBS = frozenset(
    """say tell add argue believe claim warn note explain insist state write tweet declare announce
    acknowledge admit concede suggest predict report reply respond recall contend counter observe remark
    stress emphasize emphasise maintain assert allege complain vow promise confirm deny ask urge think
    reckon fear hope expect estimate indicate show find conclude agree disagree caution testify inform
    mention reveal disclose worry doubt know feel suspect charge threaten pledge demand propose recommend
    assure acknowledge speculate guess assume realize realise understand insist hint imply signal
    acknowledge boast brag lament predict forecast post suppose figure wonder question point rule""".split()
)
# Verbs that introduce a quotation mark quote but rarely a clause ("Yes," she laughed).
QUOTE_ONLY_VERBS = frozenset("continue joke quip laugh shout yell scream begin exclaim sigh muse answer".split())
# Verbs whose object (not a clause) is the content: "denied the report", "announced a plan".
OBJECT_CUES = frozenset(
    """deny confirm announce predict propose demand reject criticize criticise condemn denounce
    blame accuse threaten promise pledge vow dismiss support oppose endorse praise question
    dispute welcome slam attack defend acknowledge cite recommend blast describe prefer choose favor
    favour back call label brand dub mention reference view consider tout promote embrace champion
    mock ridicule dispute contest applaud hail say report want expect discuss rate liken compare echo""".split()
)
# Verb + preposition whose object is the content: "called for new tariffs", "warned of reprisals".
PREPOSITION_CUES = {
    "call": {"for"}, "warn": {"of", "about", "against"}, "worry": {"about"}, "talk": {"about"},
    "speak": {"about", "of"}, "point": {"to"}, "complain": {"about"}, "argue": {"for", "against"},
    "insist": {"on"}, "push": {"for"}, "press": {"for"}, "ask": {"for"}, "comment": {"on"},
    "boast": {"about", "of"}, "brag": {"about"}, "express": {"about"}, "rule": {"against", "on"},
}
# Any speech verb (and these) takes its topic after these prepositions: "testified about the emails".
GENERIC_PREPOSITIONS = frozenset("about of on for against over".split())
PREPOSITION_VERBS = frozenset("talk speak complain worry comment joke rail campaign lie care hear learn focus".split())
# Nouns whose "about/of/on/for/against" phrase is what was said or thought: "concerns about his health".
PREPOSITION_NOUNS = frozenset(
    """concern question criticism comment remark claim statement warning debate worry fear attack
    complaint allegation accusation opposition praise doubt view position stance opinion thought message
    call demand plea testimony speech remarks argument case skepticism support outrage misgiving
    misgivings reservation reservations frustration anger disdain admiration condemnation
    disapproval approval enthusiasm optimism pessimism alarm""".split()
)
# Verbs with an infinitive that is the content: "urged Congress to act", "vowed to fight".
XCOMP_CUES = frozenset(
    "urge ask call promise vow pledge threaten demand plan want refuse tell warn expect vote decide agree decline seek intend hope aim encourage".split()
)
# Nouns that report speech or belief when a that-clause follows: "Trump's claim that ...".
NOUN_CUES = frozenset(
    """claim statement assertion argument belief view warning promise suggestion allegation accusation
    insistence remark comment admission announcement charge hope fear concern pledge vow assurance
    contention prediction speculation notion idea report acknowledgment acknowledgement denial""".split()
)
# Nouns of intention or agreement whose infinitive is what was planned, decided or agreed:
# "her decision to close the bridge", "an agreement to share the costs".
INTENTION_NOUNS = frozenset("plan decision agreement promise pledge proposal offer bid vow threat call demand intention commitment".split())
# Evidence nouns that make "see/find (no) signs of X" a report of what someone found.
EVIDENCE_NOUNS = frozenset("sign signs evidence indication indications proof trace traces reason".split())
EVIDENCE_VERBS = frozenset("see find have".split())

# Verbs that state a view only with "as": "critics see the program as a loophole".
AS_CUES = frozenset("see regard portray depict characterize characterise paint cast".split())
# Verbs whose object is what a poll, study or document found: "Polls show a close race".
FINDING_VERBS = frozenset("show find reveal suggest indicate confirm put give".split())
# Heads of subjects that report findings rather than act: polls, studies, records, footage.
FINDING_NOUNS = frozenset(
    """poll polls survey surveys study studies data analysis report reports research average averages
    figure figures number numbers record records document documents return returns video footage
    estimate estimates projection projections model models audit review investigation tally count
    statistics result results""".split()
)
# Verbs that raise a judgement's subject into an infinitive: "The plan seems to work",
# "The council is expected to vote". Passive ones need "be" (``is said to``); the content
# is the subject together with the infinitive.
RAISING_VERBS = frozenset("seem appear".split())
PASSIVE_RAISING_VERBS = frozenset("expect say believe think report rumor rumour know consider predict project".split())
# Adjectives of attitude that report a stance, with a topic or a clause: "critical of the
# plan", "worried about tolls", "confident that it will pass".
ATTITUDE_ADJECTIVES = frozenset(
    """concerned worried critical sure confident certain optimistic pessimistic skeptical sceptical
    hopeful afraid aware convinced angry upset furious supportive adamant unhappy proud wary fearful
    doubtful enthusiastic eager opposed frustrated dismissive disappointed nervous anxious outraged
    alarmed""".split()
)

# Verbs that, in the passive, tell of an accusation or praise without saying whose:
# "The mayor was accused of wasting money", "The company has been blamed for the delays".
PASSIVE_JUDGEMENT_VERBS = {
    "accuse": {"of"}, "blame": {"for"}, "criticize": {"for"}, "criticise": {"for"}, "fault": {"for"},
    "charge": {"with"}, "condemn": {"for"}, "praise": {"for"}, "credit": {"with", "for"}, "suspect": {"of"},
}
# People who hold a stance, and the stance they hold: "a staunch opponent of the tolls".
STANCE_NOUNS = frozenset(
    "supporter opponent critic defender advocate proponent champion backer foe skeptic sceptic fan admirer".split()
)

OTHER_CUES = (
    OBJECT_CUES | frozenset(PREPOSITION_CUES) | PREPOSITION_VERBS | XCOMP_CUES | EVIDENCE_VERBS | FINDING_VERBS
    | RAISING_VERBS | PASSIVE_RAISING_VERBS | frozenset(PASSIVE_JUDGEMENT_VERBS) | AS_CUES
)

SPEAKER_DEPS = ("nsubj", "nsubjpass")
PRONOUNS = frozenset("he she they it we i you him her them".split())
RELATIVE_PRONOUNS = frozenset("which who that whom whose".split())
QUOTE_CHARS = "\"“”„«»"
QUOTE_TOKENS = frozenset([*QUOTE_CHARS, "''", "``"])

_PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")


@Language.factory(
    "claimgraph_quotes",
    requires=["token.dep", "token.lemma", "token.pos", "doc.sents"],
    assigns=["doc._.statement_records", "doc._.statements"],
    default_config={"min_quote_words": 3, "extra_cue_verbs": [], "continue_speaker": True},
)
def make_quotes(nlp: Language, name: str, min_quote_words: int, extra_cue_verbs: list[str], continue_speaker: bool):
    register_extensions()
    return QuoteFinder(min_quote_words=min_quote_words, extra_cue_verbs=tuple(extra_cue_verbs), continue_speaker=continue_speaker)


class QuoteFinder:
    """The ``claimgraph_quotes`` component (see the module docstring for the rules)."""

    def __init__(self, *, min_quote_words: int = 3, extra_cue_verbs: tuple[str, ...] = (), continue_speaker: bool = True):
        self.min_quote_words = min_quote_words
        self.cue_verbs = CUE_VERBS | frozenset(extra_cue_verbs)
        self.continue_speaker = continue_speaker

    def __call__(self, doc: Doc) -> Doc:
        with cached_views(doc):
            doc._.statement_records = [statement.to_record() for statement in find_statements(doc, self)]
        return doc


# --------------------------------------------------------------------------- finding


def find_statements(doc: Doc, finder: QuoteFinder | None = None) -> list[Statement]:
    """All statements in ``doc``, in text order."""
    finder = finder or QuoteFinder()
    quotes = find_quote_spans(doc_text(doc))
    statements = _reported_speech(doc, finder) + _noun_cues(doc) + _noun_topics(doc) + _colon_attributions(doc)
    statements = _outside_quotes(statements, quotes)
    statements = _outermost(statements)
    statements = _widen_to_quotes(doc, statements, quotes)
    statements += _attach_quotes(doc, statements, quotes, finder)
    statements = _join_split_quotes(doc, statements, quotes)
    statements.sort(key=lambda s: s.content)
    for statement in statements:
        statement.speaker_actor = speaker_actor(doc, statement.speaker, statements)
    return statements


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations, quotation marks included.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    a quotation mark (the convention for multi-paragraph quotes); otherwise it ends there.
    """
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a quote still open at the end of the last paragraph
    position = 0
    for paragraph in _PARAGRAPH_RE.split(text):
        start_of_paragraph = text.index(paragraph, position) if paragraph else position
        position = start_of_paragraph + len(paragraph)
        stripped = paragraph.lstrip()
        if pending is not None and stripped[:1] not in "\"“":
            spans.append((pending, _rstrip_end(text, start_of_paragraph)))
            pending = None
        open_at: int | None = None
        offset = 0
        while offset < len(paragraph):
            char, at = paragraph[offset], start_of_paragraph + offset
            # Two apostrophes are a straight double quote in some archives (''It's more tinkering'').
            width = 2 if paragraph.startswith("''", offset) else 1
            straight = char == '"' or width == 2
            # A closing mark typed where an opening one belongs: ”Fear. I am afraid ...”
            backwards = char == "”" and open_at is None and paragraph[offset + 1:offset + 2].isalnum() and (
                offset == 0 or paragraph[offset - 1].isspace()
            )
            if char == "“" or backwards or (straight and open_at is None):
                open_at = at if open_at is None else open_at
            elif (char == "”" or straight) and open_at is not None:
                spans.append((pending if pending is not None else open_at, at + width))
                pending, open_at = None, None
            offset += width
        if open_at is not None:
            pending = pending if pending is not None else open_at
    if pending is not None:
        spans.append((pending, _rstrip_end(text, len(text))))
    return spans


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _is_cue(token: Token, cue_verbs: frozenset) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cue_verbs


def _reported_speech(doc: Doc, finder: QuoteFinder) -> list[Statement]:
    statements = []
    for token in doc:
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            statement = _according_to(doc, token)
        elif token.lower_ in ("in", "by") and token.dep_ == "prep" and token.head.dep_ == "ROOT":
            statement = _finding_phrase(doc, token)
        elif _is_cue(token, finder.cue_verbs) or token.lemma_.lower() in OTHER_CUES:
            statement = _verb_statement(doc, token, finder)
        elif token.pos_ == "ADJ" and token.lower_ in ATTITUDE_ADJECTIVES:
            statement = _attitude_statement(doc, token)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in STANCE_NOUNS:
            statement = _stance_noun(doc, token)
        else:
            statement = None
        if statement is not None:
            statements.append(statement)
    return statements


def _verb_statement(doc: Doc, verb: Token, finder: QuoteFinder) -> Statement | None:
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("amod", "aux", "auxpass"):
        return None
    lemma = verb.lemma_.lower()
    content: tuple[int, int] | None = None
    cue_end = verb.i + 1
    method = "clause"
    if _is_cue(verb, finder.cue_verbs):
        # Several complements on one side of the cue join ("A, B," she said); the cue never sits inside.
        ranges = [_stripped(doc_text(doc), _subtree_range(c, doc, verb)) for c in verb.children if c.dep_ == "ccomp"]
        ranges = [r for r in ranges if r is not None]
        if ranges:
            nearest = min(ranges, key=lambda r: min(abs(r[0] - verb.idx), abs(r[1] - verb.idx)))
            same_side = [r for r in ranges if (r[0] > verb.idx) == (nearest[0] > verb.idx)]
            content = (min(r[0] for r in same_side), max(r[1] for r in same_side))
            if content[0] > verb.idx:
                content = _with_coordinated_clauses(doc, verb, content)
            elif verb.dep_ in ("ROOT", "conj") and not _words(doc[verb.right_edge.i + 1:sentence_of(verb).end]):
                # "A, but B, a source said": the cue closes the sentence, and all of it before
                # the cue was said, even when the parse hangs only B on the verb.
                opening = _trim(doc[sentence_of(verb).start:verb.left_edge.i])
                if opening is not None and opening[0] < content[0]:
                    content = (opening[0], content[1])
            if doc_text(doc)[content[0]:content[0] + 5].lower().startswith("that "):
                method = "clause_that"
    if lemma in PASSIVE_JUDGEMENT_VERBS and any(c.dep_ == "auxpass" for c in verb.children):
        return _passive_judgement(doc, verb)
    if content is None and lemma in OBJECT_CUES | CUE_VERBS:
        passive = _passive_with_agent(doc, verb)
        if passive is not None:
            return passive
    if content is None and (lemma in PREPOSITION_CUES or lemma in PREPOSITION_VERBS):
        allowed = PREPOSITION_CUES.get(lemma, frozenset()) | (GENERIC_PREPOSITIONS if lemma in PREPOSITION_VERBS and _subject(verb) is not None else frozenset())
        for child in verb.children:
            if child.dep_ in ("prep", "prt") and child.lower_ in allowed and not _dated(child):
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    content = _subtree_range(objects[0], doc, verb)
                    cue_end = child.i + 1
                    method = "preposition"
                    break
    if content is None and (lemma in RAISING_VERBS or lemma in PASSIVE_RAISING_VERBS):
        raised = _raising(doc, verb)
        if raised is not None:
            return raised
    if content is None and lemma in XCOMP_CUES:
        infinitives = [c for c in verb.children if c.dep_ == "xcomp"]
        if infinitives:
            content = _subtree_range(infinitives[0], doc, verb)
            addressees = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < infinitives[0].i]
            if addressees:
                content = (addressees[0].left_edge.idx, content[1])
            method = "infinitive"
    seen_as = lemma in AS_CUES and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    if content is None and (lemma in OBJECT_CUES or seen_as):
        # "what we expect": the object is the relative pronoun, the content is elsewhere.
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in RELATIVE_PRONOUNS | {"what", "whatever"}]
        if objects:
            content = _subtree_range(objects[0], doc, verb)
            for relative in objects[0].rights:
                # "the reality of climate change, which makes him an outlier": an aside, not the content
                if relative.dep_ == "relcl" and relative.left_edge.i > 0 and doc[relative.left_edge.i - 1].text == ",":
                    content = (content[0], _rstrip_end(doc_text(doc), doc[relative.left_edge.i - 1].idx))
            # "blamed Israel for the attack", "cited the remarks as examples of ...": the reason is said too.
            # "likened the rules to burning the Constitution": the comparison too.
            reason_words = ("for", "of", "as", "to") if lemma in ("liken", "compare") else ("for", "of", "as")
            reasons = [c for c in verb.children if c.dep_ in ("prep", "oprd") and c.lower_ in reason_words and c.i > objects[0].i]
            reasons += [c for c in verb.children if c.dep_ == "oprd"]  # "called the plan a disaster"
            if reasons:
                content = (content[0], max(content[1], _subtree_range(reasons[0], doc, verb)[1]))
            method = "object"
    if content is None and _is_cue(verb, finder.cue_verbs) and verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        # "It does not answer whether Scott had a gun, as police have said": the main clause.
        head = verb.head
        if verb.i > head.i:
            content = _trim(doc[head.left_edge.i:verb.left_edge.i])
        else:
            content = _trim(doc[verb.right_edge.i + 1:head.right_edge.i + 1])
        method = "as_clause"
    if content is None and _is_cue(verb, finder.cue_verbs) and verb.dep_ == "parataxis":
        return _parenthetical(doc, verb)
    if content is None and lemma in FINDING_VERBS:
        subject = _subject(verb)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp")]
        if subject is not None and objects and (subject.root.lower_ in FINDING_NOUNS or subject.root.lemma_.lower() in FINDING_NOUNS):
            content = _subtree_range(objects[0], doc, verb)
            method = "finding"
    if content is None and lemma in EVIDENCE_VERBS:
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in EVIDENCE_NOUNS]
        if objects and _subject(verb) is not None:
            start = min([verb.idx] + [c.idx for c in verb.children if c.dep_ in ("neg", "aux") and c.i < verb.i])
            content = _subtree_range(objects[0], doc, verb)
            cue = doc.char_span(start, verb.idx + len(verb.text), alignment_mode="expand")
            return Statement(
                speaker=_subject(verb), speaker_actor=None, cue=cue, content=content, kind="indirect",
                sentence=_sentence_range(verb, content), method="evidence",
            )
    if content is not None:
        content = _stripped(doc_text(doc), content)
    if content is None or content[1] <= content[0]:
        return None
    speaker = _outside(_subject(verb), content)
    if speaker is None and method in ("object", "infinitive", "finding"):
        return None
    cue = doc[verb.i:cue_end] if method != "clause" and method != "clause_that" else _cue_phrase(doc, verb, *content)
    return Statement(
        speaker=speaker, speaker_actor=None, cue=cue, content=content, kind="indirect",
        sentence=_sentence_range(verb, content), method=method,
    )


def _parenthetical(doc: Doc, verb: Token) -> Statement | None:
    """An attribution set inside or after its clause: "The bridge, he said, would open in May."

    The parser hangs such a cue on the clause's verb (``parataxis``): the content is that
    clause without the attribution, in one or two fragments. Sentences holding a quotation
    are left to the quote rules.
    """
    head = verb.head
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    left, right = verb.left_edge.i, verb.right_edge.i
    # '"The museum," he said, "is ..."': a quotation next to the attribution is the quote rules' business.
    beside = [t for t in doc[max(0, left - 2):left]] + [t for t in doc[right + 1:min(len(doc), right + 3)]]
    if any(t.text in QUOTE_TOKENS for t in beside):
        return None
    before = _trim(doc[head.left_edge.i:left]) if left > head.left_edge.i else None
    after = _trim(doc[right + 1:head.right_edge.i + 1]) if right < head.right_edge.i else None
    fragments = tuple(f for f in (before, after) if f is not None and f[1] - f[0] > 1)
    if not fragments or not any(len(doc_text(doc)[a:b].split()) >= 3 for a, b in fragments):
        return None
    fragments = tuple(f for f in (_stripped(doc_text(doc), f) for f in fragments) if f is not None)
    if not fragments:
        return None
    content = (fragments[0][0], fragments[-1][1])
    return Statement(
        speaker=_subject(verb), speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=content, kind="indirect",
        sentence=_sentence_range(verb, content), method="parenthetical",
        fragments=fragments if len(fragments) > 1 else (),
    )


def _raising(doc: Doc, verb: Token) -> Statement | None:
    """A judgement whose subject is raised into an infinitive: "The plan seems to work",
    "The council is expected to vote", "He is said to have left": the subject and the
    infinitive are the content; the speaker is the agent ("expected by analysts") or nobody.
    """
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if lemma in PASSIVE_RAISING_VERBS and not passive:
        return None
    infinitives = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if not infinitives or not subjects or subjects[0].lower_ in ("it", "there") or subjects[0].lower_ in RELATIVE_PRONOUNS:
        return None
    subject = _trim(doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1])
    complement = _subtree_range(infinitives[0], doc, verb)
    if subject is None:
        return None
    fragments = tuple(f for f in (_stripped(doc_text(doc), f) for f in (subject, complement)) if f is not None)
    if len(fragments) != 2:
        return None
    agent = _agent(verb)
    content = (fragments[0][0], fragments[1][1])
    return Statement(
        speaker=_phrase(agent) if agent is not None else None, speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=content,
        kind="indirect", sentence=_sentence_range(verb, content), method="raising", fragments=fragments,
    )


def _agent(verb: Token) -> Token | None:
    """The noun of a passive verb's "by ..." agent ("supported by *the mayor*"), or None."""
    return next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)


def _passive_judgement(doc: Doc, verb: Token) -> Statement | None:
    """"The mayor was accused of wasting money": who is accused and of what, said by the agent
    ("by rivals") or by nobody named. The content is the subject and the charge, two fragments.
    """
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
    allowed = PASSIVE_JUDGEMENT_VERBS[verb.lemma_.lower()]
    charges = [
        o for c in verb.children if c.dep_ == "prep" and c.lower_ in allowed for o in c.children if o.dep_ in ("pobj", "pcomp")
    ]
    if not subjects or not charges or subjects[0].lower_ in RELATIVE_PRONOUNS:
        return None
    subject = _trim(doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1])
    charge = _subtree_range(charges[0], doc, verb)
    fragments = tuple(f for f in (_stripped(doc_text(doc), f) for f in (subject, charge) if f) if f is not None)
    if len(fragments) != 2:
        return None
    agent = _agent(verb)
    content = (fragments[0][0], fragments[1][1])
    return Statement(
        speaker=_phrase(agent) if agent is not None else None, speaker_actor=None, cue=doc[verb.i:charges[0].head.i + 1],
        content=content, kind="indirect", sentence=_sentence_range(verb, content), method="passive", fragments=fragments,
    )


def _passive_with_agent(doc: Doc, verb: Token) -> Statement | None:
    """"The plan is supported by the mayor", "The story was first reported by the Herald":
    the agent is the speaker, the passive subject what they support, report or echo."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i and c.lower_ not in RELATIVE_PRONOUNS]
    agent = _agent(verb)
    if not subjects or agent is None or subjects[0].lower_ in PRONOUNS | {"it", "there"}:
        return None
    content = _stripped(doc_text(doc), _subtree_range(subjects[0], doc, verb))
    if content is None:
        return None
    return Statement(
        speaker=_phrase(agent), speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=content, kind="indirect",
        sentence=_sentence_range(verb, content), method="passive_agent",
    )


def _stance_noun(doc: Doc, noun: Token) -> Statement | None:
    """A person described by the stance they hold: "Moss is a staunch opponent of the tolls",
    "Moss, a longtime critic of the mayor, ...": the person is the speaker, the object the content.
    """
    topics = [
        o for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("of", "for", "on") for o in c.children if o.dep_ in ("pobj", "pcomp")
    ]
    if not topics:
        return None
    if noun.dep_ == "attr":
        speaker = _subject(noun.head)
    elif noun.dep_ == "appos":
        speaker = _phrase(noun.head, without=noun)
    else:
        return None
    if speaker is None or speaker.root.lower_ in ("it", "there"):
        return None
    content = _stripped(doc_text(doc), _subtree_range(topics[0], doc, noun))
    if content is None:
        return None
    return Statement(
        speaker=_outside(speaker, content), speaker_actor=None, cue=doc[noun.i:topics[0].head.i + 1], content=content,
        kind="indirect", sentence=_sentence_range(noun, content), method="stance_noun",
    )


def _attitude_statement(doc: Doc, adjective: Token) -> Statement | None:
    """A stance told by an adjective: "Lee has been critical of the mayor", "Residents are
    worried about tolls", "She was confident that it would pass": the copula's subject holds
    the stance; its topic or clause is the content.
    """
    if adjective.dep_ != "acomp":
        return None
    clauses = [c for c in adjective.children if c.dep_ == "ccomp"]
    topics = [
        c for c in adjective.children
        if c.dep_ == "prep" and c.lower_ in GENERIC_PREPOSITIONS and any(o.dep_ in ("pobj", "pcomp") for o in c.children)
    ]
    if clauses:
        content, cue_end = _subtree_range(clauses[0], doc, adjective), adjective.i + 1
    elif topics and not _dated(topics[0]):
        objects = [o for o in topics[0].children if o.dep_ in ("pobj", "pcomp")]
        content, cue_end = _subtree_range(objects[0], doc, adjective), topics[0].i + 1
    else:
        return None
    content = _stripped(doc_text(doc), content)
    speaker = _subject(adjective.head)
    if content is None or speaker is None or speaker.root.lower_ in ("it", "there"):
        return None
    return Statement(
        speaker=_outside(speaker, content), speaker_actor=None, cue=doc[adjective.i:cue_end], content=content,
        kind="indirect", sentence=_sentence_range(adjective, content), method="attitude",
    )


def _outside_quotes(statements: list[Statement], quotes: list[tuple[int, int]]) -> list[Statement]:
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


def _outermost(statements: list[Statement]) -> list[Statement]:
    """Drop reported speech inside what someone else is reported to say.

    In "Clinton says she hopes to be elected" the hope is part of what Clinton said, not a
    statement of its own (PolNeAR annotates the outer one). The widest contents are kept
    first, so two statements never remove each other.
    """
    kept: list[Statement] = []
    for statement in sorted(statements, key=lambda s: s.content[0] - s.content[1]):
        cue = statement.cue.start_char if statement.cue is not None else statement.content[0]
        if not any(o.content[0] <= cue < o.content[1] for o in kept):
            kept.append(statement)
    return [s for s in statements if any(k is s for k in kept)]


def _noun_cues(doc: Doc) -> list[Statement]:
    """Nouns that report speech or belief with a that-clause: "Trump's claim that ...", "the hope that ..."."""
    statements = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOUN_CUES | INTENTION_NOUNS:
            continue
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)]
        if not clauses:
            statement = _intention(doc, noun)
            if statement is not None:
                statements.append(statement)
            continue
        content = _stripped(doc_text(doc), _subtree_range(clauses[0], doc, noun))
        if content is None:
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        speaker = _phrase(owners[0]) if owners else None
        if speaker is None and noun.dep_ == "dobj":
            speaker = _subject(noun.head)  # "Democrats made the argument that ..."
        statements.append(
            Statement(
                speaker=speaker, speaker_actor=None, cue=doc[noun.i:noun.i + 1], content=content, kind="indirect",
                sentence=_sentence_range(noun, content), method="noun_that",
            )
        )
    return statements


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
        speaker = _phrase(owners[0])
    elif noun.dep_ == "dobj" and noun.head.lemma_.lower() not in CUE_VERBS | OTHER_CUES:
        speaker = _subject(noun.head)
    else:
        return None
    content = _stripped(doc_text(doc), _subtree_range(infinitives[0], doc, noun))
    if speaker is None or content is None:
        return None
    return Statement(
        speaker=speaker, speaker_actor=None, cue=doc[noun.i:noun.i + 1], content=content, kind="indirect",
        sentence=_sentence_range(noun, content), method="noun_infinitive",
    )


def _dated(preposition: Token) -> bool:
    """True for "on Tuesday", "over the weekend": a time, not a topic."""
    return any(t.ent_type_ in ("DATE", "TIME") for t in preposition.subtree)


def _noun_topics(doc: Doc) -> list[Statement]:
    """Nouns of speech or opinion with their topic: "Democrats raised concerns about the deal"."""
    statements = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in PREPOSITION_NOUNS:
            continue
        for preposition in noun.rights:
            objects = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")]
            if preposition.dep_ != "prep" or preposition.lower_ not in GENERIC_PREPOSITIONS or not objects or _dated(preposition):
                continue
            owners = [c for c in noun.children if c.dep_ == "poss"]
            speaker = _phrase(owners[0]) if owners else (_subject(noun.head) if noun.dep_ == "dobj" else None)
            if speaker is None:
                break
            content = _stripped(doc_text(doc), _subtree_range(objects[0], doc, noun))
            if content is not None:
                statements.append(
                    Statement(
                        speaker=speaker, speaker_actor=None, cue=doc[noun.i:preposition.i + 1], content=content,
                        kind="indirect", sentence=_sentence_range(noun, content), method="noun_topic",
                    )
                )
            break
    return statements


COLON_LABELS = frozenset(
    "source sources photo photos credit note update editor's note related read more watch image video caption correction".split()
)

# "PENCE: Well, look ...", "Pat Caddell: Voters are worried": a name, a colon, then what they said.
_COLON_RE = re.compile(r"^[\"“]?(?P<speaker>(?:[A-Z][\w.'’-]*\s){0,2}[A-Z][\w.'’-]*)\s?:[ \t]+(?P<content>\S[^\n]*)$", re.MULTILINE)


def _colon_attributions(doc: Doc) -> list[Statement]:
    """Statements from lines that start with a speaker's name and a colon (transcripts, headlines)."""
    statements = []
    for match in _COLON_RE.finditer(doc_text(doc)):
        speaker = doc.char_span(match.start("speaker"), match.end("speaker"), alignment_mode="expand")
        colon = doc.char_span(match.end("speaker"), match.start("content"), alignment_mode="expand")
        if speaker is None or colon is None or any(t.like_num for t in speaker) or speaker[0].lower_ == "the":
            continue
        if speaker.text.lower() in COLON_LABELS:
            continue  # "Source: NATO.", "Photo: ..." label a line; nobody says it
        if len(speaker) > 1 and not speaker.text.isupper() and not any(t.ent_type_ for t in speaker):
            continue  # "Stealth Over Health: ..." is a headline, not a speaker
        content = (match.start("content"), _rstrip_end(doc_text(doc), match.end("content")))
        statements.append(
            Statement(
                speaker=speaker, speaker_actor=None, cue=colon, content=content, kind="indirect",
                sentence=(match.start(), content[1]), method="colon",
            )
        )
    return statements


def _with_coordinated_clauses(doc: Doc, verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """Extend a clause content over a clause the parser coordinated with the cue instead.

    "He said it would cut revenue at first, but would add $84 billion later": "but would add"
    hangs on "said" in the parse, yet it is part of what was said (it has its own subject or
    a modal). "He said it was over and left" keeps "left" out.
    """
    text = doc_text(doc)
    for child in verb.rights:
        if child.dep_ != "conj" or child.pos_ not in ("VERB", "AUX") or child.idx < content[1]:
            continue
        if child.lemma_.lower() in CUE_VERBS:
            break
        gap = text[content[1]:child.left_edge.idx]
        has_own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in child.children)
        if has_own_subject and re.fullmatch(r"[\s,;]*(?:and|but|or)?[\s,]*", gap):
            end = _trim(doc[child.left_edge.i:child.right_edge.i + 1])
            if end is not None and "\n" not in text[content[1]:end[1]]:
                content = (content[0], end[1])
    return content


def _stripped(text: str, content: tuple[int, int]) -> tuple[int, int] | None:
    """A content range without edge whitespace; None when nothing is left.

    Parses do not cross paragraphs (``claimgraph_paragraphs`` starts a sentence at each),
    so a range from one parse stays in its paragraph without clipping.
    """
    start, end = content
    if end - start < 2:
        return None
    trimmed = text[start:end]
    return start + len(trimmed) - len(trimmed.lstrip()), start + len(trimmed.rstrip())


def _according_to(doc: Doc, according: Token) -> Statement | None:
    to = next(c for c in according.children if c.lower_ == "to")
    sources = [c for c in to.children if c.dep_ == "pobj"]
    if not sources:
        return None
    source = sources[0]
    speaker = _phrase(source)
    phrase_start, phrase_end = according.i, max(source.right_edge.i, to.i) + 1
    sentence = sentence_of(according)
    # The content is the rest of the sentence, on whichever side of the phrase it is.
    before = doc[sentence.start:phrase_start]
    after = doc[phrase_end:sentence.end]
    side = after if len(_words(after)) >= len(_words(before)) else before
    content = _trim(_without_lead_in(side))
    if content is None:
        return None
    return Statement(
        speaker=speaker, speaker_actor=None, cue=doc[according.i:to.i + 1], content=content, kind="indirect",
        sentence=(sentence.start_char, sentence.end_char), method="according_to",
    )


def _finding_phrase(doc: Doc, preposition: Token) -> Statement | None:
    """"In the latest poll, the mayor led by five points", "By one estimate, 3,000 homes were
    damaged": the poll or estimate is the source of the rest of the sentence, as with
    "according to"."""
    sources = [c for c in preposition.children if c.dep_ == "pobj"]
    if not sources:
        return None
    source = sources[0]
    nouns = FINDING_NOUNS if preposition.lower_ == "in" else ("estimate", "count", "measure", "account")
    if source.lemma_.lower() not in nouns and source.lower_ not in nouns:
        return None
    sentence = sentence_of(preposition)
    before = doc[sentence.start:preposition.i]
    after = doc[preposition.right_edge.i + 1:sentence.end]
    side = after if len(_words(after)) >= len(_words(before)) else before
    if len(_words(side)) < 3:
        return None
    content = _trim(_without_lead_in(side))
    if content is None:
        return None
    return Statement(
        speaker=_phrase(source), speaker_actor=None, cue=doc[preposition.i:preposition.i + 1], content=content,
        kind="indirect", sentence=(sentence.start_char, sentence.end_char), method="finding_phrase",
    )


def _without_lead_in(span: Span) -> Span:
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


def _words(span: Span) -> list[Token]:
    return [t for t in span if not t.is_punct and not t.is_space]


def _trim(span: Span) -> tuple[int, int] | None:
    tokens = [t for t in span]
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in QUOTE_TOKENS:
        tokens.pop(0)
    while tokens and (tokens[-1].is_space or tokens[-1].text in {",", ";", ":", "--", "—", "-"}):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subtree_range(head: Token, doc: Doc, cue: Token) -> tuple[int, int]:
    """The complement's subtree as a character range, without the cue and edge punctuation.

    A coordinated verb that is itself a cue ("he would order a review and warned against
    hackers") starts a statement of its own, so it is cut off, and so is an aside that
    closes the subtree after a comma: the writer's, not the speaker's ("... Mr. Trump, who
    is 70", "..., citing the strategic importance of ...", "..., a former governor").
    """
    end = head.right_edge.i
    for child in head.rights:
        if child.dep_ == "conj" and child.lemma_.lower() in CUE_VERBS | OBJECT_CUES and child.pos_ == "VERB":
            end = min(end, child.left_edge.i - 1)
            while end > head.i and doc[end].dep_ == "cc":
                end -= 1
    end = _without_closing_aside(doc, head, end)
    tokens = [t for t in doc[head.left_edge.i:end + 1] if t.i != cue.i]
    span = doc[tokens[0].i:tokens[-1].i + 1]
    trimmed = _trim(span)
    return trimmed if trimmed else (span.start_char, span.end_char)


def _is_aside(token: Token) -> bool:
    """A non-restrictive relative clause, participle clause or apposition."""
    if token.dep_ == "relcl":
        return token.left_edge.lower_ in ("which", "who", "whom", "whose")
    if token.dep_ in ("advcl", "acl"):
        return token.tag_ == "VBG" and token.left_edge.i == token.i
    return token.dep_ == "appos"


def _without_closing_aside(doc: Doc, head: Token, end: int) -> int:
    """``end`` moved back before the asides that close the subtree, each set off by a comma."""
    changed = True
    while changed:
        changed = False
        for token in doc[head.i + 1:end + 1]:
            start = token.left_edge.i
            if start > head.i + 1 and doc[start - 1].text == "," and token.right_edge.i >= end - 1 and _is_aside(token):
                end, changed = start - 2, True
                break
    return end


def _subject(verb: Token) -> Span | None:
    """The verb's subject phrase; borrowed from the head for ``and said`` and ``went on to say``."""
    seen = 0
    while verb is not None and seen < 4:
        subjects = [c for c in verb.children if c.dep_ in SPEAKER_DEPS]
        agent = _agent(verb)
        if subjects and subjects[0].dep_ == "nsubjpass" and agent is not None:
            return _phrase(agent)
        if subjects and subjects[0].dep_ == "nsubj":
            before = [c for c in subjects if c.i < verb.i]
            subject = before[-1] if before else subjects[0]  # the nearest, when the parse gives two
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                # "who said": the pronoun as written; speaker_actor() resolves it to the noun.
                return subject.doc[subject.i:subject.i + 1]
            return _in_paragraph_of(_phrase(subject), verb)
        reporting_participle = verb.tag_ == "VBG" and any(c.dep_ == "ccomp" for c in verb.children)
        if verb.dep_ == "acl" and (verb.tag_ == "VBD" or reporting_participle):
            # A finite verb the parser hung on a noun ("The agency, which ..., called for") and a
            # participle ("a posting saying that ...") have that noun as their speaker.
            return _phrase(verb.head, without=verb)
        if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "They published it by announcing that ...": the verb before "by"
            seen += 1
            continue
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _in_paragraph_of(phrase: Span, verb: Token) -> Span:
    """The part of a subject phrase in the verb's paragraph ("...(all times EDT):\n\n7 p.m.\n\nDonald Trump")."""
    if phrase.end > verb.i:
        return phrase
    breaks = [t.i for t in phrase if "\n" in t.text]
    if not breaks or breaks[-1] + 1 >= phrase.end:
        return phrase
    return phrase.doc[breaks[-1] + 1:phrase.end]


def _phrase(head: Token, without: Token | None = None) -> Span:
    """The noun phrase headed by ``head``: its subtree (appositives and relative clauses included,
    as in "Schiff, 56, who has served on the committee,"), without edge punctuation.

    ``without`` is a clause hanging on the noun that must stay out: the cue's own clause in
    "the agency, which warned of rain".
    """
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    if without is not None and without.i > head.i:
        right = min(right, without.left_edge.i - 1)
    for child in head.rights:
        # "an arbitration panel in 2001", "a poll released in late August": when, not who.
        dated = child.dep_ in ("prep", "npadvmod") and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)
        if dated and child.left_edge.i > head.i:
            right = min(right, child.left_edge.i - 1)
    # A parse that runs across paragraphs ("... (all times EDT):\n\n7 p.m.\n\nDonald Trump") stops at the break.
    breaks = [t.i for t in doc[left:head.i] if "\n" in t.text]
    if breaks:
        left = breaks[-1] + 1
    while right > left and (doc[right].is_punct or doc[right].is_space or doc[right].lower_ in RELATIVE_PRONOUNS):
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left:right + 1]


def _sentence_range(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    sentence = sentence_of(verb)
    return min(sentence.start_char, content[0]), max(_rstrip_end(doc_text(verb.doc), sentence.end_char), content[1])


# --------------------------------------------------------------------------- quotes


def _widen_to_quotes(doc: Doc, statements: list[Statement], quotes: list[tuple[int, int]]) -> list[Statement]:
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
        statement.kind = _kind(doc_text(doc)[start:end])
        statement.sentence = (min(statement.sentence[0], start), max(statement.sentence[1], end))
    return statements


_TRAILING_CLAUSE_RE = re.compile(r"\s+(?:when|after|before|while|as|because|during|since|until)\b", re.IGNORECASE)


def _tidy_around_quotes(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Drop what a parse glued around a quote: an earlier sentence, or "when ..." after it."""
    inside = [q for q in quotes if start <= q[0] and q[1] <= end]
    if not inside:
        return start, end
    first, last = inside[0], inside[-1]
    if first[0] > start and re.search(r"[.!?][\s\u00a0]*$", text[start:first[0]]):
        start = first[0]
    if last[1] < end and _TRAILING_CLAUSE_RE.match(text, last[1]):
        end = last[1]
    return start, end


def _without_cue(statement: Statement, start: int, end: int) -> tuple[int, int]:
    """Keep a widened content from swallowing its own cue and speaker."""
    cue = statement.cue
    if cue is None or not (start <= cue.start_char < end):
        return start, end
    if cue.start_char - start >= end - cue.end_char:
        return start, _rstrip_end(doc_text(statement.cue.doc), cue.start_char)
    return cue.end_char, end


def _kind(content: str) -> str:
    stripped = content.strip().replace("''", '"')
    if not any(mark in stripped for mark in QUOTE_CHARS):
        return "indirect"
    if stripped[:1] in QUOTE_CHARS and stripped[-1:] in QUOTE_CHARS + ".,":
        inner = stripped[1:-1]
        if not any(mark in inner.rstrip('."”') for mark in "“”") and inner.count('"') == 0:
            return "direct"
    return "mixed"


def _attach_quotes(doc: Doc, statements: list[Statement], quotes: list[tuple[int, int]], finder: QuoteFinder) -> list[Statement]:
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
        if words < finder.min_quote_words or (not standalone and words < 5 and not _cue_follows(doc, q_end, cues)):
            continue
        statement = (
            _dash_after(doc, q_start, q_end)
            or _cue_after(doc, q_start, q_end, cues, used_cues)
            or _cue_before(doc, q_start, q_end, cues, used_cues)
        )
        if statement is None and finder.continue_speaker and standalone:
            statement = _continued_speaker(doc, q_start, q_end, statements + added)
        if statement is None:
            continue
        if statement.cue is not None:
            used_cues.add(statement.cue.start)
        added.append(statement)
        covered.append(statement.content)
    return added


def _join_split_quotes(doc: Doc, statements: list[Statement], quotes: list[tuple[int, int]]) -> list[Statement]:
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
        resume = re.match(r"[\s,.;:]*", doc_text(doc)[attribution_end:])
        position = attribution_end + resume.end()
        following = next((q for q in quotes if q[0] == position), None)
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


def _is_standalone(text: str, start: int, end: int) -> bool:
    """True when the quote starts a sentence or paragraph (not a phrase quoted mid-sentence)."""
    before = text[max(0, start - 3):start].strip()
    return not before or before[-1] in ".!?:\n" or before.endswith(("—", "--"))


def _cue_follows(doc: Doc, q_end: int, cues: frozenset) -> bool:
    return _cue_after_token(doc, q_end, cues, set()) is not None


def _cue_after_token(doc: Doc, q_end: int, cues: frozenset, used: set) -> Token | None:
    span = doc.char_span(q_end, min(len(doc_text(doc)), q_end + 80), alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if token.text in QUOTE_TOKENS or (token.is_sent_start and token.idx > q_end + 2) or "\n" in token.text:
            return None
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues and token.i not in used:
            return token
        if token.text in ".!?" and token.idx > q_end + 1:
            return None
    return None


_DASH_RE = re.compile(r"[ \t\u00a0]*(?P<dash>[―—–]|--)[ \t\u00a0]*(?P<name>[A-Z][^\n.,;:“”\"]{1,60})")


def _dash_after(doc: Doc, q_start: int, q_end: int) -> Statement | None:
    """A quote signed with a dash: ``“...” ― Carla Sanchez``."""
    match = _DASH_RE.match(doc_text(doc), q_end)
    if match is None:
        return None
    name_end = _rstrip_end(doc_text(doc), match.end("name"))
    speaker = doc.char_span(match.start("name"), name_end, alignment_mode="expand")
    cue = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
    if speaker is None or cue is None or len(speaker) > 6:
        return None
    return Statement(
        speaker=speaker, speaker_actor=None, cue=cue, content=(q_start, q_end),
        kind=_kind(doc_text(doc)[q_start:q_end]), sentence=(q_start, name_end), method="quote_dash",
    )


def _cue_after(doc: Doc, q_start: int, q_end: int, cues: frozenset, used: set) -> Statement | None:
    verb = _cue_after_token(doc, q_end, cues, used)
    if verb is None:
        return None
    speaker = _outside(_subject(verb), (q_start, q_end)) or _outside(_inverted_subject(verb), (q_start, q_end))
    sentence = (min(sentence_of(verb).start_char, q_start), max(_rstrip_end(doc_text(doc), sentence_of(verb).end_char), q_end))
    # A quote that resumes after "he said" is joined later, by _join_split_quotes.
    return Statement(
        speaker=speaker, speaker_actor=None, cue=doc[verb.i:verb.i + 1], content=(q_start, q_end),
        kind=_kind(doc_text(doc)[q_start:q_end]), sentence=sentence, method="quote_cue_after",
    )


def _outside(speaker: Span | None, content: tuple[int, int]) -> Span | None:
    """The speaker phrase, unless the parse took it from inside the content itself."""
    if speaker is None or (content[0] <= speaker.start_char < content[1]):
        return None
    return speaker


def _clause_end(verb: Token) -> int:
    """End of the attribution clause ("he said", "said Smith, a spokesman")."""
    last = verb
    for child in verb.rights:
        if child.dep_ in ("nsubj", "dobj", "npadvmod", "advmod", "prep") and child.text not in QUOTE_TOKENS:
            last = child.right_edge if child.right_edge.i >= last.i else last
    return last.idx + len(last.text)


def _inverted_subject(verb: Token) -> Span | None:
    for child in verb.rights:
        if child.pos_ in ("PROPN", "NOUN", "PRON") and child.text not in QUOTE_TOKENS:
            return _phrase(child)
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
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues and token.i not in used:
            between = doc_text(doc)[token.idx + len(token.text):q_start]
            if re.search(r"[.!?]", between):
                return None
            speaker = _subject(token) or _inverted_subject(token)
            sentence_start = sentence_of(token).start_char
            return Statement(
                speaker=speaker, speaker_actor=None, cue=_cue_phrase(doc, token, q_start, q_end), content=(q_start, q_end),
                kind=_kind(doc_text(doc)[q_start:q_end]), sentence=(sentence_start, q_end), method="quote_cue_before",
            )
    return None


def _cue_phrase(doc: Doc, verb: Token, content_start: int, content_end: int | None = None) -> Span:
    """The cue with the addressee it takes, outside the content: "told reporters"."""
    end = verb.i + 1
    content_end = content_start if content_end is None else content_end
    for child in verb.rights:
        inside = content_start <= child.idx < content_end
        if child.dep_ in ("dobj", "dative", "prt") and not inside and child.pos_ != "VERB" and child.i <= end + 1:
            if child.right_edge.idx < content_start or child.idx >= content_end:
                end = max(end, child.right_edge.i + 1)
    return doc[verb.i:end]


def _continued_speaker(doc: Doc, q_start: int, q_end: int, statements: list[Statement]) -> Statement | None:
    """A cue-less quote: the speaker of the previous sentence's statement, or its subject."""
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
            kind=_kind(doc_text(doc)[q_start:q_end]), sentence=(q_start, q_end), method="continues_previous_speaker",
        )
    root = previous_sentence.root
    subject = _subject(root)
    if subject is not None and (subject.root.ent_type_ == "PERSON" or subject.root.pos_ == "NOUN" and _is_person_noun(subject.root)):
        return Statement(
            speaker=subject, speaker_actor=None, cue=None, content=(q_start, q_end),
            kind=_kind(doc_text(doc)[q_start:q_end]), sentence=(q_start, q_end), method="previous_sentence_subject",
        )
    return None


# Heads of described sources: "a security researcher", "the spokeswoman", "officials".
PERSON_NOUNS = frozenset(
    """researcher analyst expert official spokesman spokeswoman spokesperson source officer minister
    ambassador president senator director leader adviser advisor aide diplomat executive lawyer attorney
    professor scientist economist engineer investigator agent spokesperson member representative
    candidate governor mayor chief secretary commissioner""".split()
)


def _is_person_noun(token: Token) -> bool:
    return token.lemma_.lower() in PERSON_NOUNS or token.lower_.rstrip("s") in PERSON_NOUNS


def _previous_sentence(doc: Doc, index: int) -> Span | None:
    current = sentence_of(doc[index])
    if current.start == 0:
        return None
    previous = sentence_of(doc[current.start - 1])
    while previous.start > 0 and not _words(previous):
        previous = sentence_of(doc[previous.start - 1])
    return previous if _words(previous) else None


# --------------------------------------------------------------------------- speakers


def speaker_actor(doc: Doc, speaker: Span | None, statements: list[Statement]) -> str | None:
    """Resolve a speaker phrase to an actor key; pronouns go to the previous speaker or person."""
    if speaker is None:
        return None
    root = speaker.root
    if root.lower_ in RELATIVE_PRONOUNS and root.head.dep_ == "relcl":
        speaker = _phrase(root.head.head, without=root.head)  # "the agency, which said": the agency
    key = actor_for_phrase(doc, speaker)
    if key is not None or speaker.root.lower_ not in PRONOUNS:
        return key
    earlier = [s for s in statements if s.speaker_actor and s.content[0] < speaker.start_char]
    if earlier:
        return max(earlier, key=lambda s: s.content[0]).speaker_actor
    persons = [a for a in actor_spans(doc) if a.end_char <= speaker.start_char and a.label_ in PERSON_LABELS]
    return actor_key(persons[-1]) if persons else None
