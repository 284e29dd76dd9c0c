"""Tests for the counts stage: quantity parsing, count finding and per-event combination."""

from __future__ import annotations

import pytest

from dateline.counts import CountMention, Quantity, combine, find_counts, parse_quantity
from dateline.counts.numbers import words_to_int
from dateline.model import Count

# --------------------------------------------------------------------------- parse_quantity

QUANTITIES = [
    # text, low, best, high, approximate
    ("12", 12, 12, 12, False),
    ("1,200", 1200, 1200, 1200, False),
    ("twelve", 12, 12, 12, False),
    ("twenty-five", 25, 25, 25, False),
    ("a hundred", 100, 100, 100, False),
    ("two thousand", 2000, 2000, 2000, False),
    ("two hundred and fifty", 250, 250, 250, False),
    ("1.5 million", 1_500_000, 1_500_000, 1_500_000, False),
    ("at least 12", 12, 12, None, False),
    ("no fewer than 12", 12, 12, None, False),
    ("12 or more", 12, 12, None, False),
    ("more than 12", 12, 12, None, False),
    ("over 12", 12, 12, None, False),
    ("more than a dozen", 12, 12, None, True),
    ("up to 12", None, 12, 12, True),
    ("as many as 12", None, 12, 12, True),
    ("nearly 20", None, 19, 19, True),
    ("almost 20", None, 19, 19, True),
    ("fewer than 10", None, 9, 9, True),
    ("about 20", None, 20, None, True),
    ("around 20", None, 20, None, True),
    ("some 20", None, 20, None, True),
    ("an estimated 50", None, 50, None, True),
    ("10 to 15", 10, 10, 15, False),
    ("10-15", 10, 10, 15, False),
    ("between 10 and 15", 10, 10, 15, False),
    ("between ten and fifteen", 10, 10, 15, False),
    ("two or three", 2, 2, 3, False),
    ("a dozen", 12, 12, 12, True),
    ("half a dozen", 6, 6, 6, True),
    ("two dozen", 24, 24, 24, False),
    ("dozens", 12, 12, None, True),
    ("tens", 10, 10, None, True),
    ("scores", 20, 20, None, True),
    ("hundreds", 100, 100, None, True),
    ("thousands", 1000, 1000, None, True),
    ("tens of thousands", 10_000, 10_000, None, True),
    ("several", 3, 3, None, True),
    ("a few", 3, 3, None, True),
    ("a number of", 3, 3, None, True),
    ("a couple of", 2, 2, 3, True),
    ("a", 1, 1, 1, False),
    ("an", 1, 1, 1, False),
    ("one", 1, 1, 1, False),
    ("no", 0, 0, 0, False),
]


@pytest.mark.parametrize(("text", "low", "best", "high", "approx"), QUANTITIES)
def test_parse_quantity(text: str, low: int | None, best: int | None, high: int | None, approx: bool) -> None:
    q = parse_quantity(text)
    assert q is not None, text
    assert (q.low, q.best, q.high, q.approximate) == (low, best, high, approx)


@pytest.mark.parametrize("text", ["", "soldiers", "12 soldiers", "the army", "first", "twelfth"])
def test_parse_quantity_rejects_non_quantities(text: str) -> None:
    assert parse_quantity(text) is None


def test_parse_quantity_basis() -> None:
    assert parse_quantity("dozens").basis == "vague"
    assert parse_quantity("12").basis == "number"
    assert parse_quantity("a").basis == "article"
    assert parse_quantity("no").basis == "zero"


def test_words_to_int() -> None:
    assert words_to_int("two thousand five hundred") == 2500
    assert words_to_int("one hundred and twenty") == 120
    assert words_to_int("ninety-nine") == 99
    assert words_to_int("banana") is None


# --------------------------------------------------------------------------- find_counts

