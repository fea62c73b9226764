"""Dates: an article's publication date (record, page, dateline, file name, --date), as an ISO day."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Optional

#: where an article's date came from, best first
DATE_SOURCES = ("record", "page", "dateline", "filename", "option")

_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DAY_MONTH = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
#: "WASHINGTON, March 14 (Reuters) -", "KYIV, Ukraine, 14 March 2022 (AP) —"
_DATELINE = re.compile(rf"^[A-Z][A-Z.'\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.'\- ]{{1,30}})?,\s+(?P<d>{_DAY_MONTH})"
                       r"\s*(?:\([A-Za-z .&]{1,30}\)\s*)?[-\u2013\u2014]", re.M)
#: "Updated 1:53 PM ET, Mon March 14, 2022", "Published: 14 March 2022"
_STAMP = re.compile(r"^\s*(?:Last\s+)?(?:Updated|Published|Posted|First\s+published)(?:\s+on|\s+at)?:?\s+"
                    r"(?P<d>[^\n]{4,60}?\d{4})\b", re.M | re.I)
#: cnn_2022-03-14_x.txt, 20220314-x, 2022/03/14/x
_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


# ---------------------------------------------------------------------- article dates
def parse_date(value: Any) -> Optional[str]:
    """The ISO day of a record's or page's date (ISO 8601, RFC 822, "March 14, 2022", a datetime), or
    None when it names no whole day.

    >>> parse_date("2022-03-14T23:30:00-05:00"), parse_date("Mon, 14 Mar 2022 10:00:00 GMT")
    ('2022-03-14', '2022-03-14')
    >>> parse_date("March 2022") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    import dateparser

    d = dateparser.parse(text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                                           "PREFER_DATES_FROM": "past"})
    return d.date().isoformat() if d else None


def dateline_date(text: str, year_from: Optional[str] = None) -> Optional[str]:
    """The date of a dateline or an "Updated …" stamp near the top of an article. A dateline without a
    year takes the nearest such day on or before `year_from` (another date of the article), else today.

    >>> dateline_date("WASHINGTON, March 14 (Reuters) - The talks began.", "2022-06-01")
    '2022-03-14'
    >>> dateline_date("Updated 1:53 PM ET, Mon March 14, 2022\\n\\nThe talks began.")
    '2022-03-14'
    """
    import dateparser

    head = text[:600]
    for pattern in (_STAMP, _DATELINE):
        m = pattern.search(head)
        if not m:
            continue
        base = dt.datetime.fromisoformat(year_from) if year_from else dt.datetime.now()
        d = dateparser.parse(m.group("d"), languages=["en"], settings={
            "REQUIRE_PARTS": ["day", "month"], "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": base.replace(hour=12, minute=0, second=0, microsecond=0)})
        if d:
            return d.date().isoformat()
    return None


def name_date(name: Optional[str]) -> Optional[str]:
    """A date written in a file name or URL path (``cnn_2022-03-14_x``, ``/2022/03/14/``, ``20220314``).

    >>> name_date("seeds/cnn_2022-03-14_sullivan_yang_rome.txt"), name_date("report-7.txt")
    ('2022-03-14', None)
    """
    for m in _IN_NAME.finditer(name or ""):
        try:
            return dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
        except ValueError:
            continue
    return None


def article_date(text: str, name: Optional[str] = None, given: Optional[str] = None,
                 given_source: str = "record", default: Optional[str] = None) -> tuple[Optional[str], Optional[str]]:
    """``(date, date_source)`` of an article: the date its record or page gives (`given`, already an
    ISO day, from `given_source`), else a dateline in the text, else a date in its file name or URL
    (`name`), else `default` (the ``--date`` option).

    >>> article_date("WASHINGTON, March 14 (Reuters) - Talks began.", "notes/2022-03-20.txt")
    ('2022-03-14', 'dateline')
    """
    if given:
        return given, given_source
    from_name = name_date(name)
    line = dateline_date(text, from_name or default)
    if line:
        return line, "dateline"
    if from_name:
        return from_name, "filename"
    if default:
        return default, "option"
    return None, None
