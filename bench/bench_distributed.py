#!/usr/bin/env python3
"""Extraction on Dask vs one process and `--workers`: words/s measured in one run, on one machine.

    python bench/bench_distributed.py [--words 50000] [--workers 2] [--partition 20]

Every figure is end to end, as a user runs it: starting the processes or the LocalCluster, loading the
model in each (once per Dask worker), extracting, and writing (Parquet for Dask). Dask's figures are
also given for a second run on the same, warm cluster (models loaded), which is what a long-lived
cluster does. The corpus is bench_extract's (the sample article repeated as separate documents); the
Dask outputs are checked to hold exactly the local run's assertions.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import corpus  # noqa: E402
from distributed import Client  # noqa: E402

from graphkit import Extractor, distributed  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=50_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partition", type=int, default=20, help="documents per Dask partition")
    args = ap.parse_args()
    docs = corpus(args.words)
    words = sum(len(d.text.split()) for d in docs)
    out = Path(tempfile.mkdtemp())
    print(f"corpus: {len(docs)} documents, {words:,} words")

    def report(name, secs):
        print(f"  {name:<42} {secs:7.1f} s  {words / secs:8,.0f} words/s")
        return secs

    t = time.perf_counter()
    local = [a.to_dict() for _, asr in Extractor().extract(docs) for a in asr]
    base = report("1 process (graphkit extract)", time.perf_counter() - t)
    t = time.perf_counter()
    par = [a.to_dict() for _, asr in Extractor().extract(docs, workers=args.workers) for a in asr]
    report(f"--workers {args.workers} (processes)", time.perf_counter() - t)
    assert par == local, "--workers changed the result"
    for n in sorted({1, args.workers}):
        t = time.perf_counter()
        with distributed.local_cluster(n) as cluster, Client(cluster) as client:
            distributed.extract(docs, out / f"cold{n}", client, partition_size=args.partition)
            cold = report(f"Dask, {n} worker(s), cold (cluster + models)", time.perf_counter() - t)
            warm = distributed.extract(docs, out / f"warm{n}", client, partition_size=args.partition)
            report(f"Dask, {n} worker(s), warm cluster", warm.seconds)
        got = [a.to_dict() for a in distributed.read_parquet(out / f"warm{n}")]
        assert got == local, f"Dask with {n} workers changed the result"
        print(f"    speed-up over 1 process: {base / cold:.2f}x cold, {base / warm.seconds:.2f}x warm")


if __name__ == "__main__":
    main()
