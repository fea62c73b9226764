"""The records that flow from extraction to every sink: Document, Actor, Assertion (the JSONL contract)."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
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

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def meta(self) -> dict:
        """What an assertion carries of its article."""
        return {"id": self.id, "title": self.title, "date": self.date, "url": self.url, "sha256": self.sha256}

    def to_dict(self) -> dict:
        return {**self.meta(), "text": self.text}


@dataclass
class Actor:
    """A resolved actor: `id` is stable across documents, `text` is this mention's words."""
    id: str
    name: str
    type: str
    country: Optional[str] = None  # ISO 3166-1 alpha-3, "IGO", "NGO" or None
    sector: Optional[str] = None   # Phoenix/CAMEO agent code: GOV, MIL, MED, ...
    role: Optional[str] = None     # as stated in the text: "national security adviser"
    text: Optional[str] = None
    start: Optional[int] = None    # character offsets of the mention in the normalised text
    end: Optional[int] = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Actor":
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__})


@dataclass
class Assertion:
    """subject –relation→ object, with its PLOVER event, provenance and modality."""
    doc_id: str
    sentence: dict                    # {"index": int, "text": str}
    start: int                        # offsets of the predicate's clause in the normalised text
    end: int
    subject: Actor
    relation: str                     # the predicate, e.g. "meet", "ask for", "invasion"
    object: Optional[Actor] = None
    event: Optional[str] = None       # PLOVER 2021 type, or None for statements, roles, affiliations
    cameo: Optional[str] = None
    mode: Optional[str] = None        # None (a fact) or one of MODES
    attributed_to: Optional[Actor] = None
    denied_by: Optional[Actor] = None
    confidence: float = 0.5
    trigger: Optional[str] = None     # the words that triggered the relation
    score: Optional[float] = None     # cooperation (+10) .. conflict (-10): Goldstein, else PLOVER score
    article: Optional[dict] = None    # {id, title, date, url, sha256} of the document
    id: str = field(default="")

    def __post_init__(self):
        if not self.id:
            self.id = stable_id(self.doc_id, self.start, self.end, self.subject.id, self.relation,
                                self.object.id if self.object else None, self.event)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "doc_id": self.doc_id, "sentence": self.sentence, "start": self.start, "end": self.end,
            "subject": self.subject.to_dict(), "relation": self.relation,
            "object": self.object.to_dict() if self.object else None,
            "event": self.event, "cameo": self.cameo, "mode": self.mode,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "denied_by": self.denied_by.to_dict() if self.denied_by else None,
            "confidence": round(self.confidence, 3), "trigger": self.trigger, "score": self.score,
            "article": self.article,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Assertion":
        def actor(x):
            return Actor.from_dict(x) if isinstance(x, dict) else None
        return cls(doc_id=d["doc_id"], sentence=d.get("sentence") or {}, start=d.get("start", 0),
                   end=d.get("end", 0), subject=actor(d["subject"]), relation=d.get("relation") or "",
                   object=actor(d.get("object")), event=d.get("event"), cameo=d.get("cameo"),
                   mode=d.get("mode"), attributed_to=actor(d.get("attributed_to")),
                   denied_by=actor(d.get("denied_by")), confidence=d.get("confidence", 0.5),
                   trigger=d.get("trigger"), score=d.get("score"), article=d.get("article"), id=d.get("id") or "")
