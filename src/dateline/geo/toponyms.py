"""Find place names in news text and resolve each to one gazetteer record.

:func:`find_toponyms` is a rule-based recogniser (no model): capitalised word runs are
matched against the gazetteer's normalised keys, longest first; cue phrases ("the town
of X", "X province", "near X") admit places the gazetteer lacks as ``unknown_place``;
"northern Nigeria" becomes a ``region_phrase``; demonyms ("Syrian") are their own kind.
Person names, months and ordinary capitalised words are filtered out.

The words before a name say how the text relates to it (``cue``): "near" for "near X",
"outside X", "the outskirts of X", "40 km south of X"; "part_of" for "central X", "downtown
X", "the centre of X", "the north of X". A direction before a city is a part of the city
("eastern Aleppo" is the place Aleppo, ``direction="eastern"``); before a country it is a
``region_phrase`` ("northern Nigeria", "the north of Syria", "Syria's northwest"); before a
name that is both, :func:`resolve` decides. "In the northwest" with no country in the phrase is a
``region_phrase`` with no ``country_codes``; :func:`resolve` fills them from the text.

:func:`resolve` then picks one candidate per toponym by coherence with the countries
and admin units the same text mentions, the toponym's cue and hints, and population.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from dateline.geo.abbreviations import find_abbreviation
from dateline.geo.gazetteer import ADMIN_GENERIC_WORDS, Gazetteer, Place, short_form
from dateline.geo.names import ARTICLES, key_of_tokens, light, normalize
from dateline.geo.ranker import (
    FEATURES,
    RULE_WEIGHTS,
    RULES,
    CandidateRanker,
    confidence,
    log_population,
)
from dateline.geo.ranker import (
    INDEX as _F,
)

__all__ = ["KINDS", "Toponym", "find_toponyms", "link_hints", "link_lists", "resolve", "unit_candidates"]


def _words(block: str) -> frozenset[str]:
    """A word set written as a whitespace-separated block."""
    return frozenset(block.split())


#: "world_region": a continent or world region ("Asia", "the Middle East"; see geo/regions.py),
#: made only for spans a caller gives (:func:`~dateline.geo.geoparse.toponym_for_span`)
KINDS = ("place", "admin", "country", "demonym", "region_phrase", "unknown_place", "world_region")


@dataclass(slots=True)
class Toponym:
    """A place mention: ``text == article_text[start - offset : end - offset]``."""

    start: int
    end: int
    text: str
    kind: str  # one of KINDS
    #: how the text ties the event to the place or what it calls it: "near" (near X, outside X,
    #: the outskirts of X, 10 km south of X), "part_of" (central X, the centre of X, the north of X),
    #: else the type word ("town", "province"), the preposition ("in"), "dateline", "compound"
    cue: str | None = None
    candidates: list[Place] = field(default_factory=list)
    admin_hint: str | None = None  # "Idlib" in "Atme within Idlib province"
    #: the admin_hint came from a bare comma ("Cordova, Tennessee"), which a list of peers
    #: also makes ("Vancouver, Calgary, Edmonton"), not from "in"/"within" or a unit word
    hint_by_comma: bool = False
    country_hint: str | None = None  # ISO2 from "Syria's X", "the Syrian town of X", "X, Syria"
    resolved: Place | None = None
    #: the admin unit the admin_hint resolved to (set by :func:`resolve`)
    admin_hint_place: Place | None = None
    #: ISO2 codes a region phrase / demonym points at
    country_codes: tuple[str, ...] = ()
    #: the feature-type word the text gives: "town" in "near the town of Jilib", "state" in
    #: "Borno state" (``cue`` then says how the event relates to the place: "near", "part_of")
    type_cue: str | None = None
    #: "eastern" in "eastern Aleppo", "north" in "the north of Syria" / "south of Mogadishu"
    direction: str | None = None
    #: ISO2 taken by :func:`resolve` from the countries the rest of the text names, for a
    #: bare region phrase ("in the northwest") or a place the gazetteer lacks
    context_country: str | None = None
    #: how sure :func:`resolve` is of ``resolved`` among the candidates (0-1; 1 with one candidate)
    score: float | None = None
    #: the start of the first item of the list of three or more places this one is in
    #: ("Arizona, California, Colorado and Georgia"; set by :func:`link_lists`)
    list_group: int | None = None
    #: ISO2 of the country whose first-level units most items of that list name (None: not a
    #: list of units)
    list_units: str | None = None
    #: the toponym that gave ``admin_hint`` ("New York" in "Bronx, New York")
    hint_toponym: Toponym | None = field(default=None, repr=False, compare=False)
    #: the candidates are named by a run of words inside the name, not by the name ("Rock" of
    #: "Ayers Rock", "Copenhagen" of "Copenhagen Airport"): right only where the text is
    part_of_name: bool = False

    @property
    def country_code(self) -> str | None:
        if self.resolved is not None:
            return self.resolved.country_code
        if self.country_codes:
            return self.country_codes[0]
        if self.kind == "country" and self.candidates:
            return self.candidates[0].country_code
        if self.country_hint:
            return self.country_hint
        if self.admin_hint_place is not None:
            return self.admin_hint_place.country_code
        return self.context_country


# ---------------------------------------------------------------------- lexicon

#: Cue words naming an admin unit type, mapped to the admin level they usually denote.
ADMIN_CUES: dict[str, int] = {
    "province": 1, "governorate": 1, "state": 1, "oblast": 1, "region": 1, "prefecture": 1,
    "department": 1, "county": 2, "district": 2, "raion": 2, "rayon": 2, "municipality": 2,
    "lga": 2, "subdistrict": 3, "sub-district": 3, "commune": 3, "canton": 2, "emirate": 1,
}  # fmt: skip
#: Suffix cues that may introduce a place missing from the gazetteer.
_UNKNOWN_SUFFIX_CUES = frozenset(
    {"province", "governorate", "district", "oblast", "region", "raion", "rayon", "subdistrict",
     "sub-district", "prefecture", "county"}
)  # fmt: skip
SETTLEMENT_CUES = frozenset(
    {"town", "village", "city", "hamlet", "settlement", "locality", "neighbourhood", "neighborhood",
     "suburb", "camp", "area", "outskirts", "capital", "port", "district", "quarter", "market",
     "community", "municipality", "commune", "province", "governorate", "region", "state",
     "county", "oblast", "prefecture", "department", "enclave", "border", "island", "zone"}
)  # fmt: skip
_PREPOSITIONS = (
    "in",
    "near",
    "at",
    "outside",
    "around",
    "from",
    "towards",
    "toward",
    "into",
    "across",
    "inside",
    "through",
    "nearby",
    "entering",
    "reached",
    "besieged",
    "stormed",
    "captured",
)
_OF_PHRASES = (
    "north of",
    "south of",
    "east of",
    "west of",
    "northeast of",
    "northwest of",
    "southeast of",
    "southwest of",
    "north-east of",
    "north-west of",
    "south-east of",
    "south-west of",
    "outskirts of",
    "suburbs of",
    "countryside of",
    "vicinity of",
    "centre of",
    "center of",
    "heart of",
    "edge of",
    "entrance to",
    "road to",
    "way to",
    "kilometres from",
    "kilometers from",
    "km from",
    "miles from",
    "residents of",
)
DIRECTIONS = (
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "far-north",
    "far north",
)
_PHYSICAL = frozenset(
    {"river", "sea", "lake", "mountains", "mountain", "mount", "valley", "bay", "gulf", "strait",
     "desert", "dam", "ocean", "canal", "plain", "plains", "hills", "peninsula", "basin", "delta",
     "airport", "airbase", "base", "university", "hospital", "stadium", "square", "street", "road",
     "highway", "bridge", "mosque", "church", "prison", "palace", "hotel", "school", "college",
     "company", "corporation", "agency", "times", "post", "news", "tv", "television", "radio",
     "club", "fc", "ministry", "army", "forces", "force", "police", "party", "front", "council",
     "brigade", "brigades", "movement", "militia", "battalion", "corps", "division", "regiment",
     "command", "committee", "commission", "court", "government", "authority", "administration",
     "group", "network", "organisation", "organization", "foundation", "institute", "observatory",
     "centre", "center", "office", "embassy", "consulate", "initiative", "coalition", "alliance",
     "union", "federation", "league", "association", "brotherhood", "nuclear", "power", "plant",
     "avenue", "boulevard", "lane", "drive", "crossing", "checkpoint", "junction", "gate",
     "tower", "towers", "building", "mall", "park", "field", "oilfield", "refinery", "port"}
)  # fmt: skip
_NATURAL_FEATURES = _words(
    "river sea lake mountains mountain valley bay gulf strait desert ocean canal basin delta peninsula"
)
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "president", "minister", "premier", "gen", "general", "col",
     "colonel", "lt", "lieutenant", "maj", "major", "capt", "captain", "sgt", "sergeant", "cmdr",
     "commander", "sheikh", "shaikh", "imam", "king", "queen", "prince", "princess", "emir", "pope",
     "sen", "senator", "rep", "representative", "mayor", "judge", "chief", "spokesman",
     "spokeswoman", "spokesperson", "secretary", "ambassador", "envoy", "cleric", "bishop",
     "archbishop", "rabbi", "ayatollah", "mullah", "sultan", "marshal", "brig", "brigadier",
     "admiral", "officer", "prof", "professor", "named", "nicknamed", "alias", "journalist",
     "reporter", "correspondent", "activist", "lawmaker", "mp", "deputy", "governor", "leader",
     "founder", "chairman", "director", "head", "commissioner", "inspector", "superintendent",
     "warlord", "militant", "fighter", "son", "daughter", "brother", "sister", "wife", "husband",
     "father", "mother", "uncle", "cousin"}
)  # fmt: skip
SPEECH_VERBS = frozenset(
    {"said", "says", "told", "added", "wrote", "stated", "claimed", "confirmed", "denied", "noted",
     "explained", "tweeted", "posted", "announced", "insisted", "warned", "urged", "asked",
     "recalled", "describes", "described", "who"}
)  # fmt: skip
GIVEN_NAMES = frozenset(
    {"mohammed", "mohammad", "muhammad", "mohamed", "mohamad", "ahmed", "ahmad", "ali", "hassan",
     "hasan", "hussein", "husain", "omar", "umar", "abdul", "abdel", "abd", "abdullah", "abdallah",
     "ibrahim", "mustafa", "mostafa", "khalid", "khaled", "salah", "yusuf", "youssef", "yousef",
     "mahmoud", "mahmud", "ismail", "hamid", "hamad", "hamza", "karim", "kareem", "walid", "waleed",
     "samir", "tariq", "tarek", "bashar", "hafez", "fatima", "aisha", "mariam", "maryam", "zainab",
     "john", "james", "david", "michael", "robert", "william", "joseph", "thomas", "charles", "mark",
     "peter", "paul", "george", "richard", "daniel", "sergei", "sergey", "vladimir", "volodymyr",
     "oleksandr", "alexander", "dmitry", "andriy", "ivan", "yuri", "abiy", "bola", "muhammadu",
     "yoweri", "emmanuel", "jean", "pierre", "joao", "jose", "juan", "carlos", "luis", "maria",
     "anna", "olena", "ihor", "igor", "mykola", "viktor", "recep", "benjamin", "binyamin", "yahya"}
)  # fmt: skip
#: Capitalised words that are never toponyms on their own (months, days, faiths, groups,
#: ordinary sentence-initial words that happen to be place names somewhere).
NONPLACE: frozenset[str] = _words(
    """
    january february march april may june july august september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today
    tomorrow yesterday ramadan eid christmas easter passover hanukkah diwali ashura nowruz new year god
    allah islam islamic islamist islamists muslim muslims christian christians jewish jew jews sunni
    sunnis shia shiite shiites shi'ite alawite alawites druze yazidi yazidis kurd kurds kurdish arab
    arabs arabic hebrew persian english french latin coptic orthodox catholic protestant hamas hezbollah
    hizbollah taliban houthi houthis ansar allah shabaab shabab qaeda qaida boko haram wagner isis isil
    daesh iswap jnim hts ypg sdf pkk pkk's fsa sna tigray's fano amhara's un nato eu au afp ap reuters
    bbc cnn xinhua sana irna tass ria interfax telegram twitter facebook youtube whatsapp tiktok
    instagram x google apple the a an this that these those it its he she they we i you his her their
    our my your there here when while after before during since on in at by for from with without but
    and or if as so according meanwhile however also later earlier then now still yet last next first
    second third one two three four five six seven eight nine ten dozens hundreds thousands several many
    some all most no not none each every both other another such only even just more less police army
    government ministry minister president forces troops security soldiers soldier local residents
    resident witnesses witness officials official sources source medics doctors gunmen militants
    militant fighters rebels insurgents attackers protesters demonstrators civilians people children
    women men families villagers authorities military defence defense interior foreign affairs health
    state national federal regional provincial district municipal international democratic republic
    people's popular revolutionary liberation united union office council committee commission court
    party front movement group brigade battalion general colonel captain spokesman spokeswoman director
    chief head leader commander governor mayor sheikh imam prince king queen emir sultan pope north
    south east west northern southern eastern western central northeast northwest southeast southwest
    middle upper lower greater new old great little grand city town village province region district
    capital border area zone breaking update updated exclusive analysis opinion editorial photo video
    watch read live mr mrs ms dr victory liberty independence freedom justice unity hope peace progress
    mission union concord paradise providence success triumph harmony friendship police station hospital
    school university mosque church market airport prison camp base israel's syria's valley river sea lake
    mountains mountain desert gulf bay strait ocean canal basin delta peninsula island islands coast
    """
)
# All-caps tokens accepted as country names anywhere in running text.
COUNTRY_ABBREVIATIONS: frozenset[str] = frozenset(
    {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "DRC", "KSA"}
)
_CONNECTORS = _words(
    "al el ad ar as ash az ez ed es at an en de del des du da do dos das di la le les los las of and "
    "bin ibn ben wa sur am im upon on the y"
)
#: connectors that are also English words opening a sentence ("At Oxford St", "As Kabul fell")
_SENTENCE_WORDS = frozenset({"at", "as", "an", "on", "upon", "of", "and"})
_ARTICLE_PREFIX_RE = re.compile(
    r"^(?:al|el|ad|ar|as|ash|az|ez|ed|es|at|an|adh|ath)[-‑’'](?=\w)", re.IGNORECASE
)
_COMPOUND_SUFFIXES = frozenset(
    {"led", "backed", "based", "run", "born", "controlled", "held", "occupied", "allied", "funded",
     "brokered", "sponsored", "made", "linked", "aligned", "supported", "bound", "owned", "trained",
     "affiliated", "annexed", "administered", "ruled", "bred", "inspired", "armed", "majority", "wide"}
)  # fmt: skip

_MAX_RUN = 7  # longest name we try, in tokens (incl. connectors)

# A token: an abbreviation like U.S./U.A.E., or a word with inner hyphens/apostrophes.
_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w]|[-‑'’](?=[^\W_]))*")
_POSSESSIVE_RE = re.compile(r"[’']s$", re.IGNORECASE)
_DIRECTION_ALT = "|".join(sorted((re.escape(d) for d in DIRECTIONS), key=len, reverse=True))
_SETTLEMENT_ALT = "|".join(sorted(SETTLEMENT_CUES, key=len, reverse=True))
# "the (Syrian) town of ", "the northern (Ukrainian) city of ", "the Nigerian state of "
# up to two modifiers: "the Syrian rebel-held town of", "the besieged Syrian town of"
_PREFIX_CUE_RE = re.compile(
    rf"\b(?i:the|a|its|their|his|her)\s+(?:(?:{_DIRECTION_ALT})\s+)?(?:(?:[a-z]+(?:-[a-z]+)+|"
    rf"frontline|front-line|besieged|flashpoint|border|strategic|key|embattled|restive|nearby|"
    rf"neighbouring|neighboring|northern|southern|eastern|western|central|coastal|remote|small|"
    rf"tiny|mountainous|desert|oil-rich|southeastern|northwestern|northeastern|southwestern|"
    rf"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})\s+){{0,2}}(?P<cue>{_SETTLEMENT_ALT})s?\s+(?:of|called|named)\s+$"
)
_PREP_ALT = "|".join(sorted((re.escape(p) for p in _PREPOSITIONS), key=len, reverse=True))
_OF_ALT = "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+") for p in _OF_PHRASES), key=len, reverse=True))
_PREP_CUE_RE = re.compile(rf"(?:^|[^\w])(?P<cue>{_OF_ALT}|{_PREP_ALT})\s+(?:the\s+)?$", re.IGNORECASE)

# ------------------------------------------------------- relations: near X, part of X, regions
_DIR_NOUN_ALT = r"(?:north|south)[- ]?(?:east|west)|north|south|east|west"
_DIR_ADJ_ALT = (
    r"(?:north|south|east|west)[- ]central|(?:north|south)[- ]?(?:east|west)ern|northern|southern|eastern|"
    r"western|central"
)
_DIR_ALL_ALT = rf"far[- ]north|{_DIR_ADJ_ALT}|{_DIR_NOUN_ALT}"
# "the northern part of X" (singular "district"/"region" name X itself: "the western region of Darfur")
_PART_NOUNS = r"(?:parts?|sections?|side|half|areas?|sectors?|districts|neighbou?rhoods|regions|suburbs)"
_REL_FLAGS = re.IGNORECASE
_DIR_WORDS = _words(
    """
    north south east west northeast northwest southeast southwest north-east north-west south-east
    south-west northern southern eastern western central northeastern northwestern southeastern
    southwestern north-eastern north-western south-eastern south-western north-central south-central
    east-central west-central far-north
    """
)
_OF = frozenset({"of"})
_RelRule = tuple[re.Pattern[str], str, bool, frozenset[str]]


def _rel(pattern: str, kind: str, lasts: frozenset[str], adjective: bool = False) -> _RelRule:
    return re.compile(pattern + r"\s+(?:the\s+)?$", _REL_FLAGS), kind, adjective, lasts


#: (regex over the text right before a name, relation, is a bare adjective, the words the regex
#: can end with), tried in order.
_RELATIONS: tuple[_RelRule, ...] = (
    # "the (northern) outskirts of", "the suburbs of", "a suburb of", "the vicinity of"
    _rel(rf"(?:\b(?:the|its|their)\s+)?(?:(?P<dir>{_DIR_ALL_ALT})\s+)?(?:outskirts?|suburbs?|vicinity|environs|"
         r"periphery|fringes|edges?|outer\s+edge)\s+of", "near", _OF),
    # "the (eastern) countryside of"
    _rel(rf"(?:\b(?:the|its)\s+)?(?:(?P<dir>{_DIR_ALL_ALT})\s+)?(?:countryside|rural\s+areas?|hinterland)\s+of",
         "part_of", _OF),
    # "the centre of", "the heart of", "the old city of"
    _rel(r"\b(?:the|its)\s+(?:(?:city|town)\s+)?(?:centre|center|heart|middle|downtown|old\s+city|old\s+town|"
         r"old\s+quarter)\s+of", "part_of", _OF),
    # "the north of", "the far north of", "the northern part of", "the eastern districts of"
    _rel(rf"\b(?:the|its)\s+(?:far[- ]|extreme\s+)?(?:(?P<dir>{_DIR_NOUN_ALT})|(?P<adj>{_DIR_ADJ_ALT})\s+"
         rf"{_PART_NOUNS})\s+of", "part_of", _OF),
    # "(northern) parts of"
    _rel(rf"(?:\b(?P<dir>{_DIR_ADJ_ALT})\s+)?\b(?:(?:some|several|many|most)\s+)?parts?\s+of",
         "part_of", _OF),
    # "(30 km) south of", "north-west of": outside the place, near it
    _rel(rf"(?:^|[^\w-])(?P<dir>{_DIR_NOUN_ALT})\s+of", "near", _OF),
    # "10 km from", "miles outside"
    _rel(r"\b(?:km|kms|kilometres|kilometers|miles)\s+(?:from|outside|away\s+from)", "near",
         frozenset({"from", "outside"})),
    # "near", "outside", "around", "close to"
    _rel(r"(?:^|[^\w-])(?:near|outside|around|close\s+to|not\s+far\s+from|next\s+to|on\s+the\s+(?:road|way)\s+to|"
         r"en\s+route\s+to)", "near", frozenset({"near", "outside", "around", "to", "from"})),
    # "central Nairobi", "eastern Aleppo", "downtown Beirut", "north Kivu"
    (re.compile(rf"(?:^|[^\w-])(?P<dir>{_DIR_ALL_ALT}|downtown)\s+$", _REL_FLAGS), "part_of", True,
     _DIR_WORDS | {"downtown"}),
)  # fmt: skip
#: Words that may come right before "of" in the relations above.
_REL_BEFORE_OF = _DIR_WORDS | _words(
    """
    outskirts outskirt suburb suburbs vicinity environs periphery fringes edge edges countryside area areas
    hinterland centre center heart middle downtown city town quarter part parts section sections side half
    district districts neighbourhood neighbourhoods neighborhood neighborhoods region regions sector sectors
    """
)
_REL_LAST_WORDS = frozenset().union(*(rule[3] for rule in _RELATIONS))
# "Syria's northwest", "Nigeria's far north" (right after a possessive name)
_DIR_AFTER_POSSESSIVE_RE = re.compile(
    rf"[’']s\s+(?P<dir>(?:far[- ])?(?:{_DIR_NOUN_ALT}))\b(?-i:(?![-‑]?\s*[A-Z]))(?!\s+of\b)", _REL_FLAGS
)
# "in the northwest", "across the country's north-east", "in northern parts of the country"
_BARE_REGION_RE = re.compile(
    rf"\b(?:in|across|throughout)\s+(?P<span>(?:the\s+(?:(?:country|nation)[’']s\s+)?(?:far[- ]|extreme\s+)?"
    rf"(?P<dir>{_DIR_NOUN_ALT})(?:\s+of\s+the\s+(?:country|nation))?)|(?:(?:the\s+)?(?:(?:country|nation)[’']s"
    rf"\s+)?(?:far[- ])?(?P<adj>{_DIR_ADJ_ALT})\s+(?:regions|region|parts|part|areas|provinces|states)"
    rf"(?:\s+of\s+the\s+(?:country|nation))?))"
    rf"(?![\w-])(?-i:(?!\s*[-‑]?\s*[A-Z]))(?!\s+of\b)",
    _REL_FLAGS,
)
_TITLE_BEFORE_RE = re.compile(r"(?:^|[^\w])(?P<title>[A-Za-z]+)\.?\s+$")
_SUFFIX_CUE_RE = re.compile(
    r"^\s+(?P<cue>province|governorate|district|sub-district|subdistrict|oblast|region|state|raion|rayon|"
    r"county|prefecture|department|municipality|lga|emirate|canton|commune)s?\b",
    re.IGNORECASE,
)
_HINT_LINK_RE = re.compile(
    r"^(?:\s+(?:province|governorate|district|sub-district|subdistrict|oblast|region|state|raion|rayon|county|"
    r"prefecture|department|municipality|lga|township|local\s+government\s+area))?(?:\s*,\s*|\s+(?:within|in|inside|of)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?east|north-?west|south-?east|"
    r"south-?west|northeastern|northwestern|southeastern|southwestern)\s+)?)$",
    re.IGNORECASE,
)
# prepositions that too often precede non-places ("from Reuters", "at Christmas")
_WEAK_PREPOSITIONS = frozenset({"from", "at", "through", "across", "into", "entering", "reached"})
#: between two places of a list: "Foua and Kfraya", "Haris, Varzaqan and Ahar"
_LIST_LINK_RE = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")
_POSSESSIVE_LINK_RE = re.compile(rf"^[’']s\s+(?:(?:{_DIR_ALL_ALT})\s+)?$", re.IGNORECASE)
_DATELINE_RE = re.compile(
    r"(?:\A|\n)[ \t]*(?P<place>[A-Z][A-Z'’.\-]+(?:[ \t][A-Z][A-Z'’.\-]+){0,3})"
    r"(?=[ \t]*(?:,|:|\(|—|–|--| -))"
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?:;\n\"“”(]")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    words: list[str]  # light() words
    cap: bool
    upper: bool
    possessive: bool
    sent_initial: bool


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        s, e = m.start(), m.end()
        word = m.group()
        pieces: list[tuple[int, int]] = []
        # split "US-led", "Russian-occupied" into the name and a lowercase compound part
        hy = re.search(r"[-‑](?=[a-z])", word)
        if hy and word[0].isupper() and not _ARTICLE_PREFIX_RE.match(word):
            tail = word[hy.end() :].lower()
            if tail.split("-")[0] in _COMPOUND_SUFFIXES:
                pieces = [(s, s + hy.start()), (s + hy.start(), e)]
        if not pieces:
            pieces = [(s, e)]
        for ps, pe in pieces:
            w = text[ps:pe]
            possessive = False
            if _POSSESSIVE_RE.search(w) and len(w) > 2:
                possessive = True
                pe -= 2
                w = w[:-2]
            core = _ARTICLE_PREFIX_RE.sub("", w)
            first_alpha = next((c for c in core if c.isalpha()), "")
            cap = bool(first_alpha) and first_alpha.isupper()
            letters = [c for c in w if c.isalpha()]
            upper = len(letters) > 1 and all(c.isupper() for c in letters)
            gap = text[prev_end:ps]
            sent_initial = not toks or bool(_SENTENCE_BREAK_RE.search(gap))
            toks.append(_Tok(ps, pe, w, light(w).split(), cap, upper, possessive, sent_initial))
            prev_end = pe
    return toks


def _run_key(toks: list[_Tok], i: int, j: int) -> str:
    words: list[str] = []
    for t in toks[i : j + 1]:
        words.extend(t.words)
    return key_of_tokens(words)


def _joinable(text: str, a: _Tok, b: _Tok) -> bool:
    """Tokens a and b are adjacent parts of one name (only a space or hyphen between)."""
    gap = text[a.end : b.start]
    return not a.possessive and gap in (" ", "-", "‑", " - ")


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    cue: str | None
    candidates: list[Place]
    tok_i: int
    tok_j: int
    priority: int = 0
    country_hint: str | None = None
    country_codes: tuple[str, ...] = ()
    weak: bool = False
    type_cue: str | None = None
    direction: str | None = None
    admin_hint: str | None = None


@dataclass(slots=True)
class _Rel:
    """How the words before a name tie it to the event: "near" or "part_of"."""

    kind: str
    direction: str | None
    dir_start: int | None  # offset of the direction word in the text
    adjective: bool  # a bare adjective right before the name ("central Nairobi")


def _relation(text: str, start: int) -> _Rel | None:
    """The relation the words right before ``start`` express, if any."""
    lo = max(0, start - 80)
    window = text[lo:start]
    if not window or not window[-1].isspace():
        return None
    words = window[-40:].lower().split()
    if words and words[-1] == "the":
        words.pop()
    last = words[-1] if words else ""
    if last not in _REL_LAST_WORDS or (last == "of" and (len(words) < 2 or words[-2] not in _REL_BEFORE_OF)):
        return None  # the fast path: no relation ends with these words
    for rx, kind, adjective, lasts in _RELATIONS:
        if last not in lasts:
            continue
        m = rx.search(window)
        if m is None:
            continue
        groups = m.groupdict()
        g = "dir" if groups.get("dir") else ("adj" if groups.get("adj") else None)
        if g is None:
            return _Rel(kind, None, None, adjective)
        d = re.sub(r"\s+", "-", m.group(g).lower())
        return _Rel(kind, d, lo + m.start(g), adjective)
    return None


def _possessive_direction(text: str, end: int) -> re.Match[str] | None:
    """ "'s northwest" right after a possessive name ending at ``end``."""
    return _DIR_AFTER_POSSESSIVE_RE.match(text, end)


def _as_region(text: str, c: _Cand, last: _Tok) -> _Cand:
    """A country match read as a region of it: "northern Nigeria", "the north of Syria",
    "Syria's northwest". Otherwise ``c`` unchanged."""
    codes = tuple(dict.fromkeys(p.country_code for p in c.candidates))
    rel = _relation(text, c.start)
    if rel is not None and rel.kind == "part_of" and rel.direction and rel.dir_start is not None:
        return _Cand(rel.dir_start, c.end, "region_phrase", rel.direction, c.candidates, c.tok_i, c.tok_j,
                     priority=c.priority, country_codes=codes, direction=rel.direction)  # fmt: skip
    if last.possessive:
        m = _possessive_direction(text, last.end)
        if m is not None:
            d = re.sub(r"\s+", "-", m.group("dir").lower())
            return _Cand(c.start, m.end("dir"), "region_phrase", d, c.candidates, c.tok_i, c.tok_j,
                         priority=c.priority, country_codes=codes, direction=d)  # fmt: skip
    return c


def _bare_regions(text: str) -> list[_Cand]:
    """ "in the northwest", "across the country's north", "in northern parts of the country": a
    region of a country the phrase does not name (:func:`resolve` takes it from the text)."""
    out: list[_Cand] = []
    for m in _BARE_REGION_RE.finditer(text):
        g = "dir" if m.group("dir") else "adj"
        d = m.group(g)
        if not d[0].islower():
            continue  # "in the West": the geopolitical West, not a region
        d = re.sub(r"\s+", "-", d.lower())
        # tok_i/tok_j are not used for these (they are added after the person filter)
        out.append(_Cand(m.start("span"), m.end("span"), "region_phrase", d, [], -1, -1, direction=d))
    return out


def find_toponyms(text: str, gazetteer: Gazetteer, offset: int = 0) -> list[Toponym]:
    """Recognise toponyms in ``text``; spans are shifted by ``offset``. Sorted by start."""
    toks = _tokenize(text)
    n = len(toks)
    lower_words = {t.text.lower() for t in toks if not t.cap}
    persons: set[str] = set()
    cands: list[_Cand] = []

    # --- dateline ("ATME, Syria:" / "NIKOPOL, Ukraine -")
    dateline_span: tuple[int, int] | None = None
    m = _DATELINE_RE.search(text[:300])
    if m and m.group("place").lower() not in NONPLACE and len(m.group("place")) > 2:
        ds, de = m.span("place")
        places = gazetteer.lookup(m.group("place"))
        if places and places[0].is_country and city_spelt(gazetteer, m.group("place"), places[:1]):
            places = [p for p in places if not p.is_country]
        kind = "unknown_place" if not places else ("country" if places[0].is_country else "place")
        ti = next((k for k, t in enumerate(toks) if t.start == ds), -1)
        tj = next((k for k, t in enumerate(toks) if t.end == de), ti)
        if ti >= 0:
            cands.append(_Cand(ds, de, kind, "dateline", places, ti, tj, priority=3))
            dateline_span = (ds, de)

    i = 0
    while i < n:
        tok = toks[i]
        if dateline_span and dateline_span[0] <= tok.start < dateline_span[1]:
            i += 1
            continue
        if not (tok.cap or tok.upper):
            i += 1
            continue
        if tok.sent_initial and tok.text.lower() in _SENTENCE_WORDS and text[tok.end : tok.end + 1] == " ":
            # "At Oxford St, four died": the preposition that opens the sentence, not the Arabic
            # article of "At Tafilah" (the name without it finds the same place)
            i += 1
            continue
        # person: title before, or first name of a run
        before = text[max(0, tok.start - 30) : tok.start]
        tm = _TITLE_BEFORE_RE.search(before)
        run_end = _run_end(text, toks, i)
        if tm and tm.group("title").lower() not in TITLES and "." in tm.group(0):
            tm = None  # "Oudshoorn said. In London, ...": the speech verb ended the sentence
        if tm and (tm.group("title").lower() in TITLES or tm.group("title").lower() in SPEECH_VERBS):
            speech = tm.group("title").lower() not in TITLES
            # "said London police", "told CTV Winnipeg", "said Montreal Mayor Denis Coderre": a
            # large town (not a country: "said Jordan Peterson") after a speech verb is no person
            # "Fodge said Missouri had a lot to offer": a one-word subject of the reported clause
            reported = run_end == i and _next_word(text, toks[run_end].end) in _CLAUSE_VERBS
            # an outlet's acronym before a large town ("CTV Winnipeg"), or an institution or unit
            # word after a place name ("London police", "Montreal Mayor", "Marion County
            # deputies"); a bare name ("said Victoria.") is a person
            city = speech and any(
                (_next_word(text, toks[k].end) in _CITY_BODIES and gazetteer.has_key(normalize(toks[k].text)))
                or (((k > i and toks[i].upper) or reported) and _strong_town(gazetteer, toks[k].text))
                for k in range(i, run_end + 1)
                if toks[k].cap and toks[k].text.lower() not in NONPLACE
            )
            if not city:
                # the name ends at a connector: "Mayor Philippe Roy and Montreal East Mayor ..."
                end = _name_end(toks, i, run_end)
                persons.update(toks[k].text.lower() for k in range(i, end + 1))
                i = end + 1
                continue
        # state abbreviations with their dots, in a context that makes them one ("Lexington, Ky.")
        if (
            tok.text.endswith(".")
            or text[tok.end : tok.end + 1] == "."
            or (tok.upper and len(tok.text) == 2)
            or (tok.cap and len(tok.text) <= 5 and text[max(0, tok.start - 2) : tok.start] == ", ")
        ):
            abbr = find_abbreviation(text, tok.start, gazetteer)
            if abbr is not None:
                j = i
                while j + 1 < n and toks[j + 1].end <= abbr[0]:
                    j += 1
                cands.append(_Cand(tok.start, abbr[0], "admin", "abbreviation", [abbr[1]], i, j, priority=4))
                i = j + 1
                continue
        # abbreviations: only the curated country set, never other acronyms
        if tok.upper and len(tok.text) <= 6:
            if tok.text in COUNTRY_ABBREVIATIONS:
                places = gazetteer.country_for_key(key_of_tokens(tok.words))
                if places:
                    cue = "compound" if text[tok.end : tok.end + 1] in "-‑" else None
                    c = _Cand(tok.start, tok.end, "country", cue, places, i, i, priority=2)
                    cands.append(_as_region(text, c, tok))
            i += 1
            continue
        matched = _match_run(text, toks, i, run_end, gazetteer, lower_words)
        # "Mohammed al-Sheikh", "Ali": a person unless the whole run is a place name; a census
        # first name only with a surname after it ("Nick Burton", "Georgia Stevens")
        if (
            tok.words
            and (tok.words[0] in GIVEN_NAMES or _first_name_with_surname(toks, i, run_end, gazetteer))
            and (matched is None or matched.tok_j < run_end or run_end == i)
            and (run_end > i or _prefix_cue(text, tok.start, gazetteer) is None)
        ):
            end = _name_end(toks, i, run_end)  # "Philippe Roy and Montreal East Mayor ..."
            persons.update(toks[k].text.lower() for k in range(i, end + 1))
            i = end + 1
            continue
        if matched is None:
            # not in the gazetteer: a cue may still make it a place
            unk = _unknown_place(text, toks, i, run_end, gazetteer, lower_words)
            if unk is not None:
                cands.append(unk)
                i = unk.tok_j + 1
            else:
                i += 1
            continue
        cands.append(matched)
        i = matched.tok_j + 1

    # --- person names: given-name runs and titled names, remembered ("President Erdogan ... Erdogan")
    kept = [
        c
        for c in cands
        if c.cue is not None
        or c.kind in ("country", "demonym")
        or not all(toks[k].text.lower() in persons for k in range(c.tok_i, c.tok_j + 1))
    ]

    # --- regions of a country the phrase does not name: "in the northwest"
    kept.extend(_bare_regions(text))

    # --- text countries, for dropping weak matches
    text_countries: Counter[str] = Counter()
    for c in kept:
        if c.kind in ("country", "region_phrase"):
            text_countries.update({c.candidates[0].country_code} if c.candidates else set())
        elif c.kind == "demonym":
            text_countries.update(c.country_codes[:1])
        elif (
            c.cue == "dateline"
            and c.candidates
            and c.candidates[0].is_country
            or c.kind in ("place", "admin")
            and not c.weak
            and c.candidates
        ):
            text_countries.update({c.candidates[0].country_code})
        if c.country_hint:
            text_countries.update({c.country_hint})
    final: list[_Cand] = []
    for c in kept:
        if c.weak:
            # a loose match stands only through the countries the text names, and only for them
            c.candidates = [p for p in c.candidates if p.country_code in text_countries]
            if not c.candidates:
                continue
        final.append(c)

    final = _longest_non_overlapping(final)
    out = [
        Toponym(
            start=c.start + offset,
            end=c.end + offset,
            text=text[c.start : c.end],
            kind=c.kind,
            cue=c.cue,
            candidates=c.candidates,
            country_hint=c.country_hint,
            country_codes=c.country_codes,
            type_cue=c.type_cue,
            direction=c.direction,
            admin_hint=c.admin_hint,
        )
        for c in final
    ]
    link_hints(text, out, offset)
    _states_named_like_countries(text, out, offset, gazetteer)
    link_lists(text, out, gazetteer, offset)
    return out


#: a list this long is a list of peers, whose commas separate items rather than give units
_LIST_MIN_ITEMS = 3
_LIST_KINDS = ("place", "admin", "unknown_place", "country")


def link_lists(text: str, tops: list[Toponym], gaz: Gazetteer, offset: int = 0) -> None:
    """Mark lists of three or more places ("Arizona, California, Colorado and Georgia") and
    read them as lists of peers: a comma inside one separates items, so it gives no unit or
    country hint, and an item named like a country (Georgia) is the first-level unit of that
    name when most of the other items are such units of one country. :func:`resolve` then
    prefers, for each item, the kind of unit the others are."""
    groups: list[list[int]] = []
    run: list[int] = []
    for idx, t in enumerate(tops):
        joined = bool(run) and _LIST_LINK_RE.match(text[tops[idx - 1].end - offset : t.start - offset])
        if t.kind in _LIST_KINDS and joined:
            run.append(idx)
            continue
        if len(run) >= _LIST_MIN_ITEMS:
            groups.append(run)
        run = [idx] if t.kind in _LIST_KINDS else []
    if len(run) >= _LIST_MIN_ITEMS:
        groups.append(run)
    for run in groups:
        items = [tops[i] for i in run]
        for t in items:
            t.list_group = items[0].start
        cc = _countries_as_units(items, gaz)
        for t in items:
            t.list_units = cc
        if cc is None and _town_unit_pairs(items, gaz):
            continue  # "Nashville, Tennessee, Richmond, Virginia": town-unit pairs keep their hints
        for t, u in itertools.pairwise(items):
            # "Los Angeles, Chicago, Atlanta, San Antonio and New York City": Atlanta is not in a
            # San Antonio municipality of Mexico
            if t.hint_by_comma and t.admin_hint == u.text:
                t.admin_hint, t.hint_by_comma = None, False
        if cc is None:
            continue
        for t, u in itertools.pairwise(items):
            if u.kind in ("country", "admin") and t.country_hint is not None and t.country_hint != cc:
                t.country_hint = None  # "Colorado, Georgia": two states, not Colorado in Georgia


def _town_unit_pairs(items: list[Toponym], gaz: Gazetteer) -> bool:
    """Whether a list reads as towns followed by their units ("Nashville, Tennessee, Richmond,
    Virginia"): some items, not all, are first-level units or countries. A list of towns ("Los
    Angeles, Chicago, Atlanta, San Antonio") names no unit, so no item is in the next one."""
    units = [t.kind in ("country", "admin") or bool(_first_level_units(gaz, t.text)) for t in items]
    return any(units) and not all(units)


def _countries_as_units(items: list[Toponym], gaz: Gazetteer) -> str | None:
    """ "Texas, Georgia and Ohio": a country name in a list of first-level units of one country
    is the unit of that name there. Returns that country (None: not a list of units)."""
    units: Counter[str] = Counter()
    for t in items:
        if t.kind == "country":
            continue
        want = light(t.text)
        units.update({p.country_code for p in t.candidates if p.admin_level == 1 and light(p.name) == want})
    if not units:
        return None
    # ties go to the first country in code order: the counts come from sets, whose order (and so
    # most_common's tie-break) changes from one process to the next
    cc, n = min(units.items(), key=lambda kv: (-kv[1], kv[0]))
    if n < 2 or 2 * n < len(items):
        return None
    for t in items:
        if t.kind != "country":
            continue
        named = [p for p in _first_level_units(gaz, t.text) if p.country_code == cc]
        if named:
            t.kind, t.candidates = "admin", named
    return cc


def _first_level_units(gaz: Gazetteer, name: str) -> list[Place]:
    """The first-level units spelt exactly ``name`` ("Georgia" → the US state)."""
    want = light(name)
    return [p for p in gaz.lookup(name) if p.admin_level == 1 and light(p.name) == want]


def _states_named_like_countries(text: str, tops: list[Toponym], offset: int, gaz: Gazetteer) -> None:
    """ "Atlanta, Georgia": a country name after "X, " is the first-level unit of that name
    when X has no candidate in the country but one inside the unit (the US state, not the
    Caucasus republic). The unit then hints X, and the country no longer does."""
    for k in range(1, len(tops)):
        t, u = tops[k - 1], tops[k]
        if u.kind != "country" or u.cue == "dateline" or t.kind != "place" or not t.candidates:
            continue
        gap = text[t.end - offset : u.start - offset]
        if not _HINT_LINK_RE.match(gap):
            continue
        cc = u.candidates[0].country_code if u.candidates else None
        if any(p.country_code == cc for p in t.candidates):
            continue
        units = [a for a in _first_level_units(gaz, u.text) if any(gaz.contains(a, p) for p in t.candidates)]
        if not units:
            continue
        u.kind, u.candidates = "admin", units
        if t.country_hint == cc:
            t.country_hint = None
        t.admin_hint, t.hint_by_comma = u.text, gap.strip() == ","


#: words after a town's name that make it the seat of a body, not a person's name
_CITY_BODIES = frozenset(
    {"police", "mayor", "council", "councillor", "councilor", "officials", "authorities", "residents",
     "city", "county", "fire", "firefighters", "paramedics", "hospital", "airport", "university",
     "court", "prosecutors", "prosecutor", "sheriff", "region", "area", "district", "province", "state"}
)  # fmt: skip


#: verbs that make the name before them the subject of a clause ("said Missouri had ...")
_CLAUSE_VERBS = frozenset(
    {"had", "has", "have", "was", "were", "is", "are", "will", "would", "could", "should", "can", "may",
     "might", "must", "did", "does", "do", "remains", "remained", "needs", "needed", "plans", "planned"}
)  # fmt: skip


_GIVEN_NAMES_PATH = Path(__file__).resolve().parent.parent / "data" / "geo" / "given_names.txt"


@lru_cache(maxsize=1)
def census_given_names() -> frozenset[str]:
    """First names from ``data/geo/given_names.txt`` (US Census 1990)."""
    return frozenset(
        line.strip()
        for line in _GIVEN_NAMES_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def _first_name_with_surname(toks: list[_Tok], i: int, run_end: int, gaz: Gazetteer) -> bool:
    """Whether the run at ``i`` is a census first name and a capitalised surname: "Jerome
    Faulkner", not "Marion County", "Elizabeth Street" or "Jackson Heights" (unit, facility and
    place words after it), nor a name that is a large place ("Alberta Health Services",
    "Agence France Presse", "Virginia Tech")."""
    if run_end == i or i + 1 >= len(toks) or not toks[i].words:
        return False
    if toks[i].words[0] not in census_given_names() or _strong(
        gaz.lookup(toks[i].text), True, toks[i].text, gaz
    ):
        return False
    nxt = toks[i + 1]
    low = nxt.text.lower().rstrip(".")
    return bool(
        nxt.cap
        and not nxt.upper
        and low not in NONPLACE
        and low not in ADMIN_GENERIC_WORDS
        and low not in _CONNECTORS
        and low not in _SURNAME_NOT
    )


#: words after a first name that make the run a place or a body, not a person
_SURNAME_NOT = frozenset(
    {"city", "town", "heights", "park", "street", "road", "avenue", "hill", "hills", "falls", "springs",
     "beach", "bay", "island", "lake", "river", "valley", "creek", "harbor", "harbour", "point",
     "station", "airport", "hospital", "university", "college", "school", "church", "square", "center",
     "centre", "mountain", "mountains", "junction", "village", "township", "borough", "parish"}
)  # fmt: skip


def _strong_town(gaz: Gazetteer, word: str) -> bool:
    """Whether ``word`` names a place large enough to stand alone, not counting countries."""
    return _strong([p for p in gaz.lookup(word) if not p.is_country], True, word, gaz)


def _name_end(toks: list[_Tok], i: int, run_end: int) -> int:
    """The last token of a person's name starting at ``i``: the run up to its first connector."""
    return next((k - 1 for k in range(i + 1, run_end + 1) if toks[k].text.lower() in _CONNECTORS), run_end)


def _next_word(text: str, end: int) -> str:
    m = re.match(r"[ \t]+([A-Za-z][\w-]*)", text[end : end + 30])
    return m.group(1).lower() if m else ""


def _run_end(text: str, toks: list[_Tok], i: int) -> int:
    """Index of the last token of the capitalised run starting at ``i`` (connectors allowed inside)."""
    j = i
    k = i + 1
    while k < len(toks) and k - i < _MAX_RUN:
        if not _joinable(text, toks[k - 1], toks[k]):
            break
        t = toks[k]
        if t.cap and not t.sent_initial:
            j = k
            k += 1
            continue
        if (
            t.text.lower() in _CONNECTORS
            and k + 1 < len(toks)
            and toks[k + 1].cap
            and _joinable(text, t, toks[k + 1])
        ):
            k += 1
            continue
        break
    return j


def _same_spelling(a: str, b: str) -> bool:
    """Equal up to typography and articles ("Aţ Ţārmīyah" ~ "Tarmiyah"), unlike the folded key;
    a town's name may lack the qualifier news drops ("Ludwigshafen" ~ "Ludwigshafen am Rhein")."""
    words_b = [w for w in light(b).split() if w not in ARTICLES]
    if [w for w in light(a).split() if w not in ARTICLES] == words_b:
        return True
    short = short_form(a)
    return short is not None and [w for w in light(short).split() if w not in ARTICLES] == words_b


def _strong(
    places: list[Place], single: bool, surface: str | None = None, gaz: Gazetteer | None = None
) -> bool:
    """Whether a match is plausible without support from the rest of the text. A single word
    only counts when spelled like the place or one of its other names ("Calcutta"; the folded
    key alone is too loose: "Valley"/"Valle")."""
    for p in places:
        if (
            single
            and surface is not None
            and not _same_spelling(p.name, surface)
            and not (gaz is not None and gaz.spelt_as(p, surface))
        ):
            continue
        if p.is_country:
            return True
        if p.feature_code in ("ADM1", "RGN") and p.population >= 100_000:
            return True  # a province, or a region of provinces ("Darfur")
        if p.is_populated_place and p.population >= (100_000 if single else 5_000):
            return True
    return False


#: a populated place this large, spelt exactly as the text, beats a country whose name only
#: folds to the same key ("Columbia" → the cities, not Colombia)
_CITY_SPELLING_POP = 100_000


#: cue words that make a country's name a town's ("the city of Turkey", "the town of Jordan")
_TOWN_CUES = frozenset({"town", "city", "village", "hamlet", "township"})


def _town_named_like_country(text: str, start: int, key: str, gaz: Gazetteer) -> bool:
    """Whether "the city of X" names a town called like a country the gazetteer also has."""
    prefix = _prefix_cue(text, start, gaz)
    if prefix is None or prefix[0] not in _TOWN_CUES:
        return False
    return any(p.is_populated_place for p in gaz.places_for_key(key))


def city_spelt(gaz: Gazetteer, surface: str, countries: list[Place]) -> list[Place] | None:
    """The large populated places spelt exactly like ``surface`` when no country among
    ``countries`` is: "Columbia" shares Colombia's folded key, but a text writing it means the
    cities of that name. None when the surface is the country's own spelling."""
    want = light(surface.strip())
    if not want or any(light(c.name) == want for c in countries):
        return None
    cities = [p for p in gaz.lookup(surface) if p.is_populated_place and light(p.name) == want]
    if cities and max(p.population for p in cities) >= _CITY_SPELLING_POP:
        return cities
    return None


def _match_run(
    text: str, toks: list[_Tok], i: int, run_end: int, gaz: Gazetteer, lower_words: set[str]
) -> _Cand | None:
    """Longest gazetteer match starting at token ``i`` within the run ``i..run_end``."""
    first = toks[i]
    for j in range(run_end, i - 1, -1):
        last = toks[j]
        if not (last.cap or last.upper):
            continue
        if j > i and last.text.lower() in ADMIN_CUES:
            continue  # a trailing cue word ("Idlib Province") is read as a cue, not part of the name
        key = _run_key(toks, i, j)
        if not key:
            continue
        single = i == j
        low = _ARTICLE_PREFIX_RE.sub("", first.text).lower()
        city_spelling = False
        if gaz.is_country_name(key):
            places = gaz.country_for_key(key)
            city_spelling = city_spelt(gaz, text[first.start : last.end], places) is not None or (
                _town_named_like_country(text, first.start, key, gaz)
            )
            if not city_spelling:
                cue = "compound" if text[last.end : last.end + 1] in "-‑" else None
                return _as_region(
                    text, _Cand(first.start, last.end, "country", cue, places, i, j, priority=2), last
                )
        if single:
            codes = gaz.demonym(first.text)
            if codes and not first.possessive:
                places = [p for p in (gaz.country(c) for c in codes) if p is not None]
                return _Cand(
                    first.start, first.end, "demonym", None, places, i, i, priority=1, country_codes=codes
                )
        if single and (low in NONPLACE or low in _CONNECTORS or low in TITLES):
            continue  # "Miss" in "Miss Smith" is no Mayes County
        # two-word demonyms: "South Sudanese", "Central African"
        if j == i + 1 and not toks[i].possessive:
            codes = gaz.demonym(text[first.start : last.end])
            if codes:
                places = [p for p in (gaz.country(c) for c in codes) if p is not None]
                return _Cand(
                    first.start, last.end, "demonym", None, places, i, j, priority=1, country_codes=codes
                )
        if not gaz.has_key(key):
            continue
        places = gaz.places_for_key(key)
        if city_spelling:
            places = [p for p in places if not p.is_country]
        if not places:
            continue
        prefix = _prefix_cue(text, first.start, gaz)
        suffix = _SUFFIX_CUE_RE.match(text[last.end : last.end + 30]) if not last.possessive else None
        # "central Nairobi", "the outskirts of Khartoum", "near the town of Jilib", "Borno's north"
        rel = _relation(text, first.start)
        if rel is None and prefix:
            rel = _relation(text, prefix[2])
        cue: str | None = None
        type_cue: str | None = None
        end = last.end
        kind = "place"
        if suffix:
            cue = type_cue = suffix.group("cue").lower()
            admins = [p for p in places if p.is_admin]
            if admins:
                level = ADMIN_CUES.get(cue, 1)
                places = sorted(admins, key=lambda p: p.admin_level != level)
                kind = "admin"
        elif prefix:
            cue = type_cue = prefix[0]
            if cue in ADMIN_CUES:
                admins = [p for p in places if p.is_admin]
                if admins:
                    places = admins
                    kind = "admin"
        else:
            pm = _PREP_CUE_RE.search(text[max(0, first.start - 30) : first.start])
            if pm:
                cue = re.sub(r"\s+", " ", pm.group("cue").lower())
        if rel is not None and rel.adjective and suffix and kind == "admin":
            rel = None  # "the northeastern Borno state": where the unit lies, not a part of it
        if rel is None and last.possessive:
            pd = _possessive_direction(text, last.end)
            if pd is not None:
                rel = _Rel("part_of", re.sub(r"\s+", "-", pd.group("dir").lower()), pd.start("dir"), False)
        direction: str | None = None
        if rel is not None:
            cue, direction = rel.kind, rel.direction
        if kind == "place" and not any(p.is_populated_place for p in places):
            kind = "admin"
        weak = False
        mid_run = i > 0 and (toks[i - 1].cap or toks[i - 1].upper) and _joinable(text, toks[i - 1], first)
        surface = text[first.start : last.end]
        if mid_run and not _strong(places, single, surface, gaz):
            return None  # "Islamic State West Africa Province": a piece of a longer name
        if not (prefix or suffix):
            if (
                single
                and (cue is None or cue in _WEAK_PREPOSITIONS)
                and (low in lower_words or (first.sent_initial and not _strong(places, True, surface, gaz)))
            ):
                continue
            weak = not _strong(places, single, surface, gaz)
        country_hint = prefix[1] if prefix else None
        return _Cand(
            first.start,
            end,
            kind,
            cue,
            places,
            i,
            j,
            priority=1,
            country_hint=country_hint,
            weak=weak,
            type_cue=type_cue,
            direction=direction,
            admin_hint=prefix[3] if prefix else None,
        )
    return None


def _prefix_cue(text: str, start: int, gaz: Gazetteer) -> tuple[str, str | None, int, str | None] | None:
    """("town", "UA", offset of "the", None) for "the Ukrainian town of " right before ``start``;
    ("suburb", None, offset, "Kampala") for "the Kampala suburb of " (an admin unit's name)."""
    lo = max(0, start - 70)
    window = text[lo:start]
    m = _PREFIX_CUE_RE.search(window)
    if not m:
        return None
    cue = m.group("cue").lower()
    hint: str | None = None
    unit: str | None = None
    words = re.findall(r"[A-Z][\w'’-]*", window[m.start() : m.start("cue")])
    if words:
        codes = next(
            (c for c in (gaz.demonym(w) for w in words) if c), ()
        )  # "the Ukrainian Black Sea port of"
        if codes:
            hint = codes[0]
        else:
            for name in (" ".join(words[-3:]), " ".join(words[-2:]), words[-1]):  # "the Burkina Faso town of"
                country = (
                    gaz.country(name) if gaz.is_country_name(key_of_tokens(light(name).split())) else None
                )
                if country is not None:
                    hint = country.country_code
                    break
            if hint is None and cue in _TOWN_PARTS and _part_before_town(text, start, words, gaz):
                return None  # "the Shuhada neighbourhood of Baghdad": Baghdad is the town
            if (
                hint is None
                and words[-1].lower() not in NONPLACE
                and any(p.is_admin for p in gaz.lookup(words[-1]))
            ):
                unit = words[-1]
    return cue, hint, lo + m.start(), unit


#: cues of a part of a town: "the X neighbourhood of Y" names X inside the town Y, "the Kampala
#: suburb of Kireka" names Kireka inside Kampala
_TOWN_PARTS = frozenset({"neighbourhood", "neighborhood", "quarter", "suburb", "district", "area"})
_NAME_AFTER_RE = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}")


def _part_before_town(text: str, start: int, words: list[str], gaz: Gazetteer) -> bool:
    """Whether the name at ``start``, after "the <words> neighbourhood of", is the town that holds
    the part ``words`` name: a town larger than any place of that name in its country."""
    m = _NAME_AFTER_RE.match(text, start)
    if m is None:
        return False
    towns = [p for p in gaz.lookup(m.group(0)) if p.is_populated_place]
    if not towns:
        return False
    town = max(towns, key=lambda p: p.population)
    part = " ".join(words[-3:])
    rivals = [p.population for p in gaz.lookup(part) if p.country_code == town.country_code]
    return town.population > max(rivals, default=0)


#: an earlier item of a list right before a place: "Foua and ", "Haris, Varzaqan and "
_LIST_ITEM_BEFORE_RE = re.compile(
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)$"
)
_PLURAL_CUE_RE = re.compile(r"s\s+(?:of|called|named)\s+$")


