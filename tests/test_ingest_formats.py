"""The readers on real and hostile inputs: HTML pages, RSS/Atom feeds, CSV files, deep or huge JSON
lines, FIFOs, UTF-16, dates outside the window, and the normalization of format characters."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest import ReadOptions, parse_plain_text, read_inputs
from dateline.ingest.formats import parse_date_value
from dateline.ingest.normalize import normalize_article, normalize_text, restore_offsets
from dateline.ingest.readers import read_stdin
from dateline.ingest.text import DateHeaderError, check_date_window
from dateline.model import Event, Span

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Rebels shell camp near Goma | Example News</title>
<meta property="og:title" content="Rebels shell camp near Goma">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example/goma-camp">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
<script>var headline = "Gunmen killed 999 people in Paris on Monday, police said.";</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
  <h1>Rebels shell camp near Goma</h1>
  <p>GOMA, Congo (Reuters) - Rebels <a href="/m23">shelled</a> a camp on Tuesday, killing four people,
     local officials said.</p>
  <p>The army did not comment.</p>
  <script>document.write("Troops killed 500 civilians in Paris.")</script>
</article>
<footer>Copyright Example News</footer>
</body></html>
"""

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Example Wire</title><link>https://wire.example/</link><description>d</description>
<item>
  <title>Gunmen kill two in Zamfara</title>
  <link>https://wire.example/zamfara-1</link>
  <pubDate>Tue, 02 Apr 2024 10:00:00 GMT</pubDate>
  <description>&lt;p&gt;Gunmen killed two farmers in &lt;b&gt;Zamfara&lt;/b&gt;
    on Monday.&lt;/p&gt;</description>
</item>
<item>
  <title>Police disperse protest in Harare</title>
  <link>https://wire.example/harare-2</link>
  <pubDate>Wed, 08 May 2024 08:00:00 GMT</pubDate>
  <description>Police arrested 40 protesters in Harare on Monday.</description>
</item>
<item>
  <title>Nothing here</title>
  <link>https://wire.example/empty-3</link>
</item>
</channel></rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Wire</title>
  <entry>
    <title>Clashes in Mogadishu</title>
    <link href="https://atom.example/mog"/>
    <id>urn:uuid:1</id>
    <updated>2024-06-01T12:00:00Z</updated>
    <content type="html">&lt;p&gt;Soldiers clashed with militants in Mogadishu on Friday.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def _read(paths: list[str], **options: object) -> list:
    return list(read_inputs(paths, options=ReadOptions(**options)))  # type: ignore[arg-type]


def _errors(results: list) -> list[str]:
    return [str(r.error) for r in results if r.error is not None]


# -- HTML -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["page.html", "page.txt", "page"])
def test_html_page_main_text_title_and_date_scripts_never_read(tmp_path: Path, name: str) -> None:
    p = tmp_path / name  # told by its content as well as by its extension
    p.write_text(HTML_PAGE, encoding="utf-8")
    (res,) = _read([str(p)])
    a = res.article
    assert a is not None, res.error
    assert a.title == "Rebels shell camp near Goma"
    assert a.published == date(2024, 3, 5)
    assert a.url == "https://news.example/goma-camp" and a.outlet == "Example News"
    assert a.dateline == "Goma, Congo" and a.agency == "Reuters"
    assert "Rebels shelled a camp on Tuesday, killing four people, local officials said." in a.text
    assert "Paris" not in a.text and "999" not in a.text and "Home" not in a.text
    assert "Copyright" not in a.text and "color" not in a.text
    assert a.text.count("Rebels shell camp near Goma") == 0  # the headline is the title, not body text


def test_html_line_breaks_part_words() -> None:
    from dateline.ingest.formats import html_to_text

    html = "<p>KHARKIV, Ukraine:<br>A strike<br/>killed three.</p>"
    assert html_to_text(html) == "KHARKIV, Ukraine: A strike killed three."


