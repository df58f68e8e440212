"""Event rules on the real model, one sentence per rule (sentences written for blocs)."""

from __future__ import annotations

import pytest

import blocs

pytestmark = pytest.mark.model


def code(text: str, published: str = "2024-05-06") -> list[dict]:
    return blocs.code([text], published=published)


def parties(ev: dict, side: str) -> set[str]:
    return {p["country"] or p["id"] for p in ev[side]}


def only(events: list[dict], etype: str) -> dict:
    found = [e for e in events if e["event"] == etype]
    assert len(found) == 1, events
    return found[0]


def test_coordinated_demonyms_meet_along_with_counterpart():
    ev = only(code("On Monday, the Kenyan, Ugandan and Tanzanian army chiefs met in Arusha, "
                   "along with their Rwandan counterpart."), "CONSULT")
    assert parties(ev, "actor") == {"KEN", "UGA", "TZA", "RWA"}
    assert {p["sector"] for p in ev["actor"]} == {"MIL"}
    assert ev["date"] == "2024-05-06" and ev["location"]["country"] == "TZA"


def test_reported_speech_codes_the_reported_event():
    events = code("Cairo announced that Egypt, Jordan and Iraq had agreed to build a joint "
                  "power grid.")
    ev = only(events, "AGREE")
    assert parties(ev, "actor") == {"EGY", "JOR", "IRQ"} and ev["status"] == "asserted"


def test_control_verb_passes_subject():
    ev = only(code("The Brazilian president went on to criticize Argentina over trade."),
              "ACCUSE")
    assert parties(ev, "actor") == {"BRA"} and parties(ev, "recipient") == {"ARG"}


def test_passive_with_agent():
    ev = only(code("Two villages near Kharkiv were shelled by Russian forces on Sunday."),
              "ASSAULT")
    assert parties(ev, "actor") == {"RUS"}


def test_negated_and_hypothetical_are_not_asserted():
    events = code("Chile was not present at the summit in Lima.")
    assert not [e for e in events if e["status"] == "asserted"]
    events = code("If the talks fail, Serbia could ask NATO to withdraw its troops.")
    assert events and all(e["status"] == "hypothetical" for e in events)


def test_claim_is_alleged():
    events = code("Ankara claimed to be striking militant camps in northern Iraq.")
    assert events and only(events, "ASSAULT")["status"] == "alleged"


def test_repeated_lead_gives_one_event():
    lead = "On Friday, Ghana and Togo signed a border security pact in Accra."
    text = f"Border pact signed\n\n{lead}\n\nACCRA (Desk) - {lead}\n\nMore follows."
    events = [e for e in blocs.code([text], published="2024-05-06")
              if e["event"] in {"SUPPORT", "AGREE"}]
    assert len(events) == 1


def test_forces_in_a_country_are_not_that_country():
    # regression: "building up forces in Syria" once made Syria's military the recipient
    events = code("Analysts said Turkey was building up forces in Syria.")
    for ev in events:
        assert ("SYR", "MIL") not in {(p["country"], p["sector"]) for p in ev["recipient"]}


def test_titled_leader_memory():
    text = ("Nigerian President Bola Tinubu arrived in Accra on Tuesday. "
            "Tinubu later condemned the attack on Ghanaian peacekeepers.")
    ev = only(code(text), "ACCUSE")
    assert parties(ev, "actor") == {"NGA"} and ev["actor"][0]["sector"] == "GOV"


def test_particle_after_verb_selects_the_particle_frame():
    # regression: Token objects were compared with `is`, so particles the parser attaches
    # as advmod/prep ("stepped down", "pulled out of") never selected their frame
    events = code("Peru's interior minister stepped down on Friday after the protests.")
    assert [e["event"] for e in events] == ["RETREAT"]


def test_purpose_clause_of_a_protest_is_its_content():
    # regression: the protest and its purpose were compared with `is` and never folded
    events = code("Hundreds of students gathered outside the French embassy in Dakar to "
                  "denounce Paris.")
    ev = only(events, "PROTEST")
    assert parties(ev, "actor") == {"SEN"} and parties(ev, "recipient") == {"FRA"}
    assert not [e for e in events if e["event"] == "ACCUSE"]


def test_absolute_construction_and_demonstrative_object():
    # regression: "with X backing A and Y backing that led by B" lost Y's event
    text = ("The two powers are rivals in Libya, with Turkey backing the government led by "
            "Prime Minister Abdul Hamid Dbeibah and Egypt backing that led by Khalifa Haftar, "
            "head of the Libyan National Army.")
    supports = {next(iter(parties(e, "actor"))): parties(e, "recipient")
                for e in code(text, published="2023-05-01") if e["event"] == "SUPPORT"}
    assert set(supports) == {"TUR", "EGY"}
    assert "EGY" not in supports["TUR"] and supports["EGY"] <= {"LBY", "LNA"}


def test_surname_alias_inside_a_longer_name_is_not_that_person():
    # regression: "Hadi al-Amiri" was coded as Yemen's president Hadi
    events = code("Iraqi militia leader Hadi al-Amiri met Iranian officials in Baghdad.",
                  published="2018-09-03")
    assert all("YEM" not in parties(e, "actor") for e in events)


# --- one regression test per rule added with the 448-sentence set (own sentences) -------

def test_meeting_noun_in_time_phrase_is_held_by_the_subject():
    events = code("During a video call on Friday, the Chilean and Peruvian presidents agreed "
                  "to reopen their shared border crossing.")
    ev = only(events, "CONSULT")
    assert parties(ev, "actor") == {"CHL", "PER"} and ev["status"] == "asserted"


