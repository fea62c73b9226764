"""graphkit: news text -> a knowledge graph of geopolitical actors (extract, store, load, analyse)."""
from .pipeline import Extractor
from .model import Actor, Assertion, Document, Mention
from .readers import normalize, read_documents

__version__ = "0.1.0"


def extract(text: str, doc_id: str = "doc", model=None):
    """Assertions of one text (normalised first).

    >>> [(a.subject.id, a.event, a.object.id) for a in extract("Russia invaded Ukraine.")]
    [('RUS', 'ASSAULT', 'UKR')]
    """
    from .readers import document_from_text
    if not isinstance(text, str):
        raise TypeError(f"extract() takes an article's text as str, not {type(text).__name__}"
                        + (" (decode it first: data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""))
    return Extractor(model).extract_one(document_from_text(text, doc_id))


__all__ = ["Actor", "Assertion", "Document", "Extractor", "Mention", "extract", "normalize", "read_documents",
           "__version__"]
