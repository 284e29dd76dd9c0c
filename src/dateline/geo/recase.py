"""Place names in a text written in one case: "lucknow: police fired on a mob in ahmedabad".

The recogniser (:mod:`dateline.geo.toponyms`) reads capitalised runs, so a lower-cased text (a
scraped archive, IndiaPoliceEvents, MUC-4's processed reports) or one in capitals (MUC-4's wire
copy) gave no place at all. In such a text, :func:`recase` gives capitals to the runs of one to
three words that are, exactly, the name of a country, a first-level unit or a town of
:data:`RECASE_POPULATION` people or more, unless the parser reads the word as an adjective or a
verb ("mobile phone", "an orange tree") or it is a stop word or a bare geographic word ("centre",
"coast"; without a parse, a lone word only as a country or a unit). After "in", "at", "near" or
"from", a town of :data:`CUED_POPULATION` people or more in a country the text names gets
capitals too, when its name is no English word ("near suchitoto", not "in panic"). A demonym
before a word of the state ("guatemalan army troops") names its country too. Nothing
changes in a text written in mixed case. Offsets are kept: only first letters change case (a
letter whose capital has another length is left as it is).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from dateline.geo.gazetteer import Gazetteer, Place
from dateline.geo.names import key_of_tokens, light
from dateline.nlp.case import one_case
from dateline.nlp.segment import load_spacy

__all__ = ["CUED_POPULATION", "RECASE_POPULATION", "english_words", "recase"]

#: the smallest town whose name is given capitals in a one-case text, in a country the text names
RECASE_POPULATION = 100_000
#: ... and in a text that names no country or unit, anywhere
_ANYWHERE_POPULATION = 1_000_000
_MAX_WORDS = 3
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
#: words that name units somewhere ("Centre", "Coast", "Plateau") but in a sentence are words
_GENERIC = frozenset(
    {
        "centre", "center", "central", "north", "south", "east", "west", "northern", "southern",
        "eastern", "western", "coast", "plateau", "delta", "lakes", "capital", "river", "rivers",
        "mountain", "island", "islands", "valley", "border", "interior", "upper", "lower", "middle",
        "littoral", "sea", "lake", "union", "federal", "national", "state", "city", "district",
    }
)  # fmt: skip
_NOT_NAMES = frozenset({"ADJ", "VERB", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "NUM"})
#: the smallest town given capitals after a place cue ("near suchitoto"), in a country the text
#: names, when its name is no English word
CUED_POPULATION = 5_000
#: words after which a name is a place: "in zacatecoluca", "near suchitoto"
_PLACE_CUES = frozenset({"in", "at", "near", "from"})


def _place_countries(words: list[str], gaz: Gazetteer, towns: frozenset[str] | None) -> set[str]:
    """The countries of the places ``words`` name exactly: a country, a first-level unit, and with
    ``towns`` (the countries a town may lie in; empty: anywhere, if it is very large) a town of
    :data:`RECASE_POPULATION` people or more; empty when they name none."""
    if words[0] in STOP_WORDS or words[-1] in STOP_WORDS:
        return set()  # "an orange", "baroda as": the key would drop the small word
    if len(words) == 1 and (words[0] in _GENERIC or len(words[0]) < 4):
        return set()
    phrase = light(" ".join(words))
    key = key_of_tokens(phrase.split())
    if not key or not gaz.has_key(key):
        return set()
    if gaz.is_country_name(key):
        return {p.country_code for p in gaz.country_for_key(key)}
    return {
        p.country_code
        for p in gaz.places_for_key(key)
        if _counts(p, towns) and (light(p.name) == phrase or gaz.spelt_as(p, phrase))
    }  # the name itself, not one the key folds alike ("media" is no Medea)


#: "guatemalan army troops", "salvadoran police": a demonym before a word of the state names the
#: country the report is in, though its name may never be written
_STATE_DEMONYM = re.compile(
    r"\b([^\W\d_]+)\s+(?:army|troops|soldiers|forces|military|police|policemen|government|authorities|"
    r"officials|president|armed\s+forces|air\s+force|navy|security\s+forces)\b"
)


def _state_demonyms(low: str, gaz: Gazetteer) -> set[str]:
    """The countries of the demonyms that qualify a state's forces or officials in ``low``."""
    return {codes[0] for m in _STATE_DEMONYM.finditer(low) if (codes := gaz.demonym(m.group(1)))}


