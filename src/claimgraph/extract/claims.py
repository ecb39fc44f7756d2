"""Typed claims: who accuses, denies, threatens, condemns, predicts or reports what.

The ``claimgraph_claims`` component runs after ``claimgraph_quotes`` and sets
``doc._.claims``, a list of :class:`Claim`. Claims come from three places:

1. **Statements.** Each statement carries at least one claim. Its type comes from the cue
   ("denied" -> denies, "threatened" -> threatens, a negated "doesn't see signs of" ->
   denies; ``CUE_TYPES``), else from the claim frames of its content's clauses
   (:mod:`claimgraph.extract.claim_frames`: "said North Korea was responsible" accuses,
   "said the country would strike back" threatens, "said the routes disappeared" reports a
   measurement; and the clause shapes of :mod:`claimgraph.extract.claim_structures`: "said
   it would publish more unless the government resigned" threatens), else from a trigger word in the content (``TRIGGERS``), else from what
   the content holds (figures -> reports_measurement, future tense -> predicts), else
   ``states``. A content whose clauses hold several frames makes one claim per type, each
   with its own subject and object; a warning cue gives way to a threat in its content
   ("warned that its army was ready to strike"). The speaker is the claim's source.
2. **Narrated acts.** Outside statements, a trigger word makes a claim whose source is its
   grammatical subject ("the FBI named North Korea as the perpetrators", "Anonymous and
   Lizard Squad ... threatening North Korea's Internet": one claim per subject), or the
   article itself when there is none ("fingers are being pointed at the U.S."). The claim
   frames make more, one per sentence and type: "Kareshi television declared vengeance"
   (its subject's threat), "Karesh was widely seen as the likely perpetrator" (the
   article's hedged accusation), "the hospital's website went dark" (a measurement).
3. **Dated or measured facts.** A sentence with a time expression or a figure that no
   claim holds yet becomes an unattributed ``reports_measurement`` or ``states`` claim.

The parts of a claim (its trigger, clause, subject and object actors, polarity) are read by
:mod:`claimgraph.extract.claim_parts`. Every claim gets polarity (negated trigger, or a "no" subject), and from
:mod:`claimgraph.extract.claim_qualifiers` its certainty and hedge (hedge words, hedging
cues such as "speculated"; an ``if`` clause is kept as the condition), quantities and
event time. Add a claim type by adding it to vocabulary.yml and giving it words in
``attribution/lexicon.yml``: a ``claim`` on a cue or trigger word, or ``claim_frames``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..vocabulary import vocabulary
from .doc_views import cached_views, doc_text, sentence_of
from .extensions import Claim, Statement, register_extensions
from .normalize import find_quantities, find_times
from .attribution.lexicon import CUE_TYPES, lexicon_lemma
from .claim_frames import names_an_agent
from .claim_parts import (
    actor_tokens, clause_of, content_type, first_root, main_trigger, negated_at, object_actor, rstrip_end, subject_actors,
    subject_phrase, trigger_type, unmeasured, verb_of,
)
from .claim_syntax import FrameMatch
from .claim_roles import refused_object
from .claim_structures import match_all
from .claim_qualifiers import COUNTRIES_CACHE, assign_quantities, qualify
from .resolver import actor_key, actor_spans, first_actor_in, in_modifier, topic_actor


# Statements whose content is an object or phrase ("denied any role"): their claim spans the clause.
CLAUSE_METHODS = frozenset({"object", "preposition", "infinitive", "evidence"})
# Words that make a statement's subject the speaker's own side, or narrow a harm: "its transmitters", "only ticketing".
OWN_WORDS = frozenset("it its we our us they their only".split())
# Cue types that a frame in the content overrides: "warned that its army was ready to strike" threatens.
OVERRIDABLE_CUE_TYPES = {"predicts": frozenset({"threatens"})}


@Language.factory(
    "claimgraph_claims",
    requires=["doc._.statements", "token.dep", "token.lemma"],
    assigns=["doc._.claim_records", "doc._.claims"],
    default_config={"measurement_continuation": True},
)
def make_claims(nlp: Language, name: str, measurement_continuation: bool):
    register_extensions()
    return ClaimFinder(measurement_continuation=measurement_continuation)


class ClaimFinder:
    """The ``claimgraph_claims`` component (see the module docstring for the rules)."""

    def __init__(self, *, measurement_continuation: bool = True):
        self.measurement_continuation = measurement_continuation

    def __call__(self, doc: Doc) -> Doc:
        with cached_views(doc):
            try:
                doc._.claim_records = [claim.to_record() for claim in find_claims(doc, self)]
            finally:
                doc.user_data.pop(COUNTRIES_CACHE, None)
        return doc


# --------------------------------------------------------------------------- finding


def find_claims(doc: Doc, finder: ClaimFinder | None = None) -> list[Claim]:
    """All claims in ``doc``: from statements, narrated acts and dated or measured facts."""
    finder = finder or ClaimFinder()
    known = set(vocabulary().claim_types)
    statements: list[Statement] = doc._.statements or []
    claims = [
        claim
        for index, statement in enumerate(statements)
        if not _inside_quote(statement, statements)
        for claim in _statement_claims(doc, index, statement, statements, finder)
    ]
    _continue_denials(doc, claims, statements)
    narrated = _narrated_claims(doc, statements)
    # a statement's claim may reach past its content ("According to Dyn, X. The 1,024 addresses ...")
    reported = {t.i for c in claims for t in doc.char_span(*c.span, alignment_mode="expand") or ()}
    claims += narrated + _narrated_frame_claims(doc, _spoken(doc, statements) | reported, narrated)
    claims += _fact_claims(doc, statements, claims)
    claims = [claim for claim in claims if claim.type in known]
    assign_quantities(doc, claims)
    claims.sort(key=lambda c: (c.span, c.type))
    return claims


def _statement_claims(doc: Doc, index: int, statement: Statement, statements: list[Statement], finder: ClaimFinder) -> list[Claim]:
    """The statement's claim, and one more for each other claim type its clauses hold.

    A type set by the cue ("denied that ...") covers the whole content, except that a
    warning of one's own hostile act is a threat ("warned that its army was ready to
    strike"). Otherwise the claim frames of the content's clauses (and of an object cue:
    "promised a proportional response") type it, the first in text order taking the
    statement's own claim; a content with no frame keeps its trigger or content type.
    """
    claim, origin = _statement_claim(doc, index, statement, statements, finder)
    if origin == "cue" and claim.type not in OVERRIDABLE_CUE_TYPES:
        return [claim]
    content = doc.char_span(*statement.content, alignment_mode="expand")
    tokens = [*(statement.cue or ()), *(content or ())]
    matches = [m for m in match_all(tokens, reported=True, speaker=statement.speaker, cue=statement.cue)
               if origin != "cue" or m.type in OVERRIDABLE_CUE_TYPES[claim.type]]
    claims, seen = [claim], set()
    for match in matches:
        if match.type in seen or (origin == "trigger" and match.type == claim.type):
            continue
        seen.add(match.type)
        target = _target_actor(doc, match, exclude=statement.speaker_actor)
        if match.type == "accuses" and target is not None and target == statement.speaker_actor:
            match = FrameMatch("claims_responsibility", match.frame, match.anchor, match.target)
        if origin != "trigger" and len(seen) == 1:
            # the first frame types the statement's own claim
            claim.type, claim.method = match.type, f"{claim.method}+{match.frame}"
            _set_parties(claim, match, target, statement.speaker_actor)
            claim.polarity = "positive" if match.type == "denies" else claim.polarity
            continue
        clause = clause_of(match.anchor)
        start, end = max(clause.start_char, statement.content[0]), min(rstrip_end(doc_text(doc), clause.end_char), statement.content[1])
        if start >= end:
            start, end = statement.content
        extra = Claim(
            type=match.type, source=statement.speaker_actor, statement=index, subject=None, object=None,
            polarity="negative" if negated_at(match.anchor) and match.type != "denies" else "positive", certainty=1.0,
            hedge=None, condition=None, event_time=None, event_time_end=None, event_time_text=None,
            span=(start, end), sentence=claim.sentence, method=f"statement:{statement.method}+{match.frame}",
        )
        _set_parties(extra, match, target, statement.speaker_actor)
        qualify(doc, extra, statement.cue)
        claims.append(extra)
    return claims


def _continue_denials(doc: Doc, claims: list[Claim], statements: list[Statement]) -> None:
    """A plain statement coordinated with the speaker's denial, about the speaker's own side, is
    part of it: "called the allegations a fantasy and said its transmitters operated within
    agreed frequencies", "denied reports that ..., saying only ticketing screens were affected".
    One about something else stays a statement: "rejected the claim and said a faulty update
    had caused the failure"."""
    denial_cues = {statements[c.statement].cue.root.i for c in claims
                   if c.type == "denies" and c.statement is not None and statements[c.statement].cue is not None}
    for claim in claims:
        cue = statements[claim.statement].cue if claim.statement is not None else None
        if claim.type != "states" or cue is None or cue.root.dep_ not in ("conj", "advcl") or cue.root.head.i not in denial_cues:
            continue
        content = doc.char_span(*statements[claim.statement].content, alignment_mode="expand")
        root = first_root(content) if content is not None else None
        subjects = [s for s in root.children if s.dep_ in ("nsubj", "nsubjpass")] if root is not None else []
        if subjects and any(t.lower_ in OWN_WORDS for t in subjects[0].subtree):
            claim.type, claim.method = "denies", f"{claim.method}+denial_continued"


