"""Faults a user can cause or meet (issue 8): each ends in one line on stderr and a non-zero status, and
loses nothing already stored. Real processes, real SQLite files, real file systems: full and read-only
ones are small tmpfs mounts in a private mount namespace (`unshare -rm`)."""
import ctypes
import json
import multiprocessing
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from graphkit.model import Actor, Assertion, Document, Mention
from graphkit.sinks.files import atomic_output, export
from graphkit.sinks.store import Store
from graphkit.sinks.sync import forget

from conftest import CLOSED, ROOT, SEED, gk, gk_process


def one_error_line(stderr: str, *words: str) -> str:
    """The run's stderr is exactly one `graphkit: error:` line holding `words`."""
    assert "Traceback" not in stderr, stderr
    [line] = stderr.strip().splitlines()
    assert line.startswith("graphkit: error: ") and all(w in line for w in words), line
    return line


def need_namespaces() -> None:
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no private mount namespaces here (unshare -rm): cannot make a full or read-only disk")


_libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS, CLONE_NEWUSER, MS_RDONLY, MS_REMOUNT, MS_REC, MS_PRIVATE = 0x20000, 0x10000000, 1, 32, 0x4000, 0x40000


def _mount(source, target, fstype, flags=0, data=None) -> None:
    enc = lambda x: None if x is None else str(x).encode()  # noqa: E731
    if _libc.mount(enc(source), enc(target), enc(fstype), flags, enc(data)) != 0:
        raise OSError(ctypes.get_errno(), f"mount {target}")


@contextmanager
def tmpfs(folder: Path, size: str = "1m", copy=(), read_only: bool = False, keep=None):
    """For a process forked by gk_process (single-threaded, as unshare needs): what `unshare -rm` and `mount -t
    tmpfs -o size=SIZE` do, a private user and mount namespace with a small tmpfs on `folder`, holding copies
    of the files `copy`, remounted read-only if asked; its files are copied to `keep` when the command ends."""
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare")
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"0 {uid} 1")
    Path("/proc/self/gid_map").write_text(f"0 {gid} 1")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", folder, "tmpfs", 0, f"size={size}")
    for f in copy:
        shutil.copy(f, folder)
    if read_only:
        _mount(None, folder, None, MS_REMOUNT | MS_RDONLY)
    try:
        yield
    finally:
        for f in folder.iterdir() if keep else ():
            shutil.copy(f, keep)


def mention(id, name, type="country", country=None, **kw) -> Mention:
    return Mention(Actor(id, name, type, country or (id if type == "country" else None), **kw), name, 0, len(name))


def assertion(doc, subject, obj, event="CONSULT", **kw) -> Assertion:
    return Assertion(doc, {"index": 0, "text": f"{subject.text} met {obj.text}."}, 0, 10, subject, "meet", obj,
                     event=event, cameo="040", **kw)


@pytest.fixture
def small_store(tmp_path):
    """A store of one short article, extracted for real."""
    (tmp_path / "a.txt").write_text("Russia invaded Ukraine. Japan condemned North Korea.")
    db = tmp_path / "g.db"
    r = gk("ingest", tmp_path / "a.txt", "--store", db)
    assert r.code == 0, r.stderr
    return db


# ---------------------------------------------------------------------- 3: one text under two ids
def test_same_text_under_two_ids_is_stored_under_both_and_an_id_takes_its_new_text(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps(d) + "\n" for d in [
        {"id": "a", "text": "Russia invaded Ukraine."}, {"id": "b", "text": "Russia invaded Ukraine."},
        {"id": "c", "text": "Japan condemned North Korea."}]))
    db = tmp_path / "g.db"
    r = gk("ingest", docs, "--store", db)
    assert r.code == 0 and "3 new, 0 changed, 0 unchanged" in r.stdout, r.stderr
    docs.write_text(json.dumps({"id": "a", "text": "Japan condemned North Korea."}) + "\n")
    r = gk("ingest", docs, "--store", db)  # a's new text is stored under c already: a still takes it
    assert r.code == 0 and "0 new, 1 changed, 0 unchanged" in r.stdout, r.stderr
    with Store.open(db) as st:
        texts = {x["id"]: x for x in st.articles()}
        assert set(texts) == {"a", "b", "c"} and texts["a"]["sha256"] == texts["c"]["sha256"]
        assert {(a.doc_id, a.event) for a in st.assertions()} == {("a", "ACCUSE"), ("b", "ASSAULT"), ("c", "ACCUSE")}