def test_html_lead_in_a_div_beside_paragraphs_is_read() -> None:
    from dateline.ingest.formats import html_to_text

    html = (
        "<article><div>KHARKIV, Ukraine - A missile strike killed three people on Monday.</div>"
        "<p>Officials said the strike hit a market.</p><div><p>Rescuers searched the rubble.</p></div>"
        "</article>"
    )
    assert html_to_text(html) == (
        "KHARKIV, Ukraine - A missile strike killed three people on Monday.\n\n"
        "Officials said the strike hit a market.\n\nRescuers searched the rubble."
    )


def test_html_deeply_nested_lists_are_read_in_linear_time() -> None:
    import time

    from selectolax.lexbor import LexborHTMLParser

    from dateline.ingest.formats import _innermost_blocks, html_to_text

    assert html_to_text("<ul><li>a<ul><li>b</li><li>c</li></ul></li></ul><p>d</p>") == "b\n\nc\n\nd"
    n = 6000  # the old check of every block's subtree took about 6 s here (quadratic)
    tree = LexborHTMLParser("<ul><li>x" * n + "</li></ul>" * n)
    started = time.monotonic()
    inner = _innermost_blocks(tree.body)
    assert time.monotonic() - started < 1.5
    assert [node.text() for node in inner] == ["x"]


def test_html_dates_from_json_ld_and_time_elements(tmp_path: Path) -> None:
    ld = tmp_path / "ld.html"
    ld.write_text(
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
        '[{"@type": "NewsArticle", "headline": "H", "datePublished": "2023-11-20T08:00:00Z"}]}</script>'
        "</head><body><p>Protesters marched in Lagos.</p></body></html>"
    )
    tm = tmp_path / "time.htm"
    tm.write_text(
        '<html><body><p><time datetime="2022-02-03">3 Feb</time></p><p>Troops clashed.</p></body></html>'
    )
    a, b = (r.article for r in _read([str(ld), str(tm)]))
    assert (a.published, a.title) == (date(2023, 11, 20), "H")
    assert b.published == date(2022, 2, 3)


def test_html_page_dated_outside_the_window_is_one_error(tmp_path: Path) -> None:
    p = tmp_path / "old.html"
    p.write_text(HTML_PAGE.replace("2024-03-05T09:30:00+00:00", "0001-01-01T00:00:00Z"))
    (res,) = _read([str(p)])
    assert res.article is None
    assert str(res.error) == (
        f"{p}: publication date: date 0001-01-01 is outside the accepted window "
        f"(1900-01-01 to {date.today().year + 1}-12-31)"
    )


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    p = tmp_path / "latin.html"
    p.write_bytes(
        '<html><head><meta charset="iso-8859-1"></head><body><p>Soldats tués à Gao.</p></body></html>'.encode(
            "latin-1"
        )
    )
    (res,) = _read([str(p)])
    assert res.article is not None and "Soldats tués à Gao." in res.article.text


