"""The embedded store and `graphkit ingest` / `forget`, on real SQLite files."""
import json
import sqlite3
import time

import pytest

from graphkit.sinks.store import Store, StoreError

from conftest import SEED, gk, gk_process


def cli(*args, env=None, input=None):
    return gk(*args, env=env, input=input)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Five distinct articles: the sample article, each with its own first line."""
    d = tmp_path_factory.mktemp("corpus")
    text = SEED.read_text()
    for i in range(5):
        (d / f"article-{i}.txt").write_text(f"Report number {i} from the wires\n{text}")
    return d


def test_ingest_twice_keeps_counts_and_skips_unchanged(tmp_path):
    db = tmp_path / "g.db"
    r1 = cli("ingest", str(SEED), "--store", str(db))
    assert r1.code == 0, r1.stderr
    assert "1 new, 0 changed, 0 unchanged" in r1.stdout and "top actors: Russia" in r1.stdout
    with Store.open(db) as st:
        first = st.counts()
        dump1 = st.dump()
    r2 = cli("ingest", str(SEED), "--store", str(db))
    assert r2.code == 0 and "0 new, 0 changed, 1 unchanged" in r2.stdout
    with Store.open(db) as st:
        assert st.counts() == first and first["assertions"] > 20
        assert st.dump() == dump1


def test_changed_article_replaces_its_assertions(tmp_path):
    db = tmp_path / "g.db"
    f = tmp_path / "a.txt"
    f.write_text("Russia invaded Ukraine.")
    assert cli("ingest", str(f), "--store", str(db)).code == 0
    f.write_text("China met Russia. Japan condemned North Korea.")
    r = cli("ingest", str(f), "--store", str(db))
    assert "0 new, 1 changed" in r.stdout
    with Store.open(db) as st:
        events = sorted((a.subject.id, a.event, a.object.id) for a in st.assertions())
    assert events == [("CHN", "CONSULT", "RUS"), ("JPN", "ACCUSE", "PRK")]  # the invasion is gone


def test_killed_ingest_then_rerun_equals_clean_ingest(tmp_path, corpus, extractor):
    db, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    reference = gk_process("ingest", corpus, "--store", clean)  # a clean ingest, on the other core meanwhile
    proc = gk_process("ingest", corpus, "--store", db)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and stored < 1:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db) as c:
                    stored = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    proc.kill()
    proc.join()
    with Store.open(db) as st:
        partial = st.counts()["articles"]
    assert 0 < partial < 5, partial
    r = cli("ingest", str(corpus), "--store", str(db))
    assert r.code == 0 and f"{5 - partial} new" in r.stdout, r.stdout + r.stderr
    reference.join(120)
    assert reference.exitcode == 0
    with Store.open(db) as a, Store.open(clean) as b:
        assert a.dump() == b.dump()


def test_forget_removes_exactly_one_article(tmp_path, corpus):
    db = tmp_path / "g.db"
    files = sorted(corpus.iterdir())[:2]
    assert cli("ingest", *map(str, files), "--store", str(db)).code == 0
    with Store.open(db) as st:
        before = {a.id: a.doc_id for a in st.assertions()}
    r = cli("forget", "article-0", "--store", str(db))
    assert r.code == 0, r.stderr
    with Store.open(db) as st:
        after = {a.id: a.doc_id for a in st.assertions()}
        assert [x["id"] for x in st.articles()] == ["article-1"]
    assert after == {k: v for k, v in before.items() if v != "article-0"} and after
    r = cli("forget", "article-0", "--store", str(db))
    assert r.code == 2 and "no article 'article-0'" in r.stderr


def test_foreign_and_corrupt_store_files_are_clear_errors(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    r = cli("analyze", "--store", str(junk))
    assert r.code == 2
    assert r.stderr.strip() == (f"graphkit: error: {junk}: not a graphkit store (the file is not an SQLite "
                                "database, or it is corrupt)")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE t (x)")
    r = cli("ingest", str(SEED), "--store", str(foreign))
    assert r.code == 2 and "an SQLite database, but not a graphkit store" in r.stderr
    with sqlite3.connect(foreign) as c:  # nothing was written into the foreign file
        assert [t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["t"]
    r = cli("analyze", "--store", str(tmp_path / "missing.db"))
    assert r.code == 2 and "no such store" in r.stderr


def test_store_api_round_trip(tmp_path, seed_assertions):
    doc, assertions = seed_assertions
    with Store.open(tmp_path / "g.db") as st:
        st.put(doc, assertions)
        assert [a.to_dict() for a in st.assertions()] == sorted(
            (a.to_dict() for a in assertions), key=lambda d: (d["doc_id"], d["start"], d["id"]))
        assert st.status(doc) == "unchanged"
    with pytest.raises(StoreError):
        Store.open(tmp_path / "nope" / "g.db")


def test_ingest_jsonl_from_stdin(tmp_path):
    db = tmp_path / "g.db"
    docs = "".join(json.dumps({"id": f"d{i}", "text": t, "date": "2022-03-14"}) + "\n"
                   for i, t in enumerate(["Russia invaded Ukraine.", "Japan condemned North Korea."]))
    r = cli("ingest", "-", "--store", str(db), input=docs)
    assert r.code == 0 and "2 new" in r.stdout
    with Store.open(db) as st:
        assert [x["date"] for x in st.articles()] == ["2022-03-14", "2022-03-14"]
