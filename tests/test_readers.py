"""Readers of saved web pages, CSV/TSV/Parquet exports, RSS/Atom feeds and http(s) URLs (a local server)."""
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from graphkit.readers import InputError, ReadOptions, read_documents
from graphkit.readers.url import Fetcher

from conftest import gk

PAGE = """<!doctype html>
<html lang="en"><head>
<title>Envoys meet in Vienna | The Example Times</title>
<meta property="og:title" content="Iranian and Iraqi envoys meet in Vienna">
<meta name="author" content="Ada Lovelace">
<meta property="article:published_time" content="2023-05-02T08:30:00+02:00">
<link rel="canonical" href="https://news.example.org/world/envoys-vienna">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Iranian and Iraqi envoys meet in Vienna</h1>
<p>The foreign minister of Iran met his Iraqi counterpart in Vienna on Tuesday, both governments said in
statements released after the talks.</p>
<p>Iraq asked Iran to release water from two dams upstream, according to the Iraqi statement, which called
the shortage a threat to farmers in the south of the country.</p>
</article>
<aside>Most read: ten recipes for the weekend. Subscribe to our newsletter!</aside>
<footer>Copyright 2023 The Example Times. All rights reserved.</footer>
</body></html>
"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Example wire</title><link>https://wire.example.org/</link><description>World news</description>
<item>
  <title>Turkey protests to Greece over airspace</title>
  <link>https://wire.example.org/2023/06/01/turkey-greece</link>
  <guid>https://wire.example.org/2023/06/01/turkey-greece</guid>
  <pubDate>Thu, 01 Jun 2023 09:00:00 GMT</pubDate>
  <description><![CDATA[<p>Turkey protested to Greece on Wednesday over what it called violations of its airspace.</p>]]></description>
</item>
<item>
  <title>Japan and India sign a defence pact</title>
  <link>https://wire.example.org/2023/05/30/japan-india</link>
  <guid>wire-2</guid>
  <pubDate>Tue, 30 May 2023 17:45:00 GMT</pubDate>
  <description>Japan signed a defence agreement with India in Tokyo.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:wire</id><updated>2023-06-02T00:00:00Z</updated>
<entry><title>Chile recalls its ambassador to Peru</title><id>urn:wire:1</id>
<link href="https://atom.example.org/chile-peru"/><updated>2023-06-02T10:00:00Z</updated>
<author><name>Wire staff</name></author>
<content type="html">&lt;p&gt;Chile recalled its ambassador to Peru on Friday.&lt;/p&gt;</content></entry>
</feed>
"""



# ---------------------------------------------------------------------- files
def test_html_page_gives_main_text_title_author_date_and_canonical_url(tmp_path):
    f = tmp_path / "vienna.html"
    f.write_text(PAGE)
    [d] = read_documents([f])
    assert d.id == "vienna" and d.title == "Iranian and Iraqi envoys meet in Vienna"
    assert d.text.startswith("Iranian and Iraqi envoys meet in Vienna\n\nThe foreign minister of Iran met his Iraqi "
                             "counterpart in Vienna on Tuesday")
    assert "Iraq asked Iran to release water" in d.text
    assert not any(junk in d.text for junk in ("Home", "recipes", "Copyright", "newsletter"))
    assert (d.date, d.date_source) == ("2023-05-02", "page")
    assert (d.author, d.url) == ("Ada Lovelace", "https://news.example.org/world/envoys-vienna")