def test_talks_survive_a_negated_outcome():
    events = code("Ghana and Togo failed to settle their maritime dispute after two days of "
                  "talks in Lome.")
    ev = only(events, "CONSULT")
    assert parties(ev, "actor") == {"GHA", "TGO"} and ev["status"] == "asserted"


def test_claimed_responsibility_names_the_attacker():
    ev = only(code("A suicide bomber killed nine people at a market in Maiduguri, and Boko "
                   "Haram claimed responsibility on Sunday."), "ASSAULT")
    assert {p["id"] for p in ev["actor"]} == {"BOKO_HARAM"}
    assert ev["mode"] == "suicide-attack"


def test_requested_act_is_not_an_event():
    events = code("Brazil urged Venezuela to release the detained opposition candidates.")
    assert [e["event"] for e in events] == ["REQUEST"]
    assert only(events, "REQUEST")["mode"] == "yield"


def test_threat_reads_its_target_from_the_threatened_act():
    ev = only(code("Serbia threatened to expel the OSCE monitors from the border region."),
              "THREATEN")
    assert parties(ev, "actor") == {"SRB"} and ev["mode"] == "expel"
    assert ev["recipient"]


def test_vow_to_retaliate_is_a_threat():
    events = code("Hezbollah vowed to retaliate against Israel for the killing of its "
                  "commander.")
    ev = only(events, "THREATEN")
    assert parties(ev, "recipient") == {"ISR"} and ev["mode"] == "violence"
    assert not [e for e in events if e["event"] == "AGREE"]


def test_refusal_to_meet_targets_the_other_side():
    ev = only(code("The Armenian prime minister declined to attend talks with Azerbaijani "
                   "President Ilham Aliyev in Brussels."), "REJECT")
    assert parties(ev, "actor") == {"ARM"} and parties(ev, "recipient") == {"AZE"}
    assert ev["mode"] == "meet"


def test_jointly_is_cooperation():
    ev = only(code("Spanish and Moroccan police jointly arrested eleven members of a "
                   "trafficking ring."), "COOPERATE")
    assert parties(ev, "actor") == {"ESP", "MAR"}


def test_mode_from_the_clause():
    ev = only(code("Turkish warplanes struck Kurdish militia positions in northern Syria."),
              "ASSAULT")
    assert ev["mode"] == "aerial"
    ev = only(code("Police fired tear gas at students marching in Dhaka."), "ASSAULT")
    assert ev["mode"] == "crowd-control"


def test_meeting_place_gives_visit_or_third_party():
    ev = only(code("Indian and Pakistani diplomats met in Kabul on Tuesday."), "CONSULT")
    assert ev["mode"] == "third-party"
    ev = only(code("The Japanese prime minister held talks with Australian Prime Minister "
                   "Anthony Albanese in Canberra.", "2023-07-12"), "CONSULT")
    assert ev["mode"] == "visit"


def test_missile_launch_without_target_is_mobilize():
    ev = only(code("Iran fired three ballistic missiles into the Gulf of Oman during drills."),
              "MOBILIZE")
    assert ev["mode"] == "weapons"


def test_sport_is_not_assault():
    assert not code("Morocco beat Portugal 1-0 to reach the World Cup semi-final.")


def test_month_name_is_not_a_march():
    assert not [e for e in code("Nigerian unions met government officials on 5 March.")
                if e["event"] == "PROTEST"]


def test_leaving_a_treaty_is_sanction():
    ev = only(code("The United States withdrew from the Open Skies Treaty in November."),
              "SANCTION")
    assert ev["mode"] == "withdraw"


def test_aid_in_kind_and_money():
    ev = only(code("Japan delivered generators and blankets to Ukraine on Monday."), "AID")
    assert parties(ev, "recipient") == {"UKR"}
    ev = only(code("Kuwait deposited $3 billion in Egypt's central bank."), "AID")
    assert parties(ev, "recipient") == {"EGY"}


def test_receiving_swaps_the_sides():
    ev = only(code("Pakistan received a $1.1 billion tranche from the IMF on Friday."), "AID")
    assert parties(ev, "actor") == {"IMF"} and parties(ev, "recipient") == {"PAK"}


def test_accused_is_the_actor_of_the_named_event():
    events = code("Kenya accused Somalia of sponsoring attacks on its border towns.")
    assert only(events, "ACCUSE")["status"] == "asserted"


def test_condemned_airstrikes_are_an_event():
    events = code("Egypt condemned Israeli airstrikes on Rafah on Sunday.")
    ev = only(events, "ASSAULT")
    assert parties(ev, "actor") == {"ISR"} and ev["status"] == "asserted"


def test_protest_at_a_foreign_embassy_targets_that_country():
    ev = only(code("Hundreds of Iraqis rallied outside the Swedish embassy in Baghdad."),
              "PROTEST")
    assert parties(ev, "recipient") == {"SWE"}


def test_stated_purpose_is_future():
    events = code("Officials said the purpose of the visit was to expand trade between "
                  "Vietnam and Laos.")
    assert not [e for e in events if e["status"] == "asserted"]


def test_participle_light_verb_without_governing_verb():
    """Regression: 'the accord reached late on Friday' (a participle, no verb above the
    noun) crashed the noun frame."""
    events = code("Under the accord reached late on Friday, Chad and Niger agreed to "
                  "reopen their border.")
    assert parties(only(events, "AGREE"), "actor") == {"TCD", "NER"}
    ev = only(code("A truce signed between Armenia and Azerbaijan on Monday held overnight."),
              "RETREAT")
    assert parties(ev, "actor") == {"ARM", "AZE"}


