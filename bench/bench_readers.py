#!/usr/bin/env python3
"""Readers stream: peak memory of reading a CSV, a Parquet file and a JSONL export of N and 4N rows, one run.

    python bench/bench_readers.py [--rows 20000]

Each export is written to a temporary folder, then read with graphkit.readers.read_documents (documents
consumed and dropped, as the extraction does). What memory grows by is the index of ids already read
(to report a reused id, about 250 bytes a document); a reader that held the file would keep each row's
text (here about 1.8 KB). Bar: under 500 bytes kept per extra row for every kind.
"""
from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

from graphkit.readers import read_documents

TEXT = ("Officials from Norway met their Swedish counterparts in Oslo on Monday to discuss fishing quotas, "
        "the foreign ministry said in a statement. ") * 8


def write(folder: Path, kind: str, n: int) -> Path:
    rows = ({"id": f"r{i}", "title": f"Report {i}", "text": f"{i}. {TEXT}", "date": "2023-02-01"} for i in range(n))
    path = folder / f"export-{n}.{kind}"
    if kind == "csv":
        with path.open("w", newline="") as f:
            w = csv.DictWriter(f, ["id", "title", "text", "date"])
            w.writeheader()
            w.writerows(rows)
    elif kind == "jsonl":
        with path.open("w") as f:
            f.writelines(json.dumps(r) + "\n" for r in rows)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq
        with pq.ParquetWriter(path, pa.schema([(c, pa.string()) for c in ("id", "title", "text", "date")])) as w:
            batch = []
            for r in rows:
                batch.append(r)
                if len(batch) == 5000:
                    w.write_table(pa.Table.from_pylist(batch))
                    batch = []
            if batch:
                w.write_table(pa.Table.from_pylist(batch))
    return path


def measure(path: Path) -> tuple[float, float]:
    """(seconds, peak MiB) of reading every document of `path`."""
    t = time.perf_counter()
    n = sum(1 for _ in read_documents([path]))
    seconds = time.perf_counter() - t
    tracemalloc.start()
    assert sum(1 for _ in read_documents([path])) == n
    peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20000)
    n = ap.parse_args().rows
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'kind':8} {'rows':>8} {'rows/s':>9} {'peak MiB':>9}")
        for kind in ("csv", "parquet", "jsonl"):
            results = []
            for rows in (n, 4 * n):
                seconds, peak = measure(write(folder, kind, rows))
                results.append((rows / seconds, peak))
                print(f"{kind:8} {rows:8d} {rows / seconds:9.0f} {peak:9.1f}")
            (speed1, peak1), (speed4, peak4) = results
            kept = (peak4 - peak1) * 2 ** 20 / (3 * n)
            print(f"{kind:8} 4x rows: {kept:.0f} bytes kept per extra row ({'ok' if kept < 500 else 'OVER 500'}), "
                  f"rows/s x{speed4 / speed1:.2f}")


if __name__ == "__main__":
    main()
