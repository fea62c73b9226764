"""The event lexicon: verbs (PETRARCH patterns) and nouns -> CAMEO codes -> PLOVER 2021 types and Goldstein scores."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..actors.dictionary import data_path, rows
from ..model import PLOVER_EVENTS
from ..wordclasses import word_classes


@dataclass(frozen=True)
class Code:
    cameo: Optional[str]
    name: str
    plover: Optional[str]
    goldstein: Optional[float]


@dataclass(frozen=True)
class Prep:
    """A `(prep noun ...)` phrase of a verb pattern; `role` is "target"/"source" where it holds `+`/`$`."""
    prep: str
    words: tuple = ()          # alternatives per required word: (("aid",), ("help", "assistance"))
    role: Optional[str] = None


@dataclass(frozen=True)
class VerbPattern:
    """One PETRARCH verb pattern, parsed: what must stand around the verb, and where its roles are."""
    text: str
    cameo: str
    pre: tuple = ()            # words of the subject phrase (or the auxiliaries: "will not * ...")
    post: tuple = ()           # words of the object phrase
    preps: tuple = ()          # Prep phrases
    source: str = "subject"    # subject | object | prep:<p>
    target: str = "default"    # default | object | subject | prep:<p>
    particles: tuple = ()      # prepositions standing alone after `*`: the verb's own ("* on": "pressed on")
    reverse: bool = False      # the code is from the target to the source (":071": "received a loan from X")
    joint: bool = False        # both sides do it ("080:080": "tensions abated")

    @property
    def weight(self) -> int:
        """How much a pattern asks of the parse: the more, the more specific (an actor slot counts too)."""
        return (len(self.pre) + len(self.post) + len(self.particles) + sum(1 + len(p.words) for p in self.preps)
                + (self.target == "object"))


@dataclass
class Frame:
    """The words around one verb in a parse, as a verb pattern sees them."""
    subject: set = field(default_factory=set)
    object: set = field(default_factory=set)
    preps: dict = field(default_factory=dict)   # preposition -> words of its object
    actors: set = field(default_factory=set)    # "object" and the prepositions whose phrase names an actor
    particles: set = field(default_factory=set)  # the verb's own particles and prepositions ("pressed on")


def parse_pattern(text: str, cameo: str, synsets: dict) -> VerbPattern:
    """Parse PETRARCH's syntax: `$ troop * (toward +)`, `* {financial aid}`, `* &weapon (to +)`.

    >>> p = parse_pattern("$ troop * (toward +)", "154", {})
    >>> p.pre, p.preps[0].prep, p.target
    ((('troop',),), 'toward', 'prep:toward')
    """
    pre_txt, _, post_txt = text.partition("*")
    forward, _, back = cameo.partition(":")  # "a:b": a from the source to the target, b back
    reverse, joint = not forward and bool(back), bool(back) and forward == back
    cameo = forward or back

    def words(chunk: str) -> list:
        out = []
        for w in re.findall(r"\{[^}]*\}|&[\w\-']+|[^\s{}()]+", chunk):
            if w in ("+", "$", "^", "%"):
                continue
            if w.startswith("{"):
                out += [(x,) for x in w.strip("{}").split() if not x.startswith("&")]
                out += [tuple(synsets.get(x, ("&unknown",))) for x in w.strip("{}").split() if x.startswith("&")]
            elif w.startswith("&"):
                out.append(tuple(synsets.get(w, ("&unknown",))))  # an unknown set matches nothing
            else:
                out.append((w.strip("_"),))
        return out

    source, target = "subject", "default"
    if "+" in re.sub(r"\([^)]*\)", "", pre_txt):
        target = "subject"
    preps = []
    for m in re.finditer(r"\(([^)]*)\)", post_txt + " " + pre_txt):
        parts = m.group(1).split()
        if not parts:
            continue
        role = "target" if "+" in parts[1:] else "source" if "$" in parts[1:] else None
        preps.append(Prep(parts[0], tuple(words(" ".join(parts[1:]))), role))
        if role == "target":
            target = f"prep:{parts[0]}"
        elif role == "source":
            source = f"prep:{parts[0]}"
    bare_post = re.sub(r"\([^)]*\)", " ", post_txt)
    bare = bare_post.split()
    for k, w in enumerate(bare[1:], 1):  # "* from +": a bare preposition before the role marker
        if w in ("+", "$") and bare[k - 1] in word_classes().pattern_preps:
            role = "target" if w == "+" else "source"
            preps.append(Prep(bare[k - 1], (), role))
            target, source = (f"prep:{bare[k - 1]}", source) if w == "+" else (target, f"prep:{bare[k - 1]}")
            bare[k - 1] = bare[k] = ""
    particles = ()
    if bare and all(w in word_classes().pattern_preps for w in bare if w):  # "* on": no object, a particle
        particles, bare = tuple(w for w in bare if w), []
    bare_post = " ".join(bare)
    if "+" in bare:
        target = "object"
    if "$" in bare:
        source = "object"
    return VerbPattern(text, cameo, tuple(words(re.sub(r"\([^)]*\)", " ", pre_txt))), tuple(words(bare_post)),
                       tuple(preps), source, target, particles, reverse, joint)


@lru_cache(maxsize=1)
def _class_words() -> frozenset:
    return frozenset().union(*word_classes().values())


def mend_lemmas(doc):
    """A spaCy component: mend verb lemmas the statistical lemmatiser clips ('staged' -> 'stag',
    'hopes' -> 'hop') back to a verb the lexicon or the word classes know."""
    lex = Lexicon.default()
    known = _class_words()
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma, low = tok.lemma_.lower(), tok.lower_
        e_form = low[:-1] if low.endswith(("ed", "es")) else None  # "staged", "hopes": stage, hope
        if e_form and e_form != lemma and (lex.knows_verb(e_form) or e_form in known):
            tok.lemma_ = e_form
            continue
        if lex.knows_verb(lemma) or lemma in known or not low.endswith(("ed", "s")):
            continue
        for cand in (low[:-1], low[:-2]):
            if lex.knows_verb(cand) or cand in known:
                tok.lemma_ = cand
                break
    return doc


def _has(alts: tuple, pool: set) -> bool:
    return any(all(x in pool for x in a.split()) for a in alts)


def _has_all(words: tuple, pool: Optional[set]) -> bool:
    return pool is not None and all(_has(alts, pool) for alts in words)


class Lexicon:
    """Verb senses (PETRARCH patterns on the parse), nominal events, and the CAMEO table.

    >>> lex = Lexicon.default()
    >>> lex.verb("ask", None, Frame(preps={"for": {"military", "aid"}}))[0].plover
    'REQUEST'
    >>> lex.noun("invasion")[0].plover, lex.code("163").plover
    ('ASSAULT', 'SANCTION')
    """

    def __init__(self):
        self.codes: dict[str, Code] = {}
        self.verbs: dict[str, list[VerbPattern]] = {}   # verb -> its patterns, most specific first
        self.nouns: dict[str, tuple[str, bool]] = {}
        self.plover_scores: dict[str, float] = {}
        self.intents: dict[str, str] = {}               # PLOVER type of an act -> CAMEO code of intending it

    def score(self, code: Optional[Code]) -> Optional[float]:
        """Cooperation-conflict score: the CAMEO code's Goldstein score, else its PLOVER type's score."""
        if code is None:
            return None
        if code.goldstein is not None:
            return code.goldstein
        return self.plover_scores.get(code.plover) if code.plover else None

    def code(self, cameo: Optional[str]) -> Optional[Code]:
        """The Code for a CAMEO code; unknown sub-codes fall back to their parent for the PLOVER type."""
        if not cameo:
            return None
        if cameo in PLOVER_EVENTS:  # a PLOVER type with no CAMEO equivalent ("resign": RETREAT)
            return Code(None, cameo.lower(), cameo, self.plover_scores.get(cameo))
        c = self.codes.get(cameo)
        if c is not None:
            return c
        for k in range(len(cameo) - 1, 1, -1):
            p = self.codes.get(cameo[:k])
            if p is not None:
                return Code(cameo, p.name, p.plover, p.goldstein)
        return None

    def knows_verb(self, lemma: str) -> bool:
        return lemma in self.verbs

    def verb(self, lemma: str, particle: Optional[str], frame: Frame) -> Optional[tuple[Code, VerbPattern]]:
        """The most specific pattern of a verb (with its particle first) that the frame satisfies."""
        for key in ([f"{lemma} {particle}"] if particle else []) + [lemma]:
            for pat in self.verbs.get(key, ()):
                if self._matches(pat, frame):
                    if pat.cameo == "-":
                        return None
                    code = self.code(pat.cameo)
                    return (code, pat) if code else None
        return None

    @staticmethod
    def _matches(p: VerbPattern, f: Frame) -> bool:
        if not all(_has(alts, f.subject) for alts in p.pre):
            return False
        if not all(_has(alts, f.object) for alts in p.post):  # nouns after `*` are the object's
            return False
        if not all(w in f.particles for w in p.particles):
            return False
        for prep in p.preps:  # "(by/with &weapon)": either preposition
            if not any(_has_all(prep.words, f.preps.get(w)) and (prep.role is None or w in f.actors)
                       for w in prep.prep.split("/")):
                return False  # a role ("(to +)") needs the phrase to name the other party
        return p.target != "object" or "object" in f.actors

    def intent(self, plover: str) -> Optional[Code]:
        """The code of an expressed intent to do an act of this PLOVER type (intents.tsv)."""
        return self.code(self.intents.get(plover))

    def noun(self, word: str) -> Optional[tuple[Code, bool]]:
        hit = self.nouns.get(word)
        if hit is None:
            return None
        c = self.code(hit[0])
        return (c, hit[1]) if c else None

    @classmethod
    def default(cls) -> "Lexicon":
        return _default()


@lru_cache(maxsize=1)
def _default() -> Lexicon:
    lex = Lexicon()
    for r in rows(data_path("cameo.tsv")):
        g = r.get("goldstein")
        lex.codes[r["cameo"]] = Code(r["cameo"], r["name"], r.get("plover") or None,
                                     float(g) if g not in (None, "", "NA") else None)
    for r in rows(data_path("cameo.curated.tsv")):
        old = lex.codes.get(r["cameo"])
        lex.codes[r["cameo"]] = Code(r["cameo"], old.name if old else "", r.get("plover") or None,
                                     old.goldstein if old else None)
    synsets: dict[str, list[str]] = {}
    for name in ("verb_synsets.tsv", "verb_synsets.curated.tsv"):
        for r in rows(data_path(name)):
            synsets.setdefault(r["synset"], []).append(r["phrase"])

    def patterns(path) -> dict[str, list[VerbPattern]]:
        out: dict[str, list[VerbPattern]] = {}
        for r in rows(path):
            text = r.get("pattern") or "*"
            out.setdefault(r["verb"], []).append(parse_pattern(text, r["cameo"], synsets))
        return out

    curated = patterns(data_path("verbs.curated.tsv"))
    derived = patterns(data_path("verbs.tsv"))
    for verb, pats in curated.items():  # curated senses first; they replace derived ones of the same pattern
        mine = {p.text for p in pats}
        derived[verb] = pats + [p for p in derived.get(verb, []) if p.text not in mine]
    for verb, pats in derived.items():  # most specific first (a stable sort: curated before derived); default last
        lex.verbs[verb] = sorted(pats, key=lambda p: -p.weight)
    for r in rows(data_path("plover.tsv")):
        lex.plover_scores[r["event"]] = float(r["score"])
    for r in rows(data_path("intents.tsv")):
        lex.intents[r["event"]] = r["cameo"]
    for r in rows(data_path("nouns.tsv")):
        lex.nouns[r["noun"]] = (r["cameo"], r.get("symmetric") == "yes")
    return lex
