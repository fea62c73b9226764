"""The graph model has one owner: JSONL, the SQLite store, Neo4j and networkx agree field for field, and a
field added to Assertion reaches all four with no other edit."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from graphkit import graphmodel as gm
from graphkit.graph import load_graph
from graphkit.model import Assertion, Document
from graphkit.sinks.neo4j import Connection, Loader
from graphkit.sinks.files import write_assertions
from graphkit.sinks.store import EDGE_COLUMNS, Store


def four_views(doc: Document, assertions: list, folder: Path, conn: Connection):
    """Write `assertions` to JSONL, a store and Neo4j, read them back as raw rows and as networkx graphs;
    returns ({view: {assertion id: edge row}}, {view: {actor id: node properties}})."""
    jsonl = folder / "a.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        write_assertions(assertions, f)
    db = folder / "g.db"
    with Store.open(db) as st:
        st.put(doc, assertions)
    with Loader(conn) as ld:
        ld._write("MATCH (n) DETACH DELETE n")
        ld.load(assertions)
        neo_edges = ld.run("MATCH (s:Actor)-[r]->(o:Actor) RETURN s.id AS subject, o.id AS object, type(r) AS type, "
                           "properties(r) AS p")
        neo_nodes = ld.run("MATCH (a:Actor) RETURN properties(a) AS p")
    raw = sqlite3.connect(db)
    raw.row_factory = sqlite3.Row
    edges = {
        "jsonl": [gm.edge_row(Assertion.from_dict(json.loads(line))) for line in jsonl.read_text().splitlines()],
        "sqlite": [{k: r[k] for k in r.keys() if k != "record"} for r in raw.execute("SELECT * FROM assertions")],
        "neo4j": [{"subject": r["subject"], "object": r["object"], "type": r["type"], **r["p"]} for r in neo_edges],
    }
    nodes = {
        "sqlite": [dict(r) for r in raw.execute("SELECT * FROM actors")],
        "neo4j": [r["p"] for r in neo_nodes],
    }
    raw.close()
    for source in ("store", "jsonl", "neo4j"):
        G = load_graph({"store": db, "jsonl": jsonl, "neo4j": conn}[source], facts_only=False)
        edges[f"networkx from {source}"] = [{"subject": u, "object": v, **d} for u, v, d in G.edges(data=True)]
        nodes[f"networkx from {source}"] = [{"id": n, **{k: v for k, v in d.items() if k != "label"}}
                                            for n, d in G.nodes(data=True)]
    for view, rows in edges.items():  # every view names exactly the model's columns (Neo4j drops nulls)
        assert all(set(r) <= set(EDGE_COLUMNS) for r in rows), (view, set(rows[0]) - set(EDGE_COLUMNS))
    edges = {v: {r["id"]: {c: r.get(c) for c in EDGE_COLUMNS} for r in rows if r.get("object")}
             for v, rows in edges.items()}
    nodes = {v: {r["id"]: {c: r.get(c) for c in gm.NODE_PROPS} for r in rows} for v, rows in nodes.items()}
    return edges, nodes


def assert_agree(views: dict) -> None:
    first, *rest = views
    for view in rest:
        assert views[view] == views[first], f"{view} disagrees with {first}"


def test_jsonl_sqlite_neo4j_and_networkx_agree_field_for_field(seed_assertions, bolt, tmp_path):
    doc, assertions = seed_assertions
    edges, nodes = four_views(doc, assertions, tmp_path, bolt)
    assert_agree(edges)
    assert_agree(nodes)
    assert len(edges["sqlite"]) == len([a for a in assertions if a.object]) > 20
    asks = [r for r in edges["neo4j"].values() if (r["subject"], r["type"], r["object"]) == ("RUS", "REQUEST", "CHN")
            and r["subject_text"] == "Moscow"]
    assert {(e["article"], e["relation"], e["subject_sector"]) for e in asks} == {(doc.id, "ask", "GOV")}
    assert "CHN" in {e["denied_by"] for e in edges["neo4j"].values() if e["type"] == "REQUEST"}
    assert nodes["neo4j"]["RUS"]["sector"] is None  # a state's node has no sector; the mention's is on the edge


MODEL_LINE = "    rule: Optional[str] = None"


def test_a_field_added_to_assertion_reaches_all_four(seed_assertions, bolt, tmp_path):
    """Copy the package, add one line to the Assertion record, and nothing else: the new field is in the
    JSONL records, a column of the store, a property in Neo4j and an attribute in networkx."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "graphkit", copy / "graphkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "cypher", copy / "cypher")
    model = copy / "graphkit" / "model.py"
    src = model.read_text()
    assert src.count(MODEL_LINE) == 1
    model.write_text(src.replace(MODEL_LINE, "    probe: Optional[str] = None\n" + MODEL_LINE))
    doc, assertions = seed_assertions
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(a.to_dict()) + "\n" for a in assertions))
    (tmp_path / "doc.json").write_text(json.dumps(doc.to_dict()))
    script = f"""
import json, sys
from pathlib import Path
sys.path.insert(0, {str(ROOT / "tests")!r})
import graphkit
assert graphkit.__file__.startswith({str(copy)!r}), graphkit.__file__
from graphkit.model import Assertion, Document
from graphkit.sinks.neo4j import Connection
from test_graphmodel import assert_agree, four_views
folder = Path({str(tmp_path)!r})
d = json.loads((folder / "doc.json").read_text())
doc = Document(d["id"], d["text"], d["title"], d["date"], d["url"])
assertions = [Assertion.from_dict(json.loads(line)) for line in (folder / "in.jsonl").read_text().splitlines()]
for a in assertions:
    a.probe = "probe-" + a.id
edges, nodes = four_views(doc, assertions, folder, Connection(*sys.argv[1:]))
assert_agree(edges)
for view, rows in edges.items():
    assert rows and all(r["probe"] == "probe-" + k for k, r in rows.items()), view
assert all(json.loads(line)["probe"].startswith("probe-") for line in (folder / "a.jsonl").read_text().splitlines())
print("probe in", len(edges), "views")
"""
    r = subprocess.run([sys.executable, "-c", script, bolt.uri, bolt.user, bolt.password, bolt.database],
                       capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "PYTHONPATH": str(copy)})
    assert r.returncode == 0, r.stderr[-3000:]
    assert "probe in 6 views" in r.stdout
