"""The Neo4j loader: assertions -> batched, idempotent UNWIND ... MERGE transactions (Cypher from cypher/)."""
from __future__ import annotations

import logging
import os
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import unquote, urlsplit, urlunsplit

from .. import graphmodel as gm
from ..batching import batches
from ..model import Actor, Assertion

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
DEFAULT_BATCH = 5000
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
CONNECT_TIMEOUT = 5.0  # seconds to open a connection (TCP and Bolt handshake): a hung server fails fast

# every driver failure reaches the user as one LoadError line; the driver's own log lines stay out of the
# way (graphkit --debug shows the traceback)
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False


class LoadError(Exception):
    """A connection or server problem, as one line naming the URI and what to check."""


def cypher_path(*parts: str):
    """A file of the project's cypher/ folder: the checkout's own (source or editable install), else the
    copy a wheel ships as the package graphkit.cypher."""
    here = Path(__file__).resolve().parents[2] / "cypher"
    if here.is_dir():
        return here.joinpath(*parts)
    return resources.files("graphkit.cypher").joinpath(*parts)


def read_cypher(*parts: str) -> str:
    """A Cypher file without its // comments."""
    text = cypher_path(*parts).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()


def statements(text: str) -> list[str]:
    """Split a Cypher script on the semicolons that end its statements."""
    return [s.strip() for s in re.split(r";\s*(?:\n|$)", text) if s.strip()]


def fill(template: str, placeholder: str, value: str, vocabulary: Iterable[str]) -> str:
    """Put a label or relationship type into a statement, from a closed vocabulary only."""
    if value not in set(vocabulary):
        raise ValueError(f"{value!r} is not in graphkit's vocabulary")
    return template.replace(placeholder, value)


@dataclass
class Connection:
    """Where to load: arguments win over NEO4J_URI, NEO4J_USERNAME (or NEO4J_USER), NEO4J_PASSWORD,
    NEO4J_DATABASE."""
    uri: Optional[str] = None
    user: Optional[str] = None
    password: Optional[str] = field(default=None, repr=False)
    database: Optional[str] = None
    retry_seconds: float = 30.0  # how long a failed transaction is retried (the driver's default)

    def resolved(self) -> "Connection":
        """Every setting filled in. Credentials written into the URI (bolt://user:password@host) are used
        where no --user/--password is given, and taken out of the URI, so no message can show them."""
        env = os.environ
        uri = self.uri or env.get("NEO4J_URI") or DEFAULT_URI
        parts = urlsplit(uri)
        user = password = None
        if "@" in parts.netloc:
            user, password = unquote(parts.username or "") or None, parts.password
            if password is not None:
                password = unquote(password)
            uri = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
        return Connection(uri, self.user or user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or DEFAULT_USER,
                          self.password if self.password is not None else
                          password if password is not None else env.get("NEO4J_PASSWORD", ""),
                          self.database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE, self.retry_seconds)

    def driver(self):
        """A Bolt driver. Other schemes (http://, Neo4j's HTTP port) are refused with one line before
        the driver sees them; a server that accepts connections but does not answer fails in seconds."""
        from neo4j import GraphDatabase
        c = self.resolved()
        scheme = urlsplit(c.uri).scheme
        if scheme not in BOLT_SCHEMES:
            raise LoadError(f"{c.uri} is not a Bolt URI: graphkit talks to Neo4j over Bolt, e.g. bolt://localhost:7687 "
                            f"or neo4j://localhost:7687 (Browser's http:// address is not it) (--uri, NEO4J_URI)")
        return GraphDatabase.driver(c.uri, auth=(c.user, c.password), max_transaction_retry_time=c.retry_seconds,
                                    connection_timeout=CONNECT_TIMEOUT, connection_acquisition_timeout=CONNECT_TIMEOUT)


@dataclass
class LoadSummary:
    actors_created: int = 0
    actors_updated: int = 0
    assertions_created: int = 0
    assertions_updated: int = 0
    articles_created: int = 0
    articles_updated: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"actors: {self.actors_created} created, {self.actors_updated} updated; "
                f"assertions: {self.assertions_created} created, {self.assertions_updated} updated; "
                f"articles: {self.articles_created} created, {self.articles_updated} updated; "
                f"{self.seconds:.2f} s")


