"""Decided and planned figures: a number that was set, allotted, voted or scheduled measures no
state of the world, so it makes no ``reports_measurement`` claim (the fixture convention: a
budget line, a rate set, a price, a vote tally, a score or a figure ahead is no measurement).

:func:`decided_figure` is asked of the noun a figure counts (``claim_frames.not_a_measurement``):

- the figure's clause decides or allots it: "the council approved a 412 million crown budget",
  "the plan earmarks 3 million euros", "the bill cleared the assembly by 61 votes to 40";
- a deciding body moves a decided quantity by it: "the ordinance lifts parking fees by 15
  percent", "the agency cut its growth forecast to 1.2 percent";
- it counts a tally (votes, seats, goals) or a text's length ("a 140-page report"), or is a figure ahead ("would save 400,000 euros a
  year", "will add 12 sailings a week"), or the people a coercive act took ("four protesters
  had been detained").

:func:`unobserved_figure` asks :func:`decided_figure` and, for ordinary news, :func:`timing_figure` (a
time that places or bounds an act: "two weeks before the vote", "deleted within 24 hours"),
:func:`descriptive_count` (a small count written as a word that says who took part: "two teachers had
received letters") and :func:`score_figure` ("in a 5-4 ruling"). A figure under a possibility is ahead
("could reverse diabetes within twelve weeks"); :func:`changed_by_figure` tells a quantity moved by a
figure ("cut its emissions by 9 percent") from a hostile act.

What a state, a harm or a crowd did stays measured: "traffic fell by 70 percent", "the attack
peaked at 800 gigabits per second", "the outage left 90,000 homes without power".
"""

from __future__ import annotations

from spacy.tokens import Token

from .attribution.lexicon import CLAIM_FRAMES
from .claim_syntax import FUTURE_MODALS
from .lemmas import mended_lemma

_FIELDS = CLAIM_FRAMES["fields"]
DECIDING_VERBS = frozenset(_FIELDS["deciding_verbs"])
DECIDED_NOUNS = frozenset(_FIELDS["decided_nouns"]) | frozenset(CLAIM_FRAMES["classes"]["price_nouns"])
DECISION_CHANGES = frozenset(_FIELDS["decision_changes"])
# a figure counting a decided noun is decided; "cut opening hours" decides hours, but "for five hours" measures
DECIDED_ITSELF = frozenset(_FIELDS["decided_nouns"]) - frozenset(_FIELDS["time_units"])
DECIDED_AMOUNTS = frozenset(_FIELDS["decided_amounts"])
TALLY_NOUNS = frozenset(_FIELDS["tally_nouns"])
DOCUMENT_UNITS = frozenset(_FIELDS["document_units"])
DESCRIPTIVE_NUMBERS = frozenset(_FIELDS["descriptive_numbers"])
EXTENT_NOUNS = frozenset(_FIELDS["extent_nouns"])
FRACTIONS = frozenset(_FIELDS["fractions"])
TIME_UNITS = frozenset(_FIELDS["time_units"])
TIME_RELATIONS = frozenset(_FIELDS["time_relations"])
TIME_PREPOSITIONS = frozenset(_FIELDS["time_prepositions"])
COERCIVE_VERBS = frozenset(CLAIM_FRAMES["classes"]["coercive_verbs"]) | frozenset(
    "arrest detain charge jail sentence fine convict indict expel deport suspend dismiss".split())
