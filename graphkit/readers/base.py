"""What every reader shares: the options, the one-line input errors, and turning text into a Document."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Optional

from .. import dates
from ..model import Document
from . import language
from .normalize import normalize

#: the input kinds, as --format names them
FORMATS = ("text", "jsonl", "html", "csv", "tsv", "parquet", "feed")


class InputError(Exception):
    """A problem with one input: the message names the file (and line) and fits on one line.
    `error` is False for a mere notice (an empty document, another language): the run's exit status
    stays 0."""

    def __init__(self, where: str, reason: str, error: bool = True):
        super().__init__(f"{where}: {reason}")
        self.where, self.reason, self.error = where, reason, error


@dataclass
class Problem:
    """Something a user should hear about an input. `skipped` says the document (or file) was left out;
    `error` makes the run's exit status non-zero once the readable documents are processed."""
    where: str
    message: str
    error: bool = True
    skipped: bool = True

    @property
    def is_error(self) -> bool:
        return self.error

    @classmethod
    def of(cls, e: InputError) -> "Problem":
        return cls(e.where, e.reason, e.error)

    def __str__(self) -> str:
        return f"{'skipped ' if self.skipped else ''}{self.where}: {self.message}"


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: the --format, column names for tables, the fallback --date, --any-language."""
    format: Optional[str] = None        # one of FORMATS; None: by file extension (or content, for stdin/URLs)
    text_column: Optional[str] = None   # table columns; None: found by their common names
    id_column: Optional[str] = None
    title_column: Optional[str] = None
    date_column: Optional[str] = None
    url_column: Optional[str] = None
    date: Optional[str] = None          # ISO day for documents that carry no date of their own
    any_language: bool = False          # keep documents that are not in English

    def __post_init__(self):
        if self.format is not None and self.format not in FORMATS:
            raise InputError("--format", f"must be one of {', '.join(FORMATS)}, not {self.format!r}")
        if self.date is not None:
            iso = dates.parse_date(self.date)
            if iso is None:
                raise InputError("--date", f"{self.date!r} is not a date (give YYYY-MM-DD)")
            object.__setattr__(self, "date", iso)


#: the names a column (or JSON field) goes by, commonest first; --text-column etc. override them
COLUMN_NAMES = {
    "text": ("text", "content", "body", "article", "full_text", "maintext", "article_text"),
    "id": ("id", "doc_id", "article_id", "guid", "uuid"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "published_at", "date_publish", "pubdate", "datetime"),
    "url": ("url", "link", "source_url"),
    "author": ("author", "authors", "byline"),
}


def pick_columns(names, options: ReadOptions) -> dict[str, Optional[str]]:
    """Which of `names` holds each field: the one given with --text-column etc. (None when it is
    missing), else the first of COLUMN_NAMES present (case, spaces and dashes do not matter).

    >>> pick_columns(["Headline", "Body", "published"], ReadOptions())
    {'text': 'Body', 'id': None, 'title': 'Headline', 'date': 'published', 'url': None, 'author': None}
    """
    key = {str(n).strip().lower().replace(" ", "_").replace("-", "_"): n for n in names}
    out = {}
    for field, common in COLUMN_NAMES.items():
        given = getattr(options, f"{field}_column", None)
        if given is not None:
            out[field] = given if given in key.values() else None
        else:
            out[field] = next((key[c] for c in common if c in key), None)
    return out


@dataclass
class Source:
    """One input to read: a file (found under `root`), a fetched URL, or stdin (`data` holds the bytes)."""
    kind: Optional[str]                 # one of FORMATS, or None: decided from the content
    where: str                          # how messages name it
    path: Optional[Path] = None
    root: Optional[Path] = None         # the folder named on the command line (a file's own folder)
    data: Optional[bytes] = None
    url: Optional[str] = None
    content_type: Optional[str] = None

    def open(self) -> IO[bytes]:
        return io.BytesIO(self.data) if self.data is not None else self.path.open("rb")

    def read_bytes(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()

    @property
    def name(self) -> str:
        """The id of a one-document source: the path under its root without the suffix, or the URL."""
        if self.path is not None:
            return self.path.relative_to(self.root).with_suffix("").as_posix() if self.root else self.path.stem
        return self.url or self.where


def decode(data: bytes, where: str) -> str:
    """Text from bytes: UTF-8 (with or without a BOM), or UTF-16/32 with their BOM."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(where, f"not {codec.upper()} text (undecodable bytes at offset {e.start})") from None
    if b"\x00" in data[:8192]:
        raise InputError(where, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(where, f"not UTF-8 text (undecodable byte at offset {e.start})") from None


def make_document(raw: str, doc_id: str, where: str, options: ReadOptions, problems: list, *,
                  title: Optional[str] = None, date=None, date_source: str = "record", url: Optional[str] = None,
                  author: Optional[str] = None, name: Optional[str] = None) -> Document:
    """Normalise `raw` and date it (see graphkit.dates.article_date); `name` is the file name or URL a
    date may be written in. A `date` that cannot be read is a notice, and the next source of dates is
    tried."""
    head, text = normalize(raw)
    given = dates.parse_date(date)
    if given is None and str(date or "").strip():
        problems.append(Problem(where, f"date {str(date)[:40]!r} not understood; looking elsewhere", error=False,
                                skipped=False))
    day, source = dates.article_date(text, name, given, date_source, options.date)
    return Document(id=doc_id, text=text, title=_clean(title) or head, date=day, url=_clean(url), source=where,
                    author=_clean(author), date_source=source)


def admit(doc: Document, options: ReadOptions) -> None:
    """Raise a notice (InputError with error=False) for a document not worth extracting: an empty one,
    or one not in English (unless --any-language)."""
    if not doc.text.strip():
        raise InputError(doc.source or doc.id, "empty document", error=False)
    if not options.any_language:
        lang = language.not_english(doc.text)
        if lang:
            raise InputError(doc.source or doc.id, f"not in English ({lang}); --any-language keeps it", error=False)


def document_from_text(raw: str, doc_id: str, source: Optional[str] = None, title: Optional[str] = None,
                       date: Optional[str] = None, url: Optional[str] = None) -> Document:
    """A Document of one text (the Python API's way in): normalised and dated."""
    return make_document(raw, doc_id, source or doc_id, ReadOptions(), [], title=title, date=date, url=url)


def _clean(value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    value = " ".join(str(value).split())
    return value or None
