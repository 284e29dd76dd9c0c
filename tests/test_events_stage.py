"""The event stages alone: mention detection, typing, not-event filters, background and assembly.

Each text is a short wire-style sentence written for these tests; it is coded once per module
and the test reads the output of one stage (mentions, their types and exclusions, or events).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

import dateline
from dateline.events.assemble import (
    cluster_mentions,
    cluster_sub_event_type,
    dates_compatible,
    places_compatible,
)
from dateline.events.lexicon import default_lexicon
from dateline.events.typing import excluded_reason, sub_event_type
from dateline.ingest.text import parse_plain_text
from dateline.model import Event, Mention, Span
from dateline.pipeline import ArticleDoc, Pipeline

PUB = date(2025, 3, 12)  # a Wednesday

Coder = Callable[..., ArticleDoc]


def triggers(adoc: ArticleDoc) -> list[tuple[str, str]]:
    """The lexicon's triggers (the trained typer may add mentions of its own, class "model")."""
    return [(m.trigger.text, m.trigger_class) for m in adoc.mentions if m.trigger_class != "model"]


def live(adoc: ArticleDoc) -> list[Mention]:
    return [m for m in adoc.mentions if not m.excluded]


def main_events(adoc: ArticleDoc) -> list[Event]:
    return [e for e in adoc.events if not e.is_background]


# --------------------------------------------------------------------------- detection

DETECTION = [
    # verbs
    (
        "Gunmen attacked a village in Borno state on Tuesday, killing seven people.",
        [("attacked", "violence"), ("killing", "kill")],
    ),
    # nouns
    (
        "The attack on the village in Borno state on Tuesday left seven people dead.",
        [("attack", "violence")],
    ),
    # phrases
    (
        "Russian forces launched an air strike on a market in Kharkiv on Monday.",
        [("air strike", "airstrike")],
    ),
    ("Soldiers opened fire on the convoy near Gao on Sunday.", [("opened fire", "violence")]),
    ("Hundreds of teachers took to the streets of Accra on Friday.", [("took to the streets", "protest")]),
    (
        "A roadside bomb exploded near a patrol in Helmand province on Monday, killing three soldiers.",
        [("roadside bomb", "explosive"), ("exploded", "explosive"), ("killing", "kill")],
    ),
    # modifiers of another noun are not triggers
    ("Riot police were deployed in Nairobi on Tuesday as protest leaders met officials.", []),
    # "a march" is a protest, "in March" a month
    ("Students held a march in Accra on Friday. The vote is due in March.", [("march", "protest")]),
    # in a lower-cased report, "march" beside a day number is the month
    (
        "students held a march in accra on friday. police banned gatherings between march 25 and 31.",
        [("march", "protest")],
    ),
    # a labour strike is a protest, not an air strike
    ("Teachers began a nationwide strike in Accra on Monday.", [("strike", "protest")]),
    ("After an opposition-called 48-hour strike, the government banned gatherings.", [("strike", "protest")]),
    # seizing goods is weak, seizing a town is a territorial event
    ("Soldiers seized weapons and drugs in Kaduna on Monday.", [("seized", "weak")]),
    ("Rebels seized the town of Bunagana on Monday.", [("seized", "territory_take")]),
]


@pytest.mark.parametrize(("text", "expected"), DETECTION)
def test_mention_detection(coded: Coder, text: str, expected: list[tuple[str, str]]) -> None:
    assert triggers(coded(text)) == expected


def test_mentions_carry_trigger_spans_and_sentences(coded: Coder) -> None:
    text = "Students held a march in Accra on Friday. The vote is due in March."
    (m,) = coded(text).mentions
    assert text[m.trigger.start : m.trigger.end] == "march"
    assert m.sentence == 0 and m.sentence_span.text == "Students held a march in Accra on Friday."
    assert not m.weak


def test_weak_trigger_alone_makes_no_event(coded: Coder) -> None:
    adoc = coded("Soldiers seized weapons and drugs in Kaduna on Monday.")
    assert adoc.mentions[0].weak
    assert adoc.events == []


