"""The embedded default store: one SQLite file of articles, actors and assertions (no server needed)."""
from __future__ import annotations

import functools
import inspect
import json
import os
import sqlite3
import urllib.parse
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .. import graphmodel as gm
from ..model import Actor, Assertion, Document

DEFAULT_STORE = "graphkit.db"
APPLICATION = "graphkit"
#: 2: the assertions table holds every edge property of graphkit.graphmodel; 3: the Neo4j outbox, and one
#: text may be stored under two ids; 4: actor evidence (older versions are upgraded on open)
SCHEMA_VERSION = "4"
READS_VERSIONS = ("1", "2", "3", SCHEMA_VERSION)

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
#: what the stored articles say about each actor: for each field and value, how many articles give it. An
#: actor's row holds, field by field, the value most articles give (ties: the smallest), so it depends on
#: what is stored, not on the order it came in, and forgetting an article takes its word back.
EVIDENCE = """
CREATE TABLE IF NOT EXISTS evidence (
    actor TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, articles INTEGER NOT NULL,
    PRIMARY KEY (actor, field, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox_actors (actor TEXT PRIMARY KEY) WITHOUT ROWID;
"""
_INSERT_ASSERTION = (f"INSERT OR REPLACE INTO assertions ({', '.join(map(_q, EDGE_COLUMNS))}, record) "
                     f"VALUES ({', '.join('?' * (len(EDGE_COLUMNS) + 1))})")


class StoreError(Exception):
    """The store file cannot be used (corrupt, foreign, missing, read-only, disk full): one line naming it."""


