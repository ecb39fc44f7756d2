"""Field frames: each claim type as a semantic field of English news language, read in any
clause and any form (active, passive, nominal, adjectival, in a relative or reported clause).

The word, role and general frames (:mod:`claimgraph.extract.claim_frames`,
:mod:`claimgraph.extract.claim_roles`, ...) each know a few wordings; the rules here read a
whole field of words (``claim_frames.fields`` in ``attribution/lexicon.yml``) with one shape
per form, so a wording no part was written with still lands in its frame:

- **accuses**: a verb of accusing or suspecting aimed at a party, whatever its form ("which
  police suspected of serving as a front for X", "suspected that a rival firm had been tipped
  off", "X was accused of"); a predicate of culpability ("X was complicit", "to blame", "seen as
  the mastermind", "a front for X's intelligence service"); a deed of the field's verbs put on a
  party by "by" or "from" ("sabotage ordered from X's capital", "drones flown by X's coast
  guard"); in a statement, a party doing one of the field's wrongs ("had faked the scandal");
- **threatens**: a promise or warning made conditional on the other side ("promising more
  nights like it unless the government dropped its plans"); a penalty ahead ("would face up to
  five years in prison", "could lose its operating licence"); an act answered ahead with force
  ("would be answered with every means"); under a cue of warning or vowing, an act of the
  speaker's own side ahead (:mod:`claimgraph.extract.claim_speakers`);
- **claims_responsibility**: owning up to a deed ("admitted to planting the explosives"); under a
  cue of boasting, the speaker's own past act (:mod:`claimgraph.extract.claim_speakers`);
- **reports_measurement**: a thing that stopped or resumed doing its work ("the cable stopped
  carrying electricity"), or was found in a damaged state ("was found damaged").

They add only what the other frames did not find on the same word (:func:`match_all`).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from .attribution.lexicon import CLAIM_FRAMES
from .claim_frames import SELF_PRONOUNS, THINGS, is_duty
from .claim_syntax import (
    FUTURE_MODALS, RELATIVE_PRONOUNS, FrameMatch, children_with, heads_any, is_negated, is_unreal, match_by_lemma, modals_of,
    object_of, pobj_of, subject_of,
)
from .claim_roles import (
    AGENT_NOUNS, FAILURE_NOUNS, HARM_NOUNS, LABELLING_VERBS, PARTY_ENTITIES, PARTY_NOUNS, harm_phrase, party_in,
)
from .lemmas import lemma_of, mended_lemma

_FIELDS = CLAIM_FRAMES["fields"]
ACCUSING_VERBS = frozenset(_FIELDS["accusing_verbs"])
NATURAL_CAUSES = frozenset(_FIELDS["natural_causes"])
CULPABLE = frozenset(_FIELDS["culpable_predicates"])
# verbs that judge someone culpable: "held the firm responsible", "found X guilty"
JUDGING_VERBS = frozenset("hold deem find consider declare judge rule name".split())
PROXY_NOUNS = frozenset(_FIELDS["proxy_nouns"])
SPATIAL_PROXY_NOUNS = frozenset({"front", "cover"})
DEED_VERBS = frozenset(_FIELDS["deed_verbs"])
ORDER_NOUNS = frozenset("order orders behest instigation command direction instruction instructions".split())
WRONG_VERBS = frozenset(_FIELDS["wrong_verbs"])
WRONG_NOUNS = frozenset(_FIELDS["wrong_nouns"])
BAD_OUTCOMES = frozenset(CLAIM_FRAMES["classes"]["incident_nouns"]) | frozenset(_FIELDS["bad_outcomes"])
BLAME_NOUNS = frozenset(_FIELDS["blame_nouns"])
BACKED_WORDS = frozenset(_FIELDS["backed_words"])
DENIAL_VERBS = frozenset(_FIELDS["denial_verbs"])
ADMITTING_VERBS = frozenset(_FIELDS["admitting_verbs"])
# verbs of conceding, which own up only to a harm or a wrong
CONCEDING = frozenset("admit acknowledge concede".split())
ALLEGATIONS = frozenset(CLAIM_FRAMES["classes"]["allegations"])
COMMISSIVE_VERBS = frozenset(_FIELDS["commissive_verbs"])
PENALTY_VERBS = frozenset(_FIELDS["penalty_verbs"])
PENALTIES = frozenset(_FIELDS["penalties"])
LOSS_VERBS = frozenset(_FIELDS["loss_verbs"])
PRIVILEGES = frozenset(_FIELDS["privileges"])
ANSWERING_VERBS = frozenset(_FIELDS["answering_verbs"])
PHASE_VERBS = frozenset(_FIELDS["phase_verbs"])
DAMAGE_STATES = frozenset(_FIELDS["damage_states"])
FINDING_VERBS = frozenset(_FIELDS["finding_verbs"])
MEASURED = THINGS  # reports_measurement.things and fields.measured_nouns
OPERATION_GERUNDS = frozenset(_FIELDS["operation_gerunds"])
REFUSAL_VERBS = frozenset(_FIELDS["refusal_verbs"])
EVIDENCE_VERBS = frozenset(_FIELDS["evidence_verbs"])
PUNISHING_VERBS = frozenset(_FIELDS["punishing_verbs"])
# penalties another side can impose that an answer ahead retaliates for (not the inquiries one answers to)
ANSWERABLE = PENALTIES - frozenset("investigation inquiry audit probe consequence justice charge lawsuit".split())
# modifiers that make a party of an organisation's noun: "the security service", "military intelligence"
STATE_MODIFIERS = frozenset("security intelligence secret military police state government naval".split())
PERSON_PRONOUNS = frozenset("he she they we i".split())
MODALS = FUTURE_MODALS | {"could", "may", "might"}
STATIVE = frozenset("be have seem appear remain become know want need like hope think believe say".split())
CONDITION_MARKS = frozenset({"if", "unless", "until"})
PLAN_NOUNS = frozenset(_FIELDS["plan_nouns"])


def match_fields(tokens: Iterable[Token], reported: bool) -> list[FrameMatch]:
    """Every field frame in ``tokens`` (what a statement's cue makes of them: :mod:`claimgraph.extract.claim_speakers`)."""
    return match_by_lemma(tokens, reported, _RULES_BY_LEMMA, key=lambda token: mended_lemma(token, _RULES_BY_LEMMA))


# --------------------------------------------------------------------------- helpers


def _resolved(token: Token) -> Token:
    """A relative pronoun's antecedent: "the Kettle Collective, which police suspected of ..."."""
    return token.head.head if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" else token


def is_party(token: Token | None) -> bool:
    """A phrase head naming someone who acts: a name, a party or agent noun, a person pronoun."""
    if token is None:
        return False
    token = _resolved(token)
    return (token.ent_type_ in PARTY_ENTITIES or token.pos_ == "PROPN" or token.lower_ in PERSON_PRONOUNS
            or lemma_of(token) in PARTY_NOUNS | AGENT_NOUNS
            or token.pos_ == "NOUN" and any(c.ent_type_ in PARTY_ENTITIES or lemma_of(c) in STATE_MODIFIERS
                                            for c in token.children if c.dep_ in ("amod", "compound", "poss")))


def _someone(token: Token | None) -> bool:
    """A subject that can do a deed: a party, or any noun that is no thing, harm, failure or natural
    cause ("a former volunteer", not "the storm")."""
    if token is None or token.lower_ in ("it", "this", "that", "there"):
        return False
    return is_party(token) or token.pos_ == "NOUN" and lemma_of(token) not in MEASURED | HARM_NOUNS | FAILURE_NOUNS | NATURAL_CAUSES


def own_members(subject: Token) -> bool:
    """The speaker's own people: "its fighters", "our members" (not "their", which may be anyone's)."""
    return subject.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in ("its", "our", "my") for c in subject.children)


