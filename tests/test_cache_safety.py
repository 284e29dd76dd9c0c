"""The gazetteer cache cannot run code: a planted pickle is never loaded, a cache that is
corrupt, foreign or writable by others is ignored and rebuilt (issue 15, item 8)."""

from __future__ import annotations

import logging
import os
import pickle
import stat
from array import array
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import dateline.geo.gazetteer as gazetteer_module
from dateline.geo.gazetteer import Gazetteer
from dateline.geo.gazetteer_cache import CacheRejected, read_state, write_state


@pytest.fixture(scope="module")
def state() -> dict[str, Any]:
    gaz = Gazetteer.load()
    return {name: getattr(gaz, name) for name in Gazetteer.__slots__ if name != "_frozen"}


class _Builds:
    """Stands in for the 8-second index build: hands back the real index, counts the calls."""

    def __init__(self, state: dict[str, Any]) -> None:
        self.state = state
        self.calls = 0

    def __call__(self, *args: object) -> dict[str, Any]:
        self.calls += 1
        return self.state


@pytest.fixture
def builds(state: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> _Builds:
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DATELINE_GAZETTEER", str(tmp_path / "no-imports"))
    fake = _Builds(state)
    monkeypatch.setattr(gazetteer_module, "_build_state", fake)
    return fake


class _Evil:
    """Unpickling this creates the marker file: proof that the cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def _assert_works(gaz: Gazetteer) -> None:
    aleppo = gaz.lookup("Aleppo")[0]
    assert (aleppo.country_code, aleppo.geonameid) == ("SY", 170062)


def test_round_trip_keeps_every_table(state: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "c" / "g.npz"
    write_state(path, state)
    back = read_state(path)
    assert set(back) == set(state)
    for name, value in state.items():
        assert type(back[name]) is type(value), name
        if isinstance(value, array):  # bytes: the coordinates hold NaN for places without a point
            assert (back[name].typecode, back[name].tobytes()) == (value.typecode, value.tobytes()), name
        else:
            assert back[name] == value, name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["g.npz"]  # no temporary file left


def test_planted_pickle_is_not_executed(builds: _Builds, tmp_path: Path, caplog: Any) -> None:
    path = Gazetteer.cache_path()
    marker = tmp_path / "pwned"
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps({"x": _Evil(marker)}))
    path.with_suffix(".pkl").write_bytes(pickle.dumps(_Evil(marker)))  # the old cache name too
    os.chmod(path, 0o600)
    with caplog.at_level(logging.WARNING):
        gaz = Gazetteer.load()
    assert not marker.exists()
    _assert_works(gaz)
    assert builds.calls == 1
    assert f"gazetteer cache {path} not used (corrupt" in caplog.text
    assert read_state(path)["_n_cities"] == gaz._n_cities  # replaced by a good cache
    assert not path.with_suffix(".pkl").exists()  # old pickle caches are removed
    assert not marker.exists()
    _assert_works(Gazetteer.load())
    assert builds.calls == 1  # the rebuilt cache is used


def test_object_array_in_npz_is_refused(builds: _Builds, tmp_path: Path) -> None:
    path = Gazetteer.cache_path()
    marker = tmp_path / "pwned"
    path.parent.mkdir(parents=True)
    with open(path, "wb") as fh:
        np.savez(fh, __meta__=np.array([_Evil(marker)], dtype=object))
    os.chmod(path, 0o600)
    with pytest.raises(CacheRejected, match="corrupt"):
        read_state(path)
    _assert_works(Gazetteer.load())
    assert not marker.exists()
    assert builds.calls == 1


def test_corrupt_cache_is_rebuilt(builds: _Builds, state: dict[str, Any]) -> None:
    path = Gazetteer.cache_path()
    write_state(path, state)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a torn write
    with pytest.raises(CacheRejected, match="corrupt"):
        read_state(path)
    _assert_works(Gazetteer.load())
    assert builds.calls == 1
    assert path.stat().st_size == len(data)


def test_cache_writable_by_others_is_ignored(builds: _Builds, state: dict[str, Any]) -> None:
    path = Gazetteer.cache_path()
    write_state(path, state)
    os.chmod(path, 0o666)
    with pytest.raises(CacheRejected, match="writable by group or others"):
        read_state(path)
    _assert_works(Gazetteer.load())
    assert builds.calls == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # rewritten as ours alone


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_cache_of_another_user_is_ignored(builds: _Builds, state: dict[str, Any]) -> None:
    path = Gazetteer.cache_path()
    write_state(path, state)
    os.chown(path, 65534, 65534)
    with pytest.raises(CacheRejected, match="owned by uid 65534"):
        read_state(path)
    _assert_works(Gazetteer.load())
    assert builds.calls == 1
    assert path.stat().st_uid == os.geteuid()


def test_symlink_at_cache_path_is_not_followed(
    builds: _Builds, state: dict[str, Any], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.npz"
    write_state(elsewhere, state)
    path = Gazetteer.cache_path()
    path.parent.mkdir(mode=0o700)
    path.symlink_to(elsewhere)
    with pytest.raises(CacheRejected, match="cannot open"):
        read_state(path)
    _assert_works(Gazetteer.load())
    assert builds.calls == 1
    assert not path.is_symlink()
