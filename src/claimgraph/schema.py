"""The shape of the claimgraph database, as data: every table, key, index and full-text index, declared once.

``TABLES`` (columns, keys, foreign keys and a description of every column), ``INDEXES`` and
``FTS`` are applied idempotently by :func:`claimgraph.db.ensure_db_shape`; docs/schema.md is
generated from them and Datasette reads the descriptions at load time.

Identity: rows extracted from text carry ``article_id`` and character offsets
(``start``/``end``, end exclusive, Python ``str`` indices into ``articles.text``, or into the
headline or standfirst when ``field`` says so); their ``id`` is a stable hash of those (see
:func:`claimgraph.db.stable_id`), so re-running a stage upserts instead of duplicating.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# 6 adds claim_cluster_earlier (link --previous): an older claimgraph, which does not clear it, could not re-cluster such a file
SCHEMA_VERSION = 6


@dataclass(frozen=True)
class Table:
    """One table: its columns (name -> Python type), key, foreign keys and a description.

    ``describe`` documents each column. It is the only place tables and columns are
    described: docs/schema.md is generated from it and Datasette reads it at load time
    (:mod:`claimgraph.publish.metadata`).
    """

    name: str
    columns: dict
    pk: str | tuple
    description: str
    describe: dict = field(default_factory=dict)
    foreign_keys: tuple = ()
    not_null: tuple = ()
    defaults: dict = field(default_factory=dict)


FIELD_DESCRIPTION = (
    "Which text the offsets point into: null for articles.text (the body), else title (the headline) "
    "or description (the standfirst)"
)

TABLES: tuple[Table, ...] = (
    Table(
        "claimgraph_meta",
        {"key": str, "value": str},
        pk="key",
        description="Key/value facts about this database, such as the schema version.",
        describe={"key": "Setting name", "value": "Setting value"},
    ),
    Table(
        "outlets",
        {"id": str, "name": str, "domain": str, "url": str, "language": str},
        pk="id",
        description="News outlets (publishers) that articles come from.",
        describe={
            "id": "Stable key: the outlet's domain without www, or a slug of its name",
            "name": "Display name, e.g. Newsy",
            "domain": "Web domain, e.g. newsy.com",
            "url": "Home page URL",
            "language": "Main language (BCP 47), when known",
        },
    ),
    Table(
        "articles",
        {
            "id": str, "url": str, "canonical_url": str, "outlet_id": str, "title": str,
            "author": str, "published": str, "modified": str, "language": str, "section": str,
            "description": str, "text": str, "word_count": int, "text_sha256": str,
            "html_sha256": str, "source_type": str, "source": str, "fetched_at": str,
            "ingested_at": str, "updated_at": str, "extracted_at": str, "extractor": str,
            "published_utc": str, "published_source": str,
        },
        pk="id",
        foreign_keys=(("outlet_id", "outlets", "id"),),
        description="One row per article: its metadata and the main text that extraction ran on.",
        describe={
            "id": "Stable key: hash of the canonical URL (or of the file's text when it has no URL)",
            "url": "URL the article was fetched from (after redirects)",
            "canonical_url": "Canonical URL (rel=canonical / og:url, tracking parameters removed)",
            "outlet_id": "Publisher, see outlets",
            "title": "Headline",
            "author": "Author(s), comma-separated; each one, with role, credentials and source, in article_authors",
            "published": "Publication time, ISO 8601 (timezone-aware when the page says so)",
            "modified": "Last modification time, ISO 8601",
            "language": "Language of the text (BCP 47)",
            "section": "Section of the outlet, e.g. World",
            "description": "Standfirst or meta description",
            "text": "Main text with boilerplate removed; paragraphs separated by blank lines. All offsets point into this",
            "word_count": "Number of words in text",
            "text_sha256": "SHA-256 of text, used to spot the same article under another URL",
            "html_sha256": "SHA-256 of the raw HTML kept in article_html",
            "source_type": "How it arrived: url, feed, sitemap, warc, html-file or text-file",
            "source": "The feed, sitemap, WARC or file it came from",
            "fetched_at": "When it was fetched (UTC, ISO 8601)",
            "ingested_at": "When it was first stored (UTC)",
            "updated_at": "When it was last changed by a re-ingest (UTC)",
            "extracted_at": "When the extract stage last processed it (null: not yet)",
            "extractor": "Model and claimgraph version used by the extract stage",
            "published_utc": (
                "published in UTC as sortable text, YYYY-MM-DDTHH:MM:SSZ (a date alone is its midnight; "
                "null when published is missing or not ISO 8601)"
            ),
            "published_source": (
                "Where published was read: json-ld datePublished, meta article:published_time (or another meta name), time element, url, text, "
                "text under the headline, htmldate, sidecar, ..."
            ),
        },
    ),
    Table(
        "article_html",
        {
            "article_id": str, "content": bytes, "encoding": str, "content_type": str,
            "http_status": int, "etag": str, "last_modified": str, "size": int,
        },
        pk="article_id",
        foreign_keys=(("article_id", "articles", "id"),),
        description="The raw page each article was extracted from, zlib-compressed, kept for provenance and re-extraction.",
        describe={
            "article_id": "The article, see articles",
            "content": "Raw bytes as received, zlib-compressed",
            "encoding": "Character encoding used to decode it",
            "content_type": "HTTP Content-Type (or guessed from the file name)",
            "http_status": "HTTP status of the final response",
            "etag": "ETag header, for conditional re-fetches",
            "last_modified": "Last-Modified header, for conditional re-fetches",
            "size": "Uncompressed size in bytes",
        },
    ),
    Table(
        "article_authors",
        {
            "id": str, "article_id": str, "position": int, "name": str, "role": str, "credentials": str,
            "kind": str, "source": str, "score": float,
        },
        pk="id",
        foreign_keys=(("article_id", "articles", "id"),),
        description="Who wrote (reviewed, edited) each article, one row per person or organisation named in its byline.",
        describe={
            "id": "Stable key: hash of article and position",
            "article_id": "The article, see articles",
            "position": "0 for the first name: authors first, in byline order, then reviewers and editors",
            "name": "The name as the page writes it, credentials removed",
            "role": "author, reviewer or editor",
            "credentials": "Post-nominals and job title the byline gives, e.g. MD or Staff Writer",
            "kind": "person or organisation (the site itself, a team, a desk)",
            "source": (
                "Where the name was found, comma-separated: json-ld, meta, meta-twitter, microdata, hcard, rel-author, "
                "author-link, byline (a byline block), text (a 'By ...' line), sidecar, articles.author (older database)"
            ),
            "score": "Confidence of the candidate (higher is surer; see claimgraph.ingest.bylines)",
        },
    ),
    Table(
        "redirects",
        {"id": str, "article_id": str, "position": int, "from_url": str, "to_url": str, "status": int},
        pk="id",
        foreign_keys=(("article_id", "articles", "id"),),
        description="Each HTTP redirect followed on the way to an article.",
        describe={
            "id": "Stable key: hash of article and position",
            "article_id": "The article, see articles",
            "position": "0 for the first hop",
            "from_url": "URL that answered with a redirect",
            "to_url": "Where it pointed",
            "status": "HTTP status (301, 302, 307, 308)",
        },
    ),
    Table(
        "errors",
        {"id": int, "stage": str, "item": str, "message": str, "at": str, "step": str, "source": str},
        pk="id",
        description="Inputs and items a stage skipped, and why. The rest of the run went on.",
        describe={
            "id": "Row number",
            "stage": "ingest, extract, evidence or link",
            "item": "What was skipped: the URL or path (ingest, evidence), article id (extract) or claim id (link)",
            "message": "What went wrong, in one line",
            "at": "When (UTC)",
            "step": "For ingest, the step that failed: read, robots, fetch, decode, parse, extract or store; or note: the article was stored, with the caveat in message",
            "source": "For ingest, the file, feed, sitemap or URL list the input came from",
        },
    ),
    Table(
        "work_leases",
        {"stage": str, "item": str, "owner": str, "host": str, "pid": int, "expires_at": str},
        pk=("stage", "item"),
        description=(
            "Items a running stage has claimed, so that runs in parallel do not redo each other's work. "
            "A lease expires, and one whose process has died is freed, so a killed run holds nothing."
        ),
        describe={
            "stage": "The stage that claimed the item: extract",
            "item": "Article id (or other item) being worked on",
            "owner": "The run holding it: host, process id and a random token",
            "host": "Host name of the claiming process",
            "pid": "Process id of the claiming process",
            "expires_at": "When the claim lapses unless renewed (UTC, ISO 8601)",
        },
    ),
    Table(
        "actors",
        {
            "id": str, "name": str, "type": str, "description": str, "wikidata": str,
            "affiliation_id": str, "country": str, "source": str,
        },
        pk="id",
        foreign_keys=(("affiliation_id", "actors", "id"),),
        description="People, organisations, countries and groups that speak or are spoken about, one row per real-world actor.",
        describe={
            "id": "Stable key: slug of the canonical name",
            "name": "Canonical name, e.g. North Korea",
            "type": "person, organisation, country, group or unnamed (a described source such as a researcher)",
            "description": "Short description (from the gazetteer or the text)",
            "wikidata": "Wikidata id, when known",
            "affiliation_id": "Organisation or country the actor belongs to, see actors",
            "country": "ISO 3166-1 alpha-2 code: the country itself for a country actor, else its country when known",
            "source": "Where the actor came from: gazetteer, ner or description",
        },
    ),
    Table(
        "actor_aliases",
        {"actor_id": str, "alias_key": str, "alias": str, "source": str},
        pk=("actor_id", "alias_key"),
        foreign_keys=(("actor_id", "actors", "id"),),
        description="Every name an actor goes by ('N. Korea', 'Pyongyang', 'North Korea').",
        describe={
            "actor_id": "The actor, see actors",
            "alias_key": "Normalised form used for matching (lower case, no punctuation)",
            "alias": "The alias as written",
            "source": "gazetteer, text (seen in an article) or surname",
        },
    ),
    Table(
        "actor_roles",
        {
            "id": str, "actor_id": str, "article_id": str, "role": str, "affiliation_id": str,
            "start": int, "end": int,
        },
        pk="id",
        foreign_keys=(
            ("actor_id", "actors", "id"),
            ("article_id", "articles", "id"),
            ("affiliation_id", "actors", "id"),
        ),
        description="Titles and roles that an article gives an actor ('U.S. Ambassador to the U.N.').",
        describe={
            "id": "Stable key: hash of article, actor and offsets",
            "actor_id": "Who holds the role, see actors",
            "article_id": "The article that says so, see articles",
            "role": "Role or title as written",
            "affiliation_id": "Organisation or country of the role, see actors",
            "start": "Start offset of the role in articles.text",
            "end": "End offset (exclusive)",
        },
    ),
    Table(
        "mentions",
        {
            "id": str, "article_id": str, "actor_id": str, "start": int, "end": int, "text": str,
            "label": str, "method": str, "field": str,
        },
        pk="id",
        foreign_keys=(("article_id", "articles", "id"), ("actor_id", "actors", "id")),
        description="Each place an article names (or refers back to) an actor.",
        describe={
            "id": "Stable key: hash of article and offsets",
            "article_id": "The article, see articles",
            "actor_id": "The actor, see actors",
            "start": "Start offset in articles.text",
            "end": "End offset (exclusive)",
            "text": "The mention as written",
            "label": "Entity label: PERSON, ORG, GPE, NORP (a demonym), PRON (a pronoun) or NOUN (an unnamed source)",
            "method": "How it was found: gazetteer, ner, alias, surname, demonym, description (an unnamed source), pronoun or nominal",
            "field": FIELD_DESCRIPTION,
        },
    ),
    Table(
        "statements",
        {
            "id": str, "article_id": str, "speaker_id": str, "speaker_text": str,
            "speaker_start": int, "speaker_end": int, "cue": str, "cue_start": int, "cue_end": int,
            "content": str, "start": int, "end": int, "kind": str, "sentence_start": int,
            "sentence_end": int, "method": str, "field": str,
        },
        pk="id",
        foreign_keys=(("article_id", "articles", "id"), ("speaker_id", "actors", "id")),
        description="Who said what: direct quotes and reported speech, with speaker, cue and content spans.",
        describe={
            "id": "Stable key: hash of article and content offsets",
            "article_id": "The article, see articles",
            "speaker_id": "The speaker, see actors (null when the article does not say who)",
            "speaker_text": "The speaker as written where it was attributed ('she', 'a security researcher')",
            "speaker_start": "Start offset of speaker_text",
            "speaker_end": "End offset of speaker_text",
            "cue": "The speech verb or phrase ('said', 'told reporters', 'according to')",
            "cue_start": "Start offset of the cue",
            "cue_end": "End offset of the cue",
            "content": "What was said",
            "start": "Start offset of the content in articles.text",
            "end": "End offset of the content (exclusive)",
            "kind": "direct (in quotation marks), indirect (reported) or mixed",
            "sentence_start": "Start offset of the sentence(s) holding the statement",
            "sentence_end": "End offset of the sentence(s)",
            "method": "Rule that found it",
            "field": FIELD_DESCRIPTION,
        },
    ),
    Table(
        "claims",
        {
            "id": str, "article_id": str, "statement_id": str, "source_actor_id": str,
            "type": str, "subject_id": str, "object_id": str, "polarity": str,
            "certainty": float, "hedge": str, "condition": str, "event_time": str, "event_time_end": str,
            "event_time_text": str, "text": str, "start": int, "end": int,
            "sentence": str, "sentence_start": int, "sentence_end": int, "method": str, "field": str,
        },
        pk="id",
        foreign_keys=(
            ("article_id", "articles", "id"),
            ("statement_id", "statements", "id"),
            ("source_actor_id", "actors", "id"),
            ("subject_id", "actors", "id"),
            ("object_id", "actors", "id"),
        ),
        description="Checkable propositions: who accuses, denies, threatens or reports what, with polarity, certainty and time.",
        describe={
            "id": "Stable key: hash of article, type and offsets",
            "article_id": "The article, see articles",
            "statement_id": "The statement that carries the claim (null when the article itself asserts it)",
            "source_actor_id": "Who makes the claim, see actors (null: the article, unattributed)",
            "type": "Claim type, see the vocabulary: accuses, denies, threatens, claims_responsibility, reports_measurement, ...",
            "subject_id": "Actor the claim is made by or about as grammatical subject",
            "object_id": "Actor the claim is directed at (the accused, the threatened)",
            "polarity": "positive, or negative when the claim is negated",
            "certainty": "1.0 for a flat assertion, lower when hedged (could, might, possible)",
            "hedge": "The hedging words, when any",
            "condition": "The condition the claim depends on, when any ('If there is a nation-state involved')",
            "event_time": "When the claimed event happened, ISO 8601, resolved against the article's date",
            "event_time_end": "End of the event time interval, when it is one",
            "event_time_text": "The time expression as written ('Monday', 'noon Tuesday local time')",
            "text": "The claim's text span",
            "start": "Start offset in articles.text",
            "end": "End offset (exclusive)",
            "sentence": "The sentence holding the claim",
            "sentence_start": "Start offset of the sentence",
            "sentence_end": "End offset of the sentence",
            "method": "Rule that found it",
            "field": FIELD_DESCRIPTION,
        },
    ),
    Table(
        "quantities",
        {
            "id": str, "article_id": str, "claim_id": str, "text": str, "start": int, "end": int,
            "value": float, "unit": str, "kind": str, "normalized_value": float,
            "normalized_unit": str, "qualifier": str, "field": str,
        },
        pk="id",
        foreign_keys=(("article_id", "articles", "id"), ("claim_id", "claims", "id")),
        description="Numbers quoted in claims, with units and a normalised value for comparison with measurements.",
        describe={
            "id": "Stable key: hash of article and offsets",
            "article_id": "The article, see articles",
            "claim_id": "The claim it belongs to, see claims",
            "text": "As written ('1,024 IP addresses', 'more than two hours')",
            "start": "Start offset in articles.text",
            "end": "End offset (exclusive)",
            "value": "The number (1024, 9, 5.97)",
            "unit": "The unit as normalised: ip_addresses, hours, Gbps, ...",
            "kind": "count, duration, rate, money, percent or other",
            "normalized_value": "Value in the base unit of its kind (seconds, bit/s, addresses)",
            "normalized_unit": "The base unit: s, bit/s, addresses, USD, percent",
            "qualifier": "exact, approximately, at_least, more_than, at_most, less_than",
            "field": FIELD_DESCRIPTION,
        },
    ),
    Table(
        "evidence_sources",
        {
            "id": str, "name": str, "format": str, "path": str, "url": str, "licence": str,
            "retrieved_at": str, "imported_at": str, "sha256": str, "size": int, "records": int,
            "description": str,
        },
        pk="id",
        description="Measurement data files that were imported, with their provenance.",
        describe={
            "id": "Stable key: SHA-256 of the file",
            "name": "File name",
            "format": "Evidence format, by its name in the evidence format registry (claimgraph evidence import --help lists them)",
            "path": "Where it was imported from",
            "url": "Where the data is published",
            "licence": "Licence or conditions of use",
            "retrieved_at": "When the data was retrieved from its publisher",
            "imported_at": "When it was imported here (UTC)",
            "sha256": "SHA-256 of the file",
            "size": "File size in bytes",
            "records": "Number of measurements imported from it",
            "description": "What the file holds",
        },
    ),
    Table(
        "measurements",
        {
            "id": str, "source_id": str, "kind": str, "subject_type": str, "subject": str,
            "country": str, "start": str, "end": str, "value": float, "unit": str,
            "pointer": str, "details": str,
        },
        pk="id",
        foreign_keys=(("source_id", "evidence_sources", "id"),),
        description="What was measured or registered: allocations, announcements, outages, published figures.",
        describe={
            "id": "Stable key: hash of source, pointer and kind",
            "source_id": "The file it came from, see evidence_sources",
            "kind": "ipv4_allocation, asn_allocation, ipv6_allocation, announcement, withdrawal, reachability, outage, published_figure, ...",
            "subject_type": "country, asn, prefix or actor",
            "subject": "The subject: KP, AS131279, 175.45.176.0/22, ...",
            "country": "ISO 3166 alpha-2 country code of the subject, when known",
            "start": "Start of the measured interval (UTC, ISO 8601)",
            "end": "End of the interval (UTC)",
            "value": "The measured value",
            "unit": "Unit of value: addresses, asns, s, bit/s, prefixes, ...",
            "pointer": "Where in the source file: line number, byte offset or JSON path",
            "details": "Further fields as JSON",
        },
    ),
    Table(
        "claim_frames",
        {
            "id": str, "claim_id": str, "article_id": str, "kind": str, "subject": str, "subject_name": str,
            "attribute": str, "role": str, "written": str, "start": int, "end": int, "qualifier": str,
            "unit": str, "low": float, "high": float, "claimed": str, "ordinal": int, "readings": str,
            "event_id": str, "event_label": str, "binding": str, "note": str,
        },
        pk="id",
        foreign_keys=(("claim_id", "claims", "id"), ("article_id", "articles", "id"), ("event_id", "measurements", "id")),
        description=(
            "Event frames: what each figure or clock time of a claim says about which measured event "
            "(kind, subject, attribute, claimed interval); rebuilt by the link stage."
        ),
        describe={
            "id": "Stable key: hash of claim, attribute, figure and offset",
            "claim_id": "The claim, see claims",
            "article_id": "The article, see articles",
            "kind": "Event kind from the vocabulary: outage, degradation, attack (null: the text names no event)",
            "subject": "Whose event: country:KP or actor:<alias key> (null: not known)",
            "subject_name": "The subject's name, e.g. North Korea",
            "attribute": "start, end, duration, rate or under_way (a moment the event was going on)",
            "role": (
                "measurement (checkable), period_before (a stretch before the event), since_other_event "
                "(time since something else), no_zone (a clock time without a zone) or no_event"
            ),
            "written": "The figure or time as written ('more than 9 1/2 hours', '3:40 p.m. local time')",
            "start": "Start offset of the figure in articles.text (null when the claim has no offsets)",
            "end": "End offset (exclusive)",
            "qualifier": "exact, approximately, nearly, just_over, more_than, at_least, less_than, at_most, day, by, ...",
            "unit": "s (durations), bit/s or packets/s (rates), utc (moments)",
            "low": "Lower end of the claimed interval: seconds, bit/s, or Unix time for moments (null: unbounded)",
            "high": "Upper end of the claimed interval (null: unbounded)",
            "claimed": "The claimed interval in words",
            "ordinal": "1, 2, 3 for 'first/second/third outage', 0 for 'again'/'another', null otherwise",
            "readings": "JSON list of the readings (label, low, high); several when the time zone labels disagree",
            "event_id": "The measured event the frame is bound to, see measurements (null: none or ambiguous)",
            "event_label": "That event in words ('the second outage of North Korea, 23 Dec 2014 15:41-16:12 UTC')",
            "binding": "How the event was chosen (ordinal, the time the claim names, the week before the article)",
            "note": "Why the frame cannot be checked, or how its zone was read",
        },
    ),
    Table(
        "claim_evidence",
        {
            "claim_id": str, "measurement_id": str, "frame_id": str, "verdict": str, "rule": str,
            "claimed": str, "measured": str, "explanation": str, "linked_at": str,
        },
        pk=("claim_id", "measurement_id", "frame_id"),
        foreign_keys=(("claim_id", "claims", "id"), ("measurement_id", "measurements", "id")),
        not_null=("frame_id",),
        defaults={"frame_id": ""},
        description="A claim checked against a measurement: the verdict and why.",
        describe={
            "claim_id": "The claim, see claims",
            "measurement_id": "The measurement, see measurements",
            "frame_id": "The frame of the claim that was checked, see claim_frames ('' for an address count)",
            "verdict": "supports, contradicts or inconclusive",
            "rule": "The comparison rule and tolerance used",
            "claimed": "The figure as claimed",
            "measured": "The figure as measured",
            "explanation": "One sentence a journalist can read",
            "linked_at": "When the link stage made this verdict (UTC)",
        },
    ),
    Table(
        "claim_clusters",
        {
            "id": str, "type": str, "label": str, "subject_id": str, "object_id": str,
            "first_claim_id": str, "first_article_id": str, "first_outlet_id": str,
            "first_published": str, "n_claims": int, "n_outlets": int, "variants": str,
            "conflicting": int, "note": str, "event_id": str, "attribute": str,
        },
        pk="id",
        foreign_keys=(
            ("subject_id", "actors", "id"),
            ("object_id", "actors", "id"),
            ("first_claim_id", "claims", "id"),
            ("first_article_id", "articles", "id"),
            ("first_outlet_id", "outlets", "id"),
        ),
        description="The same underlying claim reported by several articles and outlets.",
        describe={
            "id": "Stable key: hash of the member claim ids",
            "type": "Claim type shared by the members",
            "label": "Short description of the claim",
            "subject_id": "Shared subject actor",
            "object_id": "Shared object actor",
            "first_claim_id": "Earliest member claim in this database (a story continued from the previous period "
                              "began with a report in claim_cluster_earlier)",
            "first_article_id": "Article that reported it first in this database",
            "first_outlet_id": "Outlet that reported it first in this database",
            "first_published": "When it was first reported in this database",
            "n_claims": "Number of member claims, those of the previous period (claim_cluster_earlier) included",
            "n_outlets": "Number of distinct outlets reporting it, the previous period's included",
            "variants": "JSON list of the distinct figures quoted ('9 hours', '9.5 hours')",
            "conflicting": "1 when outlets quote figures that do not agree",
            "note": "Why the figures conflict, when they do: which outlets disagree beyond their stated precision, and by how much",
            "event_id": "For a story about a measured event: that event, see measurements",
            "attribute": "For a story about a measured event: the attribute its reports give (duration, start, end, rate)",
        },
    ),
    Table(
        "claim_cluster_members",
        {"claim_id": str, "cluster_id": str},
        pk="claim_id",
        foreign_keys=(("claim_id", "claims", "id"), ("cluster_id", "claim_clusters", "id")),
        description="Which claims belong to which cluster.",
        describe={"claim_id": "The claim, see claims", "cluster_id": "Its cluster, see claim_clusters"},
    ),
    Table(
        "claim_cluster_earlier",
        {
            "claim_id": str, "cluster_id": str, "period": str, "earlier_cluster_id": str, "article_id": str,
            "article_title": str, "article_url": str, "outlet_id": str, "outlet_name": str, "published": str,
            "published_utc": str, "type": str, "text": str,
        },
        pk="claim_id",
        foreign_keys=(("cluster_id", "claim_clusters", "id"),),
        description="Reports of the previous period's database that a story of this one continues "
                    "(`claimgraph link --previous`): copies of what the story page shows, so this file stands alone. "
                    "Their ids name rows of that database, not of this one.",
        describe={
            "claim_id": "The claim, in the previous period's database",
            "cluster_id": "The story it belongs to here, see claim_clusters",
            "period": "The previous period's database, as Datasette names it (its file name without .db)",
            "earlier_cluster_id": "The claim's cluster in the previous period's database, if it had one there",
            "article_id": "Its article, in the previous period's database",
            "article_title": "The article's headline",
            "article_url": "The article's address",
            "outlet_id": "The article's outlet",
            "outlet_name": "The outlet's name",
            "published": "When the article was published, as written",
            "published_utc": "The same in UTC, sortable",
            "type": "Claim type",
            "text": "The claim as written",
        },
    ),
    Table(
        "partitions",
        {
            "id": str, "stage": str, "options": str, "position": int, "first_item": str, "last_item": str,
            "files": str, "size": int, "planned_at": str, "committed_at": str, "seconds": float,
        },
        pk="id",
        description="The plan of the last distributed (--dask) run of each stage: its work units, in commit order, "
                    "and which are committed, so a killed run resumes with the rest.",
        describe={
            "id": "Stable key: hash of stage, plan time and position",
            "stage": "ingest or extract",
            "options": "The run's settings that decide what a partition holds (a new plan replaces an unfinished one with other settings)",
            "position": "Commit order, from 0",
            "first_item": "First article id (extract) or file (ingest) of the partition",
            "last_item": "Last article id (extract) or file (ingest); extract partitions hold the pending articles from first_item to last_item",
            "files": "ingest: JSON list of the files the partition reads",
            "size": "Articles (extract) or files (ingest) planned",
            "planned_at": "When the plan was made (UTC)",
            "committed_at": "When the writer committed the partition's rows (UTC); empty while pending",
            "seconds": "Wall time from submitting the partition to its commit",
        },
    ),
)

TABLES_BY_NAME = {table.name: table for table in TABLES}

# (table, columns, unique)
INDEXES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("articles", ("canonical_url",), False),
    ("articles", ("text_sha256",), False),
    ("articles", ("outlet_id",), False),
    ("articles", ("published",), False),
    ("articles", ("published_utc", "id"), False),  # graph queries list claims by publication time
    ("redirects", ("article_id",), False),
    ("article_authors", ("article_id",), False),
    ("article_authors", ("name",), False),
    ("actor_aliases", ("alias_key",), False),
    ("actor_roles", ("actor_id",), False),
    ("actor_roles", ("article_id",), False),
    ("mentions", ("article_id",), False),
    ("mentions", ("actor_id",), False),
    ("statements", ("article_id",), False),
    ("statements", ("speaker_id",), False),
    ("statements", ("speaker_id", "article_id"), False),  # covers top-speakers' counts (graph queries)
    ("claims", ("article_id",), False),
    ("claims", ("statement_id",), False),
    ("claims", ("source_actor_id",), False),
    ("claims", ("subject_id",), False),
    ("claims", ("object_id",), False),
    ("claims", ("type",), False),
    ("quantities", ("claim_id",), False),
    ("quantities", ("article_id",), False),
    ("measurements", ("source_id",), False),
    ("measurements", ("subject_type", "subject"), False),
    ("measurements", ("country", "kind"), False),
    ("claim_evidence", ("measurement_id",), False),
    ("claim_frames", ("claim_id",), False),
    ("claim_frames", ("event_id",), False),
    ("claim_cluster_members", ("cluster_id",), False),
    ("claim_cluster_earlier", ("cluster_id",), False),
)

# table -> columns indexed for full-text search (FTS5, kept in sync by triggers)
FTS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "text"),
    "statements": ("content", "speaker_text"),
    "claims": ("text", "sentence"),
}