# --------------------------------------------------------------------------- typing

TYPING = [
    # text, sub-event type of the event, event type
    (
        "Russian forces launched an air strike on a market in Kharkiv on Monday.",
        "Air/drone strike",
        "Explosions/Remote violence",
    ),
    (
        "Warplanes bombed a village in Idlib province on Monday, killing four civilians.",
        "Air/drone strike",
        "Explosions/Remote violence",
    ),
    (
        "Three civilians were killed by mortar fire in Kherson on Monday.",
        "Shelling/artillery/missile attack",
        "Explosions/Remote violence",
    ),
    (
        "Two soldiers were killed when a roadside bomb hit their vehicle near Gao on Monday.",
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
    ),
    (
        "A suicide bomber killed five people at a market in Maiduguri on Monday.",
        "Suicide bomb",
        "Explosions/Remote violence",
    ),
    (
        "Soldiers raided a militant hideout in Borno state on Monday, killing six militants.",
        "Armed clash",
        "Battles",
    ),
    ("Gunmen killed nine villagers in Zamfara state on Sunday.", "Attack", "Violence against civilians"),
    (
        "Police fired tear gas at protesters in Accra on Friday.",
        "Protest with intervention",
        "Protests",
    ),
    (
        "Kenyan police shot dead two protesters in Nairobi on Tuesday.",
        "Excessive force against protesters",
        "Protests",
    ),
    ("Students held a march in Accra on Friday. The vote is due in March.", "Peaceful protest", "Protests"),
]


@pytest.mark.parametrize(("text", "sub", "etype"), TYPING)
def test_event_typing(coded: Coder, text: str, sub: str, etype: str) -> None:
    (ev,) = coded(text).events
    assert (ev.sub_event_type, ev.event_type) == (sub, etype)


def test_a_bomb_that_went_off_in_its_planters_hands_is_disrupted_weapons_use(coded: Coder) -> None:
    # the other sentences name an IED; the event is still the disrupted use of it (§2.6)
    adoc = coded(
        "Three militants tried to plant an improvised explosive device on a road in Arghandab district "
        "on Friday night to target a police patrol. The device detonated accidentally, killing the three "
        "on the spot, police said."
    )
    (ev,) = adoc.events
    assert ev.sub_event_type == "Disrupted weapons use" and ev.fatalities == 3


def test_kill_mentions_are_typed_by_the_means_in_their_clause(coded: Coder) -> None:
    shelled = coded("Three civilians were killed by mortar fire in Kherson on Monday.")
    assert [(m.trigger.text, m.sub_event_type) for m in shelled.mentions] == [
        ("killed", "Shelling/artillery/missile attack")
    ]
    suicide = coded("A suicide bomber killed five people at a market in Maiduguri on Monday.")
    assert [(m.trigger.text, m.sub_event_type) for m in suicide.mentions] == [
        ("suicide bomber", "Suicide bomb"),
        ("killed", "Suicide bomb"),
    ]


def test_raid_on_militants_is_a_battle_between_armed_actors(coded: Coder) -> None:
    (ev,) = coded(
        "Soldiers raided a militant hideout in Borno state on Monday, killing six militants."
    ).events
    assert (ev.actor1, ev.inter1) == ("Military Forces of Nigeria", 1)
    assert (ev.actor2, ev.inter2) == ("Unidentified Armed Group (Nigeria)", 3)
    assert ev.disorder_type == "Political violence"
    assert ev.civilian_targeting is None


def test_gunmen_killing_villagers_is_violence_against_civilians(coded: Coder) -> None:
    (ev,) = coded("Gunmen killed nine villagers in Zamfara state on Sunday.").events
    assert (ev.actor1, ev.actor2) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")
    assert ev.civilian_targeting == "Civilian targeting"
    assert ev.fatalities == 9