def conditioned(verb: Token) -> bool:
    """A verb with an "if", "unless" or "until" clause."""
    return any(c.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKS for m in c.children if m.dep_ == "mark") for c in verb.children)


# --------------------------------------------------------------------------- accuses


def accusing_verb(token: Token, reported: bool) -> FrameMatch | None:
    """A verb of accusing or suspecting aimed at a party: "which police have long suspected of serving
    as a front for X", "X was suspected of", "suspected that a rival firm had been tipped off"."""
    if token.pos_ != "VERB" or token.tag_ in ("VB", "VBG") or is_negated(token) or is_unreal(token):
        return None  # "could include indicting the hackers" accuses no one yet
    passive = any(c.dep_ == "auxpass" for c in token.children) or token.dep_ == "acl" and token.tag_ == "VBN"
    if passive:
        accused = subject_of(token) if token.dep_ != "acl" else token.head
        charge = object_of(token, "of", "for", "with", "in")
        if charge is not None and is_party(accused) and (lemma_of(token) != "suspect" or _deed(charge)):
            return FrameMatch("accuses", "accusing_verb", token, _resolved(accused))
        return None
    for obj in children_with(token, "dobj"):
        if is_party(obj):
            return FrameMatch("accuses", "accusing_verb", token, _resolved(obj), True)
    for clause in children_with(token, "ccomp"):
        subject = subject_of(clause)
        passive = any(c.dep_ == "auxpass" for c in clause.children)
        if clause.tag_ != "VB" and (is_party(subject) if passive else _someone(subject)) and lemma_of(clause) not in STATIVE:
            return FrameMatch("accuses", "accusing_verb", token, subject, True)
    return None


