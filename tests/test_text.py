"""Reading inputs and normalising hard-wrapped article text."""
import json

import pytest

from graphkit.text import InputError, normalize, read_documents

from conftest import SEED


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


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Russia invaded Ukraine.")
    (tmp_path / "two.md").write_text("China met Russia.")
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "j1", "text": "Iran protested."}) + "\n")
    (tmp_path / "skip.csv").write_text("not,an,article")
    ids = [d.id for d in read_documents([tmp_path])]
    assert sorted(ids) == ["j1", "one", "two"]


def test_jsonl_fields_and_bad_lines_are_reported_with_line_numbers(tmp_path):
    f = tmp_path / "docs.jsonl"
    f.write_text('{"id": "a", "text": "Russia invaded Ukraine.", "title": "T", "date": "2022-03-14", "url": "u"}\n'
                 "not json\n"
                 '{"id": "c"}\n'
                 '{"id": "d", "text": ""}\n'
                 '{"id": "e", "text": "China met Russia."}\n')
    problems = []
    docs = list(read_documents([f], problems))
    assert [d.id for d in docs] == ["a", "e"]
    assert (docs[0].title, docs[0].date, docs[0].url) == ("T", "2022-03-14", "u")
    assert [str(p) for p in problems] == [
        f"{f}:2: not JSON (Expecting value)",
        f'{f}:3: no "text" string in this record',
        f'{f}:4: empty "text"',
    ]
    assert [p.is_error for p in problems] == [True, True, False]


def test_binary_undecodable_and_empty_files_are_skipped(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "ok.txt").write_text("Russia invaded Ukraine.")
    problems = []
    docs = list(read_documents([tmp_path], problems))
    assert [d.id for d in docs] == ["ok"]
    messages = sorted(str(p).split(": ", 1)[1] for p in problems)
    assert messages == ["binary file (NUL bytes), not text", "empty document",
                        "not UTF-8 text (undecodable byte at offset 3)"]


def test_missing_path_is_fatal_before_reading(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(read_documents([tmp_path / "ok.txt", tmp_path / "missing.txt"]))


def test_stdin_plain_text_and_jsonl():
    import io
    [d] = list(read_documents(["-"], stdin=io.BytesIO(b"Russia\ninvaded Ukraine.")))
    assert d.text == "Russia invaded Ukraine." and d.id.startswith("stdin-")
    docs = list(read_documents(["-"], stdin=io.BytesIO(b'{"id": "x", "text": "A."}\n{"id": "y", "text": "B."}\n')))
    assert [d.id for d in docs] == ["x", "y"]
