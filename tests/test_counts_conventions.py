"""Count expressions and ACLED's conventions for them (issue 6), written for this project.

"More than N" codes N (the stated figure); "tens" 10, "dozens" 12, "scores" 20, "hundreds" 100;
"several", "a number of" and "a few" the smallest plausible count, 3; totals beside per-side parts;
a toll repeated across sentences counted once; nothing from background events.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dateline.counts import CountMention, combine, find_counts
from dateline.model import Count
from dateline.pipeline import ArticleDoc

Coder = Callable[..., ArticleDoc]

# (text, kind, low, best, high)
COUNT_EXPRESSIONS: list[tuple[str, str, int | None, int | None, int | None]] = [
    # "more than N" is the stated figure
    ("More than 30 villagers were abducted.", "abductions", 30, 30, None),
    ("Gunmen abducted more than 30 villagers.", "abductions", 30, 30, None),
    ("Over 50 protesters were detained.", "arrests", 50, 50, None),
    ("Well over 100 people were killed.", "fatalities", 100, 100, None),
    ("More than a dozen soldiers were wounded.", "injuries", 12, 12, None),
    ("Upwards of 40 people were arrested.", "arrests", 40, 40, None),
    # number words and bounds
    ("At least seven people, including a child, were killed.", "fatalities", 7, 7, None),
    ("No fewer than eleven civilians were killed.", "fatalities", 11, 11, None),
    ("Fourteen fishermen were abducted at sea.", "abductions", 14, 14, 14),
    ("Ninety-two people were arrested.", "arrests", 92, 92, 92),
    ("Between eight and ten soldiers were killed.", "fatalities", 8, 8, 10),
    ("Police detained 20 to 30 students.", "arrests", 20, 20, 30),
    ("As many as 40 people may have died.", "fatalities", None, 40, 40),
    ("Almost 60 people were injured.", "injuries", None, 59, 59),
    ("Roughly 300 people were arrested.", "arrests", None, 300, None),
    ("Fewer than ten people were hurt.", "injuries", None, 9, 9),
    # vague words, ACLED's conventions
    ("Tens of people were killed.", "fatalities", 10, 10, None),
    ("Dozens of civilians were wounded.", "injuries", 12, 12, None),
    ("Scores of people were injured.", "injuries", 20, 20, None),
    ("Hundreds of protesters were detained.", "arrests", 100, 100, None),
    ("Several soldiers were killed.", "fatalities", 3, 3, None),
    ("A number of protesters were arrested.", "arrests", 3, 3, None),
    ("A few villagers were abducted.", "abductions", 3, 3, None),
    ("A handful of activists were detained.", "arrests", 3, 3, None),
    ("Half a dozen miners were kidnapped.", "abductions", 6, 6, 6),
    ("Fighters stormed the village and kidnapped a dozen women.", "abductions", 12, 12, 12),
    ("Police rounded up two dozen youths.", "arrests", 24, 24, 24),
    # relative clauses between the figure and its verb
    ("Two villagers who tried to flee were shot dead, he said.", "fatalities", 2, 2, 2),
    ("Three soldiers who were guarding the bridge were killed.", "fatalities", 3, 3, 3),
    ("Eleven worshippers, who had gathered for prayers, were killed.", "fatalities", 11, 11, 11),
    ("Five students who had joined the march were arrested.", "arrests", 5, 5, 5),
    # other constructions
    ('"We lost nine soldiers," an officer said.', "fatalities", 9, 9, 9),
    ("Two policemen were among the dead.", "fatalities", 2, 2, 2),
    ("Four journalists were among those detained.", "arrests", 4, 4, 4),
    ("Seven people were killed and 20 wounded.", "injuries", 20, 20, 20),
    ("The blast killed three and wounded five.", "injuries", 5, 5, 5),
    ("The raid left 7 people dead, among them two children.", "fatalities", 7, 7, 7),
    ("The attackers took 15 people hostage.", "abductions", 15, 15, 15),
    ("The death toll climbed to 23.", "fatalities", 23, 23, 23),
    ("A total of 61 people were arrested.", "arrests", 61, 61, 61),
    ("No one was killed in the blast.", "fatalities", 0, 0, 0),
    ("Gunmen shot dead a village chief.", "fatalities", 1, 1, 1),
]


def _first(mentions: list[CountMention], kind: str) -> CountMention:
    found = [m for m in mentions if m.kind == kind]
    assert found, f"no {kind} in {mentions}"
    return found[0]


@pytest.mark.parametrize(("text", "kind", "low", "best", "high"), COUNT_EXPRESSIONS)
def test_count_expression(text: str, kind: str, low: int | None, best: int | None, high: int | None) -> None:
    m = _first(find_counts(text), kind)
    assert (m.quantity.low, m.quantity.best, m.quantity.high) == (low, best, high)


def test_there_are_enough_expressions() -> None:
    assert len(COUNT_EXPRESSIONS) >= 40


@pytest.mark.parametrize(
    "text",
    [
        "The party had lost contact with many of the detainees.",
        "The ruling party lost two seats in the vote.",
        "Police who arrived at the scene were attacked.",
    ],
)
def test_no_wrong_count(text: str) -> None:
    assert find_counts(text) == []


def test_object_of_an_earlier_verb_is_not_the_subject_of_a_later_one() -> None:
    ms = find_counts("The gunmen who killed 12 soldiers were arrested.")
    assert [(m.kind, m.quantity.best) for m in ms] == [("fatalities", 12)]


# --------------------------------------------------------------------------- combine: totals and sides


def _combine(*sentences: str) -> dict[str, Count]:
    mentions: list[CountMention] = []
    offset = 0
    for s in sentences:
        mentions += find_counts(s, offset)
        offset += len(s) + 1
    return combine(mentions)


def test_per_side_parts_make_the_total_and_are_kept() -> None:
    c = _combine("Militants attacked the base, killing 5 soldiers and 12 militants.")["fatalities"]
    assert (c.low, c.best, c.high) == (17, 17, 17)
    assert c.by_side == {"armed_group": 12, "state_forces": 5}


def test_per_side_parts_across_sentences() -> None:
    c = _combine("Nine soldiers were killed.", "Four militants also died.")["fatalities"]
    assert c.best == 13 and c.by_side == {"armed_group": 4, "state_forces": 9}


def test_stated_total_wins_and_keeps_the_parts() -> None:
    c = _combine(
        "Eight soldiers and four militants were killed.", "The death toll from the clash stood at 14."
    )["fatalities"]
    assert c.best == 14 and c.by_side == {"armed_group": 4, "state_forces": 8}


def test_a_repeated_toll_counts_once() -> None:
    c = _combine(
        "Russian shelling killed four civilians in the town.",
        "Four people were killed, the governor said.",
        "The four dead were three men and a woman.",
    )["fatalities"]
    assert c.best == 4


def test_repeated_side_with_a_vaguer_word_counts_once() -> None:
    c = _combine("Police arrested 37 protesters.", "Dozens of protesters were detained.")["arrests"]
    assert c.best == 37


def test_subset_among_the_dead_is_not_added() -> None:
    c = _combine("Twelve people were killed.", "Two policemen were among the dead.")["fatalities"]
    assert c.best == 12


def test_bare_plural_gives_no_side_part() -> None:
    c = _combine(
        "Police said 37 people had been arrested.",
        "Rights groups urged the release of the detained protesters.",
    )
    assert c["arrests"].best == 37 and c["arrests"].by_side == {}


def test_conflicting_figures_keep_the_conservative_best_and_the_range() -> None:
    c = _combine("At least 20 people were killed.", "Medics said 26 people were killed.")["fatalities"]
    assert (c.low, c.best, c.high) == (20, 20, 26)


# --------------------------------------------------------------------------- in the pipeline

PUB = date(2025, 9, 4)

PER_SIDE = (
    "Jihadists attacked an army post in Borno state on Wednesday, killing five soldiers and losing "
    "12 of their own fighters, the army said. Four other soldiers were wounded."
)
REPEATED = (
    "Gunmen killed six villagers in Zamfara state on Wednesday, police said. The six victims were "
    "buried on Thursday. Six villagers were killed, a resident said."
)
ABDUCTION = "Bandits abducted more than 30 villagers in Zamfara state on Wednesday, residents said."
BACKGROUND_TOLL = (
    "Gunmen killed two farmers in Zamfara state on Wednesday, police said. "
    "In 2021, gunmen killed 40 farmers in a similar attack in the same district."
)


def _main(adoc: ArticleDoc):  # type: ignore[no-untyped-def]
    return next(e for e in adoc.events if not e.is_background)


def test_event_keeps_totals_sides_and_ranges(coded: Coder) -> None:
    ev = _main(coded(PER_SIDE, PUB))
    assert ev.fatalities == 17  # five soldiers killed and 12 of the attackers' own fighters lost
    assert ev.counts["fatalities"]["by_side"] == {"armed_group": 12, "state_forces": 5}
    assert ev.notes is not None and "17 killed (12 armed group members, 5 state forces)" in ev.notes
    assert ev.injuries == 4


def test_event_repeated_toll_counted_once(coded: Coder) -> None:
    ev = _main(coded(REPEATED, PUB))
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high) == (6, 6, 6)


def test_event_abductions_are_a_field(coded: Coder) -> None:
    ev = _main(coded(ABDUCTION, PUB))
    assert (ev.abductions, ev.abductions_low) == (30, 30)
    assert ev.counts["abductions"] == {"low": 30, "best": 30, "high": None, "by_side": {"civilians": 30}}
    assert ev.notes is not None and "at least 30 civilians abducted" in ev.notes.lower()


def test_nothing_from_background_events(coded: Coder) -> None:
    adoc = coded(BACKGROUND_TOLL, PUB)
    assert _main(adoc).fatalities == 2
    older = [e for e in adoc.events if e.is_background]
    assert [e.fatalities for e in older] == [40]


def test_a_toll_of_words_that_tell_no_event_is_no_toll_of_the_event_before(coded: Coder) -> None:
    # "could have killed 40": the sentence's only mention is hypothetical; its toll went to the
    # blast of the sentence before (40 dead for a blast that wounded 13)
    adoc = coded(
        "A bomb exploded outside a bakery in Lyon on Friday, wounding 13 people. Police said a "
        "bigger device could have killed 40 people.",
        PUB,
    )
    ev = _main(adoc)
    assert ev.fatalities == 0 and ev.injuries == 13


@pytest.mark.parametrize(("where", "passed_on"), [(" across Paris", False), ("", True)])
def test_a_toll_the_models_set_aside_goes_back_only_from_a_sentence_that_places_nothing(
    coded: Coder, where: str, passed_on: bool
) -> None:
    """A mention the models read as no event lets its toll go to the event of the sentence before
    ("Police arrested 37 of them" after a protest), unless its sentence places what it tells
    elsewhere: "a wave of attacks across Paris killed 130" is no toll of a Lyon bombing."""
    from dateline.counts.stage import CountAttacher
    from dateline.model import NOT_AN_EVENT

    adoc = coded(
        "A parcel bomb exploded outside a bakery in Lyon on Friday, wounding 13 people. "
        f"In 2015 a wave of attacks{where} killed 130 people.",
        PUB,
    )
    second = [m for m in adoc.mentions if m.sentence == 1]
    assert second and (bool(where) == any(m.place for m in second))
    for m in adoc.mentions:
        m.count_mentions = []
        if m.sentence == 1:
            m.excluded = NOT_AN_EVENT  # as the status model sets it aside
    CountAttacher()(adoc)
    first = [cm for m in adoc.mentions if m.sentence == 0 for cm in m.count_mentions]
    assert any("130" in cm.span.text for cm in first) is passed_on


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # a toll of the whole battle, in the present perfect: no casualty of the day's clash (§7)
        (
            "Iraqi forces fought Islamic State militants in the Old City of Mosul on Sunday. "
            "Thousands of civilians have been killed in this battle.",
            0,
        ),
        # a toll of months of protest, in the present perfect: an aggregate, not the march's (§7)
        (
            "Protesters marched through Caracas on Monday. "
            "About 100 people have died in three months of anti-government street protests.",
            0,
        ),
        # a toll of days, though told in the present perfect of a battle: the event's own
        ("Five soldiers have been killed in the battle for Kidal since Saturday, officials said.", 5),
        ("At least 20 people have been killed in clashes in Tripoli since Monday.", 20),
    ],
)
def test_an_aggregate_toll_of_a_war_is_no_event_toll(coded: Coder, text: str, fatalities: int) -> None:
    assert _main(coded(text, PUB)).fatalities == fatalities  # before: 1000 for "thousands"


def test_a_sum_over_two_events_gives_way_to_each_ones_own_toll(coded: Coder) -> None:
    # §7: "seven ... in two explosions" is the sum of two events the report then tells apart
    text = (
        "Seven militants were killed in two explosions in Kandahar province on Friday, police said. "
        "Three militants were planting a bomb on a road in Arghandab district when it went off, "
        "killing the three. Four other militants were killed in Shah Wali Kot district when their "
        "car hit a mine."
    )
    adoc = coded(text, PUB)
    by_place = {e.location: e.fatalities for e in adoc.events if not e.is_background}
    assert by_place.get("Arghandab") == 3  # before: 7, the sum
    assert by_place.get("Shah Wali Kot") == 4
    summed = [cm for m in adoc.mentions for cm in m.count_mentions if cm.quantity.best == 7]
    assert summed and all(cm.over_events for cm in summed)


def test_a_lone_sum_over_events_is_still_the_toll(coded: Coder) -> None:
    adoc = coded("Seven people were killed in twin bombings in Kabul on Friday, police said.", PUB)
    assert _main(adoc).fatalities == 7
