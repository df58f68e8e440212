"""The actor dictionary (no model): data soundness, coverage, aliases, roles, dates, user files."""

from __future__ import annotations

import datetime as dt

import pycountry
import pytest

from blocs.actors import dictionary
from blocs.actors.dictionary import alias_table, person_at, role_table, sector_at

# ISO 3166-1 entries that are not UN member states: dependent territories, areas without a
# permanent population, the two UN observer states (Holy See, Palestine), Taiwan, Western
# Sahara, and the Chinese special administrative regions. What is left is the 193 members.
NON_MEMBERS = {
    # observers and disputed / partially recognised
    "VAT", "PSE", "TWN", "ESH",
    # special administrative regions of China
    "HKG", "MAC",
    # United States territories
    "ASM", "GUM", "MNP", "PRI", "UMI", "VIR",
    # British overseas territories and Crown dependencies
    "AIA", "BMU", "IOT", "VGB", "CYM", "FLK", "GIB", "MSR", "PCN", "SHN", "SGS", "TCA",
    "GGY", "IMN", "JEY",
    # French overseas departments, collectivities and territories
    "GUF", "GLP", "MTQ", "MYT", "REU", "BLM", "MAF", "SPM", "PYF", "NCL", "WLF", "ATF",
    # Netherlands
    "ABW", "CUW", "SXM", "BES",
    # Denmark, Finland, Norway
    "FRO", "GRL", "ALA", "BVT", "SJM",
    # Australia and New Zealand (Cook Islands and Niue are not UN members)
    "CXR", "CCK", "HMD", "NFK", "COK", "NIU", "TKL",
    # Antarctica
    "ATA",
}


def _entries(alias: str) -> list[dictionary.Entry]:
    entries = alias_table().get(alias)
    assert entries, f"alias {alias!r} is not in the dictionary"
    return entries


def _countries(alias: str) -> set[str | None]:
    return {e.country for e in _entries(alias)}


def _ids(alias: str) -> set[str]:
    return {e.id for e in _entries(alias)}


def test_data_validates():
    assert dictionary.validate() == []


def test_all_un_member_states_present():
    members = {c.alpha_3 for c in pycountry.countries} - NON_MEMBERS
    assert len(members) == 193
    ids = {c["id"] for c in dictionary._sources(())["countries"]}
    assert sorted(members - ids) == []
    assert len(ids) >= 193


def test_country_ids_unique():
    ids = [c["id"] for c in dictionary._sources(())["countries"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("alias", "iso3"),
    [
        ("US", "USA"),
        ("U.S.", "USA"),
        ("United States", "USA"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("Moscow", "RUS"),
        ("Kremlin", "RUS"),
        ("Russia", "RUS"),
        ("Downing Street", "GBR"),
        ("Tehran", "IRN"),
        ("Iraqi", "IRQ"),
        ("Iraq", "IRQ"),
        ("UAE", "ARE"),
        ("the Emirates", "ARE"),
        ("Beijing", "CHN"),
        ("Chinese", "CHN"),
    ],
)
def test_state_aliases(alias, iso3):
    assert _countries(alias) == {iso3}


def test_alias_kinds():
    assert {e.kind for e in _entries("Moscow")} == {"capital"}
    assert {e.sector for e in _entries("Moscow")} == {"GOV"}
    assert {e.kind for e in _entries("Kremlin")} == {"seat"}
    assert {e.kind for e in _entries("Iraqi")} == {"demonym"}
    assert "state" in {e.kind for e in _entries("US")}


def test_aliases_are_case_sensitive():
    # "US" is a state; "us" (the pronoun) must never be.
    assert "us" not in alias_table()
    assert "is" not in alias_table()


def test_datelines_in_capitals():
    # Upper-cased single-word names and capitals for datelines ("BAGHDAD (Reuters) -").
    assert _countries("BAGHDAD") == {"IRQ"}
    assert _countries("RUSSIA") == {"RUS"}


@pytest.mark.parametrize("alias", ["IS", "ISIS", "ISIL", "Daesh", "Islamic State"])
def test_islamic_state_aliases(alias):
    assert _ids(alias) == {"ISIL"}
    (entry,) = _entries(alias)
    assert entry.kind == "org"
    assert entry.sector == "REB"


def test_hezbollah_is_lebanese():
    (entry,) = _entries("Hezbollah")
    assert entry.id == "HEZBOLLAH"
    assert entry.country == "LBN"
    assert entry.kind == "org"


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("deputy chiefs of staff", "MIL"),
        ("deputy chief of staff", "MIL"),
        ("officials", "GOV"),
        ("police", "COP"),
        ("rebels", "REB"),
        ("protesters", "CVL"),
        ("defense ministry", "MIL"),
        ("defence ministry", "MIL"),
        ("foreign ministry", "GOV"),
        ("military police", "COP"),
        ("lawmakers", "LEG"),
        ("judges", "JUD"),
        ("journalists", "MED"),
        ("refugees", "REF"),
    ],
)
def test_roles(phrase, sector):
    assert role_table()[phrase] == sector


