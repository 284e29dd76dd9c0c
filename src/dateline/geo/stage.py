"""The ``place`` stage: where each event mention happened, geocoded offline.

Toponyms are found once per article, resolved together (country context, admin units named,
the dateline), then each mention takes the place attached to its own clause, not the place
where a source spoke or an actor came from. A town the gazetteer lacks keeps its name and
falls back to the smallest known unit that contains it, with a lower precision.

Each place carries two precisions: ACLED's ``geo_precision`` (1 the town itself, 2 near a town
or part of a region, 3 a larger region) and UCDP's ``where_prec`` (1 the exact place, 2 within
about 25 km of it, 3 a second-order admin unit, 4 a first-order one, 5 a part of a country
larger than that, 6 the country only; 7, waters and airspace, is not produced).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from dateline.geo.calibration import PlaceCalibrator, shipped_calibrator
from dateline.geo.entities import doc_entities, use_entities
from dateline.geo.facilities import QUARTER, Relocation, relocate_facilities
from dateline.geo.gazetteer import Gazetteer, Place
from dateline.geo.ranker import CandidateRanker, ranker_named
from dateline.geo.recase import recase
from dateline.geo.regions import region_for_name
from dateline.geo.toponyms import Toponym, find_toponyms, resolve
from dateline.model import Article, Mention, Span
from dateline.nlp.segment import dateline_bounds
from dateline.nlp.syntax import own_distance
from dateline.pipeline import ArticleDoc, Resources, register_stage

log = logging.getLogger(__name__)

_KIND_RANK = {"place": 0, "unknown_place": 1, "admin": 2, "region_phrase": 3, "country": 4}


_PLACE_HEADS = frozenset(
    [
        "town",
        "city",
        "village",
        "province",
        "state",
        "region",
        "district",
        "county",
        "area",
        "border",
        "capital",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "centre",
        "center",
        "outskirts",
        "side",
        "part",
        "suburb",
        "suburbs",
    ]
)


def _names_an_actor(doc: Doc, t: Toponym) -> bool:
    """A country named as the owner of an actor ("Russia's defence ministry", "the Nigerian army",
    "a Kenya Medical Association") says who, not where."""
    if t.kind not in ("country", "demonym"):
        return False
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("poss", "compound", "amod", "nmod") and root.head.lemma_.lower() not in _PLACE_HEADS


def _state_acting(doc: Doc, t: Toponym) -> bool:
    """A country as the subject or agent of its clause ("The United States fired missiles into
    Syria", "condemned by Russia") is a state acting: it places no event of that clause, though
    it still tells what country the report is about."""
    if t.kind != "country":
        return False
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "nsubj" or (root.dep_ == "pobj" and root.head.dep_ == "agent")


def _name_head(doc: Doc, t: Toponym) -> Token | None:
    """The word the toponym's name hangs from the sentence by: its root, or the unit word it is
    a compound of ("from Zamfara state")."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    while root.dep_ == "compound" and root.head.i != root.i:
        root = root.head
    return root


def _origin_of_someone(doc: Doc, t: Toponym) -> bool:
    """A place named as where someone comes from ("a man from Leeds attacked worshippers in
    London", "gunmen from Zamfara state") says who, not where the event happened (issue 13)."""
    root = _name_head(doc, t)
    if root is None:
        return False
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ == "from"
        and prep.head.pos_ in ("NOUN", "PROPN", "PRON")
        and prep.head.i != root.i
    )


#: Verbs of being somewhere, not of doing: "the commissioner is away in New York", "a militia
#: based in Lagos". Not "lives in": a victim's home is often where the event was.
_WHEREABOUTS_VERBS = frozenset({"be", "stay", "remain", "base", "headquarter", "station"})


_BESIDE_A_VERB = frozenset({"advmod", "acomp", "prep"})


def _whereabouts_of_someone(doc: Doc, t: Toponym, triggers: set[int]) -> bool:
    """A place named as where someone is or is based ("while the police chief is away in New
    York", "a militia based in Lagos") says where that person is, not where an event happened
    (issue 13): the clause is one of being somewhere, and its subject is no event ("the blast was
    in the market" is)."""
    root = _name_head(doc, t)
    if root is None:
        return False
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("in", "at") or prep.i == root.i:
        return False
    verb = prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ in _BESIDE_A_VERB:
        verb = verb.head  # "is away in", "is based in"
    if verb.lemma_.lower() not in _WHEREABOUTS_VERBS or verb.i in triggers:
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in ("relcl", "acl"):
        subjects.append(verb.head)  # "a militia based in Lagos", "a group that is based in Lagos"
    return bool(subjects) and not any(s.i in triggers for s in subjects)