def test_tear_gas_at_a_protest(coded: Coder) -> None:
    adoc = coded("Police fired tear gas at protesters in Accra on Friday.")
    # the weak "fired" takes the type the trained typer reads in its sentence
    assert [(m.trigger.text, m.weak, m.sub_event_type) for m in adoc.mentions] == [
        ("fired", True, "Protest with intervention"),
        ("protesters", False, "Protest with intervention"),
    ]
    (ev,) = adoc.events
    assert (ev.actor1, ev.inter1, ev.actor2, ev.inter2) == (
        "Protesters (Ghana)",
        6,
        "Police Forces of Ghana",
        1,
    )
    assert ev.disorder_type == "Demonstrations"


SUB_BY_CUE = [
    # trigger class, clause, sub-event type, score
    ("airstrike", "", "Air/drone strike", 0.85),
    ("shelling", "", "Shelling/artillery/missile attack", 0.85),
    ("kill", "five people were killed by artillery fire", "Shelling/artillery/missile attack", 0.7),
    ("kill", "two soldiers were killed by rockets", "Shelling/artillery/missile attack", 0.7),
    ("kill", "an IED killed two soldiers", "Remote explosive/landmine/IED", 0.7),
    ("kill", "a drone strike killed two fighters", "Air/drone strike", 0.7),
    # the most specific means wins: a suicide bombing with explosives is a suicide bomb
    ("kill", "a suicide bomber detonated explosives, killing five", "Suicide bomb", 0.7),
    ("explosive", "the blast from a mortar round hit a market", "Shelling/artillery/missile attack", 0.75),
    ("explosive", "a roadside bomb went off", "Remote explosive/landmine/IED", 0.75),
    ("protest", "police fired tear gas at the crowd", "Protest with intervention", 0.6),
    ("protest", "protesters torched a police car", "Violent demonstration", 0.6),
    ("protest", "hundreds marched to parliament", "Peaceful protest", 0.6),
    ("clash", "soldiers fought the rebels", "Armed clash", 0.7),
    ("arrest", "", "Arrests", 0.6),
    # conventions §2.4, §10.11-12: the named means decides, not the generic word for the explosion
    ("explosive", "a grenade blast tore through the market", "Grenade", 0.75),
    ("explosive", "twin suicide bombings hit the mosque", "Suicide bomb", 0.75),
    ("kill", "gunmen fired an RPG at a car, killing two", "Shelling/artillery/missile attack", 0.7),
    ("kill", "a grenade launcher killed two guards", "Shelling/artillery/missile attack", 0.7),
    # conventions §2.4, §2.6: a device going off in its planters' hands, nobody else hurt
    ("explosive", "the device detonated accidentally, killing the three", "Disrupted weapons use", 0.8),
    ("kill", "two militants were killed in an accidental explosion", "Disrupted weapons use", 0.8),
    ("explosive", "it went off prematurely, killing two passengers", "Remote explosive/landmine/IED", 0.75),
]


@pytest.mark.parametrize(("cls", "clause", "sub", "score"), SUB_BY_CUE)
def test_sub_event_type_from_trigger_class_and_cues(cls: str, clause: str, sub: str, score: float) -> None:
    m = Mention(trigger=Span(0, 4, "word"), sentence=0, sentence_span=Span(0, 4, "word"), trigger_class=cls)
    assert sub_event_type(m, None, clause, default_lexicon()) == (sub, score)


# --------------------------------------------------------------------------- not events

NOT_EVENTS = [
    ("The minister described the new media law as an attack on press freedom.", "attack", "metaphor"),
    ("The striker's attack on goal in the second half won the match for the home team.", "attack", "sports"),
    ("Floods killed twelve people in Sindh province on Monday.", "killed", "disaster"),
    ("The group threatened to attack government buildings in Kano.", "attack", "threat_or_plan"),
    ("Opposition parties plan to hold a protest in Harare next week.", "protest", "threat_or_plan"),
    ("China lodged a formal protest with Japan over the visit on Tuesday.", "protest", "other_sense"),
    ("The army said its troops did not attack the village of Tamou.", "attack", "negated"),
    ("No attack took place in Goma on Monday, officials said.", "attack", "negated"),
    ("The militants may attack again, officials warned.", "attack", "hypothetical"),
    ("Bandits kidnap travellers on the highway near Kaduna.", "kidnap", "habitual"),
    ("Armed gangs raid villages in Zamfara state.", "raid", "habitual"),
    ("Al-Shabaab has fought for two decades to topple the Somali government.", "fought", "generic"),
]


