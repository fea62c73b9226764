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

from .readers.options import input_options

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
    from .pipeline import Extractor
    from .nlp import ModelError

    try:
        return Extractor(model, [str(a) for a in actors or []])
    except ModelError as e:
        fail(str(e))
    except FileNotFoundError as e:
        fail(str(e))


def _documents(inputs: List[str], problems, read):
    from .readers import InputError, read_documents, sources

    try:
        found = sources(inputs, read, problems)  # a missing path is fatal before anything is read
    except InputError as e:
        fail(str(e))
    return read_documents(found, problems, options=read)


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
@input_options
def extract(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...",
                                       help="Files (text, Markdown, HTML, JSONL, CSV, TSV, Parquet, RSS/Atom), "
                                            "folders of them (recursively), http(s) URLs of pages or feeds, or - "
                                            "for stdin."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="JSONL file to write (default: stdout)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", envvar="GRAPHKIT_MODEL",
                                        help="spaCy pipeline name (default: best English one installed)."),
    actors: Optional[List[Path]] = typer.Option(None, "--actors", help="Extra actor file (TSV: id, name, type, "
                                                "country, sector, aliases); may repeat."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    documents: Optional[str] = typer.Option(None, "--documents", help="Also write the normalised documents "
                                            "(JSONL: id, title, date, url, sha256, text) that offsets refer to."),
    read=None,
):
    """Extract actor-event-actor assertions from articles, one JSON object a line.

    Example:  graphkit extract seeds/ -o assertions.jsonl

    Inputs that cannot be read (binary, not UTF-8, a bad JSONL line) are reported on stderr
    with file and line and skipped; the others are processed and the exit status is 1 (2 when
    nothing could be read). Empty documents are skipped with a notice. A missing path is fatal
    (status 2) before anything is read.
    """
    problems: list = []
    docs = _documents(inputs, problems, read)
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
        warn(str(p))
    if output not in (None, "-"):
        warn(f"{n_asr} assertions from {n_docs} documents -> {output}")
    if any(p.is_error for p in problems):
        raise typer.Exit(EXIT_PARTIAL if n_docs else EXIT_FATAL)


@contextmanager
def _null():
    yield None


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
    for item in inputs or []:
        if item != "-" and not Path(item).is_file():
            fail(f"{item}: no such file")  # before anything is loaded
    if from_store is not None:
        from .sinks.store import Store, StoreError
        try:
            store = Store.open(from_store, create=False)
        except StoreError as e:
            fail(str(e))
        assertions = store.assertions()
    else:
        from .readers import read_assertions
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


def _neo4j_wanted(flag: Optional[bool]) -> bool:
    """--neo4j / --no-neo4j, else whether NEO4J_URI is set."""
    return bool(os.environ.get("NEO4J_URI")) if flag is None else flag


def _open_store(path: Path, create: bool = True):
    from .sinks.store import Store, StoreError
    try:
        return Store.open(path, create=create)
    except StoreError as e:
        fail(str(e))


STORE_OPTION = typer.Option(Path("graphkit.db"), "--store", "-s", envvar="GRAPHKIT_STORE",
                            help="The embedded store (SQLite file).")


