"""graphkit: news text -> a knowledge graph of geopolitical actors (extract, store, load, analyse)."""
from .model import Actor, Assertion, Document, Mention
from .readers import normalize, read_documents

__version__ = "0.1.0"


def extract(text: str, doc_id: str = "doc", model=None):
    """Assertions of one text (normalised first).

    >>> [(a.subject.id, a.event, a.object.id) for a in extract("Russia invaded Ukraine.")]
    [('RUS', 'ASSAULT', 'UKR')]
    """
    from .pipeline import Extractor
    from .readers import document_from_text
    if not isinstance(text, str):
        raise TypeError(f"extract() takes an article's text as str, not {type(text).__name__}"
                        + (" (decode it first: data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""))
    return Extractor(model).extract_one(document_from_text(text, doc_id))


def __getattr__(name: str):
    """`graphkit.Extractor` loads spaCy and the extraction machinery on first use, so commands that do not
    extract (analyze, export, load, --version) start without them."""
    if name == "Extractor":
        from .pipeline import Extractor
        return Extractor
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")


__all__ = ["Actor", "Assertion", "Document", "Extractor", "Mention", "extract", "normalize", "read_documents",
           "__version__"]
