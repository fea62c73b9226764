"""Analyses of an actor graph that return plain data: centrality, communities, dyads, time series,
ego networks, paths.

Every function takes a per-assertion graph or a pair graph (``load_graph(..., pairs=True)``, the fast
one on millions of assertions) and gives the same answer for both. Betweenness and Louvain
communities and PageRank run on networkit's compiled kernels (MIT) once a graph has more than
``KERNEL_MIN_PAIRS`` pairs of actors, and on networkx below.
Betweenness is exact while nodes × pairs stays under ``EXACT_BETWEENNESS_WORK`` and estimated from
``SAMPLE`` source actors above; ``summary`` says which (its ``methods``). :class:`Measures` computes
each expensive measure of a graph once, so ``summary`` and ``brokers`` share them.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from functools import cached_property
from typing import Optional

import networkx as nx
import numpy as np

from .graph import pair_graph

#: pairs of actors (undirected) above which betweenness and communities run on networkit
KERNEL_MIN_PAIRS = 5_000
#: betweenness is exact while actors × pairs (its cost) stays under this, else estimated from SAMPLE sources
EXACT_BETWEENNESS_WORK = 50_000_000
SAMPLE = 300
BACKENDS = ("networkx", "networkit")


class Measures:
    """The measures of one graph, each computed at most once.

    Parameters
    ----------
    G : a per-assertion graph (MultiDiGraph) or a pair graph (DiGraph with ``weight``)
    seed : seed of Louvain and of betweenness sampling (results are reproducible)
    backend : ``networkx``, ``networkit`` or None (networkit above KERNEL_MIN_PAIRS pairs)
    sample : source actors for betweenness: None (exact when affordable, else SAMPLE), 0 (always exact)
        or a number

    Examples
    --------
    >>> G = nx.MultiDiGraph([("A", "B"), ("B", "C"), ("C", "A"), ("X", "Y"), ("Y", "Z"), ("Z", "X"), ("A", "X")])
    >>> m = Measures(G)
    >>> m.communities
    [['A', 'B', 'C'], ['X', 'Y', 'Z']]
    >>> max(m.betweenness, key=m.betweenness.get), m.methods["betweenness"]
    ('A', 'exact (networkx)')
    """

    def __init__(self, G: nx.Graph, seed: int = 0, backend: Optional[str] = None, sample: Optional[int] = None):
        if backend is not None and backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
        self.G = G
        self.seed = seed
        self._backend = backend
        self._sample = sample
        self.methods: dict = {}

    @cached_property
    def pairs(self) -> nx.DiGraph:
        """One edge per ordered pair, `weight` = assertions (self-loops kept)."""
        return pair_graph(self.G)

    @cached_property
    def arrays(self) -> tuple:
        """(nodes, src, dst, weight): the pair graph as arrays of node indexes, read once."""
        P = self.pairs
        nodes = list(P)
        index = {n: k for k, n in enumerate(nodes)}
        m = P.number_of_edges()
        ends = np.fromiter((index[x] for u, v in P.edges() for x in (u, v)), dtype=np.int64, count=2 * m)
        w = np.fromiter((d for _, _, d in P.edges(data="weight")), dtype=np.int64, count=m)
        return nodes, ends[0::2], ends[1::2], w

    @cached_property
    def undirected(self) -> tuple:
        """(nodes, i, j, weight): each unordered pair of different actors once, i < j, with the
        assertions of both directions summed."""
        nodes, src, dst, w = self.arrays
        keep = src != dst
        lo, hi, w = np.minimum(src, dst)[keep], np.maximum(src, dst)[keep], w[keep]
        n = max(len(nodes), 1)
        key, inverse = np.unique(lo * n + hi, return_inverse=True)
        return nodes, key // n, key % n, np.bincount(inverse, weights=w, minlength=len(key))

    @property
    def backend(self) -> str:
        if self._backend is None:
            self._backend = "networkit" if len(self.undirected[1]) > KERNEL_MIN_PAIRS else "networkx"
        return self._backend

    def _nx_undirected(self, weighted: bool) -> nx.Graph:
        nodes, i, j, w = self.undirected
        U = nx.Graph()
        U.add_nodes_from(nodes)
        if weighted:
            U.add_weighted_edges_from(zip((nodes[a] for a in i), (nodes[b] for b in j), w.tolist()))
        else:
            U.add_edges_from(zip((nodes[a] for a in i), (nodes[b] for b in j)))
        return U

    def _nk_graph(self, i, j, w=None, directed: bool = False):
        import networkit as nk

        g = nk.Graph(len(self.arrays[0]), weighted=w is not None, directed=directed)
        if len(i):
            ends = (i.astype(np.uint64), j.astype(np.uint64))
            g.addEdges((w.astype(np.float64), ends) if w is not None else ends)
        return g

    @cached_property
    def degree(self) -> dict:
        """Assertions each actor takes part in (a self-loop counts twice, as in networkx)."""
        nodes, src, dst, w = self.arrays
        d = np.bincount(src, weights=w, minlength=len(nodes)) + np.bincount(dst, weights=w, minlength=len(nodes))
        return dict(zip(nodes, d.astype(np.int64).tolist()))

    @cached_property
    def pagerank(self) -> dict:
        """PageRank of the directed pair graph without self-loops, edges weighted by assertions."""
        backend = self.backend
        self.methods["pagerank"] = f"exact ({backend})"
        nodes, src, dst, w = self.arrays
        if not nodes:
            return {}
        if backend == "networkx":
            D = self.pairs
            if nx.number_of_selfloops(D):
                D = D.copy()
                D.remove_edges_from(list(nx.selfloop_edges(D)))
            return nx.pagerank(D, weight="weight")
        import networkit as nk

        keep = src != dst
        algo = nk.centrality.PageRank(self._nk_graph(src[keep], dst[keep], w[keep], directed=True), damp=0.85,
                                      tol=1e-12, distributeSinks=nk.centrality.SinkHandling.DistributeSinks)
        algo.run()
        scores = np.asarray(algo.scores())
        return dict(zip(nodes, (scores / scores.sum()).tolist()))

    @cached_property
    def betweenness(self) -> dict:
        """Betweenness centrality of the undirected actor graph (shortest paths in steps), normalised."""
        nodes, i, _, _ = self.undirected
        n = len(nodes)
        k = self._sample
        if k is None:
            k = 0 if n * len(i) <= EXACT_BETWEENNESS_WORK else SAMPLE
        if k >= n:
            k = 0
        backend = self.backend
        if backend == "networkx":
            scores = nx.betweenness_centrality(self._nx_undirected(False), k=k or None, seed=self.seed)
        else:
            import networkit as nk

            nodes, i, j, _ = self.undirected
            g = self._nk_graph(i, j)
            if k:
                nk.engineering.setSeed(self.seed, False)
                algo = nk.centrality.EstimateBetweenness(g, k, True, False)
            else:
                algo = nk.centrality.Betweenness(g, normalized=True)
            algo.run()
            scores = dict(zip(nodes, algo.scores()))
        self.methods["betweenness"] = (f"estimated from {k} of {n} source actors ({backend}, seed {self.seed})"
                                       if k else f"exact ({backend})")
        return scores

    @cached_property
    def communities(self) -> list[list[str]]:
        """Louvain communities of the undirected graph weighted by assertions, largest first."""
        nodes, i, _, _ = self.undirected
        backend = self.backend
        if not len(i):
            parts = [[n] for n in nodes]
        elif backend == "networkx":
            parts = nx.community.louvain_communities(self._nx_undirected(True), weight="weight", seed=self.seed)
        else:
            import networkit as nk

            nk.engineering.setSeed(self.seed, False)
            _, i, j, w = self.undirected
            algo = nk.community.PLM(self._nk_graph(i, j, w), refine=True, par="none")  # "none": reproducible
            algo.run()
            groups = defaultdict(list)
            for n, c in zip(nodes, algo.getPartition().getVector()):
                groups[c].append(n)
            parts = list(groups.values())
        self.methods["communities"] = f"Louvain ({backend}, seed {self.seed})"
        return sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p))


def _top(scores: dict, G, top: Optional[int]) -> list[dict]:
    key = lambda kv: (-kv[1], kv[0])  # noqa: E731
    ranked = heapq.nsmallest(top, scores.items(), key=key) if top else sorted(scores.items(), key=key)
    return [{"id": n, "name": G.nodes[n].get("name", n), "type": G.nodes[n].get("type"), "score": round(s, 6)}
            for n, s in ranked]


def degree(G: nx.Graph, top: Optional[int] = 10) -> list[dict]:
    """Actors by how many assertions they take part in.

    >>> G = nx.MultiDiGraph([("A", "B"), ("A", "C"), ("B", "A")])
    >>> [(r["id"], r["score"]) for r in degree(G)]
    [('A', 3), ('B', 2), ('C', 1)]
    """
    return _top(Measures(G).degree, G, top)


def pagerank(G: nx.Graph, top: Optional[int] = 10, measures: Optional[Measures] = None) -> list[dict]:
    """PageRank on the actor graph, edges weighted by their number of assertions."""
    return _top((measures or Measures(G)).pagerank, G, top)


def betweenness(G: nx.Graph, top: Optional[int] = 10, k: Optional[int] = None, seed: int = 0,
                backend: Optional[str] = None) -> list[dict]:
    """Betweenness centrality on the undirected actor graph: exact, or from `k` sampled source actors
    (default: exact when affordable, else SAMPLE; see Measures)."""
    return _top(Measures(G, seed, backend, sample=k).betweenness, G, top)


def communities(G: nx.Graph, seed: int = 0, backend: Optional[str] = None) -> list[list[str]]:
    """Louvain communities of the undirected, weighted actor graph, largest first.

    >>> G = nx.MultiDiGraph([("A", "B"), ("B", "C"), ("C", "A"), ("X", "Y"), ("Y", "Z"), ("Z", "X"), ("A", "X")])
    >>> communities(G)
    [['A', 'B', 'C'], ['X', 'Y', 'Z']]
    """
    return Measures(G, seed, backend).communities


def dyad_table(G: nx.Graph, top: Optional[int] = 10, min_events: int = 1) -> dict:
    """The most cooperative and the most conflictual ordered pairs of different actors (the mean score
    of their events), each list ranked by score, then events."""
    P = pair_graph(G)

    def rows():
        return ((round(d["score"], 3), d["events"], u, v) for u, v, d in P.edges(data=True)
                if u != v and d["score"] is not None and d["events"] >= min_events)

    def ranked(key):
        return heapq.nsmallest(top, rows(), key=key) if top else sorted(rows(), key=key)

    def out(r):
        score, events, u, v = r
        return {"source": u, "target": v, "source_name": G.nodes[u].get("name", u),
                "target_name": G.nodes[v].get("name", v), "events": events, "score": score}

    return {"cooperative": [out(r) for r in ranked(lambda r: (-r[0], -r[1], r[2], r[3]))],
            "conflictual": [out(r) for r in ranked(lambda r: (r[0], -r[1], r[2], r[3]))]}


def ego_network(G: nx.Graph, actor: str, radius: int = 1) -> dict:
    """An actor's neighbours within `radius` steps and the assertions (or pairs) among them."""
    if actor not in G:
        raise KeyError(f"no actor {actor!r} in the graph")
    E = nx.ego_graph(G, actor, radius=radius, undirected=True)
    return {"actor": actor, "nodes": sorted(E.nodes()),
            "edges": sorted((u, v, d.get("type")) for u, v, d in E.edges(data=True))}