def _list_prefix_cue(text: str, start: int, gaz: Gazetteer) -> tuple[str, str | None, int, str | None] | None:
    """The cue of a list of places in the plural that ``start`` continues: "the villages of
    Foua and Kfraya" gives Kfraya the cue of Foua (at most four items back)."""
    pos = start
    for _ in range(4):
        m = _LIST_ITEM_BEFORE_RE.search(text, max(0, pos - 60), pos)
        if m is None:
            return None
        pos = m.start()
        prefix = _prefix_cue(text, pos, gaz)
        if prefix is not None:
            return prefix if _PLURAL_CUE_RE.search(text[max(0, pos - 12) : pos]) else None
    return None


def _unknown_place(
    text: str, toks: list[_Tok], i: int, run_end: int, gaz: Gazetteer, lower_words: set[str]
) -> _Cand | None:
    """A capitalised run not in the gazetteer, admitted only by a cue."""
    first = toks[i]
    if first.upper:
        return None
    # keep at most 3 name tokens, and never a stopword-led run; "Kamwokya on Monday" ends before "on"
    if first.text.lower() in NONPLACE or first.text.lower() in lower_words:
        return None
    if i > 0 and (toks[i - 1].cap or toks[i - 1].upper) and _joinable(text, toks[i - 1], first):
        return None  # "Islamic State West Africa Province": a piece of a longer name
    j = i
    for k in range(i + 1, min(run_end, i + 2) + 1):
        low = toks[k].text.lower()
        if low in ("and", "or"):
            break  # "the towns of Haris and Varzaqan": two places
        if toks[k].cap and low in NONPLACE:
            if low in SETTLEMENT_CUES or low in ADMIN_CUES:
                return None  # "Africa Province" capitalised: part of a name we do not know
            break
        if toks[k].cap or toks[k].upper:
            j = k
    last = toks[j]
    after = text[last.end : last.end + 30]
    prefix = _prefix_cue(text, first.start, gaz) or _list_prefix_cue(text, first.start, gaz)
    suffix = _SUFFIX_CUE_RE.match(after) if not last.possessive else None
    cue: str | None = None
    type_cue: str | None = None
    country_hint: str | None = None
    rel = _relation(text, first.start)
    if rel is None and prefix:
        rel = _relation(text, prefix[2])
    if prefix:
        cue, country_hint = prefix[0], prefix[1]
        type_cue = cue
    elif suffix and suffix.group("cue").lower() in _UNKNOWN_SUFFIX_CUES:
        cue = type_cue = suffix.group("cue").lower()
    else:
        before = first.start
        if rel is not None and rel.adjective and rel.dir_start is not None:
            before = rel.dir_start  # "in central Kamwokya"
        pm = _PREP_CUE_RE.search(text[max(0, before - 30) : before])
        if not pm or first.sent_initial:
            return None
        cue = re.sub(r"\s+", " ", pm.group("cue").lower())
        nxt = after.lstrip().split(" ", 1)[0].strip(".,;:").lower() if after.strip() else ""
        if nxt in _PHYSICAL or (nxt in SPEECH_VERBS and nxt != "who") or last.possessive:
            return None
        if cue in _WEAK_PREPOSITIONS:
            return None  # "from Reuters", "at Christmas": too often not a place
    if last.possessive and type_cue not in SETTLEMENT_CUES:
        return None
    direction: str | None = None
    if rel is not None and not (rel.adjective and suffix):
        cue, direction = rel.kind, rel.direction
    unit = prefix[3] if prefix else None
    return _Cand(first.start, last.end, "unknown_place", cue, [], i, j, priority=0, country_hint=country_hint,
                 type_cue=type_cue, direction=direction, admin_hint=unit)  # fmt: skip


