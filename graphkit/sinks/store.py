"""The embedded default store: one SQLite file of articles, actors and assertions (no server needed)."""
from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .. import graphmodel as gm
from ..model import Actor, Assertion, Document

DEFAULT_STORE = "graphkit.db"
APPLICATION = "graphkit"
#: 2: the assertions table holds every edge property of graphkit.graphmodel; 3: the Neo4j outbox, and one
#: text may be stored under two ids (older versions are upgraded on open)
SCHEMA_VERSION = "3"
READS_VERSIONS = ("1", "2", SCHEMA_VERSION)

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
-- covers what pair weights are summed from (Store.pair_weights), so a graph is read without the records
CREATE INDEX IF NOT EXISTS assertions_pair ON assertions(subject, object, type, mode, score, date, article);
"""
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, title TEXT, date TEXT, url TEXT, source TEXT,
    text TEXT NOT NULL, ingested_at REAL NOT NULL, author TEXT, date_source TEXT);
CREATE TABLE IF NOT EXISTS actors ({_ACTOR_COLUMNS_SQL});
{_assertions_table("IF NOT EXISTS assertions")};
{_INDEXES}
"""
#: what Neo4j has not confirmed yet, one row an article: load it, replace it (remove its old assertions
#: first) or forget it. A row's id changes whenever the article changes again, so a sync removes only
#: the rows it has done.
OUTBOX = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, article TEXT NOT NULL UNIQUE,
    op TEXT NOT NULL CHECK (op IN ('load', 'replace', 'forget')));
