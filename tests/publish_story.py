"""A small, readable claimgraph database for the publish tests (a helper module, not a test module).

The story is invented: Ruritania's minister accuses Freedonia of an Internet outage,
Freedonia denies it, and two outlets quote different durations (6 and 9 hours), which a
measurement of 6 hours supports and contradicts. A third outlet's article is an attack on
the pages: its title, text, URL, actor, statement and evidence source carry ``<script>``,
``"><img onerror=...>`` and ``javascript:`` payloads that must come out inert.

Offsets are computed from the text with :func:`span`, so the rows stay true to it.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

from claimgraph.db import open_db, stable_id
from claimgraph.publish.prepare import run_publish
from claimgraph.timeutil import utc_sortable

GAZETTE_TEXT = """Ruritania blames Freedonia for Monday's Internet outage

Ruritania's Internet went dark for 6 hours on Monday, telecom minister Anna Berg said on Tuesday.

"Freedonia is behind this attack on our networks," Berg told reporters.

Freedonia denied any involvement. "We had nothing to do with it," foreign ministry spokesman Tomas Vale said.

If no state was involved, analysts said, the outage could be the work of criminal groups."""

HERALD_TEXT = """Outage in Ruritania lasted 9 hours, minister says

Ruritania's minister Anna Berg said the country was offline for 9 hours after what she called a foreign attack."""

XSS_TITLE = '<script>alert("title")</script> Breaking news'
XSS_TEXT = """Attack article "><img src=x onerror=alert(1)> opens here.

Read <a href="javascript:alert(2)">this link</a> and <script>alert('text')</script> now.

"This is fine <script>alert('quote')</script>," Mallory said."""
XSS_ACTOR_NAME = "<img src=x onerror=alert('actor')>"

ARTICLE_IDS = {"gazette": "a-gazette", "herald": "a-herald", "xss": "a-xss"}


def span(text: str, fragment: str, after: int = 0) -> tuple[int, int]:
    """The ``(start, end)`` offsets of ``fragment`` in ``text`` (first occurrence from ``after``)."""
    start = text.index(fragment, after)
    return start, start + len(fragment)


def sentence_of(text: str, fragment: str) -> tuple[int, int]:
    """The offsets of the paragraph line holding ``fragment``: each sentence here is its own line."""
    start, end = span(text, fragment)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end == -1 else line_end


def _claim(article_id, text, fragment, *, statement_id=None, **fields) -> dict:
    start, end = span(text, fragment)
    sentence_start, sentence_end = sentence_of(text, fragment)
    row = {
        "id": stable_id(article_id, fields["type"], start, end), "article_id": article_id,
        "statement_id": statement_id, "text": fragment, "start": start, "end": end,
        "sentence": text[sentence_start:sentence_end], "sentence_start": sentence_start,
        "sentence_end": sentence_end, "polarity": "positive", "certainty": 1.0, "method": "fixture",
    }
    row.update(fields)
    return row


def _statement(article_id, text, content, speaker, cue, *, kind="direct", speaker_id=None) -> dict:
    start, end = span(text, content)
    speaker_start, speaker_end = span(text, speaker)
    cue_start, cue_end = span(text, cue, speaker_start)
    sentence_start, sentence_end = sentence_of(text, content)
    return {
        "id": stable_id(article_id, start, end), "article_id": article_id, "speaker_id": speaker_id,
        "speaker_text": speaker, "speaker_start": speaker_start, "speaker_end": speaker_end,
        "cue": cue, "cue_start": cue_start, "cue_end": cue_end, "content": content, "start": start,
        "end": end, "kind": kind, "sentence_start": sentence_start, "sentence_end": sentence_end,
        "method": "fixture",
    }


