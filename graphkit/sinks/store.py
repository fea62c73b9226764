"""The embedded default store: one SQLite file of articles, actors and assertions (no server needed)."""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .. import graphmodel as gm
from ..model import Actor, Assertion, Document

DEFAULT_STORE = "graphkit.db"
APPLICATION = "graphkit"
#: 2: the assertions table holds every edge property of graphkit.graphmodel (version 1 stores are upgraded)
SCHEMA_VERSION = "2"

SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER"}
#: the assertions table: id, endpoints, type and every edge property of the graph model
EDGE_COLUMNS = ("id", *gm.EDGE_ENDS, *(p for p in gm.EDGE_PROPS if p != "id"))
_COLUMN_SQL = {"id": "TEXT PRIMARY KEY", "article": "TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE",
               "subject": "TEXT NOT NULL REFERENCES actors(id)", "object": "TEXT REFERENCES actors(id)",
               "type": "TEXT NOT NULL"}
ARTICLE_COLUMNS = ("id", "sha256", "title", "date", "url", "source", "text", "ingested_at", "author", "date_source")


def _q(name: str) -> str:
    return f'"{name}"'


def _assertions_table(name: str) -> str:
    cols = ", ".join(f"{_q(c)} {_COLUMN_SQL.get(c, SQL_TYPES[gm.EDGE_TYPES.get(c, str)])}" for c in EDGE_COLUMNS)
    return f"CREATE TABLE {name} ({cols}, record TEXT NOT NULL)"


_ACTOR_COLUMNS_SQL = ", ".join(
    _q(c) + (" TEXT PRIMARY KEY" if c == "id" else " TEXT NOT NULL" if c in ("name", "type") else " TEXT")
    for c in gm.NODE_PROPS)
_INDEXES = """
CREATE INDEX IF NOT EXISTS assertions_article ON assertions(article);
CREATE INDEX IF NOT EXISTS assertions_subject ON assertions(subject);
CREATE INDEX IF NOT EXISTS assertions_object ON assertions(object);
"""
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, title TEXT, date TEXT, url TEXT, source TEXT,
    text TEXT NOT NULL, ingested_at REAL NOT NULL, author TEXT, date_source TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS articles_sha ON articles(sha256);
