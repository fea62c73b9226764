"""Assertions -> networkx graphs: one edge per assertion, or one weighted edge per pair of actors
(summed where the data lives), and the roll-up of people, agents and organisations to their state.

The graph model is Neo4j's (graphkit.graphmodel): actors are nodes keyed by id with their properties.
A per-assertion graph (``MultiDiGraph``) has each assertion as an edge keyed by its id, with its
relationship type and every edge property. A pair graph (``DiGraph``, ``pairs=True``) has one edge per
ordered pair of actors with

* ``weight``: how many assertions,
* ``events``: how many of them are PLOVER events,
* ``score``: the mean cooperation–conflict score of its scored events (None when none has one),
* ``scored``: how many events that mean is over,
* ``periods`` (only with ``by``): ``{period: {"weight", "events", "score", "scored"}}``,

and says how it was counted in ``G.graph`` (``by``, ``one_a_day``). The pair graph of a store is
summed in SQL, so a million assertions are read as one row per pair.
"""
from __future__ import annotations

from datetime import date as _date, timedelta
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

import networkx as nx

from . import graphmodel as gm
from .model import Assertion
from .readers import read_assertions
from .sinks.store import Store

#: periods of a time series: the ISO date of its day, the Monday of its week, YYYY-MM, YYYY
PERIODS = ("day", "week", "month", "year")
#: actors as they are, or people, agents and organisations rolled up to their state
LEVELS = ("actor", "country")

Source = Union[str, Path, Store, Iterable[Assertion], "object"]


def period(date: Optional[str], by: Optional[str]) -> Optional[str]:
    """The period a date falls in: None without a date, or for a date too coarse for `by`
    (the same rule as the store's SQL).

    >>> [period("2022-03-16", by) for by in PERIODS]
    ['2022-03-16', '2022-03-14', '2022-03', '2022']
    >>> period("2022-03", "day") is None and period(None, "month") is None
    True
    """
    if not by or not date:
        return None
    if by == "year":
        return date[:4]
    if by == "month":
        return date[:7] if len(date) >= 7 else None
    if len(date) < 10:
        return None
    if by == "day":
        return date[:10]
    d = _date.fromisoformat(date[:10])
    return (d - timedelta(days=d.weekday())).isoformat()


def load_graph(source: Source, facts_only: bool = True, events_only: bool = False,
               start: Optional[str] = None, end: Optional[str] = None, pairs: bool = False,
               by: Optional[str] = None, one_a_day: bool = False, level: str = "actor"
               ) -> Union[nx.MultiDiGraph, nx.DiGraph]:
    """Build the actor graph from a store (path or Store), an assertion JSONL file, assertions, or a
    Neo4j connection (graphkit.sinks.neo4j.Connection).

    Parameters
    ----------
    source : path of a store (``.db``), of assertion JSONL or of a Parquet dataset, a Store, Assertions
        (any iterable, e.g. graphkit.distributed.Dataset), or a Connection
    facts_only : leave out negated and hypothetical assertions (default True)
    events_only : leave out relations that are not PLOVER events (AFFILIATED_WITH)
    start, end : keep assertions dated in [start, end] (ISO 8601; the event's date, else its article's;
        ``end="2022-03"`` keeps all of March)
    pairs : one weighted edge per ordered pair of actors instead of one edge per assertion: what the
        analyses need, fast and small on millions of assertions (summed in SQL for a store)
    by : with ``pairs``, also count each pair per ``day``, ``week`` (its Monday), ``month`` or ``year``
    one_a_day : with ``pairs``, count one event per (source, event type, target, day), as event data does,
        so twenty reports of one strike are one strike (its score their mean; undated: once per article)
    level : ``actor``, or ``country`` for :func:`country_graph` of the graph (a pair graph is rolled up
        as its pairs are read, so the actor-level graph is never built)

    Returns
    -------
    networkx.MultiDiGraph with actor nodes (graphkit.graphmodel.NODE_PROPS and label) and one edge per
    assertion, keyed by assertion id, with its relationship type and every edge property
    (graphkit.graphmodel.EDGE_PROPS: relation, event, cameo, mode, score, confidence, date, article, ...);
    with ``pairs``, a networkx.DiGraph with one edge per ordered pair (see the module's docstring).

    Examples
    --------
    >>> from graphkit.model import Actor, Assertion, Mention
    >>> ru, ua = Actor("RUS", "Russia", "country", "RUS"), Actor("UKR", "Ukraine", "country", "UKR")
    >>> a = Assertion("d", {"index": 0, "text": "Russia invaded Ukraine."}, 0, 22, Mention(ru, "Russia", 0, 6),
    ...               "invade", Mention(ua, "Ukraine", 15, 22), event="ASSAULT", cameo="190", score=-10.0)
    >>> G = load_graph([a])
    >>> list(G.edges(data="type"))
    [('RUS', 'UKR', 'ASSAULT')]
    >>> load_graph([a, a], pairs=True).edges["RUS", "UKR"]
    {'weight': 2, 'events': 2, 'score': -10.0, 'scored': 2}
    """
    from .sinks.neo4j import Connection

    if by is not None and by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    if not pairs and (by or one_a_day):
        raise ValueError("by and one_a_day count pairs: pass pairs=True")
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    flt = gm.EdgeFilter(facts_only, events_only, start, end)
    counts = _Counts(by, one_a_day, level) if pairs else None
    if isinstance(source, (str, Path)) and (Path(source).suffix.lower() in (".jsonl", ".json", ".ndjson")
                                            or Path(source).is_dir()):
        G = _from_assertions(read_assertions([Path(source)]), flt, counts)
    elif isinstance(source, (str, Path)):
        with Store.open(Path(source), create=False) as store:
            G = _from_store(store, flt, counts)
    elif isinstance(source, Store):
        G = _from_store(source, flt, counts)
    elif isinstance(source, Connection):
        G = _from_neo4j(source, flt, counts)
    else:
        G = _from_assertions(source, flt, counts)
    return country_graph(G) if level == "country" and not pairs else G


