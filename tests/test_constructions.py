"""Every construction, transformation and fall-back of constructions.toml gives the assertion its example says."""
import tomllib
from importlib import resources

import pytest

from graphkit import Document
from graphkit.relations import constructions

with (resources.files("graphkit") / "data" / "constructions.toml").open("rb") as f:
    DATA = tomllib.load(f)
ENTRIES = [(kind, entry) for kind in ("construction", "transformation", "fallback") for entry in DATA.get(kind, [])]


@pytest.mark.parametrize("kind, entry", ENTRIES, ids=[e["name"] for _, e in ENTRIES])
def test_example(extractor, kind, entry):
    out = [a for a in extractor.extract_one(Document("example", entry["example"])) if a.event]
    want = tuple(entry["expect"][:3])
    hits = [a for a in out if (a.subject.id, a.event, a.object.id) == want]
    got = [(a.subject.id, a.event, a.object.id, a.mode, a.rule) for a in out]
    assert hits, f"{entry['name']}: no {want} in {got}"
    if len(entry["expect"]) > 3:  # a modifier: the mode it sets
        assert any(a.mode == entry["expect"][3] for a in hits), got
    binds = entry.get("binds")
    if binds == "attribution":
        assert any(a.attributed_to is not None for a in hits), got
    elif binds == "denial":
        assert any(a.denied_by is not None for a in out), got
    elif binds != "modifier":  # sources, targets, transformations and fall-backs name themselves in `rule`
        assert any(entry["name"] in a.rule.replace("+", ">").split(">") for a in hits), got


def test_every_construction_has_its_own_example():
    names = [c.name for c in constructions()]
    assert len(names) == len(set(names))
    examples = [e["example"] for _, e in ENTRIES]
    assert len(examples) == len(set(examples)), "one example per construction"


def test_word_classes_in_patterns_exist():
    # a pattern that names an unknown class fails to load at all
    assert all(c.pattern for c in constructions())


def test_tree_matcher_finds_what_spacys_dependency_matcher_finds(extractor):
    """ConstructionMatcher's TreeMatcher must give DependencyMatcher's matches, in the same order: on the
    sample article, on the same words without punctuation (long, badly parsed sentences), and on every example."""
    import re

    from spacy.matcher import DependencyMatcher

    from conftest import SEED
    from graphkit.readers import normalize
    from graphkit.relations.patterns import TreeMatcher

    nlp = extractor.nlp
    dm, tm = DependencyMatcher(nlp.vocab, validate=False), TreeMatcher(nlp.vocab)
    for c in constructions():
        dm.add(c.name, [list(c.pattern)])
        tm.add(c.name, [list(c.pattern)])
    _, text = normalize(SEED.read_text())
    bare = " ".join(re.sub(r"[^\w\s'-]", " ", text).split())
    texts = [text, bare, "Neither the ministry nor the rebels, who had earlier said they would not attend, "
             "denied that talks with the envoy were being planned."] + [e["example"] for _, e in ENTRIES]
    total = 0
    for doc in nlp.pipe(texts):
        want = dm(doc)
        assert tm(doc) == want, doc.text[:80]
        total += len(want)
    assert total > len(texts)  # the comparison saw matches, not two empty lists


def test_tree_matcher_refuses_what_it_cannot_match(extractor):
    from graphkit.relations.patterns import TreeMatcher

    tm = TreeMatcher(extractor.nlp.vocab)
    with pytest.raises(ValueError):
        tm.add("x", [[{"RIGHT_ID": "a", "RIGHT_ATTRS": {"POS": "VERB"}},
                      {"LEFT_ID": "a", "REL_OP": ".", "RIGHT_ID": "b", "RIGHT_ATTRS": {"POS": "NOUN"}}]])
    with pytest.raises(ValueError):
        tm.add("y", [[{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LEMMA": {"REGEX": "^s"}}}]])
