"""The one owner of the graph model every sink shares: node and edge properties, labels, types, facts.

Nodes are actors (label ``Actor`` plus one label by type) and articles; each assertion is one
relationship between its two actors, typed by its PLOVER event (``REQUEST``) or, for relations that are
not events, by its relation (``AFFILIATED_WITH``). Labels and relationship types come only from the
closed vocabularies below, so no text from an article ever becomes Cypher syntax.

The edge properties are derived from the Assertion record: every scalar field under its own name
(``doc_id`` is called ``article``), plus the flat values of its mentions and sentence. JSONL, the
SQLite store, the Neo4j loader and networkx all take their lists from here, so a scalar field added to
``Assertion`` reaches all four with no other edit.
"""
from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from typing import Callable, Iterable, Optional, Union

from .model import PLOVER_EVENTS, Actor, Assertion, Mention

#: actor type -> second node label
ACTOR_LABELS = {"country": "Country", "person": "Person", "organisation": "Organization", "igo": "IGO",
                "ngo": "NGO", "agent": "Agent", "group": "Group"}
#: non-event relations -> relationship type
RELATION_TYPES = {"affiliated_with": "AFFILIATED_WITH"}
FALLBACK_TYPE = "RELATED_TO"
RELATIONSHIP_TYPES = tuple(PLOVER_EVENTS) + tuple(RELATION_TYPES.values()) + (FALLBACK_TYPE,)
MENTIONED_IN = "MENTIONED_IN"

#: modes that make an assertion not a fact (the "facts only" filter leaves them out)
NOT_FACTS = ("negation", "hypothetical")
#: Phoenix's pseudo-country codes: international and non-governmental organisations, militant groups
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG"})

#: node properties of an actor, in order
NODE_PROPS = ("id", "name", "type", "country", "sector", "role")
#: node properties of an article, in order
ARTICLE_PROPS = ("id", "title", "date", "url", "sha256")


def is_state(code: Optional[str]) -> bool:
    """Whether a country code names a state (ISO 3166-1 alpha-3), not Phoenix's IGO, NGO or IMG.

    >>> is_state("CHN"), is_state("IGO"), is_state("IMG"), is_state(None), is_state("CHN:GOV")
    (True, False, False, False, False)
    """
    return bool(code) and len(code) == 3 and code.isalpha() and code.isupper() and code not in NON_STATE_CODES


def is_fact(mode: Optional[str]) -> bool:
    """Whether an assertion of this mode is a fact (not negated, not hypothetical).

    >>> is_fact(None), is_fact("future"), is_fact("negation")
    (True, True, False)
    """
    return mode not in NOT_FACTS


def actor_label(actor_type: Optional[str]) -> str:
    return ACTOR_LABELS.get((actor_type or "").lower(), "Group")


def relationship_type(a: Assertion) -> str:
    if a.event in PLOVER_EVENTS:
        return a.event
    return RELATION_TYPES.get(a.relation, FALLBACK_TYPE)


def node_props(actor: Union[Actor, Mention]) -> dict:
    """Node properties of an actor. What depends on one mention stays on the edges (its words, offsets and
    the capacity it speaks in), and a state's node has no sector or role: "Beijing" is China's government
    speaking, "China" the state.

    >>> node_props(Actor("CHN", "China", "country", "CHN", sector="GOV"))["sector"] is None
    True
    """
    a = actor.actor if isinstance(actor, Mention) else actor
    state = a.type == "country"
    return {"id": a.id, "name": a.name, "type": a.type, "country": a.country,
            "sector": None if state else a.sector, "role": None if state else a.role}


def _mention(name: str, part: str) -> Callable[[Assertion], object]:
    def get(a: Assertion):
        m = getattr(a, name)
        if m is None:
            return None
        return m.to_dict()[part]
    return get


#: edge properties that are not scalar fields of Assertion: name -> how to compute it
DERIVED: dict[str, Callable[[Assertion], object]] = {
    "article": lambda a: a.doc_id,
    "date": lambda a: a.date or (a.article or {}).get("date"),
    "sentence": lambda a: (a.sentence or {}).get("text"),
    "sentence_index": lambda a: (a.sentence or {}).get("index"),
    "subject_text": _mention("subject", "text"),
    "subject_sector": _mention("subject", "sector"),
    "object_text": _mention("object", "text"),
    "object_sector": _mention("object", "sector"),
    "attributed_to": _mention("attributed_to", "id"),
    "attributed_to_name": _mention("attributed_to", "name"),
    "denied_by": _mention("denied_by", "id"),
    "denied_by_name": _mention("denied_by", "name"),
    "role": lambda a: a.subject.role if a.relation == "affiliated_with" else None,
}
#: scalar fields of Assertion that are edge properties under another name
RENAMED = {"doc_id": "article"}
SCALARS = (str, int, float, bool)


