"""The toponym candidate ranker: the features the resolver computes, the hand-set weights they
replace, the learned model's file and its training. Sentences are written for the project."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from dateline.geo.gazetteer import Gazetteer
from dateline.geo.geoparse import geoparse
from dateline.geo.ranker import FEATURES, INDEX, RULE_WEIGHTS, LearnedRanker, LinearRanker, learned_ranker
from dateline.geo.ranker_train import Group, candidate_groups, fit_ranker, read_wiktor


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _resolve(text: str, phrase: str, gaz: Gazetteer, ranker) -> tuple[str | None, str | None]:
    start = text.index(phrase)
    (p,) = geoparse(text, gaz, spans=[(start, start + len(phrase))], ranker=ranker)
    return p.country_code, p.admin1


@pytest.mark.parametrize("ranker", [LinearRanker(), learned_ranker()], ids=["rules", "learned"])
def test_both_rankers_read_a_state_after_a_homonym_town(gaz: Gazetteer, ranker) -> None:
    text = "Police said two men were shot outside a bar in Paris, Texas, late on Saturday."
    assert _resolve(text, "Paris", gaz, ranker) == ("US", "Texas")


@pytest.mark.parametrize("ranker", [LinearRanker(), learned_ranker()], ids=["rules", "learned"])
def test_both_rankers_take_a_bare_world_city_for_the_large_one(gaz: Gazetteer, ranker) -> None:
    text = "Thousands marched through central Paris on Sunday against the pension reform."
    assert _resolve(text, "Paris", gaz, ranker)[0] == "FR"


@pytest.mark.parametrize("ranker", [LinearRanker(), learned_ranker()], ids=["rules", "learned"])
def test_both_rankers_follow_the_country_the_text_is_about(gaz: Gazetteer, ranker) -> None:
    text = "Gunmen attacked a police post in Hyderabad, in Pakistan's Sindh province, killing three."
    assert _resolve(text, "Hyderabad", gaz, ranker)[0] == "PK"


def test_the_trace_gives_one_feature_row_per_candidate_with_the_cues_set(gaz: Gazetteer) -> None:
    text = "Fighting was reported near the town of Springfield, Illinois, on Monday."
    trace: list = []
    start = text.index("Springfield")
    geoparse(text, gaz, spans=[(start, start + len("Springfield"))], ranker=LinearRanker(), trace=trace)
    rows = [(t, x) for t, x in trace if t.text == "Springfield"]
    assert rows, "Springfield has several candidates, so it is traced"
    t, x = rows[0]
    assert x.shape == (len(t.candidates), len(FEATURES))
    places = [k for k, p in enumerate(t.candidates) if p.is_populated_place]
    assert all(x[k, INDEX["settlement_cue_place"]] == 1.0 for k in places)
    in_illinois = [k for k, p in enumerate(t.candidates) if p.admin1 == "Illinois" and p.is_populated_place]
    assert in_illinois and all(x[k, INDEX["in_admin_hint"]] == 1.0 for k in in_illinois)
    # the rules' score column is the weighted sum of the other columns
    assert np.allclose(x[:, INDEX["rules_score"]], x @ RULE_WEIGHTS)


def test_a_learned_ranker_learns_which_feature_marks_the_right_candidate(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    groups = []
    for i in range(200):
        x = rng.normal(size=(4, len(FEATURES)))
        x[:, INDEX["in_admin_hint"]] = 0.0
        right = int(rng.integers(4))
        x[right, INDEX["in_admin_hint"]] = 1.0
        y = np.zeros(4, dtype=int)
        y[right] = 1
        groups.append(Group(f"t{i}", "tr-news", x, y))
    for kind in ("gbm", "logreg"):
        ranker = fit_ranker(groups, kind)
        x = np.zeros((2, len(FEATURES)))
        x[1, INDEX["in_admin_hint"]] = 1.0
        s = ranker.score(x)
        assert s[1] > s[0], kind
        ranker.save(tmp_path / f"{kind}.joblib")
        again = LearnedRanker.load(tmp_path / f"{kind}.joblib")
        assert np.allclose(again.score(x), s)


def test_a_model_file_of_other_features_is_refused_with_the_command_to_rebuild_it(tmp_path: Path) -> None:
    import joblib

    joblib.dump({"model": None, "features": ("log_population",), "info": {}}, tmp_path / "old.joblib")
    with pytest.raises(ValueError, match="dateline train-geo"):
        LearnedRanker.load(tmp_path / "old.joblib")


def test_wiktor_is_read_with_its_coordinate_fixes_and_gives_training_groups(
    tmp_path: Path, gaz: Gazetteer
) -> None:
    text = "Springfield is a city in Sangamon County and the capital of Illinois."
    doc = {
        "doc_id": 7,
        "text": text,
        "toponyms": [
            # the sign of the longitude was dropped in the set; the patch file puts it back
            {"start": 0, "end": 11, "surface": "Springfield", "wikipedia_title": "Springfield, Illinois",
             "lat": 39.8, "lon": 89.65},
        ],
    }  # fmt: skip
    with gzip.open(tmp_path / "wiktor.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(doc) + "\n")
    (tmp_path / "WikToR_patches_mlg_evaldata.tsv").write_text(
        "Springfield, Illinois \t 39.8 , 89.65 \t 39.8 , -89.65\n", encoding="utf-8"
    )
    (t,) = read_wiktor(tmp_path)
    assert t.id == "wiktor-7" and (t.places[0].latitude, t.places[0].longitude) == (39.8, -89.65)
    groups = candidate_groups([t], gaz)
    assert len(groups) == 1 and groups[0].y.sum() >= 1 and groups[0].x.shape[1] == len(FEATURES)


def test_the_place_stage_takes_the_ranker_its_config_names() -> None:
    from dateline.geo.ranker import RULES
    from dateline.pipeline import load_resources, stage_factory

    res = load_resources()
    rules = stage_factory("place")(res, {})
    learned = stage_factory("place")(res, {"ranker": "learned"})
    assert rules.ranker is RULES
    assert isinstance(learned.ranker, LearnedRanker) and learned.ranker is learned_ranker()


def test_towns_are_found_by_their_other_english_names(gaz: Gazetteer) -> None:
    # data/geo/city_aliases.tsv (GeoNames alternate names of large towns): old names, initials
    text = "Protests spread from Calcutta to Bombay, and a rally was also held in NYC."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Calcutta", "Bombay", "NYC")]
    got = [(p.country_code, p.geonameid) for p in geoparse(text, gaz, spans=spans)]
    assert got == [("IN", 1275004), ("IN", 1275339), ("US", 5128581)]
    # an alias that is no English word is read as a place by itself
    found = {p.text: p for p in geoparse("Two people were shot outside a casino in Vegas on Sunday.", gaz)}
    assert (found["Vegas"].country_code, found["Vegas"].admin1) == ("US", "Nevada")


def test_towns_of_fifty_thousand_have_their_other_names_too(gaz: Gazetteer) -> None:
    # Kobani (Ayn al Arab, Syria: 50,000 people in GeoNames) and Mong Kok (62,967): aliases of towns
    # between 50,000 and 100,000 people, kept since 2026-12-07
    text = "Fighting went on in Kobane while crowds filled the streets of Mongkok."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Kobane", "Mongkok")]
    got = [p.country_code for p in geoparse(text, gaz, spans=spans)]
    assert got == ["SY", "HK"]


def test_an_alias_that_is_an_english_word_is_no_place_by_itself(gaz: Gazetteer) -> None:
    found = [p.text for p in geoparse("Rest now, the coach said. Turn left after the bridge.", gaz)]
    assert "Rest" not in found and "Turn" not in found


def test_an_alias_never_shadows_a_unit_or_region_or_makes_a_place_of_short_words(gaz: Gazetteer) -> None:
    # "Kievu", a declension of Kyiv, keys like the region Kivu; "At A" keys as "a"
    assert [p.country_code for p in gaz.lookup("Kivu")] == ["CD"]
    assert not any(gaz.spelt_as(p, "At A") for p in gaz.lookup("At A"))
    assert not any(p.is_populated_place and p.country_code == "IN" for p in gaz.lookup("Missouri"))


def test_resolution_does_not_depend_on_the_process_hash_seed() -> None:
    # a list of places whose units tie between two countries was broken by set order, so the same
    # text resolved differently from one run to the next (and a rebuilt ranker differed)
    import os
    import subprocess
    import sys

    script = (
        "from dateline.geo.gazetteer import Gazetteer\n"
        "from dateline.geo.geoparse import geoparse\n"
        "text = ('La Paz was a mining town in La Paz County, Arizona. It was presumably named '\n"
        "        'after another earlier town named La Paz, such as La Paz, Bolivia, '\n"
        "        'or La Paz, Baja California Sur.')\n"
        "spans = [(i, i + 6) for i in range(len(text)) if text.startswith('La Paz', i)]\n"
        "print([(p.country_code, p.geonameid) for p in geoparse(text, Gazetteer.load(), spans=spans)])\n"
    )
    outs = set()
    for seed in ("1", "3", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        outs.add(run.stdout.strip())
    assert len(outs) == 1, outs
