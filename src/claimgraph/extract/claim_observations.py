"""Observation frames: a service's state read from its roles, for ``reports_measurement`` (and
the likelihood of an event, for ``predicts``).

A clause reports a measurement when its subject is a service, a network or what they carry
(``reports_measurement.things``), or the people who use it (``classes.users``), and its
predicate says what state the service is in: back in normal operation ("card payments were
being authorised normally again", "trains were running to a normal timetable"), shown by a
device ("departure boards showed no trains"), harmed with no agent named ("one of its uplinks
had been flooded with noise"; with a named agent it accuses, :mod:`claimgraph.extract.claim_roles`),
out of use ("ATMs were out of service", "households were without power"), not working ("the
ministry's site is not loading"), or failing its users ("customers reported failed card
payments"); so does the timeline of a harm or a failure ("the jamming began at about 4 a.m. and
faded by noon", "the outage lasted nine hours"). A forecast or an infinitive observes
nothing. Likelihood: "the dispute was likely to flare again", "further attacks were almost
certain" predicts. The words are in the ``claim_frames`` section of ``attribution/lexicon.yml``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from .attribution.lexicon import CLAIM_FRAMES
from .claim_frames import THINGS
from .claim_syntax import (
    FrameMatch, children_with, is_clause_verb, is_negated, is_unreal, match_by_lemma, pobj_of, subject_of,
)
from .lemmas import lemma_of
from .claim_roles import FAILURE_NOUNS, HARM_VERBS, harm_phrase, party_in

_CLASSES = CLAIM_FRAMES["classes"]
_MEASURE = CLAIM_FRAMES["reports_measurement"]
SERVICES = THINGS | frozenset(_MEASURE["negated_ability"]["service_nouns"])
USERS = frozenset(_CLASSES["users"])
EXPERIENCE_VERBS = frozenset(_CLASSES["experience_verbs"])
OUT_OF = frozenset(_MEASURE["out_of"])
DISPLAY_OBJECTS = frozenset(_MEASURE["display_objects"])
LIKELY = frozenset(CLAIM_FRAMES["predicts"]["likely_to"])
LIKELY_EVENTS = frozenset(CLAIM_FRAMES["predicts"]["likely_events"])
OPERATION_VERBS = frozenset(_CLASSES["operation_verbs"])
RECOVERY_VERBS = frozenset(_MEASURE["recovery_verbs"])
PHASE_VERBS = frozenset(_MEASURE["harm_timeline"]["verbs"])
TIMED_EVENTS = frozenset(_MEASURE["harm_timeline"]["events"]) | FAILURE_NOUNS
SHARES = frozenset("half third quarter majority part share number rest most many some all thousand hundred dozen".split())


def match_observations(tokens: Iterable[Token], reported: bool) -> list[FrameMatch]:
    """Every observation frame in ``tokens``, each rule looked up by its anchor's lemma."""
    return match_by_lemma(tokens, reported, _RULES_BY_LEMMA)


# --------------------------------------------------------------------------- helpers


def clause_subject(verb: Token) -> Token | None:
    """The verb's subject; a clause the parser hung as a modifier of a bare noun
    ("Nordbahn's website, which ..., reopened on Thursday") has that noun."""
    subject = subject_of(verb)
    if subject is None and verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return subject


def _is_service(token: Token | None) -> bool:
    """A service, a network or what it carries: "card payments", "one of its uplinks"."""
    if token is None:
        return False
    if _noun_base(token) in SERVICES:
        return True
    return _is_share(token) and _is_service(pobj_of(token, "of"))


def _is_share(token: Token) -> bool:
    """A number or share of something: "one of its uplinks", "nearly half of the country's ATMs"."""
    return token.pos_ in ("NUM", "PRON") or token.ent_type_ in ("CARDINAL", "PERCENT", "QUANTITY") or lemma_of(token) in SHARES


def _noun_base(token: Token) -> str:
    """The lemma, singular also for a plural the tagger took for a name ("Trams were running")."""
    lemma = lemma_of(token)
    if token.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in SERVICES:
        return lemma[:-1]
    return lemma