# ---------------------------------------------------------------------------------------------- pairs
class _Counts:
    """Pair counts of edges, as rows of (subject, object, period, weight, events, score_sum, scored):
    what Store.pair_weights sums in SQL, for sources that are not a store."""

    def __init__(self, by: Optional[str] = None, one_a_day: bool = False, level: str = "actor"):
        self.by, self.one_a_day, self.level = by, one_a_day, level
        self.days: dict = {}
        self.acc: dict = {}

    def add(self, row: dict) -> None:
        """Count one edge (a dict with subject, object, type, score, date and article)."""
        s, o, etype, score, date = row["subject"], row["object"], row.get("type"), row.get("score"), row.get("date")
        if not self.one_a_day:
            self._count(s, o, etype, score, date)
            return
        # one a day: one row per (subject, object, type, day), its score the mean of the day's scores
        key = (s, o, etype, date[:10] if date else "article:" + str(row.get("article")))
        d = self.days.get(key)
        if d is None:
            d = self.days[key] = [0.0, 0, date]
        if score is not None:
            d[0] += score
            d[1] += 1
        if date and (d[2] is None or date < d[2]):
            d[2] = date

    def _count(self, s, o, etype, score, date) -> None:
        key = (s, o, period(date, self.by))
        c = self.acc.get(key)
        if c is None:
            c = self.acc[key] = [0, 0, 0.0, 0]
        c[0] += 1
        if etype in gm.PLOVER_EVENTS:
            c[1] += 1
            if score is not None:
                c[2] += score
                c[3] += 1

    def rows(self) -> Iterator[tuple]:
        for (s, o, etype, _), (total, n, date) in self.days.items():
            self._count(s, o, etype, (total / n) if n else None, date)
        self.days = {}
        return ((s, o, p, *c) for (s, o, p), c in self.acc.items())


