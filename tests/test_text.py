"""Reading text and JSONL inputs, document ids, and normalising hard-wrapped article text."""
import ctypes
import io
import json
import multiprocessing
import os

import pytest

from graphkit.readers import InputError, ReadOptions, normalize, read_documents, sources

from conftest import SEED, gk



def test_reflows_hard_wrapped_lines_and_keeps_paragraphs():
    title, text = normalize(SEED.read_text())
    assert title == "Top US and Chinese officials hold high-stakes meeting in Rome"
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == title
    assert "The Chinese state media report provided no further details" in text  # "The\nChinese"
    assert "Kremlin spokesperson Dmitry Peskov on Monday" in text             # "Dmitry\nPeskov"
    assert "A key meeting" in paragraphs                                      # a sub-heading stays alone
    assert not any("\n" in p for p in paragraphs)


def test_normalisation_is_idempotent():
    _, once = normalize(SEED.read_text())
    assert normalize(once)[1] == once


def test_offsets_refer_to_normalised_text(seed_assertions):
    doc, assertions = seed_assertions
    for a in assertions:
        s = a.subject
        assert doc.text[s.start:s.end] == s.text
        assert a.sentence["text"] in doc.text


def test_folder_is_read_recursively_with_ids_from_paths_under_it(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Russia invaded Ukraine.")
    (tmp_path / "two.md").write_text("China met Russia.")
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "j1", "text": "Iran protested."}) + "\n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    problems = []
    ids = [d.id for d in read_documents([tmp_path], problems)]
    assert sorted(ids) == ["a/one", "j1", "two"]
    assert [str(p) for p in problems] == [f"{tmp_path}: 1 file(s) of other kinds not read (photo.jpg)"]
    assert not problems[0].is_error
    # a file named by itself: its name without the suffix
    assert [d.id for d in read_documents([tmp_path / "a" / "one.txt"])] == ["one"]


def test_same_file_name_in_two_folders_and_two_suffixes_is_never_silent(tmp_path):
    """Issue 8, case 2: x/report.txt, y/report.txt, y/report.md used to become one id, silently."""
    for rel, text in (("x/report.txt", "Russia invaded Ukraine."), ("y/report.txt", "China met Russia."),
                      ("y/report.md", "Iran protested to Iraq.")):
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text(text)
    problems = []
    docs = list(read_documents([tmp_path], problems))
    assert [(d.id, d.text) for d in docs] == [("x/report", "Russia invaded Ukraine."),
                                             ("y/report", "Iran protested to Iraq.")]
    [p] = problems
    assert p.is_error and str(p) == (f"skipped {tmp_path / 'y/report.txt'}: id 'y/report' is already used by "
                                     f"{tmp_path / 'y/report.md'}; give each document its own id")


def test_duplicate_jsonl_ids_are_reported_naming_both(tmp_path):
    """Issue 8, case 2: two JSONL records with one id and different texts: the second is an error naming the first;
    the same record twice is a notice."""
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"id": "d1", "text": "Russia invaded Ukraine."}) + "\n")
    b.write_text(json.dumps({"id": "d1", "text": "China met Russia."}) + "\n"
                 + json.dumps({"id": "d2", "text": "Iran protested."}) + "\n"
                 + json.dumps({"id": "d2", "text": "Iran protested."}) + "\n")
    problems = []
    assert [d.id for d in read_documents([a, b], problems)] == ["d1", "d2"]
    assert [(str(p), p.is_error) for p in problems] == [
        (f"skipped {b}:1: id 'd1' is already used by {a}:1; give each document its own id", True),
        (f"skipped {b}:3: the same document as {b}:2 (id 'd2')", False)]


def test_ingest_of_colliding_names_stores_both_and_says_so(tmp_path):
    """Issue 8, case 2, end to end: before, "1 new, 0 changed, 2 unchanged", exit 0 and one article stored."""
    stem = tmp_path / "stem"
    for rel, text in (("x/report.txt", "Russia invaded Ukraine."), ("y/report.txt", "China met Russia."),
                      ("y/report.md", "Iran protested to Iraq.")):
        (stem / rel).parent.mkdir(parents=True, exist_ok=True)
        (stem / rel).write_text(text)
    r = gk("ingest", str(stem), "--store", str(tmp_path / "g.db"))
    assert r.code == 1 and "2 new, 0 changed, 0 unchanged" in r.stdout
    assert r.stderr.splitlines() == [f"graphkit: skipped {stem / 'y/report.txt'}: id 'y/report' is already used by "
                                     f"{stem / 'y/report.md'}; give each document its own id"]


def test_jsonl_fields_and_bad_lines_are_reported_with_line_numbers(tmp_path):
    f = tmp_path / "docs.jsonl"
    f.write_text('{"id": "a", "text": "Russia invaded Ukraine.", "title": "T", "date": "2022-03-14", "url": "u"}\n'
                 "not json\n"
                 '{"id": "c"}\n'
                 '{"id": "d", "text": ""}\n'
                 '{"id": "e", "headline": "H", "content": "China met Russia.", "published": "Mon, 14 Mar 2022"}\n')
    problems = []
    docs = list(read_documents([f], problems))
    assert [d.id for d in docs] == ["a", "e"]
    assert (docs[0].title, docs[0].date, docs[0].date_source, docs[0].url) == ("T", "2022-03-14", "record", "u")
    assert (docs[1].title, docs[1].text, docs[1].date) == ("H", "China met Russia.", "2022-03-14")
    assert [str(p) for p in problems] == [
        f"skipped {f}:2: not JSON (Expecting value)",
        f'skipped {f}:3: no "text" string in this record',
        f"skipped {f}:4: empty document",
    ]
    assert [p.is_error for p in problems] == [True, True, False]


