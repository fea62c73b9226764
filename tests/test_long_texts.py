"""Long texts: documents over spaCy's length limit are parsed in pieces, sentences without punctuation are
capped, and a document that cannot be processed is reported and skipped while the run goes on."""
import json
import re
from dataclasses import replace

import pytest

from conftest import SEED, gk
from graphkit import nlp as nlp_mod
from graphkit import pipeline
from graphkit.pipeline import ExtractionError, chunk_bounds
from graphkit.readers import read_documents

OTHER = ("The foreign minister of Turkey met his Greek counterpart in Ankara on Tuesday. "
         "Greece later accused Turkey of sending warplanes into its airspace.\n")


def seed_paragraphs(copies: int) -> str:
    """Real news text: the sample article's paragraphs, `copies` times."""
    paras = [p for p in SEED.read_text().split("\n\n") if len(p) > 200]
    return "\n\n".join(paras * copies) + "\n"


def test_chunk_bounds_prefer_paragraphs_then_sentences_then_words():
    text = "First one here. Second one.\n\nThird paragraph is here. Fourth one. " * 40
    bounds = chunk_bounds(text, 300)
    assert "".join(text[a:b] for a, b in bounds) == text
    assert all(b - a <= 300 for a, b in bounds) and len(bounds) > 1
    assert all(text[b - 2:b] == "\n\n" for _, b in bounds[:-1])
    sentences = "One short sentence here. " * 40
    assert all(sentences[b - 2:b] == ". " for _, b in chunk_bounds(sentences, 110)[:-1])
    words = "word " * 100
    assert all(words[b - 1] == " " for _, b in chunk_bounds(words, 42)[:-1])
    assert chunk_bounds("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]  # no space at all: cut anyway


def test_a_text_parsed_in_pieces_gives_what_the_whole_text_gives(extractor, monkeypatch):
    [doc] = read_documents([SEED])
    doc = replace(doc, text=seed_paragraphs(2))
    whole = extractor.extract_one(doc)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 5000)
    assert len(chunk_bounds(doc.text, 5000)) >= 3
    sdoc = extractor.parse([doc])[0]
    assert sdoc.text == doc.text
    pieces = extractor.assertions_of(sdoc, doc)  # what extract_one(doc) does with the Doc parse gives
    key = lambda a: (a.subject.id, a.event or a.relation, a.object.id if a.object else None,  # noqa: E731
                     a.start, a.end, a.sentence["index"], a.rule)
    assert [key(a) for a in pieces] == [key(a) for a in whole] and whole


