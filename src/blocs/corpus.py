"""A deterministic, synthetic news corpus for benchmarks and scale tests (no downloads).

    for document in generate(1000, seed=7):
        ...
    write_jsonl("bench.jsonl", 10_000, seed=0)
    python -m blocs.corpus 10000 bench.jsonl --seed 0

Every story is assembled from templates written for blocs: a title line, a blank line and
4 to 12 paragraphs (300 to 6,000 characters) mixing event sentences of every PLOVER type
(meetings, agreements, aid, criticism, threats, sanctions, troop moves, arrests, attacks,
protests...), some negated, planned or hypothetical, with filler that carries no event.
Actors come from dozens of countries in every form news uses: country names, demonym plus
role ("Kenyan police"), titled people ("Chilean Foreign Minister Ana Rojas", then
"Rojas"), capitals as metonymy ("Nairobi said") and organisations. The people are invented.

Document i of seed s depends on (s, i) alone: its id is `gen-<s>-<i>`, and the same seed
always gives the same text, title and `published` date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from blocs.types import Document

MIN_CHARS, MAX_CHARS = 300, 6000


@dataclass(frozen=True)
class Country:
    name: str
    demonym: str
    capital: str
    city: str  # another city, used as a place
    names: str  # which name pool its people are drawn from


COUNTRIES = [
    Country("Algeria", "Algerian", "Algiers", "Oran", "arabic"),
    Country("Argentina", "Argentine", "Buenos Aires", "Cordoba", "latin"),
    Country("Australia", "Australian", "Canberra", "Sydney", "english"),
    Country("Austria", "Austrian", "Vienna", "Salzburg", "german"),
    Country("Brazil", "Brazilian", "Brasilia", "Sao Paulo", "latin"),
    Country("Canada", "Canadian", "Ottawa", "Toronto", "english"),
    Country("Chile", "Chilean", "Santiago", "Valparaiso", "latin"),
    Country("China", "Chinese", "Beijing", "Shanghai", "chinese"),
    Country("Colombia", "Colombian", "Bogota", "Medellin", "latin"),
    Country("Egypt", "Egyptian", "Cairo", "Alexandria", "arabic"),
    Country("Ethiopia", "Ethiopian", "Addis Ababa", "Gondar", "eastafrica"),
    Country("France", "French", "Paris", "Marseille", "french"),
    Country("Germany", "German", "Berlin", "Hamburg", "german"),
    Country("Ghana", "Ghanaian", "Accra", "Kumasi", "westafrica"),
    Country("Greece", "Greek", "Athens", "Thessaloniki", "greek"),
    Country("India", "Indian", "New Delhi", "Mumbai", "indian"),
    Country("Indonesia", "Indonesian", "Jakarta", "Surabaya", "malay"),
    Country("Iran", "Iranian", "Tehran", "Isfahan", "persian"),
    Country("Iraq", "Iraqi", "Baghdad", "Basra", "arabic"),
    Country("Israel", "Israeli", "Jerusalem", "Haifa", "hebrew"),
    Country("Italy", "Italian", "Rome", "Milan", "italian"),
    Country("Japan", "Japanese", "Tokyo", "Osaka", "japanese"),
    Country("Jordan", "Jordanian", "Amman", "Aqaba", "arabic"),
    Country("Kenya", "Kenyan", "Nairobi", "Mombasa", "eastafrica"),
    Country("Lebanon", "Lebanese", "Beirut", "Tripoli", "arabic"),
    Country("Malaysia", "Malaysian", "Kuala Lumpur", "Penang", "malay"),
    Country("Mexico", "Mexican", "Mexico City", "Monterrey", "latin"),
    Country("Morocco", "Moroccan", "Rabat", "Casablanca", "arabic"),
    Country("Nigeria", "Nigerian", "Abuja", "Lagos", "westafrica"),
    Country("Norway", "Norwegian", "Oslo", "Bergen", "nordic"),
    Country("Pakistan", "Pakistani", "Islamabad", "Karachi", "indian"),
    Country("Peru", "Peruvian", "Lima", "Cusco", "latin"),
    Country("Philippines", "Philippine", "Manila", "Cebu", "malay"),
    Country("Poland", "Polish", "Warsaw", "Krakow", "slavic"),
    Country("Russia", "Russian", "Moscow", "St Petersburg", "slavic"),
    Country("Saudi Arabia", "Saudi", "Riyadh", "Jeddah", "arabic"),
    Country("Senegal", "Senegalese", "Dakar", "Thies", "westafrica"),
    Country("South Africa", "South African", "Pretoria", "Durban", "southafrica"),
    Country("South Korea", "South Korean", "Seoul", "Busan", "korean"),
    Country("Spain", "Spanish", "Madrid", "Barcelona", "latin"),
    Country("Sweden", "Swedish", "Stockholm", "Gothenburg", "nordic"),
    Country("Syria", "Syrian", "Damascus", "Aleppo", "arabic"),
    Country("Tanzania", "Tanzanian", "Dodoma", "Arusha", "eastafrica"),
    Country("Thailand", "Thai", "Bangkok", "Chiang Mai", "thai"),
    Country("Turkey", "Turkish", "Ankara", "Istanbul", "turkish"),
    Country("Ukraine", "Ukrainian", "Kyiv", "Odesa", "slavic"),
    Country("United Kingdom", "British", "London", "Manchester", "english"),
    Country("Venezuela", "Venezuelan", "Caracas", "Maracaibo", "latin"),
    Country("Vietnam", "Vietnamese", "Hanoi", "Da Nang", "vietnamese"),
]

# Invented people: a first name and a surname from the country's pool.
NAME_POOLS = {
    "arabic": (["Karim", "Samir", "Leila", "Nadia", "Tarek", "Yasmin", "Walid", "Rania"],
               ["Haddad", "Mansour", "Khatib", "Saleh", "Nasser", "Qasim", "Farouk", "Azzam"]),
    "latin": (["Lucia", "Mateo", "Camila", "Diego", "Valeria", "Andres", "Paula", "Tomas"],
              ["Tavares", "Rojas", "Quintero", "Salgado", "Montoya", "Herrera", "Pizarro",
               "Cardenas"]),
    "english": (["Helen", "Graham", "Fiona", "Duncan", "Rachel", "Owen", "Claire", "Simon"],
                ["Whitlock", "Barrow", "Pemberton", "Ashdown", "Carver", "Hollis", "Redmond",
                 "Fairley"]),
    "german": (["Anja", "Lukas", "Katrin", "Jonas", "Sabine", "Florian", "Ute", "Matthias"],
               ["Brenner", "Hoffmeister", "Kessler", "Lindqvist", "Vogt", "Amsel", "Reuter",
                "Falk"]),
    "chinese": (["Wei", "Lan", "Jun", "Mei", "Hao", "Xiu", "Tao", "Ying"],
                ["Zhou", "Gao", "Tang", "Feng", "Luo", "Pan", "Cao", "Shen"]),
    "eastafrica": (["Amina", "Baraka", "Zawadi", "Tesfaye", "Wanjiru", "Juma", "Selam",
                    "Omondi"],
                   ["Mwangi", "Otieno", "Haile", "Kimaro", "Njoroge", "Gebre", "Achieng",
                    "Mutua"]),
    "westafrica": (["Kwame", "Adaeze", "Kofi", "Ngozi", "Moussa", "Fatou", "Emeka", "Awa"],
                   ["Mensah", "Okafor", "Diallo", "Boateng", "Ndiaye", "Adeyemi", "Sarr",
                    "Owusu"]),
    "french": (["Claire", "Julien", "Margaux", "Thibault", "Elise", "Rémi", "Anaïs",
                "Bastien"],
               ["Moreau", "Lefebvre", "Garnier", "Rousseau", "Perrin", "Marchand", "Chevalier",
                "Delorme"]),
    "greek": (["Eleni", "Nikos", "Sofia", "Yannis", "Katerina", "Dimitris"],
              ["Papadakis", "Kostopoulos", "Andreou", "Mavridis", "Stavrou", "Liakos"]),
    "indian": (["Anil", "Priya", "Ravi", "Sunita", "Imran", "Meera", "Farhan", "Kavita"],
               ["Mehra", "Qureshi", "Iyer", "Chaudhry", "Bhatt", "Raza", "Nair", "Malik"]),
    "malay": (["Siti", "Arief", "Dewi", "Rizal", "Maria", "Joel", "Nurul", "Bayu"],
              ["Santoso", "Rahman", "Reyes", "Halim", "Villanueva", "Wibowo", "Ismail",
               "Mercado"]),
    "persian": (["Dariush", "Shirin", "Kaveh", "Parisa", "Babak", "Maryam"],
                ["Tehrani", "Farahani", "Karimi", "Sadeghi", "Moradi", "Jafari"]),
    "hebrew": (["Noa", "Eitan", "Tamar", "Yoav", "Michal", "Amit"],
               ["Ben-Ami", "Shapira", "Avrahami", "Dror", "Katzir", "Meiri"]),
    "italian": (["Giulia", "Marco", "Chiara", "Lorenzo", "Silvia", "Paolo"],
                ["Bellini", "Conti", "Ferraro", "Galli", "Marchetti", "Rinaldi"]),
    "japanese": (["Haruka", "Kenji", "Yumiko", "Takeshi", "Aiko", "Daisuke"],
                 ["Morimoto", "Takahara", "Nishida", "Ogawa", "Kuroda", "Hayakawa"]),
    "nordic": (["Ingrid", "Erik", "Sigrid", "Lars", "Astrid", "Nils"],
               ["Halvorsen", "Lundberg", "Nyström", "Dahl", "Ekdal", "Solberg-Holm"]),
    "slavic": (["Olena", "Pavel", "Irina", "Bohdan", "Katarzyna", "Dmitri", "Zofia", "Oleg"],
               ["Kovalenko", "Sokolov", "Nowicki", "Melnyk", "Zarecki", "Orlov", "Hrytsak",
                "Wojcik"]),
    "southafrica": (["Thandi", "Sipho", "Lerato", "Pieter", "Nomsa", "Johan"],
                    ["Dlamini", "Nkosi", "van Wyk", "Mokoena", "Botha", "Zulu"]),
    "korean": (["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun"],
               ["Yoon", "Baek", "Shin", "Hwang"]),
    "thai": (["Somchai", "Malee", "Anan", "Pranee"],
             ["Srisuk", "Chaiyaporn", "Wongsawat", "Thongchai"]),
    "turkish": (["Elif", "Mehmet", "Zeynep", "Burak", "Ayse", "Emre"],
                ["Yildirim", "Aksoy", "Kaya", "Ozturk", "Demirci", "Sahin"]),
    "vietnamese": (["Linh", "Minh", "Thu", "Quang"],
                   ["Pham", "Vu", "Dang", "Bui"]),
}

# Titles a person is introduced with, and the sector they carry.
GOV_TITLES = ["President", "Prime Minister", "Foreign Minister", "Trade Minister",
              "Interior Minister", "Finance Minister", "Energy Minister"]
MIL_TITLES = ["Defence Minister", "army chief General", "Admiral", "Brigadier General"]

ORGS = [
    ("the United Nations", "UN"), ("NATO", "NATO"), ("the European Union", "EU"),
    ("the African Union", "AU"), ("ASEAN", "ASEAN"), ("the World Health Organization", "WHO"),
    ("the International Monetary Fund", "IMF"), ("the World Bank", "WB"),
    ("the Arab League", "ARAB_LEAGUE"), ("the World Food Programme", "WFP"),
    ("the Organization of American States", "OAS"), ("ECOWAS", "ECOWAS"),
    ("the International Committee of the Red Cross", "ICRC"), ("UNICEF", "UNICEF"),
    ("the OSCE", "OSCE"), ("the Gulf Cooperation Council", "GCC"),
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

TOPICS = ["border security", "energy supplies", "grain exports", "water sharing",
          "counter-terrorism", "migration", "fisheries", "port access", "debt relief",
          "cyber security", "rail links", "nuclear safety", "refugee returns",
          "customs rules", "power grids", "maritime patrols", "vaccine production"]
GOODS = ["medical supplies", "tents and blankets", "wheat", "drinking water", "generators",
         "fuel", "vaccines", "field hospitals", "food parcels", "water purification kits"]
WEAPONS = ["artillery", "drones", "air defence systems", "armoured vehicles", "ammunition",
           "patrol boats", "helicopters"]
GRIEVANCES = ["fuel prices", "rising bread prices", "a new tax law", "police violence",
              "delayed elections", "corruption", "unpaid wages", "pension cuts",
              "power cuts", "a mining concession"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12",
           "15", "20", "dozens of", "several"]
AMOUNTS = ["$20 million", "$150 million", "$1.2 billion", "€40 million", "$75 million",
           "$300 million", "$2 billion", "€600 million"]
REASONS = ["its handling of the crisis", "human rights abuses", "violating the ceasefire",
           "interfering in its internal affairs", "the detention of journalists",
           "supporting armed groups", "dumping steel on world markets",
           "blocking aid convoys", "spying on its diplomats"]


def _pick(rng: random.Random, items):
    return items[rng.randrange(len(items))]


class _Story:
    """One document's cast and wording state (who has been introduced already)."""

    def __init__(self, rng: random.Random, published: dt.date) -> None:
        self.rng = rng
        self.published = published
        self.people: dict[tuple[str, str], tuple[str, str, bool]] = {}

    # -- actors -----------------------------------------------------------------
    def person(self, c: Country, *, military: bool = False) -> str:
        """A titled person; the first mention carries demonym and title, later ones the
        surname."""
        kind = "mil" if military else "gov"
        key = (c.name, kind)
        if key not in self.people:
            firsts, lasts = NAME_POOLS[c.names]
            title = _pick(self.rng, MIL_TITLES if military else GOV_TITLES)
            full = f"{_pick(self.rng, firsts)} {_pick(self.rng, lasts)}"
            self.people[key] = (title, full, False)
        title, full, seen = self.people[key]
        if seen:
            return full.split(" ", 1)[1]
        self.people[key] = (title, full, True)
        return f"{c.demonym} {title} {full}"

    def actor(self, c: Country, *, military: bool = False, subject: bool = True) -> str:
        r = self.rng.random()
        if military:
            forms = [f"{c.demonym} troops", f"the {c.demonym} army", f"{c.demonym} forces",
                     f"{c.demonym} soldiers", f"the {c.demonym} military"]
            if r < 0.2:
                return self.person(c, military=True)
            return _pick(self.rng, forms)
        if r < 0.3:
            return c.name
        if r < 0.5:
            return self.person(c)
        if r < 0.62 and subject:
            return c.capital
        forms = [f"the {c.demonym} government", f"{c.demonym} officials",
                 f"the {c.demonym} foreign ministry", f"{c.demonym} diplomats"]
        return _pick(self.rng, forms)

    def party(self, c: Country | None, org: str | None, **kw) -> str:
        return org if org else self.actor(c, **kw)

    # -- when and where -----------------------------------------------------------
    def when(self) -> str:
        rng, pub = self.rng, self.published
        r = rng.random()
        if r < 0.35:
            back = rng.randrange(0, 6)
            return f"on {WEEKDAYS[(pub - dt.timedelta(days=back)).weekday()]}"
        if r < 0.6:
            day = pub - dt.timedelta(days=rng.randrange(1, 20))
            return f"on {MONTHS[day.month - 1]} {day.day}"
        if r < 0.7:
            day = pub - dt.timedelta(days=rng.randrange(1, 40))
            return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"
        return _pick(rng, ["last week", "earlier this month", "this week", "yesterday",
                           f"in {MONTHS[(pub.month - 2) % 12]}", "on Thursday evening",
                           "late on Sunday", "last month"])

    def later(self) -> str:
        return _pick(self.rng, ["next week", "next month", "later this year",
                                "in the coming days", "before the end of the year",
                                f"in {MONTHS[self.published.month % 12]}"])


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _poss(s: str) -> str:
    return s + ("'" if s.endswith("s") else "'s")