@app.command()
@input_options
def ingest(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...", help="As for extract: files, folders, URLs, -."),
    store: Path = STORE_OPTION,
    model: Optional[str] = typer.Option(None, "--model", "-m", envvar="GRAPHKIT_MODEL", help="spaCy pipeline name."),
    actors: Optional[List[Path]] = typer.Option(None, "--actors", help="Extra actor file; may repeat."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    neo4j: Optional[bool] = typer.Option(None, "--neo4j/--no-neo4j", help="Also load into Neo4j "
                                         "[default: when NEO4J_URI is set]."),
    top: int = typer.Option(5, "--top", help="Top actors to show."),
    read=None,
):
    """Extract articles into the embedded store (no server needed) and summarise it.

    Example:  graphkit ingest seeds/            (writes ./graphkit.db)

    Articles are keyed by content: re-ingesting a folder processes only new or changed articles. Each
    article is stored in one transaction, so an interrupted ingest keeps what it finished and a
    re-run completes it. With --neo4j (or NEO4J_URI set) the new assertions also go to Neo4j.
    """
    from .sinks.store import ingest as run_ingest

    problems: list = []
    docs = _documents(inputs, problems, read)
    st = _open_store(store)
    ex = _extractor(model, actors)
    to_neo4j = _neo4j_wanted(neo4j)
    fresh: list = []  # what this run extracted, for Neo4j
    result = run_ingest(st, _progress(docs, sys.stderr.isatty(), "ingesting"), ex, workers=workers,
                        on_article=(lambda d, a: fresh.extend(a)) if to_neo4j else None)
    for p in problems:
        warn(str(p))
    counts = st.counts()
    typer.echo(f"{store}: {result.new} new, {result.changed} changed, {result.unchanged} unchanged documents; "
               f"{result.assertions} assertions extracted")
    typer.echo(f"store: {counts['articles']} articles, {counts['actors']} actors, {counts['assertions']} assertions")
    rows = st.top_actors(top)
    if rows:
        typer.echo("top actors: " + ", ".join(f"{name} ({n})" for name, n in rows))
    if to_neo4j and fresh:
        from .neo4j import Connection, LoadError, Loader
        try:
            with Loader(Connection()) as loader:
                typer.echo(f"neo4j: {loader.load(fresh)}")
        except LoadError as e:
            st.close()
            fail(f"{e} (the store {store} is complete)")
    st.close()
    if any(p.is_error for p in problems):
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def forget(
    article: str = typer.Argument(..., metavar="ARTICLE_ID", help="The article's id: its file name without the "
                                  "suffix, or its JSONL id."),
    store: Path = STORE_OPTION,
    neo4j: Optional[bool] = typer.Option(None, "--neo4j/--no-neo4j", help="Also remove it from Neo4j "
                                         "[default: when NEO4J_URI is set]."),
):
    """Remove one article and everything it asserted, from the store (and Neo4j).

    Example:  graphkit forget cnn_2022-03-14_sullivan_yang_rome
    """
    from .sinks.store import StoreError

    st = _open_store(store, create=False)
    try:
        n = st.forget(article)
    except StoreError as e:
        fail(str(e))
    finally:
        st.close()
    typer.echo(f"{store}: removed article {article} and its {n} assertions")
    if _neo4j_wanted(neo4j):
        from .neo4j import Connection, LoadError, Loader
        try:
            with Loader(Connection()) as loader:
                loader.forget(article)
        except LoadError as e:
            fail(str(e))
        typer.echo(f"neo4j: removed article {article}")


@app.command()
def analyze(
    store: Path = STORE_OPTION,
    top: int = typer.Option(10, "--top", "-n", help="Rows per table."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    all_modes: bool = typer.Option(False, "--all-modes", help="Also count negated and hypothetical assertions."),
    start: Optional[str] = typer.Option(None, "--from", help="Only articles dated on or after (YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, "--to", help="Only articles dated on or before."),
    level: str = typer.Option("country", "--level", help="country (people, agents and organisations rolled up "
                              "to their state) or actor."),
):
    """Centrality, communities, dyads and brokers of the graph of events in the store.

    Example:  graphkit analyze --top 5 --format json
    """
    from .analysis import summary
    from .graph import country_graph, load_graph

    if fmt not in ("table", "json"):
        fail(f"--format must be table or json, not {fmt!r}")
    if level not in ("country", "actor"):
        fail(f"--level must be country or actor, not {level!r}")
    st = _open_store(store, create=False)
    G = load_graph(st, facts_only=not all_modes, events_only=True, start=start, end=end)
    st.close()
    if level == "country":
        G = country_graph(G)
    result = summary(G, top)
    if fmt == "json":
        typer.echo(json.dumps(result, indent=1, ensure_ascii=False))
        return
    typer.echo(render_tables(result))


def render_tables(r: dict) -> str:
    out = [f"{r['nodes']} actors, {r['edges']} assertions"]

    def table(title, rows, cols):
        if not rows:
            return
        widths = [max(len(str(c)), *(len(str(x.get(c, ''))) for x in rows)) for c in cols]
        out.append("")
        out.append(title)
        out.append("  ".join(str(c).ljust(w) for c, w in zip(cols, widths)))
        out.append("  ".join("-" * w for w in widths))
        for x in rows:
            out.append("  ".join(str(x.get(c, "")).ljust(w) for c, w in zip(cols, widths)))

    table("Degree (assertions)", r["degree"], ["name", "type", "score"])
    table("PageRank", r["pagerank"], ["name", "type", "score"])
    table("Betweenness", r["betweenness"], ["name", "type", "score"])
    table("Most cooperative dyads", r["dyads"]["cooperative"], ["source_name", "target_name", "events", "score"])
    table("Most conflictual dyads", r["dyads"]["conflictual"], ["source_name", "target_name", "events", "score"])
    table("Brokers", r["brokers"], ["name", "communities_bridged", "betweenness"])
    if r["communities"]:
        out.append("")
        out.append("Communities")
        for i, c in enumerate(r["communities"], 1):
            out.append(f"  {i}. " + ", ".join(c[:12]) + (f" … (+{len(c) - 12})" if len(c) > 12 else ""))
    return "\n".join(out)


@app.command()
def export(
    output: Path = typer.Argument(..., metavar="OUTPUT", help="File to write (a folder for neo4j-admin)."),
    fmt: str = typer.Option(..., "--format", "-f", help="graphml, gexf, jsonl or neo4j-admin."),
    store: Path = STORE_OPTION,
):
    """Export the store: GraphML, GEXF (dated, for Gephi's timeline), JSONL, or neo4j-admin CSVs.

    Example:  graphkit export actors.gexf --format gexf
    """
    from .sinks.files import FORMATS, export as run_export

    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    st = _open_store(store, create=False)
    try:
        typer.echo(run_export(st, fmt, output))
    finally:
        st.close()


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