def test_persona_non_grata_is_an_expulsion():
    ev = only(code("Estonia has declared a Russian consul persona non grata."), "SANCTION")
    assert parties(ev, "actor") == {"EST"} and parties(ev, "recipient") == {"RUS"}
    assert ev["mode"] == "expel"


def test_unknown_named_person_is_a_party():
    ev = only(code("Belarusian police detained opposition activist Pavel Sevyarynets on "
                   "Friday.", "2020-06-06"), "COERCE")
    assert parties(ev, "recipient") == {"BLR"}


def test_strike_on_a_country_is_an_attack_not_a_walkout():
    """Regression: 'the Israeli strike on Syria' was coded as a labour strike."""
    ev = only(code("Turkey condemned the Israeli strike on Syria on Tuesday."), "ASSAULT")
    assert parties(ev, "actor") == {"ISR"} and parties(ev, "recipient") == {"SYR"}
    assert only(code("Nigerian unions began a strike against fuel prices."), "PROTEST")


def test_an_official_of_a_body_keeps_the_body_not_the_place():
    """Regression: 'NATO chief Stoltenberg ... in Brussels' was coded as Belgium."""
    ev = only(code("NATO Secretary General Jens Stoltenberg welcomed Finland as a member at "
                   "a ceremony in Brussels.", "2023-04-04"), "SUPPORT")
    assert {p["id"] for p in ev["actor"]} == {"NATO"}


def test_conditional_threat_targets_the_condition():
    ev = only(code("North Korea threatened to close its border if South Korea resumed its "
                   "loudspeaker broadcasts."), "THREATEN")
    assert parties(ev, "recipient") == {"KOR"}


def test_two_sides_of_one_country_are_two_parties():
    """Regression: a subject with the recipient's country was taken for a parse slip."""
    ev = only(code("Kenyan police fired tear gas at protesters in Nairobi."), "ASSAULT")
    assert parties(ev, "actor") == {"KEN"} and ev["mode"] == "crowd-control"
    ev = only(code("Sudanese troops clashed with RSF fighters near Khartoum on Monday.",
                   "2023-06-06"), "ASSAULT")
    assert {p["id"] for p in ev["actor"]} == {"SDN", "RSF"}


def test_acts_at_home_have_the_home_country_as_recipient():
    """A state acting at home, or its people against their state, with no other country
    in the sentence: the recipient is that country, grounded on words that name it."""
    text = "The Chilean government lifted the curfew in Santiago on Sunday."
    ev = only(code(text), "CONCEDE")
    assert parties(ev, "recipient") == {"CHL"}
    r = ev["recipient"][0]
    assert text[r["start"]:r["end"]] == r["text"] == "Santiago"
    text = "Jailed Egyptian blogger Ahmed Samir began a hunger strike against the country's " \
           "prison rules."
    ev = only(code(text), "PROTEST")
    assert parties(ev, "recipient") == {"EGY"}
    ev = only(code("Malawi's parliament voted down a bill on term limits on Tuesday."),
              "REJECT")
    assert parties(ev, "recipient") == {"MWI"}
    # another country named: no home recipient is made up
    ev = only(code("Polish farmers began a hunger strike against grain imports from "
                   "Ukraine."), "PROTEST")
    assert "POL" not in parties(ev, "recipient")
    # a government's own rejection may answer a state left unnamed
    ev = only(code("The Malawian government rejected the proposal on Tuesday."), "REJECT")
    assert ev["recipient"] == []


def test_a_time_in_a_clause_on_another_noun_does_not_date_the_event():
    events = code("Kenya's parliament rejected a bill that would raise fuel taxes from next "
                  "July.", "2024-05-06")
    ev = only(events, "REJECT")
    assert ev["status"] == "asserted" and ev["date"] == "2024-05-06"


def test_calling_something_a_name_is_no_request():
    """Regression: 'calling it a crucial step' was coded as a request."""
    events = code("The Arab League praised Jordan's decision, calling it a brave step.")
    assert not [e for e in events if e["event"] == "REQUEST"]
    ev = only(code("Qatar called the Security Council to act on Gaza."), "REQUEST")
    assert ev["actor"][0]["country"] == "QAT"


def test_a_clause_with_its_own_subject_does_not_borrow_the_main_one():
    """Regression: 'after several donors suspended their contributions' was coded with
    the main clause's countries as the ones suspending."""
    events = code("Chile and Peru sent food to Haiti after several charities halted their "
                  "deliveries.")
    assert not [e for e in events if e["event"] == "SANCTION"
                and {"CHL", "PER"} & parties(e, "actor")]
    # a role noun or a pronoun-owned noun still takes the main clause's side
    ev = only(code("Turkey's president warned that his army could strike Kurdish militants "
                   "in Syria."), "THREATEN")
    assert parties(ev, "actor") == {"TUR"}


def test_both_countries_in_the_same_sentence():
    ev = only(code("Russia cut gas deliveries to Latvia and Estonia after both countries "
                   "refused to sign new contracts."), "REJECT")
    assert parties(ev, "actor") == {"LVA", "EST"}


def test_mediators_and_hosts_are_parties_to_talks():
    ev = only(code("Armenian and Azerbaijani negotiators held talks in Washington, hosted by "
                   "the United States."), "CONSULT")
    assert parties(ev, "actor") == {"ARM", "AZE", "USA"}
    ev = only(code("Sudan's army and the RSF met in Jeddah on Saturday, with Saudi and "
                   "American diplomats acting as mediators.", "2023-05-08"), "CONSULT")
    assert {"SAU", "USA"} <= parties(ev, "actor")