def _deed(token: Token) -> bool:
    """What one can be suspected of: a deed ("of serving as a front"), a harm or a wrong ("of corruption"), not "of flu"."""
    return token.tag_ == "VBG" or harm_phrase(token) or lemma_of(token) in WRONG_NOUNS


def culpability(token: Token, reported: bool) -> FrameMatch | None:
    """A predicate of culpability: "X was complicit in", "X is to blame", "seen as the mastermind",
    "serving as a front for X's intelligence service" (the one it fronts for is accused)."""
    lemma = lemma_of(token)
    if lemma == "behind":
        # "names X as the force behind the sabotage", "was the brains behind the hack"
        if token.dep_ != "prep" or token.head.pos_ != "NOUN" or pobj_of(token.head, "behind") is None or not _harmful(pobj_of(token.head, "behind")):
            return None
        token = token.head
    if lemma == "blame" and not (token.tag_ == "VB" and any(c.lower_ == "to" for c in token.children)):
        return None
    as_role = token.dep_ == "pobj" and token.head.lower_ == "as"
    named = token.head
    while named.dep_ == "appos":
        named = named.head
    if token.dep_ == "amod" and named.dep_ == "dobj" and lemma_of(named.head) in JUDGING_VERBS:
        # the parser's "held [the firm Orlo Lines responsible]": the judged is the object the adjective hangs on
        return FrameMatch("accuses", "culpability", token, named) if is_party(named) and not is_negated(named.head) else None
    if lemma in PROXY_NOUNS:
        return _fronted(token, as_role)
    if token.dep_ not in ("acomp", "attr", "oprd", "xcomp") and not as_role:
        return None
    verb = token.head.head if as_role else token.head
    if is_negated(verb) or is_negated(token) or is_unreal(verb) or modals_of(verb) & {"must", "should"} or is_duty(token):
        return None  # "would be held accountable" threatens; "responsible for maintaining the breakwater" is a duty
    charge = object_of(token, "for")
    if charge is not None and charge.pos_ == "NOUN" and not (_harmful(charge) or lemma_of(charge) in FAILURE_NOUNS | WRONG_NOUNS | BAD_OUTCOMES):
        return None  # "who was responsible for the equaliser" scored a goal; culpability is for a harm or a wrong
    # the one named ("named X as the culprit"), else the subject; the parser may hang the "as" phrase on a
    # relative clause of the named ("regarded a contractor who maintained the software as a culprit")
    named = children_with(verb, "dobj") or [subject_of(verb)]
    accused = next((t for t in [*named, verb.head if verb.dep_ == "relcl" else None] if is_party(t)), None)
    if accused is None or accused.lower_ in SELF_PRONOUNS or any(c.lower_ == "no" for c in accused.children):
        return None
    return FrameMatch("accuses", "culpability", token, accused)