CREATE TABLE IF NOT EXISTS actors ({_ACTOR_COLUMNS_SQL});
{_assertions_table("IF NOT EXISTS assertions")};
{_INDEXES}
"""
_INSERT_ASSERTION = (f"INSERT OR REPLACE INTO assertions ({', '.join(map(_q, EDGE_COLUMNS))}, record) "
                     f"VALUES ({', '.join('?' * (len(EDGE_COLUMNS) + 1))})")


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
            if meta.get("schema_version") not in ("1", SCHEMA_VERSION):
                conn.close()
                raise StoreError(f"{path}: a graphkit store of schema version {meta.get('schema_version')}; "
                                 f"this graphkit reads version {SCHEMA_VERSION}")
            store = cls(path, conn)
            store._upgrade()
            return store
        conn.executescript(SCHEMA)
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [("application", APPLICATION), ("schema_version", SCHEMA_VERSION)])
        return cls(path, conn)

    def _upgrade(self) -> None:
        """Give the assertions table every column of the graph model (a field added to Assertion, or a
        version 1 store): rebuilt from the JSON records each row keeps, in one transaction."""
        have = {r[1] for r in self.conn.execute("PRAGMA table_info(articles)")}
        for col in ARTICLE_COLUMNS:
            if col not in have:  # author, date_source: added after version 1, empty for older articles
                self.conn.execute(f"ALTER TABLE articles ADD COLUMN {_q(col)} TEXT")
        have = {r[1] for r in self.conn.execute("PRAGMA table_info(assertions)")}
        if set(EDGE_COLUMNS) <= have:
            return
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute(_assertions_table("assertions_new"))
            for (rec,) in c.execute("SELECT record FROM assertions").fetchall():
                c.execute(_INSERT_ASSERTION.replace("INTO assertions", "INTO assertions_new"),
                          self._row(Assertion.from_dict(json.loads(rec))))
            c.execute("DROP TABLE assertions")
            c.execute("ALTER TABLE assertions_new RENAME TO assertions")
            for stmt in filter(str.strip, _INDEXES.split(";")):
                c.execute(stmt)
            c.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

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
            c.execute(f"INSERT INTO articles ({', '.join(map(_q, ARTICLE_COLUMNS))}) "
                      f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
                      (doc.id, doc.sha256, doc.title, doc.date, doc.url, doc.source, doc.text, time.time(),
                       doc.author, doc.date_source))
            cols = gm.NODE_PROPS
            c.executemany(f"INSERT INTO actors ({', '.join(map(_q, cols))}) VALUES ({', '.join('?' * len(cols))}) "
                          "ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, "
                          + ", ".join(f"{_q(k)} = coalesce(excluded.{_q(k)}, actors.{_q(k)})"
                                      for k in cols if k not in ("id", "name", "type")),
                          [tuple(gm.node_props(a).values()) for a in gm.actors_of(assertions).values()])
            c.executemany(_INSERT_ASSERTION, [self._row(a) for a in assertions])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    @staticmethod
    def _row(a: Assertion) -> tuple:
        row = gm.edge_row(a)
        return (*(row[k] for k in EDGE_COLUMNS), json.dumps(a.to_dict(), ensure_ascii=False))

    def forget(self, article_id: str) -> int:
        """Remove an article and what it asserted (and actors nothing refers to any more); returns the
        number of assertions removed. Raises StoreError for an unknown id."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if not c.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                raise StoreError(f"{self.path}: no article {article_id!r}")
            n = c.execute("SELECT count(*) FROM assertions WHERE article = ?", (article_id,)).fetchone()[0]
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
        where, params = _where(gm.EdgeFilter(events_only=True))
        return self.conn.execute(
            f"SELECT a.name, count(*) AS n FROM (SELECT subject AS id FROM assertions {where} "
            f"UNION ALL SELECT object FROM assertions {where}) x JOIN actors a ON a.id = x.id "
            "GROUP BY x.id ORDER BY n DESC, x.id LIMIT ?", (*params, *params, n)).fetchall()

    def assertions(self, article_id: Optional[str] = None) -> Iterator[Assertion]:
        sql = ("SELECT record FROM assertions" + (" WHERE article = ?" if article_id else "")
               + " ORDER BY article, start, id")
        for (rec,) in self.conn.execute(sql, (article_id,) if article_id else ()):
            yield Assertion.from_dict(json.loads(rec))

    def actors(self) -> Iterator[Actor]:
        for row in self.conn.execute(f"SELECT {', '.join(map(_q, gm.NODE_PROPS))} FROM actors ORDER BY id"):
            yield Actor(*row)

    def articles(self) -> list[dict]:
        cols = gm.ARTICLE_PROPS
        cur = self.conn.execute(f"SELECT {', '.join(cols)} FROM articles ORDER BY id")
        return [dict(zip(cols, r)) for r in cur]

    def edges(self, flt: gm.EdgeFilter = gm.EdgeFilter(facts_only=False)) -> Iterator[dict]:
        """The assertions between two actors that pass `flt`, as flat rows: id, subject, object, type and
        every edge property (graphkit.graphmodel.EDGE_PROPS)."""
        where, params = _where(flt)
        cur = self.conn.execute(f"SELECT {', '.join(map(_q, EDGE_COLUMNS))} FROM assertions {where}", params)
        for r in cur:
            yield dict(zip(EDGE_COLUMNS, r))

    def dump(self) -> dict:
        """Everything in the store as sorted plain data (for comparisons)."""
        c = self.conn
        return {
            "articles": c.execute("SELECT id, sha256, title, date, url, text FROM articles ORDER BY id").fetchall(),
            "actors": c.execute("SELECT * FROM actors ORDER BY id").fetchall(),
            "assertions": c.execute("SELECT id, record FROM assertions ORDER BY id").fetchall(),
        }


def _where(flt: gm.EdgeFilter) -> tuple[str, tuple]:
    """graphkit.graphmodel.EdgeFilter in SQL, for edges (assertions with an object)."""
    where, params = ["object IS NOT NULL"], []
    if flt.facts_only:
        where.append(f"(mode IS NULL OR mode NOT IN ({', '.join('?' * len(gm.NOT_FACTS))}))")
        params += gm.NOT_FACTS
    if flt.events_only:
        where.append(f"type IN ({', '.join('?' * len(gm.PLOVER_EVENTS))})")
        params += gm.PLOVER_EVENTS
    if flt.start:
        where.append("date >= ?")
        params.append(flt.start)
    if flt.end:
        where.append("substr(date, 1, ?) <= ?")
        params += [len(flt.end), flt.end]
    return "WHERE " + " AND ".join(where), tuple(params)


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
