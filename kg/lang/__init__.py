"""Language packs: everything kg knows about one language, in one folder, ``kg/lang/<code>/``.

The core modules compare no word of any language (``tests/test_core_names.py`` holds them to it);
they read a pack through ``Lexicon`` (``kg.lexicon``), built from these files:

- ``lexicon.toml``: word classes (titles, pronouns, group nouns, prepositions of place, target and
  agent, connectors), modality markers, months and weekdays, grammar words (the relative pronoun,
  the passive's agent marker and prefix, clitics), what speech says against someone;
- ``triggers.ttl``: the words that signal each event type of ``ontology/event-types.ttl``, as
  literals tagged with the language's code;
- ``patterns.toml``: extraction rules written as dependency patterns (``kg.patterns``);
- ``countries.toml``: country names and variants beside CLDR's names in the pack's locale (Babel);
- ``aliases.toml``: spelling variants of organisations, places and people;
- ``furniture.toml``: lines of news-site furniture to drop before parsing (``kg.furniture``);
- ``never_split.toml``: words the tokenizer must keep whole (``kg.nlp.training``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import OntologyError

__all__ = ["DEFAULT_LANGUAGE", "LANG_DIR", "PACK_FILES", "LanguagePack", "available_languages", "language_pack"]

LANG_DIR = Path(__file__).resolve().parent
DEFAULT_LANGUAGE = "id"
PACK_FILES = (
    "lexicon.toml",
    "triggers.ttl",
    "patterns.toml",
    "countries.toml",
    "aliases.toml",
    "furniture.toml",
    "never_split.toml",
)


@dataclass(frozen=True)
class LanguagePack:
    """One language's folder: its code (an ISO 639-1 code, also its CLDR locale and literal tag) and files."""

    code: str
    folder: Path

    def file(self, name: str) -> Path:
        """The path of one of ``PACK_FILES`` in this pack."""
        if name not in PACK_FILES:
            raise OntologyError(f"{name!r} is no language-pack file; a pack holds {', '.join(PACK_FILES)}.")
        return self.folder / name


def available_languages(root: Path = LANG_DIR) -> list[str]:
    """The codes of the language folders under ``root``."""
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "lexicon.toml").is_file())


def language_pack(code: str = DEFAULT_LANGUAGE, root: Path = LANG_DIR) -> LanguagePack:
    """The pack of language ``code``; ``OntologyError`` when its folder or one of its files is missing."""
    folder = root / code
    if not folder.is_dir():
        raise OntologyError(f"No language pack {code!r} in {root}: the packs there are {available_languages(root)}.")
    missing = [name for name in PACK_FILES if not (folder / name).is_file()]
    if missing:
        raise OntologyError(
            f"Language pack {folder} lacks {missing}: a pack holds {', '.join(PACK_FILES)} (README, 'A second language')."
        )
    return LanguagePack(code, folder)
