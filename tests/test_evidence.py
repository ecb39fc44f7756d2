"""Evidence import: every format from small files, provenance, re-imports and bad input.

The MRT importer has its own module (test_evidence_mrt.py); verdicts are in test_link.py.
"""

import bz2
import gzip
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.db import open_db
from claimgraph.cli import cli
from claimgraph.errors import ClaimgraphError, EvidenceFormatError, InputError
from claimgraph.evidence import import_evidence
from claimgraph.evidence.registry import sniff_format

from conftest import DATA, FIXTURES

EVIDENCE = FIXTURES / "evidence"
APNIC = EVIDENCE / "delegated-apnic-excerpt.txt"


@pytest.fixture
def db(copied_db):
    """Every test here starts from a copy of the empty database (see conftest)."""
    return copied_db


def measurements(db, **where):
    clause = " and ".join(f"{key} = ?" for key in where) or "1"
    return list(db.query(f"select * from measurements where {clause} order by pointer", list(where.values())))


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    "name, expected",
    [
        ("delegated-apnic-excerpt.txt", "rir"),
        ("quagga_bgp", "mrt"),
        ("quagga_rib", "mrt"),
        ("routing-status.data.json", "ripestat"),
        ("bgp-updates.data.json", "ripestat"),
        ("ioda-events.synthetic.json", "ioda"),
        ("ioda-signals.synthetic.json", "ioda"),
        ("outages.synthetic.csv", "csv"),
    ],
)
def test_the_format_is_sniffed_from_the_content_not_the_name(tmp_path, name, expected):
    anonymous = tmp_path / "upload.bin"
    shutil.copy(EVIDENCE / name, anonymous)
    assert sniff_format(anonymous).name == expected


def test_published_figures_are_sniffed():
    assert sniff_format(DATA / "evidence" / "published-figures.yml").name == "figures"


def test_compressed_files_are_sniffed_after_decompression(tmp_path):
    packed = tmp_path / "delegated.gz"
    packed.write_bytes(gzip.compress(APNIC.read_bytes()))
    assert sniff_format(packed).name == "rir"


