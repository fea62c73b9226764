"""Fuzzing the three ways data comes in (issue 8): random and mutated documents through extract and ingest,
mutated assertion records through the store and the graph, and through load into Neo4j: 2,000+ inputs, no
exception escapes, every valid record arrives. In-process with the session's spaCy model and Neo4j server;
the CLI's error handling around these calls is tested in test_cli.py and test_faults.py."""
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.graph import load_graph
from graphkit.ingest import ingest
from graphkit.model import Document
from graphkit.readers import read_assertions, read_documents
from graphkit.sinks.files import JsonlWriter
from graphkit.sinks.store import Store

FUZZ = dict(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2 ** 80, max_value=2 ** 80) | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)
FIELDS = ["id", "doc_id", "sentence", "start", "end", "subject", "relation", "object", "event", "cameo", "mode",
          "attributed_to", "denied_by", "confidence", "trigger", "score", "rule", "date", "article"]
ACTOR_FIELDS = ["id", "name", "type", "country", "sector", "role", "text", "start", "end"]


@st.composite
def mutated(draw, records):
    """A seed record with a few fields replaced by random JSON, removed, or changed inside its actors."""
    rec = json.loads(json.dumps(draw(st.sampled_from(records))))
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(FIELDS))
        how = draw(st.sampled_from(["value", "delete", "actor"]))
        if how == "delete":
            rec.pop(key, None)
        elif how == "actor" and isinstance(rec.get("subject"), dict):
            rec["subject"][draw(st.sampled_from(ACTOR_FIELDS))] = draw(json_values)
        else:
            rec[key] = draw(json_values)
    rec["id"] = draw(st.text(min_size=1, max_size=8))  # never the id of a valid record
    return rec


def lines_of(records):
    """JSONL lines: valid seed records (marked True), mutated ones, arbitrary JSON and arbitrary text."""
    return st.lists(st.one_of(
        st.sampled_from(records).map(lambda r: (json.dumps(r), True)),
        mutated(records).map(lambda r: (json.dumps(r), False)),
        json_values.map(lambda v: (json.dumps(v), False)),
        st.text(max_size=40).map(lambda t: (t.replace("\n", " "), False)),
    ), min_size=1, max_size=6)


@pytest.fixture(scope="module")
def records(seed_assertions):
    return [a.to_dict() for a in seed_assertions[1]]


def _read(lines) -> tuple[list, list]:
    problems: list = []
    data = "\n".join(line for line, _ in lines).encode("utf-8", "surrogatepass")
    return list(read_assertions(["-"], problems, stdin=io.BytesIO(data))), problems


def test_fuzz_assertion_records_into_the_store_and_the_graph(records, tmp_path_factory):
    """~1,200 lines: each is read or reported, what is read goes into a real store and back out unchanged,
    and the graph is built from the store."""
    st_ = Store.open(tmp_path_factory.mktemp("fuzz") / "g.db")
    seen = []

    @given(lines=lines_of(records))
    @settings(max_examples=400, **FUZZ)
    def run(lines):
        seen.extend(lines)
        got, problems = _read(lines)
        assert len(got) + len(problems) == sum(1 for line, _ in lines if line.encode("utf-8", "surrogatepass").strip())
        valid = {json.loads(line)["id"] for line, ok in lines if ok}
        assert valid <= {a.id for a in got}  # no valid record lost
        by_doc: dict = {}
        for a in got:
            assert type(a).from_dict(a.to_dict()).to_dict() == a.to_dict()
            by_doc.setdefault(a.doc_id, {})[a.id] = a
        for doc_id, kept in by_doc.items():
            st_.put(Document(doc_id, f"text of {doc_id!r}"), list(kept.values()))
            assert {a.id for a in st_.assertions(doc_id)} == set(kept)
        load_graph(got, facts_only=False)

    run()
    assert load_graph(st_, facts_only=False).number_of_edges() == st_.counts()["assertions"] - sum(
        1 for a in st_.assertions() if a.object is None)
    st_.close()
    assert len(seen) >= 1200


