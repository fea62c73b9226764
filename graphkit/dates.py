"""Dates: an article's publication date (record, page, dateline, file name, --date) and each event's date.

Article dates are ISO days ("2022-03-14"). Event dates are ISO 8601 at the precision the text gives:
"2022-03-14" (day; for a week, the Monday it begins), "2022-03" (month), "2006" (year); an event whose
clause names no date takes its article's date, with ``date_precision`` "article".
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Iterable, Optional

#: where an article's date came from, best first
DATE_SOURCES = ("record", "page", "dateline", "filename", "option")

#: an event this many days or more before its article is historical (PLOVER's "historical" mode)
HISTORICAL_DAYS = 90

_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                           "sunday"))}
_PARTS_OF_DAY = {"morning", "afternoon", "evening", "night"}
_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "century",
          "centuries", "weekend", "weekends"}
_ANCHORS = {"ago", "last", "next", "this", "past", "previous", "coming"}
_VAGUE = {"late", "early", "mid", "earlier", "later", "the"}
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DAY_MONTH = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
#: "WASHINGTON, March 14 (Reuters) -", "KYIV, Ukraine, 14 March 2022 (AP) —"
_DATELINE = re.compile(rf"^[A-Z][A-Z.'\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.'\- ]{{1,30}})?,\s+(?P<d>{_DAY_MONTH})"
                       r"\s*(?:\([A-Za-z .&]{1,30}\)\s*)?[-\u2013\u2014]", re.M)
#: the head of a wire dateline, dated or not, up to the text it introduces: "KYIV, Ukraine (AP) — "
DATELINE_HEAD = re.compile(rf"^[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){{0,3}}(?:,\s*[A-Z][A-Za-z.'\- ]{{1,30}})?"
                           rf"(?:,\s+{_DAY_MONTH})?\s*(?:\([A-Za-z .&]{{1,30}}\)\s*)?[-\u2013\u2014]+\s+", re.M)
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


# ---------------------------------------------------------------------- event dates
def date_assertions(spacy_doc, assertions: Iterable, document) -> None:
    """Give each assertion its event's `date`, `date_text` and `date_precision`.

    The date is the DATE entity attached to the event's trigger (or to the verb whose clause reports
    it: "told CNN Sunday that Moscow asked"), resolved against the article's date; without one, the
    article's date (precision "article") — except for future and historical events, which did not
    happen on the day of the report. An event dated ``HISTORICAL_DAYS`` or more before its article is
    historical, and an event dated recently is not.
    """
    assertions = list(assertions)
    if not assertions:
        return
    base = _base(document.date)
    ents = [e for e in spacy_doc.ents if e.label_ == "DATE"]
    by_governor: dict[int, list] = {}
    for e in ents:
        g = _governor(e)
        if g is not None:
            by_governor.setdefault(g.i, []).append(e)
    for a in assertions:
        found = None
        trigger = _trigger_token(spacy_doc, a)
        for tok in _date_hosts(trigger):
            for e in by_governor.get(tok.i, ()):
                found = resolve(e.text, base, future=a.mode == "future")
                if found:
                    break
            if found:
                break
        if found:
            a.date, a.date_text, a.date_precision = found
            if base is not None and a.mode in (None, "historical"):
                a.mode = "historical" if _long_before(found, base) else None
        elif base is not None and a.mode not in ("future", "historical"):
            a.date, a.date_text, a.date_precision = base.date().isoformat(), None, "article"
        else:
            a.date = a.date_text = a.date_precision = None


def resolve(text: str, base: Optional[dt.datetime], future: bool = False) -> Optional[tuple[str, str, str]]:
    """``(date, date_text, precision)`` of a date expression, relative to `base` (the article's date;
    None resolves absolute dates only); None for durations, decades and what cannot be placed.

    >>> base = dt.datetime(2022, 3, 14, 12)   # a Monday
    >>> [resolve(t, base)[0] for t in ("Monday", "Sunday", "yesterday", "on March 3")]
    ['2022-03-14', '2022-03-13', '2022-03-13', '2022-03-03']
    >>> resolve("last week", base), resolve("in 2006", base)
    (('2022-03-07', 'last week', 'week'), ('2006', 'in 2006', 'year'))
    >>> resolve("three decades", base) is None and resolve("the 1990s", base) is None
    True
    """
    words = re.sub(r"['\u2019]s\b", "", text).lower().replace("-", " ").split()
    while words and words[0] in _VAGUE | {"on", "in", "at", "by", "during", "since"}:
        words = words[1:]
    if not words:
        return None
    if _UNITS & set(words) and not _ANCHORS & set(words) or re.fullmatch(r"\d{4}s", words[-1]):
        return None  # "three decades", "four months later", "the 1990s": a span, not a date
    if words[0] in _WEEKDAYS and set(words[1:]) <= _PARTS_OF_DAY:
        if base is None:
            return None
        shift = (_WEEKDAYS[words[0]] - base.weekday()) % 7 if future else -((base.weekday() - _WEEKDAYS[words[0]]) % 7)
        return (base + dt.timedelta(days=shift)).date().isoformat(), text, "day"
    phrase = " ".join(words)
    if base is None:
        a, b = _parse(phrase, dt.datetime(2000, 6, 15, 12), False), _parse(phrase, dt.datetime(2010, 6, 15, 12), False)
        found = a if a == b else None  # only what does not depend on the day it is read
    else:
        found = _parse(phrase, base, future)
    if not found:
        return None
    date, period = found
    if period == "week":
        date -= dt.timedelta(days=date.weekday())
    iso = {"year": "%Y", "month": "%Y-%m"}.get(period, "%Y-%m-%d")
    return date.strftime(iso), text, period if period in ("week", "month", "year") else "day"


@lru_cache(maxsize=4096)
def _parse(phrase: str, base: dt.datetime, future: bool) -> Optional[tuple[dt.datetime, str]]:
    from dateparser.date import DateDataParser

    data = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False}).get_date_data(phrase)
    d = data.date_obj
    if d is None or d.second or d.microsecond:  # seconds come only from "now": not a date in the text
        return None
    return d, data.period or "day"


def _base(date: Optional[str]) -> Optional[dt.datetime]:
    if not date:
        return None
    try:
        return dt.datetime.fromisoformat(date[:10]).replace(hour=12)
    except ValueError:
        return None


def _long_before(found: tuple[str, str, str], base: dt.datetime) -> bool:
    """Whether the whole period of an event date lies HISTORICAL_DAYS or more before `base`."""
    date, _, precision = found
    y = int(date[:4])
    if precision == "year":
        end = dt.date(y, 12, 31)
    elif precision == "month":
        m = int(date[5:7])
        end = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    else:
        end = dt.date.fromisoformat(date) + dt.timedelta(days=6 if precision == "week" else 0)
    return (base.date() - end).days >= HISTORICAL_DAYS


def _governor(ent):
    """The word a DATE entity modifies: the first verb (or other head) above it, skipping prepositions."""
    tok = ent.root
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ != "ADP":
            return tok
    return None


def _trigger_token(spacy_doc, a):
    """The token of the assertion's trigger inside its clause (offsets `start`..`end`)."""
    if not a.trigger:
        return None
    first = a.trigger.split()[0]
    span = spacy_doc.char_span(a.start, a.end, alignment_mode="expand")
    if span is None:
        return None
    for t in span:
        if t.text == first:
            return t
    return None


def _date_hosts(tok):
    """The words whose DATE dates the event, nearest first: the trigger; the verb of a nominal trigger ("signed
    an agreement", "launched an attack"); the verb a conjoined trigger hangs on; then the verbs whose reported
    or controlled clause the trigger is (at most two up: "told CNN Sunday that Moscow asked")."""
    if tok is None:
        return
    yield tok
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") or tok.dep_ == "conj":
        tok = tok.head
        yield tok
    for _ in range(2):
        if tok.dep_ not in ("ccomp", "xcomp") or tok.head.i == tok.i:
            return
        tok = tok.head
        yield tok
