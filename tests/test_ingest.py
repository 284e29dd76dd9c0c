"""Readers: plain text headers, datelines, credits, JSON Lines, folders and every kind of bad input."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest import parse_plain_text, read_inputs, read_jsonl
from dateline.ingest.readers import MAX_REPORT_BYTES, read_path, read_stdin

REPORT = (
    "date 2024-03-05\n\nGOMA, Congo: Rebels shelled a camp on Tuesday, killing four people, "
    "local officials said.\n\nThe army did not comment. – Reuters\n"
)


def test_plain_text_header_dateline_and_credit() -> None:
    a = parse_plain_text(REPORT, "goma.txt")
    assert a.published == date(2024, 3, 5)
    assert a.dateline == "Goma, Congo"
    assert a.dateline_span is not None and a.text[a.dateline_span.start : a.dateline_span.end] == "GOMA"
    assert a.agency == "Reuters"
    assert a.text[a.agency_span.start : a.agency_span.end] == "Reuters"
    assert a.text[a.body_start :].startswith("\nGOMA") or a.text[a.body_start :].startswith("GOMA")


def test_date_header_on_the_same_line_as_the_dateline() -> None:
    a = parse_plain_text(" date 2025-08-20 KABUL: Gunmen attacked a checkpoint. – AFP", "x")
    assert a.published == date(2025, 8, 20)
    assert a.dateline == "Kabul"
    assert a.agency == "AFP"


def test_no_header_keeps_the_given_publication_date() -> None:
    a = parse_plain_text("Police arrested ten protesters in the capital.", "x", date(2023, 1, 2))
    assert a.published == date(2023, 1, 2)
    assert a.dateline is None and a.agency is None


def test_dateline_with_agency_in_parentheses() -> None:
    a = parse_plain_text("BAMAKO (Reuters) - Soldiers clashed with jihadists near the border.", "x")
    assert a.dateline == "Bamako"
    assert a.agency == "Reuters"


def test_headline_in_capitals_is_not_a_dateline() -> None:
    a = parse_plain_text("Police fire tear gas at marchers in the capital city of the north", "x")
    assert a.dateline is None


def test_a_dateline_after_the_headline_is_found() -> None:
    # report collections give the headline first, then the dateline on its line or the next
    a = parse_plain_text("Six die in blasts KANDAHAR, Afghanistan, Oct. 3 (Xinhua) -- Six died.", "x")
    assert a.dateline == "Kandahar, Afghanistan" and a.agency == "Xinhua"
    assert a.dateline_span is not None and a.text[a.dateline_span.start : a.dateline_span.end] == "KANDAHAR"
    b = parse_plain_text("  Envoy Questioned Over Talks\nLONDON —\u00a0\nFor the second time, they met.", "x")
    assert b.dateline == "London" and b.text[b.dateline_span.start : b.dateline_span.end] == "LONDON"
    glued = parse_plain_text("Turkey Sends More Troops-ISTANBUL — -Turkish media report more soldiers.", "x")
    assert glued.dateline == "Istanbul"
    # not a dateline: a story label, an acronym of two letters, capitals after a sentence
    assert parse_plain_text("Envoy meets rebels UPDATE — The envoy said so.", "x").dateline is None
    assert parse_plain_text("Envoy meets rebels in Geneva UN — The envoy said so.", "x").dateline is None
    assert parse_plain_text("Police fired. Officials said NATO — and others — agreed.", "x").dateline is None


def test_a_place_and_a_colon_is_a_dateline_as_indian_papers_write_it() -> None:
    # "New Delhi: ..." (The Times of India, Dawn); in a lower-cased archive, "lucknow: ..."
    a = parse_plain_text("New Delhi: Police arrested 12 people on Monday after the clashes.", "x")
    assert a.dateline == "New Delhi"
    assert a.dateline_span is not None and a.text[a.dateline_span.start : a.dateline_span.end] == "New Delhi"
    low = "This story is from March 2, 2002\n\nhyderabad: the police detained 40 activists on saturday."
    b = parse_plain_text(low, "x")
    assert b.dateline == "Hyderabad"  # before: none, so the lead event had no place
    c = parse_plain_text("jamdudhai (jamnagar): the leader spoke at a function here on sunday.", "x")
    assert c.dateline == "Jamdudhai, Jamnagar" and c.agency is None
    d = parse_plain_text("Lahore (AFP): Two men were killed in a blast on Monday.", "x")
    assert d.dateline == "Lahore" and d.agency == "AFP"
    # not a dateline: a label, a sentence, small letters in a text written with capitals
    assert parse_plain_text("Note: This story was updated on Monday.", "x").dateline is None
    assert parse_plain_text("Read more: Police said two men died.", "x").dateline is None
    assert parse_plain_text("The police said: two men died.", "x").dateline is None
    assert parse_plain_text("update: Police said two men died in Lahore.", "x").dateline is None


def _results(paths: list[str]) -> list:
    return list(read_inputs(paths))


def test_bad_inputs_each_get_one_line_error_and_good_ones_still_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "latin1.txt").write_bytes("Soldats tués à Gao".encode("latin-1"))
    (tmp_path / "baddate.txt").write_text("date 2024-13-45\n\nGunmen killed two people.")
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a 50 MB file
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "a1", "text": "Rebels attacked a base.", "published": "2024-01-02"})
        + "\n"
        + '{"id": "a2", "text": \n'
        + json.dumps({"id": "a3", "text": "Riot police fired tear gas.", "published": "yesterday"})
        + "\n"
        + json.dumps({"id": "a4", "text": "Troops shelled a village."})
        + "\n"
    )
    (tmp_path / "good.txt").write_text(REPORT)
    results = _results([str(tmp_path)])
    errors = [str(r.error) for r in results if r.error]
    articles = [r.article for r in results if r.article]
    assert sorted(a.id for a in articles) == ["a1", "a4", "good.txt"]
    joined = "\n".join(errors)
    assert "empty.txt: empty file" in joined
    assert "binary.txt: binary file" in joined
    assert "latin1.txt: invalid UTF-8 at byte" in joined
    assert "baddate.txt:1: unparseable date '2024-13-45'" in joined
    assert "big.txt: file too large" in joined
    assert "feed.jsonl:2: malformed JSON" in joined
    assert "feed.jsonl:3: \"published\": unparseable date 'yesterday'" in joined
    assert all("\n" not in e for e in errors)
    assert len(errors) == 7


def test_missing_path_is_reported() -> None:
    (res,) = _results(["/nonexistent/report.txt"])
    assert res.error is not None and "no such file or folder" in str(res.error)


def test_jsonl_defaults_id_to_file_and_line(tmp_path: Path) -> None:
    stream = io.BytesIO(b'{"text": "Protesters marched in Lagos."}\n\n{"id": 7, "text": "x", "title": "T"}\n')
    res = list(read_jsonl(stream, str(tmp_path / "f.jsonl")))
    assert [r.article.id for r in res] == ["f.jsonl:1", "7"]
    assert res[1].article.title == "T"


def test_jsonl_takes_the_date_a_url_or_id_carries_when_none_is_given(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "url": "https://example.org/news/2019/03/15/raid-story", "text": "Gunmen raided a bank."},
        {"id": "64_VOA_EN_NW_2017.06.05.3887168", "text": "Police arrested 12 people."},
        {"id": "b", "url": "https://example.org/2019/03/15/x", "published": "2020-01-02", "text": "x"},
        {"id": "c-2019-13-40", "text": "no real date in the id"},
    ]
    stream = io.BytesIO("".join(json.dumps(x) + "\n" for x in lines).encode())
    got = [r.article.published for r in read_jsonl(stream, str(tmp_path / "f.jsonl"))]
    assert [d.isoformat() if d else None for d in got] == ["2019-03-15", "2017-06-05", "2020-01-02", None]


def test_a_text_file_takes_the_date_its_name_carries(tmp_path: Path) -> None:
    named = tmp_path / "kano-2024-05-02.txt"
    named.write_text("Protesters marched in Kano.", encoding="utf-8")
    headed = tmp_path / "lagos-2024-05-02.txt"
    headed.write_text("date 2024-06-01\nProtesters marched in Lagos.", encoding="utf-8")
    plain = tmp_path / "report.txt"
    plain.write_text("Protesters marched in Abuja.", encoding="utf-8")
    got = {r.article.id: r.article.published for r in _results([str(named), str(headed), str(plain)])}
    assert got == {
        "kano-2024-05-02.txt": date(2024, 5, 2),
        "lagos-2024-05-02.txt": date(2024, 6, 1),  # the date header wins
        "report.txt": None,
    }


def test_jsonl_overlong_line_is_skipped_not_fatal() -> None:
    line = b'{"id": "huge", "text": "' + b"a" * (MAX_REPORT_BYTES + 10) + b'"}\n'
    stream = io.BytesIO(line + b'{"id": "ok", "text": "Gunmen killed three people."}\n')
    res = list(read_jsonl(stream, "feed.jsonl"))
    assert str(res[0].error).startswith("feed.jsonl:1: line longer than")
    assert res[1].article.id == "ok"


def test_empty_jsonl_file(tmp_path: Path) -> None:
    p = tmp_path / "e.jsonl"
    p.write_text("\n\n")
    (res,) = list(read_path(p))
    assert str(res.error) == f"{p}: empty file"


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        (b"Police detained 20 students in the capital.", ["stdin"]),
        (
            b'{"id": "s1", "text": "Gunmen killed a chief."}\n{"id": "s2", "text": "Troops clashed."}\n',
            ["s1", "s2"],
        ),
    ],
)
def test_stdin_plain_or_jsonl(data: bytes, ids: list[str]) -> None:
    res = list(read_stdin(io.BytesIO(data)))
    assert [r.article.id for r in res] == ids
