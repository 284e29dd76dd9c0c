"""dateline: code news reports about political violence into ACLED-style event records, offline."""

from __future__ import annotations

from datetime import date, datetime

from dateline.model import Article, Claim, Event, Span

__version__ = "0.1.0"
__all__ = ["Article", "Claim", "Event", "Span", "code", "code_article", "__version__"]


def code(
    text: str, published: date | str | None = None, include_background: bool = False, article_id: str = "text"
) -> list[Event]:
    """Code one report into events.

    ``text`` may start with a ``date YYYY-MM-DD`` line and a dateline; ``published`` (a date or
    ``YYYY-MM-DD``) is used when the text has no date line. Background events (past events the
    report mentions) are returned only with ``include_background=True``, flagged ``is_background``.
    """
    from dateline.ingest.text import parse_iso_date, parse_plain_text

    _expect("code", "text", text, str, "a str (decode bytes first, e.g. data.decode('utf-8'))")
    _expect("code", "published", published, (date, str, type(None)), "a date, a 'YYYY-MM-DD' str or None")
    _expect("code", "include_background", include_background, bool, "a bool")
    _expect("code", "article_id", article_id, str, "a str")
    if isinstance(published, datetime):
        published = published.date()
    pub = parse_iso_date(published) if isinstance(published, str) else published
    article = parse_plain_text(text, article_id, pub)
    return code_article(article, include_background=include_background)


def code_article(article: Article, include_background: bool = False) -> list[Event]:
    """Code an :class:`Article` with the default pipeline."""
    from dateline.pipeline import default_pipeline

    _expect("code_article", "article", article, Article, "a dateline.Article (text: dateline.code)")
    _expect("code_article", "include_background", include_background, bool, "a bool")
    events = default_pipeline()(article)
    return [e for e in events if include_background or not e.is_background]


def _expect(func: str, name: str, value: object, kinds: type | tuple[type, ...], expected: str) -> None:
    """A clear TypeError for a wrong argument of the public API (not one from deep in the pipeline)."""
    if not isinstance(value, kinds):
        raise TypeError(f"dateline.{func}(): {name} must be {expected}, not {type(value).__name__}")
