"""networkx graphs, analyses and exports, on the sample article in a real store."""
import csv
import json
from dataclasses import replace

import networkx as nx
import pytest

from graphkit import analysis
from graphkit.sinks.files import export
from graphkit.graph import country_graph, dyads, load_graph
from graphkit.sinks.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory, seed_assertions):
    doc, assertions = seed_assertions
    doc = replace(doc, date="2022-03-14")  # dated copies: the shared fixture stays as it is
    assertions = [replace(a, article=dict(a.article, date="2022-03-14")) for a in assertions]
    path = tmp_path_factory.mktemp("store") / "g.db"
    with Store.open(path) as st:
        st.put(doc, assertions)
    st = Store.open(path)
    yield st
    st.close()


def test_load_graph_nodes_and_edges(store, seed_assertions):
    G = load_graph(store, facts_only=False)
    _, assertions = seed_assertions
    assert G.number_of_edges() == len(assertions)
    assert G.nodes["person:jake-sullivan"]["country"] == "USA" and G.nodes["CHN"]["label"] == "Country"
    edge = next(d for u, v, d in G.edges(data=True) if (u, v, d["type"]) == ("RUS", "CHN", "REQUEST")
                and d["denied_by"] == "CHN")
    assert edge["relation"] == "ask" and edge["date"] == "2022-03-14"


def test_sources_agree(store, seed_assertions, tmp_path):
    _, assertions = seed_assertions
    f = tmp_path / "a.jsonl"
    f.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in assertions))
    from_store = load_graph(store)
    from_jsonl = load_graph(f)
    from_list = load_graph(assertions)
    key = lambda G: sorted((u, v, k, d["type"], d["mode"]) for u, v, k, d in G.edges(keys=True, data=True))  # noqa
    assert key(from_store) == key(from_jsonl) == key(from_list)


def test_options_filter_modes_events_and_dates(store):
    all_ = load_graph(store, facts_only=False)
    facts = load_graph(store)
    assert any(d["mode"] == "hypothetical" for _, _, d in all_.edges(data=True))
    assert not any(d["mode"] in ("hypothetical", "negation") for _, _, d in facts.edges(data=True))
    assert not any(d["type"] == "AFFILIATED_WITH" for _, _, d in load_graph(store, events_only=True).edges(data=True))
    assert load_graph(store, start="2022-03-15").number_of_edges() == 0
    assert load_graph(store, start="2021-01-01", end="2022-03-14").number_of_edges() == facts.number_of_edges()
    # events are filtered by their own dates: the seed's October 2021 meeting is not in March 2022
    march = load_graph(store, start="2022-03-01", end="2022-03-14")
    october = [d for _, _, d in facts.edges(data=True) if d["date"].startswith("2021-10")]
    assert october and march.number_of_edges() == facts.number_of_edges() - len(october)
    assert all(d["date"] >= "2022-03" for _, _, d in march.edges(data=True))


def test_country_projection_and_dyads(store):
    C = country_graph(load_graph(store, events_only=True))
    assert "person:jake-sullivan" not in C and {"USA", "CHN", "RUS", "UKR"} <= set(C)
    D = dyads(C)
    assert D["RUS"]["UKR"]["count"] >= 2 and D["RUS"]["UKR"]["score"] < -5
    assert D["RUS"]["CHN"]["score"] > 0


def test_pagerank_puts_china_russia_and_the_us_on_top(store):
    C = country_graph(load_graph(store, events_only=True))
    top3 = {r["id"] for r in analysis.pagerank(C, 3)}
    assert top3 == {"CHN", "RUS", "USA"}


def test_analyses_return_plain_data(store):
    G = load_graph(store, events_only=True)
    s = analysis.summary(G, top=5)
    json.dumps(s)  # plain data all the way down
    assert s["degree"][0]["id"] == "RUS"
    assert {"RUS", "UKR"} <= {r["source"] for r in s["dyads"]["conflictual"]} | {
        r["target"] for r in s["dyads"]["conflictual"]}
    assert s["dyads"]["conflictual"][0]["score"] <= s["dyads"]["cooperative"][0]["score"]
    assert all(isinstance(c, list) for c in s["communities"])
    ego = analysis.ego_network(G, "RUS")
    assert "CHN" in ego["nodes"] and ("RUS", "CHN", "REQUEST") in ego["edges"]
    with_roles = load_graph(store)  # people reach their states through AFFILIATED_WITH
    [path, *_] = analysis.shortest_paths(with_roles, "person:jake-sullivan", "UKR")
    assert path[0] == "person:jake-sullivan" and path[-1] == "UKR" and len(path) == 4
    assert analysis.shortest_paths(G, "person:jake-sullivan", "UKR") == []
    assert analysis.shortest_paths(G, "person:jake-sullivan", "nobody") == []


def test_graphml_and_gexf_round_trip(store, tmp_path):
    G = load_graph(store, facts_only=False)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"g.{fmt}"
        export(store, fmt, out)
        H = reader(out)
        assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
        assert H.nodes["CHN"]["name"] == "China"
    gexf = (tmp_path / "g.gexf").read_text()
    assert 'mode="dynamic"' in gexf and 'start="2022-03-14"' in gexf


def test_jsonl_export_round_trips_through_load_graph(store, tmp_path):
    out = tmp_path / "a.jsonl"
    export(store, "jsonl", out)
    assert load_graph(out).number_of_edges() == load_graph(store).number_of_edges()


def test_neo4j_admin_csvs(store, tmp_path):
    report = export(store, "neo4j-admin", tmp_path / "import")
    assert "neo4j-admin database import full --nodes=" in report
    with (tmp_path / "import" / "actors.csv").open() as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "id:ID(Actor)" and rows[0][-1] == ":LABEL"
    assert ["CHN", "China", "country", "CHN", "", "", "Actor;Country"] in rows
    with (tmp_path / "import" / "assertions.csv").open() as f:
        rels = list(csv.DictReader(f))
    assert rels and {":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "score:float"} <= set(rels[0])
    G = nx.MultiDiGraph()  # the CSVs describe the same graph networkx builds
    G.add_edges_from((r[":START_ID(Actor)"], r[":END_ID(Actor)"], r["id"]) for r in rels)
    assert G.number_of_edges() == load_graph(store, facts_only=False).number_of_edges()


def test_store_top_actors_is_the_degree_of_the_event_graph(store):
    by_graph = [(r["name"], r["score"]) for r in analysis.degree(load_graph(store, events_only=True), 8)]
    assert store.top_actors(8) == by_graph


def test_kernels_agree_with_networkx_on_the_seed(store):
    G = load_graph(store, events_only=True)
    kernel, exact = analysis.Measures(G, backend="networkit"), analysis.Measures(G, backend="networkx")
    rank = lambda s: sorted(s, key=lambda n: (-round(s[n], 9), n))  # noqa: E731
    assert rank(kernel.betweenness) == rank(exact.betweenness) and kernel.methods["betweenness"] == "exact (networkit)"
    assert rank(kernel.pagerank)[:5] == rank(exact.pagerank)[:5]
    assert len(kernel.communities) == len(exact.communities)
