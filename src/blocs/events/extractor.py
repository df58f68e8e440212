"""blocs_events: verb and noun frames → event records in doc._.events.

For each sentence, every verb whose lemma (with particle) is in the verb lexicon and every
noun in the noun lexicon is a candidate trigger. frames.py finds its argument tokens;
the actor mentions at those tokens (doc.spans["actors"]) become the actor and recipient
lists; status.py reads the status; time and place come from doc.spans["times"/"places"].
An event with no grounded actor is not emitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import blocs.extensions  # noqa: F401
from blocs.events import frames, modes, ontology, record
from blocs.events.lexicon import Lexicon
from blocs.events.record import LOCATIVE_PREPS, build_record, event_place, sentence_bounds
from blocs.events.status import local_status, rules_out, status_of, verb_lemma
from blocs.types import Actor

RELATIONAL = {"counterpart", "counterparts"}
PARTITIVES = {"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "million",
              "millions", "dozen", "dozens", "score", "scores", "group", "crowd", "band",
              "number", "some", "many", "most", "all", "several", "members", "member"}
PLACE_KINDS = {"capital"}
CROWD_NUMBERS = {"thousands", "hundreds", "dozens", "millions", "tens"}
# Material events whose target, when no actor is named, is the place they happen in
# ("struck targets in southern Lebanon", "completed their withdrawal from Niger").
PLACE_TARGET_TYPES = {"ASSAULT", "MOBILIZE", "RETREAT", "COERCE", "PROTEST"}
PLACE_TARGET_PREPS = LOCATIVE_PREPS | {"from", "into", "over", "along", "around", "toward",
                                      "towards", "off"}
AID_PLACE_PREPS = {"to", "for", "into", "in"}  # "flew tents to survivors in Afghanistan"
# Types mostly done by a government to its own people: a party named by role only
# ("pardoned 7,000 prisoners") belongs to the other side's country when no place says.
DOMESTIC_TYPES = {"COERCE", "CONCEDE", "RETREAT", "PROTEST"}
PLACE_TARGET_TYPES = PLACE_TARGET_TYPES | {"CONCEDE"}  # "restored internet across Kashmir"
UNPLACED_KINDS = {"group", "person"}  # parties that may lack a country until the event
VERBAL_CONFLICT = {"ACCUSE", "REJECT", "THREATEN", "REQUEST"}
# Used when a noun entry names no light verbs of its own.
GENERIC_LIGHT_VERBS = ["hold", "have", "conduct", "carry out", "launch", "stage", "make"]
# Sector a bare state stands for when choosing a frame's alternative (a state that
# "protests" or "boycotts" acts as a government).
STATE_SECTOR = "GOV"


@dataclass
class Candidate:
    """An event before it becomes a record."""

    type: str
    cameo: str
    mode: str | None
    trigger: Span
    actors: list[tuple[Span, Actor]]
    recipients: list[tuple[Span, Actor]]
    status: str
    anchor: Token  # the token whose clause carries time and place
    rule: str
    entry: dict = field(default_factory=dict)


@Language.factory(
    "blocs_events",
    assigns=["doc._.events"],
    requires=["doc.spans", "token.dep", "token.lemma"],
    default_config={"keep_duplicates": False},
)
def make_events(nlp: Language, name: str, keep_duplicates: bool) -> EventExtractor:
    return EventExtractor(keep_duplicates=keep_duplicates)


class EventExtractor:
    def __init__(self, *, keep_duplicates: bool = False) -> None:
        self.keep_duplicates = keep_duplicates
        self.lexicon = Lexicon()

    # -- public ---------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = [build_record(doc, c) for c in self.candidates(doc)]
        return doc

    def candidates(self, doc: Doc) -> list[Candidate]:
        mentions = self._mentions = _MentionIndex(doc)
        dup = doc._.duplicate_ranges or []
        out: list[Candidate] = []
        seen: set[tuple] = set()
        scan = self.lexicon.scan(doc)
        for start, end in sentence_bounds(doc):
            if dup and any(a <= doc[start].idx and doc[end - 1].idx + len(doc[end - 1])
                           <= b + 1 for a, b in dup):
                continue  # a repeated lead: its events are already coded
            # the sentence's words, so that the rules below cost nothing where their cue
            # word is absent; Token objects only for sentences with something to code
            words = scan.words(start, end)
            found = [c for c in (self._at(doc[i], mentions)
                                 for i in scan.trigger_indices(start, end))
                     if c is not None]
            if not found and end - start <= HEADLINE_MAX and scan.is_headline(start, end):
                found = self._headline_verbs(list(doc[start:end]), mentions)
            if not found and not words & SENTENCE_CUES:
                continue
            toks = list(doc[start:end])
            found = _pronoun_objects(_drop_requested(found))
            if words & RESPONSIBILITY:
                found = _claimed_attacks(found, toks, mentions)
            found = _reread(found, words)
            if words & (JOINT_ADVERBS | JOINT_ADJECTIVES):
                found += _joint_actions(toks, found, mentions)
            if words & CARRYING:
                found += _aid_carriers(toks, found, mentions)
            if words & NGO_REPORT_VERBS:
                found = self._watchdog_reports(found, mentions)
            if "grata" in words:
                found += _persona_non_grata(doc[start:end], found, mentions)
            if words & (WARN_VERBS | REFUSE_VERBS | {"rule"}):
                found = _complements(found, toks, mentions)
            found = _visit_targets([_with_mode(c) for c in found])
            for cand in _drop_echoes(_fold_purposes(found)):
                key = _dedupe_key(cand)
                if key in seen and not self.keep_duplicates:
                    continue
                seen.add(key)
                out.append(cand)
        return out

    # -- triggers -------------------------------------------------------------------------
    def _at(self, tok: Token, mentions: _MentionIndex) -> Candidate | None:
        if tok.pos_ in {"VERB", "AUX"}:
            entry = self.lexicon.verb(tok)
            if entry is None:
                return None
            cand = self._verb_frame(tok, entry, mentions)
            if cand is None and entry["type"] == "AID":
                # "would send two frigates to the Baltic": arms sent to no recipient are
                # the sender's own deployment
                other = self.lexicon.verb(tok, skip_types=frozenset({"AID"}))
                if other is not None and other["type"] == "MOBILIZE":
                    cand = self._verb_frame(tok, other, mentions)
            return cand
        if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in mentions.by_token and \
                tok.ent_type_ not in {"DATE", "TIME"}:  # "on 5 March" is no march
            # Nouns inside an actor name ("the US-led coalition") are not triggers.
            hit = self.lexicon.noun(tok)
            if hit is not None:
                return self._noun_frame(tok, hit[1], hit[0], mentions)
        return None

    def _watchdog_reports(self, found: list[Candidate],
                          mentions: _MentionIndex) -> list[Candidate]:
        """"Human Rights Watch says Ethiopian soldiers executed civilians": what a rights
        group or other NGO reports a state or armed group did is alleged, and the report is
        the group's accusation of them."""
        out = []
        for c in found:
            verb = c.anchor
            if c.type in REPORTED_CONFLICT and c.status == "asserted" and \
                    verb.dep_ == "ccomp" and verb.head.lemma_.lower() in NGO_REPORT_VERBS:
                speakers = mentions.actors([t for s in verb.head.children
                                            if s.dep_ == "nsubj" for t in frames.conjuncts(s)])
                if speakers and all(a.sector == "NGO" for _, a in speakers) and not any(
                        _party(s) == _party(a) for s in speakers for a in c.actors):
                    c = replace(c, status="alleged")
                    entry = next(e for e in self.lexicon.verbs["accuse"] if not e["objects"])
                    said = verb.head
                    accusation = self._candidate(entry, said.doc[said.i:said.i + 1], speakers,
                                                 list(c.actors), status_of(said), said,
                                                 "report")
                    if accusation is not None:
                        out.append(accusation)
            out.append(c)
        return out

    def _headline_verbs(self, toks: list[Token],
                        mentions: _MentionIndex) -> list[Candidate]:
        """"Egyptian court sentences activist ...", "Togo scraps fuel price hike": in a
        headline the small model often tags the verb as a plural noun. A plural noun
        right after the subject's actor mention whose singular is a lexicon verb is read as
        that verb, its object the noun phrase after it."""
        for k, tok in enumerate(toks[1:-1], start=1):
            if tok.tag_ not in {"NNS", "VBZ"} or not tok.lower_.endswith("s"):
                continue
            bases = _verb_bases(tok.lower_)
            start = k
            if k >= 3 and toks[k - 1].text == "-" and toks[k - 2].lower_ == "test":
                # "Iran test-fires new missile": the verb is "test", its object the missile
                bases, start = ["test"], k - 2
            elif tok.tag_ != "NNS":
                continue
            before = mentions.actors(toks[:start])
            if not before or toks[start - 1].i not in mentions.by_token and \
                    toks[start - 1].pos_ not in {"PROPN", "NOUN"}:
                continue
            phrase: list[Token] = []
            for t in toks[k + 1:]:
                if t.pos_ in {"ADP", "PUNCT", "SCONJ", "CCONJ"} or t.tag_ == "VBG":
                    break
                phrase.append(t)
            if not phrase:
                continue
            lemmas = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
            for base in bases:
                entry = self.lexicon.headline_entry(base, lemmas)
                if entry is None:
                    continue
                # the mention may have swallowed the verb: "Egyptian court sentences"
                subject = [(a[0] if a[0].end <= tok.i else tok.doc[a[0].start:tok.i], a[1])
                           for a in before if a[0].start < tok.i]
                if not subject:
                    break
                recipients = [r for r in mentions.actors(toks[k + 1:k + len(phrase) + 5],
                                                         deep=True)
                              if not any(_same(r, a) for a in subject)]
                trigger = tok.doc[toks[start].i if start < k else tok.i:tok.i + 1]
                cand = self._candidate(entry, trigger, subject, recipients, "asserted", tok,
                                       "headline")
                return [cand] if cand is not None else []
        return []

    # -- frames ---------------------------------------------------------------------------
    def _verb_frame(self, verb: Token, entry: dict, mentions: _MentionIndex) -> Candidate | None:
        preps = set(entry["target_preps"]) | (
            {"with", "between", "among"} if entry["symmetric"] else set())
        if " " in entry["verb"]:  # "voted down a bill", the particle read as a preposition
            preps.add(entry["verb"].split()[-1])
        objects = frames.object_tokens(verb, preps)
        if entry["topic_object"]:  # "discussed trade and Ukraine": the object is the topic
            topics = {t.i for c in verb.children if c.dep_ == "dobj"
                      for t in frames.conjuncts(c)}
            objects = [o for o in objects if o.i not in topics]
        if self._light_use(verb, entry):
            return None  # "pledged aid", "held talks": the noun frame codes it
        # "cancelled his visit", "eased its ban": the object's own possessive pronoun is the
        # subject again, no recipient
        recipients = [r for r in mentions.actors(objects, deep=True)
                      if not (len(r[0]) == 1 and r[0].root.dep_ == "poss" and
                              r[0].root.pos_ == "PRON" and r[0].root.head in objects)]
        if not recipients:  # "lifted sanctions on Iran": the recipient hangs on the object
            recipients = mentions.actors(frames.object_preps(verb, preps))
        if entry["needs_object"] and not objects:
            return None
        if entry.get("mode") == "visit" and any(c.lower_ == "home" for c in verb.children):
            return None  # "flew home to Melbourne" is a return, no visit
        if not recipients and entry["type"] in VERBAL_CONFLICT | {"PROTEST"}:
            # "protested that Russia was bombing": the one complained about is the recipient.
            recipients = mentions.actors(frames.complement_subjects(verb))
        if not recipients and entry["type"] == "THREATEN":
            # "threatened to expel the UN mission", "warned that it could strike PKK
            # positions": the one threatened is the object of the threatened act.
            recipients = mentions.actors(frames.complement_objects(verb), deep=True)
        actors: list[tuple[Span, Actor]] = []
        owner, borrowed = verb, False
        for n, (cands, clause) in enumerate(frames.subject_candidates(verb)):
            found = mentions.actors(cands)
            # A subject that is the recipient itself is a parse slip ("US ... warned Moscow"
            # attached to the wrong clause): try the next governing subject.
            if found and not _same_parties(found, recipients):
                actors, owner = found, (verb if n == 0 else clause)
                borrowed = clause is not verb
                break
        if entry["type"] == "MOBILIZE" and frames.is_passive(verb) and not any(
                c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                for c in verb.children):
            # "Police and troops were deployed across Dhaka": the forces moved are the actor
            actors = mentions.actors([t for c in verb.children if c.dep_ == "nsubjpass"
                                      for t in frames.conjuncts(c)])
            if not actors and any(c.dep_ == "nsubjpass" and c.lemma_.lower() in FORCE_NOUNS
                                  for c in verb.children):
                # "Tanks and troops were deployed around parliament in Dhaka": forces of no
                # named country are the state's where they are sent, grounded on the place
                actors = _state_of_place(verb)
            recipients = [r for r in recipients if not any(_same(r, a) for a in actors)]
        actors += mentions.actors(frames.along_with(verb), deep=True)  # "forces from X"
        actors += _headline_pairs(verb, actors, mentions)
        if not actors and entry["symmetric"] and len(recipients) >= 2 and verb.tag_ == "VBG":
            actors, recipients = recipients, []  # "Fighting between the army and the RSF"
        if not actors and entry["type"] == "COERCE" and entry.get("mode") == "arrest" and \
                frames.is_passive(verb) and not _agents(verb):
            # "Dozens of opposition supporters were arrested in Kampala": the state where it
            # happens arrests, grounded on the place
            actors = _state_of_place(verb)
        if (not actors or borrowed) and entry.get("mode") in {"deport", "expel"} \
                and frames.is_passive(verb) and not _agents(verb):
            # "Hundreds of migrants were deported from Turkey, the UN said": the state they
            # are sent away from does it, not the one reporting it
            actors = mentions.actors([g for c in verb.children if c.dep_ == "prep" and
                                      c.lower_ == "from" for g in c.children
                                      if g.dep_ == "pobj"]) or _place_target(
                verb.doc[verb.i:verb.i + 1], verb, preps={"from"})
            recipients = [r for r in recipients if not any(
                _party(r) == _party(a) and r[0] == a[0] for a in actors)]
        if not actors and verb.lemma_.lower() == "recall" and frames.is_passive(verb) and \
                not _agents(verb):
            # "Peru's ambassador to Mexico was recalled": the envoy's own state recalls him
            envoys = [c for c in verb.children if c.dep_ == "nsubjpass"]
            actors = mentions.actors([o for e in envoys for o in _owner_tokens(e)
                                      if o.dep_ in {"poss", "amod", "compound"}])
            recipients = [r for r in mentions.actors(
                [g for e in envoys for p in e.children if p.dep_ == "prep" and
                 p.lower_ in {"to", "in"} for g in p.children if g.dep_ == "pobj"], deep=True)
                if not any(_party(r) == _party(a) for a in actors)]
        if entry.get("receiving"):  # "Argentina received a disbursement from the IMF"
            givers = mentions.actors(frames.object_tokens(verb, {"from", "by"}) +
                                     frames.object_preps(verb, {"from", "by"}))
            actors, recipients = givers, actors
        if not actors:
            return None
        if entry["symmetric"] and not recipients:
            # "agreed to a truce with Hamas", "agreed on a deal with Kyiv": the partner
            # hangs on the object of the verb's preposition
            recipients = [r for r in mentions.actors(
                [g for p in verb.children if p.dep_ == "prep" for o in p.children
                 if o.dep_ == "pobj" for q in o.children if q.dep_ == "prep" and
                 q.lower_ == "with" for g in q.children if g.dep_ == "pobj"], deep=True)
                if _party(r) not in {_party(a) for a in actors}]
        if not recipients or all(_party(r) in {_party(a) for a in actors} for r in recipients):
            # "eased its ban on South Korean seafood", "threatened tariffs on Australian
            # wine": the object's target names the recipient when the object itself names
            # none but the actor
            borders = {"with"} if any(o.lemma_.lower() in BORDER_NOUNS for o in objects) \
                else set()  # "closed its border with Belarus"
            aimed = [r for r in mentions.actors(frames.object_preps(
                verb, preps | OBJECT_TARGET_PREPS | borders | (
                    set() if entry["symmetric"] else {"to"})) + [
                g for c in verb.children if c.dep_ == "prep" and c.lower_ in borders
                for g in c.children if g.dep_ == "pobj"], deep=True)
                     if _party(r) not in {_party(a) for a in actors}]
            recipients = aimed or recipients
        if not recipients and entry["type"] == "THREATEN":
            recipients = _conditional_subjects(verb, actors, mentions)
        status = status_of(verb)
        if owner is not verb and status == "alleged":
            # the subject came from a governing clause; the chain above the verb says how
            # the event stands ("denied that its forces had shelled", "said the army would
            # keep striking"), but a claim found there may be a misattached conjunct
            status = local_status(verb) or status_of(owner)
        trigger = verb.doc[verb.i:verb.i + 1]
        return self._candidate(entry, trigger, actors, recipients, status, verb, "verb")

    def _light_use(self, verb: Token, entry: dict) -> bool:
        """The verb is a light verb of its event-noun object, which the noun frame codes."""
        for obj in verb.children:
            if obj.dep_ not in {"dobj", "nsubjpass"}:
                continue
            if obj.lemma_.lower() in set(entry["objects"] or []):
                return False
            hit = self.lexicon.noun(obj)
            if hit is not None and _verb_key(verb) & set(hit[0]["light_verbs"] or []):
                return True
        return False

    def _ends(self, verb: Token, noun: Token, etype: str) -> bool:
        """Whether verb's own frame takes the noun as its object ("lifted the ban", "eased
        sanctions", "signed an agreement"): the verb's event is the one, the noun names
        what it acts on."""
        if verb.pos_ not in {"VERB", "AUX"}:
            return False
        entry = self.lexicon.verb(verb)
        return entry is not None and entry["type"] != etype and \
            noun.lemma_.lower() in set(entry["objects"] or [])

    def _noun_frame(self, noun: Token, trigger: Span, entry: dict,
                    mentions: _MentionIndex) -> Candidate | None:
        preps = set(entry["target_preps"])
        partner_preps = preps | frames.PARTNER_PREPS if entry["symmetric"] else preps
        partners = mentions.actors(frames.noun_partners(noun, partner_preps), deep=True)
        if entry["type"] == "CONSULT" and entry["symmetric"]:
            # "Mediated by Qatar, talks between X and Y resumed": the mediator is a party
            partners += [m for m in mentions.actors(_mediators(noun, noun.head))
                         if not any(_same(m, p) for p in partners)]
        owners = mentions.actors(frames.noun_owners(noun))
        if not owners and "from" not in preps:  # "harsh criticism from Erdogan"
            owners = mentions.actors([g for p in noun.children if p.dep_ == "prep"
                                      and p.lower_ == "from" for g in p.children
                                      if g.dep_ == "pobj"])
        modifiers = [(s, a) for s, a in mentions.actors(frames.noun_modifiers(noun))
                     if a.kind not in PLACE_KINDS]  # "the Astana talks" is a place
        verb, how = frames.noun_governor(noun)
        if how == "object" and self._ends(verb, noun, entry["type"]):
            return None  # "eased its ban on X", "lifted the curfew": the verb's event
        keys = _verb_key(verb) | _prep_key(noun, verb) if verb is not None else set()
        light = verb is not None and how == "object" and bool(keys & set(
            entry["light_verbs"] or GENERIC_LIGHT_VERBS))
        # "cancelled his visit to Caracas", "postponed talks with Baku": the event named,
        # called off or put off
        dropped = verb is not None and how == "object" and not light and bool(
            keys & (CANCELLING_VERBS | POSTPONING_VERBS)) and entry["type"] in CALLABLE_OFF
        light = light or dropped
        receiving = verb is not None and how == "object" and bool(keys & set(
            entry.get("recipient_verbs") or []))
        for part in (c for c in noun.children if c.dep_ == "acl" and c.tag_ in {"VBN", "VBD"}):
            # "a deal struck between Bangladesh and Myanmar", "aid delivered by the UN"
            if _verb_key(part) & set(entry["light_verbs"] or GENERIC_LIGHT_VERBS):
                light = True
                if verb is None or how != "object":
                    verb, how = part, "object"
                partners = partners + mentions.actors(
                    frames.noun_partners(part, partner_preps), deep=True)
                agents = mentions.actors([g for a in part.children if a.dep_ == "agent"
                                          for g in a.children if g.dep_ == "pobj"])
                if part.lemma_.lower() in MEDIATING_VERBS:
                    # "a deal brokered by China": the broker is a third party, not its owner
                    partners = partners + agents
                else:
                    owners = owners or agents
        # "during a phone call, X and Y agreed", "after talks in Brussels": a meeting
        # noun in a time phrase is held by the clause's subject.
        # Also "after deadly clashes with Chinese forces" (the subject is the other side)
        # and "were arrested during protests" (the protesters are the clause's subject).
        framer = _framing_verb(noun) if (
            (entry["symmetric"] or entry["type"] == "CONSULT") and not (owners or modifiers)
            and len(partners) < 2) or (entry["type"] == "PROTEST" and not (
                owners or modifiers)) else None
        framing = framer is not None
        if entry.get("needs_light_verb") and not (light or receiving) and not (
                owners and (partners or _place_target(trigger, noun))):
            return None  # "Russia's war in Ukraine" names its actor and target: it stands
        licensed = light or receiving or noun.dep_ == "ROOT" or (
            how == "subject" and verb.lemma_.lower() in frames.OCCURRENCE_VERBS) or (
            # "Russia's recognition of the Taliban government made it ...": the subject
            # names the act with its actor and its target
            how == "subject" and owners and partners and noun.dep_ == "nsubj") or (
            _prep_of(noun) in frames.TEMPORAL_PREPS and (partners or owners or modifiers))
        accused = _accused_of(noun, mentions) if not (owners or modifiers) else []
        material = _plover(entry["type"])["quad"] in MATERIAL_QUADS
        if not licensed and not framing and not accused and not (
                material and (owners or modifiers) and (
                    partners or frames.noun_partners(noun, preps) or _place_target(
                        trigger, noun, preps=PLACE_TARGET_PREPS) or (
                        verb is not None and how == "object"
                        and verb.lemma_.lower() in ACCUSING_VERBS))):
            # "condemned Turkish airstrikes on PKK positions", "Russia's invasion of
            # Ukraine": a material event named with its actor and target is an event
            return None
        rule = "noun"
        if entry["type"] == "AID" and not (owners or modifiers):
            # "the delivery of 20 tonnes of Indian medical supplies": the goods' origin
            owners = [o for o in mentions.actors(_of_goods_owners(noun))
                      if o[1].kind in {"state", "demonym", "org", "capital"}]
        actors: list[tuple[Span, Actor]] = owners or modifiers or accused
        recipients = partners
        if framing:
            verb = framer
        if entry["type"] == "PROTEST" and not actors and not light:
            # "after two days of unrest in Lome", "amid protests in Tehran": people of the
            # place's country, grounded on the place, protest against their own state
            actors = _people_of_place(trigger, noun)
            if actors:
                framing = False
        if framing and entry["type"] == "PROTEST" and not actors:
            # "arrested during protests": the protesters are the clause's (passive) subject
            found = mentions.actors([t for c in verb.children if c.dep_ in {
                "nsubj", "nsubjpass"} for t in frames.conjuncts(c)])
            actors = [f for f in found if f[1].sector in PROTESTER_SECTORS]
            if not actors:
                return None
        if (light or receiving or framing) and not actors:
            for cands, _ in frames.subject_candidates(verb):
                found = mentions.actors(cands)
                found += _headline_pairs(verb, found, mentions) if found else []
                if found:
                    # "X, along with forces from Y and Z, took part in the exercises"
                    actors = found + mentions.actors(frames.along_with(verb), deep=True)
                    rule = f"noun:{verb.lemma_.lower()}"
                    break
            if entry["symmetric"] and actors and noun.dep_ == "pobj":
                # "restored ties with Iran in a deal brokered by China": the clause's
                # partners are the deal's too
                recipients = recipients + [r for r in mentions.actors(
                    frames.object_tokens(verb, {"with"}) +
                    frames.object_preps(verb, {"with"}), deep=True)
                    if _party(r) not in {_party(a) for a in actors}]
            if receiving:  # "Iraq received aid from Iran": the subject is the recipient
                givers = mentions.actors(frames.noun_partners(noun, {"from", "by"}) +
                                         frames.object_tokens(verb, {"from", "by"}))
                actors, recipients = givers, actors
        if not actors and light and entry["type"] in STATE_MEASURES and \
                frames.is_passive(verb) and not _agents(verb):
            # "A night curfew was imposed on Nairobi": a measure imposed with no agent on a
            # place is the state's there, on its own people (grounded on the place)
            actors = _place_target(trigger, verb, preps=LOCATIVE_PREPS | {"on"})
            recipients = recipients or list(actors)
        if light and not recipients:
            recipients = [r for r in mentions.actors(frames.object_tokens(verb, preps))
                          if r[0].root.i != noun.i]
        if not recipients and entry["type"] in VERBAL_CONFLICT and owners and \
                _prep_of(noun) in frames.TEMPORAL_PREPS:
            # "Israel recalled its ambassador after criticism from Erdogan": the one
            # criticised is the clause's subject
            clause = _framing_verb(noun)
            if clause is not None:
                recipients = [r for r in _subject_actors(clause, mentions)
                              if not any(_same(r, a) for a in owners)]
        if not actors and entry["symmetric"] and len(partners) >= 2:
            actors, recipients = partners, []  # "cooperation among X, Y and Z"
        if not actors:
            return None
        status = status_of(noun, verb=verb) if verb is not None else status_of(noun)
        if status == "asserted" and how == "object" and verb.lemma_.lower() in BLOCKING_VERBS \
                and noun.dep_ == "dobj" and entry["type"] not in VERBAL_TYPES:
            status = "negated"  # "blocked the EU's aid package for Ukraine"
        elif status == "asserted" and how == "object" and keys & CANCELLING_VERBS:
            status = "negated"  # "called off their strike", "cancelled his visit"
        elif dropped and status == "asserted":
            status = "future"  # "postponed talks with Baku"
        elif status == "asserted" and entry["type"] == "PROTEST" and light and \
                verb.lemma_.lower() in CALLING_VERBS and not keys & CANCELLING_VERBS:
            status = "future"  # "called a nationwide strike for Monday": it is yet to come
        if framing and status == "negated" and _prep_of(noun) in {"after", "during",
                                                                  "following"}:
            status = "asserted"  # "did not agree after talks": the talks took place
        return self._candidate(entry, trigger, actors, recipients, status, verb or noun, rule)

    def _candidate(self, entry: dict, trigger: Span, actors, recipients, status: str,
                   anchor: Token, rule: str) -> Candidate | None:
        actors = _dedupe(actors)
        recipients = [r for r in _dedupe(recipients) if not any(_same(r, a) for a in actors)]
        if not entry["symmetric"] and len(actors) > 1 and recipients:
            # "the Baltic states rallied behind Lithuania": the group less its recipient
            aimed = {_party(r) for r in recipients}
            actors = [a for a in actors if _party(a) not in aimed] or actors
        etype, cameo, mode = entry["type"], entry["cameo"], entry.get("mode")
        alt = entry.get("alt")
        if alt and actors and all(_sector_for_alt(a) in set(alt.get("sectors") or [])
                                  for _, a in actors):
            etype, cameo, mode = alt["type"], alt["cameo"], alt.get("mode")
        symmetric = entry["symmetric"]
        if etype == "COOPERATE" and trigger.root.lemma_.lower() in SOLO_DRILLS and len(
                {a.id or a.country for _, a in actors + recipients}) == 1:
            # "China staged military drills around Taiwan": exercises held alone are a
            # show of force, aimed where they are held
            etype, cameo, mode, symmetric = "MOBILIZE", "150", None, False
            actors, recipients = actors + recipients, []
        if etype != "COERCE":  # a country-less named person is no target to place
            recipients = [r for r in recipients if not _unplaced_person(r[1])]
        wanted = set(entry.get("actor_sectors") or [])
        if wanted and not all(_sector_for_alt(a) in wanted for _, a in actors):
            return None  # "the delegation left Geneva" is no withdrawal
        if etype in {"RETREAT", "MOBILIZE"}:
            # "pull its police officers out of Haiti": the forces moved are the actor's own
            own = {a.country for _, a in actors if a.country}
            recipients = [r for r in recipients if not (
                (r[1].country is None or r[1].country in own) and r[1].sector in {"MIL", "COP"})]
        if symmetric:
            actors, recipients = actors + recipients, []
        elif not recipients and etype in PLACE_TARGET_TYPES:
            recipients = _border_target(anchor, actors, self._mentions) or _place_target(
                trigger, anchor, preps=PLACE_TARGET_PREPS | (
                    {"of"} if etype == "RETREAT" else set()),  # "pulled out of Kherson"
                objects=etype == "ASSAULT")  # "shelled Kherson"
            if etype == "RETREAT" and mode == "withdraw":
                # "Ukrainian forces withdrew from Avdiivka": leaving a town of one's own
                # country yields it to someone the sentence does not name
                own = {a.country for _, a in actors if a.country and a.kind != "org"}
                recipients = [r for r in recipients if r[1].country not in own]
        elif not recipients and etype == "ACCUSE" and mode == "investigate":
            # "an inquiry into uranium particles found at a site in Iran"
            recipients = _place_target(trigger, anchor)
        if etype == "PROTEST":  # "rallied outside the French consulate"
            foreign = _embassy_target(anchor, actors, self._mentions)
            if foreign:
                recipients = foreign
        if not entry["symmetric"] and not recipients and etype == "AID":  # "aid to Gaza"
            recipients = _place_target(trigger, anchor, preps=AID_PLACE_PREPS)
        if etype == "CONSULT" and not recipients and len(
                {a.id or a.country for _, a in actors}) == 1:
            # "Grossi said after talks in Tehran": one side meeting abroad meets its hosts
            host = [h for h in _state_of_place(anchor, trigger=trigger)
                    if h[1].country not in {a.country for _, a in actors}]
            if host:
                recipients = [] if entry["symmetric"] else host
                actors = actors + host if entry["symmetric"] else actors
        if etype == "CONSULT" and entry["symmetric"]:
            # "talks brokered by China", "with Turkish officials acting as hosts"
            actors = actors + [m for m in self._mentions.actors(_mediators(trigger.root, anchor))
                               if not any(_same(m, a) for a in actors)]
        namers = {s.i for c in frames.naming_clauses(anchor) for s in c.children
                  if s.dep_ == "nsubj"}
        if namers:  # "struck what Islamabad described as hideouts": Islamabad only names
            recipients = [r for r in recipients if r[0].root.i not in namers]
        _fill_counterparts(actors, recipients)
        _fill_local_country(actors, recipients, trigger, anchor, domestic=etype in
                            DOMESTIC_TYPES, etype=etype)
        if not recipients and etype in DOMESTIC_TYPES:
            recipients = _own_people(trigger, anchor, actors)
        if not recipients and (etype in HOME_TYPES or etype in HOME_BODY_TYPES and all(
                a.sector in INNER_SECTORS for _, a in actors)):
            recipients = _home_country(trigger, anchor, actors)
        # people still without a country say nothing about relations between states
        recipients = [r for r in recipients if not _unplaced_person(r[1])]
        actors = [a for a in actors if not _unplaced_person(a[1])] or actors
        if all(a.country is None and a.kind in UNPLACED_KINDS for _, a in actors + recipients):
            return None  # "protesters clashed with police" with no country to place them
        info = _plover(etype)
        if info.get("recipient") == "required" and not recipients and len(actors) < 2:
            return None
        return Candidate(type=etype, cameo=cameo, mode=mode, trigger=trigger,
                         actors=actors, recipients=recipients, status=status, anchor=anchor,
                         rule=f"{rule}:{entry.get('verb') or entry.get('noun')}", entry=entry)


