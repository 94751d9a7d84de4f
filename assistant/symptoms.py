"""What people say is going wrong: symptoms as data beside the guides.

``guides/symptoms/symptoms.toml`` lists troubles as a person would put them ("the
verification code never came"), with other ways of saying them, and the guide and step
that handle each. The search (:mod:`assistant.search`) finds them, the home screen opens
the guide at that step (``Runner(..., start=step)``), ``assistant check`` verifies that
every guide and step exists, and the extractor (:func:`symptom_messages`) puts the text
in the catalogue. Pure: no Textual, no engine import.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from assistant.problems import Problem

if TYPE_CHECKING:
    from assistant.i18n.translator import Translator

SYMPTOMS_FILE = Path("symptoms") / "symptoms.toml"
"""Where the symptoms live, relative to the guides directory."""

TEXT_CONTEXT = "symptom"
"""The ``msgctxt`` of a symptom's text in the catalogues."""

SYNONYM_CONTEXT = "symptom synonym"
"""The ``msgctxt`` of a synonym (never shown; only searched)."""

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MAX_TEXT = 200


@dataclass(frozen=True)
class Symptom:
    """One trouble, as a person would say it, and the guide step that handles it."""

    id: str
    """Stable id (``code-never-came``)."""
    text: str
    """English source text, shown translated (context :data:`TEXT_CONTEXT`)."""
    synonyms: tuple[str, ...]
    """Other English ways of saying it, for the search (context :data:`SYNONYM_CONTEXT`)."""
    guide: str
    """The guide that handles it."""
    step: str
    """The step of ``guide`` to open it at."""
    line: int = 0
    """Line of its ``[[symptom]]`` header in the file (for problems)."""

    def title(self, t: Translator) -> str:
        """The symptom in ``t``'s language."""
        return t.pgettext(TEXT_CONTEXT, self.text)

    def synonyms_in(self, t: Translator) -> list[str]:
        """The synonyms in ``t``'s language."""
        return [t.pgettext(SYNONYM_CONTEXT, synonym) for synonym in self.synonyms]


def symptoms_path(guides_directory: Path | None = None) -> Path:
    """The symptoms file under ``guides_directory`` (default: the guides in use)."""
    if guides_directory is None:
        import os

        from assistant.resources import guides_dir

        override = os.environ.get("ASSISTANT_GUIDES_DIR")
        guides_directory = Path(override) if override else guides_dir()
    return guides_directory / SYMPTOMS_FILE


def _header_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1)
            if line.strip().replace(" ", "") == "[[symptom]]"]


def parse_symptoms(text: str, where: str) -> tuple[list[Symptom], list[Problem]]:
    """The symptoms of a file's ``text``, and a problem for each entry that is wrong.

    A wrong entry is left out, named by line and field, what was expected said.
    """
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return [], [Problem(where, getattr(error, "lineno", 0) or 0, f"not TOML ({error})")]
    entries = data.get("symptom", [])
    if not isinstance(entries, list):
        return [], [Problem(where, 0, "symptom: expected [[symptom]] tables")]
    lines = _header_lines(text)
    symptoms: list[Symptom] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else 0
        found = _entry_problems(entry, index, seen)
        if found:
            problems += [Problem(where, line, message) for message in found]
            continue
        seen.add(entry["id"])
        symptoms.append(Symptom(
            id=entry["id"], text=entry["text"].strip(),
            synonyms=tuple(s.strip() for s in entry.get("synonyms", [])),
            guide=entry["guide"], step=entry["step"], line=line,
        ))
    return symptoms, problems


def _entry_problems(entry: object, index: int, seen: set[str]) -> list[str]:
    name = f"symptom[{index}]"
    if not isinstance(entry, dict):
        return [f"{name}: expected a table"]
    found = []
    for key in ("id", "text", "guide", "step"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip() or len(value) > _MAX_TEXT:
            found.append(f"{name}.{key}: expected a non-empty string of at most "
                         f"{_MAX_TEXT} characters")
    synonyms = entry.get("synonyms", [])
    if not isinstance(synonyms, list) or not all(
        isinstance(s, str) and s.strip() and len(s) <= _MAX_TEXT for s in synonyms
    ):
        found.append(f"{name}.synonyms: expected a list of non-empty strings")
    unknown = sorted(set(entry) - {"id", "text", "synonyms", "guide", "step"})
    if unknown:
        found.append(f"{name}: unknown field {', '.join(unknown)} "
                     "(expected id, text, synonyms, guide, step)")
    symptom_id = entry.get("id")
    if isinstance(symptom_id, str):
        if not _ID.match(symptom_id):
            found.append(f"{name}.id: expected lowercase letters, digits and hyphens, "
                         f"got {symptom_id!r}")
        elif symptom_id in seen:
            found.append(f"{name}.id: {symptom_id!r} is used twice")
    return found


def load_symptoms(path: Path | None = None) -> tuple[list[Symptom], list[Problem]]:
    """The symptoms of ``path`` (default :func:`symptoms_path`) and their problems.

    No file means no symptoms (a guides directory may have none).
    """
    path = path if path is not None else symptoms_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], []
    except OSError as error:
        return [], [Problem(str(path), 0, f"cannot read it ({error.strerror})")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return [], [Problem(str(path), 0, "not UTF-8 text")]
    return parse_symptoms(text, str(path))


def check_symptoms(
    guide_steps: Mapping[str, Sequence[str]], path: Path | None = None,
    translator: Translator | None = None,
) -> list[Problem]:
    """Problems of the symptoms file, and every symptom whose guide or step is missing.

    ``guide_steps`` maps each loaded guide id to its step ids, so a renamed step is
    caught here rather than when someone picks the symptom; ``translator`` writes the
    missing-guide and missing-step messages in the reader's language.
    """
    from assistant.i18n.translator import Translator as _Translator

    t = translator if translator is not None else _Translator("en")
    symptoms, problems = load_symptoms(path)
    where = str(path if path is not None else symptoms_path())
    for symptom in symptoms:
        if symptom.guide not in guide_steps:
            problems.append(Problem(where, symptom.line, t.gettext(
                "symptom '{symptom}': guide '{guide}' does not exist (or did not load)",
                symptom=symptom.id, guide=symptom.guide)))
        elif symptom.step not in guide_steps[symptom.guide]:
            problems.append(Problem(where, symptom.line, t.gettext(
                "symptom '{symptom}': guide '{guide}' has no step '{step}'",
                symptom=symptom.id, guide=symptom.guide, step=symptom.step)))
    return problems


def symptom_messages(fileobj: IO[bytes]) -> Iterator[tuple[int, str, str, list[str]]]:
    """Each translatable string of a symptoms file: ``(line, context, message, comments)``.

    The comment tells the translator where the text leads (``guide / step``); a file
    that is not TOML yields nothing (``assistant check`` reports it).
    """
    text = fileobj.read().decode("utf-8")
    symptoms, _problems = parse_symptoms(text, "symptoms")
    lines = text.splitlines()

    def line_of(start: int, key: str) -> int:
        for number in range(max(start, 1), len(lines) + 1):
            if lines[number - 1].lstrip().startswith(key):
                return number
        return start

    for symptom in symptoms:
        where = f"symptom {symptom.id} → {symptom.guide} / {symptom.step}"
        yield line_of(symptom.line, "text"), TEXT_CONTEXT, symptom.text, [where]
        for synonym in symptom.synonyms:
            yield (line_of(symptom.line, "synonyms"), SYNONYM_CONTEXT, synonym,
                   [f"{where} (a search word, never shown: use the words people type)"])