def _fronted(token: Token, as_role: bool) -> FrameMatch | None:
    """A party said to front for another, who is accused: "X is a front for Y's intelligence
    service", "called the group a proxy for Y", "described X as a Y-ian front", "a puppet of Y"."""
    # the parser's "branded [the charity] [a front for Y]": two objects of a labelling verb
    second_object = token.dep_ == "dobj" and lemma_of(token.head) in LABELLING_VERBS and \
        any(o.i < token.i for o in children_with(token.head, "dobj"))
    if not (token.dep_ in ("attr", "oprd") or as_role or second_object):
        return None
    verb = token.head.head if as_role else token.head
    if is_negated(verb) or is_negated(token) or is_unreal(verb):
        return None  # "is no front for anyone", "would become a puppet of Y" is a warning
    # "of" only where the noun has no sense of place or print ("the front of the queue", "the cover of
    # the report"); a party modifier only of an indefinite ("a Y-ian front", not "the Y-ian front" of a war)
    principal = pobj_of(token, "for", *(() if lemma_of(token) in SPATIAL_PROXY_NOUNS else ("of",)))
    if principal is None and any(c.lower_ in ("a", "an") for c in children_with(token, "det")) or \
            principal is None and any(c.dep_ == "poss" for c in token.children):
        principal = next((c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.ent_type_ in PARTY_ENTITIES), None)
    return FrameMatch("accuses", "culpability", token, principal) if principal is not None and is_party(principal) else None


def backed_by_prefix(token: Token, reported: bool) -> FrameMatch | None:
    """A compound adjective naming the backer: "the campaign was state-backed", "Kremlin-linked hackers"."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or token.tag_ not in ("VBN", "JJ") or is_negated(token):
        return None
    backer, backed = doc[token.i - 2], subject_of(token) if token.dep_ in ("acomp", "attr") else token.head
    if not (is_party(backer) or lemma_of(backer) in ("state", "government", "regime")):
        return None
    if backed is None or not (_harmful(backed) or lemma_of(backed) in AGENT_NOUNS):
        return None  # "an ERP-affiliated company", "a state-financed broadcaster" accuse no one
    return FrameMatch("accuses", "backed_by_prefix", token, backer)


def _deed_patient(token: Token) -> Token | None:
    if token.dep_ == "acl":
        return token.head
    if any(c.dep_ == "auxpass" for c in token.children):
        return subject_of(token)
    return None


def deed_by(token: Token, reported: bool) -> FrameMatch | None:
    """A harm's deed put on a party by "by" or "from": "sabotage ordered from Brovnia's capital",
    "drones flown by Tarsk's coast guard", "a network of fake profiles run by a firm in X"."""
    if token.tag_ != "VBN" or is_negated(token):
        return None
    patient = _deed_patient(token)
    if patient is None or not _harmful(patient):
        return None
    orders = pobj_of(token, "on", "at")  # "carried out on the orders of the security service"
    if orders is not None and lemma_of(orders) in ORDER_NOUNS and pobj_of(orders, "of") is not None and is_party(pobj_of(orders, "of")):
        return FrameMatch("accuses", "deed_by", token, pobj_of(orders, "of"))
    for preposition in ("by", "from"):
        source = pobj_of(token, preposition)
        party = None if source is None else party_in(source) or (source if is_party(source) else None)
        if party is not None and lemma_of(source) not in HARM_NOUNS - AGENT_NOUNS:
            return FrameMatch("accuses", "deed_by", token, party)
    return None


def _harmful(token: Token) -> bool:
    """A harm's phrase, or a thing the field counts as a weapon or a harm's means ("drones")."""
    if harm_phrase(token) or lemma_of(token) in frozenset(_FIELDS["weapons"]):
        return True
    of = pobj_of(token, "of")  # "a network of fake profiles"
    return of is not None and harm_phrase(of)


def wrong_deed(token: Token, reported: bool) -> FrameMatch | None:
    """In someone's statement, a party doing one of the field's wrongs: "Varro's camp had faked the
    scandal", "soldiers had set fire to the customs post"; said of oneself ("it had set the station on
    fire") a claim of responsibility, and negated of oneself a denial ("it had never hacked any hospital")."""
    if not reported or token.pos_ != "VERB" or is_unreal(token):
        return None
    if is_negated(token) or any(o.lower_ in ("nothing", "none") for o in children_with(token, "dobj")):  # "had hidden nothing"
        subject = subject_of(token) if lemma_of(token) in WRONG_VERBS else None
        own = subject is not None and (subject.lower_ in SELF_PRONOUNS | PERSON_PRONOUNS or own_members(subject)) and not modals_of(token) & MODALS
        return FrameMatch("denies", "wrong_deed", token, None, True) if own else None
    staged = mended_lemma(token, DEED_VERBS) in DEED_VERBS and any(_harmful(o) for o in children_with(token, "dobj"))  # "had staged the bombing"
    if mended_lemma(token, WRONG_VERBS) not in WRONG_VERBS and not heads_any(token, _FIELDS["wrong_phrases"]) and not staged:
        return None
    if any(c.dep_ == "auxpass" for c in token.children) or token.dep_ not in ("ROOT", "ccomp", "conj", "relcl", "advcl") \
            or token.tag_ not in ("VBD", "VBN", "VBZ", "VBP"):
        return None
    agent = next((o for a in children_with(token, "agent") for o in children_with(a, "pobj")), None)
    if agent is not None:
        # a participle with its doer after "by", said of something ("called the charges fabricated by
        # disgruntled former employees"): the doer is the agent, not the subject the parse climbs to (the
        # speaker); one that describes a noun ("people shot and killed by police") charges no one
        first = token
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        said_of = first.dep_ in ("oprd", "acomp", "xcomp", "ccomp")
        return FrameMatch("accuses", "wrong_deed", token, agent) if said_of and _someone(agent) else None
    subject = subject_of(token)
    if subject is not None and (subject.lower_ in SELF_PRONOUNS or own_members(subject)):
        # one's own wrong, said of oneself: "a statement saying it had set the transformer station on fire",
        # "said its members had set the depot on fire"
        return FrameMatch("claims_responsibility", "wrong_deed", token, children_with(token, "dobj")[0] if children_with(token, "dobj") else None)
    if subject is not None and not is_party(subject):
        subject = party_in(subject)  # "a faction within the army"
    if subject is None:
        return None
    return FrameMatch("accuses", "wrong_deed", token, subject)


