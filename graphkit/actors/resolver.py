"""Actors of one parsed document: dictionary spans, named entities, places, generic actors and coreference."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterator, Optional

from ..graphmodel import is_state
from ..model import Actor, Mention
from ..wordclasses import word_classes
from .dictionary import ActorDictionary, Alias, org_id, person_id
from .places import place_country
from .ruler import SPANS_KEY

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

W = word_classes()
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "nummod", "npadvmod"}
#: entity labels under which a dictionary name is no actor when the entity runs beyond it
NAME_ENTITIES = ("PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT")
PLACE_ENTITIES = ("GPE", "LOC", "FAC")


@dataclass
class Found:
    """Tokens [start, end) that name an actor; `kind` is name, seat, city, place, person or org."""
    start: int
    end: int
    actor: Actor
    kind: str = "name"
    sector: Optional[str] = None   # the capacity the words add ("the Kremlin": GOV)


@dataclass
class PersonInfo:
    name: str
    country: Optional[str] = None
    sector: Optional[str] = None
    role: Optional[str] = None
    known: bool = False            # from the dictionary
    context_country: bool = False  # the text gave the country


@dataclass
class Resolver:
    """Actors of one parsed document. Build with `Resolver.build(doc, dictionary)`."""
    doc: "Doc"
    dictionary: ActorDictionary
    by_token: list = field(default_factory=list)    # token index -> Found or None
    persons: dict = field(default_factory=dict)      # person id -> PersonInfo
    last_agent: dict = field(default_factory=dict)   # role lemma, ("sector", code) -> Mention ("the official")
    generic: dict = field(default_factory=dict)      # token index -> Mention of a generic actor, or None
    home: Optional[str] = None                       # the document's dominant state
    placed_people: set = field(default_factory=set)  # people whose state is only the document's (not stated)

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, doc: "Doc", dictionary: ActorDictionary) -> "Resolver":
        r = cls(doc, dictionary, [None] * len(doc))
        r._ents = [None] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                r._ents[i] = ent
        r._dictionary_mentions()
        r._entity_mentions()
        r._bare_places()
        r._people()
        r.home = r._dominant_state()
        r._place_people()
        for tok in doc:  # generic actors in text order, so "the minister" refers back the same way each time
            if tok.pos_ in ("NOUN", "PROPN") and r.by_token[tok.i] is None:
                r.generic[tok.i] = r._agent(tok)
        return r

    def _put(self, m: Found) -> None:
        for i in range(m.start, m.end):
            self.by_token[i] = m

    def _dictionary_mentions(self) -> None:
        """Longest SpanRuler match first; a match must be plausible where it stands."""
        spans = sorted(self.doc.spans.get(SPANS_KEY, ()), key=lambda s: (-(s.end - s.start), s.start))
        for span in spans:
            if any(self.by_token[i] is not None for i in range(span.start, span.end)):
                continue
            alias = self.dictionary.lookup(span.text)
            if alias is None or not self._plausible(span, alias.kind, alias.actor.type):
                continue
            actor, sector, kind = self._choose(alias, span, spans), alias.sector, alias.kind
            last = span[-1]
            if actor.type == "country" and kind == "name" and last.tag_ in ("NNS", "NNPS") and \
                    last.lower_ != actor.name.lower().split()[-1]:
                # "Kurds", "Palestinians": the people, not the state; "the Albanians of southern Serbia"
                actor = self.dictionary.agent((self._residence(last) or actor).id, "CVL") or actor
            self._put(Found(span.start, span.end, actor, kind if kind in ("seat", "city") else (
                "person" if actor.type == "person" else "name"), sector))

    def _choose(self, alias: Alias, span: "Span", spans) -> Actor:
        """The actor an ambiguous alias names here ("RSF": the press-freedom group or Sudan's Rapid Support
        Forces): the one whose full name the document also writes, else the one whose home state it
        names, else the first listed."""
        if not alias.others:
            return alias.actor
        text = self.doc.text.lower()
        states = set()
        for s in spans:
            a = self.dictionary.lookup(s.text)
            if a is not None and not a.others:
                states.add(a.actor.id if a.actor.type == "country" else a.actor.country)
        states = {x for x in states if is_state(x)}
        return max((alias.actor, *alias.others), key=lambda c: (
            c.name.lower() != span.text.lower() and c.name.lower() in text, c.country in states))

    def _residence(self, tok: "Token") -> Optional[Actor]:
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in W.residence_preps:
                for t in c.subtree:
                    a = self.dictionary.lookup(t.text)
                    if a is not None and a.actor.type == "country" and t.pos_ == "PROPN":
                        return a.actor
        return None

    def _plausible(self, span: "Span", kind: str, actor_type: str) -> bool:
        """Reject a dictionary hit inside a longer name ('Jordan' in 'Michael Jordan', 'Washington' in
        'Washington Post'), lower-case hits of names ('china' the porcelain), short capitals in an
        all-capitals line, and cities where the parser sees no place."""
        first = span[0]
        if not any(t.text[:1].isupper() for t in span):  # names are written with capitals ("tusk" is no Tusk)
            return False
        if len(span.text) <= 4 and span.text.isupper() and _shouting(span.sent):
            return False
        if kind == "city" and first.ent_type_ not in PLACE_ENTITIES:
            return False
        ent = self._ents[span.start]
        if ent is not None and ent.label_ in NAME_ENTITIES and actor_type == "country" and \
                (ent.label_ == "PERSON" or kind == "seat") and self._name_goes_on(span, ent):
            return False
        return True

    def _name_goes_on(self, span: "Span", ent: "Span") -> bool:
        """Whether an entity continues a name right next to the span ('Michael Jordan', 'Washington Post'),
        not just around it ("Sri Lanka's navy")."""
        doc = self.doc
        before = ent.start < span.start and doc[span.start - 1].text[:1].isupper()
        after = ent.end > span.end and doc[span.end].text[:1].isupper()
        return before or after

    def _entity_mentions(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"):
                continue
            toks = [t for t in ent if self.by_token[t.i] is None]
            if not toks or any(self.by_token[i] is not None for i in range(toks[0].i, toks[-1].i + 1)) or \
                    not any(t.is_alpha and not t.is_stop and t.text[:1].isupper() for t in toks):
                continue  # a dictionary name inside it already says who ("The Wagner Group's", "The Red Cross")
            start, end = toks[0].i, toks[-1].i + 1
            while end > start and self.doc[end - 1].tag_ == "POS":
                end -= 1
            if end <= start:
                continue
            words = self.doc[start:end]
            if self._named_place(ent) or (ent.label_ in ("PERSON", "ORG") and self._misread_place(ent)):
                continue
            if len(words) == 1 and words[0].is_sent_start and words[0].tag_ in ("NN", "NNS"):
                continue  # "Missiles launched by X struck ...": a common noun written with a capital to start the sentence
            if ent.label_ == "PERSON":
                self._person_entity(start, end, words)
            elif ent.label_ == "ORG":
                self._org_entity(ent, start, end, words)
            elif ent.label_ in PLACE_ENTITIES and len(toks) == len(ent):
                country = place_country(words.text)
                state = self.dictionary.entries.get(country or "")
                if state is not None:
                    self._put(Found(start, end, state, "place"))

    def _bare_places(self) -> None:
        """Place names the recogniser missed where a preposition of place or a verb of war puts them: 'in Hasakah',
        'shelled Kramatorsk'."""
        for tok in self.doc:
            where = tok.dep_ == "pobj" and tok.head.lower_ in W.location_preps
            acted_on = tok.dep_ == "dobj" and tok.head.lemma_.lower() in W.place_verbs  # "shelled Kramatorsk"
            if tok.pos_ != "PROPN" or not (where or acted_on) or self.by_token[tok.i] is not None:
                continue
            start = min([c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok.i])
            if any(self.by_token[i] is not None for i in range(start, tok.i)):
                continue
            state = self.dictionary.entries.get(place_country(self.doc[start:tok.i + 1].text) or "")
            if state is not None:
                self._put(Found(start, tok.i + 1, state, "place"))

    def _named_place(self, ent: "Span") -> bool:
        """'the village of Moura', 'the port town of X': a name after a place noun is a place, in the state
        the gazetteer gives or, unknown to it, in none; it is no actor."""
        r = ent.root
        if not (r.dep_ == "pobj" and r.head.lower_ in W.possessor_preps and r.head.head.lemma_.lower() in W.place_nouns):
            return False
        state = self.dictionary.entries.get(place_country(ent.text) or "")
        if state is not None:
            self._put(Found(ent.start, ent.end, state, "place"))
        return True

    def _misread_place(self, ent: "Span") -> bool:
        """A city the parser took for a person or organisation: 'near Gao', 'shelled Kharkiv', 'bombed Khan Younis'."""
        if ent.label_ == "PERSON":
            placed = ent.root.dep_ == "pobj" and ent.root.head.lower_ in W.location_preps | W.direction_preps
            acted_on = ent.root.dep_ == "dobj" and ent.root.head.lemma_.lower() in W.place_verbs
            titled = ent.start > 0 and self.doc[ent.start - 1].lower_ in W.titles
            if len(ent) > 3 or titled or not (placed or acted_on):
                return False
        elif len(ent) != 1:
            return False
        state = self.dictionary.entries.get(place_country(ent.text) or "")
        if state is None:
            return False
        self._put(Found(ent.start, ent.end, state, "place"))
        return True

    def _person_entity(self, start: int, end: int, words: "Span") -> None:
        name = self._person_name(words)
        if not name:
            return
        if self.dictionary.role_sector(words[-1].lemma_) and len(words) == 1:
            return  # "Rebels", "Police" capitalised at the start of a headline
        while start < end - 1 and not name.startswith(self.doc[start].text):
            start += 1  # titles stay outside the name: they are role words
        pid = person_id(name)
        self._put(Found(start, end, Actor(pid, name, "person"), "person"))
        self.persons.setdefault(pid, PersonInfo(name))

    def _org_entity(self, ent: "Span", start: int, end: int, words: "Span") -> None:
        if self.dictionary.role_sector(words.text) or self.dictionary.role_sector(words[-1].lemma_):
            return  # "Foreign Ministry": a role of whoever owns it, resolved as an agent
        if words[-1].lemma_.lower() in W.agreement_heads:
            return  # "the Indus Waters Treaty", "the Minsk Protocol": an agreement, no actor
        # a state named inside the organisation's name is its country ("Serbian Workers' Union")
        inner = [self.by_token[t.i] for t in ent if self.by_token[t.i] is not None
                 and self.by_token[t.i].actor.type == "country"]
        if inner and ent.end - ent.start > inner[0].end - inner[0].start:
            start = ent.start
            words = self.doc[start:end]
        name = (words[1:] if len(words) > 1 and words[0].tag_ == "DT" else words).text  # "the Wagner Group"
        if len(name) < 2 or not any(c.isupper() for c in name):
            return
        country = inner[0].actor.country if inner else None
        armed = words[-1].lower_ in W.armed_group_heads
        actor = Actor(org_id(name), name, "group" if armed else "organisation", country, "REB" if armed else None)
        self._put(Found(start, end, actor, "org"))

    def _person_name(self, span: "Span") -> Optional[str]:
        words = [t.text for t in span]
        while words and (words[0].lower().strip(".") + ("." if words[0].endswith(".") else "") in W.titles
                         or words[0].lower() in W.titles or not words[0][:1].isupper()):
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
        for i, tok in enumerate(doc):  # single-token persons and bare proper nouns naming someone in full
            m = self.by_token[i]
            if (m is None and tok.pos_ != "PROPN") or (m is not None and m.actor.type != "person"):
                continue
            if m is not None and (m.end - m.start > 1 or len(self.persons[m.actor.id].name.split()) > 1):
                continue
            target = full.get(tok.text) or first_tok.get(tok.text)
            if target and (m is None or m.actor.id != target):
                self._put(Found(i, i + 1, Actor(target, self.persons[target].name, "person"), "person"))
        used = {m.actor.id for m in self.mentions()}
        self.persons = {k: v for k, v in self.persons.items() if k in used}
        for m in self.mentions():  # premodifiers ("US national security adviser Jake Sullivan"), appositions
            if m.actor.type != "person" or m.actor.id not in self.persons:
                continue
            info = self.persons[m.actor.id]
            country, role, sector = self._context_of(m)
            if country and (not info.country or (info.known and not info.context_country)):
                info.country = country  # the text's "Serbian President X" beats a dated dictionary code
                info.context_country = True
            info.role = info.role or role
            info.sector = info.sector or sector
        for m in self.mentions():
            if m.actor.type == "person" and m.actor.id in self.persons:
                info = self.persons[m.actor.id]
                m.actor = Actor(m.actor.id, info.name, "person", info.country, info.sector, info.role)

    def _place_people(self) -> None:
        """A person whose state the text does not give acts for the state the document is about, as event
        coders read 'President X resigned' in a report on one country; such a guess is no affiliation."""
        if self.home is None:
            return
        for m in self.mentions():
            if m.actor.type == "person" and m.actor.country is None:
                m.actor = replace(m.actor, country=self.home)
                self.placed_people.add(m.actor.id)

    def _dominant_state(self) -> Optional[str]:
        """The state the document is most about: the most named (states, their places and people)."""
        counts = Counter(m.actor.country for m in self.mentions() if is_state(m.actor.country))
        if not counts:
            return None
        (top, n), *rest = counts.most_common(2) + [(None, 0)]
        return top if n > rest[0][1] else None

    def mentions(self) -> Iterator[Found]:
        """Each mention once, in text order."""
        seen = set()
        for m in self.by_token:
            if m is not None and id(m) not in seen:
                seen.add(id(m))
                yield m

    def _context_of(self, m: Found):
        """(country, role, sector) stated next to a person mention."""
        doc = self.doc
        head = doc[m.end - 1]
        while head.head.i != head.i and m.start <= head.head.i < m.end:
            head = head.head
        pre = [t for t in head.subtree if head.left_edge.i <= t.i < m.start]
        appos = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos" and head.head.i < m.start:
            pre = []
        words = pre + [t for a in appos for t in a.subtree]
        country = next((mm.actor.country for t in words for mm in [self.by_token[t.i]]
                        if mm is not None and mm.actor.type != "person" and mm.actor.country), None)
        role_toks = [t for t in words if self.by_token[t.i] is None and t.pos_ in ("NOUN", "PROPN", "ADJ")
                     and t.dep_ != "poss"]
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
    def found_at(self, i: int) -> Optional[Found]:
        return self.by_token[i]

    def mention(self, found: Found, start: Optional[int] = None, end: Optional[int] = None) -> Mention:
        span = self.doc[found.start if start is None else start:found.end if end is None else end]
        actor = found.actor
        sector = found.sector if found.sector and found.sector != actor.sector else None
        return Mention(actor, span.text, span.start_char, span.end_char, sector)

    def actor_at(self, tok: "Token", speaker: Optional[Mention] = None) -> Optional[Mention]:
        """The actor an argument's head token stands for, or None when it names none (or none clearly)."""
        m = self.by_token[tok.i]
        if m is not None:
            if m.kind == "place" and self._place_is_location(tok):
                return None
            return self.mention(m)
        if tok.lemma_.lower() in W.collective_words or tok.lower_ in W.collective_words:
            for c in tok.rights:  # "a group of Moroccan diplomats", "members of Hamas"
                if c.dep_ == "prep" and c.lower_ in W.possessor_preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            inner = self.actor_at(p, speaker)
                            if inner is not None:
                                return inner
        if tok.pos_ == "PRON":
            return self._pronoun(tok, speaker)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        return self.generic[tok.i] if tok.i in self.generic else self._agent(tok)

    def _place_is_location(self, tok: "Token") -> bool:
        """A place is where something happened, not who did it, unless it is the subject or object."""
        return tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "poss") or (
            tok.dep_ == "pobj" and tok.head.lower_ in W.location_preps)

    def _agent(self, tok: "Token") -> Optional[Mention]:
        """'Chinese officials', 'the Kremlin's spokesman', 'Afghan security forces', 'Taliban militants',
        'villagers in Borno state' -> the owner's agent (or the named group itself)."""
        sector = None
        chain = [c for c in tok.lefts if c.dep_ in ("compound", "amod")] + [tok]  # "security forces", "warring parties"
        for k in range(len(chain)):
            sector = self.dictionary.role_sector(" ".join(t.text.lower() for t in chain[k:]))
            if sector:
                break
        sector = sector or self.dictionary.role_sector(tok.lemma_.lower()) or self.dictionary.role_sector(tok.lower_)
        if not sector:
            return self._definite_group(tok)
        nxt = self.by_token[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.actor.type in ("organisation", "igo", "ngo", "group") and nxt.start == tok.i + 1:
            return self.mention(nxt, start=tok.left_edge.i)  # "state broadcaster CGTN": the named organisation
        span = self.doc[tok.left_edge.i:tok.i + 1]
        owner = self._owner_of(tok)
        if owner is None and any(c.lower_ in W.definite_determiners for c in tok.lefts):
            holder = self._title_holder(chain, tok.i)  # "Foreign Secretary X ... The Foreign Secretary said": X
            if holder is not None:
                return self.mention(holder, start=span.start, end=span.end)
            prev = self.last_agent.get(tok.lemma_.lower()) or self.last_agent.get(("sector", sector)) or (
                self._last_group(tok) if tok.lemma_.lower() in W.group_references else None)
            if prev is not None:
                return replace(prev, text=span.text, start=span.start_char, end=span.end_char)
        if owner is None:
            owner = self._place_in_clause(tok) or self.dictionary.entries.get(self.home or "")
        if owner is None:
            return None
        if owner.type in ("country", "person"):
            actor = self.dictionary.agent(owner.country if owner.type == "person" else owner.id, sector)
            if actor is None:
                return None
        else:
            actor = owner  # "Taliban militants", "coalition aircraft", "NATO troops": the body itself
        m = Mention(actor, span.text, span.start_char, span.end_char,
                    sector if actor.type != "agent" and sector != actor.sector else None)
        self.last_agent[tok.lemma_.lower()] = m
        if tok.dep_.startswith("nsubj"):  # "the junta": the last government that was a subject ("Niger's
            self.last_agent[("sector", sector)] = m  # military government expelled ..."), not an object
        return m

    def _title_holder(self, title: list, before: int) -> Optional[Found]:
        """The last person named before token `before` whose title has the words of `title` ('the
        minister', 'the Foreign Secretary'), if no other person named since holds it too."""
        words = {t.lemma_.lower() for t in title} | {t.lower_ for t in title}
        holders = []
        for m in self.mentions():
            if m.start >= before:
                break
            role = (m.actor.role or "").lower().split() if m.actor.type == "person" else []
            if role and title[-1].lemma_.lower() in {role[-1], role[-1].rstrip("s")} and \
                    all(t.lemma_.lower() in role or t.lower_ in role for t in title) and words:
                holders.append(m)
        ids = {m.actor.id for m in holders}
        return holders[-1] if len(ids) == 1 else None

    def _owner_of(self, tok: "Token") -> Optional[Actor]:
        topical = tok.lemma_.lower() in W.topic_roles
        mods = list(tok.lefts)
        if tok.dep_ == "compound":  # "a Kenyan army base": the army is Kenya's
            mods += [c for c in tok.head.lefts if c.i < tok.i and c.dep_ in ("amod", "poss", "compound", "nmod")]
        for c in sorted(mods, key=lambda t: t.pos_ == "PRON"):  # "his Brazilian counterpart": Brazil's
            if topical and c.dep_ == "compound":
                continue  # "China specialists in the US" study China; they are not China's
            o = self._owner(c)
            if o is not None:
                return o
        for c in tok.rights:  # "demonstrators in Baghdad", "doctors from two American aid groups"
            if c.dep_ == "prep" and c.lower_ in W.owner_preps:
                o = self._owner_within(c)
                if o is not None:
                    return o
            elif c.dep_ == "acl" and c.lemma_ in W.attachment_participles:
                o = next((o for p in c.children if p.dep_ == "prep" for o in [self._owner_within(p)] if o), None)
                if o is not None:
                    return o
        return None

    def _owner_within(self, prep: "Token") -> Optional[Actor]:
        """The first state or organisation named inside a prepositional phrase (not inside its clauses)."""
        for t in prep.subtree:
            if t.dep_ in ("relcl", "acl", "ccomp", "advcl") and t is not prep:
                break
            m = self.by_token[t.i]
            if m is not None and m.actor.type != "person":
                return m.actor
        return None

    def _owner(self, tok: "Token") -> Optional[Actor]:
        m = self.by_token[tok.i]
        if m is not None:
            return m.actor
        if tok.pos_ == "PRON" and tok.dep_ == "poss":  # "its troops"
            ref = self._pronoun(tok, None)
            return ref.actor if ref is not None else None
        if tok.lemma_.lower() in W.leading_verbs and tok.dep_ == "amod":
            return None  # "the Kurdish-led SDF": the leader is not the owner
        if tok.dep_ in ("compound", "poss", "amod", "nmod"):
            for c in tok.children:
                if c.dep_ in MODIFIER_DEPS and c.i < tok.i:
                    o = self._owner(c)
                    if o:
                        return o
        return None

    def _place_in_clause(self, tok: "Token") -> Optional[Actor]:
        """A generic actor with no owner of its own is placed where its clause happens ('fighting the
        Taliban in Helmand province', 'killed 20 villagers in Borno state'), else in the sentence."""
        clause = tok
        while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and clause.head.i != clause.i:
            clause = clause.head
        for scope in (clause.subtree, tok.sent):
            for t in scope:
                m = self.by_token[t.i]
                if m is not None and is_state(m.actor.country) and (m.kind in ("place", "city") or (
                        m.actor.type == "country" and t.dep_ == "pobj" and t.head.lower_ in W.location_preps)):
                    return m.actor  # a city, a region, or a state named as where: "in Liberia"
        return None

    def _definite_group(self, tok: "Token") -> Optional[Mention]:
        """'the group', 'the movement' refer back to the last armed group or organisation named."""
        lemma = tok.lemma_.lower()
        if lemma not in W.group_references | W.body_references or not any(
                c.lower_ in W.definite_determiners for c in tok.lefts):
            return None
        prev = self._last_group(tok, ("igo",) if lemma in W.body_references else ("group", "organisation"))
        if prev is None:
            return None
        span = self.doc[tok.left_edge.i:tok.i + 1]
        return replace(prev, text=span.text, start=span.start_char, end=span.end_char)

    def _last_group(self, tok: "Token", types=("group", "organisation")) -> Optional[Mention]:
        """The last armed group or organisation (or actor of `types`) named in this sentence or the two before it."""
        start = tok.sent.start
        for _ in range(2):
            start = self.doc[start - 1].sent.start if start > 0 else 0
        for i in range(tok.i - 1, start - 1, -1):
            m = self.by_token[i]
            if m is not None and m.actor.type in types:
                return self.mention(m)
        return None

    def _pronoun(self, tok: "Token", speaker: Optional[Mention]) -> Optional[Mention]:
        low = tok.lower_
        here = dict(text=tok.text, start=tok.idx, end=tok.idx + len(tok))
        if low in W.we_pronouns and not (len(tok.text) > 1 and tok.text.isupper()):  # "US" is no "us"
            if speaker is None:
                return None
            if speaker.actor.type == "person" and is_state(speaker.actor.country):
                state = self.dictionary.entries.get(speaker.actor.country)
                if state:
                    return Mention(state, sector="GOV" if speaker.actor.sector == "GOV" else None, **here)
                return None
            return replace(speaker, **here)
        if low in W.person_pronouns:
            want_person = True
        elif low in W.thing_pronouns:
            want_person = False
        else:
            return None
        if tok.dep_ == "poss":  # "Israel withdrew its troops": a possessive is its clause's subject
            owner = self._clause_subject(tok)
            if owner is not None and (owner.actor.type == "person") == want_person:
                return replace(owner, **here)
        reporter = self._reporter(tok)  # "X said it had ...": X
        if reporter is not None and (reporter.actor.type == "person") == want_person:
            return replace(reporter, **here)
        sent = tok.sent
        cands = self._candidates(sent.start, tok.i, want_person)
        if not cands:
            prev = self._previous_sentence(sent)
            if prev is not None:
                cands = self._candidates(prev.start, prev.end, want_person, subjects_only=not want_person)
        if len({c.id for c in cands}) > 1 and tok.dep_ in ("dobj", "dative", "pobj"):
            own = self._clause_subject(tok)  # "X urged him": "him" is not X
            cands = [c for c in cands if own is None or c.id != own.id]
        if len({c.id for c in cands}) != 1:
            return None
        return replace(cands[0], **here)

    def _reporter(self, tok: "Token") -> Optional[Mention]:
        """Who reports the clause a subject pronoun starts: 'the agency said it had killed' -> the agency."""
        verb = tok.head
        if not tok.dep_.startswith("nsubj") or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in W.speech_verbs:
            return None
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON":
            return None
        m = self.by_token[subj.i]
        if m is not None:
            return self.mention(m) if m.kind != "place" else None
        return self.generic.get(subj.i)

    def _clause_subject(self, tok: "Token") -> Optional[Mention]:
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        for _ in range(2):  # "X called Y to congratulate him": the controlled clause's subject is X's
            if subj is not None or verb.dep_ not in ("xcomp", "advcl") or verb.head.i == verb.i:
                break
            verb = verb.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        if subj is None or subj.pos_ == "PRON":
            return None
        m = self.by_token[subj.i]
        return self.mention(m) if m is not None and m.kind != "place" else None

    def _candidates(self, a: int, b: int, person: bool, subjects_only: bool = False) -> list[Mention]:
        """Antecedents in tokens [a, b): named actors, and (for 'they', 'it') generic ones ('the rebels')."""
        out, seen = [], set()
        for i in range(a, b):
            m = self.by_token[i]
            generic = self.generic.get(i) if m is None else None  # "the rebels"; "the Foreign Secretary" (a person)
            if generic is not None and (generic.actor.type == "person") == person and (
                    not subjects_only or self.doc[i].dep_.startswith("nsubj")):
                out.append(generic)
                continue
            if m is None or id(m) in seen or m.kind == "place":
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
            out.append(self.mention(m))
        return out

    def _previous_sentence(self, sent: "Span") -> Optional["Span"]:
        if sent.start == 0:
            return None
        return self.doc[sent.start - 1].sent


def _shouting(sent: "Span") -> bool:
    """An all-capitals line (a headline): short capitals there are ordinary words ("WHAT IS NEXT")."""
    letters = [c for c in sent.text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
