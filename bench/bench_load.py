#!/usr/bin/env python3
"""Neo4j load speed: batched UNWIND/MERGE transactions vs one transaction per assertion, in one run.

    python bench/bench_load.py [--assertions 20000] [--actors 2000] [--one-by-one 2000]

Uses NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE when set, else starts a Neo4j 5 server with
tools/neo4j-server. The database is emptied first. The one-transaction-per-assertion path is
timed on the first --one-by-one assertions (it is slow) and compared per assertion. Schema creation and a
small warm-up load come first, untimed.
"""
from __future__ import annotations

import argparse
from contextlib import contextmanager
from typing import Iterator
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from neo4j_server import Neo4jServer  # noqa: E402

from graphkit.model import MODES, PLOVER_EVENTS, Actor, Assertion, Mention  # noqa: E402
from graphkit.sinks.neo4j import DEFAULT_BATCH, Connection, Loader  # noqa: E402


def synthetic(n: int, n_actors: int, seed: int = 7, per_doc: int = 25, cast: int = 12) -> list[Assertion]:
    """News-shaped data: each article has `per_doc` assertions among a cast of `cast` actors drawn from
    all `n_actors`, popular actors (low numbers, like the great powers) more often than others. As in
    extracted news, some are not facts (mode), some are attributed to a person, some requests and
    accusations are denied (with the denier's own REJECT in the same article), and each person an article
    names is affiliated with a country."""
    rnd = random.Random(seed)
    actors = []
    for i in range(n_actors):
        kind = ("country", "person", "organisation", "agent")[i % 4]
        actors.append(Actor(f"{kind[:3]}:{i}", f"Actor {i}", kind, f"C{i % 150:02d}"[:3], None))
    countries = [a for a in actors if a.type == "country"]
    weights = [1.0 / (1 + i) ** 0.5 for i in range(n_actors)]
    out = []

    def add(doc, i, s, o, event, relation="act", **kw):
        out.append(Assertion(doc_id=doc, sentence={"index": i % per_doc, "text": f"Sentence {i}."}, start=i,
                             end=i + 10, subject=Mention(s), relation=relation, object=Mention(o), event=event,
                             cameo="010" if event else None, confidence=0.8,
                             score=rnd.uniform(-10, 10) if event else None,
                             article={"id": doc, "title": f"Article {doc}", "date": f"2022-03-{1 + i % 28:02d}",
                                      "url": None, "sha256": None}, **kw))

    for i in range(n):
        doc = f"doc-{i // per_doc}"
        if i % per_doc == 0:
            doc_no = i // per_doc
            # every actor appears somewhere: each article also names three actors in turn
            turn = [actors[(3 * doc_no + k) % n_actors] for k in range(3)]
            pool = list({a.id: a for a in rnd.choices(actors, weights, k=cast - 3) + turn}.values())
            people = [a for a in pool if a.type == "person"]
        if i % per_doc == per_doc - 1 and people:  # one affiliation per article that names a person
            p = rnd.choice(people)
            add(doc, i, p, countries[int(p.id.split(":")[1]) % len(countries)], None, "affiliated_with")
            continue
        s, o = rnd.sample(pool, 2)
        event = rnd.choice(PLOVER_EVENTS)
        r = rnd.random()
        denied = event in ("REQUEST", "ACCUSE") and r < 0.15
        add(doc, i, s, o, event, mode=rnd.choice(MODES) if r > 0.8 else None,
            attributed_to=Mention(rnd.choice(people)) if people and 0.3 < r < 0.6 else None,
            denied_by=Mention(o) if denied else None)
        if denied:  # the denier's own REJECT, in the same article
            add(doc, i, o, s, "REJECT", "deny")
    return out


@contextmanager
def bench_connection() -> Iterator[Connection]:
    """The Neo4j of NEO4J_URI if set, else a server of tools/neo4j-server started for the bench and stopped after."""
    if os.environ.get("NEO4J_URI"):
        yield Connection().resolved()
        return
    server = Neo4jServer(java_opts="-Xmx2g", pagecache="1g").start()
    try:
        yield server.wait()
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assertions", type=int, default=20_000)
    ap.add_argument("--actors", type=int, default=2_200)
    ap.add_argument("--one-by-one", type=int, default=2_000)
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    args = ap.parse_args()
    with bench_connection() as conn:
        data = synthetic(args.assertions, args.actors)
        with Loader(conn, args.batch_size) as ld:
            # untimed: the schema (constraints, indexes online) and a warm-up load, so neither way pays for
            # index creation or a cold JIT
            ld.clear()
            ld.ensure_schema()
            ld.load(synthetic(2_000, 200, seed=1))
            ld.clear()
            batched = ld.load(data)
            ld.clear()
            single = ld.load_one_by_one(data[: args.one_by_one])
        used = len({x.id for a in data for x in (a.subject, a.object)})
        rate_b = args.assertions / batched.seconds
        rate_s = args.one_by_one / single.seconds
        print(f"server: {conn.uri}")
        print(f"batched ({args.batch_size}/tx): {args.assertions} assertions over {used} actors in "
              f"{batched.seconds:.1f} s = {rate_b:,.0f} assertions/s")
        print(f"one transaction per assertion: {args.one_by_one} assertions in {single.seconds:.1f} s = "
              f"{rate_s:,.0f} assertions/s")
        print(f"speed-up of batching: {rate_b / rate_s:.1f}x (bar >= 20x)")


if __name__ == "__main__":
    main()
