"""Notes written from an event's fields in ACLED's manner (issue 6)."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.events.notes import write_notes
from dateline.model import Event

BASE: dict[str, Any] = dict(
    sub_event_type="Attack",
    actor1="Unidentified Armed Group (Mali)",
    actor2="Civilians (Mali)",
    location="Gao",
    country="Mali",
)


@pytest.mark.parametrize(
    ("dates", "opening"),
    [
        (dict(event_date="2025-08-20", time_precision=1), "On 20 August 2025, "),
        (
            dict(event_date="2025-08-19", date_end="2025-08-20", time_precision=1),
            "Between 19 and 20 August 2025, ",
        ),
        (
            dict(event_date="2025-08-11", date_end="2025-08-17", time_precision=2),
            "Between 11 and 17 August 2025, ",
        ),
        (
            dict(event_date="2025-02-28", date_end="2025-03-03", time_precision=2),
            "Between 28 February and 3 March 2025, ",
        ),
        (
            dict(event_date="2024-12-30", date_end="2025-01-02", time_precision=2),
            "Between 30 December 2024 and 2 January 2025, ",
        ),
        (dict(event_date="2025-08-06", time_precision=2), "In the week of 6 August 2025, "),
        (dict(event_date="2025-06-01", date_end="2025-06-30", time_precision=3), "In June 2025, "),
        (
            dict(event_date="2025-06-21", date_end="2025-06-30", time_precision=3),
            "Between 21 and 30 June 2025, ",
        ),
        (
            dict(event_date="2025-03-01", date_end="2025-05-31", time_precision=3),
            "Between March and May 2025, ",
        ),
        (dict(event_date="2020-01-01", date_end="2020-12-31", time_precision=3), "In 2020, "),
        (dict(event_date="2014-01-01", date_end="2016-12-31", time_precision=3), "Between 2014 and 2016, "),
        (
            dict(
                event_date="2025-08-20",
                time_precision=2,
                date_flag="no date in text: publication date used, precision lowered",
            ),
            "On or shortly before 20 August 2025 (the date of the report), ",
        ),
        (dict(), "On an unknown date, "),
    ],
)
def test_when(dates: dict[str, Any], opening: str) -> None:
    notes = write_notes(Event(article_id="t", **BASE, **dates))
    assert notes.startswith(
        opening + "Unidentified Armed Group (Mali) attacked Civilians (Mali) in Gao (Mali)."
    )


@pytest.mark.parametrize(
    ("counts", "toll"),
    [
        (
            dict(
                fatalities=4,
                counts={"fatalities": {"low": 4, "best": 4, "high": 4, "by_side": {"civilians": 4}}},
            ),
            " 4 civilians killed.",
        ),
        (
            dict(
                fatalities=9,
                fatalities_low=9,
                counts={"fatalities": {"low": 9, "best": 9, "high": None, "by_side": {}}},
            ),
            " At least 9 killed.",
        ),
        (
            dict(fatalities=10, counts={"fatalities": {"low": 10, "best": 10, "high": 15, "by_side": {}}}),
            " Between 10 and 15 killed.",
        ),
        (
            dict(
                fatalities=17,
                counts={
                    "fatalities": {
                        "low": 17,
                        "best": 17,
                        "high": 17,
                        "by_side": {"armed_group": 12, "state_forces": 5},
                    }
                },
            ),
            " 17 killed (12 armed group members, 5 state forces).",
        ),
        (dict(injuries=11, arrests=2, arrests_low=2), " 11 injured; at least 2 arrested."),
        (dict(abductions=30, abductions_low=30), " At least 30 abducted."),
        (dict(), ""),
    ],
)
def test_toll(counts: dict[str, Any], toll: str) -> None:
    ev = Event(article_id="t", event_date="2025-08-20", time_precision=1, **BASE, **counts)
    first = "On 20 August 2025, Unidentified Armed Group (Mali) attacked Civilians (Mali) in Gao (Mali)."
    assert write_notes(ev) == first + toll


def test_without_a_second_actor_the_sentence_stands() -> None:
    ev = Event(
        article_id="t",
        event_date="2025-08-20",
        time_precision=1,
        sub_event_type="Arrests",
        actor1="Police Forces of Kenya",
        location="Mombasa",
        country="Kenya",
    )
    assert write_notes(ev) == "On 20 August 2025, Police Forces of Kenya arrested people in Mombasa (Kenya)."


def test_named_people_and_background() -> None:
    ev = Event(
        article_id="t",
        event_date="2020-01-01",
        date_end="2020-12-31",
        time_precision=3,
        sub_event_type="Air/drone strike",
        actor1="US-led Coalition Forces",
        actor2="Islamic State",
        location="Deir ez-Zor",
        country="Syria",
        is_background=True,
        people=[{"name": "Abu Example", "role": "killed"}],
    )
    assert write_notes(ev) == (
        "In 2020, US-led Coalition Forces carried out an air/drone strike on Islamic State in Deir ez-Zor "
        "(Syria). Named: Abu Example (killed). Mentioned as background in a later report."
    )
