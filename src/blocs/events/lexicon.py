"""Lexicon lookup: which verb or noun frame of verbs.yaml / nouns.yaml a token triggers.

The data files document the fields; this module applies them to a parsed token:
particles ("pull out"), object and preposition conditions ("sign [agreement]", "call
for"), intransitive senses, spelling forms the lemmatiser misses, and for nouns the
modifier words of multi-word entries ("air strike", "humanitarian aid"), light verbs and
excluded modifiers ("press conference").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from blocs.events import frames, ontology
from blocs.events.record import token_words
from blocs.events.status import verb_lemma

PARTICLE_DEPS = {"prt", "advmod", "prep"}
MOVABLE_PARTICLES = {"out", "back", "down", "off", "up", "away"}
CONTAINER_NOUNS = {"state", "shipment", "consignment", "batch", "package", "tranche", "load",
                   "convoy", "cargo", "supply", "round", "wave", "series", "barrage", "volley",
                   # partitives: "sent thousands of fighters", "deployed dozens of tanks"
                   "thousand", "hundred", "dozen", "ten", "million", "number", "contingent",
                   "unit", "battalion", "squadron", "fleet", "group", "column",
                   # quantities: "50,000 tonnes of wheat", "a million doses of vaccine"
                   "tonne", "ton", "tons", "barrel", "litre", "liter", "dose", "truckload",
                   "planeload", "kilogram", "pallet", "crate", "box", "container", "set"}
# "@goods" in an entry's objects: anything given as aid, in kind or in arms ("delivered
# Caesar howitzers", "flew tents and blankets", "sent 50,000 tonnes of wheat").
GOODS = {
    "aid", "assistance", "relief", "supply", "food", "flour", "wheat", "grain", "rice", "water",
    "medicine", "medical", "vaccine", "dose", "tent", "blanket", "shelter", "fuel", "generator",
    "equipment", "ambulance", "truck", "convoy", "money", "fund", "cash", "loan", "grant", "$",
    "weapon", "arm", "ammunition", "munition", "missile", "rocket", "shell", "howitzer", "tank",
    "jet", "aircraft", "helicopter", "drone", "interceptor", "system", "battery",
    "rifle", "gun", "vehicle", "artillery", "mortar", "warship", "frigate", "submarine", "radar",
    "launcher", "armour", "armor", "bomb", "grenade", "mine", "patriot", "himars", "atacms",
    # people sent as aid
    "rescue", "rescuer", "hospital", "medic", "doctor", "nurse", "humanitarian",
}
CURRENCIES = {"dollar", "euro", "pound", "yuan", "yen", "rupee", "riyal", "dirham", "franc",
              "rouble", "ruble", "won", "lira", "shekel", "naira", "rand", "peso", "real"}
_HEADS_FOR_MODIFIERS = {"compound", "amod", "nmod", "npadvmod"}


@dataclass
class VerbIndex:
    by_verb: dict[str, list[dict]]
    by_form: dict[str, list[dict]]


def _particles(tok: Token) -> list[str]:
    """Words that may be this verb's particle: prt children, or an advmod/prep that
    directly follows the verb ("stepped down", "pulled out of")."""
    out = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.head.i == tok.i and nxt.dep_ in PARTICLE_DEPS:
        out.append(nxt.lower_)
    elif nxt is not None and nxt.dep_ == "quantmod" and nxt.lower_ == "over":
        out.append("over")  # "hands over 12 suspects", parsed as "over 12" (more than)
    # "pull its troops out of Haiti": the particle after the object
    objects = [c.i for c in tok.children if c.dep_ == "dobj"]
    out += [c.lower_ for c in tok.children if c.dep_ in {"prep", "advmod"} and objects and
            c.i > min(objects) and c.lower_ in MOVABLE_PARTICLES and c.lower_ not in out]
    return out


class DocScan:
    """A document's words read once from its token arrays (no Token objects): per token
    lower_ and lemma_.lower(), and the tokens Lexicon.verb/noun may find an entry for."""

    __slots__ = ("lowers", "lemmas", "triggers")

    def __init__(self, lowers: list[str], lemmas: list[str], triggers: list[int]) -> None:
        self.lowers, self.lemmas, self.triggers = lowers, lemmas, triggers

    def words(self, start: int, end: int) -> set[str]:
        """{t.lower_} | {t.lemma_.lower()} of tokens start..end."""
        return set(self.lowers[start:end]) | set(self.lemmas[start:end])

    def is_headline(self, start: int, end: int) -> bool:
        """Tokens start..end are a title line: short, with no closing full stop, question
        or exclamation mark."""
        last = next((w for w in reversed(self.lowers[start:end]) if not w.isspace()), None)
        return last is not None and end - start <= 20 and last not in {".", "?", "!", ".\""}

    def trigger_indices(self, start: int, end: int) -> list[int]:
        """Indices start..end of tokens that may trigger, in order; the others cannot."""
        return self.triggers[bisect_left(self.triggers, start):bisect_left(self.triggers, end)]


class Lexicon:
    def __init__(self) -> None:
        self.verbs: dict[str, list[dict]] = defaultdict(list)
        self.forms: dict[str, list[dict]] = defaultdict(list)
        for entry in ontology.verb_lexicon():
            self.verbs[entry["verb"].lower()].append(entry)
            for form in entry.get("forms") or []:
                self.forms[form.lower()].append(entry)
        self.nouns: dict[str, list[dict]] = defaultdict(list)
        for entry in ontology.noun_lexicon():
            words = entry["noun"].lower().split()
            self.nouns[words[-1]].append(entry)
            for form in entry.get("forms") or []:
                self.nouns[form.lower()].append(entry)
        # verb() looks up "lemma particle" keys too: any key's part before a space can lead
        self._verb_leads = set(self.verbs) | {k[:i] for k in self.verbs
                                              for i, ch in enumerate(k) if ch == " "}

    def scan(self, doc: Doc) -> DocScan:
        """The document's words and the tokens verb()/noun() may find an entry for: a VERB
        or AUX whose lemma leads a verb key or whose form is listed, a NOUN or PROPN with
        a noun key (as noun() spells them). Most tokens are neither, and skipping them
        before making a Token is what saves the time."""
        if not len(doc):
            return DocScan([], [], [])
        lowers, lemmas = token_words(doc)
        pos = doc.to_array("POS").tolist()
        verb_leads, forms, nouns = self._verb_leads, self.forms, self.nouns
        triggers = []
        for i, p in enumerate(pos):
            if p == VERB or p == AUX:
                if lemmas[i] in verb_leads or lowers[i] in forms:
                    triggers.append(i)
            elif p == NOUN or p == PROPN:
                low = lowers[i]
                if lemmas[i] in nouns or low in nouns or low.replace("-", "") in nouns or (
                        i >= 2 and lowers[i - 1] == "-" and lowers[i - 2] + low in nouns):
                    triggers.append(i)
        return DocScan(lowers, lemmas, triggers)

    # -- verbs ----------------------------------------------------------------------------
    def headline_entry(self, base: str, object_lemmas: set[str]) -> dict | None:
        """The entry for a verb read from its base form alone (a headline verb the model
        tagged as a noun): one whose objects match, else one that asks nothing of the
        parse (no required prepositions, no particle)."""
        entries = self.verbs.get(base, [])
        goods = bool(object_lemmas & GOODS)
        for entry in entries:
            if entry["objects"] and (object_lemmas & set(entry["objects"]) or (
                    goods and "@goods" in entry["objects"])):
                return entry
        for entry in entries:
            if not entry["objects"] and not entry.get("requires_preps") and \
                    not entry.get("exclude_deps") and not entry.get("receiving"):
                return entry
        return None

    def verb(self, tok: Token, *, skip_types: frozenset[str] = frozenset()) -> dict | None:
        lemma = tok.lemma_.lower()
        particles = _particles(tok)
        candidates: list[dict] = []
        for p in particles:
            candidates += self.verbs.get(f"{lemma} {p}", [])
        candidates += self.verbs.get(lemma, []) + self.forms.get(tok.lower_, [])
        if skip_types:
            candidates = [e for e in candidates if e["type"] not in skip_types]
        if not candidates:
            return None
        dobj = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        if not dobj:  # "arrested opposition leader Maria Corina Machado" read as npadvmod
            dobj = [c for c in tok.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN"
                    and c.i > tok.i]
        if not dobj:  # "bombed what it called weapons depots"
            dobj = frames.described_objects(tok)
        # "voted down a bill": the parser hangs the object on the particle
        dobj += [g for c in tok.children if c.dep_ == "prt" for g in c.children
                 if g.dep_ == "pobj"]
        if not dobj and tok.lemma_.lower() in frames.CAUSATIVE_VERBS:
            # "allow IAEA inspectors back into Fordow": the complement's subject is the object
            dobj = [g for c in tok.children if c.dep_ in {"ccomp", "xcomp"}
                    for g in c.children if g.dep_ == "nsubj"]
        # "backing that led by X": a demonstrative the parser made a relative subject
        dobj += [g for c in tok.children if c.dep_ == "relcl" for g in c.children
                 if g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ in {"that", "those"}
                 and g.i > tok.i]
        obj_lemmas = {c.lemma_.lower() for c in dobj}
        # the lemmatiser's slips ("bases" -> basis): the plain singular counts too
        obj_lemmas |= {c.lower_[:-1] for c in dobj if c.lower_.endswith("s")}
        # "state of emergency", "a shipment of weapons": read the object "N of X" as X
        for c in dobj:
            if c.lemma_.lower() in CONTAINER_NOUNS:
                obj_lemmas |= {g.lemma_.lower() for p in c.children if p.lower_ == "of"
                               for g in p.children}
        # "provided Papua New Guinea with 200 million dollars": the thing given is "with" X
        with_objs = [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "with"
                     for g in p.children if g.dep_ == "pobj"]
        obj_lemmas |= {g.lemma_.lower() for g in with_objs}
        for c in with_objs:
            if c.lemma_.lower() in CONTAINER_NOUNS:
                obj_lemmas |= {g.lemma_.lower() for p in c.children if p.lower_ == "of"
                               for g in p.children}
        # "$2 billion", "50 million euros": any sum of money reads as "$"
        if any(c.ent_type_ == "MONEY" or c.lemma_.lower() in CURRENCIES
               for c in dobj + with_objs):
            obj_lemmas.add("$")
        preps = {c.lower_ for c in tok.children if c.dep_ in {"prep", "prt", "agent"}}
        best: tuple[int, dict] | None = None
        # "sent search-and-rescue teams and a field hospital": any object, or what names
        # its kind, may be goods
        objs = [x for c in dobj for x in [c, *(g for g in c.children if g.dep_ == "conj")]]
        kinds = {m.lemma_.lower() for c in objs for m in c.children
                 if m.dep_ in {"compound", "nmod", "amod"}}
        kinds |= {g.lemma_.lower() for c in objs for m in c.children
                  if m.dep_ in {"compound", "nmod"} for g in m.children if g.dep_ == "conj"}
        goods = bool((obj_lemmas | {c.lemma_.lower() for c in objs} | kinds) & GOODS)
        for entry in candidates:
            if entry["objects"] and not (obj_lemmas & set(entry["objects"]) or (
                    goods and "@goods" in entry["objects"])):
                continue
            if obj_lemmas & set(entry.get("exclude_objects") or []):
                continue
            if entry["exclude_deps"] and any(c.dep_ in entry["exclude_deps"]
                                             for c in tok.children):
                continue  # "calling it a crucial step" names, it does not ask
            required = set(entry.get("requires_preps") or [])
            if required and not preps & required:
                continue
            if entry.get("prep_objects") and not any(
                    g.lemma_.lower() in entry["prep_objects"] or g.lower_ in entry["prep_objects"]
                    for p in tok.children if p.lower_ in required
                    for g in p.children if g.dep_ == "pobj"):
                continue  # "took Britain to court", not "took the bus to Berlin"
            if entry.get("intransitive") and dobj:
                continue
            # "voted down a bill" with "down" read as a preposition: its object is the verb's
            particle = {entry["verb"].split()[-1]} if " " in entry["verb"] else set()
            if entry["needs_object"] and not dobj and not preps & (
                    set(entry["target_preps"]) | particle):
                continue  # "rallied in Tel Aviv" is not "rallied behind X"
            has_prt = " " in entry["verb"]
            score = (4 if entry["objects"] else 0) + (2 if required else 0) + (
                1 if preps & set(entry["target_preps"]) else 0) + (3 if has_prt else 0)
            if best is None or score > best[0]:
                best = (score, entry)
        return best[1] if best else None

    # -- nouns ----------------------------------------------------------------------------
    def noun(self, tok: Token) -> tuple[dict, Span] | None:
        """The noun entry tok heads, and the trigger span (modifiers + head)."""
        doc = tok.doc
        text = tok.lower_
        keys = [tok.lemma_.lower(), text, text.replace("-", "")]
        candidates = [e for k in dict.fromkeys(keys) for e in self.nouns.get(k, [])]
        # Hyphenated spellings: "cease-fire", "build-up" (three tokens around "-").
        if not candidates and tok.i >= 2 and doc[tok.i - 1].text == "-":
            joined = (doc[tok.i - 2].lower_ + tok.lower_)
            candidates = self.nouns.get(joined, [])
        if not candidates:
            return None
        mods = [c for c in tok.children if c.dep_ in _HEADS_FOR_MODIFIERS and c.i < tok.i]
        mod_lemmas = {c.lemma_.lower() for c in mods} | {c.lower_ for c in mods}
        noun_preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
        of_objs = [g for p in tok.children if p.lower_ == "of" for g in p.children
                   if g.dep_ == "pobj"]
        of_objs += [g for c in of_objs if c.lemma_.lower() in CONTAINER_NOUNS
                    for p in c.children if p.lower_ == "of" for g in p.children
                    if g.dep_ == "pobj"]  # "of 20 tonnes of supplies"
        of_lemmas = {g.lemma_.lower() for g in of_objs}
        # The verb the noun hangs on picks between same-noun entries ("announced their
        # withdrawal" is CONCEDE, "completed their withdrawal" RETREAT).
        verb, how = frames.noun_governor(tok) if len(candidates) > 1 else (None, "none")
        verb_keys: set[str] = set()
        vlemma = verb_lemma(verb) if verb is not None else ""
        if verb is not None and how == "subject":  # "the ceasefire took effect"
            verb_keys = {vlemma}
        if verb is not None and how == "object":
            verb_keys = {vlemma} | {f"{vlemma} {c.lower_}"
                                    for c in verb.children if c.dep_ == "prt"}
            if any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children):
                verb_keys.add(f"{vlemma} part in")
        if len(candidates) > 1:  # "a truce signed between X and Y"
            verb_keys |= {c.lemma_.lower() for c in tok.children
                          if c.dep_ == "acl" and c.tag_ in {"VBN", "VBD"}}
        best: tuple[int, dict, Span] | None = None
        for entry in candidates:
            words = entry["noun"].lower().split()
            needed = words[:-1]
            if needed and not set(needed) <= mod_lemmas:
                continue
            if mod_lemmas & set(entry.get("exclude_modifiers") or []):
                continue
            if entry.get("needs_light_verb") and verb_keys is not None and len(candidates) > 1 \
                    and not verb_keys & set(entry.get("light_verbs") or []):
                continue  # "during protests": not the diplomatic protest one lodges
            if entry.get("of_objects") and not (of_lemmas & set(entry["of_objects"]) or (
                    "@goods" in entry["of_objects"] and of_lemmas & GOODS)):
                continue
            start = tok.i
            for c in mods:
                if c.lemma_.lower() in needed or c.lower_ in needed:
                    start = min(start, c.i)
            if tok.i >= 2 and doc[tok.i - 1].text == "-" and " " not in entry["noun"] and \
                    entry["noun"] not in keys:
                start = tok.i - 2
            score = len(needed) * 4 + 2 * bool(verb_keys & set(entry.get("light_verbs") or [])) \
                + bool(noun_preps & set(entry.get("target_preps") or []))  # "strike on Syria"
            if best is None or score > best[0]:
                best = (score, entry, doc[start:tok.i + 1])
        return (best[1], best[2]) if best else None
