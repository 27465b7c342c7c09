"""kg: knowledge graphs of actors and events from Indonesian news."""

__version__ = "0.1.0"
