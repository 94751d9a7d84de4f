"""The translatable text of a guide file, for the catalogue template.

:func:`guide_messages` yields every title, summary, body and choice label with its
line and a comment telling the translator where it is shown (``guide-id / step-id``).
The Babel extractor (:mod:`assistant.i18n.extract`) wraps it. Text is stripped of
leading and trailing blank space, exactly as the loader does, so that the catalogue's
``msgid`` is the string the runner looks up.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import IO, Any

_HEADER = re.compile(r"\s*\[\[?\s*steps\s*\.\s*[\"']?([A-Za-z0-9_-]+)")
_KEY = re.compile(r"(?:^|[{,])\s*(title|summary|body|label|handoff_to)\s*=")


def _key_lines(text: str) -> dict[tuple[str | None, str], list[int]]:
    """Lines where each ``(step or None, key)`` is assigned, in file order."""
    found: dict[tuple[str | None, str], list[int]] = {}
    section: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            section = header.group(1)
            continue
        if line.lstrip().startswith("["):
            section = None
            continue
        for match in _KEY.finditer(line):
            found.setdefault((section, match.group(1)), []).append(number)
    return found


def guide_messages(fileobj: IO[bytes]) -> Iterator[tuple[int, str, list[str]]]:
    """Each translatable string of a guide file: ``(line, message, [translator comment])``.

    A file that is not valid TOML yields nothing (``assistant check`` reports it).
    """
    text = fileobj.read().decode("utf-8")
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    lines = _key_lines(text)
    guide_id = str(data.get("id", "?"))

    def line_of(section: str | None, key: str, index: int = 0) -> int:
        found = lines.get((section, key), [])
        return found[index] if index < len(found) else 0

    for key in ("title", "summary"):
        if isinstance(data.get(key), str) and data[key].strip():
            yield line_of(None, key), data[key].strip(), [f"{guide_id} / {key}"]
    steps = data.get("steps")
    if not isinstance(steps, dict):
        return
    for step_id, step in steps.items():
        if not isinstance(step, dict):
            continue
        comment = [f"{guide_id} / {step_id}"]
        for key in ("title", "body", "handoff_to"):
            if isinstance(step.get(key), str) and step[key].strip():
                yield line_of(step_id, key), step[key].strip(), comment
        choices = step.get("choices")
        if isinstance(choices, list):
            for index, choice in enumerate(choices):
                label = choice.get("label") if isinstance(choice, dict) else None
                if isinstance(label, str) and label.strip():
                    yield line_of(step_id, "label", index), label.strip(), comment