def _event(story: _Story, kind: str, a: Country, b: Country, third: Country,
           org: str | None) -> str:
    """One sentence describing an event of PLOVER type `kind` between a and b."""
    rng = story.rng
    # Placeholders, filled once the sentence is chosen: a person is introduced (and counted
    # as introduced) only when a sentence really names them.
    A, B, M = "\x01A\x01", "\x01B\x01", "\x01M\x01"
    d = story.when()
    topic = _pick(rng, TOPICS)
    n = _pick(rng, NUMBERS)
    place = _pick(rng, [a.capital, b.capital, third.capital, b.city, a.city])
    variants: dict[str, list[str]] = {
        "CONSULT": [
            f"{A} met {B} in {place} {d} to discuss {topic}.",
            f"{A} held talks with {B} {d}, focusing on {topic}.",
            f"{A} travelled to {b.capital} {d} for two days of consultations on {topic}.",
            f"{A} spoke by telephone with {B} {d} about {topic}.",
            f"{A} hosted {B} {d} for a meeting on {topic}.",
            f"{A} will visit {b.capital} {story.later()} to discuss {topic}, officials said.",
        ],
        "AGREE": [
            f"{A} and {B} signed an agreement on {topic} in {place} {d}.",
            f"{A} agreed {d} to a joint plan with {B} on {topic}.",
            f"{A} pledged {d} to expand cooperation with {B} on {topic}.",
            f"{A} offered to mediate between {B} and {third.name} {d}.",
            f"{A} and {B} reached a deal {d} that sets common rules for {topic}.",
        ],
        "SUPPORT": [
            f"{A} praised {B} {d} for its handling of {topic}.",
            f"{A} welcomed the decision by {B} {d} to reopen talks on {topic}.",
            f"{A} voiced support {d} for {_poss(B)} position on {topic}.",
            f"{A} endorsed {B} {d} as a candidate to lead the regional body.",
            f"{A} thanked {B} {d} for its help with {topic}.",
        ],
        "COOPERATE": [
            f"{A} and {B} held joint naval exercises near {b.city} {d}.",
            f"{A} has been cooperating with {B} on {topic} since the spring.",
            f"{A} signed a trade deal with {B} {d} to buy more {_pick(rng, GOODS)}.",
            f"{A} agreed {d} to share intelligence with {B} on {topic}.",
            f"{A} is working with {B} to improve {topic}, a spokesman said {d}.",
        ],
        "AID": [
            f"{A} sent {_pick(rng, GOODS)} to {B} {d}.",
            f"{A} delivered {n} tonnes of {_pick(rng, GOODS)} to {B} {d}.",
            f"{A} provided {B} with {_pick(rng, AMOUNTS)} in emergency aid {d}.",
            f"{A} supplied {B} with {_pick(rng, WEAPONS)} {d}.",
            f"{A} granted {B} a loan of {_pick(rng, AMOUNTS)} {d}.",
        ],
        "REQUEST": [
            f"{A} urged {B} {d} to release the detained sailors.",
            f"{A} called on {B} {d} to return to the negotiating table.",
            f"{A} asked {B} for help with {topic} {d}.",
            f"{A} demanded {d} that {B} withdraw its forces from the border.",
            f"{A} appealed to {B} {d} to reopen the crossing.",
        ],
        "ACCUSE": [
            f"{A} accused {B} {d} of {_pick(rng, REASONS)}.",
            f"{A} criticised {B} {d} for {_pick(rng, REASONS)}.",
            f"{A} condemned {B} {d} over {_pick(rng, REASONS)}.",
            f"{A} denounced {_poss(B)} decision on {topic} {d}.",
            f"{A} blamed {B} {d} for the collapse of the talks.",
        ],
        "REJECT": [
            f"{A} rejected {_poss(B)} proposal on {topic} {d}.",
            f"{A} refused {d} to meet {B}.",
            f"{A} dismissed {_poss(B)} demands {d} as unacceptable.",
            f"{A} vetoed a resolution drafted by {B} {d}.",
        ],
        "THREATEN": [
            f"{A} warned {B} {d} that it would respond to any provocation.",
            f"{A} threatened {B} with sanctions {d} over {topic}.",
            f"{A} threatened {d} to cut off {_pick(rng, GOODS)} to {B}.",
            f"{A} warned {B} {d} against sending troops across the border.",
        ],
        "PROTEST": [
            f"Thousands of {a.demonym} protesters marched through {a.capital} {d} against "
            f"{_pick(rng, GRIEVANCES)}.",
            f"{a.demonym} workers went on strike {d} over {_pick(rng, GRIEVANCES)}.",
            f"Hundreds of {a.demonym} students demonstrated outside the {b.demonym} embassy "
            f"in {a.capital} {d}.",
            f"{a.demonym} farmers blocked roads into {a.city} {d} in protest at "
            f"{_pick(rng, GRIEVANCES)}.",
        ],
        "SANCTION": [
            f"{A} imposed sanctions on {B} {d} over {topic}.",
            f"{A} expelled {n} {b.demonym} diplomats {d}.",
            f"{A} froze the assets of {n} {b.demonym} companies {d}.",
            f"{A} suspended flights to {b.name} {d}.",
            f"{A} recalled its ambassador from {b.capital} {d}.",
        ],
        "MOBILIZE": [
            f"{M} deployed {n} battalions to the border with "
            f"{b.name} {d}.",
            f"{A} sent warships toward {b.city} {d}.",
            f"{M} moved tanks and {_pick(rng, WEAPONS)} to the "
            f"frontier with {b.name} {d}.",
            f"{A} mobilised {n} thousand reservists {d} as tension with {b.name} grew.",
        ],
        "COERCE": [
            f"{a.demonym} police arrested {n} {b.demonym} nationals in {a.city} {d}.",
            f"{a.demonym} authorities detained a {b.demonym} journalist {d}.",
            f"{A} seized a {b.demonym} tanker off its coast {d}.",
            f"{a.demonym} border guards detained {n} {b.demonym} fishermen {d}.",
            f"{A} deported {n} {b.demonym} citizens {d}.",
        ],
        "ASSAULT": [
            f"{M} shelled {b.demonym} positions near {b.city} "
            f"{d}.",
            f"{a.demonym} warplanes struck targets in {b.city} {d}, killing {n} people.",
            f"{M} attacked {b.demonym} troops near the border "
            f"{d}.",
            f"{a.demonym} drones hit a {b.demonym} fuel depot {d}.",
            f"{M} clashed with {b.demonym} forces {d}.",
        ],
        "RETREAT": [
            f"{A} withdrew its troops from {b.city} {d}.",
            f"{A} released {n} {b.demonym} prisoners {d}.",
            f"{A} pulled its forces back from the border with {b.name} {d}.",
            f"{A} handed over {n} {b.demonym} detainees to the Red Cross {d}.",
        ],
        "CONCEDE": [
            f"{A} eased restrictions on {b.demonym} imports {d}.",
            f"{A} lifted its ban on {b.demonym} {_pick(rng, GOODS)} {d}.",
            f"{A} bowed to pressure from {B} {d} and dropped the new tariffs.",
            f"{A} gave in to {_poss(B)} demands {d} on {topic}.",
        ],
    }
    if org is not None:
        variants["AID"].append(f"{org} delivered {_pick(rng, GOODS)} to {B} {d}.")
        variants["REQUEST"].append(f"{_cap(org)} urged {B} {d} to allow aid workers into "
                                   f"{b.city}.")
        variants["ACCUSE"].append(f"{_cap(org)} criticised {B} {d} for {_pick(rng, REASONS)}.")
        variants["CONSULT"].append(f"{A} met officials from {org} in {place} {d}.")
        variants["SUPPORT"].append(f"{_cap(org)} praised {B} {d} for its work on {topic}.")
    variants["CONSULT"].append(f"{A} did not meet {B} {d}, officials said.")
    variants["SANCTION"].append(f"{A} could impose new sanctions on {B} {story.later()}.")
    variants["AID"].append(f"{A} plans to send {_pick(rng, GOODS)} to {B} {story.later()}.")
    variants["ASSAULT"].append(f"{B} said {A} had fired rockets at {b.city} {d}.")
    variants["AGREE"].append(f"{A} and {B} may sign an accord on {topic} {story.later()}.")
    sentence = _pick(rng, variants[kind])
    for mark, fill in ((A, lambda: story.actor(a)), (B, lambda: story.actor(b, subject=False)),
                       (M, lambda: story.actor(a, military=True))):
        while mark in sentence:
            sentence = sentence.replace(mark, fill(), 1)
    return _cap(sentence)


