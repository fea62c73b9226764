"""Dependency patterns -> assertions: verbal and nominal events, with mode, attribution and denial."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from ..actors.resolver import Resolver, mention
from ..graphmodel import is_state
from ..model import Actor, Assertion, Mention
from .lexicon import Code, Lexicon

SPEECH_VERBS = {"say", "tell", "report", "announce", "state", "add", "note", "write", "claim", "insist", "stress",
                "indicate", "suggest", "explain", "confirm", "declare", "argue", "assert", "acknowledge",
                "comment", "reveal", "tweet", "post", "warn", "allege", "maintain", "contend", "quote", "predict"}
DENY_VERBS = {"deny", "dismiss", "refute", "reject", "rebuff", "disavow"}
PEJORATIVE = {"disinformation", "misinformation", "lie", "propaganda", "fabrication", "smear", "slander",
              "rumour", "rumor", "nonsense", "hoax", "fake", "baseless", "groundless", "false", "slur",
              "provocation", "interference", "fiction", "absurd"}
LABEL_VERBS = {"call", "brand", "describe", "label", "dismiss", "term", "characterize", "characterise", "deem"}
CLAIM_NOUNS = {"allegation", "claim", "report", "accusation", "suggestion", "charge", "rumour", "rumor", "story"}
HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "must", "ought"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_MARK = {"whether", "if", "unless"}
HISTORICAL_WORDS = {"last", "ago", "previously", "formerly"}
#: prepositions that introduce the other party of an event, most telling first
OBJECT_PREPS = ("with", "to", "against", "from", "on", "into", "toward", "towards", "at", "over", "upon", "for", "of")
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj", "pcomp"}
SYMMETRIC_CODES = ("03", "04", "057", "06")
#: verbs whose object noun carries the event ("held talks", "imposed sanctions", "provides support")
LIGHT_VERBS = {"hold", "have", "launch", "conduct", "carry", "stage", "wage", "impose", "provide", "offer", "give",
               "extend", "send", "make", "pay", "express", "pledge", "announce", "begin", "continue", "start",
               "intensify", "resume", "sign", "reach", "conclude", "attend", "mount", "level", "issue", "lodge",
               "deliver", "step", "seek", "host", "join", "receive", "leverage", "slap", "approve", "unveil",
               "renew", "open", "end", "organize", "organise", "call", "declare", "order"}
QUOTES = {'"', "\u201c", "\u201d"}
#: verbs and adjectives of intent: "agreed to withdraw", "offered to mediate", "is ready to send troops"
INTENT_WORDS = {"want", "agree", "offer", "promise", "pledge", "vow", "commit", "decide", "undertake", "consent", "willing",
                "ready", "prepared", "committed", "determined", "plan", "intend", "volunteer", "resolve"}
#: intent or plan to do a cooperative act is AGREE (CAMEO 03x); to do a hostile one is THREATEN (CAMEO 13x)
INTENT_CODES = {"AID": "033", "COOPERATE": "031", "SUPPORT": "032", "CONCEDE": "035", "RETREAT": "035",
                "CONSULT": "036", "AGREE": "030", "SANCTION": "131", "COERCE": "137", "ASSAULT": "138",
                "MOBILIZE": "138", "THREATEN": "130"}
OBLIGATION_AUX = {"must", "should"}
#: heads whose embedded act did not happen ("refused to meet") or has not yet ("threatened to cut off")
NEGATIVE_HEADS = {"refuse", "decline", "fail", "reject", "deny", "avoid", "cease", "resist", "oppose"}
IRREALIS_HEADS = {"threaten", "plan", "want", "seek", "try", "hope", "propose", "intend", "aim", "expect", "wish",
                  "demand", "urge", "ask", "call", "agree", "offer", "promise", "pledge", "vow", "decide", "prepare",
                  "attempt", "consider", "order", "warn", "press", "push", "encourage", "invite", "appeal",
                  "willing", "ready", "prepared", "committed", "determined", "able", "likely", "set", "due"}
DEMAND_HEADS = {"demand", "urge", "ask", "insist", "request", "call", "order", "press", "propose", "suggest",
                "recommend", "want", "hope", "wish", "require"}
LOCATION_PREPS = ("in", "at", "near", "across", "outside", "inside", "throughout")
PATIENT_SECTORS = {"people": "CVL", "civilians": "CVL", "civilian": "CVL", "citizens": "CVL", "residents": "CVL",
                   "villagers": "CVL", "students": "EDU", "workers": "LAB", "prisoners": "CVL", "person": "CVL",
                   "journalists": "MED", "activists": "OPP", "dissidents": "OPP", "demonstrators": "OPP",
                   "protesters": "OPP", "opponents": "OPP", "candidates": "OPP", "suspects": "CRM"}
#: events a domestic actor commonly directs at its own state without naming it (protests, refusals, concessions)
DOMESTIC = {"PROTEST", "REJECT", "CONCEDE", "RETREAT", "COERCE", "THREATEN", "MOBILIZE"}
ACCUSING_SPEECH = {"claim", "allege", "charge", "accuse"}
HOSTILE = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "PROTEST"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}


@dataclass
class _Pred:
    """A predicate found in a sentence, before it becomes assertions."""
    tok: object
    relation: str
    code: Optional[Code]
    subjects: list
    objects: list
    mode: Optional[str]
    symmetric: bool = False
    confidence: float = 0.8
    denied_by: Optional[Actor] = None
    attributed_to: Optional[Actor] = None
    denial: Optional[int] = None      # token index of the verb that denies this predicate


class SentenceExtractor:
    """Extracts the assertions of one document; `run()` returns them in text order."""

    def __init__(self, doc, doc_id: str, resolver: Resolver, lexicon: Lexicon):
        self.doc, self.doc_id, self.r, self.lex = doc, doc_id, resolver, lexicon
        self.quote_speaker: dict[int, Actor] = {}
        self._quotes()

    # ------------------------------------------------------------------ arguments
    def actors(self, tok, speaker=None) -> list[Actor]:
        """Actors of an argument: the token, its conjuncts, and coordinated owners ("US and Chinese officials")."""
        out = []
        heads = [tok] + list(tok.conjuncts)
        for c in tok.children:  # "The US, Russia, and Switzerland": a list the parser took for appositions
            m = self.r.mention_at(c.i)
            if c.dep_ == "appos" and m is not None and m.actor.type in ("country", "igo"):
                heads += [c] + list(c.conjuncts)
        for t in heads:
            a = self.r.actor_at(t, speaker)
            if a is not None:
                out.append(a)
                # "senior American and Chinese officials": one agent per coordinated owner
                if a.type == "agent":
                    for c in t.lefts:
                        for cj in c.conjuncts:
                            m = self.r.mention_at(cj.i)
                            if m is not None and m.actor.type == "country" and m.actor.id != a.country:
                                out.append(mention(self.r.dictionary.agent(m.actor.id, a.actor.sector),
                                                   a.text, a.start, a.end))
            elif t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound",):
                # "Russia risk": a mention buried in a compound of a non-actor noun
                for c in t.lefts:
                    if c.dep_ in ("compound",):
                        m = self.r.mention_at(c.i)
                        if m is not None and m.actor.type != "person":
                            out.append(self.r.actor_at(c, speaker))
        if not [a for a in out if a is not None]:
            out = self._first_in_phrase(tok, speaker)
        return _uniq(out)

    def _first_in_phrase(self, tok, speaker=None) -> list[Actor]:
        """The first actor named inside an argument's phrase, as TABARI/PETRARCH take it when the head
        itself is no actor: 'the foreign ministry of Hungary', 'NATO peacekeeping troops'."""
        skip = set()
        found = []
        for t in tok.subtree:
            if t.i in skip:
                continue
            if t is not tok and (t.dep_ in CLAUSE_DEPS | {"appos"} or (
                    t.dep_ == "prep" and t.lower_ in LOCATION_PREPS)):
                skip.update(x.i for x in t.subtree)  # not inside clauses, nor where it happened
                continue
            if self.r.mention_at(t.i) is not None:
                a = self.r.actor_at(t, speaker)
                if a is not None:
                    found.append((t.dep_ == "amod", len(found), a))
        # a named actor beats an adjective: "the pro-Iranian Hizbollah group" is Hizbollah
        return [min(found, key=lambda x: (x[0], x[1]))[2]] if found else []

    def subjects(self, v, speaker=None, depth=0) -> list[Actor]:
        if depth > 4:
            return []
        kids = list(v.children)
        if self.passive(v):
            for c in kids:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.actors(p, speaker)
            return []
        for c in kids:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in ("which", "who", "that") and v.dep_ == "relcl":
                    return self.actors(v.head, speaker)
                if c.pos_ == "PRON" and v.dep_ == "ccomp" and v.head.lemma_ in SPEECH_VERBS | {"announce", "declare"}:
                    # "Syria says it will not accept ...": the pronoun is the speaker itself
                    said_by = self.subjects(v.head, speaker, depth + 1)
                    if said_by and (said_by[0].type == "person") == (c.lower_ in ("he", "she")):
                        return [replace(said_by[0], text=c.text, start=c.idx, end=c.idx + len(c))]
                return self.actors(c, speaker)
        if v.dep_ in ("xcomp", "advcl", "conj", "pcomp") and v.head.i != v.i:
            head = v.head
            if v.dep_ == "pcomp" and head.dep_ == "prep":
                head = head.head
            if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "oprd") and head.head.i != head.i:
                head = head.head  # "Norway is willing to send": the subject of the copula
            if v.dep_ == "xcomp" and any(c.dep_ == "nsubjpass" for c in head.children):
                # "Obama is scheduled to attend", "X was asked to mediate": who is scheduled or asked acts
                return [a for c in head.children if c.dep_ == "nsubjpass" for a in self.actors(c, speaker)]
            if head.pos_ in ("VERB", "AUX"):
                return self.subjects(head, speaker, depth + 1)
        if v.dep_ == "relcl":
            return self.actors(v.head, speaker)
        return []

    def passive(self, v) -> bool:
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
            return True
        if v.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("nsubj", "aux") for c in v.children) and any(
                c.lower_ in ("when", "if", "once", "unless", "until", "as") for c in v.children):
            return True  # "When asked whether ...": a reduced passive with no agent
        # "sanctions leveraged by the US", "when asked whether ...": a bare past participle
        return v.tag_ == "VBN" and v.dep_ in ("acl", "advcl") and not any(c.dep_ == "aux" for c in v.children)

    def objects(self, v, speaker=None) -> tuple[list[Actor], set]:
        """The other party of a verbal predicate, and the words around it (for pattern matching)."""
        words: set = set()
        groups: list[list[Actor]] = []
        kids = list(v.children)
        passive = self.passive(v)
        for c in kids:
            if c.dep_ in ("dobj", "dative", "attr", "oprd") or (passive and c.dep_ == "nsubjpass"):
                words.update(self._words(c))
                acts = []
                if c.dep_ == "dobj" and self._event_noun(c):  # "condemned Russia's invasion": the invader
                    acts = self._doers(c, speaker)
                acts = acts or self.actors(c, speaker)
                if not acts and c.dep_ != "dative":
                    acts = self._nested_party(c, speaker)
                groups.append(acts)
            elif c.dep_ == "prt":
                words.add(c.lower_)
        if passive and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            groups.insert(0, self.actors(v.head, speaker))
        preps = {}
        for c in kids:
            if c.dep_ in ("prep", "agent") and c.lower_ in OBJECT_PREPS:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    acts = self.actors(p, speaker)
                    if p.ent_type_ in ("DATE", "TIME") and not acts:
                        continue  # "on Monday" says when, not to whom
                    words.add(c.lower_)
                    words.update(self._words(p))
                    preps.setdefault(c.lower_, []).extend(acts)
        for prep in OBJECT_PREPS:
            groups.append(preps.get(prep, []))
        if v.lemma_ in ("visit", "arrive", "travel", "land", "fly", "tour"):  # "arrived in Amman": the host
            for c in kids:
                if c.dep_ == "prep" and c.lower_ in ("in", "to"):
                    groups += [[a for p in c.children if p.dep_ == "pobj" for a in self.actors(p, speaker)
                                if a.type == "country"]]
        for g in groups:
            if g:
                return g, words
        for c in kids:  # "threatened to cut off electricity to Nakhichevan": the party of the act intended
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                acts, more = self.objects(c, speaker)
                words.update(more)
                words.add(c.lemma_.lower())
                if acts:
                    return acts, words
        return [], words

    def location(self, tok, speaker=None) -> list[Actor]:
        """The country where an act took place ('demonstrated in Serbia', 'a curfew in Cizre in Turkey'):
        the target news coders give domestic events."""
        heads = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in LOCATION_PREPS:
                    for t in c.subtree:
                        m = self.r.mention_at(t.i)
                        if m is not None and m.actor.type == "country":
                            return [self.r.actor_at(t, speaker)]
        return []

    def first_after(self, v, subjects: list[Actor], places: bool = True) -> list[Actor]:
        """Back-off as TABARI codes a verb phrase: the first actor named after the verb inside its phrase
        ('threatened to resume terrorist activities in Israel'), not inside a relative clause or a new
        clause with a subject of its own."""
        skip = set()
        own = {s.id for s in subjects} | {s.country for s in subjects}
        for t in v.subtree:
            if t.i <= v.i or t.i in skip:
                continue
            if t.dep_ in ("relcl", "acl", "parataxis", "appos") or (
                    t.dep_ in ("ccomp", "advcl", "conj") and any(c.dep_.startswith("nsubj") for c in t.children)) or (
                    not places and t.dep_ == "prep" and t.lower_ in LOCATION_PREPS):
                skip.update(x.i for x in t.subtree)  # where people met or helped is no party to it
                continue
            m = self.r.mention_at(t.i)
            if m is not None and m.actor.id not in own and m.actor.country not in own:
                a = self.r.actor_at(t)
                if a is not None:
                    return [a]
        return []

    @staticmethod
    def placed(obj: Actor, subjects: list[Actor]) -> Actor:
        """A person or organisation the text gives no country, at the receiving end of a domestic act
        ('Nigerian authorities jailed 52 members of MASSOB'), is placed in the acting side's country."""
        if obj.country or obj.type not in ("person", "organisation", "group"):
            return obj
        home = next((s.country for s in subjects if is_state(s.country)), None)
        return replace(obj, actor=replace(obj.actor, country=home)) if home else obj

    def own_state(self, subjects: list[Actor]) -> list[Actor]:
        """A domestic actor acting with no other party named ('opposition parties in Nepal organised a
        general strike', 'Vice-President Awori declined to resign') acts towards its own state, as
        event data codes it (NPL -> NPL). States themselves get no such target."""
        s = subjects[0] if len(subjects) == 1 else None
        if s is None or not is_state(s.country):
            return []
        if s.type == "country" and not (s.text and s.text.endswith("s") and s.text != s.name):
            return []  # the state itself; but "Iraqi Kurds", "Palestinians": a people, not its state
        e = self.r.dictionary.entries.get(s.country)
        return [Mention(e.actor())] if e else []

    def domestic_patient(self, tok, subjects: list[Actor]) -> list[Actor]:
        """'Egyptian police arrested 12 demonstrators': an unowned group acted on at home belongs to the
        acting side's country (as event coders code domestic events: EGY -> EGY)."""
        country = next((s.country for s in subjects if is_state(s.country)), None)
        if country is None:
            return []
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN",) and self.r.mention_at(c.i) is None:
                lemma = c.lemma_.lower()
                sector = self.r.dictionary.role_sector(lemma) or PATIENT_SECTORS.get(lemma)
                if sector and not any(self.r.mention_at(x.i) for x in c.subtree):
                    a = mention(self.r.dictionary.agent(country, sector), c.text, c.idx, c.idx + len(c))
                    return [a] if a else []
        return []

    def _doers(self, n, speaker=None) -> list[Actor]:
        """Who does a nominal event: 'Russia's invasion', 'the Russian invasion', 'the invasion by Russia'."""
        out = []
        for c in n.lefts:
            if c.dep_ == "poss":
                out += self.actors(c, speaker)
            elif c.dep_ in ("compound", "amod", "nmod"):
                out += self._modifier_actors(c)
        for c in n.rights:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):  # "an appeal from President X"
                out += [a for p in c.children if p.dep_ == "pobj" for a in self.actors(p, speaker)]
        return _uniq(out)

    def _nested_party(self, noun, speaker=None) -> list[Actor]:
        """'requested military assistance from China': the party inside the object's prepositions."""
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "to", "against", "with", "on"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        acts = self.actors(p, speaker)
                        if acts:
                            return acts
        return []

    @staticmethod
    def _words(tok) -> set:
        out = set()
        for t in tok.subtree:
            if t.dep_ in ("relcl", "acl", "ccomp"):
                break
            out.add(t.lower_)
            out.add(t.lemma_.lower())
        return out

    # ------------------------------------------------------------------ modality
    def mode(self, v) -> Optional[str]:
        """negation > hypothetical > future > historical, looking up through control verbs."""
        found = set()
        cur, hops = v, 0
        while cur is not None and hops < 4:
            for c in cur.children:
                low = c.lower_
                if c.dep_ == "neg" or (c.dep_ == "det" and low == "no" and cur is not v) or low == "never":
                    found.add("negation")
                elif c.dep_ == "aux" and low in HYPOTHETICAL_AUX:
                    found.add("hypothetical")
                elif c.dep_ == "aux" and low in FUTURE_AUX:
                    found.add("future")
                elif c.dep_ == "mark" and low in HYPOTHETICAL_MARK:
                    found.add("hypothetical")
                elif low in HISTORICAL_WORDS and c.dep_ in ("advmod", "amod", "npadvmod"):
                    found.add("historical")
                elif c.dep_ == "npadvmod" and any(g.lower_ in HISTORICAL_WORDS for g in c.children):
                    found.add("historical")
            if cur.dep_ == "xcomp" and cur.head.i != cur.i:
                head_lemma = cur.head.lemma_.lower()
                if head_lemma in NEGATIVE_HEADS:
                    found.add("negation")
                elif head_lemma in IRREALIS_HEADS:
                    found.add("hypothetical")
            elif cur.dep_ == "ccomp" and cur.head.lemma_.lower() in DEMAND_HEADS:
                found.add("hypothetical")  # "demanded that Hamas renounce ...": asked for, not done
            if cur.dep_ in ("xcomp", "advcl", "pcomp", "conj", "acl", "acomp") and cur.head.i != cur.i:
                cur = cur.head if cur.dep_ != "pcomp" else cur.head.head
                hops += 1
                if cur.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
                    break
            else:
                break
        for m in ("negation", "hypothetical", "future", "historical"):
            if m in found:
                return m
        return None

    def noun_mode(self, n) -> Optional[str]:
        found = None
        for c in n.children:
            if c.dep_ == "det" and c.lower_ == "no":
                return "negation"
            if c.dep_ == "npadvmod" and any(g.lower_ in HISTORICAL_WORDS for g in c.children):
                found = "historical"
        head = n.head
        if n.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.i != n.i:
            v = head.head if head.dep_ == "prep" else head
            if v.pos_ in ("VERB", "AUX"):
                m = self.mode(v)
                if m:
                    return m
        return found

    # ------------------------------------------------------------------ attribution
    def _quotes(self) -> None:
        """Speakers of quoted passages: '"... we have communicated to Beijing ...," Sullivan said.'
        Quotes pair up within a paragraph; the speaker is the subject of a reporting verb outside the
        quotation in the sentence where it ends (or begins)."""
        doc = self.doc
        marks: list[int] = []
        for t in doc:
            if t.is_space and "\n" in t.text:
                marks = []
            elif t.text in QUOTES:
                marks.append(t.i)
                if len(marks) == 2:
                    self._quote_span(marks[0], marks[1])
                    marks = []

    def _quote_span(self, a: int, b: int) -> None:
        doc = self.doc
        if b - a < 4:  # a scare-quoted word or two, not speech
            return
        for t in list(doc[b].sent) + list(doc[a].sent):
            if t.lemma_ in SPEECH_VERBS and not (a <= t.i <= b):
                subs = self.subjects(t)
                if subs:
                    for i in range(a, b + 1):
                        self.quote_speaker[i] = subs[0]
                    return

    def attribution(self, tok) -> tuple[Optional[Actor], Optional[Actor], object]:
        """(attributed_to, denied_by, denial verb) for a predicate: the speaker of a reporting verb above
        it, 'according to X', or the speaker of the quotation it stands in."""
        attributed = denied = denial = None
        cur = tok
        hops = 0
        while cur.head.i != cur.i and hops < 6:
            dep = cur.dep_
            head = cur.head
            hops += 1
            if head.pos_ in ("NOUN",) and head.lemma_ in CLAIM_NOUNS and dep in ("acl", "relcl", "ccomp"):
                cur = head
                continue
            if head.lemma_ in DENY_VERBS and dep in ("ccomp", "dobj", "xcomp"):
                subs = self.subjects(head)
                if subs and denied is None:
                    denied, denial = subs[0], head
            elif head.lemma_ in SPEECH_VERBS and dep in ("ccomp", "parataxis", "xcomp", "advcl", "dobj"):
                subs = self.subjects(head)
                if subs and attributed is None:
                    attributed = subs[0]
            cur = head
        if attributed is None:
            for t in tok.sent:
                if t.lower_ == "according" and t.dep_ == "prep":
                    for p in t.subtree:
                        if p.dep_ == "pobj":
                            acts = self.actors(p)
                            if acts:
                                attributed = acts[0]
                                break
        if attributed is None:
            attributed = self.quote_speaker.get(tok.i)
        return attributed, denied, denial

    # ------------------------------------------------------------------ predicates
    def verbal(self, v) -> Optional[_Pred]:
        particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
        speaker = self.quote_speaker.get(v.i)
        objs, words = self.objects(v, speaker)
        lemma = self.lemma(v)
        if lemma in LIGHT_VERBS and any(c.dep_ == "dobj" and self._event_noun(c) for c in v.children):
            return None  # the nominal event speaks for it
        if lemma in DENY_VERBS and any(c.dep_ == "dobj" and c.lemma_ in CLAIM_NOUNS for c in v.children):
            objs = []  # who is named inside the denied claim is settled by _denial_targets
        code = self.lex.verb(lemma, particle, words)
        if code is None:
            # "called the claims disinformation": labelling a claim as false is an accusation
            if lemma in LABEL_VERBS and words & PEJORATIVE:
                code = self.lex.code("112")
                objs = self._accused(v, speaker)
            elif lemma in ACCUSING_SPEECH and (culprits := self._claimed_culprits(v, speaker)):
                # "The US claimed that ISIL had attacked Iraq": an accusation against the doer
                code = self.lex.code("112")
                objs = culprits
            elif lemma in SPEECH_VERBS | {"reiterate", "declare"} and self._obligation(v):
                # "Britain said Libya must hand over the suspects": a demand on Libya
                code = self.lex.code("100")
                objs = self._clause_subjects(v, speaker)
                if not objs:
                    return None
            else:
                return None
        subs = self.subjects(v, speaker)
        if not subs:
            return None
        if code.plover == "ACCUSE":  # "complained to the UN over Israeli air raids": the accused, not the audience
            accused = [a for c in v.children if c.dep_ == "prep" and c.lower_ in ("over", "about", "against")
                       for a in self._first_in_phrase(c, speaker)]
            objs = accused or objs
        if code.plover == "REQUEST" and not objs:
            objs = self._clause_subjects(v, speaker)  # "demanded that the US cancel its plans"
        rel = f"{lemma} {particle}" if particle else lemma
        sym = bool(code.cameo and code.cameo.startswith(SYMMETRIC_CODES))
        return _Pred(v, rel, code, subs, objs, self.mode(v), sym,
                     0.8 if all(s.text and s.text.lower() not in ("it", "they", "he", "she") for s in subs) else 0.6)

    def lemma(self, v) -> str:
        """The verb's lemma, mended where the statistical lemmatiser clips a past form ('staged' -> 'stag')."""
        lemma = v.lemma_.lower()
        if lemma in self.lex.verbs or lemma in LIGHT_VERBS or not v.lower_.endswith("ed"):
            return lemma
        for cand in (v.lower_[:-1], v.lower_[:-2]):
            if cand in self.lex.verbs or cand in LIGHT_VERBS:
                return cand
        return lemma

    def _clause_subjects(self, v, speaker=None) -> list[Actor]:
        for c in v.children:
            if c.dep_ in ("ccomp", "xcomp"):
                acts = self.subjects(c, speaker)
                if acts:
                    return acts
        return []

    def _claimed_culprits(self, v, speaker=None) -> list[Actor]:
        for c in v.children:
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
                code = self.lex.verb(c.lemma_.lower(), None, self.objects(c, speaker)[1])
                if code is not None and code.plover in HOSTILE:
                    return self.subjects(c, speaker)
        return []

    @staticmethod
    def _obligation(v) -> bool:
        return any(c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in OBLIGATION_AUX for a in c.children)
                   for c in v.children)

    def _accused(self, v, speaker=None) -> list[Actor]:
        for t in v.subtree:
            if t.dep_ == "agent":
                for p in t.children:
                    if p.dep_ == "pobj":
                        return self.actors(p, speaker)
        return []

    def _event_noun(self, n):
        key = n.lower_
        hit = None
        comp = [c for c in n.lefts if c.dep_ == "compound"]
        if comp:
            hit = self.lex.noun(f"{comp[-1].lower_} {key}")
        return hit or self.lex.noun(key) or self.lex.noun(n.lemma_.lower())

    def nominal(self, n) -> Optional[_Pred]:
        hit = self._event_noun(n)
        if hit is None:
            return None
        code, symmetric = hit
        speaker = self.quote_speaker.get(n.i)
        subs: list[Actor] = self._doers(n, speaker)
        objs: list[Actor] = []
        for c in n.rights:
            if c.dep_ == "prep" and c.lower_ not in ("by", "from"):  # those name the doers
                prep = c.lower_
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    acts = self.actors(p, speaker)
                    if prep == "between" or (prep == "among" and symmetric):
                        subs += acts
                    elif prep in OBJECT_PREPS:
                        objs += acts
            elif c.dep_ == "acl":  # "sanctions leveraged by the US and its allies against Russia"
                subs += self._accused(c, speaker)
                for t in c.subtree:
                    if t.dep_ == "prep" and t.lower_ in ("against", "on", "to", "with"):
                        for p in t.children:
                            if p.dep_ == "pobj":
                                objs += self.actors(p, speaker)
        head = n.head
        if not subs and n.dep_ == "dobj" and head.i != n.i:
            v = head
            if v.pos_ in ("VERB", "AUX") and self.lemma(v) in LIGHT_VERBS:
                subs = self.subjects(v, speaker)
                if not objs:
                    for c in v.children:
                        if c.dep_ == "prep" and c.lower_ in ("to", "against", "with", "on", "for") and c is not head:
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    objs += self.actors(p, speaker)
        if not objs:  # "a suspension of air links with Serbia": the party further down the phrase
            for c in n.rights:
                if c.dep_ == "prep" and c.lower_ not in LOCATION_PREPS + ("by", "between", "among"):
                    objs += [a for a in self._first_in_phrase(c, speaker) if a.id not in {x.id for x in subs}]
        subs = _uniq(subs)
        objs = [o for o in _uniq(objs) if o.id not in {s.id for s in subs}]
        if not subs:
            return None  # the other party may still come from where it happened (see _assertions)
        return _Pred(n, n.lemma_.lower(), code, subs, objs, self.noun_mode(n), symmetric, 0.65)

    def _modifier_actors(self, tok) -> list[Actor]:
        out = []
        for t in tok.subtree:
            if t.i >= tok.head.i:
                break
            m = self.r.mention_at(t.i)
            if m is not None:
                a = self.r.actor_at(t)
                if a is not None and a.id not in {x.id for x in out}:
                    out.append(a)
        return out

    # ------------------------------------------------------------------ assertions
    def run(self) -> list[Assertion]:
        out: list[Assertion] = []
        seen: dict = {}
        for si, sent in enumerate(self.doc.sents):
            preds: list[_Pred] = []
            for tok in sent:
                p = None
                if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux" and tok.dep_ != "auxpass":
                    p = self.verbal(tok)
                elif tok.pos_ in ("NOUN", "PROPN"):
                    p = self.nominal(tok)
                if p is not None:
                    p.attributed_to, p.denied_by, denial = self.attribution(tok)
                    p.denial = denial.i if denial is not None else None
                    preds.append(p)
            preds = self._intents(preds)
            self._denial_targets(preds)
            for p in preds:
                for a in self._assertions(p, si, sent):
                    key = (a.subject.id, a.event or a.relation, a.object.id if a.object else None, a.mode, si)
                    if key in seen:
                        continue
                    seen[key] = a
                    out.append(a)
        return out

    def _intents(self, preds: list[_Pred]) -> list[_Pred]:
        """'agreed to withdraw', 'is ready to send troops', 'will provide aid': an expressed intent is the
        event (AGREE or THREATEN, as CAMEO codes intents), aimed at the party of the act intended."""
        by_tok = {p.tok.i: p for p in preds}
        drop = set()
        for p in preds:
            if p.code is None or p.code.plover not in INTENT_CODES:
                continue
            v = p.tok  # a nominal event's verb is its light verb: "would not provide support"
            if v.pos_ not in ("VERB", "AUX"):
                if not (v.dep_ == "dobj" and self.lemma(v.head) in LIGHT_VERBS):
                    continue
                v = v.head
            head = v.head
            intent = None
            if v.dep_ == "xcomp" and head.lemma_.lower() in INTENT_WORDS:
                intent = head
            elif p.code.plover not in ("THREATEN", "CONSULT") and (
                    p.mode == "future" or (self._announced(v) and p.mode in ("hypothetical", "negation"))):
                intent = v  # "will provide aid", "said it would boycott", "says it will not accept"
            if intent is None:
                continue
            negated = self.mode(intent) == "negation" or p.mode == "negation"
            if negated and p.code.plover in COOPERATIVE:
                new = self.lex.code("120")  # intending not to cooperate is a rejection
            elif negated:
                continue
            else:
                new = self.lex.code(INTENT_CODES[p.code.plover])
            if new is None:
                continue
            if intent is not v:
                q = by_tok.get(intent.i)
                if q is not None:
                    drop.add(q.tok.i)
                    if not p.objects and q.objects:
                        p.objects = q.objects
                p.relation = f"{intent.lemma_.lower()} to {p.relation}"
                m = self.mode(intent)
                p.mode = m if m in ("hypothetical", "historical") else None
            else:
                p.mode = None
            p.code = new
        for p in preds:  # "agreed to re-open its borders to UN peacekeepers": the party of the act
            if not p.objects and p.tok.i not in drop:
                for c in p.tok.children:
                    q = by_tok.get(c.i)
                    if c.dep_ == "xcomp" and q is not None and q.objects:
                        p.objects = q.objects
        return [p for p in preds if p.tok.i not in drop]

    @staticmethod
    def _announced(v) -> bool:
        """A will/would clause reported by its own subject's speech: 'X said it would ...'."""
        if v.dep_ != "ccomp" or v.head.lemma_ not in SPEECH_VERBS | {"announce", "declare"}:
            return False
        return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | {"would"} for c in v.children)

    def _denial_targets(self, preds: list[_Pred]) -> None:
        """A denial's REJECT points at the other party of what was denied ('China denied it was asked by
        Russia' -> China REJECT Russia)."""
        for p in preds:
            if p.code is None or p.code.plover != "REJECT" or p.objects or p.tok.lemma_ not in DENY_VERBS:
                continue
            denier = {s.country for s in p.subjects} | {s.id for s in p.subjects}
            for q in preds:
                if q.denial != p.tok.i:
                    continue
                for cand in q.subjects + q.objects:
                    if cand.id not in denier and cand.country not in denier:
                        p.objects = [cand]
                        break
                if p.objects:
                    break

    def _assertions(self, p: _Pred, si: int, sent) -> list[Assertion]:
        if not p.objects and p.code and p.code.plover and not p.symmetric and \
                p.code.plover not in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"):
            p.objects = self.location(p.tok) or (
                self.domestic_patient(p.tok, p.subjects) if p.code.plover != "ASSAULT" else [])
            p.objects = [o for o in p.objects if o.id not in {s.id for s in p.subjects}]
        if not p.objects and p.code and p.code.plover and p.tok.pos_ in ("VERB", "AUX") and not (
                p.symmetric and len(p.subjects) > 1):
            p.objects = self.first_after(p.tok, p.subjects, places=p.code.plover not in COOPERATIVE)
        if not p.objects and p.code and p.code.plover in DOMESTIC:
            p.objects = self.own_state(p.subjects)
        if p.code and p.code.plover in DOMESTIC | {"REQUEST", "ACCUSE"}:
            p.objects = [self.placed(o, p.subjects) for o in p.objects]
        pairs = []
        if p.objects:
            pairs = [(s, o) for s in p.subjects for o in p.objects if s.id != o.id]
        elif p.symmetric and len(p.subjects) > 1:
            pairs = [(s, o) for k, s in enumerate(p.subjects) for o in p.subjects[k + 1:]]
        out = []
        t = p.tok
        for s, o in pairs:
            spans = [(t.idx, t.idx + len(t))] + [(x.start, x.end) for x in (s, o) if x and x.start is not None]
            start = min(a for a, _ in spans)
            end = max(b for _, b in spans)
            conf = p.confidence + 0.1 - (0.1 if p.mode else 0.0)
            out.append(Assertion(
                doc_id=self.doc_id, sentence={"index": si, "text": sent.text.strip()}, start=start, end=end,
                subject=s, relation=p.relation, object=o, event=p.code.plover if p.code else None,
                cameo=p.code.cameo if p.code else None, mode=p.mode, attributed_to=p.attributed_to,
                denied_by=p.denied_by, confidence=max(0.05, min(conf, 0.99)), trigger=t.text,
                score=self.lex.score(p.code)))
        return out


def _uniq(actors: list) -> list:
    seen, out = set(), []
    for a in actors:
        if a is not None and a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out
