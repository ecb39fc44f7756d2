"""MRT import: real sample files, and synthetic routing histories built byte by byte per RFC 6396.

The builders below write MRT records exactly as RFC 6396 lays them out (common header,
TABLE_DUMP_V2 PEER_INDEX_TABLE and RIB_IPV4_UNICAST, BGP4MP_MESSAGE_AS4 carrying an RFC 4271
UPDATE, BGP4MP_STATE_CHANGE_AS4), so the outage derivation is tested on files that any MRT
reader would accept. The addresses are North Korea's real /22 split into its four routed /24s;
the times and the events are synthetic.
"""

import bz2
import gzip
import ipaddress
import json
import shutil
import struct
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.db import open_db
from claimgraph.errors import EvidenceFormatError
from claimgraph.evidence import import_evidence

from conftest import FIXTURES

EVIDENCE = FIXTURES / "evidence"
KP_PREFIXES = ["175.45.176.0/24", "175.45.177.0/24", "175.45.178.0/24", "175.45.179.0/24"]
PEER = ("192.0.2.1", 4837)
OTHER_PEER = ("192.0.2.2", 3356)
COLLECTOR_AS = 6447


@pytest.fixture
def db(copied_db):
    """Every test here starts from a copy of the empty database (see conftest)."""
    return copied_db


def epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp())


# --------------------------------------------------------------------------- RFC 6396 / RFC 4271 builders


def mrt_record(timestamp: int, mrt_type: int, subtype: int, body: bytes) -> bytes:
    """MRT common header (RFC 6396 section 2): timestamp, type, subtype, length; then the body."""
    return struct.pack("!IHHI", timestamp, mrt_type, subtype, len(body)) + body


