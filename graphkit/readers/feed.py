"""RSS and Atom feeds (files or URLs): one document an entry (feedparser)."""
from __future__ import annotations

import time
from typing import Iterator

from ..model import Document, stable_id
from .base import InputError, Problem, ReadOptions, Source, make_document


def read(src: Source, options: ReadOptions, problems: list) -> Iterator[Document]:
    """Each entry's full content (else its summary) as text, with its title, link, author and date."""
    import feedparser

    feed = feedparser.parse(src.read_bytes(), response_headers={"content-location": src.url} if src.url else None)
    if not feed.version and not feed.entries:
        reason = getattr(feed.get("bozo_exception"), "getMessage", lambda: "")() or "no entries"
        raise InputError(src.where, f"not an RSS or Atom feed ({reason})")
    for n, entry in enumerate(feed.entries, 1):
        loc = f"{src.where} entry {n}"
        html = next((c.get("value") for c in entry.get("content", []) if c.get("value")), None) \
            or entry.get("summary") or entry.get("description") or ""
        text = _text(html)
        if not text.strip():
            problems.append(Problem(loc, "empty document (no content or summary)", error=False))
            continue
        doc_id = entry.get("id") or entry.get("link") or stable_id(text)
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        date = time.strftime("%Y-%m-%d", parsed) if parsed else entry.get("published") or entry.get("updated")
        yield make_document(text, str(doc_id), loc, options, problems, title=entry.get("title"), date=date,
                            url=entry.get("link"), author=entry.get("author"), name=entry.get("link"))


def _text(html: str) -> str:
    """The text of an entry's HTML, one paragraph a block."""
    if "<" not in html:
        return html
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except lxml.etree.LxmlError:
        return html
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = root.xpath("//p|//li|//h1|//h2|//h3|//h4|//blockquote")
    outer = [b for b in blocks if not any(a in blocks for a in b.iterancestors())]
    if not outer:
        return root.text_content()
    return "\n\n".join(t for t in (b.text_content().strip() for b in outer) if t)
