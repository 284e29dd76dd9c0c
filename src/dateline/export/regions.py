"""ACLED's ``region`` of a country, from the table ``data/export/acled_regions.tsv`` (ISO3 -> region).

ACLED files every country under one region name (Western Africa, Middle East, Caucasus and Central
Asia, ...); the table is data, so correcting a country's region is an edit of the TSV, not of code.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["ACLED_REGIONS", "acled_region", "alpha3", "region_table"]

#: ACLED's region names, the only values the table may hold.
ACLED_REGIONS: frozenset[str] = frozenset(
    {
        "Western Africa",
        "Middle Africa",
        "Eastern Africa",
        "Southern Africa",
        "Northern Africa",
        "South Asia",
        "Southeast Asia",
        "East Asia",
        "Caucasus and Central Asia",
        "Middle East",
        "Europe",
        "North America",
        "Central America",
        "South America",
        "Caribbean",
        "Oceania",
        "Antarctica",
    }
)

#: Codes outside ISO 3166 that news and ACLED use: alpha-2 -> alpha-3.
_USER_ASSIGNED = {"XK": "XKX"}


@lru_cache(maxsize=1)
def region_table() -> dict[str, str]:
    """ISO 3166 alpha-3 -> ACLED region, as the shipped TSV gives it."""
    text = resources.files("dateline").joinpath("data", "export", "acled_regions.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    for lineno, row in enumerate(rows):
        if lineno == 0 and row[0] == "iso3":
            continue
        iso3, region = row[0].strip().upper(), row[1].strip()
        if region not in ACLED_REGIONS:
            raise ValueError(f"acled_regions.tsv: {iso3}: {region!r} is not an ACLED region")
        out[iso3] = region
    return out


def alpha3(country: int | str | None) -> str | None:
    """ISO 3166 alpha-3 of a country given as numeric code, alpha-2 or alpha-3; None if unknown."""
    if country is None or country == "":
        return None
    import pycountry

    if isinstance(country, int) or str(country).strip().isdigit():
        found = pycountry.countries.get(numeric=f"{int(country):03d}")
        return found.alpha_3 if found else None
    text = str(country).strip().upper()
    if text in _USER_ASSIGNED:
        return _USER_ASSIGNED[text]
    if len(text) == 3:
        return text if text in region_table() else None
    found = pycountry.countries.get(alpha_2=text) if len(text) == 2 else None
    return found.alpha_3 if found else None


def acled_region(country: int | str | None) -> str | None:
    """ACLED's region of a country (ISO numeric, alpha-2 or alpha-3); None when not known."""
    code = alpha3(country)
    return region_table().get(code) if code else None
