"""Telling English documents from others (py3langid: a bundled model, nothing downloaded)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

#: too little text to judge: such documents are always kept
MIN_LETTERS = 100
#: a document is skipped when another language is this likely and English is not in the running
CONFIDENT = 0.9
#: English varieties the model tells apart from English
ENGLISH = {"en", "pcm"}
_WORD = re.compile(r"[^\W\d_]+")
# the commonest English words: a text where they are frequent needs no model (a fast path only)
_COMMON = {"the", "of", "and", "to", "is", "that", "for", "was", "with", "said", "by", "it", "has", "have", "are",
           "were", "from", "its", "their", "which", "would"}


def not_english(text: str) -> Optional[str]:
    """The language code of a text that is confidently not English, else None.

    >>> not_english("Der russische Präsident hat am Montag in Berlin mit dem Bundeskanzler über die Lage "
    ...             "in der Ukraine gesprochen, teilte die Regierung am Abend mit.")
    'de'
    >>> not_english("Russia invaded Ukraine.") is None   # too short to judge: kept
    True
    """
    sample = text[:3000]
    words = _WORD.findall(sample)
    if sum(map(len, words)) < MIN_LETTERS:
        return None
    if sum(w.lower() in _COMMON for w in words) >= 0.1 * len(words):
        return None
    lang, p = _identifier().classify(sample)
    return lang if lang not in ENGLISH and p >= CONFIDENT else None


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
