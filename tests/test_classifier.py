"""The event classifier's API, training command and persistence, on a tiny corpus written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.events.classifier import EventClassifier, normalize, read_corpus
from dateline.events.training import stratified_folds
from dateline.events.typing import combine_with_classifier
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
    sub, score, reason = combine_with_classifier(
        m, {"Attack": 0.7, "none": 0.1, "Peaceful protest": 0.2}, 0.45, 0.8
    )
    assert (sub, score, reason) == ("Attack", 0.7, None)  # below a sure rule (0.75)


def test_model_cannot_turn_a_killing_into_a_protest() -> None:
    m = _mention("kill", "Armed clash", 0.45)
    sub, _, _ = combine_with_classifier(m, {"Peaceful protest": 0.9, "none": 0.1}, 0.45, 0.8)
    assert sub == "Armed clash"


def test_sure_rules_are_kept() -> None:
    m = _mention("airstrike", "Air/drone strike", 0.85)
    assert combine_with_classifier(m, {"none": 0.99}, 0.45, 0.8) == ("Air/drone strike", 0.85, None)


def test_model_sets_aside_what_it_reads_as_no_event() -> None:
    m = _mention("violence", "Armed clash", 0.45)
    assert (
        combine_with_classifier(m, {"none": 0.9, "Attack": 0.1}, 0.45, 0.8)[2] == "classifier: not an event"
    )
    unsure = combine_with_classifier(m, {"none": 0.6, "Attack": 0.4}, 0.45, 0.8)
    assert unsure == ("Armed clash", 0.45, None)