def test_other_senses_of_a_trigger_word_are_no_event(coded: Coder) -> None:
    """A dismissal and a ceremonial march are no event; an attack on a parade still is."""
    for text in (
        "Hundreds of teachers were fired from their jobs in Istanbul on Monday.",
        "Cadets march during a rehearsal for the Victory Day military parade in Moscow.",
    ):
        adoc = coded(text)
        assert adoc.events == [], text  # before: a Peaceful protest
        assert any(m.excluded == "other_sense" for m in adoc.mentions)
    adoc = coded("A suicide bomber attacked a military parade in Ahvaz on Saturday, killing 25 people.")
    assert [e.sub_event_type for e in adoc.events] == ["Suicide bomb"]


def test_police_firing_is_a_strong_trigger(coded: Coder) -> None:
    """South Asian press: "died in police firing", "police fired on the mob"."""
    adoc = coded("Two people died in police firing in Ahmedabad on Friday.")
    # before: no event ("firing" alone is a weak trigger: "the firing of the minister")
    assert [e.event_type for e in adoc.events] in (["Battles"], ["Violence against civilians"], ["Riots"])


def test_a_news_summary_in_the_present_tense_is_an_event(coded: Coder) -> None:
    """Present tense between bare plurals is a habit; with a number or a name it is the style of
    news summaries, which the trained typer reads as an event."""
    (ev,) = main_events(coded("Abu Sayyaf guerrillas kill six soldiers outside the town of Basilan."))
    assert ev.event_type == "Battles"


@pytest.mark.parametrize(("text", "trigger", "reason"), NOT_EVENTS)
def test_not_event_filters(coded: Coder, text: str, trigger: str, reason: str) -> None:
    adoc = coded(text)
    assert [(m.trigger.text, m.excluded) for m in adoc.mentions] == [(trigger, reason)]
    assert adoc.events == []


# --------------------------------------------------------------------------- background

BACKGROUND = (
    "Gunmen killed four farmers in Zamfara state on Tuesday, police said. The attack came months "
    "after bandits killed 20 villagers in the same area on 4 November 2024."
)
UNDATED_PAST = (
    "Gunmen killed five villagers in Kaduna state on Monday. "
    "The attack came after an earlier raid on the village."
)


def test_dated_past_mention_is_background_with_its_own_date(coded: Coder) -> None:
    adoc = coded(BACKGROUND)
    past = [m for m in adoc.mentions if m.is_background]
    assert past and all(m.event_date == date(2024, 11, 4) for m in past)
    assert [m.background_reason for m in past if m.trigger.text == "killed"] == [
        "dated 2024-11-04, 128 days before publication"
    ]
    now = [m for m in adoc.mentions if not m.is_background]
    assert [(m.trigger.text, m.event_date) for m in now] == [("killed", date(2025, 3, 11))]


def test_background_event_never_takes_the_publication_date(coded: Coder) -> None:
    events = coded(BACKGROUND).events
    assert [(e.event_date, e.is_background, e.fatalities) for e in events] == [
        ("2025-03-11", False, 4),
        ("2024-11-04", True, 20),
    ]
    bg = events[1]
    assert bg.time_precision == 1 and bg.sub_event_type == "Attack"
    assert bg.notes is not None and bg.notes.endswith("Mentioned as background in a later report.")


