"""Is an output folder already up to date? The no-change rebuild of ``kg build``.

After a build, ``OUT/.kg-build.json`` records a *build key* and the size and modification time of
every output file. The key is a SHA-256 over everything the outputs depend on:

- the bytes of every input file (and its path), so touching a file without changing it does not
  count as a change, and any edit does;
- the build settings (selected ids, validation, input policy, model choice);
- kg itself: the version and the content of its code, language data, queries, templates and
  ontology, so upgrading or editing kg rebuilds;
- the models' identity (``kg.nlp.pipeline.model_identity``: name, size and time of every model
  file), and the parse source when a test parser stands in for Stanza;
- with ``--store``, the store's folder and *generation*: a change made to the store by anyone
  else (another ``kg build --store``, ``kg remove``) rebuilds the outputs.

When the key and the outputs are unchanged, ``kg build`` has nothing to do: it neither reads the
articles nor opens the store. Checking costs reading and hashing the input files.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg import __version__
from kg.articles import expand_inputs

__all__ = [
    "STAMP_FILE",
    "STORE_MARKER",
    "BuildStamp",
    "build_key",
    "fingerprint_files",
    "folder_state",
    "inputs_digest",
    "is_current",
    "read_stamp",
    "software_fingerprint",
    "store_state",
    "write_stamp",
]

STAMP_FILE = ".kg-build.json"
STORE_MARKER = "kg-store.json"
"""A kg store's marker file (``kg.store`` takes the name from here, so this module stays light)."""
_KG_DIR = Path(__file__).resolve().parent
_SOURCE_SUFFIXES = {".py", ".toml", ".ttl", ".rq", ".html", ".json"}
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BuildStamp:
    """What ``OUT/.kg-build.json`` holds: the build key and each output file's (size, mtime in ns)."""

    key: str
    outputs: Mapping[str, tuple[int, int]]


def _hash_file(digest: hashlib._Hash, path: Path) -> None:
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)


@functools.cache
def software_fingerprint() -> str:
    """SHA-256 of kg's version and of its code, language data, queries, templates, ontology files and event models.

    Computed once per process (a build asks for it before and after). The Stanza models are left
    out (64 MB to read each time): ``model_identity`` covers them. The event proposer and scorer
    (``kg/resources/events``, 0.3 MB) are in: they change what an article's extraction is, which a
    store caches under this fingerprint.
    """
    digest = hashlib.sha256(__version__.encode())
    for path in fingerprint_files():
        digest.update(f"\0{path.name}\0".encode())
        _hash_file(digest, path)
    return digest.hexdigest()


def fingerprint_files() -> list[Path]:
    """The files ``software_fingerprint`` hashes, in order."""
    from kg.lexicon import ONTOLOGY_DIR

    files = [p for p in _KG_DIR.rglob("*") if p.suffix in _SOURCE_SUFFIXES and "__pycache__" not in p.parts]
    files = [p for p in files if "resources" not in p.relative_to(_KG_DIR).parts[:1]]
    files += (_KG_DIR / "resources" / "events").glob("*.npz")
    files += ONTOLOGY_DIR.glob("*.ttl")
    return sorted(files)


def inputs_digest(inputs: Iterable[str | Path]) -> str:
    """SHA-256 over the path and bytes of every file in ``inputs`` (expanded as ``kg build`` expands them).

    Raises ``InputError`` as ``expand_inputs`` does for an input that matches nothing.
    """
    digest = hashlib.sha256()
    for path in expand_inputs(inputs):
        digest.update(f"\0{path.resolve()}\0".encode("utf-8", "surrogateescape"))
        try:
            _hash_file(digest, path)
        except OSError as exc:  # the build reports it; the key only has to differ from a readable file's
            digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def build_key(inputs: str, context: Mapping[str, object]) -> str:
    """The build key of inputs with digest ``inputs`` under ``context`` (settings, models, store state ...)."""
    digest = hashlib.sha256(f"{software_fingerprint()}\0{inputs}\0".encode())
    digest.update(json.dumps(context, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def store_state(store_dir: Path | None) -> str | None:
    """What the build key needs of a store: its folder and marker (format and generation), or None without one."""
    if store_dir is None:
        return None
    from kg.remote import is_url

    if is_url(store_dir):  # a store on a SPARQL server may change behind our back: never up to date
        import time

        return f"{store_dir}\0{time.time_ns()}"
    try:
        marker = (store_dir / STORE_MARKER).read_text(encoding="utf-8")
    except OSError:
        marker = "missing"
    return f"{store_dir.resolve()}\0{marker}"


def folder_state(folder: Path) -> list[tuple[str, int, int]]:
    """Name, size and mtime (ns) of every file under ``folder``: the key of a parse source read from files."""
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        info = path.stat()
        out.append((str(path.relative_to(folder)), info.st_size, info.st_mtime_ns))
    return out


def _output_state(out_dir: Path, names: Iterable[str]) -> dict[str, tuple[int, int]] | None:
    state = {}
    for name in names:
        try:
            info = (out_dir / name).stat()
        except OSError:
            return None
        state[name] = (info.st_size, info.st_mtime_ns)
    return state


def read_stamp(out_dir: Path) -> BuildStamp | None:
    """The stamp of the last build into ``out_dir``, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads((out_dir / STAMP_FILE).read_text(encoding="utf-8"))
        return BuildStamp(str(data["key"]), {k: (int(v[0]), int(v[1])) for k, v in data["outputs"].items()})
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def write_stamp(out_dir: Path, key: str, paths: Mapping[str, Path]) -> None:
    """Record ``key`` and the current state of the output files ``paths`` (all inside ``out_dir``)."""
    from kg.files import atomic_write

    state = _output_state(out_dir, [p.name for p in paths.values()]) or {}
    atomic_write(out_dir / STAMP_FILE, json.dumps({"key": key, "outputs": state}, indent=2) + "\n")


def is_current(out_dir: Path, key: str) -> bool:
    """True when the last build into ``out_dir`` had build key ``key`` and its outputs are untouched."""
    stamp = read_stamp(out_dir)
    if stamp is None or stamp.key != key or not stamp.outputs:
        return False
    return _output_state(out_dir, stamp.outputs) == dict(stamp.outputs)