FILLER = [
    "The {demonym} currency slipped {pct} percent against the dollar in early trading.",
    "Temperatures in {capital} reached {temp} degrees, the highest reading for the month.",
    "The two countries have a long and complicated history.",
    "Trade between the two countries has grown steadily over the past decade.",
    "{capital} is home to about {pop} million people.",
    "The {demonym} parliament is due to debate the budget after the summer recess.",
    "Details of the plan were not made public.",
    "Analysts said the outcome would depend on the weather and on fuel prices.",
    "The region produces much of the country's coffee, cotton and cattle.",
    "A spokesperson declined to give further details.",
    "The story was updated with additional background.",
    "Road traffic in {city} was heavy throughout the afternoon.",
    "The {demonym} central bank left its main interest rate unchanged at {pct} percent.",
    "Shares of {demonym} mining companies rose on the news.",
    "Local newspapers gave the story extensive coverage.",
    "The dispute dates back to a border treaty signed in the {decade}s.",
    "More than {pop} million tourists visit {city} every year.",
    "Inflation in {name} has eased since the start of the year.",
    "The port at {city} handles much of the region's container traffic.",
    "Opinion polls suggest the governing party has lost ground in recent months.",
]

QUOTES = [
    "\"We are ready to work with all our neighbours,\" {who} told reporters.",
    "\"This is a dangerous moment for the whole region,\" {who} said.",
    "\"Nobody gains from an escalation,\" {who} said in a televised address.",
    "\"Our door remains open,\" {who} wrote on social media.",
    "\"We will judge them by their actions, not their words,\" {who} said.",
]

