"""The embedded default store: one SQLite file of articles, actors and assertions (no server needed)."""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from . import graphmodel as gm
from .model import Actor, Assertion, Document

DEFAULT_STORE = "graphkit.db"
APPLICATION = "graphkit"
SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, title TEXT, date TEXT, url TEXT, source TEXT,
    text TEXT NOT NULL, ingested_at REAL NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS articles_sha ON articles(sha256);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, country TEXT, sector TEXT, role TEXT);
CREATE TABLE IF NOT EXISTS assertions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    subject TEXT NOT NULL REFERENCES actors(id), object TEXT REFERENCES actors(id),
    type TEXT NOT NULL, relation TEXT NOT NULL, event TEXT, cameo TEXT, mode TEXT, score REAL,
    confidence REAL, date TEXT, sentence_index INTEGER, start INTEGER, "end" INTEGER,
    attributed_to TEXT, denied_by TEXT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS assertions_doc ON assertions(doc_id);
CREATE INDEX IF NOT EXISTS assertions_subject ON assertions(subject);
CREATE INDEX IF NOT EXISTS assertions_object ON assertions(object);
"""

#: the assertion columns a graph is built from, in load_graph's order
EDGE_COLUMNS = ("id", "subject", "object", "type", "relation", "event", "cameo", "mode", "score", "confidence",
                "date", "doc_id", "sentence_index", "attributed_to", "denied_by")


class StoreError(Exception):
    """The store file cannot be used (corrupt, foreign, missing): one line naming the file."""


@dataclass
class IngestResult:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    assertions: int = 0


class Store:
    """A graphkit store. Each article's assertions are written in one transaction, so an interrupted
    ingest leaves every finished article in place and a re-run completes the rest.

    >>> import tempfile, os
    >>> s = Store.open(os.path.join(tempfile.mkdtemp(), "g.db"))
    >>> s.counts()
    {'articles': 0, 'actors': 0, 'assertions': 0}
    """

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: Union[str, Path] = DEFAULT_STORE, create: bool = True) -> "Store":
        path = Path(path)
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: no such store (create one with graphkit ingest)")
            if path.parent and not path.parent.exists():
                raise StoreError(f"{path}: folder {path.parent} does not exist")
        elif path.is_dir():
            raise StoreError(f"{path}: is a folder, not a store file")
        try:
            conn = sqlite3.connect(str(path), isolation_level=None)  # transactions are explicit
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError:
            raise StoreError(f"{path}: not a graphkit store (the file is not an SQLite database, or it is "
                             "corrupt)") from None
        if tables and "meta" not in tables:
            conn.close()
            raise StoreError(f"{path}: an SQLite database, but not a graphkit store")
        if tables:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            if meta.get("application") != APPLICATION:
                conn.close()
                raise StoreError(f"{path}: an SQLite database, but not a graphkit store")
            if meta.get("schema_version") != SCHEMA_VERSION:
                conn.close()
                raise StoreError(f"{path}: a graphkit store of schema version {meta.get('schema_version')}; "
                                 f"this graphkit reads version {SCHEMA_VERSION}")
        else:
            conn.executescript(SCHEMA)
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                             [("application", APPLICATION), ("schema_version", SCHEMA_VERSION)])
        return cls(path, conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writing
    def status(self, doc: Document) -> str:
        """'unchanged' (this content is stored), 'changed' (the id is stored with other content) or 'new'."""
        sha = doc.sha256
        if self.conn.execute("SELECT 1 FROM articles WHERE sha256 = ?", (sha,)).fetchone():
            return "unchanged"
        if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (doc.id,)).fetchone():
            return "changed"
        return "new"

    def put(self, doc: Document, assertions: list[Assertion]) -> None:
        """Replace one article and its assertions, atomically."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("DELETE FROM articles WHERE id = ?", (doc.id,))  # cascades to its assertions
            c.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (doc.id, doc.sha256, doc.title, doc.date, doc.url, doc.source, doc.text, time.time()))
            actors = gm.actors_of(assertions)
            c.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                          "name = excluded.name, type = excluded.type, "
                          "country = coalesce(excluded.country, actors.country), "
                          "sector = coalesce(excluded.sector, actors.sector), "
                          "role = coalesce(excluded.role, actors.role)",
                          [tuple(gm.actor_props(a)[k] for k in ("id", "name", "type", "country", "sector", "role"))
                           for a in actors.values()])
            c.executemany('INSERT OR REPLACE INTO assertions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '
                          '?, ?, ?)', [self._row(a) for a in assertions])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    @staticmethod
    def _row(a: Assertion) -> tuple:
        return (a.id, a.doc_id, a.subject.id, a.object.id if a.object else None, gm.relationship_type(a),
                a.relation, a.event, a.cameo, a.mode, a.score, a.confidence, (a.article or {}).get("date"),
                a.sentence.get("index"), a.start, a.end, a.attributed_to.id if a.attributed_to else None,
                a.denied_by.id if a.denied_by else None, json.dumps(a.to_dict(), ensure_ascii=False))

    def forget(self, article_id: str) -> int:
        """Remove an article and what it asserted (and actors nothing refers to any more); returns the
        number of assertions removed. Raises StoreError for an unknown id."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if not c.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                raise StoreError(f"{self.path}: no article {article_id!r}")
            n = c.execute("SELECT count(*) FROM assertions WHERE doc_id = ?", (article_id,)).fetchone()[0]
            c.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            c.execute("DELETE FROM actors WHERE id NOT IN (SELECT subject FROM assertions) "
                      "AND id NOT IN (SELECT object FROM assertions WHERE object IS NOT NULL)")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return n

    # ------------------------------------------------------------------ reading
    def counts(self) -> dict:
        q = lambda t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
        return {"articles": q("articles"), "actors": q("actors"), "assertions": q("assertions")}

    def top_actors(self, n: int = 5) -> list[tuple[str, int]]:
        """(name, events it takes part in) of the busiest actors: the degree of the events-only, facts-only
        graph, counted in SQL so a summary does not read the whole store into memory."""
        facts = ("event IS NOT NULL AND object IS NOT NULL AND "
                 "(mode IS NULL OR mode NOT IN ('negation', 'hypothetical'))")
        return self.conn.execute(
            f"SELECT a.name, count(*) AS n FROM (SELECT subject AS id FROM assertions WHERE {facts} "
            f"UNION ALL SELECT object FROM assertions WHERE {facts}) x JOIN actors a ON a.id = x.id "
            "GROUP BY x.id ORDER BY n DESC, x.id LIMIT ?", (n,)).fetchall()

    def assertions(self, article_id: Optional[str] = None) -> Iterator[Assertion]:
        sql = "SELECT record FROM assertions" + (" WHERE doc_id = ?" if article_id else "") + " ORDER BY doc_id, start, id"
        for (rec,) in self.conn.execute(sql, (article_id,) if article_id else ()):
            yield Assertion.from_dict(json.loads(rec))

    def actors(self) -> Iterator[Actor]:
        for row in self.conn.execute("SELECT id, name, type, country, sector, role FROM actors ORDER BY id"):
            yield Actor(*row)

    def articles(self) -> list[dict]:
        cur = self.conn.execute("SELECT id, title, date, url, sha256 FROM articles ORDER BY id")
        return [dict(zip(("id", "title", "date", "url", "sha256"), r)) for r in cur]

    def edge_rows(self, where: str = "", params: tuple = ()) -> Iterable[tuple]:
        cols = ", ".join(f'"{c}"' for c in EDGE_COLUMNS)
        return self.conn.execute(f"SELECT {cols} FROM assertions {where}", params)

    def dump(self) -> dict:
        """Everything in the store as sorted plain data (for comparisons)."""
        c = self.conn
        return {
            "articles": c.execute("SELECT id, sha256, title, date, url, text FROM articles ORDER BY id").fetchall(),
            "actors": c.execute("SELECT * FROM actors ORDER BY id").fetchall(),
            "assertions": c.execute("SELECT id, record FROM assertions ORDER BY id").fetchall(),
        }


def ingest(store: Store, documents: Iterable[Document], extractor, workers: int = 1,
           on_article=None) -> IngestResult:
    """Extract and store the new and changed documents; unchanged ones are skipped without parsing."""
    result = IngestResult()
    todo: list[Document] = []
    kinds: dict[str, str] = {}
    for d in documents:
        st = store.status(d)
        if st == "unchanged" or d.id in kinds:
            result.unchanged += 1
            continue
        kinds[d.id] = st
        todo.append(d)
    for doc, assertions in extractor.extract(iter(todo), workers=workers):
        store.put(doc, assertions)
        result.assertions += len(assertions)
        if kinds[doc.id] == "new":
            result.new += 1
        else:
            result.changed += 1
        if on_article is not None:
            on_article(doc, assertions)
    return result