def test_fuzz_assertion_records_into_neo4j(records, loader):
    """300 lines read as `graphkit load` reads them, then loaded in one run by its loader: every valid
    record and every accepted mutated one arrives in Neo4j, the rest is reported, nothing raises."""
    seen, accepted = [], {}

    @given(lines=st.lists(st.one_of(st.sampled_from(records).map(lambda r: (json.dumps(r), True)),
                                    mutated(records).map(lambda r: (json.dumps(r), False))), min_size=6, max_size=6))
    @settings(max_examples=50, **FUZZ)
    def run(lines):
        seen.extend(lines)
        got, problems = _read(lines)
        assert len(got) + len(problems) == len(lines)
        assert {json.loads(line)["id"] for line, ok in lines if ok} <= {a.id for a in got}
        accepted.update((a.id, a) for a in got)

    run()
    assert len(seen) >= 300
    loader.load(accepted.values())
    want = sorted(k for k, a in accepted.items() if a.object is not None)
    found = loader.run("MATCH (:Actor)-[r]->(:Actor) WHERE r.id IN $ids RETURN collect(DISTINCT r.id) AS ids",
                       ids=want)[0]["ids"]
    assert sorted(found) == want


@st.composite
def document_files(draw):
    """A folder's worth of inputs: random bytes, random text, mutated news text, JSONL documents."""
    kind = draw(st.sampled_from(["bytes", "text", "news", "jsonl"]))
    if kind == "bytes":
        return "x.txt", draw(st.binary(max_size=200)), None
    if kind == "text":
        return "x.md", draw(st.text(max_size=200)).encode("utf-8", "surrogatepass"), None
    if kind == "news":
        words = draw(st.lists(st.sampled_from(["Russia", "China", "invaded", "met", "Ukraine", "the", "US", "said",
                                               "not", "will", "Japan", ".", ",", "\n", "Kremlin", "sanctions"]),
                              min_size=3, max_size=14))
        text = " ".join(words)
        return "x.txt", text.encode(), (text if any(w.isalpha() for w in words) else None)
    recs = draw(st.lists(st.one_of(
        st.fixed_dictionaries({"id": st.text(min_size=1, max_size=6), "text": st.sampled_from(
            ["Russia invaded Ukraine.", "China met Japan.", "The US sanctioned Russia."])}),
        st.dictionaries(st.sampled_from(["id", "text", "title", "date", "url"]), json_values, max_size=4)),
        max_size=4))
    return "x.jsonl", "\n".join(json.dumps(r) for r in recs).encode(), None


def test_fuzz_documents_through_extract_and_ingest(extractor, tmp_path_factory):
    """~500 inputs: each file is read (and its assertions extracted and stored) or reported; nothing raises,
    and a readable news text is always stored."""
    db = Store.open(tmp_path_factory.mktemp("fuzz") / "g.db")
    seen = []

    @given(files=st.lists(document_files(), min_size=2, max_size=4))
    @settings(max_examples=185, **FUZZ)
    def run(files):
        seen.extend(files)
        folder = tmp_path_factory.mktemp("docs")
        for i, (name, data, _) in enumerate(files):
            (folder / f"{i}-{name}").write_bytes(data)
        problems: list = []
        out = io.StringIO()
        result = ingest(read_documents([folder], problems), extractor, store=db, sinks=[JsonlWriter(out)])
        assert result.documents + result.unchanged >= sum(1 for *_, news in files if news)
        for line in out.getvalue().splitlines():
            assert json.loads(line)["doc_id"]
        stored = {a["id"] for a in db.articles()}
        for i, (name, _, news) in enumerate(files):  # a readable news text is stored, or said why not
            if news:
                assert f"{i}-x" in stored or any(f"{i}-{name}" in str(p) for p in problems), (news, problems)

    run()
    db.close()
    assert len(seen) >= 500