def story_rows() -> dict[str, list[dict]]:
    """Every row of the story database, by table, in an order that satisfies the foreign keys."""
    gazette, herald, xss = ARTICLE_IDS["gazette"], ARTICLE_IDS["herald"], ARTICLE_IDS["xss"]
    berg_accuses = _statement(gazette, GAZETTE_TEXT, '"Freedonia is behind this attack on our networks,"',
                              "Berg", "told reporters", speaker_id="anna-berg")
    berg_outage = _statement(gazette, GAZETTE_TEXT, "Ruritania's Internet went dark for 6 hours on Monday",
                             "telecom minister Anna Berg", "said", kind="indirect", speaker_id="anna-berg")
    vale_denies = _statement(gazette, GAZETTE_TEXT, '"We had nothing to do with it,"',
                             "foreign ministry spokesman Tomas Vale", "said", speaker_id="tomas-vale")
    herald_outage = _statement(herald, HERALD_TEXT, "the country was offline for 9 hours after what she called a foreign attack",
                               "Ruritania's minister Anna Berg", "said", kind="indirect", speaker_id="anna-berg")
    xss_quote = _statement(xss, XSS_TEXT, "\"This is fine <script>alert('quote')</script>,\"", "Mallory", "said",
                           speaker_id="evil-actor")
    claims = {
        "accuses": _claim(gazette, GAZETTE_TEXT, "Freedonia is behind this attack on our networks",
                          statement_id=berg_accuses["id"], type="accuses", source_actor_id="anna-berg",
                          subject_id="freedonia", object_id="freedonia"),
        "outage_6h": _claim(gazette, GAZETTE_TEXT, "Ruritania's Internet went dark for 6 hours on Monday",
                            statement_id=berg_outage["id"], type="reports_measurement", source_actor_id="anna-berg",
                            subject_id="ruritania", event_time="2024-03-04", event_time_text="Monday"),
        "denies": _claim(gazette, GAZETTE_TEXT, "We had nothing to do with it", statement_id=vale_denies["id"],
                         type="denies", source_actor_id="tomas-vale", subject_id="freedonia"),
        "hedged": _claim(gazette, GAZETTE_TEXT, "the outage could be the work of criminal groups", type="predicts",
                         certainty=0.5, hedge="could", condition="If no state was involved"),
        "outage_9h": _claim(herald, HERALD_TEXT, "the country was offline for 9 hours",
                            statement_id=herald_outage["id"], type="reports_measurement",
                            source_actor_id="anna-berg", subject_id="ruritania", event_time="2024-03-04"),
        "xss": _claim(xss, XSS_TEXT, "\"><img src=x onerror=alert(1)> opens here", type="states",
                      source_actor_id="evil-actor", subject_id="evil-actor"),
    }
    six_start, six_end = span(GAZETTE_TEXT, "6 hours")
    nine_start, nine_end = span(HERALD_TEXT, "9 hours")
    cluster_id = stable_id(claims["outage_6h"]["id"], claims["outage_9h"]["id"])
    return {
        "outlets": [
            {"id": "gazette.example", "name": "Ruritania Gazette", "domain": "gazette.example", "url": "https://gazette.example/"},
            {"id": "herald.example", "name": "Daily Herald", "domain": "herald.example", "url": "https://herald.example/"},
            {"id": "evil.example", "name": "<b>Evil</b> Outlet", "domain": "evil.example", "url": "javascript:alert('outlet')"},
        ],
        "articles": [
            {"id": gazette, "url": "https://gazette.example/2024/03/05/outage", "outlet_id": "gazette.example",
             "title": "Ruritania blames Freedonia for Monday's Internet outage", "published": "2024-03-05T09:00:00+00:00", "published_utc": "2024-03-05T09:00:00Z",
             "language": "en", "text": GAZETTE_TEXT, "word_count": len(GAZETTE_TEXT.split()), "source_type": "text-file"},
            {"id": herald, "url": "https://herald.example/outage-9-hours", "outlet_id": "herald.example",
             "title": "Outage in Ruritania lasted 9 hours, minister says", "published": "2024-03-05T15:30:00+00:00", "published_utc": "2024-03-05T15:30:00Z",
             "language": "en", "text": HERALD_TEXT, "word_count": len(HERALD_TEXT.split()), "source_type": "text-file"},
            {"id": xss, "url": "javascript:alert('url')", "canonical_url": "  javascript:alert('canonical')",
             "outlet_id": "evil.example", "title": XSS_TITLE, "published": "2024-03-06T00:00:00+00:00", "published_utc": "2024-03-06T00:00:00Z",
             "language": "en", "text": XSS_TEXT, "word_count": len(XSS_TEXT.split()), "source_type": "html-file"},
        ],
        "actors": [
            {"id": "ruritania", "name": "Ruritania", "type": "country", "source": "gazetteer"},
            {"id": "freedonia", "name": "Freedonia", "type": "country", "source": "gazetteer"},
            {"id": "anna-berg", "name": "Anna Berg", "type": "person", "affiliation_id": "ruritania",
             "description": "Telecom minister of Ruritania", "wikidata": "Q4115189", "source": "ner"},
            {"id": "tomas-vale", "name": "Tomas Vale", "type": "person", "affiliation_id": "freedonia", "source": "ner"},
            {"id": "evil-actor", "name": XSS_ACTOR_NAME, "type": "person", "wikidata": "javascript:alert('wd')",
             "description": "<script>alert('description')</script>", "source": "ner"},
        ],
        "actor_aliases": [
            {"actor_id": "anna-berg", "alias_key": "berg", "alias": "Berg", "source": "surname"},
            {"actor_id": "anna-berg", "alias_key": "anna berg", "alias": "Anna Berg", "source": "text"},
            {"actor_id": "freedonia", "alias_key": "freedonian government", "alias": "Freedonian government", "source": "gazetteer"},
        ],
        "actor_roles": [
            {"id": "role-berg", "actor_id": "anna-berg", "article_id": gazette, "role": "telecom minister",
             "affiliation_id": "ruritania", **dict(zip(("start", "end"), span(GAZETTE_TEXT, "telecom minister")))},
            {"id": "role-vale", "actor_id": "tomas-vale", "article_id": gazette, "role": "foreign ministry spokesman",
             "affiliation_id": "freedonia", **dict(zip(("start", "end"), span(GAZETTE_TEXT, "foreign ministry spokesman")))},
        ],
        "mentions": [
            {"id": "m-berg", "article_id": gazette, "actor_id": "anna-berg", "text": "Anna Berg", "label": "PERSON",
             "method": "ner", **dict(zip(("start", "end"), span(GAZETTE_TEXT, "Anna Berg")))},
            {"id": "m-freedonia", "article_id": gazette, "actor_id": "freedonia", "text": "Freedonia", "label": "GPE",
             "method": "gazetteer", **dict(zip(("start", "end"), span(GAZETTE_TEXT, "Freedonia")))},
        ],
        "statements": [berg_accuses, berg_outage, vale_denies, herald_outage, xss_quote],
        "claims": list(claims.values()),
        "quantities": [
            {"id": "q-6h", "article_id": gazette, "claim_id": claims["outage_6h"]["id"], "text": "6 hours",
             "start": six_start, "end": six_end, "value": 6, "unit": "hours", "kind": "duration",
             "normalized_value": 21600, "normalized_unit": "s", "qualifier": "exact"},
            {"id": "q-9h", "article_id": herald, "claim_id": claims["outage_9h"]["id"], "text": "9 hours",
             "start": nine_start, "end": nine_end, "value": 9, "unit": "hours", "kind": "duration",
             "normalized_value": 32400, "normalized_unit": "s", "qualifier": "exact"},
        ],
        "evidence_sources": [
            {"id": "src-ioda", "name": "ioda-ruritania-2024-03.json", "format": "ioda",
             "url": "https://ioda.example.org/ruritania", "licence": "CC BY 4.0", "records": 1},
            {"id": "src-evil", "name": "<script>alert('source')</script>", "format": "csv",
             "url": "javascript:alert('source')", "licence": "unknown", "records": 0},
        ],
        "measurements": [
            {"id": "meas-outage", "source_id": "src-ioda", "kind": "outage", "subject_type": "country",
             "subject": "RU-fictional", "start": "2024-03-04T02:00:00+00:00", "end": "2024-03-04T08:00:00+00:00",
             "value": 21600, "unit": "s", "pointer": "$.outages[0]"},
        ],
        "claim_evidence": [
            {"claim_id": claims["outage_6h"]["id"], "measurement_id": "meas-outage", "verdict": "supports",
             "rule": "duration within 15%", "claimed": "6 hours", "measured": "6.0 hours",
             "explanation": "The measured outage lasted 6.0 hours, as claimed.", "linked_at": "2024-03-07T00:00:00+00:00"},
            {"claim_id": claims["outage_9h"]["id"], "measurement_id": "meas-outage", "verdict": "contradicts",
             "rule": "duration within 15%", "claimed": "9 hours", "measured": "6.0 hours",
             "explanation": "The measured outage lasted 6.0 hours, not 9.", "linked_at": "2024-03-07T00:00:00+00:00"},
        ],
        "claim_clusters": [
            {"id": cluster_id, "type": "reports_measurement", "label": "Ruritania's Internet outage duration",
             "subject_id": "ruritania", "first_claim_id": claims["outage_6h"]["id"], "first_article_id": gazette,
             "first_outlet_id": "gazette.example", "first_published": "2024-03-05T09:00:00+00:00", "n_claims": 2,
             "n_outlets": 2, "variants": '["6 hours", "9 hours"]', "conflicting": 1,
             "note": "The outlets quote 6 and 9 hours."},
        ],
        "claim_cluster_members": [
            {"claim_id": claims["outage_6h"]["id"], "cluster_id": cluster_id},
            {"claim_id": claims["outage_9h"]["id"], "cluster_id": cluster_id},
        ],
    }