COUNTS = [
    # text, kind, low, best, high
    ("Gunmen killed 12 soldiers in an ambush.", "fatalities", 12, 12, 12),
    ("12 soldiers were killed on Monday.", "fatalities", 12, 12, 12),
    ("An explosion hit the market, killing at least 12 people.", "fatalities", 12, 12, None),
    ("The death toll rose to 15 on Tuesday.", "fatalities", 15, 15, 15),
    ("15 dead after attack on convoy", "fatalities", 15, 15, 15),
    ("The attack left 3 dead and 10 wounded.", "fatalities", 3, 3, 3),
    ("The attack left 3 dead and 10 wounded.", "injuries", 10, 10, 10),
    ("A dozen people were injured in the stampede.", "injuries", 12, 12, 12),
    ("The gunmen fled after wounding several others.", "injuries", 3, 3, None),
    ("Police shot him dead at a checkpoint.", "fatalities", 1, 1, 1),
    ("Troops opened fire, shooting him dead.", "fatalities", 1, 1, 1),
    ("The drone strike killed a senior leader of the group.", "fatalities", 1, 1, 1),
    ("The group said the army killed two of its fighters.", "fatalities", 2, 2, 2),
    ("Three were injured in the blast.", "injuries", 3, 3, 3),
    ("Police arrested 40 protesters in the capital.", "arrests", 40, 40, 40),
    ("Security forces detained dozens.", "arrests", 12, 12, None),
    ("His wives were arrested on Friday.", "arrests", 2, 2, None),
    ("Five civilians were abducted near the border.", "abductions", 5, 5, 5),
    ("Bandits kidnapped 20 students from a school.", "abductions", 20, 20, 20),
    ("A journalist was arrested in the capital.", "arrests", 1, 1, 1),
    ("No casualties were reported.", "fatalities", 0, 0, 0),
    ("No casualties were reported.", "injuries", 0, 0, 0),
    ("No one was hurt in the incident.", "injuries", 0, 0, 0),
    ("No one was hurt in the incident.", "fatalities", 0, 0, 0),
    ("Bodies of 7 people were found in a ditch.", "fatalities", 7, 7, 7),
    ("A 25-year-old man was killed in the raid.", "fatalities", 1, 1, 1),
    ("Nigeria: 12 killed in Kaduna attack", "fatalities", 12, 12, 12),
    ("More than 100 people were arrested.", "arrests", 100, 100, None),
    ("Between 10 and 15 people were killed.", "fatalities", 10, 10, 15),
    ("Up to 30 people may have been killed.", "fatalities", None, 30, 30),
    ("Nearly 20 people were injured.", "injuries", None, 19, 19),
    ("Some 200 protesters were detained.", "arrests", None, 200, None),
    ("Two people died in hospital.", "fatalities", 2, 2, 2),
    ("Twelve soldiers lost their lives.", "fatalities", 12, 12, 12),
    ("The clashes claimed 12 lives.", "fatalities", 12, 12, 12),
    ("The militants took 20 people hostage.", "abductions", 20, 20, 20),
    ("A police officer was shot dead at a checkpoint.", "fatalities", 1, 1, 1),
    ("Soldiers were killed in the attack.", "fatalities", 2, 2, None),
    ("Gunmen stormed the village, killing 12 and injuring 20 others.", "injuries", 20, 20, 20),
    ("The number of dead rose to 30.", "fatalities", 30, 30, 30),
    ("Hundreds of protesters were arrested.", "arrests", 100, 100, None),
    ("Security forces arrested a couple of activists.", "arrests", 2, 2, 3),
    ("Police arrested opposition leader Kizza Besigye.", "arrests", 1, 1, 1),
    ("Twenty-five people were killed.", "fatalities", 25, 25, 25),
    ("About 1,200 protesters were detained.", "arrests", None, 1200, None),
    ("Two hundred and fifty people were detained.", "arrests", 250, 250, 250),
    ("3 killed, 12 injured in Lagos clash", "injuries", 12, 12, 12),
    ("The casualty toll stood at 40.", "fatalities", 40, 40, 40),
    ("Security forces shot dead a protester.", "fatalities", 1, 1, 1),
    ("Unidentified gunmen shot and killed a local chief.", "fatalities", 1, 1, 1),
    ("No arrests have been made.", "arrests", 0, 0, 0),
    ("The assailants beat him to death.", "fatalities", 1, 1, 1),
    ("Since 2015, more than 3,000 people have been killed in the region.", "fatalities", 3000, 3000, None),
    ("Several people were killed and many others injured.", "fatalities", 3, 3, None),
    ("Suspected jihadists abducted 5 aid workers on Monday.", "abductions", 5, 5, 5),
    ("The 12 dead included three children.", "fatalities", 12, 12, 12),
    ("The clashes left at least five people dead.", "fatalities", 5, 5, None),
    ("The number of people arrested has risen to 300.", "arrests", 300, 300, 300),
    ("He died of his injuries.", "fatalities", 1, 1, 1),
    ("None of the hostages were harmed.", "fatalities", 0, 0, 0),
    ("12 Taliban killed in raid", "fatalities", 12, 12, 12),
    ("The remains of 12 people were recovered.", "fatalities", 12, 12, 12),
]


