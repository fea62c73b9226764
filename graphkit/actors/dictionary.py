"""The actor dictionary: the curated data files (graphkit/data) and user files, as canonical actors, aliases and role words."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..model import Actor

SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "LEG": "legislature", "JUD": "judiciary", "COP": "police",
    "MED": "media", "GOVMED": "state media", "REB": "rebels", "OPP": "opposition", "BUS": "business",
    "EDU": "academia", "HLH": "health", "REF": "refugees", "CVL": "civilians", "REL": "religious",
    "SPY": "intelligence", "HRI": "human rights", "ENV": "environment", "LAB": "labour", "AGR": "agriculture",
    "CRM": "criminals", "ELI": "elite", "PTY": "party", "DEV": "development", "UAF": "armed group",
    "IGO": "international body", "NGO": "non-governmental body",
}


@dataclass(frozen=True)
class Alias:
    """One way of naming an actor. `kind` is name, seat (a capital or institution naming the state's
    government: "the Kremlin") or city (a place in the state, an actor only where the parser sees a place).
    `exact`: a short capitalised alias ("US", "UN", "IS") matches only as written here. `others`: further
    actors the same words name ("RSF": Reporters Without Borders, the Rapid Support Forces); the document
    decides between them (Resolver)."""
    actor: Actor
    kind: str = "name"
    sector: Optional[str] = None
    exact: Optional[str] = None
    others: tuple[Actor, ...] = ()


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def person_id(name: str) -> str:
    return "person:" + slug(name)


def org_id(name: str) -> str:
    return "org:" + slug(name)


def rows(path) -> Iterator[dict]:
    """Rows of a graphkit TSV: '#' lines are comments (source, licence), the first other line is the header."""
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def data_path(name: str):
    return resources.files("graphkit") / "data" / name


def _split(v: Optional[str]) -> list[str]:
    return [a.strip() for a in (v or "").split("|") if a.strip()]


def _exact(alias: str) -> Optional[str]:
    bare = alias.replace(".", "").replace("-", "")
    return alias if bare.isupper() and len(bare) <= 4 else None


class ActorDictionary:
    """Canonical actors (states, seats of power, organisations, armed groups, people) by alias, and
    role words by sector. `span_patterns()` turns the aliases into spaCy SpanRuler patterns whose ids
    are the actors' ids, so a new actor is one data row.

    >>> d = ActorDictionary.default()
    >>> d.lookup("Kremlin").actor.id, d.lookup("Kremlin").sector
    ('RUS', 'GOV')
    >>> d.lookup("us") is None, d.lookup("US").actor.id, d.lookup("Daesh").actor.id
    (True, 'USA', 'ISIL')
    """

    def __init__(self):
        self.entries: dict[str, Actor] = {}
        self.aliases: dict[str, Alias] = {}
        self.roles: dict[str, str] = {}      # role words -> sector
        self._pinned: set[str] = set()        # aliases a user file or a curated row settles: never ambiguous

    # ------------------------------------------------------------------ building
    def add(self, actor: Actor, aliases: Iterable[str], kind: str = "name", sector: Optional[str] = None,
            override: bool = False) -> None:
        actor = self.entries.setdefault(actor.id, actor)
        for alias in aliases:
            alias = re.sub(r"\s+", " ", alias.strip())
            if not alias:
                continue
            key = alias.lower()
            known = self.aliases.get(key)
            if override:
                self._pinned.add(key)
            elif known is not None:
                if key not in self._pinned and known.actor.id != actor.id and actor not in known.others \
                        and kind == known.kind and known.actor.type != "country":  # a state's names are its own
                    self.aliases[key] = replace(known, others=known.others + (actor,))
                continue
            self.aliases[key] = Alias(actor, kind, sector, _exact(alias))

    def load_countries(self, path) -> None:
        table = list(rows(path)) + list(rows(data_path("countries.curated.tsv")))
        for r in table:
            self.add(Actor(r["id"], r["name"], "country", r["id"]),
                     [r["name"]] + _split(r.get("aliases")) + _split(r.get("demonyms")))
        for r in rows(data_path("country_aliases.tsv")):
            if r["country"] in self.entries:  # curated: wins over the derived names
                self.add(self.entries[r["country"]], [r["alias"]], override=True)
        for r in table:
            self.add(self.entries[r["id"]], _split(r.get("seats")), kind="seat", sector="GOV")
        for r in table:  # spelling variants last: "Serbian" is Serbia's before it is anyone's variant
            self.add(self.entries[r["id"]], _split(r.get("variants")))
        for r in table:  # major cities place an event in their country ("in Jericho", "Kirkuk")
            self.add(self.entries[r["id"]], _split(r.get("cities")), kind="city")

    def load_seats(self, path) -> None:
        for r in rows(path):
            actor = self.entries.get(r["country"])
            if actor:
                self.add(actor, [r["alias"]], kind="seat", sector=r.get("sector") or "GOV")

    def load_actors(self, path, override: bool = False) -> None:
        """An actor file: id, name, type, country, sector, aliases (the organisations.tsv format)."""
        for r in rows(path):
            typ = (r.get("type") or "organisation").strip().lower()
            eid = r.get("id") or (person_id(r["name"]) if typ == "person" else org_id(r["name"]))
            actor = Actor(eid, r["name"], typ, r.get("country") or None, r.get("sector") or None)
            if override:
                self.entries[eid] = actor
            self.add(actor, [r["name"]] + _split(r.get("aliases")), override=override)

    def load_people(self, path) -> None:
        for r in rows(path):
            actor = Actor(person_id(r["name"]), r["name"], "person", r["country"] or None, r["sector"] or None)
            self.add(actor, [r["name"]] + _split(r.get("aliases")))

    def load_roles(self, path) -> None:
        for r in rows(path):
            self.roles.setdefault(r["role"], r["sector"])

    @classmethod
    def default(cls, extra: Iterable[str] = ()) -> "ActorDictionary":
        """The packaged dictionaries, plus user actor files (`extra`, same columns as organisations.tsv)."""
        return _default(tuple(str(p) for p in extra))

    # ------------------------------------------------------------------ lookups
    def lookup(self, text: str) -> Optional[Alias]:
        a = self.aliases.get(text.lower())
        if a is None or (a.exact and text.replace(" ", "") != a.exact.replace(" ", "")):
            return None
        return a

    def role_sector(self, words: str) -> Optional[str]:
        return self.roles.get(words.lower())

    def agent(self, country: Optional[str], sector: str) -> Optional[Actor]:
        """A state's unnamed agents as one actor: ('CHN', 'GOV') -> CHN:GOV, "China government"; None
        when `country` is no state of the dictionary."""
        state = self.entries.get(country or "")
        if state is None or state.type != "country":
            return None
        return Actor(f"{state.id}:{sector}", f"{state.name} {SECTOR_NAMES.get(sector, sector.lower())}", "agent",
                     state.id, sector)

    def span_patterns(self) -> tuple[list[dict], list[dict]]:
        """SpanRuler phrase patterns (label: alias kind, id: actor id): (case-insensitive, exact-case)."""
        loose, exact = [], []
        for key, a in self.aliases.items():
            if a.exact:
                exact.append({"label": a.kind, "pattern": a.exact, "id": a.actor.id})
            else:
                loose.append({"label": a.kind, "pattern": key, "id": a.actor.id})
        return loose, exact


@lru_cache(maxsize=8)
def _default(extra: tuple[str, ...]) -> ActorDictionary:
    d = ActorDictionary()
    for p in extra:  # user files first: they win over the packaged ones
        if not Path(p).is_file():
            raise FileNotFoundError(f"{p}: actor file not found")
        d.load_actors(p, override=True)
    d.load_countries(data_path("countries.tsv"))
    d.load_seats(data_path("seats.tsv"))
    d.load_actors(data_path("organisations.tsv"))
    d.load_actors(data_path("groups.curated.tsv"))
    d.load_actors(data_path("groups.tsv"))
    d.load_people(data_path("people.curated.tsv"))
    d.load_people(data_path("people.tsv"))
    d.load_roles(data_path("agents.curated.tsv"))
    d.load_roles(data_path("agents.tsv"))
    return d
