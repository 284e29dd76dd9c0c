"""Mention status from the article's context: the news it reports, a past event it recalls
(background), or no event at all (conventions §1.1–1.3, §6).

A sentence-level reader cannot tell "a bomb exploded in the market" on the day of the report
from the same words in a piece about the bomber's trial four years on. The status model reads
each mention with the article around it: the tense and aspect of its clause, its own date
expression and that date's distance from publication (or, with no publication date, from the
latest year the article names), words of the past ("last year", "since", "ago"), of courts
(trial, sentenced, verdict), of remembrance (anniversary, memorial) and of what has not happened
(threat, plan, could), where the mention sits in the article, what the whole article is about,
the date rules' own verdict, the event typer's reading and the sentence vector.

A logistic regression over those features is trained by ``dateline train-status`` on mentions
labelled in whole articles (``data/training/articles``: real VOA articles read from the training
folder, and articles the project wrote) and ships as ``data/models/mention_status.joblib``.
"""

from __future__ import annotations

import csv
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from dateline.model import NOT_AN_EVENT, Mention
from dateline.nlp.syntax import clause_bounds
from dateline.pipeline import ArticleDoc, Resources, register_stage

log = logging.getLogger(__name__)

MODEL_FILE = "mention_status.joblib"
STATUSES = ("current", "background", "none")
VECTOR_DIM = 384

_CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "past": r"\b(?:ago|last (?:year|month|week|spring|summer|autumn|fall|winter)|previous(?:ly)?|earlier "
        r"(?:this|in|attack|bombing)|former|once|in the past|back in|at the time|then-|had been|since)\b",
        "year_in": r"\b(?:in|since|of|from|during|by) (?:19|20)\d\d\b",
        "trial": r"\b(?:trials?|court|judges?|jury|juror|sentenc\w*|convict\w*|verdict|prosecut\w*|"
        r"charged|charges|indict\w*|testif\w*|testimony|plead\w*|guilty|appeal\w*|acquit\w*|defendants?|"
        r"lawyers?|hearing)\b",
        "remember": r"\b(?:anniversary|commemorat\w*|memorial|remember\w*|mourn\w*|tribute|vigil|marked|"
        r"marks|honou?r\w*)\b",
        "inquiry": r"\b(?:inquiry|inquest|investigation|investigators?|probe|report (?:found|said|says)|"
        r"findings|review)\b",
        "modal": r"\b(?:will|would|could|might|may|plans?|planned|planning|threat\w*|warn\w*|vow\w*|"
        r"intend\w*|prepar\w*|if|unless|possible|potential|risk)\b",
        "generic": r"\b(?:often|regularly|frequently|routinely|usually|repeatedly|increasingly|series of|"
        r"wave of|campaign|years of|decades?|thousands|hundreds of thousands)\b",
        "negation": r"\b(?:not|never|no|denied|denies|deny|false|rejected)\b",
        "recent": r"\b(?:today|tonight|yesterday|this (?:morning|evening|week)|on (?:mon|tues|wednes|thurs|"
        r"fri|satur|sun)day|(?:mon|tues|wednes|thurs|fri|satur|sun)day|overnight|late on|early on|hours)\b",
    }.items()
}
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
_MODAL_AUX = frozenset({"will", "would", "could", "might", "may", "can", "should", "must", "'ll"})


def _bucket(value: float, edges: Sequence[float], name: str) -> str:
    for edge in edges:
        if value <= edge:
            return f"{name}<={edge:g}"
    return f"{name}>{edges[-1]:g}"


def _article_years(adoc: ArticleDoc) -> list[int]:
    # read once per article, not once per mention: the scan of the whole text per mention was
    # quadratic in the length of a long report
    years = adoc.context.get("status.article_years")
    if not isinstance(years, list):
        years = [int(y) for y in _YEAR.findall(adoc.text)]
        adoc.context["status.article_years"] = years
    return years


def _verb(tok: Any) -> Any:
    head, steps = tok, 0
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and steps < 4:
        head, steps = head.head, steps + 1
    return head


