"""The actor dictionary: named groups from data files plus generic actors for every country.

Named groups come from ``data/actors/*.yaml`` (and any user YAML given); generic actors
("Military Forces of Syria", "Civilians (Nigeria)") are generated for every ISO country from
pycountry, with demonyms, so "Syrian troops" and "Nigerian police" normalize without entries.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pycountry
import yaml

from dateline.events.lexicon import load_data_yaml

log = logging.getLogger(__name__)

INTER_NAMES: dict[int, str] = {
    0: "No actor",
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

# Generic actor kinds: name template and ACLED inter code.
GENERIC: dict[str, tuple[str, int]] = {
    "military": ("Military Forces of {country}", 1),
    "police": ("Police Forces of {country}", 1),
    "civilians": ("Civilians ({country})", 7),
    "protesters": ("Protesters ({country})", 6),
    "rioters": ("Rioters ({country})", 5),
    "unidentified": ("Unidentified Armed Group ({country})", 3),
}
COUNTRY_PLACEHOLDER = "{country}"
#: Country names English writes with "the": ACLED's state forces follow ("Military Forces of the
#: United States", "Police Forces of the Philippines"); the bracketed generics do not
#: ("Civilians (United States)").
NAMES_WITH_THE = frozenset(
    [
        "United States",
        "United Kingdom",
        "Philippines",
        "Netherlands",
        "Democratic Republic of Congo",
        "Republic of Congo",
        "Central African Republic",
        "United Arab Emirates",
        "Dominican Republic",
        "Gambia",
        "Bahamas",
        "Comoros",
        "Maldives",
        "Seychelles",
        "Solomon Islands",
        "Marshall Islands",
    ]
)


def fill_country(name: str, country: str) -> str:
    """Put a country name into a generic actor's ``{country}`` slot, with "the" where ACLED
    writes it (only after "Forces of")."""
    if f"Forces of {COUNTRY_PLACEHOLDER}" in name and country in NAMES_WITH_THE:
        country = f"the {country}"
    return name.replace(COUNTRY_PLACEHOLDER, country)


_NOT_ACTOR_FILES = frozenset({"country_names.yaml", "country_abbreviations.yaml"})

# nouns for a group's members: "Haqqani militants", "Houthi fighters"
_MEMBER_NOUNS = frozenset(
    [
        "militants",
        "fighters",
        "rebels",
        "gunmen",
        "insurgents",
        "jihadists",
        "militiamen",
        "members",
        "forces",
        "loyalists",
        "guerrillas",
        "commanders",
        "operatives",
        "combatants",
        "militia",
    ]
)
# first words of group names too common to stand for one group
_COMMON_NAME_WORDS = frozenset(
    [
        "islamic",
        "national",
        "popular",
        "democratic",
        "united",
        "free",
        "army",
        "front",
        "people's",
        "revolutionary",
        "movement",
        "liberation",
        "union",
        "alliance",
        "council",
        "party",
        "coalition",
        "forces",
        "federal",
        "patriotic",
        "republican",
        "socialist",
        "communist",
        "new",
        "great",
        "greater",
        "southern",
        "northern",
        "eastern",
        "western",
        "central",
        "general",
        "supreme",
        "military",
        "armed",
        "resistance",
        "independent",
        "progressive",
        "unified",
        "joint",
        "special",
        "rapid",
        "support",
        "defence",
        "defense",
        "security",
        "self",
        "local",
        "civil",
        "civilian",
        "citizens",
        "justice",
        "freedom",
        "unity",
        "peace",
        "salvation",
        "islamist",
        "muslim",
        "christian",
        "arab",
        "african",
        "jamaat",
        "ansar",
        "harakat",
        "hizb",
        "jaish",
        "liwa",
        "kataib",
        "saraya",
        "tahrir",
        "jabhat",
        "the",
        "holy",
        "sacred",
        "martyrs",
        "mujahideen",
        "mujahidin",
        "union",
        "world",
        "international",
        "africa",
        "allied",
        "border",
        "brigade",
        "brotherhood",
        "coastal",
        "collective",
        "combined",
        "convention",
        "cooperative",
        "coordination",
        "eighth",
        "first",
        "gang",
        "giants",
        "global",
        "group",
        "guards",
        "high",
        "hilltop",
        "indigenous",
        "internal",
        "jewish",
        "junta",
        "knights",
        "league",
        "legion",
        "living",
        "march",
        "militarized",
        "northeast",
        "organisation",
        "organization",
        "pacific",
        "permanent",
        "platform",
        "pure",
        "restoration",
        "revolution",
        "right",
        "second",
        "stability",
        "strategic",
        "three",
        "tribal",
        "village",
        "volunteers",
        "west",
        "white",
        "santa",
        "thomas",
        "sheikh",
        "imam",
        "khalid",
        "malik",
        "hafiz",
        "majid",
        "majeed",
        "suleiman",
        "tareq",
        "riek",
        "anti",
        "pro",
        "sons",
        "brothers",
        "soldiers",
        "guardians",
        "defenders",
        "youth",
        "young",
    ]
)

_GENERIC_NOUNS: dict[str, str] = {
    # military
    "army": "military",
    "armies": "military",
    "military": "military",
    "troops": "military",
    "troop": "military",
    "soldiers": "military",
    "soldier": "military",
    "armed forces": "military",
    "forces": "military",
    "government forces": "military",
    "security forces": "military",
    "regime forces": "military",
    "air force": "military",
    "navy": "military",
    "marines": "military",
    "special forces": "military",
    "commandos": "military",
    "paratroopers": "military",
    "warplanes": "military",
    "jets": "military",
    "fighter jets": "military",
    "aircraft": "military",
    "drones": "military",
    "artillery": "military",
    "defence forces": "military",
    "defense forces": "military",
    "national guard": "military",
    "border guards": "military",
    "gendarmes": "police",
    "gendarmerie": "police",
    "security personnel": "military",
    "security agents": "military",
    "intelligence agents": "military",
    # police
    "police": "police",
    "policemen": "police",
    "police officers": "police",
    "riot police": "police",
    "officers": "police",
    "anti-riot police": "police",
    "police force": "police",
    # civilians
    "civilians": "civilians",
    "civilian": "civilians",
    "villagers": "civilians",
    "residents": "civilians",
    "people": "civilians",
    "worshippers": "civilians",
    "students": "civilians",
    "farmers": "civilians",
    "passengers": "civilians",
    "children": "civilians",
    "women": "civilians",
    "journalist": "civilians",
    "journalists": "civilians",
    "family": "civilians",
    "families": "civilians",
    "herders": "civilians",
    "fishermen": "civilians",
    "traders": "civilians",
    "teachers": "civilians",
    "pupils": "civilians",
    "aid workers": "civilians",
    "mourners": "civilians",
    "pilgrims": "civilians",
    "refugees": "civilians",
    "displaced people": "civilians",
    "schoolchildren": "civilians",
    "man": "civilians",
    "woman": "civilians",
    "child": "civilians",
    "boy": "civilians",
    "girl": "civilians",
    "men": "civilians",
    "motorists": "civilians",
    "miners": "civilians",
    "locals": "civilians",
    "activists": "civilians",
    "opposition members": "civilians",
    "opposition supporters": "civilians",
    "supporters": "civilians",
    "party members": "civilians",
    "members": "civilians",
    "suspects": "civilians",
    "detainees": "civilians",
    "politicians": "civilians",
    "lawyers": "civilians",
    "opposition figures": "civilians",
    "opposition leaders": "civilians",
    "official": "civilians",
    "officials": "civilians",
    "local official": "civilians",
    "local officials": "civilians",
    "teacher": "civilians",
    "student": "civilians",
    "farmer": "civilians",
    "trader": "civilians",
    "driver": "civilians",
    "drivers": "civilians",
    "doctor": "civilians",
    "doctors": "civilians",
    "nurse": "civilians",
    "nurses": "civilians",
    "pastor": "civilians",
    "pastors": "civilians",
    "priest": "civilians",
    "priests": "civilians",
    "imam": "civilians",
    "imams": "civilians",
    "cleric": "civilians",
    "clerics": "civilians",
    "elder": "civilians",
    "elders": "civilians",
    "village chief": "civilians",
    "village head": "civilians",
    "traditional ruler": "civilians",
    "businessman": "civilians",
    "businessmen": "civilians",
    "shopkeeper": "civilians",
    "shopkeepers": "civilians",
    "worker": "civilians",
    "workers": "civilians",
    "employee": "civilians",
    "employees": "civilians",
    "health worker": "civilians",
    "health workers": "civilians",
    "aid worker": "civilians",
    "villager": "civilians",
    "resident": "civilians",
    "passenger": "civilians",
    "fisherman": "civilians",
    "herder": "civilians",
    "miner": "civilians",
    "motorist": "civilians",
    "pilgrim": "civilians",
    "refugee": "civilians",
    "voter": "civilians",
    "voters": "civilians",
    "candidate": "civilians",
    "candidates": "civilians",
    "councillor": "civilians",
    "councillors": "civilians",
    "civil servant": "civilians",
    "civil servants": "civilians",
    "engineer": "civilians",
    "engineers": "civilians",
    "contractor": "civilians",
    "contractors": "civilians",
    "merchant": "civilians",
    "merchants": "civilians",
    "vendor": "civilians",
    "vendors": "civilians",
    "chief": "civilians",
    "chiefs": "civilians",
    "person": "civilians",
    "persons": "civilians",
    "girls": "civilians",
    "boys": "civilians",
    "infant": "civilians",
    "baby": "civilians",
    "teenager": "civilians",
    "teenagers": "civilians",
    "pupil": "civilians",
    "schoolgirls": "civilians",
    "schoolboys": "civilians",
    "customers": "civilians",
    "guests": "civilians",
    "shoppers": "civilians",
    "commuters": "civilians",
    "bystanders": "civilians",
    "onlookers": "civilians",
    "patients": "civilians",
    "hostages": "civilians",
    "activist": "civilians",
    "lawyer": "civilians",
    "politician": "civilians",
    "opposition politician": "civilians",
    "opposition politicians": "civilians",
    "reporter": "civilians",
    "reporters": "civilians",
    "photographer": "civilians",
    "cameraman": "civilians",
    "humanitarian workers": "civilians",
    "medics": "civilians",
    "paramedics": "civilians",
    # protesters and rioters
    "protesters": "protesters",
    "protestors": "protesters",
    "demonstrators": "protesters",
    "marchers": "protesters",
    "crowd": "protesters",
    "crowds": "protesters",
    "rioters": "rioters",
    "mob": "rioters",
    "youths": "rioters",
    "angry youths": "rioters",
    # unidentified armed groups
    "gunmen": "unidentified",
    "gunman": "unidentified",
    "armed men": "unidentified",
    "unidentified gunmen": "unidentified",
    "assailants": "unidentified",
    "attackers": "unidentified",
    "militants": "unidentified",
    "militant": "unidentified",
    "insurgents": "unidentified",
    "bandits": "unidentified",
    "armed group": "unidentified",
    "armed groups": "unidentified",
    "unknown gunmen": "unidentified",
    "fighters": "unidentified",
    "jihadists": "unidentified",
    "jihadist fighters": "unidentified",
    "rebels": "unidentified",
    "militiamen": "unidentified",
    "kidnappers": "unidentified",
    "abductors": "unidentified",
    "suspected militants": "unidentified",
    "armed assailants": "unidentified",
    "masked men": "unidentified",
}


@dataclass(frozen=True, slots=True)
class Actor:
    """One dictionary actor."""

    name: str
    inter: int
    country: str | None = None  # ISO alpha-2 of a state actor's own country; None for non-state
    countries: tuple[str, ...] = ()  # where a non-state group is active
    kind: str = "group"  # group, military, police, civilians, protesters, rioters, unidentified, person
    wikidata: str | None = None
    uncertain: bool = False
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor found in text, with its span and how sure we are."""

    actor: Actor
    start: int
    end: int
    text: str
    confidence: float = 0.9


