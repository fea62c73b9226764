"""Documents -> assertions: the spaCy pipeline, then actors, then relations (one process or N workers)."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from . import dates, nlp as nlp_mod
from .actors import ActorDictionary, Resolver
from .batching import batches
from .graphmodel import is_state
from .model import Assertion, Document, Mention
from .relations import ConstructionMatcher, Lexicon, RelationExtractor

if TYPE_CHECKING:
    from spacy.language import Language


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

    def extract_one(self, document: Document) -> list[Assertion]:
        return self.assertions_of(self.nlp(document.text), document)

    def extract(self, documents: Iterable[Document], workers: int = 1) -> Iterator[tuple[Document, list[Assertion]]]:
        """Yield (document, assertions) in input order; `workers` > 1 uses that many processes."""
        if workers > 1:
            yield from _parallel(self, documents, workers)
            return
        docs = iter(documents)
        pairs = ((d.text, d) for d in docs)
        for sdoc, d in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield d, self.assertions_of(sdoc, d)


def affiliations(spacy_doc, doc_id: str, resolver: Resolver) -> list[Assertion]:
    """One non-event assertion per person whose country the text states: person -[role]-> country."""
    out = []
    done = set()
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
        out.append(Assertion(doc_id=doc_id, sentence={"index": _sentence_index(spacy_doc, sent), "text": sent.text.strip()},
                             start=span.start_char, end=span.end_char, subject=resolver.mention(m),
                             relation="affiliated_with", object=Mention(state), confidence=0.7, trigger=a.role,
                             rule="affiliation"))
    return out


def _sentence_index(doc, sent) -> int:
    return next(k for k, s in enumerate(doc.sents) if s.start == sent.start)


# ---------------------------------------------------------------------- worker processes
_WORKER: Optional[Extractor] = None


def _init_worker(model: str, actor_files: tuple, batch_size: int) -> None:
    global _WORKER
    _WORKER = Extractor(model, actor_files, batch_size)


def _work(batch: list[Document]) -> list[tuple[Document, list[Assertion]]]:
    assert _WORKER is not None
    return list(_WORKER.extract(batch))


def _parallel(ex: Extractor, documents: Iterable[Document], workers: int):
    import multiprocessing as mp

    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "fork")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(ex.model_name, ex.actor_files, ex.batch_size)) as pool:
        for result in pool.imap(_work, batches(documents, max(1, ex.batch_size // 2))):
            yield from result
