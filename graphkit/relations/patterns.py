"""Constructions (graphkit/data/constructions.toml) as spaCy DependencyMatcher patterns, and their matches on a Doc."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS

from ..model import MODES
from ..wordclasses import DataError, load_toml, ordered, word_classes

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
    named_only: bool = False       # binds a word only if it names an actor or has one in a compound
    event_doer: bool = False       # an event noun it binds stands for the noun's doer
    local: bool = False            # a modifier of its own trigger only, not of the clauses under it
    decisive: bool = False         # a source it binds that names no actor leaves the event without one


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


def _expand(value, classes: dict, where: str):
    """Replace "@class" strings in a pattern by the class's words."""
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in classes:
            raise DataError(f"{where}: no word class {value[1:]!r} in wordclasses.toml")
        return sorted(classes[value[1:]])
    if isinstance(value, dict):
        return {k: _expand(v, classes, where) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, classes, where) for v in value]
    return value


@lru_cache(maxsize=1)
def constructions_file() -> dict:
    """constructions.toml as parsed: its constructions, transformations and fall-backs."""
    return load_toml("constructions.toml")


#: what each kind of construction must name among its pattern's nodes (one of each tuple)
NODES = {"source": ("source", "via"), "target": ("target",), "modifier": ("trigger",),
         "attribution": ("speaker",), "denial": ("speaker",)}
FLAGS = ("symmetric", "named_only", "event_doer", "local", "decisive")
FIELDS = {"name", "binds", "pattern", "doc", "example", "expect", "mode", "scope", "voice", *FLAGS}
NODE_KEYS = {"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP"}
OPERATORS = (">", "<", ">>", "<<")


def _check(c, k: int) -> str:
    """Why construction number `k` of constructions.toml cannot be used (DataError), else its name. The
    pattern language is the subset of spaCy's DependencyMatcher that TreeMatcher matches."""
    name = c.get("name") if isinstance(c, dict) else None
    where = f"constructions.toml: construction {name!r}" if name else f"constructions.toml: construction {k + 1}"

    def bad(why: str):
        raise DataError(f"{where}: {why}")

    if not isinstance(name, str) or not name:
        bad("needs a name")
    if set(c) - FIELDS:
        bad(f"unknown field {sorted(set(c) - FIELDS)[0]!r} (known: {', '.join(sorted(FIELDS))})")
    if c.get("binds") not in KINDS:
        bad(f"binds must be one of {', '.join(KINDS)}, not {c.get('binds')!r}")
    if c.get("scope", "trigger") not in ("trigger", "sentence") or c.get("voice") not in (None, "active", "passive"):
        bad("scope must be trigger or sentence, voice active or passive")
    if any(not isinstance(c.get(f, False), bool) for f in FLAGS):
        bad(f"{', '.join(FLAGS)} are true or false")
    if c.get("mode") is not None and c.get("mode") not in MODES:
        bad(f"mode must be one of {', '.join(MODES)}, not {c.get('mode')!r}")
    pattern = c.get("pattern")
    if not isinstance(pattern, list) or not pattern or not all(isinstance(n, dict) for n in pattern):
        bad("pattern must be a non-empty list of nodes")
    ids: list = []
    for j, n in enumerate(pattern):
        if set(n) - NODE_KEYS:
            bad(f"node {j + 1}: unknown key {sorted(set(n) - NODE_KEYS)[0]!r} (known: {', '.join(sorted(NODE_KEYS))})")
        if not isinstance(n.get("RIGHT_ID"), str) or n["RIGHT_ID"] in ids:
            bad(f"node {j + 1}: needs a RIGHT_ID of its own")
        if j and (n.get("LEFT_ID") not in ids or n.get("REL_OP") not in OPERATORS):
            bad(f"node {n['RIGHT_ID']!r}: needs the LEFT_ID of an earlier node and a REL_OP among "
                f"{' '.join(OPERATORS)}")
        for attr, spec in (n.get("RIGHT_ATTRS") or {}).items():
            if attr not in ATTRS:
                bad(f"node {n['RIGHT_ID']!r}: attribute {attr!r} is not matched (only {', '.join(ATTRS)})")
            if isinstance(spec, dict) and (not spec or set(spec) - {"IN", "NOT_IN"}):
                bad(f"node {n['RIGHT_ID']!r}: {attr} takes a value, IN or NOT_IN, not {sorted(spec)}")
        ids.append(n["RIGHT_ID"])
    need = [("cue",), ("speaker",)] if c.get("scope") == "sentence" else [("trigger",), NODES[c["binds"]]]
    for names in need:
        if not any(x in ids for x in names):
            bad(f"a {c['binds']} construction names a node {' or '.join(names)}")
    return name


@lru_cache(maxsize=1)
def constructions() -> tuple[Construction, ...]:
    """Every construction of constructions.toml, checked (DataError: one line saying which and why), with its
    word classes filled in."""
    from .lexicon import Lexicon

    classes = dict(word_classes())
    lex = Lexicon.default()
    nouns = {w.split()[-1] for w in lex.nouns}  # "general strike": its head word
    classes["event_nouns"] = frozenset(nouns | {w[:-1] for w in nouns if w.endswith("s")}
                                       | {w[:-2] for w in nouns if w.endswith("es")})
    classes["event_verbs"] = frozenset({v.split()[0] for v in lex.verbs} | classes["speech_verbs"]
                                       | classes["label_verbs"] | classes["accusing_speech"]
                                       | classes["light_verbs"] | classes["deny_verbs"] | classes["visit_verbs"])
    out, ranks, names = [], defaultdict(int), set()
    for k, c in enumerate(constructions_file().get("construction", [])):
        name = _check(c, k)
        if name in names:
            raise DataError(f"constructions.toml: construction {name!r} is defined twice")
        names.add(name)
        out.append(Construction(
            name=name, binds=c["binds"], pattern=tuple(_expand(c["pattern"], classes, f"constructions.toml: "
                                                                                      f"construction {name!r}")),
            doc=c.get("doc", ""), example=c.get("example", ""), expect=tuple(c.get("expect", ())),
            rank=ranks[c["binds"]], mode=c.get("mode"), scope=c.get("scope", "trigger"), voice=c.get("voice"),
            **{f: c.get(f, False) for f in FLAGS}))
        ranks[c["binds"]] += 1
    return tuple(out)


