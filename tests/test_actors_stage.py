"""The actors stage alone: roles from the parse, the dictionary, generic and unknown actors.

Mention-level checks read the ``actors`` stage's output (actor1/actor2 before the event's
country is known); event-level checks read how the assembler fills countries, inter codes,
interaction and civilian targeting from them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from dateline.actors.dictionary import ActorDictionary
from dateline.actors.roles import ActorTagger
from dateline.ingest.text import parse_plain_text
from dateline.model import Event, Mention
from dateline.pipeline import ArticleDoc, Pipeline, Resources

PUB = date(2025, 3, 12)

Coder = Callable[[str], ArticleDoc]


@pytest.fixture(scope="module")
def actors(pipeline: Pipeline) -> ActorDictionary:
    return pipeline.resources.actors


def sides(m: Mention) -> tuple[str | None, int | None, str | None, int | None]:
    return m.actor1, m.inter1, m.actor2, m.inter2


def only_event(adoc: ArticleDoc) -> Event:
    (ev,) = adoc.events
    return ev


# --------------------------------------------------------------------------- roles

ACTIVE = "Troops killed five militants in Borno state on Monday."
PASSIVE = "Five soldiers were killed by al-Shabaab fighters in Lower Shabelle on Tuesday."
NOMINAL = "A Russian drone strike on Kharkiv killed two civilians on Monday."
BETWEEN = "Fierce clashes between the army and the RSF erupted in Omdurman on Sunday."


def test_active_subject_is_actor1_and_object_actor2(coded: Coder) -> None:
    (m,) = coded(ACTIVE).mentions
    assert sides(m) == ("Military Forces of {country}", 1, "Unidentified Armed Group ({country})", 3)
    assert (m.actor1_span.text, m.actor2_span.text) == ("Troops", "militants")
    ev = only_event(coded(ACTIVE))
    assert (ev.actor1, ev.actor2) == ("Military Forces of Nigeria", "Unidentified Armed Group (Nigeria)")


def test_passive_by_agent_is_actor1_and_subject_actor2(coded: Coder) -> None:
    (m,) = coded(PASSIVE).mentions
    assert sides(m) == ("Al Shabaab", 2, "Military Forces of {country}", 1)
    assert m.actor1_span.text == "al-Shabaab"
    ev = only_event(coded(PASSIVE))
    assert (ev.actor1, ev.inter1, ev.actor2, ev.inter2) == ("Al Shabaab", 2, "Military Forces of Somalia", 1)


def test_nominal_trigger_takes_its_modifier_as_actor1(coded: Coder) -> None:
    strike = coded(NOMINAL).mentions[0]
    assert (strike.trigger.text, strike.actor1, strike.actor1_span.text) == (
        "drone strike",
        "Military Forces of Russia",
        "Russian",
    )
    ev = only_event(coded(NOMINAL))
    assert (ev.actor1, ev.actor2, ev.sub_event_type) == (
        "Military Forces of Russia",
        "Civilians (Ukraine)",
        "Air/drone strike",
    )


def test_words_of_a_trigger_phrase_are_not_its_actor(coded: Coder) -> None:
    # "air" in "air strike" is the means, not the doer: the doer is the subject of "launched"
    (m,) = coded("Russian forces launched an air strike on a market in Kharkiv on Monday.").mentions
    assert sides(m) == ("Military Forces of Russia", 1, "Civilians ({country})", 7)


def test_opened_fire_on_takes_the_target(coded: Coder) -> None:
    (m,) = coded("Gunmen opened fire on worshippers at a church in Ondo state on Sunday.").mentions
    assert sides(m) == ("Unidentified Armed Group ({country})", 3, "Civilians ({country})", 7)


def test_clashes_between_two_sides(coded: Coder) -> None:
    (m,) = coded(BETWEEN).mentions
    assert sides(m) == ("Military Forces of {country}", 1, "Rapid Support Forces", 2)
    assert (m.assoc_actor_1, m.assoc_actor_2) == ([], [])  # the other side is no associate
    ev = only_event(coded(BETWEEN))
    assert (ev.actor1, ev.actor2, ev.interaction) == ("Military Forces of Sudan", "Rapid Support Forces", 12)
    assert (ev.assoc_actor_1, ev.assoc_actor_2) == (None, None)


def test_clashed_with_names_the_other_side(coded: Coder) -> None:
    (m,) = coded("Government troops clashed with rebels near Tete in Mozambique on Monday.").mentions
    assert sides(m) == ("Military Forces of {country}", 1, "Unidentified Armed Group ({country})", 3)


def test_coordinated_actor_is_an_associate_with_its_country_filled(coded: Coder) -> None:
    adoc = coded("Soldiers and militiamen attacked a village near Gao on Monday.")
    (m,) = adoc.mentions
    assert m.assoc_actor_1 == ["Unidentified Armed Group ({country})"]
    ev = only_event(adoc)
    assert (ev.actor1, ev.assoc_actor_1, ev.actor2) == (
        "Military Forces of Mali",
        "Unidentified Armed Group (Mali)",
        "Civilians (Mali)",
    )


# --------------------------------------------------------------------------- dictionary


@pytest.mark.parametrize("alias", ["IS", "ISIS", "ISIL", "Daesh", "Islamic State group", "islamic state"])
def test_islamic_state_aliases(actors: ActorDictionary, alias: str) -> None:
    (match,) = actors.find(f"{alias} fighters")
    assert (match.actor.name, match.actor.inter, match.text) == ("Islamic State", 2, alias)


def test_acronym_aliases_are_case_sensitive(actors: ActorDictionary) -> None:
    assert actors.find("this is where it is") == []


@pytest.mark.parametrize(
    "text",
    [
        "ISIS fighters attacked an army post near Deir ez-Zor on Monday.",
        "Daesh militants ambushed a patrol in Kirkuk on Monday.",
    ],
)
def test_aliases_normalize_in_the_pipeline(coded: Coder, text: str) -> None:
    ev = only_event(coded(text))
    assert (ev.actor1, ev.inter1) == ("Islamic State", 2)


def test_context_alias_needs_the_country(actors: ActorDictionary) -> None:
    (sy,) = actors.find("coalition forces", 0, ["SY"])
    (ye,) = actors.find("coalition forces", 0, ["YE"])
    assert (sy.actor.name, sy.confidence) == ("US-led Coalition Forces", 0.6)
    assert (ye.actor.name, ye.confidence) == ("Saudi-led Coalition Forces", 0.6)
    assert actors.find("coalition forces") == []  # two candidates and no country: no guess


def test_context_alias_in_the_pipeline(coded: Coder) -> None:
    syria = only_event(coded("Coalition forces raided a house in Idlib province in Syria on Monday."))
    yemen = only_event(coded("Coalition forces bombed a wedding in Saada in Yemen on Monday."))
    assert (syria.actor1, syria.inter1, syria.country) == ("US-led Coalition Forces", 8, "Syria")
    assert (yemen.actor1, yemen.inter1, yemen.country) == ("Saudi-led Coalition Forces", 8, "Yemen")


def test_generic_actors(actors: ActorDictionary) -> None:
    found = actors.find_generic("Nigerian troops, police and gunmen", 10)
    assert [(f.actor.name, f.actor.inter, f.start, f.text) for f in found] == [
        ("Military Forces of Nigeria", 1, 10, "Nigerian troops"),
        ("Police Forces of {country}", 1, 27, "police"),
        ("Unidentified Armed Group ({country})", 3, 38, "gunmen"),
    ]
    assert actors.generic("civilians", "KE").name == "Civilians (Kenya)"
    assert actors.generic("rioters", None).name == "Rioters ({country})"


def test_countries_named_in_text(actors: ActorDictionary) -> None:
    # names and demonyms, capitalised only, in order of first mention
    assert actors.countries_in("Syrian troops entered Lebanon; we ate turkey in Turkey.") == [
        "SY",
        "LB",
        "TR",
    ]


def test_generic_actor_takes_the_events_country(coded: Coder) -> None:
    adoc = coded("Police arrested 12 people in Mombasa on Tuesday.")
    assert adoc.mentions[0].actor1 == "Police Forces of {country}"
    ev = only_event(adoc)
    assert (ev.actor1, ev.inter1, ev.country) == ("Police Forces of Kenya", 1, "Kenya")


# --------------------------------------------------------------------------- inter and interaction


def test_forces_abroad_are_inter_8(coded: Coder) -> None:
    ev = only_event(
        coded("Ethiopian troops attacked al-Shabaab fighters in Bay region in Somalia on Monday.")
    )
    assert (ev.actor1, ev.inter1, ev.actor2, ev.inter2) == ("Military Forces of Ethiopia", 8, "Al Shabaab", 2)
    assert ev.interaction == 28


def test_forces_at_home_stay_inter_1(coded: Coder) -> None:
    ev = only_event(coded("Kenyan police shot dead two protesters in Nairobi on Tuesday."))
    assert (ev.actor1, ev.inter1, ev.actor2, ev.inter2) == (
        "Protesters (Kenya)",
        6,
        "Police Forces of Kenya",
        1,
    )
    assert ev.interaction == 16


@pytest.mark.parametrize(
    ("text", "interaction"),
    [
        (PASSIVE, 12),  # actor1 is inter 2, actor2 inter 1: the lower code comes first
        (NOMINAL, 78),
        ("Gunmen killed nine villagers in Zamfara state on Sunday.", 37),
        ("Protesters rallied in Nairobi on Tuesday.", 60),  # one actor: N0
        ("Soldiers arrested opposition leader Ibrahim Danjuma in Kaduna on Monday.", 10),
    ],
)
def test_interaction_codes(coded: Coder, text: str, interaction: int) -> None:
    assert only_event(coded(text)).interaction == interaction


@pytest.mark.parametrize(
    ("text", "targeting"),
    [
        ("Gunmen killed nine villagers in Zamfara state on Sunday.", "Civilian targeting"),
        (NOMINAL, "Civilian targeting"),
        (ACTIVE, None),
        (BETWEEN, None),
        ("Protesters rallied in Nairobi on Tuesday.", None),
    ],
)
def test_civilian_targeting(coded: Coder, text: str, targeting: str | None) -> None:
    assert only_event(coded(text)).civilian_targeting == targeting


# --------------------------------------------------------------------------- people, users, unknowns


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Soldiers arrested opposition leader Ibrahim Danjuma in Kaduna on Monday.", "arrested"),
        ("Gunmen shot dead Ibrahim Danjuma, a village head, in Kaduna state on Monday.", "killed"),
    ],
)
def test_named_people_are_kept_apart_from_actors(coded: Coder, text: str, role: str) -> None:
    adoc = coded(text)
    (m,) = adoc.mentions
    assert m.actor2 is None
    start = text.index("Ibrahim")
    assert m.people == [
        {
            "name": "Ibrahim Danjuma",
            "role": role,
            "affiliation": None,
            "span": [start, start + 15, "Ibrahim Danjuma"],
        }
    ]
    ev = only_event(adoc)
    assert ev.actor2 is None and "Ibrahim Danjuma" not in (ev.actor1 or "")
    assert [(p["name"], p["role"]) for p in ev.people] == [("Ibrahim Danjuma", role)]


USER_YAML = """\
- name: Zambezi Freedom Front
  aliases: [ZFF, Zambezi Liberation Front]
  inter: 2
  countries: [MZ]