def test_along_with_joins_a_light_verb_event():
    ev = only(code("Kenyan soldiers, along with troops from Uganda and Rwanda, took part in "
                   "joint exercises near Nanyuki."), "COOPERATE")
    assert parties(ev, "actor") == {"KEN", "UGA", "RWA"}


def test_an_act_named_as_subject_with_actor_and_target():
    ev = only(code("Bhutan's recognition of Kosovo drew criticism from Belgrade."),
              "SUPPORT")
    assert parties(ev, "actor") == {"BTN"} and parties(ev, "recipient") == {"XKX"}


def test_passive_arrest_without_agent_is_by_the_state_of_the_place():
    text = "Two American tourists were arrested in Moscow on Sunday."
    ev = only(code(text), "COERCE")
    assert parties(ev, "actor") == {"RUS"} and parties(ev, "recipient") == {"USA"}
    a = ev["actor"][0]
    assert text[a["start"]:a["end"]] == a["text"] == "Moscow"
    # no place, no arresting state to name
    assert not [e for e in code("Two American tourists were arrested on Sunday.")
                if e["event"] == "COERCE" and e["status"] == "asserted"]


def test_one_side_meeting_abroad_meets_its_hosts():
    ev = only(code("India's foreign minister held talks in Riyadh on Monday."), "CONSULT")
    assert parties(ev, "actor") == {"IND", "SAU"}
    # two sides meeting in a third country do not take it as a party
    ev = only(code("Israeli and Saudi officials held talks in Cairo on Monday."), "CONSULT")
    assert parties(ev, "actor") == {"ISR", "SAU"}


def test_denied_act_is_negated_even_with_a_borrowed_subject():
    ev = only(code("The Indian army denied that its soldiers had fired on Pakistani posts."),
              "ASSAULT")
    assert ev["status"] == "negated" and parties(ev, "actor") == {"IND"}


def test_place_on_the_object_of_a_dropping_verb():
    ev = only(code("Syrian government helicopters dropped barrel bombs on Daraya overnight."),
              "ASSAULT")
    assert parties(ev, "recipient") == {"SYR"}


def test_goods_carried_into_a_place_are_aid():
    ev = only(code("A Turkish ship laden with flour and medicine docked in the Libyan port "
                   "of Misrata."), "AID")
    assert parties(ev, "actor") == {"TUR"} and parties(ev, "recipient") == {"LBY"}
    ev = only(code("An Egyptian convoy carrying fuel entered Gaza through the Rafah "
                   "crossing."), "AID")
    assert parties(ev, "actor") == {"EGY"} and parties(ev, "recipient") == {"PSE"}
    # passengers are no aid
    assert not code("A bus carrying tourists from Spain arrived in Paris.")


def test_visits_need_an_official_traveller():
    """Regression: prisoners flown to a base were coded as a state visit."""
    events = code("Freed Canadian prisoners were flown to an air base in Germany.")
    assert not [e for e in events if e["event"] == "CONSULT"]
    ev = only(code("Canada's foreign minister flew to Berlin on Monday."), "CONSULT")
    assert parties(ev, "recipient") == {"DEU"}


def test_what_is_discussed_is_no_party():
    ev = only(code("Ruto, Ramaphosa discuss trade and Sudan in phone call"), "CONSULT")
    assert "SDN" not in parties(ev, "actor")


def test_an_invitation_to_talks_is_a_request_to_meet():
    ev = only(code("Seoul invited Pyongyang to resume talks on family reunions."), "REQUEST")
    assert ev["mode"] == "meet" and parties(ev, "recipient") == {"PRK"}


def test_particle_after_the_object_and_own_forces_are_no_target():
    ev = only(code("France will pull its soldiers out of Niger by December."), "RETREAT")
    assert parties(ev, "recipient") == {"NER"} and ev["status"] == "future"


def test_handing_over_a_suspect_is_judicial_cooperation():
    ev = only(code("Turkey handed over two wanted suspects to Iraq on Monday."), "COOPERATE")
    assert parties(ev, "actor") == {"TUR"} and parties(ev, "recipient") == {"IRQ"}


def test_reaffirmed_recognition_is_support():
    ev = only(code("Guatemala's president reaffirmed his country's recognition of Taiwan."),
              "SUPPORT")
    assert parties(ev, "recipient") == {"TWN"}


def test_joint_activity_named_as_a_noun_is_cooperation():
    ev = only(code("Peru and Ecuador began coordinated patrols along their border on Monday."),
              "COOPERATE")
    assert parties(ev, "actor") == {"PER", "ECU"}
    # a coordinated announcement is no joint operation
    events = code("Spain and Ireland recognised a Palestinian state in a coordinated move.")
    assert not [e for e in events if e["event"] == "COOPERATE"]


def test_rockets_that_hit_something_are_an_attack():
    ev = only(code("Hamas denied firing the rocket that hit a hospital in Ashkelon."),
              "ASSAULT")
    assert ev["status"] == "negated"


def test_hearsay_passive_is_alleged():
    ev = only(code("Eritrea is said to have moved troops to the Ethiopian border."),
              "MOBILIZE")
    assert ev["status"] == "alleged"


