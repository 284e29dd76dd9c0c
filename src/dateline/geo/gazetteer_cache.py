"""The gazetteer's on-disk cache: a format that cannot run code when it is read.

The index is a handful of flat ``array``s plus a few small tables (:func:`dateline.geo.gazetteer.
_build_state`). The cache is one uncompressed NumPy ``.npz`` file: every array is a typed
``.npy`` member, the small tables are one JSON member, and it is read with
``allow_pickle=False`` — no object arrays, no pickle, nothing in the file is executed.

The file is trusted only if it is a regular file (not a symlink) owned by the current user
and writable by nobody else; the checks are made on the opened descriptor, so the file
cannot be swapped between check and read. A file that fails them, or is torn, corrupt or of
another layout, is ignored (the caller rebuilds the index and writes a fresh cache). A cache
is written to a temporary file (mode 0600) in the cache folder (created 0700) and moved into
place atomically.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import tempfile
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["CACHE_SUFFIX", "CacheRejected", "read_state", "write_state"]

log = logging.getLogger(__name__)

#: The cache file's extension (the file name is built by ``Gazetteer.cache_path``).
CACHE_SUFFIX = ".npz"
#: Bump when the layout of the file (not of the index) changes.
FORMAT = 1
_META = "__meta__"
_BLOB = "_names_blob"


class CacheRejected(Exception):
    """The cache file exists but is not used: untrusted, corrupt or of another layout."""


def _encode_small(value: Any) -> Any:
    """A small table as JSON: tuples, frozensets and dicts keep their kind in a tag."""
    if isinstance(value, dict):
        return {"d": [[k, _encode_small(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"t": [_encode_small(v) for v in value]}
    if isinstance(value, frozenset):
        return {"f": sorted(value)}
    if isinstance(value, list):
        return {"l": [_encode_small(v) for v in value]}
    if isinstance(value, str | int | float) or value is None:
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode_small(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) != 1:
            raise CacheRejected("malformed table")
        ((tag, items),) = value.items()
        if not isinstance(items, list):
            raise CacheRejected("malformed table")
        if tag == "d":
            return {str(k): _decode_small(v) for k, v in items}
        if tag == "t":
            return tuple(_decode_small(v) for v in items)
        if tag == "f":
            return frozenset(items)
        if tag == "l":
            return [_decode_small(v) for v in items]
        raise CacheRejected(f"unknown table tag {tag!r}")
    return value


def _is_set_table(value: Any) -> bool:
    """A large ``dict[str, frozenset[int]]``: stored as columns, not JSON (30k entries)."""
    return (
        isinstance(value, dict)
        and len(value) > 0
        and all(isinstance(k, str) and "\0" not in k for k in value)
        and all(isinstance(v, frozenset) and all(isinstance(x, int) for x in v) for v in value.values())
    )


def _set_table_arrays(name: str, table: dict[str, frozenset[int]]) -> dict[str, np.ndarray]:
    import numpy as np

    keys = "\0".join(table).encode("utf-8", "surrogatepass")
    offsets = array("q", [0])
    values = array("q")
    for members in table.values():
        values.extend(sorted(members))
        offsets.append(len(values))
    return {
        f"{name}.keys": np.frombuffer(keys, dtype=np.uint8),
        f"{name}.offsets": np.frombuffer(offsets, dtype=np.int64),
        f"{name}.values": np.frombuffer(values, dtype=np.int64),
    }


def _read_set_table(npz: Any, name: str) -> dict[str, frozenset[int]]:
    import numpy as np

    keys = npz[f"{name}.keys"].tobytes().decode("utf-8", "surrogatepass").split("\0")
    offsets = npz[f"{name}.offsets"]
    values = npz[f"{name}.values"]
    if offsets.dtype != np.int64 or values.dtype != np.int64 or len(offsets) != len(keys) + 1:
        raise CacheRejected(f"{name}: malformed table")
    bounds = offsets.tolist()
    flat = values.tolist()
    return {k: frozenset(flat[a:b]) for k, a, b in zip(keys, bounds, bounds[1:], strict=False)}


def _check_trusted(fd: int) -> None:
    """Raise :class:`CacheRejected` unless the open file is ours alone."""
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        raise CacheRejected("not a regular file")
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise CacheRejected(f"owned by uid {st.st_uid}, not by the current user")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise CacheRejected(f"writable by group or others (mode {stat.S_IMODE(st.st_mode):o})")


def read_state(path: Path) -> dict[str, Any]:
    """The index state stored at ``path``; :class:`CacheRejected` (with the reason) if it
    is untrusted or unreadable, :class:`FileNotFoundError` if there is none."""
    import numpy as np  # local import: the index itself needs no numpy

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:  # ELOOP: a symlink planted at the path
        raise CacheRejected(f"cannot open ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        _check_trusted(fd)
        try:
            with np.load(fh, allow_pickle=False) as npz:
                meta = json.loads(npz[_META].tobytes().decode("utf-8"))
                if not isinstance(meta, dict) or meta.get("format") != FORMAT:
                    raise CacheRejected("another cache layout")
                state: dict[str, Any] = {}
                for name, typecode in meta["arrays"].items():
                    data = npz[name]
                    if data.dtype != np.dtype(typecode) or data.ndim != 1:
                        raise CacheRejected(f"{name}: unexpected {data.dtype}")
                    state[name] = array(typecode, data.tobytes())
                state[_BLOB] = npz[_BLOB].tobytes().decode("utf-8", "surrogatepass")
                for name in meta["sets"]:
                    state[name] = _read_set_table(npz, name)
                for name, value in meta["small"].items():
                    state[name] = _decode_small(value)
        except CacheRejected:
            raise
        except Exception as exc:  # torn, truncated or foreign: whatever the reason, not used
            raise CacheRejected(f"corrupt ({type(exc).__name__}: {exc})") from None
    return state


def write_state(path: Path, state: dict[str, Any]) -> None:
    """Write ``state`` to ``path`` atomically (0600 file, 0700 folder); a failure only logs."""
    import numpy as np

    arrays: dict[str, np.ndarray] = {}
    typecodes: dict[str, str] = {}
    small: dict[str, Any] = {}
    sets: list[str] = []
    for name, value in state.items():
        if _is_set_table(value):
            arrays.update(_set_table_arrays(name, value))
            sets.append(name)
        elif isinstance(value, array):
            arrays[name] = np.frombuffer(value, dtype=np.dtype(value.typecode))
            typecodes[name] = value.typecode
        elif name == _BLOB:
            arrays[name] = np.frombuffer(value.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        else:
            small[name] = _encode_small(value)
    meta = json.dumps({"format": FORMAT, "arrays": typecodes, "sets": sets, "small": small})
    arrays[_META] = np.frombuffer(meta.encode("utf-8"), dtype=np.uint8)
    tmp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")  # mode 0600
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, allow_pickle=False, **arrays)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        log.warning("cannot write gazetteer cache %s: %s", path, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    _remove_pickles(path.parent)


def _remove_pickles(folder: Path) -> None:
    """Delete the pickle caches of earlier versions (never read any more) that are ours."""
    for old in folder.glob("gazetteer-*.pkl"):
        try:
            if not hasattr(os, "geteuid") or old.lstat().st_uid == os.geteuid():
                old.unlink()
        except OSError:
            pass