def shortest_paths(G: nx.Graph, source: str, target: str, limit: int = 5) -> list[list[str]]:
    """Up to `limit` shortest paths between two actors, in either direction of the assertions."""
    U = pair_graph(G).to_undirected(as_view=True)
    try:
        out = []
        for p in nx.all_shortest_paths(U, source, target):
            out.append(p)
            if len(out) >= limit:
                break
        return sorted(out)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def brokers(G: nx.Graph, top: Optional[int] = 10, seed: int = 0, measures: Optional[Measures] = None) -> list[dict]:
    """Actors that bridge communities: how many other communities they are tied to, then betweenness."""
    m = measures or Measures(G, seed)
    member = {n: i for i, p in enumerate(m.communities) for n in p}
    nodes, i, j, _ = m.undirected
    reach = defaultdict(set)
    for a, b in zip(i.tolist(), j.tolist()):
        u, v = nodes[a], nodes[b]
        if member[u] != member[v]:
            reach[u].add(member[v])
            reach[v].add(member[u])
    bc = m.betweenness
    rows = [{"id": n, "name": G.nodes[n].get("name", n), "communities_bridged": len(c),
             "betweenness": round(bc.get(n, 0.0), 6)} for n, c in reach.items()]
    rows.sort(key=lambda r: (-r["communities_bridged"], -r["betweenness"], r["id"]))
    return rows[: top or None]


