"""Extracting the catalogue template, exactly as ``pybabel extract -F babel.cfg`` does.

The Babel API is driven with the mapping in ``babel.cfg`` and Babel's default
keywords, file names relative to the project root, and Babel's default layout, so
the result has the same messages, locations and comments as running
``pybabel extract -F babel.cfg -o locales/assistant.pot .`` from the root.
"""

from __future__ import annotations

import io
from importlib.metadata import entry_points
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import write_po

from assistant import __version__

PROJECT = "tiktok-account-assistant"
"""The project name written in catalogue headers."""

CONFIG = "babel.cfg"
"""The extraction mapping, at the project root."""

GUIDE_EXTRACTOR = "assistant_guide"
"""The ``babel.extractors`` entry point name of the guide extractor."""

WIDTH = 76
"""Line width of the written catalogues (Babel's and gettext's default)."""


def _method_map(root: Path) -> tuple[list[tuple[str, str]], dict[str, dict]]:
    with (root / CONFIG).open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(root / CONFIG))
    if not entry_points(group="babel.extractors", name=GUIDE_EXTRACTOR):
        # Not installed (a bare checkout): name the function instead of the entry point.
        function = "assistant.i18n.extract:extract_guide"
        method_map = [
            (pattern, function if method == GUIDE_EXTRACTOR else method)
            for pattern, method in method_map
        ]
    return method_map, options_map


class ExtractionError(Exception):
    """A source file the extractors could not read (named, with the reason)."""


def extract_template(root: Path) -> Catalog:
    """Every message of the sources and guides under ``root``, as a template catalogue.

    Raises :class:`ExtractionError` naming the file when an extractor fails on one
    (a Python file with a syntax error, for instance).
    """
    method_map, options_map = _method_map(root)
    catalog = Catalog(
        project=PROJECT, version=__version__, copyright_holder=f"the {PROJECT} authors",
        charset="utf-8",
    )
    current = ["?"]

    def note(filename: str, method: str, options: dict) -> None:
        current[0] = filename

    found = extract_from_dir(
        str(root), method_map, options_map, keywords=DEFAULT_KEYWORDS, comment_tags=(),
        callback=note,
    )
    try:
        for filename, lineno, message, comments, context in found:
            catalog.add(
                message, None, [(filename, lineno)], auto_comments=comments, context=context
            )
    except Exception as error:  # noqa: BLE001 - any extractor failure names its file
        raise ExtractionError(f"{current[0]}: cannot extract messages ({error})") from None
    return catalog


def render_template(catalog: Catalog) -> bytes:
    """The ``.pot`` bytes of ``catalog``, laid out as ``pybabel extract`` writes them."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH)
    return buffer.getvalue()