def test_undated_earlier_event_is_background_without_a_date(coded: Coder) -> None:
    adoc = coded(UNDATED_PAST)
    raid = next(m for m in adoc.mentions if m.trigger.text == "raid")
    assert raid.is_background and raid.background_reason == "refers to an earlier event"
    assert raid.event_date is None
    main, bg = adoc.events
    assert (main.is_background, main.event_date) == (False, "2025-03-10")
    assert bg.is_background and bg.event_date is None and bg.time_precision is None
    assert bg.date_flag == "background event without a resolvable date"


def test_an_undated_report_reads_a_month_or_year_as_the_past(pipeline: Pipeline) -> None:
    # no publication date: the news is told by the day; "In April" and "in 2017" are the past,
    # and so is what their sentences tell with no date of its own ("prompting air strikes")
    text = (
        "A roadside bomb killed a Russian general near Deir ez-Zor this week, the ministry said. "
        "In April, more than two dozen soldiers were killed in attacks in the desert, prompting "
        "Russian air strikes. In 2017, a general was killed in the same province by mortar fire."
    )
    adoc = pipeline.run(parse_plain_text(text, "t", None))
    news = [e for e in adoc.events if not e.is_background]
    assert [e.sub_event_type for e in news] == ["Remote explosive/landmine/IED"]
    past = {m.trigger.text: m.background_reason for m in adoc.mentions if m.is_background}
    assert past["killed"].startswith("dated only by a month or year")
    assert "strikes" in past or "air strikes" in past


def test_an_undated_report_reads_months_ago_as_the_past(pipeline: Pipeline) -> None:
    # no publication date, but "two months ago" is two months before the report's day, whatever
    # it was; "three days ago" is the news (was: both attacks one news event)
    text = (
        "Rebels attacked an army post in San Miguel, El Salvador, today, killing two soldiers. "
        "Two months ago, rebels attacked the same post in San Miguel, killing five soldiers. "
        "Three days ago, rebels ambushed a patrol near Usulutan."
    )
    adoc = pipeline.run(parse_plain_text(text, "t", None))
    assert [(e.location, e.is_background, e.fatalities) for e in adoc.events] == [
        ("San Miguel", False, 2),
        ("San Miguel", True, 5),
        ("Usulután", False, 0),
    ]
    (past,) = [m for m in adoc.mentions if m.is_background and m.trigger.text == "attacked"]
    assert past.background_reason == "Two months ago (31 days before the report) in an undated report"


def test_code_leaves_background_out_unless_asked() -> None:
    kept = dateline.code(BACKGROUND, published="2025-03-12")
    assert [e.event_date for e in kept] == ["2025-03-11"]
    both = dateline.code(BACKGROUND, published="2025-03-12", include_background=True)
    assert [(e.event_date, e.is_background) for e in both] == [("2025-03-11", False), ("2024-11-04", True)]


# --------------------------------------------------------------------------- assembly

ONE_RAID = (
    "Soldiers raided a militant camp near Maiduguri in Borno state early on Monday, the army said. "
    "The raid began before dawn. "
    "Troops stormed the compound from three sides. "
    "The soldiers exchanged fire with the militants for an hour. "
    "Six militants were killed in the fighting. "
    "Two soldiers were wounded in the operation. "
    "Weapons were recovered at the camp. "
    "The operation ended by mid-morning. "
    "The army said the raid was a success. "
    "Residents said they heard gunfire for hours."
)
TWO_TOWNS = (
    "Gunmen killed five villagers in Gusau in Zamfara state on Sunday. "
    "In a separate attack, bandits killed three farmers in Kaura Namoda."
)


