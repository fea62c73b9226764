"""Pair graphs summed in SQL, compiled kernels against networkx's exact algorithms, and time in the
analyses, on dated assertions made for these tests in a real store."""
import json
import random

import networkx as nx
import pytest
from conftest import gk

from graphkit import analysis
from graphkit.graph import country_graph, load_graph, pair_graph, period
from graphkit.model import Actor, Assertion, Document, Mention
from graphkit.sinks.store import Store

STATES = {c: Actor(c, n, "country", c) for c, n in (("RUS", "Russia"), ("UKR", "Ukraine"), ("USA", "United States"),
                                                      ("CHN", "China"), ("FRA", "France"))}
PEOPLE = {"person:a": Actor("person:a", "A. Minister", "person", "RUS", "GOV"),
          "person:b": Actor("person:b", "B. Envoy", "person", "USA", "GOV")}
ACTORS = {**STATES, **PEOPLE}
#: (article, date, subject, event, object, score, mode): twenty reports, some of one event
EVENTS = [
    ("a1", "2022-01-10", "RUS", "THREATEN", "UKR", -7.0, None),
    ("a1", "2022-01-10", "USA", "CONSULT", "FRA", 1.0, None),
    ("a2", "2022-01-10", "RUS", "THREATEN", "UKR", -6.0, None),   # the same threat, another report
    ("a2", "2022-01-24", "person:b", "CONSULT", "CHN", 1.0, None),
    ("a3", "2022-02-24", "RUS", "ASSAULT", "UKR", -10.0, None),
    ("a3", "2022-02-24", "RUS", "ASSAULT", "UKR", -10.0, None),
    ("a4", "2022-02-24", "RUS", "ASSAULT", "UKR", -10.0, None),
    ("a4", "2022-02-25", "USA", "SANCTION", "RUS", -8.0, None),
    ("a4", "2022-02-25", "FRA", "SANCTION", "RUS", -8.0, "hypothetical"),
    ("a5", "2022-03-14", "person:b", "CONSULT", "CHN", 1.0, None),
    ("a5", "2022-03-14", "RUS", "REQUEST", "CHN", 3.0, None),
    ("a5", "2022-03-14", "CHN", "REJECT", "RUS", -4.0, "negation"),
    ("a6", "2022-03-29", "RUS", "CONSULT", "UKR", 1.0, None),
    ("a6", "2022-03-29", "UKR", "CONSULT", "RUS", 1.0, None),
    ("a6", "2022-03-29", "person:a", "CONSULT", "UKR", 1.0, None),
    ("a7", "2022-04-03", "UKR", "ACCUSE", "RUS", -2.0, None),
    ("a7", "2022-04-03", "person:b", "affiliated_with", "USA", None, None),
    ("a8", "2022-04-05", "USA", "AID", "UKR", 7.4, None),
    ("a8", "2022-04-05", "RUS", "ASSAULT", "UKR", -9.0, None),
    ("a9", None, "RUS", "ASSAULT", "UKR", -10.0, None),
]


def dated_assertions():
    out = []
    for i, (doc, date, s, ev, o, score, mode) in enumerate(EVENTS):
        event = None if ev == "affiliated_with" else ev
        out.append(Assertion(doc, {"index": i, "text": f"Sentence {i}."}, i, i + 5, Mention(ACTORS[s]),
                             ev.lower(), Mention(ACTORS[o]), event=event, score=score, mode=mode, date=date,
                             date_precision="day" if date else None, article={"id": doc, "date": None}))
    return out


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("dated") / "g.db"
    by_doc = {}
    for a in dated_assertions():
        by_doc.setdefault(a.doc_id, []).append(a)
    with Store.open(path) as st:
        for doc, assertions in by_doc.items():
            st.put(Document(doc, f"text {doc}"), assertions)
    return path


def pairs_of(G):
    return {(u, v): {k: (round(x, 9) if isinstance(x, float) else x) for k, x in d.items() if k != "periods"}
            | {"periods": {p: {k: (round(x, 9) if isinstance(x, float) else x) for k, x in q.items()}
                           for p, q in d.get("periods", {}).items()}}
            for u, v, d in G.edges(data=True)}