def test_an_act_condemned_or_not_still_happened():
    events = code("Brazil has never condemned Russia's invasion of Ukraine.")
    assert only(events, "ACCUSE")["status"] == "negated"
    assert only(events, "ASSAULT")["status"] == "asserted"
    ev = only(code("Serbia's president declined to criticise Russia's war in Ukraine."),
              "ASSAULT")
    assert parties(ev, "actor") == {"RUS"} and parties(ev, "recipient") == {"UKR"}
    # a war named without its sides needs its light verb
    assert not [e for e in code("The two economies are locked in a trade war.")
                if e["event"] == "ASSAULT"]


def test_pronoun_object_of_a_participle_is_the_main_recipient():
    events = code("Niger expelled two Algerian diplomats, accusing them of spying.")
    assert parties(only(events, "ACCUSE"), "recipient") == {"DZA"}


def test_headline_comma_pair_read_as_npadvmod():
    ev = only(code("Ghana, Togo agree to build joint power plant"), "AGREE")
    assert parties(ev, "actor") == {"GHA", "TGO"}


def test_a_mediator_before_the_talks_is_a_party():
    ev = only(code("Brokered by Egypt, talks between Israel and Hamas resumed in Cairo."),
              "CONSULT")
    assert {"EGY", "ISR"} <= parties(ev, "actor")


def test_people_sent_to_help_are_aid():
    ev = only(code("Japan sent a medical team and rescue dogs to Turkey after the quake."),
              "AID")
    assert parties(ev, "actor") == {"JPN"} and parties(ev, "recipient") == {"TUR"}


def test_days_of_talks_take_their_light_verb():
    ev = only(code("Serbia and Kosovo ended three days of talks in Brussels."), "CONSULT")
    assert parties(ev, "actor") == {"SRB", "XKX"}


def test_hoped_for_acts_have_not_happened():
    """Regression: the lemmatiser reads 'hoped' as 'hop', so hoped-for visits were
    asserted."""
    events = code("A delegation from the African Union that had hoped to travel to Bamako "
                  "was turned back.")
    assert all(e["status"] != "asserted" for e in events if e["event"] == "CONSULT")


def test_threat_with_an_advcl_infinitive():
    events = code("Rwanda threatened on Friday to sever diplomatic relations with Belgium.")
    ev = only(events, "THREATEN")
    assert parties(ev, "recipient") == {"BEL"} and ev["mode"] == "relations"
    assert all(e["status"] != "asserted" for e in events if e["event"] == "SANCTION")


def test_withdrawing_from_a_town_of_ones_own_country():
    ev = only(code("Ukrainian troops withdrew from the town of Vuhledar on Tuesday."),
              "RETREAT")
    assert "UKR" not in parties(ev, "recipient")
    ev = only(code("Wagner fighters withdrew from the Russian city of Rostov-on-Don."),
              "RETREAT")
    assert parties(ev, "recipient") == {"RUS"}


def test_pan_prefix_is_no_country():
    events = code("Farmers in Panama blocked the Pan-American Highway on Monday.")
    assert all("USA" not in parties(e, "recipient") | parties(e, "actor") for e in events)


def test_what_the_other_side_calls_it_is_the_target():
    ev = only(code("Israel bombed what it called Hezbollah weapons depots in southern "
                   "Lebanon."), "ASSAULT")
    assert {p["id"] for p in ev["recipient"]} == {"HEZBOLLAH"}
    events = code("Turkish jets struck what Ankara described as PKK shelters in northern "
                  "Iraq.")
    assert all("TUR" not in {p["id"] for p in e["recipient"]} for e in events)


def test_headline_verb_tagged_as_a_plural_noun():
    ev = only(code("Thai court jails protest leader for royal insult"), "COERCE")
    assert parties(ev, "actor") == {"THA"}
    # not in running text, and not without a lexicon verb
    assert not code("Rising prices worry families across Europe")


def test_protests_in_a_place_are_its_people_against_their_state():
    events = code("The government imposed a curfew amid riots in Dakar.")
    ev = only(events, "PROTEST")
    assert parties(ev, "actor") == {"SEN"} and parties(ev, "recipient") == {"SEN"}
    assert ev["actor"][0]["text"] == "Dakar"
    # protests talked about, with no place, have no protesters to name
    assert not [e for e in code("Egypt and Jordan held talks on the protests.")
                if e["event"] == "PROTEST"]


def test_exercises_held_alone_are_a_show_of_force():
    """Also a regression: the lemmatiser reads 'staged' as 'stag', so the light verb was
    not found."""
    ev = only(code("China staged large-scale military drills around Taiwan on Monday."),
              "MOBILIZE")
    assert parties(ev, "actor") == {"CHN"} and parties(ev, "recipient") == {"TWN"}
    ev = only(code("Russia and Belarus held joint military exercises near the Polish "
                   "border."), "COOPERATE")
    assert parties(ev, "actor") == {"RUS", "BLR"}


def test_added_news_verbs():
    ev = only(code("Turkey's president lashed out at Sweden over the Koran burning."),
              "ACCUSE")
    assert parties(ev, "recipient") == {"SWE"}
    ev = only(code("Moscow revoked the accreditation of two German journalists."), "SANCTION")
    assert parties(ev, "actor") == {"RUS"}
    ev = only(code("Poland bolstered its presence along the border with Belarus."),
              "MOBILIZE")
    assert parties(ev, "actor") == {"POL"}


def test_flying_home_is_no_visit():
    events = code("Freed after two years, the Australian economist flew home to Sydney.")
    assert not [e for e in events if e["event"] == "CONSULT"]


def test_passive_rejection_reads_its_mode_from_the_subject():
    ev = only(code("Calls for a snap election were brushed aside by the Thai prime minister "
                   "on Friday."), "REJECT")
    assert ev["mode"] == "change"