def test_ten_sentences_about_one_raid_make_one_event(coded: Coder) -> None:
    adoc = coded(ONE_RAID)
    assert len(adoc.sentences) == 10
    (ev,) = adoc.events
    # every trigger the lexicon knows is merged into the one event (a trained model may add
    # mentions for sentences the lexicon misses, such as "exchanged fire")
    lexicon = [(m.trigger.start, m.trigger.text) for m in adoc.mentions if m.trigger_class != "model"]
    assert [t for _, t in lexicon] == [
        "raided",
        "raid",
        "stormed",
        "killed",
        "fighting",
        "wounded",
        "operation",
        "operation",
        "raid",
        "gunfire",
    ]
    assert set(lexicon) <= {(s.start, s.text) for s in ev.mentions}
    assert (ev.event_date, ev.time_precision) == ("2025-03-10", 1)
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Armed clash",
        "Military Forces of Nigeria",
        "Unidentified Armed Group (Nigeria)",
    )
    assert (ev.location, ev.admin1, ev.country) == ("Maiduguri", "Borno", "Nigeria")
    assert (ev.fatalities, ev.injuries) == (6, 2)


def test_dawn_alone_is_the_day_of_the_event_told_so_far(coded: Coder) -> None:
    raid = next(m for m in coded(ONE_RAID).mentions if m.sentence == 1)
    assert (raid.trigger.text, raid.event_date, raid.date_span.text) == (
        "raid",
        date(2025, 3, 10),
        "before dawn",
    )


def test_separate_attack_in_another_town_is_another_event(coded: Coder) -> None:
    adoc = coded(TWO_TOWNS)
    assert [m.separate for m in adoc.mentions] == [False, True, True]
    assert [(e.location, e.admin1, e.fatalities, e.sub_event_type) for e in adoc.events] == [
        ("Gusau", "Zamfara", 5, "Attack"),
        ("Kaura Namoda", "Zamfara", 3, "Attack"),
    ]
    assert [e.event_date for e in adoc.events] == ["2025-03-09", "2025-03-09"]


def _place(location: str | None, level: str, iso2: str = "NG", admin1: str | None = None) -> dict:
    return {"location": location, "level": level, "iso2": iso2, "admin1": admin1}


PLACES = [
    (None, _place("Gusau", "place"), True),
    (_place("Gusau", "place"), _place("gusau", "near"), True),
    (_place("Kaura-Namoda", "place"), _place("Kaura Namoda", "place"), True),
    (_place("Gusau", "place"), _place("Kaura Namoda", "place"), False),
    (_place("Gusau", "place", admin1="Zamfara"), _place("Zamfara", "admin1", admin1="Zamfara"), True),
    (_place("Gusau", "place", admin1="Zamfara"), _place("Kano", "admin1", admin1="Kano"), False),
    (_place("Gusau", "place"), _place("Nigeria", "country"), True),
    (_place("Gusau", "place"), _place("Niger", "country", iso2="NE"), False),
]


@pytest.mark.parametrize(("a", "b", "expected"), PLACES)
def test_places_compatible(a: dict | None, b: dict, expected: bool) -> None:
    assert places_compatible(a, b) is expected
    assert places_compatible(b, a) is expected


def _mention(
    start: int,
    sub: str = "Attack",
    etype: str = "Violence against civilians",
    sentence: int = 0,
    place: dict | None = None,
    day: date | None = None,
    end: date | None = None,
    **kw: object,
) -> Mention:
    return Mention(
        trigger=Span(start, start + 6, "killed"),
        sentence=sentence,
        sentence_span=Span(0, 200, ""),
        sub_event_type=sub,
        event_type=etype,
        place=place,
        event_date=day,
        date_end=end,
        time_precision=1 if day else None,
        **kw,  # type: ignore[arg-type]
    )


DATES = [
    (date(2025, 3, 10), None, date(2025, 3, 10), None, True),
    (date(2025, 3, 10), None, date(2025, 3, 9), None, False),
    (date(2025, 3, 1), date(2025, 3, 31), date(2025, 3, 9), None, True),  # "in March" holds the 9th
    (date(2025, 2, 1), date(2025, 2, 28), date(2025, 3, 9), None, False),
    (None, None, date(2025, 3, 9), None, True),  # an undated mention fits any date
]