class _MentionIndex:
    """Token index → actor mention, for mapping argument tokens to actors."""

    def __init__(self, doc: Doc) -> None:
        self.by_token: dict[int, Span] = {}
        for span in doc.spans.get("actors", []):
            for i in range(span.start, span.end):  # token indices: no Token objects
                current = self.by_token.get(i)
                if current is None or i == span.root.i or len(span) < len(current):
                    self.by_token[i] = span
        self.people = _unknown_people(doc, self.by_token)

    def actors(self, tokens: list[Token], *, deep: bool = False) -> list[tuple[Span, Actor]]:
        """Actors mentioned at tokens. deep: a token that is no actor itself stands for
        its owner: "Seoul's offer", "a French tourist", "a proposal put forward by Egypt",
        "negotiations with the United States"."""
        out: list[tuple[Span, Actor]] = []
        for tok in tokens:
            span = self.by_token.get(tok.i)
            if span is None and (tok.lemma_.lower() in PARTITIVES or tok.like_num):
                # "Tens of thousands of Israelis", "hundreds of demonstrators"
                inner = [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                         for g in p.children if g.dep_ == "pobj"]
                out.extend(self.actors(inner, deep=deep))
                if not inner and tok.lower_ in CROWD_NUMBERS and tok.dep_ == "nsubj":
                    # "Thousands marched in Belgrade": people, placed by the event's place
                    out.append((tok.doc[tok.i:tok.i + 1], Actor(
                        country=None, sector="CVL", id="CVL", name=tok.lower_, kind="group")))
                continue
            if span is None and tok.i in self.people:
                out.append(self.people[tok.i])
                continue
            if span is None:  # "by the paramilitary Rapid Support Forces" (apposition)
                apps = [c for c in tok.children if c.dep_ == "appos" and c.i in self.by_token]
                if apps:
                    out.extend(self.actors(apps[:1]))
                    continue
                # "its allies led by Russia", "a coalition led by Saudi Arabia": coded with
                # the leader's country, as "the Saudi-led coalition" is
                leaders = [g for c in tok.children if c.dep_ == "acl" and
                           c.lemma_.lower() in {"lead", "head"} for a in c.children
                           if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
                if leaders:
                    out.extend(self.actors(frames.conjuncts(leaders[0])))
                    continue
            if span is None and tok.pos_ == "PROPN":
                # "CIA Director William Burns", "IMF Managing Director Kristalina Georgieva":
                # a name the dictionary lacks stands for the body its title names
                titles = [c for c in tok.subtree if c.dep_ == "compound" and c.i < tok.i
                          and c.i in self.by_token]
                if titles:
                    out.extend(self.actors(titles[:1]))
                    continue
            if span is None:
                if deep and tok.pos_ in {"NOUN", "PROPN"}:
                    out.extend(self.actors(_owner_tokens(tok)))
                continue
            for actor in span._.actors or []:
                out.append((span, actor))
        return out


REQUEST_COMPLEMENTS = {"xcomp", "ccomp"}
NGO_REPORT_VERBS = {"say", "report", "document", "allege"}  # lemmas
REPORTED_CONFLICT = {"ASSAULT", "COERCE"}
CALLING_VERBS = {"call", "announce"}
BLOCKING_VERBS = {"block", "veto", "stall", "thwart", "torpedo"}
VERBAL_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT"}  # said, so they happened
CANCELLING_VERBS = {"cancel", "call off", "scrap", "abandon", "scrub", "axe"}
POSTPONING_VERBS = {"postpone", "delay", "put off", "defer", "reschedule"}
CALLABLE_OFF = {"CONSULT", "PROTEST", "COOPERATE", "MOBILIZE"}  # meetings, strikes, drills
STATE_MEASURES = {"COERCE"}  # curfews, bans, states of emergency: only a state imposes them
FORCE_NOUNS = {"troop", "troops", "soldier", "tank", "vehicle", "force", "police", "policeman",
               "officer", "unit", "reinforcement", "army", "gendarme", "commando", "warship",
               "jet", "battery", "armour", "armor", "personnel", "paratrooper"}
OBJECT_TARGET_PREPS = {"on", "against"}  # "a ban on X"; "its envoy to Y" when directed
SPORT_WORDS = {"match", "final", "semifinal", "semi-final", "tournament", "championship",
               "cup", "league", "penalties", "goal", "goals", "olympics", "game", "games",
               "set", "race", "derby", "qualifier", "title", "medal", "world cup"}
CONTEST_VERBS = {"beat", "defeat", "crush", "rout", "thrash", "trounce", "edge", "hammer",
                 "down", "outplay", "overpower", "stun", "upset", "knock", "eliminate"}
MISSILE_WORDS = {"missile", "rocket", "icbm", "projectile", "warhead"}
LAUNCH_VERBS = {"fire", "launch", "test", "test-fire"}
IMPACT_VERBS = {"strike", "hit", "kill", "wound", "injure", "damage", "destroy", "land",
                "slam", "explode"}
LEAVE_BODY_WORDS = {"treaty", "pact", "agreement", "accord", "deal", "convention", "bloc",
                    "alliance", "union", "organisation", "organization", "community", "court",
                    "council", "commission", "forum", "group", "body"}


def _with_mode(c: Candidate) -> Candidate:
    """The candidate with the mode its clause shows (events/modes.py)."""
    place_country = None
    if c.type == "CONSULT":
        span = event_place(c.trigger.doc, c.anchor, c.trigger)
        place_country = span._.place.country if span is not None else None
    parties = c.actors + c.recipients
    mode = modes.infer(c.type, c.mode, c.trigger, c.anchor, [s for s, _ in parties],
                       place_country=place_country,
                       countries=[a.country or a.id for _, a in parties])
    if mode == c.mode:
        return c
    return replace(c, mode=mode, cameo=ontology.mode_cameo(c.type, mode))


@lru_cache(maxsize=32)
def _plover(etype: str) -> dict:
    """PLOVER facts of a type, read-only (ontology.plover_info copies them per call)."""
    return ontology.plover_info(etype)


VISIT_BORNE = {"CONCEDE", "SUPPORT", "ACCUSE", "REQUEST", "AGREE", "THREATEN", "REJECT"}


def _visit_targets(cands: list[Candidate]) -> list[Candidate]:
    """"Kishida expressed remorse ... during a visit to Seoul": what a visitor says on a
    visit is said to the host."""
    visits = [c for c in cands if c.type == "CONSULT" and c.mode == "visit" and c.recipients]
    if not visits:
        return cands
    out = []
    for c in cands:
        if c.type in VISIT_BORNE and not c.recipients and not c.entry.get("symmetric"):
            who = {(a.country, a.id) for _, a in c.actors}
            host = next((v for v in visits if who & {(a.country, a.id) for _, a in v.actors}),
                        None)
            if host is not None:
                c = replace(c, recipients=list(host.recipients))
        out.append(c)
    return out


def _reread(cands: list[Candidate], words: set[str]) -> list[Candidate]:
    """Second looks that need the whole sentence.

    - "Argentina beat France in the World Cup final": a contest, not an assault.
    - "North Korea fired two missiles into the sea": with nobody hit, a missile launch is a
      show of force (MOBILIZE weapons), not an attack.
    - "withdrew from the treaty", "announced their withdrawal from ECOWAS": leaving a
      treaty or an organisation reduces relations (SANCTION withdraw), it is no retreat.
    """
    sporty = bool(words & SPORT_WORDS)
    out = []
    for c in cands:
        lemma = c.trigger.root.lemma_.lower()
        if sporty and lemma in CONTEST_VERBS:
            continue
        if c.type in {"REQUEST", "ACCUSE", "REJECT"} and c.actors and all(
                s.root.lemma_.lower() in PROTESTER_WORDS for s, _ in c.actors):
            # "demonstrators demanding the resignation of President Boluarte": what a
            # crowd demands in the street is its protest
            c = replace(c, type="PROTEST", cameo="141", mode="demo")
        if c.type == "ASSAULT" and lemma in LAUNCH_VERBS and not any(
                r[1].country or r[1].id for r in c.recipients) and any(
                t.lemma_.lower() in MISSILE_WORDS for t in c.anchor.subtree) and not any(
                t.lemma_.lower() in IMPACT_VERBS for t in c.anchor.subtree):
            # "fired two missiles into the sea"; not "the rockets that struck a pitch"
            c = replace(c, type="MOBILIZE", cameo="150", mode="weapons", recipients=[])
        elif c.type in {"RETREAT", "CONCEDE"} and (c.mode in {"withdraw", None}) and \
                lemma in {"withdraw", "withdrawal", "exit", "quit", "leave", "pull"}:
            left = [g for t in c.trigger.root.subtree if t.lower_ in {"from", "of"}
                    for g in t.children if g.dep_ == "pobj"]
            if any(g.lemma_.lower() in LEAVE_BODY_WORDS or any(
                    r[0].root.i == g.i and r[1].kind == "org" for r in c.recipients)
                   for g in left):
                c = replace(c, type="SANCTION", cameo="161", mode="withdraw")
        out.append(c)
    return out


def _drop_requested(cands: list[Candidate]) -> list[Candidate]:
    """"pressed China to lift its ban", "urged Israel to allow aid in": what is asked for
    is the request's content, not an event of its own."""
    asks = {c.anchor.i for c in cands if c.type == "REQUEST" and c.trigger.root.pos_ in
            {"VERB", "AUX"}}
    return [c for c in cands if not (c.anchor.dep_ in REQUEST_COMPLEMENTS
                                     and c.anchor.head.i in asks and c.type != "REQUEST")]


ATTACKER_MODES = {"suicide bomber": "suicide-attack", "suicide bombers": "suicide-attack",
                  "gunmen": "firearms", "gunman": "firearms", "sniper": "firearms",
                  "snipers": "firearms", "bomber": "explosives", "bombers": "explosives"}
RESPONSIBILITY = {"responsibility", "credit"}


def _claimed_attacks(cands: list[Candidate], sent: list[Token],
                     mentions: _MentionIndex) -> list[Candidate]:
    """"A suicide bomber killed 12 people ..., and al-Shabaab claimed responsibility": the
    group that claims the attack is its actor; the attacker's noun gives the mode."""
    claimers: list[tuple[Span, Actor]] = []
    for tok in sent:
        if tok.lemma_.lower() in {"claim", "accept"} and tok.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in RESPONSIBILITY for c in tok.children):
            for cands_, _ in frames.subject_candidates(tok):
                found = [f for f in mentions.actors(cands_) if f[1].kind != "group"]
                if found:
                    claimers = found
                    break
    out = []
    for c in cands:
        if c.type == "ASSAULT":
            attacker = " ".join(s.text.lower() for s, _ in c.actors)
            mode = next((m for k, m in ATTACKER_MODES.items() if attacker.endswith(k)), None)
            if mode and not c.mode:
                c = replace(c, mode=mode, cameo=ontology.mode_cameo("ASSAULT", mode))
            if claimers and all(a.kind == "group" for _, a in c.actors):
                c = replace(c, actors=list(claimers), recipients=[
                    r for r in c.recipients if not any(_same(r, k) for k in claimers)])
        out.append(c)
    return out