DROP INDEX IF EXISTS articles_sha;
CREATE INDEX IF NOT EXISTS articles_sha256 ON articles(sha256);
"""
_INSERT_ASSERTION = (f"INSERT OR REPLACE INTO assertions ({', '.join(map(_q, EDGE_COLUMNS))}, record) "
                     f"VALUES ({', '.join('?' * (len(EDGE_COLUMNS) + 1))})")


class StoreError(Exception):
    """The store file cannot be used (corrupt, foreign, missing): one line naming the file."""


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
        """Open a store, creating it (schema and metadata in one transaction) when `create` allows.

        Parameters
        ----------
        path : the SQLite file
        create : create the file when it does not exist (False: it must be a store already)

        Raises
        ------
        StoreError : a missing file (create=False), a folder, a file that is not a graphkit store (another
            application's SQLite database is left untouched), a store of an unknown schema version

        Examples
        --------
        >>> import tempfile, os
        >>> with Store.open(os.path.join(tempfile.mkdtemp(), "g.db")) as st:
        ...     st.counts()["articles"]
        0
        """
        path = Path(path)
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: no such store (create one with graphkit ingest)")
            if path.parent and not path.parent.exists():
                raise StoreError(f"{path}: folder {path.parent} does not exist")
        elif path.is_dir():
            raise StoreError(f"{path}: is a folder, not a store file")
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)  # transactions are explicit
            conn.execute("PRAGMA foreign_keys = ON")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError:
            raise StoreError(f"{path}: not a graphkit store (the file is not an SQLite database, or it is "
                             "corrupt)") from None
        store = cls(path, conn)
        if tables:
            store._check(tables)
        elif not create:
            conn.close()
            raise StoreError(f"{path}: an empty file, not a graphkit store")
        else:
            with store._transaction():  # schema and metadata together: a crash leaves no half-made store
                for stmt in filter(str.strip, (SCHEMA + OUTBOX).split(";")):
                    conn.execute(stmt)
                conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                 [("application", APPLICATION), ("schema_version", SCHEMA_VERSION)])
        conn.execute("PRAGMA journal_mode = WAL")  # only once the file is known to be a graphkit store
        store._upgrade()
        return store

    def _check(self, tables: set) -> None:
        """Refuse (and leave untouched) a database that is not a graphkit store this version reads."""
        meta = dict(self.conn.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        if meta.get("application") != APPLICATION:
            self.conn.close()
            raise StoreError(f"{self.path}: an SQLite database, but not a graphkit store")
        if meta.get("schema_version") not in READS_VERSIONS:
            self.conn.close()
            raise StoreError(f"{self.path}: a graphkit store of schema version {meta.get('schema_version')}; "
                             f"this graphkit reads versions up to {SCHEMA_VERSION}")

    def _upgrade(self) -> None:
        """Bring an older store up to date in one transaction: the assertions table gets every column of
        the graph model (a field added to Assertion, or a version 1 store), rebuilt from the JSON record
        each row keeps; a store from before the outbox marks every article for Neo4j."""
        have = {r[1] for r in self.conn.execute("PRAGMA table_info(assertions)")}
        articles = {r[1] for r in self.conn.execute("PRAGMA table_info(articles)")}
        outbox = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'outbox'").fetchone()
        if set(EDGE_COLUMNS) <= have and set(ARTICLE_COLUMNS) <= articles and outbox:
            for stmt in filter(str.strip, _INDEXES.split(";")):  # an index added since the store was made
                self.conn.execute(stmt)
            return
        c = self.conn
        with self._transaction():
            for col in ARTICLE_COLUMNS:
                if col not in articles:  # author, date_source: added later, empty for older articles
                    c.execute(f"ALTER TABLE articles ADD COLUMN {_q(col)} TEXT")
            if not set(EDGE_COLUMNS) <= have:
                c.execute(_assertions_table("assertions_new"))
                for (rec,) in c.execute("SELECT record FROM assertions").fetchall():
                    c.execute(_INSERT_ASSERTION.replace("INTO assertions", "INTO assertions_new"),
                              self._row(Assertion.from_dict(json.loads(rec))))
                c.execute("DROP TABLE assertions")
                c.execute("ALTER TABLE assertions_new RENAME TO assertions")
                for stmt in filter(str.strip, _INDEXES.split(";")):
                    c.execute(stmt)
            if not outbox:
                for stmt in filter(str.strip, OUTBOX.split(";")):
                    c.execute(stmt)
                c.execute("INSERT INTO outbox (article, op) SELECT id, 'replace' FROM articles ORDER BY id")
            c.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    @contextmanager
    def _transaction(self):
        """One write transaction: committed when the block ends, rolled back when it raises (the block's
        own error is the one raised, even when SQLite has already ended the transaction)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writing
    def status(self, doc: Document) -> str:
        """'unchanged' (this id is stored with this text), 'changed' (the id is stored with other text) or
        'new'. The same text under another id is another article."""
        row = self.conn.execute("SELECT sha256 FROM articles WHERE id = ?", (doc.id,)).fetchone()
        if row is None:
            return "new"
        return "unchanged" if row[0] == doc.sha256 else "changed"

    def put(self, doc: Document, assertions: list[Assertion]) -> str:
        """Store one article and its assertions, replacing what its id held, atomically; the article is
        marked for Neo4j in the same transaction.

        Returns
        -------
        'new', or 'changed' when the id was stored before

        Examples
        --------
        >>> import tempfile, os
        >>> st = Store.open(os.path.join(tempfile.mkdtemp(), "g.db"))
        >>> st.put(Document("a1", "Some text."), []), st.put(Document("a1", "Other text."), [])
        ('new', 'changed')
        >>> st.status(Document("a1", "Other text.")), st.status(Document("a2", "Other text."))
        ('unchanged', 'new')
        """
        c = self.conn
        with self._transaction():
            old = c.execute("DELETE FROM articles WHERE id = ?", (doc.id,)).rowcount  # cascades to assertions
            pending = c.execute("SELECT 1 FROM outbox WHERE article = ?", (doc.id,)).fetchone()
            c.execute("INSERT OR REPLACE INTO outbox (article, op) VALUES (?, ?)",
                      (doc.id, "replace" if old or pending else "load"))
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
        return "changed" if old else "new"

    @staticmethod
    def _row(a: Assertion) -> tuple:
        row = gm.edge_row(a)
        return (*(row[k] for k in EDGE_COLUMNS), json.dumps(a.to_dict(), ensure_ascii=False))

    def forget(self, article_id: str) -> int:
        """Remove an article and what it asserted (and actors nothing refers to any more); returns the
        number of assertions removed. Raises StoreError for an unknown id."""
        c = self.conn
        with self._transaction():
            if not c.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                raise StoreError(f"{self.path}: no article {article_id!r}")
            n = c.execute("SELECT count(*) FROM assertions WHERE article = ?", (article_id,)).fetchone()[0]
            c.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            c.execute("INSERT OR REPLACE INTO outbox (article, op) VALUES (?, 'forget')", (article_id,))
            c.execute("DELETE FROM actors WHERE id NOT IN (SELECT subject FROM assertions) "
                      "AND id NOT IN (SELECT object FROM assertions WHERE object IS NOT NULL)")
        return n

    # ------------------------------------------------------------------ the Neo4j outbox
    def pending(self, after: int = 0, limit: int = 1000) -> list[tuple[int, str, str]]:
        """(row id, article, op) of what Neo4j has not confirmed, oldest first, from row id `after` on."""
        return self.conn.execute("SELECT id, article, op FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
                                 (after, limit)).fetchall()

    def confirm(self, row_ids: Iterable[int]) -> None:
        """Neo4j has done these outbox rows (a row replaced since by a newer change stays)."""
        c = self.conn
        with self._transaction():
            c.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in row_ids])

    def confirm_through(self, row_id: int) -> None:
        """Neo4j has everything up to outbox row `row_id` (a full load)."""
        with self._transaction():
            self.conn.execute("DELETE FROM outbox WHERE id <= ?", (row_id,))

    def assertion_count(self, article_id: str) -> int:
        return self.conn.execute("SELECT count(*) FROM assertions WHERE article = ?", (article_id,)).fetchone()[0]

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
        every edge property (graphkit.graphmodel.EDGE_PROPS), filtered in SQL.

        Examples
        --------
        >>> import tempfile, os
        >>> st = Store.open(os.path.join(tempfile.mkdtemp(), "g.db"))
        >>> list(st.edges(gm.EdgeFilter(events_only=True, start="2022-03-01")))
        []
        """
        where, params = _where(flt)
        cur = self.conn.execute(f"SELECT {', '.join(map(_q, EDGE_COLUMNS))} FROM assertions {where}", params)
        for r in cur:
            yield dict(zip(EDGE_COLUMNS, r))

    #: the SQL of graphkit.graph.period: the period a date falls in
    PERIOD_SQL = {None: "NULL", "year": "substr(date, 1, 4)",
                  "month": "CASE WHEN length(date) >= 7 THEN substr(date, 1, 7) END",
                  "day": "CASE WHEN length(date) >= 10 THEN substr(date, 1, 10) END",
                  "week": "CASE WHEN length(date) >= 10 THEN date(substr(date, 1, 10), '-6 days', 'weekday 1') END"}

    def pair_weights(self, flt: gm.EdgeFilter, by: Optional[str] = None, one_a_day: bool = False) -> Iterator[tuple]:
        """(subject, object, period, assertions, events, score_sum, scored) per ordered pair of actors (and
        period of `by`: day, week, month or year; None without) of the assertions that pass `flt`, summed
        in SQL over the covering index assertions_pair: a graph of millions of assertions is read as one
        row per pair (graphkit.graph.load_graph(..., pairs=True)). `one_a_day` counts one row per (subject,
        object, type, day), its score their mean; undated assertions once per article."""
        where, params = _where(flt)
        events = f"type IN ({', '.join(repr(e) for e in gm.PLOVER_EVENTS)})"  # a closed vocabulary, not input
        rows = "assertions"
        if one_a_day:
            rows = (f"(SELECT subject, object, type, avg(score) AS score, min(date) AS date FROM assertions {where} "
                    "GROUP BY subject, object, type, coalesce(substr(date, 1, 10), 'article:' || article))")
            where = ""
        return self.conn.execute(
            f"SELECT subject, object, {self.PERIOD_SQL[by]} AS period, count(*), count(CASE WHEN {events} THEN 1 END), "
            f"coalesce(sum(CASE WHEN {events} THEN score END), 0.0), count(CASE WHEN {events} THEN score END) "
            f"FROM {rows} {where} GROUP BY subject, object, period", params)

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

