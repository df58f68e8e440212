"""Argument frames over the dependency parse: who is the actor, who the recipient.

Pure functions of spaCy tokens; the extractor maps the tokens they return to actor
mentions. Verb frames handle active and passive voice, conjunctions, control
("went on to criticize"), relative clauses and participles; noun frames handle light verbs
("held talks with"), possessives ("Russia's bombing campaign") and partner lists
("cooperation among X, Y and Z", "a track involving Iran and Turkey").
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "csubj"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PARTNER_PREPS = {"with", "among", "between", "alongside"}
# Verbs that report that an event-noun happened: "talks began", "the summit took place".
OCCURRENCE_VERBS = {"begin", "start", "take", "continue", "resume", "intensify", "escalate",
                    "go", "proceed", "open", "kick", "get", "be", "occur", "happen", "end",
                    "conclude", "wrap", "follow", "come", "break", "erupt", "unfold", "last",
                    "spread", "rage", "flare", "persist", "leave", "kill"}
# "after talks with X", "during a visit by Y": an event noun inside a time phrase.
TEMPORAL_PREPS = {"after", "during", "following", "before", "at", "amid", "since"}
OWNER_PRONOUNS = {"its", "their", "his", "her"}
# Verbs whose object is the subject of their complement: "allowed inspectors back in".
CAUSATIVE_VERBS = {"allow", "let", "permit", "help", "enable", "force", "order", "make"}
INVOLVE_VERBS = {"involve", "include", "bring", "gather", "unite", "join"}


def _starts_absolute(tok: Token) -> bool:
    """'... and Egypt backing that led by X': tok is the subject of a following gerund
    the parser left without one, not a member of the coordination before it."""
    doc = tok.doc
    if tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    return nxt.tag_ == "VBG" and nxt.pos_ == "VERB" and not any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in nxt.children)


def conjuncts(tok: Token) -> list[Token]:
    """tok and the tokens coordinated with it, in text order."""
    out, stack = [tok], [tok]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            if child.dep_ == "conj" and _starts_absolute(child):
                continue
            if child.dep_ == "conj" and child.pos_ == cur.pos_ or (
                    child.dep_ == "conj" and child.pos_ in {"PROPN", "NOUN"}
                    and cur.pos_ in {"PROPN", "NOUN"}):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _children(tok: Token, deps: set[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ in {"relcl", "acl"}:
        return tok.head.head
    return tok


DURATION_NOUNS = {"hour", "day", "week", "month", "year", "round", "series", "night"}
# A gerund under these shares the clause's subject ("ended the talks without agreeing",
# "after meeting Putin, Xi said"); under others it may not ("vetoed a resolution on
# extending aid", "warned Pakistan against carrying out strikes").
SHARED_SUBJECT_PREPS = {"without", "after", "before", "by", "while", "since", "upon",
                        "through", "despite"}
GROUP_WORDS = {"both", "two", "three", "four", "five", "all"}
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}


def _own_subject(tok: Token) -> bool:
    """A noun subject that is nobody of the main clause's: not a pronoun, not a role noun
    that takes the main clause's country ("said the army will launch"), not owned by a
    pronoun ("warned that his army could strike")."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
        return False
    from blocs.actors.dictionary import role_table

    roles = role_table()
    if (roles.get(tok.lower_) or roles.get(tok.lemma_.lower())) in STATE_SECTORS:
        return False  # "the army", "the government": the state the main clause names
    # "both countries", "the two sides": a group named before
    return not any(c.dep_ in {"det", "nummod", "predet"} and c.lower_ in GROUP_WORDS
                   for c in tok.children)


def _fronted_subjects(gerund: Token) -> list[Token]:
    """"Meeting by video link, Brazil and Chile agreed": the parser makes the fronted
    participle the subject and hangs the real subjects inside it after the comma; they
    are the names after the participle's last comma."""
    tokens = list(gerund.subtree)
    commas = [t.i for t in tokens if t.text == ","]
    if not commas:
        return []
    after = [t for t in tokens if t.i > commas[-1] and t.pos_ in {"PROPN", "NOUN"}
             and t.dep_ not in {"compound", "amod", "poss"}]
    return conjuncts(after[0]) if after else []


