"""Armed groups of roughly 1960-2015 that reports still recall: the dictionary names them the ACLED
way (``ACRONYM: Full English name``) with their inter codes, and common words stay common words.

The sentences are written for these tests (no real article text).
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

import dateline
from dateline.actors.dictionary import ActorDictionary, _is_acronym, _key, read_actor_file


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load(user_file=False)


def names(found: list) -> list[str]:
    return [m.actor.name for m in found]


# --------------------------------------------------------------------------- whole reports


@pytest.mark.parametrize(
    ("text", "published", "actor1", "inter1"),
    [
        (
            "BELFAST - The Provisional IRA planted a bomb outside a pub in Belfast on Saturday, "
            "killing two civilians.",
            "1993-03-20",
            "PIRA: Provisional Irish Republican Army",
            2,
        ),
        (
            "MADRID - ETA detonated a car bomb outside a police barracks in Madrid on Tuesday, "
            "killing three officers.",
            "1987-12-12",
            "ETA: Basque Homeland and Freedom",
            2,
        ),
        (
            "BELFAST - Gunmen from the Ulster Volunteer Force shot dead a Catholic man in north Belfast "
            "on Friday.",
            "1994-06-18",
            "UVF: Ulster Volunteer Force",
            3,
        ),
        (
            "LIMA - Shining Path guerrillas attacked a police post in Ayacucho on Monday, killing four "
            "policemen.",
            "1989-05-10",
            "PCP-SL: Communist Party of Peru-Shining Path",
            2,
        ),
        (
            "COLOMBO - Tamil Tiger rebels attacked an army camp near Jaffna on Friday, killing 12 soldiers.",
            "1996-07-19",
            "LTTE: Liberation Tigers of Tamil Eelam",
            2,
        ),
        (
            "FREETOWN - RUF rebels attacked a village near Kenema on Sunday, killing 15 civilians.",
            "1998-02-15",
            "RUF: Revolutionary United Front",
            2,
        ),
        (
            "ALGIERS - Armed Islamic Group (GIA) gunmen killed 30 villagers in Blida province on Wednesday.",
            "1997-08-27",
            "GIA: Armed Islamic Group",
            2,
        ),
    ],
)
def test_an_old_group_is_actor1_by_its_acled_style_name(
    text: str, published: str, actor1: str, inter1: int
) -> None:
    events = dateline.code(text, published=published)
    assert [(e.actor1, e.inter1) for e in events] == [(actor1, inter1)]


def test_a_bomb_with_no_group_named_stays_unidentified() -> None:
    text = (
        "BELFAST - Police said real progress had been made in the inquiry, and no one was hurt when "
        "a bomb exploded outside a shop in Belfast on Monday."
    )
    (event,) = dateline.code(text, published="1995-01-10")
    assert (event.actor1, event.inter1) == ("Unidentified Armed Group (United Kingdom)", 3)


# --------------------------------------------------------------------------- the dictionary


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("the IRA's Belfast brigade", "PIRA: Provisional Irish Republican Army"),
        ("a Real IRA car bomb", "RIRA: Real Irish Republican Army"),
        ("members of the Continuity IRA", "CIRA: Continuity Irish Republican Army"),
        ("the New IRA", "New IRA"),  # the 2012- group keeps its own entry
        ("the armed Basque separatist group ETA", "ETA: Basque Homeland and Freedom"),
        ("remnants of the Shining Path in the VRAEM", "MPCP: Militarized Communist Party of Peru"),
        ("the Red Army Faction", "RAF: Red Army Faction"),
        ("the November 17 group", "17N: Revolutionary Organization 17 November"),
        ("Bosnian Serb forces", "VRS: Army of Republika Srpska"),
        ("Chechen rebels", "Armed Forces of the Chechen Republic of Ichkeria"),
        ("the Salafist Group for Preaching and Combat", "GSPC: Salafist Group for Preaching and Combat"),
        ("Interahamwe militiamen", "Interahamwe"),
        ("Renamo fighters", "RENAMO: Mozambican National Resistance"),
        ("a Renamo Junta ambush", "Renamo Military Junta"),
        ("the Viet Cong", "NLF: National Liberation Front (South Vietnam)"),
        ("Aum Shinrikyo", "Aum Shinrikyo"),
    ],
)
def test_old_groups_and_their_successors_are_told_apart(
    actors: ActorDictionary, text: str, group: str
) -> None:
    assert names(actors.find(text)) == [group]


@pytest.mark.parametrize(
    "text",
    [
        "Police said real progress had been made.",  # "Real" of the Real IRA
        "Salafist militants attacked the checkpoint.",  # "Salafist" of the GSPC
        "Masked gunmen opened fire.",  # "the Masked Brigade"
        "Loyalist forces shelled the town.",  # the Loyalist Volunteer Force
        "Lebanese forces deployed in the south.",  # the army, not the Lebanese Forces militia
        "The South's forces fired back.",  # the South Lebanon Army
        "Chechen fighters crossed the river.",  # Kadyrov's men today, not the 1990s separatists
        "The clash took place on 17 November.",  # a date, not 17N
        "The ICU at the hospital was full.",  # intensive care, not the Islamic Courts Union
        "RAF jets struck the site.",  # the Royal Air Force, not the Red Army Faction
    ],
)
def test_a_common_word_is_not_taken_for_an_old_group(actors: ActorDictionary, text: str) -> None:
    assert names(actors.find(text)) == []


def test_an_ambiguous_acronym_needs_the_groups_country(actors: ActorDictionary) -> None:
    # UDA is also a Kenyan party; OAS also the Organization of American States
    assert names(actors.find("UDA supporters marched", countries=["KE"])) == []
    assert names(actors.find("UDA men opened fire", countries=["GB"])) == ["UDA: Ulster Defence Association"]
    assert names(actors.find("the OAS said", countries=["VE"])) == []
    assert names(actors.find("the OAS bombed a cafe", countries=["DZ"])) == ["OAS: Secret Army Organisation"]


# --------------------------------------------------------------------------- the file itself


def _shipped_groups() -> Path:
    return Path(str(resources.files("dateline").joinpath("data", "actors", "groups.yaml")))


def test_the_shipped_groups_file_is_valid_and_names_are_unique() -> None:
    entries = read_actor_file(_shipped_groups())
    counts = Counter(e["name"] for e in entries)
    assert [n for n, c in counts.items() if c > 1] == []


def test_no_alias_belongs_to_two_groups() -> None:
    owners: dict[tuple[str, str], set[str]] = {}
    for e in read_actor_file(_shipped_groups()):
        for alias in (e["name"], *(e.get("aliases") or ())):
            key = ("cs", alias) if _is_acronym(alias) else ("ci", _key(alias))
            owners.setdefault(key, set()).add(e["name"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
