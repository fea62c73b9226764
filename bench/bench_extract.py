#!/usr/bin/env python3
"""Extraction speed: graphkit vs bare spaCy `nlp.pipe` with the same model, measured in one run.

    python bench/bench_extract.py [--words 100000] [--model NAME] [--workers 2]

Prints words/s for bare nlp.pipe, graphkit extract (1 process) and graphkit with --workers N, the
ratio of graphkit's time to nlp.pipe's (bar: <= 1.25) and the speed-up of N workers. The corpus is
the sample article repeated as separate documents.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from graphkit import Extractor
from graphkit.model import Document
from graphkit.readers import normalize

SEED = Path(__file__).resolve().parent.parent / "seeds" / "cnn_2022-03-14_sullivan_yang_rome.txt"


def corpus(words: int) -> list[Document]:
    _, text = normalize(SEED.read_text())
    n = len(text.split())
    return [Document(f"d{i}", text) for i in range(max(1, -(-words // n)))]


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--model", default=None)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    docs = corpus(args.words)
    words = sum(len(d.text.split()) for d in docs)
    ex = Extractor(args.model)
    bare = spacy.load(ex.model_name)
    # warm both up on one document so that lazy initialisation is not timed
    list(bare.pipe([docs[0].text]))
    list(ex.extract(docs[:1]))
    t_bare, _ = timed(lambda: sum(1 for _ in bare.pipe((d.text for d in docs), batch_size=32)))
    t_gk, res = timed(lambda: [a for _, asr in ex.extract(docs) for a in asr])
    t_par, res_par = timed(lambda: [a for _, asr in ex.extract(docs, workers=args.workers) for a in asr])
    assert [a.id for a in res] == [a.id for a in res_par], "workers changed the result"
    print(f"corpus: {len(docs)} documents, {words} words, model {ex.model_name}")
    print(f"bare nlp.pipe:            {t_bare:7.2f} s  {words / t_bare:9.0f} words/s")
    print(f"graphkit extract:         {t_gk:7.2f} s  {words / t_gk:9.0f} words/s  ({len(res)} assertions)")
    print(f"graphkit --workers {args.workers}:     {t_par:7.2f} s  {words / t_par:9.0f} words/s")
    print(f"ratio graphkit / nlp.pipe: {t_gk / t_bare:.3f}  (bar <= 1.25)")
    print(f"speed-up with {args.workers} workers: {t_gk / t_par:.2f}x")


if __name__ == "__main__":
    main()