# -- RSS / Atom -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["wire.rss", "wire.xml", "wire.txt"])
def test_rss_items_are_articles_with_link_title_and_pubdate(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_text(RSS_FEED, encoding="utf-8")
    results = _read([str(p)])
    arts = [r.article for r in results if r.article]
    assert [a.id for a in arts] == ["https://wire.example/zamfara-1", "https://wire.example/harare-2"]
    assert [a.published for a in arts] == [date(2024, 4, 2), date(2024, 5, 8)]
    assert arts[0].title == "Gunmen kill two in Zamfara" and arts[0].url == "https://wire.example/zamfara-1"
    assert arts[0].text == "Gunmen killed two farmers in Zamfara on Monday."  # HTML stripped
    assert arts[0].outlet == "Example Wire"
    assert _errors(results) == [f"{p}: item 3: no text (neither content nor summary)"]


def test_relative_feed_links_are_made_absolute_with_the_feed_site(tmp_path: Path) -> None:
    feed = RSS_FEED.replace("https://wire.example/zamfara-1", "/zamfara-1")
    feed = feed.replace("https://wire.example/harare-2", "harare-2")
    p = tmp_path / "wire.rss"
    p.write_text(feed, encoding="utf-8")
    arts = [r.article for r in _read([str(p)]) if r.article]
    # two feeds' "/zamfara-1" are two articles, not one id overwriting the other in the store
    assert [a.id for a in arts] == ["https://wire.example/zamfara-1", "https://wire.example/harare-2"]
    assert [a.url for a in arts] == ["https://wire.example/zamfara-1", "https://wire.example/harare-2"]
    bad_site = feed.replace("<link>https://wire.example/</link>", "<link>http://[</link>")
    p.write_text(bad_site, encoding="utf-8")
    assert [r.article.id for r in _read([str(p)]) if r.article] == ["/zamfara-1", "harare-2"]


def test_atom_entry_uses_updated_and_content(tmp_path: Path) -> None:
    p = tmp_path / "a.atom"
    p.write_text(ATOM_FEED)
    (res,) = _read([str(p)])
    a = res.article
    assert (a.id, a.published, a.title) == (
        "https://atom.example/mog",
        date(2024, 6, 1),
        "Clashes in Mogadishu",
    )
    assert a.text == "Soldiers clashed with militants in Mogadishu on Friday."


def test_feed_from_stdin_is_told_by_content() -> None:
    arts = [r.article for r in read_stdin(io.BytesIO(RSS_FEED.encode())) if r.article]
    assert len(arts) == 2


# -- CSV ------------------------------------------------------------------------------------------


def test_csv_with_default_column_names(tmp_path: Path) -> None:
    p = tmp_path / "feed.csv"
    p.write_text(
        "id,title,published,text\n"
        'c1,Zamfara attack,2024-04-02,"Gunmen killed two farmers in Zamfara on Monday."\n'
        'c2,,2024-13-01,"Troops clashed with rebels."\n'
        "c3,Empty,2024-04-02,\n"
        'c4,Formula,2024-04-03,"=HYPERLINK(""http://x"") Police arrested 40 protesters in Harare."\n'
        'c5,Multi,2024-04-04,"Line one.\nLine two: soldiers were killed."\n'
        'c6,Old,0001-01-01,"Rebels attacked a base."\n',
        encoding="utf-8",
    )
    results = _read([str(p)])
    arts = [r.article for r in results if r.article]
    assert [a.id for a in arts] == ["c1", "c4", "c5"]
    assert arts[0].title == "Zamfara attack" and arts[0].published == date(2024, 4, 2)
    assert arts[1].text.startswith('=HYPERLINK("http://x") Police')  # data, read as written
    assert arts[2].text == "Line one.\nLine two: soldiers were killed."
    errors = _errors(results)
    assert errors[0].startswith(f"{p}:3: 'published': unparseable date '2024-13-01'")
    assert errors[1] == f"{p}:4: empty 'text' cell"
    assert errors[2].startswith(f"{p}:8: 'published': date 0001-01-01 is outside the accepted window")
    assert len(errors) == 3


def test_csv_named_columns_and_a_missing_one(tmp_path: Path) -> None:
    p = tmp_path / "export.csv"
    p.write_text("Story ID,Body Text,When\nx9,Protesters marched in Lagos.,2021-05-06T10:00:00Z\n")
    (res,) = _read([str(p)], text_column="body text", date_column="When", id_column="Story ID")
    assert (res.article.id, res.article.published) == ("x9", date(2021, 5, 6))
    (res,) = _read([str(p)], text_column="content")
    assert (
        str(res.error)
        == f"{p}:1: no text column 'content' in the header (columns: Story ID, Body Text, When)"
    )
    (res,) = _read([str(p)])
    assert "no text column in the header" in str(res.error) and "--text-column" in str(res.error)


def test_csv_from_stdin_is_told_by_its_header() -> None:
    data = b'id,text\ns1,"Gunmen killed a chief."\ns2,"Troops clashed."\n'
    assert [r.article.id for r in read_stdin(io.BytesIO(data))] == ["s1", "s2"]


def test_csv_cell_larger_than_the_report_limit_is_one_error(tmp_path: Path) -> None:
    from dateline.ingest.readers import MAX_REPORT_BYTES

    p = tmp_path / "big.csv"
    p.write_text('id,text\nbig,"' + "a" * (MAX_REPORT_BYTES + 10) + '"\n')
    (res,) = _read([str(p)])
    assert str(res.error).startswith(f"{p}:2: malformed CSV (field larger than field limit")


# -- hostile JSON lines, special files, encodings ---------------------------------------------------


def test_deep_and_huge_json_lines_are_one_bad_line_each(tmp_path: Path) -> None:
    p = tmp_path / "hostile.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    huge = '{"id": "n", "text": "Troops clashed.", "count": ' + "9" * 5000 + "}"
    deep_obj = '{"id": "d", "text": "x", "meta": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}"
    good = json.dumps({"id": "ok", "text": "Gunmen killed three people."})
    p.write_text("\n".join([deep, huge, deep_obj, good]) + "\n")
    results = _read([str(p)])
    assert [r.article.id for r in results if r.article] == ["ok"]
    assert _errors(results) == [
        f"{p}:1: malformed JSON (nested too deeply)",
        f"{p}:2: malformed JSON (a number of more than {sys.get_int_max_str_digits()} digits)",
        f"{p}:3: malformed JSON (nested too deeply)",
    ]


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path: Path) -> None:
    p = tmp_path / "s.jsonl"
    p.write_text('{"id": "s\\ud800", "text": "Gunmen killed \\udc00two people."}\n')
    (res,) = _read([str(p)])
    assert res.article.text == "Gunmen killed \ufffdtwo people." and res.article.id == "s\ufffd"
    res.article.text.encode("utf-8")  # writable


