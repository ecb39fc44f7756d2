"""Threat frames read from a party's announced course of action, whatever its verb.

The word frames (:mod:`claimgraph.extract.claim_frames`) know listed hostile acts ("would
retaliate", "ready to strike"); the rules here type a clause as a threat by its shape and a
class of coercive acts (``classes.coercive_verbs`` in ``attribution/lexicon.yml``: freezing,
seizing, expelling, boarding, taking a result to court) and of acts that coerce only as the price
of another party's act, or by force (``classes.leverage_verbs``: publishing stolen files, closing
ports, escorting boats):

- **conditioned_act**: a party's coercive act in a future clause, made conditional ("would
  freeze the accounts if ...", "would begin publishing the files unless ...") or backed by
  force ("would escort the boats back, by force if necessary"); a punishment in the passive
  needs only its condition ("would be fined if the audit was skipped"). A forecast ("would
  probably escalate if talks failed") has no party acting, or a forecasting adverb;
- **readiness**: a party ready to do a coercive act ("stood ready to freeze the assets", "was
  prepared to board the vessels");
- **answered_act**: any act of the other side answered ahead ("any expulsion would be answered
  symmetrically", "any sanctions would be met with a ban");
- **not_ruled_out**: a hostile measure a party will not exclude ("did not rule out military action");
- **formal_action**: a party's formal step against another announced ahead (``fields.formal_actions``:
  "would file a lawsuit against the city", "would table a motion of no confidence", going to court);
- **act_kept_open**: a punishing or coercive act kept open as a gerund ("stripping X of the meeting
  remained on the table");
- **declared_target**: in a statement, something declared a target ("every refinery was now a
  target", "legitimate targets");
- **culprits_ahead**: the doers of a harm on the receiving end of a future clause ("those who sent the
  bombers would receive an answer", "whoever ordered the hack would regret it", "the attackers would
  be found and punished", "would not escape justice"); not their own act ahead ("the hackers would
  strike again" forecasts);
- **reckoning_ahead**: any party but the speaker's own side promised a reckoning in a future clause
  (``threatens.reckoning_ahead``: "Varnia would regret any tariffs", "they will answer for it", "will
  find out what happens to navies that ...", "any blockade would cost them dearly").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from spacy.tokens import Token

from .attribution.lexicon import CLAIM_FRAMES
from .attribution.syntax import REFLEXIVE_PRONOUNS
from .claim_frames import COERCIVE_VERBS, CULPRITS, FORECAST_ADVERBS, HARM_EVENTS, HOSTILE_VERBS
from .claim_syntax import FrameMatch, children_with, heads_any, is_negated, match_by_lemma, pobj_of, subject_of
from .claim_roles import AGENT_NOUNS, HARM_VERBS, PARTY_ENTITIES, harm_phrase, party_in
from .lemmas import lemma_of, mended_lemma

_THREAT = CLAIM_FRAMES["threatens"]
# acts that coerce only as the price of a party's act or a demand, or by force: "would publish the files unless X paid"
LEVERAGE_VERBS = frozenset(CLAIM_FRAMES["classes"]["leverage_verbs"])
STRONG_VERBS = COERCIVE_VERBS | HOSTILE_VERBS
ANY_COERCIVE_VERBS = STRONG_VERBS | LEVERAGE_VERBS
ANSWERING_VERBS = frozenset(_THREAT["answering_verbs"])
DEMANDS = frozenset(_THREAT["conditional_consequence"]["demands"])
READY = frozenset(_THREAT["ready_to"]["adjectives"])
# measures a party can hold open: "did not rule out sanctions", "military action"
HOSTILE_NOUNS = frozenset(_THREAT["hostile_object"]["nouns"]) | frozenset(_THREAT["hostile_object"]["bare_nouns"]) \
    | frozenset(_THREAT["retaliation_nouns"]) | frozenset(_THREAT["measures_ready"]["subjects"]) - {"option"}
FUTURE_MODALS = frozenset({"will", "would", "'ll", "shall"})
MARKS = frozenset({"if", "unless"})
# an act begun or attempted, not forecast: "would begin publishing", "will start leaking", "would try to recall"
ASPECT_LEMMAS = frozenset("begin start resume continue try".split())
# "any expulsion would be answered": a determiner that makes the subject whatever the other side may do
ANY_WORDS = frozenset("any every each further another".split())
# who forecasts rather than acts: "the analysts would ... if" is no threat
FORECASTERS = frozenset(CLAIM_FRAMES["classes"]["forecasters"])
PARTY_NOUNS = frozenset(CLAIM_FRAMES["accuses"]["party_nouns"])
PARTY_PRONOUNS = frozenset("it we i he she they".split())
_FIELDS = CLAIM_FRAMES["fields"]
FORMAL_ACTIONS = frozenset(_FIELDS["formal_actions"])
FILING_VERBS = frozenset(_FIELDS["filing_verbs"])
COURTS = frozenset(_FIELDS["courts"])
PUNISHING_VERBS = frozenset(_FIELDS["punishing_verbs"])
KEPT_OPEN = _THREAT["measures_ready"]["states"]  # "on table", "under consideration"
CAMPAIGN_NOUNS = frozenset("campaign drive effort process".split())  # "the recall campaign would begin"
DECLARED_TARGETS = frozenset(_THREAT["declared_target"]["nouns"])
TARGET_MARKS = frozenset(_THREAT["declared_target"]["marks"])
_AHEAD = _THREAT["culprits_ahead"]
DESCRIBED_DOERS = frozenset(_AHEAD["described"])
CULPRIT_DOERS = frozenset(_AHEAD["culprits"])
UNDERGOING_VERBS = frozenset(_AHEAD["undergoing_verbs"])
ESCAPE_VERBS = frozenset(_AHEAD["escape_verbs"])
# what describes the doers of a harm: "those behind the attack", "those responsible for it"
DOER_WORDS = frozenset({"behind", "responsible", "guilty"})
_RECKONING = _THREAT["reckoning_ahead"]
RECKONING_VERBS: dict[str, str] = _RECKONING["verbs"]
FATES = frozenset(_RECKONING["fates"])
LESSONS: list[str] = _RECKONING["lessons"]
# what one pays for that is a deed, not a purchase: "for the raid", "for their crimes", "for the deaths", "for their actions"
DEEDS = HARM_EVENTS | frozenset(_FIELDS["wrong_nouns"]) | frozenset(_FIELDS["bad_outcomes"]) | frozenset(_THREAT["intolerance"]["acts"])
# the speaker's own side, which a reckoning is not promised to: "we will regret it" is remorse
OWN_SIDE = frozenset("i we us me".split())
# what points back at a deed just told: "would pay for this outrage", "for every drop of blood"
POINTING_BACK = frozenset("this that these those such every each".split())


def match_threats(tokens: Iterable[Token], reported: bool) -> list[FrameMatch]:
    """Every threat frame in ``tokens``, each rule looked up by its anchor's lemma."""
    return match_by_lemma(tokens, reported, _RULES_BY_LEMMA, key=partial(mended_lemma, words=ANY_COERCIVE_VERBS))