def test_gerund_after_a_preposition_shares_the_clause_subject():
    ev = only(code("Armenia and Azerbaijan ended a round of talks in Geneva without agreeing "
                   "on a border map."), "AGREE")
    assert parties(ev, "actor") == {"ARM", "AZE"} and ev["status"] == "negated"
    # a gerund that is a topic does not take the subject
    events = code("Russia vetoed a resolution on extending aid deliveries into Syria.")
    assert not [e for e in events if e["event"] == "AID" and "RUS" in parties(e, "actor")]


def test_would_in_reported_speech_is_future_unless_conditional():
    ev = only(code("The defence minister said that Spain would deploy more troops to "
                   "Latvia next year."), "MOBILIZE")
    assert ev["status"] == "future"
    ev = only(code("Officials said Spain would deploy more troops to Latvia if NATO asked "
                   "for them."), "MOBILIZE")
    assert ev["status"] == "hypothetical"


def test_according_to_a_source_is_alleged():
    ev = only(code("According to a leaked cable, Chile has agreed with Peru to share border "
                   "radar data."), "AGREE")
    assert ev["status"] == "alleged"


def test_arms_sent_to_a_place_are_a_deployment_to_a_state_aid():
    assert only(code("Spain sent two frigates to the Baltic on Monday."), "MOBILIZE")
    ev = only(code("Germany sent two frigates to Ukraine on Monday."), "AID")
    assert parties(ev, "recipient") == {"UKR"}


def test_what_a_retaliation_answers_happened():
    events = code("Moscow threatened to expel Estonian diplomats in retaliation for Tallinn's "
                  "expulsion of a Russian envoy.")
    ev = [e for e in events if e["event"] == "SANCTION" and parties(e, "actor") == {"EST"}]
    assert ev and ev[0]["status"] == "asserted"


def test_the_target_of_the_object_is_the_recipient():
    ev = only(code("Beijing threatened steep tariffs on Australian wine on Monday."), "THREATEN")
    assert parties(ev, "recipient") == {"AUS"}
    # the actor's own "its" is no recipient when the object's target names one
    ev = only(code("Japan will ease its ban on South Korean seafood imports, officials "
                   "said."), "CONCEDE")
    assert parties(ev, "recipient") == {"KOR"}
    # an owner on a compound of the object: "any EU sanctions package"
    ev = only(code("Budapest vetoed any EU sanctions package on Thursday."), "REJECT")
    assert "EU" in parties(ev, "recipient")


def test_a_measure_being_lifted_is_no_new_measure():
    events = code("Ottawa lifted its travel ban on Chinese students on Friday.")
    assert [e["event"] for e in events] == ["RETREAT"] or [e["event"] for e in events] == [
        "CONCEDE"], events


def test_people_deported_from_a_state_are_deported_by_it():
    ev = only(code("Some 900 Haitians were deported from the Dominican Republic over the "
                   "weekend, the IOM said."), "COERCE")
    assert parties(ev, "actor") == {"DOM"} and parties(ev, "recipient") == {"HTI"}
    ev = only(code("Two Russian diplomats were expelled from Oslo on Monday."), "SANCTION")
    assert parties(ev, "actor") == {"NOR"} and parties(ev, "recipient") == {"RUS"}


def test_businesses_punished_for_an_act_are_its_actors():
    events = code("The EU sanctioned three Turkish airlines for flying migrants to Minsk.")
    ev = only(events, "SANCTION")
    assert parties(ev, "recipient") == {"TUR"}
    assert {p["sector"] for p in ev["recipient"]} == {"BUS"}


def test_a_regional_group_acts_as_its_members():
    ev = only(code("The five Central Asian states agreed to build a joint power grid."),
              "AGREE")
    assert parties(ev, "actor") == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    ev = only(code("Russia warned the Baltic states against closing the border."),
              "THREATEN")
    assert parties(ev, "recipient") == {"EST", "LVA", "LTU"}


def test_unnamed_forces_deployed_in_a_place_are_that_state_s():
    ev = only(code("Tanks and troops were deployed around the parliament in Dhaka on "
                   "Tuesday."), "MOBILIZE")
    assert parties(ev, "actor") == {"BGD"}


def test_a_measure_imposed_on_a_place_with_no_agent_is_that_state_s():
    ev = only(code("A night curfew was imposed on Nairobi after days of rioting."), "COERCE")
    assert parties(ev, "actor") == {"KEN"} and ev["mode"] == "curfew"
    ev = only(code("A state of emergency was declared in Quito on Monday."), "COERCE")
    assert parties(ev, "actor") == {"ECU"}


def test_an_envoy_recalled_is_recalled_by_its_own_state():
    ev = only(code("Peru recalled its ambassador to Mexico on Friday."), "SANCTION")
    assert parties(ev, "actor") == {"PER"} and parties(ev, "recipient") == {"MEX"}
    ev = only(code("The Colombian envoy in Caracas has been recalled for consultations."),
              "SANCTION")
    assert parties(ev, "actor") == {"COL"} and parties(ev, "recipient") == {"VEN"}


def test_the_accused_does_the_act_even_when_the_gerund_is_parsed_as_pobj():
    ev = only(code("Lithuania accused Belarus on Tuesday of jamming GPS signals over the "
                   "Baltic Sea."), "COERCE")
    assert parties(ev, "actor") == {"BLR"} and ev["status"] == "alleged"


def test_the_owner_of_a_decision_does_the_act():
    ev = only(code("Moscow condemned Norway's move to expel four Russian diplomats."),
              "SANCTION")
    assert parties(ev, "actor") == {"NOR"} and parties(ev, "recipient") == {"RUS"}