def normal_operation(token: Token, reported: bool) -> FrameMatch | None:
    """A service back in normal operation: "card payments were being authorised normally again",
    "trains were running to a normal timetable", "the channels were broadcasting normally"."""
    if token.pos_ not in ("ADV", "ADJ"):
        return None
    lower = token.lower_
    if token.pos_ == "ADV":
        phrase = next((p for p in _MEASURE["normal_adverbs"] if p.split()[-1] == lower), None)
        if phrase is None or " ".join(t.lower_ for t in token.doc[token.i - len(phrase.split()) + 1:token.i + 1]) != phrase:
            return None
        verb = token.head
        while verb.dep_ == "advmod" and verb.head.i != verb.i and verb.pos_ == "ADV":
            verb = verb.head  # "normally again"
    elif token.dep_ == "amod" and token.head.lower_ == "as":
        verb = token.head.head  # "were operating as usual"
    else:
        if lower not in _MEASURE["normal_adjectives"] or token.dep_ != "amod" or token.head.dep_ != "pobj":
            return None
        verb = token.head.head.head
    if not is_clause_verb(verb) or is_unreal(verb) or is_negated(verb):
        return None
    subject = clause_subject(verb)
    if not _is_service(subject):
        return None
    return FrameMatch("reports_measurement", "normal_operation", token, subject)


def displayed_state(token: Token, reported: bool) -> FrameMatch | None:
    """A device showing a service's state: "departure boards showed no trains", "screens showed nothing"."""
    if token.pos_ != "VERB" or lemma_of(token) not in _MEASURE["display_verbs"] or is_unreal(token):
        return None
    subject = clause_subject(token)
    if subject is None or _noun_base(subject) not in THINGS:
        return None
    # a failed state: "showed no trains", "showed nothing but a test card", "displayed a connection error";
    # "the website shows bias" shows an opinion
    shown = [o for o in children_with(token, "dobj") if lemma_of(o) in DISPLAY_OBJECTS or o.lower_ == "nothing"
             or any(c.lower_ == "no" for c in o.children)]
    if not shown:
        return None
    return FrameMatch("reports_measurement", "displayed_state", token, subject)


def harmed_service(token: Token, reported: bool) -> FrameMatch | None:
    """A service harmed with no agent named: "one of its uplinks had been deliberately flooded
    with noise"; said with a modal ("might have been damaged") or negated it observes nothing."""
    if token.tag_ != "VBN" or lemma_of(token) not in HARM_VERBS or is_negated(token):
        return None
    agent = pobj_of(token, "by")
    if not any(c.dep_ == "auxpass" for c in token.children) or (agent is not None and party_in(agent) is not None):
        return None  # "hit by a cyberattack" observes; "breached by Varan's army" accuses (harm_agent)
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children):
        return None
    subjects = children_with(token, "nsubjpass")
    if not subjects or not _is_service(subjects[0]):
        return None
    return FrameMatch("reports_measurement", "harmed_service", token, subjects[0])


def out_of_use(token: Token, reported: bool) -> FrameMatch | None:
    """A service out of use or its users without it: "ATMs were out of service", "about 120,000
    households were without power", "the website had been out of action since the attack"."""
    if token.lower_ == "out":
        used = pobj_of(token, "of") or next((pobj_of(p, "of") for p in token.doc[token.i + 1:token.i + 2] if p.head.i == token.i), None)
        if used is None or lemma_of(used) not in OUT_OF:
            return None
    elif token.lower_ == "without":
        used = next(iter(children_with(token, "pobj")), None)
        if used is None or _noun_base(used) not in SERVICES:
            return None
    else:
        return None
    verb = token.head
    if lemma_of(verb) not in ("be", "remain", "stay", "go", "leave", "put", "knock", "take") or is_unreal(verb):
        return None
    subject = clause_subject(verb)
    if subject is None or not (_is_service(subject) or _noun_base(subject) in USERS or subject.like_num or is_users(subject)):
        return None
    return FrameMatch("reports_measurement", "out_of_use", token, subject)


def users_report(token: Token, reported: bool) -> FrameMatch | None:
    """A service's users meeting a failure: "customers reported failed card payments", "passengers faced long delays"."""
    if token.pos_ != "VERB" or lemma_of(token) not in EXPERIENCE_VERBS or is_unreal(token):
        return None
    subject = subject_of(token)
    if subject is None or not is_users(subject):
        return None
    for obj in children_with(token, "dobj"):
        if lemma_of(obj) in FAILURE_NOUNS or any(c.lower_ in ("failed", "declined", "dropped") for c in obj.children if c.dep_ in ("amod", "compound")):
            return FrameMatch("reports_measurement", "users_report", token, subject)
    return None


def is_users(token: Token) -> bool:
    """The people who use a service, or a number or share of them: "thousands of customers"."""
    return _noun_base(token) in USERS or (_is_share(token) and any(_noun_base(o) in USERS for o in [pobj_of(token, "of")] if o is not None))


def not_working(token: Token, reported: bool) -> FrameMatch | None:
    """A service not doing its work: "the ministry's site is not loading", "card readers were not
    working", "the pumps did not respond"; not ahead ("will not open until May")."""
    if not is_clause_verb(token) or not is_negated(token) or is_unreal(token) or children_with(token, "dobj"):
        return None
    subject = clause_subject(token)
    return FrameMatch("reports_measurement", "not_working", token, subject) if _is_service(subject) else None