ATTRS = {"POS": 0, "TAG": 1, "DEP": 2, "LOWER": 3, "LEMMA": 4}
_ARRAY = [POS, TAG, DEP, LOWER, LEMMA, HEAD]


class TreeMatcher:
    """spaCy DependencyMatcher patterns matched by walking the parse from an index of each pattern's first node.

    The same interface as spaCy's DependencyMatcher (`add(name, [pattern])`, `matcher(doc) -> [(key, [token
    index per node])]`) and the same matches in the same order for the node attributes (POS, TAG, DEP, LOWER,
    LEMMA with IN/NOT_IN) and operators (> < >> <<) the constructions use; patterns outside that subset are
    refused when added. spaCy's matcher runs one token pattern per node over every token and tries every
    combination of candidates per sentence, which cost as much as half the parse on news;
    tests/test_constructions.py checks that both give the same matches."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.patterns: list = []                       # (key, nodes); node = (left, op, checks)
        self.index: dict = defaultdict(list)           # (attr, value) -> pattern numbers whose root needs it
        self.free: list = []                           # pattern numbers whose root has no indexable check

    def _value(self, attr: str, v: str) -> int:
        return POS_IDS[v] if attr == "POS" else self.vocab.strings.add(v)

    def _checks(self, attrs: dict) -> tuple:
        out = []
        for name, spec in attrs.items():
            if name not in ATTRS:
                raise ValueError(f"unsupported attribute {name}")
            a = ATTRS[name]
            if isinstance(spec, dict):
                if "IN" in spec:
                    out.append((a, True, frozenset(self._value(name, v) for v in spec["IN"])))
                if "NOT_IN" in spec:
                    out.append((a, False, frozenset(self._value(name, v) for v in spec["NOT_IN"])))
                if set(spec) - {"IN", "NOT_IN"}:
                    raise ValueError(f"unsupported predicate in {spec}")
            else:
                out.append((a, True, frozenset((self._value(name, spec),))))
        # the most selective check first
        return tuple(sorted(out, key=lambda c: (not c[1], len(c[2]))))

    def add(self, name: str, patterns: list) -> None:
        key = self.vocab.strings.add(name)
        for pattern in patterns:
            ids, nodes = {}, []
            for k, n in enumerate(pattern):
                ids[n["RIGHT_ID"]] = k
                left = ids[n["LEFT_ID"]] if k else None
                if k and n["REL_OP"] not in (">", "<", ">>", "<<"):
                    raise ValueError(f"unsupported operator {n['REL_OP']}")
                nodes.append((left, n.get("REL_OP"), self._checks(n.get("RIGHT_ATTRS", {}))))
            p = len(self.patterns)
            self.patterns.append((key, nodes))
            root = nodes[0][2]
            positive = [c for c in root if c[1]]
            if positive:
                a, _, values = positive[0]
                for v in values:
                    self.index[(a, v)].append(p)
            else:
                self.free.append(p)

    def __call__(self, doc) -> list:
        arr = doc.to_array(_ARRAY)  # uint64 hashes; HEAD is a signed offset stored in uint64
        n = len(doc)
        cols = [arr[:, j].tolist() for j in range(5)]
        heads = (arr[:, 5].astype("int64") + range(n)).tolist() if n else []
        children = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                children[h].append(i)

        def ok(i, checks):
            for a, positive, values in checks:
                if (cols[a][i] in values) != positive:
                    return False
            return True

        def related(i, op):
            if op == ">":
                return children[i]
            if op == "<":
                return [heads[i]] if heads[i] != i else []
            if op == ">>":
                out, stack = [], list(children[i])
                while stack:
                    j = stack.pop()
                    out.append(j)
                    stack.extend(children[j])
                return sorted(out)
            out, j = [], i  # "<<": ancestors, nearest first
            while heads[j] != j:
                j = heads[j]
                out.append(j)
            return out

        def extend(nodes, assign, k, out):
            if k == len(nodes):
                out.append(list(assign))
                return
            left, op, checks = nodes[k]
            for j in related(assign[left], op):
                if ok(j, checks):
                    assign[k] = j
                    extend(nodes, assign, k + 1, out)

        found = defaultdict(list)  # pattern number -> matches, in token order
        for i in range(n):
            cands = set(self.free)
            for a in range(5):
                cands.update(self.index.get((a, cols[a][i]), ()))
            for p in cands:
                nodes = self.patterns[p][1]
                if ok(i, nodes[0][2]):
                    extend(nodes, [i] + [0] * (len(nodes) - 1), 1, found[p])
        return [(self.patterns[p][0], m) for p in range(len(self.patterns)) for m in found.get(p, ())]


#: object prepositions, most telling first (a target after "with" beats one after "for")
PREP_ORDER = {p: k for k, p in enumerate(ordered("object_preps"))}


class ConstructionMatcher:
    """Every construction's pattern in one matcher; `bind(doc)` groups the matches by trigger token."""

    def __init__(self, vocab: "Vocab"):
        self.matcher = TreeMatcher(vocab)
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
