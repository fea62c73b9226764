#!/usr/bin/env python3
"""Matching the constructions: spaCy's DependencyMatcher vs TreeMatcher, a matcher of the same tree patterns
that walks the parse from an index of each pattern's first node, measured in one run.

    python bench/bench_matcher.py [--docs 20]

spaCy's DependencyMatcher runs one token pattern per pattern node over every token (126 nodes for the 44
constructions), walks each hit's ancestors to its sentence root and tries the cartesian product of every
node's candidates per sentence: on news it costs about 45% of the parse itself, the largest part of
graphkit's extraction time (bench_extract.py's ratio). TreeMatcher finds the same matches in the same order
(checked here on the sample article, the same text without punctuation, and every construction's example)
for the operators the constructions use (> < >> <<); graphkit/relations/patterns.py's ConstructionMatcher
uses it, and tests/test_constructions.py checks the same equivalence.
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from spacy.matcher import DependencyMatcher

from graphkit import Extractor
from graphkit.readers import normalize
from graphkit.relations.patterns import TreeMatcher, constructions

SEED = Path(__file__).resolve().parent.parent / "seeds" / "cnn_2022-03-14_sullivan_yang_rome.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20, help="copies of the sample article to match")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    ex = Extractor(args.model)
    nlp = ex.nlp
    dm, tm = DependencyMatcher(nlp.vocab, validate=False), TreeMatcher(nlp.vocab)
    for c in constructions():
        dm.add(c.name, [list(c.pattern)])
        tm.add(c.name, [list(c.pattern)])
    _, text = normalize(SEED.read_text())
    bare = " ".join(w.capitalize() for w in re.sub(r"[^\w\s'-]", " ", text).split())
    checked = list(nlp.pipe([text, bare] + [c.example for c in constructions() if c.example]))
    for doc in checked:
        assert dm(doc) == tm(doc), f"different matches on: {doc.text[:80]}"
    docs = list(nlp.pipe([text] * args.docs))
    t = time.process_time()
    list(nlp.pipe([text] * args.docs))
    t_parse = time.process_time() - t
    t = time.process_time()
    n_dm = sum(len(dm(d)) for d in docs)
    t_dm = time.process_time() - t
    t = time.process_time()
    n_tm = sum(len(tm(d)) for d in docs)
    t_tm = time.process_time() - t
    assert n_dm == n_tm
    print(f"same matches, in the same order, on {len(checked)} texts; {args.docs} copies of the article "
          f"({n_dm} matches):")
    print(f"parse (graphkit pipeline)  {t_parse:6.2f} s CPU")
    print(f"DependencyMatcher          {t_dm:6.2f} s CPU  ({t_dm / t_parse:.0%} of the parse)")
    print(f"TreeMatcher                {t_tm:6.2f} s CPU  ({t_tm / t_parse:.0%} of the parse; {t_dm / t_tm:.1f}x faster)")


if __name__ == "__main__":
    main()
