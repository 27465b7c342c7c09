"""One exception hierarchy for kg; every message says what to do about it."""

from __future__ import annotations

__all__ = [
    "CacheError",
    "EvaluationError",
    "InputError",
    "KGError",
    "ModelError",
    "OntologyError",
    "QueryError",
    "RuleError",
    "StoreError",
    "TrainingError",
    "UnknownActorError",
    "WorkerError",
]


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input path, article or file cannot be used."""


class ModelError(KGError):
    """The Stanza models cannot be found or loaded."""


class TrainingError(KGError):
    """A training step failed; the message names its log file."""


class QueryError(KGError):
    """A SPARQL query is malformed or names an unknown query."""


class OntologyError(KGError):
    """Code and ontology disagree, or the ontology files are unreadable."""


class EvaluationError(KGError):
    """A gold or evaluation file is malformed."""


class StoreError(KGError):
    """A kg store folder cannot be opened, created or changed."""


class CacheError(KGError):
    """The parse cache folder cannot be read or written."""


class WorkerError(KGError):
    """A worker process died, or the Dask scheduler cannot be reached or its workers cannot run kg."""


class UnknownActorError(InputError):
    """No actor (or more than one) has the name asked for; the message lists close matches."""


class RuleError(KGError):
    """An extraction rule id is unknown (``kg rules`` lists them)."""