def harm_timeline(token: Token, reported: bool) -> FrameMatch | None:
    """When a harm or a failure began, peaked, eased or ended, or how long it lasted: "the jamming
    began at about 4 a.m. and faded by noon", "the outage lasted nine hours" (a time or a length
    is what was observed; "the attack began" alone observes nothing)."""
    if not is_clause_verb(token) or is_negated(token) or is_unreal(token):
        return None
    subject = clause_subject(token)
    if subject is None and token.dep_ == "conj":
        subject = clause_subject(token.head)  # "began at 4 a.m. and faded by noon"
    if subject is None or lemma_of(subject) not in TIMED_EVENTS:
        return None
    timed = [t for t in token.subtree if t.ent_type_ in ("TIME", "DATE") and not (subject.left_edge.i <= t.i <= subject.right_edge.i)
             and not any(c.dep_ == "conj" and c.i < t.i for c in token.children)]
    return FrameMatch("reports_measurement", "harm_timeline", token, subject) if timed else None


# --------------------------------------------------------------------------- predicts


def likely_to(token: Token, reported: bool) -> FrameMatch | None:
    """"the dispute was likely to flare again", "talks are set to resume"."""
    if token.pos_ not in ("ADJ", "VERB") or lemma_of(token) not in LIKELY and token.lower_ not in LIKELY:
        return None
    if token.pos_ == "VERB" and not (token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children)):
        return None  # "expected" only as "X is expected to ..."
    if token.dep_ not in ("acomp", "ROOT", "ccomp", "conj") and token.pos_ == "ADJ":
        return None
    if is_negated(token):
        return None
    if not any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in token.children):
        # "further attacks were almost certain": likely said of an event
        subject = subject_of(token)
        if token.lower_ not in LIKELY_EVENTS or token.dep_ != "acomp" or subject is None \
                or not (harm_phrase(subject) or lemma_of(subject) in FAILURE_NOUNS):
            return None
    return FrameMatch("predicts", "likely_to", token, subject_of(token))


def operating_again(token: Token, reported: bool) -> FrameMatch | None:
    """A service operating again by a given time: "had the pumps running again by 3 a.m. on Sunday",
    "the gates were opening again by late afternoon" (without a time, "again" may be a habit)."""
    if token.lower_ not in ("again", "back") or token.dep_ != "advmod":
        return None
    verb = token.head
    if verb.pos_ != "VERB" or lemma_of(verb) not in OPERATION_VERBS or is_unreal(verb) or is_negated(verb):
        return None
    if verb.tag_ == "VB":
        return None  # a bare form hangs below a modal or an infinitive: "would ... run again in November"
    if not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
        return None
    return FrameMatch("reports_measurement", "operating_again", token, verb.head if verb.dep_ == "acl" else subject_of(verb))


def resumed_by(token: Token, reported: bool) -> FrameMatch | None:
    """Operation resumed by a clock time: "crossings had resumed by 6 a.m. on Wednesday" (a
    service's timetable; "talks resumed on Monday" has no clock time)."""
    if not is_clause_verb(token) or lemma_of(token) not in RECOVERY_VERBS or children_with(token, "dobj"):
        return None
    if is_unreal(token) or is_negated(token):
        return None
    deadline = pobj_of(token, "by")
    if deadline is None or not any(t.ent_type_ == "TIME" for t in deadline.subtree):
        return None
    subject = clause_subject(token)
    if subject is None or subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subject.pos_ == "PRON":
        return None
    return FrameMatch("reports_measurement", "resumed_by", token, subject)


# (the type a rule mostly gives, for the docs; a rule may give another: involvement denies when negated)
ANCHORS = (
    ("reports_measurement", normal_operation, {p.split()[-1] for p in _MEASURE["normal_adverbs"]} | set(_MEASURE["normal_adjectives"])),
    ("reports_measurement", displayed_state, _MEASURE["display_verbs"]),
    ("reports_measurement", harmed_service, HARM_VERBS),
    ("predicts", likely_to, LIKELY | LIKELY_EVENTS),
    ("reports_measurement", out_of_use, ("out", "without")),
    ("reports_measurement", users_report, EXPERIENCE_VERBS),
    ("reports_measurement", operating_again, ("again", "back")),
    ("reports_measurement", resumed_by, RECOVERY_VERBS),
    ("reports_measurement", not_working, OPERATION_VERBS),
    ("reports_measurement", harm_timeline, PHASE_VERBS),
)
_RULES_BY_LEMMA: dict[str, tuple] = {}
for _, _rule, _words in ANCHORS:
    for _word in _words:
        _RULES_BY_LEMMA[_word] = (*_RULES_BY_LEMMA.get(_word, ()), _rule)