def _target_actor(doc: Doc, match: FrameMatch, exclude: str | None = None) -> str | None:
    """The actor of the phrase a frame is about: "China" in "China might have been involved"."""
    if match.target is None:
        return None
    phrase = doc[match.target.left_edge.i:match.target.right_edge.i + 1]
    return topic_actor(doc, phrase) or first_actor_in(doc, phrase, exclude=exclude)


def _set_parties(claim: Claim, match: FrameMatch, target: str | None, source: str | None) -> None:
    """Subject and object of a framed claim: the source acts on the target, or the target was measured."""
    if match.type == "reports_measurement":
        claim.subject, claim.object = target or claim.subject, None
    else:
        claim.subject, claim.object = source, target if target != source else None


def _statement_claim(doc: Doc, index: int, statement: Statement, statements: list[Statement], finder: ClaimFinder) -> tuple[Claim, str]:
    """The statement's own claim, and what typed it: its ``cue``, a ``trigger`` word in the content, or the ``content``."""
    start, end = statement.content
    content = doc.char_span(start, end, alignment_mode="expand")
    cue_lemma = lexicon_lemma(statement.cue.root) if statement.cue is not None else ""
    negated_cue = statement.cue is not None and negated_at(statement.cue.root)
    subject = statement.speaker_actor
    object_ = None
    polarity = "negative" if negated_cue else "positive"
    origin = "cue"
    if statement.method == "evidence" and negated_cue:
        # "doesn't see signs of U.S. involvement": the speaker denies the actor's involvement.
        claim_type, object_ = "denies", first_actor_in(doc, content, exclude=subject)
    elif cue_lemma in CUE_TYPES:
        claim_type, object_ = CUE_TYPES[cue_lemma], first_actor_in(doc, content, exclude=subject)
        if claim_type == "accuses" and not names_an_agent(statement.cue.root, actor_tokens(doc)):
            claim_type, object_ = "states", None
        if claim_type == "denies" and refused_object(statement.cue.root):
            claim_type, object_ = "states", None  # "rejected the offer" refuses; it denies nothing
        if claim_type == "predicts" and _past(first_root(content)):
            # "a bulletin warned that forums had shared instructions": a warning about the past predicts nothing
            claim_type, object_, origin = content_type(doc, content), None, "content"
    else:
        trigger = main_trigger(content)
        origin = "trigger" if trigger is not None else "content"
        if trigger is not None:
            claim_type = trigger_type(trigger)
            subject = topic_actor(doc, subject_phrase(trigger)) or subject
            object_ = object_actor(doc, trigger, exclude=subject)
            polarity = "negative" if negated_at(trigger) else "positive"
        else:
            claim_type = content_type(doc, content)
            root = first_root(content)
            subject = topic_actor(doc, subject_phrase(root))
            if claim_type == "reports_measurement":
                subject = subject or first_actor_in(doc, content, exclude=statement.speaker_actor)
            polarity = "negative" if negated_at(root) else "positive"
    span = statement.content
    if statement.method in CLAUSE_METHODS and statement.cue is not None:
        # "Iran blamed Israel for the attack on Monday": the act is the whole clause, not its object.
        clause = clause_of(statement.cue.root)
        span = (min(clause.start_char, span[0]), max(rstrip_end(doc_text(doc), clause.end_char), span[1]))
    elif finder.measurement_continuation and statement.kind == "indirect":
        span = _continued_report(doc, statement, statements)
    if claim_type == "states" and span != statement.content and any(
            not unmeasured(doc, q.start, q.end) for q in find_quantities(doc_text(doc)[span[0]:span[1]], span[0])):
        claim_type = "reports_measurement"
    if claim_type == "reports_measurement" and subject in (None, statement.speaker_actor):
        subject = first_actor_in(doc, content, exclude=statement.speaker_actor) or subject
    claim = Claim(
        type=claim_type, source=statement.speaker_actor, statement=index, subject=subject, object=object_,
        polarity=polarity, certainty=1.0, hedge=None, condition=None, event_time=None, event_time_end=None,
        event_time_text=None, span=span, sentence=(statement.sentence[0], max(statement.sentence[1], span[1])),
        method=f"statement:{statement.method}",
    )
    qualify(doc, claim, statement.cue)
    return claim, origin