JOINT_ADVERBS = {"jointly", "together"}
JOINT_ADJECTIVES = {"joint", "coordinated", "combined"}
CARRYING = {"carrying", "laden", "loaded", "bearing", "transporting"}
# cue words of the rules that find events where no frame fired
SENTENCE_CUES = JOINT_ADVERBS | JOINT_ADJECTIVES | CARRYING | {"grata"}


def _joint_actions(sent: list[Token], cands: list[Candidate],
                   mentions: _MentionIndex) -> list[Candidate]:
    """"French police and their Moroccan counterparts jointly dismantled a network",
    "would jointly manage the basin": two or more parties acting together cooperate."""
    out: list[Candidate] = []
    # a symmetric event there already says it ("met jointly"); others ("jointly arrested")
    # keep their own event and add the cooperation behind it
    taken = {c.anchor.i for c in cands if c.entry.get("symmetric") or c.type == "COOPERATE"}
    taken |= {c.trigger.root.i for c in cands if c.entry.get("symmetric") or
              c.type == "COOPERATE"}
    for tok in sent:
        verb = tok
        if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in taken and any(
                c.dep_ == "amod" and c.lower_ in JOINT_ADJECTIVES for c in tok.children):
            # "carried out a joint search", "will begin coordinated patrols": what two
            # sides do jointly, named as a noun with its light verb
            verb, how = frames.noun_governor(tok)
            top = tok
            while top.dep_ == "compound" and top.head.i != top.i:
                top = top.head  # "joint training courses"
            if verb is None or how != "object" or verb.i in taken or not (
                    top.dep_ in {"dobj", "nsubjpass"} or top.head.head.lower_ == "part"):
                continue  # "recognised a state in a coordinated move" is no joint act
        elif tok.pos_ != "VERB" or tok.i in taken or not any(
                c.dep_ == "advmod" and c.lower_ in JOINT_ADVERBS for c in tok.children):
            continue
        for subj, _ in frames.subject_candidates(verb)[:1]:
            actors = _dedupe(mentions.actors(subj))
            if len({a.country or a.id for _, a in actors}) < 2:
                continue
            _fill_counterparts(actors, [])
            status = status_of(tok) if verb is tok else status_of(tok, verb=verb)
            out.append(Candidate(type="COOPERATE", cameo="060", mode=None,
                                 trigger=tok.doc[tok.i:tok.i + 1], actors=actors,
                                 recipients=[], status=status, anchor=verb,
                                 rule="joint:" + tok.lemma_.lower()))
    return out


