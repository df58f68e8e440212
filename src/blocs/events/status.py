"""Event status (PLOVER's auxiliary modes): asserted, negated, hypothetical, future, alleged.

The status of a trigger is read off the trigger's own clause and the chain of clauses that
govern it: "did not meet" (negated), "could well ask" / "if ..." (hypothetical),
"will meet" / "vowed to retaliate" / "agreed to hold" (future), "claimed to be attacking" /
"accused X of attacking" / "protested that X was bombing" (alleged).
"""

from __future__ import annotations

from spacy.tokens import Token

from blocs.events.record import _facts

NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
HYPOTHETICAL_MODALS = {"could", "would", "might", "may", "should", "can", "must", "ought", "'d"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
# Governing verbs whose complement has not happened yet.
SCHEDULING_PASSIVES = {"expect", "plan", "schedule", "set", "slate", "due"}
FUTURE_GOVERNORS = {
    "agree", "plan", "intend", "aim", "prepare", "vow", "pledge", "promise", "hope", "want",
    "poise",
    "expect", "seek", "decide", "offer", "propose", "threaten", "schedule", "set", "wish",
    "plot", "consider", "mull", "weigh", "resolve", "commit", "undertake", "try", "attempt",
    "ask", "urge", "call", "demand", "press", "need", "order", "invite", "encourage", "warn",
}
# Governing verbs whose complement is one side's claim.
ALLEGE_GOVERNORS = {"claim", "allege", "accuse", "charge", "protest", "insist", "contend",
                    "purport", "assert", "blame", "suspect", "suggest", "indicate", "appear",
                    "seem"}
# Nouns whose clause is someone's claim, and verbs that deny one.
CLAIM_NOUNS = {"report", "claim", "allegation", "accusation", "rumour", "rumor", "suggestion",
               "speculation", "assertion"}
DENYING_VERBS = {"deny", "dismiss", "reject", "refute", "rebut", "disprove"}
CONFIRMING_VERBS = {"confirm", "verify", "corroborate"}
NEGATING_GOVERNORS = {"fail", "refuse", "decline", "deny", "reject", "avoid", "stop", "cease",
                      "halt", "abandon", "forgo", "refrain", "rule out"}
HYPOTHETICAL_GOVERNORS = {"consider", "mull", "weigh", "envisage", "envision", "imagine",
                          "propose", "contemplate", "ready", "willing", "eager", "keen"}
# An event noun after these happened, whatever the clause around it does.
PRESUPPOSING_PREPS = {"after", "following", "over", "amid", "despite", "since"}
# "in retaliation for X", "in response to X": X happened
RESPONSE_NOUNS = {"retaliation", "response", "reprisal", "revenge", "answer", "reaction"}
PURPOSE_NOUNS = {"purpose", "aim", "goal", "objective", "intention", "plan", "idea", "mission",
                 "task", "priority", "hope"}
# "X is said to have massed troops", "Y was reported to have fled": hearsay
REPORT_PASSIVES = {"say", "report", "believe", "think", "understand", "rumour", "rumor",
                   "allege", "claim", "suspect", "know"}
# An event noun these verbs take as object happened, whatever becomes of the reaction:
# "has never condemned Russia's invasion of Ukraine" (the invasion stands).
REACTION_VERBS = {"condemn", "criticise", "criticize", "denounce", "deplore", "decry", "slam",
                  "praise", "welcome", "hail", "applaud", "commend", "mourn", "protest"}
# The small model's lemmatiser slips on these ("hoped" -> "hop", "staged" -> "stag").
LEMMA_FIXES = {"hoped": "hope", "hopes": "hope", "hoping": "hope",
               "staged": "stage", "stages": "stage", "staging": "stage"}
def rules_out(tok: Token) -> bool:
    """"ruled out sending troops": the verb "rule" with its particle "out"."""
    return tok.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out"
                                                for c in tok.children)


def verb_lemma(tok: Token) -> str:
    """tok's lemma, lower-case, with the lemmatiser's known slips corrected."""
    return LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


ALLEGE_ADVERBS = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently"}
CLIMB_DEPS = {"xcomp", "ccomp", "conj", "pcomp", "advcl", "acl", "relcl", "pobj", "prep",
              "dobj", "nsubj", "nsubjpass", "attr", "oprd"}


def local_status(tok: Token) -> str | None:
    """Status marked on tok's own clause: negation, modals, conditional marks."""
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "det"} and low in {"never", "no"}):
            return "negated"
        if child.dep_ == "advmod" and low == "longer" and any(
                g.lower_ == "no" for g in child.children):
            return "negated"  # "no longer supplies gas"
    for child in tok.children:
        low = child.lower_
        if child.dep_ in {"aux", "auxpass"}:
            if low in HYPOTHETICAL_MODALS:
                return "hypothetical"
            if low in FUTURE_MODALS:
                return "future"
        if child.dep_ == "mark" and low in CONDITIONAL_MARKS:
            return "hypothetical"
        if child.dep_ == "advmod" and low in ALLEGE_ADVERBS:
            return "alleged"
        if child.dep_ == "prep" and low == "according":
            return "alleged"  # "according to a leaked memo, X agreed": one source's word
    # "its purpose was to strengthen cooperation", "the aim is to end the war": a stated
    # purpose has not happened yet
    if tok.dep_ in {"xcomp", "attr", "ccomp"} and tok.head.lemma_ == "be" and any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in PURPOSE_NOUNS
            for c in tok.head.children):
        return "future"
    # "going to attack": the trigger is the xcomp of "going" with its own aux "to".
    if tok.head.lemma_ == "go" and tok.dep_ == "xcomp" and any(
            c.dep_ == "aux" and c.lower_ in {"be", "is", "are", "was", "were", "'s", "'re"}
            for c in tok.head.children):
        return "future"
    return None


