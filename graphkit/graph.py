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
from .store import EDGE_COLUMNS, Store
from .text import read_assertions

NOT_FACTS = ("negation", "hypothetical")

Source = Union[str, Path, Store, Iterable[Assertion], "object"]


def load_graph(source: Source, facts_only: bool = True, events_only: bool = False,
               start: Optional[str] = None, end: Optional[str] = None) -> nx.MultiDiGraph:
    """Build the actor graph from a store (path or Store), an assertion JSONL file, assertions, or a
    Neo4j connection (graphkit.neo4j.Connection).

    Parameters
    ----------
    source : path of a store (``.db``) or of assertion JSONL, a Store, Assertions, or a Connection
    facts_only : leave out negated and hypothetical assertions (default True)
    events_only : leave out relations that are not PLOVER events (AFFILIATED_WITH)
    start, end : keep assertions whose article date (ISO 8601) lies in [start, end]

    Returns
    -------
    networkx.MultiDiGraph with actor nodes (name, type, country, sector, role, label) and one edge per
    assertion, keyed by assertion id (type, relation, event, cameo, mode, score, confidence, date,
    article, sentence_index, attributed_to, denied_by).

    Examples
    --------
    >>> from graphkit.model import Actor, Assertion
    >>> a = Assertion("d", {"index": 0, "text": "Russia invaded Ukraine."}, 0, 22,
    ...               Actor("RUS", "Russia", "country", "RUS"), "invade", Actor("UKR", "Ukraine", "country", "UKR"),
    ...               event="ASSAULT", cameo="190", score=-10.0)
    >>> G = load_graph([a])
    >>> list(G.edges(data="type"))
    [('RUS', 'UKR', 'ASSAULT')]
    """
    from .neo4j import Connection

    if isinstance(source, (str, Path)):
        p = Path(source)
        if p.suffix.lower() in (".jsonl", ".json", ".ndjson"):
            return _from_assertions(read_assertions([p]), facts_only, events_only, start, end)
        with Store.open(p, create=False) as store:
            return _from_store(store, facts_only, events_only, start, end)
    if isinstance(source, Store):
        return _from_store(source, facts_only, events_only, start, end)
    if isinstance(source, Connection):
        return _from_neo4j(source, facts_only, events_only, start, end)
    return _from_assertions(source, facts_only, events_only, start, end)


def _keep(mode, etype, date, facts_only, events_only, start, end) -> bool:
    if facts_only and mode in NOT_FACTS:
        return False
    if events_only and etype not in gm.PLOVER_EVENTS:
        return False
    if start and (not date or date < start):
        return False
    if end and (not date or date[: len(end)] > end):
        return False
    return True


def _from_store(store: Store, facts_only, events_only, start, end) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for a in store.actors():
        G.add_node(a.id, name=a.name, type=a.type, country=a.country, sector=a.sector, role=a.role,
                   label=gm.actor_label(a.type))
    where, params = [], []
    if facts_only:
        where.append("(mode IS NULL OR mode NOT IN ('negation', 'hypothetical'))")
    if events_only:
        where.append("event IS NOT NULL")
    if start:
        where.append("date >= ?")
        params.append(start)
    if end:
        where.append("substr(date, 1, ?) <= ?")
        params += [len(end), end]
    where.append("object IS NOT NULL")
    sql = "WHERE " + " AND ".join(where)
    keys = EDGE_COLUMNS[3:]
    G.add_edges_from((r[1], r[2], r[0], dict(zip(keys, r[3:]))) for r in store.edge_rows(sql, tuple(params)))
    return G


def _from_assertions(assertions: Iterable[Assertion], facts_only, events_only, start, end) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    kept = []
    for a in assertions:
        if a.object is None:
            continue
        etype = gm.relationship_type(a)
        date = (a.article or {}).get("date")
        if _keep(a.mode, etype, date, facts_only, events_only, start, end):
            kept.append((a, etype, date))
    for actor in gm.actors_of(a for a, _, _ in kept).values():
        p = gm.actor_props(actor)
        p.pop("id")
        G.add_node(actor.id, **p, label=gm.actor_label(actor.type))
    for a, etype, date in kept:
        G.add_edge(a.subject.id, a.object.id, key=a.id, type=etype, relation=a.relation, event=a.event,
                   cameo=a.cameo, mode=a.mode, score=a.score, confidence=a.confidence, date=date, doc_id=a.doc_id,
                   sentence_index=a.sentence.get("index"),
                   attributed_to=a.attributed_to.id if a.attributed_to else None,
                   denied_by=a.denied_by.id if a.denied_by else None)
    return G


def _from_neo4j(conn, facts_only, events_only, start, end) -> nx.MultiDiGraph:
    from .neo4j import Loader

    G = nx.MultiDiGraph()
    with Loader(conn) as ld:
        for n in ld.run("MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, "
                        "a.sector AS sector, a.role AS role"):
            G.add_node(n["id"], name=n["name"], type=n["type"], country=n["country"], sector=n["sector"],
                       role=n["role"], label=gm.actor_label(n["type"]))
        rows = ld.run("MATCH (s:Actor)-[r]->(o:Actor) RETURN s.id AS s, o.id AS o, type(r) AS type, "
                      "properties(r) AS p")
    for r in rows:
        p = r["p"]
        if not _keep(p.get("mode"), r["type"], p.get("date"), facts_only, events_only, start, end):
            continue
        G.add_edge(r["s"], r["o"], key=p["id"], type=r["type"], relation=p.get("relation"), event=p.get("event"),
                   cameo=p.get("cameo"), mode=p.get("mode"), score=p.get("score"), confidence=p.get("confidence"),
                   date=p.get("date"), doc_id=p.get("article"), sentence_index=p.get("sentence_index"),
                   attributed_to=p.get("attributed_to"), denied_by=p.get("denied_by"))
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
        return c if c and len(c) == 3 and c not in ("IGO", "NGO") else n

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