def test_people_seized_by_armed_groups_are_abducted_by_the_state_arrested():
    ev = only(code("Houthi rebels seized 25 crew members of a cargo ship in the Red Sea."),
              "ASSAULT")
    assert ev["mode"] == "abduct"
    # the Red Sea is the sea, not the Sudanese state of that name
    assert ev["location"] is None or ev["location"]["country"] != "SDN"
    ev = only(code("Venezuelan police seized two opposition activists in Caracas."), "COERCE")
    assert ev["mode"] == "arrest"


def test_boarding_a_ship_is_a_seizure_and_hackers_breach_networks():
    ev = only(code("Iranian commandos boarded a Greek tanker in the Gulf of Oman."), "COERCE")
    assert ev["mode"] == "seize" and parties(ev, "recipient") == {"GRC"}
    ev = only(code("Chinese hackers breached the email accounts of Czech officials, Prague "
                   "said."), "COERCE")
    assert ev["mode"] == "cyber" and parties(ev, "actor") == {"CHN"}
    assert parties(ev, "recipient") == {"CZE"}


def test_strikes_called_are_yet_to_come_and_being_on_strike_is_striking():
    ev = only(code("Kenya's opposition has called a nationwide shutdown for Monday."),
              "PROTEST")
    assert ev["mode"] == "strike" and ev["status"] == "future"
    assert all(e["event"] != "PROTEST"
               for e in code("An internet shutdown was imposed in Manipur on Friday."))
    ev = only(code("Dock workers in Antwerp have been on strike for a week."), "PROTEST")
    assert ev["status"] == "asserted" and parties(ev, "actor") == {"BEL"}


def test_modes_of_what_is_asked_deployed_and_threatened():
    ev = only(code("Latvia will ask NATO to station more air-defence batteries on its "
                   "territory at the summit next month."), "REQUEST")
    assert ev["mode"] == "assist"  # the summit is where it is asked, not what
    ev = only(code("Belarus has deployed air-defence systems along its border with Poland."),
              "MOBILIZE")
    assert ev["mode"] == "weapons"
    ev = only(code("Beijing threatened Vilnius with economic retaliation."), "THREATEN")
    assert ev["mode"] == "restrict"


def test_what_a_rights_group_reports_is_alleged_and_its_accusation():
    events = code("Amnesty International said Iranian security forces had tortured detained "
                  "protesters.")
    assert only(events, "ASSAULT")["status"] == "alleged"
    ev = only(events, "ACCUSE")
    assert ev["status"] == "asserted" and parties(ev, "recipient") == {"IRN"}
    # a government's word is its own statement, not an NGO report
    ev = only(code("The Ukrainian foreign ministry said Russian forces had shelled "
                   "Kherson."), "ASSAULT")
    assert ev["status"] == "asserted"


def test_a_place_attacked_names_the_target_state():
    ev = only(code("Russian forces shelled Kherson overnight."), "ASSAULT")
    assert parties(ev, "recipient") == {"UKR"}
    ev = only(code("Israeli jets bombed the town of Jenin on Tuesday."), "ASSAULT")
    assert parties(ev, "recipient") == {"PSE"}
    assert ev["recipient"][0]["text"] == "Jenin"  # grounded on the place


def test_ruling_out_refuses_and_not_ruling_out_leaves_it_possible():
    events = code("Seoul ruled out sending troops to Ukraine.")
    assert parties(only(events, "REJECT"), "recipient") == {"UKR"}
    assert only(events, "MOBILIZE")["status"] == "negated"
    events = code("Caracas has not ruled out resuming talks with Bogota, a minister said.")
    assert only(events, "REJECT")["status"] == "negated"
    assert only(events, "CONSULT")["status"] == "hypothetical"
    assert not code("The court ruled that the election was valid.")


def test_drills_wrapped_up_or_concluded_took_place():
    ev = only(code("Soldiers from Mali, Niger and Burkina Faso wrapped up ten days of joint "
                   "drills near Gao on Sunday."), "COOPERATE")
    assert parties(ev, "actor") == {"MLI", "NER", "BFA"}
    ev = only(code("Indian and French navies concluded a week-long exercise in the Arabian "
                   "Sea."), "COOPERATE")
    assert parties(ev, "actor") == {"IND", "FRA"}


def test_an_agreement_signed_is_the_signing_not_an_agreement_by_its_broker():
    events = code("Egypt and Sudan signed a water-sharing agreement brokered by the African "
                  "Union.")
    assert not [e for e in events if parties(e, "actor") == {"AU"}], events
    ev = only(events, "SUPPORT")
    assert {"EGY", "SDN"} <= parties(ev, "actor")


def test_joint_activity_named_by_a_compound_noun_is_cooperation():
    ev = only(code("Cuban and Russian instructors are reportedly running joint training "
                   "courses for Venezuelan troops."), "COOPERATE")
    assert parties(ev, "actor") == {"CUB", "RUS"} and ev["status"] == "alleged"


def test_police_and_peacekeepers_sent_abroad_are_a_deployment():
    ev = only(code("Kenya sent over 400 police officers to Haiti."), "MOBILIZE")
    assert parties(ev, "recipient") == {"HTI"} and ev["mode"] == "police"
    ev = only(code("Guatemala hands over 12 cartel figures to US"), "COOPERATE")
    assert parties(ev, "recipient") == {"USA"}  # "over 12" read as the particle
    ev = only(code("Tehran blocked Telegram and Instagram during the unrest."), "COERCE")
    assert ev["mode"] == "censor"


