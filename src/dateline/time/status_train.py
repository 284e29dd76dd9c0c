"""Train and measure the mention-status model (:mod:`dateline.time.status`) from labelled
whole articles: ``data/training/articles/*.tsv`` (one row per mention: ``doc_id``, ``key``,
``status``, ``event``, ``note``) over real VOA articles read from the training folder and the
articles the project wrote (``data/training/articles/written*.jsonl``).

The same run feeds the coreference model (:mod:`dateline.events.coref`): mentions sharing an
``event`` id within an article are one real-world event.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dateline.evaluate.metrics import Report
from dateline.model import Article, Mention
from dateline.pipeline import DEFAULT_STAGES, ArticleDoc, Pipeline
from dateline.time.status import MentionLabel, StatusModel, featurize, read_mention_labels

log = logging.getLogger(__name__)

WRITTEN_GLOB = "written*.jsonl"


@dataclass
class LabelledArticle:
    adoc: ArticleDoc
    source: str
    mentions: list[Mention]
    labels: list[MentionLabel]


DEFAULT_FOLDER = Path("data/training/articles")
DEFAULT_OUT = Path("src/dateline/data/models/mention_status.joblib")


def read_written(folder: Path) -> dict[str, Article]:
    from dateline.ingest.text import parse_iso_date, parse_plain_text

    out = {}
    for path in sorted(folder.glob(WRITTEN_GLOB)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                pub = parse_iso_date(d["published"]) if d.get("published") else None
                out[d["id"]] = parse_plain_text(d["text"], d["id"], pub)
    return out


def labelled_articles(folder: Path, real: Path | None) -> Iterator[LabelledArticle]:
    """Every labelled article run through the pipeline up to the ``status`` stage, with its
    labelled mentions found again by key (a mention the pipeline no longer finds is skipped)."""
    from dateline.events.real import read_articles

    labels: list[MentionLabel] = []
    for path in sorted(folder.glob("*.tsv")):
        labels.extend(read_mention_labels(path))
    by_doc: dict[str, list[MentionLabel]] = {}
    for lab in labels:
        by_doc.setdefault(lab.doc_id, []).append(lab)
    articles = read_written(folder)
    wanted = {d for d in by_doc if d not in articles}
    if wanted:
        if real is None:
            raise ValueError(f"{len(wanted)} labelled articles need --real (the real training folder)")
        for a in read_articles(real, wanted).values():
            from dateline.ingest.text import parse_iso_date, parse_plain_text

            articles[a.id] = parse_plain_text(
                a.text, a.id, parse_iso_date(a.published) if a.published else None
            )
    stages = DEFAULT_STAGES[: DEFAULT_STAGES.index("status")]
    pipe = Pipeline.from_config(stages)
    ids = [d for d in by_doc if d in articles]
    for chunk_start in range(0, len(ids), 8):
        chunk = ids[chunk_start : chunk_start + 8]
        for doc_id, adoc in zip(chunk, pipe.run_batch([articles[d] for d in chunk]), strict=True):
            if isinstance(adoc, Exception):
                log.warning("%s: %s", doc_id, adoc)
                continue
            found = {f"{m.trigger.start}:{m.trigger.text}": m for m in adoc.mentions}
            ms, ls = [], []
            for lab in by_doc[doc_id]:
                m = found.get(lab.key)
                if m is not None and not m.excluded:
                    ms.append(m)
                    ls.append(lab)
            yield LabelledArticle(adoc, _source(doc_id), ms, ls)


def _source(doc_id: str) -> str:
    """The labelled article's source, for the per-source rows of the report."""
    if doc_id.startswith("w-"):
        return "written"
    return "muc" if "MUC" in doc_id else "voa"


def status_matrix(
    arts: list[LabelledArticle],
) -> tuple[list[dict[str, float]], np.ndarray, list[str], list[str], list[str]]:
    feats: list[dict[str, float]] = []
    vecs = []
    labels, groups, sources = [], [], []
    for a in arts:
        if not a.mentions:
            continue
        f, v = featurize(a.adoc, a.mentions)
        feats.extend(f)
        vecs.append(v)
        labels.extend(lab.status for lab in a.labels)
        groups.extend([a.adoc.article.id] * len(a.mentions))
        sources.extend([a.source] * len(a.mentions))
    return feats, np.vstack(vecs) if vecs else np.zeros((0, 384)), labels, groups, sources


