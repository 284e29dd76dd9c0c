"""``dateline train --reviews``: the review desk's retyped and rejected events become training
examples (the sentence that carries the event, labelled by the analyst), counted and reported."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from dateline.cli.main import build_parser, main
from dateline.events.classifier import NONE, EventClassifier
from dateline.events.reviews import (
    NO_MATCH,
    NO_SENTENCE,
    NO_TEXT,
    REVIEW_PREFIX,
    REVIEW_WEIGHT,
    TAKEN,
    Correction,
    ReviewedReport,
    examples_from,
    read_corrections,
    review_examples,
)
from dateline.model import Article, Event, Span
from dateline.store.db import Store
from dateline.store.review import QueueFilter, ReviewDesk
from dateline.store.schema import article_texts

BALAD = (
    "date 2024-04-02\n"
    "BALAD, Somalia – Al Shabaab fighters clashed with villagers in Balad on Tuesday. "
    "Five farmers died, elders said."
)
BALAD_SENTENCE = "Al Shabaab fighters clashed with villagers in Balad on Tuesday."
STADIUM = (
    "LAGOS, Nigeria: Fans clashed in the second half of the derby at the national stadium on Saturday. "
    "The home side won 2-1."
)
STADIUM_SENTENCE = "Fans clashed in the second half of the derby at the national stadium on Saturday."
KANO = "KANO, Nigeria: Hundreds of traders marched through Kano on Wednesday over new market fees."
GOMA = "GOMA, Congo: M23 rebels clashed with soldiers near Goma on Thursday."
BAMAKO = "BAMAKO, Mali: Soldiers clashed with jihadists near Bamako on Friday, the army said."


def _span(text: str, phrase: str) -> Span:
    s = text.index(phrase)
    return Span(s, s + len(phrase), phrase)


def _event(
    aid: str, text: str, trigger: str, sub: str, etype: str, where: tuple[str, str, int, str], day: str
) -> Event:
    location, country, iso, iso2 = where
    ev = Event(
        article_id=aid,
        event_date=day,
        time_precision=1,
        event_type=etype,
        sub_event_type=sub,
        actor1="Someone",
        iso=iso,
        iso2=iso2,
        country=country,
        location=location,
        geo_precision=1,
        confidence=0.5,
    )
    span = _span(text, trigger)
    ev.mentions = [span]
    ev.add_evidence("sub_event_type", span)
    ev.add_evidence("event_type", span)
    return ev


def _write(store: Store, aid: str, text: str, ev: Event) -> None:
    day = date.fromisoformat(ev.event_date or "2024-04-02")
    store.write_article(Article(id=aid, text=text, published=day), aid, [ev])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'desk.db'}") as s:
        battles, riots, protests = "Battles", "Riots", "Protests"
        _write(
            s,
            "balad",
            BALAD,
            _event(
                "balad",
                BALAD,
                "clashed",
                "Armed clash",
                battles,
                ("Balad", "Somalia", 706, "SO"),
                "2024-04-02",
            ),
        )
        _write(
            s,
            "stadium",
            STADIUM,
            _event(
                "stadium",
                STADIUM,
                "clashed",
                "Mob violence",
                riots,
                ("Lagos", "Nigeria", 566, "NG"),
                "2024-04-06",
            ),
        )
        _write(
            s,
            "kano",
            KANO,
            _event(
                "kano",
                KANO,
                "marched",
                "Peaceful protest",
                protests,
                ("Kano", "Nigeria", 566, "NG"),
                "2024-04-03",
            ),
        )
        _write(
            s,
            "goma",
            GOMA,
            _event(
                "goma", GOMA, "clashed", "Armed clash", battles, ("Goma", "DR Congo", 180, "CD"), "2024-04-04"
            ),
        )
        _write(
            s,
            "bamako",
            BAMAKO,
            _event(
                "bamako",
                BAMAKO,
                "clashed",
                "Armed clash",
                battles,
                ("Bamako", "Mali", 466, "ML"),
                "2024-04-05",
            ),
        )
        with s.engine.begin() as conn:  # a store made before texts were kept
            conn.execute(article_texts.delete().where(article_texts.c.article_id == "goma"))
        yield s


@pytest.fixture
def reviewed(store: Store) -> Store:
    desk = ReviewDesk(store)
    cody = desk.add_user("cody", "coder", "coder-pass-1")
    items, _ = desk.queue(QueueFilter(status=None), 0, 100)
    ids = {it.event.location: it.cluster_id for it in items}
    assert len(ids) == 5  # five events, none merged
    to_attack = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    desk.edit(ids["Balad"], to_attack, cody, reason="the victims were villagers")
    desk.edit(ids["Lagos"], {"sub_event_type": "Violent demonstration"}, cody)  # retyped, then
    desk.set_status(ids["Lagos"], "rejected", cody, reason="a football match")  # rejected
    desk.set_status(ids["Kano"], "approved", cody)
    desk.edit(ids["Goma"], {"sub_event_type": "Non-state actor overtakes territory"}, cody)
    desk.edit(ids["Bamako"], {"fatalities": 3}, cody)  # a correction, but not of the type
    return store


def test_retyped_and_rejected_events_become_examples(reviewed: Store) -> None:
    got = review_examples(reviewed)
    assert sorted((e.text, e.label) for e in got.examples) == sorted(
        [(BALAD_SENTENCE, "Attack"), (STADIUM_SENTENCE, NONE)]
    )
    assert all(e.weight == REVIEW_WEIGHT and e.id.startswith(REVIEW_PREFIX) for e in got.examples)
    # the approved protest and the event whose deaths alone were corrected give nothing
    assert not any("Kano" in e.text or "Bamako" in e.text for e in got.examples)
    assert (got.type_changes, got.rejections, got.events, got.used) == (2, 1, 3, 2)
    assert got.skipped == {NO_TEXT: 1}  # Goma: its article's text is not in the store
    assert got.labels == {"Attack": 1, NONE: 1}


def test_corrections_read_from_the_store(reviewed: Store) -> None:
    by_article = {c.reports[0].article_id: c for c in read_corrections(reviewed)}
    assert set(by_article) == {"balad", "stadium", "goma"}
    assert (by_article["balad"].kind, by_article["balad"].label) == ("type", "Attack")
    assert (by_article["stadium"].kind, by_article["stadium"].label) == ("rejected", NONE)
    assert by_article["goma"].reports[0].text is None
    assert by_article["balad"].reports[0].text == BALAD
    assert by_article["balad"].reports[0].spans == (_span(BALAD, "clashed"),)


def test_no_review_no_example(store: Store) -> None:
    got = review_examples(store)
    assert (got.examples, got.events, got.skipped) == ([], 0, {})


def test_review_examples_by_url(reviewed: Store) -> None:
    url = reviewed.engine.url.render_as_string(hide_password=False)
    assert len(review_examples(url).examples) == 2


# ------------------------------------------------------------------ examples_from, on its own


def _sentences(article_id: str, text: str) -> list[tuple[int, int, str]]:
    """Sentences cut at '. ' (the tests' stand-in for spaCy)."""
    out, start = [], 0
    for part in text.split(". "):
        end = start + len(part)
        out.append((start, end, text[start:end]))
        start = end + 2
    return out


def _report(aid: str, text: str | None, *phrases: str, source: str | None = None) -> ReviewedReport:
    base = source if source is not None else text or ""
    return ReviewedReport(aid, text, tuple(_span(base, p) for p in phrases))


def test_each_report_of_a_merged_event_gives_its_sentence() -> None:
    a = "Gunmen attacked a bus. Nobody was hurt"
    b = "Police said that gunmen attacked a bus near Gao. It was the third"
    c = Correction(
        1,
        "MLI1",
        "type",
        "Attack",
        (_report("a", a, "attacked"), _report("b", b, "attacked"), _report("c", None, "x", source="x")),
    )
    got = examples_from([c], _sentences)
    assert [(e.id, e.text, e.label) for e in got.examples] == [
        ("review:MLI1:a:0", "Gunmen attacked a bus", "Attack"),
        ("review:MLI1:b:0", "Police said that gunmen attacked a bus near Gao", "Attack"),
    ]
    assert (got.used, got.skipped) == (1, {})


def test_a_type_wins_a_shared_sentence_over_a_rejection() -> None:
    text = "Rebels shelled the town and fans rioted at the match. Later calm"
    rejected = Correction(1, None, "rejected", NONE, (_report("a", text, "rioted"),))
    retyped = Correction(
        2, None, "type", "Shelling/artillery/missile attack", (_report("a", text, "shelled"),)
    )
    got = examples_from([rejected, retyped], _sentences)
    assert [(e.text, e.label) for e in got.examples] == [
        ("Rebels shelled the town and fans rioted at the match", "Shelling/artillery/missile attack")
    ]
    assert got.used == 1 and got.skipped == {TAKEN: 1}


def test_spans_that_no_longer_fit_the_text_are_skipped() -> None:
    text = "Rebels shelled the town. Later calm"
    moved = ReviewedReport("a", text, (Span(0, 6, "Police"),))
    outside = ReviewedReport("b", text, (Span(len(text) - 1, len(text) + 5, ""),))
    got = examples_from(
        [
            Correction(1, None, "type", "Attack", (moved,)),
            Correction(2, None, "type", "Attack", (outside,)),
            Correction(3, None, "type", "Attack", (ReviewedReport("c", text, (Span(23, 24, "."),)),)),
        ],
        _sentences,
    )
    assert got.examples == []
    assert got.skipped == {NO_MATCH: 2, NO_SENTENCE: 1}


# --------------------------------------------------------------------------------- the command


def test_train_reads_the_reviews_and_says_how_many(
    reviewed: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = ["id\ttext\tlabel"]
    for i, (text, label) in enumerate(
        [
            ("Troops clashed with rebels near the border.", "Armed clash"),
            ("Soldiers fought militants for hours in the hills.", "Armed clash"),
            ("Teachers marched to parliament over pay.", "Peaceful protest"),
            ("Students held a sit-in at the university.", "Peaceful protest"),
            ("The central bank raised interest rates.", "none"),
            ("The minister opened a new hospital.", "none"),
        ]
    ):
        rows.append(f"t{i}\t{text}\t{label}")
    (corpus / "tiny.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "model.joblib"
    url = reviewed.engine.url.render_as_string(hide_password=False)
    argv = ["train", "--reviews", "--db", url, "--corpus", str(corpus), "--out", str(out), "--cv", "0"]
    assert main([*argv, "--features", "tfidf"]) == 0
    printed = capsys.readouterr().out
    assert (
        "reviews: 3 corrected events read (2 type changes, 1 rejection); "
        "2 examples used from 2 events, 1 skipped" in printed
    )
    assert "  skipped 1 event: no article text in the store" in printed
    assert "examples: 8 in 4 labels (0 real, 2 from reviews)" in printed
    assert "Attack" in EventClassifier.load(out).classes_  # a label only the reviews taught


def test_reviews_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["train"])
    assert args.reviews is False and args.db is None  # without --reviews, training is as before
    args = build_parser().parse_args(["train", "--reviews", "--db", "x.db"])
    assert args.reviews is True and args.db == "x.db"
    assert main(["train", "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "m")]) == 2
    assert "--db is read with --reviews only" in capsys.readouterr().err
    missing = tmp_path / "none.db"
    assert main(["train", "--reviews", "--db", str(missing), "--out", str(tmp_path / "m")]) == 1
    assert "no store at" in capsys.readouterr().err
    assert not missing.exists()  # not created by looking


def test_a_shared_store_url_is_read_not_changed(reviewed: Store) -> None:
    with reviewed.engine.connect() as conn:
        before = conn.execute(sa.text("SELECT count(*) FROM reviews")).scalar_one()
    review_examples(reviewed)
    with reviewed.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM reviews")).scalar_one() == before
