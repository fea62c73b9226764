"""Exports of a store: GraphML, GEXF (with dates for Gephi's timeline), JSONL, neo4j-admin import CSVs."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Optional

import networkx as nx

from . import graphmodel as gm
from .store import Store

FORMATS = ("graphml", "gexf", "jsonl", "neo4j-admin")


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
    """GEXF 1.2 with each edge's article date as its `start`, so Gephi's timeline can play the graph."""
    H = _plain(G)
    for _, _, d in H.edges(data=True):
        if d.get("date"):
            d["start"] = str(d["date"])[:10]
    nx.write_gexf(H, path)


def to_jsonl(store: Store, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for a in store.assertions():
            f.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


ACTOR_HEADER = ["id:ID(Actor)", "name", "type", "country", "sector", "role", ":LABEL"]
ARTICLE_HEADER = ["id:ID(Article)", "title", "date", "url", "sha256", ":LABEL"]
REL_HEADER = [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "id", "relation", "event", "cameo", "mode",
              "score:float", "confidence:float", "attributed_to", "attributed_to_name", "denied_by", "denied_by_name",
              "sentence", "sentence_index:int", "start:int", "end:int", "article", "date", "trigger",
              "subject_text", "object_text", "role"]
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
            w.writerow([a.id, a.name, a.type, fmt(a.country), fmt(a.sector), fmt(a.role),
                        f"Actor;{gm.actor_label(a.type)}"])
    with (folder / "articles.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ARTICLE_HEADER)
        for art in store.articles():
            w.writerow([art["id"], fmt(art["title"]), fmt(art["date"]), fmt(art["url"]), art["sha256"], "Article"])
    mentions = set()
    with (folder / "assertions.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(REL_HEADER)
        for a in store.assertions():
            if a.object is None:
                continue
            p = gm.assertion_props(a)
            w.writerow([a.subject.id, a.object.id, gm.relationship_type(a)] + [fmt(p[h.split(":")[0]])
                                                                                for h in REL_HEADER[3:]])
            mentions.update({(a.subject.id, a.doc_id), (a.object.id, a.doc_id)})
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
    from .graph import load_graph

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