def _is_party(token: Token) -> bool:
    """A subject that can act on another: a name, a party noun ("the navy", "his government"), a
    culprit ("the hackers"), a pronoun; not a forecaster ("analysts")."""
    if lemma_of(token) in FORECASTERS:
        return False
    return token.ent_type_ in PARTY_ENTITIES or token.pos_ == "PROPN" or token.lower_ in PARTY_PRONOUNS \
        or lemma_of(token) in PARTY_NOUNS | CULPRITS or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)


def _governing_verb(token: Token) -> Token:
    """The verb carrying the modal: itself, or the aspect verb above it ("would begin publishing")."""
    node = token
    while node.dep_ == "xcomp" and lemma_of(node.head) in ASPECT_LEMMAS and node.head.i != node.i:
        node = node.head
    return node


def _future(verb: Token) -> bool:
    return bool({c.lower_ for c in verb.children if c.dep_ == "aux"} & FUTURE_MODALS)


def _condition(verbs: list[Token], on_party: bool) -> bool:
    """A condition on the act: an "if"/"unless" clause (not "even if", "only if"), or "by force";
    ``on_party``: the condition must be another party's act or a demand ("unless the insurer paid")."""
    for verb in verbs:
        # the parser often hangs a closing "if" clause on a relative clause of the act's object:
        # "would recall the members who voted for it if the list was adopted"
        relatives = [r for o in children_with(verb, "dobj", "dative") for r in children_with(o, "relcl")]
        for clause in children_with(verb, "advcl") + [c for r in relatives for c in children_with(r, "advcl")]:
            marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
            if not marks & MARKS or any(c.lower_ in ("even", "only") for c in clause.children if c.dep_ == "advmod"):
                continue
            actor = subject_of(clause)
            # another side's act: a party's, a harm going on ("if the attacks had not stopped"), or one done by
            # someone, in the passive ("if the list was adopted")
            if not on_party or any(lemma_of(t) in DEMANDS for t in clause.subtree) or actor is not None and (
                    _is_party(actor) or lemma_of(actor) in HARM_EVENTS) or any(c.dep_ == "auxpass" for c in clause.children):
                return True
        force = pobj_of(verb, "by", "with")
        if force is not None and lemma_of(force) == "force":
            return True
    return False


