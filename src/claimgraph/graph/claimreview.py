"""schema.org ``ClaimReview`` JSON-LD for every checked claim: what fact-checkers publish for search engines.

One ``ClaimReview`` per claim with at least one ``claim_evidence`` row. The claim is the
``itemReviewed`` (a ``Claim`` whose ``author`` is the speaker, or the outlet when the
article asserts it, and whose ``appearance`` is the article), the verdict is the
``reviewRating`` and the measurement files are its ``citation``. The verdict of a claim
with several measurements is :data:`claimgraph.queries.fragments.CLAIM_VERDICTS`'s, so a
claim is never rated supported while a measurement contradicts it.

=============  ===========  ==========================================================
verdict        ratingValue  alternateName
=============  ===========  ==========================================================
contradicts    1            Contradicted by measurements
mixed          2            Mixed: measurements disagree
inconclusive   2            Inconclusive: measurements neither support nor contradict it
supports       3            Supported by measurements
=============  ===========  ==========================================================

``worstRating`` is 1 and ``bestRating`` 3. The same dicts are embedded in the claim page
and written by ``claimgraph export DB --format claimreview`` (docs/publishing.md, ClaimReview).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError
from ..ingest.urls import absolute_http_url
from ..queries.fragments import CLAIM_JOINS, CLAIM_VERDICTS

# verdict -> (ratingValue, alternateName)
RATINGS: dict[str, tuple[int, str]] = {
    "contradicts": (1, "Contradicted by measurements"),
    "mixed": (2, "Mixed: measurements disagree"),
    "inconclusive": (2, "Inconclusive: measurements neither support nor contradict it"),
    "supports": (3, "Supported by measurements"),
}
WORST_RATING, BEST_RATING = 1, 3
# actor type -> schema.org type of a claim's author (a country speaks through its government)
AUTHOR_TYPES = {"person": "Person", "unnamed": "Person"}
DEFAULT_PUBLISHER = "claimgraph"

_CLAIMS_SQL = f"""
select claims.id, claims.text, claims.source_actor_id, source.name as source_name, source.type as source_type,
  statements.speaker_text, articles.url, articles.canonical_url, articles.title, articles.published,
  outlets.name as outlet_name, outlets.url as outlet_url, verdicts.verdict
from claims
join ({CLAIM_VERDICTS}) as verdicts on verdicts.claim_id = claims.id
join articles on articles.id = claims.article_id
{CLAIM_JOINS}
left join statements on statements.id = claims.statement_id
where (:all or claims.id in (select value from json_each(:ids)))
order by articles.published_utc, claims.id
"""

_EVIDENCE_SQL = """
select e.claim_id, e.verdict, e.explanation, e.linked_at, m.kind, m.subject, m.start, m."end", m.value, m.unit,
  s.name as source_name, s.url as source_url, s.licence
from claim_evidence e
join measurements m on m.id = e.measurement_id
left join evidence_sources s on s.id = m.source_id
where (:all or e.claim_id in (select value from json_each(:ids)))
order by e.claim_id, case e.verdict when 'contradicts' then 0 when 'supports' then 1 else 2 end, m.start, m.id
"""


def _date(text: str | None) -> str | None:
    return text[:10] if text and len(text) >= 10 and text[4] == "-" else None


def _clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def claim_reviews(
    conn: sqlite3.Connection,
    claim_ids: Iterable[str] | None = None,
    *,
    publisher: str = DEFAULT_PUBLISHER,
    page_url: Callable[[str], str] | None = None,
) -> list[dict]:
    """The ClaimReview of every checked claim (of ``claim_ids`` when given), oldest article first.

    ``page_url(claim_id)`` gives the review's ``url`` (the claim page) when the reviews are published.
    """
    return list(iter_claim_reviews(conn, claim_ids, publisher=publisher, page_url=page_url))


def iter_claim_reviews(conn, claim_ids=None, *, publisher=DEFAULT_PUBLISHER, page_url=None) -> Iterator[dict]:
    params = {"all": claim_ids is None, "ids": json.dumps(sorted(set(claim_ids or ())))}
    evidence: dict[str, list[tuple]] = {}
    for row in conn.execute(_EVIDENCE_SQL, params):
        evidence.setdefault(row[0], []).append(row[1:])
    for row in conn.execute(_CLAIMS_SQL, params):
        yield _review(row, evidence.get(row[0], []), publisher, page_url)


def claim_review(conn: sqlite3.Connection, claim_id: str, **options) -> dict | None:
    """The ClaimReview of one claim, or None when it was not checked."""
    reviews = claim_reviews(conn, [claim_id], **options)
    return reviews[0] if reviews else None


def _review(row: tuple, evidence: list[tuple], publisher: str, page_url) -> dict:
    (claim_id, text, source_id, source_name, source_type, speaker_text, url, canonical_url, title, published,
     outlet_name, outlet_url, verdict) = row
    rating_value, alternate_name = RATINGS[verdict]
    explanations = [item[1] for item in evidence if item[1]]
    checked = max((item[2] for item in evidence if item[2]), default=None)
    if source_id:
        author = {"@type": AUTHOR_TYPES.get(source_type or "", "Organization"), "name": source_name or source_id}
    elif speaker_text:
        author = {"@type": "Person", "name": speaker_text}
    else:  # the article asserts it: the outlet is the claim's author
        author = _clean({"@type": "Organization", "name": outlet_name, "url": absolute_http_url(outlet_url)})
    appearance = _clean({
        "@type": "NewsArticle", "url": absolute_http_url(canonical_url) or absolute_http_url(url), "headline": title,
        "datePublished": published,
        "publisher": _clean({"@type": "Organization", "name": outlet_name, "url": absolute_http_url(outlet_url)}) if outlet_name else None,
    })
    citations = []
    for (_verdict, _explanation, _linked, kind, subject, start, end, value, unit, name, source_url, licence) in evidence:
        measured = " ".join(str(part) for part in (value, unit) if part is not None)
        when = " to ".join(part for part in (start, end) if part)
        citations.append(_clean({
            "@type": "Dataset", "name": name, "url": absolute_http_url(source_url), "license": licence,
            "description": f"{kind} of {subject}" + (f", {measured}" if measured else "") + (f" ({when})" if when else ""),
        }))
    return _clean({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim_id,
        "url": page_url(claim_id) if page_url else None,
        "claimReviewed": text,
        "datePublished": _date(checked),
        "author": {"@type": "Organization", "name": publisher},
        "reviewRating": _clean({
            "@type": "Rating", "ratingValue": rating_value, "bestRating": BEST_RATING, "worstRating": WORST_RATING,
            "alternateName": alternate_name, "ratingExplanation": " ".join(explanations),
        }),
        "reviewBody": " ".join(explanations),
        "itemReviewed": _clean({
            "@type": "Claim", "author": author, "datePublished": _date(published), "appearance": appearance or None,
        }),
        "citation": citations,
    })


def write_claim_reviews(
    conn: sqlite3.Connection, output: Path | None, claim_ids: Iterable[str] | None = None,
    *, publisher: str = DEFAULT_PUBLISHER,
) -> int:
    """Write the ClaimReviews as one JSON-LD list to ``output`` (stdout when None); return how many."""
    reviews = claim_reviews(conn, claim_ids, publisher=publisher)
    text = json.dumps(reviews, ensure_ascii=False, indent=1) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(text, "utf-8")
        except OSError as error:
            raise InputError(f"{output}: cannot write the export ({error.strerror or error})") from None
    return len(reviews)
