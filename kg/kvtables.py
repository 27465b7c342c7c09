"""Tables that live in SQLite and are read one key at a time: the store's actor index.

A table is a mapping of keys (strings, numbers and tuples of them) to picklable values, of one of four kinds: ``PLAIN`` (a dict),
``COUNT`` (a ``Counter``: a missing key reads 0), ``SETS`` and ``COUNTERS`` (a ``defaultdict`` of sets or
of Counters: reading a missing key gives an empty one). ``memory_table`` makes the in-memory table of a
kind; ``SqliteTables`` makes tables over one SQLite file that load a key the first time it is read and
write back, on ``commit``, only the keys whose value changed (values mutated in place included), so a
change costs the keys it touches, not the table.
"""

from __future__ import annotations

import ast
import pickle
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

__all__ = ["COUNT", "COUNTERS", "PLAIN", "SETS", "LazyTable", "SqliteTables", "TableFactory", "memory_table"]

PLAIN, COUNT, SETS, COUNTERS = "plain", "count", "sets", "counters"
TableFactory = Callable[[str, str], Any]
"""``(name, kind) -> table``."""

_MISSING: Any = object()


def memory_table(name: str, kind: str) -> Any:
    """An in-memory table of ``kind`` (``name`` is not used)."""
    if kind == PLAIN:
        return {}
    if kind == COUNT:
        return Counter()
    if kind == SETS:
        return defaultdict(set)
    if kind == COUNTERS:
        return defaultdict(Counter)
    raise ValueError(f"unknown table kind {kind!r}")


def _empty(kind: str) -> Any:
    return set() if kind == SETS else Counter()


def _key(key: Any) -> bytes:
    """A key's bytes: its ``repr``, the same for equal keys of strings, numbers and tuples of them (a pickle
    is not: it depends on which equal strings are one object)."""
    return repr(key).encode("utf-8", "surrogatepass")


def _unkey(data: bytes) -> Any:
    return ast.literal_eval(data.decode("utf-8", "surrogatepass"))


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class SqliteTables:
    """Tables in one SQLite file, with a small ``meta`` table of strings; ``commit`` writes every table back.

    Raises ``sqlite3.DatabaseError`` for a file that is not such a database."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only:  # reads only, and never creates the file
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", isolation_level=None, uri=True)
        else:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS kv "
                "(t TEXT NOT NULL, k BLOB NOT NULL, v BLOB NOT NULL, PRIMARY KEY (t, k)) WITHOUT ROWID"
            )
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
        self._tables: dict[str, LazyTable] = {}

    def __call__(self, name: str, kind: str) -> LazyTable:
        table = self._tables.get(name)
        if table is None:
            table = self._tables[name] = LazyTable(self, name, kind)
        return table

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return row[0] if row else None

    def replace_all(self, tables: Mapping[str, tuple[str, Mapping[Any, Any]]], meta: Mapping[str, str]) -> None:
        """Replace everything with ``tables`` (name -> (kind, contents), as ``memory_table`` makes them) and ``meta``."""
        self._db.execute("BEGIN")
        try:
            self._db.execute("DELETE FROM kv")
            self._db.execute("DELETE FROM meta")
            for name, (kind, table) in tables.items():
                rows = ((name, _key(k), _dumps(v)) for k, v in table.items() if kind == PLAIN or v)
                self._db.executemany("INSERT INTO kv (t, k, v) VALUES (?, ?, ?)", rows)
            self._db.executemany("INSERT INTO meta (k, v) VALUES (?, ?)", meta.items())
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        finally:
            for table in self._tables.values():
                table.forget()

    def commit(self, meta: Mapping[str, str] | None = None) -> None:
        """Write back what changed in every table, and ``meta``, in one transaction."""
        self._db.execute("BEGIN")
        try:
            for table in self._tables.values():
                table.write(self._db)
            for key, value in (meta or {}).items():
                self._db.execute("INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)", (key, value))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            for table in self._tables.values():
                table.forget()
            raise
        for table in self._tables.values():
            table.settle()

    def get(self, name: str, key: bytes) -> bytes | None:
        row = self._db.execute("SELECT v FROM kv WHERE t = ? AND k = ?", (name, key)).fetchone()
        return row[0] if row else None

    def keys(self, name: str) -> Iterator[bytes]:
        for (key,) in self._db.execute("SELECT k FROM kv WHERE t = ?", (name,)):
            yield key

    def count(self, name: str) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM kv WHERE t = ?", (name,)).fetchone()[0])

    def close(self) -> None:
        self._db.close()


class LazyTable(MutableMapping[Any, Any]):
    """One table of ``SqliteTables``: a mapping that reads a key from SQLite the first time it is asked for."""

    def __init__(self, tables: SqliteTables, name: str, kind: str) -> None:
        self._tables, self._name, self._kind = tables, name, kind
        self._values: dict[Any, Any] = {}  # what was read or written; _MISSING where absent
        self._stored: dict[Any, bytes | None] = {}  # what SQLite holds for those keys

    def _load(self, key: Any) -> Any:
        if key in self._values:
            return self._values[key]
        blob = self._tables.get(self._name, _key(key))
        self._stored[key] = blob
        value = self._values[key] = pickle.loads(blob) if blob is not None else _MISSING
        return value

    def __getitem__(self, key: Any) -> Any:
        value = self._load(key)
        if value is _MISSING:
            if self._kind == PLAIN:
                raise KeyError(key)
            if self._kind == COUNT:
                return 0
            value = self._values[key] = _empty(self._kind)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._load(key)
        return default if value is _MISSING else value

    def __contains__(self, key: object) -> bool:
        return self._load(key) is not _MISSING

    def __setitem__(self, key: Any, value: Any) -> None:
        self._load(key)
        self._values[key] = value

    def __delitem__(self, key: Any) -> None:
        if self._load(key) is _MISSING:
            raise KeyError(key)
        self._values[key] = _MISSING

    def __iter__(self) -> Iterator[Any]:
        """Every key (reads the whole table's keys: for whole-corpus work only)."""
        known = [k for k, v in self._values.items() if v is not _MISSING and not self._is_empty(v)]
        seen = set(self._values)
        for blob in list(self._tables.keys(self._name)):
            key = _unkey(blob)
            if key not in seen:
                yield key
        yield from known

    def __len__(self) -> int:
        n = self._tables.count(self._name)
        for key, value in self._values.items():
            present = value is not _MISSING and not self._is_empty(value)
            n += present - (self._stored.get(key) is not None)
        return n

    def _is_empty(self, value: Any) -> bool:
        return self._kind != PLAIN and not value

    def write(self, db: sqlite3.Connection) -> None:
        """Write the keys whose value is not what SQLite holds (in the caller's transaction)."""
        for key, value in self._values.items():
            stored = self._stored.get(key)
            if value is _MISSING or self._is_empty(value):
                if stored is not None:
                    db.execute("DELETE FROM kv WHERE t = ? AND k = ?", (self._name, _key(key)))
                continue
            blob = _dumps(value)
            if blob != stored:
                db.execute("INSERT OR REPLACE INTO kv (t, k, v) VALUES (?, ?, ?)", (self._name, _key(key), blob))
                self._stored[key] = blob

    def settle(self) -> None:
        """After a commit: what SQLite holds is what was written."""
        for key, value in self._values.items():
            if value is _MISSING or self._is_empty(value):
                self._stored[key] = None

    def forget(self) -> None:
        """Drop what was read (after a rollback or a clear): the next read goes to SQLite."""
        self._values.clear()
        self._stored.clear()