# ---------------------------------------------------------------------- 6: exports
def test_export_errors_are_one_line_and_leave_nothing_behind(small_store, tmp_path, tmp_path_factory):
    r = gk("export", tmp_path / "missing" / "g.graphml", "-f", "graphml", "--store", small_store)
    assert r.code == 2 and "folder" in one_error_line(r.stderr, "missing", "does not exist")
    r = gk("export", tmp_path, "-f", "gexf", "--store", small_store)
    assert r.code == 2 and one_error_line(r.stderr, str(tmp_path), "is a folder")
    (tmp_path / "file").write_text("x")
    r = gk("export", tmp_path / "file", "-f", "neo4j-admin", "--store", small_store)
    assert r.code == 2 and one_error_line(r.stderr, "not a folder")
    ro = tmp_path / "ro"
    ro.mkdir()
    need_namespaces()
    err_file = tmp_path_factory.mktemp("stderr") / "err"
    with open(err_file, "w") as err:
        proc = gk_process("export", ro / "g.jsonl", "-f", "jsonl", "--store", small_store, stderr=err,
                          within=lambda: tmpfs(ro, read_only=True))
    proc.join(120)
    assert proc.exitcode == 2
    one_error_line(err_file.read_text(), f"{ro}/g.jsonl", "Read-only file system")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("g.db")) == ["a.txt", "file", "ro"]


def test_export_that_fails_midway_keeps_the_previous_file(tmp_path, seed_assertions):
    """A write limit (RLIMIT_FSIZE: the kernel refuses to grow a file, as a full disk does) stops the
    export midway: the previous export is left as it was, and no temporary file stays."""
    db = tmp_path / "g.db"
    doc, assertions = seed_assertions
    with Store.open(db) as st:  # the sample article under three ids: an export of ~100 kB
        for copy in ("copy-0", "copy-1", "copy-2"):
            st.put(replace(doc, id=copy), [replace(a, doc_id=copy, id="", article=None) for a in assertions])
    out = tmp_path / "g.graphml"
    out.write_text("previous export\n")

    @contextmanager
    def limit():  # room for the store's own files (WAL index: 32 KiB), not for the whole export
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))
        yield

    with open(tmp_path / "err", "w") as err:
        proc = gk_process("export", out, "-f", "graphml", "--store", db, stderr=err, within=limit)
    proc.join(120)
    assert proc.exitcode == 2
    one_error_line((tmp_path / "err").read_text(), str(out), "File too large", "previous file is unchanged")
    assert out.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_graphml_and_gexf_of_text_with_control_characters_are_well_formed_xml(tmp_path):
    bad = "ctrl\x01\x0b\x1fchars"
    a = assertion("doc\x02", mention("person:x\x03", f"Mr {bad}", "person", "USA"), mention("CHN", "China"),
                  date="2022-03-14\x07")
    with Store.open(tmp_path / "g.db") as st:
        st.put(Document("doc\x02", f"Text {bad}.", title=bad), [a])
        for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
            out = tmp_path / f"g.{fmt}"
            export(st, fmt, out)
            ET.parse(out)  # well-formed XML
            G = read(out)
            assert G.number_of_edges() == 1 and any("\ufffd" in n for n in G.nodes)


