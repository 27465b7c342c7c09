"""One exception hierarchy for kg; every message says what to do about it."""

from __future__ import annotations

__all__ = [
    "EvaluationError",
    "InputError",
    "KGError",
    "ModelError",
    "OntologyError",
    "QueryError",
    "TrainingError",
    "UnknownActorError",
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


class UnknownActorError(InputError):
    """No actor (or more than one) has the name asked for; the message lists close matches."""
