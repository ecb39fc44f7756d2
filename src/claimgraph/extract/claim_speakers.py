"""Claims read from who speaks and how: what a statement's speaker says of its own side.

The other frames read a clause alone; these also read the statement's speaker and cue
(:func:`claimgraph.extract.claim_structures.match_all` passes them):

- **claims_responsibility**: a past act, a harm's justification or a thing taken that a culprit
  (a gang, a hacker group, one that names itself) reports of itself (:func:`own_deeds`: "the gang
  said it had copied the personal details of 300,000 holders"); under a cue of boasting, or said by
  a group that names itself ("a group calling itself X"), the speaker's own past act
  (:func:`cue_fields`: "boasted that it had frozen the casino"); such a group's accusation of
  "they", and a culprit's or a boaster's report of a service it harmed ("wrote that the lights in
  Tarn go out when we say so": :func:`as_own_claims`). A statement told inside another's content
  (a quotation's or a transcript line's "a group calling itself X has posted that it ...") has its
  own speaker and cue (:func:`inner_voices`);
- **threatens**: under a cue of warning or vowing, an act of the speaker's own side ahead that is
  coercive, refused or conditional (:func:`cue_fields`: "warned that Estmar would close its waters
  to X's ships if ..."); a culprit's or a self-named group's word that others come next
  (:func:`next_warning`: "the next plant will not be so lucky").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from .attribution.lexicon import CLAIM_FRAMES, CUE_VERBS, PERSON_NOUNS
from .attribution.syntax import REFLEXIVE_PRONOUNS
from .claim_frames import CULPRITS, SELF_PRONOUNS, THINGS
from .claim_syntax import (
    FUTURE_MODALS, FrameMatch, children_with, heads_any, is_clause_verb, is_negated, is_unreal, modals_of, subject_of,
)
from .claim_fields import PERSON_PRONOUNS, STATIVE, conditioned, is_party
from .claim_roles import AGENT_NOUNS, HARM_VERBS, VICTIM_NOUNS, harm_phrase
from .claim_threats import ANY_COERCIVE_VERBS, FORECASTERS
from .lemmas import lemma_of

_FIELDS = CLAIM_FRAMES["fields"]

WARNING_CUES = frozenset(_FIELDS["warning_cues"])
BOASTING_CUES = frozenset(_FIELDS["boasting_cues"])
CAUSE_GROUPS = frozenset(_FIELDS["cause_groups"])

NEXT = frozenset(CLAIM_FRAMES["threatens"]["next_warning"]["next"])
MORE = frozenset(CLAIM_FRAMES["threatens"]["next_warning"]["more"])
EXPOSED = frozenset(CLAIM_FRAMES["threatens"]["next_warning"]["exposed"]) | THINGS
JUSTIFICATIONS = frozenset(CLAIM_FRAMES["claims_responsibility"]["justification_nouns"])
_PROOF = CLAIM_FRAMES["claims_responsibility"]["proof_posts"]
PROOF_VERBS, PROOFS, PROOF_INSIDES = frozenset(_PROOF["verbs"]), frozenset(_PROOF["proofs"]), frozenset(_PROOF["insides"])
PROOF_OBSERVERS = frozenset(_PROOF["observers"])
HARM_REPORT_FRAMES = frozenset(CLAIM_FRAMES["claims_responsibility"]["harm_reports"]["frames"])
HARM_CHANGES = CLAIM_FRAMES["claims_responsibility"]["harm_reports"]["changes"]
RESTORED_STATES = frozenset(CLAIM_FRAMES["reports_measurement"]["restored_states"])
STATIVE_LEMMAS = frozenset("be have seem appear remain become know want need like hope think believe".split())
SPEECH_LEMMAS = frozenset("say tell add comment confirm explain write post note insist warn claim".split())
# the culprit's own, said of what it took: "the port is ours now"
OWNED = frozenset({"ours", "mine"})
# Who is a culprit when it speaks of its own acts: a gang, hackers; not any "group" or "unit".
GROUP_NOUNS = frozenset({"group", "collective", "crew"})
CULPRIT_WORDS = (AGENT_NOUNS | CULPRITS) - frozenset(
    "group unit actor agent collective crew operation campaign attack hack breach intrusion cyberattack".split())


def own_deeds(tokens: Iterable[Token], speaker: Span | None) -> list[FrameMatch]:
    """A past act a culprit reports of itself: "the gang said it had copied the personal details
    of 300,000 holders", "a hacker group wrote that it had pulled the plug on X".

    Only for a speaker that is a culprit (its head, or a modifier of it, is one of
    ``accuses.culprits``/``classes.agent_nouns``) or names itself ("an account calling itself X"):
    what a gang says it did, it claims. So does its justification of an event, a harm or one
    unnamed, that is no party's ("the break-in was a lesson for Tarn", "this was payback"), and
    what it says it took ("the port is ours now").
    """
    if speaker is None or not (_culprit_speaker(speaker) or names_itself(speaker)):
        return []
    matches = []
    for token in tokens:
        if token.pos_ == "NOUN" and lemma_of(token) in JUSTIFICATIONS and token.dep_ in ("attr", "acomp"):
            # "the leak was payback for the government's support of Marvia"
            subject = subject_of(token)
            if subject is not None and (harm_phrase(subject) or not is_party(subject)) and not is_negated(token.head):
                matches.append(FrameMatch("claims_responsibility", "own_deeds", token, None))
            continue
        if token.lower_ in OWNED and token.dep_ in ("attr", "acomp") and lemma_of(token.head) == "be" and not is_negated(token.head):
            # what it took: "the port is ours now"
            subject = subject_of(token)
            if subject is not None and subject.lower_ not in PERSON_PRONOUNS:
                matches.append(FrameMatch("claims_responsibility", "own_deeds", token, subject))
            continue
        if token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBN") or not is_clause_verb(token):
            continue
        if token.dep_ == "ROOT" or lemma_of(token) in STATIVE_LEMMAS | SPEECH_LEMMAS or is_negated(token) or is_unreal(token):
            continue
        subjects = children_with(token, "nsubj")
        own = subjects and (subjects[0].lower_ in SELF_PRONOUNS or any(c.dep_ == "poss" and c.lower_ in ("its", "our") for c in subjects[0].children))
        if own and (children_with(token, "dobj") or children_with(token, "prep")):  # "it had copied", "its fighters had placed"
            matches.append(FrameMatch("claims_responsibility", "own_deeds", token, children_with(token, "dobj")[0] if children_with(token, "dobj") else None))
    return matches


def proof_posts(tokens: Iterable[Token]) -> list[FrameMatch]:
    """Proof of a deed posted by its doer: a screenshot of a victim's insides by anyone but the victim
    ("Free Signal posted a screenshot of what it says is the ministry's server console"); by a culprit
    (a hacker or militant group, one that names itself), a picture of a harmed thing ("a militant group
    posted a video showing what it said was the burning pipeline"). A news channel's video of a fire
    proves nothing of its own."""
    matches = []
    for token in tokens:
        if token.pos_ != "VERB" or lemma_of(token) not in PROOF_VERBS or is_negated(token) or is_unreal(token):
            continue
        proofs = [o for o in children_with(token, "dobj") if lemma_of(o) in PROOFS]
        subject = subject_of(token)
        if not proofs or subject is None:
            continue
        # what it shows: "a screenshot of X", "a video showing X" (the parser may hang "showing" on the verb)
        showing = [c for c in token.children if c.dep_ in ("advcl", "xcomp", "dobj") and lemma_of(c) == "show"]
        shown = [t for t in (*proofs[0].subtree, *(t for c in showing for t in c.subtree)) if t.i != proofs[0].i]
        doer = subject.doc[subject.left_edge.i:subject.right_edge.i + 1]
        insides = any(lemma_of(t) in PROOF_INSIDES or f"{lemma_of(t)} {t.head.lower_}" in PROOF_INSIDES for t in shown)
        harmed_thing = any(lemma_of(t) in THINGS for t in shown) and (
            _culprit_speaker(doer) or names_itself(doer))
        if (insides and lemma_of(subject) not in PERSON_NOUNS | PROOF_OBSERVERS) or harmed_thing:
            matches.append(FrameMatch("claims_responsibility", "proof_posts", token, None, True))
    return matches


def next_warning(tokens: Iterable[Token], speaker: Span | None) -> list[FrameMatch]:
    """A culprit's or a self-named group's word that others come next: "the next plant will not be so
    lucky", "more will follow", "other ports will follow", "you are next" (anyone's "hospitals would
    be next" is :func:`claimgraph.extract.claim_frames.next_target`)."""
    if speaker is None or not (_culprit_speaker(speaker) or names_itself(speaker)):
        return []
    matches = []
    for token in tokens:
        if lemma_of(token) in NEXT and token.dep_ in ("acomp", "advmod", "attr") and lemma_of(token.head) == "be":
            subject = subject_of(token)  # "you are next"
            if subject is not None and subject.lower_ not in ("who", "what") and not is_unreal(token.head):
                matches.append(FrameMatch("threatens", "next_warning", token, subject, True))
        elif token.dep_ in ("nsubj", "nsubjpass") and modals_of(token.head) & FUTURE_MODALS:
            others = lemma_of(token) in MORE - {"further"} and token.pos_ in ("ADJ", "PRON", "NOUN")  # "more will follow"
            if others or _exposed(token) and any(lemma_of(c) in NEXT | MORE for c in token.children if c.dep_ == "amod"):
                matches.append(FrameMatch("threatens", "next_warning", token.head, None if others else token, True))
    return matches


def _exposed(noun: Token) -> bool:
    """What can be hit or be a harm: a thing, a victim, a party, a harm ("the next plant", "other
    ports", "more leaks"), not any next thing ("the next version of the tool")."""
    return lemma_of(noun) in EXPOSED | VICTIM_NOUNS or is_party(noun) or harm_phrase(noun)


def _culprit_speaker(speaker: Span) -> bool:
    head = speaker.root
    # "A hacktivist group known as Red Ledger": a name hangs below the noun that says what it is
    while head.dep_ in ("pobj", "prep", "acl", "appos", "oprd", "compound") and head.head.i != head.i:
        head = head.head
    words = {lemma_of(head)} | {lemma_of(c) for c in head.children if c.dep_ in ("amod", "compound")}
    if words & CULPRIT_WORDS:
        return True
    # a bare "the group" in an article about a hacker group ("A hacktivist group called X ... The group
    # said"), or about one that names itself ("a channel calling itself X ... the group wrote")
    if words == {lemma_of(head)} and lemma_of(head) in GROUP_NOUNS:
        return any((lemma_of(t) in GROUP_NOUNS and any(lemma_of(c) in CULPRIT_WORDS for c in t.children if c.dep_ in ("amod", "compound")))
                   or (t.dep_ == "acl" and any(c.lower_ in REFLEXIVE_PRONOUNS for c in t.children))
                   for t in speaker.doc[:speaker.start])
    return False



def _clause_verbs(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj", "xcomp", "advcl", "relcl", "parataxis")]


def cue_fields(cue: Span, content: list[Token], speaker: Span | None) -> list[FrameMatch]:
    """What a cue's field makes of its content: a warning's own act ahead threatens, a boast's (or
    a self-named group's) own past act claims responsibility."""
    lemma = lemma_of(cue.root)
    self_named = speaker is not None and (names_itself(speaker) or any(lemma_of(t) in CAUSE_GROUPS for t in _described(speaker)))
    matches = []
    for verb in _clause_verbs(content):
        subject = subject_of(verb)
        if subject is None or lemma_of(verb) in STATIVE or is_negated(cue.root):
            continue
        if lemma in WARNING_CUES and modals_of(verb) & FUTURE_MODALS and _own_side(subject, cue, speaker):
            if lemma_of(verb) in ANY_COERCIVE_VERBS or conditioned(verb) or is_negated(verb):
                matches.append(FrameMatch("threatens", "warned_own_act", verb, (children_with(verb, "dobj") or [None])[0], True))
        # what it did: an object, or a thing after a preposition ("it had paid for the billboards")
        done = children_with(verb, "dobj") or [o for p in children_with(verb, "prep") for o in children_with(p, "pobj")]
        on_a_service = any(lemma_of(t) in THINGS for t in verb.subtree if t.i != verb.i)
        # "boasted that he had turned off the city network", "a user calling himself X wrote that he had
        # walked out of the database": a person's deed on a service, told by a boast or a self-named one;
        # "claimed to have knocked the portal offline": the speaker's own harm, in a perfect infinitive
        claimed_deed = lemma in BOASTING_CUES and _perfect_infinitive(verb, cue) and (lemma_of(verb) in HARM_VERBS or on_a_service)
        own = claimed_deed or subject.lower_ in SELF_PRONOUNS or (
            (lemma in BOASTING_CUES or self_named) and subject.lower_ in PERSON_PRONOUNS and on_a_service)
        if (lemma in BOASTING_CUES or self_named) and own and verb.tag_ in ("VBD", "VBN") \
                and (claimed_deed or not is_unreal(verb)) and not is_negated(verb) and (done or on_a_service):
            matches.append(FrameMatch("claims_responsibility", "boasted_deed", verb, done[0] if done else None))
    return matches


def _perfect_infinitive(verb: Token, cue: Span) -> bool:
    """The cue's own "to have done": "claimed to have knocked the portal offline"."""
    return verb.dep_ == "xcomp" and verb.head.i == cue.root.i and any(c.lower_ == "have" for c in verb.children if c.dep_ == "aux")


def names_itself(speaker: Span) -> bool:
    """A speaker that names itself, an actor of its own deeds: "an account calling itself Ashgrove",
    "Blue Finch, which styles itself an anti-war collective", or the name alone where the parser
    cut it from its "a group calling itself"."""
    before = speaker.doc[speaker.start - 1] if speaker.start > 0 else None
    return any(t.lower_ in REFLEXIVE_PRONOUNS for t in _described(speaker)) or before is not None and before.lower_ in REFLEXIVE_PRONOUNS


def _described(speaker: Span) -> list[Token]:
    """The speaker's words and those of a phrase set beside it: "A climate activist group, Red Summer"."""
    root = speaker.root
    beside = [root.head] if root.dep_ == "appos" else [c for c in root.children if c.dep_ == "appos"]
    return [*speaker, *(t for b in beside for t in b.subtree)]


def inner_voices(tokens: list[Token], cue: Span | None) -> list[tuple[Span, Span, list[Token]]]:
    """The statements reported inside a statement's content, each with its speaker, cue and content
    clause: in a transcript line, "VOSS: a group calling itself Grey Finch has posted online that it
    cut the lines" holds the group's word on what it did (the attribution leaves a statement inside a
    quotation or a transcript line, other than a presenter's narration, to the line's speaker)."""
    inside = {t.i for t in tokens}
    voices = []
    for verb in tokens:
        if verb.pos_ != "VERB" or lemma_of(verb) not in CUE_VERBS or cue is not None and cue.start <= verb.i < cue.end:
            continue
        subjects, clauses = children_with(verb, "nsubj"), children_with(verb, "ccomp")
        if not subjects or not clauses or subjects[0].i not in inside:
            continue
        doc, subject = verb.doc, subjects[0]
        content = [t for clause in clauses for t in clause.subtree if t.i in inside]
        voices.append((doc[subject.left_edge.i:subject.right_edge.i + 1], doc[verb.i:verb.i + 1], content))
    return voices


def as_own_claims(matches: list[FrameMatch], speaker: Span | None, cue: Span | None = None,
                  within: list[Token] | None = None) -> list[FrameMatch]:
    """An accusation a self-named group makes of "they" is its own claim: "Hackers calling themselves
    the Lantern Brigade said they were behind the defacement"; so is one a boast makes of a pronoun
    ("a student who boasted that he had knocked the college network offline"). A culprit or a boaster
    reporting a service down claims the harm: "the group wrote that the lights in Tarn go out when we
    say so", "bragged that the ministry's portal was offline" (:func:`reports_harm`). ``within``: only
    the matches anchored in these tokens (a voice inside the statement: :func:`inner_voices`)."""
    boast = cue is not None and lemma_of(cue.root) in BOASTING_CUES - {"claim", "admit", "confess"}
    self_named = speaker is not None and names_itself(speaker)
    if boast:
        own = PERSON_PRONOUNS | SELF_PRONOUNS
    elif self_named:
        own = frozenset({"they", "we"})
    else:
        own = frozenset()
    culprit = boast or self_named or (speaker is not None and _culprit_speaker(speaker))
    if not own and not culprit:
        return matches
    region = None if within is None else {t.i for t in within}
    owned = []
    for match in matches:
        if region is not None and match.anchor.i not in region:
            pass
        elif match.type == "accuses" and match.target is not None and match.target.lower_ in own:
            match = FrameMatch("claims_responsibility", match.frame, match.anchor, None, match.by_subject)
        elif culprit and reports_harm(match):
            match = FrameMatch("claims_responsibility", f"{match.frame}+harm_reported", match.anchor, None, match.by_subject)
        owned.append(match)
    return owned


def unless_forecast(matches: list[FrameMatch], speaker: Span | None) -> list[FrameMatch]:
    """Without the reckonings a forecaster promises: "the analyst said the party would regret
    nominating him" forecasts (:func:`claimgraph.extract.claim_threats.reckoning_ahead`)."""
    if speaker is None or lemma_of(speaker.root) not in FORECASTERS:
        return matches
    return [m for m in matches if m.frame != "reckoning_ahead"]


def reports_harm(match: FrameMatch) -> bool:
    """A measurement of a service put down or kept down, not of its recovery or a rise."""
    if match.type != "reports_measurement" or match.frame not in HARM_REPORT_FRAMES or is_negated(match.anchor):
        return False
    if match.frame == "change_verbs":
        return heads_any(match.anchor, HARM_CHANGES)
    if match.frame == "states":
        return match.anchor.lower_ not in RESTORED_STATES
    return True


def _own_side(subject: Token, cue: Span, speaker: Span | None) -> bool:
    """The speaker's own side: a self pronoun, "our"/"his" party, or a party the speaker is described
    by ("Estmar's defence minister, Karin Oldvik" ... "Oldvik warned that Estmar would ...")."""
    if subject.lower_ in SELF_PRONOUNS | {"we"} or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children):
        return True
    if speaker is None or not is_party(subject):
        return False
    doc = cue.doc
    described = [speaker]
    for token in doc[:cue.start]:
        if token.text == speaker.root.text and token.i not in range(speaker.start, speaker.end):
            head = token
            while head.dep_ in ("appos", "compound", "flat") and head.head.i != head.i:
                head = head.head
            described.append(doc[head.left_edge.i:head.right_edge.i + 1])
    return any(t.text == subject.text for phrase in described for t in phrase if t.i != subject.i)
