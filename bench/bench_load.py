#!/usr/bin/env python3
"""Neo4j load speed: batched UNWIND/MERGE transactions vs one transaction per assertion, in one run.

    python bench/bench_load.py [--assertions 20000] [--actors 2000] [--one-by-one 2000]

Uses NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE when set, else starts a Neo4j 5 server with
tools/neo4j-server. The database is emptied first. The one-transaction-per-assertion path is
timed on the first --one-by-one assertions (it is slow) and compared per assertion.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from neo4j_server import Neo4jServer  # noqa: E402

from graphkit.model import PLOVER_EVENTS, Actor, Assertion, Mention  # noqa: E402
from graphkit.sinks.neo4j import DEFAULT_BATCH, Connection, Loader  # noqa: E402


def synthetic(n: int, n_actors: int, seed: int = 7, per_doc: int = 25, cast: int = 12) -> list[Assertion]:
    """News-shaped data: each article has `per_doc` assertions among a cast of `cast` actors drawn from
    all `n_actors`, popular actors (low numbers, like the great powers) more often than others."""
    rnd = random.Random(seed)
    actors = []
    for i in range(n_actors):
        kind = ("country", "person", "organisation", "agent")[i % 4]
        actors.append(Actor(f"{kind[:3]}:{i}", f"Actor {i}", kind, f"C{i % 150:02d}"[:3], None))
    weights = [1.0 / (1 + i) ** 0.5 for i in range(n_actors)]
    out = []
    for i in range(n):
        if i % per_doc == 0:
            doc_no = i // per_doc
            # every actor appears somewhere: each article also names three actors in turn
            turn = [actors[(3 * doc_no + k) % n_actors] for k in range(3)]
            pool = list({a.id: a for a in rnd.choices(actors, weights, k=cast - 3) + turn}.values())
        s, o = rnd.sample(pool, 2)
        doc = f"doc-{i // per_doc}"
        out.append(Assertion(doc_id=doc, sentence={"index": i % 25, "text": f"Sentence {i}."}, start=i, end=i + 10,
                             subject=Mention(s), relation="act", object=Mention(o), event=rnd.choice(PLOVER_EVENTS), cameo="010",
                             confidence=0.8, score=rnd.uniform(-10, 10),
                             article={"id": doc, "title": f"Article {i // 25}", "date": "2022-03-14", "url": None,
                                      "sha256": None}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assertions", type=int, default=20_000)
    ap.add_argument("--actors", type=int, default=2_200)
    ap.add_argument("--one-by-one", type=int, default=2_000)
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    args = ap.parse_args()
    server = None
    if os.environ.get("NEO4J_URI"):
        conn = Connection()
    else:
        server = Neo4jServer(java_opts="-Xmx2g", pagecache="1g").start()
        conn = server.wait()
    try:
        data = synthetic(args.assertions, args.actors)
        with Loader(conn, args.batch_size) as ld:
            ld._write("MATCH (n) DETACH DELETE n")
            batched = ld.load(data)
            ld._write("MATCH (n) DETACH DELETE n")
            single = ld.load_one_by_one(data[: args.one_by_one])
        used = len({x.id for a in data for x in (a.subject, a.object)})
        rate_b = args.assertions / batched.seconds
        rate_s = args.one_by_one / single.seconds
        print(f"server: {conn.uri}")
        print(f"batched ({args.batch_size}/tx): {args.assertions} assertions over {used} actors in "
              f"{batched.seconds:.1f} s = {rate_b:,.0f} assertions/s")
        print(f"one transaction per assertion: {args.one_by_one} assertions in {single.seconds:.1f} s = "
              f"{rate_s:,.0f} assertions/s")
        print(f"speed-up of batching: {rate_b / rate_s:.1f}x (bar >= 10x)")
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
