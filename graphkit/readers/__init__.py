"""Reading inputs into Documents: files, folders, stdin and URLs, one reader per kind of input.

    from graphkit.readers import ReadOptions, read_documents
    for doc in read_documents(["articles.csv", "saved/", "https://example.org/feed.xml"], problems := []):
        ...

A file's kind comes from its extension (see SUFFIXES) or ``ReadOptions.format``; stdin's and a URL's
from the content type or the content itself. A text or HTML file is one document whose id is its path
under the folder named (``x/report`` for ``stem/x/report.txt``; a file named by itself: its name
without the suffix); a JSONL, CSV, TSV or Parquet file holds one document a record or row, a feed one
an entry, with their own ids. Two documents of one run never share an id silently: the second is
reported, naming both sources.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from ..model import Document
from . import feed, html, jsonl, table, text
from .base import FORMATS, InputError, Problem, ReadOptions, Source, admit, document_from_text
from .jsonl import read_assertions
from .normalize import normalize

#: file extensions and the kind of input each names
SUFFIXES = {".txt": "text", ".md": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
            ".html": "html", ".htm": "html", ".xhtml": "html", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
            ".parquet": "parquet", ".pq": "parquet", ".rss": "feed", ".atom": "feed", ".xml": "feed"}
#: what a folder is searched for (.xml is read only when named: most XML files are not feeds)
FOLDER_SUFFIXES = {s for s in SUFFIXES if s != ".xml"}
READERS = {"text": text.read, "jsonl": jsonl.read, "html": html.read, "csv": table.read, "tsv": table.read,
           "parquet": table.read, "feed": feed.read}
_CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "application/rss+xml": "feed",
                  "application/atom+xml": "feed", "application/xml": "feed", "text/xml": "feed",
                  "text/csv": "csv", "text/tab-separated-values": "tsv", "application/x-ndjson": "jsonl",
                  "application/jsonl": "jsonl", "application/vnd.apache.parquet": "parquet", "text/plain": "text"}

Input = Union[str, Path]

__all__ = ["FORMATS", "InputError", "Problem", "ReadOptions", "Source", "SUFFIXES", "document_from_text",
           "normalize", "read_assertions", "read_documents", "sources"]


def sources(inputs: Iterable[Input], options: Optional[ReadOptions] = None,
            problems: Optional[list] = None) -> list[Source]:
    """Check every input and list what to read, folders expanded (recursively, sorted, hidden files left
    out). A missing path, an unknown kind of file or an unsupported URL raises InputError: that is
    fatal, before any document is read. A folder that cannot be listed is reported in `problems`."""
    options = options or ReadOptions()
    problems = problems if problems is not None else []
    out: list[Source] = []
    for item in inputs:
        s = str(item)
        if s == "-":
            out.append(Source(options.format, "<stdin>"))
            continue
        if "://" in s and not Path(s).exists():
            if not s.lower().startswith(("http://", "https://")):
                raise InputError(s, "only http:// and https:// URLs can be read")
            out.append(Source(options.format, s, url=s))
            continue
        p = Path(s)
        if not p.exists():
            raise InputError(s, "no such file or folder")
        if p.is_dir():
            out.extend(_folder(p, problems))
            continue
        kind = options.format or SUFFIXES.get(p.suffix.lower())
        if kind is None and p.suffix:
            raise InputError(s, f"unknown kind of input ({p.suffix}); give --format {'|'.join(FORMATS)}")
        out.append(Source(kind, s, path=p))
    return out


def _folder(root: Path, problems: list) -> list[Source]:
    found, other = [], []

    def unreadable(e: OSError):
        problems.append(Problem(e.filename or str(root), f"cannot read this folder ({e.strerror or e})"))

    for folder, subdirs, files in os.walk(root, onerror=unreadable):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            f = Path(folder, name)
            kind = SUFFIXES.get(f.suffix.lower()) if f.suffix.lower() in FOLDER_SUFFIXES else None
            if kind:
                found.append(Source(kind, str(f), path=f, root=root))
            else:
                other.append(f)
    if other:
        names = ", ".join(f.relative_to(root).as_posix() for f in sorted(other)[:3])
        problems.append(Problem(str(root), f"{len(other)} file(s) of other kinds not read ({names}"
                                           f"{', …' if len(other) > 3 else ''})", error=False, skipped=False))
    return sorted(found, key=lambda s: s.path)


def read_documents(inputs: Iterable[Union[Input, Source]], problems: Optional[list] = None, stdin: Optional[IO] = None,
                   options: Optional[ReadOptions] = None) -> Iterator[Document]:
    """Yield a Document for each readable input; what was skipped, and why, is appended to `problems`.

    `inputs` are paths, folders, URLs and "-" (stdin), or the Sources that ``sources()`` made of them.
    Documents that are empty, not in English (unless ``options.any_language``) or that reuse an id
    already read are reported and left out.
    """
    options = options or ReadOptions()
    problems = problems if problems is not None else []
    items = list(inputs)
    todo = items if all(isinstance(i, Source) for i in items) else sources(items, options, problems)
    seen: dict[str, tuple[int, str]] = {}  # id -> (64 bits of the text's SHA-256, where): ~250 bytes a document
    fetcher = None
    for src in todo:
        try:
            if src.url is not None and src.data is None:
                from .url import Fetcher
                fetcher = fetcher or Fetcher()
                src = fetcher.fetch(src.url, src.kind)
            elif src.path is None and src.data is None:
                src = Source(src.kind, src.where, data=(stdin or sys.stdin.buffer).read())
            if src.kind is None:
                src.kind = _kind_of(src)
            for doc in READERS[src.kind](src, options, problems):
                try:
                    admit(doc, options)
                except InputError as e:
                    problems.append(Problem.of(e))
                    continue
                digest, first = int(doc.sha256[:16], 16), seen.get(doc.id)
                if first is None:
                    seen[doc.id] = (digest, doc.source)
                    yield doc
                elif first[0] == digest:
                    problems.append(Problem(doc.source, f"the same document as {first[1]} (id {doc.id!r})",
                                            error=False))
                else:
                    problems.append(Problem(doc.source, f"id {doc.id!r} is already used by {first[1]}; give each "
                                                        "document its own id"))
        except InputError as e:
            problems.append(Problem.of(e))
        except OSError as e:
            problems.append(Problem(src.where, e.strerror or str(e)))


def _kind_of(src: Source) -> str:
    """The kind of a URL's or stdin's body (or a file without an extension): content type, then content."""
    if src.content_type in _CONTENT_TYPES:
        return _CONTENT_TYPES[src.content_type]
    head = src.read_bytes()[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    low = head.lower()
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<"):
        if b"<rss" in low or b"<feed" in low or b"<rdf:rdf" in low:
            return "feed"
        return "html"
    return "text"
