"""Date expressions, UCDP date_prec and the time stage's flags (issue 6).

Each case is written for this project: the text, the publication date, the range an analyst
would code, ACLED time_precision (1 day, 2 week, 3 month) and UCDP GED date_prec (1 day, 2 within
2-6 days, 3 week, 4 within 8-30 days or a month, 5 longer).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dateline.pipeline import ArticleDoc
from dateline.time import find_dates, resolve_text

WED = date(2025, 8, 20)  # a Wednesday
THU = date(2025, 9, 4)  # a Thursday
SAT = date(2025, 8, 23)  # a Saturday
MON = date(2025, 3, 10)  # a Monday
JAN = date(2025, 1, 2)  # a Thursday, early in the year

Coder = Callable[..., ArticleDoc]

# (text, published, start, end, time_precision, date_prec)
EXPRESSIONS: list[tuple[str, date, str, str, int, int]] = [
    # weekdays: the day itself on its own day, never the week before (dateparser's default)
    ("Gunmen attacked a convoy on Wednesday.", WED, "2025-08-20", "2025-08-20", 1, 1),
    ("Gunmen attacked a convoy on Thursday.", THU, "2025-09-04", "2025-09-04", 1, 1),
    ("Gunmen attacked a convoy on Thursday.", WED, "2025-08-14", "2025-08-14", 1, 1),
    ("Gunmen attacked a convoy on Sunday.", MON, "2025-03-09", "2025-03-09", 1, 1),
    ("Police raided the camp last Thursday.", WED, "2025-08-14", "2025-08-14", 1, 1),
    ("Police raided the camp last Wednesday.", WED, "2025-08-13", "2025-08-13", 1, 1),
    ("Police raided the camp late on Tuesday.", WED, "2025-08-19", "2025-08-19", 1, 1),
    ("Police raided the camp late Tuesday.", WED, "2025-08-19", "2025-08-19", 1, 1),
    ("Police raided the camp early Wednesday.", WED, "2025-08-20", "2025-08-20", 1, 1),
    ("Police raided the camp before dawn on Wednesday.", WED, "2025-08-20", "2025-08-20", 1, 1),
    ("Police raided the camp in the small hours of Monday.", WED, "2025-08-18", "2025-08-18", 1, 1),
    ("Police raided the camp on Saturday evening.", SAT, "2025-08-23", "2025-08-23", 1, 1),
    ("Police raided the camp on the night of Monday to Tuesday.", WED, "2025-08-18", "2025-08-19", 1, 2),
    ("A mortar hit the base on Thursday, 1 January.", JAN, "2025-01-01", "2025-01-01", 1, 1),
    # relative to publication
    ("Militants struck overnight.", THU, "2025-09-03", "2025-09-04", 1, 1),
    ("Militants struck at dawn.", THU, "2025-09-04", "2025-09-04", 1, 1),
    ("Militants struck yesterday.", JAN, "2025-01-01", "2025-01-01", 1, 1),
    ("Militants struck two weeks ago.", WED, "2025-08-06", "2025-08-06", 2, 3),
    ("Militants struck a fortnight ago.", WED, "2025-08-06", "2025-08-06", 2, 3),
    ("Militants struck days ago.", WED, "2025-08-14", "2025-08-18", 2, 2),
    ("Militants struck in the past week.", WED, "2025-08-14", "2025-08-20", 2, 3),
    ("Militants struck over the past week.", SAT, "2025-08-17", "2025-08-23", 2, 3),
    # weeks and weekends: a range with precision 2
    ("Soldiers clashed with rebels last week.", THU, "2025-08-25", "2025-08-31", 2, 3),
    ("Soldiers clashed with rebels last week.", JAN, "2024-12-23", "2024-12-29", 2, 3),
    ("Soldiers clashed with rebels earlier this week.", THU, "2025-09-01", "2025-09-03", 2, 2),
    ("Soldiers clashed with rebels this week.", WED, "2025-08-18", "2025-08-20", 2, 2),
    ("Soldiers clashed with rebels the previous week.", WED, "2025-08-11", "2025-08-17", 2, 3),
    ("Soldiers clashed with rebels over the weekend.", WED, "2025-08-16", "2025-08-17", 2, 2),
    ("Soldiers clashed with rebels at the weekend.", MON, "2025-03-08", "2025-03-09", 2, 2),
    ("Soldiers clashed with rebels this weekend.", WED, "2025-08-16", "2025-08-17", 2, 2),
    ("Soldiers clashed with rebels this weekend.", SAT, "2025-08-23", "2025-08-23", 2, 2),
    ("Soldiers clashed with rebels in the first week of August.", WED, "2025-08-01", "2025-08-07", 2, 3),
    # ranges the text gives
    ("Fighting raged between Monday and Wednesday.", WED, "2025-08-18", "2025-08-20", 2, 2),
    ("Fighting raged from Monday to Wednesday.", THU, "2025-09-01", "2025-09-03", 2, 2),
    ("Fighting raged on 3–5 March.", WED, "2025-03-03", "2025-03-05", 2, 2),
    ("Fighting raged from 3 to 5 March.", WED, "2025-03-03", "2025-03-05", 2, 2),
    ("Fighting raged between 3 and 5 March 2024.", WED, "2024-03-03", "2024-03-05", 2, 2),
    ("Fighting raged from 1 to 14 August.", WED, "2025-08-01", "2025-08-14", 3, 4),
    ("Fighting raged between 30 December and 2 January.", JAN, "2024-12-30", "2025-01-02", 2, 2),
    ("Fighting has raged since Sunday.", WED, "2025-08-17", "2025-08-20", 2, 2),
    ("Fighting has raged since Tuesday.", WED, "2025-08-19", "2025-08-20", 1, 2),
    ("Fighting has raged since 12 August.", WED, "2025-08-12", "2025-08-20", 3, 4),
    # months, parts of months, years
    ("Troops withdrew in June.", WED, "2025-06-01", "2025-06-30", 3, 4),
    ("Troops withdrew in December.", JAN, "2024-12-01", "2024-12-31", 3, 4),
    ("Troops withdrew earlier this month.", WED, "2025-08-01", "2025-08-19", 3, 4),
    ("Troops withdrew late last month.", WED, "2025-07-21", "2025-07-31", 3, 4),
    ("Troops withdrew in mid-July.", WED, "2025-07-11", "2025-07-20", 3, 4),
    ("Troops withdrew in early August.", WED, "2025-08-01", "2025-08-10", 3, 4),
    ("Troops withdrew last month.", JAN, "2024-12-01", "2024-12-31", 3, 4),
    ("Troops withdrew in 2020.", WED, "2020-01-01", "2020-12-31", 3, 5),
    ("Troops withdrew last year.", JAN, "2024-01-01", "2024-12-31", 3, 5),
    ("Troops withdrew in the summer of 2023.", WED, "2023-06-01", "2023-08-31", 3, 5),
    # absolute dates
    ("The raid took place on 3 March.", WED, "2025-03-03", "2025-03-03", 1, 1),
    ("The raid took place on 3 March.", JAN, "2024-03-03", "2024-03-03", 1, 1),
    ("The raid took place on August 18th.", WED, "2025-08-18", "2025-08-18", 1, 1),
    ("The raid took place on Aug. 18.", WED, "2025-08-18", "2025-08-18", 1, 1),
    ("The raid took place on Tuesday, August 19.", WED, "2025-08-19", "2025-08-19", 1, 1),
    ("The raid took place on 19.08.2025.", WED, "2025-08-19", "2025-08-19", 1, 1),
    ("The raid took place on the morning of 19 August.", WED, "2025-08-19", "2025-08-19", 1, 1),
    ("The raid took place on 20 August, the day of the report.", WED, "2025-08-20", "2025-08-20", 1, 1),
]


@pytest.mark.parametrize(("text", "published", "start", "end", "precision", "date_prec"), EXPRESSIONS)
def test_expression(text: str, published: date, start: str, end: str, precision: int, date_prec: int) -> None:
    r = resolve_text(text, published)
    assert r is not None, text
    got = (r.start.isoformat(), r.end.isoformat(), r.precision, r.ucdp_date_prec)
    assert got == (start, end, precision, date_prec)


def test_there_are_enough_expressions() -> None:
    assert len(EXPRESSIONS) >= 40


# --- date_prec, UCDP GED: by the length of the range (and "only the week known" for "a week ago")


@pytest.mark.parametrize(
    ("days", "date_prec"),
    [(1, 1), (2, 2), (6, 2), (7, 3), (8, 4), (30, 4), (31, 4), (32, 5), (365, 5)],
)
def test_ucdp_date_prec_by_range(days: int, date_prec: int) -> None:
    from dateline.time.dates import _ucdp_from_span  # the one place the codes are decided

    start = date(2025, 1, 1)
    assert _ucdp_from_span(start, date.fromordinal(start.toordinal() + days - 1)) == date_prec


def test_since_a_year_stays_the_year() -> None:
    """ "since 2014" names the start of a long period; it is not a range up to the report."""
    (expr,) = find_dates("The group has held the town since 2014.")
    assert expr.text == "2014"


def test_since_is_part_of_the_expression() -> None:
    (expr,) = find_dates("Fighting has raged since Sunday, residents said.")
    assert (expr.text, expr.kind) == ("since Sunday", "since")


# --- in the pipeline: date_prec on events, the undated event flagged, background never dated by publication

UNDATED = "Gunmen killed three traders in Maiduguri, police said."
DATED = "Gunmen killed three traders in Maiduguri last week, police said."
OVERNIGHT = "Gunmen killed three traders in Maiduguri overnight, police said."
BACKGROUND = (
    "Gunmen killed three traders in Maiduguri on Monday, police said. "
    "In 2019, gunmen killed 20 traders in a similar attack in the same market."
)


def _main(adoc: ArticleDoc):  # type: ignore[no-untyped-def]
    (ev,) = [e for e in adoc.events if not e.is_background]
    return ev


def test_event_carries_date_prec_and_range(coded: Coder) -> None:
    ev = _main(coded(DATED, WED))
    assert (ev.event_date, ev.date_end, ev.time_precision, ev.date_prec) == (
        "2025-08-11",
        "2025-08-17",
        2,
        3,
    )
    assert [s.text for s in ev.evidence["event_date"]] == ["last week"]


def test_overnight_is_a_day_with_its_range(coded: Coder) -> None:
    ev = _main(coded(OVERNIGHT, WED))
    assert (ev.event_date, ev.date_end, ev.time_precision, ev.date_prec) == ("2025-08-19", "2025-08-20", 1, 1)


def test_undated_event_is_flagged_never_silent(coded: Coder) -> None:
    ev = _main(coded(UNDATED, WED))
    assert ev.event_date == "2025-08-20"
    assert ev.time_precision == 2 and ev.date_prec == 3  # lowered from a day
    assert ev.date_flag == "no date in text: publication date used, precision lowered"
    assert ev.notes is not None and ev.notes.startswith("On or shortly before 20 August 2025 (the date of")


def test_background_event_keeps_its_own_date(coded: Coder) -> None:
    adoc = coded(BACKGROUND, WED)
    main = _main(adoc)
    assert (main.event_date, main.date_prec) == ("2025-08-18", 1)
    older = [e for e in adoc.events if e.is_background]
    assert older, "the 2019 attack is kept as background"
    assert all(e.event_date != "2025-08-20" for e in older)
    assert [(e.event_date, e.date_end, e.date_prec) for e in older] == [("2019-01-01", "2019-12-31", 5)]
    assert main.fatalities == 3  # the 2019 toll stays with its own event


def test_csv_has_the_date_columns(coded: Coder) -> None:
    from dateline.model import events_to_csv

    header = events_to_csv(coded(DATED, WED).events).splitlines()[0].split(",")
    assert {"date_end", "date_prec", "date_flag", "abductions"} <= set(header)


# --- reports written in one case (lower-cased archives, capitals) ------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("he was shot dead in borivli on saturday morning.", ["saturday morning"]),
        ("the bandh called for march 6 was peaceful.", ["march 6"]),
        ("riots broke out on 28 february in the city.", ["28 february"]),
        ("the curfew has held since march 1.", ["since march 1"]),
        ("the toll rose in march, officials said.", ["march"]),
        ("THE ATTACK ON SATURDAY MORNING KILLED FOUR.", ["SATURDAY MORNING"]),
        # "march" and "may" beside no number or dating word are a procession and a verb
        ("they plan to march to parliament.", []),
        ("police said they may attack again.", []),
        ("the march ended near the station.", []),
    ],
)
def test_one_case_text_has_month_and_weekday_names(text: str, found: list[str]) -> None:
    assert [e.text for e in find_dates(text, one_case=True)] == found


def test_one_case_names_are_not_read_in_an_ordinary_text() -> None:
    # capitals carry the names in a text that has them: "may" there is never the month
    assert find_dates("They said the march 6 rally may go ahead.") == []


def test_a_one_case_report_is_dated_by_its_weekday(coded: Coder) -> None:
    text = (
        "mumbai: a diamond merchant was shot dead by robbers in borivli on saturday morning, "
        "police said. it was the first killing of a trader in the city this year."
    )
    ev = _main(coded(text, date(2002, 3, 2)))  # a Saturday
    assert (ev.event_date, ev.date_prec) == ("2002-03-02", 1)


def test_a_period_that_sets_a_mention_aside_does_not_date_the_news(coded: Coder) -> None:
    # the second killing is "this year" (a period, set aside): the report's news keeps the
    # publication date, not 1 January
    text = (
        "Gunmen shot dead a trader in Maiduguri, police said. It was the first trader shot "
        "dead in the city this year."
    )
    ev = _main(coded(text, WED))
    assert ev.event_date == "2025-08-20"


def test_a_coming_day_without_a_year_is_a_plan_not_last_year(coded: Coder) -> None:
    text = (
        "Ayodhya: Thousands of activists are expected at a rally in Ayodhya on March 15, "
        "organisers said. Gunmen shot dead two villagers near Ayodhya on Tuesday."
    )
    adoc = coded(text, date(2002, 3, 13))
    # one event, Tuesday's killing; the rally of 15 March is neither news nor last year's
    assert [(e.event_date, e.is_background) for e in adoc.events] == [("2002-03-12", False)]
    (rally,) = [m for m in adoc.mentions if m.trigger.text == "rally"]
    assert (rally.event_date, rally.excluded) == (date(2002, 3, 15), "future")


def test_a_past_tense_keeps_last_years_day(coded: Coder) -> None:
    # told in the past tense, a day shortly after publication is last year's
    adoc = coded("Troops clashed with rebels in Goma on 20 March, the army said.", date(2025, 3, 12))
    assert [(e.event_date, e.is_background) for e in adoc.events] == [("2024-03-20", True)]


def test_tomorrow_is_a_plan_not_news(coded: Coder) -> None:
    # a day after publication may be the reporter's time zone, but "tomorrow" is never past
    adoc = coded("Opposition groups will lead a march to parliament in Delhi tomorrow, organisers said.", WED)
    assert adoc.events == []
    adoc = coded("Students are holding a march to parliament in Delhi tomorrow.", WED)
    assert [e.event_date for e in adoc.events if not e.is_background] == []