@pytest.mark.parametrize(("a_start", "a_end", "b_start", "b_end", "expected"), DATES)
def test_dates_compatible(
    a_start: date | None, a_end: date | None, b_start: date, b_end: date | None, expected: bool
) -> None:
    a = _mention(0, day=a_start, end=a_end)
    b = _mention(10, day=b_start, end=b_end)
    assert dates_compatible(a, b) is expected
    assert dates_compatible(b, a) is expected


def test_cluster_mentions_merges_same_place_and_splits_other_towns() -> None:
    gusau = _place("Gusau", "place", admin1="Zamfara")
    other = _place("Kaura Namoda", "place", admin1="Zamfara")
    day = date(2025, 3, 9)
    ms = [
        _mention(0, place=gusau, day=day),
        _mention(50, sentence=1, place=gusau),
        _mention(100, sentence=2, place=other, day=day),
        _mention(150, sentence=3, weak=True),
        _mention(170, sentence=3, excluded="metaphor"),
    ]
    clusters = cluster_mentions(ms)
    assert [[m.trigger.start for m in c.mentions] for c in clusters] == [[0, 50], [100, 150]]


def test_cluster_mentions_keeps_kinds_dates_and_background_apart() -> None:
    day = date(2025, 3, 9)
    ms = [
        _mention(0, day=day),
        _mention(20, day=date(2025, 3, 2)),  # another day
        _mention(40, sub="Peaceful protest", etype="Protests", day=day),  # another kind
        _mention(60, day=date(2024, 11, 4), is_background=True, sentence=1),  # the past
        _mention(80, separate=True, sentence=2),  # "in a separate attack"
    ]
    clusters = cluster_mentions(ms)
    assert [[m.trigger.start for m in c.mentions] for c in clusters] == [[0], [20], [40], [60], [80]]
    assert [c.background for c in clusters] == [False, False, False, True, False]


def test_weak_mentions_alone_start_no_event() -> None:
    assert cluster_mentions([_mention(0, weak=True), _mention(10, weak=True)]) == []


def test_bare_violent_word_with_nobody_behind_it_is_not_coded() -> None:
    """No actor, no toll, no named means: not enough to code an event."""
    import dateline

    assert dateline.code("The attack happened near the market on Monday.", published="2024-06-05") == []
    (ev,) = dateline.code("Gunmen attacked the market on Monday.", published="2024-06-05")
    assert ev.actor1 is not None and ev.actor1.startswith("Unidentified Armed Group")


def test_a_district_close_to_the_town_is_the_same_place() -> None:
    town = {"level": "place", "location": "Mogadishu", "iso2": "SO", "latitude": 2.037, "longitude": 45.344}
    district = {"level": "place", "location": "Daynile", "iso2": "SO", "latitude": 2.083, "longitude": 45.285}
    other = {"level": "place", "location": "Afgooye", "iso2": "SO", "latitude": 2.139, "longitude": 45.121}
    assert places_compatible(town, district)  # 8 km apart: a district of the city
    assert not places_compatible(town, other)  # 27 km: another town


def test_explicit_descriptions_of_one_event_follow_acleds_hierarchy() -> None:
    """Conventions §2.0, §10.8: an air strike within a ground battle is one Battles event; a
    protest that turns violent is a riot; an abduction in which someone is killed an Attack."""

    def sure(sub: str) -> Mention:
        return _mention(0, sub=sub, score=0.85)

    assert cluster_sub_event_type([sure("Air/drone strike"), sure("Armed clash")]) == "Armed clash"
    assert cluster_sub_event_type([sure("Peaceful protest"), sure("Violent demonstration")]) == (
        "Violent demonstration"
    )
    violent = [sure("Violent demonstration"), sure("Excessive force against protesters")]
    assert cluster_sub_event_type(violent) == "Violent demonstration"
    assert cluster_sub_event_type([sure("Abduction/forced disappearance"), sure("Attack")]) == "Attack"
    assert cluster_sub_event_type([sure("Shelling/artillery/missile attack"), sure("Air/drone strike")]) == (
        "Air/drone strike"
    )