def _longest_non_overlapping(cands: list[_Cand]) -> list[_Cand]:
    # ``chosen`` is kept sorted by start; its spans do not overlap, so only the neighbours of a
    # candidate's place can overlap it (was: a test against every chosen span, quadratic in the
    # length of a long report)
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        i = bisect_left(chosen, c.start, key=_cand_start)
        if any(not (c.end <= o.start or c.start >= o.end) for o in chosen[max(i - 1, 0) : i + 1]):
            continue
        insort(chosen, c, key=_cand_start)
    return chosen


def _cand_start(c: _Cand) -> int:
    return c.start


def link_hints(text: str, tops: list[Toponym], offset: int = 0) -> None:
    """Fill admin_hint / country_hint from the toponyms that follow or precede each one
    (``tops`` in text order, offsets ``offset`` ahead of ``text``'s)."""
    for idx, t in enumerate(tops):
        if t.kind not in ("place", "unknown_place", "admin"):
            continue
        k = idx + 1
        first_link = True
        comma = False
        while k < len(tops):
            u = tops[k]
            gap = text[tops[k - 1].end - offset : u.start - offset]
            if first_link:
                comma = gap.strip() == ","
                if not _HINT_LINK_RE.match(gap):
                    break
            elif not _POSSESSIVE_LINK_RE.match(gap):
                break
            first_link = False
            if u.kind in ("country", "region_phrase") and u.country_code:
                if t.country_hint is None:
                    t.country_hint = u.country_code
                if _POSSESSIVE_LINK_RE.match(text[u.end - offset : u.end - offset + 3] + " "):
                    k += 1
                    continue
                break
            if (
                u.kind == "admin"
                or (u.type_cue in ADMIN_CUES and u.kind == "unknown_place")
                or (u.kind == "place" and any(p.is_admin for p in u.candidates))
            ):
                t.admin_hint = u.candidates[0].name if u.cue == "abbreviation" and u.candidates else u.text
                t.hint_by_comma = comma
                t.hint_toponym = u
            break


