"""Documents -> extractor -> sinks, streamed: what `graphkit extract` and `graphkit ingest` run."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Protocol

from .model import Assertion, Document
from .sinks.store import Store
from .sinks.sync import SyncResult, sync


class Sink(Protocol):
    """Anything that takes one article's assertions at a time (Store, JsonlWriter)."""

    def put(self, doc: Document, assertions: list[Assertion]) -> object: ...


@dataclass
class IngestResult:
    """What a run did. Without a store every document is `new`."""
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    assertions: int = 0
    neo4j: Optional[SyncResult] = None
    neo4j_error: Optional[str] = None   # Neo4j failed: the store is complete, the next sync catches up

    @property
    def documents(self) -> int:
        """Documents extracted in this run."""
        return self.new + self.changed


def ingest(documents: Iterable[Document], extractor, store: Optional[Store] = None, sinks: Iterable[Sink] = (),
           workers: int = 1, neo4j=None, batch_size: Optional[int] = None,
           problems: Optional[list] = None) -> IngestResult:
    """Extract documents and hand each article's assertions to the store and the other sinks, one article
    at a time (nothing is held for the whole run).

    With a store, documents it already holds with the same text are skipped without parsing, and each
    article is stored in one transaction and marked for Neo4j; given a Neo4j connection, Neo4j then
    follows the store (graphkit.sinks.sync.sync), and a Neo4j failure leaves the store complete.

    Parameters
    ----------
    documents : Documents (e.g. graphkit.readers.read_documents)
    extractor : a graphkit Extractor
    store : the embedded store, or None to extract every document
    sinks : other sinks, e.g. graphkit.sinks.files.JsonlWriter
    workers : extraction processes
    neo4j : a graphkit.sinks.neo4j.Connection to sync the store into after storing (needs `store`)
    batch_size : assertions per Neo4j transaction (default: the loader's)
    problems : a list that collects documents that could not be processed, which are then skipped
        (without it, such a document stops the run with graphkit.pipeline.ExtractionError)

    Returns
    -------
    IngestResult

    Examples
    --------
    >>> import io, tempfile, os
    >>> from graphkit import Extractor, Document
    >>> from graphkit.sinks.files import JsonlWriter
    >>> docs = [Document("d1", "Russia invaded Ukraine.")]
    >>> with Store.open(os.path.join(tempfile.mkdtemp(), "g.db")) as st:
    ...     first = ingest(docs, Extractor(), store=st)
    ...     again = ingest(docs, Extractor(), store=st)
    >>> (first.new, first.assertions), again.unchanged
    ((1, 1), 1)
    >>> out = io.StringIO()
    >>> ingest(docs, Extractor(), sinks=[JsonlWriter(out)]).documents, out.getvalue().count("\\n")
    (1, 1)
    """
    result = IngestResult()
    sinks = list(sinks)

    def todo() -> Iterator[Document]:
        for d in documents:
            if store is not None and store.status(d) == "unchanged":
                result.unchanged += 1
                continue
            yield d

    for doc, assertions in extractor.extract(todo(), workers=workers, problems=problems):
        kind = store.put(doc, assertions) if store is not None else "new"
        for s in sinks:
            s.put(doc, assertions)
        setattr(result, kind, getattr(result, kind) + 1)
        result.assertions += len(assertions)
    if neo4j is not None and store is not None:
        from .sinks.neo4j import LoadError, Loader
        try:
            with Loader(neo4j, **({"batch_size": batch_size} if batch_size else {})) as loader:
                result.neo4j = sync(store, loader)
        except LoadError as e:
            result.neo4j_error = str(e)
    return result
