"""The `graphkit` command line: thin typer commands, each option parsing plus one library call."""
from __future__ import annotations

import errno
import io
import os
import sys
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .sinks.neo4j import DEFAULT_BATCH, Connection
from .readers.options import input_options
from .graph import PERIODS
from .report import FORMATS as REPORT_FORMATS, LEVELS
from .sinks.files import FORMATS as EXPORT_FORMATS, OutputError
from .sinks.store import DEFAULT_STORE, StoreError
from .wordclasses import DataError

app = typer.Typer(
    help="graphkit: news about world affairs -> a knowledge graph of geopolitical actors.\n\n"
         "Example:  graphkit ingest seeds/ && graphkit analyze",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)

EXIT_PARTIAL = 1   # some inputs were skipped (or a sink failed), the rest was processed
EXIT_FATAL = 2     # nothing was processed

# closed option sets, from the library's own lists
ExportFormat = Enum("ExportFormat", {f: f for f in EXPORT_FORMATS}, type=str)
ReportFormat = Enum("ReportFormat", {f: f for f in REPORT_FORMATS}, type=str)
Level = Enum("Level", {lv: lv for lv in LEVELS}, type=str)
Period = Enum("Period", {p: p for p in PERIODS}, type=str)


def _version(value: bool) -> None:
    if value:
        from . import __version__
        typer.echo(f"graphkit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")):
    """graphkit: news about world affairs -> a knowledge graph of geopolitical actors."""