def _pair_graph(nodes: Iterable[tuple], rows: Iterable[tuple], counts: _Counts) -> nx.DiGraph:
    """A DiGraph of nodes ((id, attributes)) and (subject, object, period, weight, events, score_sum,
    scored) rows, rolled up to the countries first when `counts.level` says so."""
    by = counts.by
    D = nx.DiGraph(by=by, one_a_day=counts.one_a_day)
    if counts.level == "country":
        up, nodes = _rollup(nodes)
        rows = _rolled(rows, up)
    D.add_nodes_from(nodes)
    if by is None:
        D.add_edges_from((s, o, {"weight": w, "events": e, "score": (t / k) if k else None, "scored": k})
                         for s, o, _, w, e, t, k in rows)
        return D
    adj = D.adj
    for s, o, p, w, e, t, k in rows:
        d = adj[s].get(o)
        if d is None:
            D.add_edge(s, o, weight=0, events=0, score=None, scored=0, periods={})
            d = adj[s][o]
        _merge(d, w, e, t, k)
        d["periods"][p] = {"weight": w, "events": e, "score": (t / k) if k else None, "scored": k}
    return D


def _rolled(rows: Iterable[tuple], up: dict) -> Iterator[tuple]:
    """Pair rows summed over the countries their actors roll up to."""
    acc: dict = {}
    for s, o, p, w, e, t, k in rows:
        key = (up[s], up[o], p)
        c = acc.get(key)
        if c is None:
            acc[key] = [w, e, t, k]
        else:
            c[0] += w
            c[1] += e
            c[2] += t
            c[3] += k
    return ((s, o, p, *c) for (s, o, p), c in acc.items())


def _merge(d: dict, w: int, e: int, total: float, k: int) -> None:
    """Add counts to a pair's edge data, keeping `score` the mean over all its scored events."""
    have = (d["score"] or 0.0) * d["scored"]
    d["weight"] += w
    d["events"] += e
    d["scored"] += k
    d["score"] = (have + total) / d["scored"] if d["scored"] else None


def pair_graph(G: nx.Graph, by: Optional[str] = None, one_a_day: bool = False) -> nx.DiGraph:
    """The pair graph of a per-assertion graph (a pair graph is returned as it is).

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", type="ASSAULT", score=-10.0, date="2022-03-14", article="d1")
    0
    >>> G.add_edge("A", "B", type="ASSAULT", score=-8.0, date="2022-03-14", article="d2")
    1
    >>> pair_graph(G).edges["A", "B"]
    {'weight': 2, 'events': 2, 'score': -9.0, 'scored': 2}
    >>> pair_graph(G, one_a_day=True).edges["A", "B"]["events"]
    1
    """
    if not G.is_multigraph():
        return G
    counts = _Counts(by, one_a_day)
    for u, v, d in G.edges(data=True):
        counts.add({**d, "subject": u, "object": v})
    return _pair_graph(G.nodes(data=True), counts.rows(), counts)


# ---------------------------------------------------------------------------------------------- sources
def _node(props: dict) -> tuple:
    return props["id"], {**{k: v for k, v in props.items() if k != "id"}, "label": gm.actor_label(props["type"])}


def _edge(row: dict) -> tuple:
    """One assertion as an edge: `row` holds subject, object, type and the edge properties."""
    return row["subject"], row["object"], row["id"], {"type": row["type"], **{p: row.get(p) for p in gm.EDGE_PROPS}}


def _from_rows(nodes: list[dict], rows: Iterable[dict], flt: gm.EdgeFilter, counts: Optional[_Counts]):
    """A graph of actors (node props) and edge rows (subject, object, type and properties) that pass `flt`."""
    kept = (row for row in rows if row["object"] is not None and flt.keep(row))
    if counts is not None:
        for row in kept:
            counts.add(row)
        return _pair_graph((_node(p) for p in nodes), counts.rows(), counts)
    G = nx.MultiDiGraph()
    G.add_nodes_from(_node(p) for p in nodes)
    G.add_edges_from(_edge(row) for row in kept)
    return G


def _from_store(store: Store, flt: gm.EdgeFilter, counts: Optional[_Counts]):
    nodes = (_node(gm.node_props(a)) for a in store.actors())
    if counts is not None:
        return _pair_graph(nodes, store.pair_weights(flt, counts.by, counts.one_a_day), counts)
    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from(_edge(row) for row in store.edges(flt))
    return G


