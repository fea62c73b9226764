"""Constructions (graphkit/data/constructions.toml) as spaCy DependencyMatcher patterns, and their matches on a Doc."""
from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Optional

from ..wordclasses import word_classes, ordered

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

KINDS = ("source", "target", "modifier", "attribution", "denial")


@dataclass(frozen=True)
class Construction:
    """One named construction: what it binds, its pattern, and the example that tests it."""
    name: str
    binds: str
    pattern: tuple
    doc: str = ""
    example: str = ""
    expect: tuple = ()
    rank: int = 0                  # file order within its kind: earlier wins
    mode: Optional[str] = None     # for modifiers
    symmetric: bool = False        # both bound actors are parties of the event ("between")
    scope: str = "trigger"         # "sentence": applies to every trigger of the sentence
    voice: Optional[str] = None    # "active" or "passive": the verbs it applies to


@dataclass
class Bindings:
    """What the constructions found for one trigger token: candidates per role, best first."""
    trigger: "Token"
    sources: list = field(default_factory=list)       # (rank, token index, Construction); the index is the
    #                                                   `via` token for constructions that delegate
    targets: list = field(default_factory=list)
    modifiers: list = field(default_factory=list)     # (Construction, cue index)
    attributions: list = field(default_factory=list)  # (Construction, speaker index, cue index)
    denials: list = field(default_factory=list)


def _expand(value, classes: dict):
    """Replace "@class" strings in a pattern by the class's words."""
    if isinstance(value, str) and value.startswith("@"):
        return sorted(classes[value[1:]])
    if isinstance(value, dict):
        return {k: _expand(v, classes) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, classes) for v in value]
    return value


@lru_cache(maxsize=1)
def constructions() -> tuple[Construction, ...]:
    """Every construction of constructions.toml, with its word classes filled in."""
    from .lexicon import Lexicon

    classes = dict(word_classes())
    lex = Lexicon.default()
    nouns = {w.split()[-1] for w in lex.nouns}  # "general strike": its head word
    classes["event_nouns"] = frozenset(nouns | {w[:-1] for w in nouns if w.endswith("s")}
                                       | {w[:-2] for w in nouns if w.endswith("es")})
    classes["event_verbs"] = frozenset({v.split()[0] for v in lex.verbs} | classes["speech_verbs"]
                                       | classes["label_verbs"] | classes["accusing_speech"]
                                       | classes["light_verbs"] | classes["deny_verbs"] | classes["visit_verbs"])
    with (resources.files("graphkit") / "data" / "constructions.toml").open("rb") as f:
        data = tomllib.load(f)
    out, ranks = [], defaultdict(int)
    for c in data["construction"]:
        if c["binds"] not in KINDS:
            raise ValueError(f"construction {c['name']}: binds must be one of {KINDS}, not {c['binds']!r}")
        out.append(Construction(
            name=c["name"], binds=c["binds"], pattern=tuple(_expand(c["pattern"], classes)), doc=c.get("doc", ""),
            example=c.get("example", ""), expect=tuple(c.get("expect", ())), rank=ranks[c["binds"]],
            mode=c.get("mode"), symmetric=bool(c.get("symmetric")), scope=c.get("scope", "trigger"),
            voice=c.get("voice")))
        ranks[c["binds"]] += 1
    return tuple(out)


#: object prepositions, most telling first (a target after "with" beats one after "for")
PREP_ORDER = {p: k for k, p in enumerate(ordered("object_preps"))}


class ConstructionMatcher:
    """A DependencyMatcher over every construction; `bind(doc)` groups its matches by trigger token."""

    def __init__(self, vocab: "Vocab"):
        from spacy.matcher import DependencyMatcher

        self.matcher = DependencyMatcher(vocab, validate=False)
        self.by_key: dict[int, Construction] = {}
        for c in constructions():
            self.matcher.add(c.name, [list(c.pattern)])
            self.by_key[vocab.strings[c.name]] = c

    def bind(self, doc: "Doc") -> dict[int, Bindings]:
        out: dict[int, Bindings] = {}
        sentence_wide = []
        for key, token_ids in self.matcher(doc):
            c = self.by_key[key]
            nodes = {p["RIGHT_ID"]: token_ids[k] for k, p in enumerate(c.pattern)}
            if c.scope == "sentence":
                sentence_wide.append((c, nodes))
                continue
            b = out.setdefault(nodes["trigger"], Bindings(doc[nodes["trigger"]]))
            if c.binds == "source":  # a `via` node lends its own sources: the light verb of a noun
                b.sources.append((c.rank, nodes.get("source", nodes.get("via")), c))
            elif c.binds == "target":
                prep = nodes.get("prep")
                order = PREP_ORDER.get(doc[prep].lower_, len(PREP_ORDER)) if prep is not None else 0
                b.targets.append(((c.rank, order), nodes["target"], c))
            elif c.binds == "modifier":
                b.modifiers.append((c, nodes.get("cue")))
            elif c.binds == "attribution":
                b.attributions.append((c, nodes["speaker"], nodes.get("cue")))
            elif c.binds == "denial":
                b.denials.append((c, nodes["speaker"], nodes.get("cue")))
        for c, nodes in sentence_wide:  # "according to X": every trigger of the sentence
            sent = doc[nodes["cue"]].sent
            for t in sent:
                out.setdefault(t.i, Bindings(t)).attributions.append((c, nodes["speaker"], nodes["cue"]))
        for b in out.values():
            b.sources.sort(key=lambda x: (x[0], x[1]))
            b.targets.sort(key=lambda x: (x[0], x[1]))
        return out