@pytest.mark.parametrize("options", [{}, {"by": "month"}, {"by": "week", "one_a_day": True},
                                     {"by": "day", "facts_only": False}, {"events_only": True, "one_a_day": True},
                                     {"start": "2022-02", "end": "2022-03"}, {"by": "year", "end": "2022-02-24"}])
def test_pairs_summed_in_sql_are_the_pairs_of_the_assertions(dated_store, tmp_path, options):
    from_sql = load_graph(dated_store, pairs=True, **options)
    f = tmp_path / "a.jsonl"
    f.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in dated_assertions()))
    from_jsonl = load_graph(f, pairs=True, **options)
    by, one = options.pop("by", None), options.pop("one_a_day", False)
    from_multigraph = pair_graph(load_graph(dated_store, **options), by=by, one_a_day=one)
    assert pairs_of(from_sql) == pairs_of(from_jsonl) == pairs_of(from_multigraph)
    assert from_sql.graph == {"by": by, "one_a_day": one}
    rolled = load_graph(dated_store, pairs=True, level="country", by=by, one_a_day=one, **options)
    later = country_graph(from_sql)  # rolled up as the pairs are read, or afterwards: the same
    assert pairs_of(rolled) == pairs_of(later) and dict(rolled.nodes(data=True)) == dict(later.nodes(data=True))


def test_pair_counts_and_one_a_day(dated_store):
    P = load_graph(dated_store, pairs=True)
    ru = P.edges["RUS", "UKR"]
    assert (ru["weight"], ru["events"], ru["scored"]) == (8, 8, 8)
    assert ru["score"] == pytest.approx((-7 - 6 - 10 - 10 - 10 + 1 - 9 - 10) / 8)
    assert ("CHN", "RUS") not in P.edges and ("FRA", "RUS") not in P.edges  # negated, hypothetical
    assert P.edges["person:b", "USA"] == {"weight": 1, "events": 0, "score": None, "scored": 0}
    once = load_graph(dated_store, pairs=True, one_a_day=True).edges["RUS", "UKR"]
    # two reports of the 10 January threat and three of the 24 February assault count once each
    assert once["events"] == 5 and once["score"] == pytest.approx((-6.5 - 10 + 1 - 9 - 10) / 5)


def test_dates_select_and_periods_group(dated_store):
    march = load_graph(dated_store, pairs=True, start="2022-03-01", end="2022-03")
    assert sorted(march.edges) == [("RUS", "CHN"), ("RUS", "UKR"), ("UKR", "RUS"), ("person:a", "UKR"),
                                   ("person:b", "CHN")]
    assert [period("2022-03-16", by) for by in ("day", "week", "month", "year")] == [
        "2022-03-16", "2022-03-14", "2022-03", "2022"]
    series = analysis.dyad_series(load_graph(dated_store, pairs=True, by="month"), "RUS", "UKR")
    assert series == [{"period": "2022-01", "events": 2, "score": -6.5},
                      {"period": "2022-02", "events": 3, "score": -10.0},
                      {"period": "2022-03", "events": 1, "score": 1.0},
                      {"period": "2022-04", "events": 1, "score": -9.0}]
    assert analysis.dyad_series(load_graph(dated_store), "RUS", "UKR", by="month") == series


def test_timeline_rolls_people_up_to_their_state(dated_store):
    C = country_graph(load_graph(dated_store, events_only=True, pairs=True, by="month"))
    t = analysis.timeline(C, top=3)
    assert t["by"] == "month" and t["undated"] == 1
    assert [(d["source"], d["target"]) for d in t["dyads"]] == [("RUS", "UKR"), ("UKR", "RUS"), ("USA", "CHN")]
    assert t["dyads"][0]["events"] == 9  # with the Russian minister's
    usa_chn = t["dyads"][2]["series"]  # the envoy's consultations are the United States'
    assert [(p["period"], p["events"]) for p in usa_chn] == [("2022-01", 1), ("2022-03", 1)]
    assert sum(p["events"] for p in t["events"]) + t["undated"] == 17  # 20 less negated, hypothetical, affiliation


