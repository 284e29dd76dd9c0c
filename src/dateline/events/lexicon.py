"""The event lexicon and ACLED taxonomy, loaded from the package's data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def load_data_yaml(*parts: str) -> Any:
    """Load a YAML file shipped under ``dateline/data``."""
    ref = resources.files("dateline").joinpath("data", *parts)
    return yaml.safe_load(ref.read_text(encoding="utf-8"))


def phrase_regex(phrases: list[str], plurals: bool = False) -> re.Pattern[str]:
    """One case-insensitive regex matching any phrase on word boundaries (longest first);
    with ``plurals``, a phrase also matches with a plural "s" ("rocket" finds "rockets")."""
    alts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in alts)
    suffix = "s?" if plurals else ""
    return re.compile(rf"(?<![\w-])(?:{body}){suffix}(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Taxonomy:
    """ACLED event types, sub-event types and disorder types."""

    sub_to_type: dict[str, str]
    sub_to_disorder: dict[str, str]

    @classmethod
    def load(cls) -> Taxonomy:
        data = load_data_yaml("events", "taxonomy.yaml")
        sub_to_type: dict[str, str] = {}
        sub_to_disorder: dict[str, str] = {}
        for etype, subs in data.items():
            for sub, disorder in subs.items():
                sub_to_type[sub] = etype
                sub_to_disorder[sub] = disorder
        return cls(sub_to_type, sub_to_disorder)

    def event_type(self, sub: str) -> str:
        return self.sub_to_type[sub]

    def disorder_type(self, sub: str) -> str:
        return self.sub_to_disorder[sub]


@dataclass(frozen=True)
class Lexicon:
    """Trigger words and cue phrases for detection and typing."""

    verbs: dict[str, str]
    nouns: dict[str, str]
    phrases: dict[str, str]
    phrase_re: re.Pattern[str]
    cues: dict[str, re.Pattern[str]]
    not_event: dict[str, re.Pattern[str]]
    modal_heads: frozenset[str]
    modal_aux: frozenset[str]
    candidates: frozenset[str]  # lemmas that make a sentence worth reading with the trained typer

    @classmethod
    def load(cls) -> Lexicon:
        data = load_data_yaml("events", "lexicon.yaml")
        ne = data["not_event"]
        return cls(
            verbs=dict(data["verbs"]),
            nouns=dict(data["nouns"]),
            phrases={k.lower(): v for k, v in data["phrases"].items()},
            phrase_re=phrase_regex(list(data["phrases"])),
            cues={k: phrase_regex(v, plurals=True) for k, v in data["cues"].items()},
            not_event={k: phrase_regex(v) for k, v in ne.items() if k not in ("modal_heads", "modal_aux")},
            modal_heads=frozenset(ne["modal_heads"]),
            modal_aux=frozenset(ne["modal_aux"]),
            candidates=frozenset(w.lower() for w in data.get("candidates", ())),
        )

    def cue(self, name: str, text: str) -> bool:
        return bool(self.cues[name].search(text))

    def phrase_class(self, phrase: str) -> str:
        return self.phrases[re.sub(r"[\s-]+", " ", phrase.lower())]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    return Taxonomy.load()