def blame_noun(token: Token, reported: bool) -> FrameMatch | None:
    """Blame as a thing one bears, that lies with someone or that is laid on someone: "Draska's spy agency
    bore responsibility for the leak", "much of the blame lay with Draskan hackers", "laid the blame on X"; ahead and conditional, a threat ("Kolvan
    would bear full responsibility for the consequences if it went ahead")."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "nsubj":
        token = token.head.head  # "much of the blame lay with X"
    verb = token.head
    if token.pos_ not in ("NOUN", "ADJ", "PRON") or is_negated(verb) or any(c.lower_ == "no" for c in token.children):
        return None
    if token.dep_ == "dobj" and lemma_of(verb) in ("bear", "carry", "share", "shoulder", "have"):
        blamed = subject_of(verb)
    elif token.dep_ == "dobj" and lemma_of(verb) in ("lay", "put", "place", "pin", "cast", "shift", "pass"):
        # "laid responsibility for the shelling on separatist militias" (the parser may hang "on" on the harm)
        harm = pobj_of(token, "for")
        blamed = pobj_of(verb, "on", "onto", "at") or (pobj_of(harm, "on", "onto") if harm is not None else None)
    elif token.dep_ in ("nsubj", "nsubjpass") and lemma_of(verb) in ("lie", "lay", "rest", "fall", "be"):
        blamed = pobj_of(verb, "with", "on")
    else:
        return None
    if blamed is None or not is_party(blamed) or lemma_of(token) == "responsibility" and is_duty(token):
        return None
    if modals_of(verb) & FUTURE_MODALS:
        return FrameMatch("threatens", "blame_noun", token, blamed, True) if conditioned(verb) else None
    return FrameMatch("accuses", "blame_noun", token, blamed)


def no_such_deed(token: Token, reported: bool) -> FrameMatch | None:
    """In a statement, a wrong said not to have been: "insisted there had been no cover-up", "there was no sabotage"."""
    if token.dep_ == "compound":
        token = token.head  # "no cover-up"
    if not reported or token.dep_ != "attr" or not any(c.lower_ == "no" for c in token.children if c.dep_ == "det"):
        return None
    return FrameMatch("denies", "no_such_deed", token, None, True) if any(c.dep_ == "expl" for c in token.head.children) else None


def denial_verb(token: Token, reported: bool) -> FrameMatch | None:
    """A verb of rejecting an allegation, whatever verb: "rebuffed claims that it had spied",
    "brushed aside the accusations", "disputed the report's findings"."""
    if token.pos_ != "VERB" or is_negated(token):
        return None
    said = children_with(token, "dobj", "nsubjpass")
    if not any(lemma_of(o) in ALLEGATIONS or any(lemma_of(c) in ALLEGATIONS for c in children_with(o, "poss", "compound")) for o in said):
        return None
    return FrameMatch("denies", "denial_verb", token, None, True)


def no_such(token: Token, reported: bool) -> FrameMatch | None:
    """In a statement, what was alleged said not to exist: "she knew of no such payments", "there had been no such meeting"."""
    if not reported or token.lower_ != "such" or not any(c.lower_ == "no" and c.dep_ == "det" for c in token.head.children):
        return None
    return FrameMatch("denies", "no_such", token, None, True)


def no_plan(token: Token, reported: bool) -> FrameMatch | None:
    """In a statement, a plan or intention said not to exist: "her party had no plans to raise taxes on
    farms", "there was no intention to mislead anyone" (not "had no plans for the weekend", nor "no immediate
    plans to release the recordings", a present intent that a qualifier of time or degree makes no denial)."""
    if not reported or token.pos_ != "NOUN" or not any(c.lower_ == "no" and c.dep_ == "det" for c in token.children):
        return None
    if any(c.dep_ == "amod" for c in token.children):
        return None
    if not any(c.dep_ in ("acl", "relcl") and c.tag_ == "VB" for c in token.children):
        return None  # the plan's act, as an infinitive
    if not (token.dep_ == "dobj" and lemma_of(token.head) == "have" or token.dep_ == "attr" and lemma_of(token.head) == "be"):
        return None
    return FrameMatch("denies", "no_plan", token, None, True)


