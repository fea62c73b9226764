"""spaCy SpanRulers built from the actor dictionary: each match's id is the canonical actor id."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .dictionary import ActorDictionary

if TYPE_CHECKING:
    from spacy.language import Language

#: Doc.spans key the rulers write to: every dictionary name in the text, overlaps included
SPANS_KEY = "graphkit_actors"


def add_actor_rulers(nlp: "Language", dictionary: ActorDictionary) -> None:
    """Add two SpanRulers at the front of `nlp` (they need only tokens): one matching aliases in any
    case, one matching short capitalised aliases ("US", "IS") only as written. Labels are the alias
    kinds (name, seat, city); ids are actor ids ("Kremlin" -> RUS)."""
    loose, exact = dictionary.span_patterns()
    config = {"spans_key": SPANS_KEY, "validate": False, "overwrite": False}
    nlp.add_pipe("span_ruler", name="graphkit_actor_names", first=True,
                 config={**config, "phrase_matcher_attr": "LOWER"}).add_patterns(loose)
    nlp.add_pipe("span_ruler", name="graphkit_actor_abbreviations", after="graphkit_actor_names",
                 config={**config, "phrase_matcher_attr": "ORTH"}).add_patterns(exact)
