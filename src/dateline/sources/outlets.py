"""ACLED's ``source`` and ``source_scale`` from the article's outlet and credited agency."""

from __future__ import annotations

from functools import lru_cache

from dateline.events.lexicon import load_data_yaml
from dateline.model import Article


@lru_cache(maxsize=1)
def _scales() -> dict[str, str]:
    data = load_data_yaml("sources", "outlets.yaml") or {}
    return {str(k).casefold(): v for k, v in data.items()}


def source_and_scale(article: Article) -> tuple[str | None, str | None]:
    """``("AFP", "International")`` for an AFP credit; outlet and agency joined with "; "."""
    names = [n for n in (article.agency, article.outlet) if n]
    uniq: list[str] = []
    for n in names:
        if n not in uniq:
            uniq.append(n)
    if not uniq:
        return None, None
    scales = sorted(
        {_scales().get(n.casefold(), "Other") for n in uniq},
        key=("Local", "Subnational", "National", "Regional", "International", "Other").index,
    )
    return "; ".join(uniq), "-".join(scales)
