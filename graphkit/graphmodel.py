"""The graph model shared by every graph sink (Neo4j, networkx, exports): labels, types, properties.

Nodes are actors (label ``Actor`` plus one label by type) and articles; each assertion is one
relationship between its two actors, typed by its PLOVER event (``REQUEST``) or, for relations that are
not events, by its relation (``AFFILIATED_WITH``). Labels and relationship types come only from the
closed vocabularies below, so no text from an article ever becomes Cypher syntax.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Optional

from .model import PLOVER_EVENTS, Actor, Assertion

#: actor type -> second node label
ACTOR_LABELS = {"country": "Country", "person": "Person", "organisation": "Organization", "igo": "IGO",
                "ngo": "NGO", "agent": "Agent", "group": "Group"}
#: non-event relations -> relationship type
RELATION_TYPES = {"affiliated_with": "AFFILIATED_WITH"}
FALLBACK_TYPE = "RELATED_TO"
RELATIONSHIP_TYPES = tuple(PLOVER_EVENTS) + tuple(RELATION_TYPES.values()) + (FALLBACK_TYPE,)
MENTIONED_IN = "MENTIONED_IN"


def actor_label(actor_type: Optional[str]) -> str:
    return ACTOR_LABELS.get((actor_type or "").lower(), "Group")


def relationship_type(a: Assertion) -> str:
    if a.event in PLOVER_EVENTS:
        return a.event
    return RELATION_TYPES.get(a.relation, FALLBACK_TYPE)


def actor_props(actor: Actor) -> dict:
    """Node properties of an actor. What depends on one mention stays on the edges: its words and
    offsets, and a state's sector ("Beijing" is China's government speaking, "China" the state)."""
    state = actor.type == "country"
    return {"id": actor.id, "name": actor.name, "type": actor.type, "country": actor.country,
            "sector": None if state else actor.sector, "role": None if state else actor.role}


def assertion_props(a: Assertion) -> dict:
    """Relationship properties: flat values only, as Neo4j allows."""
    art = a.article or {}
    return {
        "id": a.id, "relation": a.relation, "event": a.event, "cameo": a.cameo, "mode": a.mode,
        "attributed_to": a.attributed_to.id if a.attributed_to else None,
        "attributed_to_name": a.attributed_to.name if a.attributed_to else None,
        "denied_by": a.denied_by.id if a.denied_by else None,
        "denied_by_name": a.denied_by.name if a.denied_by else None,
        "sentence": a.sentence.get("text"), "sentence_index": a.sentence.get("index"),
        "start": a.start, "end": a.end, "article": a.doc_id, "date": art.get("date"),
        "confidence": a.confidence, "score": a.score, "trigger": a.trigger,
        "subject_text": a.subject.text, "object_text": a.object.text if a.object else None,
        "role": a.subject.role if a.relation == "affiliated_with" else None,
    }


def article_props(a: Assertion) -> dict:
    art = a.article or {}
    return {"id": a.doc_id, "title": art.get("title"), "date": art.get("date"), "url": art.get("url"),
            "sha256": art.get("sha256")}


def actors_of(assertions: Iterable[Assertion]) -> dict[str, Actor]:
    """Every actor of some assertions, by id; later mentions fill what earlier ones left empty."""
    out: dict[str, Actor] = {}
    for a in assertions:
        for x in (a.subject, a.object):
            if x is None:
                continue
            have = out.get(x.id)
            if have is None:
                out[x.id] = replace(x)
            else:
                for f in ("country", "sector", "role"):
                    if getattr(have, f) is None and getattr(x, f) is not None:
                        setattr(have, f, getattr(x, f))
    return out