def test_fifo_is_not_read_and_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text("Police detained 20 students in the capital.")
    (res,) = _read([str(fifo)])  # would block forever on open() or read() if it were opened
    assert (
        str(res.error)
        == f"{fifo}: a named pipe (FIFO), not a regular file: only files and - (stdin) are read"
    )
    results = _read([str(tmp_path)])
    assert [r.article.id for r in results if r.article] == ["good.txt"]
    (skipped,) = [r.error for r in results if r.error]
    assert skipped.skipped and skipped.cli_line().startswith(f"dateline: skipped: {fifo}: a named pipe")


def test_character_device_is_not_read() -> None:
    (res,) = _read(["/dev/zero"])
    assert (
        str(res.error)
        == "/dev/zero: a character device, not a regular file: only files and - (stdin) are read"
    )


def test_files_of_one_name_in_two_subfolders_are_two_articles(tmp_path: Path) -> None:
    for sub, n in (("a", "two"), ("b", "five")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "index.txt").write_text(f"Gunmen killed {n} people in Goma on Monday.\n")
    (tmp_path / "top.txt").write_text("Police arrested 40 protesters in Harare on Monday.\n")
    arts = [r.article for r in _read([str(tmp_path)]) if r.article]
    # ingest keeps the last version of an id: one id for both would drop a report
    assert [a.id for a in arts] == ["top.txt", "a/index.txt", "b/index.txt"]
    assert [r.article.id for r in _read([str(tmp_path / "a" / "index.txt")]) if r.article] == ["index.txt"]