def test_role_keys_are_lower_case():
    assert all(key == key.lower() for key in role_table())


def test_taliban_sector_over_time():
    (taliban,) = _entries("Taliban")
    assert taliban.id == "TALIBAN"
    assert taliban.country == "AFG"
    assert sector_at(taliban, dt.date(1998, 1, 1)) == "GOV"
    assert sector_at(taliban, dt.date(2010, 6, 1)) == "REB"
    assert sector_at(taliban, dt.date(2021, 8, 14)) == "REB"
    assert sector_at(taliban, dt.date(2021, 9, 1)) == "GOV"
    # Without a date: the current sector.
    assert sector_at(taliban, None) == "GOV"


def test_sector_at_without_periods_and_for_non_orgs():
    (hezbollah,) = _entries("Hezbollah")
    assert sector_at(hezbollah, dt.date(2010, 1, 1)) == hezbollah.sector
    (moscow,) = _entries("Moscow")
    assert sector_at(moscow, dt.date(2010, 1, 1)) == "GOV"


def test_country_name():
    assert dictionary.country_name("IRQ") == "Iraq"
    assert dictionary.country_name(None) is None
    assert dictionary.country_name("ZZZ") is None


USER_FILE = """\
countries:
  - id: RUS
    name: Russia
    names: [Russia, Russian Federation, Rossiya]
    demonyms: [Russian, Russians]
    capitals: [Moscow]
    seats: [Kremlin]
orgs:
  - id: HEZBOLLAH
    name: Hezbollah
    names: [Hezbollah]
    country: LBN
    sector: REB
  - id: ZZFRONT
    name: Zeta Liberation Front
    names: [Zeta Liberation Front, ZLF]
    country: COL
    sector: REB
roles:
  REB:
    - night raiders
  CVL:
    - shopkeepers
"""


