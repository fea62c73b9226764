"""Actors: the curated dictionary and the per-document resolver."""
from .dictionary import ActorDictionary, Entry
from .resolver import Resolver

__all__ = ["ActorDictionary", "Entry", "Resolver"]