# ---------------------------------------------------------------------- resolution


def resolve(
    toponyms: list[Toponym],
    gazetteer: Gazetteer,
    country_hint: str | None = None,
    ranker: CandidateRanker | None = None,
    trace: list[tuple[Toponym, np.ndarray]] | None = None,
) -> list[Toponym]:
    """Pick ``resolved`` for every toponym (in place; also returned).

    Each candidate is described by the features of :mod:`dateline.geo.ranker` and scored by
    ``ranker`` (default: the hand-set weights, :data:`~dateline.geo.ranker.RULES`); ``trace``, if
    given, receives every ambiguous toponym with its candidates' feature rows (for training).
    The features: log-population, plus coherence with the rest of the text:
    its country is mentioned (or is ``country_hint``), it lies in an admin unit another
    toponym names or in the toponym's own ``admin_hint``, it lies within a few hundred km
    of the other places resolved so far, and its feature type fits the cue ("province" →
    admin, "town" → populated place; a bare name prefers the populated place); the country the
    text is about counts as much for a place of millions as for the villages named after it
    ("London" in a report on the United States). Countries,
    demonyms and country region phrases resolve to their country; unknown places stay
    unresolved but get ``admin_hint_place``. Two passes, so first picks inform the rest.
    A place whose text names a containing unit with no candidate inside it becomes
    ``unknown_place`` (the gazetteer lacks it; its candidates were homonyms).
    """
    hint_cc: str | None = None
    if country_hint:
        c = gazetteer.country(country_hint)
        hint_cc = c.country_code if c else None

    countries: Counter[str] = Counter()
    for t in toponyms:
        if t.country_hint and t.kind in ("place", "admin"):
            # "the Syrian town of X", "X, Syria": the text says which country; none elsewhere
            named = [p for p in t.candidates if p.country_code == t.country_hint]
            t.candidates = named or t.candidates
        if t.candidates and (
            t.kind in ("country", "demonym") or (t.kind == "region_phrase" and t.candidates[0].is_country)
        ):
            t.resolved = t.candidates[0]
            countries[t.candidates[0].country_code] += 2 if t.kind != "demonym" else 1
        if t.country_hint:
            countries[t.country_hint] += 1
    dateline_cc = next(
        (t.candidates[0].country_code for t in toponyms if t.cue == "dateline" and t.candidates), None
    )
    if hint_cc:
        countries[hint_cc] += _HINT_COUNT

    rank = ranker if ranker is not None else RULES
    ctx = _Context(
        gazetteer,
        countries,
        [],
        _anchors(toponyms, countries, places=False),
        dateline_cc=dateline_cc,
        hint_cc=hint_cc,
    )
    ctx.neighbours = _Neighbours.build(toponyms, resolved=False)
    for round_ in range(2):
        # a round's features depend only on the previous round's choices, so all its ambiguous
        # toponyms are scored in one call of the ranker
        pending: list[tuple[Toponym, np.ndarray]] = []
        for idx, t in enumerate(toponyms):
            if t.kind in ("country", "demonym") or (
                t.kind == "region_phrase" and t.resolved is not None and t.resolved.is_country
            ):
                continue
            t.admin_hint_place = _resolve_hint(t, gazetteer, ctx.countries)
            if len(t.candidates) == 1:
                t.resolved, t.score = t.candidates[0], 1.0
            elif t.candidates:
                near = ctx.neighbours.closeness(idx, t, t.candidates) if ctx.neighbours else None
                if near is not None and ctx.placed:
                    _add_contained(near, t, ctx)
                pending.append((t, ctx.features(idx, t, near)))
        if pending:
            scores = rank.score(np.vstack([x for _, x in pending]))
            at = 0
            for t, x in pending:
                best, t.score = confidence(scores[at : at + len(x)])
                t.resolved = t.candidates[best]
                at += len(x)
            if trace is not None and round_ == 1:
                trace.extend(pending)
        ctx.admins = [
            (light(t.text), t.resolved) for t in toponyms if t.resolved is not None and t.resolved.is_admin
        ]
        ctx.placed = [
            (light(t.text), t.resolved)
            for t in toponyms
            if t.kind in ("place", "admin") and t.resolved is not None and not t.resolved.is_country
        ]
        ctx.anchors = _anchors(toponyms, countries, places=True)
        ctx.neighbours = _Neighbours.build(toponyms, resolved=True)
        ctx.countries = Counter(countries)
        ctx.own = {}
        for t in toponyms:
            if t.resolved is not None and t.kind in ("place", "admin"):
                ctx.countries[t.resolved.country_code] += 1
                ctx.own.setdefault(light(t.text), Counter())[t.resolved.country_code] += 1
    for idx, t in enumerate(toponyms):
        if t.kind not in ("place", "admin") or not t.candidates:
            continue
        # the text says where the place is, and no candidate is there: the gazetteer lacks it
        # ("the village of Kairu in Maru district" must not become Kiru in another state)
        hp = t.admin_hint_place
        inside_hint = hp is None or any(p.ref == hp.ref or gazetteer.contains(hp, p) for p in t.candidates)
        if not inside_hint and hp is not None and t.hint_by_comma and _outranks_hint(t.resolved, hp):
            # "Nashville and Cordova, Tennessee, Richmond": a list, not "Tennessee in Richmond";
            # a unit cannot lie in a smaller one, nor a large city in a unit that lacks it
            t.admin_hint_place, inside_hint = None, True
        # nor when it names the country and no candidate is there ("the Syrian town of al-Rai"
        # is not Rye, New York)
        hinted = t.country_hint
        outside_country = hinted is not None and all(p.country_code != hinted for p in t.candidates)
        if not inside_hint or outside_country:
            t.kind, t.resolved, t.candidates = "unknown_place", None, []
        elif t.part_of_name and t.resolved is not None:
            # a word of a landmark's name is a town only where the text is ("Copenhagen
            # Airport"), not in a country the rest of the text never names ("Ayers Rock")
            others = +(ctx.countries - ctx.own.get(light(t.text), Counter()))
            if others and not others[t.resolved.country_code]:
                t.kind, t.resolved, t.candidates = "unknown_place", None, []
                t.context_country = _context_country(toponyms, idx, others)
        elif t.kind == "place" and t.resolved is not None and t.resolved.is_admin:
            t.kind = "admin"
    # "in the northwest", or a place the gazetteer lacks: the country the rest of the text is about
    for idx, t in enumerate(toponyms):
        if t.kind == "region_phrase" and not t.country_codes and t.resolved is None:
            cc = _context_country(toponyms, idx, ctx.countries)
            country = gazetteer.country(cc) if cc else None
            if cc and country is not None:
                t.context_country, t.country_codes = cc, (cc,)
                t.candidates, t.resolved = [country], country
        elif t.kind == "unknown_place" and t.admin_hint_place is None and t.country_code is None:
            t.context_country = _context_country(toponyms, idx, ctx.countries)
    return toponyms


