#!/usr/bin/env python3
"""Graph building and analyses on a synthetic store: seconds and peak memory for each step, one run.

    python bench/bench_graph.py [--assertions 100000] [--actors 5000] [--store PATH]

The store holds news-shaped synthetic articles (bench_load.synthetic). Each step is timed without
memory tracing, then run again under tracemalloc for its peak memory. Bar: load_graph from the store
at >= 100,000 assertions/s.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import synthetic  # noqa: E402

from graphkit import analysis  # noqa: E402
from graphkit.graph import country_graph, dyads, load_graph  # noqa: E402
from graphkit.model import Document  # noqa: E402
from graphkit.sinks.store import Store  # noqa: E402


def build_store(path: Path, n: int, n_actors: int) -> Store:
    data = synthetic(n, n_actors)
    by_doc: dict = {}
    for a in data:
        by_doc.setdefault(a.doc_id, []).append(a)
    st = Store.open(path)
    for doc_id, assertions in by_doc.items():
        st.put(Document(doc_id, f"text of {doc_id}", title=doc_id, date="2022-03-14"), assertions)
    return st


def measure(name: str, fn, n_assertions: int = 0):
    t = time.perf_counter()
    out = fn()
    secs = time.perf_counter() - t
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rate = f"  {n_assertions / secs:>10,.0f} assertions/s" if n_assertions else ""
    print(f"{name:<28} {secs:8.2f} s  peak {peak / 2**20:8.1f} MiB{rate}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assertions", type=int, default=100_000)
    ap.add_argument("--actors", type=int, default=5_000)
    ap.add_argument("--store", type=Path, default=None)
    args = ap.parse_args()
    path = args.store or Path(tempfile.mkdtemp()) / "bench.db"
    t = time.perf_counter()
    st = build_store(path, args.assertions, args.actors)
    print(f"synthetic store: {st.counts()} in {time.perf_counter() - t:.1f} s ({path})")
    n = st.counts()["assertions"]
    G = measure("load_graph (store)", lambda: load_graph(st), n)
    C = measure("country_graph", lambda: country_graph(G))
    measure("dyads (country)", lambda: dyads(C))
    measure("degree", lambda: analysis.degree(G, 10))
    measure("pagerank", lambda: analysis.pagerank(G, 10))
    measure(f"betweenness (k={analysis.SAMPLE})", lambda: analysis.betweenness(G, 10, k=analysis.SAMPLE))
    measure("communities (Louvain)", lambda: analysis.communities(G))
    measure("dyad table", lambda: analysis.dyad_table(G, 10))
    measure("brokers", lambda: analysis.brokers(G, 10))
    print(f"graph: {G.number_of_nodes()} actors, {G.number_of_edges()} assertions")
    st.close()


if __name__ == "__main__":
    main()
