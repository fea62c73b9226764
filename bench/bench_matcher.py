#!/usr/bin/env python3
"""Matching the constructions: spaCy's DependencyMatcher vs TreeMatcher, a matcher of the same tree patterns
that walks the parse from an index of each pattern's first node, measured in one run.

    python bench/bench_matcher.py [--docs 20]

spaCy's DependencyMatcher runs one token pattern per pattern node over every token (126 nodes for the 44
constructions), walks each hit's ancestors to its sentence root and tries the cartesian product of every
node's candidates per sentence: on news it costs about 45% of the parse itself, the largest part of
graphkit's extraction time (bench_extract.py's ratio). TreeMatcher finds the same matches in the same order
(checked here on the sample article, the same text without punctuation, and every construction's example)
for the operators the constructions use (> < >> <<). It is meant to replace DependencyMatcher in
graphkit/relations/patterns.py (ConstructionMatcher), whose owner decides.
"""
from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from pathlib import Path

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.matcher import DependencyMatcher
from spacy.parts_of_speech import IDS as POS_IDS

from graphkit import Extractor
from graphkit.readers import normalize
from graphkit.relations.patterns import constructions

SEED = Path(__file__).resolve().parent.parent / "seeds" / "cnn_2022-03-14_sullivan_yang_rome.txt"

ATTRS = {"POS": 0, "TAG": 1, "DEP": 2, "LOWER": 3, "LEMMA": 4}
_ARRAY = [POS, TAG, DEP, LOWER, LEMMA, HEAD]


class TreeMatcher:
    """`add(name, [pattern])` and `matcher(doc) -> [(key, [token index per node])]`, like DependencyMatcher."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.patterns: list = []                       # (key, nodes); node = (left, op, checks)
        self.index: dict = defaultdict(list)           # (attr, value) -> pattern numbers whose root needs it
        self.free: list = []                           # pattern numbers whose root has no indexable check

    def _value(self, attr: str, v: str) -> int:
        return POS_IDS[v] if attr == "POS" else self.vocab.strings.add(v)

    def _checks(self, attrs: dict) -> tuple:
        out = []
        for name, spec in attrs.items():
            a = ATTRS[name]
            if isinstance(spec, dict):
                if "IN" in spec:
                    out.append((a, True, frozenset(self._value(name, v) for v in spec["IN"])))
                if "NOT_IN" in spec:
                    out.append((a, False, frozenset(self._value(name, v) for v in spec["NOT_IN"])))
                if set(spec) - {"IN", "NOT_IN"}:
                    raise ValueError(f"unsupported predicate in {spec}")
            else:
                out.append((a, True, frozenset((self._value(name, spec),))))
        # the most selective check first
        return tuple(sorted(out, key=lambda c: (not c[1], len(c[2]))))

    def add(self, name: str, patterns: list) -> None:
        key = self.vocab.strings.add(name)
        for pattern in patterns:
            ids, nodes = {}, []
            for k, n in enumerate(pattern):
                ids[n["RIGHT_ID"]] = k
                left = ids[n["LEFT_ID"]] if k else None
                if k and n["REL_OP"] not in (">", "<", ">>", "<<"):
                    raise ValueError(f"unsupported operator {n['REL_OP']}")
                nodes.append((left, n.get("REL_OP"), self._checks(n.get("RIGHT_ATTRS", {}))))
            p = len(self.patterns)
            self.patterns.append((key, nodes))
            root = nodes[0][2]
            positive = [c for c in root if c[1]]
            if positive:
                a, _, values = positive[0]
                for v in values:
                    self.index[(a, v)].append(p)
            else:
                self.free.append(p)

    def __call__(self, doc) -> list:
        arr = doc.to_array(_ARRAY)  # uint64 hashes; HEAD is a signed offset stored in uint64
        n = len(doc)
        cols = [arr[:, j].tolist() for j in range(5)]
        heads = (arr[:, 5].astype("int64") + range(n)).tolist() if n else []
        children = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                children[h].append(i)

        def ok(i, checks):
            for a, positive, values in checks:
                if (cols[a][i] in values) != positive:
                    return False
            return True

        def related(i, op):
            if op == ">":
                return children[i]
            if op == "<":
                return [heads[i]] if heads[i] != i else []
            if op == ">>":
                out, stack = [], list(children[i])
                while stack:
                    j = stack.pop()
                    out.append(j)
                    stack.extend(children[j])
                return sorted(out)
            out, j = [], i  # "<<": ancestors, nearest first
            while heads[j] != j:
                j = heads[j]
                out.append(j)
            return out

        def extend(nodes, assign, k, out):
            if k == len(nodes):
                out.append(list(assign))
                return
            left, op, checks = nodes[k]
            for j in related(assign[left], op):
                if ok(j, checks):
                    assign[k] = j
                    extend(nodes, assign, k + 1, out)

        found = defaultdict(list)  # pattern number -> matches, in token order
        for i in range(n):
            cands = set(self.free)
            for a in range(5):
                cands.update(self.index.get((a, cols[a][i]), ()))
            for p in cands:
                nodes = self.patterns[p][1]
                if ok(i, nodes[0][2]):
                    extend(nodes, [i] + [0] * (len(nodes) - 1), 1, found[p])
        return [(self.patterns[p][0], m) for p in range(len(self.patterns)) for m in found.get(p, ())]

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
