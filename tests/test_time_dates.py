"""Time stage: finding date expressions and resolving them like an ACLED coder."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dateline.time import DateExpr, ResolvedDate, find_dates, resolve, resolve_text

# Publication dates on several weekdays (and one across a year boundary).
WED = date(2025, 8, 20)  # Wednesday
FRI = date(2025, 8, 22)  # Friday
MON = date(2025, 3, 10)  # Monday
TUE = date(2025, 6, 17)  # Tuesday
SUN = date(2024, 1, 7)  # Sunday, early in the year


def d(s: str) -> date:
    return date.fromisoformat(s)


# (text, published, start, end, ACLED time_precision)
CASES: list[tuple[str, date, str, str, int]] = [
    # weekdays: most recent on or before publication, never the future
    ("Troops raided the town on Wednesday.", WED, "2025-08-20", "2025-08-20", 1),
    ("Troops raided the town on Wednesday.", FRI, "2025-08-20", "2025-08-20", 1),
    ("Wednesday's operation left three dead.", FRI, "2025-08-20", "2025-08-20", 1),
    ("Gunmen struck late on Tuesday.", WED, "2025-08-19", "2025-08-19", 1),
    ("Clashes broke out on Sunday night.", WED, "2025-08-17", "2025-08-17", 1),
    ("Police fired tear gas early Monday.", FRI, "2025-08-18", "2025-08-18", 1),
    ("The strike hit the market Monday morning.", MON, "2025-03-10", "2025-03-10", 1),
    ("Fighting resumed on Saturday.", SUN, "2024-01-06", "2024-01-06", 1),
    ("A bomb exploded on Monday.", SUN, "2024-01-01", "2024-01-01", 1),
    ("Thursday night's attack killed two.", FRI, "2025-08-21", "2025-08-21", 1),
    ("Rebels attacked at dawn on Friday.", WED, "2025-08-15", "2025-08-15", 1),
    ("Jets struck in the early hours of Sunday.", WED, "2025-08-17", "2025-08-17", 1),
    ("The blast came shortly after midnight on Sunday.", MON, "2025-03-09", "2025-03-09", 1),
    ("It happened on Wednesday last week.", FRI, "2025-08-13", "2025-08-13", 1),
    # relative to the publication day
    ("Protesters gathered today.", FRI, "2025-08-22", "2025-08-22", 1),
    ("Shelling resumed this morning.", WED, "2025-08-20", "2025-08-20", 1),
    ("A curfew starts tonight.", MON, "2025-03-10", "2025-03-10", 1),
    ("Two soldiers were killed yesterday.", MON, "2025-03-09", "2025-03-09", 1),
    ("Gunfire was heard last night.", SUN, "2024-01-06", "2024-01-06", 1),
    ("Gunfire was heard late last night.", FRI, "2025-08-21", "2025-08-21", 1),
    ("Drones struck overnight, officials said.", WED, "2025-08-19", "2025-08-20", 1),
    ("Troops stormed the camp at dawn.", FRI, "2025-08-22", "2025-08-22", 1),
    ("It began the day before yesterday.", MON, "2025-03-08", "2025-03-08", 1),
    ("Two days ago, militants attacked.", FRI, "2025-08-20", "2025-08-20", 1),
    ("The raid took place 10 days ago.", WED, "2025-08-10", "2025-08-10", 1),
    ("A week ago, the town fell.", WED, "2025-08-13", "2025-08-13", 2),
    ("Two years ago, a similar attack occurred.", WED, "2023-01-01", "2023-12-31", 3),
    ("at least 12 deaths in the past 24 hours", WED, "2025-08-19", "2025-08-20", 1),
    # weeks, months, years relative to publication
    ("Riots erupted last week.", WED, "2025-08-11", "2025-08-17", 2),
    ("Riots erupted last week.", SUN, "2023-12-25", "2023-12-31", 2),
    ("Strikes continued this week.", FRI, "2025-08-18", "2025-08-22", 2),
    ("Police arrested 40 people earlier this week.", FRI, "2025-08-18", "2025-08-21", 2),
    ("Clashes broke out over the weekend.", MON, "2025-03-08", "2025-03-09", 2),
    ("Clashes broke out last weekend.", WED, "2025-08-16", "2025-08-17", 2),
    ("Protests began earlier this month.", WED, "2025-08-01", "2025-08-19", 3),
    ("Five attacks this month so far.", WED, "2025-08-01", "2025-08-20", 3),
    ("A similar raid happened last month.", SUN, "2023-12-01", "2023-12-31", 3),
    ("A similar raid happened last month.", MON, "2025-02-01", "2025-02-28", 3),
    ("Elections were held last year.", WED, "2024-01-01", "2024-12-31", 3),
    ("Raids have surged since the start of the year.", WED, "2025-01-01", "2025-04-30", 3),
    # months: most recent such month not after publication
    ("The coalition announced a raid in June.", WED, "2025-06-01", "2025-06-30", 3),
    ("The talks collapsed in September.", WED, "2024-09-01", "2024-09-30", 3),
    ("Fighting has raged in August.", WED, "2025-08-01", "2025-08-20", 3),
    ("The ceasefire broke down in May.", WED, "2025-05-01", "2025-05-31", 3),
    ("Troops withdrew in early June.", WED, "2025-06-01", "2025-06-10", 3),
    ("Troops withdrew in mid-June.", WED, "2025-06-11", "2025-06-20", 3),
    ("Troops withdrew late June.", WED, "2025-06-21", "2025-06-30", 3),
    ("Troops withdrew in late June.", TUE, "2024-06-21", "2024-06-30", 3),
    ("Rebels seized the town in late December.", SUN, "2023-12-21", "2023-12-31", 3),
    ("The offensive of June 2024 failed.", WED, "2024-06-01", "2024-06-30", 3),
    ("It started in the first week of June.", WED, "2025-06-01", "2025-06-07", 2),
    # years
    ("His brother was killed in 2020.", WED, "2020-01-01", "2020-12-31", 3),
    ("He was wounded in a 2020 strike.", WED, "2020-01-01", "2020-12-31", 3),
    ("The group seized the city in 2014.", MON, "2014-01-01", "2014-12-31", 3),
    ("Attacks have risen in 2025.", WED, "2025-01-01", "2025-08-20", 3),
    ("The movement grew in early 2020.", WED, "2020-01-01", "2020-04-30", 3),
    # absolute dates; a year-less date is the most recent one not after publication
    ("Troops entered the city on 3 March.", WED, "2025-03-03", "2025-03-03", 1),
    ("Troops entered the city on 3 March.", SUN, "2023-03-03", "2023-03-03", 1),
    ("Troops entered the city on 3 March 2024.", WED, "2024-03-03", "2024-03-03", 1),
    ("Troops entered the city on March 3.", WED, "2025-03-03", "2025-03-03", 1),
    ("Troops entered the city on March 3, 2024.", WED, "2024-03-03", "2024-03-03", 1),
    ("Troops entered the city on the 3rd of March.", MON, "2025-03-03", "2025-03-03", 1),
    ("The vote was held on 10 March.", MON, "2025-03-10", "2025-03-10", 1),
    ("The vote was held on 11 March.", MON, "2024-03-11", "2024-03-11", 1),
    ("Report dated 2025-08-20.", FRI, "2025-08-20", "2025-08-20", 1),
    ("Incident of 20/08/2025 in Gao.", FRI, "2025-08-20", "2025-08-20", 1),
    ("Troops entered on Friday, 3 March.", WED, "2025-03-03", "2025-03-03", 1),
    ("The UN said in a statement on Monday 18 August.", FRI, "2025-08-18", "2025-08-18", 1),
    ("Troops entered on Friday (3 March).", WED, "2025-03-03", "2025-03-03", 1),
    ("Shots were fired on the night of 3 March.", WED, "2025-03-03", "2025-03-03", 1),
    ("Shops were looted on Christmas Day.", SUN, "2023-12-25", "2023-12-25", 1),
    # ranges
    ("Fighting raged between 3 and 5 March.", WED, "2025-03-03", "2025-03-05", 2),
    ("Fighting raged from Monday to Wednesday.", FRI, "2025-08-18", "2025-08-20", 2),
    ("Fighting raged on 3-4 March.", WED, "2025-03-03", "2025-03-04", 1),
    ("Fighting raged from 1 to 20 March.", WED, "2025-03-01", "2025-03-20", 3),
    ("Fighting raged between 28 February and 3 March.", MON, "2025-02-28", "2025-03-03", 2),
    ("Fighting raged on March 3-5, 2024.", WED, "2024-03-03", "2024-03-05", 2),
    ("Protests spread between March and May.", WED, "2025-03-01", "2025-05-31", 3),
    ("Rebels held the town from 2014 to 2016.", WED, "2014-01-01", "2016-12-31", 3),
    ("During the 2014-16 war, thousands fled.", WED, "2014-01-01", "2016-12-31", 3),
]


@pytest.mark.parametrize(("text", "published", "start", "end", "precision"), CASES)
def test_resolve_text(text: str, published: date, start: str, end: str, precision: int) -> None:
    r = resolve_text(text, published)
    assert r is not None, text
    assert (r.start, r.end, r.precision) == (d(start), d(end), precision)
    assert r.expr is not None and r.expr.text in text


ANCHOR = date(2025, 8, 18)  # the main event, a Monday; the report is published on WED

ANCHOR_CASES: list[tuple[str, date | None, str, int]] = [
    ("three days earlier", ANCHOR, "2025-08-15", 1),
    ("the day before", ANCHOR, "2025-08-17", 1),
    ("the previous day", ANCHOR, "2025-08-17", 1),
    ("the previous day", None, "2025-08-19", 1),  # no anchor: count from publication
    ("the next day", ANCHOR, "2025-08-19", 1),
    ("a day later", ANCHOR, "2025-08-19", 1),
    ("two days later", date(2025, 8, 15), "2025-08-17", 1),
    ("later that day", ANCHOR, "2025-08-18", 1),
    ("the following morning", ANCHOR, "2025-08-19", 1),
    ("a week later", date(2025, 8, 1), "2025-08-08", 2),
]


@pytest.mark.parametrize(("text", "anchor", "expected", "precision"), ANCHOR_CASES)
def test_anchor_relative(text: str, anchor: date | None, expected: str, precision: int) -> None:
    (expr,) = find_dates(f"Then, {text}, another blast hit the town.")
    assert expr.text == text
    r = resolve(expr, WED, anchor)
    assert r is not None
    assert (r.start, r.end, r.precision) == (d(expected), d(expected), precision)


@pytest.mark.parametrize(
    ("text", "published", "ucdp"),
    [
        ("on Wednesday", FRI, 1),
        ("overnight", WED, 1),
        ("on 3-4 March", WED, 2),
        ("earlier this week", FRI, 2),
        ("last week", WED, 3),
        ("in June", WED, 4),
        ("earlier this month", WED, 4),
        ("last year", WED, 5),
        ("in 2020", WED, 5),
        ("between March and May", WED, 5),
    ],
)
def test_ucdp_precision(text: str, published: date, ucdp: int) -> None:
    r = resolve_text(text, published)
    assert r is not None and r.ucdp_date_prec == ucdp


@pytest.mark.parametrize(
    "text",
    [
        "Attacks have multiplied over recent years.",
        "Attacks have multiplied in recent years.",
        "Such raids were common in the past.",
        "Violence has surged in recent months.",
        "Clashes flared several times in the past few days.",
    ],
)
def test_vague_past_found_but_unresolved(text: str) -> None:
    exprs = find_dates(text)
    assert [e.kind for e in exprs] == ["vague_past"]
    assert resolve(exprs[0], WED) is None
    assert resolve_text(text, WED) is None


@pytest.mark.parametrize(
    "text",
    [
        "Five years later the group collapsed.",
        "Witnesses heard gunfire shortly after midnight.",
        "Gunfire was heard at around 2:30 am.",
    ],
)
def test_no_resolvable_date(text: str) -> None:
    assert resolve_text(text, WED) is None


@pytest.mark.parametrize(
    "text",
    [
        "Protesters may gather again, organisers warned.",
        "Thousands joined a march through the capital.",
        "They will march on the palace.",
        "March organisers said the route was blocked.",
        "Theresa May said she was shocked.",
        "A fire broke out in the first-floor flat.",
        "At least 15 people were killed.",
        "Some 2,000 people fled.",
        "An estimated 2000 protesters gathered.",
        "A 2000-strong force was deployed.",
        "He had lived at the address for two years.",
        "Witnesses heard gunfire shortly after midnight, at around 2:30 am.",
        "The Sunday Times reported the claim.",
        "Police imposed an overnight curfew.",
        "Workers began a two-day strike.",
        "Markets are closed on Mondays.",
        "USA Today reported the story.",
        "The Good Friday Agreement was signed.",
        "Talks were held two days before the election.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert find_dates(text) == []


def test_offsets_and_kinds() -> None:
    text = (
        "US-led forces killed an IS leader on Wednesday in Atme, state TV said. The coalition "
        "announced a similar raid in June. His brother was killed in 2020, and raids have grown "
        "over recent years."
    )
    exprs = find_dates(text, offset=100)
    assert [(e.text, e.kind) for e in exprs] == [
        ("Wednesday", "weekday"),
        ("June", "month"),
        ("2020", "year"),
        ("over recent years", "vague_past"),
    ]
    for e in exprs:
        assert text[e.start - 100 : e.end - 100] == e.text
    assert exprs[0].start == 100 + text.index("Wednesday")


def test_longest_expression_wins_and_no_overlap() -> None:
    text = (
        "Late on Sunday night gunmen attacked; the day before yesterday police said between 3 and 5 March "
        "was calm. Shelling overnight was followed by clashes from Monday to Wednesday."
    )
    exprs = find_dates(text)
    assert [e.text for e in exprs] == [
        "Late on Sunday night",
        "the day before yesterday",
        "between 3 and 5 March",
        "overnight",
        "from Monday to Wednesday",
    ]
    for a, b in zip(exprs, exprs[1:], strict=False):
        assert a.end <= b.start
    for e in exprs:
        assert text[e.start : e.end] == e.text


def test_weekday_never_in_future() -> None:
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for i in range(7):
        pub = date(2025, 8, 18) + timedelta(days=i)
        for wd, name in enumerate(names):
            r = resolve_text(f"It happened on {name}.", pub)
            assert r is not None
            assert r.start == r.end and r.start.weekday() == wd
            assert 0 <= (pub - r.start).days <= 6


def test_resolve_accepts_hand_built_expression() -> None:
    r = resolve(DateExpr(10, 19, "Wednesday", "weekday"), FRI)
    assert isinstance(r, ResolvedDate)
    assert r.start == date(2025, 8, 20) and r.expr == DateExpr(10, 19, "Wednesday", "weekday")
    assert resolve(DateExpr(0, 8, "no date", "weekday"), FRI) is None


def test_invalid_dates_do_not_resolve() -> None:
    assert resolve_text("on 31 April", WED) is None
    r = resolve_text("on 29 February", WED)
    assert r is not None and r.start == date(2024, 2, 29)


def test_lists_are_not_merged() -> None:
    text = "Drones struck overnight, 3 March was calm; on Monday and Tuesday talks went on."
    assert [(e.text, e.kind) for e in find_dates(text)] == [
        ("overnight", "relative_day"),
        ("3 March", "day_month"),
        ("Monday", "weekday"),
        ("Tuesday", "weekday"),
    ]
