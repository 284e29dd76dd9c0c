"""The place-score calibration: a resolved toponym's score is the chance it is right."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.geo import Gazetteer
from dateline.geo.calibration import (
    CALIBRATION_FEATURES,
    FeatureRecorder,
    PlaceCalibrator,
    reliability,
    shipped_calibrator,
)
from dateline.geo.geoparse import geoparse
from dateline.geo.ranker_train import GoldPlace, GoldText, calibration_rows


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _span(text: str, phrase: str) -> tuple[int, int]:
    s = text.index(phrase)
    return s, s + len(phrase)


def test_calibrator_round_trips_through_json_and_refuses_other_features() -> None:
    cal = PlaceCalibrator(tuple(float(i) / 10 for i in range(len(CALIBRATION_FEATURES))), -0.5)
    again = PlaceCalibrator.from_json(cal.to_json())
    assert again.coef == cal.coef and again.intercept == -0.5
    x = np.ones(len(CALIBRATION_FEATURES))
    z = sum(cal.coef) - 0.5
    assert again.probability(x) == pytest.approx(1 / (1 + np.exp(-z)))
    with pytest.raises(ValueError, match="other features"):
        PlaceCalibrator.from_json('{"features": ["a"], "coef": [1.0], "intercept": 0.0}')
    with pytest.raises(ValueError, match="coefficients"):
        PlaceCalibrator((1.0,), 0.0)


def test_shipped_calibrator_grows_with_the_raw_score() -> None:
    cal = shipped_calibrator()
    assert cal is not None
    # more confidence from the ranker means a higher chance, all else equal
    assert cal.coef[CALIBRATION_FEATURES.index("raw_logit")] > 0
    assert cal.info.get("rows", 0) > 1000


def test_scores_follow_what_is_known(gaz: Gazetteer) -> None:
    text = (
        "Fighting broke out in Khartoum on Monday. Health officials in Kenya said the patient had "
        "attended medical camps in Korogocho."
    )
    capital, fallback = geoparse(text, gaz, spans=[_span(text, "Khartoum"), _span(text, "Korogocho")])
    # a capital city named alone is nearly always right; a place the gazetteer lacks, put at
    # its country's point, rarely lies within 161 km of it
    assert capital.country_code == "SD" and capital.score is not None and capital.score >= 0.9
    assert fallback.country_code == "KE" and fallback.score is not None and fallback.score < 0.5
    raw = geoparse(text, gaz, spans=[_span(text, "Khartoum")], calibrator=None)[0]
    # the resolver's own score, the city's softmax share against the state of Khartoum,
    # understates how often such a choice is right
    assert raw.score is not None and 0.5 < raw.score < capital.score


def test_feature_recorder_keeps_the_raw_score_and_one_row_per_place(gaz: Gazetteer) -> None:
    text = "Troops entered Springfield, Illinois, and Paris on Monday."
    rec = FeatureRecorder()
    out = geoparse(text, gaz, spans=[_span(text, "Springfield"), _span(text, "Paris")], calibrator=rec)
    assert len(rec.rows) == 2 and rec.rows[0].shape == (len(CALIBRATION_FEATURES),)
    explicit = CALIBRATION_FEATURES.index("explicit")
    assert rec.rows[0][explicit] == 1.0  # "Springfield, Illinois" says where it is
    assert rec.rows[1][explicit] == 0.0
    assert out[0].admin1 is not None and out[0].country_code == "US"


def test_units_without_a_gold_id_are_left_out_of_the_fit(gaz: Gazetteer) -> None:
    text = "Protests spread across Kenya and reached Nairobi on Monday."
    k, n = _span(text, "Kenya"), _span(text, "Nairobi")
    no_ids = GoldText("a", "t", text, [GoldPlace(*k, 0.02, 37.9), GoldPlace(*n, -1.28, 36.82)])
    x, right, sources = calibration_rows([no_ids], gaz)
    assert len(right) == 1 and right.tolist() == [True] and sources == ["t"]  # Nairobi only
    kenya_id = gaz.country("KE").geonameid
    with_id = GoldText("b", "t", text, [GoldPlace(*k, 0.02, 37.9, kenya_id), GoldPlace(*n, -1.28, 36.82)])
    x, right, _ = calibration_rows([with_id], gaz)
    assert right.tolist() == [True, True]
    assert x[0][CALIBRATION_FEATURES.index("country")] == 1.0


def test_reliability_reports_ece_and_bands() -> None:
    line = reliability([0.95, 0.95, 0.6, 0.2], [True, False, True, False])
    # bins: 0.95 → mean 0.95, right 0.5 (|0.45| x 2); 0.6 → 0.4 x 1; 0.2 → 0.2 x 1; / 4
    assert "ECE 0.375" in line
    assert ">=0.9: mean 0.95 right 0.50 (n 2)" in line and "<0.5: mean 0.20 right 0.00 (n 1)" in line
    assert reliability([], []) == "calibration: no scored places"


def test_event_places_carry_the_calibrated_confidence(gaz: Gazetteer) -> None:
    from dateline.geo.stage import place_record
    from dateline.geo.toponyms import find_toponyms, resolve

    cal = shipped_calibrator()
    text = "Gunmen attacked Kaduna, Nigeria, and the village of Zzyzxqua in Kenya on Monday."
    tops = resolve(find_toponyms(text, gaz), gaz)
    by_text = {t.text: t for t in tops}
    town = place_record(by_text["Kaduna"], gaz, calibrator=cal)
    assert town is not None and town["location_confidence"] >= 0.8
    lacking = place_record(by_text["Zzyzxqua"], gaz, calibrator=cal)
    # a village the gazetteer lacks stands at its country's point: rarely within 161 km
    assert lacking is not None and lacking["country"] and lacking["location_confidence"] < 0.5
    assert "location_confidence" not in (place_record(by_text["Kaduna"], gaz) or {})  # no calibrator
