"""A real Bolt server for the tests: ArcadeDB's Neo4j plugin (it speaks Neo4j 5 Cypher), started on free
ports in a temporary folder and stopped afterwards. With NEO4J_URI set, the tests use that server
instead (e.g. a real Neo4j 5) — and, like the tests' own server, its database is emptied between tests.
"""
from __future__ import annotations

import importlib.util
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional

from graphkit.neo4j import Connection


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def arcadedb_home() -> Optional[Path]:
    """The folder of an installed ArcadeDB package that bundles a JRE and the server jars."""
    for name in ("arcadedb", "arcadedb_embedded"):
        spec = importlib.util.find_spec(name)
        if spec and spec.origin:
            home = Path(spec.origin).parent
            if (home / "jre" / "bin" / "java").exists() and (home / "jars").is_dir():
                return home
    return None


class BoltServer:
    """ArcadeDB with the Bolt plugin, database "graph", user root and a random password."""

    def __init__(self):
        self.home = arcadedb_home()
        if self.home is None:
            raise RuntimeError("no Bolt server: install the test extras (pip install -e '.[dev]') or set NEO4J_URI")
        self.dir = Path(tempfile.mkdtemp(prefix="graphkit-bolt-"))
        self.password = secrets.token_hex(8)
        self.bolt_port = free_port()
        self.http_port = free_port()
        self.proc: Optional[subprocess.Popen] = None

    @property
    def connection(self) -> Connection:
        return Connection(f"bolt://127.0.0.1:{self.bolt_port}", "root", self.password, "graph")

    def start(self, timeout: float = 60.0) -> "BoltServer":
        cmd = [str(self.home / "jre" / "bin" / "java"), "-Xmx1g", "-cp", f"{self.home / 'jars'}/*",
               f"-Darcadedb.server.rootPath={self.dir}", f"-Darcadedb.server.rootPassword={self.password}",
               "-Darcadedb.server.defaultDatabases=graph[root]",
               "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
               f"-Darcadedb.bolt.port={self.bolt_port}", f"-Darcadedb.server.httpIncomingPort={self.http_port}",
               "com.arcadedb.server.ArcadeDBServer"]
        self.log = open(self.dir / "server.log", "wb")
        self.proc = subprocess.Popen(cmd, cwd=self.dir, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Bolt server exited: {(self.dir / 'server.log').read_text()[-2000:]}")
            try:
                driver = self.connection.driver()
                with driver.session(database="graph") as s:
                    s.run("RETURN 1").consume()
                driver.close()
                return self
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("Bolt server did not come up in time")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def external_connection() -> Optional[Connection]:
    if os.environ.get("NEO4J_URI"):
        return Connection().resolved()
    return None
