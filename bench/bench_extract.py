#!/usr/bin/env python3
"""Extraction speed as ratios within one run: graphkit vs bare spaCy `nlp.pipe`, N workers, and time linear in
document length.

    python bench/bench_extract.py [--words 100000] [--long-words 100000] [--workers 2] [--model NAME]

1. start-up (one-off, apart from the rest): a fresh process that loads bare spaCy vs one that loads graphkit's
   pipeline and everything it loads on first use (Extractor.warm_up: actor SpanRulers, lexicon, gazetteer).
2. ratio: graphkit extract / bare nlp.pipe with the same model on --words of news (the sample article as
   separate documents), both warmed up, in CPU seconds of this process (other processes on the machine
   barely move it). Bar: <= 1.25.
3. workers: wall time of 1 process vs --workers N on the same corpus (forked workers share the loaded
   pipeline), with the same assertions, and the CPU seconds each spent (on a busy machine the wall-clock
   speed-up is bounded by the cores left free).
4. linearity: one document of --long-words words vs ten documents of a tenth each with the same text, as
   news (paragraphs, punctuation) and as one run of words without punctuation or line breaks, capitalised
   and in lower case (the parser alone would make sentences of thousands of tokens of the latter). Bar: <= 2.
"""
from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from graphkit import Extractor
from graphkit.model import Document
from graphkit.readers import normalize

SEED = Path(__file__).resolve().parent.parent / "seeds" / "cnn_2022-03-14_sullivan_yang_rome.txt"


def paragraphs() -> list[str]:
    _, text = normalize(SEED.read_text())
    return [p for p in text.split("\n\n") if p.strip()]


def news(words: int) -> str:
    """Paragraphs of the sample article, repeated until `words` words."""
    out, n, paras = [], 0, paragraphs()
    while n < words:
        for p in paras:
            out.append(p)
            n += len(p.split())
            if n >= words:
                break
    return "\n\n".join(out)


def unpunctuated(text: str, case=str.capitalize) -> str:
    """The same words with no punctuation and no line breaks, each in `case`."""
    return " ".join(case(w) for w in re.sub(r"[^\w\s'-]", " ", text).split())


def cpu(fn):
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def wall(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_fresh(code: str) -> tuple[float, float]:
    """(wall, CPU) seconds of a new Python process running `code`."""
    c, t = children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t, children_cpu() - c


def extract_all(ex: Extractor, docs: list[Document], workers: int = 1) -> list:
    return [a for _, asr in ex.extract(docs, workers=workers) for a in asr]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=100_000, help="corpus for the ratio and the workers")
    ap.add_argument("--long-words", type=int, default=100_000, help="the long document of the linearity check")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    ex = Extractor(args.model)
    model = ex.model_name

    # 1. start-up, each in a fresh process
    w_bare, c_bare = run_fresh(f"import spacy; list(spacy.load({model!r}).pipe(['Start.']))")
    w_gk, c_gk = run_fresh(f"from graphkit import Extractor; Extractor({model!r}).warm_up()")
    print(f"model {model}")
    print(f"start-up (one-off)   bare spaCy {w_bare:6.2f} s wall {c_bare:6.2f} s CPU;  graphkit {w_gk:6.2f} s wall "
          f"{c_gk:6.2f} s CPU (+{c_gk - c_bare:.2f} s CPU: actor rulers, lexicon, gazetteer, constructions)")

    # 2. graphkit vs bare nlp.pipe, both warm
    import spacy

    bare = spacy.load(model)
    list(bare.pipe(["Start."]))
    ex.warm_up()
    _, one = normalize(SEED.read_text())
    docs = [Document(f"d{i}", one) for i in range(max(1, -(-args.words // len(one.split()))))]
    words = sum(len(d.text.split()) for d in docs)
    t_bare, _ = cpu(lambda: sum(1 for _ in bare.pipe((d.text for d in docs), batch_size=ex.batch_size)))
    t_gk, res = cpu(lambda: extract_all(ex, docs))
    print(f"corpus               {len(docs)} documents, {words} words")
    print(f"bare nlp.pipe        {t_bare:7.2f} s CPU  {words / t_bare:8.0f} words/s")
    print(f"graphkit extract     {t_gk:7.2f} s CPU  {words / t_gk:8.0f} words/s  ({len(res)} assertions)")
    print(f"ratio graphkit / nlp.pipe: {t_gk / t_bare:.2f}  (bar <= 1.25)")

    # 3. workers (wall time: the work is in other processes; they are reaped when the pool closes)
    c_one, (w_one, _) = cpu(lambda: wall(lambda: extract_all(ex, docs)))
    c_par, c_kids = time.process_time(), children_cpu()
    w_par, res_par = wall(lambda: extract_all(ex, docs, args.workers))
    c_par, c_kids = time.process_time() - c_par, children_cpu() - c_kids
    assert [a.id for a in res] == [a.id for a in res_par], "workers changed the result"
    print(f"1 process            {w_one:7.2f} s wall ({c_one:.2f} s CPU)")
    print(f"--workers {args.workers}          {w_par:7.2f} s wall ({c_par:.2f} s CPU here, {c_kids:.2f} s in the "
          f"workers): speed-up {w_one / w_par:.2f}x")

    # 4. linearity: one long document vs ten of a tenth
    tenth = news(args.long_words // 10)
    kinds = (("news", tenth, "\n\n"), ("no punctuation, Capitalised", unpunctuated(tenth), " "),
             ("no punctuation, lower case", unpunctuated(tenth, str.lower), " "))
    for kind, text, sep in kinds:
        ten = [Document(f"{kind}{i}", text) for i in range(10)]
        long = [Document(f"{kind}-long", sep.join([text] * 10))]
        t_ten, a_ten = cpu(lambda: extract_all(ex, ten))
        t_long, a_long = cpu(lambda: extract_all(ex, long))
        n = len(long[0].text.split())
        print(f"{kind:28s} 1 x {n} words {t_long:7.2f} s CPU, 10 x {n // 10} words {t_ten:7.2f} s CPU: "
              f"ratio {t_long / t_ten:.2f}  (bar <= 2; {len(a_long)} vs {len(a_ten)} assertions)")


if __name__ == "__main__":
    main()
