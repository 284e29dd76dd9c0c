"""Canonical keys for toponyms, so that transliteration variants of one name meet.

The key is built token by token, so a multi-word key is the space-joined keys of its
words (the toponym finder relies on that to key n-grams cheaply):

1. ASCII (unidecode), casefold; elided articles (``l'``, ``d'``) become separate words,
   other apostrophes and ayn/hamza marks are dropped, every other non-alphanumeric run
   is a word break (so hyphens, dots and spaces are the same thing).
2. Arabic articles standing as their own word (``al``, ``el``, ``ad``, ``ar``, ``as``,
   ``ash``, ``az``, ``ez``, ...) are dropped, as are the Romance/elision articles
   ``l``/``d``; an article glued to a later word through a doubled sun letter
   (``Ezzor``, ``Arraqqa``) loses its article.
3. Each word is folded through spelling-level equivalences of romanised Arabic,
   Persian, Slavic and French spellings: ``q``→``k``, ``ph``→``f``, ``dj``→``j``;
   the feminine/nisba endings ``-iyah/-iyeh/-iya/-ieh`` → ``-ia``, final ``-ah/-eh`` → ``-a``;
   diphthongs ``ay/ai/ei/ey`` → ``i`` and ``aw/ow/ou/oo`` → ``u``; ``ee`` → ``i``;
   non-initial ``y`` → ``i``; the vowel pairs ``e/i`` and ``o/u`` merge; doubled letters
   collapse.

The result is deliberately lossy: it is a *matching* key, never shown to users.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

__all__ = ["ARTICLES", "light", "normalize", "token_key", "tokens", "variants"]

#: Article words dropped from keys when they stand as their own word.
ARTICLES: frozenset[str] = frozenset(
    {
        "al", "el", "il", "ul", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "az", "ez",
        "at", "et", "an", "en", "ath", "adh", "l", "d",
    }
)  # fmt: skip

_APOSTROPHES = "'’‘`´ʼʻʿʾ′"
_ELISION_RE = re.compile(r"(?<![a-z0-9])([ld])['’‘`´ʼ](?=[a-z])")
_APOS_RE = re.compile("[" + re.escape(_APOSTROPHES) + "]")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
# an article assimilated to a doubled sun letter, glued to its word: "ezzor", "arraqqa", "ashsham"
_GEMINATED_ARTICLE_RE = re.compile(r"^[aeu]l?(sh|th|dh|[tdrszln])\1(?=[a-z])")
_ENDING_IYA_RE = re.compile(r"(?<=[a-z]{3})(?:iy{1,2}[ae]|ie)h?$")
_ENDING_AH_RE = re.compile(r"(?<=[a-z]{2})[ae]h$")
_DIPH_I_RE = re.compile(r"ay|ai|ei|ey|ee")
_DIPH_U_RE = re.compile(r"aw(?![aeiou])|ow(?![aeiou])|ou|oo")
_DOUBLE_RE = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=65536)
def light(name: str) -> str:
    """ASCII, casefolded, punctuation-free form: spelling kept, only the typography unified."""
    s = unidecode(name).casefold()
    s = _ELISION_RE.sub(r"\1 ", s)
    s = _APOS_RE.sub("", s)
    return _NON_ALNUM_RE.sub(" ", s).strip()


def tokens(name: str) -> list[str]:
    """The words of :func:`light`."""
    return light(name).split()


@lru_cache(maxsize=65536)
def token_key(word: str, first: bool = True) -> str:
    """Fold one :func:`light` word; ``first`` is False for words after the first of a name."""
    w = word
    if not first and len(w) > 4:
        w = _GEMINATED_ARTICLE_RE.sub(r"\1", w, count=1)
    if w.isdigit():
        return w
    w = w.replace("ph", "f").replace("dj", "j").replace("ck", "k").replace("q", "k")
    w = _ENDING_IYA_RE.sub("ia", w)
    w = _ENDING_AH_RE.sub("a", w)
    w = _DIPH_I_RE.sub("i", w)
    w = _DIPH_U_RE.sub("u", w)
    if len(w) > 1:
        w = w[0] + w[1:].replace("y", "i")
    w = w.replace("e", "i").replace("o", "u")
    return _DOUBLE_RE.sub(r"\1", w)


def key_of_tokens(words: list[str]) -> str:
    """The key of a name already split by :func:`tokens`."""
    kept = [w for w in words if w not in ARTICLES]
    if not kept:
        kept = words
    # the first *kept* word is the name's head: glued articles are only stripped after it
    return " ".join(token_key(w, i == 0) for i, w in enumerate(kept))


@lru_cache(maxsize=131072)
def normalize(name: str) -> str:
    """The canonical matching key of a toponym ("Deir ez-Zor" and "Dayr az Zawr" → "dir zur")."""
    return key_of_tokens(tokens(name))


#: unit words US and British local news write short
_UNIT_ABBREVIATIONS = {"co": "county", "cnty": "county", "twp": "township", "par": "parish"}


def variants(name: str) -> set[str]:
    """Keys under which ``name`` may be found: its :func:`normalize` key, plus the key read
    with an article glued to the *first* word stripped ("Alraqqa", "Arraqqa" → "raka"),
    which :func:`normalize` leaves alone because most such words are not articles
    ("Alexandria", "Essen"). Callers should prefer hits on the :func:`normalize` key.
    """
    words = tokens(name)
    if not words:
        return set()
    out = {key_of_tokens(words)}
    if len(words) >= 2 and words[-1] in _UNIT_ABBREVIATIONS:
        # "PLYMOUTH CO.", "Lower Merion Twp.": the unit word written short
        out.add(key_of_tokens([*words[:-1], _UNIT_ABBREVIATIONS[words[-1]]]))
    head = words[0]
    if len(head) > 5:
        m = _GEMINATED_ARTICLE_RE.match(head)
        if m:
            stripped = head[m.end() - len(m.group(1)) :]
        elif head.startswith(("al", "el")) and head[2] not in "aeiouy":
            stripped = head[2:]
        else:
            return out
        out.add(key_of_tokens([stripped, *words[1:]]))
    return out
