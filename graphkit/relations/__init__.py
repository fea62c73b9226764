"""Relations: the event lexicon, the constructions (DependencyMatcher patterns) and the engine that turns a parse into assertions."""
from .engine import RelationExtractor
from .lexicon import Lexicon
from .patterns import ConstructionMatcher, constructions

__all__ = ["ConstructionMatcher", "Lexicon", "RelationExtractor", "constructions"]