# --------------------------------------------------------------------------- rules


def conditioned_act(token: Token, reported: bool) -> FrameMatch | None:
    """A party's coercive act ahead, conditional or backed by force: "would freeze the accounts if
    the boats were not released", "would begin publishing the files unless the insurer paid"."""
    act = mended_lemma(token, ANY_COERCIVE_VERBS)
    if not reported or token.pos_ != "VERB" or act not in ANY_COERCIVE_VERBS or is_negated(token):
        return None
    verb = _governing_verb(token)
    if not _future(verb) or is_negated(verb) or any(c.lower_ in FORECAST_ADVERBS for c in verb.children):
        return None
    passive = any(c.dep_ == "auxpass" for c in token.children)
    subject = subject_of(verb)
    if subject is None or not (passive or _is_party(subject)):
        return None
    if not _condition([token, verb], on_party=act not in STRONG_VERBS):
        return None
    objects = children_with(token, "dobj")
    target = subject if passive else pobj_of(token, "against", "on") or (objects[0] if objects else None)
    return FrameMatch("threatens", "conditioned_act", token, target, True)


def readiness(token: Token, reported: bool) -> FrameMatch | None:
    """"his government stood ready to freeze the assets", "it was prepared to board vessels"."""
    if lemma_of(token) not in READY and token.lower_ not in READY or token.dep_ not in ("acomp", "oprd", "xcomp"):
        return None
    subject = subject_of(token)
    if subject is None or not _is_party(subject) or is_negated(token.head):
        return None
    for act in children_with(token, "xcomp"):
        objects = children_with(act, "dobj")
        lemma = mended_lemma(act, ANY_COERCIVE_VERBS)
        if lemma in STRONG_VERBS or lemma in ANY_COERCIVE_VERBS and (any(party_in(o, named=True) for o in objects)
                                                                    or _condition([act, token, token.head], on_party=False)):
            return FrameMatch("threatens", "readiness", token, pobj_of(act, "against") or (objects[0] if objects else None), True)
    return None


def answered_act(token: Token, reported: bool) -> FrameMatch | None:
    """Any act of the other side answered ahead: "any expulsion would be answered symmetrically",
    "any suspension of licences would be matched by reciprocal measures"."""
    if token.pos_ != "VERB" or lemma_of(token) not in ANSWERING_VERBS or not _future(token) or is_negated(token):
        return None
    if not any(c.dep_ == "auxpass" for c in token.children):
        return None
    subjects = children_with(token, "nsubjpass")
    if not subjects or harm_phrase(subjects[0]):
        return None  # a harm answered is claim_roles.harm_answered
    if not any(c.lower_ in ANY_WORDS for c in subjects[0].children if c.dep_ in ("det", "amod")):
        return None  # "the letter would be answered next week" answers nothing hostile
    return FrameMatch("threatens", "answered_act", token, None, True)


def not_ruled_out(token: Token, reported: bool) -> FrameMatch | None:
    """A hostile measure a party will not exclude: "did not rule out military action against X",
    "refused to rule out sanctions"."""
    if token.pos_ != "VERB" or lemma_of(token) != "rule" or not any(c.lower_ == "out" for c in token.children):
        return None
    refused = token.dep_ == "xcomp" and lemma_of(token.head) in ("refuse", "decline")
    if not (is_negated(token) or refused):
        return None
    measures = [o for o in children_with(token, "dobj", "xcomp") if lemma_of(o) in HOSTILE_NOUNS or o.tag_ == "VBG" and mended_lemma(o, ANY_COERCIVE_VERBS) in ANY_COERCIVE_VERBS]
    if not measures:
        return None  # "did not rule out a technical fault" keeps a cause open, it threatens no one
    subject = subject_of(token.head if refused else token)
    if subject is None or not _is_party(subject):
        return None
    return FrameMatch("threatens", "not_ruled_out", token, pobj_of(measures[0], "against") or pobj_of(token, "against"), True)