def test_deeply_nested_jsonl_line_is_a_one_line_error(tmp_path):
    """Issue 8, case 10: a JSONL line nested 100,000 deep was a RecursionError traceback."""
    f = tmp_path / "deep.jsonl"
    f.write_text('{"id": "a", "text": "Russia invaded Ukraine."}\n' + "[" * 100_000 + "]" * 100_000 + "\n")
    r = gk("extract", str(f))
    assert r.code == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [f"graphkit: skipped {f}:2: JSON nested too deeply"]
    assert [json.loads(line)["doc_id"] for line in r.stdout.splitlines()] == ["a"]


def test_binary_undecodable_and_empty_files_are_skipped(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "ok.txt").write_text("Russia invaded Ukraine.")
    problems = []
    docs = list(read_documents([tmp_path], problems))
    assert [d.id for d in docs] == ["ok"]
    messages = sorted(p.message for p in problems)
    assert messages == ["binary file (NUL bytes), not text", "empty document",
                        "not UTF-8 text (undecodable byte at offset 3)"]


def test_utf16_and_utf32_files_with_a_bom_are_text(tmp_path):
    """Issue 8, case 12: a UTF-16 file (as Windows' Notepad saves "Unicode") was reported as binary."""
    text = "Russia invaded Ukraine.\nChina met Russia in Beijing \u2014 \u00e0 propos."
    for codec in ("utf-16", "utf-16-be", "utf-32"):
        bom = {"utf-16-be": b"\xfe\xff"}.get(codec, b"")
        (tmp_path / f"{codec}.txt").write_bytes(bom + text.encode(codec))
    problems = []
    docs = list(read_documents([tmp_path], problems))
    assert problems == [] and [d.id for d in docs] == ["utf-16-be", "utf-16", "utf-32"]
    assert {d.text for d in docs} == {normalize(text)[1]}


def _drop_permission_override() -> None:
    """What `setpriv --bounding-set=-dac_override,-dac_read_search` leaves a root process: capset(2) clears
    CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH (2), the capabilities that let root read any folder."""
    libc = ctypes.CDLL(None, use_errno=True)
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()  # {effective, permitted, inheritable} for capabilities 0-31, then 32-63
    if libc.capget(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    data[0] &= ~0b110  # effective
    data[1] &= ~0b110  # permitted
    if libc.capset(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def _read_without_override(folder, conn) -> None:
    if os.geteuid() == 0:
        _drop_permission_override()
    problems = []
    ids = [d.id for d in read_documents([folder], problems)]
    conn.send((ids, [(str(p), p.is_error) for p in problems]))


def test_unreadable_folder_is_reported(tmp_path):
    """Issue 8, case 10: a folder that cannot be listed was skipped without a word. Root reads every folder, so
    the reading runs in a forked process without the capabilities that override file permissions."""
    for sub in ("open", "closed"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text("Russia invaded Ukraine.")
    (tmp_path / "closed").chmod(0o000)
    results, child_end = multiprocessing.Pipe()
    reader = multiprocessing.get_context("fork").Process(target=_read_without_override, args=(tmp_path, child_end))
    try:
        reader.start()
        assert results.poll(60), "the reading process gave no result"  # its traceback is in the captured stderr
        ids, problems = results.recv()
    finally:
        reader.join(60)
        (tmp_path / "closed").chmod(0o755)
    assert ids == ["open/a"]
    assert problems == [(f"skipped {tmp_path / 'closed'}: cannot read this folder (Permission denied)", True)]


def test_missing_path_and_unknown_kind_are_fatal_before_reading(tmp_path):
    (tmp_path / "ok.txt").write_text("Russia invaded Ukraine.")
    with pytest.raises(InputError, match="no such file or folder"):
        sources([tmp_path / "ok.txt", tmp_path / "missing.txt"])
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError) as e:
        sources([tmp_path / "notes.pdf"])
    assert str(e.value) == (f"{tmp_path / 'notes.pdf'}: unknown kind of input (.pdf); give --format "
                            "text|jsonl|html|csv|tsv|parquet|feed")
    with pytest.raises(InputError, match="only http:// and https://"):
        sources(["ftp://example.org/a.txt"])
    # --format says what a file is, whatever its name
    [d] = read_documents([tmp_path / "notes.pdf"], options=ReadOptions(format="text"))
    assert d.text == "%PDF-1.4"


def test_stdin_plain_text_and_jsonl():
    [d] = list(read_documents(["-"], stdin=io.BytesIO(b"Russia\ninvaded Ukraine.")))
    assert d.text == "Russia invaded Ukraine." and d.id.startswith("stdin-")
    docs = list(read_documents(["-"], stdin=io.BytesIO(b'{"id": "x", "text": "A."}\n{"id": "y", "text": "B."}\n')))
    assert [d.id for d in docs] == ["x", "y"]


def test_documents_not_in_english_are_skipped_unless_any_language(tmp_path):
    f = tmp_path / "docs.jsonl"
    german = ("Der Bundeskanzler hat am Montag in Berlin mit dem französischen Präsidenten über die Lage in der "
              "Ukraine gesprochen, teilte die Regierung am Abend mit.")
    f.write_text(json.dumps({"id": "de", "text": german}) + "\n" + json.dumps({"id": "en", "text": "Iran met Iraq."}))
    problems = []
    assert [d.id for d in read_documents([f], problems)] == ["en"]
    assert [(str(p), p.is_error) for p in problems] == [
        (f"skipped {f}:1: not in English (de); --any-language keeps it", False)]
    assert [d.id for d in read_documents([f], options=ReadOptions(any_language=True))] == ["de", "en"]