def test_folder_names_each_file_it_skips(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police detained 20 students in the capital.")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text("x")
    results = _read([str(tmp_path)])
    assert [r.article.id for r in results if r.article] == ["a.txt"]
    lines = [r.error.cli_line() for r in results if r.error]
    assert lines == [
        f"dateline: skipped: {tmp_path / 'notes.docx'}: a .docx file, not a report",
        f"dateline: skipped: {tmp_path / 'photo.png'}: a .png file, not a report",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Rebels attacked a base.".encode("utf-16"), "Rebels attacked a base."),
        ("\ufeffRebels attacked a base.".encode(), "Rebels attacked a base."),
        ("Rebels attacked a base.".encode("utf-32"), "Rebels attacked a base."),
    ],
)
def test_utf16_utf32_and_utf8_bom_are_decoded(tmp_path: Path, data: bytes, expected: str) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(data)
    (res,) = _read([str(p)])
    assert res.article is not None and res.article.text == expected


def test_utf16_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    p = tmp_path / "wide.jsonl"
    p.write_bytes(
        '{"id": "w1", "text": "Troops clashed."}\n{"id": "w2", "text": "Police fired."}\n'.encode("utf-16")
    )
    assert [r.article.id for r in _read([str(p)])] == ["w1", "w2"]


def test_unreadable_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "secret.txt"
    p.write_text("Troops clashed.")
    real_open = os.open

    def deny(path: object, flags: int, *a: object) -> int:
        if str(path) == str(p):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    (res,) = _read([str(p)])
    assert str(res.error) == f"{p}: cannot read file (Permission denied)"


# -- the date window ------------------------------------------------------------------------------


def test_dates_outside_the_window_are_one_line_errors(tmp_path: Path) -> None:
    nxt = date.today().year + 1
    (tmp_path / "old.txt").write_text("\ndate 0001-01-01\n\nGunmen killed two people.")
    (tmp_path / "late.txt").write_text(f"date {nxt + 1}-01-01\n\nGunmen killed two people.")
    (tmp_path / "ok.txt").write_text(f"date {nxt}-12-31\n\nGunmen killed two people.")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Troops clashed.", "published": "0001-01-01"})
        + "\n"
        + json.dumps({"id": "j2", "text": "Troops clashed.", "published": "1899-12-31T23:00:00Z"})
        + "\n"
        + json.dumps({"id": "j3", "text": "Troops clashed.", "published": "1900-01-01"})
        + "\n"
        + json.dumps({"id": "j4", "text": "Troops clashed.", "published": 20240101})
        + "\n"
    )
    results = _read([str(tmp_path)])
    assert sorted(r.article.id for r in results if r.article) == ["j3", "ok.txt"]
    window = f"is outside the accepted window (1900-01-01 to {nxt}-12-31)"
    assert _errors(results) == [
        f'{tmp_path / "feed.jsonl"}:1: "published": date 0001-01-01 {window}',
        f'{tmp_path / "feed.jsonl"}:2: "published": date 1899-12-31 {window}',
        f'{tmp_path / "feed.jsonl"}:4: "published" must be a YYYY-MM-DD string',
        f"{tmp_path / 'late.txt'}:1: date {nxt + 1}-01-01 {window}",
        f"{tmp_path / 'old.txt'}:2: date 0001-01-01 {window}",
    ]


def test_published_option_outside_the_window_is_an_error_per_report() -> None:
    with pytest.raises(DateHeaderError, match="publication date 0001-01-01 is outside"):
        parse_plain_text("Troops clashed.", "x", date(1, 1, 1))
    assert check_date_window(date(1900, 1, 1)) == date(1900, 1, 1)


def test_parse_date_value_reads_iso_and_rfc822() -> None:
    assert parse_date_value("2024-04-02T10:00:00+02:00") == date(2024, 4, 2)
    assert parse_date_value("Tue, 02 Apr 2024 10:00:00 GMT") == date(2024, 4, 2)
    with pytest.raises(DateHeaderError):
        parse_date_value("yesterday")


# -- normalization --------------------------------------------------------------------------------

