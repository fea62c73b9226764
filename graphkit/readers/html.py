"""Saved web pages and fetched HTML: the article's main text and its metadata (trafilatura, htmldate)."""
from __future__ import annotations

from typing import Iterator

from ..model import Document
from .base import InputError, ReadOptions, Source, make_document


def read(src: Source, options: ReadOptions, problems: list) -> Iterator[Document]:
    """One document: the main text without navigation, ads and comments, with the page's title, author,
    canonical URL and publication date (htmldate: the original date, not the last update)."""
    import trafilatura

    data = src.read_bytes()
    page = trafilatura.bare_extraction(data, url=src.url, with_metadata=True, favor_recall=True,
                                       include_comments=False, include_tables=False,
                                       date_extraction_params={"original_date": True, "extensive_search": True})
    if page is None or not (page.text or "").strip():
        raise InputError(src.where, "no article text found in this page")
    # trafilatura gives one paragraph a line; blank lines keep them apart through normalisation
    text = "\n\n".join(line for line in page.text.splitlines() if line.strip())
    yield make_document(text, src.name, src.where, options, problems, title=page.title, date=page.date,
                        date_source="page", url=page.url or src.url, author=page.author, name=src.url or src.name)