# ---------------------------------------------------------------------- 8: one atomic-write helper
def test_output_keeps_symlinks_writes_through_fifos_and_devices_and_keeps_the_umask(tmp_path):
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    with atomic_output(link) as f:
        f.write("new\n")
    assert link.is_symlink() and target.read_text() == "new\n" and stat.S_IMODE(target.stat().st_mode) == 0o640
    old = os.umask(0o027)
    try:
        with atomic_output(tmp_path / "fresh.jsonl") as f:
            f.write("x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "fresh.jsonl").stat().st_mode) == 0o640  # 0666 & ~027, not mkstemp's 0600
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    r = gk("extract", "-", "-o", fifo, input="Russia invaded Ukraine.")
    assert r.code == 0, r.stderr
    assert json.loads(reader.communicate(timeout=30)[0])["event"] == "ASSAULT"
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the FIFO, not a file renamed over it
    with atomic_output("/dev/null") as f:  # a device is written through, never replaced
        f.write("x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# ---------------------------------------------------------------------- 9: two ingests creating one store
def _put_article(db, name):
    with Store.open(db) as st:
        st.put(Document(name, "Text of " + name), [])


def test_two_processes_creating_one_new_store_both_succeed(tmp_path):
    fork = multiprocessing.get_context("fork")  # two processes started at the same moment, as fast as can be
    for attempt in range(6):
        db = tmp_path / f"g{attempt}.db"
        procs = [fork.Process(target=_put_article, args=(db, name)) for name in ("one", "two")]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0, 0]  # a failure's traceback is in the captured stderr
        with Store.open(db, create=False) as st:
            assert [x["id"] for x in st.articles()] == ["one", "two"]


# ---------------------------------------------------------------------- 10: the file system and the streams
def test_read_only_store_and_folder_are_read_not_written(small_store, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    (tmp_path / "b.txt").write_text("China met Japan.")
    need_namespaces()
    read_only_store = lambda: tmpfs(ro, copy=[small_store], read_only=True)  # noqa: E731
    with open(tmp_path / "analysis.json", "w") as out:
        analyze = gk_process("analyze", "--store", ro / "g.db", "--format", "json", stdout=out, within=read_only_store)
    analyze.join(120)
    assert analyze.exitcode == 0
    assert json.loads((tmp_path / "analysis.json").read_text())["edges"] == 2
    with open(tmp_path / "err", "w") as err:
        ingest = gk_process("ingest", tmp_path / "b.txt", "--store", ro / "g.db", stderr=err, within=read_only_store)
    ingest.join(120)
    assert ingest.exitcode == 2
    one_error_line((tmp_path / "err").read_text(), f"{ro}/g.db", "read-only")


def test_corrupted_store_is_one_line(small_store, tmp_path):
    with sqlite3.connect(small_store) as c:  # fold the WAL into the file, then damage its pages
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(small_store.read_bytes())
    data[4096:] = bytes((b ^ 0x5A) for b in data[4096:])
    small_store.write_bytes(bytes(data))
    for args in (["analyze"], ["export", tmp_path / "x.jsonl", "-f", "jsonl"]):
        r = gk(*args, "--store", small_store)
        assert r.code == 2
        one_error_line(r.stderr, str(small_store), "corrupt")


def test_disk_full_during_ingest_keeps_finished_articles(tmp_path, extractor):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SEED.read_text()
    for i in range(4):
        (corpus / f"a{i}.txt").write_text(f"Report number {i}\n{text}")
    disk = tmp_path / "disk"
    disk.mkdir()
    need_namespaces()
    with open(tmp_path / "err", "w") as err:
        proc = gk_process("ingest", corpus, "--store", disk / "g.db", stderr=err,
                          within=lambda: tmpfs(disk, "300k", keep=tmp_path))
    proc.join(120)
    assert proc.exitcode == 2
    one_error_line((tmp_path / "err").read_text(), "No space left on device", "kept")
    with Store.open(tmp_path / "g.db") as st:  # what was committed is intact and complete
        assert 0 < st.counts()["articles"] < 4
        assert st.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("args, streams, words", [
    (["extract", "-"], {"stdin": CLOSED}, ["<stdin>", "closed"]),
    (["analyze", "--store", "{store}"], {"stdout": CLOSED}, ["<stdout>", "closed"]),
    (["analyze", "--store", "{store}"], {"stdout": "/dev/full"}, ["<stdout>", "No space left on device"]),
    (["export", "/dev/stdout", "-f", "jsonl", "--store", "{store}"], {"stdout": "/dev/full"},
     ["No space left on device"]),
    (["--version"], {"stdout": "/dev/full"}, ["<stdout>", "No space left on device"]),
], ids=["stdin-closed", "stdout-closed", "analyze-full", "export-full", "version-full"])
def test_closed_or_full_standard_streams_are_one_line(args, streams, words, small_store, tmp_path):
    args = [a.replace("{store}", str(small_store)) for a in args]
    with open("/dev/full", "w") as full, open(tmp_path / "err", "w") as err:
        proc = gk_process(*args, stderr=err, **{k: full if v == "/dev/full" else v for k, v in streams.items()})
    proc.join(120)
    assert proc.exitcode == 2
    one_error_line((tmp_path / "err").read_text(), *words)


def test_a_full_stdout_is_one_line_when_stdout_is_buffered(tmp_path):
    """As users run it: a real interpreter with a block-buffered stdout (no PYTHONUNBUFFERED), whose final
    flush would fail a second time."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "graphkit.cli", "--version"], stdout=full, stderr=subprocess.PIPE,
                           text=True, env=env, cwd=ROOT)
    assert r.returncode == 2
    one_error_line(r.stderr, "<stdout>", "No space left on device")


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path):
    foreign = tmp_path / "app.db"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE t (x)")
    before = foreign.read_bytes()
    for args in (["ingest", SEED], ["analyze"]):
        r = gk(*args, "--store", foreign)
        assert r.code == 2 and one_error_line(r.stderr, "not a graphkit store")
    assert foreign.read_bytes() == before  # still in its own journal mode, not switched to WAL
    with sqlite3.connect(foreign) as c:
        assert c.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_analyze_does_not_turn_an_empty_file_into_a_store(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    r = gk("analyze", "--store", empty)
    assert r.code == 2 and one_error_line(r.stderr, str(empty), "empty file, not a graphkit store")
    assert empty.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


# ---------------------------------------------------------------------- 11: actor fields from the evidence
def _biden(doc: str, country: str) -> Assertion:
    return assertion(doc, mention("person:joe-biden", "Joe Biden", "person", country, sector="GOV"),
                     mention("CHN", "China"))


def test_actor_fields_come_from_the_most_articles_whatever_the_order(tmp_path):
    docs = [(Document(f"d{i}", f"text {i}"), [_biden(f"d{i}", c)]) for i, c in enumerate(["USA", "GBR", "USA"])]
    rows = []
    for order in (docs, docs[::-1], [docs[1], docs[0], docs[2]]):
        with Store.open(tmp_path / f"{len(rows)}.db") as st:
            for doc, asr in order:
                st.put(doc, asr)
            rows.append(st.dump()["actors"])
    assert rows[0] == rows[1] == rows[2]
    assert ("person:joe-biden", "Joe Biden", "person", "USA", "GOV", None) in rows[0]


def test_forget_recomputes_actor_fields_from_what_remains(tmp_path):
    with Store.open(tmp_path / "g.db") as st:
        st.put(Document("d1", "one"), [_biden("d1", "GBR")])
        st.put(Document("d2", "two"), [_biden("d2", "GBR")])
        st.put(Document("d3", "three"), [_biden("d3", "USA")])
        assert st.actor("person:joe-biden").country == "GBR"
        forget(st, "d1")
        forget(st, "d2")
        assert st.actor("person:joe-biden").country == "USA"  # only d3 speaks for Biden now
        forget(st, "d3")
        assert st.actor("person:joe-biden") is None and st.counts()["actors"] == 0


# ---------------------------------------------------------------------- 7: load input of the wrong shape
def test_load_of_wrong_shape_records_reports_each_line_and_loads_the_rest(loader, bolt, seed_assertions, tmp_path):
    good = [a.to_dict() for a in seed_assertions[1]]
    base = good[0]
    bad = [
        {**base, "subject": None}, {**base, "sentence": "a sentence"}, {**base, "doc_id": None},
        {**base, "object": "CHN"}, {**base, "article": {"date": {"year": 2022}}}, {**base, "confidence": [0.5]},
        {**base, "start": 2 ** 70}, {**base, "subject": {**base["subject"], "id": ""}}, [base], "text", 42,
    ]
    lines = [json.dumps(r) for r in good[:5]] + [json.dumps(r) for r in bad] + [json.dumps(r) for r in good[5:]]
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join(lines) + "\n")
    r = gk("load", f, "--uri", bolt.uri, "--user", bolt.user, "--database", bolt.database,
           env={"NEO4J_PASSWORD": bolt.password})
    assert r.code == 1 and "Traceback" not in r.stderr
    skipped = [line for line in r.stderr.splitlines() if line.startswith("graphkit: skipped")]
    assert [int(line.split(":")[2]) for line in skipped] == list(range(6, 6 + len(bad)))
    assert f"graphkit: skipped {f}:9: field 'object' must be an actor record" in r.stderr
    assert f"graphkit: skipped {f}:10: field 'article.date' must be a string or null, not an object" in r.stderr
    with_object = [a for a in seed_assertions[1] if a.object is not None]
    assert loader.run("MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS n")[0]["n"] == len(with_object)