def test_missile_tests_in_headlines_are_weapons_mobilisation():
    ev = only(code("North Korea test-fires new cruise missile"), "MOBILIZE")
    assert ev["mode"] == "weapons" and ev["trigger"]["text"] == "test-fires"


def test_a_fronted_participle_does_not_hide_the_subject():
    events = code("Meeting by video link, Brazil and Chile agreed to extend the trade deal.")
    ev = [e for e in events if e["event"] == "AGREE" and e["status"] == "asserted"]
    assert ev and parties(ev[0], "actor") == {"BRA", "CHL"}
    assert parties(only(events, "CONSULT"), "actor") == {"BRA", "CHL"}


def test_a_group_led_by_a_state_is_coded_with_the_leader():
    ev = only(code("A coalition led by Saudi Arabia struck Houthi positions in Yemen."),
              "ASSAULT")
    assert parties(ev, "actor") == {"SAU"}
    ev = only(code("OPEC and its allies led by Russia agreed on Sunday to extend output "
                   "cuts."), "AGREE")
    assert parties(ev, "actor") == {"OPEC", "RUS"}


def test_events_expected_or_scheduled_are_future():
    ev = only(code("Anti-government protests called by opposition parties are expected in "
                   "Harare on Monday."), "PROTEST")
    assert ev["status"] == "future"


def test_status_of_hedged_denied_pending_and_stopped_events():
    def status(text: str, etype: str) -> str:
        return only(code(text), etype)["status"]

    assert status("Satellite images appear to show that Russia has deployed bombers to "
                  "Belarus.", "MOBILIZE") == "alleged"
    assert status("Serbia has yet to recognise Kosovo.", "SUPPORT") == "negated"
    assert status("Kyiv denied reports that Ukrainian drones had struck a Russian "
                  "refinery.", "ASSAULT") == "negated"
    assert status("Reports that Turkey had sent troops to Libya were confirmed by "
                  "Ankara.", "MOBILIZE") == "asserted"
    assert status("Israel is poised to launch a ground offensive in Rafah.",
                  "ASSAULT") == "future"
    assert status("Egypt no longer supplies gas to Israel.", "AID") == "negated"


def test_events_called_off_postponed_or_merely_offered():
    ev = only(code("Kenyan doctors called off their strike on Friday."), "PROTEST")
    assert ev["status"] == "negated"
    ev = only(code("Armenia postponed talks with Azerbaijan."), "CONSULT")
    assert ev["status"] == "future" and parties(ev, "actor") == {"ARM", "AZE"}
    ev = only(code("Hungary is ready to host talks between Russia and Ukraine."), "CONSULT")
    assert ev["status"] == "hypothetical"
    # cancelling a visit reduces relations with the host; "his" is no recipient
    ev = only(code("Lula cancelled his visit to Caracas."), "SANCTION")
    assert parties(ev, "actor") == {"BRA"} and parties(ev, "recipient") == {"VEN"}


def test_leaders_speaking_by_phone_consult_and_what_they_talk_is_a_topic():
    ev = only(code("Macron and Trump spoke by phone on Tuesday about Ukraine."), "CONSULT")
    assert parties(ev, "actor") == {"FRA", "USA"} and ev["mode"] == "phone"
    ev = only(code("Xi, Biden talk Taiwan in phone call"), "CONSULT")
    assert parties(ev, "actor") == {"CHN", "USA"}  # Taiwan is the topic, not a party
    assert not code("The minister spoke to reporters in Brussels.")


def test_a_crowd_named_only_by_its_size_protests_where_it_marches():
    ev = only(code("Thousands marched in Belgrade against the government."), "PROTEST")
    assert parties(ev, "actor") == {"SRB"} and ev["actor"][0]["text"] == "Thousands"
    assert not code("Thousands died in the earthquake.")


def test_a_group_acting_on_one_of_its_members_leaves_it_out():
    ev = only(code("The Baltic states rallied behind Lithuania."), "SUPPORT")
    assert parties(ev, "actor") == {"EST", "LVA"} and parties(ev, "recipient") == {"LTU"}


def test_fire_traded_is_no_trade_and_borders_closed_or_opened():
    # fire traded is no trade (not coded as fighting yet: see the closing note)
    assert not [e for e in code("Thai and Cambodian troops traded fire along the disputed "
                                "border.") if e["event"] == "COOPERATE"]
    assert only(code("China and Brazil trade more than ever."), "COOPERATE")
    ev = only(code("Poland closed its border with Belarus after the incident."), "SANCTION")
    assert parties(ev, "recipient") == {"BLR"}
    ev = only(code("Egypt opened the Rafah crossing for aid trucks on Saturday."), "RETREAT")
    assert ev["mode"] == "access"


def test_a_deal_brokered_by_a_third_party_is_the_signatories_and_the_broker():
    ev = only(code("Saudi Arabia restored diplomatic ties with Iran in a deal brokered by "
                   "China."), "AGREE")
    assert parties(ev, "actor") == {"SAU", "IRN", "CHN"}


def test_blocking_a_package_and_agreeing_to_a_truce_with_someone():
    events = code("Hungary blocked the EU's 50 billion euro aid package for Ukraine.")
    ev = only(events, "REJECT")
    assert parties(ev, "actor") == {"HUN"} and parties(ev, "recipient") == {"EU"}
    assert not [e for e in events if e["event"] == "AID" and e["status"] == "asserted"]
    ev = only(code("Israel agreed to a temporary truce with Hamas."), "AGREE")
    assert {p["id"] for p in ev["actor"]} == {"ISR", "HAMAS"}