def test_a_file_of_no_known_format_is_refused_with_a_hint(db, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Just some prose without any structure at all.\n")
    with pytest.raises(InputError, match=r"notes\.txt: cannot tell the evidence format.*--format"):
        import_evidence(db, notes)


# --------------------------------------------------------------------------- RIR delegated statistics


def test_delegated_stats_give_north_korea_its_addresses_and_as(db):
    result = import_evidence(db, APNIC)
    assert result.summary() == "Imported 47 measurements from delegated-apnic-excerpt.txt (rir)"
    (block,) = measurements(db, country="KP", kind="ipv4_allocation")
    assert (block["subject_type"], block["subject"], block["value"], block["unit"], block["start"]) == (
        "prefix", "175.45.176.0/22", 1024.0, "addresses", "2009-12-21")
    assert block["pointer"] == "line 63"
    assert APNIC.read_text().splitlines()[62] == "apnic|KP|ipv4|175.45.176.0|1024|20091221|allocated"
    (asn,) = measurements(db, country="KP", kind="asn_allocation")
    assert (asn["subject"], asn["value"], asn["unit"]) == ("AS131279", 1.0, "asns")
    ipv6 = measurements(db, kind="ipv6_allocation")
    assert len(ipv6) == 5 and all("/" in row["subject"] for row in ipv6)


def test_the_source_row_records_provenance_from_the_file_header(db):
    import_evidence(db, APNIC)
    (source,) = db["evidence_sources"].rows
    assert source["format"] == "rir"
    assert source["retrieved_at"] == "2014-10-09"
    assert source["url"] == "https://ftp.apnic.net/stats/apnic/"
    assert "APNIC will not be held responsible" in source["licence"]
    assert source["records"] == 47 and source["size"] == APNIC.stat().st_size
    assert source["id"] == source["sha256"] and len(source["sha256"]) == 64


def test_provenance_yml_beside_the_file_overrides_what_the_file_says(db):
    import_evidence(db, DATA / "evidence" / "delegated-apnic-excerpt.txt")
    (source,) = db["evidence_sources"].rows
    assert source["url"] == "https://ftp.apnic.net/stats/apnic/delegated-apnic-latest"
    assert "bestroutetb" in source["description"]


def test_extended_format_ranges_that_are_not_one_cidr_and_other_statuses(db, tmp_path):
    extended = tmp_path / "delegated-ripencc-extended-latest"
    extended.write_text(
        "2.3|ripencc|20141222|4|19830705|20141222|+0100\n"
        "ripencc|*|ipv4|*|3|summary\n"
        "ripencc|AT|ipv4|193.0.0.0|1536|20140101|allocated|a1b2c3\n"
        "ripencc|AT|asn|64512|4|20140101|assigned|a1b2c3\n"
        "ripencc||ipv4|194.0.0.0|256||available\n"
        "ripencc|ZZ|ipv4|195.0.0.0|256||reserved|\n"
    )
    result = import_evidence(db, extended)
    assert result.records == 2
    block = measurements(db, kind="ipv4_allocation")[0]
    assert block["subject"] == "193.0.0.0-193.0.5.255"
    assert json.loads(block["details"])["networks"] == ["193.0.0.0/22", "193.0.4.0/23"]
    assert json.loads(block["details"])["opaque_id"] == "a1b2c3"
    assert measurements(db, kind="asn_allocation")[0]["subject"] == "AS64512-AS64515"


def test_reimporting_the_same_bytes_is_a_no_op_whatever_the_name(db, tmp_path):
    import_evidence(db, APNIC)
    copy = tmp_path / "renamed.txt"
    shutil.copy(APNIC, copy)
    again = import_evidence(db, copy)
    assert again.already_imported
    assert again.summary() == "Already imported renamed.txt (rir): nothing to do"
    assert db["evidence_sources"].count == 1 and db["measurements"].count == 47


def test_a_file_changed_in_place_replaces_its_earlier_version(db, tmp_path):
    figures = tmp_path / "figures.yml"
    entry = "  - {{id: dyn, kind: outage, subject: KP, value: {value}, unit: s, citation: {{url: 'https://example.org/a', date: 2014-12-22}}}}\n"
    figures.write_text("figures:\n" + entry.format(value=34200))
    import_evidence(db, figures)
    figures.write_text("figures:\n" + entry.format(value=34260))
    result = import_evidence(db, figures)
    assert "replaces the earlier version" in result.summary()
    assert [row["value"] for row in measurements(db)] == [34260.0]
    assert db["evidence_sources"].count == 1
    figures.write_text("figures:\n" + entry.format(value="'long'"))
    with pytest.raises(EvidenceFormatError):
        import_evidence(db, figures)
    assert [row["value"] for row in measurements(db)] == [34260.0], "a broken new version keeps the old one"
    other = tmp_path / "copy" / "figures.yml"
    other.parent.mkdir()
    other.write_text("figures:\n" + entry.format(value=60))
    import_evidence(db, other)
    assert db["evidence_sources"].count == 2, "a file of the same name elsewhere is another source"


def test_a_malformed_delegated_line_names_file_and_line_and_imports_nothing(db, tmp_path):
    lines = APNIC.read_text().splitlines()
    lines[62] = "apnic|KP|ipv4|175.45.176|1024|20091221|allocated"
    broken = tmp_path / "delegated-broken.txt"
    broken.write_text("\n".join(lines) + "\n")
    with pytest.raises(EvidenceFormatError, match=r"delegated-broken\.txt: line 63: bad ipv4 start '175\.45\.176'"):
        import_evidence(db, broken)
    assert db["evidence_sources"].count == 0
    assert db["measurements"].count == 0
    (error,) = db["errors"].rows
    assert (error["stage"], error["item"]) == ("evidence", str(broken))
    assert error["message"].startswith(f"{broken}: line 63: bad ipv4 start")


@pytest.mark.parametrize(
    "line, message",
    [
        ("apnic|KP|ipv4|175.45.176.0|many|20091221|allocated", "value 'many' is not a positive whole number"),
        ("apnic|KP|ipv4|175.45.176.0|1024|2009-12-21|allocated", "date '2009-12-21' is not YYYYMMDD"),
        ("apnic|KP|ipv5|175.45.176.0|1024|20091221|allocated", "unknown resource type 'ipv5'"),
        ("apnic|KP|ipv4|175.45.176.0|1024|20091221", "expected registry|cc|type|start|value|date|status"),
        ("apnic|KP|asn|131279|1|20091221|stolen", "unknown status 'stolen'"),
    ],
)
def test_each_kind_of_bad_record_is_explained(db, tmp_path, line, message):
    broken = tmp_path / "delegated.txt"
    broken.write_text("2|apnic|20141009|1|19850701|20141008|+1000\n" + line + "\n")
    with pytest.raises(EvidenceFormatError) as error:
        import_evidence(db, broken, format="rir")
    assert str(error.value).startswith(f"{broken}: line 2: ")
    assert message in str(error.value)


def test_gzip_and_bzip2_files_import_the_same_records(db, tmp_path):
    for name, pack in (("d.gz", gzip.compress), ("d.bz2", bz2.compress)):
        packed = tmp_path / name
        packed.write_bytes(pack(APNIC.read_bytes()))
        assert import_evidence(db, packed).records == 47


# --------------------------------------------------------------------------- published figures


def test_published_figures_keep_their_citation(db):
    result = import_evidence(db, DATA / "evidence" / "published-figures.yml")
    assert result.records == 7
    outage = next(row for row in measurements(db, kind="outage") if row["start"].startswith("2014-12-22"))
    assert (outage["start"], outage["end"], outage["value"], outage["unit"]) == (
        "2014-12-22T16:15:00+00:00", "2014-12-23T01:46:00+00:00", 34260.0, "s")
    details = json.loads(outage["details"])
    assert details["reported_by"] == "Dyn Research"
    assert details["citation"]["url"].startswith("https://hub.dyn.com/")
    assert details["citation"]["date"] == "2014-12-22"
    (peak,) = measurements(db, kind="attack_peak_rate")
    assert (peak["value"], peak["unit"], peak["country"]) == (5.97e9, "bit/s", "KP")


def test_a_figure_without_a_citation_is_refused_with_its_line(db, tmp_path):
    figures = tmp_path / "figures.yml"
    figures.write_text(
        "figures:\n"
        "  - id: ok\n    kind: outage\n    subject: KP\n    value: 60\n    unit: s\n"
        "    citation: {url: 'https://example.org/a', date: 2014-12-22}\n"
        "  - id: uncited\n    kind: outage\n    subject: KP\n    value: 60\n"
    )
    with pytest.raises(EvidenceFormatError, match=r"figures\.yml: line 8: figure is missing citation"):
        import_evidence(db, figures)
    assert db["measurements"].count == 0


def test_a_figure_about_a_country_needs_its_iso_code(db, tmp_path):
    figures = tmp_path / "figures.yml"
    figures.write_text("figures:\n  - {id: x, kind: outage, subject: North Korea, value: 60, "
                       "citation: {url: 'https://example.org/a', date: 2014-12-22}}\n")
    with pytest.raises(EvidenceFormatError, match=r"figures\.yml: line 2: figure 'x': country 'North Korea' is not an ISO"):
        import_evidence(db, figures)


# --------------------------------------------------------------------------- RIPEstat


def test_ripestat_routing_status(db):
    import_evidence(db, EVIDENCE / "routing-status.data.json")
    rows = {row["kind"] + ":" + row["pointer"]: row for row in measurements(db)}
    addresses = rows["announced_addresses:$.announced_space.v4.ips"]
    assert (addresses["subject"], addresses["value"], addresses["start"]) == ("AS3333", 4608.0, "2017-07-22T16:00:00+00:00")
    seeing = rows["ris_visibility:$.visibility.v6"]
    assert seeing["value"] == 159.0 and json.loads(seeing["details"])["total_ris_peers"] == 160


def test_ripestat_bgp_updates_keep_the_withdrawal(db):
    import_evidence(db, EVIDENCE / "bgp-updates.data.json")
    assert len(measurements(db, kind="announcement")) == 17
    (withdrawal,) = measurements(db, kind="withdrawal")
    assert withdrawal["subject"] == "140.78.0.0/16"
    assert withdrawal["pointer"].startswith("$.updates[")


def test_ripestat_announced_prefixes_become_visibility_intervals(db):
    import_evidence(db, EVIDENCE / "announced-prefixes.data.json")
    rows = measurements(db, kind="announcement")
    assert len(rows) == 7
    assert {row["start"] for row in rows} == {"2017-07-08T16:00:00+00:00"}
    assert json.loads(rows[0]["details"])["origin_as"] == "AS3333"


def test_ripestat_country_resources_need_to_know_the_country(db, tmp_path):
    bare = EVIDENCE / "country-resource-list.data.json"
    with pytest.raises(EvidenceFormatError, match="does not say which country; pass --mapping country=XX"):
        import_evidence(db, bare)
    result = import_evidence(db, bare, mapping="country=at")
    assert result.records > 1000
    assert {row["country"] for row in measurements(db)} == {"AT"}
    assert measurements(db, kind="asn_allocation")


def test_ripestat_full_envelope_is_read_too(db, tmp_path):
    data = json.loads((EVIDENCE / "routing-status.data.json").read_text())
    envelope = tmp_path / "routing-status.json"
    envelope.write_text(json.dumps({"status": "ok", "data_call_name": "routing-status", "data": data, "time": "2017-07-22T16:00:05"}))
    import_evidence(db, envelope)
    (source,) = db["evidence_sources"].rows
    assert source["retrieved_at"] == "2017-07-22T16:00:05"
    assert measurements(db)[0]["pointer"].startswith("$.data.")


def test_ripestat_json_of_the_wrong_shape_names_the_path(db, tmp_path):
    wrong = tmp_path / "bgp-updates.json"
    wrong.write_text(json.dumps({"resource": "140.78/16", "query_starttime": "x", "updates": {"0": "not a list"}}))
    with pytest.raises(EvidenceFormatError, match=r"bgp-updates\.json: \$\.updates: expected a JSON list"):
        import_evidence(db, wrong)
    assert db["evidence_sources"].count == 0


def test_invalid_json_names_line_and_column(db, tmp_path):
    broken = tmp_path / "cut.json"
    broken.write_text('{"query_time": "2017-07-22T16:00:00",\n "resource": ')
    with pytest.raises(EvidenceFormatError, match=r"cut\.json: line 2 column 14: not valid JSON"):
        import_evidence(db, broken, format="ripestat")


# --------------------------------------------------------------------------- IODA


def test_ioda_events_become_outages(db):
    import_evidence(db, APNIC)
    import_evidence(db, EVIDENCE / "ioda-events.synthetic.json")
    country, asn = measurements(db, kind="outage")
    assert (country["subject"], country["country"], country["start"], country["end"], country["value"]) == (
        "KP", "KP", "2014-12-22T16:15:00+00:00", "2014-12-23T01:46:00+00:00", 34260.0)
    assert (asn["subject_type"], asn["subject"], asn["country"]) == ("asn", "AS131279", "KP")


def test_ioda_events_may_name_their_entity_as_an_object(db, tmp_path):
    events = tmp_path / "events.json"
    events.write_text(json.dumps({"type": "outages.events", "data": [
        {"entity": {"type": "country", "code": "KP"}, "start": 1419264900, "duration": 60}]}))
    import_evidence(db, events)
    (outage,) = measurements(db, kind="outage")
    assert (outage["subject"], outage["value"]) == ("KP", 60.0)


def test_ioda_signals_give_one_measurement_per_value(db):
    import_evidence(db, EVIDENCE / "ioda-signals.synthetic.json")
    rows = measurements(db, kind="signal_bgp")
    assert [row["value"] for row in rows] == [4.0, 4.0, 4.0, 0.0, 0.0]
    assert rows[3]["start"] == "2014-12-22T16:15:00+00:00" and rows[3]["pointer"] == "$.data[0][0].values[3]"


def test_ioda_alerts_keep_level_and_baseline(db):
    import_evidence(db, EVIDENCE / "ioda-alerts.synthetic.json")
    (alert,) = measurements(db, kind="ioda_alert")
    assert json.loads(alert["details"])["level"] == "critical"
    assert json.loads(alert["details"])["historyValue"] == 4


def test_ioda_of_the_wrong_shape(db, tmp_path):
    wrong = tmp_path / "ioda.json"
    wrong.write_text(json.dumps({"type": "outages.events", "data": [{"location": "country/KP", "start": "soon"}]}))
    with pytest.raises(EvidenceFormatError, match=r"ioda\.json: \$\.data: IODA outages\.events has the wrong shape"):
        import_evidence(db, wrong)


# --------------------------------------------------------------------------- CSV


MAPPING = "kind='outage',subject=country_code,start=outage_start,end=outage_end,value=seconds,unit='s'"


def test_csv_with_a_column_mapping_and_constants(db):
    result = import_evidence(db, EVIDENCE / "outages.synthetic.csv", mapping=MAPPING)
    assert result.records == 2
    first = measurements(db)[0]
    assert (first["kind"], first["subject_type"], first["subject"], first["country"], first["value"], first["unit"]) == (
        "outage", "country", "KP", "KP", 34260.0, "s")
    assert first["pointer"] == "line 2"
    assert json.loads(first["details"]) == {"observer": "synthetic test row"}


def test_tab_and_semicolon_separated_files_are_read_too(db, tmp_path):
    for name, separator in (("outages.tsv", "\t"), ("outages-semicolon.csv", ";")):
        table = tmp_path / name
        table.write_text(separator.join(("kind", "subject", "value", "unit")) + "\n" + separator.join(("outage", "KP", "60", "s")) + "\n")
        assert import_evidence(db, table).format == "csv"
    assert [row["value"] for row in measurements(db)] == [60.0, 60.0]


def test_csv_with_a_missing_column_says_which(db):
    with pytest.raises(EvidenceFormatError, match=r"outages\.synthetic\.csv: line 1: missing column for kind"):
        import_evidence(db, EVIDENCE / "outages.synthetic.csv")
    with pytest.raises(EvidenceFormatError, match=r"line 1: no column 'duration' for value"):
        import_evidence(db, EVIDENCE / "outages.synthetic.csv", mapping=MAPPING.replace("seconds", "duration"))


def test_csv_bad_value_names_its_line_and_nothing_is_kept(db, tmp_path):
    table = tmp_path / "outages.csv"
    table.write_text("kind,subject,value\noutage,KP,60\noutage,KP,an hour\n")
    with pytest.raises(EvidenceFormatError, match=r"outages\.csv: line 3: value 'an hour' is not a number"):
        import_evidence(db, table)
    assert db["measurements"].count == 0 and db["evidence_sources"].count == 0


def test_csv_country_must_be_an_iso_code(db, tmp_path):
    table = tmp_path / "outages.csv"
    table.write_text("kind,subject,subject_type,country,value\noutage,AS131279,asn,North Korea,60\n")
    with pytest.raises(EvidenceFormatError, match=r"outages\.csv: line 2: country 'NORTH KOREA' is not an ISO 3166 alpha-2 code"):
        import_evidence(db, table)


def test_csv_that_is_not_utf8_is_refused_with_a_line(db, tmp_path):
    table = tmp_path / "latin1.csv"
    table.write_bytes("kind,subject,value\noutage,KP,60\noutage,Cor\xe9e,60\n".encode("latin-1"))
    with pytest.raises(EvidenceFormatError, match=r"latin1\.csv: line \d+: not UTF-8 text"):
        import_evidence(db, table)


def test_a_malformed_mapping_is_a_user_error(db):
    with pytest.raises(InputError, match="expected FIELD=COLUMN"):
        import_evidence(db, EVIDENCE / "outages.synthetic.csv", mapping="kind")


# --------------------------------------------------------------------------- CLI


def test_cli_imports_files_and_reports_bad_ones_in_one_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    db_path = tmp_path / "news.db"
    result = CliRunner().invoke(cli, ["evidence", "import", str(db_path), str(APNIC), str(bad)])
    assert result.exit_code == 0, result.output
    assert "Imported 47 measurements from delegated-apnic-excerpt.txt (rir)" in result.output
    assert f"Error: {bad}: line 1: missing column for kind, subject" in result.output
    assert "Traceback" not in result.output


def test_cli_fails_when_no_file_could_be_imported(tmp_path):
    result = CliRunner().invoke(cli, ["evidence", "import", str(tmp_path / "news.db"), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: no evidence file could be imported"


# --------------------------------------------------------------------------- damaged files never crash


DAMAGEABLE = [
    ("delegated-apnic-excerpt.txt", "rir"),
    ("quagga_bgp", "mrt"),
    ("routing-status.data.json", "ripestat"),
    ("bgp-updates.data.json", "ripestat"),
    ("ioda-events.synthetic.json", "ioda"),
    ("ioda-signals.synthetic.json", "ioda"),
    ("outages.synthetic.csv", "csv"),
]


@pytest.mark.parametrize("name, format", DAMAGEABLE)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_file_imports_or_fails_with_a_claimgraph_error(empty_db_file, tmp_path, name, format, data):
    """Cut, overwrite or truncate a real file anywhere: the import succeeds or says what is wrong, never a traceback."""
    original = (EVIDENCE / name).read_bytes()
    start = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
    length = data.draw(st.integers(min_value=1, max_value=16))
    patch = data.draw(st.binary(max_size=16))
    damaged = original[:start] + patch + original[start + length:]
    if data.draw(st.booleans()):
        damaged = damaged[: data.draw(st.integers(min_value=1, max_value=len(damaged)))]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / name).write_bytes(damaged)
    shutil.copy(empty_db_file, folder / "test.db")
    db = open_db(folder / "test.db")
    try:
        import_evidence(db, folder / name, format=format, mapping=MAPPING if format == "csv" else None)
    except ClaimgraphError:
        assert db["evidence_sources"].count == 0, "a failed import leaves nothing behind"


def test_a_file_whose_format_cannot_be_told_is_recorded_as_an_error(tmp_path):
    path = tmp_path / "mystery.bin"
    path.write_bytes(b"\x1f\x8b" + bytes(range(256)))  # gzip magic, then garbage
    db = open_db(tmp_path / "e.db")
    with pytest.raises(InputError):
        import_evidence(db, path)
    rows = list(db.execute("select stage, item from errors"))
    assert rows == [("evidence", str(path))]