def article_features(adoc: ArticleDoc) -> dict[str, float]:
    """What the whole article is about: the share of its sentences with court, remembrance and
    inquiry words, in the headline/lead and overall; the span of years it names."""
    sents = [s.text for s in adoc.sentences] or [adoc.text]
    lead = " ".join(sents[:2])
    out: dict[str, float] = {}
    for cue in ("trial", "remember", "inquiry", "past"):
        share = sum(bool(_CUES[cue].search(s)) for s in sents) / len(sents)
        out[f"art_{cue}"] = share
        out[f"lead_{cue}"] = float(bool(_CUES[cue].search(lead)))
    years = _article_years(adoc)
    out["art_n_years"] = min(len(set(years)), 5) / 5
    out["art_n_mentions"] = min(len(adoc.mentions), 30) / 30
    out["art_dated"] = float(adoc.article.published is not None)
    return out


@dataclass(frozen=True, slots=True)
class _Peers:
    """What each mention's features compare it with, gathered once per article: the lead's
    mentions and the first trigger of each event type (was: all mentions scanned per mention,
    quadratic in the length of a long report)."""

    lead: list[Mention]
    first_start: dict[str | None, int]

    @classmethod
    def of(cls, adoc: ArticleDoc) -> _Peers:
        first: dict[str | None, int] = {}
        for x in adoc.mentions:
            first[x.event_type] = min(first.get(x.event_type, x.trigger.start), x.trigger.start)
        return cls([x for x in adoc.mentions if x.sentence <= 1 and not x.excluded], first)


def mention_features(
    adoc: ArticleDoc, m: Mention, art: dict[str, float], peers: _Peers | None = None
) -> dict[str, float]:
    """The features of one mention (``art``: :func:`article_features` of its article)."""
    peers = peers or _Peers.of(adoc)
    f: dict[str, float] = dict(art)
    n = max(len(adoc.sentences), 1)
    f[_bucket(m.sentence, (0, 1, 3, 7), "sent")] = 1.0
    f["rel_pos"] = m.sentence / n
    sent = m.sentence_span.text
    doc = adoc.doc
    clause = sent
    if doc is not None and m.token is not None:
        tok = doc[m.token]
        verb = _verb(tok)
        f[f"tag={tok.tag_}"] = 1.0
        f[f"verb_tag={verb.tag_}"] = 1.0
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        f["aux_had"] = float("had" in auxes)
        f["aux_has"] = float(bool(auxes & {"has", "have", "'ve", "'s"}))
        f["aux_modal"] = float(bool(auxes & _MODAL_AUX))
        f["aux_to"] = float("to" in auxes)
        f["neg"] = float(any(c.dep_ == "neg" for c in verb.children))
        f["passive"] = float(any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children))
        f["det_the"] = float(
            any(c.lower_ in ("the", "that", "this") for c in tok.children if c.dep_ == "det")
        )
        f["possessive"] = float(any(c.dep_ == "poss" for c in tok.children))
        f["in_quote"] = float(
            sent[: max(m.trigger.start - m.sentence_span.start, 0)].count("\u201c")
            + sent[: max(m.trigger.start - m.sentence_span.start, 0)].count('"') % 2
            > 0
        )
        a, b = clause_bounds(tok)
        clause = adoc.text[a:b]
    for cue, rx in _CUES.items():
        f[f"sent_{cue}"] = float(bool(rx.search(sent)))
        f[f"clause_{cue}"] = float(bool(rx.search(clause)))
    years = _article_years(adoc)
    own_years = [int(y) for y in _YEAR.findall(clause)] or [int(y) for y in _YEAR.findall(sent)]
    pub = adoc.article.published
    ref_year = pub.year if pub else (max(years) if years else None)
    if own_years and ref_year is not None:
        gap = ref_year - min(own_years)
        f[_bucket(gap, (-1, 0, 1, 3, 10), "year_gap")] = 1.0
    else:
        f["no_year"] = 1.0
    if m.event_date is not None and pub is not None:
        age = (pub - (m.date_end or m.event_date)).days
        f[_bucket(age, (-2, 1, 7, 14, 31, 365), "age")] = 1.0
        f["log_age"] = math.copysign(math.log1p(abs(age)), age) / 8
    else:
        f["undated"] = 1.0
    if m.time_precision:
        f[f"prec={m.time_precision}"] = 1.0
    # the article's news: what its lead tells, and the date of its first dated news mention
    lead = [x for x in peers.lead if x is not m]
    if m.sentence > 1:
        f["lead_same_type"] = float(any(x.event_type == m.event_type for x in lead))
        loc = (m.place or {}).get("location")
        f["lead_same_place"] = float(bool(loc) and any((x.place or {}).get("location") == loc for x in lead))
        f["first_of_type"] = float(peers.first_start.get(m.event_type, m.trigger.start) >= m.trigger.start)
    main = adoc.context.get("main_date")
    if main and m.event_date is not None:
        gap = (main["date"] - m.event_date).days
        f[_bucket(gap, (-1, 1, 7, 31), "main_gap")] = 1.0
    # the rules' verdicts, kept as features
    f["rule_background"] = float(m.is_background)
    f["rule_weak"] = float(m.weak)
    f["rule_separate"] = float(m.separate)
    if m.excluded:
        f[f"rule_excluded={m.excluded}"] = 1.0
    if m.background_reason:
        f["rule_earlier_ref"] = float("earlier" in m.background_reason)
    probs = m.model_probs or {}
    if probs:
        f["p_none"] = probs.get("none", 0.0)
        f["p_max_event"] = max((v for k, v in probs.items() if k != "none"), default=0.0)
    else:
        f["no_probs"] = 1.0
    f[f"family={m.event_type or 'none'}"] = 1.0
    f[f"class={m.trigger_class}"] = 1.0
    return f


