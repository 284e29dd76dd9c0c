"""The ``assemble`` stage: merge mentions into one record per real-world event.

Mentions of one event told across many sentences (the raid, the killing, "the operation")
become one event; mentions with different places, dates or incompatible kinds stay apart.
Each event takes its fields from its mentions by precedence, with the spans behind them.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from dateline.actors.dictionary import COUNTRY_PLACEHOLDER, ActorDictionary, fill_country
from dateline.events.coref import CorefModel, PairScorer, shipped_coref_model
from dateline.events.lexicon import Lexicon, Taxonomy, default_lexicon, default_taxonomy
from dateline.events.notes import write_notes
from dateline.events.typing import SURE_RULE, went_off_early
from dateline.geo.distance import haversine_km
from dateline.model import NOT_AN_EVENT, Claim, Count, Event, Mention, Span
from dateline.pipeline import ArticleDoc, Resources, register_stage
from dateline.sources.corroboration import assess
from dateline.sources.outlets import source_and_scale

log = logging.getLogger(__name__)

#: Which sub-event type an event takes when its mentions disagree (first wins): ACLED's
#: hierarchy (conventions §2.0: Battles > Protests > Riots > Explosions/Remote violence >
#: Violence against civilians > Strategic developments, each type's sub-types in the codebook's
#: order), with one exception the conventions state (§1.2, §2.3, §10.15, §10.17): demonstrators
#: who turn violent make the day a Violent demonstration, whatever force was used on them.
SUB_PRECEDENCE: tuple[str, ...] = (
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Armed clash",
    "Violent demonstration",
    "Excessive force against protesters",
    "Protest with intervention",
    "Peaceful protest",
    "Mob violence",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
)
_RANK = {s: i for i, s in enumerate(SUB_PRECEDENCE)}
_TERRITORIAL = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_TERRITORY_CLASSES = frozenset({"territory_take", "territory_regain"})
_LEVEL_RANK = {"place": 0, "near": 1, "admin3": 2, "admin2": 3, "admin1": 4, "region": 5, "country": 6}
_RAID_WORDS = ("raid", "storm", "search", "swoop", "crackdown", "seiz")
_CROWD_SUBS = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
    }
)
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


#: Trigger classes that tell an outcome (killed, wounded), not the means: however sure the typer
#: is of the sentence, they carry no means of their own and do not decide by precedence over a
#: told means (conventions §2.0: the hierarchy ranks what happened, not who died).
_OUTCOME_CLASSES = frozenset({"kill", "injure"})
#: Trigger classes that name the means of violence ("bomb", "air strike", "shelling").
_MEANS_CLASSES = frozenset({"explosive", "airstrike", "shelling", "suicide", "grenade", "chemical"})


def cluster_sub_event_type(mentions: list[Mention]) -> str:
    """The sub-event type of an event from its mentions' types.

    Sure mentions (explicit means or kind: "air strike", "shelling", "protest"; beside a told
    means, an outcome word such as "killed" is not) decide by ACLED's precedence; otherwise the
    type with the most confidence summed over the mentions wins, ties going to precedence, so
    one unsure sentence cannot turn a told raid into an air strike.
    """
    sure = [m for m in mentions if m.score >= SURE_RULE]
    lex = default_lexicon()
    if any(went_off_early(m.trigger_class, m.sentence_span.text, lex) for m in sure):
        # a bomb that went off in its planters' hands: however the other sentences (and the
        # typer, which reads "detonated" as an IED) name the bomb, the event is the disrupted
        # use of it (conventions §2.4, §2.6)
        return "Disrupted weapons use"
    if any(m.trigger_class in _MEANS_CLASSES for m in sure):
        sure = [m for m in sure if m.trigger_class not in _OUTCOME_CLASSES]
    if sure:
        return min((m.sub_event_type or "Other" for m in sure), key=lambda s: _RANK.get(s, 99))
    votes: dict[str, float] = {}
    for m in mentions:
        sub = m.sub_event_type or "Other"
        votes[sub] = votes.get(sub, 0.0) + m.score
    return max(votes, key=lambda s: (round(votes[s], 6), -_RANK.get(s, 99)))


def family(m: Mention) -> str:
    """A coarse kind used to decide which mentions may belong to one event."""
    if m.sub_event_type == "Arrests":
        return "arrest"
    if m.sub_event_type == "Looting/property destruction":
        return "loot"
    if m.sub_event_type == "Disrupted weapons use":
        # weapons seized in a raid are part of the raid: same actors, day and place make one
        # event, typed by the higher type (conventions §1.2); alone it stays its own event
        return "violence"
    if m.event_type in ("Protests",) or m.sub_event_type == "Violent demonstration":
        return "protest"
    if m.event_type in _VIOLENT_TYPES or m.sub_event_type == "Mob violence":
        return "violence"
    return m.sub_event_type or "other"


def places_compatible(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Two places can be one event's place: same country, and one is the other or contains it."""
    if not a or not b:
        return True
    if a.get("iso2") and b.get("iso2") and a["iso2"] != b["iso2"]:
        return False
    sa, sb = a.get("sub_location"), b.get("sub_location")
    if sa and sb and _norm(sa) != _norm(sb):
        return False  # two named parts of a town: "Belfast - Markets", "Belfast - Oldpark" (§1.2, §5)
    la, lb = a.get("level", "country"), b.get("level", "country")
    if la in ("place", "near") and lb in ("place", "near"):
        if _norm(a.get("location")) == _norm(b.get("location")):
            return True
        # "on the outskirts of Mogadishu ... in the Daynile district": a district or suburb
        coords = [a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude")]
        return None not in coords and haversine_km(*coords) <= SAME_PLACE_KM
    for key in ("admin1", "admin2"):
        if a.get(key) and b.get(key) and _norm(a[key]) != _norm(b[key]):
            return False
    return True


#: Kinds of violence that, when nobody is named, are an unidentified armed group's
_UNCLAIMED_BY_ARMED_GROUPS = frozenset(
    ["Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Abduction/forced disappearance"]
)

#: Two named places this close are one event's place: a town and its district or suburb.
SAME_PLACE_KM = 15.0


def _norm(s: str | None) -> str:
    return (s or "").casefold().replace("-", " ").strip()


def dates_compatible(a: Mention, b: Mention | _Cluster) -> bool:
    a_start, a_end = a.event_date, a.date_end or a.event_date
    if isinstance(b, _Cluster):
        b_start, b_end = b.date_range()
    else:
        b_start, b_end = b.event_date, b.date_end or b.event_date
    if a_start is None or b_start is None or a_end is None or b_end is None:
        return True
    return a_start <= b_end and b_start <= a_end


def families_compatible(a: str, b: str, mentions: list[Mention], m: Mention) -> bool:
    if a == b or "arrest" in (a, b) or "loot" in (a, b):
        return True
    if {a, b} == {"violence", "protest"}:
        inters = {x.inter1 for x in [*mentions, m]} | {x.inter2 for x in [*mentions, m]}
        return bool(inters & {5, 6}) or any(
            x.sub_event_type == "Excessive force against protesters" for x in [*mentions, m]
        )
    return False


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    background: bool = False
    separate_sentence: int | None = None  # the sentence that announced it as a separate event

    @property
    def strong(self) -> list[Mention]:
        return [m for m in self.mentions if not m.weak] or self.mentions

    def family(self) -> str:
        fams = [family(m) for m in self.strong]
        for f in fams:
            if f not in ("arrest", "loot"):
                return f
        return fams[0]

    def place(self) -> dict[str, Any] | None:
        places = [m.place for m in self.mentions if m.place]
        if not places:
            return None
        return min(places, key=lambda p: _LEVEL_RANK.get(p.get("level", "country"), 9))

    def date_range(self) -> tuple[date | None, date | None]:
        dated = [m for m in self.mentions if m.event_date is not None]
        if not dated:
            return None, None
        best = min(dated, key=lambda m: m.time_precision or 9)
        return best.event_date, best.date_end or best.event_date

    def accepts(self, m: Mention) -> bool:
        if m.is_background != self.background:
            return False
        if not places_compatible(m.place, self.place()):
            return False
        if not dates_compatible(m, self):
            return False
        return m.weak or families_compatible(family(m), self.family(), self.mentions, m)


def _fit_score(c: _Cluster, m: Mention) -> float:
    """How well a mention fits an event already started: the same named place, a shared actor,
    the same sentence, the same kind; ties go to the most recent event."""
    score = 0.0
    place = c.place()
    if (
        m.place
        and place
        and m.place.get("level") in ("place", "near")
        and place.get("level") in ("place", "near")
    ):
        score += 3.0  # compatible and both specific: the same town
    elif m.place and place and m.place.get("admin1") and m.place.get("admin1") == place.get("admin1"):
        score += 1.5  # the same province
    actors = {x.actor1 for x in c.mentions} | {x.actor2 for x in c.mentions}
    if (m.actor1 and m.actor1 in actors) or (m.actor2 and m.actor2 in actors):
        score += 2.0
    if any(x.sentence == m.sentence for x in c.mentions):
        score += 1.0
    if family(m) == c.family():
        score += 0.5
    return score


def _last_before(c: _Cluster, m: Mention) -> int:
    """Where the event was last told before this mention (the most recent event wins ties)."""
    return max((x.trigger.start for x in c.mentions if x.trigger.start <= m.trigger.start), default=-1)


#: A mention joins the event it most probably corefers with when that probability is this high.
LINK_THRESHOLD = 0.0


#: How many sentences apart a mention and an event it joins may be told (see :func:`cluster_mentions`).
CLUSTER_WINDOW = 100


def cluster_mentions(
    mentions: list[Mention],
    link: Callable[[Mention, Mention], float] | None = None,
    threshold: float = LINK_THRESHOLD,
) -> list[_Cluster]:
    """Group mentions into events: a weak mention only joins, a strong one may start an event.

    The rules say which events a mention may join: same status (news or background), compatible
    places, dates and kinds; a mention the text marks as another event ("in a separate attack")
    only joins an event begun in its own sentence by such a mention; background mentions in
    different sentences are different past events, and an undated one joins the last past event
    told. Among those, ``link`` (the coreference model's P(same event) for two mentions) chooses
    the event whose mentions it most probably tells again, and below ``threshold`` the mention
    starts its own; without ``link``, the rules' fit score chooses.
    """
    clusters: list[_Cluster] = []
    ordered = sorted((m for m in mentions if not m.excluded), key=lambda m: (m.weak, m.trigger.start))
    # a mention only looks at events told within CLUSTER_WINDOW sentences of its own (all of them
    # in a news-length report; in a long one, not every event of the text for every mention, which
    # was quadratic in its length), found through the blocks of CLUSTER_WINDOW sentences they span
    reach: dict[int, tuple[int, int]] = {}  # id(event) -> first and last sentence
    blocks: dict[int, set[int]] = {}  # sentence // CLUSTER_WINDOW -> indices into ``clusters``
    index: dict[int, int] = {}  # id(event) -> its index in ``clusters``

    def near(c: _Cluster, m: Mention) -> bool:
        lo, hi = reach[id(c)]
        return lo - CLUSTER_WINDOW <= m.sentence <= hi + CLUSTER_WINDOW

    def nearby(m: Mention) -> list[_Cluster]:
        b = m.sentence // CLUSTER_WINDOW
        found = set().union(*(blocks.get(k, ()) for k in (b - 1, b, b + 1)))
        return [clusters[i] for i in sorted(found) if near(clusters[i], m)]  # in the order begun

    def join(c: _Cluster, m: Mention) -> None:
        c.mentions.append(m)
        lo, hi = reach.get(id(c), (m.sentence, m.sentence))
        lo, hi = min(lo, m.sentence), max(hi, m.sentence)
        reach[id(c)] = (lo, hi)
        for k in range(lo // CLUSTER_WINDOW, hi // CLUSTER_WINDOW + 1):
            blocks.setdefault(k, set()).add(index[id(c)])

    for m in ordered:
        nearby_events = nearby(m)
        fits = [c for c in nearby_events if c.accepts(m)]
        if m.is_background and m.event_date is None:
            # "during that earlier protest ... several were wounded": the last past event told
            past = [c for c in nearby_events if c.background and places_compatible(m.place, c.place())]
            same = [c for c in past if any(x.sentence == m.sentence for x in c.mentions)]
            fits = (same or past)[-1:]
        if m.separate and not m.weak:
            fits = [c for c in fits if c.separate_sentence == m.sentence]
        if m.is_background and m.event_date is not None:
            fits = [c for c in fits if any(x.sentence == m.sentence for x in c.mentions)]
        if fits and link is not None:
            # the model chooses among the events the rules allow: the one whose mentions this
            # one most probably tells again
            p, best = max(
                ((sum(link(x, m) for x in c.mentions) / len(c.mentions), c) for c in fits), key=lambda t: t[0]
            )
            if p >= threshold:
                join(best, m)
                continue
            fits = []
        if fits:
            best = max(fits, key=lambda c: (_fit_score(c, m), _last_before(c, m)))
            join(best, m)
            continue
        if not m.weak:
            clusters.append(
                _Cluster([], background=m.is_background, separate_sentence=m.sentence if m.separate else None)
            )
            index[id(clusters[-1])] = len(clusters) - 1
            join(clusters[-1], m)
    for c in clusters:
        c.mentions.sort(key=lambda x: x.trigger.start)
    clusters.sort(key=lambda c: c.mentions[0].trigger.start)
    return clusters


def _part(v: int | None, k: int, i: int) -> int | None:
    """The ``i``-th of ``k`` even shares of ``v``, the first taking what does not divide
    (conventions §7: a toll told for several places is divided, 7 over 3 is 3/2/2)."""
    return None if v is None else v // k + (1 if i < v % k else 0)


def _share(count: Count | None, k: int, i: int) -> Count | None:
    if count is None or not count.known:
        return count
    return Count(best=_part(count.best, k, i), low=_part(count.low, k, i), high=_part(count.high, k, i),
                 span=count.span)  # fmt: skip


def _shared_figure(cm: Any, k: int, i: int) -> Any:
    q = cm.quantity
    return replace(
        cm, quantity=replace(q, low=_part(q.low, k, i), best=_part(q.best, k, i), high=_part(q.high, k, i))
    )


def split_by_place(mentions: list[Mention]) -> list[Mention]:
    """One mention per place of a list ("marches in Chicago, Boston and Los Angeles", "killing
    seven in A and B"): each place is its own event (conventions §1.2: split by location), with
    an even share of the figures told for them all. The placeless mentions of the same sentence
    ("..., killing seven") tell the same events and are split alike."""
    places: dict[int, list[tuple[dict[str, Any] | None, Span | None]]] = {}
    for m in mentions:
        if m.more_places and not m.excluded:
            places.setdefault(m.sentence, [(m.place, m.place_span), *m.more_places])
    out: list[Mention] = []
    for m in mentions:
        listed = places.get(m.sentence) if not m.excluded else None
        # a mention with a place of its own outside the list is another event of the sentence
        if listed is None or (m.place is not None and m.place is not listed[0][0] and not m.more_places):
            out.append(m)
            continue
        k = len(listed)
        for i, (place, span) in enumerate(listed):
            out.append(
                replace(
                    m,
                    place=place,
                    place_span=span,
                    more_places=[],
                    claims=list(m.claims),
                    people=list(m.people),
                    count_mentions=[_shared_figure(cm, k, i) for cm in m.count_mentions],
                    **{
                        name: _share(getattr(m, name), k, i)
                        for name in ("fatalities", "injuries", "arrests", "abductions")
                    },
                )
            )
    return out


#: How much more probable, on average over an event's mentions, the other status must be for
#: the event to take it. Chosen by cross-validation on the labelled articles (0-0.3; 0.1: the
#: news/past accuracy of their labelled mentions 0.863 -> 0.879), never on the record golds.
VOTE_MARGIN = 0.1


def vote_status(
    clusters: list[_Cluster],
    probs: dict[int, dict[str, float]],
    margin: float = VOTE_MARGIN,
    published: date | None = None,
) -> None:
    """Whether an event is the report's news or a past event it recalls is the event's, not each
    sentence's: its mentions vote with the status model's probabilities (``probs`` by trigger
    start), and the event, with all its mentions, moves to the side they favour by more than
    ``margin``. One sentence sure of the past no longer decides alone, nor does one that is not.
    A mention moved to the news forgets a date of the past (:meth:`Mention.take_as_news`)."""
    for c in clusters:
        votes = [probs[m.trigger.start] for m in c.strong if m.trigger.start in probs]
        if not votes:
            continue
        past = sum(p.get("background", 0.0) for p in votes) / len(votes)
        news = sum(p.get("current", 0.0) for p in votes) / len(votes)
        if not c.background and past > news + margin:
            c.background = True
        elif c.background and news > past + margin:
            c.background = False
        for m in c.mentions:
            if c.background and not m.is_background:
                m.is_background = True
                m.background_reason = f"status model: the event's mentions read it as past ({past:.2f})"
            elif not c.background and m.is_background:
                m.take_as_news(published)


def news_place(clusters: list[_Cluster]) -> dict[str, Any] | None:
    """The most specific place the report's news events name (the earliest among equals)."""
    placed = [(c.place(), c.mentions[0].trigger.start) for c in clusters if not c.background]
    placed = [(p, start) for p, start in placed if p is not None and p.get("level") != "country"]
    if not placed:
        return None
    return min(placed, key=lambda t: (_LEVEL_RANK.get(t[0].get("level", "country"), 9), t[1]))[0]


@dataclass(frozen=True, slots=True)
class _Side:
    """One actor as a mention gives it: name (maybe with a country placeholder), inter, span."""

    name: str
    inter: int | None
    span: Span | None
    assoc: list[str]
    claimed: bool = False


def _filled(name: str, asm: Assembler, iso2: str | None) -> str | None:
    return asm._fill(name, None, iso2)[0]


@dataclass
class Assembler:
    """The ``assemble`` stage."""

    dictionary: ActorDictionary
    lexicon: Lexicon
    taxonomy: Taxonomy
    #: the actors retype Armed clash/Attack and the territorial sub-types unless the trained
    #: typer read the event's own type at least this sure (above 1: the actors always decide)
    actors_retype_below: float = 0.7
    #: Platt scaling (a, b) of the typer's reading into an event's confidence, fitted by
    #: scripts/calibrate_events.py on the held-out real items (the reading of a sentence is
    #: calibrated; the first event of a report, after the rules, is right less often)
    confidence_scale: tuple[float, float] = (0.565, -0.032)
    #: the trained coreference model (None: the clustering rules)
    coref: CorefModel | None = None
    link_threshold: float = LINK_THRESHOLD
    #: an event's mentions vote on its status (see :func:`vote_status`; None: no vote)
    vote_margin: float | None = VOTE_MARGIN
    name: str = "assemble"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        mentions = split_by_place(adoc.mentions)
        link = None
        if self.coref is not None:
            live = [m for m in mentions if not m.excluded]
            link = PairScorer(self.coref, live, adoc.doc, adoc.context.get("sentence_vectors") or {})
        clusters = cluster_mentions(mentions, link, self.link_threshold)
        if self.vote_margin is not None:
            probs = adoc.context.get("status_probs") or {}
            vote_status(clusters, probs, self.vote_margin, adoc.article.published)
        adoc.context["news_place"] = news_place(clusters)
        seen: dict[int, int] = {}
        for c in clusters:
            for i in {m.sentence for m in c.mentions}:
                seen[i] = seen.get(i, 0) + 1
        # sentences that tell of more than one event: their reading by the typer is no one's own
        adoc.context["shared_sentences"] = {i for i, n in seen.items() if n > 1}
        events = [self.build(adoc, c) for c in clusters]
        kept = [
            i
            for i, (ev, c) in enumerate(zip(events, clusters, strict=True))
            if c.background or (self._substantiated(ev, c) and not _aggregate_reference(c, adoc))
        ]
        dropped = [i for i in range(len(events)) if i not in kept]
        adoc.context["dropped_events"] = [events[i] for i in dropped]
        elsewhere = {m.sentence for i in dropped for m in clusters[i].mentions}
        clusters, events = [clusters[i] for i in kept], [events[i] for i in kept]
        self._attach_claims(adoc, clusters, events, elsewhere)
        for ev in events:
            assess(ev)
            ev.notes = write_notes(ev)
        adoc.events = events
        return adoc

    @staticmethod
    def _substantiated(ev: Event, c: _Cluster) -> bool:
        """Whether there is enough to code an event: an actor, a named means of violence, a
        crowd, or a toll. Bare violent words with nobody and nothing behind them ("the
        violence", "was shot") are not coded."""
        if ev.actor1 or ev.actor2 or ev.fatalities or ev.injuries or ev.arrests:
            return True
        if ev.event_type not in ("Battles", "Violence against civilians"):
            return True
        return max(m.score for m in c.mentions) >= 0.7

    # --- one event from one cluster ---------------------------------------------------
    def build(self, adoc: ArticleDoc, c: _Cluster) -> Event:
        article = adoc.article
        ev = Event(article_id=article.id, is_background=c.background)
        ev.mentions = [m.trigger for m in c.mentions]
        self._place(ev, c, adoc)
        self._counts(ev, c)
        self._date(ev, c, adoc)
        self._type(ev, c, adoc)
        self._actors(ev, c, adoc)
        ev.source, ev.source_scale = source_and_scale(article)
        ev.add_evidence("source", article.agency_span)
        ev.confidence = self._confidence(ev, c)
        return ev

    def _type(self, ev: Event, c: _Cluster, adoc: ArticleDoc) -> None:
        strong = c.strong
        sub = cluster_sub_event_type(strong)
        if sub in _TERRITORIAL and not any(m.trigger_class in _TERRITORY_CLASSES for m in strong):
            # territory changes hands when a place is taken and held (conventions §2.1, §10.6):
            # the lexicon must have found a place taken ("seized the town"); an overrun base
            # or an offensive is an armed clash
            sub = "Armed clash"
        if self._is_arrest_raid(ev, c):
            sub = "Arrests"
        elif family(strong[0]) == "protest" or sub in ("Peaceful protest", "Protest with intervention"):
            sub = self._protest_type(sub, c, adoc)
        ev.sub_event_type = sub
        for m in c.mentions:
            if m.sub_event_type == sub or m is strong[0]:
                ev.add_evidence("sub_event_type", m.trigger)

    @staticmethod
    def _is_arrest_raid(ev: Event, c: _Cluster) -> bool:
        """A raid whose only reported outcome is arrests is coded as Arrests, not as violence."""
        if ev.fatalities or ev.injuries or not any(m.sub_event_type == "Arrests" for m in c.mentions):
            return False
        doc_free = [m for m in c.strong if m.sub_event_type != "Arrests"]
        return all(m.trigger.text.lower().startswith(_RAID_WORDS) for m in doc_free)

    def _protest_type(self, sub: str, c: _Cluster, adoc: ArticleDoc) -> str:
        # the sentences the lexicon found the demonstration in (a model-found mention adds events,
        # it does not retype one)
        told = {m.sentence_span for m in c.mentions if m.trigger_class != "model"}
        text = " ".join(s.text for s in sorted(told, key=lambda s: s.start))
        if sub == "Violent demonstration" or self.lexicon.cue("violent_protest", text):
            return "Violent demonstration"
        if self.lexicon.cue("excessive_force", text):
            return "Excessive force against protesters"
        if sub == "Protest with intervention" or self.lexicon.cue("intervention", text):
            return "Protest with intervention"
        return sub if sub in _RANK else "Peaceful protest"

    def _finish_type(self, ev: Event, c: _Cluster, shared: set[int]) -> None:
        sub = ev.sub_event_type or "Other"
        own = [m for m in c.mentions if m.model_probs and m.sentence not in shared]
        read = max((m.model_probs.get(sub, 0.0) for m in own if m.model_probs), default=0.0)
        if read >= self.actors_retype_below:
            pass  # the typer read the type itself, in the words; the actors found may be wrong
        # ACLED: violence by an armed actor against civilians is Violence against civilians;
        # against another armed actor it is a battle.
        elif sub == "Armed clash" and ev.inter2 == 7:
            sub = "Attack"
        elif sub == "Attack" and ev.inter2 in (1, 2, 3, 4, 8):
            sub = "Armed clash"
        elif sub == "Non-state actor overtakes territory" and ev.inter1 == 1:
            sub = "Government regains territory"
        elif sub == "Government regains territory" and ev.inter1 in (2, 3, 4, 8):
            # a foreign state's forces taking a place use the non-state sub-type (§2.1, §10.7)
            sub = "Non-state actor overtakes territory"
        ev.sub_event_type = sub
        ev.event_type = self.taxonomy.event_type(sub)
        ev.disorder_type = self.taxonomy.disorder_type(sub)
        ev.add_evidence("event_type", (ev.evidence.get("sub_event_type") or [None])[0])
        if ev.inter2 == 7 and ev.disorder_type.startswith("Political violence"):
            ev.civilian_targeting = "Civilian targeting"

    def _actors(self, ev: Event, c: _Cluster, adoc: ArticleDoc) -> None:
        ranked = sorted(c.mentions, key=lambda m: (m.weak, m.sentence, -m.score))
        places = {t.text.casefold() for t in adoc.toponyms}
        side1 = [
            _Side(m.actor1, m.inter1, m.actor1_span, m.assoc_actor_1, m.agent_claimed)
            for m in ranked
            if m.actor1 and m.actor1.casefold() not in places
        ]
        side2 = [
            _Side(m.actor2, m.inter2, m.actor2_span, m.assoc_actor_2)
            for m in ranked
            if m.actor2 and m.actor2.casefold() not in places
        ]
        iso2 = ev.iso2
        # a named group beats "gunmen" told of earlier: "Jihadist fighters ... ISWAP fighters stormed"
        # and a group that claimed the act beats the doer a first account gave
        side1.sort(key=lambda a: (not a.claimed, a.name.startswith("Unidentified Armed Group")))
        side2.sort(key=lambda a: a.name.startswith("Unidentified Armed Group"))
        crowd = [a for a in side1 + side2 if a.inter in (5, 6)]
        state = [a for a in side1 + side2 if a.inter == 1]
        sub = ev.sub_event_type or "Other"
        if sub in _CROWD_SUBS or (crowd and sub in ("Looting/property destruction", "Attack", "Armed clash")):
            # demonstrations: the crowd is actor1, the forces that met it are actor2
            riot = sub == "Violent demonstration" or sub not in _CROWD_SUBS
            ev.sub_event_type = "Violent demonstration" if riot else sub
            kind = "rioters" if riot else "protesters"
            first = crowd[0] if crowd else None
            self._set(
                ev,
                1,
                _Side(
                    self.dictionary.generic(kind, None).name,
                    5 if riot else 6,
                    first.span if first else None,
                    [],
                ),
                iso2,
            )
            if state and ev.sub_event_type != "Peaceful protest":
                self._set(ev, 2, state[0], iso2)
        elif sub == "Arrests":
            if state:
                self._set(ev, 1, state[0], iso2)
            others = [a for a in side2 + side1 if a.inter != 1]
            if others:
                self._set(ev, 2, others[0], iso2)
        else:
            if side1:
                self._set(ev, 1, side1[0], iso2)
            rest = [
                a for a in side2 if a.name != (ev.actor1 or "") and _filled(a.name, self, iso2) != ev.actor1
            ]
            if rest:
                self._set(ev, 2, rest[0], iso2)
        if ev.actor1 and ev.actor1 == ev.actor2:
            ev.actor2, ev.inter2 = None, None
        if ev.actor1 is None and (
            (ev.actor2 is not None and sub in ("Attack", "Armed clash")) or sub in _UNCLAIMED_BY_ARMED_GROUPS
        ):
            # ACLED codes every event with an actor1: an unclaimed bombing or abduction is by an
            # unidentified armed group
            ev.actor1, ev.inter1 = self._fill(self.dictionary.generic("unidentified", None).name, 3, iso2)
        _merge_people(ev, c, adoc)
        self._finish_type(ev, c, adoc.context.get("shared_sentences", set()))
        if ev.inter1 is not None:
            lo, hi = sorted((ev.inter1, ev.inter2 or 0))
            ev.interaction = int(f"{ev.inter1}0") if ev.inter2 is None else int(f"{lo}{hi}")

    def _set(self, ev: Event, role: int, side: _Side, iso2: str | None) -> None:
        name, inter = self._fill(side.name, side.inter, iso2)
        assoc = "; ".join(n for a in side.assoc if (n := _filled(a, self, iso2))) or None
        if role == 1:
            ev.actor1, ev.inter1 = name, inter
            ev.assoc_actor_1 = assoc
            ev.add_evidence("actor1", side.span)
        else:
            ev.actor2, ev.inter2 = name, inter
            ev.assoc_actor_2 = assoc
            ev.add_evidence("actor2", side.span)

    def _fill(self, name: str | None, inter: int | None, iso2: str | None) -> tuple[str | None, int | None]:
        """Fill a generic actor's country from the event and set inter 8 for forces abroad."""
        if name is None:
            return None, inter
        if COUNTRY_PLACEHOLDER in name:
            return fill_country(name, self.dictionary.country_name(iso2) if iso2 else "Unknown"), inter
        actor = self.dictionary.get(name)
        if actor is not None and actor.kind in ("military", "police") and actor.country and iso2:
            return name, 1 if actor.country == iso2 else 8
        if name.startswith(("Military Forces of ", "Police Forces of ")) and iso2:
            own = self.dictionary.country_of(name.split(" of ", 1)[1])
            return name, 1 if own == iso2 else 8
        return name, inter

    def _place(self, ev: Event, c: _Cluster, adoc: ArticleDoc) -> None:
        place = c.place()
        # a news event told without a place of its own happened where the report's news did (the
        # most specific place its news events name), not at the first place its lead names,
        # which may be where it was announced ("Abe, in Tokyo, confirmed ...")
        article_place = adoc.context.get("news_place") or adoc.context.get("article_place")
        if place is None and article_place is not None:
            if c.background or c.separate_sentence is not None:
                # a past or separate event told without its own place: only the report's country is known
                place = {k: article_place[k] for k in ("country", "iso2", "iso") if k in article_place}
                place.update(level="country", location=place.get("country"), geo_precision=3, where_prec=6)
            else:
                place = article_place
        if place is not None and not c.background and _dateline_within(place, c, adoc):
            place = adoc.context["dateline_place"]  # "DAKAR - Police in Senegal arrested ...": Dakar
        if place is None:
            return
        for key in (
            "location",
            "admin1",
            "admin2",
            "admin3",
            "country",
            "iso2",
            "iso",
            "region",
            "latitude",
            "longitude",
            "geo_precision",
            "geonameid",
            "where_prec",
            "location_confidence",
        ):
            if place.get(key) is not None:
                setattr(ev, key, place[key])
        for key, span in (place.get("evidence") or {}).items():
            for s in span:
                ev.add_evidence(key, s)

    def _date(self, ev: Event, c: _Cluster, adoc: ArticleDoc) -> None:
        dated = [m for m in c.mentions if m.event_date is not None]
        published = adoc.article.published
        if dated:
            best = min(dated, key=lambda m: (m.time_precision or 9, m.trigger.start))
            ev.event_date = best.event_date.isoformat()
            ev.date_end = (
                best.date_end.isoformat() if best.date_end and best.date_end != best.event_date else None
            )
            ev.time_precision = best.time_precision
            ev.date_prec = best.date_prec
            ev.date_flag = best.date_flag
            ev.add_evidence("event_date", best.date_span)
        elif not c.background and adoc.context.get("main_date") is not None:
            main = adoc.context["main_date"]
            ev.event_date = main["date"].isoformat()
            ev.time_precision = main["precision"]
            ev.date_prec = main.get("date_prec")
            ev.add_evidence("event_date", main.get("span"))
        elif not c.background and published is not None:
            ev.event_date = published.isoformat()
            ev.time_precision = 2
            ev.date_prec = 3
            ev.date_flag = "no date in text: publication date used, precision lowered"
            ev.add_evidence("event_date", adoc.article.dateline_span)
        elif c.background:
            ev.date_flag = "background event without a resolvable date"

    def _counts(self, ev: Event, c: _Cluster) -> None:
        from dateline.counts.casualties import combine, count_ranges

        raw = [cm for m in c.mentions for cm in m.count_mentions]
        totals: dict[str, Count] = combine(raw) if raw else {}
        fat = totals.get("fatalities")
        if fat is not None and fat.known:
            ev.fatalities = fat.best if fat.best is not None else (fat.low or 0)
            ev.fatalities_low, ev.fatalities_high = fat.low, fat.high
            ev.add_evidence("fatalities", fat.span)
        inj = totals.get("injuries")
        if inj is not None and inj.known:
            ev.injuries = inj.best if inj.best is not None else inj.low
            ev.add_evidence("injuries", inj.span)
        arr = totals.get("arrests")
        if arr is not None and arr.known:
            ev.arrests = arr.best if arr.best is not None else arr.low
            ev.arrests_low = arr.low
            ev.add_evidence("arrests", arr.span)
        ev.counts = count_ranges(totals)
        abd = totals.get("abductions")
        if abd is not None and abd.known:
            ev.abductions = abd.best if abd.best is not None else abd.low
            ev.abductions_low = abd.low
            ev.people.append(
                {
                    "name": None,
                    "role": "abducted",
                    "count": abd.best or abd.low,
                    "span": abd.span.to_list() if abd.span else None,
                }
            )
            ev.add_evidence("abductions", abd.span)

    def _confidence(self, ev: Event, c: _Cluster) -> float:
        """The trained typer's calibrated probability of the event's final sub-event type, read
        in the sentences of its mentions (the best of them); without the typer, a blend of the
        rules' type score and how complete the record is."""
        read = [m.model_probs.get(ev.sub_event_type or "", 0.0) for m in c.mentions if m.model_probs]
        if read:
            p = min(max(max(read), 1e-4), 1 - 1e-4)
            a, b = self.confidence_scale
            return round(1 / (1 + math.exp(-(a * math.log(p / (1 - p)) + b))), 3)
        type_score = max(m.score for m in c.mentions)
        parts = [
            type_score,
            1.0 if ev.actor1 else 0.3,
            1.0 if ev.geo_precision in (1, 2) else 0.6 if ev.country else 0.2,
            1.0 if ev.date_flag is None else 0.5,
        ]
        bonus = min(0.1, 0.02 * (len(c.mentions) - 1))
        return round(min(1.0, 0.4 * parts[0] + 0.2 * parts[1] + 0.2 * parts[2] + 0.2 * parts[3] + bonus), 3)

    # --- claims ---------------------------------------------------------------------
    def _attach_claims(
        self, adoc: ArticleDoc, clusters: list[_Cluster], events: list[Event], elsewhere: set[int]
    ) -> None:
        """Claims go to the events told in their sentence; a statement with no event words of its
        own goes to the nearest event before it; one about an event not coded goes nowhere."""
        if not events:
            return
        by_sentence: dict[int, list[int]] = {}
        for i, c in enumerate(clusters):
            for m in c.mentions:
                by_sentence.setdefault(m.sentence, [])
                if i not in by_sentence[m.sentence]:
                    by_sentence[m.sentence].append(i)
        main = next((i for i, e in enumerate(events) if not e.is_background), 0)
        # sentences whose event words the status model read as no event ("denies targeting the
        # opposition"): a statement there still speaks of the event before it
        worded = {m.sentence for m in adoc.mentions if m.excluded == NOT_AN_EVENT}
        for claim in adoc.claims:
            si = adoc.sentence_index(claim.span.start)
            targets = by_sentence.get(si)
            if not targets and si in elsewhere:
                continue
            if not targets:
                # a statement with no event words of its own is about the nearest event before it
                before = [
                    i for i, c in enumerate(clusters) if not c.background and c.mentions[0].sentence <= si
                ]
                targets = [before[-1] if before else main]
                if claim.stance == "denies" and claim.scope != "event" and si not in worded:
                    continue  # a denial with no event words of its own denies something else
            for i in targets:
                ev = events[i]
                ev.claims.append(_with_fields(claim, ev))


_ROLE_RANK = ("killed", "abducted", "arrested", "injured", "victim", "targeted")


#: the sentences of the lead (the headline may be the first), whose event the dateline places
#: (the time stage's LEAD_SENTENCES, for another purpose, counts the lead paragraph without it)
DATELINE_LEAD_SENTENCES = 3


def _dateline_within(place: dict[str, Any], c: _Cluster, adoc: ArticleDoc) -> bool:
    """Whether a news event told in the lead, which its mentions place only in a country or a
    province, takes the dateline's town there: "DAKAR (Reuters) - Police in Senegal arrested ..."
    happened in Dakar, as a coder reads the lead (issue 13, item 4). Decided for the event, after
    its mentions joined, so a lead that sums up an event placed later ("in an attack in
    northeast Nigeria" ... "in the town of Marte") keeps that place."""
    town = adoc.context.get("dateline_place")
    if town is None or not town.get("iso2") or town["iso2"] != place.get("iso2"):
        return False
    if place.get("level") == "admin1":  # "in uttar pradesh" under "lucknow:": the town is in it
        if not place.get("admin1") or town.get("admin1") != place.get("admin1"):
            return False
    elif place.get("level") != "country":
        return False
    return any(m.sentence < DATELINE_LEAD_SENTENCES for m in c.mentions)


def _merge_people(ev: Event, c: _Cluster, adoc: ArticleDoc) -> None:
    """Named people of an event, one entry per name with the gravest role, and the group they
    belong to when the event's target is a named armed group. Names that are places are dropped."""
    places = {t.text.casefold() for t in adoc.toponyms} | {(ev.location or "").casefold()}
    by_name: dict[str, dict[str, Any]] = {}
    for m in c.mentions:
        for p in m.people:
            if p["name"].casefold() in places:
                continue
            prev = by_name.get(p["name"])
            if prev is None or _ROLE_RANK.index(p["role"]) < _ROLE_RANK.index(prev["role"]):
                by_name[p["name"]] = dict(p)
    for p in by_name.values():
        if p.get("affiliation") is None and ev.actor2 and ev.inter2 in (2, 3, 4) and "(" not in ev.actor2:
            p["affiliation"] = ev.actor2
        ev.people.append(p)


def _with_fields(claim: Claim, ev: Event) -> Claim:
    supported = sorted(
        k
        for k, spans in ev.evidence.items()
        if any(claim.span.start <= s.start < claim.span.end for s in spans) and k != "source"
    )
    return replace(claim, fields=supported)


@register_stage("assemble")
def make_assembler(resources: Resources, config: dict[str, Any]) -> Assembler:
    return Assembler(
        dictionary=resources.actors,
        lexicon=default_lexicon(),
        taxonomy=default_taxonomy(),
        actors_retype_below=float(config.get("actors_retype_below", 0.7)),
        confidence_scale=tuple(config.get("confidence_scale", Assembler.confidence_scale)),  # type: ignore[arg-type]
        # the learned coreference is measured but not yet better than the rules on the record
        # golds and the example reports (docs/evaluation.md): on request only
        coref=shipped_coref_model() if config.get("coref", False) else None,
        link_threshold=float(config.get("link_threshold", LINK_THRESHOLD)),
        vote_margin=config.get("vote_margin", VOTE_MARGIN),
    )


__all__ = ["Assembler", "cluster_mentions", "dates_compatible", "places_compatible", "Span"]


def _aggregate_reference(c: _Cluster, adoc: ArticleDoc) -> bool:
    """Whether the event is told only as plural nouns with no day, town or toll of their own:
    "the recent communal riots", "people hurt in group clashes" ("protests in Sydney" have a
    town). That is an aggregate of many events, which ACLED breaks into located, dated events or
    does not code (conventions §1.2), not one event."""
    doc = adoc.doc
    if doc is None:
        return False
    strong = [m for m in c.mentions if not m.weak and not m.excluded]
    if not strong:
        return False
    for m in strong:
        counted = any(x is not None and x.known for x in (m.fatalities, m.arrests))
        own_town = _LEVEL_RANK.get((m.place or {}).get("level", "country"), 9) < _LEVEL_RANK["admin1"]
        if m.token is None or m.date_span is not None or counted or own_town:
            return False
        if doc[m.token].tag_ != "NNS":
            return False
    return True