_SPAN_WORDS = frozenset({"between", "from", "to", "toward", "towards"})


def _placed_in_unit(t: Toponym, gaz: Gazetteer) -> bool:
    """Whether the text places ``t`` in the unit named after it ("Calle del Correo, Madrid"), a
    place the gazetteer lacks or one that lies in that unit (not "Paris, Budapest")."""
    unit = t.admin_hint_place
    if t.hint_toponym is None or unit is None:
        return False
    return t.resolved is None or gaz.contains(unit, t.resolved)


def _listed_with(doc: Doc, best: Toponym, tops: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
    """The places a list names together with ``best`` ("in Chicago, Boston and Los Angeles",
    "in Paris, Budapest, Amsterdam and The Hague"): coordinated with it in the parse or in one
    list of three or more, of a like kind, and not a unit that places another ("St. Paul,
    Minnesota"); "between X and Y", "from X to Y" name one event's two ends, not two events."""
    kinds = ("country",) if best.kind == "country" else ("place", "admin", "unknown_place")
    if best.kind not in kinds:
        return []
    span = doc.char_span(best.start, best.end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    if any(a.lower_ in _SPAN_WORDS for a in [root.head, *root.head.ancestors][:3]):
        return []
    conj = {x.i for x in root.conjuncts}
    # "Calle del Correo, Madrid, Spain": each name placed in the next is one place, not a list
    units = {id(t.hint_toponym) for t in tops if _placed_in_unit(t, gaz)}
    in_unit = _placed_in_unit(best, gaz)
    out = []
    for t in tops:
        if t is best or t.kind not in kinds or t.text == best.text or id(t) in units:
            continue
        tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
        listed = not in_unit and best.list_group is not None and t.list_group == best.list_group
        placed_in = (t is best.hint_toponym and in_unit) or (
            t.hint_toponym is best and _placed_in_unit(t, gaz)
        )
        if not placed_in and (listed or (tspan is not None and tspan.root.i in conj)):
            out.append(t)
    return out


def _mark_dateline(tops: list[Toponym], article: Article) -> None:
    """The toponym where ingest found the dateline is the dateline, though the recogniser's own
    pattern (capitals, at the very start) did not see it: "lucknow: ..." in a lower-cased archive,
    "New Delhi: ...", a dateline after the headline."""
    span = article.dateline_span
    if span is None:
        return
    for t in tops:
        if t.start == span.start and t.cue is None and t.kind in ("place", "country", "admin"):
            t.cue = "dateline"
            return


def _with_dateline(text: str, article: Article) -> str:
    """``text`` (the parsed text, whose dateline the parser must not read as a sentence's words)
    with the dateline written back as the article has it ("KABUL (Reuters) -"), offsets kept, so
    that the recogniser finds it: a wire report's place is often only there."""
    bounds = dateline_bounds(article)
    if bounds is None:
        return text
    start, end = bounds
    return text[:start] + article.text[start:end] + text[end:]


def _filed_elsewhere(tops: list[Toponym], dateline_country: str | None) -> bool:
    """Whether the report is filed from a country its body never places anything in, while the
    body names other countries ("DAKAR (Reuters) - ... in central Mali"): the dateline is then
    where the reporter is, not where the event is, and must not place it."""
    body = [t for t in tops if t.cue != "dateline"]
    if not dateline_country or not body:
        return False
    named = {t.country_code for t in body if t.kind in ("country", "demonym", "region_phrase")}
    named.discard(None)
    if not named or dateline_country in named:
        return False
    return not any(p.country_code == dateline_country for t in body for p in t.candidates[:5])


def _share_resolutions(tops: list[Toponym]) -> list[Toponym]:
    """One name, one place per article: a town left unresolved in one sentence ("the Ukrainian
    town of Nikopol") takes the place the same name resolved to elsewhere in the article."""
    known = {t.text.casefold(): t.resolved for t in tops if t.kind == "place" and t.resolved is not None}
    for t in tops:
        if t.kind == "unknown_place" and t.text.casefold() in known:
            t.kind, t.resolved = "place", known[t.text.casefold()]
    return tops


def _span(t: Toponym) -> Span:
    return Span(t.start, t.end, t.text)


def place_record(
    t: Toponym,
    gaz: Gazetteer,
    country_names: dict[str, str] | None = None,
    relocated: bool = False,
    calibrator: PlaceCalibrator | None = None,
) -> dict[str, Any] | None:
    """An event place (ACLED fields plus ``level`` and evidence) from a resolved toponym, with
    ``location_confidence``, the calibrated chance the place is right (:mod:`dateline.geo.calibration`;
    ``relocated``: a facility placed at the town it lies in)."""
    rec = _place_fields(t, gaz, country_names)
    if rec is not None and rec.get("latitude") is not None and calibrator is not None:
        rec["location_confidence"] = _confidence(t, gaz, relocated, calibrator)
    return rec


def _confidence(t: Toponym, gaz: Gazetteer, relocated: bool, calibrator: PlaceCalibrator) -> float | None:
    p, raw, how = t.resolved, t.score, "facility" if relocated else "resolved"
    if p is None and t.kind == "unknown_place":
        if t.admin_hint_place is not None:
            p, raw, how = t.admin_hint_place, 0.5 * (t.score or 1.0), "admin_fallback"
        elif t.country_code:
            p, raw, how = gaz.country(t.country_code), 0.25 * (t.score or 1.0), "country_fallback"
    if p is None and t.candidates:
        p = t.candidates[0]
    if p is None:
        return None
    if raw is None and len(t.candidates) <= 1:
        raw = 1.0
    return calibrator.score(t, p, raw, how)


def _place_fields(
    t: Toponym, gaz: Gazetteer, country_names: dict[str, str] | None = None
) -> dict[str, Any] | None:
    p = t.resolved
    rec: dict[str, Any] = {"evidence": {"location": [_span(t)]}}
    names = country_names or {}

    def set_country(iso2: str | None) -> None:
        if iso2:
            country = gaz.country(iso2)
            rec["iso2"] = iso2
            rec["country"] = names.get(iso2) or (country.name if country else iso2)
            rec["iso"] = gaz.iso_numeric(iso2)

    def set_coords(place: Place | None) -> None:
        if place is not None and place.latitude is not None:
            rec["latitude"], rec["longitude"] = round(place.latitude, 5), round(place.longitude or 0.0, 5)

    if t.kind in ("place", "admin") and p is not None and p.feature_code == "RGN" and p.country_code:
        # a region made of first-level units ("Darfur", "Kivu"): larger than a province
        rec.update(level="region", location=p.name, geo_precision=3, where_prec=5)
        set_country(p.country_code)
        set_coords(p)
    elif t.kind == "place" and p is not None:
        near = t.cue == "near"
        rec.update(
            level="near" if near else "place",
            location=p.name,
            admin1=p.admin1,
            admin2=p.admin2,
            geonameid=p.geonameid,
            geo_precision=2 if near else 1,
            where_prec=2 if near else 1,
        )
        set_country(p.country_code)
        set_coords(p)
    elif t.kind == "admin" and p is not None:
        lvl = p.admin_level or 1
        rec.update(
            level=f"admin{min(lvl, 3)}",
            location=p.name,
            geonameid=p.geonameid,
            geo_precision=3 if lvl == 1 else 2,
            where_prec=4 if lvl == 1 else 3,
        )
        rec["admin1"] = p.name if lvl == 1 else p.admin1
        if lvl >= 2:
            rec["admin2"] = p.name if lvl == 2 else p.admin2
        set_country(p.country_code)
        set_coords(p)
    elif t.kind == "unknown_place":
        admin = t.admin_hint_place
        rec.update(level="place", location=t.text.strip())
        if admin is not None:
            lvl = admin.admin_level or 1
            rec["admin1"] = admin.name if lvl == 1 else admin.admin1
            if lvl >= 2:
                rec["admin2"] = admin.name if lvl == 2 else admin.admin2
            rec["geo_precision"] = 3 if lvl <= 1 else 2
            rec["where_prec"] = 4 if lvl <= 1 else 3
            set_country(admin.country_code)
            set_coords(admin)
            if t.admin_hint:
                rec["evidence"]["admin1" if lvl <= 1 else "admin2"] = [_span(t)]
        else:
            rec["geo_precision"] = 3
            rec["where_prec"] = 6
            iso2 = t.country_code
            set_country(iso2)
            set_coords(gaz.country(iso2) if iso2 else None)
    elif t.kind in ("region_phrase", "country"):
        iso2 = t.country_code
        if not iso2:
            return None
        set_country(iso2)
        rec.update(
            level="region" if t.kind == "region_phrase" else "country",
            location=rec.get("country"),
            geo_precision=3,
            where_prec=5 if t.kind == "region_phrase" else 6,
        )
        set_coords(gaz.country(iso2))
    else:
        return None
    if rec.get("country"):
        rec["evidence"].setdefault("country", [_span(t)])
    return rec


@dataclass
class PlaceResolver:
    """The ``place`` stage."""

    gazetteer: Gazetteer
    country_names: dict[str, str]
    #: the candidate ranker (None: the hand-set weights; ``{"place": {"ranker": "learned"}}``
    #: takes the learned one)
    ranker: CandidateRanker | None = None
    #: the place-score calibration (None: no ``location_confidence``)
    calibrator: PlaceCalibrator | None = None
    #: weigh the toponyms against spaCy's named entities of the parse (:mod:`dateline.geo.entities`)
    entities: bool = True
    name: str = "place"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        article, doc = adoc.article, adoc.doc
        text = doc.text if doc is not None else article.text  # the dateline and credit are blanked there
        text = _with_dateline(text, article)  # ... but the dateline is a place: "KABUL (Reuters) -"
        text = recase(text, self.gazetteer, doc)  # "lucknow: police fired in ahmedabad": names get capitals
        end = article.body_end
        tops = find_toponyms(text[article.body_start : end], self.gazetteer, offset=article.body_start)
        if doc is not None and self.entities:
            tops = use_entities(text, tops, doc_entities(doc), self.gazetteer)
        _mark_dateline(tops, article)
        hint = self._dateline_country(article.dateline)
        dateline_top = next((t for t in tops if t.cue == "dateline" and t.candidates), None)
        filed_from = hint or (dateline_top.candidates[0].country_code if dateline_top is not None else None)
        filed_elsewhere = _filed_elsewhere(tops, filed_from)
        if filed_elsewhere:
            hint = None
        tops = _share_resolutions(resolve(tops, self.gazetteer, country_hint=hint, ranker=self.ranker))
        # "Heathrow airport", "X Park": the town they are in
        moved = relocate_facilities(text, tops, self.gazetteer)
        moved_ids = {id(t): rel for t, rel in zip(tops, moved, strict=True) if rel is not None and rel.moved}
        adoc.toponyms = tops
        usable = [
            t
            for t in tops
            if t.kind in _KIND_RANK
            and not (doc is not None and _names_an_actor(doc, t))
            and not (filed_elsewhere and t.cue == "dateline")
            # "protests in Europe and Asia": a continent is no event's place (and "Asia" no
            # homonym village)
            and not (t.kind != "country" and region_for_name(t.text, self.gazetteer) is not None)
        ]
        main_country = self._main_country(tops, hint)
        # each mention reads its own sentence's toponyms and mentions, not all of a long report's
        # (that was quadratic in its length): the same ones, looked up by sentence
        triggers = {m.token for m in adoc.mentions if m.token is not None}
        placing = [
            t
            for t in usable
            if not (
                doc is not None
                and (
                    _state_acting(doc, t)
                    or _origin_of_someone(doc, t)
                    or _whereabouts_of_someone(doc, t, triggers)
                )
            )
        ]
        tops_in = adoc.by_sentence(placing, lambda t: t.start)
        mates: dict[int, list[Mention]] = {}
        for x in adoc.mentions:
            mates.setdefault(x.sentence, []).append(x)
        for m in adoc.mentions:
            if m.excluded or doc is None or m.token is None:
                continue
            sentence_tops = tops_in.get(adoc.sentence_index(m.sentence_span.start), [])
            best = self._for_mention(adoc, m, sentence_tops, mates[m.sentence])
            if best is not None:
                rec = self._record(best, moved_ids)
                if rec is not None:
                    self._default_country(rec, main_country)
                    m.place, m.place_span = rec, _span(best)
                    m.more_places = []
                    for t in _listed_with(doc, best, sentence_tops, self.gazetteer):
                        other = self._record(t, moved_ids)
                        if other is not None:
                            self._default_country(other, main_country)
                            m.more_places.append((other, _span(t)))
        # the dateline's town, for a lead event its own sentences place only in that country
        town = dateline_top if dateline_top is not None and dateline_top.kind == "place" else None
        adoc.context["dateline_place"] = (
            self._record(town, moved_ids) if town is not None and not filed_elsewhere else None
        )
        adoc.context["article_place"] = self._article_place(adoc, usable, moved_ids)
        if adoc.context["article_place"] is not None:
            self._default_country(adoc.context["article_place"], main_country)
        adoc.context["main_country"] = main_country
        return adoc

    def _record(self, t: Toponym, moved_ids: dict[int, Relocation]) -> dict[str, Any] | None:
        rec = place_record(
            t, self.gazetteer, self.country_names, relocated=id(t) in moved_ids, calibrator=self.calibrator
        )
        rel = moved_ids.get(id(t))
        if rec is not None and rel is not None and rec.get("location"):
            # a part of a town: events in two named parts are two events (conventions §1.2, §5),
            # and a neighbourhood is written as ACLED writes it, "Belfast - Markets"
            part = t.text.strip()
            rec["sub_location"] = part
            if rel.facility.noun == QUARTER:
                rec["location"] = f"{rec['location']} - {part}"
        return rec

    @staticmethod
    def _main_country(tops: list[Toponym], hint: str | None) -> str | None:
        """The country the article is about: the dateline's, else the one its places name most."""
        if hint:
            return hint
        counts: dict[str, int] = {}
        for t in tops:
            code = t.country_code
            if code:
                counts[code] = counts.get(code, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None

    def _default_country(self, rec: dict[str, Any], iso2: str | None) -> None:
        """A place the gazetteer could not place in a country takes the article's country."""
        if rec.get("country") or not iso2:
            return
        country = self.gazetteer.country(iso2)
        rec["iso2"], rec["iso"] = iso2, self.gazetteer.iso_numeric(iso2)
        rec["country"] = self.country_names.get(iso2) or (country.name if country else iso2)
        if rec.get("latitude") is None and country is not None and country.latitude is not None:
            rec["latitude"], rec["longitude"] = round(country.latitude, 5), round(country.longitude or 0.0, 5)
            rec["geo_precision"] = 3
            rec["where_prec"] = 6

    def _dateline_country(self, dateline: str | None) -> str | None:
        if not dateline:
            return None
        for part in reversed([p.strip() for p in dateline.split(",")]):
            c = self.gazetteer.country(part)
            if c is not None:
                return c.country_code
            hits = [p for p in self.gazetteer.lookup(part) if p.population >= 50_000 or p.is_admin]
            if hits:
                return hits[0].country_code
        return None

    def _for_mention(
        self, adoc: ArticleDoc, m: Mention, tops: list[Toponym], mates: list[Mention] | None = None
    ) -> Toponym | None:
        """The toponym of ``tops`` that places ``m`` (``mates``: the mentions of its sentence,
        default all)."""
        doc = adoc.doc
        assert doc is not None and m.token is not None
        rivals = [
            x
            for x in (adoc.mentions if mates is None else mates)
            if x.sentence == m.sentence and x is not m and not x.weak and not x.excluded
        ]
        attached: list[tuple[int, int, int, Toponym]] = []
        for t in tops:
            if not (m.sentence_span.start <= t.start < m.sentence_span.end):
                continue
            dist = own_distance(doc, m, rivals, t.start, t.end)
            if dist is None:
                continue
            attached.append((_KIND_RANK[t.kind], dist, abs(t.start - m.trigger.start), t))
        if not attached:
            return None
        attached.sort(key=lambda x: (x[0], x[1], x[2]))
        return attached[0][3]

    def _article_place(
        self, adoc: ArticleDoc, tops: list[Toponym], moved_ids: dict[int, Relocation]
    ) -> dict[str, Any] | None:
        """The place an event takes when its own sentences name none: the lead's (dateline
        included) most specific place, else the first country named."""
        lead_end = adoc.sentences[1].end if len(adoc.sentences) > 1 else len(adoc.article.text)
        lead = [t for t in tops if t.start < lead_end]
        for pool in (lead, [t for t in tops if t.kind == "country"]):
            if pool:
                best = min(pool, key=lambda t: (_KIND_RANK[t.kind], t.start))
                rec = self._record(best, moved_ids)
                if rec is not None:
                    return rec
        return None


@register_stage("place")
def make_place_resolver(resources: Resources, config: dict[str, Any]) -> PlaceResolver:
    return PlaceResolver(
        gazetteer=resources.gazetteer,
        country_names=resources.actors.country_names,
        ranker=ranker_named(config.get("ranker", "rules")),
        calibrator=shipped_calibrator() if config.get("calibrate", True) else None,
        entities=config.get("entities", True),
    )
