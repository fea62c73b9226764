"""Extraction on a real Dask cluster (a 2-worker LocalCluster, shared by these tests): the assertions of a
local run, one model per worker, a Parquet dataset that load, export and load_graph read."""
import csv

import pytest
from conftest import ROOT, SEED, gk

from graphkit.graph import load_graph
from graphkit.readers import read_documents

DATED = ROOT / "notebooks" / "dated_news.jsonl"


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded workers in this process, on TCP so the command line can reach them too."""
    from distributed import Client

    from graphkit.distributed import local_cluster

    with local_cluster(2, processes=False, protocol="tcp") as c, Client(c) as client:
        yield c, client


def test_a_cluster_extracts_exactly_what_a_local_run_does(cluster, extractor, tmp_path):
    from graphkit import distributed

    _, client = cluster
    docs = list(read_documents([DATED, SEED]))
    result = distributed.extract(docs, tmp_path / "ds", client, partition_size=2)
    assert (result.documents, result.partitions, result.workers) == (len(docs), 5, 2)
    assert result.extractors == 2  # one model per worker, loaded once for all its partitions
    assert [p.name for p in distributed.parts(tmp_path / "ds")] == [f"part-{i:05d}.parquet" for i in range(5)]
    local = [a.to_dict() for _, assertions in extractor.extract(docs) for a in assertions]
    assert [a.to_dict() for a in distributed.read_parquet(tmp_path / "ds")] == local
    assert result.assertions == len(local) and not (tmp_path / "ds.partial").exists()


def test_the_command_line_runs_on_a_scheduler_and_reads_the_dataset_back(cluster, tmp_path):
    c, _ = cluster
    ds, jsonl = tmp_path / "assertions", tmp_path / "assertions.jsonl"
    r = gk("extract", DATED, "-o", ds, "--scheduler", c.scheduler_address)
    assert r.code == 0, r.stderr
    assert "assertions from 8 documents in 1 partitions on 2 Dask workers" in r.stderr
    assert gk("extract", DATED, "-o", jsonl).code == 0
    key = lambda G: sorted((u, v, k, d["type"], d["date"]) for u, v, k, d in G.edges(keys=True, data=True))  # noqa
    assert key(load_graph(ds)) == key(load_graph(jsonl)) != []
    r = gk("export", tmp_path / "import", "-f", "neo4j-admin", "--dataset", ds)
    assert r.code == 0 and "neo4j-admin database import full" in r.stdout
    with (tmp_path / "import" / "assertions.csv").open() as f:
        assert len(list(csv.DictReader(f))) == load_graph(jsonl, facts_only=False).number_of_edges()
    bad = gk("extract", DATED, "--scheduler", c.scheduler_address)
    assert bad.code == 2 and "give its folder with --output" in bad.stderr
    missing = gk("export", tmp_path / "x", "-f", "jsonl", "--dataset", tmp_path)
    assert missing.code == 2 and "no Parquet dataset of assertions" in missing.stderr
