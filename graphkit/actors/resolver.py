"""Resolving mentions in a parsed Doc to canonical actors: dictionary phrases, named entities, roles, coreference."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from ..graphmodel import is_state
from ..model import Actor
from ..model import Mention as ActorMention
from .dictionary import ActorDictionary, Alias, Entry, person_id, slug

MAX_PHRASE_TOKENS = 8
#: words stripped from the front of a person's name ("President Joe Biden" -> "Joe Biden")
TITLES = {"president", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prime", "minister", "sir", "general",
          "gen.", "premier", "chancellor", "king", "queen", "prince", "sheikh", "secretary", "senator", "sen.",
          "rep.", "spokesperson", "spokesman", "spokeswoman", "leader", "foreign", "ministry", "adviser",
          "advisor", "ambassador", "envoy", "director", "chairman", "chief", "vice", "deputy", "national",
          "security", "state", "defense", "defence", "council"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself", "they", "them", "their", "theirs", "themselves"}
WE_PRONOUNS = {"we", "our", "ours", "us", "ourselves"}
GROUP_WORDS = {"group", "delegation", "team", "member", "leader", "members", "leaders", "representative",
               "head", "chief", "some", "many", "most", "all", "one", "two", "three", "dozens", "hundreds",
               "thousands", "number", "contingent", "unit", "batch", "patch", "deployment", "mission"}
#: roles whose compound names a subject of study, not an owner ("China specialists")
TOPIC_ROLES = {"specialist", "expert", "analyst", "scholar", "watcher", "observer", "correspondent", "historian",
               "researcher", "hand"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "nummod", "npadvmod"}


def mention(actor: Optional[Actor], text: Optional[str] = None, start: Optional[int] = None,
            end: Optional[int] = None) -> Optional[ActorMention]:
    """`actor` named by these words, or None when there is no actor."""
    return None if actor is None else ActorMention(actor, text, start, end)


@dataclass
class Mention:
    """A span of tokens [start, end) naming an actor."""
    start: int
    end: int
    actor: Actor              # without text/offsets: see Resolver.actor_at
    kind: str = "name"        # name | seat | person | org


@dataclass
class PersonInfo:
    name: str
    country: Optional[str] = None
    sector: Optional[str] = None
    role: Optional[str] = None
    known: bool = False       # from the dictionary
    context_country: bool = False


@dataclass
class Resolver:
    """Actors of one parsed document. Build with `Resolver.build(doc, dictionary)`."""
    doc: object
    dictionary: ActorDictionary
    by_token: list = field(default_factory=list)   # token index -> Mention or None
    persons: dict = field(default_factory=dict)     # person id -> PersonInfo
    last_agent: dict = field(default_factory=dict)  # head lemma -> Actor ("the official")

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, doc, dictionary: ActorDictionary) -> "Resolver":
        r = cls(doc, dictionary, [None] * len(doc))
        r._dictionary_mentions()
        r._entity_mentions()
        r._people()
        return r

    def _put(self, m: Mention) -> None:
        for i in range(m.start, m.end):
            self.by_token[i] = m

    def _dictionary_mentions(self) -> None:
        doc, d = self.doc, self.dictionary
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            low = tok.lower_
            if low not in d.first_words or tok.is_space:
                i += 1
                continue
            hit = None
            for j in range(min(n, i + MAX_PHRASE_TOKENS), i, -1):
                span = doc[i:j]
                a = d.lookup(span.text)
                if a is not None:
                    hit = (j, a)
                    break
            if hit is None or not self._plausible(i, hit[0], hit[1]):
                i += 1
                continue
            j, a = hit
            e = a.entry
            actor = e.actor(a.sector)
            last = doc[j - 1]
            if e.type == "country" and a.kind == "name" and last.tag_ in ("NNS", "NNPS") and \
                    last.lower_ != e.name.lower().split()[-1]:
                # "Kurds", "Palestinians", "Americans": the people, not the state; "the Albanians of
                # southern Serbia" live in Serbia
                actor = self.dictionary.agent((self._residence(last) or e).id, "CVL")
            self._put(Mention(i, j, actor, a.kind if a.kind in ("seat", "city") else (
                "person" if e.type == "person" else "name")))
            i = j

    def _residence(self, tok) -> Optional[Entry]:
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "in"):
                for t in c.subtree:
                    low = self.doc[t.i:t.i + 1].text
                    a = self.dictionary.lookup(low)
                    if a is not None and a.entry.type == "country" and t.pos_ == "PROPN":
                        return a.entry
        return None

    def _plausible(self, i: int, j: int, a: Alias) -> bool:
        """Reject a dictionary hit inside a longer name: 'Jordan' in 'Michael Jordan', 'Washington' in
        'Washington Post'; and lower-case hits of names ('china' the porcelain)."""
        doc = self.doc
        first = doc[i]
        if a.entry.type != "person" and not any(t.text[:1].isupper() for t in doc[i:j]):
            return False
        if a.kind == "city" and first.ent_type_ not in ("GPE", "LOC", "FAC"):
            return False  # "Victoria", "Santiago": a city only where the parser sees a place
        if first.ent_type_ in ("PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT") and \
                a.entry.type == "country":
            ent = next((e for e in doc.ents if e.start <= i < e.end), None)
            if ent is not None and (ent.start < i or ent.end > j):
                if ent.label_ == "PERSON" or a.kind == "seat":
                    return False
        return True

    def _entity_mentions(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
                continue
            toks = [t for t in ent if self.by_token[t.i] is None]
            if not toks:
                continue
            start, end = toks[0].i, toks[-1].i + 1
            while end > start and self.doc[end - 1].tag_ == "POS":
                end -= 1
            if end <= start:
                continue
            words = self.doc[start:end]
            if ent.label_ == "PERSON":
                name = self._person_name(words)
                if name:
                    while start < end - 1 and not name.startswith(self.doc[start].text):
                        start += 1  # titles stay outside the name: they are role words
                    pid = person_id(name)
                    self._put(Mention(start, end, Actor(id=pid, name=name, type="person"), "person"))
                    self.persons.setdefault(pid, PersonInfo(name))
            elif ent.label_ == "ORG":
                if self.dictionary.role_sector(words.text) or self.dictionary.role_sector(words[-1].lemma_):
                    continue  # "Foreign Ministry": a role of whoever owns it, resolved as an agent
                # a state named inside the organisation's name is its country ("Serbian Workers' Union")
                inner = [self.by_token[t.i] for t in ent if self.by_token[t.i] is not None
                         and self.by_token[t.i].actor.type == "country"]
                if inner and ent.end - ent.start > inner[0].end - inner[0].start:
                    start = ent.start
                    words = self.doc[start:end]
                name = re.sub(r"^(the|The)\s+", "", words.text)
                if len(name) < 2 or not any(c.isupper() for c in name):
                    continue
                country = inner[0].actor.country if inner else None
                self._put(Mention(start, end, Actor(id="org:" + slug(name), name=name, type="organisation",
                                                          country=country), "org"))

    def _person_name(self, span) -> Optional[str]:
        words = [t.text for t in span]
        while words and (words[0].lower().strip(".") + ("." if words[0].endswith(".") else "") in TITLES
                         or words[0].lower() in TITLES or not words[0][:1].isupper()):
            words = words[1:]
        name = " ".join(words).replace(" - ", "-").strip(" ,;:'\"[]()")
        if not name or not re.search(r"[A-Za-z]", name) or len(name) > 60:
            return None
        return name

    def _people(self) -> None:
        """Person coreference (a surname is the person named in full elsewhere in the document) and each
        person's country, sector and role from the words around a mention."""
        doc = self.doc
        full: dict[str, str] = {}   # one name token -> person id of a multi-token person
        first_tok: dict[str, str] = {}
        for m in self.mentions():
            if m.actor.type != "person":
                continue
            if m.actor.id not in self.persons:  # a person the dictionary knows
                self.persons[m.actor.id] = PersonInfo(m.actor.name, m.actor.country, m.actor.sector, known=True)
            parts = self.persons[m.actor.id].name.split()
            if len(parts) >= 2:
                full.setdefault(parts[-1], m.actor.id)
                first_tok.setdefault(parts[0], m.actor.id)
        # single-token persons (and bare proper nouns) that name someone given in full elsewhere
        for i, tok in enumerate(doc):
            m = self.by_token[i]
            if (m is None and tok.pos_ != "PROPN") or (m is not None and m.actor.type != "person"):
                continue
            if m is not None and (m.end - m.start > 1 or len(self.persons[m.actor.id].name.split()) > 1):
                continue
            target = full.get(tok.text) or first_tok.get(tok.text)
            if target and (m is None or m.actor.id != target):
                self._put(Mention(i, i + 1, Actor(id=target, name=self.persons[target].name, type="person"),
                                       "person"))
        used = {m.actor.id for m in self.mentions()}
        self.persons = {k: v for k, v in self.persons.items() if k in used}
        # attributes from context: premodifiers ("US national security adviser Jake Sullivan") and appositions
        for m in self.mentions():
            if m.actor.type != "person":
                continue
            info = self.persons.get(m.actor.id)
            if info is None:
                continue
            country, role, sector = self._context_of(m)
            if country and (not info.country or (info.known and not info.context_country)):
                info.country = country  # the text's "Serbian President X" beats a dated dictionary code
                info.context_country = True
            if role and not info.role:
                info.role = role
            if sector and not info.sector:
                info.sector = sector
        # finalise the person actors of every mention
        for m in self.mentions():
            if m.actor.type == "person" and m.actor.id in self.persons:
                info = self.persons[m.actor.id]
                m.actor = Actor(id=m.actor.id, name=info.name, type="person", country=info.country,
                                sector=info.sector, role=info.role)

    def mentions(self):
        """Each mention once, in text order."""
        seen = set()
        for m in self.by_token:
            if m is not None and id(m) not in seen:
                seen.add(id(m))
                yield m

    def _context_of(self, m: Mention):
        """(country, role, sector) stated next to a person mention."""
        doc = self.doc
        head = doc[m.end - 1]
        while head.head.i != head.i and m.start <= head.head.i < m.end:
            head = head.head
        pre = [t for t in head.subtree if t.i < m.start]
        pre = [t for t in pre if t.i >= head.left_edge.i]
        appos = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos" and head.head.i < m.start:
            pre = []
        words = pre + [t for a in appos for t in a.subtree]
        country = None
        for t in words:
            mm = self.by_token[t.i]
            if mm is not None and mm.actor.type != "person" and mm.actor.country:
                country = mm.actor.country
                break
        role_toks = [t for t in words if self.by_token[t.i] is None and t.pos_ in ("NOUN", "PROPN", "ADJ")
                     and t.dep_ not in ("poss",)]
        role, sector = self._role(role_toks)
        return country, role, sector

    def _role(self, toks):
        """The longest run of tokens that is a role word of the agents dictionary."""
        best = (None, None)
        words = [t.text.lower() for t in toks]
        for a in range(len(words)):
            for b in range(len(words), a, -1):
                if best[0] and len(best[0].split()) >= b - a:
                    break
                phrase = " ".join(words[a:b])
                s = self.dictionary.role_sector(phrase)
                if s is None and b - a == 1:
                    s = self.dictionary.role_sector(toks[a].lemma_.lower())
                if s:
                    best = (phrase, s)
                    break
        return best

    # ------------------------------------------------------------------ lookups
    def mention_at(self, i: int) -> Optional[Mention]:
        return self.by_token[i]

    def actor_at(self, tok, speaker: Optional[Actor] = None) -> Optional[Actor]:
        """The actor an argument's head token stands for, or None when it names none (or none clearly)."""
        m = self.by_token[tok.i]
        if m is not None:
            return self._with_text(m.actor, self.doc[m.start:m.end])
        if tok.lemma_.lower() in GROUP_WORDS:  # "a group of Moroccan diplomats", "leaders of the coalition"
            for c in tok.rights:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.actor_at(p, speaker)
        if tok.pos_ == "PRON":
            return self._pronoun(tok, speaker)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        return self._agent(tok)

    def _with_text(self, actor: Actor, span) -> ActorMention:
        return ActorMention(actor, span.text, span.start_char, span.end_char)

    def _agent(self, tok) -> Optional[Actor]:
        """'Chinese officials', 'the Kremlin's spokesman', 'China's foreign ministry' -> the country's agent."""
        sector = None
        chain = [c for c in tok.lefts if c.dep_ == "compound"] + [tok]
        for k in range(len(chain)):
            phrase = " ".join(t.text.lower() for t in chain[k:])
            sector = self.dictionary.role_sector(phrase)
            if sector:
                break
        if not sector:
            sector = self.dictionary.role_sector(tok.lemma_.lower())
        if not sector:
            return None
        nxt = self.by_token[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.actor.type in ("organisation", "igo", "ngo") and nxt.start == tok.i + 1:
            span = self.doc[tok.left_edge.i:nxt.end]  # "state broadcaster CGTN": the named organisation
            return ActorMention(nxt.actor, span.text, span.start_char, span.end_char)
        owner = None
        topical = tok.lemma_.lower() in TOPIC_ROLES
        for c in list(tok.lefts) + [c for c in tok.children if c.dep_ == "compound"]:
            if topical and c.dep_ == "compound":
                continue  # "China specialists in the US" study China; they are not China's
            owner = owner or self._owner(c)
        if owner is None:  # "demonstrators in Baghdad", "doctors from two American aid groups",
            for c in tok.rights:  # "a newspaper based in east Beirut"
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "in", "at", "throughout", "across", "inside"):
                    owner = owner or self._owner_within(c)
                elif c.dep_ == "acl" and c.lemma_ in ("base", "station", "affiliate", "link", "loyal"):
                    owner = owner or next((o for p in c.children if p.dep_ == "prep"
                                           for o in [self._owner_within(p)] if o), None)
        span = self.doc[tok.left_edge.i:tok.i + 1]
        if owner is None:
            if any(c.lower_ in ("the", "that", "this") for c in tok.lefts):
                prev = self.last_agent.get(tok.lemma_.lower())
                if prev is not None:
                    return replace(prev, text=span.text, start=span.start_char, end=span.end_char)
            return None
        if owner.type in ("country", "person"):
            actor = self.dictionary.agent(owner.country if owner.type == "person" else owner.id, sector)
            if actor is None:
                return None
        else:
            actor = replace(owner, sector=owner.sector or sector)
        actor = ActorMention(actor, span.text, span.start_char, span.end_char)
        self.last_agent[tok.lemma_.lower()] = actor
        return actor

    def _owner_within(self, prep) -> Optional[Actor]:
        """The first state or organisation named inside a prepositional phrase (not inside its clauses)."""
        for t in prep.subtree:
            if t.dep_ in ("relcl", "acl", "ccomp", "advcl") and t is not prep:
                break
            m = self.by_token[t.i]
            if m is not None and m.actor.type != "person":
                return m.actor
        return None

    def _owner(self, tok) -> Optional[Actor]:
        m = self.by_token[tok.i]
        if m is not None:
            return m.actor
        if tok.dep_ in ("compound", "poss", "amod", "nmod"):
            for c in tok.children:
                if c.dep_ in MODIFIER_DEPS and c.i < tok.i:
                    o = self._owner(c)
                    if o:
                        return o
        return None

    def _pronoun(self, tok, speaker: Optional[Actor]) -> Optional[Actor]:
        low = tok.lower_
        if low in WE_PRONOUNS and tok.text != "US":
            if speaker is None:
                return None
            if speaker.type == "person" and is_state(speaker.country):
                e = self.dictionary.entries.get(speaker.country)
                if e:
                    return ActorMention(e.actor("GOV" if speaker.actor.sector == "GOV" else None),
                                        tok.text, tok.idx, tok.idx + len(tok))
                return None
            return replace(speaker, text=tok.text, start=tok.idx, end=tok.idx + len(tok))
        if low in PERSON_PRONOUNS:
            want_person = True
        elif low in THING_PRONOUNS:
            want_person = False
        else:
            return None
        sent = tok.sent
        cands = self._candidates(sent.start, tok.i, want_person)
        if not cands:
            prev = self._previous_sentence(sent)
            if prev is not None:
                cands = self._candidates(prev.start, prev.end, want_person, subjects_only=not want_person)
        if len({c.id for c in cands}) != 1:
            return None
        return ActorMention(cands[0], tok.text, tok.idx, tok.idx + len(tok))

    def _candidates(self, a: int, b: int, person: bool, subjects_only: bool = False) -> list:
        out, seen = [], set()
        for i in range(a, b):
            m = self.by_token[i]
            if m is None or id(m) in seen:
                continue
            seen.add(id(m))
            if (m.actor.type == "person") != person:
                continue
            head = self.doc[m.end - 1]
            if head.dep_ in ("amod", "compound", "nmod") and head.head.i >= m.end:
                continue  # a modifier ("Chinese" in "Chinese officials") is not an antecedent
            if subjects_only and not (head.dep_.startswith("nsubj") or (
                    head.dep_ == "conj" and head.head.dep_.startswith("nsubj"))):
                continue
            out.append(m.actor)
        return out

    def _previous_sentence(self, sent):
        if sent.start == 0:
            return None
        return self.doc[sent.start - 1].sent
