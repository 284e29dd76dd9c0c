"""dateline: code news reports about political violence into ACLED-style event records, offline."""

from __future__ import annotations

from datetime import date

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

    pub = parse_iso_date(published) if isinstance(published, str) else published
    article = parse_plain_text(text, article_id, pub)
    return code_article(article, include_background=include_background)


def code_article(article: Article, include_background: bool = False) -> list[Event]:
    """Code an :class:`Article` with the default pipeline."""
    from dateline.pipeline import default_pipeline

    events = default_pipeline()(article)
    return [e for e in events if include_background or not e.is_background]
