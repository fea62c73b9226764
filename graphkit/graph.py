"""Assertions -> networkx graphs: the actor graph, its country roll-up and weighted dyads.

The graph model is Neo4j's (graphkit.graphmodel): actors are nodes keyed by id with their properties,
each assertion is an edge keyed by its id, with its relationship type and properties.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional, Union

import networkx as nx

from . import graphmodel as gm
from .model import Assertion
from .readers import read_assertions
from .sinks.store import Store

Source = Union[str, Path, Store, Iterable[Assertion], "object"]


def load_graph(source: Source, facts_only: bool = True, events_only: bool = False,
               start: Optional[str] = None, end: Optional[str] = None) -> nx.MultiDiGraph:
    """Build the actor graph from a store (path or Store), an assertion JSONL file, assertions, or a
    Neo4j connection (graphkit.sinks.neo4j.Connection).

    Parameters
    ----------
    source : path of a store (``.db``) or of assertion JSONL, a Store, Assertions, or a Connection
    facts_only : leave out negated and hypothetical assertions (default True)
    events_only : leave out relations that are not PLOVER events (AFFILIATED_WITH)
    start, end : keep assertions whose article date (ISO 8601) lies in [start, end]

    Returns
    -------
    networkx.MultiDiGraph with actor nodes (graphkit.graphmodel.NODE_PROPS and label) and one edge per
    assertion, keyed by assertion id, with its relationship type and every edge property
    (graphkit.graphmodel.EDGE_PROPS: relation, event, cameo, mode, score, confidence, date, article, ...).

    Examples
    --------
    >>> from graphkit.model import Actor, Assertion, Mention
    >>> ru, ua = Actor("RUS", "Russia", "country", "RUS"), Actor("UKR", "Ukraine", "country", "UKR")
    >>> a = Assertion("d", {"index": 0, "text": "Russia invaded Ukraine."}, 0, 22, Mention(ru, "Russia", 0, 6),
    ...               "invade", Mention(ua, "Ukraine", 15, 22), event="ASSAULT", cameo="190", score=-10.0)
    >>> G = load_graph([a])
    >>> list(G.edges(data="type"))
    [('RUS', 'UKR', 'ASSAULT')]
    """
    from .sinks.neo4j import Connection

    flt = gm.EdgeFilter(facts_only, events_only, start, end)
    if isinstance(source, (str, Path)):
        p = Path(source)
        if p.suffix.lower() in (".jsonl", ".json", ".ndjson"):
            return _from_assertions(read_assertions([p]), flt)
        with Store.open(p, create=False) as store:
            return _from_store(store, flt)
    if isinstance(source, Store):
        return _from_store(source, flt)
    if isinstance(source, Connection):
        return _from_neo4j(source, flt)
    return _from_assertions(source, flt)


def _node(G: nx.MultiDiGraph, props: dict) -> None:
    G.add_node(props["id"], **{k: v for k, v in props.items() if k != "id"}, label=gm.actor_label(props["type"]))


def _edge(G: nx.MultiDiGraph, row: dict) -> None:
    """One assertion as an edge: `row` holds subject, object, type and the edge properties."""
    G.add_edge(row["subject"], row["object"], key=row["id"], type=row["type"],
               **{p: row.get(p) for p in gm.EDGE_PROPS})


def _from_store(store: Store, flt: gm.EdgeFilter) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for a in store.actors():
        _node(G, gm.node_props(a))
    for row in store.edges(flt):
        _edge(G, row)
    return G


def _from_assertions(assertions: Iterable[Assertion], flt: gm.EdgeFilter) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    kept = []
    for a in assertions:
        if a.object is None:
            continue
        row = gm.edge_row(a)
        if flt.keep(row):
            kept.append((a, row))
    for actor in gm.actors_of(a for a, _ in kept).values():
        _node(G, gm.node_props(actor))
    for _, row in kept:
        _edge(G, row)
    return G


def _from_neo4j(conn, flt: gm.EdgeFilter) -> nx.MultiDiGraph:
    from .sinks.neo4j import Loader

    G = nx.MultiDiGraph()
    with Loader(conn) as ld:
        for n in ld.run("MATCH (a:Actor) RETURN properties(a) AS p"):
            _node(G, {k: n["p"].get(k) for k in gm.NODE_PROPS})
        rows = ld.run("MATCH (s:Actor)-[r]->(o:Actor) RETURN s.id AS subject, o.id AS object, type(r) AS type, "
                      "properties(r) AS p")
    for r in rows:
        row = {"subject": r["subject"], "object": r["object"], "type": r["type"], **r["p"]}
        if flt.keep(row):
            _edge(G, row)
    return G


def country_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Roll people, agents and organisations up to their country (IGOs, NGOs and actors without a
    country stay themselves); edges inside one country are kept as self-loops.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("person:x", type="person", country="USA", name="X"); G.add_node("CHN", type="country", country="CHN", name="China")
    >>> G.add_edge("person:x", "CHN", key="e1", type="CONSULT", score=1.0)
    'e1'
    >>> list(country_graph(G).edges(keys=True))
    [('USA', 'CHN', 'e1')]
    """
    C = nx.MultiDiGraph()

    def rollup(n):
        d = G.nodes[n]
        c = d.get("country")
        return c if gm.is_state(c) else n

    for n, d in G.nodes(data=True):
        r = rollup(n)
        if r not in C:
            C.add_node(r, name=d.get("name") if r == n else r, type="country" if r != n else d.get("type"),
                       country=d.get("country"))
    for n, d in G.nodes(data=True):  # a state's own node names it best
        if d.get("type") == "country" and n in C:
            C.nodes[n]["name"] = d.get("name")
            C.nodes[n]["type"] = "country"
    C.add_edges_from((rollup(u), rollup(v), k, d) for u, v, k, d in G.edges(keys=True, data=True))
    return C


def dyads(G: nx.MultiDiGraph, events_only: bool = True) -> nx.DiGraph:
    """Weighted dyads: one edge per ordered pair with `count` (events) and `score` (their mean
    cooperation-conflict score, None when no event of the pair has one)."""
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    acc: dict = {}
    for u, v, d in G.edges(data=True):
        if u == v or (events_only and d.get("type") not in gm.PLOVER_EVENTS):
            continue
        n, s, k = acc.get((u, v), (0, 0.0, 0))
        sc = d.get("score")
        acc[(u, v)] = (n + 1, s + (sc or 0.0), k + (sc is not None))
    for (u, v), (n, s, k) in acc.items():
        D.add_edge(u, v, count=n, score=(s / k) if k else None)
    return D