def featurize(adoc: ArticleDoc, mentions: Sequence[Mention]) -> tuple[list[dict[str, float]], np.ndarray]:
    """Feature dicts and sentence vectors (zeros where the typer read no vector) of ``mentions``."""
    art = article_features(adoc)
    vectors = adoc.context.get("sentence_vectors") or {}
    peers = _Peers.of(adoc)
    feats = [mention_features(adoc, m, art, peers) for m in mentions]
    vec = np.zeros((len(mentions), VECTOR_DIM), dtype=np.float32)
    for i, m in enumerate(mentions):
        v = vectors.get(m.sentence)
        if v is not None:
            vec[i] = v
        else:
            feats[i]["no_vector"] = 1.0
    return feats, vec


@dataclass
class StatusModel:
    """current / background / none for a mention, from :func:`featurize`'s output."""

    c: float = 0.3  # chosen by cross-validation over 0.1-3 (scripts: dateline train-article)
    vector_scale: float = 1.0
    vectorizer: DictVectorizer | None = None
    head: LogisticRegression | None = None

    def _matrix(self, feats: list[dict[str, float]], vec: np.ndarray, fit: bool) -> sparse.csr_matrix:
        if fit:
            self.vectorizer = DictVectorizer()
            x = self.vectorizer.fit_transform(feats)
        else:
            assert self.vectorizer is not None
            x = self.vectorizer.transform(feats)
        return sparse.hstack([x, sparse.csr_matrix(vec * self.vector_scale)], format="csr")

    def fit(
        self,
        feats: list[dict[str, float]],
        vec: np.ndarray,
        labels: Sequence[str],
        weights: Sequence[float] | None = None,
    ) -> StatusModel:
        x = self._matrix(feats, vec, fit=True)
        self.head = LogisticRegression(C=self.c, max_iter=3000, class_weight="balanced")
        self.head.fit(x, list(labels), sample_weight=None if weights is None else np.asarray(weights))
        return self

    @property
    def classes_(self) -> list[str]:
        assert self.head is not None
        return [str(c) for c in self.head.classes_]

    def predict_proba(self, feats: list[dict[str, float]], vec: np.ndarray) -> np.ndarray:
        if not feats:
            return np.zeros((0, len(self.classes_)))
        assert self.head is not None
        return self.head.predict_proba(self._matrix(feats, vec, fit=False))

    def save(self, path: Path) -> None:
        joblib.dump(
            {
                "c": self.c,
                "vector_scale": self.vector_scale,
                "vectorizer": self.vectorizer,
                "head": self.head,
            },
            path,
            compress=3,
        )

    @classmethod
    def load(cls, path: Path) -> StatusModel:
        d = joblib.load(path)
        return cls(c=d["c"], vector_scale=d["vector_scale"], vectorizer=d["vectorizer"], head=d["head"])


def model_path() -> Path:
    return Path(str(resources.files("dateline").joinpath("data", "models", MODEL_FILE)))


@lru_cache(maxsize=1)
def shipped_status_model() -> StatusModel | None:
    path = model_path()
    return StatusModel.load(path) if path.exists() else None