@dataclass
class ActorDictionary:
    """Canonical actors, their aliases and the generic country actors."""

    actors: list[Actor]
    country_names: dict[str, str]
    demonyms: dict[str, str] = field(default_factory=dict)  # lower-cased demonym or country name -> ISO2
    _patterns: list[tuple[str, re.Pattern[str] | None]] = field(default_factory=list)
    _alias_ci: dict[str, Actor] = field(default_factory=dict)
    _alias_cs: dict[str, Actor] = field(default_factory=dict)
    _context: dict[str, list[Actor]] = field(default_factory=dict)
    _generic_re: re.Pattern[str] | None = None
    _name_word_re: re.Pattern[str] | None = None
    _name_words: dict[str, Actor] = field(default_factory=dict)
    _country_re: re.Pattern[str] | None = None

    @classmethod
    def load(cls, extra_files: Iterable[Path] = (), user_file: bool = True) -> ActorDictionary:
        """Load the shipped dictionary, then the user's file (``dateline actors add`` writes it;
        see :func:`user_actors_path`), then any extra YAML files: later entries override earlier."""
        entries: list[dict] = []
        extra_files = list(extra_files)
        if user_file and user_actors_path().is_file():
            extra_files.insert(0, user_actors_path())
        data_dir = resources.files("dateline").joinpath("data", "actors")
        for ref in sorted(data_dir.iterdir(), key=lambda r: r.name):
            if ref.name.endswith((".yaml", ".yml")) and ref.name not in _NOT_ACTOR_FILES:
                entries.extend(_entries_from(yaml.safe_load(ref.read_text(encoding="utf-8")), ref.name))
        for path in extra_files:
            entries.extend(read_actor_file(Path(path)))
        country_names = _country_names()
        demonyms = _demonyms(country_names)
        return cls.from_entries(entries, country_names, demonyms)

    @classmethod
    def from_entries(
        cls, entries: list[dict], country_names: dict[str, str], demonyms: dict[str, str]
    ) -> ActorDictionary:
        by_name: dict[str, Actor] = {}
        for e in entries:
            actor = Actor(
                name=str(e["name"]),
                inter=int(e.get("inter", 2)),
                country=e.get("country"),
                countries=tuple(e.get("countries") or ()),
                kind=e.get("kind", "group"),
                wikidata=e.get("wikidata"),
                uncertain=bool(e.get("uncertain", False)),
                aliases=tuple(str(a) for a in (e.get("aliases") or ())),
                context_aliases=tuple(str(a) for a in (e.get("context_aliases") or ())),
            )
            by_name[actor.name] = actor
        d = cls(actors=list(by_name.values()), country_names=country_names, demonyms=demonyms)
        d._build()
        return d

    def _build(self) -> None:
        alias_ci: dict[str, Actor] = {}
        alias_cs: dict[str, Actor] = {}
        context: dict[str, list[Actor]] = {}
        for a in self.actors:
            for alias in (a.name, *a.aliases):
                if _is_acronym(alias):
                    alias_cs[alias] = a
                else:
                    alias_ci[_key(alias)] = a
            for alias in a.context_aliases:
                context.setdefault(alias if _is_acronym(alias) else _key(alias), []).append(a)
        self._alias_ci, self._alias_cs, self._context = alias_ci, alias_cs, context
        self._patterns = [
            ("cs", _alias_regex(alias_cs, case_sensitive=True)),
            ("ci", _alias_regex(alias_ci, case_sensitive=False)),
            ("ctx", _alias_regex({k for k in context if _is_acronym(k)}, case_sensitive=True)),
            ("ctx", _alias_regex({k for k in context if not _is_acronym(k)}, case_sensitive=False)),
        ]
        self._name_words = self._distinctive_name_words()
        words = sorted(self._name_words, key=len, reverse=True)
        members = "|".join(sorted(_MEMBER_NOUNS, key=len, reverse=True))
        self._name_word_re = (
            re.compile(
                rf"(?<![\w-])(?P<word>{'|'.join(re.escape(w) for w in words)})(?:s|'s|’s)?\s+(?:{members})\b"
            )
            if words
            else None
        )
        nations = sorted(self.demonyms, key=len, reverse=True)
        nouns = sorted(_GENERIC_NOUNS, key=len, reverse=True)
        nat = "|".join(re.escape(n) for n in nations)
        # country names and demonyms are proper nouns: match them capitalised only
        self._country_re = re.compile(rf"(?<![\w-])(?=[A-Z])(?i:{nat})(?![\w-])")
        self._generic_re = re.compile(
            rf"(?<![\w-])(?:(?P<nat>{nat})(?:'s|’s)?[\s-]+(?:[a-z-]+\s+){{0,2}}?)?"
            rf"(?P<noun>{'|'.join(re.escape(n) for n in nouns)})(?![\w-])",
            re.IGNORECASE,
        )

    def _distinctive_name_words(self) -> dict[str, Actor]:
        """The first word of a group's multi-word name when no other group's name starts with it
        and it is not a country, a demonym or a common political word ("Haqqani" of "Haqqani
        Network"), so that "Haqqani militants" finds the group."""
        owners: dict[str, set[str]] = {}
        by_name: dict[str, Actor] = {}
        for a in self.actors:
            if a.kind != "group":
                continue
            by_name[a.name] = a
            for alias in (a.name, *a.aliases):
                words = alias.split()
                if len(words) < 2:
                    continue
                w = words[0]
                if len(w) >= 4 and w[0].isupper() and w.isalpha() and not w.isupper():
                    owners.setdefault(w, set()).add(a.name)
        # a word that is a whole alias already names its own actor ("Daesh" is Islamic State,
        # even though "Daesh Khorasan" starts with it)
        single = {alias.casefold() for a in self.actors for alias in (a.name, *a.aliases) if " " not in alias}
        out: dict[str, Actor] = {}
        for w, names in owners.items():
            if (
                w.casefold() not in single
                and len(names) == 1
                and w.casefold() not in self.demonyms
                and w.casefold() not in _COMMON_NAME_WORDS
            ):
                out[w] = by_name[next(iter(names))]
        return out

    # --- look-ups -----------------------------------------------------------------
    def get(self, name: str) -> Actor | None:
        for a in self.actors:
            if a.name == name:
                return a
        return self._alias_ci.get(_key(name)) or self._alias_cs.get(name)

    def country_name(self, iso2: str) -> str:
        return self.country_names.get(iso2.upper(), iso2.upper())

    def country_of(self, word: str) -> str | None:
        """ISO2 for a country name or demonym ("Syrian", "Syria", "Nigerian")."""
        key = re.sub(r"['’]s$", "", word.casefold().strip())
        return self.demonyms.get(key)

    def generic(self, kind: str, iso2: str | None) -> Actor:
        """The generic actor of ``kind`` for a country (None: filled in once the event's country is known)."""
        template, inter = GENERIC[kind]
        name = fill_country(template, self.country_name(iso2)) if iso2 else template
        return Actor(name=name, inter=inter, country=iso2, kind=kind)

    def find(self, text: str, offset: int = 0, countries: Iterable[str] = ()) -> list[ActorMatch]:
        """Named actors (aliases) in ``text``, longest match first; context aliases ("coalition")
        count only when one candidate is active in the given countries."""
        ctx_countries = {c.upper() for c in countries}
        found: list[ActorMatch] = []
        for kind, pattern in self._patterns:
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                s = m.group(0)
                actor: Actor | None
                conf = 0.9
                if kind == "cs":
                    actor = self._alias_cs.get(s)
                elif kind == "ci":
                    actor = self._alias_ci.get(_key(s))
                else:
                    cands = self._context.get(s) or self._context.get(_key(s), [])
                    cands = [a for a in cands if not ctx_countries or set(a.countries) & ctx_countries]
                    actor = cands[0] if len(cands) == 1 else None
                    conf = 0.6
                if actor is not None:
                    found.append(ActorMatch(actor, offset + m.start(), offset + m.end(), s, conf))
        if self._name_word_re is not None:
            for m in self._name_word_re.finditer(text):
                actor = self._name_words.get(m.group("word"))
                if actor is not None:
                    found.append(ActorMatch(actor, offset + m.start(), offset + m.end(), m.group(0), 0.7))
        # longest first, then keep the matches that do not overlap a longer one
        found.sort(key=lambda x: (-(x.end - x.start), x.start))
        out: list[ActorMatch] = []
        for f in found:
            if all(f.end <= o.start or f.start >= o.end for o in out):
                out.append(f)
        return sorted(out, key=lambda x: x.start)

    def countries_in(self, text: str) -> list[str]:
        """ISO2 codes of the countries named in ``text`` (names and demonyms), in order of first mention."""
        assert self._country_re is not None
        out: list[str] = []
        for m in self._country_re.finditer(text):
            iso2 = self.demonyms.get(m.group(0).casefold())
            if iso2 and iso2 not in out:
                out.append(iso2)
        return out

    def find_generic(self, text: str, offset: int = 0) -> list[ActorMatch]:
        """Generic actors: "Syrian troops", "police", "gunmen", "villagers"."""
        out: list[ActorMatch] = []
        assert self._generic_re is not None
        for m in self._generic_re.finditer(text):
            kind = _GENERIC_NOUNS[m.group("noun").lower()]
            iso2 = self.country_of(m.group("nat")) if m.group("nat") else None
            if iso2 is None and m.group("nat"):
                continue
            out.append(
                ActorMatch(self.generic(kind, iso2), offset + m.start(), offset + m.end(), m.group(0), 0.7)
            )
        return out


