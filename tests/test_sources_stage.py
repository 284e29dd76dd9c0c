"""The sources stage alone: speakers, stances, corroboration, source and scale, and notes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from dateline.events.notes import write_notes
from dateline.model import Article, Claim, Event, Span
from dateline.pipeline import ArticleDoc
from dateline.sources.claims import SpeakerClassifier
from dateline.sources.corroboration import assess
from dateline.sources.outlets import source_and_scale

PUB = date(2025, 3, 12)

Coder = Callable[[str], ArticleDoc]


def claims_of(adoc: ArticleDoc) -> list[tuple[str, str, str]]:
    return [(c.speaker, c.speaker_type, c.stance) for c in adoc.claims]


def only_event(adoc: ArticleDoc) -> Event:
    (ev,) = adoc.events
    return ev


# --------------------------------------------------------------------------- speaker types

SPEAKERS = [
    ("Syrian state television", "state_media"),
    ("the official news agency SANA", "state_media"),
    ("a security source", "anonymous"),
    ("sources who asked not to be named", "anonymous"),
    ("a military source", "anonymous"),
    ("three witnesses", "witness"),
    ("a resident", "witness"),
    ("a local", "witness"),
    ("local residents", "witness"),
    ("the UN", "ngo_un"),
    ("U.N. officials", "ngo_un"),
    ("Amnesty International", "ngo_un"),
    ("Human Rights Watch", "ngo_un"),
    ("the interior ministry", "official"),
    ("a police spokesman", "official"),
    ("local officials", "official"),
    ("local authorities", "official"),
    ("Al Jazeera", "media"),
    ("the newspaper Daily Trust", "media"),
    ("local media", "media"),
    ("Ibrahim Danjuma", "other"),
    ("the group", "other"),
]


@pytest.mark.parametrize(("speaker", "kind"), SPEAKERS)
def test_speaker_types(speaker: str, kind: str) -> None:
    assert SpeakerClassifier.load()(speaker) == kind


def test_un_only_in_capitals() -> None:
    classify = SpeakerClassifier.load()
    assert classify("an un-named man") == "other"
    assert classify("the WHO") == "ngo_un"
    assert classify("who") == "other"


MANY = (
    "GAO, Mali (AFP) - Gunmen killed six villagers near Gao on Monday, state television reported. "
    "A security source, speaking on condition of anonymity, said the attackers arrived on motorcycles. "
    "Witnesses said the gunmen torched houses. "
    "The UN mission said it was alarmed by the killings."
)


def test_claims_with_their_speakers_in_a_report(coded: Coder) -> None:
    adoc = coded(MANY)
    assert claims_of(adoc) == [
        ("state television", "state_media", "asserts"),
        ("A security source", "anonymous", "asserts"),
        ("Witnesses", "witness", "asserts"),
        ("The UN mission", "ngo_un", "asserts"),
    ]
    for c in adoc.claims:
        assert c.speaker_span is not None and MANY[c.speaker_span.start : c.speaker_span.end] == c.speaker
    assert adoc.claims[2].span.text == "Witnesses said the gunmen torched houses."
    assert adoc.claims[0].span.text.startswith("Gunmen killed six villagers")  # not the dateline


def test_claim_fields_are_the_event_fields_read_from_its_sentence(coded: Coder) -> None:
    ev = only_event(coded(MANY))
    by_speaker = {c.speaker: c.fields for c in ev.claims}
    assert by_speaker["state television"] == [
        "actor1",
        "actor2",
        "country",
        "event_date",
        "event_type",
        "fatalities",
        "location",
        "sub_event_type",
    ]
    assert by_speaker["Witnesses"] == []


def test_media_and_local_officials(coded: Coder) -> None:
    text = (
        "Gunmen killed three traders in Maiduguri on Monday, local officials said. "
        "Local media reported that the attackers fled. – Reuters"
    )
    assert claims_of(coded(text)) == [
        ("local officials", "official", "asserts"),
        ("Local media", "media", "asserts"),
    ]
    ev = only_event(coded(text))
    assert ev.corroboration == "multiple_sources"
    assert ev.corroboration_reasons[0] == "2 independent kinds of source: media, official"
    assert (ev.source, ev.source_scale) == ("Reuters", "International")


# --------------------------------------------------------------------------- stances

NOT_COMMENTED = (
    "Unidentified gunmen killed four farmers in Zamfara state on Sunday, police said. "
    "The army has not commented."
)
DECLINED = (
    "Troops killed nine militants in Borno state on Sunday, residents said. The army declined to comment."
)
NO_IMMEDIATE = (
    "Al-Shabaab fighters attacked a military base in Lower Shabelle on Monday, killing four soldiers, "
    "residents said. There was no immediate comment from al-Shabaab."
)
CONFIRMED = (
    "Russian forces struck an apartment block in Kharkiv on Monday, killing three civilians, the regional "
    "governor said. Russia's defence ministry said its forces had hit a military target in Kharkiv."
)
CONTESTED = (
    "Israeli forces killed two people in Jenin on Tuesday, the Palestinian health ministry said. "
    "The Israeli army denied that its forces had opened fire in Jenin."
)
DENIED = "The army denied that soldiers attacked a village near Gao on Monday."
UNATTRIBUTED = "Gunmen killed three traders in Maiduguri on Monday."
NGO = "Gunmen killed three traders in Maiduguri on Monday, Amnesty International said."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NOT_COMMENTED, [("police", "official", "asserts"), ("The army", "official", "no_comment")]),
        (DECLINED, [("residents", "witness", "asserts"), ("The army", "official", "no_comment")]),
        (NO_IMMEDIATE, [("residents", "witness", "asserts"), ("al-Shabaab", "armed_group", "no_comment")]),
        (
            CONTESTED,
            [
                ("the Palestinian health ministry", "official", "asserts"),
                ("The Israeli army", "official", "denies"),
            ],
        ),
        (DENIED, [("The army", "official", "denies")]),
        (UNATTRIBUTED, []),
    ],
)
def test_stances(coded: Coder, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert claims_of(coded(text)) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "actor"),
    [
        (NO_IMMEDIATE, "al-Shabaab", "Al Shabaab"),  # a named group
        (CONFIRMED, "Russia's defence ministry", "Military Forces of Russia"),  # a state named in the phrase
        (CONTESTED, "The Israeli army", "Military Forces of Israel"),
        (DECLINED, "The army", "Military Forces of Nigeria"),  # the one country the report is about
        (NOT_COMMENTED, "police", "Police Forces of Nigeria"),
        (MANY, "Witnesses", None),  # witnesses speak for nobody
    ],
)
def test_speaker_actor(coded: Coder, text: str, speaker: str, actor: str | None) -> None:
    (claim,) = [c for c in coded(text).claims if c.speaker == speaker]
    assert claim.actor == actor


# --------------------------------------------------------------------------- corroboration in the pipeline


@pytest.mark.parametrize(
    ("text", "level", "perpetrator", "reasons"),
    [
        (
            CONFIRMED,
            "confirmed_by_perpetrator",
            "confirmed",
            ["the perpetrator (Military Forces of Russia) confirmed it"],
        ),
        (
            MANY,
            "multiple_sources",
            "not_reported",
            [
                "4 independent kinds of source: anonymous, ngo_un, state_media, witness",
                "no statement from the perpetrator (Unidentified Armed Group (Mali)) reported",
            ],
        ),
        (
            NGO,
            "single_source",
            "not_reported",
            [
                "one kind of source: ngo_un",
                "no statement from the perpetrator (Unidentified Armed Group (Nigeria)) reported",
            ],
        ),
        (
            DECLINED,
            "single_source",
            "no_comment",
            [
                "one kind of source: witness",
                "not confirmed by the perpetrator (Military Forces of Nigeria), which has made no statement: "
                "'The army declined to comment.'",
            ],
        ),
        (
            NO_IMMEDIATE,
            "single_source",
            "no_comment",
            [
                "one kind of source: witness",
                "not confirmed by the perpetrator (Al Shabaab), which has made no statement: "
                "'There was no immediate comment from al-Shabaab.'",
            ],
        ),
        (
            CONTESTED,
            "contested",
            "denied",
            [
                "conflicting claims: The Israeli army denies",
                "the perpetrator (Military Forces of Israel) denies it",
            ],
        ),
        (
            DENIED,
            "denied",
            "denied",
            ["only denials: The army", "the perpetrator (Military Forces of Mali) denies it"],
        ),
        (
            UNATTRIBUTED,
            "unattributed",
            "not_reported",
            [
                "no attributed statement; the outlet's own reporting",
                "no statement from the perpetrator (Unidentified Armed Group (Nigeria)) reported",
            ],
        ),
    ],
)
def test_corroboration_of_coded_events(
    coded: Coder, text: str, level: str, perpetrator: str, reasons: list[str]
) -> None:
    ev = only_event(coded(text))
    assert (ev.corroboration, ev.perpetrator_stance, ev.corroboration_reasons) == (
        level,
        perpetrator,
        reasons,
    )


def test_confirming_claim_becomes_the_perpetrators(coded: Coder) -> None:
    ev = only_event(coded(CONFIRMED))
    assert [(c.speaker, c.speaker_type) for c in ev.claims] == [
        ("the regional governor", "official"),
        ("Russia's defence ministry", "perpetrator"),
    ]
    # the stage's own claims are left as found; only the event's copies are re-typed
    assert [c.speaker_type for c in coded(CONFIRMED).claims] == ["official", "official"]


# --------------------------------------------------------------------------- corroboration, unit


def _claim(speaker: str, kind: str, stance: str = "asserts", actor: str | None = None) -> Claim:
    return Claim(speaker=speaker, speaker_type=kind, stance=stance, span=Span(0, 10, "x"), actor=actor)


def _event(*claims: Claim, actor1: str | None = "Al Shabaab", sub: str = "Armed clash") -> Event:
    return Event(article_id="t", actor1=actor1, sub_event_type=sub, claims=list(claims))


def test_assess_perpetrator_confirms() -> None:
    ev = _event(_claim("the group", "other", actor="Al Shabaab"), _claim("residents", "witness"))
    assess(ev)
    assert (ev.corroboration, ev.perpetrator_stance) == ("confirmed_by_perpetrator", "confirmed")
    assert ev.corroboration_reasons == ["the perpetrator (Al Shabaab) confirmed it"]
    assert ev.claims[0].speaker_type == "perpetrator"


def test_assess_multiple_sources_counts_kinds_not_claims() -> None:
    two_kinds = _event(
        _claim("police", "official"), _claim("residents", "witness"), _claim("a mayor", "official")
    )
    assess(two_kinds)
    assert two_kinds.corroboration == "multiple_sources"
    assert two_kinds.corroboration_reasons[0] == "2 independent kinds of source: official, witness"
    one_kind = _event(_claim("police", "official"), _claim("a mayor", "official"))
    assess(one_kind)
    assert one_kind.corroboration == "single_source"
    assert one_kind.corroboration_reasons[0] == "one kind of source: official"


def test_assess_denials() -> None:
    contested = _event(_claim("residents", "witness"), _claim("the army", "official", "denies"))
    assess(contested)
    assert contested.corroboration == "contested"
    assert contested.corroboration_reasons[0] == "conflicting claims: the army denies"
    denied = _event(_claim("the army", "official", "denies"))
    assess(denied)
    assert (denied.corroboration, denied.corroboration_reasons[0]) == ("denied", "only denials: the army")


def test_assess_perpetrator_no_comment_quotes_the_sentence() -> None:
    silent = Claim(
        "al-Shabaab", "other", "no_comment", Span(0, 30, "Al-Shabaab did not comment."), actor="Al Shabaab"
    )
    ev = _event(_claim("residents", "witness"), silent)
    assess(ev)
    assert (ev.corroboration, ev.perpetrator_stance) == ("single_source", "no_comment")
    assert ev.corroboration_reasons[1] == (
        "not confirmed by the perpetrator (Al Shabaab), which has made no statement: "
        "'Al-Shabaab did not comment.'"
    )


def test_assess_unattributed_and_protests() -> None:
    ev = _event()
    assess(ev)
    assert (ev.corroboration, ev.perpetrator_stance) == ("unattributed", "not_reported")
    assert ev.corroboration_reasons == [
        "no attributed statement; the outlet's own reporting",
        "no statement from the perpetrator (Al Shabaab) reported",
    ]
    protest = _event(actor1="Protesters (Kenya)", sub="Peaceful protest")
    assess(protest)
    assert protest.corroboration_reasons == ["no attributed statement; the outlet's own reporting"]
    nobody = _event(actor1=None)
    assess(nobody)
    assert nobody.corroboration_reasons == ["no attributed statement; the outlet's own reporting"]


# --------------------------------------------------------------------------- source and scale


@pytest.mark.parametrize(
    ("agency", "outlet", "expected"),
    [
        ("AFP", None, ("AFP", "International")),
        ("SANA", None, ("SANA", "National")),
        (None, "Al Arabiya", ("Al Arabiya", "Regional")),
        ("Reuters", "Daily Trust", ("Reuters; Daily Trust", "International-Other")),
        ("Xinhua", "Xinhua", ("Xinhua", "International")),
        ("TASS", "Reuters", ("TASS; Reuters", "National-International")),
        (None, None, (None, None)),
    ],
)
def test_source_and_scale(agency: str | None, outlet: str | None, expected: tuple) -> None:
    assert source_and_scale(Article(id="t", text="x", agency=agency, outlet=outlet)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "BAMAKO (AFP) - Soldiers clashed with jihadists near Gao on Monday.",
        "Soldiers clashed with jihadists near Gao on Monday. – AFP",
    ],
)
def test_source_from_the_credit(coded: Coder, text: str) -> None:
    adoc = coded(text)
    assert adoc.article.agency == "AFP"
    # neither a dateline credit nor a trailing one is part of the report's sentences, and a
    # dateline credit does not cut the report short
    assert [s.text for s in adoc.sentences] == ["Soldiers clashed with jihadists near Gao on Monday."]
    ev = only_event(adoc)
    assert (ev.source, ev.source_scale) == ("AFP", "International")
    assert [s.text for s in ev.evidence["source"]] == ["AFP"]


# --------------------------------------------------------------------------- notes

NOTE_START = re.compile(
    r"^On \d{1,2} (January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}, "
)


def _ngrams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"[\w'-]+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.parametrize("text", [MANY, CONFIRMED, CONTESTED, DECLINED, NO_IMMEDIATE, NGO])
def test_notes_are_written_not_copied(coded: Coder, text: str) -> None:
    ev = only_event(coded(text))
    assert ev.notes is not None and NOTE_START.match(ev.notes)
    assert not _ngrams(ev.notes) & _ngrams(text)
    assert all(s.text not in ev.notes for s in coded(text).sentences)


def test_notes_of_a_coded_event(coded: Coder) -> None:
    assert only_event(coded(MANY)).notes == (
        "On 10 March 2025, Unidentified Armed Group (Mali) attacked Civilians (Mali) in Gao (Mali). "
        "6 civilians killed."
    )


NOTES = [
    (
        dict(
            event_date="2025-03-10",
            time_precision=1,
            sub_event_type="Armed clash",
            actor1="Military Forces of Nigeria",
            actor2="Islamic State West Africa Province",
            location="Maiduguri",
            admin1="Borno",
            country="Nigeria",
            fatalities=6,
            injuries=2,
        ),
        "On 10 March 2025, Military Forces of Nigeria clashed with Islamic State West Africa Province in "
        "Maiduguri (Borno, Nigeria). 6 killed; 2 injured.",
    ),
    (
        dict(
            event_date="2025-03-09",
            time_precision=2,
            sub_event_type="Peaceful protest",
            actor1="Protesters (Ghana)",
            location="Accra",
            country="Ghana",
        ),
        "In the week of 9 March 2025, Protesters (Ghana) held a protest in Accra (Ghana).",
    ),
    (
        dict(
            event_date="2025-03-01",
            date_end="2025-03-31",
            time_precision=3,
            sub_event_type="Shelling/artillery/missile attack",
            country="Ukraine",
        ),
        "In March 2025, an unidentified actor carried out shelling or missile fire in Ukraine.",
    ),
    (
        dict(
            event_date="2025-03-10",
            time_precision=1,
            sub_event_type="Arrests",
            actor1="Police Forces of Kenya",
            location="Mombasa",
            country="Kenya",
            arrests=12,
            arrests_low=12,
            people=[{"name": "Ibrahim Danjuma", "role": "arrested"}],
        ),
        "On 10 March 2025, Police Forces of Kenya arrested people in Mombasa (Kenya). At least 12 arrested. "
        "Named: Ibrahim Danjuma (arrested).",
    ),
    (
        dict(
            event_date="2024-11-04",
            time_precision=1,
            sub_event_type="Attack",
            actor1="Unidentified Armed Group (Nigeria)",
            actor2="Civilians (Nigeria)",
            fatalities=20,
            is_background=True,
        ),
        "On 4 November 2024, Unidentified Armed Group (Nigeria) attacked Civilians (Nigeria). 20 killed. "
        "Mentioned as background in a later report.",
    ),
    (dict(sub_event_type="Attack"), "On an unknown date, an unidentified actor carried out an attack."),
]


@pytest.mark.parametrize(("fields", "expected"), NOTES)
def test_write_notes(fields: dict, expected: str) -> None:
    assert write_notes(Event(article_id="t", **fields)) == expected


def test_speaker_after_a_blanked_header_has_no_leading_spaces() -> None:
    """Regression: the date line and dateline are blanked for the parser; the speaker phrase
    must not start with those blanks."""
    import dateline

    text = " date 2025-03-04 GAO: State television said soldiers killed three jihadists near Gao on Tuesday."
    (ev,) = dateline.code(text)
    speakers = [c.speaker for c in ev.claims]
    assert "State television" in speakers
    for c in ev.claims:
        assert c.speaker == c.speaker.strip()
        assert c.speaker_span is not None and text[c.speaker_span.start : c.speaker_span.end] == c.speaker
