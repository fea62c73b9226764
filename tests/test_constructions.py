"""Every construction, transformation and fall-back of constructions.toml gives the assertion its example says."""
import copy

import pytest

from graphkit import Document
from graphkit.relations import constructions, patterns
from graphkit.wordclasses import DataError

DATA = patterns.constructions_file()
ENTRIES = [(kind, entry) for kind in ("construction", "transformation", "fallback") for entry in DATA.get(kind, [])]


@pytest.mark.parametrize("kind, entry", ENTRIES, ids=[e["name"] for _, e in ENTRIES])
def test_example(extractor, kind, entry):
    out = [a for a in extractor.extract_one(Document("example", entry["example"])) if a.cameo]
    want = tuple(x or None for x in entry["expect"][:3])  # "": no PLOVER type (CAMEO 01 comments)
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


@pytest.fixture
def edited_constructions(monkeypatch):
    """Replace constructions.toml's first construction by an edited copy (for this test only)."""
    def edit(**changes):
        data = copy.deepcopy(DATA)
        first = data["construction"][0]
        first.update(changes)
        first.update({k: None for k, v in changes.items() if v is None})
        data["construction"][0] = {k: v for k, v in first.items() if v is not None}
        monkeypatch.setattr(patterns, "constructions_file", lambda: data)
        patterns.constructions.cache_clear()
        return first["name"]
    yield edit
    patterns.constructions.cache_clear()


@pytest.mark.parametrize("change, says", [
    ({"pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"ENT_TYPE": "GPE"}}]}, "attribute 'ENT_TYPE' is not matched"),
    ({"pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"IN": "@no_such_class"}}},
                  {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "source"}]}, "no word class 'no_such_class'"),
    ({"pattern": [{"RIGHT_ID": "trigger"}, {"LEFT_ID": "trigger", "REL_OP": "$+", "RIGHT_ID": "source"}]}, "REL_OP"),
    ({"pattern": [{"RIGHT_ID": "trigger"}, {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "object"}]},
     "names a node source or via"),
    ({"pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"REGEX": "^att"}}}]}, "IN or NOT_IN"),
    ({"binds": "object"}, "binds must be one of"),
    ({"mode": "maybe"}, "mode must be one of"),
    ({"exmaple": "A typo."}, "unknown field 'exmaple'"),
])
def test_a_broken_construction_is_one_line_naming_it(edited_constructions, change, says):
    name = edited_constructions(**change)
    with pytest.raises(DataError) as e:
        constructions()
    assert str(e.value).startswith(f"constructions.toml: construction {name!r}: ") and says in str(e.value)
    assert "\n" not in str(e.value)


def test_a_run_with_a_broken_construction_stops_once(edited_constructions, tmp_path):
    from conftest import gk

    edited_constructions(voice="middle")
    for k in range(3):
        (tmp_path / f"{k}.txt").write_text("Chile recognised the new government of Peru.")
    run = gk("extract", tmp_path)
    assert run.code != 0 and run.stdout == ""
    [line] = run.stderr.splitlines()
    assert line.startswith("graphkit: error: constructions.toml: construction ") and "voice" in line, run.stderr


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


def test_every_word_class_is_used():
    """A class of wordclasses.toml that no rule reads is dead data: a word added to it would change nothing."""
    import re
    from pathlib import Path

    import graphkit
    from graphkit.wordclasses import word_classes

    root = Path(graphkit.__file__).parent
    text = "\n".join(p.read_text(encoding="utf-8") for p in [*root.rglob("*.py"), root / "data" / "constructions.toml"])
    unused = [n for n in word_classes() if not re.search(rf"(W\.|word_classes\(\)\.|@|ordered\(\"){n}\b", text)]
    assert unused == [], unused
