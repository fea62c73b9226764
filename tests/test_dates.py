"""Article dates (record, page, dateline, file name, --date) and event dates resolved against them."""
import json

import pytest

from graphkit import Document
from graphkit.dates import article_date, dateline_date, resolve
from graphkit.readers import ReadOptions, read_documents

from conftest import SEED


# ---------------------------------------------------------------------- article dates
def test_article_date_sources_in_order(tmp_path):
    d = tmp_path / "2023"
    d.mkdir()
    (d / "wire_2023-08-09_talks.txt").write_text("ANKARA, Aug. 8 (Reuters) - Turkey met Greece.")
    (d / "desk_2023-08-09_note.txt").write_text("Turkey met Greece.")
    (d / "plain.txt").write_text("Turkey met Greece.")
    (d / "records.jsonl").write_text(json.dumps({"id": "r", "text": "ANKARA, Aug. 8 (Reuters) - Turkey met Greece.",
                                                 "date": "2023-08-07T22:10:00Z"}) + "\n")
    docs = {doc.id: (doc.date, doc.date_source) for doc in read_documents([d], options=ReadOptions(date="2023-08-01"))}
    assert docs == {"r": ("2023-08-07", "record"),                      # the record's own date wins
                    "wire_2023-08-09_talks": ("2023-08-08", "dateline"),  # then a dateline (its year from the name)
                    "desk_2023-08-09_note": ("2023-08-09", "filename"),   # then a date in the file name
                    "plain": ("2023-08-01", "option")}                    # then --date
    assert {doc.date for doc in read_documents([d / "plain.txt"])} == {None}


def test_datelines_and_update_stamps():
    assert dateline_date("WASHINGTON, March 14 (Reuters) \u2013 Officials met.", "2022-12-01") == "2022-03-14"
    assert dateline_date("KYIV, Ukraine, 3 February 2023 (AP) \u2014 Shelling resumed.") == "2023-02-03"
    assert dateline_date("Updated 1:53 PM ET, Mon March 14, 2022\n\nOfficials met.") == "2022-03-14"
    # a date inside a sentence is no dateline
    assert dateline_date("Officials met in Washington on March 14, 2022.") is None
    assert article_date("Officials met.", "notes.txt") == (None, None)


def test_unreadable_record_date_is_a_notice_and_the_next_source_is_used(tmp_path):
    f = tmp_path / "news_2021-05-06.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "Chile met Peru.", "date": "sometime soon"}) + "\n")
    problems = []
    [doc] = read_documents([f], problems, options=ReadOptions(date="2021-01-01"))
    assert (doc.date, doc.date_source) == ("2021-01-01", "option")  # a record's file name dates nothing
    assert [(str(p), p.is_error) for p in problems] == [
        (f"{f}:1: date 'sometime soon' not understood; looking elsewhere", False)]


# ---------------------------------------------------------------------- event dates
def test_seed_article_is_dated_by_its_file_name_and_its_weekdays_resolve(seed_assertions):
    doc, assertions = seed_assertions
    assert (doc.date, doc.date_source) == ("2022-03-14", "filename")   # a Monday
    by = {(a.subject.id, a.event, a.object.id if a.object else None, a.trigger): a for a in assertions}
    [met] = [a for a in assertions if a.trigger == "met" and "Monday" in a.sentence["text"]]
    assert (met.date, met.date_text, met.date_precision) == ("2022-03-14", "Monday", "day")
    # "A senior US official told CNN Sunday that Moscow has asked Beijing ...": reported on the Sunday
    asked = next(a for a in assertions if a.trigger == "asked" and a.subject.text == "Moscow")
    assert (asked.date, asked.date_text, asked.date_precision) == ("2022-03-13", "Sunday", "day")
    peskov = by[("person:dmitry-peskov", "REJECT", "CHN", "denied")]
    assert (peskov.date, peskov.date_text) == ("2022-03-14", "Monday")
    undated = [a for a in assertions if a.date_text is None and a.mode not in ("future", "historical")]
    assert undated and all((a.date, a.date_precision) == ("2022-03-14", "article") for a in undated)


@pytest.mark.parametrize("sentence, expected", [
    ("Chile recalled its ambassador from Peru last week.", ("2023-06-05", "last week", "week", None)),
    ("Ghana accused Togo of harbouring rebels yesterday.", ("2023-06-13", "yesterday", "day", None)),
    ("Kenya hosted Ethiopian negotiators on March 3.", ("2023-03-03", "March 3", "day", "historical")),
    ("Mexico criticised Canada on May 30.", ("2023-05-30", "May 30", "day", None)),
    ("Norway signed a fisheries agreement with Iceland in 2006.", ("2006", "2006", "year", "historical")),
    ("Japan protested to South Korea on Sunday.", ("2023-06-11", "Sunday", "day", None)),
    ("Japan protested to South Korea.", ("2023-06-14", None, "article", None)),
])
def test_event_dates_of_sentences_resolve_against_the_article_date(extractor, sentence, expected):
    [a] = [a for a in extractor.extract_one(Document("d", sentence, date="2023-06-14")) if a.event]  # a Wednesday
    assert (a.date, a.date_text, a.date_precision, a.mode) == expected


def test_future_events_are_not_dated_by_the_article_and_absolute_dates_need_no_article(extractor):
    [a] = [a for a in extractor.extract_one(Document("d", "Peru will meet Chile.", date="2023-06-14")) if a.event]
    assert (a.mode, a.date, a.date_precision) == ("future", None, None)
    [a] = [a for a in extractor.extract_one(Document("d", "Peru will meet Chile on Friday.", date="2023-06-14"))
           if a.event]
    assert (a.date, a.date_precision) == ("2023-06-16", "day")
    [a] = [a for a in extractor.extract_one(Document("d", "Norway met Iceland in 2006.")) if a.event]
    assert (a.date, a.date_precision) == ("2006", "year")   # no article date: absolute dates still resolve
    [a] = [a for a in extractor.extract_one(Document("d", "Norway met Iceland yesterday.")) if a.event]
    assert (a.date, a.date_precision) == (None, None)       # relative ones cannot


def test_spans_and_decades_are_not_dates():
    from datetime import datetime
    base = datetime(2023, 6, 14, 12)
    assert [resolve(t, base) for t in ("three decades", "four months later", "the 1990s", "the weekend")] == [None] * 4
    assert resolve("last month", base)[::2] == ("2023-05", "month")
    assert resolve("Tuesday's", base)[::2] == ("2023-06-13", "day")