def _past(verb: Token) -> bool:
    """True for a verb in the perfect: "had shared", "has hit". (A simple past may be reported
    speech shifted back: "warned that outages were likely" still predicts.)"""
    return verb.tag_ == "VBN" and any(c.lemma_.lower() == "have" for c in verb.children if c.dep_ == "aux")


def _inside_quote(statement: Statement, statements: list[Statement]) -> bool:
    """True for reported speech inside someone else's quote: the quote's speaker makes the claim."""
    start, end = statement.content
    return any(
        other is not statement and other.kind != "indirect" and other.content[0] <= start and end <= other.content[1]
        for other in statements
    )


def _continued_report(doc: Doc, statement: Statement, statements: list[Statement]) -> tuple[int, int]:
    """Extend a reported statement over the next sentence when that one carries figures and no attribution.

    "According to Dyn Research, X was shut down Monday. The country's 1,024 IP addresses
    suffered ... for 9 hours." -- the figures are still Dyn Research's report.
    """
    start, end = statement.content
    last = doc.char_span(max(start, end - 1), end, alignment_mode="expand")
    if last is None:
        return statement.content
    sentence = sentence_of(last[-1])
    if sentence.end >= len(doc) or sentence.end_char < end - 1:
        return statement.content
    following = sentence_of(doc[sentence.end])
    between = doc_text(doc)[end:following.start_char]
    if "\n" in between.strip(" ") or not find_quantities(following.text):
        return statement.content
    if any(following.start_char <= s.content[0] < following.end_char for s in statements if s is not statement):
        return statement.content
    return start, rstrip_end(doc_text(doc), following.end_char)


