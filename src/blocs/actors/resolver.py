"""blocs_actors: noun phrases → actors (country, sector, id, name) → doc.spans["actors"].

Resolution, in order, for every noun-phrase head:
1. dictionary names (states, capitals and seats as metonymy, organisations, leaders on the
   document's date), matched case-sensitively on token text;
2. role nouns ("officials", "Deputy Chiefs of Staff", "Defense Ministry") give the sector,
   and the country comes from the modifiers ("Iraqi", "Iran's", "US", coordinated
   "Russian, Iranian, and Syrian") or an "of" phrase ("the army of Iraq");
3. people: a titled or described first mention ("Russian President Vladimir Putin",
   "Hadi al-Amiri, head of the Badr Organization") teaches the document memory, so a
   later bare "Putin" or "Amiri" resolves;
4. group anaphora ("the four countries", "both sides") → the last group of that size;
5. personal pronouns ("he", "his") → the last person actor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

import blocs.extensions  # noqa: F401
from blocs.actors import dictionary
from blocs.clean import NAME_PARTICLE
from blocs.types import Actor

NOUNS = {"NOUN", "PROPN"}
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod", "nummod"}
GROUP_NOUNS = {"country", "nation", "state", "side", "party", "government", "power", "leader",
               "member", "ally", "neighbor", "neighbour", "capital", "army", "partner"}
NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}
ARMED_SECTORS = {"MIL", "COP", "SPY", "REB", "UAF"}
OTHER_NAME_ENTS = {"PERSON", "GPE", "LOC", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
# "pro-Russian", "anti-French", "the Pan-American Highway", "pan-Arab"
STANCE_PREFIXES = {"pro", "anti", "pan"}
# "the North" and "the South" for the two Koreas, in a story that names one of them
KOREAS = {"north": "PRK", "south": "KOR"}
LOCAL_SECTORS = {"CVL", "OPP", "LAB", "EDU", "REF", "UAF", "COP", "REB"}
# "a French-led force", "Iran-backed militias": coded with the leader's or sponsor's
# country, as conflict data usually does (the backing itself is also an event)
LED_OR_BACKED = {"lead", "led", "command", "back", "backed", "support", "supported",
                 "sponsor", "sponsored", "arm", "armed", "fund", "funded"}
LED_BY = {"lead", "led", "head", "headed", "command", "commanded", "loyal", "run", "backed"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
TITLE_ROLES_PERSONAL = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REL"}
_KIND_RANK = {"state": 0, "capital": 1, "seat": 1, "org": 2, "demonym": 3, "person": 4}


RELATIONAL = {"counterpart", "counterparts", "opposite number"}


def _entry_actor(entry: dictionary.Entry, date: dt.date | None = None) -> Actor:
    # Capitals and seats keep their kind: "the Astana talks" names a place, not an actor.
    kind = {"demonym": "state"}.get(entry.kind, entry.kind)
    return Actor(country=entry.country, sector=dictionary.sector_at(entry, date), id=entry.id,
                 name=entry.name, kind=kind)


@Language.factory(
    "blocs_actors",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "doc.ents"],
    default_config={"extra_files": []},
)
def make_actors(nlp: Language, name: str, extra_files: list[str]) -> ActorResolver:
    return ActorResolver(nlp, extra_files=tuple(extra_files))


class ActorResolver:
    def __init__(self, nlp: Language, *, extra_files: tuple[str, ...] = ()) -> None:
        self.aliases = dictionary.alias_table(extra_files)
        self.roles = dictionary.role_table(extra_files)
        self.max_role_len = max((len(r.split()) for r in self.roles), default=1)
        self.role_words = {w for r in self.roles for w in r.split()}
        self.role_firsts = {_first_piece(r) for r in self.roles}
        self.role_lasts = {_last_piece(r) for r in self.roles}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._entries: dict[tuple[str, dt.date | None], dictionary.Entry | None] = {}
        # One pattern per alias string; the key is the alias itself.
        for alias in self.aliases:
            self.matcher.add(alias, [nlp.make_doc(alias)])

    # -- dictionary matches -------------------------------------------------------------
    def _entry(self, alias: str, date: dt.date | None) -> dictionary.Entry | None:
        key = (alias, date)
        try:
            return self._entries[key]  # the same names come back in document after document
        except KeyError:
            pass
        entries = self.aliases.get(alias) or []
        people = [e for e in entries if e.kind == "person"]
        others = sorted((e for e in entries if e.kind != "person"),
                        key=lambda e: _KIND_RANK[e.kind])
        if others:
            found = others[0]
        else:
            found = dictionary.person_at(people, date) if people else None
        if len(self._entries) > 100_000:
            self._entries.clear()
        self._entries[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        state = _DocState(doc, self)
        state.run()
        return doc


class _DocState:
    """Per-document working state: matches, memory of people, groups seen so far."""

    def __init__(self, doc: Doc, resolver: ActorResolver) -> None:
        self.doc = doc
        self.r = resolver
        self.date = doc._.published
        self.match_of: dict[int, tuple[Span, dictionary.Entry]] = {}
        self.memory: dict[str, Actor] = {}
        self.groups: list[tuple[int, list[Actor]]] = []
        self.last_person: Actor | None = None
        self.spans: list[Span] = []
        self.by_head: dict[int, Span] = {}
        # Token attributes as plain lists, read once: the loops below look at every token,
        # and making a Token object per look costs more than the test itself.
        strings = doc.vocab.strings
        columns = doc.to_array(["POS", "ENT_TYPE", "ORTH", "LOWER", "LEMMA"]).T.tolist() \
            if len(doc) else [[], [], [], [], []]
        self.pos, self.ent_type, self.text, self.lower, lemmas = (
            [strings[x] for x in column] for column in columns)
        self.lemma = [x.lower() for x in lemmas]  # lemma_.lower()
        self._roles: dict[int, tuple[Span, str] | None] = {}  # _role per token index
        self._ents: dict[int, Span] | None = None  # token → its entity
        self._koreas: bool | None = None
        self._sent_bounds: list[tuple[int, int]] | None = None
        self._heads: list[int] | None = None
        # span._.actors of every span added, keyed as spaCy keys span extension values
        # (start_char, end_char), read back without an Underscore per access
        self._actors_at: dict[tuple[int, int], list[Actor]] = {}

    # dictionary matches: longest wins; a lone "IS"/"US" inside a capitalised headline
    # still counts — headlines are rare and short.
    def _match(self) -> None:
        doc = self.doc
        found = [Span(doc, s, e, label=m) for m, s, e in self.r.matcher(doc)]
        for span in filter_spans(found):
            entry = self.r._entry(span.label_, self.date)
            if entry is None or self._inside_other_name(span, entry) or \
                    self._stance_prefix(span, entry):
                continue
            for tok in span:
                self.match_of[tok.i] = (span, entry)

    def _inside_other_name(self, span: Span, entry: dictionary.Entry) -> bool:
        """"Senator Chad Smith", "the Gulf of Guinea", "New Mexico", "The Washington Post":
        a state or capital name inside a longer name of something else is not the state."""
        if entry.kind == "person":
            # "Hadi al-Amiri" is not the "Hadi" of the dictionary: a surname alias with more
            # name right after it, or a first name before it, is part of another name.
            doc = span.doc
            after = doc[span.end] if span.end < len(doc) else None
            before = doc[span.start - 1] if span.start > 0 else None
            if after is not None and _is_name(after) and (
                    after.text[:1].isupper() or NAME_PARTICLE.match(after.text)) and \
                    not after.text.isupper() and \
                    after.i not in self.match_of and after.ent_type_ == "PERSON":
                return True
            return before is not None and before.ent_type_ == "PERSON" and _is_name(before) \
                and self.r.roles.get(before.lower_) is None and before.is_title \
                and len(span) == 1
        if entry.kind not in {"state", "capital", "demonym"}:
            return False
        ent_type = span[0].ent_type_
        ent = _strip_det(self._ent_of(span[0]))  # "the United States" is the same name
        while len(ent) > 1 and ent[-1].lower_ in {"'s", "’s", "'"}:
            ent = ent[:-1]  # "New Zealand's" too
        if not ent_type or (ent.start >= span.start and ent.end <= span.end):
            return False
        if ent_type in OTHER_NAME_ENTS:
            return True
        return ent_type == "ORG" and entry.kind == "capital"

    def _stance_prefix(self, span: Span, entry: dictionary.Entry) -> bool:
        """"pro-Palestinian activists", "anti-French protesters": a stance towards a country,
        not its people."""
        i = span.start
        return entry.kind in {"state", "demonym"} and i >= 2 and \
            self.text[i - 1] in {"-", "‐"} and self.lower[i - 2] in STANCE_PREFIXES

    def _ent_of(self, tok: Token) -> Span:
        if self._ents is None:  # doc.ents makes every entity span anew: once per document
            self._ents = {}
            for ent in self.doc.ents:
                for i in range(ent.start, ent.end):
                    self._ents.setdefault(i, ent)
        ent = self._ents.get(tok.i)
        return ent if ent is not None else Span(self.doc, tok.i, tok.i + 1)

    def run(self) -> None:
        self._match()
        doc = self.doc
        # Learn described people first, so a bare name before its description resolves too
        # ("Iran backing that led by Hadi al-Amiri, head of the Badr Organization").
        pos, text = self.pos, self.text
        for i in range(len(doc)):
            if self._is_name_at(i) and i not in self.match_of:
                tok = doc[i]
                if any(c.dep_ in {"appos", "compound", "amod"} for c in tok.children):
                    self._person(tok, add=False)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                if i in self.by_head:
                    continue
                if pos[i] in NOUNS or pos[i] == "PRON" or i in self.match_of or (
                        NAME_PARTICLE.match(text[i])):
                    self._resolve(doc[i])
            self._collect_groups(sent)
        doc.spans["actors"] = sorted(self.spans, key=lambda s: (s.start, s.end))

    # -- helpers --------------------------------------------------------------------------
    def _is_name_at(self, i: int) -> bool:
        """_is_name(doc[i]), from the attribute lists."""
        if self.pos[i] == "PROPN":
            return True
        text = self.text[i]
        return (self.ent_type[i] == "PERSON" and text[:1].isupper()) or bool(
            NAME_PARTICLE.match(text))

    def _add(self, tok: Token, span: Span, actors: list[Actor]) -> None:
        span = Span(self.doc, span.start, span.end, label=actors[0].id if actors else "")
        span._.actors = actors
        self._actors_at[(span.start_char, span.end_char)] = actors
        self.spans.append(span)
        self.by_head[tok.i] = span
        for a in actors:
            if a.kind == "person":
                self.last_person = a

    def _carried_by_head(self, tok: Token) -> bool:
        """Whether tok (or the first conjunct of its coordination) modifies a role noun or a
        titled name, whose own resolution takes tok's country: "the Russian, Iranian and
        Syrian Deputy Chiefs", "Russian President Vladimir Putin", "Chinese coast guard"."""
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ not in {"amod", "compound", "poss", "nmod", "npadvmod"}:
            return False
        head = first.head
        if head.dep_ == "amod" and head.lemma_.lower() in LED_OR_BACKED:
            head = head.head  # "a French-led naval force", "Iran-backed militias"
        if head.pos_ not in NOUNS and not _is_name(head):
            return False
        if self._role(head) is not None or self._compound_role(head) is not None:
            return True
        return _is_name(head) and any(
            c.dep_ == "compound" and self._role(c) is not None for c in head.children)

    def _compound_role(self, tok: Token) -> tuple[Span, str] | None:
        """A role inside a compound: "coast guard ships", "army convoy", "police vans"."""
        for child in tok.lefts:
            if child.dep_ == "compound":
                hit = self._role(child)
                if hit is not None:
                    return hit
        return None

    def _is_np_head(self, tok: Token) -> bool:
        # compound/amod parts belong to their head's phrase, except possessives and
        # modifiers that are themselves names resolved on their own ("the US-led coalition").
        return tok.dep_ not in {"compound", "amod", "nummod"} or tok.i in self.match_of

    def _resolve(self, tok: Token) -> None:
        if tok.pos_ == "PRON" and tok.i not in self.match_of:
            self._pronoun(tok)
            return
        if tok.i in self.match_of:
            span, entry = self.match_of[tok.i]
            if tok.i != span.end - 1:  # resolve a multi-token name once, at its last token
                return
            role = self._role(tok) if entry.kind in ("demonym", "state") else None
            if role is None and entry.kind != "person" and self._carried_by_head(tok):
                return  # a modifier of a role noun or titled name: that phrase carries it
            actor = _entry_actor(entry, self.date)
            if entry.kind == "person":
                self._learn(span, actor)
            self._add(tok, _strip_det(span), [actor])
            return
        if not self._is_np_head(tok):
            return
        role = self._role(tok) or (self._compound_role(tok) if tok.pos_ == "NOUN" else None)
        if role is not None:
            role_span, sector = role
            actors = self._role_actors(tok, sector)
            if not actors and sector in LOCAL_SECTORS and tok.dep_ != "compound":
                # "Protesters stormed parliament in Nairobi": a people-sector actor whose
                # country the event's place gives; kept with no country until then.
                actors = [Actor(country=None, sector=sector, id=sector,
                                name=role_span.text.lower(), kind="group")]
            if actors:
                left = min(self._left(tok), role_span.start)
                span = self.doc[left:max(tok.i + 1, role_span.end)]
                self._add(tok, _strip_det(span), actors)
                self._teach_from_appos(tok, actors)
                return
        region = self._region_group(tok)
        if region is not None:
            span, members = region
            self._add(tok, span, members)
            return
        if tok.lemma_.lower() in GROUP_NOUNS:
            self._group(tok)
            return
        if tok.lower_ in KOREAS and self._korean_story() and tok.i > 0 and \
                self.lower[tok.i - 1] == "the" and tok.text[0].isupper() and \
                not any(c.dep_ == "compound" for c in tok.children) and \
                tok.dep_ not in {"compound", "amod"}:
            code = KOREAS[tok.lower_]
            self._add(tok, self.doc[tok.i:tok.i + 1], [Actor(
                country=code, sector=None, id=code, name=dictionary.country_name(code) or code,
                kind="state")])
            return
        if _is_name(tok) and tok.ent_type_ in {"PERSON", "GPE", "ORG", "NORP", ""}:
            self._person(tok)

    def _region_group(self, tok: Token) -> tuple[Span, list[Actor]] | None:
        """"the Baltic states", "the five Central Asian republics", "Gulf Arab states",
        "the two Koreas": a plural noun of a settled regional group names its members."""
        if self.pos[tok.i] not in NOUNS or not self.lower[tok.i].endswith("s"):
            return None
        heads, regions, nouns = dictionary.region_groups()
        members = nouns.get(self.lower[tok.i])
        left = tok.i
        if members is None:
            if self.lemma[tok.i] not in heads:
                return None
            # the region words right before the head: "Central Asian", "Gulf Arab"
            while left > 0 and left - 1 < self.doc[left - 1].head.i <= tok.i and \
                    self.doc[left - 1].dep_ in {"amod", "compound"} and \
                    self.text[left - 1][:1].isupper():
                left -= 1
            for start in range(left, tok.i):
                members = regions.get(" ".join(self.lower[start:tok.i]))
                if members is not None:
                    left = start
                    break
            if members is None:
                return None
        actors = [Actor(country=c, sector=None, id=c, name=dictionary.country_name(c) or c,
                        kind="state") for c in members]
        return self.doc[left:tok.i + 1], actors

    def _korean_story(self) -> bool:
        if self._koreas is None:
            self._koreas = any(e.country in {"KOR", "PRK"} for _, e in self.match_of.values())
        return self._koreas

    def _left(self, tok: Token) -> int:
        """Leftmost token of tok's modifiers (coordinated adjectives included), no determiner."""
        left = tok.i
        for child in tok.lefts:
            coordinated = child.dep_ in {"conj", "cc", "punct"} and left > child.i
            if child.dep_ in MODIFIER_DEPS or coordinated:
                left = min(left, child.left_edge.i)
        while left < tok.i and self.doc[left].dep_ in {"det", "punct", "cc", "predet"}:
            left += 1
        return left

    def _role(self, tok: Token) -> tuple[Span, str] | None:
        """The longest role phrase ending at or running through tok, and its sector."""
        # Asked of the same token many times (as head, compound, title); the answer only
        # depends on the words, so it is found once.
        i = tok.i
        if i in self._roles:
            return self._roles[i]
        found = self._roles[i] = self._find_role(i)
        return found

    def _find_role(self, i: int) -> tuple[Span, str] | None:
        doc = self.doc
        if self.pos[i] not in NOUNS and self.pos[i] != "ADJ":
            return None
        low, lemma = self.lower[i], self.lemma[i]
        if low in RELATIONAL or lemma in RELATIONAL:
            return Span(doc, i, i + 1), ""  # sector from the people it is a counterpart of
        if low not in self.r.role_words and lemma not in self.r.role_words:
            return None  # cheap exit: most nouns are in no role phrase
        words = self.lower
        roles, firsts, lasts = self.r.roles, self.r.role_firsts, self.r.role_lasts
        best: tuple[int, int, str] | None = None
        sent_start, sent_end = self._sent_of(i)
        lo = max(sent_start, i - self.r.max_role_len + 1)
        hi = min(sent_end, i + self.r.max_role_len)
        # A phrase " ".join(words[start:end]) is a role only if its first and last
        # space-separated pieces are those of some role: test those before joining.
        lemma_first, lemma_last = _first_piece(lemma) in firsts, _last_piece(lemma) in lasts
        for start in range(lo, i + 1):
            first_ok = _first_piece(words[start]) in firsts
            lemma_ok = (first_ok if start < i else lemma_first) and lemma_last
            if not first_ok and not lemma_ok:
                continue
            for end in range(hi, i, -1):
                if best is not None and end - start <= best[1] - best[0]:
                    continue
                sector = roles.get(" ".join(words[start:end])) if first_ok and \
                    _last_piece(words[end - 1]) in lasts else None
                if sector is None and end - 1 == i and lemma_ok:
                    sector = roles.get(" ".join(words[start:i] + [lemma]))
                if sector:
                    best = (start, end, sector)
        return (Span(doc, best[0], best[1]), best[2]) if best else None

    def _head_list(self) -> list[int]:
        """Each token's head index (token.head.i), read once from the arrays."""
        if self._heads is None:
            rel = self.doc.to_array("HEAD").astype("int64").tolist() if len(self.doc) else []
            self._heads = [i + r for i, r in enumerate(rel)]
        return self._heads

    def _sent_of(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence holding token i, as tok.sent gives them."""
        if self._sent_bounds is None:
            bounds: list[tuple[int, int]] = []
            for sent in self.doc.sents:
                bounds.extend([(sent.start, sent.end)] * (sent.end - sent.start))
            self._sent_bounds = bounds
        return self._sent_bounds[i]

    def _actors_of(self, span: Span) -> list[Actor]:
        """span._.actors for a span this state added."""
        return self._actors_at[(span.start_char, span.end_char)]

    def _modifier_actors(self, tok: Token, *, located: bool = False) -> list[Actor]:
        """Countries/organisations named in tok's modifiers, "of X" phrase or apposition."""
        found: list[Actor] = []
        modifiers = [c for c in tok.children if c.dep_ in MODIFIER_DEPS and c.i < tok.i]
        # one level into compounds: "a Bahraini rights activist" (Bahraini → rights)
        modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children
                      if g.dep_ in {"amod", "compound", "poss"} and g.i < c.i]
        for child in modifiers:
            for part in [child, *_conjuncts(child)]:
                hit = self._entity_at(part)
                if hit is not None:
                    found.append(hit)
            # "a French-led force": the leader's country ("X-backed" is support, not
            # identity, and becomes an event instead).
            if child.dep_ == "amod" and child.lemma_.lower() in LED_OR_BACKED:
                for part in child.children:
                    if part.dep_ in {"npadvmod", "compound", "amod", "nmod"}:
                        hit = self._entity_at(part)
                        if hit is not None:
                            found.append(hit)
        if not found:
            for child in tok.rights:
                # "the army of Iraq", "envoys from Qatar"; "protesters in Kenya" only for
                # people-sector nouns ("forces in Syria" are usually someone else's).
                if child.dep_ == "prep" and (child.lower_ in {"of", "from"} or (
                        located and child.lower_ == "in")):
                    for obj in child.children:
                        if obj.dep_ == "pobj":  # "the leaders of France, Germany and Poland"
                            for part in [obj, *_conjuncts(obj)]:
                                hit = self._entity_at(part)
                                if hit is not None and hit.kind != "person":
                                    found.append(hit)
        if not found:
            for child in tok.rights:
                if child.dep_ == "appos":
                    hit = self._entity_at(child) or self.memory.get(_name_key(child))
                    if hit is not None:
                        found.append(hit)
        if not found:
            found = self._led_by(tok)
        # "Colombia's ELN guerrillas", "Lebanon's Hezbollah fighters": the group, not its
        # home state beside it (unless coordinated: "Lebanese and Hezbollah fighters")
        homes = {a.country for a in found if a.kind == "org" and a.country}
        if homes and not any(c.dep_ == "conj" for m in modifiers for c in m.children):
            found = [a for a in found if a.kind == "org" or a.country not in homes]
        return _unique(found)

    def _led_by_agent(self, verb: Token) -> list[Actor]:
        found: list[Actor] = []
        for prep in verb.children:
            if prep.dep_ in {"agent", "prep"} and prep.lower_ in {"by", "to"}:
                for obj in prep.children:
                    hit = self._entity_at(obj) if obj.dep_ == "pobj" else None
                    if hit is not None:
                        found.append(hit)
        return found

    def _led_by(self, tok: Token) -> list[Actor]:
        """"the faction led by X", "forces loyal to X": the group belongs to X's side."""
        found: list[Actor] = []
        for child in tok.rights:
            if child.dep_ in {"acl", "amod"} and child.lemma_.lower() in LED_BY:
                found.extend(self._led_by_agent(child))
        return found

    def _entity_at(self, tok: Token) -> Actor | None:
        if tok.i in self.match_of:
            span, entry = self.match_of[tok.i]
            if entry.kind != "person":
                return _entry_actor(entry, self.date)
            return self.memory.get(_name_key(tok)) or _entry_actor(entry, self.date)
        if _is_name(tok):
            return self.memory.get(_name_key(tok))
        return None

    def _role_actors(self, tok: Token, sector: str) -> list[Actor]:
        actors = []
        for hit in self._modifier_actors(tok, located=sector != "MIL"):
            if hit.kind == "org":
                # "NATO troops" → MIL, but "Peshmerga fighters" stay the state force they are
                keep = sector in {"GOV", None, ""} or hit.sector in ARMED_SECTORS | {"IGO"}
                actors.append(replace(hit, sector=hit.sector if keep else sector))
            else:
                actors.append(Actor(country=hit.country, sector=sector or None,
                                    id=hit.country or hit.id,
                                    name=dictionary.country_name(hit.country) or hit.name,
                                    kind="person" if _singular_person(tok) else "state"))
        return actors

    def _teach_from_appos(self, tok: Token, actors: list[Actor]) -> None:
        """'Iran's Deputy Chief of Staff, Brig. Gen. Qadir Nezami' → Nezami is IRN MIL."""
        if len(actors) != 1:
            return
        for child in tok.children:
            if child.dep_ == "appos" and _is_name(child):
                self._learn(_name_span(child), replace(actors[0], kind="person"))

    def _learn(self, span: Span, actor: Actor) -> None:
        for t in span:
            capitalised = t.is_title or bool(NAME_PARTICLE.match(t.text))
            if _is_name(t) and capitalised and self.r.roles.get(t.lower_) is None:
                self.memory[_name_key(t)] = actor
        self.memory[span.text] = actor

    def _person(self, tok: Token, *, add: bool = True) -> None:
        """A personal name: from memory, from its title, or from a describing apposition."""
        full = _name_span(tok)
        # Titles in the modifier chain: "President Vladimir Putin", "Brig. Gen. X", and the
        # lower-case ones the parser leaves outside the name ("junta leader Mamady Doumbouya")
        left = min([full.start] + [c.left_edge.i for c in tok.lefts if c.dep_ in {
            "compound", "amod", "nmod", "poss"}])
        role, first = None, full.start
        for i in range(left, tok.i):
            hit = self._role(self.doc[i])
            if hit is not None and hit[0].end <= tok.i:
                role, first = hit, max(first, hit[0].end)
        name = self.doc[first:tok.i + 1]
        known = self.memory.get(_name_key(tok)) or self.memory.get(name.text)
        if known is not None:
            if add:
                self._add(tok, name, [known])
            return
        country = None
        for child in tok.lefts:
            if child.dep_ in MODIFIER_DEPS:
                for part in [child, *child.subtree]:
                    hit = self._entity_at(part)
                    if hit is not None and hit.kind != "person":
                        country = country or hit
        if role is None:
            # Described by an apposition: "Hadi al-Amiri, head of the Badr Organization".
            for child in tok.rights:
                if child.dep_ == "appos":
                    role = self._role(child)
                    if role is not None:
                        hits = self._modifier_actors(child)
                        country = hits[0] if hits else country
                        break
        if role is None or country is None:
            return
        sector = role[1]
        if country.kind == "org":
            actor = replace(country, kind="person")
            if sector in TITLE_ROLES_PERSONAL and country.sector in {None, "GOV"}:
                actor = replace(actor, sector=sector)
        else:
            actor = Actor(country=country.country, sector=sector, id=country.country or country.id,
                          name=dictionary.country_name(country.country) or country.name,
                          kind="person")
        self._learn(name, actor)
        if add:
            self._add(tok, name, [actor])

    def _group(self, tok: Token) -> None:
        """"the four countries", "both sides", "the two leaders" → last group of that size."""
        size = None
        for child in tok.children:
            if child.dep_ in {"nummod", "det", "predet", "amod"} and child.lower_ in NUMBER_WORDS:
                size = NUMBER_WORDS[child.lower_]
        if size is None:
            return
        role = self.r.roles.get(tok.lower_) or self.r.roles.get(tok.lemma_.lower())
        # the nearest coordination earlier in this sentence first: "halted supplies to Poland
        # and Bulgaria after both countries refused"; then earlier sentences' groups
        for _, members in [*reversed(self._groups_before(tok)), *reversed(self.groups)]:
            if len(members) == size:
                if role:  # "the two governments", "both armies"
                    members = [replace(m, sector=role) if m.kind != "person" or not m.sector
                               else m for m in members]
                self._add(tok, _strip_det(self.doc[self._left(tok):tok.i + 1]), list(members))
                return

    def _groups_before(self, tok: Token) -> list[tuple[int, list[Actor]]]:
        """Coordinations of actors earlier in tok's sentence, farthest first."""
        start, _ = self._sent_of(tok.i)
        out = []
        for i in range(start, tok.i):
            span = self.by_head.get(i)
            if span is None or self.doc[i].dep_ == "conj":
                continue
            members = list(self._actors_of(span))
            for other in _conjuncts(self.doc[i]):
                other_span = self.by_head.get(other.i)
                if other_span is not None and other.i < tok.i:
                    members.extend(self._actors_of(other_span))
            members = _unique(members)
            if len(members) >= 2:
                out.append((i, members))
        return out

    def _pronoun(self, tok: Token) -> None:
        if tok.lower_ in PERSON_PRONOUNS and self.last_person is not None:
            self._add(tok, self.doc[tok.i:tok.i + 1], [self.last_person])
        elif tok.lower_ in {"that", "those", "one", "ones"}:
            hits = self._led_by(tok)  # "backing the one led by X"
            if not hits and tok.dep_ in {"nsubj", "nsubjpass"} and \
                    tok.head.lemma_.lower() in LED_BY:
                hits = self._led_by_agent(tok.head)  # parsed as "that [was] led by X"
            if hits:
                hit = hits[0]
                self._add(tok, self.doc[tok.i:tok.i + 1],
                          [replace(hit, sector=hit.sector or "PTY", kind="org")
                           if hit.kind == "org" else
                           Actor(country=hit.country, sector="PTY", id=hit.country or hit.id,
                                 name=dictionary.country_name(hit.country) or hit.name,
                                 kind="state")])

    def _collect_groups(self, sent: Span) -> None:
        """Coordinations of two or more actors in this sentence become referable groups, and
        so do a verb's subject and object ("Boric met Lula ... the two leaders")."""
        doc, pos = self.doc, self.pos
        # Only a verb with an actor among its children or grandchildren can pair them.
        heads = self._head_list()
        near = {heads[j] for j in self.by_head} | {heads[heads[j]] for j in self.by_head}
        for i in range(sent.start, sent.end):
            if pos[i] in {"VERB", "AUX"} and i in near:
                tok = doc[i]
                subj = [self.by_head[c.i] for c in tok.children
                        if c.dep_ in {"nsubj", "nsubjpass"} and c.i in self.by_head]
                objs = [self.by_head[g.i] for c in tok.children for g in
                        ([c] if c.dep_ in {"dobj", "dative"} else
                         [x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep" and
                         c.lower_ == "with" else []) if g.i in self.by_head]
                if len(subj) == 1 and len(objs) == 1:
                    pair = _unique(list(self._actors_of(subj[0])) + list(self._actors_of(objs[0])))
                    if len(pair) == 2:
                        self.groups.append((tok.i, pair))
        for i in range(sent.start, sent.end):
            span = self.by_head.get(i)
            if span is None:
                continue
            tok = doc[i]
            actors = self._actors_of(span)
            if len(actors) >= 2:
                self.groups.append((tok.i, list(actors)))
            if tok.dep_ == "conj":
                continue  # counted with the first conjunct
            members = list(actors)
            for other in _conjuncts(tok):
                other_span = self.by_head.get(other.i)
                if other_span is not None:
                    members.extend(self._actors_of(other_span))
            members = _unique(members)
            if len(members) >= 2 and len(members) > len(actors):
                self.groups.append((tok.i, members))


# -- small pure helpers ---------------------------------------------------------------------
def _first_piece(text: str) -> str:
    """What comes before the first space (all of text when it has none)."""
    return text.split(" ", 1)[0] if " " in text else text


def _last_piece(text: str) -> str:
    """What comes after the last space (all of text when it has none)."""
    return text.rsplit(" ", 1)[-1] if " " in text else text


def _is_name(tok: Token) -> bool:
    """A personal-name token: PROPN, or a capitalised token the model tagged PERSON, or an
    Arabic-particle name ("al-Abadi") the tagger often calls a NOUN."""
    if tok.pos_ == "PROPN":
        return True
    text = tok.text
    return (tok.ent_type_ == "PERSON" and text[:1].isupper()) or bool(
        NAME_PARTICLE.match(text))


def _conjuncts(tok: Token) -> list[Token]:
    out, stack = [], [tok]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            if child.dep_ == "conj":
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        key = (a.country, a.id, a.sector)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _strip_det(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].dep_ in {"det", "punct", "predet"}:
        start += 1
    while end > start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return Span(span.doc, start, end)  # span.doc[start:end]


def _name_span(tok: Token) -> Span:
    """tok with the capitalised compounds directly before it ("Vladimir Putin") and a
    particle surname the parser hung after it ("Hadi" ← "al-Amiri")."""
    start, end = tok.i, tok.i + 1
    for child in reversed(list(tok.lefts)):
        if child.dep_ == "compound" and _is_name(child) and child.i == start - 1:
            start = child.i
    for child in tok.rights:
        if child.i == end and NAME_PARTICLE.match(child.text):
            end = child.i + 1
    return Span(tok.doc, start, end)  # tok.doc[start:end]


def _name_key(tok: Token) -> str:
    """Memory key for a name token: its text without a possessive or name particle."""
    text = tok.text
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    for particle in ("al-", "Al-", "el-", "El-"):
        if text.startswith(particle):
            text = text[len(particle):]
    return text


def _singular_person(tok: Token) -> bool:
    return tok.tag_ in {"NN", "NNP"} and tok.lemma_.lower() not in {
        "ministry", "government", "army", "military", "administration", "force", "police",
        "parliament", "court", "office", "department", "agency", "council", "navy", "cabinet"}