#: a populated place this large is not made unknown by a "X, Y" unit it does not lie in
_HINT_OVERRIDE_POP = 100_000


def _outranks_hint(p: Place | None, hint: Place) -> bool:
    """Whether ``p`` cannot be what a text places inside ``hint``: a country, a unit of a
    higher level than the hint, or a large city (then "X, Y" was a list of peers)."""
    if p is None:
        return False
    if p.is_country:
        return True
    if p.is_admin:
        lp, lh = p.admin_level, hint.admin_level
        return lp is not None and (hint.is_populated_place or (lh is not None and lp <= lh))
    return p.is_populated_place and p.population >= _HINT_OVERRIDE_POP


def _context_country(toponyms: list[Toponym], idx: int, countries: Counter[str]) -> str | None:
    """The country the text names most (the caller's hint counts most); ties go to the one
    named nearest to toponym ``idx``."""
    if not countries:
        return None
    top = max(countries.values())
    best = [cc for cc, n in countries.items() if n == top]
    if len(best) == 1:
        return best[0]
    here = toponyms[idx].start

    def distance(cc: str) -> int:
        gaps = [abs(u.start - here) for u in toponyms if u.country_code == cc]
        return min(gaps) if gaps else 1 << 30

    return min(best, key=distance)


_NEAR_KM = 400.0
_NEAR_COS = math.cos(_NEAR_KM / 6371.0)

