"""JSON Lines: documents ({id, text, title?, date?, url?, author?} a line) and assertion records."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from ..model import Document, stable_id
from .base import Problem, ReadOptions, Source, make_document, pick_columns


def records(lines: Iterable[bytes], where: str) -> Iterator[tuple[str, Optional[dict], Optional[str]]]:
    """(``FILE:LINE``, object, None) for each JSON object line, (``FILE:LINE``, None, reason) for a line
    that is not one; blank lines are passed over."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        loc = f"{where}:{lineno}"
        try:
            rec = json.loads(line.decode("utf-8-sig") if isinstance(line, bytes) else line)
        except UnicodeDecodeError:
            yield loc, None, "not UTF-8 text"
        except json.JSONDecodeError as e:
            yield loc, None, f"not JSON ({e.msg})"
        except RecursionError:
            yield loc, None, "JSON nested too deeply"
        else:
            yield (loc, rec, None) if isinstance(rec, dict) else (loc, None, "not a JSON object")


def read(src: Source, options: ReadOptions, problems: list) -> Iterator[Document]:
    """One document a line: its text, and optional id, title, date, url and author, in fields named as
    in a table (see COLUMN_NAMES) or by --text-column etc."""
    with src.open() as f:
        for loc, rec, bad in records(f, src.where):
            if bad:
                problems.append(Problem(loc, bad))
                continue
            col = pick_columns(rec, options)
            text = rec.get(col["text"]) if col["text"] else None
            if not isinstance(text, str):
                problems.append(Problem(loc, f'no "{options.text_column or "text"}" string in this record'))
                continue
            field = {k: rec.get(c) if c else None for k, c in col.items()}
            doc_id = str(field["id"]) if field["id"] not in (None, "") else stable_id(text)
            yield make_document(text, doc_id, loc, options, problems, title=field["title"], date=field["date"],
                                url=field["url"], author=field["author"])


def read_assertions(inputs: Iterable[Union[str, Path]], problems: Optional[list] = None,
                    stdin: Optional[IO] = None):
    """Assertions from JSONL files, stdin ('-') or Parquet datasets (folders written by graphkit extract
    --scheduler); a malformed line is reported in `problems` as 'FILE:LINE: reason' and skipped."""
    from ..model import Assertion

    problems = problems if problems is not None else []
    for item in inputs:
        if str(item) != "-" and Path(item).is_dir():
            from ..distributed import read_parquet
            yield from read_parquet(item)
            continue
        if str(item) == "-":
            stream, where = (stdin or sys.stdin.buffer), "<stdin>"
        else:
            stream, where = open(item, "rb"), str(item)
        try:
            for loc, rec, bad in records(stream, where):
                if bad:
                    problems.append(f"{loc}: {bad}")
                    continue
                try:
                    yield Assertion.from_dict(rec)
                except KeyError as e:
                    problems.append(f"{loc}: missing field {e}")
                except ValueError as e:  # graphkit.model.RecordError: which field, and what it should be
                    problems.append(f"{loc}: {e}")
        finally:
            if where != "<stdin>":
                stream.close()
