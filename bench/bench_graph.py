#!/usr/bin/env python3
"""Graphs and analyses at scale: seconds and max RSS of each step on a synthetic store, in one run.

    python bench/bench_graph.py [--assertions 100000] [--actors 5000] [--store PATH] [--agree]
    python bench/bench_graph.py --assertions 1000000 --store /tmp/bench1m.db      # the bars below

The store holds news-shaped synthetic articles (25 assertions among a cast of 12 actors each, popular
actors more often, dated over a year, some negated, hypothetical or not events); it is built once
and reused when --store names it again. Each build (pair graph vs per-assertion graph) and the
end-to-end `graphkit analyze` runs in a fresh process whose time and max RSS are measured; then each
analysis is timed in this process on the pair graph. With --agree, the kernels' results are compared
with networkx's exact algorithms on the same graph (minutes at 100k: exact betweenness in networkx).

Bars (issue 11): `graphkit analyze --level actor` at 1M assertions <= 30 s and <= 1 GiB max RSS;
load_graph of pair weights >= 300,000 assertions/s.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

from graphkit import analysis
from graphkit.graph import country_graph, load_graph
from graphkit.model import PLOVER_EVENTS, Actor, Assertion, Document, Mention
from graphkit.sinks.store import Store

PLOVER_SCORE = {e: s for e, s in zip(PLOVER_EVENTS, (6, 3, 5, 4, 6, 7, 2, 0, -3, -4, -6, -5, -6, -7, -8, -10))}


def synthetic(n: int, n_actors: int, seed: int = 7, per_doc: int = 25, cast: int = 12) -> Iterator[tuple]:
    """(Document, assertions) of news-shaped articles, streamed: each article has `per_doc` assertions
    among `cast` actors drawn from all `n_actors` (popular ones, like the great powers, more often,
    and three in turn so every actor appears), an article date in 2022; 4% negated, 2% hypothetical,
    5% affiliations (not events)."""
    rnd = random.Random(seed)
    actors = []
    for i in range(n_actors):  # 150 states (AAA, AAB, ...), then people, organisations and agents of theirs
        state = "".join(chr(65 + (i % 150) // 26 ** k % 26) for k in (2, 1, 0))
        kind = "country" if i < 150 else ("person", "organisation", "agent")[i % 3]
        actors.append(Actor(state if i < 150 else f"{kind[:3]}:{i}", f"Actor {i}", kind, state))
    weights = [1.0 / (1 + i) ** 0.5 for i in range(n_actors)]
    for d in range(0, -(-n // per_doc)):
        turn = [actors[(3 * d + k) % n_actors] for k in range(3)]
        pool = list({a.id: a for a in rnd.choices(actors, weights, k=cast - 3) + turn}.values())
        day = f"2022-{1 + d * 12 // max(1, n // per_doc):02d}-{1 + rnd.randrange(28):02d}"
        doc = Document(f"doc-{d}", f"text of article {d}", title=f"Article {d}", date=day)
        out = []
        for i in range(d * per_doc, min(n, (d + 1) * per_doc)):
            s, o = rnd.sample(pool, 2)
            r = rnd.random()
            event = None if r < 0.05 else rnd.choice(PLOVER_EVENTS)
            mode = "negation" if r > 0.96 else "hypothetical" if r > 0.94 else None
            out.append(Assertion(doc_id=doc.id, sentence={"index": i % per_doc, "text": f"Sentence {i}."},
                                 start=i, end=i + 10, subject=Mention(s), relation="act" if event else "affiliated_with",
                                 object=Mention(o), event=event, cameo="010" if event else None, mode=mode, confidence=0.8,
                                 score=PLOVER_SCORE[event] + rnd.uniform(-1, 1) if event else None,
                                 article=doc.meta()))
        yield doc, out


def build_store(path: Path, n: int, n_actors: int) -> None:
    if path.exists():
        with Store.open(path, create=False) as st:
            if st.counts()["assertions"] == n:
                print(f"store: {path} (reused: {n:,} assertions)")
                return
        path.unlink()
    t = time.perf_counter()
    with Store.open(path) as st:
        for doc, assertions in synthetic(n, n_actors):
            st.put(doc, assertions)
        print(f"store: {path} built in {time.perf_counter() - t:.0f} s: {st.counts()}")


# ------------------------------------------------------------------------------------------ steps
STEPS = {"pairs": {"pairs": True}, "multigraph": {}}


def step(name: str, path: Path) -> None:
    """One build in this process: prints its edges and its own seconds and CPU seconds (without the
    interpreter's start)."""
    t, c = time.perf_counter(), time.process_time()
    G = load_graph(path, **STEPS[name])
    print(G.number_of_edges(), time.perf_counter() - t, time.process_time() - c)


def in_fresh_process(argv: list[str]) -> tuple[float, float, float, str]:
    """Seconds, CPU seconds and max RSS (MiB) of a command run to its end, and what it printed (CPU time
    shows the work when other jobs share the machine)."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    secs = time.perf_counter() - t
    if p.returncode:
        sys.exit(f"{' '.join(argv)} failed:\n{out}")
    return secs, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def timed(name: str, fn, n: int = 0):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    secs, cpu = time.perf_counter() - t, time.process_time() - c
    rate = f"  {n / secs:>10,.0f} assertions/s ({n / cpu:,.0f} per CPU second)" if n else ""
    print(f"  {name:<44} {secs:7.2f} s  CPU {cpu:6.2f} s{rate}")
    return out


def agreement(path: Path) -> None:
    """The kernels' answers next to networkx's exact algorithms on the same actor graph."""
    from scipy.stats import spearmanr

    P = load_graph(path, events_only=True, pairs=True)
    print(f"agreement with networkx's exact algorithms (actor level, {P.number_of_nodes():,} actors, "
          f"{P.number_of_edges():,} pairs):")
    fast = analysis.Measures(P)
    exact = analysis.Measures(P, backend="networkx", sample=0)
    bf = timed(f"betweenness: kernel ({fast.backend})", lambda: fast.betweenness)
    be = timed("betweenness: networkx exact", lambda: exact.betweenness)
    top_f, top_e = (sorted(b, key=lambda n: (-b[n], n))[:10] for b in (bf, be))
    rho = spearmanr([bf[n] for n in P], [be[n] for n in P]).statistic
    print(f"    {fast.methods['betweenness']}: top 10 {'identical' if top_f == top_e else 'differ'} "
          f"({len(set(top_f) & set(top_e))}/10 shared), Spearman {rho:.4f} over all actors")
    cf = timed(f"communities: kernel ({fast.backend})", lambda: fast.communities)
    ce = timed("communities: networkx Louvain", lambda: exact.communities)
    import networkx as nx
    U = exact._nx_undirected(True)
    print(f"    communities: {len(cf)} (kernel) vs {len(ce)} (networkx); modularity "
          f"{nx.community.modularity(U, cf):.4f} vs {nx.community.modularity(U, ce):.4f}")
    G = load_graph(path, events_only=True)
    pm = analysis.pagerank(G, 10)
    pp = analysis.pagerank(P, 10)
    print(f"    pagerank top 10 of the pair graph and of the per-assertion graph: "
          f"{'identical' if [r['id'] for r in pm] == [r['id'] for r in pp] else 'differ'}")
    C = country_graph(P)
    k, x = analysis.Measures(C, backend="networkit"), analysis.Measures(C, backend="networkx")
    ranks = lambda s: sorted(s, key=lambda n: (-round(s[n], 9), n))  # noqa: E731
    same_b = ranks(k.betweenness) == ranks(x.betweenness)
    same_p = ranks(k.pagerank)[:10] == ranks(x.pagerank)[:10]
    print(f"    country level ({C.number_of_nodes()} nodes), kernel vs networkx: betweenness ({k.methods['betweenness']}"
          f" vs {x.methods['betweenness']}) ranking {'identical' if same_b else 'differs'}, PageRank top 10 "
          f"{'identical' if same_p else 'differs'}, communities {len(k.communities)} vs {len(x.communities)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assertions", type=int, default=100_000)
    ap.add_argument("--actors", type=int, default=5_000)
    ap.add_argument("--store", type=Path, default=None, help="store to build, or reuse when it holds --assertions")
    ap.add_argument("--agree", action="store_true", help="compare with networkx's exact algorithms (slow)")
    ap.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.step:
        step(args.step, args.store)
        return
    path = args.store or Path(tempfile.mkdtemp()) / "bench.db"
    build_store(path, args.assertions, args.actors)
    n = args.assertions
    print(f"building graphs (fresh process each; {n:,} assertions):")
    for name in STEPS:
        _, _, rss, out = in_fresh_process([sys.executable, __file__, "--step", name, "--store", str(path)])
        edges, secs, cpu = out.split()
        secs, cpu = float(secs), float(cpu)
        print(f"  load_graph {name:<33} {secs:7.2f} s  CPU {cpu:6.2f} s  max RSS {rss:6.0f} MiB  "
              f"{n / secs:>10,.0f} assertions/s ({n / cpu:,.0f} per CPU second; {int(edges):,} edges)")
    print("graphkit analyze, end to end (fresh process each):")
    graphkit = [sys.executable, "-m", "graphkit.cli", "analyze", "--store", str(path), "--format", "json"]
    for extra in (["--level", "actor"], ["--level", "country"], ["--level", "country", "--by", "month"],
                  ["--level", "actor", "--by", "month", "--one-a-day"]):
        secs, cpu, rss, out = in_fresh_process(graphkit + extra)
        methods = json.loads(out).get("methods", {})
        print(f"  analyze {' '.join(extra):<36} {secs:7.2f} s  CPU {cpu:6.2f} s  max RSS {rss:6.0f} MiB  "
              f"{'; '.join(f'{k}: {v}' for k, v in methods.items())}")
    print("analyses of the actor graph of events (this process):")
    P = timed("load_graph(pairs=True, events_only=True)", lambda: load_graph(path, events_only=True, pairs=True), n)
    m = analysis.Measures(P)
    timed("degree", lambda: m.degree)
    timed("pagerank", lambda: m.pagerank)
    timed(f"betweenness ({m.backend})", lambda: m.betweenness)
    timed(f"communities ({m.backend})", lambda: m.communities)
    timed("dyad table", lambda: analysis.dyad_table(P))
    timed("brokers (sharing betweenness and communities)", lambda: analysis.brokers(P, measures=m))
    C = timed("country_graph", lambda: country_graph(P))
    timed("summary (country)", lambda: analysis.summary(C))
    timed("load_graph(pairs=True, level='country')", lambda: load_graph(path, pairs=True, level="country"), n)
    print(f"  methods: {m.methods}")
    if args.agree:
        agreement(path)


if __name__ == "__main__":
    main()
