"""A real Neo4j 5 server for the tests and benches: tools/neo4j-server, started on free loopback ports."""
from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional

from graphkit.sinks.neo4j import Connection

LAUNCHER = Path(__file__).resolve().parent.parent / "tools" / "neo4j-server" / "neo4j-server"
#: C1 only: the server starts in half the time, and the tests' queries are small
TEST_JAVA_OPTS = "-Xmx1g -XX:TieredStopAtLevel=1"


def missing_tools() -> Optional[str]:
    """Why the launcher cannot run here (no Java or Maven), or None."""
    missing = [t for t in ("java", "mvn") if shutil.which(t) is None]
    return f"no {' or '.join(missing)} on PATH (the launcher needs Java 17 and Maven)" if missing else None


class Neo4jServer:
    """tools/neo4j-server as a child process: start() returns at once (the first run also builds the
    launcher with Maven); wait() blocks until the server prints its connection lines."""

    def __init__(self, data: Optional[Path] = None, java_opts: str = TEST_JAVA_OPTS, pagecache: str = "512m"):
        self.data = data
        self.java_opts = java_opts
        self.pagecache = pagecache
        self.proc: Optional[subprocess.Popen] = None
        self.info: dict[str, str] = {}
        self.log = tempfile.NamedTemporaryFile(prefix="graphkit-neo4j-", suffix=".log", delete=False)
        self.started = self.ready = 0.0

    def start(self) -> "Neo4jServer":
        cmd = [str(LAUNCHER), "--exit-on-eof", "--pagecache", self.pagecache]
        if self.data is not None:
            cmd += ["--data", str(self.data)]
        self.started = time.monotonic()
        # its own process group, so kill() takes the JVM with the script; --exit-on-eof: if this process
        # dies, the closed pipe stops the server; unbuffered, so select() sees each line
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, bufsize=0,
                                     env={**os.environ, "JAVA_OPTS": self.java_opts}, start_new_session=True)
        return self

    def wait(self, timeout: float = 600.0) -> Connection:
        """The connection, once the server accepts it; RuntimeError with the log's tail if it never does."""
        if "BROWSER_URL" in self.info:
            return self.connection
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while "BROWSER_URL" not in self.info:
            if not sel.select(max(0.0, deadline - time.monotonic())):
                tail = self.tail()
                self.stop()
                raise RuntimeError(f"Neo4j did not start in {timeout:.0f} s: {tail}")
            line = self.proc.stdout.readline().decode()
            if not line:
                self.proc.wait()
                raise RuntimeError(f"tools/neo4j-server exited ({self.proc.returncode}): {self.tail()}")
            key, _, value = line.strip().partition("=")
            self.info[key] = value
        self.ready = time.monotonic()
        return self.connection

    @property
    def connection(self) -> Connection:
        i = self.info
        return Connection(i["NEO4J_URI"], i["NEO4J_USERNAME"], i["NEO4J_PASSWORD"], i["NEO4J_DATABASE"])

    @property
    def browser_url(self) -> str:
        return self.info["BROWSER_URL"]

    def tail(self, n: int = 1500) -> str:
        return Path(self.log.name).read_text(errors="replace")[-n:]

    def stop(self, timeout: float = 60.0) -> None:
        """SIGTERM, as a user's Ctrl-C: the server stops cleanly and a throwaway database is removed."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close()

    def kill(self) -> None:
        """SIGKILL to the script and the JVM at once: a crash, for fault tests."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self._close()

    def _close(self) -> None:
        for f in (self.proc and self.proc.stdin, self.proc and self.proc.stdout):
            if f:
                f.close()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)
