"""The same extraction on a Dask cluster: documents in partitions, the spaCy model loaded once per
worker, a Parquet dataset of assertions out (one file per partition, the JSONL contract's fields).

The client reads the inputs (graphkit.readers, as `graphkit extract` does) and sends them to the
workers a partition at a time, never more than two partitions a worker ahead; each worker extracts
with one graphkit Extractor, made when the worker joins (a worker plugin), and writes its partition's
file itself, so the output folder must be one every worker can reach (a shared file system) when the
cluster spans machines. The dataset is what `graphkit load`, `graphkit export --dataset` and
`graphkit.graph.load_graph` read.

>>> import tempfile, pathlib
>>> from graphkit.model import Actor, Assertion, Mention
>>> ru, ua = Actor("RUS", "Russia", "country", "RUS"), Actor("UKR", "Ukraine", "country", "UKR")
>>> a = Assertion("d", {"index": 0, "text": "Russia invaded Ukraine."}, 0, 22, Mention(ru, "Russia", 0, 6),
...               "invade", Mention(ua, "Ukraine", 15, 22), event="ASSAULT", cameo="190", score=-10.0)
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> write_partition([a], out / "part-00000.parquet")
1
>>> [b.to_dict() for b in read_parquet(out)] == [a.to_dict()]
True
"""
from __future__ import annotations

import shutil
import typing
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence, Union

from distributed.diagnostics.plugin import WorkerPlugin

from . import graphmodel as gm
from .model import Actor, Assertion, Document, Mention

PLUGIN = "graphkit-extractor"
PARTITION_SIZE = 100   # documents a task extracts and writes as one file


# ------------------------------------------------------------------------------------ Parquet
def _arrow_type(t) -> "object":
    import pyarrow as pa

    args = [x for x in typing.get_args(t) if x is not type(None)] if typing.get_origin(t) is Union else [t]
    base = args[0] if len(args) == 1 else str
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(base, pa.string())


def schema():
    """The Arrow schema of the JSONL contract (Assertion.to_dict), derived from the records' own fields:
    Mentions and the sentence and article dicts become structs, so every partition has one schema."""
    import pyarrow as pa

    hints = typing.get_type_hints(Assertion)
    mention_hints = {**typing.get_type_hints(Actor), **typing.get_type_hints(Mention)}
    sample = Mention(Actor("", "", "")).to_dict()
    mention = pa.struct([(k, _arrow_type(mention_hints.get(k, str))) for k in sample])
    sentence = pa.struct([("index", pa.int64()), ("text", pa.string())])
    article = pa.struct([(k, pa.string()) for k in Document("", "").meta()])
    out = []
    for f in ["id", *(f.name for f in fields(Assertion) if f.name != "id")]:
        if f in ("subject", "object", "attributed_to", "denied_by"):
            out.append((f, mention))
        elif f == "sentence":
            out.append((f, sentence))
        elif f == "article":
            out.append((f, article))
        else:
            out.append((f, _arrow_type(hints[f])))
    return pa.schema(out)