def nothing_suggests(token: Token, reported: bool) -> FrameMatch | None:
    """Nothing found that shows a deed: "found nothing to suggest that the mayor knew", "nothing indicated that ..."."""
    if token.lower_ != "nothing" or is_negated(token.head):
        return None
    shows = [c for c in token.children if c.dep_ in ("acl", "relcl") and lemma_of(c) in EVIDENCE_VERBS]
    if token.dep_ == "nsubj" and lemma_of(token.head) in EVIDENCE_VERBS:
        shows.append(token.head)
    if token.dep_ == "dobj":  # the parser's "found nothing so far [to indicate] that ..."
        shows += [c for c in token.head.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB" and lemma_of(c) in EVIDENCE_VERBS]
    return FrameMatch("denies", "nothing_suggests", token, None, True) if shows else None


# --------------------------------------------------------------------------- claims of responsibility


def admitted_deed(token: Token, reported: bool) -> FrameMatch | None:
    """Owning up to a deed: "the activists owned up to spraying paint over the cameras", "the militia
    admitted to planting the explosives", "confessed to the arson"."""
    if token.pos_ != "VERB" or is_negated(token) or is_unreal(token):
        return None
    deed = object_of(token, "to", "about", "of") or next((o for o in children_with(token, "dobj", "xcomp") if o.tag_ == "VBG"), None)
    if deed is None or not (deed.tag_ == "VBG" and lemma_of(deed) not in STATIVE or harm_phrase(deed) or lemma_of(deed) in WRONG_NOUNS):
        return None
    if lemma_of(token) in CONCEDING and not (_harmful(deed) or lemma_of(deed) in WRONG_VERBS | WRONG_NOUNS
                                              or any(_harmful(o) for o in children_with(deed, "dobj"))):
        return None  # "admitted using the tax code" concedes a fact; owning up, confessing and boasting take any deed
    subject = subject_of(token)
    return FrameMatch("claims_responsibility", "admitted_deed", token, None, True) if _someone(subject) or is_party(subject) else None


# --------------------------------------------------------------------------- threatens


def conditional_promise(token: Token, reported: bool) -> FrameMatch | None:
    """A promise or warning made conditional on the other side: "promising more nights like it
    unless the government dropped its plans", "vowed to strike until the troops left"."""
    if token.pos_ != "VERB" or is_negated(token):
        return None
    acts = [token] + children_with(token, "xcomp", "ccomp")
    for act in acts:
        for clause in children_with(act, "advcl"):
            marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
            if marks & {"unless", "until"} or "if" in marks and is_negated(clause):
                if _someone(subject_of(clause)):
                    return FrameMatch("threatens", "conditional_promise", token, subject_of(clause), True)
    return None


def penalty_ahead(token: Token, reported: bool) -> FrameMatch | None:
    """A penalty ahead: "would face up to five years in prison", "could lose its operating licence"."""
    if token.pos_ != "VERB" or is_negated(token) or not modals_of(token) & MODALS:
        return None
    lemma = lemma_of(token)
    below = [t for o in children_with(token, "dobj") for t in o.subtree]
    if lemma in PENALTY_VERBS and any(lemma_of(t) in PENALTIES for t in below):
        return FrameMatch("threatens", "penalty_ahead", token, subject_of(token), True)
    if lemma in LOSS_VERBS and any(lemma_of(o) in PRIVILEGES for o in children_with(token, "dobj")):
        return FrameMatch("threatens", "penalty_ahead", token, subject_of(token), True)
    return None


def price_to_pay(token: Token, reported: bool) -> FrameMatch | None:
    """A price someone will have to pay, ahead: "there would be a heavy price to pay for any interference"
    (not "gas prices would rise")."""
    if lemma_of(token) != "price" or not any(lemma_of(c) == "pay" and c.dep_ in ("relcl", "acl") for c in token.children):
        return None
    verb = token.head
    return FrameMatch("threatens", "price_to_pay", token, None, True) if modals_of(verb) & FUTURE_MODALS and not is_negated(verb) else None


def answered_with(token: Token, reported: bool) -> FrameMatch | None:
    """An act answered ahead with force or means: "would be treated as a blockade and answered with
    every means at our disposal", "will be met with force"."""
    if token.tag_ != "VBN" or is_negated(token):
        return None
    head = token.head if token.dep_ == "conj" else token
    if not (modals_of(head) & FUTURE_MODALS or modals_of(token) & FUTURE_MODALS):
        return None
    means = pobj_of(token, "with")
    if means is None or lemma_of(means) not in frozenset(_FIELDS["force_nouns"]):
        return None
    return FrameMatch("threatens", "answered_with", token, None, True)


def punished_ahead(token: Token, reported: bool) -> FrameMatch | None:
    """A punishment a modal holds over a party, active or passive: "the league could fine the club",
    "the operator could be fined up to 2 percent of its revenue", "may suspend the coach"."""
    if token.pos_ != "VERB" or is_negated(token) or not modals_of(token) & MODALS or "have" in modals_of(token):
        return None
    if any(c.dep_ == "auxpass" for c in token.children):
        punished, by_subject = subject_of(token), False
    else:
        punished, by_subject = next(iter(children_with(token, "dobj")), None), True
    return FrameMatch("threatens", "punished_ahead", token, _resolved(punished), by_subject) if is_party(punished) else None


def answered_act(token: Token, reported: bool) -> FrameMatch | None:
    """Another side's act answered ahead: "would answer any new sanctions", "will retaliate against any expulsion"
    (not "would answer any questions")."""
    if token.pos_ != "VERB" or is_negated(token) or not modals_of(token) & FUTURE_MODALS:
        return None
    act = next(iter(children_with(token, "dobj")), None) or pobj_of(token, "to", "against", "for")
    if act is None or not (_harmful(act) or lemma_of(act) in ANSWERABLE):
        return None
    return FrameMatch("threatens", "answered_act", token, None, True)


# --------------------------------------------------------------------------- measurement


def phase_of_service(token: Token, reported: bool) -> FrameMatch | None:
    """A thing that stopped or resumed its work: "the cable stopped carrying electricity", "conveyor
    belts ceased running" (a thing of ``things``, or no party, doing a verb of work)."""
    gerunds = [c for c in token.children if c.dep_ == "xcomp" and c.tag_ == "VBG"]
    if token.pos_ != "VERB" or is_unreal(token) or not gerunds:
        return None
    subject = subject_of(token)
    if subject is None or not (lemma_of(subject) in MEASURED or lemma_of(gerunds[0]) in OPERATION_GERUNDS and not is_party(subject)):
        return None
    return FrameMatch("reports_measurement", "phase_of_service", token, subject)


def refused_service(token: Token, reported: bool) -> FrameMatch | None:
    """Users refused a service, in the passive with what was refused: "farmers were refused entry
    until Wednesday" (not a relative clause that describes who: "passengers who were denied boarding can claim")."""
    if token.tag_ != "VBN" or token.dep_ == "relcl" or is_unreal(token) or not any(c.dep_ == "auxpass" for c in token.children):
        return None
    refused = children_with(token, "dobj")
    return FrameMatch("reports_measurement", "refused_service", token, subject_of(token)) if refused else None


def found_damaged(token: Token, reported: bool) -> FrameMatch | None:
    """A thing found in a damaged state: "a cable was found damaged", "divers found the cable severed"."""
    if token.pos_ != "VERB" or is_unreal(token):
        return None
    states = [c for c in token.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl")
              and (lemma_of(c) in DAMAGE_STATES or c.lower_ in DAMAGE_STATES)]
    if not states:
        return None
    things = [t for t in [*children_with(token, "dobj", "nsubjpass"), *children_with(states[0], "nsubj")] if t is not None]
    thing = next((t for t in things if lemma_of(t) in MEASURED or t.pos_ == "NOUN" and not is_party(t)), None)
    return FrameMatch("reports_measurement", "found_damaged", token, thing) if thing is not None else None


# --------------------------------------------------------------------------- a statement's cue


def _rules_by_lemma() -> dict[str, tuple]:
    rules: dict[str, tuple] = {}
    for _, rule, words in ANCHORS:
        for word in words:
            rules[word] = (*rules.get(word, ()), rule)
    return rules


# (the type each rule gives, for the docs)
ANCHORS = (
    ("accuses", accusing_verb, ACCUSING_VERBS),
    ("accuses", culpability, CULPABLE | PROXY_NOUNS | {"behind"}),
    ("accuses", deed_by, DEED_VERBS),
    ("accuses", wrong_deed, WRONG_VERBS | DEED_VERBS | {p.split()[0] for p in _FIELDS["wrong_phrases"]}),
    ("accuses", blame_noun, BLAME_NOUNS),
    ("denies", no_such_deed, WRONG_NOUNS | HARM_NOUNS),
    ("accuses", backed_by_prefix, BACKED_WORDS),
    ("denies", denial_verb, DENIAL_VERBS),
    ("denies", no_plan, PLAN_NOUNS),
    ("denies", no_such, {"such"}),
    ("denies", nothing_suggests, {"nothing"}),
    ("claims_responsibility", admitted_deed, ADMITTING_VERBS),
    ("threatens", conditional_promise, COMMISSIVE_VERBS),
    ("threatens", penalty_ahead, PENALTY_VERBS | LOSS_VERBS),
    ("threatens", answered_with, ANSWERING_VERBS),
    ("threatens", punished_ahead, PUNISHING_VERBS),
    ("threatens", answered_act, ANSWERING_VERBS | {"retaliate", "reply", "react"}),
    ("threatens", price_to_pay, {"price"}),
    ("reports_measurement", phase_of_service, PHASE_VERBS),
    ("reports_measurement", found_damaged, FINDING_VERBS),
    ("reports_measurement", refused_service, REFUSAL_VERBS),
)
_RULES_BY_LEMMA = _rules_by_lemma()