HEADLINE_MAX = 20  # tokens: a title line is short (see DocScan.is_headline)


def _verb_bases(word: str) -> list[str]:
    """Possible base forms of a third-person verb: sentences -> sentence, scraps -> scrap,
    pushes -> push, carries -> carry."""
    out = [word[:-1]]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    return out


OBJECT_PRONOUNS = {"them", "it", "him", "her"}


def _pronoun_objects(cands: list[Candidate]) -> list[Candidate]:
    """"expelled three French diplomats, accusing them of spying": a pronoun object of a
    participle clause is the recipient of the event it hangs on."""
    by_anchor = {c.anchor.i: c for c in cands if c.recipients}
    out = []
    for c in cands:
        anchor = c.anchor
        if not c.recipients and anchor.dep_ in {"advcl", "conj", "xcomp"} and any(
                o.dep_ == "dobj" and o.lower_ in OBJECT_PRONOUNS for o in anchor.children):
            host = by_anchor.get(anchor.head.i)
            if host is not None:
                c = replace(c, recipients=[r for r in host.recipients
                                           if not any(_same(r, a) for a in c.actors)])
        out.append(c)
    return out


ARRIVAL_VERBS = {"land", "arrive", "reach", "dock", "enter", "cross", "roll", "pull"}


def _aid_carriers(sent: list[Token], cands: list[Candidate],
                  mentions: _MentionIndex) -> list[Candidate]:
    """"A New Zealand air force plane carrying relief supplies landed in Tonga", "trucks
    carrying UN food aid reached El Fasher": goods arriving somewhere are aid to that
    place's country, from the carrier's or the goods' owner."""
    from blocs.events.lexicon import GOODS

    out: list[Candidate] = []
    taken = {c.anchor.i for c in cands if c.type == "AID"}
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in ARRIVAL_VERBS or tok.i in taken:
            continue
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        for subj in subjects:
            # "a ship carrying aid" (acl), "a ship laden with flour" (amod), or the parser's
            # "[plane] carrying water" with the gerund as subject
            carry = subj if subj.lower_ in CARRYING else next(
                (c for c in subj.children if c.dep_ in {"acl", "amod"}
                 and c.lower_ in CARRYING), None)
            if carry is None:
                continue
            goods = [g for c in carry.children for g in (
                [c] if c.dep_ == "dobj" else
                [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else [])]
            goods = [x for g in goods for x in frames.conjuncts(g)]
            if not any(g.lemma_.lower() in GOODS or any(
                    c.lemma_.lower() in GOODS for c in g.children if c.dep_ == "compound")
                    for g in goods):
                continue
            cargo = {t.i for g in goods for t in g.subtree}
            carrier = [t for t in subj.subtree if t.i not in cargo]
            givers = mentions.actors(carrier) or _countries_named(carrier) or mentions.actors(
                [m for g in goods for m in frames.noun_modifiers(g)])
            trigger = tok.doc[tok.i:tok.i + 1]
            # "landed in Tonga", "docked in the port of Misrata", "entered Gaza"
            places = _place_target(trigger, tok, preps=AID_PLACE_PREPS | {"of", "at"}) or \
                mentions.actors([c for c in tok.children if c.dep_ == "dobj"], deep=True) or \
                _countries_named([t for c in tok.children if c.dep_ == "dobj"
                                  for t in c.subtree], kinds=None)
            givers = [g for g in givers if g[1].country or g[1].kind == "org"]
            places = [r for r in places if not any(_same(r, g) for g in givers)]
            if not givers or not places:
                continue
            out.append(Candidate(type="AID", cameo="073", mode=None, trigger=trigger,
                                 actors=_dedupe(givers), recipients=_dedupe(places),
                                 status=status_of(tok), anchor=tok,
                                 rule="carrier:" + tok.lemma_.lower()))
    return out


def _countries_named(tokens: list[Token], *, kinds: set[str] | None = frozenset({"country"})
                     ) -> list[tuple[Span, Actor]]:
    """Places among tokens ("A New Zealand air force plane"; countries only unless kinds is
    None), as their countries."""
    ids = {t.i for t in tokens}
    doc = tokens[0].doc if tokens else None
    out = []
    for p in (doc.spans.get("places", []) if doc is not None else []):
        place = p._.place
        if p.root.i in ids and place is not None and place.country and (
                kinds is None or place.kind in kinds):
            out.append(_country_party(p, place.country, name=place.name))
    return out


# Threat modes by the threatened act: "threatened to arrest" (arrest), "to expel" (expel),
# "to annex" (territory), "to cut ties" (relations), "to halt exports" (restrict).
THREAT_MODES = {("COERCE", "arrest"): "arrest", ("COERCE", "seize"): "territory",
                ("SANCTION", "expel"): "expel", ("COERCE", "deport"): "expel",
                ("SANCTION", "withdraw"): "relations", ("SANCTION", "discontinue"): "restrict"}
THREAT_DEFAULTS = {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict",
                   "SANCTION": "restrict"}
THREAT_CAMEO = {"violence": "138", "arrest": "132", "expel": "136", "territory": "1382",
                "relations": "1313", "restrict": "1312"}
VOW_VERBS = {"vow", "pledge", "promise", "swear"}
WARN_VERBS = {"warn", "threaten"} | VOW_VERBS
REFUSE_VERBS = {"refuse", "decline", "reject", "rule out"}
REFUSAL_MODES = {"CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "change", "AID": "assist",
                 "COOPERATE": "assist", "AGREE": "change", "SUPPORT": "change"}
REFUSAL_CAMEO = {"meet": "125", "yield": "124", "change": "123", "assist": "121"}
DESPITE_NOUNS_PREPS = {"from", "by"}


def _to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _complement_of(cands: list[Candidate], verb: Token) -> Candidate | None:
    """The event told in verb's complement: "threatened [to expel the mission]"."""
    # "threatened on Friday to sever relations": the parser may make it an advcl
    comps = {c.i for c in verb.children if c.dep_ in {"xcomp", "ccomp"} or (
        c.dep_ == "advcl" and _to_infinitive(c))}
    for c in cands:
        if c.anchor.i in comps or (c.anchor.dep_ == "conj" and c.anchor.head.i in comps):
            return c
    return None


def _others(c: Candidate, who: list[tuple[Span, Actor]]) -> list[tuple[Span, Actor]]:
    """c's counterparts seen from `who`: its recipients, or for a symmetric event (a
    meeting) its parties other than `who`."""
    mine = {(a.country, a.id, a.sector) for _, a in who}
    parties = c.recipients or c.actors
    # "Thai police threatened to arrest protest leaders": same country, other people
    return [p for p in parties if (p[1].country, p[1].id, p[1].sector) not in mine]


def _despite(verb: Token, mentions: _MentionIndex) -> list[tuple[Span, Actor]]:
    """"refused ... despite pressure from the UN", "dismissing criticism from Brussels"."""
    found: list[tuple[Span, Actor]] = []
    for tok in verb.subtree:
        if tok.lower_ == "despite" or (tok.lemma_.lower() in {"dismiss", "ignore", "defy"}
                                       and tok.pos_ == "VERB"):
            for noun in tok.children:
                if noun.dep_ not in {"pobj", "dobj"}:
                    continue
                found += mentions.actors(frames.noun_partners(noun, DESPITE_NOUNS_PREPS)
                                         + frames.noun_owners(noun) + frames.noun_modifiers(noun))
    return found


def _complements(cands: list[Candidate], sent: list[Token],
                 mentions: _MentionIndex) -> list[Candidate]:
    """Read a threat, vow or refusal through the act it names.

    "threatened to expel the UN mission": THREATEN (expel) against the UN; "vowed to
    retaliate against Kenya": THREATEN, not AGREE; "warned that Ankara could suspend
    relations with the UAE": THREATEN (relations) against the UAE; "declined to attend a
    meeting with Pashinyan": REJECT (meet) of Armenia; "refused to release X despite
    requests from the US": REJECT of the US.
    """
    out = list(cands)
    by_anchor = {c.anchor.i: c for c in cands if c.trigger.root.pos_ in {"VERB", "AUX"}}
    for tok in sent:
        lemma = "rule out" if rules_out(tok) else tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in WARN_VERBS | REFUSE_VERBS:
            continue
        inner = _complement_of(cands, tok)
        own = by_anchor.get(tok.i)
        if lemma in WARN_VERBS and inner is not None and inner.type in THREAT_DEFAULTS:
            if lemma in VOW_VERBS | {"warn"} and inner.status not in {
                    "future", "hypothetical", "asserted"}:
                continue
            mode = THREAT_MODES.get((inner.type, inner.mode), THREAT_DEFAULTS[inner.type])
            if inner.type == "SANCTION" and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in {"relation", "tie", "link"}
                    for c in inner.anchor.children):
                mode = "relations"
            actors = own.actors if own is not None and own.type in {"THREATEN", "AGREE"} else \
                _subject_actors(tok, mentions)
            if not actors:
                continue
            recipients = (own.recipients if own is not None and own.type == "THREATEN"
                          else []) or _others(inner, actors) or _conditional_subjects(
                tok, actors, mentions)
            threat = Candidate(type="THREATEN", cameo=THREAT_CAMEO[mode], mode=mode,
                               trigger=tok.doc[tok.i:tok.i + 1], actors=actors,
                               recipients=recipients, status=status_of(tok), anchor=tok,
                               rule=f"threat:{lemma}")
            if own is not None and own in out:
                out[out.index(own)] = threat
            else:
                out.append(threat)
        elif lemma in REFUSE_VERBS:
            if own is not None and own.type != "REJECT":
                continue
            actors = own.actors if own is not None else _subject_actors(tok, mentions)
            if not actors:
                continue
            recipients = list(own.recipients) if own is not None else []
            if not recipients and inner is not None:
                recipients = _others(inner, actors)
            if not recipients:  # "refused to let Germany re-export ammunition"
                recipients = [r for r in mentions.actors(
                    frames.complement_objects(tok) + _complement_agents(tok), deep=True)
                    if (r[1].country, r[1].id) not in {(a.country, a.id) for _, a in actors}
                    and r[1].kind != "group"]  # "refused to reopen schools": no party
            if not recipients:
                recipients = [r for r in _despite(tok, mentions)
                              if (r[1].country, r[1].id) not in
                              {(a.country, a.id) for _, a in actors}]
            if own is None and inner is None:
                continue
            mode = REFUSAL_MODES.get(inner.type) if inner is not None else (own.mode)
            refusal = Candidate(type="REJECT", cameo=REFUSAL_CAMEO.get(mode, "120"),
                                mode=mode, trigger=tok.doc[tok.i:tok.i + 1], actors=actors,
                                recipients=_dedupe(recipients), status=status_of(tok),
                                anchor=tok, rule=f"refusal:{lemma}")
            if own is not None:
                out[out.index(own)] = refusal
            else:
                out.append(refusal)
    return out