def _spoken(doc: Doc, statements: list[Statement]) -> set[int]:
    """Indexes of the tokens statements hold: their contents and cues."""
    spoken = {t.i for s in statements for t in doc.char_span(*s.content, alignment_mode="expand") or ()}
    return spoken | {i for s in statements if s.cue is not None for i in range(s.cue.start, s.cue.end)}


def _narrated_claims(doc: Doc, statements: list[Statement]) -> list[Claim]:
    claims = []
    spoken = _spoken(doc, statements)
    for token in doc:
        if token.i in spoken:
            continue
        claim_type = trigger_type(token)
        if claim_type is None:
            continue
        subjects = subject_actors(doc, token)
        object_ = object_actor(doc, token, exclude=subjects[0] if subjects else None)
        clause = clause_of(token)
        negated = negated_at(token) or negated_at(verb_of(token))
        for subject in subjects or [None]:
            claim = Claim(
                type=claim_type, source=subject, statement=None, subject=subject, object=object_,
                polarity="negative" if negated else "positive", certainty=1.0, hedge=None, condition=None,
                event_time=None, event_time_end=None, event_time_text=None,
                span=(clause.start_char, rstrip_end(doc_text(doc), clause.end_char)),
                sentence=(sentence_of(token).start_char, rstrip_end(doc_text(doc), sentence_of(token).end_char)), method=f"narrated:{token.lemma_.lower()}",
            )
            qualify(doc, claim)
            claims.append(claim)
    return claims