def _series(periods: dict) -> list[dict]:
    """The dated periods with events, in order."""
    return [{"period": p, "events": q["events"], "score": None if q["score"] is None else round(q["score"], 3)}
            for p, q in sorted((p, q) for p, q in periods.items() if p is not None) if q["events"]]


def _periodic(G: nx.Graph, by: Optional[str]) -> nx.DiGraph:
    if G.is_multigraph():
        return pair_graph(G, by=by or "month")
    if not G.graph.get("by"):
        raise ValueError("this pair graph has no periods: load it with load_graph(..., pairs=True, by=...)")
    return G


def dyad_series(G: nx.Graph, source: str, target: str, by: Optional[str] = None) -> list[dict]:
    """Events and mean cooperation–conflict score of source -> target per period (``by``: day, week,
    month (default) or year; a pair graph loaded with ``by`` has its own); undated events are left out.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", type="ASSAULT", score=-10.0, date="2022-03-14")
    0
    >>> G.add_edge("A", "B", type="CONSULT", score=1.0, date="2022-04-02")
    1
    >>> dyad_series(G, "A", "B")
    [{'period': '2022-03', 'events': 1, 'score': -10.0}, {'period': '2022-04', 'events': 1, 'score': 1.0}]
    """
    P = _periodic(G, by)
    return _series(P.edges[source, target]["periods"]) if P.has_edge(source, target) else []


