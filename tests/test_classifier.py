"""The event classifier's API, training command and persistence, on a tiny corpus written here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dateline.cli.main import main
from dateline.evaluate.metrics import expected_calibration_error
from dateline.events.classifier import (
    EventClassifier,
    fit_temperature,
    normalize,
    read_corpus,
    softmax,
)
from dateline.events.training import stratified_folds
from dateline.events.typing import Precedence, combine_with_classifier
from dateline.model import Mention, Span

ROWS = {
    "Air/drone strike": [
        "Warplanes bombed a market in the north, killing four.",
        "A drone strike hit a car carrying two commanders.",
        "Jets pounded rebel positions near the border overnight.",
        "An air raid destroyed a clinic in the town on Monday.",
        "Helicopter gunships struck a convoy on the highway.",
        "A drone struck a house, killing a local leader.",
    ],
    "Peaceful protest": [
        "Hundreds of teachers marched to parliament demanding pay.",
        "Students held a sit-in outside the ministry on Tuesday.",
        "Farmers rallied in the capital against new taxes.",
        "Residents staged a peaceful march over water cuts.",
        "Nurses gathered outside the hospital to protest unpaid wages.",
        "Women held a vigil for the missing journalists.",
    ],
    "none": [
        "Floods swept through the valley, killing 12 people.",
        "The striker's attack won the cup for the visitors.",
        "The minister condemned the bombing in a statement.",
        "An earthquake destroyed hundreds of homes in the region.",
        "The court sentenced the men for a robbery in 2019.",
        "Lawmakers attacked the budget as a waste of money.",
    ],
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "events"
    folder.mkdir()
    for n, (label, texts) in enumerate(ROWS.items()):
        lines = ["id\ttext\tlabel\tcountry\tstyle\tnote"]
        lines += [f"x{n}-{i}\t{t}\t{label}\tXX\twire-lead\t" for i, t in enumerate(texts)]
        (folder / f"f{n}.tsv").write_text("\n".join(lines) + "\n")
    return folder


def test_normalize_masks_digits() -> None:
    assert normalize("At least 12 Killed in 2024") == "at least 00 killed in 0000"


def test_folds_are_stratified_and_cover_everything(corpus: Path) -> None:
    examples = read_corpus(corpus)
    folds = stratified_folds(examples, 3)
    assert sorted(i for f in folds for i in f) == list(range(len(examples)))
    for f in folds:
        assert sorted(examples[i].label for i in f).count("none") == 2


def test_fit_predict_save_load(corpus: Path, tmp_path: Path) -> None:
    examples = read_corpus(corpus)
    clf = EventClassifier().fit([e.text for e in examples], [e.label for e in examples])
    assert clf.classes_ == ["Air/drone strike", "Peaceful protest", "none"]
    probs = clf.predict_proba(["Jets bombed a village near the border."])
    assert probs.shape == (1, 3) and abs(probs.sum() - 1) < 1e-6
    path = tmp_path / "m.joblib"
    clf.save(path)
    again = EventClassifier.load(path)
    texts = ["Drones struck a convoy.", "Teachers marched on parliament.", "Floods killed 3 people."]
    assert again.predict(texts) == clf.predict(texts)


def test_untrained_classifier_says_so() -> None:
    with pytest.raises(RuntimeError, match="not trained"):
        EventClassifier().predict(["x"])


def test_train_command(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "model.joblib"
    assert main(["train", "--corpus", str(corpus), "--out", str(out), "--cv", "2"]) == 0
    printed = capsys.readouterr().out
    assert "examples: 18 in 3 labels" in printed
    assert "2-fold cross-validation" in printed and "weighted F1" in printed
    assert out.is_file()


def test_missing_corpus_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--corpus", str(tmp_path / "nothing"), "--out", str(tmp_path / "m")]) == 1
    assert "no .tsv files" in capsys.readouterr().err


# the mechanism under fixed thresholds (the shipped defaults are chosen by measurement)
RULE = Precedence(override=0.45, cross_family=1.1, over_sure=1.1, none=0.8, none_over_sure=1.1, rescue=1.1)


def _mention(cls: str, sub: str, score: float, weak: bool = False) -> Mention:
    return Mention(
        trigger=Span(0, 6, "killed"),
        sentence=0,
        sentence_span=Span(0, 30, "x"),
        trigger_class=cls,
        sub_event_type=sub,
        score=score,
        weak=weak,
    )


def test_model_overrides_an_unsure_rule_within_the_family() -> None:
    m = _mention("kill", "Armed clash", 0.45)
    probs = {"Attack": 0.7, "none": 0.1, "Peaceful protest": 0.2}
    sub, score, reason = combine_with_classifier(m, probs, RULE)
    assert (sub, score, reason) == ("Attack", 0.7, None)  # the calibrated probability is its score


def test_model_cannot_turn_a_killing_into_a_protest() -> None:
    m = _mention("kill", "Armed clash", 0.45)
    sub, _, _ = combine_with_classifier(m, {"Peaceful protest": 0.9, "none": 0.1}, RULE)
    assert sub == "Armed clash"


def test_sure_rules_are_kept() -> None:
    m = _mention("airstrike", "Air/drone strike", 0.85)
    assert combine_with_classifier(m, {"none": 0.99}, RULE) == ("Air/drone strike", 0.85, None)


def test_model_sets_aside_what_it_reads_as_no_event() -> None:
    m = _mention("violence", "Armed clash", 0.45)
    assert (
        combine_with_classifier(m, {"none": 0.9, "Attack": 0.1}, RULE)[2] == "classifier: not an event"
    )
    unsure = combine_with_classifier(m, {"none": 0.6, "Attack": 0.4}, RULE)
    assert unsure == ("Armed clash", 0.45, None)


def test_a_very_sure_model_may_override_a_sure_rule_when_the_precedence_allows() -> None:
    m = _mention("explosive", "Remote explosive/landmine/IED", 0.75)
    probs = {"Suicide bomb": 0.95, "none": 0.05}
    assert combine_with_classifier(m, probs, RULE)[0] == "Remote explosive/landmine/IED"
    bold = Precedence(over_sure=0.9, none_over_sure=0.9)
    assert combine_with_classifier(m, probs, bold)[0] == "Suicide bomb"
    assert combine_with_classifier(m, {"none": 0.95, "Attack": 0.05}, bold)[2] == "classifier: not an event"


def test_the_model_crosses_families_only_above_its_threshold() -> None:
    m = _mention("protest", "Peaceful protest", 0.6)
    probs = {"Violent demonstration": 0.2, "Mob violence": 0.7, "none": 0.1}
    assert combine_with_classifier(m, probs, Precedence(override=0.45))[0] == "Mob violence"  # same family
    m = _mention("kill", "Armed clash", 0.45)
    probs = {"Arrests": 0.8, "none": 0.2}
    assert combine_with_classifier(m, probs, Precedence(cross_family=0.9))[0] == "Armed clash"
    assert combine_with_classifier(m, probs, Precedence(cross_family=0.7))[0] == "Arrests"


def test_each_feature_set_fits_and_the_temperature_is_kept(corpus: Path, tmp_path: Path) -> None:
    examples = read_corpus(corpus)
    texts, labels = [e.text for e in examples], [e.label for e in examples]
    for features in ("tfidf", "encoder", "encoder+tfidf"):
        clf = EventClassifier(features=features).fit(texts, labels)
        assert clf.predict(["Warplanes bombed a village, killing four."]) == ["Air/drone strike"], features
        clf.temperature = 1.7
        clf.save(tmp_path / f"{features}.joblib")
        again = EventClassifier.load(tmp_path / f"{features}.joblib")
        assert again.temperature == 1.7 and again.features == features
        assert np.allclose(again.predict_proba(texts[:3]), clf.predict_proba(texts[:3]))
    with pytest.raises(ValueError, match="features must be one of"):
        EventClassifier(features="bag-of-words")


def test_fit_temperature_recovers_an_overconfident_model() -> None:
    rng = np.random.default_rng(0)
    classes = ["a", "b", "c"]
    true = rng.normal(size=(4000, 3))
    gold = [classes[rng.choice(3, p=row)] for row in softmax(true)]
    # logits three times too sharp: the fitted temperature undoes it
    assert fit_temperature(true * 3.0, gold, classes) == pytest.approx(3.0, rel=0.1)
    assert fit_temperature(true, ["x"] * 4000, classes) == 1.0  # no known label: no change


def test_expected_calibration_error() -> None:
    assert expected_calibration_error([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert expected_calibration_error([0.9] * 10, [False] * 10) == pytest.approx(0.9)
    # two bins, each off by 0.1, weighted by their sizes
    assert expected_calibration_error([0.25] * 4 + [0.95] * 6, [True] + [False] * 3 + [True] * 6) == (
        pytest.approx(0.4 * 0.0 + 0.6 * 0.05)
    )


def test_a_soft_exclusion_is_overruled_by_a_sure_model_and_a_hard_one_is_not() -> None:
    probs = {"Armed clash": 0.9, "none": 0.1}
    m = _mention("kill", "Armed clash", 0.45)
    m.excluded = "present_tense"  # "Gunmen kill six soldiers": a news summary's present tense
    assert combine_with_classifier(m, probs, Precedence(rescue=0.8)) == ("Armed clash", 0.9, None)
    assert combine_with_classifier(m, probs, Precedence(rescue=1.1))[2] == "present_tense"
    none = {"none": 0.9, "Attack": 0.1}
    assert combine_with_classifier(m, none, Precedence(rescue=0.5))[2] == "present_tense"
    for hard in ("negated", "habitual"):  # "bandits kidnap travellers": a habit, whatever the model
        m.excluded = hard
        assert combine_with_classifier(m, probs, Precedence(rescue=0.5))[2] == hard
