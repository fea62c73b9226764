"""Documents -> assertions: the spaCy pipeline, then actors, then relations (one process or N workers)."""
from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from . import dates, nlp as nlp_mod
from .actors import ActorDictionary, Resolver
from .batching import batches
from .graphmodel import is_state
from .model import Assertion, Document, Mention
from .readers.base import Problem
from .relations import ConstructionMatcher, Lexicon, RelationExtractor
from .wordclasses import DataError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: longer texts are parsed in pieces of at most this many characters, cut after a paragraph, a line, a
#: sentence or a word, and joined again into one Doc: spaCy refuses texts over nlp.max_length (1,000,000
#: characters), and the parser's memory grows with the text it is given at once
CHUNK_CHARS = 100_000
_CUTS = tuple(re.compile(p) for p in (r"\n[ \t]*\n\s*", r"\n\s*", r"[.!?][\"'\u201d\u2019)\]]*\s+", r"\s+"))

#: a short text that touches every part that loads on first use (rulers, lexicon, gazetteer, dates)
_WARM_UP = Document("warm-up", "Russia asked China for military assistance in Hasakah last week.", date="2022-03-14")


class ExtractionError(Exception):
    """A document could not be processed (one line: where, its id and why)."""


class Extractor:
    """Turns Documents into Assertions.

    >>> from graphkit import Extractor, Document
    >>> ex = Extractor()
    >>> [(a.subject.name, a.event, a.object.name) for a in ex.extract_one(
    ...     Document("d1", "Russia has asked China for military assistance."))]
    [('Russia', 'REQUEST', 'China')]
    """

    def __init__(self, model: Optional[str] = None, actor_files: Sequence[str] = (), batch_size: int = 32):
        self.model_name = nlp_mod.resolve_model_name(model)
        self.actor_files = tuple(str(p) for p in actor_files)
        for p in self.actor_files:
            if not Path(p).is_file():
                raise FileNotFoundError(f"{p}: actor file not found")
        self.batch_size = batch_size

    # the pipeline and the dictionaries load on first use: a run with nothing to extract never pays for them
    @cached_property
    def nlp(self) -> "Language":
        return nlp_mod.load(self.model_name, self.dictionary)

    @cached_property
    def matcher(self) -> ConstructionMatcher:
        return ConstructionMatcher(self.nlp.vocab)

    @cached_property
    def dictionary(self) -> ActorDictionary:
        return ActorDictionary.default(self.actor_files)

    @cached_property
    def lexicon(self) -> Lexicon:
        return Lexicon.default()

    def assertions_of(self, spacy_doc, document: Document) -> list[Assertion]:
        resolver = Resolver.build(spacy_doc, self.dictionary)
        out = RelationExtractor(spacy_doc, document.id, resolver, self.lexicon, self.matcher).run()
        out.extend(affiliations(spacy_doc, document.id, resolver))
        meta = document.meta()
        for a in out:
            a.article = meta
        dates.date_assertions(spacy_doc, out, document)
        return out

    def warm_up(self) -> None:
        """Load now what loads on first use (the pipeline and its rulers, the lexicon, the gazetteer, dates):
        before forking workers that share it, or to keep it out of a first document's time."""
        self.extract_one(_WARM_UP)

    def extract_one(self, document: Document) -> list[Assertion]:
        return self.assertions_of(self.parse([document])[0], document)

    def parse(self, documents: Sequence[Document]) -> list["Doc"]:
        """The spaCy Docs of `documents`. A text over CHUNK_CHARS is parsed piece by piece (memory stays that
        of one piece) and the pieces joined into one Doc, so that offsets, sentences and actor spans index
        the whole text."""
        from spacy.tokens import Doc

        size = min(CHUNK_CHARS, self.nlp.max_length)
        out: list = [None] * len(documents)
        short = [(d.text, k) for k, d in enumerate(documents) if len(d.text) <= size]
        for sdoc, k in self.nlp.pipe(short, as_tuples=True, batch_size=self.batch_size):
            out[k] = sdoc
        for k, d in enumerate(documents):
            if out[k] is None:
                pieces = self.nlp.pipe((d.text[a:b] for a, b in chunk_bounds(d.text, size)), batch_size=1)
                out[k] = Doc.from_docs(list(pieces), ensure_whitespace=False, exclude=["tensor"])
        return out

    def extract(self, documents: Iterable[Document], workers: int = 1,
                problems: Optional[list] = None) -> Iterator[tuple[Document, list[Assertion]]]:
        """Yield (document, assertions) in input order; `workers` > 1 uses that many processes.

        A document that cannot be processed is left out and reported in `problems` (a readers Problem naming
        its source and id); without a `problems` list it raises ExtractionError."""
        if workers > 1:
            yield from _parallel(self, documents, workers, problems)
            return
        for batch in batches(documents, self.batch_size):
            try:
                parsed: list = self.parse(batch)
            except Exception:  # one document spoils the batch: parse them one by one to find it
                parsed = [None] * len(batch)
            for d, sdoc in zip(batch, parsed):
                try:
                    out = self.assertions_of(sdoc if sdoc is not None else self.parse([d])[0], d)
                except DataError:
                    raise  # graphkit's own data is broken: no document can be processed, say it once
                except Exception as e:
                    _failed(d, e, problems)
                    continue
                yield d, out


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, each at most `size` characters, cut after the last
    paragraph break in a piece's second half, else after a line break, a sentence's end, a space; else at
    `size`. The pieces join to `text` exactly.

    >>> chunk_bounds("One. Two.\\n\\nThree four five.", 16)
    [(0, 11), (11, 27)]
    """
    bounds, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = size
        for pattern in _CUTS:
            last = None
            for last in pattern.finditer(window, size // 2):
                pass
            if last is not None:
                cut = last.end()
                break
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


def _failed(d: Document, e: Exception, problems: Optional[list]) -> None:
    reason = " ".join(f"{type(e).__name__}: {e}".split())
    reason = reason if len(reason) <= 200 else reason[:199] + "\u2026"
    problem = Problem(d.source or d.id, f"cannot be processed (id {d.id!r}; {reason})")
    if problems is None:
        raise ExtractionError(str(problem)) from e
    problems.append(problem)


def affiliations(spacy_doc, doc_id: str, resolver: Resolver) -> list[Assertion]:
    """One non-event assertion per person whose country the text states: person -[role]-> country."""
    out = []
    done = set()
    sentence_index: dict[int, int] = {}  # first token -> index, made once when needed
    for m in resolver.mentions():
        a = m.actor
        if a.type != "person" or a.id in done or not is_state(a.country) or a.id in resolver.placed_people:
            continue
        state = resolver.dictionary.entries.get(a.country)
        if state is None:
            continue
        done.add(a.id)
        span = spacy_doc[m.start:m.end]
        sent = span.sent
        if not sentence_index:
            sentence_index.update((s.start, k) for k, s in enumerate(spacy_doc.sents))
        out.append(Assertion(doc_id=doc_id, sentence={"index": sentence_index[sent.start], "text": sent.text.strip()},
                             start=span.start_char, end=span.end_char, subject=resolver.mention(m),
                             relation="affiliated_with", object=Mention(state), confidence=0.7, trigger=a.role,
                             rule="affiliation"))
    return out


# ---------------------------------------------------------------------- worker processes
_WORKER: Optional[Extractor] = None


def _init_worker(model: str, actor_files: tuple, batch_size: int) -> None:
    global _WORKER
    _WORKER = Extractor(model, actor_files, batch_size)


def _work(batch: list[Document]) -> tuple[list[tuple[Document, list[Assertion]]], list]:
    assert _WORKER is not None
    problems: list = []
    return list(_WORKER.extract(batch, problems=problems)), problems


def _parallel(ex: Extractor, documents: Iterable[Document], workers: int, problems: Optional[list]):
    """Batches of documents to `workers` processes, results in input order. Forked workers inherit the
    parent's loaded pipeline (loaded here once instead of once per worker); spawned ones load their own."""
    import multiprocessing as mp
    from itertools import chain

    global _WORKER
    todo = batches(documents, max(1, ex.batch_size // 2))
    first = next(todo, None)
    if first is None:
        return
    fork = mp.get_start_method(allow_none=True) != "spawn"
    if fork:
        ex.warm_up()
        _WORKER = ex
    ctx = mp.get_context("fork" if fork else "spawn")
    init = {} if fork else dict(initializer=_init_worker, initargs=(ex.model_name, ex.actor_files, ex.batch_size))
    try:
        with ctx.Pool(workers, **init) as pool:
            for result, failed in pool.imap(_work, chain([first], todo)):
                for p in failed:
                    if problems is None:
                        raise ExtractionError(str(p))
                    problems.append(p)
                yield from result
    finally:
        if fork:
            _WORKER = None