POSSIBLE = frozenset({"could", "might", "may", "can", "ca"})
# "is set to add", "plans to cut", "is due to open", "aims to raise": the figure is ahead
PLANNING_HEADS = frozenset("set due plan aim intend expect schedule propose hope want seek".split())


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause holds ``token`` (the first verb above it)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def _ahead(verb: Token) -> bool:
    """A verb in the future ("would save", "will add"), possible ("could reverse"; not "could not connect"),
    scheduled ("are due in 12 provinces") or below a verb of planning ("is set to add")."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    # a possibility is ahead too ("could reverse diabetes within twelve weeks"); "could not connect" observes
    possible = auxes & POSSIBLE and not any(c.dep_ == "neg" for c in verb.children)
    if (auxes & FUTURE_MODALS or possible) and "have" not in auxes or any(c.dep_ == "acomp" and mended_lemma(c) in PLANNING_HEADS for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and mended_lemma(verb.head) in PLANNING_HEADS and verb.head.pos_ in ("VERB", "ADJ", "AUX")


def unobserved_figure(noun: Token) -> bool:
    """True when the figure on ``noun`` measures no observed state: decided, tallied, planned or a time."""
    return decided_figure(noun) or timing_figure(noun) or descriptive_count(noun) or score_figure(noun)


def score_figure(noun: Token) -> bool:
    """A score or a split written as two numbers: "in a 5-4 ruling", "a 2-1 win" (a tally, not a measurement)."""
    doc = noun.doc
    return any(n.dep_ == "nummod" and n.i + 2 < len(doc) and doc[n.i + 1].text in ("-", "\u2013") and doc[n.i + 2].like_num
               for n in noun.children)


def descriptive_count(noun: Token) -> bool:
    """A small count written as a word that describes who or what took part: "two teachers had received
    threatening messages", "built with advice from three charities", "the two sides remain divided"
    (not "at least six people were killed", "Nineteen deaths", "340 flights", nor the extent of what
    happened: "customers in six countries had no service")."""
    if mended_lemma(noun) in TIME_UNITS | {"time"} or noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num:
        return False  # a length ("for four days"), a frequency ("shot four times"), a share ("three of the five wards")
    if mended_lemma(noun) in EXTENT_NOUNS and not any(c.lower_ == "the" for c in noun.children):
        return False  # an extent: "cut off in three border villages" (but "schools in the three counties" describes)
    numbers = [c for c in noun.children if c.dep_ == "nummod"]
    # a qualifier ("at least six", "about two") or a compound ("Twenty-nine", "three times") hangs on the number
    return bool(numbers) and all(n.lower_ in DESCRIPTIVE_NUMBERS and not list(n.children) for n in numbers)


def decided_figure(noun: Token) -> bool:
    """True when the figure on ``noun`` was decided, tallied or planned rather than observed."""
    if mended_lemma(noun) in TALLY_NOUNS | DOCUMENT_UNITS | DECIDED_ITSELF or noun.lower_ in TALLY_NOUNS:
        return True  # "a 412 million budget", "the regulator's four-hour battery standard"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and mended_lemma(noun.head.head) in DECIDED_AMOUNTS:
        return True  # "a dividend of 1.20 euros a share"
    verb = _clause_verb(noun)
    if verb is None:
        return False
    # a share of people saying what they would do is a poll's finding: "46 percent would choose Clinton"
    share = noun.dep_ == "nsubj" and noun.lower_ in ("percent", "%", "half", "third", "quarter", "majority")
    if _ahead(verb) and not share or mended_lemma(verb) in DECIDING_VERBS:
        return True
    if any(c.dep_ == "auxpass" for c in verb.children) and mended_lemma(verb) in COERCIVE_VERBS and noun.dep_ == "nsubjpass":
        return True  # "four protesters had been detained": the tally of a coercive act
    return decided_change(verb)


def changed_by_figure(verb: Token) -> bool:
    """A verb that moves a quantity by or to a figure: "farmers had cut their emissions by 9 percent",
    "the vaccine cut admissions by about 40 percent" (a change, not a hostile act like "cut the cable")."""
    return any(p.dep_ == "prep" and p.lower_ in ("by", "to") and any(t.like_num or t.lower_ in FRACTIONS for t in p.subtree)
               for p in verb.children)


def timing_figure(noun: Token) -> bool:
    """A span of time that places or bounds an act, not a state it measures: the offset of a time
    ("two weeks before the vote", "a day after the announcement"), the time by which an act done
    to something was done ("were deleted within 24 hours", "invested 1.2 billion over the past five
    years"), or any time of an act ahead ("would file a lawsuit if the footage was not released
    within 30 days"). How long something lasted stays measured ("was unreachable for five hours",
    "ambulances were diverted for 36 hours")."""
    if mended_lemma(noun) not in TIME_UNITS:
        return False
    if noun.dep_ == "npadvmod" and noun.head.lower_ in TIME_RELATIONS:
        return True
    if noun.dep_ != "pobj" or noun.head.lower_ not in TIME_PREPOSITIONS:
        return False
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if _ahead(verb) or verb.dep_ == "advcl" and _ahead(verb.head):
        return True
    # "for" and "during" say how long something lasted, which can be a state: "were diverted for 36 hours"
    done_to = any(c.dep_ == "auxpass" for c in verb.children) or any(c.dep_ == "dobj" for c in verb.children) and mended_lemma(verb) != "have"
    return done_to and noun.head.lower_ not in ("for", "during")


def decided_change(verb: Token) -> bool:
    """A decided quantity moved by someone: "the ordinance lifts parking fees", "its forecast was cut"
    (not what moved by itself: "prices rose", "traffic fell")."""
    if mended_lemma(verb) not in DECISION_CHANGES:
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    moved = [c for c in verb.children if c.dep_ in (("nsubjpass",) if passive else ("dobj",))]
    return any(mended_lemma(m) in DECIDED_NOUNS for m in moved)