def test_a_document_over_the_model_limit_is_ingested_with_the_others(tmp_path, extractor, monkeypatch):
    """spaCy refuses texts over nlp.max_length (1,000,000 characters by default). The limit is lowered to
    7,000 here so that the test parses 20 kB rather than 1 MB; the code path is the same."""
    monkeypatch.setattr(extractor.nlp, "max_length", 7_000)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text())
    (folder / "long.txt").write_text(seed_paragraphs(3))
    (folder / "other.txt").write_text(OTHER)
    assert len((folder / "long.txt").read_text()) > 2 * extractor.nlp.max_length

    out, texts = tmp_path / "a.jsonl", tmp_path / "docs.jsonl"
    run = gk("extract", folder, "-o", out, "--documents", texts)
    assert run.code == 0, run.stderr
    docs = {d["id"]: d["text"] for d in map(json.loads, texts.read_text().splitlines())}
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["doc_id"] for r in rows} == {"seed", "long", "other"}
    long_rows = sorted((r for r in rows if r["doc_id"] == "long"), key=lambda r: r["start"])
    text = docs["long"]
    for r in long_rows:  # offsets index the whole text, sentences are numbered through it
        assert text[r["start"]:r["end"]] in r["sentence"]["text"]
        for m in (r["subject"], r["object"]):
            if m and m["start"] is not None:
                assert text[m["start"]:m["end"]] == m["text"]
    assert [r["sentence"]["index"] for r in long_rows] == sorted(r["sentence"]["index"] for r in long_rows)
    thirds = {3 * r["start"] // len(text) for r in long_rows}
    assert thirds == {0, 1, 2} and len(chunk_bounds(text, 7_000)) >= 3  # found in every piece

    run = gk("ingest", folder, "--store", tmp_path / "g.db", "--top", "0")
    assert run.code == 0, run.stderr
    assert "3 new" in run.stdout and "store: 3 articles" in run.stdout


def _fail_on_marker(doc):
    if "UNPARSABLE" in doc.text:
        raise ValueError("the parser gave up\non this text")
    return doc


@pytest.fixture
def faulty_pipeline(extractor):
    """The tests' pipeline with a component that fails on one document, as a parser error would; removed
    afterwards (the pipeline is shared by every test)."""
    from spacy.language import Language

    if "graphkit_test_fault" not in Language.factories:
        Language.component("graphkit_test_fault", func=_fail_on_marker)
    extractor.nlp.add_pipe("graphkit_test_fault", before="parser")
    try:
        yield extractor
    finally:
        if "graphkit_test_fault" in extractor.nlp.pipe_names:
            extractor.nlp.remove_pipe("graphkit_test_fault")


def test_a_document_that_cannot_be_processed_is_reported_and_skipped(tmp_path, faulty_pipeline):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(OTHER)
    (folder / "b.txt").write_text("UNPARSABLE. " + OTHER)
    (folder / "c.txt").write_text(OTHER.replace("Tuesday", "Friday"))
    db = tmp_path / "g.db"

    run = gk("ingest", folder, "--store", db, "--top", "0")
    assert run.code == 1
    [line] = run.stderr.splitlines()
    assert "b.txt" in line and "'b'" in line and "ValueError: the parser gave up on this text" in line
    assert "2 new" in run.stdout

    out = tmp_path / "a.jsonl"
    run = gk("extract", folder, "-o", out, "--workers", "2")  # failures come back from worker processes too
    assert run.code == 1 and "b.txt" in run.stderr
    assert {json.loads(line)["doc_id"] for line in out.read_text().splitlines()} == {"a", "c"}

    with pytest.raises(ExtractionError, match="b.txt"):  # a library caller without a problems list hears of it
        list(faulty_pipeline.extract(read_documents([folder])))

    faulty_pipeline.nlp.remove_pipe("graphkit_test_fault")  # the fault is gone: the next run catches up
    run = gk("ingest", folder, "--store", db, "--top", "0")
    assert run.code == 0 and "1 new" in run.stdout and "2 unchanged" in run.stdout


def test_unpunctuated_text_gets_sentences_of_bounded_length(extractor):
    words = re.sub(r"[^\w\s]", " ", SEED.read_text()).lower().split()[:600]
    doc = extractor.nlp(" ".join(words))
    assert max(len(s) for s in doc.sents) <= nlp_mod.MAX_SENTENCE
    assert doc.text == " ".join(words)


def test_a_capped_sentence_ends_at_a_comma(extractor):
    first = "officials from the northern provinces discussed grain exports and river transport " * 7
    second = "ministers of the coastal regions reviewed fishing quotas and harbour fees " * 5
    doc = extractor.nlp(first + ", " + second)
    [comma] = [t for t in doc if t.text == ","]
    assert nlp_mod.MIN_SENTENCE <= comma.i < nlp_mod.MAX_SENTENCE
    assert doc[comma.i + 1].is_sent_start


def test_punctuated_news_keeps_the_parser_sentences(extractor):
    text = SEED.read_text()
    capped = [s.start for s in extractor.nlp(text).sents]
    with extractor.nlp.select_pipes(disable=["graphkit_sentence_cap"]):
        assert [s.start for s in extractor.nlp(text).sents] == capped
