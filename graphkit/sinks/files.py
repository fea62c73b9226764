"""File sinks: assertion JSONL, and exports of a store as GraphML, GEXF (dated, for Gephi), neo4j-admin CSVs."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Iterable, Optional

import networkx as nx

from .. import graphmodel as gm
from ..model import Assertion
from .store import Store

FORMATS = ("graphml", "gexf", "jsonl", "neo4j-admin")


def write_assertions(assertions: Iterable[Assertion], out: IO[str]) -> int:
    """Write assertions as JSONL (the contract every other tool reads), one record a line; returns how many.

    Examples
    --------
    >>> import io
    >>> from graphkit.model import Actor, Assertion, Mention
    >>> a = Assertion("d", {"index": 0, "text": "Russia invaded Ukraine."}, 0, 22,
    ...               Mention(Actor("RUS", "Russia", "country", "RUS"), "Russia", 0, 6), "invade")
    >>> buf = io.StringIO()
    >>> write_assertions([a], buf), json.loads(buf.getvalue())["subject"]["id"]
    (1, 'RUS')
    """
    n = 0
    for a in assertions:
        out.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def _clean(d: dict) -> dict:
    """GraphML and GEXF take no None values."""
    return {k: v for k, v in d.items() if v is not None}


def _plain(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, _clean(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, _clean(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def to_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(_plain(G), path)


def to_gexf(G: nx.MultiDiGraph, path: Path) -> None:
    """GEXF 1.2 with each edge's date as its `start`, so Gephi's timeline can play the graph. GEXF gives
    `start`, `end` and `type` their own meaning, so the character offsets and the relationship type are
    written as `offset_start`, `offset_end` and `relationship`."""
    H = _plain(G)
    for _, _, d in H.edges(data=True):
        for k, new in (("start", "offset_start"), ("end", "offset_end"), ("type", "relationship")):
            if k in d:
                d[new] = d.pop(k)
        if d.get("date"):
            d["start"] = str(d["date"])[:10]
    nx.write_gexf(H, path)


def to_jsonl(store: Store, path: Path) -> int:
    with path.open("w", encoding="utf-8") as f:
        return write_assertions(store.assertions(), f)


CSV_TYPES = {int: ":int", float: ":float", bool: ":boolean"}
ACTOR_HEADER = ["id:ID(Actor)", *gm.NODE_PROPS[1:], ":LABEL"]
ARTICLE_HEADER = ["id:ID(Article)", *gm.ARTICLE_PROPS[1:], ":LABEL"]
REL_HEADER = [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE",
              *(p + CSV_TYPES.get(gm.EDGE_TYPES[p], "") for p in gm.EDGE_PROPS)]
MENTION_HEADER = [":START_ID(Actor)", ":END_ID(Article)", ":TYPE"]


def to_neo4j_admin(store: Store, folder: Path, database: str = "neo4j") -> str:
    """CSV files in the header format of `neo4j-admin database import full`; returns the command line
    that imports them (for initial loads too large for the driver)."""
    folder.mkdir(parents=True, exist_ok=True)
    fmt = lambda v: "" if v is None else v  # noqa: E731
    with (folder / "actors.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ACTOR_HEADER)
        for a in store.actors():
            w.writerow([fmt(v) for v in gm.node_props(a).values()] + [f"Actor;{gm.actor_label(a.type)}"])
    with (folder / "articles.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ARTICLE_HEADER)
        for art in store.articles():
            w.writerow([fmt(art[k]) for k in gm.ARTICLE_PROPS] + ["Article"])
    mentions = set()
    with (folder / "assertions.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(REL_HEADER)
        for row in store.edges():
            w.writerow([row["subject"], row["object"], row["type"]] + [fmt(row[p]) for p in gm.EDGE_PROPS])
            mentions.update({(row["subject"], row["article"]), (row["object"], row["article"])})
    with (folder / "mentions.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(MENTION_HEADER)
        for actor, article in sorted(mentions):
            w.writerow([actor, article, gm.MENTIONED_IN])
    return (f"neo4j-admin database import full --nodes={folder / 'actors.csv'} --nodes={folder / 'articles.csv'} "
            f"--relationships={folder / 'assertions.csv'} --relationships={folder / 'mentions.csv'} "
            f"--multiline-fields=true {database}")


def export(store: Store, fmt: str, output: Path, G: Optional[nx.MultiDiGraph] = None) -> str:
    """Write `store` as `fmt` to `output` (a file; a folder for neo4j-admin); returns a one-line report."""
    from ..graph import load_graph

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        return f"{to_jsonl(store, output)} assertions -> {output}"
    if fmt == "neo4j-admin":
        cmd = to_neo4j_admin(store, output)
        return f"CSV files in {output}; import them (database stopped) with:\n  {cmd}"
    G = G if G is not None else load_graph(store, facts_only=False)
    (to_graphml if fmt == "graphml" else to_gexf)(G, output)
    return f"{G.number_of_nodes()} actors, {G.number_of_edges()} assertions -> {output}"
