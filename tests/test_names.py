"""Actor names: `claimgraph query`, `claimgraph export --actor`, the canned queries and the actor
page find the same actors for the same text, and the modules that find them stay spaCy-free.

The database is made up: a few actors whose names are written in many ways, each quoted once.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from datasette.utils import tilde_encode

from claimgraph.cli import cli
from claimgraph.db import open_db
from claimgraph.ingest.store import Outlet
from claimgraph.names import actor_ids, alias_key, outlet_key
from claimgraph.publish.serve import build_datasette

ACTORS = {
    "united-nations": ("United Nations", "organisation", ["U.N.", "UN"]),
    "us-department-of-state": ("U.S. Department of State", "organisation", ["Department of State", "State Department"]),
    "north-korea": ("North Korea", "country", ["N. Korea", "DPRK", "Pyongyang"]),
    "kim-jong-un": ("Kim Jong-un", "person", []),
    "thomas-muller": ("Thomas Müller", "person", ["Müller"]),
    "anna-muller": ("Anna Müller", "person", ["Müller"]),
    "ivory-coast": ("Côte d'Ivoire", "country", ["Ivory Coast"]),
}

# text -> the actors it names
NAMES = {
    "U.N.": {"united-nations"},
    "UN": {"united-nations"},
    "Müller": {"anna-muller", "thomas-muller"},
    "muller": {"anna-muller", "thomas-muller"},
    "the Dept. of State": {"us-department-of-state"},
    "State Dept.": {"us-department-of-state"},
    "N. Korea": {"north-korea"},
    "DPRK": {"north-korea"},
    "north-korea": {"north-korea"},
    "KIM JONG UN": {"kim-jong-un"},
    "Cote d'Ivoire": {"ivory-coast"},
    "Atlantis": set(),
}


@pytest.fixture(scope="module")
def names_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("names") / "names.db"
    db = open_db(path)
    text = " ".join(f"{name} said it was fine." for name, _, _ in ACTORS.values())
    db["outlets"].insert({"id": "wire.example", "name": "The Wire", "domain": "wire.example"})
    db["articles"].insert({"id": "a1", "outlet_id": "wire.example", "title": "Everyone is fine", "text": text,
                           "published": "2024-05-01T10:00:00+00:00", "published_utc": "2024-05-01T10:00:00+00:00"})
    for actor_id, (name, actor_type, aliases) in ACTORS.items():
        db["actors"].insert({"id": actor_id, "name": name, "type": actor_type, "source": "gazetteer"})
        keys = {alias_key(alias): alias for alias in (name, *aliases)}  # "U.N." and "UN" share one key
        db["actor_aliases"].insert_all(
            {"actor_id": actor_id, "alias_key": key, "alias": alias, "source": "gazetteer"} for key, alias in keys.items()
        )
        start = text.index(f"{name} said")
        db["statements"].insert({"id": f"s-{actor_id}", "article_id": "a1", "speaker_id": actor_id, "speaker_text": name,
                                 "cue": "said", "content": "it was fine", "kind": "indirect",
                                 "start": start + len(name) + 6, "end": start + len(name) + 17})
    db.conn.commit()
    db.close()  # checkpoints the WAL now, not whenever garbage collection gets to the connection
    return path


def query_actors(path, name: str) -> set[str]:
    result = CliRunner().invoke(cli, ["query", str(path), "who-said", name, "--json"])
    assert result.exit_code == 0, result.output
    return {row["statement_id"].removeprefix("s-") for row in json.loads(result.stdout)}


def export_actors(path, name: str) -> set[str]:
    result = CliRunner().invoke(cli, ["export", str(path), "--format", "cytoscape", "--actor", name, "--depth", "0"])
    if result.exit_code != 0:
        assert result.output.strip() == f"Error: no actor matches {name!r} (by id, name or alias)"
        return set()
    nodes = json.loads(result.output)["elements"]["nodes"]
    return {node["data"]["row_id"] for node in nodes if node["data"]["kind"] == "actor"}


async def page_actors(datasette, name: str) -> set[str]:
    response = await datasette.client.get(f"/-/claimgraph/actor/{tilde_encode(name)}")
    if response.status_code == 404:
        return set()
    if response.status_code == 302:
        return {re.fullmatch(r"/-/claimgraph/actor/([^/?]+)", response.headers["location"]).group(1)}
    assert response.status_code == 200, response.text
    if "claimgraph-actors" in response.text:  # the list of the actors a name names
        return set(re.findall(r'<a href="/-/claimgraph/actor/([^"]+)">', response.text.split("<h1>", 1)[1]))
    return set(re.findall(r'<a href="/names/actors/([^"]+)">record</a>', response.text))  # the actor's own page


async def canned_query_actors(datasette, name: str) -> set[str]:
    response = await datasette.client.get("/names/who-said.json", params={"actor": name, "_shape": "array"})
    assert response.status_code == 200, response.text
    return {row["statement_id"].removeprefix("s-") for row in response.json()}


@pytest.mark.parametrize("name", NAMES)
async def test_query_export_canned_query_and_actor_page_find_the_same_actors(names_db, name):
    expected = NAMES[name]
    datasette = build_datasette([names_db])
    assert set(actor_ids(open_db(names_db), name)) == expected
    assert query_actors(names_db, name) == expected
    assert export_actors(names_db, name) == expected
    assert await canned_query_actors(datasette, name) == expected
    assert await page_actors(datasette, name) == expected


async def test_an_actor_id_names_that_actor_alone(tmp_path):
    # "berg" is one actor's id and another's surname alias: the id wins everywhere
    db = open_db(tmp_path / "berg.db")
    db["actors"].insert_all([{"id": "berg", "name": "Berg", "type": "organisation"},
                             {"id": "anna-berg", "name": "Anna Berg", "type": "person"}])
    db["actor_aliases"].insert({"actor_id": "anna-berg", "alias_key": "berg", "alias": "Berg", "source": "surname"})
    assert actor_ids(db, "berg") == ["berg"]
    assert actor_ids(db, "Berg") == ["anna-berg", "berg"]


def test_outlet_ids_are_domains_else_slugs_of_names():
    assert Outlet("The Wire", "WWW.Wire.example").id == outlet_key("WWW.Wire.example", "The Wire") == "wire.example"
    assert Outlet("Le Monde diplomatique", None).id == "le-monde-diplomatique"
    assert Outlet("Yonhap's Wire", None).id == "yonhaps-wire"
    assert Outlet(None, None).id is None


def test_the_query_catalogue_graph_and_pages_do_not_load_spacy_or_the_extract_stage():
    code = (
        "import sys, claimgraph.names, claimgraph.queries, claimgraph.graph.build, claimgraph.graph.export, "
        "claimgraph.publish, claimgraph.publish.views, claimgraph.publish.records; "
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith(('spacy.', 'claimgraph.extract'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