def subject_candidates(verb: Token) -> list[tuple[list[Token], Token]]:
    """Possible subjects of verb, best first, each with the clause (verb) it belongs to.

    Several when the parse is uncertain: a conjunct or complement without its own subject
    borrows from the clauses above it, nearest first.
    """
    out: list[tuple[list[Token], Token]] = []
    if verb.dep_ in SUBJECT_DEPS and verb.tag_ == "VBG":
        fronted = _fronted_subjects(verb)  # the fronted participle itself: "Meeting ..."
        if fronted:
            out.append((fronted, verb))
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG" and prev is not None and prev.pos_ in {"PROPN", "NOUN"} and \
            prev.head.i != verb.i and not _children(verb, SUBJECT_DEPS | {"nsubjpass"}):
        # absolute construction the parser split: "with ... and Iran backing that led by X"
        out.append(([prev], verb))
    cur = verb
    for _ in range(6):
        if is_passive(cur) and cur is verb:
            # the parser marks "by" as agent, or as a plain prep ("granted asylum by Chad")
            agents = [g for c in cur.children if c.dep_ == "agent" or (
                c.dep_ == "prep" and c.lower_ == "by") for g in _children(c, {"pobj"})]
            if agents:
                out.append(([_antecedent(a) for a in conjuncts(agents[0])], cur))
        else:
            # climbing, a passive governor's subject is the complement's subject too:
            # "the GCC is expected to endorse", "Kim was reported to have ordered"
            subj = _children(cur, SUBJECT_DEPS if cur is verb else SUBJECT_DEPS | {
                "nsubjpass"})
            fronted = [t for one in subj if one.tag_ == "VBG" and one.i == one.left_edge.i
                       for t in _fronted_subjects(one)]
            if fronted:
                out.append((fronted, cur))
            elif subj:
                # headlines: "Kenyan police, Ethiopian troops launch ..." (two subjects)
                out.append(([_antecedent(s) for one in subj for s in conjuncts(one)], cur))
                if cur is verb and cur.dep_ in {"advcl", "ccomp", "conj"} and all(
                        _own_subject(s) for s in subj):
                    # a clause with a subject of its own ("after several donors suspended
                    # their contributions") does not borrow the main clause's
                    break
        # An active relative clause or participle: "the faction that backs X", "militants
        # attacking the town" — the modified noun is the subject.
        if cur.dep_ == "relcl" and not is_passive(cur) and not _children(cur, SUBJECT_DEPS):
            out.append((conjuncts(cur.head), cur))
        if cur.dep_ == "acl" and cur.tag_ == "VBG":
            out.append((conjuncts(cur.head), cur))
        if cur.dep_ == "acl" and cur.tag_ == "VB" and not _children(cur, SUBJECT_DEPS):
            # "Nicaragua's decision to strip opponents of citizenship": the owner of the
            # decision (plan, move, refusal) does the act
            out.extend(([o], cur) for o in _children(cur.head, {"poss"}))
        # Object control through a preposition: "accused Rwanda of shelling Goma",
        # "praised Egypt for hosting the talks" — the governing verb's object acts.
        if (cur.dep_ == "pcomp" or cur.dep_ == "pobj" and cur.pos_ == "VERB") and \
                cur.head.dep_ == "prep" and cur.head.lower_ in {"of", "for"}:
            # (the parser also makes the gerund a pobj: "accused Belarus of jamming")
            governor = cur.head.head
            if governor.pos_ in {"NOUN", "PROPN"} and governor.dep_ in {"dobj", "pobj"}:
                # the parser hung "of firing" on the object: "accused [forces of firing]"
                out.append((conjuncts(governor), governor.head))
                cur = governor.head
                continue
            objs = _children(governor, {"dobj"})
            if objs:
                out.append((conjuncts(objs[0]), governor))
                cur = governor
                continue
        if cur.dep_ in {"xcomp", "conj", "advcl", "ccomp", "pcomp"} and cur.head.i != cur.i:
            cur = cur.head
            if cur.dep_ == "prep" and cur.lower_ in SHARED_SUBJECT_PREPS and \
                    cur.head.pos_ in {"VERB", "AUX"}:
                # "ended the talks without agreeing", "after meeting Putin, Xi said": a
                # gerund under a preposition of the clause shares the clause's subject
                cur = cur.head
            continue
        break
    return out


