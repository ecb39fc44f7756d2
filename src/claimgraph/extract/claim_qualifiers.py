"""What qualifies a claim: its certainty and hedge, its condition, its event time and its figures.

:func:`qualify` reads them from the claim's own words and its statement's cue (hedge words
and hedging cues from ``attribution/lexicon.yml``; an ``if`` clause is kept as the condition
and lowers certainty; times are normalised by :mod:`claimgraph.extract.normalize` in the
local time of the place the claim is about). :func:`assign_quantities` gives each figure to
the narrowest claim that holds it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .attribution.lexicon import CUE_HEDGES, HEDGES
from .doc_views import doc_text
from .extensions import Claim
from .normalize import find_quantities, find_times, zone_for

CONDITION_FACTOR = 0.8
CONDITION_MARKS = frozenset("if unless whether".split())
COUNTRIES_CACHE = "claimgraph_actor_countries"  # actor key -> ISO code, cached while the claims component runs


def qualify(doc: Doc, claim: Claim, cue: Span | None = None) -> None:
    """Set certainty, hedge, condition and event time from the claim's own words and its cue.

    A hedging cue ("speculated that", "hinted that") lowers the certainty of what it
    reports; the cue's speaker is the claim's source.
    """
    start, end = claim.span
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return
    factors, words = 1.0, []
    cue_tokens = range(cue.start, cue.end) if cue is not None else range(0)
    if cue is not None and cue.root.lemma_.lower() in CUE_HEDGES:
        factors *= CUE_HEDGES[cue.root.lemma_.lower()]
        words.append(cue.root.text)
    for token in span:
        if token.i in cue_tokens:
            continue
        lower = token.lower_
        key = lower if lower in HEDGES else token.lemma_.lower()
        if key in HEDGES:
            factors *= HEDGES[key]
            words.append(token.text)
    sentence = doc.char_span(*claim.sentence, alignment_mode="expand")
    for token in sentence or []:
        if token.lower_ in CONDITION_MARKS and token.dep_ == "mark":
            clause = token.head
            claim.condition = doc[clause.left_edge.i:clause.right_edge.i + 1].text.strip(" ,")
            factors *= CONDITION_FACTOR
            break
    claim.certainty = round(factors, 2)
    claim.hedge = " … ".join(words) or None
    published = (doc._.article or {}).get("published") if Doc.has_extension("article") else None
    future = any(t.lower_ in ("will", "shall", "'ll") and t.dep_ == "aux" for t in span)
    times = find_times(doc_text(doc)[start:end], published, offset=start, future=future, country=_country_of(doc, claim.subject))
    if times:
        claim.event_time, claim.event_time_end, claim.event_time_text = times[0].value, times[0].end_value, times[0].text


def _country_of(doc: Doc, key: str | None) -> str | None:
    """The ISO code (or name) of the place an actor stands for, to read "local time" in."""
    if key is None:
        return None
    countries = doc.user_data.get(COUNTRIES_CACHE)
    if countries is None:
        # doc._.actors builds every Actor on each read: read it once per component run.
        actors = doc._.actors if Doc.has_extension("actors") and doc._.actors else {}
        countries = {k: getattr(actor, "country", None) for k, actor in actors.items()}
        doc.user_data[COUNTRIES_CACHE] = countries
    if countries.get(key):
        return countries[key]
    name = key.replace("-", " ")
    return name if zone_for(name) else None


def assign_quantities(doc: Doc, claims: list[Claim]) -> None:
    """Give each figure to the narrowest claim whose span holds it."""
    seen: dict[tuple[int, int], Claim] = {}
    for claim in sorted(claims, key=lambda c: (c.span[1] - c.span[0], c.type != "reports_measurement")):
        for quantity in find_quantities(doc_text(doc)[claim.span[0]:claim.span[1]], claim.span[0]):
            key = (quantity.start, quantity.end)
            if key not in seen:
                seen[key] = claim
                claim.quantities.append(quantity)