def _counts(p: Place, towns: frozenset[str] | None) -> bool:
    """A unit of the first level or a town, of :data:`RECASE_POPULATION` people or more, in a
    country the text names (``towns``); before any is known (``towns`` None), or in a text that
    names none (empty), only a unit of :data:`_ANYWHERE_POPULATION` ("gujarat"; not "mayo" or
    Slovenia's Štore, "store")."""
    if not (p.is_admin and p.admin_level == 1) and not (towns is not None and p.is_populated_place):
        return False
    if p.population < RECASE_POPULATION:
        return False
    return (towns is not None and p.country_code in towns) or p.population >= _ANYWHERE_POPULATION


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Nouns, verbs, adjectives and adverbs of the WordNet index in spaCy's English lemmatizer."""
    index = load_spacy().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for ws in index.values() for w in ws)


def _cued_town(word: str, before: str, gaz: Gazetteer, towns: frozenset[str]) -> str | None:
    """The country of a smaller town named right after a place cue ("near suchitoto"), in a country
    the text names, when the word is no English word, stop word or geographic word."""
    if before not in _PLACE_CUES or not towns or len(word) < 4:
        return None
    if word in STOP_WORDS or word in _GENERIC or word in english_words():
        return None
    key = key_of_tokens([word])
    if not key or not gaz.has_key(key):
        return None
    for p in gaz.places_for_key(key):
        if (
            p.country_code in towns
            and (p.is_populated_place or p.is_admin)
            and p.population >= CUED_POPULATION
            and light(p.name) == word
        ):
            return p.country_code
    return None


def _after_a_cue(words: list[re.Match[str]], i: int) -> bool:
    """Word ``i`` follows "in", "at", "near" or "from" and is no English word: a name whatever
    tag the parser guessed for it ("near coban": an adjective to the parser)."""
    word = words[i].group(0)
    return i > 0 and words[i - 1].group(0) in _PLACE_CUES and word not in english_words()


def _mark(
    low: str, chars: list[str], gaz: Gazetteer, doc: Doc | None, towns: frozenset[str] | None
) -> set[str]:
    """Capitals (in ``chars``) on the names of places of ``low`` (towns of the countries
    ``towns`` when given); the countries they lie in."""
    named: set[str] = set()
    words = list(_WORD_RE.finditer(low))
    i = 0
    while i < len(words):
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            run = words[i : i + n]
            if any(run[k + 1].start() - run[k].end() != 1 for k in range(n - 1)):
                continue  # one space between the words of a name
            # a lone word names a town only where the parser says it is no adjective or verb
            may_be_town = doc is not None or n > 1
            found = _place_countries([w.group(0) for w in run], gaz, towns if may_be_town else None)
            if not found and n == 1 and towns and i > 0 and doc is not None:
                cued = _cued_town(run[0].group(0), words[i - 1].group(0), gaz, towns)
                found = {cued} if cued else set()
            if not found:
                continue
            if doc is not None and n == 1 and not _after_a_cue(words, i):
                tok = doc.char_span(run[0].start(), run[0].end(), alignment_mode="expand")
                if tok is not None and len(tok) == 1 and tok[0].pos_ in _NOT_NAMES:
                    continue  # "mobile phone", "an orange tree"
            named |= found
            for w in run:
                for part in re.finditer(r"[^\W\d_]+", w.group(0)):
                    at = w.start() + part.start()
                    if len(chars[at].upper()) == 1:
                        chars[at] = chars[at].upper()
            i += n
            break
        else:
            i += 1
    return named


def recase(text: str, gaz: Gazetteer, doc: Doc | None = None) -> str:
    """``text`` with capitals on the place names of a one-case text (see the module); else as it is."""
    case = one_case(text)
    if case is None:
        return text
    low = text.lower() if case == "upper" else text
    if len(low) != len(text):
        return text
    chars = list(low)
    # first the countries and units, which say where the text is; then the towns of those
    # countries ("sale" is no Moroccan town in a report on Gujarat)
    named = _mark(low, chars, gaz, doc, None) | _state_demonyms(low, gaz)
    more = _mark(low, chars, gaz, doc, frozenset(named))
    if more - named:
        # a large town was the first sign of the country ("allahabad", "in ayodhya"): its smaller
        # towns are read once more
        _mark(low, chars, gaz, doc, frozenset(named | more))
    return "".join(chars)