def formal_action(token: Token, reported: bool) -> FrameMatch | None:
    """A party's formal action announced ahead, a legal, disciplinary or political step against
    another: "would file a wrongful-death lawsuit against the city", "would table a motion of no
    confidence in the prime minister", "would demand compensation from Zarvan", "the recall campaign
    against Hoyt would begin on Monday", "would return to court"; not one already taken ("filed a
    lawsuit"), nor a forecast ("would probably file")."""
    if token.pos_ not in ("NOUN", "PROPN") or lemma_of(token) not in FORMAL_ACTIONS | COURTS:
        return None
    verb = token.head
    if lemma_of(token) in COURTS:
        if token.dep_ != "pobj" or verb.lower_ != "to" or lemma_of(verb.head) not in ("go", "return", "head", "turn"):
            return None
        verb = verb.head
    elif token.dep_ == "dobj" and mended_lemma(verb, FILING_VERBS) in FILING_VERBS:
        pass
    elif not (token.dep_ == "nsubj" and lemma_of(verb) in ASPECT_LEMMAS):  # "the recall campaign would begin"
        if not (token.dep_ == "compound" and lemma_of(token.head) in CAMPAIGN_NOUNS and token.head.dep_ == "nsubj"
                and lemma_of(token.head.head) in ASPECT_LEMMAS):
            return None
        verb = token.head.head
    verb = _governing_verb(verb)
    if not reported or not _future(verb) or is_negated(verb) or any(c.lower_ in FORECAST_ADVERBS for c in verb.children):
        return None
    subject = subject_of(verb)
    if subject is not None and subject.dep_ == "nsubj" and lemma_of(subject) not in FORMAL_ACTIONS | CAMPAIGN_NOUNS \
            and not _is_party(subject):
        return None
    return FrameMatch("threatens", "formal_action", token, pobj_of(token, "against", "from", "in"), True)


def act_kept_open(token: Token, reported: bool) -> FrameMatch | None:
    """A punishing or coercive act, as a gerund, kept open: "stripping Velmora of the meeting remained on
    the table", "expelling the diplomats is under consideration" (the noun form is ``measures_ready``)."""
    if token.tag_ != "VBG" or token.dep_ not in ("csubj", "nsubj") or lemma_of(token.head) not in ("be", "remain", "stay"):
        return None
    if is_negated(token.head) or mended_lemma(token, ANY_COERCIVE_VERBS) not in PUNISHING_VERBS | STRONG_VERBS:
        return None
    for state in KEPT_OPEN:
        preposition, noun = state.split()
        place = pobj_of(token.head, preposition)
        if place is not None and lemma_of(place) == noun:
            objects = children_with(token, "dobj")
            return FrameMatch("threatens", "act_kept_open", token, objects[0] if objects else None, True)
    return None


def culprits_ahead(token: Token, reported: bool) -> FrameMatch | None:
    """The doers of a harm on the receiving end of a future clause in a statement: "those who had
    sent the bombers would receive an answer they will remember", "whoever ordered the hack would
    regret it", "those behind the attack would be found and punished", "the attackers would not
    escape justice"; not "the hackers would strike again" (their own act, a forecast)."""
    if not reported or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    predicate, passive = token.head, token.dep_ == "nsubjpass"
    if token.lower_ in DESCRIBED_DOERS and predicate.dep_ == "csubj":
        # "whoever ordered the hack would regret it": the free relative is the subject clause
        description, predicate = [t for t in predicate.subtree if t.i != token.i], predicate.head
        passive = predicate.dep_ == "csubjpass"
    else:
        description = [t for c in token.children if c.dep_ in ("relcl", "prep", "amod", "acl", "acomp") for t in c.subtree]
    if not _doers_of_harm(token, description):
        return None
    verb = _ahead(predicate)
    if verb is None:
        return None
    lemma = lemma_of(predicate)
    if lemma in ESCAPE_VERBS:
        hit = is_negated(predicate) or is_negated(verb)  # "would not escape justice"
    else:
        hit = not is_negated(verb) and (passive or lemma in UNDERGOING_VERBS)
    return FrameMatch("threatens", "culprits_ahead", predicate, token, True) if hit else None