def _narrated_frame_claims(doc: Doc, spoken: set[int], triggered: list[Claim]) -> list[Claim]:
    """Claims the frames find in narration: "Kareshi television declared vengeance", "the site went dark".

    One claim per sentence and type (a trigger's claim there counts). A threat or claim of
    responsibility is its subject's; an accusation told as a fact, or a measurement, is the
    article's. A measurement spans its sentence, like a dated fact.
    """
    text = doc_text(doc)
    seen = {(c.sentence[0], c.type) for c in triggered}
    claims = []
    for match in match_all((t for t in doc if t.i not in spoken), reported=False):
        sentence = sentence_of(match.anchor)
        key = (sentence.start_char, match.type)
        if key in seen:
            continue
        seen.add(key)
        source = _frame_source(doc, match.anchor) if match.by_subject else None
        target = _target_actor(doc, match, exclude=source)
        if match.type == "reports_measurement":
            span = (sentence.start_char, rstrip_end(text, sentence.end_char))
        else:
            clause = clause_of(match.anchor)
            span = (clause.start_char, rstrip_end(text, clause.end_char))
        claim = Claim(
            type=match.type, source=source, statement=None, subject=None, object=None,
            polarity="negative" if negated_at(match.anchor) and match.type != "denies" else "positive", certainty=1.0,
            hedge=None, condition=None, event_time=None, event_time_end=None, event_time_text=None, span=span,
            sentence=(sentence.start_char, rstrip_end(text, sentence.end_char)), method=f"narrated:{match.frame}",
        )
        _set_parties(claim, match, target, claim.source)
        if match.type == "reports_measurement" and claim.subject is None:
            claim.subject = first_actor_in(doc, sentence)
        qualify(doc, claim)
        claims.append(claim)
    return claims


# A group "called RedFang" is RedFang, a "pro-Russian" one is not Russia.
SOURCE_MODIFIER_DEPS = frozenset({"pobj", "amod"})


def _frame_source(doc: Doc, anchor: Token) -> str | None:
    """The actor of the subject that makes a narrated frame's claim ("Kareshi state television declared ...")."""
    phrase = subject_phrase(anchor)
    if phrase is None:
        return None
    for actor in actor_spans(doc):
        if phrase.start <= actor.start and actor.end <= phrase.end and not in_modifier(actor, phrase, SOURCE_MODIFIER_DEPS):
            return actor_key(actor)
    return None


def _fact_claims(doc: Doc, statements: list[Statement], claims: list[Claim]) -> list[Claim]:
    facts = []
    published = (doc._.article or {}).get("published") if Doc.has_extension("article") else None
    taken = [c.span for c in claims] + [s.content for s in statements]
    text = doc_text(doc)
    for sentence in doc.sents:
        start, end = sentence.start_char, rstrip_end(text, sentence.end_char)
        sentence_text = text[sentence.start_char:sentence.end_char]
        quantities = find_quantities(sentence_text, sentence.start_char)
        times = find_times(sentence_text, published, offset=sentence.start_char)
        loose = [x for x in [*quantities, *times] if not any(a <= x.start and x.end <= b for a, b in taken)]
        if not loose:
            continue
        quantities = [q for q in quantities if not unmeasured(doc, q.start, q.end)]
        subject = topic_actor(doc, subject_phrase(sentence.root)) or first_actor_in(doc, sentence)
        claim = Claim(
            type="reports_measurement" if quantities else "states", source=None, statement=None,
            subject=subject, object=None, polarity="negative" if negated_at(sentence.root) else "positive",
            certainty=1.0, hedge=None, condition=None, event_time=None, event_time_end=None, event_time_text=None,
            span=(start, end), sentence=(start, end), method="fact",
        )
        qualify(doc, claim)
        facts.append(claim)
    return facts