def user_actors_path() -> Path:
    """The user's actor file: ``$DATELINE_ACTORS`` if set, else ``$XDG_DATA_HOME/dateline/actors.yaml``
    (``~/.local/share/dateline/actors.yaml``)."""
    explicit = os.environ.get("DATELINE_ACTORS")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dateline" / "actors.yaml"


def add_user_actor(
    name: str,
    inter: int,
    aliases: Iterable[str] = (),
    countries: Iterable[str] = (),
    wikidata: str | None = None,
    path: Path | None = None,
) -> Path:
    """Add (or replace, by name) an actor in the user's file; validates the inter code and countries."""
    if not name.strip():
        raise ValueError("an actor needs a name")
    if inter not in INTER_NAMES or inter == 0:
        raise ValueError(
            f"inter must be 1-8 (ACLED: {', '.join(f'{k} {v}' for k, v in INTER_NAMES.items() if k)})"
        )
    codes = [c.upper() for c in countries]
    bad = [c for c in codes if c != "XK" and pycountry.countries.get(alpha_2=c) is None]
    if bad:
        raise ValueError(f"not ISO 3166 alpha-2 country codes: {', '.join(bad)}")
    path = path or user_actors_path()
    existing: list[dict] = []
    if path.is_file():
        existing = read_actor_file(path)
    entry: dict = {"name": name.strip(), "aliases": [a for a in aliases if a.strip()], "inter": inter}
    if codes:
        entry["countries"] = codes
    if wikidata:
        entry["wikidata"] = wikidata
    kept = [e for e in existing if e.get("name") != entry["name"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump([*kept, entry], allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _is_acronym(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return len(letters) <= 6 and alias.upper() == alias and any(c.isalpha() for c in alias)


def _key(alias: str) -> str:
    """The lookup key of a case-insensitive alias: case-folded, hyphens and spaces as one space."""
    return re.sub(r"[\s\-‐‑–]+", " ", alias.casefold()).strip()


def _alias_pattern(alias: str) -> str:
    """A regex for an alias in which spaces and hyphens match any run of either."""
    parts = [re.escape(p) for p in re.split(r"[\s\-‐‑–]+", alias) if p]
    return r"[\s\-‐‑–]*".join(parts) if len(parts) > 1 else (parts[0] if parts else re.escape(alias))


def _alias_regex(aliases: Iterable[str], case_sensitive: bool) -> re.Pattern[str] | None:
    alts = sorted(set(aliases), key=len, reverse=True)
    if not alts:
        return None
    body = "|".join(_alias_pattern(a) for a in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", 0 if case_sensitive else re.IGNORECASE)


class ActorFileError(ValueError):
    """A user actor file that cannot be used; ``str()`` is ``FILE:LINE: problem``."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        self.path, self.line, self.problem = path, line, problem
        super().__init__(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


#: The fields of an actor entry (``notes`` is free text for the file's reader).
_ACTOR_FIELDS = (
    "name", "inter", "aliases", "context_aliases", "countries", "country", "kind", "wikidata",
    "uncertain", "notes",
)  # fmt: skip
_LIST_FIELDS = ("aliases", "context_aliases", "countries")


def read_actor_file(path: Path) -> list[dict]:
    """The entries of a user actor file, checked: a YAML list of mappings, each with a ``name``,
    an ``inter`` code 1-8 if given, lists of strings for aliases and ISO alpha-2 countries.
    Anything else raises :class:`ActorFileError` naming the file, the line and the problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ActorFileError(path, None, f"cannot read the actor file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ActorFileError(path, line, "not UTF-8 text") from None
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        context = exc.context or ""
        if context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            context += f" (from line {exc.context_mark.line + 1})"
        problem = ", ".join(p for p in (context, exc.problem) if p) or "invalid YAML"
        raise ActorFileError(path, mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ActorFileError(path, None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise ActorFileError(
            path, _line(root), f"an actor file is a YAML list of actors ('- name: ...'), not a {_kind(data)}"
        )
    for n, (node, entry) in enumerate(zip(root.value, data, strict=True), 1):
        _check_entry(path, n, node, entry)
    return data


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None and node.start_mark is not None else None


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return f"string {value!r}"
    return type(value).__name__


def _check_entry(path: Path, n: int, node: yaml.Node, entry: object) -> None:
    if not isinstance(entry, dict) or not isinstance(node, yaml.MappingNode):
        raise ActorFileError(
            path, _line(node), f"actor {n}: expected a mapping with a 'name', got a {_kind(entry)}"
        )
    lines = {k.value: _line(v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}

    def fail(key: str, problem: str) -> ActorFileError:
        return ActorFileError(path, lines.get(key) or _line(node), problem)

    name = entry.get("name")
    if "name" not in entry:
        raise ActorFileError(path, _line(node), f"actor {n} has no 'name'")
    if not isinstance(name, str) or not name.strip():
        raise fail("name", f"actor {n}: 'name' must be a non-empty string, got {_kind(name)}")
    unknown = [str(k) for k in entry if k not in _ACTOR_FIELDS]
    if unknown:
        raise fail(unknown[0], f"{name}: unknown field {unknown[0]!r} (known: {', '.join(_ACTOR_FIELDS)})")
    inter = entry.get("inter", 2)
    if isinstance(inter, bool) or not isinstance(inter, int) or not 1 <= inter <= 8:
        raise fail("inter", f"{name}: 'inter' must be an ACLED inter code 1-8, got {inter!r}")
    for key in _LIST_FIELDS:
        value = entry.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise fail(key, f"{name}: '{key}' must be a list of strings, got {_kind(value)}")
    codes = list(entry.get("countries") or ())
    if entry.get("country") is not None:
        codes.append(entry["country"])
    for code in codes:
        if not isinstance(code, str) or not _is_alpha2(code):
            where = "countries" if code in (entry.get("countries") or ()) else "country"
            raise fail(where, f"{name}: {code!r} is not an ISO 3166 alpha-2 country code (e.g. NG)")
    for key in ("kind", "wikidata", "notes"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise fail(key, f"{name}: '{key}' must be a string, got {_kind(entry[key])}")
    if not isinstance(entry.get("uncertain", False), bool):
        raise fail("uncertain", f"{name}: 'uncertain' must be true or false, got {entry['uncertain']!r}")


def _is_alpha2(code: str) -> bool:
    return code == "XK" or (code.isupper() and pycountry.countries.get(alpha_2=code) is not None)


def _entries_from(data: object, source: str) -> list[dict]:
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) and "name" in e for e in data):
        raise ValueError(f"{source}: an actor file must be a YAML list of mappings, each with a 'name'")
    return data


def _country_names() -> dict[str, str]:
    overrides = load_data_yaml("actors", "country_names.yaml") or {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        names[c.alpha_2] = overrides.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
    names.update(overrides)
    return names


def _demonyms(country_names: dict[str, str]) -> dict[str, str]:
    """Lower-cased country names, ISO names and demonyms -> ISO2."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                out[n.casefold()] = c.alpha_2
    for iso2, name in country_names.items():
        out[name.casefold()] = iso2
    for short, iso2 in (load_data_yaml("actors", "country_abbreviations.yaml") or {}).items():
        out[str(short).casefold()] = str(iso2)
    try:
        ref = resources.files("dateline").joinpath("data", "geo", "demonyms.tsv")
        for line in ref.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) >= 2 and len(parts[1].strip()) == 2:
                out.setdefault(parts[0].strip().casefold(), parts[1].strip().upper())
    except FileNotFoundError:
        log.warning("no demonyms file shipped; only country names will be recognised")
    out.pop("", None)
    return out