def reckoning_ahead(token: Token, reported: bool) -> FrameMatch | None:
    """A party other than the speaker's own side promised a reckoning in a future clause of a
    statement: "Varnia would regret any tariffs", "they will answer for it", "Dormund will find out
    what happens to navies that ram fishing boats", "would learn a hard lesson", "any blockade
    would cost them dearly", "whoever burned the depot will pay"; not "we will regret it" (the
    speaker's own side), "would pay for new pumps" (a purchase), "will regret nominating him" (a
    choice), "the scandal will cost the party dearly" nor "would probably regret it" (forecasts; so is
    a forecaster's: :func:`claimgraph.extract.claim_speakers.unless_forecast`)."""
    phrasal = any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)  # "find out"
    need = RECKONING_VERBS.get(f"{lemma_of(token)} out" if phrasal else lemma_of(token))
    if not reported or need is None or token.pos_ != "VERB" or _ahead(token) is None or is_negated(token):
        return None
    objects = children_with(token, "dobj", "dative")
    if need == "party_object":
        party = objects[0] if len(objects) == 1 else None  # "would cost you", not "would cost taxpayers millions"
        cause = subject_of(token)
        # what costs: an act the other side may do ("any blockade would cost them"), unless the cost is
        # told to its face ("this will cost you"); "the scandal will cost the party dearly" forecasts
        if party is not None and party.lower_ != "you" and not (
                cause is not None and any(c.lower_ in ANY_WORDS for c in cause.children if c.dep_ == "det")):
            return None
    else:
        party = subject_of(token)
        if party is not None and party.dep_ != "nsubj":
            return None  # "would be rued": no one is promised anything
        # "whoever did this will pay": the free relative is the subject clause
        clause = children_with(_governing_verb(token), "csubj")
        if party is None and clause and clause[0].left_edge.lower_ in DESCRIBED_DOERS:
            party = clause[0].left_edge
    if party is None or not _other_party(party):
        return None
    if need == "for" and pobj_of(token, "for") is None:
        return None  # "will answer questions"
    if need == "debt" and (objects or not _owed(token)):
        return None
    if need == "fate" and not any(_fate(o) for o in children_with(token, "dobj", "ccomp")):
        return None
    if need == "deed" and not all(_harms(act) for act in children_with(token, "xcomp", "dobj") if act.tag_ == "VBG"):
        return None  # "the party will regret nominating him" regrets a choice
    return FrameMatch("threatens", "reckoning_ahead", token, party, True)


def _ahead(predicate: Token) -> Token | None:
    """The verb carrying a future modal over ``predicate``, unhedged by a forecasting adverb ("would
    probably regret it"); None when the clause is not ahead."""
    verb = _governing_verb(predicate)
    if verb.pos_ not in ("VERB", "AUX") or not _future(verb) or any(c.lower_ in FORECAST_ADVERBS for c in verb.children):
        return None
    return verb


def _other_party(token: Token) -> bool:
    """A party that is not the speaker's own side: a name, a party noun, "they", "you"; not "we",
    "our government", "her party", nor a forecaster."""
    pronoun = lemma_of(token) if token.pos_ == "PRON" else token.lower_  # "would cost them", "cost us"
    # "our government", and as in cue_fields' own side, the speaker's "his"/"her" party
    if pronoun in OWN_SIDE or any(c.dep_ == "poss" and c.lower_ in ("our", "my", "his", "her") for c in token.children):
        return False
    if pronoun in PARTY_PRONOUNS | DESCRIBED_DOERS | {"you"} or _is_party(token) or lemma_of(token) in AGENT_NOUNS | CULPRIT_DOERS:
        return True
    of = pobj_of(token, "of")  # "all of them", "each of the gangs"
    if of is not None:
        return _other_party(of)
    # doers named by what they did: "the men who did this", "the ones responsible", "the people behind it"
    return token.pos_ in ("NOUN", "PRON") and any(c.dep_ == "relcl" or c.lower_ in DOER_WORDS for c in token.children)


