"""Frame and status rules on hand-built parses (no model): each test states its parse."""

from __future__ import annotations

from blocs.events import frames
from blocs.events.status import status_of

from conftest import build


def test_active_subject_and_object(blank):
    # "Russia attacked Ukraine ."
    doc = build(blank.vocab, [("Russia", 1, "nsubj", "PROPN", "Russia"),
                              ("attacked", 1, "ROOT", "VERB", "attack"),
                              ("Ukraine", 1, "dobj", "PROPN", "Ukraine"),
                              (".", 1, "punct", "PUNCT", ".")])
    verb = doc[1]
    assert [t.text for t in frames.subject_candidates(verb)[0][0]] == ["Russia"]
    assert [t.text for t in frames.object_tokens(verb, set())] == ["Ukraine"]
    assert status_of(verb) == "asserted"


def test_passive_with_agent(blank):
    # "Kyiv was shelled by Russian forces"
    doc = build(blank.vocab, [("Kyiv", 2, "nsubjpass", "PROPN", "Kyiv"),
                              ("was", 2, "auxpass", "AUX", "be"),
                              ("shelled", 2, "ROOT", "VERB", "shell", "VBN"),
                              ("by", 2, "agent", "ADP", "by"),
                              ("Russian", 5, "amod", "ADJ", "russian"),
                              ("forces", 3, "pobj", "NOUN", "force")])
    verb = doc[2]
    assert frames.is_passive(verb)
    assert [t.text for t in frames.subject_candidates(verb)[0][0]] == ["forces"]
    assert [t.text for t in frames.object_tokens(verb, set())] == ["Kyiv"]


def test_conjoined_subjects_and_partner_prep(blank):
    # "Egypt and Jordan met with Qatar"
    doc = build(blank.vocab, [("Egypt", 3, "nsubj", "PROPN", "Egypt"),
                              ("and", 0, "cc", "CCONJ", "and"),
                              ("Jordan", 0, "conj", "PROPN", "Jordan"),
                              ("met", 3, "ROOT", "VERB", "meet"),
                              ("with", 3, "prep", "ADP", "with"),
                              ("Qatar", 4, "pobj", "PROPN", "Qatar")])
    verb = doc[3]
    assert [t.text for t in frames.subject_candidates(verb)[0][0]] == ["Egypt", "Jordan"]
    assert [t.text for t in frames.object_tokens(verb, {"with"})] == ["Qatar"]


def test_control_verb_gives_subject(blank):
    # "Putin went on to criticize the US"
    doc = build(blank.vocab, [("Putin", 1, "nsubj", "PROPN", "Putin"),
                              ("went", 1, "ROOT", "VERB", "go"),
                              ("on", 1, "prt", "ADP", "on"),
                              ("to", 4, "aux", "PART", "to"),
                              ("criticize", 1, "xcomp", "VERB", "criticize"),
                              ("the", 6, "det", "DET", "the"),
                              ("US", 4, "dobj", "PROPN", "US")])
    verb = doc[4]
    assert [t.text for t in frames.subject_candidates(verb)[0][0]] == ["Putin"]
    assert status_of(verb) == "asserted"


def test_along_with(blank):
    # "Chiefs met in Baghdad , along with their counterpart"
    doc = build(blank.vocab, [("Chiefs", 1, "nsubj", "NOUN", "chief"),
                              ("met", 1, "ROOT", "VERB", "meet"),
                              ("in", 1, "prep", "ADP", "in"),
                              ("Baghdad", 2, "pobj", "PROPN", "Baghdad"),
                              (",", 1, "punct", "PUNCT", ","),
                              ("along", 1, "prep", "ADP", "along"),
                              ("with", 5, "prep", "ADP", "with"),
                              ("their", 8, "poss", "PRON", "their"),
                              ("counterpart", 6, "pobj", "NOUN", "counterpart")])
    assert [t.text for t in frames.along_with(doc[1])] == ["counterpart"]


def test_negated(blank):
    # "Algeria did not attend the meeting"
    doc = build(blank.vocab, [("Algeria", 3, "nsubj", "PROPN", "Algeria"),
                              ("did", 3, "aux", "AUX", "do"),
                              ("not", 3, "neg", "PART", "not"),
                              ("attend", 3, "ROOT", "VERB", "attend"),
                              ("the", 5, "det", "DET", "the"),
                              ("meeting", 3, "dobj", "NOUN", "meeting")])
    assert status_of(doc[3]) == "negated"
    assert status_of(doc[5], verb=doc[3]) == "negated"


