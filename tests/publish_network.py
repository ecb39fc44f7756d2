"""A generated claimgraph database with 400 actors and 450 claims, for the actor network tests
(a helper module, not a test module).

Invented actors accuse, deny, threaten, condemn and speak about each other; who is spoken
about is drawn with preferential attachment, so a few actors are hubs, as in real news.
Two named actors are fixed: Ruritania accuses Freedonia in :data:`RURITANIA_ACCUSES`
claims, one of them checked (supported) against a measurement. Seeded, so every build is the same.
"""

from __future__ import annotations

import random
from pathlib import Path

from claimgraph.db import open_db, stable_id
from claimgraph.publish.prepare import run_publish
from claimgraph.timeutil import utc_sortable

ACTORS = 400
CLAIMS = 450
RURITANIA_ACCUSES = 7
TYPES = ("person", "organisation", "country", "group", "unnamed")
CLAIM_TYPES = (("accuses", 4), ("denies", 2), ("threatens", 2), ("condemns", 1), ("states", 3), ("reports_measurement", 2))
SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "dru", "fe", "gor", "hal", "ix", "jun", "ku", "ly")


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(2))
        if name not in used:
            used.add(name)
            return name


def network_rows(seed: int = 15) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    used: set[str] = {"Ruritania", "Freedonia"}
    actors = [{"id": "ruritania", "name": "Ruritania", "type": "country", "source": "gazetteer"},
              {"id": "freedonia", "name": "Freedonia", "type": "country", "source": "gazetteer"}]
    while len(actors) < ACTORS:
        name = _name(rng, used)
        actors.append({"id": stable_id(name), "name": name, "type": rng.choice(TYPES), "source": "ner"})
    outlets = [{"id": f"outlet{i}.example", "name": f"Outlet {i}", "domain": f"outlet{i}.example"} for i in range(8)]
    articles = []
    for i in range(80):
        published = f"2024-03-{1 + i % 28:02d}T{(i * 7) % 24:02d}:00:00+00:00"
        articles.append({"id": f"art{i:03d}", "url": f"https://outlet{i % 8}.example/{i}", "outlet_id": f"outlet{i % 8}.example",
                         "title": f"Report {i}", "published": published, "published_utc": utc_sortable(published),
                         "language": "en", "text": "", "source_type": "text-file"})
    weights = [1.0] * ACTORS
    claim_types = [name for name, weight in CLAIM_TYPES for _ in range(weight)]
    statements, claims = [], []

    def add_claim(index: int, source: str, target: str, type_: str, text: str) -> dict:
        article = articles[index % len(articles)]
        start = len(article["text"])
        article["text"] += text + "\n\n"
        statement = {"id": stable_id(article["id"], start), "article_id": article["id"], "speaker_id": source,
                     "speaker_text": source, "cue": "said", "content": text, "start": start, "end": start + len(text),
                     "kind": "indirect", "method": "fixture"}
        topic = {"subject_id": target} if type_ in ("states", "reports_measurement") else {"subject_id": source, "object_id": target}
        claim = {"id": stable_id(article["id"], type_, start), "article_id": article["id"], "statement_id": statement["id"],
                 "source_actor_id": source, "type": type_, "text": text, "start": start, "end": start + len(text),
                 "polarity": "positive", "certainty": 1.0, "method": "fixture", **topic}
        statements.append(statement)
        claims.append(claim)
        return claim

    for n in range(RURITANIA_ACCUSES):
        add_claim(n * 11, "ruritania", "freedonia", "accuses", f"Ruritania blames Freedonia for outage number {n + 1}")
    while len(claims) < CLAIMS:
        source = (len(claims) * 7) % ACTORS  # every actor speaks at least once
        target = rng.choices(range(ACTORS), weights=weights)[0]
        if target == source:
            continue
        weights[target] += 1.5
        type_ = rng.choice(claim_types)
        add_claim(len(claims), actors[source]["id"], actors[target]["id"], type_,
                  f"{actors[source]['name']} {type_.replace('_', ' ')} {actors[target]['name']} ({len(claims)})")
    for article in articles:
        article["word_count"] = len(article["text"].split())
    evidence_source = {"id": "src-generated", "name": "generated.csv", "format": "csv", "licence": "CC0", "records": 1}
    measurement = {"id": "meas-1", "source_id": "src-generated", "kind": "outage", "subject_type": "country",
                   "subject": "RU", "start": "2024-03-01T00:00:00+00:00", "value": 3600, "unit": "s"}
    verdict = {"claim_id": claims[0]["id"], "measurement_id": "meas-1", "verdict": "supports", "rule": "fixture",
               "claimed": "an outage", "measured": "1 hour outage", "explanation": "An outage was measured."}
    return {"outlets": outlets, "articles": articles, "actors": actors, "statements": statements, "claims": claims,
            "evidence_sources": [evidence_source], "measurements": [measurement], "claim_evidence": [verdict]}


def build_network_db(path: Path) -> Path:
    db = open_db(path)
    with db.conn:
        for table, rows in network_rows().items():
            db[table].insert_all(rows)
    db.close()
    run_publish(path)
    return path
