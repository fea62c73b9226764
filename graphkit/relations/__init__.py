"""Relations: the event lexicon and the dependency patterns that turn a parse into assertions."""
from .extract import SentenceExtractor
from .lexicon import Lexicon

__all__ = ["Lexicon", "SentenceExtractor"]