def nlri(prefix: str) -> bytes:
    """A prefix as BGP encodes it: length in bits, then only the bytes that length needs."""
    network = ipaddress.ip_network(prefix)
    return bytes([network.prefixlen]) + network.network_address.packed[: (network.prefixlen + 7) // 8]


def path_attributes(as_path: list[int], next_hop: str) -> bytes:
    """ORIGIN IGP, a 4-byte AS_PATH (one AS_SEQUENCE) and NEXT_HOP (RFC 4271 section 4.3)."""
    origin = struct.pack("!BBBB", 0x40, 1, 1, 0)
    segment = struct.pack("!BB", 2, len(as_path)) + b"".join(struct.pack("!I", asn) for asn in as_path)
    path = struct.pack("!BBB", 0x40, 2, len(segment)) + segment
    hop = struct.pack("!BBB", 0x40, 3, 4) + ipaddress.ip_address(next_hop).packed
    return origin + path + hop


def bgp_update(withdrawn: list[str] = (), announced: list[str] = (), as_path: list[int] = (), next_hop: str = "192.0.2.1") -> bytes:
    """A BGP UPDATE message: marker, length, type 2, withdrawn routes, path attributes, NLRI."""
    withdrawn_bytes = b"".join(nlri(prefix) for prefix in withdrawn)
    attributes = path_attributes(list(as_path), next_hop) if announced else b""
    body = (struct.pack("!H", len(withdrawn_bytes)) + withdrawn_bytes + struct.pack("!H", len(attributes)) + attributes
            + b"".join(nlri(prefix) for prefix in announced))
    return b"\xff" * 16 + struct.pack("!HB", 19 + len(body), 2) + body


def bgp4mp_message(timestamp: int, peer: tuple, update: bytes, subtype: int = 4) -> bytes:
    """BGP4MP_MESSAGE_AS4 (type 16, subtype 4; 9 with ADD-PATH, RFC 8050): peer AS, local AS, ifindex, AFI 1, peer IP, local IP, message."""
    body = (struct.pack("!IIHH", peer[1], COLLECTOR_AS, 0, 1) + ipaddress.ip_address(peer[0]).packed
            + ipaddress.ip_address("192.0.2.254").packed + update)
    return mrt_record(timestamp, 16, subtype, body)


def addpath_update(path_id: int, withdrawn: list[str] = (), announced: list[str] = (), as_path: list[int] = ()) -> bytes:
    """A BGP UPDATE whose routes carry a 4-byte ADD-PATH identifier (RFC 7911) before each prefix."""
    withdrawn_bytes = b"".join(struct.pack("!I", path_id) + nlri(prefix) for prefix in withdrawn)
    attributes = path_attributes(list(as_path), "192.0.2.1") if announced else b""
    body = (struct.pack("!H", len(withdrawn_bytes)) + withdrawn_bytes + struct.pack("!H", len(attributes)) + attributes
            + b"".join(struct.pack("!I", path_id) + nlri(prefix) for prefix in announced))
    return b"\xff" * 16 + struct.pack("!HB", 19 + len(body), 2) + body


def bgp4mp_state_change(timestamp: int, peer: tuple, old: int, new: int) -> bytes:
    """BGP4MP_STATE_CHANGE_AS4 (type 16, subtype 5); 6 is Established."""
    body = (struct.pack("!IIHH", peer[1], COLLECTOR_AS, 0, 1) + ipaddress.ip_address(peer[0]).packed
            + ipaddress.ip_address("192.0.2.254").packed + struct.pack("!HH", old, new))
    return mrt_record(timestamp, 16, 5, body)


def peer_index_table(timestamp: int, peers: list[tuple]) -> bytes:
    """TABLE_DUMP_V2 PEER_INDEX_TABLE (type 13, subtype 1) with IPv4, 4-byte-AS peers (peer type 2)."""
    body = ipaddress.ip_address("192.0.2.254").packed + struct.pack("!HH", 0, len(peers))
    for ip, asn in peers:
        body += struct.pack("!B", 2) + ipaddress.ip_address(ip).packed + ipaddress.ip_address(ip).packed + struct.pack("!I", asn)
    return mrt_record(timestamp, 13, 1, body)


def rib_ipv4(timestamp: int, sequence: int, prefix: str, peer_indexes: list[int], as_path: list[int]) -> bytes:
    """TABLE_DUMP_V2 RIB_IPV4_UNICAST (type 13, subtype 2): one RIB entry per peer index."""
    attributes = path_attributes(as_path, "192.0.2.1")
    body = struct.pack("!I", sequence) + nlri(prefix) + struct.pack("!H", len(peer_indexes))
    for index in peer_indexes:
        body += struct.pack("!HIH", index, timestamp - 3600, len(attributes)) + attributes
    return mrt_record(timestamp, 13, 2, body)


def kp_rib(timestamp: int, peers: list[tuple] = (PEER,)) -> bytes:
    """A RIB snapshot in which every peer routes North Korea's four /24s via AS4837 to AS131279."""
    records = peer_index_table(timestamp, list(peers))
    for sequence, prefix in enumerate(KP_PREFIXES):
        records += rib_ipv4(timestamp, sequence, prefix, list(range(len(peers))), [4837, 131279])
    return records


@pytest.fixture
def kp_db(db):
    """A database that knows from APNIC's delegations that 175.45.176.0/22 is North Korea's."""
    import_evidence(db, EVIDENCE / "delegated-apnic-excerpt.txt")
    return db


def rows(db, kind):
    return list(db.query("select * from measurements where kind = ? order by start, subject", [kind]))


# --------------------------------------------------------------------------- outages from synthetic MRT


def test_announce_withdraw_all_reannounce_gives_one_outage_of_the_right_length(kp_db, tmp_path):
    down, up = epoch("2014-12-22T16:15:00"), epoch("2014-12-23T01:46:00")
    mrt = tmp_path / "kp.mrt"
    mrt.write_bytes(
        kp_rib(epoch("2014-12-22T08:00:00"))
        + bgp4mp_message(down, PEER, bgp_update(withdrawn=KP_PREFIXES[:2]))
        + bgp4mp_message(down, PEER, bgp_update(withdrawn=KP_PREFIXES[2:]))
        + bgp4mp_message(up, PEER, bgp_update(announced=KP_PREFIXES, as_path=[4837, 131279]))
    )
    result = import_evidence(kp_db, mrt)
    assert result.format == "mrt"
    (outage,) = rows(kp_db, "outage")
    assert (outage["subject_type"], outage["subject"], outage["country"]) == ("country", "KP", "KP")
    assert (outage["start"], outage["end"]) == ("2014-12-22T16:15:00+00:00", "2014-12-23T01:46:00+00:00")
    assert outage["value"] == 9 * 3600 + 31 * 60 and outage["unit"] == "s"
    assert json.loads(outage["details"])["prefixes"] == KP_PREFIXES


def test_the_outage_points_at_the_withdrawal_that_began_it(kp_db, tmp_path):
    rib = kp_rib(epoch("2014-12-22T08:00:00"))
    last_withdrawal = bgp4mp_message(epoch("2014-12-22T16:15:00"), PEER, bgp_update(withdrawn=KP_PREFIXES))
    mrt = tmp_path / "kp.mrt"
    mrt.write_bytes(rib + last_withdrawal + bgp4mp_message(epoch("2014-12-22T17:00:00"), PEER,
                                                          bgp_update(announced=KP_PREFIXES, as_path=[4837, 131279])))
    import_evidence(kp_db, mrt)
    (outage,) = rows(kp_db, "outage")
    assert outage["pointer"] == f"offset {len(rib)}"


def test_reachability_intervals_per_prefix(kp_db, tmp_path):
    mrt = tmp_path / "kp.mrt"
    mrt.write_bytes(
        kp_rib(epoch("2014-12-22T08:00:00"))
        + bgp4mp_message(epoch("2014-12-22T16:15:00"), PEER, bgp_update(withdrawn=KP_PREFIXES))
        + bgp4mp_message(epoch("2014-12-23T01:46:00"), PEER, bgp_update(announced=KP_PREFIXES, as_path=[4837, 131279]))
    )
    import_evidence(kp_db, mrt)
    spans = [(row["subject"], row["start"][11:16], row["end"] and row["end"][11:16]) for row in rows(kp_db, "reachability")]
    assert spans == [(prefix, "08:00", "16:15") for prefix in KP_PREFIXES] + [(prefix, "01:46", None) for prefix in KP_PREFIXES]
    withdrawals = rows(kp_db, "withdrawal")
    assert [row["value"] for row in withdrawals] == [1.0] * 4
    announcements = rows(kp_db, "announcement")
    assert {json.loads(row["details"])["origin_as"] for row in announcements} == {"AS131279"}
    assert {row["value"] for row in announcements} == {2.0}


def test_no_outage_while_one_prefix_is_still_routed(kp_db, tmp_path):
    mrt = tmp_path / "kp.mrt"
    mrt.write_bytes(
        kp_rib(epoch("2014-12-22T08:00:00"))
        + bgp4mp_message(epoch("2014-12-22T16:15:00"), PEER, bgp_update(withdrawn=KP_PREFIXES[:3]))
        + bgp4mp_message(epoch("2014-12-23T01:46:00"), PEER, bgp_update(announced=KP_PREFIXES[:3], as_path=[4837, 131279]))
    )
    import_evidence(kp_db, mrt)
    assert rows(kp_db, "outage") == []


def test_no_outage_while_another_peer_still_has_a_route(kp_db, tmp_path):
    mrt = tmp_path / "kp.mrt"
    mrt.write_bytes(
        kp_rib(epoch("2014-12-22T08:00:00"), peers=[PEER, OTHER_PEER])
        + bgp4mp_message(epoch("2014-12-22T16:15:00"), PEER, bgp_update(withdrawn=KP_PREFIXES))
    )
    import_evidence(kp_db, mrt)
    assert rows(kp_db, "outage") == []


def test_add_path_withdrawing_one_path_leaves_the_other(kp_db, tmp_path):
    mrt = tmp_path / "addpath.mrt"
    mrt.write_bytes(
        bgp4mp_message(epoch("2014-12-22T08:00:00"), PEER, addpath_update(1, announced=KP_PREFIXES, as_path=[4837, 131279]), 9)
        + bgp4mp_message(epoch("2014-12-22T08:00:00"), PEER, addpath_update(2, announced=KP_PREFIXES, as_path=[4837, 131279]), 9)
        + bgp4mp_message(epoch("2014-12-22T16:15:00"), PEER, addpath_update(1, withdrawn=KP_PREFIXES), 9)
    )
    import_evidence(kp_db, mrt)
    assert rows(kp_db, "outage") == []
    assert [row["end"] for row in rows(kp_db, "reachability")] == [None] * 4


def test_a_peer_session_going_down_withdraws_its_routes(kp_db, tmp_path):
    mrt = tmp_path / "kp.mrt"
    mrt.write_bytes(
        kp_rib(epoch("2014-12-22T08:00:00"))
        + bgp4mp_state_change(epoch("2014-12-22T16:15:00"), PEER, 6, 1)
        + bgp4mp_state_change(epoch("2014-12-22T16:20:00"), PEER, 1, 6)
        + bgp4mp_message(epoch("2014-12-22T16:21:00"), PEER, bgp_update(announced=KP_PREFIXES, as_path=[4837, 131279]))
    )
    import_evidence(kp_db, mrt)
    (outage,) = rows(kp_db, "outage")
    assert outage["value"] == 6 * 60
    assert rows(kp_db, "withdrawal") == [], "a session reset is not a withdrawal message"


def test_an_outage_not_over_by_the_end_of_the_file_has_no_end(kp_db, tmp_path):
    mrt = tmp_path / "kp.mrt"
    mrt.write_bytes(
        kp_rib(epoch("2014-12-27T08:00:00"))
        + bgp4mp_message(epoch("2014-12-27T10:30:00"), PEER, bgp_update(withdrawn=KP_PREFIXES))
        + bgp4mp_message(epoch("2014-12-27T12:30:00"), OTHER_PEER, bgp_update(announced=["192.0.2.0/24"], as_path=[3356]))
    )
    import_evidence(kp_db, mrt)
    (outage,) = rows(kp_db, "outage")
    assert outage["start"] == "2014-12-27T10:30:00+00:00"
    assert outage["end"] is None and outage["value"] is None
    assert json.loads(outage["details"])["not_restored_by_end_of_file"] == "2014-12-27T12:30:00+00:00"


def test_without_delegation_data_there_is_no_country_and_the_summary_says_why(db, tmp_path):
    mrt = tmp_path / "kp.mrt"
    mrt.write_bytes(kp_rib(epoch("2014-12-22T08:00:00"))
                    + bgp4mp_message(epoch("2014-12-22T16:15:00"), PEER, bgp_update(withdrawn=KP_PREFIXES)))
    result = import_evidence(db, mrt)
    assert rows(db, "outage") == []
    assert "import RIR statistics first" in result.summary()


@pytest.mark.parametrize("suffix, pack", [(".gz", gzip.compress), (".bz2", bz2.compress)])
def test_compressed_mrt_gives_the_same_outage(kp_db, tmp_path, suffix, pack):
    raw = (kp_rib(epoch("2014-12-22T08:00:00"))
           + bgp4mp_message(epoch("2014-12-22T16:15:00"), PEER, bgp_update(withdrawn=KP_PREFIXES))
           + bgp4mp_message(epoch("2014-12-23T01:46:00"), PEER, bgp_update(announced=KP_PREFIXES, as_path=[4837, 131279])))
    packed = tmp_path / f"updates{suffix}"
    packed.write_bytes(pack(raw))
    import_evidence(kp_db, packed)
    (outage,) = rows(kp_db, "outage")
    assert outage["value"] == 34260.0


def test_a_rib_and_its_update_files_concatenated_as_bzip2_streams(kp_db, tmp_path):
    rib = bz2.compress(kp_rib(epoch("2014-12-22T08:00:00")))
    down = bz2.compress(bgp4mp_message(epoch("2014-12-22T16:15:00"), PEER, bgp_update(withdrawn=KP_PREFIXES)))
    up = bz2.compress(bgp4mp_message(epoch("2014-12-23T01:46:00"), PEER, bgp_update(announced=KP_PREFIXES, as_path=[4837, 131279])))
    day = tmp_path / "day.bz2"
    day.write_bytes(rib + down + up)
    import_evidence(kp_db, day)
    (outage,) = rows(kp_db, "outage")
    assert outage["value"] == 34260.0


# --------------------------------------------------------------------------- real samples and bad input


def test_quagga_samples_announcements_with_origin_and_times_in_utc(db):
    result = import_evidence(db, EVIDENCE / "quagga_rib")
    assert result.records > 0
    announcement = next(row for row in rows(db, "announcement") if row["subject"] == "172.17.0.0/24")
    assert announcement["start"] == "2017-02-11T08:40:00+00:00", "epoch 1486802400, whatever the machine's zone"
    assert json.loads(announcement["details"])["origin_as"] == "AS64512"


def test_bgp4mp_samples_with_ipv6_mp_reach(db):
    import_evidence(db, EVIDENCE / "bird6_bgp")
    assert any(row["subject"] == "fd01:1::/64" for row in rows(db, "announcement"))


def test_table_dump_v1_sample(db):
    import_evidence(db, EVIDENCE / "openbgpd_rib_table")
    assert any(row["subject"] == "192.168.0.0/16" for row in rows(db, "announcement"))


def test_unsupported_record_types_are_counted_not_fatal(db):
    result = import_evidence(db, EVIDENCE / "openbgpd_rib_table-mp")
    assert result.records == 0
    assert "31 records of unsupported MRT types skipped" in result.summary()


def test_a_truncated_file_names_the_offset_of_the_cut_record_and_imports_nothing(db, tmp_path):
    sample = (EVIDENCE / "quagga_bgp").read_bytes()
    cut = tmp_path / "truncated.mrt"
    cut.write_bytes(sample[:-10])
    with pytest.raises(EvidenceFormatError, match=r"truncated\.mrt: offset \d+: record 66: Invalid MRT data length"):
        import_evidence(db, cut)
    assert db["evidence_sources"].count == 0 and db["measurements"].count == 0


def test_a_truncated_gzip_file_is_reported_as_such(db, tmp_path):
    packed = gzip.compress((EVIDENCE / "quagga_bgp").read_bytes())
    cut = tmp_path / "truncated.mrt.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(EvidenceFormatError, match=r"truncated\.mrt\.gz: offset \d+: truncated or corrupt compressed data"):
        import_evidence(db, cut, format="mrt")
    assert db["evidence_sources"].count == 0


def test_text_forced_through_the_mrt_reader_is_refused_at_offset_0(db, tmp_path):
    text = tmp_path / "notes.mrt"
    text.write_text("This is not BGP data at all, just a line of prose.\n")
    with pytest.raises(EvidenceFormatError, match=r"notes\.mrt: offset 0: record 0"):
        import_evidence(db, text, format="mrt")


# --------------------------------------------------------------------------- property: outages match a brute-force replay


@pytest.fixture(scope="module")
def kp_db_file(empty_db_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("kp") / "kp.db"
    shutil.copy(empty_db_file, path)
    db = open_db(path)
    import_evidence(db, EVIDENCE / "delegated-apnic-excerpt.txt")
    db.close()
    return path


PEERS = [PEER, OTHER_PEER]
events = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=7200),  # seconds since the previous event
        st.sampled_from(["announce", "withdraw", "session down"]),
        st.integers(min_value=0, max_value=1),  # which peer
        st.sets(st.sampled_from(KP_PREFIXES), min_size=1),
    ),
    max_size=12,
)


