"""Analyses of an actor graph that return plain data: centrality, communities, dyads, ego networks, paths."""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

import networkx as nx

from .graph import dyads

#: above this many actors, betweenness is estimated from SAMPLE source actors instead of all of them
LARGE = 2000
SAMPLE = 300


def _simple(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Collapse parallel edges into one edge with `weight` = how many assertions."""
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u == v:
            continue
        if D.has_edge(u, v):
            D[u][v]["weight"] += 1
        else:
            D.add_edge(u, v, weight=1)
    return D


def _top(scores: dict, G, top: Optional[int]) -> list[dict]:
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[: top or None]
    return [{"id": n, "name": G.nodes[n].get("name", n), "type": G.nodes[n].get("type"), "score": round(s, 6)}
            for n, s in ranked]


def degree(G: nx.MultiDiGraph, top: Optional[int] = 10) -> list[dict]:
    """Actors by how many assertions they take part in.

    >>> G = nx.MultiDiGraph([("A", "B"), ("A", "C"), ("B", "A")])
    >>> [(r["id"], r["score"]) for r in degree(G)]
    [('A', 3), ('B', 2), ('C', 1)]
    """
    return _top(dict(G.degree()), G, top)


def pagerank(G: nx.MultiDiGraph, top: Optional[int] = 10) -> list[dict]:
    """PageRank on the actor graph, edges weighted by their number of assertions."""
    D = _simple(G)
    if D.number_of_nodes() == 0:
        return []
    return _top(nx.pagerank(D, weight="weight"), G, top)


def betweenness(G: nx.MultiDiGraph, top: Optional[int] = 10, k: Optional[int] = None, seed: int = 0) -> list[dict]:
    """Betweenness centrality on the undirected actor graph (`k` samples for large graphs)."""
    U = _simple(G).to_undirected()
    if k is not None and k >= U.number_of_nodes():
        k = None
    return _top(nx.betweenness_centrality(U, k=k, seed=seed), G, top)


def communities(G: nx.MultiDiGraph, seed: int = 0) -> list[list[str]]:
    """Louvain communities of the undirected, weighted actor graph, largest first.

    >>> G = nx.MultiDiGraph([("A", "B"), ("B", "C"), ("C", "A"), ("X", "Y"), ("Y", "Z"), ("Z", "X"), ("A", "X")])
    >>> communities(G)
    [['A', 'B', 'C'], ['X', 'Y', 'Z']]
    """
    U = _simple(G).to_undirected()
    if U.number_of_edges() == 0:
        return [[n] for n in sorted(U)]
    parts = nx.community.louvain_communities(U, weight="weight", seed=seed)
    return sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p))


def dyad_table(G: nx.MultiDiGraph, top: Optional[int] = 10, min_events: int = 1) -> dict:
    """The most cooperative and the most conflictual ordered pairs (mean score of their events)."""
    D = dyads(G)
    rows = [{"source": u, "target": v, "source_name": G.nodes[u].get("name", u),
             "target_name": G.nodes[v].get("name", v), "events": d["count"], "score": round(d["score"], 3)}
            for u, v, d in D.edges(data=True) if d["score"] is not None and d["count"] >= min_events]
    coop = sorted(rows, key=lambda r: (-r["score"], -r["events"], r["source"], r["target"]))
    conf = sorted(rows, key=lambda r: (r["score"], -r["events"], r["source"], r["target"]))
    return {"cooperative": coop[: top or None], "conflictual": conf[: top or None]}


def ego_network(G: nx.MultiDiGraph, actor: str, radius: int = 1) -> dict:
    """An actor's neighbours within `radius` steps and the assertions among them."""
    if actor not in G:
        raise KeyError(f"no actor {actor!r} in the graph")
    E = nx.ego_graph(G, actor, radius=radius, undirected=True)
    return {"actor": actor, "nodes": sorted(E.nodes()),
            "edges": sorted((u, v, d.get("type")) for u, v, d in E.edges(data=True))}


def shortest_paths(G: nx.MultiDiGraph, source: str, target: str, limit: int = 5) -> list[list[str]]:
    """Up to `limit` shortest paths between two actors, in either direction of the assertions."""
    U = _simple(G).to_undirected()
    try:
        paths = nx.all_shortest_paths(U, source, target)
        out = []
        for p in paths:
            out.append(p)
            if len(out) >= limit:
                break
        return sorted(out)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def brokers(G: nx.MultiDiGraph, top: Optional[int] = 10, seed: int = 0) -> list[dict]:
    """Actors that bridge communities: how many other communities they are tied to, then betweenness."""
    parts = communities(G, seed=seed)
    member = {n: i for i, p in enumerate(parts) for n in p}
    U = _simple(G).to_undirected()
    k = SAMPLE if U.number_of_nodes() > LARGE else None
    bc = nx.betweenness_centrality(U, k=k, seed=seed)
    reach = defaultdict(set)
    for u, v in U.edges():
        if member[u] != member[v]:
            reach[u].add(member[v])
            reach[v].add(member[u])
    rows = [{"id": n, "name": G.nodes[n].get("name", n), "communities_bridged": len(c),
             "betweenness": round(bc.get(n, 0.0), 6)} for n, c in reach.items()]
    rows.sort(key=lambda r: (-r["communities_bridged"], -r["betweenness"], r["id"]))
    return rows[: top or None]


def summary(G: nx.MultiDiGraph, top: int = 10, seed: int = 0) -> dict:
    """All the analyses `graphkit analyze` prints."""
    return {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "degree": degree(G, top), "pagerank": pagerank(G, top),
        "betweenness": betweenness(G, top, k=SAMPLE if G.number_of_nodes() > LARGE else None, seed=seed),
        "communities": communities(G, seed)[:top], "dyads": dyad_table(G, top), "brokers": brokers(G, top, seed),
    }