def _from_assertions(assertions: Iterable[Assertion], flt: gm.EdgeFilter, counts: Optional[_Counts]):
    """Assertions are read once, as they come; the kept ones' actors become the nodes."""
    kept_rows: list = []

    def kept():
        for a in assertions:
            if a.object is None:
                continue
            row = gm.edge_row(a)
            if flt.keep(row):
                if counts is not None:
                    counts.add(row)
                else:
                    kept_rows.append(_edge(row))
                yield a

    nodes = [_node(gm.node_props(x)) for x in gm.actors_of(kept()).values()]
    if counts is not None:
        return _pair_graph(nodes, counts.rows(), counts)
    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from(kept_rows)
    return G


def _from_neo4j(conn, flt: gm.EdgeFilter, counts: Optional[_Counts]):
    from .sinks.neo4j import Loader, read_cypher

    with Loader(conn) as ld:
        nodes = [{k: n["p"].get(k) for k in gm.NODE_PROPS} for n in ld.run(read_cypher("graph", "actors.cypher"))]
        rows = ld.run(read_cypher("graph", "assertions.cypher"))
    return _from_rows(nodes, ({"subject": r["subject"], "object": r["object"], "type": r["type"], **r["p"]}
                              for r in rows), flt, counts)


# ---------------------------------------------------------------------------------------------- roll-up
def _rollup(nodes: Iterable[tuple]) -> tuple[dict, list]:
    """({actor: the node it rolls up to}, [(node, attributes)]) for (actor, attributes) nodes: a person,
    agent or organisation with a state rolls up to that state, anyone else stays itself."""
    nodes = list(nodes)
    up = {n: (d.get("country") if gm.is_state(d.get("country")) else n) for n, d in nodes}
    out: dict = {}
    for n, d in nodes:
        r = up[n]
        if r == n and d.get("type") == "country" or r not in out:  # a state's own node names it best
            own = r == n
            out[r] = {"name": d.get("name") if own else r, "type": "country" if not own else d.get("type"),
                      "country": d.get("country")}
    return up, list(out.items())


def country_graph(G: nx.Graph) -> nx.Graph:
    """Roll people, agents and organisations up to their country (IGOs, NGOs and actors without a
    country stay themselves); edges inside one country are kept as self-loops. A per-assertion graph
    gives a per-assertion graph, a pair graph a pair graph (its counts summed).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("person:x", type="person", country="USA", name="X"); G.add_node("CHN", type="country", country="CHN", name="China")
    >>> G.add_edge("person:x", "CHN", key="e1", type="CONSULT", score=1.0)
    'e1'
    >>> list(country_graph(G).edges(keys=True))
    [('USA', 'CHN', 'e1')]
    """
    up, nodes = _rollup(G.nodes(data=True))
    C = (nx.MultiDiGraph if G.is_multigraph() else nx.DiGraph)(**G.graph)
    C.add_nodes_from(nodes)
    if G.is_multigraph():
        C.add_edges_from((up[u], up[v], k, d) for u, v, k, d in G.edges(keys=True, data=True))
        return C
    adj = C.adj
    for u, v, d in G.edges(data=True):
        a, b = up[u], up[v]
        e = adj[a].get(b)
        if e is None:
            C.add_edge(a, b, weight=0, events=0, score=None, scored=0, **({"periods": {}} if "periods" in d else {}))
            e = adj[a][b]
        _merge(e, d["weight"], d["events"], (d["score"] or 0.0) * d["scored"], d["scored"])
        for p, q in d.get("periods", {}).items():
            have = e["periods"].setdefault(p, {"weight": 0, "events": 0, "score": None, "scored": 0})
            _merge(have, q["weight"], q["events"], (q["score"] or 0.0) * q["scored"], q["scored"])
    return C


def dyads(G: nx.Graph, events_only: bool = True) -> nx.DiGraph:
    """Weighted dyads: one edge per ordered pair of different actors with `count` (events, or all
    assertions when not `events_only`) and `score` (the mean cooperation-conflict score of its events,
    None when none has one)."""
    P = pair_graph(G)
    D = nx.DiGraph()
    D.add_nodes_from(P.nodes(data=True))
    D.add_edges_from((u, v, {"count": d["events"] if events_only else d["weight"], "score": d["score"]})
                     for u, v, d in P.edges(data=True) if u != v and (d["events"] or not events_only))
    return D