def fail(message: str, code: int = EXIT_FATAL):
    typer.echo(f"graphkit: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"graphkit: {message}", err=True)


# ---------------------------------------------------------------------- options used by several commands
STORE = typer.Option(Path(DEFAULT_STORE), "--store", "-s", envvar="GRAPHKIT_STORE",
                     help="The embedded store (SQLite file).")
INPUTS = typer.Argument(..., metavar="INPUT...", help="Files (text, Markdown, HTML, JSONL, CSV, TSV, Parquet, "
                        "RSS/Atom), folders of them (recursively), http(s) URLs of pages or feeds, or - for stdin.")
MODEL = typer.Option(None, "--model", "-m", envvar="GRAPHKIT_MODEL",
                     help="spaCy pipeline name (default: best English one installed).")
ACTORS = typer.Option(None, "--actors", help="Extra actor file (TSV: id, name, type, country, sector, aliases); "
                      "may repeat.")
WORKERS = typer.Option(1, "--workers", "-w", min=1, help="Worker processes.")
URI = typer.Option(None, "--uri", envvar="NEO4J_URI", help="Bolt URI [default: bolt://localhost:7687].")
USER = typer.Option(None, "--user", help="User [env NEO4J_USERNAME or NEO4J_USER; default neo4j].")
PASSWORD = typer.Option(None, "--password", envvar="NEO4J_PASSWORD", show_envvar=True,
                        help="Password (never echoed or logged).")
DATABASE = typer.Option(None, "--database", envvar="NEO4J_DATABASE", help="Database [default: neo4j].")
BATCH = typer.Option(DEFAULT_BATCH, "--batch-size", min=1, help="Assertions per Neo4j transaction.")
DEBUG = typer.Option(False, "--debug", help="Show tracebacks.")
WITH_NEO4J = typer.Option(None, "--neo4j/--no-neo4j", help="Also bring Neo4j up to date [default: when "
                          "NEO4J_URI is set].")


def _neo4j_wanted(flag: Optional[bool]) -> bool:
    """--neo4j / --no-neo4j, else whether NEO4J_URI is set."""
    return bool(os.environ.get("NEO4J_URI")) if flag is None else flag


def _open_store(path: Path, create: bool = True, write: bool = True):
    """The store, or a one-line error: it cannot be opened, or `write` is wanted and it is read-only."""
    from .sinks.store import Store, StoreError
    try:
        st = Store.open(path, create=create)
    except StoreError as e:
        fail(str(e))
    if write and st.read_only:
        st.close()
        fail(f"{path}: the store is read-only here (graphkit can read it but not write to it)")
    return st


def _extractor(model: Optional[str], actors: Optional[List[Path]]):
    from .nlp import ModelError
    from .pipeline import Extractor

    try:
        return Extractor(model, [str(a) for a in actors or []])
    except (ModelError, FileNotFoundError) as e:
        fail(str(e))


def _stdin_open(inputs) -> None:
    if "-" in (inputs or []) and sys.stdin is None:
        fail("<stdin>: closed, nothing to read (give files, or pipe into -)")


def _documents(inputs: List[str], problems: list, read):
    from .readers import InputError, read_documents, sources

    _stdin_open(inputs)
    try:
        found = sources(inputs, read, problems)  # a missing path is fatal before anything is read
    except InputError as e:
        fail(str(e))
    return read_documents(found, problems, options=read)


def _progress(items, label: str):
    """Items as they come, with a progress line on a terminal (the input is never read ahead)."""
    if not sys.stderr.isatty():
        yield from items
        return
    with typer.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar


def _report_problems(problems: list) -> bool:
    """Print what was skipped; True when any of it was an error."""
    for p in problems:  # documents' problems say whether they were skipped; assertion lines always are
        warn(str(p) if hasattr(p, "is_error") else f"skipped {p}")
    return any(getattr(p, "is_error", True) for p in problems)


# ---------------------------------------------------------------------- commands
@app.command()
@input_options
def extract(
    inputs: List[str] = INPUTS,
    output: Optional[str] = typer.Option(None, "--output", "-o", help="JSONL file to write (default: stdout)."),
    model: Optional[str] = MODEL,
    actors: Optional[List[Path]] = ACTORS,
    workers: int = WORKERS,
    documents: Optional[str] = typer.Option(None, "--documents", help="Also write the normalised documents "
                                            "(JSONL: id, title, date, url, sha256, text) that offsets refer to."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", envvar="DASK_SCHEDULER_ADDRESS",
                                            help="Extract on a Dask cluster: its scheduler (tcp://host:8786), or "
                                            "'local' for --workers local Dask workers. --output is then the folder "
                                            "of a Parquet dataset (one file per partition), on storage every "
                                            "worker reaches."),
    read=None,
):
    """Extract actor-event-actor assertions from articles, one JSON object a line (or, on a Dask cluster,
    a Parquet dataset of them).

    Example:  graphkit extract seeds/ -o assertions.jsonl
              graphkit extract articles/ -o assertions/ --scheduler tcp://scheduler:8786

    Inputs that cannot be read (binary, not UTF-8, a bad JSONL line) are reported on stderr
    with file and line and skipped; the others are processed and the exit status is 1 (2 when
    nothing could be read). Empty documents are skipped with a notice. A missing path is fatal
    (status 2) before anything is read. An output file is replaced only when the run completes.
    """
    from .ingest import ingest
    from .sinks.files import JsonlWriter, OutputError, atomic_output

    problems: list = []
    docs = _documents(inputs, problems, read)
    ex = _extractor(model, actors)
    if scheduler:
        if output in (None, "-") or documents:
            fail("--scheduler writes a Parquet dataset: give its folder with --output (and no --documents)")
        from .distributed import run as run_on_cluster
        result = run_on_cluster(_progress(docs, "extracting"), output, scheduler, workers, ex.model_name,
                                ex.actor_files)
        errors = _report_problems(problems)
        warn(f"{result} -> {output}")
        if errors:
            raise typer.Exit(EXIT_PARTIAL if result.documents else EXIT_FATAL)
        return
    try:
        with ExitStack() as files:
            out = files.enter_context(atomic_output(output))
            dout = files.enter_context(atomic_output(documents)) if documents else None
            result = ingest(_progress(docs, "extracting"), ex, sinks=[JsonlWriter(out, dout)], workers=workers,
                            problems=problems)
    except OutputError as e:
        fail(str(e))
    errors = _report_problems(problems)
    if output not in (None, "-"):
        warn(f"{result.assertions} assertions from {result.documents} documents -> {output}")
    if errors:
        raise typer.Exit(EXIT_PARTIAL if result.documents else EXIT_FATAL)


@app.command()
@input_options
def ingest(
    inputs: List[str] = INPUTS,
    store: Path = STORE,
    model: Optional[str] = MODEL,
    actors: Optional[List[Path]] = ACTORS,
    workers: int = WORKERS,
    neo4j: Optional[bool] = WITH_NEO4J,
    uri: Optional[str] = URI, user: Optional[str] = USER, password: Optional[str] = PASSWORD,
    database: Optional[str] = DATABASE, batch_size: int = BATCH,
    top: int = typer.Option(5, "--top", min=0, help="Top actors to show (0: none)."),
    read=None,
):
    """Extract articles into the embedded store (no server needed) and summarise it.

    Example:  graphkit ingest seeds/            (writes ./graphkit.db)

    Articles are keyed by id and text: re-ingesting a folder processes only new or changed articles. Each
    article is stored in one transaction, so an interrupted ingest keeps what it finished and a re-run
    completes it. With --neo4j (or NEO4J_URI set) Neo4j then follows the store: whatever it has not
    confirmed yet, from this run or an earlier one, is sent; if it fails, the store is complete and the
    next ingest --neo4j or graphkit sync catches up.
    """
    from .ingest import ingest as run

    problems: list = []
    docs = _documents(inputs, problems, read)
    ex = _extractor(model, actors)
    conn = Connection(uri, user, password, database) if _neo4j_wanted(neo4j) else None
    with _open_store(store) as st:
        result = run(_progress(docs, "ingesting"), ex, store=st, workers=workers, neo4j=conn, batch_size=batch_size,
                     problems=problems)
        counts = st.counts()
        rows = st.top_actors(top) if top else []
    errors = _report_problems(problems)
    typer.echo(f"{store}: {result.new} new, {result.changed} changed, {result.unchanged} unchanged documents; "
               f"{result.assertions} assertions extracted")
    typer.echo(f"store: {counts['articles']} articles, {counts['actors']} actors, {counts['assertions']} assertions")
    if rows:
        typer.echo("top actors: " + ", ".join(f"{name} ({n})" for name, n in rows))
    if result.neo4j is not None:
        typer.echo(f"neo4j: {result.neo4j}")
    if result.neo4j_error:
        warn(f"error: {result.neo4j_error} (the store {store} is complete; Neo4j catches up at the next "
             "ingest --neo4j or graphkit sync)")
    if errors or result.neo4j_error:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def load(
    inputs: List[str] = typer.Argument(None, metavar="FILE...",
                                       help="Assertion JSONL files (from graphkit extract), Parquet datasets "
                                            "(folders, from graphkit extract --scheduler), or - for stdin."),
    uri: Optional[str] = URI, user: Optional[str] = USER, password: Optional[str] = PASSWORD,
    database: Optional[str] = DATABASE, batch_size: int = BATCH,
    from_store: Optional[Path] = typer.Option(None, "--from-store", help="Load everything in a graphkit store "
                                              "(SQLite file written by graphkit ingest) instead of FILEs."),
    debug: bool = DEBUG,
):
    """Load assertions into Neo4j: constraints first, then batched idempotent MERGE transactions.

    Example:  graphkit extract seeds/ | graphkit load - --uri bolt://localhost:7687 --password secret

    Loading the same assertions again changes nothing; an interrupted load run again completes it.
    A malformed input line is reported with its line number and skipped (exit status 1). With
    --from-store, articles the store has replaced or forgotten are removed from Neo4j first.
    """
    from .sinks.neo4j import LoadError, Loader

    if not inputs and from_store is None:
        fail("give assertion files (or - for stdin), or --from-store PATH")
    _stdin_open(inputs)
    for item in inputs or []:
        if item != "-" and not Path(item).is_file() and not any(Path(item).glob("part-*.parquet")):
            fail(f"{item}: no such file")  # before anything is loaded
    conn = Connection(uri, user, password, database)
    problems: list = []
    try:
        if from_store is not None:
            from .sinks.sync import sync
            with _open_store(from_store, create=False) as st, Loader(conn, batch_size) as loader:
                summary = sync(st, loader, full=True)
        else:
            from .readers import read_assertions
            with Loader(conn, batch_size) as loader:
                summary = loader.load(read_assertions(inputs, problems))
    except LoadError as e:
        if debug:
            raise
        fail(str(e))
    errors = _report_problems(problems)
    typer.echo(f"loaded into {conn.resolved().uri} ({conn.resolved().database}): {summary}", err=True)
    if errors:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def sync(
    store: Path = STORE,
    uri: Optional[str] = URI, user: Optional[str] = USER, password: Optional[str] = PASSWORD,
    database: Optional[str] = DATABASE, batch_size: int = BATCH,
    debug: bool = DEBUG,
):
    """Bring Neo4j up to the store: send what it has not confirmed (new, replaced, forgotten articles).

    Example:  graphkit sync --uri bolt://localhost:7687

    The store remembers every article Neo4j has not confirmed, so after a Neo4j outage or an interrupted
    run this completes the graph; running it again changes nothing.
    """
    from .sinks.neo4j import LoadError, Loader
    from .sinks.sync import sync as run

    conn = Connection(uri, user, password, database)
    try:
        with _open_store(store, create=False) as st, Loader(conn, batch_size) as loader:
            result = run(st, loader)
    except LoadError as e:
        if debug:
            raise
        fail(f"{e} (what Neo4j has not confirmed stays marked in {store})")
    typer.echo(f"neo4j: {result}")


@app.command()
def forget(
    article: str = typer.Argument(..., metavar="ARTICLE_ID", help="The article's id: its file name without the "
                                  "suffix, or its JSONL id."),
    store: Path = STORE,
    neo4j: Optional[bool] = WITH_NEO4J,
    uri: Optional[str] = URI, user: Optional[str] = USER, password: Optional[str] = PASSWORD,
    database: Optional[str] = DATABASE,
):
    """Remove one article and everything it asserted, from the store (and Neo4j).

    Example:  graphkit forget cnn_2022-03-14_sullivan_yang_rome

    When Neo4j cannot be reached, the store forgets the article and keeps it marked for removal from
    Neo4j until a later ingest --neo4j, load --from-store or graphkit sync succeeds.
    """
    from .sinks.store import StoreError
    from .sinks.sync import forget as run

    conn = Connection(uri, user, password, database) if _neo4j_wanted(neo4j) else None
    with _open_store(store, create=False) as st:
        try:
            result = run(st, article, conn)
        except StoreError as e:
            fail(str(e))
    typer.echo(f"{store}: removed article {article} and its {result.assertions} assertions")
    if result.neo4j is not None:
        typer.echo(f"neo4j: {result.neo4j}")
    if result.neo4j_error:
        fail(f"{result.neo4j_error} (the article stays marked for removal from Neo4j until an ingest --neo4j, "
             "load --from-store or graphkit sync succeeds)", EXIT_PARTIAL)


@app.command()
def analyze(
    store: Path = STORE,
    top: int = typer.Option(10, "--top", "-n", min=1, help="Rows per table."),
    fmt: ReportFormat = typer.Option("table", "--format", "-f", help="Output format."),
    all_modes: bool = typer.Option(False, "--all-modes", help="Also count negated and hypothetical assertions."),
    start: Optional[str] = typer.Option(None, "--start", "--from", help="Only events dated on or after (YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, "--end", "--to", help="Only events dated on or before (YYYY-MM-DD, or "
                                      "YYYY-MM for all of that month)."),
    level: Level = typer.Option("country", "--level", help="country (people, agents and organisations rolled "
                                "up to their state) or actor."),
    by: Optional[Period] = typer.Option(None, "--by", help="Dyad time series instead of the summary: events and "
                                        "mean cooperation-conflict score per period."),
    one_a_day: bool = typer.Option(False, "--one-a-day", help="Count one event per (source, event, target, day), "
                                   "as event data does: twenty reports of one strike are one strike."),
):
    """Centrality, communities, dyads and brokers of the graph of events in the store, or its dyad time series.

    Example:  graphkit analyze --top 5 --format json
              graphkit analyze --by month --start 2022-01-01 --one-a-day
    """
    from .report import analyze as run, render

    with _open_store(store, create=False, write=False) as st:
        result = run(st, level.value, top, facts_only=not all_modes, start=start, end=end,
                     by=by.value if by else None, one_a_day=one_a_day)
    typer.echo(render(result, fmt.value))


@app.command()
def export(
    output: Path = typer.Argument(..., metavar="OUTPUT", help="File to write (a folder for neo4j-admin)."),
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="Export format."),
    store: Path = STORE,
    dataset: Optional[Path] = typer.Option(None, "--dataset", help="Export a Parquet dataset of assertions "
                                           "(graphkit extract --scheduler) instead of the store."),
):
    """Export the store: GraphML, GEXF (dated, for Gephi's timeline), JSONL, or neo4j-admin CSVs.

    Example:  graphkit export actors.gexf --format gexf

    The output is replaced only when the export completes; an export that fails leaves the previous file.
    """
    from .sinks.files import OutputError, export as run

    with ExitStack() as stack:
        if dataset is not None:
            from .distributed import Dataset
            try:
                source = Dataset(dataset)
            except FileNotFoundError as e:
                fail(str(e))
        else:
            source = stack.enter_context(_open_store(store, create=False, write=False))
        try:
            typer.echo(run(source, fmt.value, output))
        except OutputError as e:
            fail(str(e))


def main(argv: Optional[List[str]] = None) -> None:
    """The console script: usage errors and faults a user can cause are one line on stderr."""
    if sys.stdout is None:  # started with stdout closed: whatever is printed fails as one line
        sys.stdout = _Closed()
    try:
        code = app(args=argv, prog_name="graphkit", standalone_mode=False)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("graphkit: interrupted", err=True)
        code = 130
    except BrokenPipeError:
        code = 0
    except (StoreError, OutputError, DataError) as e:  # a store, an output or a data file that fails mid-run:
        # one line, nothing lost
        typer.echo(f"graphkit: error: {e}", err=True)
        code = EXIT_FATAL
    except OSError as e:  # the last resort for what the system refuses (a closed or full stdout, ...)
        where = e.filename or ("<stdout>" if e.errno in (errno.EBADF, errno.ENOSPC, errno.EIO) else None)
        if where == "<stdout>":
            _quiet_stdout()  # what is still buffered for it would fail again at the final flush: one line only
        typer.echo(f"graphkit: error: {where + ': ' if where else ''}{e.strerror or e}", err=True)
        code = EXIT_FATAL
    except Exception as e:  # typer's usage errors (click's, vendored or not): duck-typed, one line
        if not (hasattr(e, "format_message") and hasattr(e, "exit_code")):
            raise
        code = _usage_error(e)
    _flush_stdout()
    sys.exit(code or 0)


def _usage_error(e) -> int:
    ctx = getattr(e, "ctx", None)
    if type(e).__name__ == "NoArgsIsHelpError" and ctx is not None:
        typer.echo(ctx.get_help())
        return 0
    where = f" (see {ctx.command_path} --help)" if ctx is not None else ""
    typer.echo(f"graphkit: error: {e.format_message()}{where}", err=True)
    return e.exit_code


class _Closed(io.TextIOBase):
    """Stands for a closed stdout: every write fails with EBADF."""

    def write(self, s):
        raise OSError(errno.EBADF, "stdout is closed")

    @property
    def buffer(self):
        return self

    def fileno(self):
        raise OSError(errno.EBADF, "stdout is closed")


def _flush_stdout() -> None:
    """Flush stdout now, so a closed or full stdout is one line, not a traceback at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as e:
        _quiet_stdout()
        typer.echo(f"graphkit: error: <stdout>: {e.strerror or e}", err=True)
        sys.exit(EXIT_FATAL)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's own flush at exit cannot fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main()