def _reads(method):
    """A read of the store: an SQLite error (a corrupt page, a vanished file) becomes a StoreError."""
    if inspect.isgeneratorfunction(method):
        @functools.wraps(method)
        def rows(self, *args, **kwargs):
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.Error as e:
                raise self._explain(e) from e
        return rows

    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as e:
            raise self._explain(e) from e
    return read


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
        self.read_only = False

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
        folder = path.parent if str(path.parent) else Path(".")
        # SQLite writes beside the file (journal, WAL): a store in a read-only folder or on read-only media
        # is opened read-only (graphkit can analyse and export it), not refused
        writable = os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
        if not path.exists() and not writable:
            raise StoreError(f"{path}: cannot create the store: folder {folder} is not writable")
        conn, tables = cls._connect(path, writable)
        store = cls(path, conn)
        store.read_only = not writable
        try:
            store._prepare(tables, create)
        except BaseException as e:
            conn.close()
            if isinstance(e, sqlite3.Error):
                raise store._explain(e) from None
            raise
        return store

    def _prepare(self, tables: set, create: bool) -> None:
        """Check an existing store (and bring it up to date), or make a new one."""
        if tables:
            self._check(tables)
        elif not create:
            raise StoreError(f"{self.path}: an empty file, not a graphkit store")
        else:
            with self._transaction():  # schema and metadata together: a crash leaves no half-made store
                for stmt in filter(str.strip, (SCHEMA + OUTBOX + EVIDENCE).split(";")):
                    self.conn.execute(stmt)
                self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                      [("application", APPLICATION), ("schema_version", SCHEMA_VERSION)])
        if not self.read_only:
            self.conn.execute("PRAGMA journal_mode = WAL")  # only once the file is known to be a graphkit store
        self._upgrade()

    @staticmethod
    def _connect(path: Path, writable: bool) -> tuple[sqlite3.Connection, set]:
        """A connection (transactions explicit) and the file's tables; read-only when not `writable`."""
        uris = [str(path)] if writable else [
            f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro",
            f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro&immutable=1"]  # WAL store, no -shm allowed
        for i, uri in enumerate(uris):
            try:
                conn = sqlite3.connect(uri, isolation_level=None, timeout=30, uri=not writable)
                conn.execute("PRAGMA foreign_keys = ON")
                return conn, {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.DatabaseError as e:
                if "not a database" in str(e) or "malformed" in str(e):
                    raise StoreError(f"{path}: not a graphkit store (the file is not an SQLite database, or it "
                                     "is corrupt)") from None
                if i + 1 == len(uris):
                    raise StoreError(f"{path}: cannot open the store ({e})") from None
        raise AssertionError("unreachable")

    def _explain(self, e: sqlite3.Error) -> "StoreError":
        """An SQLite error as one line a user can act on."""
        msg, name = str(e), getattr(e, "sqlite_errorname", "") or ""
        if name == "SQLITE_FULL" or "disk is full" in msg:
            why = "No space left on device (every article stored before is kept; free space and run again)"
        elif name.startswith("SQLITE_READONLY") or "readonly" in msg:
            why = "the store is read-only here (graphkit can read it but not write to it)"
        elif name.startswith("SQLITE_CORRUPT") or "malformed" in msg or "not a database" in msg:
            why = ("the store is corrupt (database disk image is malformed): restore a backup, or ingest the "
                   "articles again into a new store")
        elif name.startswith("SQLITE_BUSY") or "locked" in msg:
            why = "the store is busy (another program holds it); try again"
        elif name.startswith("SQLITE_IOERR") or "I/O" in msg:
            why = f"disk I/O error ({msg})"
        else:
            why = msg
        return StoreError(f"{self.path}: {why}")

    def _check(self, tables: set) -> None:
        """Refuse (and leave untouched) a database that is not a graphkit store this version reads."""
        meta = dict(self.conn.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        if meta.get("application") != APPLICATION:
            raise StoreError(f"{self.path}: an SQLite database, but not a graphkit store")
        if meta.get("schema_version") not in READS_VERSIONS:
            raise StoreError(f"{self.path}: a graphkit store of schema version {meta.get('schema_version')}; "
                             f"this graphkit reads versions up to {SCHEMA_VERSION}")

    def _upgrade(self) -> None:
        """Bring an older store up to date in one transaction: the assertions table gets every column of
        the graph model (a field added to Assertion, or a version 1 store), rebuilt from the JSON record
        each row keeps; a store from before the outbox marks every article for Neo4j."""
        have = {r[1] for r in self.conn.execute("PRAGMA table_info(assertions)")}
        articles = {r[1] for r in self.conn.execute("PRAGMA table_info(articles)")}
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        outbox, evidence = "outbox" in tables, "evidence" in tables
        if set(EDGE_COLUMNS) <= have and set(ARTICLE_COLUMNS) <= articles and outbox and evidence:
            if not self.read_only:
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
            if not evidence:
                for stmt in filter(str.strip, EVIDENCE.split(";")):
                    c.execute(stmt)
                for (article,) in c.execute("SELECT id FROM articles").fetchall():
                    self._weigh(list(self.assertions(article)), +1)
                self._refresh_actors([a for (a,) in c.execute("SELECT id FROM actors").fetchall()])
            c.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    @contextmanager
    def _transaction(self):
        """One write transaction: committed when the block ends, rolled back when it raises (the block's
        own error is the one raised, even when SQLite has already ended the transaction)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield
            self.conn.execute("COMMIT")
        except BaseException as e:
            if self.conn.in_transaction:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(e, sqlite3.Error):
                raise self._explain(e) from e
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writing
    @_reads
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
            before = list(self.assertions(doc.id))
            self._weigh(before, -1)
            old = c.execute("DELETE FROM articles WHERE id = ?", (doc.id,)).rowcount  # cascades to assertions
            pending = c.execute("SELECT 1 FROM outbox WHERE article = ?", (doc.id,)).fetchone()
            c.execute("INSERT OR REPLACE INTO outbox (article, op) VALUES (?, ?)",
                      (doc.id, "replace" if old or pending else "load"))
            c.execute(f"INSERT INTO articles ({', '.join(map(_q, ARTICLE_COLUMNS))}) "
                      f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
                      (doc.id, doc.sha256, doc.title, doc.date, doc.url, doc.source, doc.text, time.time(),
                       doc.author, doc.date_source))
            self._weigh(assertions, +1)
            self._refresh_actors(gm.actors_of(before).keys() | gm.actors_of(assertions).keys())
            c.executemany(_INSERT_ASSERTION, [self._row(a) for a in assertions])
        return "changed" if old else "new"

    def _weigh(self, assertions: list[Assertion], sign: int) -> None:
        """Add (+1) or take back (-1) one article's word on its actors' fields."""
        said = {(a.id, f, v) for a in gm.actors_of_all(assertions) for f, v in gm.node_props(a).items()
                if f != "id" and v is not None}
        self.conn.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?) ON CONFLICT(actor, field, value) "
                              "DO UPDATE SET articles = articles + excluded.articles",
                              [(*x, sign) for x in sorted(said)])
        self.conn.execute("DELETE FROM evidence WHERE articles <= 0")

    def _refresh_actors(self, ids) -> None:
        """Set each actor's row from the evidence (the value most stored articles give, field by field);
        remove actors no stored article names any more."""
        cols = gm.NODE_PROPS
        for actor in sorted(ids):
            was = self.conn.execute(f"SELECT {', '.join(map(_q, cols))} FROM actors WHERE id = ?", (actor,)).fetchone()
            best = {}
            for field, value in self.conn.execute(
                    "SELECT field, value FROM evidence WHERE actor = ? ORDER BY field, articles DESC, value",
                    (actor,)):
                best.setdefault(field, value)
            if not best:
                self.conn.execute("DELETE FROM actors WHERE id = ?", (actor,))
                self.conn.execute("DELETE FROM outbox_actors WHERE actor = ?", (actor,))  # Neo4j drops orphans
                continue
            row = {"id": actor, **{f: best.get(f) for f in cols[1:]}}
            row["name"] = row["name"] or actor
            row["type"] = row["type"] or "group"
            if was is not None and tuple(row.values()) != tuple(was):  # Neo4j's node is out of date
                self.conn.execute("INSERT OR IGNORE INTO outbox_actors VALUES (?)", (actor,))
            self.conn.execute(f"INSERT INTO actors ({', '.join(map(_q, cols))}) VALUES ({', '.join('?' * len(cols))}) "
                              "ON CONFLICT(id) DO UPDATE SET "
                              + ", ".join(f"{_q(k)} = excluded.{_q(k)}" for k in cols[1:]),
                              tuple(row[k] for k in cols))

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
            before = list(self.assertions(article_id))
            self._weigh(before, -1)
            c.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            c.execute("INSERT OR REPLACE INTO outbox (article, op) VALUES (?, 'forget')", (article_id,))
            self._refresh_actors(gm.actors_of(before).keys())
        return len(before)

    # ------------------------------------------------------------------ the Neo4j outbox
    @_reads
    def pending(self, after: int = 0, limit: int = 1000) -> list[tuple[int, str, str]]:
        """(row id, article, op) of what Neo4j has not confirmed, oldest first, from row id `after` on."""
        return self.conn.execute("SELECT id, article, op FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
                                 (after, limit)).fetchall()

    def confirm(self, row_ids: Iterable[int]) -> None:
        """Neo4j has done these outbox rows (a row replaced since by a newer change stays)."""
        c = self.conn
        with self._transaction():
            c.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in row_ids])

    @_reads
    def stale_actors(self) -> list[Actor]:
        """Actors whose fields changed since Neo4j last had them (another article outvoted, or was forgotten)."""
        cols = ", ".join(f"a.{_q(c)}" for c in gm.NODE_PROPS)
        return [Actor(*r) for r in self.conn.execute(
            f"SELECT {cols} FROM outbox_actors o JOIN actors a ON a.id = o.actor ORDER BY a.id")]

    def confirm_actors(self, ids: Iterable[str]) -> None:
        with self._transaction():
            self.conn.executemany("DELETE FROM outbox_actors WHERE actor = ?", [(i,) for i in ids])

    @_reads
    def actor(self, actor_id: str) -> Optional[Actor]:
        """The actor's row: its fields as most stored articles give them."""
        row = self.conn.execute(f"SELECT {', '.join(map(_q, gm.NODE_PROPS))} FROM actors WHERE id = ?",
                                (actor_id,)).fetchone()
        return Actor(*row) if row else None

    def confirm_through(self, row_id: int) -> None:
        """Neo4j has everything up to outbox row `row_id` (a full load)."""
        with self._transaction():
            self.conn.execute("DELETE FROM outbox WHERE id <= ?", (row_id,))

    @_reads
    def assertion_count(self, article_id: str) -> int:
        return self.conn.execute("SELECT count(*) FROM assertions WHERE article = ?", (article_id,)).fetchone()[0]

    # ------------------------------------------------------------------ reading
    @_reads
    def counts(self) -> dict:
        q = lambda t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
        return {"articles": q("articles"), "actors": q("actors"), "assertions": q("assertions")}

    @_reads
    def top_actors(self, n: int = 5) -> list[tuple[str, int]]:
        """(name, events it takes part in) of the busiest actors: the degree of the events-only, facts-only
        graph, counted in SQL so a summary does not read the whole store into memory."""
        where, params = _where(gm.EdgeFilter(events_only=True))
        return self.conn.execute(
            f"SELECT a.name, count(*) AS n FROM (SELECT subject AS id FROM assertions {where} "
            f"UNION ALL SELECT object FROM assertions {where}) x JOIN actors a ON a.id = x.id "
            "GROUP BY x.id ORDER BY n DESC, x.id LIMIT ?", (*params, *params, n)).fetchall()

    @_reads
    def assertions(self, article_id: Optional[str] = None) -> Iterator[Assertion]:
        sql = ("SELECT record FROM assertions" + (" WHERE article = ?" if article_id else "")
               + " ORDER BY article, start, id")
        for (rec,) in self.conn.execute(sql, (article_id,) if article_id else ()):
            yield Assertion.from_dict(json.loads(rec))

    @_reads
    def actors(self) -> Iterator[Actor]:
        for row in self.conn.execute(f"SELECT {', '.join(map(_q, gm.NODE_PROPS))} FROM actors ORDER BY id"):
            yield Actor(*row)

    @_reads
    def articles(self) -> list[dict]:
        cols = gm.ARTICLE_PROPS
        cur = self.conn.execute(f"SELECT {', '.join(cols)} FROM articles ORDER BY id")
        return [dict(zip(cols, r)) for r in cur]

    @_reads
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

    @_reads
    def pair_weights(self, flt: gm.EdgeFilter, by: Optional[str] = None, one_a_day: bool = False) -> Iterator[tuple]:
        """(subject, object, period, assertions, events, score_sum, scored) per ordered pair of actors (and
        period of `by`: day, week, month or year; None without) of the assertions that pass `flt`, summed
        in SQL over the covering index assertions_pair: a graph of millions of assertions is read as one
        row per pair (graphkit.graph.load_graph(..., pairs=True)). `one_a_day` counts one row per (subject,
        object, type, day), its score their mean; undated assertions once per article."""
        where, params = _where(flt)
        # an event is any type but the relations' (the shorter list); a closed vocabulary, not input
        events = f"type NOT IN ({', '.join(repr(t) for t in gm.RELATIONSHIP_TYPES if t not in gm.PLOVER_EVENTS)})"
        rows = "assertions"
        if one_a_day:
            rows = (f"(SELECT subject, object, type, avg(score) AS score, min(date) AS date FROM assertions {where} "
                    "GROUP BY subject, object, type, coalesce(substr(date, 1, 10), 'article:' || article))")
            where = ""
        return self.conn.execute(
            f"SELECT subject, object, {self.PERIOD_SQL[by]} AS period, count(*), count(CASE WHEN {events} THEN 1 END), "
            f"coalesce(sum(CASE WHEN {events} THEN score END), 0.0), count(CASE WHEN {events} THEN score END) "
            f"FROM {rows} {where} GROUP BY subject, object, period", params)

    @_reads
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

