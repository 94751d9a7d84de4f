"""What every command is handed, and how it reports bad input."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from assistant.i18n.translator import Translator
from assistant.safetext import clean_line


class CommandError(Exception):
    """Bad input: reported as one line on standard error, no traceback.

    The message is already translated; ``exit_code`` is 2 unless said otherwise. It is
    kept to one line and cleaned of terminal controls: it may quote a file name, a
    guide id or a translation.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(clean_line(message))
        self.exit_code = exit_code


@dataclass
class Context:
    """The translator and streams a command works with."""

    translator: Translator
    stdout: TextIO
    stderr: TextIO
