"""Plain-text and Markdown articles: one document a file (UTF-8, or UTF-16/32 with a BOM)."""
from __future__ import annotations

from typing import Iterator

from ..model import Document, stable_id
from .base import ReadOptions, Source, decode, make_document


def read(src: Source, options: ReadOptions, problems: list) -> Iterator[Document]:
    text = decode(src.read_bytes(), src.where)
    doc_id = "stdin-" + stable_id(text, n=12) if src.path is None and src.url is None else src.name
    yield make_document(text, doc_id, src.where, options, problems, url=src.url, name=src.name)