def write_partition(assertions: Iterable[Assertion], path: Path) -> int:
    """One partition's assertions as one Parquet file; returns how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [a.to_dict() for a in assertions]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema()), path)
    return len(rows)


def parts(folder: Union[str, Path]) -> list[Path]:
    """The partition files of a dataset, in partition order."""
    return sorted(Path(folder).glob("part-*.parquet"))


def read_parquet(folder: Union[str, Path], batch_size: int = 10_000) -> Iterator[Assertion]:
    """The assertions of a Parquet dataset written by :func:`extract`, streamed in batches, in input
    order (FileNotFoundError for a folder without one)."""
    import pyarrow.parquet as pq

    files = parts(folder)
    if not files:
        raise FileNotFoundError(f"{folder}: no Parquet dataset of assertions (part-*.parquet) here")
    for path in files:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
            for rec in batch.to_pylist():
                yield Assertion.from_dict(rec)


class Dataset:
    """A Parquet dataset of assertions, read as the exports read a store (assertions, actors, articles,
    edges), each pass streamed from the files: `graphkit export --dataset` builds neo4j-admin CSVs (or
    JSONL, GraphML, GEXF) from it without a store."""

    def __init__(self, folder: Union[str, Path]):
        self.folder = Path(folder)
        next(read_parquet(self.folder), None)  # FileNotFoundError now, for a folder without a dataset

    def __iter__(self) -> Iterator[Assertion]:
        return read_parquet(self.folder)

    def assertions(self) -> Iterator[Assertion]:
        return read_parquet(self.folder)

    def actors(self) -> Iterator[Actor]:
        return iter(sorted(gm.actors_of(self.assertions()).values(), key=lambda a: a.id))

    def articles(self) -> Iterator[dict]:
        seen = set()
        for a in self.assertions():
            if a.doc_id not in seen:
                seen.add(a.doc_id)
                yield gm.article_props(a)

    def edges(self, flt: gm.EdgeFilter = gm.EdgeFilter(facts_only=False)) -> Iterator[dict]:
        for a in self.assertions():
            if a.object is not None:
                row = gm.edge_row(a)
                if flt.keep(row):
                    yield row


# ------------------------------------------------------------------------------------ the engine
class _ExtractorPlugin(WorkerPlugin):
    """Made on each worker when it joins: one Extractor, its model loaded once, for all its tasks."""

    name = PLUGIN

    def __init__(self, model: str, actor_files: Sequence[str]):
        self.model, self.actor_files = model, tuple(actor_files)
        self.extractor = None

    @property
    def key(self) -> tuple:
        return self.model, self.actor_files

    def setup(self, worker=None):
        from .pipeline import Extractor

        self.extractor = Extractor(self.model, self.actor_files)
        self.extractor.warm_up()  # load the pipeline now, not in the first task

    def teardown(self, worker=None):
        self.extractor = None


def _extract_partition(index: int, documents: list[Document], folder: str) -> tuple:
    """A task: extract one partition on this worker and write its file; (documents, assertions, words,
    which extractor) back to the client."""
    from distributed import get_worker

    ex = get_worker().plugins[PLUGIN].extractor
    out = [a for _, assertions in ex.extract(documents) for a in assertions]
    n = write_partition(out, Path(folder) / f"part-{index:05d}.parquet")
    return len(documents), n, sum(len(d.text.split()) for d in documents), id(ex)


@dataclass
class DistributedResult:
    documents: int = 0
    assertions: int = 0
    words: int = 0
    partitions: int = 0
    workers: int = 0
    extractors: int = 0   # distinct Extractors (loaded models) that did the work: one per worker at most
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"{self.assertions} assertions from {self.documents} documents in {self.partitions} partitions "
                f"on {self.workers} Dask workers ({self.words / max(self.seconds, 1e-9):,.0f} words/s)")


def _plugin_key(dask_worker) -> Optional[tuple]:
    plugin = dask_worker.plugins.get(PLUGIN)
    return plugin.key if plugin is not None and plugin.extractor is not None else None


def local_cluster(workers: int = 1, processes: bool = True, **kwargs):
    """A LocalCluster of `workers` single-threaded workers (processes, or threads with processes=False)."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None,
                        silence_logs=40, **kwargs)


def run(documents: Iterable[Document], output: Union[str, Path], scheduler: Optional[str] = None,
        workers: int = 1, model: Optional[str] = None, actor_files: Sequence[str] = ()) -> DistributedResult:
    """:func:`extract` on the scheduler at `scheduler` (``tcp://host:8786``), or on a LocalCluster of
    `workers` processes (``None`` or ``local``) started and stopped for this run: what
    ``graphkit extract --scheduler`` runs."""
    from distributed import Client

    from .pipeline import Extractor

    Extractor(model, actor_files)  # an unknown model or actor file fails before a cluster starts
    if scheduler and scheduler != "local":
        with Client(scheduler) as client:
            return extract(documents, output, client, model, actor_files)
    with local_cluster(workers) as cluster, Client(cluster) as client:
        return extract(documents, output, client, model, actor_files)


def extract(documents: Iterable[Document], output: Union[str, Path], client, model: Optional[str] = None,
            actor_files: Sequence[str] = (), partition_size: int = PARTITION_SIZE) -> DistributedResult:
    """Extract documents on the Dask cluster of `client` into a Parquet dataset at `output` (a folder,
    replaced only when the run completes; one file per partition, in input order).

    Parameters
    ----------
    documents : Documents, e.g. graphkit.readers.read_documents(paths); read here, on the client
    output : the dataset's folder (on a file system every worker reaches)
    client : a dask.distributed Client, e.g. ``Client("tcp://host:8786")`` or ``Client(local_cluster(2))``
    model, actor_files : as for graphkit.Extractor; an unknown model fails here, before anything is read
    partition_size : documents per task and per file
    """
    import time

    from distributed import as_completed

    from .pipeline import Extractor

    t = time.perf_counter()
    model_name = Extractor(model, actor_files).model_name  # resolves the name; loads nothing
    output = Path(output)
    partial = output.with_name(output.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    plugin = _ExtractorPlugin(model_name, actor_files)
    if set(client.run(_plugin_key).values()) != {plugin.key}:  # workers that already hold this model keep it
        client.register_plugin(plugin, name=PLUGIN)
    workers = len(client.scheduler_info()["workers"])
    result = DistributedResult(workers=workers)
    extractors = set()
    running = as_completed()
    ahead = 2 * max(workers, 1)

    def collect(future):
        docs, n, words, ex = future.result()
        result.documents += docs
        result.assertions += n
        result.words += words
        extractors.add(ex)

    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) == partition_size:
            running.add(client.submit(_extract_partition, result.partitions, batch, str(partial), pure=False))
            result.partitions += 1
            batch = []
            while running.count() >= ahead:
                collect(next(running))
    if batch:
        running.add(client.submit(_extract_partition, result.partitions, batch, str(partial), pure=False))
        result.partitions += 1
    for future in running:
        collect(future)
    if output.exists():
        shutil.rmtree(output)
    partial.rename(output)
    result.extractors = len(extractors)
    result.seconds = time.perf_counter() - t
    return result