MARKED = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u202a": "left-to-right embedding",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2069": "pop directional isolate",
    "\ufeff": "zero-width no-break space",
    "\u00ad": "soft hyphen",
}


@pytest.mark.parametrize("mark", sorted(MARKED))
def test_normalize_removes_each_format_mark_and_maps_offsets_back(mark: str) -> None:
    text = f"Gun{mark}men kil{mark}led ﬁve peo{mark}ple."
    norm = normalize_text(text)
    assert norm.text == "Gunmen killed five people."
    start = norm.text.index("killed")
    o_start, o_end = norm.to_original(start, start + len("killed"))
    assert text[o_start:o_end] == f"kil{mark}led"
    start = norm.text.index("five")
    o_start, o_end = norm.to_original(start, start + 4)
    assert text[o_start:o_end] == "ﬁve"


def test_normalize_keeps_plain_text_as_it_is() -> None:
    norm = normalize_text("GOMA: Rebels shelled a camp.")
    assert not norm.changed and norm.to_original(3, 7) == (3, 7)
    a = parse_plain_text("GOMA: Rebels shelled a camp.", "x")
    assert normalize_article(a)[0] is a


def test_normalize_separates_sentences_run_together_and_maps_offsets_back() -> None:
    # a paragraph break lost in extraction: "At Oxford" is no name, and "U.S.A" and a domain stay
    text = 'Bombs hit north Belfast.At Oxford St, four died, he said."The U.S.A. site is news.com.'
    norm = normalize_text(text)
    assert norm.text == (
        'Bombs hit north Belfast. At Oxford St, four died, he said." The U.S.A. site is news.com.'
    )
    start = norm.text.index("Oxford")
    assert norm.to_original(start, start + 6) == (text.index("Oxford"), text.index("Oxford") + 6)
    start = norm.text.index("Belfast.")
    o_start, o_end = norm.to_original(start, start + len("Belfast. At"))
    assert text[o_start:o_end] == "Belfast.At"


def test_unglued_article_keeps_its_evidence_in_the_original_text() -> None:
    a = parse_plain_text("Rebels shelled a camp.Two died in G\u200boma.", "x")
    parsed, norm = normalize_article(a)
    assert parsed.text == "Rebels shelled a camp. Two died in Goma."
    i = parsed.text.index("Goma")
    (span,) = restore_offsets([Span(i, i + 4, "Goma")], norm)
    assert a.text[span.start : span.end] == "G\u200boma" == span.text


def test_normalized_article_finds_its_dateline_and_maps_spans_back() -> None:
    a = parse_plain_text("date 2024-03-05\nGO\u200bMA: Rebels shelled a camp. – Reu\u200bters", "x")
    parsed, norm = normalize_article(a)
    assert parsed.text == "date 2024-03-05\nGOMA: Rebels shelled a camp. – Reuters"
    assert parsed.dateline == "Goma" and parsed.agency == "Reuters" and parsed.body_start == a.body_start
    ev = Event(article_id="x")
    i = parsed.text.index("shelled")
    ev.add_evidence("event_type", Span(i, i + 7, "shelled"))
    ev.people.append(
        {"name": "Reuters", "span": [parsed.agency_span.start, parsed.agency_span.end, "Reuters"]}
    )
    restore_offsets([ev], norm)
    (span,) = ev.evidence["event_type"]
    assert a.text[span.start : span.end] == "shelled" == span.text
    s, e, t = ev.people[0]["span"]
    assert a.text[s:e] == "Reu\u200bters" == t


# -- the options on every command -----------------------------------------------------------------