def timeline(G: nx.Graph, by: Optional[str] = None, top: Optional[int] = 10) -> dict:
    """Dyad time series: events and mean cooperation–conflict score per period of the `top` dyads with
    the most events, and of all events (``undated`` counts the events without a date)."""
    P = _periodic(G, by)
    total: dict = {}
    rows = []
    for u, v, d in P.edges(data=True):
        for p, q in d["periods"].items():
            t = total.setdefault(p, {"events": 0, "score": None, "scored": 0})
            if q["scored"]:
                t["score"] = ((t["score"] or 0.0) * t["scored"] + q["score"] * q["scored"]) / (t["scored"] + q["scored"])
                t["scored"] += q["scored"]
            t["events"] += q["events"]
        if u != v and d["events"]:
            rows.append((u, v, d))
    rows.sort(key=lambda r: (-r[2]["events"], r[0], r[1]))
    undated = total.pop(None, {"events": 0})["events"]
    return {"by": P.graph["by"], "one_a_day": P.graph.get("one_a_day", False), "undated": undated,
            "events": _series(total),
            "dyads": [{"source": u, "target": v, "source_name": P.nodes[u].get("name", u),
                       "target_name": P.nodes[v].get("name", v), "events": d["events"],
                       "score": None if d["score"] is None else round(d["score"], 3),
                       "series": _series(d["periods"])}
                      for u, v, d in rows[: top or None]]}


def summary(G: nx.Graph, top: int = 10, seed: int = 0, backend: Optional[str] = None) -> dict:
    """All the analyses `graphkit analyze` prints, each expensive measure computed once; ``methods``
    says how betweenness, communities and PageRank were computed (exact, or sampled)."""
    m = Measures(G, seed, backend)
    P = m.pairs
    result = {
        "nodes": P.number_of_nodes(), "edges": int(m.arrays[3].sum()), "pairs": P.number_of_edges(),
        "degree": _top(m.degree, P, top), "pagerank": pagerank(P, top, m), "betweenness": _top(m.betweenness, P, top),
        "communities": m.communities[:top], "dyads": dyad_table(P, top), "brokers": brokers(P, top, seed, m),
    }
    result["methods"] = dict(sorted(m.methods.items()))
    return result

