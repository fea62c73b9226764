"""The event lexicon: verbs and nouns -> CAMEO codes -> PLOVER 2021 types and Goldstein scores (data files)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ..actors.dictionary import _rows, data_path
from ..model import PLOVER_EVENTS


@dataclass(frozen=True)
class Code:
    cameo: Optional[str]
    name: str
    plover: Optional[str]
    goldstein: Optional[float]


class Lexicon:
    """Verb senses (lemma [+ particle] + object words -> CAMEO), nominal events, and the CAMEO table.

    >>> lex = Lexicon.default()
    >>> lex.verb("ask", None, {"for", "military", "aid"}).plover
    'REQUEST'
    >>> lex.noun("invasion")[0].plover, lex.code("163").plover
    ('ASSAULT', 'SANCTION')
    """

    def __init__(self):
        self.codes: dict[str, Code] = {}
        self.verbs: dict[str, dict[tuple, str]] = {}   # verb -> {pattern words: cameo or "-"}
        self.nouns: dict[str, tuple[str, bool]] = {}
        self.plover_scores: dict[str, float] = {}

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

    def verb(self, lemma: str, particle: Optional[str], words: Iterable[str]) -> Optional[Code]:
        """The most specific sense of a verb: patterns whose words all occur in `words` beat the default."""
        words = set(words)
        keys = ([f"{lemma} {particle}"] if particle else []) + [lemma]
        for key in keys:
            senses = self.verbs.get(key)
            if not senses:
                continue
            best, best_len = None, -1
            for pat, cameo in senses.items():
                if len(pat) > best_len and all(w in words for w in pat):
                    best, best_len = cameo, len(pat)
            if best is not None:
                return None if best == "-" else self.code(best)
        return None

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
    for r in _rows(data_path("cameo.tsv")):
        g = r.get("goldstein")
        lex.codes[r["cameo"]] = Code(r["cameo"], r["name"], r.get("plover") or None,
                                     float(g) if g not in (None, "", "NA") else None)
    for r in _rows(data_path("cameo.curated.tsv")):
        old = lex.codes.get(r["cameo"])
        lex.codes[r["cameo"]] = Code(r["cameo"], old.name if old else "", r.get("plover") or None,
                                     old.goldstein if old else None)
    curated: dict[str, dict[tuple, str]] = {}
    for r in _rows(data_path("verbs.curated.tsv")):
        curated.setdefault(r["verb"], {})[tuple(r["pattern"].split()) if r.get("pattern") else ()] = r["cameo"]
    for r in _rows(data_path("verbs.tsv")):
        if r["verb"] not in curated:  # a curated verb's senses replace all its derived ones
            lex.verbs.setdefault(r["verb"], {})[tuple(r["pattern"].split()) if r.get("pattern") else ()] = r["cameo"]
    lex.verbs.update(curated)
    for r in _rows(data_path("plover.tsv")):
        lex.plover_scores[r["event"]] = float(r["score"])
    for r in _rows(data_path("nouns.tsv")):
        lex.nouns[r["noun"]] = (r["cameo"], r.get("symmetric") == "yes")
    return lex
