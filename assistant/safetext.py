"""Text from snapshots, guides and catalogues, made safe to show on a terminal.

Such text comes from users, support writers and volunteer translators. Before it
reaches a widget or a line of command output it loses everything a terminal could
act on: ESC (and so every escape sequence, OSC 52 clipboard writes included), the C0
controls other than newline and tab, DEL, the C1 controls, and the bidirectional
controls that can make text read differently from what it is.

JSON output keeps the data exact instead: :func:`dumps` writes those characters as
``\\uXXXX`` escapes, which a JSON reader turns back into the same string.
"""

from __future__ import annotations

import json
import re
from typing import TextIO

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The bidirectional controls: they can make text read differently from what it is."""

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f"  # C0 controls except tab (09) and newline (0a); ESC is 1b
    "\x7f-\x9f"  # DEL and the C1 controls
    f"{BIDI_CONTROLS}"  # bidirectional controls
    "]"
)

# What json.dumps(ensure_ascii=False) leaves raw but a terminal would act on (C0 is
# already escaped by json): DEL, C1, bidi controls, line and paragraph separators, and
# lone surrogates (which cannot even be encoded to UTF-8 on the way out).
_RAW_IN_JSON = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without terminal controls: safe to print or to show in a widget."""
    return _UNSAFE.sub("", text)


def clean_line(text: str) -> str:
    """``text`` made safe and kept on one line (newlines and tabs become spaces)."""
    return clean(text).replace("\n", " ").replace("\t", " ")


def is_clean(text: str) -> bool:
    """Whether ``text`` holds no terminal control (:func:`clean` would not change it)."""
    return _UNSAFE.search(text) is None


def dumps(data: object, *, indent: int | None = None) -> str:
    """``data`` as JSON, non-ASCII kept, every terminal control written ``\\uXXXX``.

    The result decodes to exactly ``data``: only the way characters are written
    changes, so scripts reading the output see the real values.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class SafeStream:
    """A text stream that cleans everything written to it (see :func:`clean`).

    Commands write their human-readable output through one, so no line of it can
    carry a terminal control, whatever the guide, catalogue or snapshot said.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        """The stream written to."""

    def write(self, text: str) -> int:
        """Write ``text`` without its terminal controls."""
        return self.stream.write(clean(text))

    def flush(self) -> None:
        """Flush the underlying stream."""
        self.stream.flush()


TRANSLITERATION = {
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "«": '"', "»": '"',
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u2026": "...",
    "\u2013": "-", "\u2014": "-", "\u2192": "->", "\u2190": "<-", "\u2717": "x",
    "\u2716": "x", "\u2713": "v", "\u2714": "v", "\u25b2": "!", "\u2022": "*",
}
"""What a character a terminal cannot show becomes (anything else: ``?``)."""

ENCODING_ERRORS = "assistant-transliterate"
"""The codec error handler :func:`fit_output_encoding` installs on a non-UTF-8 stream."""


def _transliterate(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata

    text = error.object[error.start:error.end]
    out = []
    for char in text:
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        out.append(TRANSLITERATION.get(char) or plain or "?")
    return "".join(out), error.end


def fit_output_encoding(stream: TextIO) -> None:
    """Make ``stream`` survive text its encoding cannot hold (``LC_ALL=fr_FR.ISO-8859-1``,
    ``PYTHONIOENCODING=ascii``, cp1252): ’ « » U+202F ✗ and the like are written as
    their closest ASCII (' " " space x), anything else as ``?``; never a crash.
    """
    import codecs

    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if encoding in ("utf-8", "utf8", "utf-16", "utf-32") or not hasattr(stream, "reconfigure"):
        return
    try:
        codecs.lookup_error(ENCODING_ERRORS)
    except LookupError:
        codecs.register_error(ENCODING_ERRORS, _transliterate)
    try:
        stream.reconfigure(errors=ENCODING_ERRORS)
    except (AttributeError, ValueError, OSError):
        pass