def _ends_in_question(tok: Token) -> bool:
    """Whether tok's sentence ends with "?" (walks to the sentence end; no Span.text)."""
    cached = _facts(tok.doc).ends_in_question(tok)
    if cached is not None:
        return cached
    doc = tok.doc
    last = tok
    for i in range(tok.i + 1, len(doc)):
        if doc[i].is_sent_start:
            break
        if not doc[i].is_space:
            last = doc[i]
    return last.text.endswith("?") or last.text in {"?\"", "?'", "?”", "?’"}


REPORTING_VERBS = {"say", "announce", "tell", "state", "add", "report", "confirm",
                   "declare", "indicate", "write", "insist"}


def _reported_future(tok: Token) -> bool:
    """"Pistorius said that Germany would deliver four more systems": "would" in reported
    speech with no condition is the future seen from the past, not a hypothesis ("would
    withdraw if Israel halted its strikes", "would reject any agreement that ..." are)."""
    if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in REPORTING_VERBS or \
            tok.head.tag_ not in {"VBD", "VBN"}:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in tok.children):
        return False
    sent = tok.sent
    if any(t.lower_ in CONDITIONAL_MARKS for t in sent):
        return False
    return not any(t.lower_ in {"any", "probably", "possibly", "likely"} for t in tok.subtree)


def status_of(trigger: Token, *, verb: Token | None = None) -> str:
    """Status of the event whose trigger is `trigger` (for nouns, `verb` governs it)."""
    if any(c.dep_ == "det" and c.lower_ in {"no"} for c in trigger.children):
        return "negated"
    if verb is not None and trigger.dep_ == "dobj" and trigger.head.i == verb.i and \
            verb.lemma_.lower() in REACTION_VERBS:
        return "asserted"  # "has never condemned Russia's invasion": the invasion stands
    tok = verb if verb is not None else trigger
    found: list[str] = []
    if verb is not None and trigger.dep_ == "nsubjpass" and trigger.head.i == verb.i and \
            verb_lemma(verb) in SCHEDULING_PASSIVES:
        found.append("future")  # "protests are expected in Harare on Monday"
    via: str | None = None  # the dependency by which we reached tok from below
    below = tok  # the token we came from
    path: list[str] = []
    for _ in range(12):
        local = local_status(tok)
        # A conjunct does not inherit its sibling's negation ("did not attack but met").
        if local and not (via == "conj" and local == "negated"):
            found.append(local)
        if via is not None:
            lemma = "rule out" if rules_out(tok) else verb_lemma(tok)
            if lemma in NEGATING_GOVERNORS and via in {"xcomp", "ccomp", "pcomp", "dobj"} and \
                    (via != "dobj" or lemma == "rule out"):
                if local == "negated":
                    # "has not ruled out resuming talks": not refused, so possible
                    found[found.index("negated")] = "hypothetical"
                else:
                    found.append("negated")
            elif tok.lower_ == "without" and via == "pcomp":
                found.append("negated")  # "ended the talks without agreeing"
            elif lemma in {"have", "be"} and via == "xcomp" and any(
                    c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children):
                found.append("negated")  # "has yet to recognise Kosovo"
            elif tok.pos_ == "NOUN" and lemma in CLAIM_NOUNS and via in {"acl", "ccomp"}:
                # "reports that its troops had shelled the plant": a claim; one the
                # governing clause denies ("dismissed reports that") is negated
                gov = verb_lemma(tok.head) if tok.dep_ in {"dobj", "nsubjpass"} else None
                if gov not in CONFIRMING_VERBS:  # "reports that ... were confirmed" stand
                    found.append("negated" if gov in DENYING_VERBS else "alleged")
            elif lemma in ALLEGE_GOVERNORS and (via in {"xcomp", "ccomp", "pcomp", "prep"} or (
                    via == "dobj" and "pcomp" in path)):  # "accused [forces of firing]"
                found.append("alleged")
            elif lemma in HYPOTHETICAL_GOVERNORS and via in {"xcomp", "ccomp", "dobj"}:
                found.append("hypothetical")
            elif lemma in FUTURE_GOVERNORS and (via == "xcomp" or via == "advcl" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in below.children)):
                found.append("future")  # "threatened on Friday to sever": an advcl
            elif lemma in SCHEDULING_PASSIVES and via == "nsubjpass":
                found.append("future")  # "protests are expected in Harare on Monday"
            elif lemma in REPORT_PASSIVES and via == "xcomp" and any(
                    c.dep_ == "auxpass" for c in tok.children):
                found.append("alleged")
        if tok.dep_ not in CLIMB_DEPS or tok.head.i == tok.i:
            break
        if tok.dep_ == "relcl":
            break  # "did not detain the students who blocked a bridge": the blocking stands
        if tok.dep_ == "dobj" and trigger.pos_ in {"NOUN", "PROPN"} and \
                tok.head.lemma_.lower() in REACTION_VERBS:
            break
        if via == "pobj" and trigger.pos_ in {"NOUN", "PROPN"} and (
                tok.lower_ in PRESUPPOSING_PREPS or tok.lower_ in {"for", "to"} and
                tok.head.lemma_.lower() in RESPONSE_NOUNS):
            break  # "threatened to expel journalists in retaliation for London's sanctions"
        via = tok.dep_
        path.append(via)
        below, tok = tok, tok.head
    if found == ["hypothetical"] and _reported_future(verb if verb is not None else trigger):
        found = ["future"]
    if _ends_in_question(trigger):
        found.append("hypothetical")
    for status in ("negated", "hypothetical", "alleged", "future"):
        if status in found:
            return status
    return "asserted"