def _scalar_fields() -> list[tuple[str, type]]:
    """(field, Python type) of each scalar field of Assertion, in the record's order."""
    hints = typing.get_type_hints(Assertion)
    out = []
    for f in fields(Assertion):
        t = hints[f.name]
        args = [x for x in typing.get_args(t) if x is not type(None)] if typing.get_origin(t) is Union else [t]
        if len(args) == 1 and args[0] in SCALARS:
            out.append((f.name, args[0]))
    return out


_FIELD_TYPES = {RENAMED.get(n, n): t for n, t in _scalar_fields()}
#: relationship properties, in order: Neo4j's properties(r), networkx's edge data (plus `type`), the store's
#: columns (plus subject, object, type)
EDGE_PROPS: tuple[str, ...] = tuple(dict.fromkeys(["id", *_FIELD_TYPES, *DERIVED]))
#: Python type of each edge property (str for the derived ones but sentence_index)
EDGE_TYPES: dict[str, type] = {p: _FIELD_TYPES.get(p, int if p == "sentence_index" else str) for p in EDGE_PROPS}
#: what a relationship is besides its properties: its endpoints and its type
EDGE_ENDS = ("subject", "object", "type")


def edge_props(a: Assertion) -> dict:
    """Relationship properties of an assertion, flat values only (as Neo4j allows), in EDGE_PROPS order."""
    field_of = {v: k for k, v in RENAMED.items()}
    return {p: DERIVED[p](a) if p in DERIVED else getattr(a, field_of.get(p, p)) for p in EDGE_PROPS}


def edge_row(a: Assertion) -> dict:
    """An edge as one flat row: endpoints, type and properties (the store's columns, the export CSV's)."""
    return {"subject": a.subject.id, "object": a.object.id if a.object else None, "type": relationship_type(a),
            **edge_props(a)}


def article_props(a: Assertion) -> dict:
    art = a.article or {}
    return {"id": a.doc_id, **{k: art.get(k) for k in ARTICLE_PROPS[1:]}}


@dataclass(frozen=True)
class EdgeFilter:
    """Which assertions a graph keeps: facts only (not negated or hypothetical), events only (PLOVER types,
    not AFFILIATED_WITH), and a date range [start, end] on ISO 8601 dates, `end` compared at its own
    precision (end="2022-03" keeps all of March). Every source applies the same filter: in Python here,
    in SQL in the store.

    >>> f = EdgeFilter(events_only=True, end="2022-03")
    >>> f.keep({"mode": None, "type": "ASSAULT", "date": "2022-03-31"}), f.keep({"mode": None, "type": "ASSAULT"})
    (True, False)
    """
    facts_only: bool = True
    events_only: bool = False
    start: Optional[str] = None
    end: Optional[str] = None

    def keep(self, edge: dict) -> bool:
        """Whether an edge (a dict with mode, type and date) passes."""
        date = edge.get("date")
        if self.facts_only and not is_fact(edge.get("mode")):
            return False
        if self.events_only and edge.get("type") not in PLOVER_EVENTS:
            return False
        if self.start and (not date or date < self.start):
            return False
        if self.end and (not date or date[: len(self.end)] > self.end):
            return False
        return True


def actors_of_all(assertions: Iterable[Assertion]) -> set[Actor]:
    """Every distinct actor record the subjects and objects of some assertions give (one actor id may come
    with different fields in different mentions)."""
    return {m.actor for a in assertions for m in (a.subject, a.object) if m is not None}


def actors_of(assertions: Iterable[Assertion]) -> dict[str, Actor]:
    """Every actor of some assertions (subjects and objects), by id; later mentions fill what earlier ones
    left empty."""
    out: dict[str, Actor] = {}
    for a in assertions:
        for m in (a.subject, a.object):
            if m is None:
                continue
            have = out.get(m.id)
            if have is None:
                out[m.id] = m.actor
            else:
                fill = {f: getattr(m.actor, f) for f in ("country", "sector", "role")
                        if getattr(have, f) is None and getattr(m.actor, f) is not None}
                if fill:
                    out[m.id] = Actor(**{**{f: getattr(have, f) for f in NODE_PROPS}, **fill})
    return out