def test_page_without_text_is_an_error_naming_it(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><head><title>Nothing</title></head><body><script>var x = 1;</script></body></html>")
    problems = []
    assert list(read_documents([f], problems)) == []
    assert [(str(p), p.is_error) for p in problems] == [(f"skipped {f}: no article text found in this page", True)]


def test_csv_columns_found_by_their_common_names(tmp_path):
    f = tmp_path / "export.csv"
    f.write_text('article_id,headline,body,publish_date,link\n'
                 'n1,Kenya hosts talks,"Kenya hosted talks between Ethiopia and Eritrea on Monday.\nBoth sides '
                 'agreed to meet again.",2023-04-03,https://a.example/n1\n'
                 'n2,,,2023-04-04,\n'
                 'n3,Ghana and Togo,"Ghana accused Togo of harbouring rebels.",04/05/2023,\n', encoding="utf-8")
    problems = []
    docs = list(read_documents([f], problems))
    assert [(d.id, d.title, d.date, d.url) for d in docs] == [
        ("n1", "Kenya hosts talks", "2023-04-03", "https://a.example/n1"),
        ("n3", "Ghana and Togo", "2023-04-05", None)]
    assert docs[0].text == ("Kenya hosted talks between Ethiopia and Eritrea on Monday.\n\n"
                            "Both sides agreed to meet again.")
    assert [(str(p), p.is_error) for p in problems] == [(f"skipped {f} row 2: empty document", False)]


def test_tsv_and_semicolon_csv_and_named_columns(tmp_path):
    tsv = tmp_path / "a.tsv"
    tsv.write_text("key\tstory\twhen\nk1\tMexico criticised the United States.\t2023-01-09\n")
    semi = tmp_path / "b.csv"
    semi.write_text("id;text;date\ns1;Brazil met Argentina in Buenos Aires.;2023-01-10\n")
    opts = ReadOptions(text_column="story", id_column="key", date_column="when")
    [a] = read_documents([tsv], options=opts)
    assert (a.id, a.text, a.date) == ("k1", "Mexico criticised the United States.", "2023-01-09")
    [b] = read_documents([semi])
    assert (b.id, b.text, b.date) == ("s1", "Brazil met Argentina in Buenos Aires.", "2023-01-10")
    problems = []
    assert list(read_documents([semi], problems, options=ReadOptions(text_column="story"))) == []
    assert [str(p) for p in problems] == [f"skipped {semi}: no text column (story) among: id, text, date; name it "
                                          "with --text-column"]


def test_parquet_is_read_in_batches_of_the_columns_used(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from graphkit.readers import table

    n = table.BATCH_ROWS * 2 + 5  # more than one batch
    f = tmp_path / "export.parquet"
    pq.write_table(pa.table({
        "id": [f"p{i}" for i in range(n)],
        "title": [f"Report {i}" for i in range(n)],
        "content": [f"Norway met Sweden in Oslo on day {i}." for i in range(n)],
        "published": pa.array([__import__("datetime").datetime(2023, 2, 1, 12)] * n, pa.timestamp("s")),
        "unused": [b"\x00" * 10] * n}), f, row_group_size=500)
    docs = list(read_documents([f]))
    assert len(docs) == n and docs[-1].id == f"p{n - 1}" and docs[-1].title == f"Report {n - 1}"
    assert (docs[0].text, docs[0].date, docs[0].date_source) == ("Norway met Sweden in Oslo on day 0.", "2023-02-01",
                                                                 "record")
    bad = tmp_path / "broken.parquet"
    bad.write_bytes(b"PAR1 this is not really parquet")
    problems = []
    assert list(read_documents([bad], problems)) == []
    [p] = problems
    assert p.is_error and str(p).startswith(f"skipped {bad}: not a readable Parquet file (")


def test_rss_and_atom_feeds_give_one_document_an_entry(tmp_path):
    (tmp_path / "wire.rss").write_text(FEED)
    (tmp_path / "wire.atom").write_text(ATOM)
    docs = list(read_documents([tmp_path / "wire.rss", tmp_path / "wire.atom"]))
    assert [(d.id, d.title, d.date, d.url) for d in docs] == [
        ("https://wire.example.org/2023/06/01/turkey-greece", "Turkey protests to Greece over airspace", "2023-06-01",
         "https://wire.example.org/2023/06/01/turkey-greece"),
        ("wire-2", "Japan and India sign a defence pact", "2023-05-30",
         "https://wire.example.org/2023/05/30/japan-india"),
        ("urn:wire:1", "Chile recalls its ambassador to Peru", "2023-06-02", "https://atom.example.org/chile-peru")]
    assert docs[0].text == "Turkey protested to Greece on Wednesday over what it called violations of its airspace."
    assert docs[2].text == "Chile recalled its ambassador to Peru on Friday." and docs[2].author == "Wire staff"


def test_a_file_that_is_not_a_feed_is_an_error(tmp_path):
    f = tmp_path / "sitemap.xml"
    f.write_text("<?xml version='1.0'?><urlset><url><loc>https://x.example/</loc></url></urlset>")
    problems = []
    assert list(read_documents([f], problems)) == []
    [p] = problems
    assert p.is_error and str(p).startswith(f"skipped {f}: not an RSS or Atom feed")


# ---------------------------------------------------------------------- URLs, from a server this test starts
class _Handler(BaseHTTPRequestHandler):
    routes = {"/vienna": ("text/html; charset=utf-8", PAGE), "/feed": ("application/rss+xml", FEED),
              "/2023/07/01/plain": ("text/plain", "Peru protested to Chile.")}
    seen: list = []
    flaky: dict = {}

    def do_GET(self):
        self.seen.append((self.path, self.headers.get("User-Agent")))
        if self.path == "/flaky" and not self.flaky.get("served"):
            self.flaky["served"] = True
            return self._send(503, "text/plain", "busy")
        if self.path == "/flaky":
            return self._send(200, "text/plain", "Chad and Niger signed a border treaty.")
        if self.path == "/big":
            return self._send(200, "text/plain", "Big news. " * 20_000)
        if self.path not in self.routes:
            return self._send(404, "text/plain", "not here")
        self._send(200, *self.routes[self.path])

    def _send(self, status, ctype, body):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_of_a_page_a_feed_and_a_text_are_fetched_politely(server):
    _Handler.seen.clear()
    problems = []
    docs = list(read_documents([f"{server}/vienna", f"{server}/feed", f"{server}/2023/07/01/plain"], problems))
    assert problems == []
    page, *entries, plain = docs
    assert (page.id, page.title, page.date) == (f"{server}/vienna", "Iranian and Iraqi envoys meet in Vienna",
                                               "2023-05-02")
    assert "Iraq asked Iran to release water" in page.text
    assert [e.title for e in entries] == ["Turkey protests to Greece over airspace",
                                          "Japan and India sign a defence pact"]
    assert (plain.text, plain.date, plain.date_source) == ("Peru protested to Chile.", "2023-07-01", "filename")
    assert all(ua.startswith("graphkit/") for _, ua in _Handler.seen)


def test_url_retries_after_a_server_error_and_reports_failures_in_one_line(server):
    f = Fetcher(pause=0)
    _Handler.flaky.clear()
    src = f.fetch(f"{server}/flaky")
    assert src.data == b"Chad and Niger signed a border treaty."
    assert [p for p, _ in _Handler.seen[-2:]] == ["/flaky", "/flaky"]  # 503, then again
    with pytest.raises(InputError, match=r"/missing: HTTP 404 Not Found$"):
        f.fetch(f"{server}/missing")
    with pytest.raises(InputError, match=r"/big: larger than the limit of 50,000 bytes$"):
        Fetcher(pause=0, max_bytes=50_000).fetch(f"{server}/big")
    closed = Fetcher(pause=0, retries=1, backoff=0)
    with pytest.raises(InputError, match=r"^http://127.0.0.1:9/x: could not fetch \(.*refused"):
        closed.fetch("http://127.0.0.1:9/x")


def test_cli_ingests_every_kind_of_input_with_titles_and_dates(tmp_path, server):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "vienna.html").write_text(PAGE)
    (tmp_path / "in" / "wire.rss").write_text(FEED)
    (tmp_path / "in" / "a.csv").write_text("id,title,text,date\nc1,Kenya hosts talks,Kenya hosted Ethiopia.,"
                                           "2023-04-03\n")
    pq.write_table(pa.table({"id": ["q1"], "headline": ["Norway and Sweden"], "text": ["Norway met Sweden."],
                             "date": ["2023-02-01"]}), tmp_path / "in" / "b.parquet")
    (tmp_path / "in" / "notes.odt").write_bytes(b"PK")
    db = tmp_path / "g.db"
    r = gk("ingest", str(tmp_path / "in"), f"{server}/2023/07/01/plain", "--store", str(db))
    assert r.code == 0, r.stderr
    assert r.stderr.splitlines() == [f"graphkit: {tmp_path / 'in'}: 1 file(s) of other kinds not read (notes.odt)"]
    rows = sqlite3.connect(db).execute("SELECT id, title, date, date_source FROM articles ORDER BY id").fetchall()
    assert rows == [("c1", "Kenya hosts talks", "2023-04-03", "record"),
                    (f"{server}/2023/07/01/plain", None, "2023-07-01", "filename"),
                    ("https://wire.example.org/2023/06/01/turkey-greece", "Turkey protests to Greece over airspace",
                     "2023-06-01", "record"),
                    ("q1", "Norway and Sweden", "2023-02-01", "record"),
                    ("vienna", "Iranian and Iraqi envoys meet in Vienna", "2023-05-02", "page"),
                    ("wire-2", "Japan and India sign a defence pact", "2023-05-30", "record")]
    author = sqlite3.connect(db).execute("SELECT author FROM articles WHERE id = 'vienna'").fetchone()
    assert author == ("Ada Lovelace",)


def test_cli_unknown_or_unreadable_input_is_one_line(tmp_path, server):
    (tmp_path / "articles.odt").write_bytes(b"PK")
    r = gk("extract", str(tmp_path / "articles.odt"))
    assert r.code == 2 and r.stderr.splitlines() == [
        f"graphkit: error: {tmp_path / 'articles.odt'}: unknown kind of input (.odt); give --format "
        "text|jsonl|html|csv|tsv|parquet|feed"]
    (tmp_path / "broken.parquet").write_bytes(b"nope")
    r = gk("extract", str(tmp_path / "broken.parquet"), f"{server}/missing")
    assert r.code == 2 and "Traceback" not in r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"graphkit: skipped {tmp_path / 'broken.parquet'}: not a readable "
                                                   "Parquet file")
    assert lines[1] == f"graphkit: skipped {server}/missing: HTTP 404 Not Found"
    r = gk("extract", "-", "--format", "pdf", input="x")
    assert r.code == 2 and r.stderr.splitlines() == [
        "graphkit: error: --format: must be one of text, jsonl, html, csv, tsv, parquet, feed, not 'pdf'"]
    r = gk("extract", "-", "--date", "someday", input="x")
    assert r.code == 2 and r.stderr.splitlines() == [
        "graphkit: error: --date: 'someday' is not a date (give YYYY-MM-DD)"]


def test_stdin_is_read_by_its_content(tmp_path):
    import io
    [d] = read_documents(["-"], stdin=io.BytesIO(PAGE.encode()))
    assert d.title == "Iranian and Iraqi envoys meet in Vienna" and d.date == "2023-05-02"
    docs = list(read_documents(["-"], stdin=io.BytesIO(FEED.encode())))
    assert len(docs) == 2