def _first(mentions: list[CountMention], kind: str) -> CountMention:
    found = [m for m in mentions if m.kind == kind and not m.is_subset]
    assert found, f"no {kind} in {mentions}"
    return found[0]


@pytest.mark.parametrize(("text", "kind", "low", "best", "high"), COUNTS)
def test_find_counts(text: str, kind: str, low: int | None, best: int | None, high: int | None) -> None:
    m = _first(find_counts(text), kind)
    assert (m.quantity.low, m.quantity.best, m.quantity.high) == (low, best, high)


@pytest.mark.parametrize(("text", "_kind", "_low", "_best", "_high"), COUNTS)
def test_spans_are_exact(text: str, _kind: str, _low: int, _best: int, _high: int) -> None:
    offset = 1234
    for m in find_counts(text, offset):
        assert text[m.span.start - offset : m.span.end - offset] == m.span.text
        assert m.span.text


def test_span_covers_number_and_trigger() -> None:
    (m,) = find_counts("Gunmen killed 12 soldiers in an ambush.")
    assert m.span.text == "killed 12 soldiers"
    (m,) = find_counts("On Monday, 12 soldiers were killed.")
    assert m.span.text == "12 soldiers were killed"


def test_victims_and_side() -> None:
    (m,) = find_counts("The group said the army killed two of its fighters.")
    assert m.victims == "its fighters"
    assert m.side == "armed_group"
    (m,) = find_counts("Police arrested 40 protesters demanding reforms.")
    assert (m.victims, m.side) == ("protesters", "protesters")
    (m,) = find_counts("Five civilians were abducted.")
    assert m.side == "civilians"


@pytest.mark.parametrize(
    "text",
    [
        "Three witnesses said the soldiers fired in the air.",
        "The fire started on the first-floor balcony.",
        "The fire started on the first floor.",
        "The vote was held in 2015, 12 years after the war.",
        "At 3 pm, gunmen opened fire on the convoy.",
        "Gunmen killed 2,000 cattle.",
        "The attackers killed one another.",
        "No one has claimed responsibility for the attack.",
        "The talks lasted two years.",
        "The kidnappers released 3 hostages.",
    ],
)
def test_no_false_counts(text: str) -> None:
    assert find_counts(text) == []


def test_age_is_not_a_count() -> None:
    ms = find_counts("A 25-year-old man was killed.")
    assert [m.quantity.best for m in ms] == [1]


def test_year_is_not_a_count() -> None:
    ms = find_counts("He was killed in a 2020 strike.")
    assert all(m.quantity.best != 2020 for m in ms)
    ms = find_counts("Police said that in 2019, 25 people were killed in similar attacks.")
    assert [m.quantity.best for m in ms] == [25]


def test_duration_is_not_a_count() -> None:
    ms = find_counts("He was arrested two days later.")
    assert [m.quantity.best for m in ms] == [1]


def test_active_subject_is_not_a_count() -> None:
    ms = find_counts("Two gunmen killed three soldiers.")
    assert [(m.kind, m.quantity.best) for m in ms] == [("fatalities", 3)]
    ms = find_counts("Two blasts killed and injured dozens.")
    assert [(m.kind, m.quantity.best) for m in ms] == [("injuries", 12)]


def test_coordinated_parts_share_a_group() -> None:
    ms = find_counts("8 soldiers and 4 militants were killed.")
    assert [(m.quantity.best, m.side) for m in ms] == [(8, "state_forces"), (4, "armed_group")]
    assert ms[0].group is not None and ms[0].group == ms[1].group


def test_including_is_a_subset() -> None:
    ms = find_counts("Airstrikes killed at least 20 Palestinians, including 8 children, officials said.")
    assert [(m.quantity.best, m.is_subset) for m in ms] == [(20, False), (8, True)]
    ms = find_counts("Police fired tear gas, injuring 10 people, two of them seriously.")
    assert [(m.quantity.best, m.is_subset) for m in ms] == [(10, False), (2, True)]


def test_subset_victims() -> None:
    ms = find_counts("Gunmen killed 8 soldiers and 4 militants, including 2 officers.")
    assert [(m.quantity.best, m.victims, m.is_subset) for m in ms] == [
        (8, "soldiers", False),
        (4, "militants", False),
        (2, "officers", True),
    ]
    assert (
        _combine("Gunmen killed 8 soldiers and 4 militants, including 2 officers.")["fatalities"].best == 12
    )