"""
ZFF = "ZFF fighters attacked a police station in Tete province in Mozambique on Monday."
ZFF_UNKNOWN = "The Zambezi Freedom Front attacked a police station in Tete province in Mozambique on Monday."


@pytest.fixture(scope="module")
def user_actors(tmp_path_factory: pytest.TempPathFactory) -> ActorDictionary:
    path: Path = tmp_path_factory.mktemp("actors") / "mine.yaml"
    path.write_text(USER_YAML, encoding="utf-8")
    return ActorDictionary.load(extra_files=[path])


def test_user_yaml_adds_a_group(user_actors: ActorDictionary, actors: ActorDictionary) -> None:
    (acronym,) = user_actors.find("ZFF fighters")
    (long,) = user_actors.find("the zambezi liberation front")
    assert acronym.actor == long.actor
    assert (acronym.actor.name, acronym.actor.inter, acronym.actor.countries) == (
        "Zambezi Freedom Front",
        2,
        ("MZ",),
    )
    assert user_actors.get("Islamic State") is not None  # the shipped groups are still there
    assert actors.find("ZFF fighters") == []  # the default dictionary is untouched


def test_user_group_in_a_pipeline(pipeline: Pipeline, user_actors: ActorDictionary) -> None:
    res = pipeline.resources
    mine = Pipeline.from_config(resources=Resources(nlp=res.nlp, gazetteer=res.gazetteer, actors=user_actors))
    ev = only_event(mine.run(parse_plain_text(ZFF, "t", PUB)))
    assert (ev.actor1, ev.inter1, ev.actor2, ev.inter2) == (
        "Zambezi Freedom Front",
        2,
        "Police Forces of Mozambique",
        1,
    )
    assert ev.interaction == 12


def test_unknown_organisation_is_kept_with_low_confidence(
    pipeline: Pipeline, actors: ActorDictionary
) -> None:
    doc = pipeline.resources.nlp(ZFF_UNKNOWN)
    head = next(t for t in doc if t.text == "Front")
    match = ActorTagger(actors).normalize(doc, head, ZFF_UNKNOWN, ["MZ"], agent=True)
    assert match is not None
    assert (match.actor.name, match.actor.inter, match.actor.kind, match.confidence) == (
        "Zambezi Freedom Front",
        3,
        "unknown",
        0.3,
    )
    assert (match.start, match.end, match.text) == (4, 25, "Zambezi Freedom Front")


def test_unknown_organisation_in_the_pipeline(coded: Coder) -> None:
    ev = only_event(coded(ZFF_UNKNOWN))
    assert (ev.actor1, ev.inter1, ev.actor2) == ("Zambezi Freedom Front", 3, "Police Forces of Mozambique")


# --------------------------------------------------------------------------- pronouns and references


def _first(adoc: ArticleDoc, trigger: str) -> Mention:
    return next(m for m in adoc.mentions if m.trigger.text == trigger)


def test_they_refers_back_to_the_named_group(coded: Coder) -> None:
    text = (
        "Al-Shabaab fighters stormed a hotel in Mogadishu on Monday. "
        "They killed six guards before security forces retook the building."
    )
    m = _first(coded(text), "killed")
    assert [a.text for a in m.agent_args] == ["They"]  # the argument as written
    assert (m.actor1, m.inter1) == ("Al Shabaab", 2)  # the side it stands for
    assert m.agent_span is None or m.agent_span.text != "They"


def test_the_group_refers_back_to_the_named_group(coded: Coder) -> None:
    text = (
        "Boko Haram has stepped up raids in Borno state this year. "
        "On Tuesday the group attacked a camp for displaced people near Dikwa, killing seven."
    )
    m = _first(coded(text), "attacked")
    assert m.actor1 is not None and m.actor1.startswith("Boko Haram")


def test_they_without_a_named_group_stays_unresolved(coded: Coder) -> None:
    text = "Residents said they were attacked by men on motorcycles in the village of Kadisau."
    m = _first(coded(text), "attacked")
    assert m.actor2 is None or m.actor2 != "Boko Haram"


def test_relative_pronoun_stands_for_its_group(coded: Coder) -> None:
    text = "Hamas, which attacked Israeli border posts on Saturday, said it had taken hostages."
    m = _first(coded(text), "attacked")
    assert m.actor1 == "Hamas"
    assert [a.text for a in m.agent_args] == ["which"]


def test_every_coordinated_doer_is_an_argument_and_the_rest_associates(coded: Coder) -> None:
    text = "Taliban fighters and Haqqani militants attacked a police post in Khost on Friday."
    m = _first(coded(text), "attacked")
    assert [a.text for a in m.agent_args] == ["Taliban fighters", "Haqqani militants"]
    assert m.actor1 == "Taliban"
    assert m.assoc_actor_1 == ["Haqqani Network"]



def test_a_distinctive_name_word_with_a_member_noun_finds_the_group(actors: ActorDictionary) -> None:
    found = actors.find("Haqqani militants and Daesh fighters clashed")
    assert [(a.actor.name, a.text) for a in found] == [
        ("Haqqani Network", "Haqqani militants"),
        ("Islamic State", "Daesh"),  # a whole alias of its own, not the start of "Daesh Khorasan"
    ]
    assert found[0].confidence < 0.9  # read from one word: less sure than a full alias


# --------------------------------------------------------------------------- claims of responsibility


def test_the_group_that_claimed_the_act_is_actor1(coded: Coder) -> None:
    text = (
        "MOGADISHU: Police arrested two suspects after a car bomb attack on a hotel in Mogadishu on "
        "Tuesday killed eight people. Al-Shabaab claimed the bombing."
    )
    ev = only_event(coded(text))
    assert (ev.actor1, ev.actor2) == ("Al Shabaab", "Civilians (Somalia)")


def test_it_was_behind_the_attack_names_the_group(coded: Coder) -> None:
    text = (
        "A roadside bomb hit an army truck near Baidoa on Monday, killing four soldiers. "
        "Al-Shabaab said it was behind the attack."
    )
    adoc = coded(text)
    ev = only_event(adoc)
    assert ev.actor1 == "Al Shabaab"
    claimed = [m for m in adoc.mentions if m.agent_claimed]
    assert [m.trigger.text for m in claimed] == ["attack"]


def test_a_long_name_cut_short_by_the_parse_is_still_found(coded: Coder) -> None:
    text = "The Group to Support Islam and Muslims (JNIM) attacked an army post in Mopti on Sunday."
    m = _first(coded(text), "attacked")
    assert m.actor1 is not None and m.actor1.startswith("JNIM")


def test_an_unclaimed_bombing_is_by_an_unidentified_armed_group(coded: Coder) -> None:
    text = "A suicide bomber blew himself up in a mosque in Peshawar on Friday, killing 14 worshippers."
    ev = only_event(coded(text))
    assert (ev.actor1, ev.inter1, ev.actor2) == (
        "Unidentified Armed Group (Pakistan)",
        3,
        "Civilians (Pakistan)",
    )