def replay(history, start):
    """The outages of a history, by brute force: after every event, is any KP prefix routed by any peer?"""
    routes = {(prefix, peer) for prefix in KP_PREFIXES for peer in range(len(PEERS))}
    now, down_since, outages = start, None, []
    for delay, action, peer, prefixes in history:
        now += delay
        if action == "announce":
            routes |= {(prefix, peer) for prefix in prefixes}
        elif action == "withdraw":
            routes -= {(prefix, peer) for prefix in prefixes}
        else:
            routes = {(prefix, other) for prefix, other in routes if other != peer}
        if not routes and down_since is None:
            down_since = now
        elif routes and down_since is not None:
            outages.append((down_since, now))
            down_since = None
    if down_since is not None:
        outages.append((down_since, None))
    return outages


def to_mrt(history, start):
    data, now = kp_rib(start, peers=PEERS), start
    for delay, action, peer, prefixes in history:
        now += delay
        ordered = sorted(prefixes)
        if action == "announce":
            data += bgp4mp_message(now, PEERS[peer], bgp_update(announced=ordered, as_path=[PEERS[peer][1], 131279]))
        elif action == "withdraw":
            data += bgp4mp_message(now, PEERS[peer], bgp_update(withdrawn=ordered))
        else:
            data += bgp4mp_state_change(now, PEERS[peer], 6, 1) + bgp4mp_state_change(now, PEERS[peer], 1, 6)
    return data