def rule_status(m: Mention) -> str:
    """What the pipeline said before the model: the date rules and the typer's "no event"."""
    if m.is_background:
        return "background"
    return "none" if m.weak else "current"


def out_of_fold(
    arts: list[LabelledArticle], folds: int = 5, **params: float
) -> tuple[list[str], list[dict[str, float]], list[str], list[str]]:
    """Out-of-fold probabilities by article: (gold, probabilities, rules' reading, source) per mention."""
    from sklearn.model_selection import GroupKFold

    feats, vec, labels, groups, sources = status_matrix(arts)
    rules = [rule_status(m) for a in arts for m in a.mentions]
    probs: list[dict[str, float]] = [{} for _ in labels]
    for train, test in GroupKFold(n_splits=folds).split(feats, labels, groups):
        model = StatusModel(**params).fit([feats[i] for i in train], vec[train], [labels[i] for i in train])
        rows = model.predict_proba([feats[i] for i in test], vec[test])
        for i, row in zip(test, rows, strict=True):
            probs[i] = dict(zip(model.classes_, map(float, row), strict=True))
    return labels, probs, rules, sources


def cross_validate(
    arts: list[LabelledArticle], folds: int = 5, **params: float
) -> tuple[list[str], list[str], list[str], list[str]]:
    """Out-of-fold predictions by article: (gold, model's reading, rules' reading, source)."""
    gold, probs, rules, sources = out_of_fold(arts, folds, **params)
    return gold, [max(p, key=p.__getitem__) for p in probs], rules, sources


def report(gold: list[str], pred: list[str], sources: list[str], dating: list[str] | None = None) -> str:
    """Per-source rows (and, with ``dating``, rows for the dated and the undated articles)."""
    lines = []
    rows = [("all", list(range(len(gold))))]
    for tags in (sources, dating or []):
        rows += [(name, [i for i, s in enumerate(tags) if s == name]) for name in sorted(set(tags))]
    for name, idx in rows:
        rep = Report([gold[i] for i in idx], [pred[i] for i in idx], labels=["current", "background", "none"])
        per = {c.label: c for c in rep.per_class()}
        acc = sum(gold[i] == pred[i] for i in idx) / len(idx) if idx else 0.0
        lines.append(
            f"{name:<8} n={len(idx):<5} acc {acc:.3f}  macro F1 {rep.macro_f1():.3f}  "
            + "  ".join(
                f"{k} P {per[k].precision:.2f} R {per[k].recall:.2f}"
                for k in ("current", "background", "none")
            )
        )
    return "\n".join(lines)


def train_status(arts: list[LabelledArticle], out: Path, **params: float) -> tuple[StatusModel, str]:
    from dateline.time.status import OVERRIDE, decide

    gold, probs, rules, sources = out_of_fold(arts, **params)
    pred = [max(p, key=p.__getitem__) for p in probs]
    applied = [decide(r, p, OVERRIDE) for r, p in zip(rules, probs, strict=True)]
    dating = ["dated" if a.adoc.article.published else "undated" for a in arts for _ in a.mentions]
    text = [
        f"labelled mentions found again: {len(gold)} in {sum(bool(a.mentions) for a in arts)} articles "
        f"({dict(Counter(gold))})",
        "status model, 5-fold cross-validation by article:",
        report(gold, pred, sources, dating),
        "the date rules and typer alone (before this model):",
        report(gold, rules, sources, dating),
        f"the pipeline: the rules, moved between news and past by the model at {OVERRIDE}:",
        report(gold, applied, sources, dating),
    ]
    feats, vec, labels, _, _ = status_matrix(arts)
    model = StatusModel(**params).fit(feats, vec, labels)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    return model, "\n".join(text)


# --- coreference ---------------------------------------------------------------------------