_Vec = tuple[float, float, float]


def _unit(lat: float, lon: float) -> _Vec:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _anchors(toponyms: list[Toponym], countries: Counter[str], places: bool) -> dict[_Vec, set[int]]:
    """Unit vectors of resolved countries (and, if ``places``, of resolved places/admins in the
    countries the text names), each with the indexes of the toponyms that put it there."""
    out: dict[_Vec, set[int]] = {}
    for i, t in enumerate(toponyms):
        p = t.resolved
        if p is None or p.latitude is None or p.longitude is None:
            continue
        if p.is_country or (places and t.kind in ("place", "admin") and p.country_code in countries):
            vec = _unit(round(p.latitude, 2), round(p.longitude, 2))
            out.setdefault(vec, set()).add(i)
    return out


#: candidates per name considered for the neighbourhood score (the most populous first)
_NEIGHBOUR_CANDIDATES = 40
#: (cosine of the angle, closeness) steps: within 30 km, 100 km, 300 km, 800 km
_CLOSENESS = tuple((math.cos(km / 6371.0), w) for km, w in ((30, 1.0), (100, 0.8), (300, 0.5), (800, 0.2)))


@dataclass(slots=True)
class _Neighbours:
    """Where the text's named places and admin units may be: one row per (name, possible point).
    Before a first resolution those are each name's candidates; after it, only its choice."""

    vecs: np.ndarray  # (n, 3) unit vectors
    groups: np.ndarray  # (n,) index of the name of each row
    keys: list[str]  # the name of each group
    owners: list[set[int]]  # toponym indexes behind each group

    @classmethod
    def build(cls, toponyms: list[Toponym], resolved: bool) -> _Neighbours:
        rows: list[_Vec] = []
        groups: list[int] = []
        keys: list[str] = []
        owners: list[set[int]] = []
        by_key: dict[str, int] = {}
        for i, t in enumerate(toponyms):
            if t.kind not in ("place", "admin") or not t.candidates:
                continue
            key = light(t.text)
            g = by_key.get(key)
            if g is None:
                g = by_key[key] = len(keys)
                keys.append(key)
                owners.append(set())
            else:
                owners[g].add(i)
                continue  # one set of rows per name
            owners[g].add(i)
            pool = t.candidates[:_NEIGHBOUR_CANDIDATES]
            if resolved and t.resolved is not None:
                pool = [t.resolved]
            for p in pool:
                # a province's point is the middle of a large area: lying near it says nothing
                # (lying inside it does, and counts elsewhere)
                if p.latitude is not None and p.longitude is not None and p.admin_level != 1:
                    rows.append(_unit(p.latitude, p.longitude))
                    groups.append(g)
        vecs = np.array(rows, dtype=float).reshape(-1, 3)
        return cls(vecs, np.array(groups, dtype=int), keys, owners)

    def closeness(self, idx: int, t: Toponym, places: list[Place]) -> np.ndarray:
        """For each of ``places``: summed closeness to the *other* names of the text (each name
        once, nearer counting more): "Edmonton" near "Enfield" and "Tottenham" is London's."""
        out = np.zeros(len(places))
        if not len(self.keys) or len(self.vecs) == 0:
            return out
        own = light(t.text)
        keep = np.array([k != own and idx not in o for k, o in zip(self.keys, self.owners, strict=True)])
        mask = keep[self.groups]
        if not mask.any():
            return out
        vecs, groups = self.vecs[mask], self.groups[mask]
        cand = np.array(
            [
                _unit(p.latitude, p.longitude)
                if p.latitude is not None and p.longitude is not None and not p.is_country
                else (0.0, 0.0, 0.0)
                for p in places
            ]
        )
        dots = cand @ vecs.T  # (places, rows)
        best = np.full((len(places), len(self.keys)), -2.0)
        np.maximum.at(best.T, groups, dots.T)
        weight = np.zeros_like(best)
        for cos, w in reversed(_CLOSENESS):
            weight[best >= cos] = w
        return weight.sum(axis=1)