def explain(exc: Exception, conn: Connection) -> LoadError:
    """Turn a driver exception into one line a user can act on (the password never appears)."""
    from neo4j import exceptions as ne

    if isinstance(exc, LoadError):
        return exc
    c = conn.resolved()
    if isinstance(exc, ne.AuthError):
        return LoadError(f"authentication failed for user {c.user!r} at {c.uri}: check --user/--password "
                         "(NEO4J_USERNAME, NEO4J_PASSWORD)")
    if isinstance(exc, (ne.ServiceUnavailable, OSError)) or "resolve" in str(exc).lower():
        return LoadError(f"cannot reach a Neo4j server at {c.uri}: is it running, and is the URI right? "
                         "(--uri, NEO4J_URI)")
    code = getattr(exc, "code", "") or ""
    if "DatabaseNotFound" in code or "database" in str(exc).lower() and "not" in str(exc).lower() and \
            "found" in str(exc).lower():
        return LoadError(f"database {c.database!r} does not exist at {c.uri}: check --database (NEO4J_DATABASE)")
    if isinstance(exc, ne.ConfigurationError) or "scheme" in str(exc).lower():
        return LoadError(f"{c.uri} is not a Neo4j URI: use bolt://host:7687 or neo4j://host:7687 (--uri, NEO4J_URI)")
    return LoadError(f"Neo4j at {c.uri} answered: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


class Loader:
    """Loads assertions into Neo4j in batches; every statement is a MERGE on a deterministic id, so
    loading twice, or again after an interrupted load, leaves exactly the graph of one clean load."""

    def __init__(self, conn: Connection, batch_size: int = DEFAULT_BATCH):
        self.conn = conn.resolved()
        self.batch_size = max(1, batch_size)
        self._driver = None
        self.q_actors = read_cypher("load", "actors.cypher")
        self.q_articles = read_cypher("load", "articles.cypher")
        self.q_mentions = read_cypher("load", "mentions.cypher")
        self.q_assertions = read_cypher("load", "assertions.cypher")
        self.q_forget_assertions = read_cypher("load", "forget_assertions.cypher")
        self.q_forget_articles = read_cypher("load", "forget_articles.cypher")
        # what this loader has written already: actors and articles whose properties have not changed, and
        # mentions, are not written again by later batches of the same run
        self._written: dict = {}
        self._schema_ready = False

    # ------------------------------------------------------------------ connection
    def __enter__(self) -> "Loader":
        self.connect()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def connect(self) -> None:
        try:
            self._driver = self.conn.driver()
            self._driver.verify_connectivity()
            with self._driver.session(database=self.conn.database) as s:
                s.run("RETURN 1").consume()
        except Exception as e:  # noqa: BLE001 - every driver failure becomes one clear line
            self.close()
            raise explain(e, self.conn) from e

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def _write(self, query: str, **params):
        def work(tx):
            return tx.run(query, **params).consume().counters
        try:
            with self._driver.session(database=self.conn.database) as s:
                return s.execute_write(work)
        except Exception as e:  # noqa: BLE001
            raise explain(e, self.conn) from e

    def clear(self) -> None:
        """Delete every node and relationship of the database (constraints and indexes stay), in
        transactions of 10,000 relationships, then nodes: a big graph never needs one huge transaction."""
        for q in ("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
                  "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"):
            try:
                with self._driver.session(database=self.conn.database) as s:
                    s.run(q).consume()  # CALL IN TRANSACTIONS needs an auto-commit transaction
            except Exception as e:  # noqa: BLE001
                raise explain(e, self.conn) from e

    def run(self, query: str, **params) -> list[dict]:
        """Run a read query (e.g. one of cypher/queries) and return its records as dicts."""
        try:
            with self._driver.session(database=self.conn.database) as s:
                return s.execute_read(lambda tx: tx.run(query, **params).data())
        except Exception as e:  # noqa: BLE001
            raise explain(e, self.conn) from e

    # ------------------------------------------------------------------ loading
    def ensure_schema(self) -> None:
        """Constraints and indexes (cypher/schema.cypher), once per connected loader."""
        if not self._schema_ready:
            for stmt in statements(read_cypher("schema.cypher")):
                self._write(stmt)
            self._schema_ready = True

    def load(self, assertions: Iterable[Assertion]) -> LoadSummary:
        """Load assertions batch by batch (constraints first); returns what was created or updated."""
        t0 = time.perf_counter()
        summary = LoadSummary()
        self._written.clear()
        self.ensure_schema()
        for batch in batches(assertions, self.batch_size):
            self._load_batch(batch, summary)
        summary.seconds = time.perf_counter() - t0
        return summary

    def _load_batch(self, batch: list[Assertion], summary: LoadSummary) -> None:
        """One managed write transaction per batch (retried by the driver on transient errors)."""
        actors = gm.actors_of(batch)
        actor_rows = []
        for k, a in actors.items():
            props = gm.node_props(a)
            if not self._unchanged(("actor", k), props):
                actor_rows.append({"id": k, "label": gm.actor_label(a.type), "props": props})
        articles = {a.doc_id: gm.article_props(a) for a in batch}
        seen_articles = [k for k, p in articles.items() if self._unchanged(("article", k), p)]
        for k in seen_articles:
            del articles[k]
        mentions = sorted({(x.id, a.doc_id) for a in batch for x in (a.subject, a.object) if x is not None
                           and not self._unchanged(("mention", x.id, a.doc_id), True)})
        by_type = defaultdict(list)
        for a in batch:
            if a.object is not None:
                by_type[gm.relationship_type(a)].append({"id": a.id, "subject": a.subject.id,
                                                         "object": a.object.id, "props": gm.edge_props(a)})
        type_q = {t: fill(self.q_assertions, "__TYPE__", t, gm.RELATIONSHIP_TYPES) for t in by_type}

        def work(tx):
            made = {}
            made["actors"] = tx.run(self.q_actors, rows=actor_rows, labels=list(gm.ACTOR_LABELS.values())
                                    ).consume().counters.nodes_created if actor_rows else 0
            made["articles"] = tx.run(self.q_articles, rows=[{"id": k, "props": p} for k, p in articles.items()]
                                      ).consume().counters.nodes_created if articles else 0
            if mentions:
                tx.run(self.q_mentions, rows=[{"actor": x, "article": d} for x, d in mentions]).consume()
            made["assertions"] = sum(tx.run(type_q[t], rows=rows).consume().counters.relationships_created
                                     for t, rows in by_type.items())
            return made

        try:
            with self._driver.session(database=self.conn.database) as s:
                made = s.execute_write(work)
        except Exception as e:  # noqa: BLE001
            raise explain(e, self.conn) from e
        n_rel = sum(len(r) for r in by_type.values())
        summary.actors_created += made["actors"]
        summary.actors_updated += len(actor_rows) - made["actors"]
        summary.articles_created += made["articles"]
        summary.articles_updated += len(articles) - made["articles"]
        summary.assertions_created += made["assertions"]
        summary.assertions_updated += n_rel - made["assertions"]

    def _unchanged(self, key, value) -> bool:
        """True when this run already wrote `value` under `key`; else remember it."""
        if self._written.get(key) == value:
            return True
        self._written[key] = value
        return False

    def load_one_by_one(self, assertions: Iterable[Assertion]) -> LoadSummary:
        """The straightforward way, kept as the baseline of bench/: one transaction per assertion that
        upserts its actors, article, mentions and relationship."""
        t0 = time.perf_counter()
        summary = LoadSummary()
        self.ensure_schema()
        for a in assertions:
            self._written.clear()
            self._load_batch([a], summary)
        summary.seconds = time.perf_counter() - t0
        return summary

    def write_actors(self, actors: Iterable[Actor]) -> None:
        """Upsert actor nodes with these properties (the store's sync rewrites actors whose fields changed)."""
        rows = [{"id": a.id, "label": gm.actor_label(a.type), "props": gm.node_props(a)} for a in actors]
        if rows:
            self._write(self.q_actors, rows=rows, labels=list(gm.ACTOR_LABELS.values()))

    def forget(self, *article_ids: str) -> None:
        """Remove articles and everything they asserted (with the actors only they named), in transactions
        of up to batch_size articles; each assertion is found through its type's `article` index."""
        type_q = [fill(self.q_forget_assertions, "__TYPE__", t, gm.RELATIONSHIP_TYPES) for t in gm.RELATIONSHIP_TYPES]

        def work(tx, ids):
            for q in type_q:
                tx.run(q, articles=ids).consume()
            tx.run(self.q_forget_articles, articles=ids).consume()

        for ids in batches(article_ids, self.batch_size):
            try:
                with self._driver.session(database=self.conn.database) as s:
                    s.execute_write(work, ids)
            except Exception as e:  # noqa: BLE001
                raise explain(e, self.conn) from e


def query_files() -> list:
    """The named queries of cypher/queries, in order."""
    return sorted((p for p in cypher_path("queries").iterdir() if p.name.endswith(".cypher")), key=lambda p: p.name)


def query_params(path) -> dict:
    """The example parameters a query file declares in its '// params: {...}' line."""
    import json
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*//\s*params:\s*(\{.*\})\s*$", line)
        if m:
            return json.loads(m.group(1))
    return {}