def complement_subjects(verb: Token) -> list[Token]:
    """Subjects of a that-clause: "protested that Russia was bombing" → Russia."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "ccomp":
            for subj in _children(child, SUBJECT_DEPS | {"nsubjpass"}):
                found.extend(conjuncts(subj))
    return found


def complement_objects(verb: Token) -> list[Token]:
    """Objects of the verb's clausal complement: "threatened to expel the mission",
    "warned that its army could strike PKK positions in Iraq"."""
    found: list[Token] = []
    for comp in verb.children:
        if comp.dep_ not in {"xcomp", "ccomp"}:
            continue
        for child in comp.children:
            if child.dep_ in {"dobj", "dative"}:
                found.extend(conjuncts(child))
            if child.dep_ == "prep" and child.lower_ in {"on", "against", "at", "from"}:
                for obj in _children(child, {"pobj"}):
                    found.extend(conjuncts(obj))
    return found


NAMING_VERBS = {"describe", "call", "term", "label", "characterise", "characterize", "say",
                "claim", "identify", "brand"}


def naming_clauses(verb: Token) -> list[Token]:
    """The verb's "what X described as / called" clauses."""
    return [comp for comp in verb.children if comp.dep_ == "ccomp" and
            comp.lemma_.lower() in NAMING_VERBS and any(
                c.dep_ == "dobj" and c.lower_ == "what" for c in comp.children)]


def described_objects(verb: Token) -> list[Token]:
    """"struck what Islamabad described as militant hideouts", "bombed what it called
    Hezbollah depots": the object is the thing named, not the one naming it."""
    found: list[Token] = []
    for comp in naming_clauses(verb):
        for c in comp.children:
            if c.dep_ == "oprd":
                found.extend(conjuncts(c))
            if c.dep_ == "prep" and c.lower_ == "as":
                found.extend(g for p in _children(c, {"pobj"}) for g in conjuncts(p))
    return found


