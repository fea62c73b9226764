"""Neo4j follows the store: the store's outbox replayed into Neo4j (sync), and forgetting across both.

The store is the source of truth. Every article it stores or forgets is marked in its outbox in the
same transaction; `sync` removes from Neo4j what replaced and forgotten articles asserted, loads what
new and replaced ones assert, and clears each mark only once Neo4j has confirmed it. A crash or an
outage therefore delays the graph but never forks it: the next `sync` (or `graphkit ingest --neo4j`,
`graphkit load --from-store`, `graphkit sync`) catches up.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from itertools import chain
from typing import Iterable, Iterator, Optional

from ..model import Assertion
from .store import Store


@dataclass
class SyncResult:
    """What a sync did: articles loaded (new or replaced) and forgotten, and the loader's counts."""
    loaded: int = 0
    forgotten: int = 0
    load: Optional[object] = field(default=None, repr=False)  # the loader's LoadSummary, summed

    def __str__(self) -> str:
        return (f"{self.loaded} articles loaded, {self.forgotten} forgotten"
                + (f"; {self.load}" if self.load is not None else ""))


def _add(total, part):
    if total is None:
        return part
    for f in fields(part):
        setattr(total, f.name, getattr(total, f.name) + getattr(part, f.name))
    return total


def sync(store: Store, loader, full: bool = False) -> SyncResult:
    """Bring Neo4j up to the store.

    Parameters
    ----------
    store : the store (the source of truth)
    loader : a connected graphkit Neo4j Loader
    full : load every article of the store, not only those marked in the outbox (a first load into an
        empty database, or a database that may have lost data); marked removals are done first

    Returns
    -------
    SyncResult

    Raises
    ------
    LoadError : Neo4j failed; what it had not confirmed stays marked for the next sync

    Examples
    --------
    >>> import tempfile, os
    >>> st = Store.open(os.path.join(tempfile.mkdtemp(), "g.db"))
    >>> st.pending()   # nothing stored, nothing to send
    []
    """
    result = SyncResult()
    if full:
        last = 0
        while rows := store.pending(after=last):
            for _, article, op in rows:
                if op in ("replace", "forget"):
                    loader.forget(article)
                    result.forgotten += op == "forget"
            last = rows[-1][0]
        result.load = loader.load(_canonical(store, store.assertions()))
        result.loaded = store.counts()["articles"]
        store.confirm_through(last)
        _actors(store, loader)
        return result
    last = 0
    while rows := store.pending(after=last):
        chunk, size = [], 0
        for row in rows:
            chunk.append(row)
            size += store.assertion_count(row[1]) if row[2] != "forget" else 0
            if size >= loader.batch_size:
                _send(store, loader, chunk, result)
                chunk, size = [], 0
        if chunk:
            _send(store, loader, chunk, result)
        last = rows[-1][0]
    _actors(store, loader)
    return result


def _canonical(store: Store, assertions: Iterable[Assertion]) -> Iterator[Assertion]:
    """The assertions with each subject and object actor as the store holds it (the fields most stored
    articles give), so Neo4j's nodes match the store's actors whatever order articles arrive in."""
    cache: dict = {}

    def canonical(m):
        if m is None:
            return None
        if m.id not in cache:
            cache[m.id] = store.actor(m.id) or m.actor
        return replace(m, actor=cache[m.id])

    for a in assertions:
        yield replace(a, subject=canonical(a.subject), object=canonical(a.object))


def _actors(store: Store, loader) -> None:
    """Rewrite the actors whose fields changed since Neo4j had them (outvoted, or an article forgotten)."""
    stale = store.stale_actors()
    if stale:
        loader.write_actors(stale)
        store.confirm_actors(a.id for a in stale)


def _send(store: Store, loader, rows: list, result: SyncResult) -> None:
    """Remove the old assertions of replaced and forgotten articles, load the new ones, then confirm."""
    for _, article, op in rows:
        if op in ("replace", "forget"):
            loader.forget(article)
    loads = [article for _, article, op in rows if op != "forget"]
    if loads:
        result.load = _add(result.load, loader.load(
            _canonical(store, chain.from_iterable(store.assertions(a) for a in loads))))
    store.confirm(row_id for row_id, _, _ in rows)
    result.loaded += len(loads)
    result.forgotten += len(rows) - len(loads)


@dataclass
class ForgetResult:
    """What forgetting an article did: assertions removed from the store, and Neo4j's sync or its error."""
    assertions: int = 0
    neo4j: Optional[SyncResult] = None
    neo4j_error: Optional[str] = None  # the article stays marked for removal from Neo4j


def forget(store: Store, article_id: str, neo4j=None, batch_size: Optional[int] = None) -> ForgetResult:
    """Remove an article and what it asserted from the store and, given a Neo4j connection, from Neo4j.

    The store forgets first and marks the article for removal from Neo4j in the same transaction; the
    removal from Neo4j is a sync, so when Neo4j is down the mark stays until a later sync succeeds.

    Parameters
    ----------
    store : the store
    article_id : the article's id
    neo4j : a graphkit.sinks.neo4j.Connection, or None for the store only
    batch_size : assertions per Neo4j transaction (default: the loader's)

    Raises
    ------
    StoreError : no such article (nothing is changed)

    Examples
    --------
    >>> import tempfile, os
    >>> from graphkit.model import Document
    >>> st = Store.open(os.path.join(tempfile.mkdtemp(), "g.db"))
    >>> st.put(Document("a1", "Some text."), [])
    'new'
    >>> forget(st, "a1").assertions, [op for _, _, op in st.pending()]
    (0, ['forget'])
    """
    from .neo4j import LoadError, Loader

    result = ForgetResult(store.forget(article_id))
    if neo4j is not None:
        try:
            with Loader(neo4j, **({"batch_size": batch_size} if batch_size else {})) as loader:
                result.neo4j = sync(store, loader)
        except LoadError as e:
            result.neo4j_error = str(e)
    return result