def _owed(verb: Token) -> bool:
    """"would pay" with no "for" phrase, or one that names a deed: a pronoun ("for it"), a phrase
    pointing back at one ("for this outrage"), a clause or gerund ("for what they did"), a harm, a
    wrong or an act ("for the raid", "for their crimes", "for their actions"); not a purchase ("for
    new pumps", "for the new wall")."""
    for prep in children_with(verb, "prep"):
        if prep.lower_ != "for":
            continue
        return any(o.pos_ == "PRON" and o.lower_ not in REFLEXIVE_PRONOUNS or o.dep_ == "pcomp" or o.tag_ == "VBG" or lemma_of(o) in DEEDS
                   or harm_phrase(o) or any(c.dep_ == "det" and c.lower_ in POINTING_BACK for c in o.children)
                   for o in children_with(prep, "pobj", "pcomp"))
    return True


def _harms(act: Token) -> bool:
    """An act that does harm: a harming, hostile or coercive verb, or one done to the speaker's side
    ("attacking us", "seizing our boats")."""
    if mended_lemma(act, HARM_VERBS | STRONG_VERBS) in HARM_VERBS | STRONG_VERBS:
        return True
    return any(lemma_of(o) in OWN_SIDE or any(c.lower_ in ("our", "my") for c in o.children)
               for o in children_with(act, "dobj", "dative"))


def _fate(token: Token) -> bool:
    """What befalls a party: a clause of "what happens" or "what awaits", or a lesson ("a hard lesson", "the hard way")."""
    if heads_any(token, LESSONS):
        return True
    return lemma_of(token) in FATES and any(c.lower_ == "what" for c in token.children if c.dep_ in ("nsubj", "dobj"))


def _doers_of_harm(token: Token, description: list[Token]) -> bool:
    """The doers of a harm: a culprit noun, or "those"/"whoever" described by a harm or its doers."""
    if lemma_of(token) in CULPRIT_DOERS:
        return True
    return token.lower_ in DESCRIBED_DOERS and any(
        t.lower_ in DOER_WORDS or lemma_of(t) in CULPRIT_DOERS | HARM_VERBS or harm_phrase(t) for t in description)


def declared_target(token: Token, reported: bool) -> FrameMatch | None:
    """In a statement, something declared a target: "every refinery in Azmara was now a target",
    "the bridges are legitimate targets"; not "hospitals have long been a target for hackers" nor
    "networks would become a routine target in future wars" (observed or forecast: no "now", no mark
    of a target chosen)."""
    if not reported or lemma_of(token) not in DECLARED_TARGETS or token.dep_ not in ("attr", "acomp", "oprd"):
        return None
    verb = token.head
    if lemma_of(verb) not in ("be", "become", "remain", "consider", "declare") or is_negated(verb):
        return None
    marks = {lemma_of(c) for c in token.children if c.dep_ in ("amod", "compound")}
    if not (marks & TARGET_MARKS or any(c.lower_ == "now" for c in verb.children if c.dep_ == "advmod") or lemma_of(verb) == "declare"):
        return None
    subjects = children_with(verb, "nsubj", "nsubjpass")
    return FrameMatch("threatens", "declared_target", token, subjects[0] if subjects else None, True)


# (type, rule, the lemmas it anchors on), for the docs and the lookup
ANCHORS = (
    ("threatens", conditioned_act, ANY_COERCIVE_VERBS),
    ("threatens", readiness, READY),
    ("threatens", answered_act, ANSWERING_VERBS),
    ("threatens", not_ruled_out, ("rule",)),
    ("threatens", formal_action, FORMAL_ACTIONS | COURTS),
    ("threatens", act_kept_open, PUNISHING_VERBS | STRONG_VERBS),
    ("threatens", culprits_ahead, DESCRIBED_DOERS | CULPRIT_DOERS),
    ("threatens", declared_target, DECLARED_TARGETS),
    ("threatens", reckoning_ahead, {verb.split()[0] for verb in RECKONING_VERBS}),
)
_RULES_BY_LEMMA: dict[str, tuple] = {}
for _, _rule, _words in ANCHORS:
    for _word in _words:
        _RULES_BY_LEMMA[_word] = (*_RULES_BY_LEMMA.get(_word, ()), _rule)