@pytest.fixture
def user_file(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    return str(path)


def test_user_file_overrides_and_extends(user_file):
    extra = (user_file,)
    table = alias_table(extra)
    # The org's sector is overridden, the built-in entry replaced (not duplicated).
    assert [(e.id, e.sector) for e in table["Hezbollah"]] == [("HEZBOLLAH", "REB")]
    # A built-in alias the user entry no longer lists is gone with the built-in entry.
    assert "Hizballah" not in table
    # A new country alias and a new org.
    assert _countries_in(table, "Rossiya") == {"RUS"}
    assert _countries_in(table, "Moscow") == {"RUS"}
    assert [e.id for e in table["ZLF"]] == ["ZZFRONT"]
    # Roles: new phrases added, built-in ones kept.
    roles = role_table(extra)
    assert roles["night raiders"] == "REB"
    assert roles["shopkeepers"] == "CVL"
    assert roles["rebels"] == "REB"
    assert roles["officials"] == "GOV"
    assert dictionary.validate(extra) == []
    # The built-in table is untouched.
    assert [e.sector for e in alias_table()["Hezbollah"]] == ["PTY"]
    assert "Rossiya" not in alias_table()
    assert "night raiders" not in role_table()


def _countries_in(table, alias):
    return {e.country for e in table[alias]}


def test_user_file_problems_reported(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("orgs:\n  - id: BADORG\n    name: Bad\n    names: [Bad Org]\n"
                    "    country: QQQ\n    sector: XYZ\n", encoding="utf-8")
    problems = dictionary.validate((str(path),))
    assert any("BADORG" in p and "QQQ" in p for p in problems)
    assert any("BADORG" in p and "XYZ" in p for p in problems)


def test_user_file_must_be_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ValueError):
        alias_table((str(path),))


def _has_leaders() -> bool:
    return bool(dictionary._sources(())["leaders"])


def test_putin_by_date():
    if not _has_leaders() or "Putin" not in alias_table():
        pytest.skip("leaders.yaml absent or without Putin")
    entries = alias_table()["Putin"]
    putin = person_at(entries, dt.date(2010, 1, 1))
    assert putin is not None
    assert (putin.country, putin.sector, putin.kind) == ("RUS", "GOV", "person")
    assert person_at(entries, None) is not None
    # Before he held any office the dictionary has no Putin to offer.
    assert person_at(entries, dt.date(1990, 1, 1)) is None


@pytest.mark.parametrize("alias, iso3, during, before", [
    ("Nawrocki", "POL", dt.date(2025, 9, 1), dt.date(2024, 1, 1)),
    ("Dissanayake", "LKA", dt.date(2025, 1, 1), dt.date(2020, 1, 1)),
    ("Tshisekedi", "COD", dt.date(2020, 6, 1), dt.date(2015, 1, 1)),
    ("Bukele", "SLV", dt.date(2023, 1, 1), dt.date(2015, 1, 1)),
])
def test_surnames_code_only_within_tenure(alias, iso3, during, before):
    if not _has_leaders():
        pytest.skip("leaders.yaml absent")
    entries = alias_table()[alias]
    assert person_at(entries, during).country == iso3
    # Before the first office there is nobody for the surname to name.
    assert person_at(entries, before) is None


def test_time_disjoint_namesakes_and_changed_offices():
    if not _has_leaders():
        pytest.skip("leaders.yaml absent")
    deby = alias_table()["Deby"]
    father, junta, son = (person_at(deby, dt.date(y, 1, 1)) for y in (2010, 2022, 2025))
    assert (father.name, father.country, father.sector) == ("Idriss Deby", "TCD", "GOV")
    assert (junta.name, junta.sector) == ("Mahamat Idriss Deby (Transitional Military Council)",
                                         "MIL")
    assert (son.name, son.sector) == ("Mahamat Idriss Deby", "GOV")
    # The same person in a national office, then an EU one.
    kallas = alias_table()["Kallas"]
    assert person_at(kallas, dt.date(2022, 1, 1)).country == "EST"
    eu = person_at(kallas, dt.date(2025, 1, 1))
    assert (eu.country, eu.id, eu.sector) == (None, "EEAS", "IGO")
    # Hemedti: the RSF's commander as a state paramilitary, then in the war with the army.
    hemedti = alias_table()["Hemedti"]
    assert person_at(hemedti, dt.date(2020, 1, 1)).sector == "MIL"
    assert (person_at(hemedti, dt.date(2024, 1, 1)).id,
            person_at(hemedti, dt.date(2024, 1, 1)).sector) == ("RSF", "REB")


def test_leader_tenures_well_formed():
    if not _has_leaders():
        pytest.skip("leaders.yaml absent")
    for entries in alias_table().values():
        for e in entries:
            if e.kind != "person":
                continue
            for start, end in e.terms:
                if start and end:
                    assert dt.date.fromisoformat(start) <= dt.date.fromisoformat(end), e.name


def test_user_file_can_move_a_role_phrase(tmp_path):
    path = tmp_path / "roles.yaml"
    path.write_text("roles:\n  MIL:\n    - police\n", encoding="utf-8")
    assert role_table((str(path),))["police"] == "MIL"


@pytest.mark.parametrize("alias,country,sector", [
    ("Georgian Dream", "GEO", "PTY"), ("Frelimo", "MOZ", "PTY"), ("PiS", "POL", "PTY"),
    ("Citizens Coalition for Change", "ZWE", "OPP")])
def test_ruling_and_opposition_parties(alias, country, sector):
    (entry,) = alias_table()[alias]
    assert (entry.country, entry.sector, entry.kind) == (country, sector, "org")
