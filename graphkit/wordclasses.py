"""Named word classes (graphkit/data/wordclasses.toml), loaded once: the words that rules refer to by name."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


class DataError(Exception):
    """A data file under graphkit/data (or a user's) is malformed: one line naming the file, the entry and
    what is wrong, so that a run stops once instead of failing on every document."""


def load_toml(name: str) -> dict:
    """A TOML file of graphkit/data, parsed; DataError when it is not TOML."""
    try:
        with (resources.files("graphkit") / "data" / name).open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"{name}: not valid TOML ({e})") from None


class WordClasses(dict):
    """Class name -> frozenset of words; also readable as attributes (`W.speech_verbs`).

    >>> W = word_classes()
    >>> "say" in W.speech_verbs, "say" in W["speech_verbs"]
    (True, True)
    """

    def __getattr__(self, name: str) -> frozenset:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"no word class {name!r} in wordclasses.toml") from None


@lru_cache(maxsize=1)
def _classes() -> dict[str, tuple[str, ...]]:
    out = {}
    for name, body in load_toml("wordclasses.toml").items():
        words = body.get("words") if isinstance(body, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataError(f"wordclasses.toml: class {name!r}: 'words' must be a list of strings")
        out[name] = tuple(dict.fromkeys(words))
    return out


@lru_cache(maxsize=1)
def word_classes() -> WordClasses:
    return WordClasses({name: frozenset(words) for name, words in _classes().items()})


def ordered(name: str) -> tuple[str, ...]:
    """A class's words in file order, for classes whose order ranks them (object prepositions)."""
    return _classes()[name]
