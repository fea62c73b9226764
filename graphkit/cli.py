"""The `graphkit` command line: thin typer commands, each one library call."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    help="graphkit: news about world affairs -> a knowledge graph of geopolitical actors.\n\n"
         "Example:  graphkit extract seeds/ --output assertions.jsonl",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.")):
    """graphkit: news about world affairs -> a knowledge graph of geopolitical actors."""
    if version:
        from . import __version__
        typer.echo(f"graphkit {__version__}")
        raise typer.Exit(0)


EXIT_PARTIAL = 1   # some inputs were skipped, the rest was processed
EXIT_FATAL = 2     # nothing was processed


def fail(message: str, code: int = EXIT_FATAL):
    typer.echo(f"graphkit: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"graphkit: {message}", err=True)


@contextmanager
def output_stream(path: Optional[str]):
    """stdout for None or '-'; otherwise a temp file renamed over `path` only when the run succeeds,
    so an interrupted run never leaves a truncated file in place of a good one."""
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(target.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yield f
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _extractor(model: Optional[str], actors: Optional[List[Path]]):
    from .extract import Extractor
    from .nlp import ModelError

    try:
        return Extractor(model, [str(a) for a in actors or []])
    except ModelError as e:
        fail(str(e))
    except FileNotFoundError as e:
        fail(str(e))


def _documents(inputs: List[str], problems):
    from .text import InputError, expand_inputs, read_documents

    try:
        expand_inputs(inputs)
    except InputError as e:
        fail(str(e))
    return read_documents(inputs, problems)


def _progress(items, show: bool, label: str):
    if not show:
        yield from items
        return
    items = list(items)
    if len(items) < 2:
        yield from items
        return
    with typer.progressbar(items, label=label, file=sys.stderr) as bar:
        yield from bar


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...",
                                       help="Text files, folders (.txt/.md/.jsonl, recursively), JSONL files of "
                                            "{id, text, title?, date?, url?} documents, or - for stdin."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="JSONL file to write (default: stdout)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", envvar="GRAPHKIT_MODEL",
                                        help="spaCy pipeline name (default: best English one installed)."),
    actors: Optional[List[Path]] = typer.Option(None, "--actors", help="Extra actor file (TSV: id, name, type, "
                                                "country, sector, aliases); may repeat."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    documents: Optional[str] = typer.Option(None, "--documents", help="Also write the normalised documents "
                                            "(JSONL: id, title, date, url, sha256, text) that offsets refer to."),
):
    """Extract actor-event-actor assertions from articles, one JSON object a line.

    Example:  graphkit extract seeds/ -o assertions.jsonl

    Inputs that cannot be read (binary, not UTF-8, a bad JSONL line) are reported on stderr
    with file and line and skipped; the others are processed and the exit status is 1 (2 when
    nothing could be read). Empty documents are skipped with a notice. A missing path is fatal
    (status 2) before anything is read.
    """
    problems: list = []
    docs = _documents(inputs, problems)
    ex = _extractor(model, actors)
    n_docs = n_asr = 0
    show = sys.stderr.isatty()
    with output_stream(output) as out, output_stream(documents) if documents else _null() as dout:
        for doc, assertions in ex.extract(_progress(docs, show, "extracting"), workers=workers):
            n_docs += 1
            for a in assertions:
                out.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
                n_asr += 1
            if dout is not None:
                dout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    for p in problems:
        warn(f"skipped {p}")
    if output not in (None, "-"):
        warn(f"{n_asr} assertions from {n_docs} documents -> {output}")
    if any(p.is_error for p in problems):
        raise typer.Exit(EXIT_PARTIAL if n_docs else EXIT_FATAL)


@contextmanager
def _null():
    yield None


def read_assertions(inputs: List[str], problems: list):
    """Assertions from JSONL files or stdin ('-'); a malformed line is reported with its line number
    and skipped (the run then ends with status 1)."""
    from .model import Assertion

    for item in inputs:
        if item == "-":
            stream, where = sys.stdin, "<stdin>"
        else:
            path = Path(item)
            if not path.is_file():
                fail(f"{item}: no such file")
            stream, where = path.open(encoding="utf-8", errors="replace"), item
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise ValueError("not a JSON object")
                yield Assertion.from_dict(rec)
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                msg = "not JSON" if isinstance(e, json.JSONDecodeError) else (
                    f"missing field {e}" if isinstance(e, KeyError) else "not an assertion record")
                problems.append(f"{where}:{n}: {msg}")
        if stream is not sys.stdin:
            stream.close()


@app.command()
def load(
    inputs: List[str] = typer.Argument(None, metavar="FILE...",
                                       help="Assertion JSONL files (from graphkit extract), or - for stdin."),
    uri: Optional[str] = typer.Option(None, "--uri", envvar="NEO4J_URI", help="Bolt URI [default: bolt://localhost:7687]."),
    user: Optional[str] = typer.Option(None, "--user", help="User [env NEO4J_USERNAME or NEO4J_USER; default neo4j]."),
    password: Optional[str] = typer.Option(None, "--password", envvar="NEO4J_PASSWORD", show_envvar=True,
                                           help="Password (never echoed or logged)."),
    database: Optional[str] = typer.Option(None, "--database", envvar="NEO4J_DATABASE", help="Database [default: neo4j]."),
    batch_size: int = typer.Option(5000, "--batch-size", min=1, help="Assertions per transaction."),
    from_store: Optional[Path] = typer.Option(None, "--from-store", help="Load everything in a graphkit store "
                                              "(SQLite file written by graphkit ingest) instead of FILEs."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
):
    """Load assertions into Neo4j: constraints first, then batched idempotent MERGE transactions.

    Example:  graphkit extract seeds/ | graphkit load - --uri bolt://localhost:7687 --password secret

    Loading the same assertions again changes nothing; an interrupted load run again completes it.
    A malformed input line is reported with its line number and skipped (exit status 1).
    """
    from .neo4j import Connection, LoadError, Loader

    if not inputs and from_store is None:
        fail("give assertion files (or - for stdin), or --from-store PATH")
    problems: list = []
    if from_store is not None:
        from .store import Store, StoreError
        try:
            store = Store.open(from_store, create=False)
        except StoreError as e:
            fail(str(e))
        assertions = store.assertions()
    else:
        assertions = read_assertions(inputs, problems)
    conn = Connection(uri, user, password, database)
    try:
        with Loader(conn, batch_size) as loader:
            summary = loader.load(assertions)
    except LoadError as e:
        if debug:
            raise
        fail(str(e))
    for p in problems:
        warn(f"skipped {p}")
    typer.echo(f"loaded into {conn.resolved().uri} ({conn.resolved().database}): {summary}", err=True)
    if problems:
        raise typer.Exit(EXIT_PARTIAL)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("graphkit: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