def test_csv_column_options_on_code_ingest_and_geoparse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from dateline.cli.main import main

    p = tmp_path / "export.csv"
    p.write_text('Ref,Body Text,When\nx9,"Shelling hit Atme in Idlib province on Monday.",2024-05-08\n')
    cols = ["--text-column", "Body Text", "--id-column", "Ref", "--date-column", "When"]
    assert main(["geoparse", str(p), *cols]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["id"] == "x9" and "Idlib" in {pl["text"] for pl in out["places"]}
    assert main(["geoparse", str(p)]) == 1
    assert capsys.readouterr().err.startswith(f"dateline: error: {p}:1: no text column in the header")
    db = tmp_path / "s.db"
    assert main(["ingest", str(p), *cols, "--db", f"sqlite:///{db}", "--workers", "1"]) == 0
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT id, published FROM articles").fetchall() == [("x9", "2024-05-08")]
    capsys.readouterr()
    assert main(["code", str(p), *cols, "--workers", "1"]) == 0
    events = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert events and {e["article_id"] for e in events} == {"x9"}
    assert {e["event_date"] for e in events} == {"2024-05-06"}  # "on Monday" before Wednesday the 8th


def test_hostile_stdin_is_one_bad_line() -> None:
    first = json.dumps({"id": "s1", "text": "Troops clashed."})  # JSON Lines: told by the first "{"
    data = (first + "\n" + "[" * 100_000 + "]" * 100_000 + "\n").encode()
    results = list(read_stdin(io.BytesIO(data)))
    assert [str(r.error) for r in results if r.error] == ["<stdin>:2: malformed JSON (nested too deeply)"]
    assert [r.article.id for r in results if r.article] == ["s1"]
    wide = list(read_stdin(io.BytesIO("Police detained 20 students.".encode("utf-16"))))
    assert [r.article.text for r in wide] == ["Police detained 20 students."]


def test_restore_maps_an_object_shared_by_mentions_and_events_once() -> None:
    from dateline.ingest.normalize import restore_article_doc
    from dateline.model import Claim, Mention
    from dateline.pipeline import ArticleDoc

    a = parse_plain_text("\u200b\u200bPolice said gunmen killed two people.", "x")
    parsed, norm = normalize_article(a)
    i = parsed.text.index("Police said")
    claim = Claim(
        speaker="Police", speaker_type="official", stance="asserts", span=Span(i, i + 11, "Police said")
    )
    k = parsed.text.index("killed")
    mention = Mention(trigger=Span(k, k + 6, "killed"), sentence=0, sentence_span=Span(0, len(parsed.text)))
    mention.claims.append(claim)
    ev = Event(article_id="x", claims=[claim], mentions=[mention.trigger])
    adoc = ArticleDoc(article=parsed, mentions=[mention], claims=[claim], events=[ev])
    restore_article_doc(adoc, a, norm)
    assert adoc.article is a
    assert (claim.span.start, claim.span.text) == (2, "Police said")  # moved by 2, not by 4
    assert a.text[mention.trigger.start : mention.trigger.end] == "killed" == ev.mentions[0].text


def test_geoparse_reads_bom_utf16_and_names_binary_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dateline.cli.main import main

    line = '{"id": "b1", "text": "Rain in Kharkiv.", "spans": [[8, 15]]}\n'
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + line.encode())
    (tmp_path / "wide.jsonl").write_bytes(line.replace("b1", "w1").encode("utf-16"))
    (tmp_path / "bin.jsonl").write_bytes(b'{"id": "x", "text": "a\x00b"}\n\xff\xfe\x00garbage\n')
    assert main(["geoparse", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    out = [json.loads(x) for x in captured.out.splitlines()]
    assert [(o["id"], [p["text"] for p in o["places"]]) for o in out] == [
        ("b1", ["Kharkiv"]),
        ("w1", ["Kharkiv"]),
    ]
    assert captured.err.splitlines() == [
        f"dateline: error: {tmp_path / 'bin.jsonl'}:1: binary file, not text (contains NUL bytes; "
        "UTF-16 needs a byte-order mark)",
        f"dateline: error: {tmp_path / 'bin.jsonl'}:2: binary file, not text (contains NUL bytes; "
        "UTF-16 needs a byte-order mark)",
    ]
