"""Constructions matched on a parse -> typed events -> assertions, with mode, attribution, denial and the rule that made each."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import takewhile
from typing import TYPE_CHECKING, Iterable, Optional

from ..actors.resolver import Resolver
from ..graphmodel import is_state
from ..model import MODES, Assertion, Mention
from ..wordclasses import word_classes
from .lexicon import Code, Frame, Lexicon, VerbPattern
from .patterns import Bindings, ConstructionMatcher, constructions_file

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

W = word_classes()
PRONOUN_WORDS = W.person_pronouns | W.thing_pronouns | W.we_pronouns


@lru_cache(maxsize=1)
def rule_codes() -> dict[str, Optional[str]]:
    """The CAMEO code each transformation of constructions.toml gives (None: the code comes from elsewhere)."""
    return {t["name"]: t.get("cameo") for t in constructions_file().get("transformation", [])}


@dataclass
class Event:
    """An event found in a sentence, before it becomes assertions."""
    tok: "Token"
    relation: str
    code: Code
    sources: list
    targets: list
    mode: Optional[str]
    source_rule: str
    target_rule: Optional[str] = None
    symmetric: bool = False
    confidence: float = 0.8
    attributed_to: Optional[Mention] = None
    denied_by: Optional[Mention] = None
    denial: Optional[int] = None          # token index of the verb that denies this event
    pattern: Optional[VerbPattern] = None
    notes: list = field(default_factory=list)   # transformations applied
    own_forces: Optional[tuple] = None          # (the acting side's own agents, rule): a last-resort target

    @property
    def rule(self) -> str:
        return ">".join([self.source_rule, self.target_rule or "none"]) + "".join(f"+{n}" for n in self.notes)


def uniq(mentions: Iterable[Optional[Mention]]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if m is not None and m.id not in seen:
            seen.add(m.id)
            out.append(m)
    return out


class RelationExtractor:
    """The assertions of one parsed document: `run()` returns them in text order."""

    def __init__(self, doc: "Doc", doc_id: str, resolver: Resolver, lexicon: Lexicon, matcher: ConstructionMatcher):
        self.doc, self.doc_id, self.resolver, self.lexicon = doc, doc_id, resolver, lexicon
        self.bindings: dict[int, Bindings] = matcher.bind(doc)
        self.quote_speaker: dict[int, Mention] = {}
        self.recent: dict[Optional[str], list[Mention]] = {}  # who did the last event of each PLOVER type
        #                                   in an earlier sentence (None: of any type; "pair": a joint act's parties)
        self._quotes()

    # ------------------------------------------------------------------ arguments
    def arguments(self, tok: "Token", speaker: Optional[Mention] = None, backoff: bool = True) -> list[Mention]:
        """Actors of an argument: the token, its conjuncts and listed appositions, coordinated owners
        ('US and Chinese officials'); else (with `backoff`) the first actor named inside its phrase."""
        r = self.resolver
        pair = self._named_pair(tok, speaker)
        if pair:
            return pair
        out: list = []
        heads = [tok] + list(tok.conjuncts)
        for c in tok.children:  # "The US, Russia, and Switzerland": a list the parser took for appositions
            m = r.found_at(c.i)
            if c.dep_ == "appos" and m is not None and m.actor.type in ("country", "igo"):
                heads += [c] + list(c.conjuncts)
            elif c.dep_ == "prep" and c.lower_ in W.inclusion_preps and r.found_at(tok.i) is None:
                # "seven countries, including Argentina and Chile": the ones named
                heads += [cj for p in c.children if p.dep_ == "pobj" for cj in (p, *p.conjuncts)]
        for t in heads:
            a = r.actor_at(t, speaker)
            if a is not None:
                out.append(a)
                if a.actor.type == "agent":  # "senior American and Chinese officials", "the presidents of
                    owners = [cj for c in t.lefts for cj in c.conjuncts]  # Peru and Bolivia": one agent each
                    owners += [cj for c in t.rights if c.dep_ == "prep" and c.lower_ in W.possessor_preps
                               for p in c.children if p.dep_ == "pobj" for cj in p.conjuncts]
                    for cj in owners:
                        m = r.found_at(cj.i)
                        if m is not None and m.actor.type == "country" and m.actor.id != a.actor.country:
                            agent = r.dictionary.agent(m.actor.id, a.actor.sector)
                            if agent is not None:
                                out.append(replace(a, actor=agent))
            elif t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound":
                for c in t.lefts:  # "Russia risk", "a police checkpoint": an actor in a compound of a non-actor noun
                    m = r.found_at(c.i)
                    if c.dep_ == "compound" and (m is None or m.actor.type != "person"):
                        out.append(r.actor_at(c, speaker))
                    elif c.dep_ == "amod" and c.lemma_.lower() in W.holding_verbs:  # "the rebel-held enclave";
                        # but an "Iran-backed group" is no Iran
                        out += [r.actor_at(g, speaker) for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod")]
        out = uniq(out)
        return out or (self.first_in_phrase(tok, speaker) if backoff else [])

    def _named_pair(self, tok: "Token", speaker: Optional[Mention] = None) -> list[Mention]:
        """'the two sides', 'both countries', 'the two ministers': the two parties of the last joint act
        (a meeting, talks) of an earlier sentence (people for words of @person_pair_nouns), each a party."""
        lemma = tok.lemma_.lower()
        if lemma not in W.pair_nouns or self.resolver.found_at(tok.i) is not None or not any(
                c.lower_ in W.pair_words and c.dep_ in ("nummod", "det", "predet") for c in tok.children):
            return []
        pair = self.recent.get("pair", [])
        if len(pair) != 2 or (lemma in W.person_pair_nouns and any(p.actor.type != "person" for p in pair)):
            return []
        words = self.doc[tok.left_edge.i:tok.i + 1]
        return [replace(p, text=words.text, start=words.start_char, end=words.end_char) for p in pair]

    def first_in_phrase(self, tok: "Token", speaker: Optional[Mention] = None) -> list[Mention]:
        """The first actor named inside an argument's phrase, as TABARI/PETRARCH take it when the head is
        no actor: 'the foreign ministry of Hungary', 'Islamic State positions near Raqqa'."""
        skip: set = {x.i for t in tok.subtree if t.dep_ == "amod" and t.lemma_.lower() in W.leading_verbs - W.holding_verbs
                     for x in t.subtree}  # nor who backs it ("the Iran-backed group" is no Iran)
        found = []
        for t in tok.subtree:
            if t.i in skip:
                continue
            if t is not tok and (t.dep_ in W.clause_deps | {"appos"} or (
                    t.dep_ == "prep" and t.lower_ in W.location_preps and self._names_a_place(t)) or (
                    t.dep_ == "prep" and t.lower_ in W.origin_preps and t.head.lemma_.lower() in W.weapon_nouns)):
                skip.update(x.i for x in t.subtree)  # not inside clauses, nor where it happened or was fired from
                continue
            m = self.resolver.found_at(t.i)
            if m is not None and m.kind != "place":
                a = self.resolver.actor_at(t, speaker)
                if a is not None:
                    depth = sum(1 for _ in takewhile(lambda h: h != tok, t.ancestors))
                    found.append((depth > 2, t.dep_ == "amod", len(found), a))
        # a named actor beats an adjective ("the pro-Iranian Hizbollah group" is Hizbollah), but not one named
        # deep inside the phrase ("Turkish involvement in the talks with Libya" is Turkey's)
        return [min(found, key=lambda x: x[:3])[3]] if found else []

    def _names_a_place(self, prep: "Token") -> bool:
        """Whether a preposition of place says where ('in Kabul', 'near the border'), not what ('in aid')."""
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or self.event_noun(obj):
            return False
        m = self.resolver.found_at(obj.i)
        return m is None or m.kind in ("place", "city", "seat") or m.actor.type == "country"

    # ------------------------------------------------------------------ typing
    @staticmethod
    def _words(tok: "Token") -> set:
        out = set()
        for t in tok.subtree:
            if t.dep_ in ("relcl", "acl", "ccomp"):
                break
            out.add(t.lower_)
            out.add(t.lemma_.lower())
        return out

    def frame(self, v: "Token") -> Frame:
        """What a verb pattern sees around a verb: its subject's, object's and prepositions' words."""
        f = Frame()
        passive = self.passive(v)
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "agent"):
                f.subject |= self._words(c)
            elif c.dep_ in ("aux", "neg"):
                f.subject.add(c.lower_)
            if c.dep_ == "prt":
                f.particles.add(c.lower_)
            if c.dep_ in ("dobj", "dative", "attr", "oprd") or (passive and c.dep_ == "nsubjpass"):
                f.object |= self._words(c)
                if self.arguments(c, backoff=False):
                    f.actors.add("object")
                for p in c.children:
                    if p.dep_ == "prep":
                        f.preps.setdefault(p.lower_, set()).update(self._words(p) - {p.lower_})
            elif c.dep_ in ("prep", "agent"):
                objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
                if objs and all(p.ent_type_ in ("DATE", "TIME") and self.resolver.found_at(p.i) is None for p in objs):
                    continue  # "on Monday" says when: no preposition for the verb patterns
                if c.dep_ == "prep":
                    f.particles.add(c.lower_)
                f.preps.setdefault(c.lower_, set()).update(*(self._words(p) for p in objs))
                if any(self.arguments(p, backoff=False) for p in objs):
                    f.actors.add(c.lower_)
            elif c.dep_ == "xcomp" and c.pos_ == "VERB":
                f.object.add(c.lemma_.lower())
        return f

    @staticmethod
    def passive(v: "Token") -> bool:
        """A passive verb: with a passive subject or auxiliary, a bare participle after a noun ('sanctions
        imposed by'), or a bare participle of 'when asked whether ...'."""
        if v.pos_ not in ("VERB", "AUX"):
            return False
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
            return True
        bare = not any(c.dep_ in ("nsubj", "aux") for c in v.children)
        if v.tag_ in ("VBN", "VBD") and bare and any(c.lower_ in W.participle_marks for c in v.children):
            return True
        return v.tag_ == "VBN" and v.dep_ in ("acl", "advcl") and bare

    @staticmethod
    def _through(n: "Token") -> "Token":
        """A collective's member: 'dozens of raids' -> raids; anything else is itself."""
        if n.lemma_.lower() in W.collective_words or n.lower_ in W.collective_words:
            for c in n.rights:
                if c.dep_ == "prep" and c.lower_ in W.possessor_preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return p
        return n

    def event_noun(self, n: "Token") -> Optional[tuple[Code, bool]]:
        """The event a noun names: with the word in front of it first ('general strike', 'phone call')."""
        mods = [c for c in n.lefts if c.dep_ in ("compound", "amod") and c.i == n.i - 1]
        hit = self.lexicon.noun(f"{mods[0].lower_} {n.lower_}") if mods else None
        return hit or self.lexicon.noun(n.lower_) or self.lexicon.noun(n.lemma_.lower())

    # ------------------------------------------------------------------ events
    def event(self, tok: "Token", b: Optional[Bindings]) -> Optional[Event]:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return self.verbal(tok, b or Bindings(tok))
        if tok.pos_ in ("NOUN", "PROPN"):
            return self.nominal(tok, b or Bindings(tok))
        return None

    def _sources(self, b: Bindings, speaker, depth: int = 0, joint: bool = True,
                 voice: Optional[str] = None) -> tuple[list[Mention], Optional[str], bool]:
        """The first source construction whose words name actors (head words first, then the first
        actor inside their phrases), as (actors, construction name, symmetric). Constructions that make
        every party a source ('between') apply only to a `joint` act."""
        for backoff in (False, True):
            for _, i, c in b.sources:
                if c.symmetric and not joint:
                    continue
                passive = self.passive(b.trigger) if voice is None else voice == "passive"
                if c.voice is not None and (c.voice == "passive") != passive:
                    continue
                if "via" in {n["RIGHT_ID"] for n in c.pattern}:  # whoever does the light verb
                    via = self.bindings.get(i)
                    acts = self._sources(via, speaker, depth + 1)[0] if via is not None and depth < 3 else []
                elif self.event_noun(self.doc[i]) and self.resolver.found_at(i) is None:
                    acts = self._doers(self.doc[i], speaker) if depth < 3 else []  # "an attack by X killed": X
                    acts = acts or [a for a in [self.resolver.generic.get(i)] if a is not None]  # "the summit": its body
                else:
                    acts = self.arguments(self.doc[i], speaker, backoff)
                if c.named_only and self.doc[i].lemma_.lower() not in W.leading_verbs:
                    # only actor words ("air" in "air strikes" is none, "RSF drone strikes" are the RSF's);
                    # but "a US-led offensive" is the US's
                    named = self.resolver.found_at(i) is not None or any(
                        c.dep_ == "compound" and self.resolver.found_at(c.i) is not None for c in self.doc[i].lefts)
                    acts = [a for a in acts if named or a.actor.type == "agent"]
                if acts:
                    return acts, c.name, c.symmetric
                if c.decisive:
                    break  # "called on all parties to allow aid": the parties allow it, or no one named does
        return [], None, False

    def _targets(self, b: Bindings, speaker, pattern: Optional[VerbPattern] = None,
                 exclude: Iterable[str] = (), topic: bool = False) -> tuple[list[Mention], Optional[str]]:
        """The first target construction whose words name actors (head words first, then inside their
        phrases). `topic`: `b` is an event noun that is itself what an act is about ('voiced concern over
        the fighting in X'); an event noun among its targets with no party named stands for where it is."""
        cands = b.targets
        if pattern is not None and pattern.target.startswith("prep:"):  # the verb pattern says where
            want = pattern.target[5:].split("/")
            cands = sorted(cands, key=lambda x: 0 if self._prep_of(x[1]) in want else 1)
        skip = set(exclude)
        owners = {x for x in skip if ":" not in x}  # states among the sources: their own agents are no party
        fallback = None
        for backoff in (False, True):
            for _, i, c in cands:
                t = self.doc[i]
                if t.ent_type_ in ("DATE", "TIME") and self.resolver.found_at(i) is None:
                    continue  # "on Monday" says when, not to whom
                if t.lemma_.lower() in W.weapon_nouns and b.trigger.lemma_.lower() in W.launch_verbs:
                    continue  # "launched drones at X": the drones are the weapon, X the target
                acts = [a for a in self.arguments(t, speaker, backoff) if a.id not in skip]
                if c.event_doer and self.event_noun(t):  # "condemned Russia's invasion": the invader
                    doers = self._doers(t, speaker)
                    if all(d.id in skip for d in doers):  # "lifted (its) sanctions imposed on X": X
                        nb = self.bindings.get(i)
                        inner, inner_rule = self._targets(nb, speaker, exclude=skip, topic=True) if nb is not None \
                            else ([], None)
                        if inner:
                            return inner, inner_rule  # the noun's own construction found the party
                    else:
                        acts = doers or acts
                if not acts and c.event_doer:  # "X shelled a market. Y condemned the attack": X
                    acts = [a for a in self._antecedent_doers(t) if a.id not in skip]
                if not acts and backoff and topic and self.event_noun(t):  # "concern over the fighting in X": X
                    acts = [a for a in self.location(t) if a.id not in skip]
                if acts and all(a.actor.type == "agent" and a.actor.country in owners
                                and a.actor.sector in W.own_force_sectors for a in acts):
                    fallback = fallback or (acts, c.name)  # "withdrew its troops from X": X, not its own troops
                    continue
                if acts:
                    return acts, c.name
        self.own_forces = fallback  # the acting side's own forces: a target only if nothing else is found
        return [], None

    def _claimant(self, v: "Token") -> list[Mention]:
        """Who made the claim a relative clause denies: the reporter of its sentence ('X said ..., a claim Y
        denied': X)."""
        root = v.sent.root
        if root.lemma_.lower() not in W.speech_verbs:
            return []
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        return self.arguments(subj) if subj is not None else []

    def _antecedent_doers(self, n: "Token") -> list[Mention]:
        """Who did the event a definite event noun refers back to: 'the attack' -> the last assault's doers in
        an earlier sentence, 'the move' (@event_anaphors) -> the last event's."""
        if not any(c.dep_ == "det" and c.lower_ in W.definite_determiners for c in n.children):
            return []
        if n.lemma_.lower() in W.event_anaphors:
            doers = self.recent.get(None, [])
        else:
            code = self.event_noun(n)
            doers = self.recent.get(code[0].plover, []) if code is not None and code[0].plover else []
        words = self.doc[n.left_edge.i:n.i + 1]  # mentioned here by the noun, as a pronoun would be
        return [replace(d, text=words.text, start=words.start_char, end=words.end_char) for d in doers]

    def _is_place(self, m: Mention) -> bool:
        """A mention that names a place (a city, a region) rather than a state or an actor."""
        if m.start is None:
            return False
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        found = self.resolver.found_at(span.start) if span is not None else None
        return found is not None and found.kind in ("place", "city")

    def _prep_of(self, i: int) -> Optional[str]:
        h = self.doc[i].head
        return h.lower_ if h.dep_ in ("prep", "agent") else None

    def _doers(self, n: "Token", speaker) -> list[Mention]:
        b = self.bindings.get(n.i)
        if b is None:
            return []
        return self._sources(b, speaker)[0]

    def verbal(self, v: "Token", b: Bindings) -> Optional[Event]:
        speaker = self.quote_speaker.get(v.i)
        lemma = v.lemma_.lower()
        if lemma in W.leading_verbs and v.dep_ == "acl" and v.tag_ == "VBN":
            return None  # "troops backed by X", "a village held by rebels": a description, not an event
        if lemma in W.light_verbs and any(c.dep_ in ("dobj", "nsubjpass") and self.event_noun(self._through(c))
                                          for c in v.children) and not self._verb_sense_of_noun(v):
            return None  # the nominal event speaks for it ("carried out strikes", "carried out dozens of raids")
        particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
        subs, source_rule, symmetric = self._sources(b, speaker)
        said = self._speech_event(v, lemma, subs, source_rule, speaker)
        if said is not None:  # what the speech says outranks the speech verb's own sense
            return said
        hit = self.lexicon.verb(lemma, particle, self.frame(v))
        if hit is None:
            return None
        code, pattern = hit
        if not subs:
            return None
        self.own_forces = None
        objs, target_rule = self._targets(b, speaker, pattern, exclude=[s.id for s in subs])
        own_forces = self.own_forces
        claim = next((c for c in v.children if c.dep_ == "dobj" and c.lemma_ in W.claim_nouns), None)
        if lemma in W.deny_verbs and v.dep_ == "relcl" and v.head.lemma_ in W.claim_nouns and not objs:
            objs = [a for a in self._claimant(v) if a.id not in {s.id for s in subs}]  # "..., a claim X denied"
            target_rule = "claimant" if objs else target_rule
        elif lemma in W.deny_verbs and claim is not None:
            # who is named inside the denied claim is settled by denial_target; "denied the accusation": its accuser
            objs = [a for a in self._antecedent_doers(claim) if a.id not in {s.id for s in subs}]
            target_rule = "antecedent" if objs else None
        if code.plover == "REQUEST" and not objs:  # "demanded that the US cancel its plans"
            objs, target_rule = self._clause_subjects(v, speaker), "demand_addressee"
        if code.plover == "ACCUSE":  # "complained to the UN over Israeli air raids": the accused, not the audience
            accused = [a for c in v.children if c.dep_ == "prep" and c.lower_ in W.accusation_preps
                       for a in self.first_in_phrase(c, speaker)]
            if accused:
                objs, target_rule = accused, "accused"
        if pattern.source != "subject":  # "$" marks who acts: "* protests (from $)"
            found, slot_rule = self._slot(b, pattern.source, speaker)
            if found:
                ids = {f.id for f in found}
                if pattern.target.startswith("prep:"):
                    objs = [o for o in objs if o.id not in ids]
                else:  # and the subject is who it is done to
                    objs, target_rule = [s for s in subs if s.id not in ids], source_rule
                subs, source_rule = found, slot_rule
        if pattern.reverse:  # the code is the other side's act: "received a loan from X" is X giving aid
            if not objs:  # "died in Israeli shelling": who did what it suffered, as a passive's agent
                objs, target_rule, _ = self._sources(b, speaker, voice="passive")
            if not objs:
                return None
            subs, objs, source_rule, target_rule = objs, subs, target_rule, source_rule
        rel = f"{lemma} {particle}" if particle else lemma
        mode = self.mode(v)
        if mode is None and any(c.dep_ == "dobj" and self.noun_mode(c) == "negation" for c in v.children):
            mode = "negation"  # "held no talks"
        sym = symmetric or pattern.joint or lemma in W.symmetric_verbs or bool(code.cameo and code.cameo.startswith(tuple(W.symmetric_cameo)))
        if sym and len(subs) > 1 and objs and all(self._is_place(o) for o in objs):
            objs, target_rule = [], None  # "X and Y clashed at Z": Z is where, the parties are X and Y
        conf = 0.8 if all(s.text and s.text.lower() not in PRONOUN_WORDS for s in subs) else 0.6
        return Event(v, rel, code, subs, objs, mode, source_rule, target_rule, sym, conf, pattern=pattern,
                     own_forces=own_forces)

    def _slot(self, b: Bindings, slot: str, speaker) -> tuple[list[Mention], Optional[str]]:
        """The actors of a verb pattern's slot ("object" or "prep:<p>") among the verb's target candidates."""
        for _, i, c in b.targets:
            t = self.doc[i]
            if (t.dep_ in ("dobj", "nsubjpass") if slot == "object" else self._prep_of(i) in slot[5:].split("/")):
                acts = self.arguments(t, speaker)
                if acts:
                    return acts, c.name
        return [], None

    def _speech_event(self, v: "Token", lemma: str, subs, source_rule, speaker) -> Optional[Event]:
        """Speech that is an event by what it says: labelling a claim false, claiming a hostile act,
        saying someone must act."""
        codes = rule_codes()
        words = self.frame(v)
        objs: list = []
        labels = {t.lemma_.lower() for t in v.subtree} | {t.lower_ for t in v.subtree}
        if lemma in W.label_verbs and words.object & W.claim_nouns and labels & W.pejoratives:
            name, objs = "label_as_false", self._claim_agent(v, speaker)
        elif lemma in W.accusing_speech and (objs := self._claimed_culprits(v, speaker)):
            name = "claimed_culprit"
        elif lemma in W.speech_verbs and self._obligation(v):
            name, objs = "obligation", self._clause_subjects(v, speaker)
            if not objs:
                return None
        else:
            return None
        code = self.lexicon.code(codes[name])
        if not subs or code is None:
            return None
        return Event(v, lemma, code, subs, objs, self.mode(v), source_rule, name)

    def _claim_agent(self, v: "Token", speaker) -> list[Mention]:
        for t in v.subtree:
            if t.dep_ == "agent":
                for p in t.children:
                    if p.dep_ == "pobj":
                        return self.arguments(p, speaker)
        return []

    def _claimed_culprits(self, v: "Token", speaker) -> list[Mention]:
        for c in v.children:
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
                hit = self.lexicon.verb(c.lemma_.lower(), None, self.frame(c))
                if hit is not None and hit[0].plover in W.hostile_events:
                    b = self.bindings.get(c.i)
                    return self._sources(b, speaker)[0] if b else []
        return []

    @staticmethod
    def _obligation(v: "Token") -> bool:
        return any(c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in W.obligation_aux for a in c.children)
                   for c in v.children)

    def _clause_subjects(self, v: "Token", speaker) -> list[Mention]:
        for c in v.children:
            if c.dep_ in ("ccomp", "xcomp", "acl"):
                b = self.bindings.get(c.i)
                acts = self._sources(b, speaker)[0] if b else []
                if acts:
                    return acts
        return []

    def _verb_sense_of_noun(self, v: "Token") -> bool:
        """Whether a light verb has a sense of its own for its event noun ('provide support' is aid, CAMEO 070,
        where 'support' alone is political support): then the verb speaks and the noun is part of it."""
        if v.pos_ not in ("VERB", "AUX"):
            return False
        particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
        hit = self.lexicon.verb(v.lemma_.lower(), particle, self.frame(v))
        if hit is None:
            return False
        nouns = {w for c in v.children if c.dep_ in ("dobj", "nsubjpass")
                 for w in (self._through(c).lower_, self._through(c).lemma_.lower())}
        # the pattern must be about the noun itself ("* support"), not a word beside it ("drone" in "drone strikes")
        return any(w in nouns for alts in hit[1].post for a in alts for w in a.split())

    def nominal(self, n: "Token", b: Bindings) -> Optional[Event]:
        hit = self.event_noun(n)
        if hit is None:
            return None
        if n.dep_ in ("dobj", "nsubjpass") and n.head.lemma_.lower() in W.light_verbs and \
                self._verb_sense_of_noun(n.head):
            return None  # "imposed sanctions": the verb's own sense of it speaks
        code, symmetric = hit
        speaker = self.quote_speaker.get(n.i)
        subs, source_rule, sym_binding = self._sources(b, speaker, joint=symmetric)
        if sym_binding:  # "talks between X and Y": every conjunct is a party
            symmetric = True
        if not subs:
            return None
        objs, target_rule = self._targets(b, speaker, exclude=[s.id for s in subs])
        if code.plover == "REQUEST" and not objs:  # "its demand that Israel ease the restrictions"
            objs, target_rule = self._clause_subjects(n, speaker), "demand_addressee"
        return Event(n, n.lemma_.lower(), code, uniq(subs), objs, self.noun_mode(n), source_rule,
                     target_rule if objs else None, symmetric, 0.65)

    # ------------------------------------------------------------------ modality
    def mode(self, v: "Token") -> Optional[str]:
        """negation > hypothetical > future > historical, from the modifier constructions of the verb and
        of the clauses it depends on (through @mode_chain_deps)."""
        found = set()
        cur, hops = v, 0
        while cur is not None and hops < 4:
            b = self.bindings.get(cur.i)
            for c, cue in (b.modifiers if b else ()):
                if cur is v or not c.local:
                    found.add(c.mode)
            if cur.dep_ in W.mode_chain_deps and cur.head.i != cur.i:
                cur = cur.head if cur.dep_ != "pcomp" else cur.head.head
                hops += 1
                if cur.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
                    break
            else:
                break
        return next((m for m in MODES if m in found), None)

    def noun_mode(self, n: "Token") -> Optional[str]:
        own = self.bindings.get(n.i)
        modes = {c.mode for c, _ in (own.modifiers if own else ())}
        if "negation" in modes:
            return "negation"
        head = n.head
        if n.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.i != n.i:
            v = head.head if head.dep_ == "prep" else head
            if v.pos_ in ("VERB", "AUX"):
                m = self.mode(v)
                if m:
                    return m
        return next((m for m in MODES if m in modes), None)

    # ------------------------------------------------------------------ attribution
    def _quotes(self) -> None:
        """Speakers of quoted passages: quotes pair up within a paragraph; the speaker is the subject of a
        reporting verb outside the quotation in the sentence where it ends (or begins)."""
        marks: list[int] = []
        for t in self.doc:
            if t.is_space and "\n" in t.text:
                marks = []
            elif t.text in W.quote_marks:
                marks.append(t.i)
                if len(marks) == 2:
                    self._quote_span(marks[0], marks[1])
                    marks = []

    def _quote_span(self, a: int, b: int) -> None:
        if b - a < 4:  # a scare-quoted word or two, not speech
            return
        doc = self.doc
        for t in list(doc[b].sent) + list(doc[a].sent):
            if t.lemma_ in W.speech_verbs and not (a <= t.i <= b):
                bind = self.bindings.get(t.i)
                subs = self._sources(bind, None)[0] if bind else []
                if subs:
                    for i in range(a, b + 1):
                        self.quote_speaker[i] = subs[0]
                    return

    def attribution(self, tok: "Token") -> tuple[Optional[Mention], Optional[Mention], Optional[int]]:
        """(attributed_to, denied_by, index of the denying verb) of an event: reported speech or a denial
        above it (up to six heads), 'according to X' in its sentence, or the speaker of its quotation."""
        attributed = denied = denial = None
        cur, hops = tok, 0
        while hops < 7:
            b = self.bindings.get(cur.i)
            for c, speaker, cue in (b.denials if b else ()):
                acts = self.arguments(self.doc[speaker])
                if acts and denied is None:
                    denied, denial = acts[0], cue
            for c, speaker, cue in (b.attributions if b else ()):
                if c.scope == "sentence" and cur is not tok:
                    continue
                acts = self.arguments(self.doc[speaker])
                if acts and attributed is None and (c.scope != "sentence" or hops == 0):
                    attributed = acts[0]
            if cur.head.i == cur.i:
                break
            cur, hops = cur.head, hops + 1
        if attributed is None:
            b = self.bindings.get(tok.i)
            for c, speaker, cue in (b.attributions if b else ()):
                if c.scope == "sentence":
                    acts = self.arguments(self.doc[speaker])
                    if acts:
                        attributed = acts[0]
                        break
        if attributed is None:
            attributed = self.quote_speaker.get(tok.i)
        return attributed, denied, denial

    # ------------------------------------------------------------------ assertions
    def run(self) -> list[Assertion]:
        out: list[Assertion] = []
        seen: set = set()
        for si, sent in enumerate(self.doc.sents):
            events: list[Event] = []
            for tok in sent:
                ev = self.event(tok, self.bindings.get(tok.i))
                if ev is not None:
                    ev.attributed_to, ev.denied_by, ev.denial = self.attribution(tok)
                    events.append(ev)
            events = self._intents(events)
            self._denial_targets(events)
            recent = {}
            for ev in events:
                if ev.sources and ev.code.plover and not ev.mode:
                    recent[ev.code.plover] = recent[None] = ev.sources
                    parties = uniq(ev.sources + ev.targets)
                    if ev.symmetric and len(parties) == 2:
                        recent["pair"] = parties
                for a in self.assertions(ev, si, sent):
                    key = (a.subject.id, a.event or a.relation, a.object.id if a.object else None, a.mode, si)
                    if key not in seen:
                        seen.add(key)
                        out.append(a)
            self.recent.update(recent)
        return out

    def _intents(self, events: list[Event]) -> list[Event]:
        """'agreed to withdraw', 'is ready to send troops', 'will provide aid': an expressed intent is the
        event (AGREE or THREATEN, intents.tsv), aimed at the party of the act intended."""
        by_tok = {e.tok.i: e for e in events}
        drop = set()
        for e in events:
            if e.code.plover not in self.lexicon.intents:
                continue
            v = e.tok  # a nominal event's verb is its light verb: "would not provide support"
            if v.pos_ not in ("VERB", "AUX"):
                if not (v.dep_ == "dobj" and v.head.lemma_.lower() in W.light_verbs):
                    continue
                v = v.head
            head = v.head
            intent = None
            if v.dep_ == "xcomp" and head.lemma_.lower() in W.intent_words:
                intent = head
            elif (e.code.plover not in ("THREATEN", "CONSULT") or v.lemma_.lower() in W.visit_verbs) and (
                    e.mode == "future" or (e.mode == "negation" and self._has_future(v))
                    or (self._announced(v) and e.mode in ("hypothetical", "negation"))):
                intent = v  # "will provide aid", "will not lift the ban", "said it would boycott"
            if intent is None:
                continue
            negated = self.mode(intent) == "negation" or e.mode == "negation"
            if negated and e.code.plover in W.cooperative_events:
                new, note = self.lexicon.code(rule_codes()["refusal"]), "refusal"
            elif negated:
                continue
            elif e.code.plover in W.force_events and any(
                    c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in W.help_verbs for c in e.tok.children):
                # "will deploy police to Haiti to help fight gangs": an offer of protection, no threat
                new, note = self.lexicon.code(rule_codes()["protective_deployment"]), "protective_deployment"
            else:
                new, note = self.lexicon.intent(e.code.plover), "intent"
            if new is None:
                continue
            if intent is not v:
                q = by_tok.get(intent.i)
                if q is not None:
                    drop.add(q.tok.i)
                    if not e.targets and q.targets:
                        e.targets, e.target_rule = q.targets, q.target_rule
                    e.symmetric |= q.symmetric  # "X and Y agreed to restore relations": with each other
                e.relation = f"{intent.lemma_.lower()} to {e.relation}"
                m = self.mode(intent)
                e.mode = m if m in ("hypothetical", "historical") else None
            else:
                e.mode = None
            e.code = new
            e.notes.append(note)
        for e in events:  # "agreed to let observers into the country": the party of the act intended
            if not e.targets and e.tok.i not in drop:
                for c in e.tok.children:
                    q = by_tok.get(c.i)
                    if c.dep_ == "xcomp" and q is not None and q.targets:
                        e.targets, e.target_rule = q.targets, "intended_object"
        return [e for e in events if e.tok.i not in drop]

    @staticmethod
    def _has_future(v: "Token") -> bool:
        return any(c.dep_ == "aux" and c.lower_ in W.future_aux for c in v.children)

    @staticmethod
    def _announced(v: "Token") -> bool:
        """A will/would clause reported by speech: 'X said it would ...'."""
        if v.dep_ != "ccomp" or v.head.lemma_ not in W.speech_verbs:
            return False
        return any(c.dep_ == "aux" and c.lower_ in W.announcing_aux for c in v.children)

    def _denial_targets(self, events: list[Event]) -> None:
        """A denial's REJECT points at the other party of what was denied ('X denied it was asked by Y'
        -> X REJECT Y)."""
        for e in events:
            if e.code.plover != "REJECT" or e.targets or e.tok.lemma_ not in W.deny_verbs:
                continue
            denier = {s.actor.country for s in e.sources} | {s.id for s in e.sources}
            for q in events:
                if q.denial != e.tok.i:
                    continue
                for cand in q.sources + q.targets:
                    if cand.id not in denier and cand.actor.country not in denier:
                        e.targets, e.target_rule = [cand], "denial_target"
                        break
                if e.targets:
                    break

    # ------------------------------------------------------------------ fall-backs
    def location(self, tok: "Token") -> list[Mention]:
        """The state where an act took place ('demonstrated in Serbia', 'a curfew in a town in Turkey')."""
        heads = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "pobj") and tok.head.i != tok.i:
            heads.append(tok.head if tok.dep_ != "pobj" else tok.head.head)  # "carried out strikes in X"
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in W.location_preps:
                    for t in c.subtree:
                        m = self.resolver.found_at(t.i)
                        if m is not None and m.actor.type == "country":
                            return [self.resolver.mention(m)]
        return []

    def first_after(self, v: "Token", sources: list[Mention], places: bool = True) -> list[Mention]:
        """TABARI's back-off: the first actor named after the verb inside its phrase, not inside a relative
        clause or a new clause with a subject of its own."""
        skip: set = set()
        own = {s.id for s in sources} | {s.actor.country for s in sources}
        for t in v.subtree:
            if t.i <= v.i or t.i in skip:
                continue
            if t.dep_ in ("relcl", "acl", "parataxis", "appos") or (
                    t.dep_ in ("ccomp", "advcl", "conj") and any(c.dep_.startswith("nsubj") for c in t.children)) or (
                    not places and t.dep_ == "prep" and t.lower_ in W.location_preps):
                skip.update(x.i for x in t.subtree)  # where people met or helped is no party to it
                continue
            m = self.resolver.found_at(t.i)
            if m is not None and m.actor.id not in own and m.actor.country not in own:
                a = self.resolver.mention(m)
                if a is not None:
                    return [a]
        return []

    def placed(self, obj: Mention, sources: list[Mention]) -> Mention:
        """A person or organisation the text gives no country, at the receiving end of a domestic act, is
        placed in the acting side's country."""
        if obj.actor.country or obj.actor.type not in ("person", "organisation", "group"):
            return obj
        home = next((s.actor.country for s in sources if is_state(s.actor.country)), None)
        return replace(obj, actor=replace(obj.actor, country=home)) if home else obj

    def own_state(self, sources: list[Mention]) -> list[Mention]:
        """A domestic actor acting with no other party named acts towards its own state."""
        s = sources[0] if len(sources) == 1 else None
        if s is None or not is_state(s.actor.country):
            return []
        words = self.doc.char_span(s.start, s.end, alignment_mode="expand") if s.text else None
        if s.actor.type == "country" and not (words and words[-1].tag_ in ("NNS", "NNPS") and s.text != s.actor.name):
            return []  # the state itself; but "Iraqi Kurds", "Palestinians": a people, not its state
        state = self.resolver.dictionary.entries.get(s.actor.country)
        return [Mention(state)] if state else []

    def assertions(self, e: Event, si: int, sent: "Span") -> list[Assertion]:
        plover = e.code.plover
        own = lambda objs: [o for o in objs if o.id not in {s.id for s in e.sources}]  # noqa: E731
        if not e.targets and plover and not (e.symmetric and len(e.sources) > 1) and (
                plover not in W.cooperative_events - {"CONCEDE", "RETREAT"} or (
                    plover in W.hosted_events and all(s.actor.type != "igo" for s in e.sources))):
            # "attend a summit in X": the host; but "the ECOWAS Authority met in X" is among its own members
            e.targets, e.target_rule = own(self.location(e.tok)), "location"  # "attend a summit in X": the host
        if not e.targets and plover and e.tok.pos_ in ("VERB", "AUX") and not (e.symmetric and len(e.sources) > 1):
            e.targets = self.first_after(e.tok, e.sources, places=plover not in W.cooperative_events)
            e.target_rule = "first_actor_after"
        if not e.targets and e.own_forces:  # "strengthened its forces": they are all there is
            e.targets, e.target_rule = e.own_forces
        if not e.targets and plover in W.own_state_events and not self.passive(e.tok):
            e.targets, e.target_rule = self.own_state(e.sources), "own_state"
        if plover in W.domestic_events | W.placed_target_events:
            e.targets = [self.placed(o, e.sources) for o in e.targets]
        if e.targets:
            pairs = [(s, o) for s in e.sources for o in e.targets if s.id != o.id]
        elif e.symmetric and len(e.sources) > 1:  # a joint act: each party with each other, both ways
            e.target_rule = "coordinated"
            pairs = [(s, o) for s in e.sources for o in e.sources if s.id != o.id]
        else:
            pairs = []
        out = []
        t = e.tok
        for s, o in pairs:
            spans = [(t.idx, t.idx + len(t))] + [(x.start, x.end) for x in (s, o) if x.start is not None]
            conf = e.confidence + 0.1 - (0.1 if e.mode else 0.0)
            out.append(Assertion(
                doc_id=self.doc_id, sentence={"index": si, "text": sent.text.strip()},
                start=min(a for a, _ in spans), end=max(b for _, b in spans), subject=s, relation=e.relation,
                object=o, event=plover, cameo=e.code.cameo, mode=e.mode, attributed_to=e.attributed_to,
                denied_by=e.denied_by, confidence=max(0.05, min(conf, 0.99)), trigger=t.text,
                score=self.lexicon.score(e.code), rule=e.rule))
        return out