# Headline verbs per type: present tense, as headlines write them.
HEADLINES = {
    "CONSULT": "{A} and {B} hold talks on {topic}", "AGREE": "{A} and {B} sign {topic} pact",
    "SUPPORT": "{A} backs {B} on {topic}", "COOPERATE": "{A}, {B} step up {topic} cooperation",
    "AID": "{A} sends aid to {B}", "REQUEST": "{A} urges {B} to reopen talks",
    "ACCUSE": "{A} accuses {B} over {topic}", "REJECT": "{A} rejects {B} proposal",
    "THREATEN": "{A} warns {B} of consequences", "PROTEST": "Protests spread in {A}",
    "SANCTION": "{A} imposes sanctions on {B}", "MOBILIZE": "{A} moves troops to {B} border",
    "COERCE": "{A} detains {B} nationals", "ASSAULT": "Fighting flares between {A} and {B}",
    "RETREAT": "{A} pulls troops back from {B} border", "CONCEDE": "{A} eases curbs on {B}",
}
EVENT_TYPES = tuple(HEADLINES)


def _filler(story: _Story, c: Country) -> str:
    rng = story.rng
    return _pick(rng, FILLER).format(
        demonym=c.demonym, capital=c.capital, city=c.city, name=c.name,
        pct=f"{rng.randrange(1, 9)}.{rng.randrange(10)}", temp=rng.randrange(24, 44),
        pop=rng.randrange(2, 20), decade=rng.choice([1920, 1950, 1960, 1970, 1990]))