def _add_contained(near: np.ndarray, t: Toponym, ctx: _Context) -> None:
    """A unit is as close to the text's places as they are to each other when they lie inside it
    (its point, the middle of a province, may be far from all of them): each other name placed
    inside a unit candidate counts as a name right next to it ("Toronto" for Ontario the
    province, not Ontario, New York)."""
    own = light(t.text)
    for k, p in enumerate(t.candidates):
        if not p.is_admin:
            continue
        inside = {name for name, q in ctx.placed if name != own and q.ref != p.ref and ctx.gaz.contains(p, q)}
        if len(inside) > near[k]:
            near[k] = float(len(inside))


@dataclass(slots=True)
class _Context:
    gaz: Gazetteer
    countries: Counter[str]
    #: (name as written, unit) of the units the text names: a place inside one is likelier
    admins: list[tuple[str, Place]]
    anchors: dict[_Vec, set[int]]
    neighbours: _Neighbours | None = None
    #: (name as written, place) of the places and units resolved in the previous round
    placed: list[tuple[str, Place]] = field(default_factory=list)

    #: per toponym (by id): whether a candidate is named exactly as the text
    exact: dict[int, bool] = field(default_factory=dict)
    #: the country of the text's dateline, if it has one
    dateline_cc: str | None = None
    #: the country the caller says the text is about (``country_hint``)
    hint_cc: str | None = None
    #: name as written → the countries the previous round placed its mentions in
    own: dict[str, Counter[str]] = field(default_factory=dict)

    def features(self, idx: int, t: Toponym, near: np.ndarray | None) -> np.ndarray:
        """One row of :data:`~dateline.geo.ranker.FEATURES` per candidate of ``t``."""
        gaz = self.gaz
        cands = t.candidates
        x = np.zeros((len(cands), len(FEATURES)))
        own = light(t.text)
        hint = t.admin_hint_place
        cue = t.type_cue or t.cue
        top = max(self.countries.values()) if self.countries else 0
        top_ccs = {cc for cc, n in self.countries.items() if n == top} if top else set()
        total_pop = sum(p.population for p in cands) or 1
        max_pop = max(p.population for p in cands)
        dateline_bare = t.cue == "dateline" and not t.admin_hint and not t.country_hint
        # the name's largest town, else unit, if millions live there (a "London" known world-wide)
        big = max(
            (p for p in cands if p.is_populated_place or p.is_admin),
            key=lambda p: (p.population >= _WORLD_CITY_POP, p.is_populated_place, p.population),
            default=None,
        )
        if big is not None and big.population < _WORLD_CITY_POP:
            big = None
        for k, p in enumerate(cands):
            f = x[k]
            lp = log_population(p.population)
            f[_F["log_population"]] = lp
            f[_F["country_named"]] = min(self.countries.get(p.country_code, 0), 3)
            f[_F["country_hint"]] = float(bool(t.country_hint) and p.country_code == t.country_hint)
            f[_F["in_admin_hint"]] = float(hint is not None and (p.ref == hint.ref or gaz.contains(hint, p)))
            # a unit named under another name ("Quebec" the province does not vouch for Quebec the city)
            f[_F["in_named_admin"]] = float(
                any(name != own and a.ref != p.ref and gaz.contains(a, p) for name, a in self.admins)
            )
            if p.latitude is not None and p.longitude is not None and p.country_code not in self.countries:
                vx, vy, vz = _unit(p.latitude, p.longitude)
                # near the places the text is about ("Bethlehem" in a text about Israel)
                f[_F["near_anchor"]] = float(
                    any(
                        vx * ax + vy * ay + vz * az > _NEAR_COS and idxs != {idx}
                        for (ax, ay, az), idxs in self.anchors.items()
                    )
                )
            if cue in ADMIN_CUES:
                f[_F["admin_cue_admin"]] = float(p.is_admin)
                f[_F["admin_cue_level"]] = float(p.is_admin and p.admin_level == ADMIN_CUES[cue])
            else:
                # a bare "Texas" is the state, not Texas County
                f[_F["generic_form"]] = float(p.is_admin and self._generic_form(t, p))
                if cue in SETTLEMENT_CUES and cue not in _NEUTRAL_CUES:
                    f[_F["settlement_cue_place"]] = float(p.is_populated_place)
                    # "the town of Karak": a unit named like the town stands for its seat when
                    # the gazetteer lacks the town itself (a same-name town still wins)
                    f[_F["settlement_cue_seat_unit"]] = float(
                        not p.is_populated_place and p.is_admin and _same_spelling(p.name, t.text)
                    )
                else:
                    f[_F["bare_place"]] = float(p.is_populated_place)
            if dateline_bare and p.is_populated_place:
                # a dateline with no state or country is a city known world-wide (AP style:
                # WASHINGTON, LONDON, BEIJING), so size and capital status weigh double
                f[_F["dateline_log_population"]] = lp
                f[_F["dateline_capital"]] = float(p.feature_code == "PPLC")
            f[_F["list_peer_adm1"]] = float(
                t.list_units is not None and p.admin_level == 1 and p.country_code == t.list_units
            )
            f[_F["capital"]] = float(p.feature_code == "PPLC")
            if near is not None:
                f[_F["closeness"]] = min(float(near[k]), 3.0)
            # a village named after a city or a unit of millions: London, Ohio; Brandenburg, Kentucky
            f[_F["dwarfed"]] = float(
                big is not None and p.is_populated_place and p.population * _DWARF_RATIO < big.population
            )
            level = p.admin_level
            f[_F["is_country"]] = float(p.is_country)
            f[_F["is_adm1"]] = float(level == 1)
            f[_F["is_adm2"]] = float(level == 2)
            f[_F["is_adm3"]] = float(level is not None and level >= 3)
            f[_F["is_place"]] = float(p.is_populated_place)
            f[_F["is_admin_seat"]] = float(p.feature_code in ("PPLA", "PPLA2", "PPLA3", "PPLA4"))
            f[_F["other_class"]] = float(not (p.is_populated_place or p.is_admin or p.is_country))
            f[_F["exact_name"]] = float(light(p.name) == own)
            f[_F["most_populous"]] = float(p.population == max_pop and max_pop > 0)
            f[_F["population_share"]] = p.population / total_pop
            f[_F["log_candidates"]] = math.log(len(cands))
            f[_F["dateline_country"]] = float(
                self.dateline_cc is not None and p.country_code == self.dateline_cc
            )
            f[_F["top_country"]] = float(p.country_code in top_ccs)
            f[_F["no_country_named"]] = float(not self.countries)
            f[_F["cue_near"]] = float(t.cue == "near")
            f[_F["cue_part_of"]] = float(t.cue == "part_of")
            f[_F["cue_dateline"]] = float(t.cue == "dateline")
            f[_F["zero_population"]] = float(p.population == 0)
        dwarfed = x[:, _F["dwarfed"]] > 0
        if big is not None and dwarfed.any() and not x[dwarfed, _F["in_named_admin"]].any():
            # the country the text is about vouches for the place known world-wide as much as for
            # the villages named after it, unless the text names a unit one of them lies in:
            # "London" in a report on protests across the United States is London, England; in
            # a report from Laurel County, Kentucky, it is London, Kentucky. What the caller
            # (``country_hint``) and the name itself (its first reading) say stays the villages'.
            mine = self.own.get(own, Counter())
            said = max(
                self.countries.get(cc, 0) - (_HINT_COUNT if cc == self.hint_cc else 0) - mine[cc]
                for cc in {p.country_code for p, d in zip(cands, dwarfed, strict=True) if d}
            )
            b = cands.index(big)
            x[b, _F["country_named"]] = max(x[b, _F["country_named"]], min(said, 3))
        rules = x @ RULE_WEIGHTS
        x[:, _F["rules_score"]] = rules
        x[:, _F["rules_gap"]] = rules - rules.max()
        x[:, _F["population_gap"]] = x[:, _F["log_population"]] - x[:, _F["log_population"]].max()
        return x

    def _generic_form(self, t: Toponym, p: Place) -> bool:
        """Whether ``p`` is a unit the text names without its generic word ("Delaware" for
        Delaware County) while another candidate bears the bare name itself."""
        want = light(t.text)
        name = light(p.name)
        if name == want or not any(w in ADMIN_GENERIC_WORDS for w in name.split()):
            return False
        exact = self.exact.get(id(t))
        if exact is None:
            exact = self.exact[id(t)] = any(light(c.name) == want for c in t.candidates)
        return exact


