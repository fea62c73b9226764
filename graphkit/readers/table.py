"""CSV, TSV and Parquet exports (news APIs, media monitors): one document a row, read as a stream."""
from __future__ import annotations

import csv
import io
import sys
from typing import Iterator

from ..model import Document, stable_id
from .base import InputError, Problem, ReadOptions, Source, make_document, pick_columns

#: rows per Parquet batch: memory holds that many rows, whatever the file's size
BATCH_ROWS = 1024


def read(src: Source, options: ReadOptions, problems: list) -> Iterator[Document]:
    """One document a row (messages name it ``FILE row N``, N counting data rows from 1); the columns
    are found by their common names (see COLUMN_NAMES) or given with --text-column etc."""
    rows = _parquet_rows(src, options) if src.kind == "parquet" else _csv_rows(src)
    header = next(rows)
    col = pick_columns(header, options)
    if col["text"] is None:
        wanted = options.text_column or "text|content|body"
        raise InputError(src.where, f"no text column ({wanted}) among: {', '.join(map(str, header)) or 'none'}; "
                                    "name it with --text-column")
    for n, row in enumerate(rows, 1):
        loc = f"{src.where} row {n}"
        field = {k: row.get(c) if c else None for k, c in col.items()}
        text = field["text"]
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(loc, "empty document", error=False))
            continue
        doc_id = str(field["id"]) if field["id"] not in (None, "") else stable_id(text)
        yield make_document(text, doc_id, loc, options, problems, title=field["title"], date=field["date"],
                            url=field["url"], author=field["author"])


def _csv_rows(src: Source) -> Iterator:
    """The header, then each row as a dict; the delimiter is a tab for TSV, else sniffed (, ; | or tab)."""
    csv.field_size_limit(sys.maxsize)  # an article can be longer than csv's default field limit (128 KiB)
    f = io.TextIOWrapper(src.open(), encoding="utf-8-sig", newline="")
    try:
        if src.kind == "tsv":
            dialect = csv.excel_tab
        else:
            sample = f.read(65536)
            f.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
            except csv.Error:
                dialect = csv.excel
        reader = csv.DictReader(f, dialect=dialect)
        yield reader.fieldnames or []
        yield from reader
    except UnicodeDecodeError as e:
        raise InputError(src.where, f"not UTF-8 text (undecodable byte at offset {e.start})") from None
    except csv.Error as e:
        raise InputError(src.where, f"not {src.kind.upper()} ({e})") from None
    finally:
        f.close()


def _parquet_rows(src: Source, options: ReadOptions) -> Iterator:
    """The column names, then each row as a dict, BATCH_ROWS at a time, reading only the columns used."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(pa.BufferReader(src.data) if src.data is not None else str(src.path))
        names = pf.schema_arrow.names
        yield names
        used = sorted({c for c in pick_columns(names, options).values() if c})
        for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=used or None):
            yield from batch.to_pylist()
    except (pa.ArrowException, OSError) as e:
        raise InputError(src.where, f"not a readable Parquet file ({str(e).splitlines()[0][:120]})") from None
