"""The actor dictionary: curated data files (graphkit/data) + user files → a phrase index of canonical actors."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from ..model import Actor

SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "LEG": "legislature", "JUD": "judiciary", "COP": "police",
    "MED": "media", "GOVMED": "state media", "REB": "rebels", "OPP": "opposition", "BUS": "business",
    "EDU": "academia", "HLH": "health", "REF": "refugees", "CVL": "civilians", "REL": "religious",
    "SPY": "intelligence", "HRI": "human rights", "ENV": "environment", "LAB": "labour", "AGR": "agriculture",
    "CRM": "criminals", "ELI": "elite", "PTY": "party", "DEV": "development", "UAF": "armed group",
}


@dataclass(frozen=True)
class Entry:
    """A canonical actor the dictionary knows."""
    id: str
    name: str
    type: str
    country: Optional[str] = None
    sector: Optional[str] = None

    def actor(self, sector: Optional[str] = None) -> Actor:
        """The canonical actor of this entry (`sector`, when given, instead of the entry's own)."""
        return Actor(id=self.id, name=self.name, type=self.type, country=self.country, sector=sector or self.sector)


@dataclass(frozen=True)
class Alias:
    """One way of naming an entry; `kind` is name, seat (capital/institution: the state's government) or
    city (a place in the state, named only where the text makes it a place)."""
    entry: Entry
    kind: str = "name"
    sector: Optional[str] = None
    exact: Optional[str] = None  # short upper-case aliases ("US", "UN") match only as written


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def person_id(name: str) -> str:
    return "person:" + slug(name)


def _rows(path) -> Iterable[dict]:
    """Rows of a graphkit TSV: '#' lines are comments (source, licence), the first other line is the header."""
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def data_path(name: str):
    return resources.files("graphkit") / "data" / name


def _split(v: Optional[str]) -> list[str]:
    return [a.strip() for a in (v or "").split("|") if a.strip()]


class ActorDictionary:
    """Phrase index over countries, seats of power, organisations, people and role words.

    >>> d = ActorDictionary.default()
    >>> d.lookup("Kremlin").entry.id, d.lookup("Kremlin").sector
    ('RUS', 'GOV')
    >>> d.lookup("us") is None, d.lookup("US").entry.id
    (True, 'USA')
    """

    def __init__(self):
        self.entries: dict[str, Entry] = {}
        self.phrases: dict[str, Alias] = {}
        self.roles: dict[str, str] = {}      # role words -> sector
        self.first_words: set[str] = set()
        self.max_words = 1

    # ------------------------------------------------------------------ building
    def add(self, entry: Entry, aliases: Iterable[str], kind: str = "name", sector: Optional[str] = None,
            override: bool = False) -> None:
        entry = self.entries.setdefault(entry.id, entry)
        for alias in aliases:
            alias = re.sub(r"\s+", " ", alias.strip())
            if not alias:
                continue
            bare = alias.replace(".", "")
            exact = alias if (bare.isupper() and len(bare) <= 4) else None
            key = alias.lower()
            if key in self.phrases and not override:
                continue
            self.phrases[key] = Alias(entry, kind, sector, exact)
            words = re.findall(r"\w+|[^\w\s]", key)
            self.first_words.add(key.split()[0].split("-")[0])
            self.first_words.add(words[0] if words else key)
            self.max_words = max(self.max_words, len(words))

    def load_countries(self, path) -> None:
        rows = list(_rows(path))
        for r in rows:
            e = Entry(r["id"], r["name"], "country", r["id"])
            self.add(e, [r["name"]] + _split(r.get("aliases")) + _split(r.get("demonyms")))
        for r in _rows(data_path("country_aliases.tsv")):
            if r["country"] in self.entries:  # curated: wins over the derived names
                self.add(self.entries[r["country"]], [r["alias"]], override=True)
        for r in rows:
            self.add(self.entries[r["id"]], _split(r.get("seats")), kind="seat", sector="GOV")
        for r in rows:  # spelling variants last: "Serbian" is Serbia's before it is anyone's variant
            self.add(self.entries[r["id"]], _split(r.get("variants")))
        for r in rows:  # major cities place an event in their country ("in Jericho", "Kirkuk")
            self.add(self.entries[r["id"]], _split(r.get("cities")), kind="city")

    def load_seats(self, path) -> None:
        for r in _rows(path):
            e = self.entries.get(r["country"])
            if e:
                self.add(e, [r["alias"]], kind="seat", sector=r.get("sector") or "GOV", override=False)

    def load_actors(self, path, override: bool = False) -> None:
        """An actor file: id, name, type, country, sector, aliases (the organisations.tsv format)."""
        for r in _rows(path):
            typ = (r.get("type") or "organisation").strip().lower()
            eid = r.get("id") or (person_id(r["name"]) if typ == "person" else slug(r["name"]).upper())
            e = Entry(eid, r["name"], typ, (r.get("country") or None), (r.get("sector") or None))
            self.add(e, [r["name"]] + _split(r.get("aliases")), override=override)

    def load_people(self, path) -> None:
        for r in _rows(path):
            e = Entry(person_id(r["name"]), r["name"], "person", r["country"] or None, r["sector"] or None)
            self.add(e, [r["name"]] + _split(r.get("aliases")))

    def load_roles(self, path, override: bool = False) -> None:
        for r in _rows(path):
            if override or r["role"] not in self.roles:
                self.roles[r["role"]] = r["sector"]

    @classmethod
    def default(cls, extra: Iterable[str] = ()) -> "ActorDictionary":
        """The packaged dictionaries, plus user actor files (`extra`, same columns as organisations.tsv)."""
        return _default(tuple(str(p) for p in extra))

    # ------------------------------------------------------------------ lookups
    def lookup(self, text: str) -> Optional[Alias]:
        a = self.phrases.get(text.lower())
        if a is None or (a.exact is not None and text.replace(" ", "") != a.exact.replace(" ", "")):
            return None
        return a

    def role_sector(self, words: str) -> Optional[str]:
        return self.roles.get(words.lower())

    def agent(self, country: Optional[str], sector: str) -> Optional[Actor]:
        """A state's unnamed agents as one actor: ('CHN', 'GOV') -> CHN:GOV, "China government"; None
        when `country` is no state of the dictionary."""
        e = self.entries.get(country or "")
        if e is None or e.type != "country":
            return None
        return Actor(id=f"{e.id}:{sector}", name=f"{e.name} {SECTOR_NAMES.get(sector, sector.lower())}",
                     type="agent", country=e.id, sector=sector)


@lru_cache(maxsize=8)
def _default(extra: tuple[str, ...]) -> ActorDictionary:
    d = ActorDictionary()
    for p in extra:  # user files first: they win over the packaged ones
        if not Path(p).is_file():
            raise FileNotFoundError(f"{p}: actor file not found")
        d.load_actors(p)
    d.load_countries(data_path("countries.tsv"))
    d.load_seats(data_path("seats.tsv"))
    d.load_actors(data_path("organisations.tsv"))
    d.load_people(data_path("people.tsv"))
    d.load_roles(data_path("agents.curated.tsv"))
    d.load_roles(data_path("agents.tsv"))
    return d
