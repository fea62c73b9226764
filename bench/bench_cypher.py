#!/usr/bin/env python3
"""Time of each query in cypher/queries on a synthetic news graph in Neo4j (bar: under 1 s at 200k assertions).

    python bench/bench_cypher.py [--assertions 200000] [--actors 5000] [--runs 3] [--no-load]

Uses NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE when set (--no-load: query the graph already
there), else starts a Neo4j 5 server with tools/neo4j-server. The database is emptied and loaded with
bench_load.synthetic() first. Each query runs once to warm up (planning, page cache), then --runs times
with all its rows fetched; the best and the first time are printed.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import bench_connection, synthetic  # noqa: E402

from graphkit.sinks.neo4j import Loader, query_files, query_params, read_cypher  # noqa: E402

#: the queries' example parameters name actors of the sample article; these are synthetic actors with
#: many relationships (cou:0 is the most popular)
SYNTHETIC_PARAMS = {"actor": "cou:0", "source": "per:1", "target": "cou:4", "article": "doc-0"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assertions", type=int, default=200_000)
    ap.add_argument("--actors", type=int, default=5_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-load", action="store_true", help="query the graph already in NEO4J_URI's database")
    args = ap.parse_args()
    with bench_connection() as conn:
        with Loader(conn) as ld:
            if not args.no_load:
                ld.clear()
                summary = ld.load(synthetic(args.assertions, args.actors))
                print(f"loaded {summary.assertions_created:,} assertions in {summary.seconds:.1f} s")
            n = ld.run("MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN count(r) AS n")[0]["n"]
            print(f"server: {conn.uri}; {n:,} assertions; best of {args.runs} runs (first run in brackets)")
            worst = 0.0
            for f in query_files():
                q = read_cypher("queries", f.name)
                params = {k: SYNTHETIC_PARAMS.get(k, v) for k, v in query_params(f).items()}
                times, rows = [], 0
                for _ in range(args.runs + 1):
                    t0 = time.perf_counter()
                    rows = len(ld.run(q, **params))
                    times.append(time.perf_counter() - t0)
                best = min(times[1:])
                worst = max(worst, best)
                print(f"  {f.name:42s} {best:7.3f} s  ({times[0]:.3f} s)  {rows:>7,} rows")
            print(f"slowest query: {worst:.3f} s (bar < 1 s)")


if __name__ == "__main__":
    main()