def test_analyze_by_month_on_the_command_line(dated_store):
    run = lambda *a: gk("analyze", "--store", str(dated_store), *a)  # noqa: E731
    r = run("--by", "month", "--one-a-day", "--start", "2022-02-01", "--format", "json")
    assert r.code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["level"] == "country" and out["one_a_day"] and out["undated"] == 0
    assert out["dyads"][0]["series"][0] == {"period": "2022-02", "events": 1, "score": -10.0}
    table = run("--by", "week", "--level", "actor")
    assert table.code == 0 and "Russia -> Ukraine: 8 events" in table.stdout
    assert "2022-02-21" in table.stdout  # the Monday of the week of 24 February
    bad = run("--by", "fortnight")
    assert bad.code == 2 and "Invalid value for '--by'" in bad.stderr and "'day', 'week', 'month', 'year'" in bad.stderr


def test_summary_of_the_pair_graph_is_the_summary_of_the_assertions(dated_store):
    G = load_graph(dated_store, events_only=True)
    P = load_graph(dated_store, events_only=True, pairs=True)
    assert analysis.summary(G) == analysis.summary(P)
    C = country_graph(P)
    assert analysis.summary(country_graph(G)) == analysis.summary(C)
    assert analysis.summary(C)["methods"]["betweenness"] == "exact (networkx)"


def planted(seed=1, groups=6, size=40):
    """A graph of `groups` dense groups loosely tied to each other, as a pair graph of assertions."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    nodes = [f"n{g}-{i}" for g in range(groups) for i in range(size)]
    for u in nodes:
        G.add_node(u, name=u)
        for v in nodes:
            same = u.split("-")[0] == v.split("-")[0]
            if u != v and rnd.random() < (0.3 if same else 0.004):
                for _ in range(rnd.randint(1, 3)):
                    G.add_edge(u, v, type="CONSULT", score=1.0)
    return G


def test_kernels_agree_with_networkx_exact_algorithms():
    G = planted()
    kernel, exact = analysis.Measures(G, backend="networkit"), analysis.Measures(G, backend="networkx")
    assert exact.methods == {} and len(kernel.undirected[1]) > 2000
    b_k, b_x = kernel.betweenness, exact.betweenness
    assert kernel.methods["betweenness"] == "exact (networkit)"
    assert all(b_k[n] == pytest.approx(b_x[n], abs=1e-12) for n in G)
    rank = lambda b: sorted(b, key=lambda n: (-round(b[n], 12), n))  # noqa: E731
    assert rank(b_k) == rank(b_x)
    c_k, c_x = kernel.communities, exact.communities
    assert len(c_k) == len(c_x) == 6 and sorted(c_k) == sorted(c_x)
    pr_k, pr_x = kernel.pagerank, nx.pagerank(pair_graph(G), weight="weight", tol=1e-12)  # no self-loops here
    assert all(pr_k[n] == pytest.approx(pr_x[n], abs=1e-9) for n in G) and rank(pr_k) == rank(pr_x)
    assert rank(exact.pagerank)[:10] == rank(pr_x)[:10]
    sampled = analysis.Measures(G, backend="networkit", sample=120)
    top = lambda b: set(rank(b)[:10])  # noqa: E731
    assert sampled.methods == {} and len(top(sampled.betweenness) & top(b_x)) >= 8
    assert sampled.methods["betweenness"] == "estimated from 120 of 240 source actors (networkit, seed 0)"
    assert analysis.Measures(G, backend="networkit", sample=120).betweenness == sampled.betweenness  # reproducible


def test_summary_shares_its_measures_and_says_how_they_were_computed():
    G = planted(groups=3, size=20)
    s = analysis.summary(G, top=3, backend="networkit")
    assert s["methods"] == {"betweenness": "exact (networkit)", "communities": "Louvain (networkit, seed 0)",
                            "pagerank": "exact (networkit)"}
    m = analysis.Measures(G, backend="networkit")
    for r in analysis.brokers(G, None, measures=m):
        assert r["betweenness"] == round(m.betweenness[r["id"]], 6)
    assert s["brokers"] == analysis.brokers(G, 3, measures=m)
    assert s["edges"] == G.number_of_edges() and s["pairs"] == pair_graph(G).number_of_edges()
