"""File sinks: assertion JSONL, and exports of a store as GraphML, GEXF (dated, for Gephi), neo4j-admin CSVs."""
from __future__ import annotations

import csv
import json
import os
import re
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

import networkx as nx

from .. import graphmodel as gm
from ..model import Assertion, Document
from .store import Store

FORMATS = ("graphml", "gexf", "jsonl", "neo4j-admin")


class OutputError(Exception):
    """A file that cannot be written, as one line naming it and why."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_output(path: Union[str, Path, None], binary: bool = False) -> Iterator[IO]:
    """Open `path` for writing so that a failed or interrupted run leaves what was there before.

    A regular file (or a new path) is written to a temporary file beside it and renamed over it only when
    the block ends without error; a symlink is followed and its target replaced the same way, the link
    kept. A FIFO, a device or anything else that is not a regular file is written through. New files get
    the user's umask, replaced ones keep their mode. ``None`` or ``"-"`` is stdout. Problems (a missing
    folder, a folder given as the file, no permission, a full disk) raise OutputError.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "out.jsonl")
    >>> with atomic_output(p) as f:
    ...     _ = f.write("{}\\n")
    >>> open(p).read()
    '{}\\n'
    """
    if path in (None, "-"):
        if sys.stdout is None:
            raise OutputError("<stdout>: closed; write to a file with -o FILE")
        out = sys.stdout.buffer if binary else sys.stdout
        try:
            yield out
            out.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise OutputError(f"<stdout>: {e.strerror or e}") from None
        return
    shown = str(path)
    target = Path(os.path.realpath(path))
    mode = "wb" if binary else "w"
    enc = None if binary else "utf-8"
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OutputError(f"{shown}: {e.strerror}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{shown}: is a folder; give a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):  # FIFO, device, socket: write through
        try:
            with open(target, mode, encoding=enc) as f:
                yield f
        except OSError as e:
            raise OutputError(f"{shown}: {e.strerror or e}") from None
        return
    if not target.parent.is_dir():
        raise OutputError(f"{shown}: folder {Path(path).parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(target.parent))
    except OSError as e:
        raise OutputError(f"{shown}: cannot write in {target.parent} ({e.strerror})") from None
    try:
        with os.fdopen(fd, mode, encoding=enc) as f:
            yield f
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
            raise OutputError(f"{shown}: {e.strerror or e}; the previous file is unchanged") from None
        raise


def write_assertions(assertions: Iterable[Assertion], out: IO[str]) -> int:
    """Write assertions as JSONL (the contract every other tool reads), one record a line; returns how many.

    Examples
    --------
    >>> import io
    >>> from graphkit.model import Actor, Assertion, Mention
    >>> a = Assertion("d", {"index": 0, "text": "Russia invaded Ukraine."}, 0, 22,
    ...               Mention(Actor("RUS", "Russia", "country", "RUS"), "Russia", 0, 6), "invade")
    >>> buf = io.StringIO()
    >>> write_assertions([a], buf), json.loads(buf.getvalue())["subject"]["id"]
    (1, 'RUS')
    """
    n = 0
    for a in assertions:
        out.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


class JsonlWriter:
    """A sink that writes each article's assertions as JSONL (and, given `documents`, the normalised
    documents their offsets refer to)."""

    def __init__(self, out: IO[str], documents: Optional[IO[str]] = None):
        self.out, self.documents = out, documents

    def put(self, doc: Document, assertions: list[Assertion]) -> None:
        write_assertions(assertions, self.out)
        if self.documents is not None:
            self.documents.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")


#: characters XML 1.0 does not allow (C0 controls but tab, newline, return; surrogates; U+FFFE, U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(v):
    return _NOT_XML.sub("\ufffd", v) if isinstance(v, str) else v


def _clean(d: dict) -> dict:
    """GraphML and GEXF take no None values, and XML no control characters."""
    return {k: _xml(v) for k, v in d.items() if v is not None}


def _plain(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.add_nodes_from((_xml(n), _clean(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((_xml(u), _xml(v), _xml(k), _clean(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def to_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    with atomic_output(path, binary=True) as f:
        nx.write_graphml(_plain(G), f)


def to_gexf(G: nx.MultiDiGraph, path: Path) -> None:
    """GEXF 1.2 with each edge's date as its `start`, so Gephi's timeline can play the graph. GEXF gives
    `start`, `end` and `type` their own meaning, so the character offsets and the relationship type are
    written as `offset_start`, `offset_end` and `relationship`."""
    H = _plain(G)
    for _, _, d in H.edges(data=True):
        for k, new in (("start", "offset_start"), ("end", "offset_end"), ("type", "relationship")):
            if k in d:
                d[new] = d.pop(k)
        if d.get("date"):
            d["start"] = str(d["date"])[:10]
    with atomic_output(path, binary=True) as f:
        nx.write_gexf(H, f)


def to_jsonl(store: Store, path: Path) -> int:
    with atomic_output(path) as f:
        return write_assertions(store.assertions(), f)


CSV_TYPES = {int: ":int", float: ":float", bool: ":boolean"}
ACTOR_HEADER = ["id:ID(Actor)", *gm.NODE_PROPS[1:], ":LABEL"]
ARTICLE_HEADER = ["id:ID(Article)", *gm.ARTICLE_PROPS[1:], ":LABEL"]
REL_HEADER = [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE",
              *(p + CSV_TYPES.get(gm.EDGE_TYPES[p], "") for p in gm.EDGE_PROPS)]
MENTION_HEADER = [":START_ID(Actor)", ":END_ID(Article)", ":TYPE"]


def to_neo4j_admin(store: Store, folder: Path, database: str = "neo4j") -> str:
    """CSV files in the header format of `neo4j-admin database import full`; returns the command line
    that imports them (for initial loads too large for the driver)."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: not a folder; neo4j-admin CSVs go into a folder")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as e:
        raise OutputError(f"{folder}: cannot create the folder ({e.strerror})") from None
    fmt = lambda v: "" if v is None else v  # noqa: E731
    with atomic_output(folder / "actors.csv") as f:
        w = csv.writer(f)
        w.writerow(ACTOR_HEADER)
        for a in store.actors():
            w.writerow([fmt(v) for v in gm.node_props(a).values()] + [f"Actor;{gm.actor_label(a.type)}"])
    with atomic_output(folder / "articles.csv") as f:
        w = csv.writer(f)
        w.writerow(ARTICLE_HEADER)
        for art in store.articles():
            w.writerow([fmt(art[k]) for k in gm.ARTICLE_PROPS] + ["Article"])
    mentions = set()
    with atomic_output(folder / "assertions.csv") as f:
        w = csv.writer(f)
        w.writerow(REL_HEADER)
        for row in store.edges():
            w.writerow([row["subject"], row["object"], row["type"]] + [fmt(row[p]) for p in gm.EDGE_PROPS])
            mentions.update({(row["subject"], row["article"]), (row["object"], row["article"])})
    with atomic_output(folder / "mentions.csv") as f:
        w = csv.writer(f)
        w.writerow(MENTION_HEADER)
        for actor, article in sorted(mentions):
            w.writerow([actor, article, gm.MENTIONED_IN])
    return (f"neo4j-admin database import full --nodes={folder / 'actors.csv'} --nodes={folder / 'articles.csv'} "
            f"--relationships={folder / 'assertions.csv'} --relationships={folder / 'mentions.csv'} "
            f"--multiline-fields=true {database}")