@settings(max_examples=40, deadline=None)
@given(history=events)
def test_derived_outages_match_a_brute_force_replay(kp_db_file, tmp_path_factory, history):
    start = epoch("2014-12-22T00:00:00")
    folder = tmp_path_factory.mktemp("replay")
    shutil.copy(kp_db_file, folder / "kp.db")
    db = open_db(folder / "kp.db")
    (folder / "history.mrt").write_bytes(to_mrt(history, start))
    import_evidence(db, folder / "history.mrt")
    found = [(epoch(row["start"][:19]), row["end"] and epoch(row["end"][:19])) for row in rows(db, "outage")]
    assert found == replay(history, start)


def test_reading_mrt_leaves_the_sigpipe_handler_alone(tmp_path):
    # mrtparse sets SIGPIPE to SIG_DFL on import; a server that then imported it died silently
    # the first time a client closed a connection early.
    script = (
        "import signal, sys\n"
        "before = signal.getsignal(signal.SIGPIPE)\n"
        "import claimgraph.cli\n"
        "from claimgraph.evidence.mrt import _mrt_reader_class\n"
        "_mrt_reader_class()\n"
        "sys.exit(0 if signal.getsignal(signal.SIGPIPE) == before == signal.SIG_IGN else 1)\n"
    )
    assert subprocess.run([sys.executable, "-c", script]).returncode == 0
