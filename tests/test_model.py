"""The Assertion JSONL contract."""
from graphkit import Assertion

from conftest import triples


def test_round_trip(seed_assertions):
    _, assertions = seed_assertions
    for a in assertions:
        b = Assertion.from_dict(a.to_dict())
        assert b.to_dict() == a.to_dict()


def test_eval_fields_present(seed_assertions):
    _, assertions = seed_assertions
    for a in assertions:
        d = a.to_dict()
        assert {"country", "name", "text"} <= set(d["subject"]) and d["subject"]["text"] and d["subject"]["name"]
        assert d["doc_id"] == d["article"]["id"] and d["object"] is not None
    assert ("RUS", "REQUEST", "CHN") in triples(assertions)