def test_dangling_partitive_is_not_a_part() -> None:
    ms = find_counts("Police arrested 12 people, 5 of whom were later released.")
    assert [m.quantity.best for m in ms] == [12]


def test_perpetrator_counted_with_victims() -> None:
    assert _combine("A suicide bomber killed himself and 4 others.")["fatalities"].best == 5


def test_toll_flags() -> None:
    (m,) = find_counts("The death toll from Sunday's attack has risen to 20.")
    assert m.is_total and m.is_update
    (m,) = find_counts("The casualty toll stood at 40.")
    assert m.is_total and not m.is_update
    (m,) = find_counts("A total of 45 people were arrested.")
    assert m.is_total and m.kind == "arrests"


# --------------------------------------------------------------------------- combine


def _combine(*sentences: str) -> dict[str, Count]:
    mentions: list[CountMention] = []
    offset = 0
    for s in sentences:
        mentions += find_counts(s, offset)
        offset += len(s) + 1
    return combine(mentions)


def _triple(c: Count) -> tuple[int | None, int | None, int | None]:
    return (c.low, c.best, c.high)


def test_combine_repetition_is_not_added() -> None:
    out = _combine("12 people were killed in an attack on Monday.", "The 12 dead included three children.")
    assert out["fatalities"].best == 12


def test_combine_repeated_side_is_not_added() -> None:
    out = _combine("Police arrested 40 protesters.", "The 40 protesters were arrested during a march.")
    assert out["arrests"].best == 40


def test_combine_update_supersedes() -> None:
    out = _combine("Gunmen killed 12 people.", "The death toll rose to 15 on Tuesday.")
    assert _triple(out["fatalities"]) == (15, 15, 15)
    assert out["fatalities"].span.text == "death toll rose to 15"
    out = _combine("The death toll rose to 15.", "Later the death toll rose to 20.", "12 were killed.")
    assert out["fatalities"].best == 20


def test_combine_bringing_the_toll() -> None:
    out = _combine("The bombing killed 12 people, bringing the death toll to 40.")
    assert out["fatalities"].best == 40


def test_combine_per_side_sum() -> None:
    assert _combine("8 soldiers and 4 militants were killed.")["fatalities"].best == 12
    assert _combine("8 soldiers were killed.", "Four militants also died.")["fatalities"].best == 12
    assert _combine("3 women and 2 children were killed.")["fatalities"].best == 5


def test_combine_stated_total_overrides_parts() -> None:
    out = _combine("8 soldiers and 4 militants were killed.", "A total of 14 people were killed.")
    assert out["fatalities"].best == 14


def test_combine_generic_total_and_parts() -> None:
    out = _combine("12 people were killed.", "8 soldiers and 4 militants were killed.")
    assert out["fatalities"].best == 12


def test_combine_conflicting_figures_are_conservative() -> None:
    out = _combine("At least 10 people were killed.", "Officials said 12 people were killed.")
    assert _triple(out["fatalities"]) == (10, 10, 12)


def test_combine_number_beats_vague_and_plural() -> None:
    assert _combine("Soldiers were killed.", "12 soldiers were killed.")["fatalities"].best == 12
    assert _combine("Dozens were detained.", "Police said 40 people were arrested.")["arrests"].best == 40


def test_combine_zero_only_without_positive() -> None:
    assert _combine("No one was killed.", "Two people died in hospital.")["fatalities"].best == 2
    out = _combine("No one was hurt.")
    assert _triple(out["fatalities"]) == (0, 0, 0)
    assert _triple(out["injuries"]) == (0, 0, 0)


def test_combine_subsets_are_not_added() -> None:
    assert _combine("Gunmen killed 20 people, including 8 children.")["fatalities"].best == 20
    assert _combine("12 soldiers were killed.", "Two of the soldiers were beheaded.")["fatalities"].best == 12
    assert _combine("Two of the soldiers were beheaded.")["fatalities"].best == 2


def test_combine_keeps_kinds_apart() -> None:
    out = _combine("The attack left 3 dead and 10 wounded.", "Police arrested 4 suspects.")
    assert {k: c.best for k, c in out.items()} == {"fatalities": 3, "injuries": 10, "arrests": 4}


def test_combine_keeps_range() -> None:
    out = _combine("Between 10 and 15 people were killed.")
    assert _triple(out["fatalities"]) == (10, 10, 15)


def test_combine_empty() -> None:
    assert combine([]) == {}


def test_quantity_is_frozen() -> None:
    q = Quantity(1, 1, 1)
    with pytest.raises(AttributeError):
        q.best = 2  # type: ignore[misc]