def coref_pairs(
    a: LabelledArticle,
) -> tuple[list[dict[str, float]], list[bool], list[tuple[Mention, Mention]]]:
    """Every pair of labelled event mentions (current or background) of one article with the
    same status, labelled by whether they share an event id."""
    from dateline.events.coref import pair_features

    vectors = a.adoc.context.get("sentence_vectors") or {}
    items = sorted(
        ((m, lab) for m, lab in zip(a.mentions, a.labels, strict=True) if lab.status != "none" and lab.event),
        key=lambda t: t[0].trigger.start,
    )
    feats, labels, pairs = [], [], []
    for i, (m1, l1) in enumerate(items):
        for m2, l2 in items[i + 1 :]:
            if l1.status != l2.status:
                continue
            feats.append(pair_features(m1, m2, a.adoc.doc, vectors))
            labels.append(l1.event == l2.event)
            pairs.append((m1, m2))
    return feats, labels, pairs


def _pairwise(gold: list[bool], pred: list[bool]) -> str:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return f"pairwise P {pr:.3f} R {rc:.3f} F1 {f1:.3f} (pairs {len(gold)}, same-event {sum(gold)})"


def _cluster_of(clusters: list, m: Mention) -> int:  # noqa: ANN001
    for i, c in enumerate(clusters):
        if any(x is m for x in c.mentions):
            return i
    return -1


def coref_report(arts: list[LabelledArticle], folds: int = 5, threshold: float = 0.5) -> str:
    """Pairwise scores of the clustering, rules against the model (cross-validated by article),
    on the labelled event mentions with their labelled status."""
    from copy import copy

    from sklearn.model_selection import GroupKFold

    from dateline.events.assemble import cluster_mentions
    from dateline.events.coref import CorefModel, PairScorer

    per_art = [coref_pairs(a) for a in arts]
    idx = [i for i, (f, _, _) in enumerate(per_art) if f]
    gold_all: list[bool] = []
    rule_all: list[bool] = []
    model_all: list[bool] = []
    pair_all: list[bool] = []
    splitter = GroupKFold(n_splits=min(folds, len(idx)))
    for train, test in splitter.split(idx, groups=idx):
        feats = [x for j in train for x in per_art[idx[j]][0]]
        labels = [x for j in train for x in per_art[idx[j]][1]]
        model = CorefModel().fit(feats, labels)
        for j in test:
            a = arts[idx[j]]
            f, gold, pairs = per_art[idx[j]]
            # the labelled status on copies, so that only the clustering is measured
            ms = []
            for m, lab in zip(a.mentions, a.labels, strict=True):
                if lab.status == "none" or not lab.event:
                    continue
                c = copy(m)
                c.is_background, c.weak = lab.status == "background", False
                ms.append((m, c))
            orig = {id(c): m for m, c in ms}
            copies = [c for _, c in ms]
            rule_cl = cluster_mentions(copies)
            scorer = PairScorer(model, copies, a.adoc.doc, a.adoc.context.get("sentence_vectors") or {})
            model_cl = cluster_mentions(copies, scorer, threshold)
            back = {id(m): c for m, c in ms}
            probs = model.predict_proba(f)
            for (m1, m2), g, p in zip(pairs, gold, probs, strict=True):
                c1, c2 = back[id(m1)], back[id(m2)]
                gold_all.append(g)
                pair_all.append(bool(p >= threshold))
                r1, r2 = _cluster_of(rule_cl, c1), _cluster_of(rule_cl, c2)
                rule_all.append(r1 == r2 and r1 >= 0)
                k1, k2 = _cluster_of(model_cl, c1), _cluster_of(model_cl, c2)
                model_all.append(k1 == k2 and k1 >= 0)
            del orig
    return "\n".join(
        [
            "event coreference, 5-fold cross-validation by article (labelled status given):",
            f"  rules clustering:   {_pairwise(gold_all, rule_all)}",
            f"  model clustering:   {_pairwise(gold_all, model_all)}",
            f"  model pairs alone:  {_pairwise(gold_all, pair_all)}",
        ]
    )


def train_coref(arts: list[LabelledArticle], out: Path) -> str:
    from dateline.events.coref import CorefModel

    feats: list[dict[str, float]] = []
    labels: list[bool] = []
    for a in arts:
        f, lab, _ = coref_pairs(a)
        feats.extend(f)
        labels.extend(lab)
    text = coref_report(arts)
    CorefModel().fit(feats, labels).save(out)
    return text