def test_an_event_takes_the_status_its_mentions_favour() -> None:
    """One sentence sure of the past and two leaning to it make a past event, all its mentions
    with it; an event its mentions are split on keeps its status."""
    from dateline.events.assemble import _Cluster, vote_status

    told = [_mention(0), _mention(50, sentence=1), _mention(90, sentence=2)]
    probs = {
        0: {"current": 0.45, "background": 0.5, "none": 0.05},
        50: {"current": 0.2, "background": 0.75, "none": 0.05},
        90: {"current": 0.4, "background": 0.55, "none": 0.05},
    }
    past = _Cluster(told)
    vote_status([past], probs, margin=0.1)
    assert past.background and all(m.is_background for m in told)  # before: news, none past 0.6
    even = [_mention(200, sentence=3), _mention(250, sentence=4)]
    split = {200: {"current": 0.6, "background": 0.35}, 250: {"current": 0.35, "background": 0.6}}
    news = _Cluster(even)
    vote_status([news], split, margin=0.1)
    assert not news.background and not any(m.is_background for m in even)
    # an event its mentions read as news leaves the past: a month-old date was another event's
    old = [_mention(300, sentence=5, day=date(2024, 5, 1), is_background=True)]
    back = _Cluster(old, background=True)
    vote_status([back], {300: {"current": 0.8, "background": 0.15}}, margin=0.1, published=date(2024, 6, 5))
    assert not back.background and old[0].event_date is None and not old[0].is_background


def test_a_death_word_does_not_outrank_the_means_told() -> None:
    """ "Two of the twelve killed were police officers" may read as a clash to the typer, but
    "killed" tells who died, not how: the bombing told with its means types the event."""
    bomb = _mention(0, sub="Remote explosive/landmine/IED", score=0.75, trigger_class="explosive")
    killed = _mention(40, sub="Armed clash", etype="Battles", score=0.82, trigger_class="kill")
    wounded = _mention(60, sub="Armed clash", etype="Battles", score=0.82, trigger_class="injure")
    assert cluster_sub_event_type([bomb, killed, wounded]) == "Remote explosive/landmine/IED"
    # a told clash still outranks the bombing (conventions §2.0)
    clash = _mention(80, sub="Armed clash", etype="Battles", score=0.82, trigger_class="clash")
    assert cluster_sub_event_type([bomb, clash]) == "Armed clash"
    # with nothing but outcome words, the most confident reading wins as before
    assert cluster_sub_event_type([killed]) == "Armed clash"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The committee demanded the arrest of the party's leaders in Delhi.", "arrest"),
        ("The party's decision to stage a demonstration in Lucknow drew criticism.", "demonstration"),
        ("Congress rejected his proposal for a joint march in Ahmedabad.", "march"),
        ("The court directed the police to detain the activists in Ayodhya.", "detain"),
    ],
)
def test_a_demand_decision_or_proposal_is_a_plan(coded: Coder, text: str, trigger: str) -> None:
    """The rule's reading (conventions §1.2); the trained typer may still overrule a plan when it
    reads the sentence as an event (a soft exclusion, see ``Precedence``)."""
    doc = coded(text).doc
    (tok,) = [t for t in doc if t.text == trigger]
    reason = excluded_reason(tok, text, text, default_lexicon())
    assert reason == "threat_or_plan"


def test_an_aggregate_told_as_a_plural_noun_is_no_event(coded: Coder) -> None:
    """§1.2: "the recent riots" across a state is many events, none of them located or dated;
    a plural with a town of its own ("protests in Lyon") stays an event."""
    adoc = coded(
        "Gandhinagar: The industries minister said on Wednesday that the impact of the recent "
        "communal riots on trade and industry in the state was negligible."
    )
    assert main_events(adoc) == []
    assert [e.sub_event_type for e in adoc.context["dropped_events"]] == ["Violent demonstration"]
    adoc = coded("Protests against the pension reform drew thousands in Lyon, organisers said.")
    assert [(e.sub_event_type, e.location) for e in main_events(adoc)] == [("Peaceful protest", "Lyon")]