def export(store: Store, fmt: str, output: Path, G: Optional[nx.MultiDiGraph] = None) -> str:
    """Write `store` as `fmt` to `output` (a file; a folder for neo4j-admin), atomically; returns a report.

    Parameters
    ----------
    store : the store to export
    fmt : one of FORMATS: graphml, gexf (edges dated for Gephi's timeline), jsonl, neo4j-admin
    output : the file to write (a folder for neo4j-admin: actors.csv, articles.csv, assertions.csv,
        mentions.csv and the import command)
    G : the graph to write for graphml and gexf (default: every assertion of the store)

    Raises
    ------
    OutputError : the output cannot be written (the previous file, if any, is unchanged)

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with Store.open(os.path.join(folder, "g.db")) as st:
    ...     export(st, "graphml", Path(folder) / "g.graphml")
    '0 actors, 0 assertions -> ...g.graphml'
    """
    from ..graph import load_graph

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        return f"{to_jsonl(store, output)} assertions -> {output}"
    if fmt == "neo4j-admin":
        cmd = to_neo4j_admin(store, output)
        return f"CSV files in {output}; import them (database stopped) with:\n  {cmd}"
    G = G if G is not None else load_graph(store, facts_only=False)
    (to_graphml if fmt == "graphml" else to_gexf)(G, output)
    return f"{G.number_of_nodes()} actors, {G.number_of_edges()} assertions -> {output}"
