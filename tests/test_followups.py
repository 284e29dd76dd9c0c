"""Follow-up reports: a toll that rose on the day of the report belongs to an earlier event.

Written for the project: a report published the day after a bombing gives the news of the day
(the toll rose) and the event's own day (Friday)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dateline.counts.casualties import find_counts
from dateline.pipeline import ArticleDoc

FOLLOW_UP = (
    "GAROWE, Somalia: The death toll from a car bombing at a busy market in the town of Galkayo "
    "rose to 11 on Saturday, local officials said. The blast on Friday afternoon also wounded "
    "dozens of traders."
)


def test_a_long_toll_phrase_is_read_to_its_number() -> None:
    text = "The death toll from a car bombing at a busy market in the town of Galkayo rose to 11 on Saturday."
    assert [(c.quantity.best, c.is_update) for c in find_counts(text)] == [(11, True)]


def test_the_day_the_toll_rose_is_not_the_day_of_the_bombing(coded: Callable[..., ArticleDoc]) -> None:
    adoc = coded(FOLLOW_UP, date(2025, 6, 7))  # a Saturday
    (ev,) = [e for e in adoc.events if not e.is_background]
    assert (ev.event_date, ev.time_precision) == ("2025-06-06", 1)  # Friday
    assert ev.fatalities == 11