def object_tokens(verb: Token, preps: set[str]) -> list[Token]:
    """Direct objects, passive subjects, datives and objects of the frame's prepositions."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "granted asylum [to] Morales"
            for obj in _children(child, {"pobj"}):
                found.extend(conjuncts(obj))
        elif child.dep_ in {"dobj", "dative", "iobj", "nsubjpass", "attr", "oprd"}:
            found.extend(conjuncts(_antecedent(child)))
        elif child.dep_ == "prep" and child.lower_ in preps:
            for obj in _children(child, {"pobj"}):
                found.extend(conjuncts(obj))
        elif child.dep_ == "prt":  # "cracked down on": on as prt; "voted down a bill"
            for obj in _children(child, {"pobj"}):
                found.extend(conjuncts(obj))
    if not found:
        found.extend(described_objects(verb))
    if not found:  # a name after the verb the parser read as npadvmod
        found.extend(c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN"
                     and c.i > verb.i)
    if not found and verb.lemma_.lower() in CAUSATIVE_VERBS:
        found.extend(g for c in verb.children if c.dep_ in {"ccomp", "xcomp"}
                     for g in c.children if g.dep_ == "nsubj")
    # "backing that led by X": the parser makes the demonstrative the subject of a
    # relative clause; it is the object, standing for "the one led by X".
    for child in verb.children:
        if child.dep_ == "relcl":
            found.extend(s for s in _children(child, {"nsubj", "nsubjpass"})
                         if s.lower_ in {"that", "those"} and s.i > verb.i)
    # A passive participle modifying a noun: "the faction led by X" — the noun is the object.
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        found.extend(conjuncts(verb.head))
    return found


def object_preps(verb: Token, preps: set[str]) -> list[Token]:
    """Objects of the frame's prepositions hanging on the direct object instead of the
    verb: "lifted sanctions on Iran", "launched strikes against ISIL"."""
    found: list[Token] = []
    for obj in verb.children:
        if obj.dep_ in {"dobj", "nsubjpass"}:
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in preps:
                    for pobj in _children(prep, {"pobj"}):
                        found.extend(conjuncts(pobj))
    return found


def along_with(tok: Token) -> list[Token]:
    """'met in Baghdad, along with their Iraqi counterpart' / 'together with'; also on the
    subject: 'Colombia, along with Ecuador and Peru, agreed'."""
    found: list[Token] = []
    heads = [tok] + [t for s in _children(tok, SUBJECT_DEPS) for t in conjuncts(s)]
    for child in (c for h in heads for c in h.children):
        if child.dep_ == "prep" and child.lower_ in {"along", "together"}:
            for inner in _children(child, {"prep"}):
                if inner.lower_ == "with":
                    for obj in _children(inner, {"pobj"}):
                        found.extend(conjuncts(obj))
        if child.dep_ == "prep" and child.lower_ in {"alongside"}:
            for obj in _children(child, {"pobj"}):
                found.extend(conjuncts(obj))
    return found


def noun_governor(noun: Token) -> tuple[Token | None, str]:
    """The verb an event noun hangs on, and how: 'object' (held talks), 'subject' (talks
    began), or 'none'. Compound nouns ("bombing campaign") hang on their head's verb."""
    head = noun
    for _ in range(3):  # "an amnesty law covering acts" (a compound chain)
        if head.dep_ != "compound":
            break
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and \
            head.head.head.lemma_.lower() in DURATION_NOUNS | {"state"}:
        # ... and "declared a state of emergency": the state is the emergency
        head = head.head.head  # "ended two days of talks": the talks are what was ended
    if head.dep_ in {"dobj", "nsubjpass"} and head.head.pos_ in {"VERB", "AUX"}:
        return head.head, "object"
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.lower_ == "part" \
            and head.head.head.head.pos_ == "VERB":
        return head.head.head.head, "object"  # "took part in the exercises"
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and (
            head.head.head.pos_ == "VERB" or head.head.head.lemma_ == "be") \
            and head.head.lower_ in {"in", "into", "on"}:  # "have been on strike" too
        # "engaged in talks", "took part in exercises", "went on strike" (the light-verb
        # check of the noun entry decides whether the verb counts)
        return head.head.head, "object"
    if head.dep_ in {"nsubj"} and head.head.pos_ in {"VERB", "AUX"}:
        return head.head, "subject"
    return None, "none"


def noun_partners(noun: Token, preps: set[str]) -> list[Token]:
    """Objects of the noun's own prepositions and 'involving X and Y' participles."""
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in _children(child, {"pobj"}):
                found.extend(conjuncts(obj))
        if child.dep_ == "acl" and child.lemma_ in INVOLVE_VERBS:
            for obj in _children(child, {"dobj"}):
                found.extend(conjuncts(obj))
    return found


def noun_owners(noun: Token) -> list[Token]:
    """Possessors and 'by X' agents of an event noun: "Russia's campaign", "strikes by X"."""
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ in OWNER_PRONOUNS:
            # "French troops completed their withdrawal": the pronoun is the clause subject.
            verb, how = noun_governor(noun)
            if verb is not None and how == "object":
                for cands, _ in subject_candidates(verb)[:1]:
                    found.extend(cands)
        elif child.dep_ == "poss":
            found.extend(conjuncts(child))
        if child.dep_ == "prep" and child.lower_ == "by":
            for obj in _children(child, {"pobj"}):
                found.extend(conjuncts(obj))
    return found


def noun_modifiers(noun: Token) -> list[Token]:
    """Name modifiers that stand for the actor: "US protests", "Russian airstrikes"."""
    return [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < noun.i]
