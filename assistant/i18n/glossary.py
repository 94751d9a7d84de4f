"""A language's glossary: words its translation must use, owned by its translators.

``locales/<lang>/glossary.toml`` lists terms: the English, the translation that must be
used for it (a screen name as the TikTok app shows it in that language, a fixed term),
and wordings to avoid. ``assistant check`` reports a translation that misses a term or
uses a wording to avoid, with the file and line of the message and of the term::

    [[term]]
    english = "Settings and privacy"
    translation = "Paramètres et confidentialité"
    kind = "screen"          # or "term": only said in the message
    avoid = ["Réglages et confidentialité"]
    unless = []              # English phrases where the words are not this term

Matching ignores case; accents and spaces count (the app's names are exact).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.i18n.markers import N_

GLOSSARY_FILE = "glossary.toml"
"""The glossary's name in ``locales/<lang>/``."""


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    english: str
    translation: str
    line: int
    """1-based line of the entry in the glossary file."""
    kind: str = "term"
    avoid: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    """English phrases in which ``english`` is not the term (``TikTok For Business account``)."""


@dataclass
class Glossary:
    """The terms of one language, and what was wrong with the file."""

    path: Path | None = None
    terms: list[Term] = field(default_factory=list)
    problems: list[tuple[int, str, dict[str, object]]] = field(default_factory=list)
    """``(line, English reason marked for translation, fields)``."""


@lru_cache(maxsize=16384)
def _fold(text: str) -> str:
    """Case-folded, no-break spaces as spaces (they are typography, not spelling)."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    # A term may be wrapped over two lines of a guide's text.
    text = re.sub(r"\s+", " ", text)
    return text.replace("\u2019", "'").casefold()


def _line_of(lines: list[str], text: str, start: int = 0) -> int:
    for number, line in enumerate(lines[start:], start + 1):
        if text in line:
            return number
    return 0


def load_glossary(path: Path) -> Glossary:
    """The glossary at ``path`` (an empty one when the file does not exist)."""
    glossary = Glossary(path)
    if not path.is_file():
        return glossary
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        glossary.problems.append((0, N_("cannot be read: {error}"), {"error": str(error)}))
        return glossary
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        glossary.problems.append((int(found.group(1)) if found else 0,
                                  N_("not valid TOML: {error}"), {"error": str(error)}))
        return glossary
    lines = text.splitlines()
    terms = data.get("term", [])
    if not isinstance(terms, list):
        glossary.problems.append((1, N_("expected [[term]] tables"), {}))
        return glossary
    position = 0
    for entry in terms:
        english = entry.get("english") if isinstance(entry, dict) else None
        translation = entry.get("translation") if isinstance(entry, dict) else None
        line = _line_of(lines, str(english), position) if english else 0
        position = max(position, line)
        if not isinstance(english, str) or not isinstance(translation, str) or not (
            english.strip() and translation.strip()
        ):
            glossary.problems.append((line or position + 1, N_(
                "a [[term]] needs “english” and “translation” (text)"), {}))
            continue
        avoid = entry.get("avoid", [])
        if not isinstance(avoid, list) or not all(isinstance(a, str) for a in avoid):
            glossary.problems.append((line, N_("“avoid” must be a list of texts"), {}))
            avoid = []
        unless = entry.get("unless", [])
        if not isinstance(unless, list) or not all(isinstance(u, str) for u in unless):
            glossary.problems.append((line, N_("“unless” must be a list of texts"), {}))
            unless = []
        glossary.terms.append(Term(english, translation, line, str(entry.get("kind", "term")),
                                   tuple(avoid), tuple(unless)))
    return glossary


@lru_cache(maxsize=1024)
def _phrase(phrase: str) -> tuple[str, re.Pattern[str]]:
    """``phrase`` folded, and the pattern finding it as whole words."""
    folded = _fold(phrase)
    return folded, re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")


def _contains(text: str, phrase: str) -> bool:
    folded, pattern = _phrase(phrase)
    within = _fold(text)
    # The search only confirms whole words: most texts do not hold the phrase at all.
    return folded in within and pattern.search(within) is not None


def _without(text: str, phrases: tuple[str, ...]) -> str:
    for phrase in phrases:
        text = re.sub(re.escape(phrase), " ", text, flags=re.IGNORECASE)
    return text


def term_problems(
    glossary: Glossary, sources: tuple[str, ...] | list[str], translation: str
) -> list[tuple[Term, str]]:
    """The terms ``translation`` breaks: ``(term, "missing" | the wording to avoid)``."""
    found: list[tuple[Term, str]] = []
    for term in glossary.terms:
        for wording in term.avoid:
            if _contains(translation, wording):
                found.append((term, wording))
        if any(_contains(_without(source, term.unless), term.english) for source in sources
               ) and not _contains(translation, term.translation):
            found.append((term, "missing"))
    return found
