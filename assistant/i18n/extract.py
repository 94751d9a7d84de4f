"""The Babel extractor for guide files (``babel.extractors`` entry point ``assistant_guide``).

``babel.cfg`` maps ``guides/*.toml`` to it, so ``pybabel extract -F babel.cfg`` and
every tool built on Babel see the guides' titles, bodies and choice labels, each with
its line and a translator comment naming the guide and the step.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from assistant.engine.messages import guide_messages


def extract_guide(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Yield ``(lineno, funcname, message, comments)`` for each string of a guide file.

    ``funcname`` is ``None``: guide text is a plain ``gettext`` message. A file that is
    not UTF-8 or not TOML yields nothing; ``assistant check`` reports it.
    """
    try:
        for lineno, message, comments in guide_messages(fileobj):
            yield lineno, None, message, list(comments)
    except UnicodeDecodeError:
        return


def extract_symptoms(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str | None, str | tuple[str, str], list[str]]]:
    """Yield ``(lineno, "pgettext", (context, message), comments)`` for a symptoms file.

    ``babel.extractors`` entry point ``assistant_symptoms``; ``babel.cfg`` maps
    ``guides/symptoms/*.toml`` to it. A symptom's text and each synonym has its own
    context, so a word shared with the UI can be translated for the search alone.
    """
    from assistant.symptoms import symptom_messages

    try:
        for lineno, context, message, comments in symptom_messages(fileobj):
            yield lineno, "pgettext", (context, message), list(comments)
    except UnicodeDecodeError:
        return