#: what the caller's country hint counts for, as so many mentions of the country
_HINT_COUNT = 3
#: a town or unit this large is known world-wide ...
_WORLD_CITY_POP = 1_000_000
#: ... and a town of its name this many times smaller is a village named after it (London,
#: Ontario, 1/21 of London's size, is a city of its own)
_DWARF_RATIO = 100
#: cue words that say nothing of the feature type ("the borders of Montana")
_NEUTRAL_CUES = frozenset({"border"})


#: a unit word ending a name ("Karak district", "Idlib Governorate")
GENERIC_TAIL_RE = re.compile(
    r"\s+(province|governorate|district|region|state|county|oblast|prefecture|department|municipality)$",
    re.IGNORECASE,
)


def unit_candidates(name: str, gaz: Gazetteer) -> list[Place]:
    """The admin units a unit phrase may name: "Karak district" is a unit called "Karak" (Al
    Karak, Jordan) as well as one whose name carries the word (Karak District, Pakistan)."""
    out = [p for p in gaz.lookup(name) if p.is_admin]
    generic = GENERIC_TAIL_RE.search(name.strip())
    if generic is not None and generic.start() > 0:
        known = {p.ref for p in out}
        out += [p for p in gaz.lookup(name.strip()[: generic.start()]) if p.is_admin and p.ref not in known]
    return out


def _resolve_hint(t: Toponym, gaz: Gazetteer, countries: Counter[str]) -> Place | None:
    if not t.admin_hint:
        return None
    cands = unit_candidates(t.admin_hint, gaz)
    if not cands:
        return None
    cc = t.country_hint
    best = max(
        cands,
        key=lambda p: (
            (5 if cc and p.country_code == cc else 0)
            + min(countries.get(p.country_code, 0), 4)
            + (1 if p.feature_code == "ADM1" else 0)
            + math.log10(p.population + 10) / 10
        ),
    )
    if t.hint_by_comma and _peer_unit(t, best):
        return None  # "Ohio, Kentucky and Tennessee": a list of peers, not Ohio County, Kentucky
    return best


def _peer_unit(t: Toponym, hint: Place) -> bool:
    """Whether ``t`` names, by its own name, a unit of the hint's level (or a country)."""
    want = light(t.text)
    return any(
        (c.is_country or (c.is_admin and c.admin_level == hint.admin_level)) and light(c.name) == want
        for c in t.candidates
    )