#: The model moves a mention between the news and the past when at least this sure (0.55 and a
#: share-of-the-two policy measured the same on both record golds: docs/evaluation.md).
OVERRIDE = 0.6
#: Its "no event" makes a mention weak when at least this sure (with ``apply_none``).
NONE_OVER = 0.6


def decide(before: str, p: dict[str, float], override: float = OVERRIDE, apply_none: bool = False) -> str:
    """The status a mention ends with: ``before`` is the rules' reading (``current``,
    ``background``, or ``none`` for a weak mention), ``p`` the model's probabilities. The model
    moves a mention when its probability of the other side reaches ``override``."""
    bg, cur = p.get("background", 0.0), p.get("current", 0.0)
    if before == "current" and bg >= override:
        return "background"
    if before == "background" and cur >= override:
        return "current"
    if apply_none and before == "current" and p.get("none", 0.0) >= NONE_OVER:
        return "none"
    return before


@dataclass
class MentionStatus:
    """The ``status`` stage: each mention's status read by the trained model.

    A mention read as background becomes a past event (kept with its own date); one read as no
    event becomes weak (it may join an event another mention starts, it starts none). Mentions
    the rules exclude outright (negated, hypothetical, ...) stay excluded.
    """

    model: StatusModel | None = None
    override: float = OVERRIDE
    #: whether the model's "no event" makes a mention weak (off: the typer's and the exclusion
    #: rules' reading stands; measured in docs/evaluation.md)
    apply_none: bool = False
    name: str = "status"
    classes: list[str] = field(default_factory=list)

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        if self.model is None:
            return adoc
        live = [m for m in adoc.mentions if not m.excluded]
        if not live:
            return adoc
        feats, vec = featurize(adoc, live)
        probs = self.model.predict_proba(feats, vec)
        classes = self.model.classes_
        for m, row in zip(live, probs, strict=True):
            p = dict(zip(classes, map(float, row), strict=True))
            adoc.context.setdefault("status_probs", {})[m.trigger.start] = p
            before = "background" if m.is_background else ("none" if m.weak else "current")
            if before == "none" and p.get("none", 0.0) >= NONE_OVER:
                # a weak mention ("the attacks", "killing 130") only lends its words to an event
                # found elsewhere; read as no event, it lends none ("a series of attacks across
                # Paris, killing 130" gave a bombing in Lyon 130 dead): 83% of the weak mentions
                # so read are labelled no event (cross-validated, data/training/articles)
                m.excluded = NOT_AN_EVENT
                continue
            after = decide(before, p, self.override, self.apply_none)
            if after == before:
                continue
            if after == "background":
                m.is_background = True
                m.background_reason = f"status model: a past event the report recalls ({p['background']:.2f})"
            elif after == "current" and before == "background":
                m.take_as_news(adoc.article.published)
            elif after == "none":
                m.weak = True
        return adoc


@register_stage("status")
def make_mention_status(resources: Resources, config: dict[str, Any]) -> MentionStatus:
    use = config.get("model", True)
    return MentionStatus(
        model=shipped_status_model() if use else None,
        override=float(config.get("override", OVERRIDE)),
        apply_none=bool(config.get("apply_none", False)),
    )


# --- training data -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MentionLabel:
    doc_id: str
    key: str  # "START:TRIGGER"
    status: str
    event: str
    note: str = ""

    @property
    def start(self) -> int:
        return int(self.key.split(":", 1)[0])


def read_mention_labels(path: Path) -> list[MentionLabel]:
    """A label file of ``data/training/articles``: ``doc_id``, ``key``, ``status``, ``event``, ``note``."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"doc_id", "key", "status"} - set(rows.fieldnames or ())
        if missing:
            raise ValueError(f"{path}:1: missing column(s) {', '.join(sorted(missing))}")
        for n, r in enumerate(rows, 2):
            status = (r.get("status") or "").strip()
            if status not in STATUSES:
                raise ValueError(f"{path}:{n}: status {status!r} is not one of {', '.join(STATUSES)}")
            out.append(
                MentionLabel(
                    r["doc_id"].strip(),
                    r["key"].strip(),
                    status,
                    (r.get("event") or "").strip(),
                    (r.get("note") or "").strip(),
                )
            )
    return out
