"""Reading inputs (files, folders, JSONL, stdin) into Documents, and normalising hard-wrapped article text."""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .model import Document, stable_id

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
FINAL = tuple('.!?:;"\u201d\u2019\'')  # a line ending in one of these may end a paragraph
_SPACES = re.compile(r"[ \t\u00a0]+")


class InputError(Exception):
    """A problem with one input: the message names the file (and line) and fits on one line."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where, self.reason = where, reason


@dataclass
class Problem:
    """A document that was skipped. An empty document is only a notice; anything else is an error that
    makes the run's exit status non-zero once the readable documents are processed."""
    where: str
    message: str

    @property
    def is_error(self) -> bool:
        return not self.message.startswith("empty")

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


_FUNCTION_WORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by", "from",
                   "that", "as", "its", "their", "his", "her", "is", "was", "are", "were", "has", "have", "will"}


def _headline_like(line: str) -> bool:
    """A short line that could stand alone: no final punctuation and not cut off after a function word."""
    words = line.split()
    return (2 <= len(words) <= 14 and not line.endswith(FINAL + (",", "-", "\u2014"))
            and line[:1].isupper() and words[-1].lower() not in _FUNCTION_WORDS)


def normalize(raw: str) -> tuple[Optional[str], str]:
    """Re-flow hard-wrapped article text; return ``(headline, text)``.

    Blank lines separate paragraphs. Within a block, a line break after sentence-final
    punctuation ends a paragraph and any other break is a soft wrap, joined with one space.
    A first line without final punctuation is the headline, and a short line of that shape
    between paragraphs (a sub-heading) stays a paragraph of its own. The returned text has
    the headline as its first paragraph; paragraphs are separated by a blank line.

    >>> normalize("Big news today\\nThe\\nminister met\\nher counterpart.\\nThey agreed.")
    ('Big news today', 'Big news today\\n\\nThe minister met her counterpart.\\n\\nThey agreed.')
    """
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    raw = "".join(ch for ch in raw if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [_SPACES.sub(" ", ln).strip() for ln in raw.split("\n")]
    paragraphs: list[str] = []
    cur: list[str] = []
    title = None

    def flush():
        if cur:
            paragraphs.append(" ".join(cur))
            cur.clear()

    n = len(lines)
    for i, line in enumerate(lines):
        if not line:
            flush()
            continue
        nxt = next((ln for ln in lines[i + 1:] if ln), "")
        starts_block = not cur
        if starts_block and _headline_like(line) and (not nxt or nxt[:1].isupper() or not lines[i + 1]):
            if not paragraphs and title is None:
                title = line
            paragraphs.append(line)
            continue
        cur.append(line)
        if line.endswith(FINAL) or i == n - 1:
            flush()
    flush()
    return title, "\n\n".join(paragraphs)


def _decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(where, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(where, f"not UTF-8 text (undecodable byte at offset {e.start})") from None
    if not text.strip():
        raise InputError(where, "empty document")
    return text


def document_from_text(raw: str, doc_id: str, source: Optional[str] = None, title: Optional[str] = None,
                       date: Optional[str] = None, url: Optional[str] = None) -> Document:
    head, text = normalize(raw)
    return Document(id=doc_id, text=text, title=title or head, date=date, url=url, source=source)


def _jsonl_documents(lines: Iterable[bytes], where: str, problems: list[Problem]) -> Iterator[Document]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        loc = f"{where}:{lineno}"
        try:
            try:
                rec = json.loads(line.decode("utf-8-sig"))
            except UnicodeDecodeError:
                raise InputError(loc, "not UTF-8 text") from None
            except json.JSONDecodeError as e:
                raise InputError(loc, f"not JSON ({e.msg})") from None
            if not isinstance(rec, dict):
                raise InputError(loc, 'a JSON object with a "text" field was expected')
            text = rec.get("text")
            if not isinstance(text, str):
                raise InputError(loc, 'no "text" string in this record')
            if not text.strip():
                raise InputError(loc, 'empty "text"')
            doc_id = rec.get("id")
            doc_id = str(doc_id) if doc_id not in (None, "") else stable_id(text)
            yield document_from_text(text, doc_id, loc, *(_opt(rec, k) for k in ("title", "date", "url")))
        except InputError as e:
            problems.append(Problem(e.where, e.reason))


def _opt(rec: dict, key: str) -> Optional[str]:
    v = rec.get(key)
    return None if v is None else str(v)


def expand_inputs(inputs: Iterable[Union[str, Path]]) -> list[Union[str, Path]]:
    """Check every input exists and expand folders (recursively: .txt, .md, .jsonl, sorted).

    Raises InputError for a missing path: that is fatal, before any document is read."""
    out: list[Union[str, Path]] = []
    for item in inputs:
        if str(item) == "-":
            out.append("-")
            continue
        p = Path(item)
        if not p.exists():
            raise InputError(str(p), "no such file or folder")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            out.extend(found)
        else:
            out.append(p)
    return out


def read_documents(inputs: Iterable[Union[str, Path]], problems: Optional[list[Problem]] = None,
                   stdin=None) -> Iterator[Document]:
    """Yield a Document for each readable input; skipped ones are appended to `problems`.

    A text file is one document (id: the file name without its suffix); a .jsonl file
    (or stdin whose first non-blank character is "{") holds one JSON document a line with
    `id`, `text` and optional `title`, `date`, `url`.
    """
    problems = problems if problems is not None else []
    for item in expand_inputs(inputs):
        if item == "-":
            data = (stdin or sys.stdin.buffer).read()
            if data.lstrip()[:1] == b"{":
                yield from _jsonl_documents(data.splitlines(), "<stdin>", problems)
                continue
            try:
                text = _decode(data, "<stdin>")
            except InputError as e:
                problems.append(Problem(e.where, e.reason))
                continue
            yield document_from_text(text, "stdin-" + stable_id(text, n=12), "<stdin>")
            continue
        path = Path(item)
        try:
            if path.suffix.lower() in JSONL_SUFFIXES:
                with path.open("rb") as f:
                    yield from _jsonl_documents(f, str(path), problems)
                continue
            text = _decode(path.read_bytes(), str(path))
        except InputError as e:
            problems.append(Problem(e.where, e.reason))
            continue
        except OSError as e:
            problems.append(Problem(str(path), e.strerror or str(e)))
            continue
        yield document_from_text(text, path.stem, str(path))


def read_assertions(inputs: Iterable[Union[str, Path]], problems: Optional[list] = None, stdin=None):
    """Assertions from JSONL files or stdin ('-'); a malformed line is reported in `problems` as
    'FILE:LINE: reason' and skipped."""
    from .model import Assertion

    problems = problems if problems is not None else []
    for item in inputs:
        if str(item) == "-":
            stream, where = (stdin or sys.stdin), "<stdin>"
        else:
            stream, where = open(item, encoding="utf-8", errors="replace"), str(item)
        try:
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
        finally:
            if where != "<stdin>":
                stream.close()
