"""Find casualty, arrest and abduction counts in English news text, and merge them per event.

:func:`find_counts` is text-only (precompiled regexes and small lexicons, no parser): it finds
trigger words ("killed", "were arrested", "death toll", "bodies of") and reads the quantity and
the counted noun phrase on the side the grammar puts them:

* subject side  -- "12 soldiers were killed", "three were injured", "his wives were arrested",
  "15 dead", "12 people have died", headline style "12 killed in attack";
* object side   -- "killed 12 soldiers", "killing at least 12 people", "detained dozens",
  "killed two of its fighters", "the arrest of a journalist", "bodies of 7 people";
* tolls         -- "the death toll rose to 15" (an update), "a death toll of 15" (a total);
* special forms -- "shot him dead", "claimed 12 lives", "took 20 hostages";
* explicit zero -- "no one was hurt", "no casualties were reported".

Coordinated figures ("8 soldiers and 4 militants were killed") give one mention per part sharing
a ``group``; figures after "including" and partitives ("two of the soldiers") are ``is_subset``.

:func:`combine` turns the mentions of ONE event into one :class:`~dateline.model.Count` per kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.counts.numbers import ONE, QUANTITY_PATTERN, UNSPECIFIED_PLURAL, ZERO, Quantity, parse_quantity
from dateline.model import Count, Span

__all__ = ["KINDS", "CountMention", "find_counts", "combine", "count_ranges"]

KINDS: tuple[str, ...] = ("fatalities", "injuries", "arrests", "abductions")


@dataclass(frozen=True, slots=True)
class CountMention:
    """One figure found in the text.

    ``victims`` is the counted noun phrase as written ("soldiers", "its fighters", "him");
    ``side`` a coarse category read from it: ``state_forces``, ``armed_group``, ``civilians``,
    ``protesters`` or ``None`` (generic: "people", "others"). ``is_total`` marks stated totals
    ("death toll of 15", "a total of 15"), ``is_update`` revised tolls ("rose to 15"),
    ``is_subset`` figures contained in another one ("including 3 children", "two of the
    soldiers"). Parts of one coordinated phrase share ``group`` (the absolute offset of the phrase).
    ``over_events`` marks a figure summed over several events ("seven killed in two explosions"):
    the ``counts`` stage sets it from the sentence's parse.
    """

    kind: str
    quantity: Quantity
    span: Span
    victims: str | None = None
    side: str | None = None
    is_total: bool = False
    is_update: bool = False
    is_subset: bool = False
    group: int | None = None
    over_events: bool = False


# --------------------------------------------------------------------------- lexicons


def _wordlist(words: str) -> list[str]:
    return words.split()


_PERSON_SG = _wordlist("""
person man woman child boy girl baby infant toddler teenager teen youth youngster adult minor
student pupil schoolgirl schoolboy schoolchild civilian villager resident local citizen national
foreigner farmer herder herdsman fisherman miner worker labourer laborer trader vendor merchant
shopkeeper driver motorist passenger pilgrim worshipper worshiper tourist traveller traveler migrant
refugee teacher doctor nurse medic paramedic patient journalist reporter photographer cameraman
blogger activist protester protestor demonstrator rioter striker supporter member leader chief
elder official politician candidate lawmaker legislator mp councillor councilor mayor governor
minister judge lawyer cleric imam priest pastor monk nun missionary soldier troop officer policeman
policewoman cop gendarme guard bodyguard serviceman servicewoman marine paratrooper commando recruit
cadet conscript peacekeeper militant fighter rebel insurgent jihadist extremist terrorist gunman
attacker assailant bandit militiaman militant combatant commander kidnapper suspect detainee
prisoner inmate hostage captive abductee victim individual other contractor engineer employee
staffer volunteer relative wife husband son daughter brother sister mother father parent cousin
uncle aunt nephew niece grandson granddaughter grandmother grandfather friend neighbour neighbor
bystander passerby pedestrian player fan voter sailor pilot smuggler poacher ranger christian
muslim opponent dissident critic spokesman spokeswoman deputy aide agent spy informant collaborator
settler colonist lecturer professor academic entrepreneur businessman businesswoman chairman
""")
_IRREGULAR_PL = {
    "person": ("people", "persons"), "man": ("men",), "woman": ("women",), "child": ("children",),
    "schoolchild": ("schoolchildren",), "wife": ("wives",), "passerby": ("passersby",),
    "police": ("police",), "personnel": ("personnel",), "staff": ("staff",), "crew": ("crew",),
}  # fmt: skip


def _plural(word: str) -> tuple[str, ...]:
    if word in _IRREGULAR_PL:
        return _IRREGULAR_PL[word]
    if word.endswith("man"):
        return (word[:-3] + "men",)
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return (word[:-1] + "ies",)
    if word.endswith(("s", "sh", "ch", "x")):
        return (word + "es",)
    return (word + "s",)


PERSON_SINGULAR: frozenset[str] = frozenset(_PERSON_SG)
PERSON_PLURAL: frozenset[str] = frozenset(p for w in _PERSON_SG for p in _plural(w)) | {
    "police",
    "personnel",
    "staff",
    "crew",
    "others",
    "youths",
    "troops",
    "forces",
    "family",
}

_SIDE_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("protesters", frozenset(_wordlist("protester protestor demonstrator rioter marcher"))),
    (
        "state_forces",
        frozenset(
            _wordlist("""
        soldier troop police policeman policewoman cop gendarme army military
        serviceman servicewoman marine paratrooper commando conscript cadet officer guard security
        personnel forces navy sailor airman pilot recruit""")
        ),
    ),
    (
        "armed_group",
        frozenset(
            _wordlist("""
        militant fighter rebel insurgent jihadist extremist terrorist gunman attacker
        assailant bandit militia militiaman combatant kidnapper""")
        ),
    ),
    (
        "civilians",
        frozenset(
            _wordlist("""
        civilian villager resident farmer herder herdsman child boy girl baby infant
        woman student pupil schoolgirl schoolboy schoolchild worshipper worshiper pilgrim journalist
        reporter teacher doctor nurse patient passenger trader vendor miner fisherman worker
        refugee migrant displaced tourist bystander passerby pedestrian family relative wife priest nun
        pastor imam cleric monk missionary""")
        ),
    ),
)
_SINGULAR_OF: dict[str, str] = {p: w for w in _PERSON_SG for p in _plural(w)}

_STOPS = _wordlist("""
a an the and or but nor of in on at by for with from to into onto over under after before during since
until as than that which who whom whose when where while what why how this these those there here it
its he she they them him her his their our we you i me us was were is are be been being have has had
do did does will would could should may might must can not no also said says say told tells telling
according reported reportedly allegedly including among all both each such only just about around
some another further most less than then now later earlier yesterday today tonight last
next this overnight morning night evening afternoon week weekend weekday day days week weeks month
months year years hour hours minute minutes time times decade decades percent per cent km kilometres
kilometers kilometre kilometer miles mile metres meters metre meter feet foot kg tonnes tonnes tons ton
dollars dollar euros pounds naira shillings cattle cow cows goat goats sheep camel camels donkey
donkeys horse horses livestock animal animals house houses home homes building buildings vehicle
vehicles car cars truck trucks villages towns shops round rounds shot shots bullet
bullets rocket rockets missile missiles drone drones bomb bombs shell shells am pm gmt
feared missing presumed believed thought confirmed found subsequently initially briefly apparently
critically seriously slightly fatally badly severely mortally lightly gravely eventually officially
already got get gets being
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
killed kill kills killing dead died dies dying death deaths wounded wounding injured injuring hurt
arrested arrest arrests arresting detained detaining abducted abducting kidnapped kidnapping
murdered executed beheaded slain massacred lynched fatalities injuries bodies
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
thousand thousands million millions dozen dozens score scores tens several few many numerous couple
handful number
""")
_BAD_AFTER = r"""(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|times|
    percent|per\s+cent|%|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|foot|kg|tonnes?|tons?|
    dollars?|euros?|pounds|naira|shillings|cattle|cows?|goats?|sheep|camels?|donkeys?|horses?|
    livestock|animals?|houses|homes|buildings|vehicles|cars|trucks|villages|towns|shops|
    rounds?|shots|bullets?|rockets?|missiles?|drones?|bombs?|shells?|a\.m\.|p\.m\.|am|pm|o'clock|gmt|
    another|january|february|march|april|june|july|august|september|october|november|december|
    jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|
    year-old|storey|story|floor|st|nd|rd|th)""".replace("\n", "").replace(" ", "")


def _words(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


_STOP_RE = rf"(?!(?:{_words(_STOPS)})\b)"
# a noun-phrase token (not a function word, unit, trigger or number word); NPs are trimmed in Python
_TOK = rf"(?:\d+-year-olds?|{_STOP_RE}[a-z][\w'’]*(?:-[\w'’]+)*\b)"
_NP = rf"(?:{_TOK}(?:\s+{_TOK}){{0,3}}(?:\s+of\s+(?:the\s+)?{_TOK}(?:\s+{_TOK}){{0,2}})?)"
_QTY = (
    rf"(?<![\w.,:/$€£%'’-])(?!(?:1[89]|20)\d\d(?!\d|,\d))(?:{QUANTITY_PATTERN})"
    rf"(?![\w'’])(?!\s*[-–]?\s*{_BAD_AFTER}\b)(?![-–][a-z])"
)
_DETS = r"(?:the|its|their|his|her|our|these|those)"
_POSS = r"(?:the|his|her|their|its|our|my|your)"


def _part(named: bool) -> str:
    def g(name: str, body: str) -> str:
        return f"(?P<{name}>{body})" if named else f"(?:{body})"

    det = rf"(?:them|whom|us|{_DETS})\b"
    of = r"\s+of\b(?:\s+" + g("det", det) + ")?"
    return (
        rf"(?<![\w'’-])(?:(?:{g('q', _QTY)}{g('of', of)}?|{g('poss', _POSS)}\b)"
        rf"(?:\s+{g('np', _NP)})?"
        rf"|{g('pron', r'himself|herself|him|her|them|he|she')}\b"
        rf"|{g('np0', _NP)})"
    )


_PART_NG = _part(False)
_PART_RE = re.compile(_part(True), re.IGNORECASE)
_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
_SEP_RE = re.compile(_SEP, re.IGNORECASE)
_NOT_PREDICATE = (
    r"(?!\s+(?:were|was|are|is|have|has|had|remain\w*|died|dead|wounded|injured|hurt|killed|arrested|"
    r"detained|abducted|kidnapped|missing|of|said|says|say|told|tell|reported|added|stated|according)\b)"
)
_SUBSET_INTRO = r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)"

# --------------------------------------------------------------------------- triggers
# roles: L passive/subject side, I intransitive (have/has allowed), A adjective ("dead"),
#        R active/object side, O nominal with an "of" object, N noun counted on its left.
_TRIGGERS: dict[str, tuple[str, str]] = {}


def _add(kind: str, roles: str, phrases: str) -> None:
    for p in phrases.split(","):
        p = " ".join(p.split())
        if p:
            _TRIGGERS[p] = (kind, roles)


_add(
    "fatalities",
    "LR",
    """killed, murdered, massacred, slaughtered, executed, beheaded, assassinated,
     lynched, shot dead, gunned down, shot and killed, stabbed to death, hacked to death, beaten to death,
     burned to death, burnt to death, burned alive, burnt alive, stoned to death, tortured to death,
     clubbed to death, bludgeoned to death, strangled to death, shot to death""",
)
_add("fatalities", "L", "slain")
_add("fatalities", "I", "died, perished, lost their lives, lost his life, lost her life, lost their life")
_add("fatalities", "A", "dead")
_add(
    "fatalities",
    "R",
    """kill, kills, slew, slaying, murdering, massacring, slaughtering, executing,
     beheading, assassinating, shooting dead, gunning down, guns down, shoots dead""",
)
_add("fatalities", "RO", "killing, lynching")
_add("fatalities", "NO", "deaths, killings, bodies, corpses, executions")
_add("fatalities", "O", "death, murder, murders, assassination, execution, massacre, remains")
_add("fatalities", "N", "fatalities")
_add("injuries", "LR", "wounded, injured, maimed")
_add("injuries", "L", "hurt, hospitalized, hospitalised")
_add(
    "injuries",
    "I",
    """sustained injuries, suffered injuries, sustained wounds, suffered wounds,
     sustained serious injuries, sustained minor injuries, sustained gunshot wounds,
     suffered serious injuries, suffered gunshot wounds, sustained severe injuries,
     suffered minor injuries""",
)
_add("injuries", "R", "wounding, injuring, maiming")
_add("injuries", "N", "injuries")
_add("arrests", "LR", "arrested, detained, apprehended, jailed, rounded up, nabbed")
_add("arrests", "L", "taken into custody, placed under arrest")
_add("arrests", "R", "arresting, detaining, apprehending, rounding up")
_add("arrests", "RO", "arrest")
_add("arrests", "NO", "arrests, detentions")
_add("arrests", "O", "detention, round-up, roundup")
_add("abductions", "LR", "abducted, kidnapped, kidnaped")
_add("abductions", "L", "taken hostage, held hostage, taken captive, held captive")
_add("abductions", "R", "abducting, abduct, abducts, kidnap, kidnaps")
_add("abductions", "RO", "kidnapping")
_add("abductions", "NO", "abductions, kidnappings")
_add("abductions", "O", "abduction")

_TRIGGER_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(
        p.replace(r"\ ", r"\s+") for p in sorted((re.escape(t) for t in _TRIGGERS), key=len, reverse=True)
    ) + r")(?![\w-])",
    re.IGNORECASE,
)  # fmt: skip

_AUX_TOKENS = _wordlist("""
was were is are be been being got get gets have has had will would may might could to who that
which reportedly allegedly also later all subsequently since now confirmed reported initially briefly
apparently critically seriously slightly fatally badly severely mortally lightly gravely both each
then eventually officially already just found said shot and""")
_AUX_RE = rf"(?:\s+(?:{_words(_AUX_TOKENS)}|[a-z]+ly)\b)*"
_BE = frozenset(_wordlist("was were is are be been being got get gets"))
_HAVE = frozenset(_wordlist("have has had"))

_LEFT_RE = re.compile(
    rf"(?P<parts>{_PART_NG}(?:{_SEP}{_PART_NG})*)(?P<paren>\s*,\s*[^,.;]{{1,80}}?,)?(?P<aux>{_AUX_RE})\s+$",
    re.IGNORECASE,
)
_LEFT_NOUN_RE = re.compile(rf"(?P<parts>{_QTY})(?:\s+of)?(?P<adj>(?:\s+{_TOK}){{0,2}})\s+$", re.IGNORECASE)
_RIGHT_RE = re.compile(
    rf"(?P<of>\s+of)?\s+(?P<parts>{_PART_NG}(?:{_SEP}{_PART_NG}{_NOT_PREDICATE})*)"
    rf"(?:\s*,?\s+{_SUBSET_INTRO}\s+(?P<sub>{_PART_NG}(?:{_SEP}{_PART_NG}{_NOT_PREDICATE})*))?",
    re.IGNORECASE,
)
_BE_BEFORE_RE = re.compile(
    r"\b(?:was|were|is|are|be|been|being|get|got|gets)(?:\s+[a-z]+ly|\s+also|\s+later|\s+all)*\s+$", re.I
)
_TOTAL_AFTER_RE = re.compile(r"\s*,?\s+(?:in\s+total|in\s+all|altogether|overall)\b", re.IGNORECASE)
_AND_TRIGGER_RE = re.compile(
    r"\s*,?\s+(?:and|or)\s+(?:killed|wounded|injured|kidnapped|abducted|arrested|detained|maimed)\b", re.I
)
_BOUNDARY_RE = re.compile(r"[.;:!?]\s|[\n\r]")

_VERB_OBJ_LEAD = re.compile(
    r"\b(?:shot|shoots|shooting|shoot|beat|beaten|beating|stabbed|stabbing|hacked|hacking|burned|burnt|"
    r"burning|stoned|stoning|clubbed|clubbing|tortured|torturing|strangled|strangling|bludgeoned)\s+"
    rf"(?P<parts>{_PART_NG})\s+(?:dead|to\s+death|alive)\b",
    re.IGNORECASE,
)
_LIVES_RE = re.compile(
    rf"\bclaim(?:ed|ing|s)?\s+(?:the\s+lives\s+of\s+(?P<parts>{_PART_NG})|(?P<q>{_QTY})(?:\s+\w+)?\s+lives\b)",
    re.IGNORECASE,
)
# "two villagers who tried to flee were shot dead": a relative clause between the figure and its verb;
# the clause holds no figure and no trigger of its own ("the gunmen who killed 12 soldiers were arrested")
_ONE_WORD_TRIGGERS = _words(t for t in _TRIGGERS if " " not in t)
_REL_WORD = rf"(?!(?:{_ONE_WORD_TRIGGERS}|shot)\b)[a-z][\w'’-]*"
_LEFT_REL_RE = re.compile(
    rf"(?P<parts>{_PART_NG}(?:{_SEP}{_PART_NG})*)\s*,?\s+(?:who|that)(?:\s+{_REL_WORD}){{1,8}}\s*,?"
    rf"(?P<aux>{_AUX_RE})\s+$",
    re.IGNORECASE,
)
_REL_PRONOUN = re.compile(r"\b(?:who|that)\b", re.IGNORECASE)
# "two policemen were among the dead": a part of the toll, counted alone when nothing else is told
_AMONG_RE = re.compile(
    r"\s+(?:were|was|are|is)(?:\s+also)?\s+among\s+(?:the|those)\s+(?P<t>dead|killed|victims|fatalities|wounded|"
    r"injured|hurt|arrested|detained|abducted|kidnapped|hostages)\b",
    re.IGNORECASE,
)
_AMONG_LEFT_RE = re.compile(rf"(?<![\w'’-])(?P<parts>{_PART_NG}(?:{_SEP}{_PART_NG})*)$", re.IGNORECASE)
_AMONG_KIND = {
    "dead": "fatalities", "killed": "fatalities", "victims": "fatalities", "fatalities": "fatalities",
    "wounded": "injuries", "injured": "injuries", "hurt": "injuries", "arrested": "arrests",
    "detained": "arrests", "abducted": "abductions", "kidnapped": "abductions", "hostages": "abductions",
}  # fmt: skip
# "we lost nine soldiers": a side telling its own dead (people only: "lost contact", "lost two seats")
_LOST_RE = re.compile(rf"\b(?:lost|losing|loses)\s+(?P<parts>{_PART_NG})", re.IGNORECASE)
_HOSTAGE_RE = re.compile(
    rf"\b(?:took|taking|take|takes|seized|seizing|held|holding)\s+(?P<parts>{_PART_NG})\s+hostages?\b",
    re.IGNORECASE,
)

_TOLL_KIND = {
    "death": "fatalities", "casualty": "fatalities", "fatality": "fatalities", "civilian death": "fatalities",
    "injury": "injuries",
    "dead": "fatalities", "deaths": "fatalities", "fatalities": "fatalities", "killed": "fatalities",
    "victims": "fatalities", "people killed": "fatalities", "people dead": "fatalities",
    "those killed": "fatalities",
    "injured": "injuries", "wounded": "injuries", "injuries": "injuries", "people injured": "injuries",
    "people wounded": "injuries",
    "arrests": "arrests", "arrested": "arrests", "detainees": "arrests", "detained": "arrests",
    "people arrested": "arrests", "people detained": "arrests",
    "abducted": "abductions", "kidnapped": "abductions", "hostages": "abductions", "abductees": "abductions",
    "people abducted": "abductions", "people kidnapped": "abductions",
}  # fmt: skip
_TOLL_PREFIXES = ("death", "casualty", "fatality", "civilian death", "injury")
_TOLL_NOUNS = _words(k for k in _TOLL_KIND if k not in _TOLL_PREFIXES)
_UPDATE_VERBS = (
    r"rose|risen|rises|rising|climbed|climbs|climbing|increased|increases|jumped|soared|mounted|reached|"
    r"reaches|hit|hits|grew|grown|swelled|revised(?:\s+up(?:wards?)?)?|raised|updated"
)
_STATE_VERBS = r"stood|stands|stand|put|placed|is|was|were|are|numbered|totall?ed|totals|tallied|of|at"
_TOLL_RE = re.compile(
    rf"\b(?:(?:(?P<tk>death|casualty|fatality|civilian\s+death|injury)\s+)?toll"
    rf"|(?:the\s+)?(?:total\s+)?number\s+of\s+(?P<nk>{_TOLL_NOUNS}))\b"
    r"(?:\s+(?:from|in|of|after|following|for|since|on)\s+[^.;:]{1,100}?)?(?:\s*,\s*[^,.;]{1,60},)?"
    r"(?:\s+(?:has|had|have|was|were|is|now|officially|reportedly|since|further|later|then|also|"
    r"subsequently|been|already|so\s+far|initially|sharply))*"
    rf"\s+(?:(?P<upd>{_UPDATE_VERBS})|(?P<stat>{_STATE_VERBS}))"
    # a toll is a number, not "a": "the toll from a bombing at a restaurant rose to nine"
    rf"(?:\s+(?:to|at))?(?:\s+from\s+{_QTY}\s+to)?\s+(?P<q>(?!(?:a|an|the)\b){_QTY})",
    re.IGNORECASE,
)
_BRING_RE = re.compile(
    r"\b(?:bringing|brought|brings|raising|raised|pushing|pushed|taking|took|lifting|lifted)\s+the\s+"
    r"(?:overall\s+|total\s+)?(?:(?:death|casualty|fatality)\s+toll|number\s+of\s+(?:dead|deaths|fatalities)"
    rf"|toll)\s+to\s+(?P<q>{_QTY})",
    re.IGNORECASE,
)
_TALLY_RE = re.compile(
    r"\b(?:bringing|brought|brings|raising|raised|pushing|pushed|taking|took|lifting|lifted)\s+the\s+"
    rf"(?:overall\s+|official\s+)?(?:total|tally)\s+to\s+(?P<q>{_QTY})",
    re.IGNORECASE,
)
_ZT = (
    r"killed|hurt|injured|wounded|harmed|died|dead|arrested|detained|abducted|kidnapped|"
    r"casualt(?:y|ies)|deaths?|fatalit(?:y|ies)|injur(?:y|ies)|arrests?|loss\s+of\s+(?:human\s+)?life"
)
_ZERO_RE = re.compile(
    r"\b(?:(?:no(?:\s+|-)one|nobody|none(?:\s+of\s+(?:the|them|those)(?:\s+[a-z]+)?)?)"
    r"(?:\s+(?:else|was|were|is|are|has|have|had|been|got|reportedly|apparently|seriously|immediately|"
    r"reported|to|be|among\s+the\s+\w+))*"
    r"|(?:no|zero|without(?:\s+any)?)(?:\s+(?:immediate|further|other|reported|known|human|civilian|"
    r"serious|major|confirmed|official|injuries\s+or|deaths\s+or))*(?:\s+reports?\s+of(?:\s+any)?"
    r"(?:\s+(?:immediate|human|civilian|serious))?)?)"
    rf"\s+(?P<t>(?:{_ZT})(?:\s*(?:,|or|and|nor)\s*(?:{_ZT}))*)\b(?!\s+warrants?)"
    r"|\bno\s+lives\s+(?:were|have\s+been|had\s+been)\s+(?P<lives>lost)\b",
    re.IGNORECASE,
)
_ZERO_KIND = [
    (re.compile(r"killed|died|dead|death|fatalit|loss|lost", re.I), ("fatalities",)),
    (re.compile(r"hurt|harmed|casualt", re.I), ("fatalities", "injuries")),
    (re.compile(r"injur|wounded", re.I), ("injuries",)),
    (re.compile(r"arrest|detained", re.I), ("arrests",)),
    (re.compile(r"abducted|kidnapped", re.I), ("abductions",)),
]


# --------------------------------------------------------------------------- parsing helpers


@dataclass(slots=True)
class _Part:
    start: int  # absolute in the scanned text
    end: int
    quantity: Quantity
    victims: str | None
    subset: bool
    strong: bool  # a real quantity word (number, vague word, article + noun), not a bare plural/pronoun


_AGE_RE = re.compile(r"\d+-year-olds?$")
_TOKEN_RE = re.compile(r"\S+")


def _is_person(token: str) -> bool:
    t = token.lower().strip("'’")
    return t in PERSON_SINGULAR or t in PERSON_PLURAL or bool(_AGE_RE.match(t))


def _is_name(np: str) -> bool:
    words = np.split()
    caps = [w for w in words if w[:1].isupper()]
    return (
        bool(words)
        and words[-1][:1].isupper()
        and (len(caps) >= 2 or any(w.lower() in PERSON_SINGULAR for w in words[:-1]))
    )


def _trim(np: str) -> tuple[int, str | None]:
    """Length of ``np`` up to its last person noun (kept whole before a name), and that noun."""
    toks = list(_TOKEN_RE.finditer(np))
    for i in range(len(toks) - 1, -1, -1):
        if _is_person(toks[i].group()):
            rest = toks[i + 1 :]
            if rest and all(t.group()[:1].isupper() for t in rest):
                return len(np), toks[i].group()  # "opposition leader Kizza Besigye"
            return toks[i].end(), toks[i].group()
    return len(np), None


def _np_quantity(np: str) -> Quantity | None:
    """Quantity implied by a noun phrase without a number: plural person noun -> 2, singular -> 1."""
    _, noun = _trim(np)
    if noun is not None:
        t = noun.lower().strip("'’")
        if t in PERSON_SINGULAR or (_AGE_RE.match(t) and not t.endswith("s")):
            return ONE
        return UNSPECIFIED_PLURAL
    return ONE if _is_name(np) else None


def _read_part(m: re.Match[str], base: int) -> _Part | None:
    """Turn one ``_PART_RE`` match into a :class:`_Part` (``None`` when it is not a countable phrase)."""
    start, end = base + m.start(), base + m.end()
    np_group = "np" if m.group("np") else "np0" if m.group("np0") else None
    np = None
    if np_group is not None:
        length, _ = _trim(m.group(np_group))
        np = m.group(np_group)[:length]
        end = base + m.start(np_group) + length
    q_text = m.group("q")
    if q_text is not None:
        q = parse_quantity(q_text)
        if q is None:
            return None
        det = m.group("det")
        if det:
            victims = (np if det.lower() in ("them", "whom", "us") else f"{det} {np}") if np else None
            subset = det.lower() in ("the", "these", "those", "them", "whom", "us")
        else:
            victims, subset = np, False
            if m.group("of") and np is None:
                return None  # a dangling "of": "5 of whom were released"
        if q.basis == "article":
            if not np or m.group("of") or _np_quantity(np) is None:
                return None
        elif q.basis == "vague" and np is None and q_text.strip().lower() in ("some", "many", "numerous"):
            return None  # "killed many" / "arrested some" without a noun is too loose
        return _Part(start, end, q, victims, subset, True)
    if m.group("poss"):
        if np is None:
            return None
        q = _np_quantity(np)
        if q is None:
            return None
        return _Part(start, end, q, f"{m.group('poss')} {np}", False, q is ONE)
    if m.group("pron"):
        pron = m.group("pron").lower()
        return _Part(start, end, UNSPECIFIED_PLURAL if pron == "them" else ONE, m.group("pron"), False, False)
    q = _np_quantity(np or "")
    if q is None:
        return None
    return _Part(start, end, q, np, False, False)


def _read_parts(text: str, start: int, end: int) -> list[_Part]:
    """Split a coordinated span ``text[start:end]`` into parts."""
    parts: list[_Part] = []
    pos = start
    while pos < end:
        m = _PART_RE.match(text, pos, end)
        if not m or m.end() == m.start():
            break
        part = _read_part(m, 0)
        if part is not None:
            parts.append(part)
        sep = _SEP_RE.match(text, m.end(), end)
        if not sep:
            break
        pos = sep.end()
    return parts


def _agentless(part: _Part) -> bool:
    """Headline style "12 killed" / "12 soldiers killed": the noun, if any, must be a person noun."""
    if not part.victims:
        return True
    head = part.victims.split(" of ")[0].split()[-1]
    return head.lower() in PERSON_PLURAL or head.lower() in PERSON_SINGULAR or head[:1].isupper()


def _side(victims: str | None) -> str | None:
    if not victims:
        return None
    words = re.findall(r"[a-z]+", victims.lower())
    for side, vocab in _SIDE_WORDS:
        for w in words:
            if w in vocab or _SINGULAR_OF.get(w) in vocab:
                return side
    return None


def _span(text: str, start: int, end: int, offset: int) -> Span:
    return Span(start + offset, end + offset, text[start:end])


def _emit(
    out: list[CountMention],
    text: str,
    offset: int,
    kind: str,
    parts: list[_Part],
    span_start: int | None,
    span_end: int | None,
    *,
    is_total: bool = False,
    is_update: bool = False,
    subset: bool = False,
) -> None:
    """Add one mention per part; each span runs from the part (or trigger) to the trigger (or part)."""
    group = (min(p.start for p in parts) + offset) if len(parts) > 1 else None
    for p in parts:
        s = p.start if span_start is None else min(span_start, p.start)
        e = p.end if span_end is None else max(span_end, p.end)
        out.append(
            CountMention(
                kind=kind,
                quantity=p.quantity,
                span=_span(text, s, e, offset),
                victims=p.victims,
                side=_side(p.victims),
                is_total=is_total and len(parts) == 1,
                is_update=is_update,
                is_subset=subset or p.subset,
                group=group,
            )
        )


def _window_start(text: str, pos: int, width: int = 140) -> int:
    lo = max(0, pos - width)
    last = lo
    for b in _BOUNDARY_RE.finditer(text, lo, pos):
        last = b.end()
    return last


def _left(text: str, tstart: int, roles: str) -> tuple[list[_Part], bool, bool, int] | None:
    """Subject-side parts before a trigger: (parts, has_aux, has_be, match start)."""
    ws = _window_start(text, tstart)
    if "N" in roles:
        m = _LEFT_NOUN_RE.search(text, ws, tstart)
        if m:
            q = parse_quantity(m.group("parts"))
            if q is None:
                return None
            adj = m.group("adj").strip() or None
            return [_Part(m.start(), m.end("parts"), q, adj, False, True)], False, False, m.start()
        return None
    rel = _LEFT_REL_RE.search(text, ws, tstart) if _REL_PRONOUN.search(text, ws, tstart) else None
    if rel is not None:
        found = _left_match(text, ws, rel, roles)
        if found is not None and all(p.strong for p in found[0]):
            return found
    m = _LEFT_RE.search(text, ws, tstart)
    if not m:
        return None
    return _left_match(text, ws, m, roles)


def _left_match(
    text: str, ws: int, m: re.Match[str], roles: str
) -> tuple[list[_Part], bool, bool, int] | None:
    aux = m.group("aux").lower().split()
    has_be = any(a in _BE for a in aux)
    has_have = any(a in _HAVE for a in aux)
    if has_have and not has_be and "I" not in roles:
        return None  # "three gunmen have killed ..." is active
    parts = _read_parts(text, m.start("parts"), m.end("parts"))
    if not parts:
        return None
    before = text[ws : m.start()].rstrip()
    ends = [t.end() for t in _TRIGGER_RE.finditer(before)]
    if ends and ends[-1] == len(before):
        if len(parts) == 1:
            return None  # "the gunmen who killed 12 soldiers were arrested": the object of "killed"
        parts = parts[-1:]  # "killed 12 soldiers and 3 civilians were injured": only the last part
    return parts, bool(aux), has_be, m.start()


def _right(text: str, tend: int, roles: str) -> tuple[list[_Part], list[_Part], int] | None:
    m = _RIGHT_RE.match(text, tend)
    if not m:
        return None
    if m.group("of") and "O" not in roles:
        return None
    if not m.group("of") and "R" not in roles:
        return None
    parts = _read_parts(text, m.start("parts"), m.end("parts"))
    if not parts:
        return None
    subs = _read_parts(text, m.start("sub"), m.end("sub")) if m.group("sub") else []
    # "injuring 10 people, two of them seriously": a partitive after the first part is a subset
    subs = [p for p in parts[1:] if p.subset] + subs
    parts = parts[:1] + [p for p in parts[1:] if not p.subset]
    return parts, subs, m.end()


def find_counts(text: str, offset: int = 0) -> list[CountMention]:
    """All count mentions in ``text`` (a sentence or a paragraph), sorted by position.

    Spans are absolute: ``text[span.start - offset:span.end - offset] == span.text``. Each span covers
    the quantity, the counted noun phrase and the trigger words.
    """
    out: list[CountMention] = []
    for tm in _TRIGGER_RE.finditer(text):
        kind, roles = _TRIGGERS[" ".join(tm.group().lower().split())]
        ts, te = tm.start(), tm.end()
        left = right = None
        if any(r in roles for r in "LIAN"):
            left = _left(text, ts, roles)
        if ("R" in roles or "O" in roles) and not _BE_BEFORE_RE.search(text, max(0, ts - 40), ts):
            right = _right(text, te, roles)
        if left is not None:
            parts, has_aux, has_be, _ = left
            if "L" in roles and not has_be:
                if not all(p.strong for p in parts) or not all(_agentless(p) for p in parts):
                    left = None  # bare plurals need "was/were"; "two blasts killed" is active
                elif _AND_TRIGGER_RE.match(text, te):
                    left = None  # "two gunmen killed and wounded dozens"
                elif right is not None and any(p.strong for p in right[0]):
                    left = None  # "three gunmen killed two soldiers": the right side is the object
                elif right is not None:
                    right = None  # "12 wounded soldiers": adjectival, the number belongs on the left
            elif "A" in roles and not has_be and not all(p.strong for p in parts):
                left = None  # "shot him dead" is read by the special pattern
        if left is not None:
            parts = left[0]
            total = bool(_TOTAL_AFTER_RE.match(text, te)) or any(
                text[p.start : p.end].lower().startswith("a total of") for p in parts
            )
            _emit(out, text, offset, kind, parts, None, te, is_total=total)
        if right is not None:
            parts, subs, rend = right
            total = bool(_TOTAL_AFTER_RE.match(text, rend)) or any(
                text[p.start : p.end].lower().startswith("a total of") for p in parts
            )
            _emit(out, text, offset, kind, parts, ts, None, is_total=total)
            if subs:
                _emit(out, text, offset, kind, subs, ts, None, subset=True)

    for m in _VERB_OBJ_LEAD.finditer(text):
        parts = _read_parts(text, m.start("parts"), m.end("parts"))
        _emit(out, text, offset, "fatalities", parts, m.start(), m.end())
    for m in _LIVES_RE.finditer(text):
        if m.group("parts"):
            parts = _read_parts(text, m.start("parts"), m.end("parts"))
        else:
            q = parse_quantity(m.group("q"))
            parts = [_Part(m.start("q"), m.end("q"), q, None, False, True)] if q else []
        _emit(out, text, offset, "fatalities", parts, m.start(), m.end())
    for m in _LOST_RE.finditer(text):
        parts = _read_parts(text, m.start("parts"), m.end("parts"))
        parts = [p for p in parts[:1] if p.strong and p.victims and _is_person(p.victims.split()[-1])]
        _emit(out, text, offset, "fatalities", parts, m.start(), None)
    for m in _AMONG_RE.finditer(text):
        left = _AMONG_LEFT_RE.search(text, _window_start(text, m.start()), m.start())
        if left is None:
            continue
        parts = [p for p in _read_parts(text, left.start("parts"), left.end("parts")) if p.strong]
        kind = _AMONG_KIND[m.group("t").lower()]
        _emit(out, text, offset, kind, parts, left.start(), m.end(), subset=True)
    for m in _HOSTAGE_RE.finditer(text):
        parts = _read_parts(text, m.start("parts"), m.end("parts"))
        _emit(out, text, offset, "abductions", parts, m.start(), m.end())
    for m in _TOLL_RE.finditer(text):
        noun = " ".join((m.group("tk") or m.group("nk") or "death").lower().split())
        kind = _TOLL_KIND.get(noun, "fatalities")
        q = parse_quantity(m.group("q"))
        if q is not None:
            part = _Part(m.start("q"), m.end("q"), q, None, False, True)
            upd = bool(m.group("upd"))
            _emit(out, text, offset, kind, [part], m.start(), m.end(), is_total=True, is_update=upd)
    for m in _BRING_RE.finditer(text):
        q = parse_quantity(m.group("q"))
        if q is not None:
            part = _Part(m.start("q"), m.end("q"), q, None, False, True)
            _emit(out, text, offset, "fatalities", [part], m.start(), m.end(), is_total=True, is_update=True)
    for m in _TALLY_RE.finditer(text):
        q = parse_quantity(m.group("q"))
        before = [c for c in out if c.span.start - offset < m.start()]
        if q is not None and before:
            kind = max(before, key=lambda c: c.span.start).kind
            part = _Part(m.start("q"), m.end("q"), q, None, False, True)
            _emit(out, text, offset, kind, [part], m.start(), m.end(), is_total=True, is_update=True)
    for m in _ZERO_RE.finditer(text):
        words = m.group("t") or m.group("lives")
        kinds: list[str] = []
        for w in re.split(r"\s*(?:,|\bor\b|\band\b|\bnor\b)\s*", words):
            for pat, ks in _ZERO_KIND:
                if pat.search(w):
                    kinds.extend(k for k in ks if k not in kinds)
                    break
        for k in kinds:
            part = _Part(m.start(), m.end(), ZERO, None, False, True)
            _emit(out, text, offset, k, [part], m.start(), m.end())
    return _dedupe(out)


def _dedupe(mentions: list[CountMention]) -> list[CountMention]:
    """Drop a mention overlapping a longer one of the same kind and figure (two patterns, one phrase)."""
    kept: list[CountMention] = []
    for m in sorted(mentions, key=lambda m: (-(m.span.end - m.span.start), m.span.start)):
        if any(
            k.kind == m.kind
            and k.quantity.best == m.quantity.best
            and (m.group is None or k.group != m.group)
            and k.span.start < m.span.end
            and m.span.start < k.span.end
            for k in kept
        ):
            continue
        kept.append(m)
    kept.sort(key=lambda m: (m.span.start, m.span.end))
    return kept


# --------------------------------------------------------------------------- combine

_RANK = {"number": 3, "vague": 2, "article": 2, "plural": 1, "zero": 0}


def combine(mentions: list[CountMention]) -> dict[str, Count]:
    """Merge the count mentions of ONE event into one :class:`Count` per kind found.

    Rules, per kind (``best`` stays the conservative figure; ``low``/``high`` keep the range):

    1. Zero ("no one was hurt") is used only when no positive figure of that kind exists.
    2. Updated tolls ("rose to 15") supersede everything else; several updates -> the largest.
    3. Otherwise stated totals ("death toll of 15", "a total of 15") override parts; conflicting
       totals -> the smallest as ``best``, the largest as ``high``.
    4. Otherwise figures are never added because they repeat: a figure for the same side
       ("12 soldiers" ... "the 12 soldiers") counts once. Where the same side has conflicting
       figures, ``best`` is the smallest, ``high`` the largest. Precise numbers outrank vague words
       and singulars, which outrank bare plurals ("soldiers were killed" = 2) on the same side.
    5. Different sides are parts of one total and are summed ("8 soldiers and 4 militants" = 12,
       also across sentences); parts of one coordinated phrase are always summed, even when their
       side is the same ("3 women and 2 children" = 5).
    6. Generic figures ("12 people") and the side sum are alternatives: the larger wins, since the
       parts of a total cannot exceed it.
    7. Subset figures ("including 3 children", "two of the soldiers", "two policemen were among the
       dead") are ignored when any other figure exists; a lone subset is used as is. So are figures
       summed over several events ("seven killed in two explosions", conventions §7: each event
       takes its own part), when the event has a figure of its own. (A partitive
       of a side nothing else counts, "several of the attackers were also killed", is ignored too:
       the conservative reading, and usually a separate event, such as the air strike that hit them.)

    Each :class:`Count` keeps its per-side parts in ``by_side`` ("state_forces": 5, "armed_group": 12),
    beside the total in ``best``.

    The returned span is the span of the mention that decided ``best`` (the first part of a sum).
    """
    out: dict[str, Count] = {}
    for kind in KINDS:
        ms = sorted((m for m in mentions if m.kind == kind), key=lambda m: m.span.start)
        if ms:
            out[kind] = _combine_kind(ms)
    return out


def _sum(qs: list[Quantity]) -> Quantity:
    lows = [q.low for q in qs]
    highs = [q.high for q in qs]
    return Quantity(
        sum(lows) if all(v is not None for v in lows) else None,  # type: ignore[misc]
        sum(q.best or 0 for q in qs),
        sum(highs) if all(v is not None for v in highs) else None,  # type: ignore[misc]
        any(q.approximate for q in qs),
        min((q.basis for q in qs), key=lambda b: _RANK[b]),
    )


def _conservative(items: list[tuple[Quantity, Span]]) -> tuple[Quantity, Span]:
    """Among alternative readings of one figure: the best-ranked basis, smallest best, largest high."""
    top = max(_RANK[q.basis] for q, _ in items)
    items = [(q, s) for q, s in items if _RANK[q.basis] == top]
    q, span = min(items, key=lambda it: (it[0].best or 0, it[1].start))
    high = q.high
    if len(items) > 1:
        known = [x.high for x, _ in items if x.high is not None]
        top_best = max(x.best or 0 for x, _ in items)
        high = max([*known, top_best]) if known or top_best > (q.best or 0) else None
    lows = [x.low for x, _ in items if x.low is not None]
    low = min(lows) if lows else None
    if low is not None and q.best is not None and low > q.best:
        low = q.low
    return Quantity(low, q.best, high, q.approximate, q.basis), span


def _count(q: Quantity, span: Span, by_side: dict[str, int] | None = None) -> Count:
    return Count(best=q.best, low=q.low, high=q.high, span=span, by_side=dict(by_side or {}))


def _combine_kind(ms: list[CountMention]) -> Count:
    positive = [m for m in ms if (m.quantity.best or 0) > 0 or (m.quantity.low or 0) > 0]
    if not positive:
        return _count(ZERO, ms[0].span)
    positive = [m for m in positive if not m.over_events] or positive
    main = [m for m in positive if not m.is_subset] or positive
    generic, per_side = _units(main)
    # the parts each side's own figures give (a bare plural, "the detained protesters", gives none)
    sides = {side: _conservative(items)[0] for side, items in sorted(per_side.items())}
    by_side = {side: q.best or 0 for side, q in sides.items() if _RANK[q.basis] >= 2}
    updates = [m for m in positive if m.is_update]
    if updates:
        best = max(updates, key=lambda m: (m.quantity.best or 0, m.span.start))
        return _count(best.quantity, best.span, by_side)
    totals = [m for m in positive if m.is_total and not m.is_subset]
    if totals:
        q, span = _conservative([(m.quantity, m.span) for m in totals])
        return _count(q, span, by_side)

    candidates: list[tuple[Quantity, Span]] = []
    if generic:
        candidates.append(_conservative(generic))
    if per_side:
        chosen = [_conservative(items) for items in per_side.values()]
        chosen.sort(key=lambda it: it[1].start)
        candidates.append((_sum([q for q, _ in chosen]), chosen[0][1]))
    # a stronger basis wins; between equals, the larger (parts of a total cannot exceed it)
    q, span = max(candidates, key=lambda it: (_RANK[it[0].basis] >= 2, it[0].best or 0))
    return _count(q, span, by_side)


def _units(
    main: list[CountMention],
) -> tuple[list[tuple[Quantity, Span]], dict[str, list[tuple[Quantity, Span]]]]:
    """Generic figures and per-side figures; a unit is a coordinated group or one standalone mention."""
    units: dict[object, list[CountMention]] = {}
    for i, m in enumerate(main):
        units.setdefault(("g", m.group) if m.group is not None else ("m", i), []).append(m)
    generic: list[tuple[Quantity, Span]] = []
    per_side: dict[str, list[tuple[Quantity, Span]]] = {}
    for parts in units.values():
        first_span = parts[0].span
        sides: dict[str | None, list[Quantity]] = {}
        for p in parts:
            sides.setdefault(p.side, []).append(p.quantity)
        if len(parts) > 1 or None in sides:
            generic.append((_sum([p.quantity for p in parts]), first_span))
        for side, qs in sides.items():
            if side is not None:
                per_side.setdefault(side, []).append((_sum(qs), first_span))
    return generic, per_side


def count_ranges(totals: dict[str, Count]) -> dict[str, dict[str, object]]:
    """Every known count as a plain dict: ``{"fatalities": {"low", "best", "high", "by_side"}}``."""
    return {
        kind: {"low": c.low, "best": c.best, "high": c.high, "by_side": dict(c.by_side)}
        for kind, c in totals.items()
        if c.known
    }
