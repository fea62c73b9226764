"""The records that flow from extraction to every sink: Document, Actor, Mention, Assertion (the JSONL contract)."""
from __future__ import annotations

import hashlib
import typing
from dataclasses import dataclass, field, fields
from typing import Any, Optional

#: Actor types; each becomes a second Neo4j label (see cypher/README.md).
ACTOR_TYPES = ("country", "person", "organisation", "igo", "ngo", "agent", "group")

#: PLOVER 2021 event types.
PLOVER_EVENTS = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                 "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

#: PLOVER auxiliary modes graphkit marks.
MODES = ("negation", "hypothetical", "future", "historical")


def stable_id(*parts: Any, n: int = 16) -> str:
    """A short deterministic id: the same inputs give the same id in every run and on every machine."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:n]


@dataclass
class Document:
    """One input article: `text` is the normalised text that every offset refers to."""
    id: str
    text: str
    title: Optional[str] = None
    date: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None  # file (and line) it came from
    author: Optional[str] = None
    date_source: Optional[str] = None  # where `date` came from: record, page, dateline, filename or option

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def meta(self) -> dict:
        """What an assertion carries of its article."""
        return {"id": self.id, "title": self.title, "date": self.date, "url": self.url, "sha256": self.sha256}

    def to_dict(self) -> dict:
        return {**self.meta(), "author": self.author, "date_source": self.date_source, "text": self.text}


@dataclass(frozen=True)
class Actor:
    """A canonical actor: who, not where the text names it. `id` is stable across documents.

    >>> Actor(id="RUS", name="Russia", type="country", country="RUS")
    Actor(id='RUS', name='Russia', type='country', country='RUS', sector=None, role=None)
    """
    id: str
    name: str
    type: str
    country: Optional[str] = None  # ISO 3166-1 alpha-3, "IGO", "NGO", "IMG" or None
    sector: Optional[str] = None   # Phoenix/CAMEO agent code: GOV, MIL, MED, ...
    role: Optional[str] = None     # as stated in the text: "national security adviser"


@dataclass(frozen=True)
class Mention:
    """Where a text names an actor: its words and character offsets in the normalised text.

    `sector` is the capacity the mention speaks in: given when its words say more than the actor ("Moscow"
    is Russia speaking as its government, GOV), else the actor's own sector. The actor's other fields are
    read through the mention (`m.id` is `m.actor.id`).

    >>> m = Mention(Actor("RUS", "Russia", "country", "RUS"), "Moscow", 10, 16, sector="GOV")
    >>> m.id, m.name, m.sector
    ('RUS', 'Russia', 'GOV')
    >>> m.to_dict()["sector"], Mention.from_dict(m.to_dict()).to_dict() == m.to_dict()
    ('GOV', True)
    """
    actor: Actor
    text: Optional[str] = None
    start: Optional[int] = None    # character offsets in the normalised text
    end: Optional[int] = None
    sector: Optional[str] = None

    # the actor's identity, read through the mention
    id = property(lambda self: self.actor.id)
    name = property(lambda self: self.actor.name)
    type = property(lambda self: self.actor.type)
    country = property(lambda self: self.actor.country)
    role = property(lambda self: self.actor.role)

    def __post_init__(self):
        if self.sector is None:
            object.__setattr__(self, "sector", self.actor.sector)

    def to_dict(self) -> dict:
        """The flat JSONL form: the actor's fields (`sector` the mention's), then text, start, end."""
        a = self.actor
        return {"id": a.id, "name": a.name, "type": a.type, "country": a.country, "sector": self.sector,
                "role": a.role, "text": self.text, "start": self.start,
                "end": self.end}

    @classmethod
    def from_dict(cls, d: dict, name: str = "actor") -> "Mention":
        """Read the flat JSONL form (the sector goes to the actor: the flat form does not tell them apart).
        Raises RecordError naming the field (`name`.key) when a value has the wrong type."""
        if not isinstance(d, dict):
            raise RecordError(f"field {name!r} must be an actor record ({{\"id\": …, \"name\": …}}), not "
                              f"{_kind(d)}")
        ident = _value(d, "id", str, f"{name}.id")
        if not ident:
            raise RecordError(f"field '{name}.id' must be a non-empty string")
        actor = Actor(id=ident, name=_value(d, "name", str, f"{name}.name") or ident,
                      type=_value(d, "type", str, f"{name}.type") or "group",
                      **{k: _value(d, k, str, f"{name}.{k}") for k in ("country", "sector", "role")})
        return cls(actor, _value(d, "text", str, f"{name}.text"), _value(d, "start", int, f"{name}.start"),
                   _value(d, "end", int, f"{name}.end"))


class RecordError(ValueError):
    """A record that is not an assertion, in one line naming the field and what it should be."""


_INT64 = 2 ** 63


def _kind(v) -> str:
    return {type(None): "null", bool: "true/false", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(v), type(v).__name__)


def _value(d: dict, key: str, kind: type, name: str):
    """d[key] if it is None or of `kind` (int: a 64-bit integer; float: any number; str: valid Unicode)."""
    v = d.get(key)
    if v is None:
        return None
    ok = (isinstance(v, (int, float)) and not isinstance(v, bool) if kind is float
          else isinstance(v, int) and not isinstance(v, bool) and -_INT64 <= v < _INT64 if kind is int
          else isinstance(v, kind))
    if not ok:
        what = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}[kind]
        raise RecordError(f"field {name!r} must be {what} or null, not {_kind(v)}")
    if kind is str:
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise RecordError(f"field {name!r} holds text that is not valid Unicode (a lone surrogate)") from None
    return v


def _flat(d: dict, key: str, allowed: tuple) -> Optional[dict]:
    """d[key]: null or an object whose keys in `allowed` hold strings or numbers (other keys are dropped)."""
    v = d.get(key)
    if v is None:
        return None
    if not isinstance(v, dict):
        raise RecordError(f"field {key!r} must be an object or null, not {_kind(v)}")
    return {k: _value(v, k, int if k == "index" else str, f"{key}.{k}") for k in allowed if k in v}


ACTOR_FIELDS = tuple(f.name for f in fields(Actor))
#: the Assertion fields that are Mentions (flat dicts in JSONL)
MENTION_FIELDS = ("subject", "object", "attributed_to", "denied_by")


@dataclass
class Assertion:
    """subject –relation→ object, with its PLOVER event, provenance, modality and date.

    The JSONL contract is `to_dict()`: every field under its name, Mentions as flat dicts. A field added
    here reaches JSONL, the store, Neo4j and networkx with no other edit (see graphkit.graphmodel).

    >>> ru, ua = Actor("RUS", "Russia", "country", "RUS"), Actor("UKR", "Ukraine", "country", "UKR")
    >>> a = Assertion("d1", {"index": 0, "text": "Russia invaded Ukraine."}, 0, 22, Mention(ru, "Russia", 0, 6),
    ...               "invade", Mention(ua, "Ukraine", 15, 22), event="ASSAULT", cameo="190")
    >>> Assertion.from_dict(a.to_dict()) == a
    True
    """
    doc_id: str
    sentence: dict                    # {"index": int, "text": str}
    start: int                        # offsets of the predicate's clause in the normalised text
    end: int
    subject: Mention
    relation: str                     # the predicate, e.g. "meet", "ask for", "invasion"
    object: Optional[Mention] = None
    event: Optional[str] = None       # PLOVER 2021 type, or None for statements, roles, affiliations
    cameo: Optional[str] = None
    mode: Optional[str] = None        # None (a fact) or one of MODES
    attributed_to: Optional[Mention] = None
    denied_by: Optional[Mention] = None
    confidence: float = 0.5
    trigger: Optional[str] = None     # the words that triggered the relation
    score: Optional[float] = None     # cooperation (+10) .. conflict (-10): Goldstein, else PLOVER score
    rule: Optional[str] = None        # the name of the construction that produced it
    date: Optional[str] = None        # the event's date (ISO 8601, as precise as the text); sinks fall
    date_text: Optional[str] = None   # back to the article's date when it is None
    date_precision: Optional[str] = None  # day | week | month | year | article
    article: Optional[dict] = None    # {id, title, date, url, sha256} of the document
    id: str = field(default="")

    def __post_init__(self):
        self.confidence = round(self.confidence, 3)
        if not self.id:
            self.id = stable_id(self.doc_id, self.start, self.end, self.subject.id, self.relation,
                                self.object.id if self.object else None, self.event)

    def to_dict(self) -> dict:
        out = {"id": self.id}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name != "id":
                out[f.name] = v.to_dict() if isinstance(v, Mention) else v
        return out

    @classmethod
    def from_dict(cls, d: dict) -> "Assertion":
        """Read one JSONL record; missing optional fields take their defaults, unknown keys are ignored.

        Raises
        ------
        KeyError : doc_id or subject is missing
        RecordError : a field has the wrong shape (the message names it: ``field 'object' must be an
            actor record ({"id": …, "name": …}), not a string``)
        """
        if not isinstance(d, dict):
            raise RecordError(f"not an assertion record (a JSON object), but {_kind(d)}")
        for required in ("doc_id", "subject"):
            if required not in d:
                raise KeyError(required)
        hints = typing.get_type_hints(cls)
        kw: dict = {}
        for f in fields(cls):
            if f.name in MENTION_FIELDS:
                x = d.get(f.name)
                if x is not None or f.name == "subject":
                    kw[f.name] = Mention.from_dict(x, f.name)
            elif f.name == "sentence":
                kw[f.name] = _flat(d, f.name, ("index", "text")) or {}
            elif f.name == "article":
                kw[f.name] = _flat(d, f.name, ("id", "title", "date", "url", "sha256"))
            else:
                t = hints[f.name]
                kind = next((x for x in typing.get_args(t) if x is not type(None)), t)
                v = _value(d, f.name, kind, f.name)
                if v is not None:
                    kw[f.name] = v
        if not kw.get("doc_id"):
            raise RecordError("field 'doc_id' must be a non-empty string")
        kw.setdefault("start", 0)
        kw.setdefault("end", 0)
        kw.setdefault("relation", "")
        return cls(**kw)