def _paragraph(story: _Story, a: Country, b: Country, main: str, sentences: int) -> str:
    rng = story.rng
    out = []
    for _ in range(sentences):
        r = rng.random()
        if r < 0.55:
            if rng.random() < 0.6:
                x, y = (a, b) if rng.random() < 0.7 else (b, a)
            else:
                x, y = rng.sample(COUNTRIES, 2)
            kind = main if rng.random() < 0.25 else _pick(rng, EVENT_TYPES)
            third = _pick(rng, COUNTRIES)
            org = _pick(rng, ORGS)[0] if rng.random() < 0.2 else None
            out.append(_event(story, kind, x, y, third, org))
        elif r < 0.65:
            out.append(_pick(rng, QUOTES).format(who=story.person(_pick(rng, [a, b]))))
        else:
            out.append(_filler(story, _pick(rng, [a, b])))
    return " ".join(out)


def document(i: int, *, seed: int = 0, start: dt.date = dt.date(2023, 1, 1)) -> Document:
    """Document number i of the corpus for seed (independent of every other document)."""
    rng = random.Random(f"blocs-corpus:{seed}:{i}")
    published = start + dt.timedelta(days=rng.randrange(730))
    story = _Story(rng, published)
    a, b = rng.sample(COUNTRIES, 2)
    main = _pick(rng, EVENT_TYPES)
    size = rng.random()
    if size < 0.25:
        n_paras, per = rng.randrange(4, 6), (1, 1)
    elif size < 0.8:
        n_paras, per = rng.randrange(5, 10), (1, 3)
    elif size < 0.93:
        n_paras, per = rng.randrange(8, 13), (2, 4)
    else:
        n_paras, per = rng.randrange(10, 13), (4, 8)
    title = HEADLINES[main].format(A=a.name, B=b.name, topic=_pick(rng, TOPICS))
    title = _cap(title)
    third = _pick(rng, COUNTRIES)
    lead = _event(story, main, a, b, third, None)
    if rng.random() < 0.3:
        lead = f"{a.capital.upper()} — {lead}"
    paragraphs = [lead]
    for _ in range(n_paras - 1):
        paragraphs.append(_paragraph(story, a, b, main, rng.randint(*per)))
    while len(paragraphs) > 4 and len(_join(title, paragraphs)) > MAX_CHARS:
        paragraphs.pop()
    while len(_join(title, paragraphs)) > MAX_CHARS:  # few long paragraphs: cut sentences
        last = paragraphs[-1]
        cut = last.rfind(". ", 0, len(last) - 2)
        paragraphs[-1] = last[:cut + 1] if cut > 0 else last[:200]
    while len(_join(title, paragraphs)) < MIN_CHARS:
        paragraphs[-1] += " " + _filler(story, b)
    published_text = published.isoformat()
    if rng.random() < 0.2:
        published_text += f"T{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}:00Z"
    return Document(id=f"gen-{seed}-{i}", text=_join(title, paragraphs), title=title,
                    published=published_text, source="blocs-corpus")


