"""Normalising article text: hard-wrapped lines re-flowed, paragraphs kept, the first line as headline."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

FINAL = tuple('.!?:;"\u201d\u2019\'')  # a line ending in one of these may end a paragraph
_SPACES = re.compile(r"[ \t\u00a0]+")

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
