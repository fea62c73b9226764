"""Named word classes (graphkit/data/wordclasses.toml), loaded once: the words that rules refer to by name."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


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
def word_classes() -> WordClasses:
    with (resources.files("graphkit") / "data" / "wordclasses.toml").open("rb") as f:
        data = tomllib.load(f)
    return WordClasses({name: frozenset(body["words"]) for name, body in data.items()})


def ordered(name: str) -> tuple[str, ...]:
    """A class's words in file order, for classes whose order ranks them (object prepositions)."""
    with (resources.files("graphkit") / "data" / "wordclasses.toml").open("rb") as f:
        return tuple(dict.fromkeys(tomllib.load(f)[name]["words"]))