def _join(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(n: int, *, seed: int = 0,
             start: dt.date = dt.date(2023, 1, 1)) -> Iterator[Document]:
    """n synthetic news documents, ids gen-<seed>-0 … gen-<seed>-<n-1>; deterministic."""
    for i in range(n):
        yield document(i, seed=seed, start=start)


def to_json(document: Document) -> dict:
    return {"id": document.id, "title": document.title, "published": document.published,
            "source": document.source, "text": document.text}


def write_jsonl(path: str | Path, n: int, seed: int = 0, *,
                start: dt.date = dt.date(2023, 1, 1)) -> int:
    """Write n generated documents as JSONL (the blocs input contract); returns n."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for document in generate(n, seed=seed, start=start):
            fh.write(json.dumps(to_json(document), ensure_ascii=False) + "\n")
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m blocs.corpus",
                                     description="Write a synthetic news corpus as JSONL.")
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("out", help="output .jsonl path ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", default="2023-01-01", help="earliest publication date")
    args = parser.parse_args(argv)
    start = dt.date.fromisoformat(args.start)
    if args.out == "-":
        for document in generate(args.n, seed=args.seed, start=start):
            sys.stdout.write(json.dumps(to_json(document), ensure_ascii=False) + "\n")
    else:
        write_jsonl(args.out, args.n, args.seed, start=start)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