def _complement_agents(verb: Token) -> list[Token]:
    """"refused to let Germany re-export": the subject of the complement's own complement."""
    return [s for comp in verb.children if comp.dep_ == "xcomp"
            for inner in comp.children if inner.dep_ in {"ccomp", "xcomp"}
            for s in inner.children if s.dep_ in {"nsubj", "nsubjpass"}]


def _conditional_subjects(verb: Token, actors, mentions: _MentionIndex):
    """"threatened to close the strait if the United States tried to block its exports":
    a threat made conditional on someone's act is aimed at them."""
    mine = {(a.country, a.id) for _, a in actors}
    for tok in verb.subtree:
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"}
                                       for c in tok.children):
            found = [f for f in mentions.actors([s for c in tok.children
                                                 if c.dep_ in {"nsubj", "nsubjpass"}
                                                 for s in frames.conjuncts(c)])
                     if (f[1].country, f[1].id) not in mine]
            if found:
                return found
    return []


def _subject_actors(verb: Token, mentions: _MentionIndex) -> list[tuple[Span, Actor]]:
    for cands, _ in frames.subject_candidates(verb):
        found = mentions.actors(cands)
        if found:
            return found
    return []


MATERIAL_QUADS = {"material conflict", "material cooperation"}
ACCUSING_VERBS = {"accuse", "charge", "blame", "condemn", "denounce", "criticize",
                  "criticise", "suspect", "convict", "indict", "slam"}


