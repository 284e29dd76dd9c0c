"""Claims, speaker types, denials and corroboration (issue 6), on sentences written for this project."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dateline.model import Claim, Event, Span
from dateline.pipeline import ArticleDoc
from dateline.sources.claims import ClaimCues, SpeakerClassifier
from dateline.sources.corroboration import assess

Coder = Callable[..., ArticleDoc]
PUB = date(2025, 3, 12)


def claims_of(adoc: ArticleDoc) -> list[tuple[str, str, str]]:
    return [(c.speaker, c.speaker_type, c.stance) for c in adoc.claims]


def main_event(adoc: ArticleDoc) -> Event:
    return next(e for e in adoc.events if not e.is_background)


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("one of the officers", "official"),
        ("a navy spokesman", "official"),
        ("Ukraine's air force", "official"),
        ("the gendarmerie", "official"),
        ("the Kenya Medical Association", "ngo_un"),
        ("the group's East Africa researcher", "ngo_un"),
        ("the African Union", "ngo_un"),
        ("the rebels", "armed_group"),
        ("a rebel spokesman", "armed_group"),
        ("the militants", "armed_group"),
        ("the state news agency", "state_media"),
        ("a local radio station", "media"),
        ("a security source", "anonymous"),
        ("building owner Mohammed Salim", "witness"),
    ],
)
def test_speaker_types(speaker: str, kind: str) -> None:
    assert SpeakerClassifier.load()(speaker) == kind


@pytest.mark.parametrize(
    ("denied", "scope"),
    [
        ("targeting the opposition", "detail"),
        ("deliberately targeting civilians", "detail"),
        ("that any of them had been mistreated", "detail"),
        ("the charges", "detail"),
        ("any involvement", "event"),
        ("responsibility for the blast", "event"),
        ("the reports", "event"),
        ("that the raid took place", "event"),
        ("that its forces had opened fire", None),
    ],
)
def test_denial_scope(denied: str, scope: str | None) -> None:
    assert ClaimCues.load().scope(denied) == scope


# --------------------------------------------------------------------------- in the pipeline

ANONYMOUS = (
    'Jihadists killed nine soldiers in Borno state on Monday. "We lost nine men," one of the officers '
    "said, asking not to be named."
)
NAMED = (
    "Jihadists killed nine soldiers in Borno state on Monday, resident Musa Bello said, adding that "
    "officials had asked not to be named."
)
ACCORDING_TO_LAW = (
    "Police arrested 40 protesters in Kampala on Monday, witnesses said. The suspects will be dealt "
    "with according to the law."
)
GENERAL_DENIAL = (
    "Soldiers killed five villagers in Zamfara state on Monday, residents said. "
    "The army denied any involvement."
)
DETAIL_DENIAL = (
    "Soldiers arrested 40 opposition supporters in Kampala on Monday, the interior ministry said. "
    "The government denies targeting the opposition."
)
STATE_CONFIRMS = (
    "Soldiers arrested 40 opposition supporters in Kampala on Monday, witnesses said. "
    "A police spokesman said the suspects would be charged with unlawful assembly."
)
GROUP_SILENT = (
    "Al-Shabaab fighters attacked a military base in Lower Shabelle on Monday, killing four soldiers, "
    "residents said. Al-Shabaab has not released any statement about the attack."
)
GROUP_CLAIMS = (
    "Al-Shabaab fighters attacked a military base in Lower Shabelle on Monday, killing four soldiers, "
    "residents said. Al-Shabaab said its fighters had stormed the base."
)


def test_unnamed_speaker_who_asked_not_to_be_named_is_anonymous(coded: Coder) -> None:
    assert ("one of the officers", "anonymous", "asserts") in claims_of(coded(ANONYMOUS, PUB))


def test_named_speaker_stays_what_he_is(coded: Coder) -> None:
    assert ("resident Musa Bello", "witness", "asserts") in claims_of(coded(NAMED, PUB))


def test_according_to_the_law_is_no_claim(coded: Coder) -> None:
    assert [c.speaker for c in coded(ACCORDING_TO_LAW, PUB).claims] == ["witnesses"]


def test_general_denial_contests_the_event(coded: Coder) -> None:
    ev = main_event(coded(GENERAL_DENIAL, PUB))
    denial = next(c for c in ev.claims if c.stance == "denies")
    assert (denial.speaker, denial.scope, denial.denied) == ("The army", "event", "any involvement")
    assert (ev.corroboration, ev.perpetrator_stance) == ("contested", "denied")
    assert ev.corroboration_reasons == [
        "conflicting claims: The army denies",
        "the perpetrator (Military Forces of Nigeria) denies it",
    ]


def test_denial_of_a_detail_does_not_contest(coded: Coder) -> None:
    ev = main_event(coded(DETAIL_DENIAL, PUB))
    assert (ev.corroboration, ev.perpetrator_stance) == ("confirmed_by_perpetrator", "confirmed")
    assert ev.corroboration_reasons == [
        "the perpetrator (Military Forces of Uganda) confirmed it",
        "The government denies a detail, not the event: 'targeting the opposition'",
    ]


def test_the_same_states_police_confirm_an_army_arrest(coded: Coder) -> None:
    ev = main_event(coded(STATE_CONFIRMS, PUB))
    assert ev.actor1 == "Military Forces of Uganda"
    assert ev.corroboration == "confirmed_by_perpetrator"
    assert [(c.speaker, c.speaker_type) for c in ev.claims] == [
        ("witnesses", "witness"),
        ("A police spokesman", "perpetrator"),
    ]


def test_silent_group_is_the_perpetrator_and_supports_nothing(coded: Coder) -> None:
    adoc = coded(GROUP_SILENT, PUB)
    assert ("Al-Shabaab", "armed_group", "no_comment") in claims_of(adoc)
    ev = main_event(adoc)
    silent = next(c for c in ev.claims if c.stance == "no_comment")
    assert (silent.speaker_type, silent.fields) == ("perpetrator", [])
    assert (ev.corroboration, ev.perpetrator_stance) == ("single_source", "no_comment")
    assert ev.corroboration_reasons[1].startswith("not confirmed by the perpetrator (Al Shabaab)")


def test_group_claiming_its_attack_confirms_it(coded: Coder) -> None:
    ev = main_event(coded(GROUP_CLAIMS, PUB))
    assert (ev.corroboration, ev.perpetrator_stance) == ("confirmed_by_perpetrator", "confirmed")


# --------------------------------------------------------------------------- corroboration, unit


def _claim(speaker: str, kind: str, stance: str = "asserts", **kw: object) -> Claim:
    return Claim(speaker=speaker, speaker_type=kind, stance=stance, span=Span(0, 10, "x"), **kw)  # type: ignore[arg-type]


def test_government_speaks_for_its_own_forces() -> None:
    ev = Event(
        article_id="t",
        actor1="Police Forces of Kenya",
        inter1=1,
        sub_event_type="Arrests",
        claims=[_claim("the government", "official"), _claim("residents", "witness")],
    )
    assess(ev)
    assert ev.corroboration == "confirmed_by_perpetrator"


def test_other_states_forces_do_not_speak_for_the_perpetrator() -> None:
    ev = Event(
        article_id="t",
        actor1="Military Forces of Russia",
        inter1=8,
        sub_event_type="Shelling/artillery/missile attack",
        claims=[_claim("Ukraine's army", "official", actor="Military Forces of Ukraine")],
    )
    assess(ev)
    assert (ev.corroboration, ev.perpetrator_stance) == ("single_source", "not_reported")


def test_only_a_detail_denied_leaves_the_level_to_the_other_sources() -> None:
    ev = Event(
        article_id="t",
        actor1="Military Forces of Mali",
        inter1=1,
        sub_event_type="Attack",
        claims=[
            _claim("residents", "witness"),
            _claim("Human Rights Watch", "ngo_un"),
            _claim(
                "the army", "official", "denies", scope="detail", denied="deliberately targeting civilians"
            ),
        ],
    )
    assess(ev)
    assert ev.corroboration == "multiple_sources"
    assert ev.corroboration_reasons[-1] == (
        "the army denies a detail, not the event: 'deliberately targeting civilians'"
    )
