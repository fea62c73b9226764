"""Actors: the curated dictionary, the SpanRulers built from it and the per-document resolver."""
from .dictionary import ActorDictionary
from .resolver import Resolver
from .ruler import SPANS_KEY, add_actor_rulers

__all__ = ["ActorDictionary", "Resolver", "SPANS_KEY", "add_actor_rulers"]