def _accused_of(noun: Token, mentions: _MentionIndex) -> list[tuple[Span, Actor]]:
    """"accused Israel of genocide", "blamed Russia for the attack": the one accused is
    the actor of the event the accusation names."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in {"of", "for"}:
        return []
    verb = noun.head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ACCUSING_VERBS:
        return []
    return mentions.actors([t for c in verb.children if c.dep_ == "dobj"
                            for t in frames.conjuncts(c)])


MISSION_NOUNS = {"embassy", "consulate", "mission", "legation", "office", "offices",
                 "headquarters", "compound"}


def _embassy_target(anchor: Token, actors, mentions: _MentionIndex) -> list[tuple[Span, Actor]]:
    """A protest outside a foreign embassy, consulate or company office targets the
    country that owns it ("rallied outside the French consulate in Karachi")."""
    own = {a.country for _, a in actors}
    for tok in anchor.subtree:
        if tok.lemma_.lower() not in MISSION_NOUNS or tok.dep_ != "pobj":
            continue
        if tok.head.lower_ not in {"outside", "at", "near", "before", "to", "on", "in",
                                   "toward", "towards"}:
            continue
        found = [f for f in mentions.actors(_owner_tokens(tok)) if f[1].country
                 and f[1].country not in own]
        if found:
            return found
    return []


def _of_goods_owners(noun: Token) -> list[Token]:
    """Modifiers of what an aid noun is of, through quantities: "delivery of 20 tonnes of
    Indian medical supplies" -> Indian."""
    from blocs.events.lexicon import CONTAINER_NOUNS

    found: list[Token] = []
    tok = noun
    for _ in range(3):
        of = [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
              for g in p.children if g.dep_ == "pobj"]
        if not of:
            break
        tok = of[0]
        found += [c for c in tok.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
        if tok.lemma_.lower() not in CONTAINER_NOUNS:
            break
    return found


def _persona_non_grata(sent: Span, cands: list[Candidate],
                       mentions: _MentionIndex) -> list[Candidate]:
    """"Germany declared 40 Russian diplomats persona non grata": an expulsion, however
    the parser splits the Latin."""
    words = [t.lower_ for t in sent]
    if "grata" not in words or any(c.type == "SANCTION" for c in cands):
        return []
    i = words.index("grata")
    verb = next((t for t in sent if t.lemma_.lower() == "declare" and t.i < sent.start + i),
                None)
    if verb is None:
        return []
    actors = _subject_actors(verb, mentions)
    people = [t for t in sent if verb.i < t.i < sent.start + i and t.pos_ in {"NOUN", "PROPN"}]
    recipients = [r for r in mentions.actors(people, deep=True)
                  if not any(_same(r, a) for a in actors)]
    if not actors:
        return []
    return [Candidate(type="SANCTION", cameo="166", mode="expel",
                      trigger=sent.doc[verb.i:verb.i + 1], actors=actors,
                      recipients=_dedupe(recipients), status=status_of(verb), anchor=verb,
                      rule="persona-non-grata")]


def _headline_pairs(verb: Token, actors, mentions: _MentionIndex) -> list[tuple[Span, Actor]]:
    """Headlines list parties with a comma the parser reads as apposition: "Ethiopia,
    Eritrea agree to reopen embassies", "Macron, Scholz hold talks". An apposition naming
    another country is a second party."""
    own = {a.country for _, a in actors}
    out = []
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    # "Tanzania, Zambia agree to ...": the first name read as the verb's npadvmod
    firsts = [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and
              subjects and c.i < subjects[0].i and c.i + 1 < len(c.doc) and
              c.doc[c.i + 1].text == ","]
    for first in firsts:
        for span, actor in mentions.actors([first]):
            if actor.country and actor.country not in own and actor.kind in {
                    "state", "person", "capital", "seat"}:
                out.append((span, actor))
    for subj in subjects:
        if not record.has_dep_within(subj, "appos"):
            continue  # no apposition under it: skip the subtree walk
        for app in (c for c in subj.subtree if c.dep_ == "appos"):
            for span, actor in mentions.actors([app]):
                if actor.country and actor.country not in own and actor.kind in {
                        "state", "person", "capital", "seat"}:
                    out.append((span, actor))
    return out


def _placeable(actor: Actor) -> bool:
    """A party with no country that the event's place may give one: people named by role
    or a name the dictionary lacks, not a body's official ("NATO chief Stoltenberg")."""
    return actor.kind in UNPLACED_KINDS and actor.country is None and (
        actor.id is None or actor.id == actor.sector)


def _unplaced_person(actor: Actor) -> bool:
    return actor.kind == "person" and _placeable(actor)


def _unknown_people(doc: Doc, by_token: dict[int, Span]) -> dict[int, tuple[Span, Actor]]:
    """Named people the actor dictionary does not know ("opposition leader Maria Corina
    Machado", "Istanbul Mayor Ekrem Imamoglu"): a person actor with the sector their title
    gives and the country a modifier names, else none (the event's place or other side
    supplies it for domestic events)."""
    from blocs.actors.dictionary import role_table

    roles = role_table()
    out: dict[int, tuple[Span, Actor]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(t.i in by_token for t in ent) or len(ent) < 2:
            continue
        before = [t for t in doc[max(ent.sent.start, ent.start - 3):ent.start]
                  if t.pos_ in {"NOUN", "PROPN", "ADJ"}]
        sector = None
        for k in range(len(before)):  # longest title phrase first: "opposition leader"
            phrase = " ".join(t.lower_ for t in before[k:])
            if phrase in roles:
                sector = roles[phrase]
                break
        if sector is None and before and before[-1].lower_ in roles:
            sector = roles[before[-1].lower_]
        country = None
        titled = False
        for t in before:
            span = by_token.get(t.i)
            if span is not None:
                titled = titled or any(a.kind == "org" for a in span._.actors or [])
                country = next((a.country for a in span._.actors or [] if a.country), None)
        if titled:
            continue  # "IMF Managing Director Kristalina Georgieva": the title's body acts
        actor = Actor(country=country, sector=sector, id=country, name=ent.text,
                      kind="person")
        span = doc[ent.start:ent.end]
        for t in ent:
            out[t.i] = (span, actor)
    return out


def _fold_purposes(cands: list[Candidate]) -> list[Candidate]:
    """"rallied in Tel Aviv to demand a deal", "gathered outside the embassy to denounce
    US operations": the purpose clause is what the protest is about, not a second event;
    its recipients become the protest's."""
    out = []
    for c in cands:
        purpose = c.anchor.dep_ in {"xcomp", "advcl"} and any(
            ch.dep_ == "aux" and ch.lower_ == "to" for ch in c.anchor.children)
        protest = next((o for o in cands if o is not c and o.type == "PROTEST"
                        and o.anchor.i == c.anchor.head.i), None) if purpose else None
        if protest is None or c.type not in VERBAL_CONFLICT | {"PROTEST"}:
            out.append(c)
            continue
        if not any(r[1].country for r in protest.recipients):
            # "marched in Buenos Aires to protest against Milei's cuts": the government
            # of the marchers' own country is a fine target; the marchers are not.
            own = {(a.country, a.sector) for _, a in protest.actors}
            protest.recipients = [r for r in c.recipients
                                  if (r[1].country, r[1].sector) not in own] or (
                protest.recipients)
    return out


def _drop_echoes(cands: list[Candidate]) -> list[Candidate]:
    """'struck targets in Lebanon, killing three people': one ASSAULT, not two. A
    recipient-less event repeating the type, actors and status of a fuller one in the same
    sentence is the same event told again."""
    def who(c: Candidate) -> set:
        return {(a.country, a.id) for _, a in c.actors}

    def everyone(c: Candidate) -> set:
        return who(c) | {(a.country, a.id) for _, a in c.recipients}

    # also "met his counterpart in Beijing to discuss trade": the purpose clause repeats
    # the meeting with fewer parties.
    def named(c: Candidate) -> list:  # recipients with a country ("three people" has none)
        return [r for r in c.recipients if r[1].country]

    return [c for c in cands if named(c) or not any(
        o is not c and o.type == c.type and o.status == c.status
        and (named(o) or len(o.actors) > len(c.actors)) and everyone(o) >= who(c)
        for o in cands)]


def _fill_local_country(actors, recipients, trigger: Span, anchor: Token, *,
                        domestic: bool = False, etype: str = "") -> None:
    """People named by role only ("protesters", "police") take the country of the place
    where the event happens, else the sentence's single country, or for domestic types
    the other side's single country; otherwise they keep country null. A named person
    the dictionary lacks takes only the event's place, or for COERCE the other side
    (one arrested or jailed is, in news, mostly the state's own; one freed may be a
    foreigner)."""
    if not any(_placeable(a) for _, a in actors + recipients):
        return
    span = event_place(trigger.doc, anchor, trigger, preps=PLACE_TARGET_PREPS)
    place = span._.place.country if span is not None else None
    group_country = person_country = place
    if place is None:  # "Protesters stormed parliament in Nairobi, and police opened fire"
        # every country the sentence names, as places or actors: one in all, or none
        found = _sentence_countries(trigger)
        if len(found) == 1:
            group_country = next(iter(found))
    if place is None and domestic:
        for side, other in ((actors, recipients), (recipients, actors)):
            known = {a.country for _, a in other if a.country}
            if len(known) != 1:
                continue
            if group_country is None and any(a.kind == "group" and a.country is None
                                             for _, a in side):
                group_country = next(iter(known))
            if etype == "COERCE" and any(a.kind == "person" and a.country is None
                                         for _, a in side):
                person_country = next(iter(known))
    for group in (actors, recipients):
        for i, (s, a) in enumerate(group):
            country = group_country if a.kind == "group" else person_country
            if _placeable(a) and country:
                group[i] = (s, replace(a, country=country, id=country))


NATIONWIDE = {"nationwide", "countrywide", "nation-wide", "country-wide"}
# What a state does at home, or its people against their own state, is aimed at that
# country when the sentence names no other: "Turkey blocked access to Instagram",
# "a jailed Bahraini activist began a hunger strike". Rejections and demands only when
# a body inside the state makes them ("Peru's Congress voted down a bill"): a government
# rejecting or asking something mostly answers another state left unnamed.
HOME_TYPES = {"COERCE", "CONCEDE", "PROTEST"}
HOME_BODY_TYPES = {"REJECT", "REQUEST"}
INNER_SECTORS = {"LEG", "PTY", "OPP", "CVL", "JUD", "EDU", "LAB", "REL"}


def _country_party(span: Span, country: str, *, sector: str | None = None,
                   name: str | None = None) -> tuple[Span, Actor]:
    """A country as a party, grounded on the words in span that stand for it."""
    from blocs.actors.dictionary import country_name

    return span, Actor(country=country, sector=sector, id=country,
                       name=country_name(country) or name or country, kind="place")


def _sentence_countries(trigger: Span) -> set[str]:
    """Every country the trigger's sentence names, as a place or through an actor."""
    doc, sent = trigger.doc, trigger.sent
    found = {p._.place.country for p in doc.spans.get("places", [])
             if sent.start <= p.start < sent.end and p._.place is not None}
    found |= {a.country for m in doc.spans.get("actors", [])
              if sent.start <= m.start < sent.end for a in (m._.actors or [])}
    found.discard(None)
    return found


def _home_country(trigger: Span, anchor: Token, actors) -> list[tuple[Span, Actor]]:
    """The actors' single country as recipient when the sentence names no other country,
    grounded on the place where the event happens in it, else on the word in the actor
    mention that names the country ("Thai" in "The Thai government")."""
    countries = {a.country for _, a in actors if a.country}
    if len(countries) != 1:
        return []
    country = next(iter(countries))
    doc, sent = trigger.doc, trigger.sent
    if _sentence_countries(trigger) != {country}:
        return []
    span = event_place(doc, anchor, trigger, preps=PLACE_TARGET_PREPS)
    if span is None or span._.place.country != country:
        # the title before a name counts: "South Korean" in "South Korean President Yoon"
        span = next(filter(None, (_country_words(doc[min(s.start, s.root.left_edge.i):s.end],
                                                 country, skip=s)
                                  for s, a in actors if a.country == country)), None)
    if span is None:  # "police in Lima fired tear gas at demonstrators"
        span = next((p for p in doc.spans.get("places", []) if sent.start <= p.start <
                     sent.end and p._.place is not None and p._.place.country == country),
                    None)
    return [_country_party(span, country)] if span is not None else []


def _country_words(span: Span, country: str, *, skip: Span) -> Span | None:
    """The longest run of tokens in span that names country by itself ("South Korean",
    "Georgia", "Bahraini"), other than the whole actor mention skip (a recipient that is
    the actor's own words again says nothing)."""
    from blocs.actors.dictionary import alias_table

    table = alias_table()
    for size in range(min(len(span), 4), 0, -1):
        for i in range(span.start, span.end - size + 1):
            piece = span.doc[i:i + size]
            if (piece.start, piece.end) == (skip.start, skip.end):
                continue
            if any(e.country == country and e.kind in {"state", "demonym", "capital", "seat"}
                   for e in table.get(piece.text, ())):
                return piece
    return None


def _own_people(trigger: Span, anchor: Token, actors) -> list[tuple[Span, Actor]]:
    """"Sri Lanka lifted its nationwide curfew", "unions began a nationwide strike":
    what a state does to its own country, or citizens against their own, has that country
    as recipient, grounded on the word that says so ("its", "nationwide")."""
    countries = {a.country for _, a in actors if a.country}
    if len(countries) != 1:
        return []
    country = next(iter(countries))
    doc = trigger.doc
    scope = sorted({t.i for t in anchor.subtree} | {t.i for t in trigger})
    subject = {t.i for t in anchor.children if t.dep_ in {"nsubj", "nsubjpass"}
               for t in t.subtree}
    for i in scope:
        tok = doc[i]
        if i in subject:
            continue
        own = tok.dep_ == "poss" and tok.lower_ in {"its", "their"} and \
            tok.head.i in {c.i for c in anchor.children if c.dep_ in {"dobj", "pobj"}} | {
                t.i for t in trigger}
        # "against the country's headscarf rules": the country is the actors' own
        # or "in the west of the country", "across the nation"
        home = tok.lower_ in {"country", "nation"} and tok.dep_ in {"poss", "pobj"} and any(
            c.lower_ == "the" for c in tok.children)
        if own or home or tok.lower_ in NATIONWIDE:
            return [_country_party(doc[i:i + 1], country)]
    return []


def _owner_tokens(tok: Token, *, depth: int = 0) -> list[Token]:
    found = [c for c in tok.children if c.dep_ in {"poss", "amod", "compound", "nmod"}
             and c.i < tok.i]
    # "a Greek-flagged tanker", "Iranian-backed militias": the country modifies the modifier
    found += [g for c in found if c.dep_ == "amod" for g in c.children
              if g.dep_ in {"npadvmod", "compound", "amod"} and g.i < c.i]
    # "any EU sanctions package": the owner modifies a compound of the noun
    found += [g for c in found if c.dep_ == "compound" and c.pos_ == "NOUN"
              for g in c.children if g.dep_ in {"compound", "amod", "poss"} and g.i < c.i]
    for child in tok.children:
        if child.dep_ == "acl":  # "a proposal put forward by Egypt and Qatar"
            for agent in child.children:
                if agent.dep_ == "agent":
                    found += frames.conjuncts(next((g for g in agent.children
                                                    if g.dep_ == "pobj"), agent))
        if child.dep_ == "prep" and child.lower_ in {"with", "from", "by"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += frames.conjuncts(pobj)
        if child.dep_ == "prep" and child.lower_ == "of" and depth < 2:
            # "an offer of talks from Kishida", "the sentencing of Russian opposition
            # politician X": what the noun is of carries the owner
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += [pobj] + _owner_tokens(pobj, depth=depth + 1)
    return found


BORDER_NOUNS = {"border", "frontier", "boundary"}


def _border_target(anchor: Token, actors, mentions: _MentionIndex) -> list[tuple[Span, Actor]]:
    """"massed troops near its border with Ukraine", "toward the Eritrean border": the
    country across the border is the target."""
    own = {a.country for _, a in actors}
    for tok in anchor.subtree:
        if tok.lemma_.lower() not in BORDER_NOUNS:
            continue
        found = mentions.actors(frames.noun_partners(tok, {"with"}) + [
            c for c in tok.children if c.dep_ in {"amod", "compound", "poss"}])
        found = [f for f in found if f[1].country not in own]
        if found:
            return found
    return []


def _place_target(trigger: Span, anchor: Token, *, preps: set[str] = PLACE_TARGET_PREPS,
                  objects: bool = False) -> list[tuple[Span, Actor]]:
    span = event_place(trigger.doc, anchor, trigger, preps=preps, objects=objects)
    if span is None or not span._.place.country:
        return []
    for mention in trigger.doc.spans.get("actors", []):
        # "criticism from Brussels": a place name that stands for an organisation is it
        if mention.start <= span.root.i < mention.end and any(
                a.kind == "org" for a in mention._.actors or []):
            return []
    return [_country_party(span, span._.place.country, name=span._.place.name)]


def _sector_for_alt(actor: Actor) -> str | None:
    if actor.sector:
        return actor.sector
    return STATE_SECTOR if actor.kind in {"state", "capital", "seat"} else None


def _verb_key(verb: Token) -> set[str]:
    """The verb's lemma, and lemma + particle ("carry out")."""
    lemma = verb_lemma(verb)
    return {lemma} | {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"}


PROTESTER_WORDS = {"protester", "protestor", "demonstrator", "marcher", "rioter", "crowd",
                   "protesters", "demonstrators", "crowds"}
PROTESTER_SECTORS = {"CVL", "OPP", "LAB", "EDU", "REL", "PTY"}
DURATION_NOUNS = frames.DURATION_NOUNS


def _prep_of(noun: Token) -> str:
    base = noun
    if base.head.lower_ == "of" and base.head.head.lemma_.lower() in DURATION_NOUNS:
        base = base.head.head
    return base.head.lower_ if base.dep_ == "pobj" else ""


def _people_of_place(trigger: Span, noun: Token) -> list[tuple[Span, Actor]]:
    """Civilians of the country where a protest noun happens ("unrest in Lome"), grounded
    on the place that hangs on the noun itself."""
    for p in trigger.doc.spans.get("places", []):
        place = p._.place
        root = p.root
        if place is None or not place.country or root.dep_ != "pobj" or \
                root.head.lower_ not in {"in", "across", "throughout"} or \
                root.head.head.i != noun.i:
            continue
        return [_country_party(p, place.country, sector="CVL")]
    return []


def _agents(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "agent" or (
        c.dep_ == "prep" and c.lower_ == "by")]


def _state_of_place(anchor: Token, *, trigger: Span | None = None
                    ) -> list[tuple[Span, Actor]]:
    """The state whose territory the event's place ("in/at/near X") is in, grounded on
    the place."""
    trigger = trigger if trigger is not None else anchor.doc[anchor.i:anchor.i + 1]
    return _place_target(trigger, anchor, preps=LOCATIVE_PREPS)


SOLO_DRILLS = {"drill", "exercise", "manoeuvre", "maneuver", "wargame", "war-game"}
MEDIATING_VERBS = {"broker", "mediate", "host", "facilitate", "sponsor", "organise",
                   "organize", "arrange", "convene", "chair"}
HOST_NOUNS = {"host", "hosts", "mediator", "mediators", "broker", "brokers", "facilitator",
              "facilitators", "go-between", "intermediary", "intermediaries"}


def _mediators(*heads: Token) -> list[Token]:
    """Third parties of a meeting: "talks brokered by China", "met in Istanbul, hosted by
    Turkey", "with Turkish officials acting as hosts"."""
    found: list[Token] = []
    for head in {h.i: h for h in heads}.values():
        for child in head.children:
            if child.dep_ in {"acl", "advcl"} and child.lemma_.lower() in MEDIATING_VERBS:
                found += [g for a in child.children if a.dep_ == "agent" or (
                    a.dep_ == "prep" and a.lower_ == "by")
                    for g in a.children if g.dep_ == "pobj"]
            if child.dep_ == "prep" and child.lower_ == "with":
                # "with X acting as hosts": X acting hangs on "with" either way round
                for obj in child.children:
                    pairs = [(obj, acl) for acl in obj.children if acl.dep_ in {
                        "acl", "relcl"}] if obj.dep_ == "pobj" else [
                        (s, obj) for s in obj.children if s.dep_ == "nsubj"
                    ] if obj.dep_ == "pcomp" else []
                    for who, acl in pairs:
                        if acl.lemma_.lower() in {"act", "serve"} and any(
                                g.lower_ in HOST_NOUNS for p in acl.children
                                if p.lower_ == "as" for g in p.children):
                            found.append(who)
    return [t for tok in found for t in frames.conjuncts(tok)]


def _framing_verb(noun: Token) -> Token | None:
    """The verb of the clause whose time phrase holds the noun: "during a phone call,
    X agreed", "did not reach a deal after hours of talks"."""
    base = noun
    if base.head.lower_ == "of" and base.head.head.lemma_.lower() in DURATION_NOUNS:
        base = base.head.head
    if base.dep_ != "pobj" or base.head.lower_ not in frames.TEMPORAL_PREPS:
        return None
    tok = base.head.head
    for _ in range(3):
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _prep_key(noun: Token, verb: Token) -> set[str]:
    """'go on' for "went on strike", 'take part in' for "took part in the exercises": the
    verb and the preposition the noun hangs on."""
    head = noun.head if noun.dep_ == "compound" else noun
    if head.dep_ == "pobj" and head.head.head.i == verb.i:
        lemma, prep = verb_lemma(verb), head.head.lower_
        # "took part in": the parser often hangs "in" on the verb beside its object "part"
        parts = {f"{lemma} {c.lower_} {prep}" for c in verb.children if c.dep_ == "dobj"
                 and c.lower_ in {"part"}}
        return {f"{lemma} {prep}"} | parts
    if head.dep_ == "pobj" and head.head.head.lower_ == "part" and head.head.head.head.i == \
            verb.i:
        return {f"{verb.lemma_.lower()} part {head.head.lower_}"}
    return set()


def _party(a: tuple[Span, Actor]) -> str | None:
    return a[1].country or a[1].id


def _same(a: tuple[Span, Actor], b: tuple[Span, Actor]) -> bool:
    return (a[1].country or a[1].id) == (b[1].country or b[1].id) and a[0] == b[0]


def _same_parties(actors, recipients) -> bool:
    """The subject found is the recipient itself (a parse slip). Same country is not
    enough: "Kenyan police fired tear gas at protesters" has two Kenyan sides."""
    if not recipients:
        return False
    def same(a: Actor, b: Actor) -> bool:  # a bare state and its capital are one party
        return (a.country, a.id) == (b.country, b.id) and (
            a.sector == b.sector or a.sector is None or b.sector is None)

    return all(any(same(a, b) for _, b in recipients) for _, a in actors)


def _dedupe(items):
    seen, out = set(), []
    for span, actor in items:
        key = (actor.country, actor.id, actor.sector)
        if key not in seen:
            seen.add(key)
            out.append((span, actor))
    return out


def _fill_counterparts(actors, recipients) -> None:
    """'their Iraqi counterpart' takes the sector of the people it is the counterpart of."""
    sectors = {a.sector for _, a in actors + recipients if a.sector}
    if len(sectors) != 1:
        return
    sector = next(iter(sectors))
    for group in (actors, recipients):
        for i, (span, actor) in enumerate(group):
            if actor.sector is None and span.root.lemma_.lower() in RELATIONAL:
                group[i] = (span, replace(actor, sector=sector))


def _dedupe_key(c: Candidate) -> tuple:
    sent = record.sentence_key(c.trigger)  # " ".join(c.trigger.sent.text.split()).lower()
    return (c.type, c.status, sent, c.trigger.text.lower(),
            tuple(sorted((a.country or "", a.id) for _, a in c.actors)),
            tuple(sorted((a.country or "", a.id) for _, a in c.recipients)))
