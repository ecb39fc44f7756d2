"""IODA (Internet Outage Detection and Analysis, https://ioda.inetintel.cc.gatech.edu/) API v2 responses.

Three response kinds, told apart by their ``type`` member or, failing that, by shape:

``outages/events`` (``{"type": "outages.events", "data": [{"location": "country/KP",
"start": <epoch>, "duration": <s>, "score": ...}]}``; an ``entity`` object
``{"type": "country", "code": "KP"}`` may stand instead of ``location``)
    one ``outage`` per event, with ``end = start + duration``.
``outages/alerts`` (``data: [{"entity": {"type": "country", "code": "KP"}, "datasource":
"bgp", "time": <epoch>, "level": "critical", "value": ..., "historyValue": ...}]``)
    one ``ioda_alert`` per alert; the level and the baseline go into details.
``signals/raw`` (``data: [[{"entityType": "country", "entityCode": "KP", "datasource": "bgp",
"from": <epoch>, "until": <epoch>, "step": 300, "values": [...]}]]``)
    one ``signal_<datasource>`` measurement per non-null value and time step.

Entities become subjects: ``country/KP`` -> country KP, ``asn/131279`` -> AS131279.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..timeutil import epoch_to_utc_iso
from .formats import ImportContext, load_json
from .resources import CountryResources

_KEYS = re.compile(rb'"(outages\.(events|alerts|summary)|signals\.raw|entityType|entityCode)"|"location"\s*:\s*"(country|asn|region)/')
SIGNAL_UNITS = {"bgp": "prefixes_visible", "ping-slash24": "slash24s_responding", "merit-nt": "source_ips"}


def sniff(head: bytes, path) -> bool:
    return head.lstrip()[:1] in (b"{", b"[") and bool(_KEYS.search(head))


def read_ioda(context: ImportContext) -> Iterator[dict]:
    """Yield the outages, alerts or signal values of one IODA response."""
    document = load_json(context)
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, list):
        raise context.error("$.data", "expected an IODA response with a 'data' list")
    kind = str(document.get("type") or "")
    resources = CountryResources.from_db(context.db)
    context.source.setdefault("url", "https://api.ioda.inetintel.cc.gatech.edu/v2/")
    try:
        if kind.startswith("signals") or (data and isinstance(data[0], list)):
            context.source.setdefault("description", "IODA raw signals")
            yield from _signals(context, data, resources)
        elif kind.endswith("alerts") or (data and isinstance(data[0], dict) and "level" in data[0]):
            context.source.setdefault("description", "IODA outage alerts")
            yield from _alerts(context, data, resources)
        else:
            context.source.setdefault("description", "IODA outage events")
            yield from _events(context, data, resources)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise context.error("$.data", f"IODA {kind or 'response'} has the wrong shape ({type(error).__name__}: {error})") from None


def _entity(entity_type: str, code: object, resources: CountryResources) -> tuple[str, str, str | None]:
    """(subject_type, subject, country) of an IODA entity."""
    code = str(code)
    if entity_type == "country":
        return "country", code.upper(), code.upper()
    if entity_type == "asn":
        subject = f"AS{code.upper().removeprefix('AS')}"
        return "asn", subject, resources.country_of_asn(subject)
    return entity_type, code, None


def _events(context, data, resources) -> Iterator[dict]:
    for index, event in enumerate(data):
        where = f"$.data[{index}]"
        if not isinstance(event, dict):
            raise context.error(where, "expected an outage event object")
        if isinstance(event.get("entity"), dict):
            entity_type, code = event["entity"]["type"], event["entity"]["code"]
        else:
            entity_type, _, code = str(event["location"]).partition("/")
            if not code:
                raise context.error(f"{where}.location", f"location {event['location']!r} is not TYPE/CODE")
        subject_type, subject, country = _entity(entity_type, code, resources)
        start, duration = int(event["start"]), int(event["duration"])
        yield {"kind": "outage", "subject_type": subject_type, "subject": subject, "country": country,
               "start": epoch_to_utc_iso(start), "end": epoch_to_utc_iso(start + duration), "value": float(duration), "unit": "s",
               "pointer": where, "details": {key: event[key] for key in ("score", "method", "location_name") if key in event}}


def _alerts(context, data, resources) -> Iterator[dict]:
    for index, alert in enumerate(data):
        where = f"$.data[{index}]"
        if not isinstance(alert, dict):
            raise context.error(where, "expected an alert object")
        entity = alert["entity"]
        subject_type, subject, country = _entity(entity["type"], entity["code"], resources)
        when = epoch_to_utc_iso(int(alert["time"]))
        yield {"kind": "ioda_alert", "subject_type": subject_type, "subject": subject, "country": country,
               "start": when, "end": when, "value": float(alert["value"]) if alert.get("value") is not None else None,
               "unit": SIGNAL_UNITS.get(alert["datasource"], alert["datasource"]), "pointer": where,
               "details": {key: alert.get(key) for key in ("datasource", "level", "condition", "historyValue")}}


def _signals(context, data, resources) -> Iterator[dict]:
    for outer, series_list in enumerate(data):
        if not isinstance(series_list, list):
            raise context.error(f"$.data[{outer}]", "expected a list of signal series")
        for inner, series in enumerate(series_list):
            where = f"$.data[{outer}][{inner}]"
            subject_type, subject, country = _entity(series["entityType"], series["entityCode"], resources)
            start, step = int(series["from"]), int(series["step"])
            if step <= 0:
                raise context.error(f"{where}.step", f"step {step} must be positive")
            source = series["datasource"]
            for position, value in enumerate(series["values"]):
                if value is None:
                    continue
                moment = start + position * step
                yield {"kind": f"signal_{source.replace('-', '_')}", "subject_type": subject_type, "subject": subject,
                       "country": country, "start": epoch_to_utc_iso(moment), "end": epoch_to_utc_iso(moment + step),
                       "value": float(value), "unit": SIGNAL_UNITS.get(source, source),
                       "pointer": f"{where}.values[{position}]"}
