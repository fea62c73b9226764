"""The store is the source of truth and Neo4j follows it (issue 8, case 4): Neo4j cut off mid-ingest and
mid-forget, and graphkit killed mid-sync, and after the next run the two agree. Real Neo4j 5 server; its
outages are made by a TCP relay between graphkit and the server that drops every connection and refuses
new ones, as a dead server does."""
import json
import socket
import threading
import time
from dataclasses import replace

import pytest

from graphkit import graphmodel as gm
from graphkit.ingest import ingest
from graphkit.readers import read_documents
from graphkit.sinks.neo4j import Connection, Loader
from graphkit.sinks.store import Store
from graphkit.sinks.sync import forget

from conftest import SEED, gk, gk_process


class Relay:
    """Forwards a local port to the Bolt server. `cut_after` bytes from the client, or `down()`, drop every
    connection and refuse new ones until `up()`."""

    def __init__(self, target: str, cut_after: float = float("inf")):
        host, port = target.rsplit("//", 1)[1].rsplit(":", 1)
        self.target = (host, int(port))
        self.cut_after = cut_after
        self.sent = 0
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()
        self.server = None
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.up()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def up(self) -> None:
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen()
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def down(self) -> None:
        with self.lock:
            if self.server is not None:  # shutdown wakes the thread blocked in accept(); close alone does not
                try:
                    self.server.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self.server.close()
                self.server = None
            for c in self.conns:
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                c.close()
            self.conns.clear()

    def _accept(self, server) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for s in (client, upstream):  # as the driver and the server do: no Nagle delay on small messages
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self.lock:
                self.conns += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, src, dst, counted: bool) -> None:
        try:
            while data := src.recv(65536):
                if counted:
                    self.sent += len(data)
                    if self.sent > self.cut_after:
                        self.down()
                        return
                dst.sendall(data)
        except OSError:
            pass


def via(relay: Relay, bolt: Connection) -> Connection:
    return replace(bolt, uri=relay.uri, retry_seconds=0.0)  # one retry, after the driver's first delay (~1 s)


def agree(db, bolt: Connection) -> None:
    """The store and Neo4j hold the same graph: articles, actors with their properties, and every assertion
    with its endpoints, type and properties."""
    with Store.open(db, create=False) as st:
        edges = {r["id"]: r for r in st.edges()}
        actors = {a.id: gm.node_props(a) for a in st.actors()}
        articles = {a["id"] for a in st.articles()}
    with Loader(bolt) as ld:
        neo = {r["p"]["id"]: {"subject": r["s"], "object": r["o"], "type": r["t"], **r["p"]} for r in ld.run(
            "MATCH (s:Actor)-[r]->(o:Actor) RETURN s.id AS s, o.id AS o, type(r) AS t, properties(r) AS p")}
        neo_actors = {r["p"]["id"]: r["p"] for r in ld.run("MATCH (a:Actor) RETURN properties(a) AS p")}
        neo_articles = {r["id"] for r in ld.run("MATCH (d:Article) RETURN d.id AS id")}
    assert neo_articles == articles
    assert {k: {c: v.get(c) for c in gm.NODE_PROPS} for k, v in neo_actors.items()} == actors
    assert set(neo) == set(edges)
    for k, e in edges.items():
        assert {c: neo[k].get(c) for c in e} == e, k


@pytest.fixture
def corpus(tmp_path):
    """Three articles (the sample article under three ids) as JSONL, ~100 assertions."""
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": f"copy-{i}", "text": f"Report {i}.\n\n{SEED.read_text()}",
                                        "date": f"2022-03-1{i}"}) + "\n" for i in range(3)))
    return docs


def conn_args(c: Connection) -> list:
    return ["--uri", c.uri, "--user", c.user, "--database", c.database]


def test_neo4j_cut_off_mid_ingest_catches_up_at_the_next_sync(loader, bolt, extractor, corpus, tmp_path):
    db = tmp_path / "g.db"
    relay = Relay(bolt.uri, cut_after=60_000)  # past the schema and the first batch, inside a later one
    with Store.open(db) as st:
        result = ingest(read_documents([corpus]), extractor, store=st, neo4j=via(relay, bolt), batch_size=20)
        assert result.new == 3 and result.neo4j_error  # the store is complete; Neo4j is not
        assert st.pending()
        stored = st.counts()["assertions"]
    loaded = loader.run("MATCH ()-[r]->(:Actor) RETURN count(r) AS n")[0]["n"]
    assert 0 < loaded < stored
    r = gk("sync", "--store", db, *conn_args(bolt), env={"NEO4J_PASSWORD": bolt.password})
    assert r.code == 0, r.stderr
    agree(db, bolt)
    with Store.open(db) as st:
        assert st.pending() == [] and st.stale_actors() == []


def test_neo4j_down_during_forget_and_replace_then_sync_agrees(loader, bolt, extractor, corpus, tmp_path):
    db = tmp_path / "g.db"
    with Store.open(db) as st:
        assert ingest(read_documents([corpus]), extractor, store=st, neo4j=bolt).neo4j_error is None
    agree(db, bolt)
    relay = Relay(bolt.uri)
    relay.down()
    with Store.open(db) as st:
        result = forget(st, "copy-1", neo4j=via(relay, bolt))  # Neo4j unreachable: the store forgets anyway
        assert result.assertions > 0 and result.neo4j_error
        changed = corpus.parent / "changed.jsonl"  # and an article replaced while Neo4j is away
        changed.write_text(json.dumps({"id": "copy-2", "text": "Japan condemned North Korea."}) + "\n")
        assert ingest(read_documents([changed]), extractor, store=st, neo4j=via(relay, bolt)).changed == 1
        assert sorted(op for _, _, op in st.pending()) == ["forget", "replace"]
    assert loader.run("MATCH ()-[r {article: 'copy-1'}]->() RETURN count(r) AS n")[0]["n"] > 0
    relay.up()
    r = gk("forget", "copy-0", "--store", db, "--neo4j", "--uri", relay.uri, "--user", bolt.user, "--database",
           bolt.database, env={"NEO4J_PASSWORD": bolt.password})  # the next run catches up with all of it
    assert r.code == 0 and "neo4j: 1 articles loaded, 2 forgotten" in r.stdout, r.stdout + r.stderr
    agree(db, bolt)
    assert loader.run("MATCH ()-[r]->() WHERE r.article IN ['copy-0', 'copy-1'] RETURN count(r) AS n")[0]["n"] == 0
    [kept] = loader.run("MATCH (:Actor)-[r {article: 'copy-2'}]->(:Actor) RETURN collect(type(r)) AS t")
    assert kept["t"] == ["ACCUSE"]  # copy-2's old assertions are gone, its new one is there


def test_graphkit_killed_mid_sync_then_rerun_agrees(loader, bolt, extractor, corpus, tmp_path):
    db = tmp_path / "g.db"
    with Store.open(db) as st:
        ingest(read_documents([corpus]), extractor, store=st)
        total = st.counts()["assertions"]
    env = {"NEO4J_PASSWORD": bolt.password}
    proc = gk_process("sync", "--store", db, "--batch-size", "3", *conn_args(bolt), env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.is_alive():
        if loader.run("MATCH ()-[r]->(:Actor) RETURN count(r) AS n")[0]["n"] > 0:
            break
        time.sleep(0.02)
    proc.kill()
    proc.join()
    partial = loader.run("MATCH ()-[r]->(:Actor) RETURN count(r) AS n")[0]["n"]
    assert 0 < partial < total, partial
    r = gk("sync", "--store", db, *conn_args(bolt), env=env)
    assert r.code == 0, r.stderr
    agree(db, bolt)