def test_hypothetical_modal_and_if(blank):
    # "if Amiri wins , Iraq could ask the US to leave"
    doc = build(blank.vocab, [("if", 2, "mark", "SCONJ", "if"),
                              ("Amiri", 2, "nsubj", "PROPN", "Amiri"),
                              ("wins", 6, "advcl", "VERB", "win"),
                              (",", 6, "punct", "PUNCT", ","),
                              ("Iraq", 6, "nsubj", "PROPN", "Iraq"),
                              ("could", 6, "aux", "AUX", "could"),
                              ("ask", 6, "ROOT", "VERB", "ask"),
                              ("the", 8, "det", "DET", "the"),
                              ("US", 6, "dobj", "PROPN", "US"),
                              ("to", 10, "aux", "PART", "to"),
                              ("leave", 6, "xcomp", "VERB", "leave")])
    assert status_of(doc[6]) == "hypothetical"
    assert status_of(doc[10]) == "hypothetical"
    assert status_of(doc[2]) == "hypothetical"


def test_future_by_modal_and_governor(blank):
    # "Turkey will host talks" ; "Iran vowed to retaliate"
    doc = build(blank.vocab, [("Turkey", 2, "nsubj", "PROPN", "Turkey"),
                              ("will", 2, "aux", "AUX", "will"),
                              ("host", 2, "ROOT", "VERB", "host"),
                              ("talks", 2, "dobj", "NOUN", "talk")])
    assert status_of(doc[2]) == "future"
    doc = build(blank.vocab, [("Iran", 1, "nsubj", "PROPN", "Iran"),
                              ("vowed", 1, "ROOT", "VERB", "vow"),
                              ("to", 3, "aux", "PART", "to"),
                              ("retaliate", 1, "xcomp", "VERB", "retaliate")])
    assert status_of(doc[3]) == "future"
    assert status_of(doc[1]) == "asserted"


def test_alleged_claim_and_accusation(blank):
    # "Moscow claimed to be attacking militants"
    doc = build(blank.vocab, [("Moscow", 1, "nsubj", "PROPN", "Moscow"),
                              ("claimed", 1, "ROOT", "VERB", "claim"),
                              ("to", 4, "aux", "PART", "to"),
                              ("be", 4, "aux", "AUX", "be"),
                              ("attacking", 1, "xcomp", "VERB", "attack"),
                              ("militants", 4, "dobj", "NOUN", "militant")])
    assert status_of(doc[4]) == "alleged"
    # "officials protested that Russia was bombing rebels"
    doc = build(blank.vocab, [("officials", 1, "nsubj", "NOUN", "official"),
                              ("protested", 1, "ROOT", "VERB", "protest"),
                              ("that", 5, "mark", "SCONJ", "that"),
                              ("Russia", 5, "nsubj", "PROPN", "Russia"),
                              ("was", 5, "aux", "AUX", "be"),
                              ("bombing", 1, "ccomp", "VERB", "bomb"),
                              ("rebels", 5, "dobj", "NOUN", "rebel")])
    assert status_of(doc[5]) == "alleged"
    assert status_of(doc[1]) == "asserted"


def test_conjunct_does_not_inherit_negation(blank):
    # "Chad did not attack but met Niger"
    doc = build(blank.vocab, [("Chad", 3, "nsubj", "PROPN", "Chad"),
                              ("did", 3, "aux", "AUX", "do"),
                              ("not", 3, "neg", "PART", "not"),
                              ("attack", 3, "ROOT", "VERB", "attack"),
                              ("but", 3, "cc", "CCONJ", "but"),
                              ("met", 3, "conj", "VERB", "meet"),
                              ("Niger", 5, "dobj", "PROPN", "Niger")])
    assert status_of(doc[3]) == "negated"
    assert status_of(doc[5]) == "asserted"


def test_question_is_hypothetical(blank):
    doc = build(blank.vocab, [("Will", 2, "aux", "AUX", "will"),
                              ("Iran", 2, "nsubj", "PROPN", "Iran"),
                              ("attack", 2, "ROOT", "VERB", "attack"),
                              ("?", 2, "punct", "PUNCT", "?")])
    assert status_of(doc[2]) in {"hypothetical", "future"}
    doc = build(blank.vocab, [("Does", 2, "aux", "AUX", "do"),
                              ("Moscow", 2, "nsubj", "PROPN", "Moscow"),
                              ("envisage", 2, "ROOT", "VERB", "envisage"),
                              ("talks", 2, "dobj", "NOUN", "talk"),
                              ("?", 2, "punct", "PUNCT", "?")])
    assert status_of(doc[3], verb=doc[2]) == "hypothetical"


def test_noun_governor_and_owners(blank):
    # "Russia 's bombing campaign in Syria began"
    doc = build(blank.vocab, [("Russia", 3, "poss", "PROPN", "Russia"),
                              ("'s", 0, "case", "PART", "'s"),
                              ("bombing", 3, "compound", "NOUN", "bombing"),
                              ("campaign", 6, "nsubj", "NOUN", "campaign"),
                              ("in", 3, "prep", "ADP", "in"),
                              ("Syria", 4, "pobj", "PROPN", "Syria"),
                              ("began", 6, "ROOT", "VERB", "begin")])
    verb, how = frames.noun_governor(doc[2])
    assert verb.text == "began" and how == "subject"
    assert [t.text for t in frames.noun_owners(doc[3])] == ["Russia"]