CLAIMS = {name: row["id"] for name, row in zip(
    ("accuses", "outage_6h", "denies", "hedged", "outage_9h", "xss"), story_rows()["claims"])}


def build_story_db(path: Path) -> Path:
    """Write the story to a new claimgraph database at ``path`` and prepare it with ``run_publish``."""
    db = open_db(path)
    rows_by_table = story_rows()
    for article in rows_by_table["articles"]:
        article["published_utc"] = utc_sortable(article["published"])
    with db.conn:
        for table, rows in rows_by_table.items():
            db[table].insert_all(rows)
    db.close()
    run_publish(path)
    return path


@contextlib.contextmanager
def claimgraph_serve(path: Path, *options: str, log: Path | None = None) -> Iterator[str]:
    """Run ``claimgraph serve PATH`` on a free 127.0.0.1 port; yields its base URL once it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = log or path.with_suffix(".serve.log")
    command = [str(Path(sys.executable).with_name("claimgraph")), "serve", str(path), "--port", str(port), *options]
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/claimgraph", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"claimgraph serve did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


async def get(datasette, path, status=200, **params):
    """A page from ``datasette.client``, asserting its status (the response's start on failure)."""
    response = await datasette.client.get(path, params=params or None)
    assert response.status_code == status, f"{path}: {response.status_code}\n{response.text[:1000]}"
    return response
