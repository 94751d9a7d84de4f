"""Translation fragments: ``locales/<lang>/fragments/*.po`` written beside the code.

Each area of the project keeps the French of its own strings in a fragment (standard
PO syntax, header optional). :mod:`assistant.i18n.update` merges them into the
catalogue, matching ``msgctxt`` and ``msgid``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.i18n.pofile import CatalogueError, read_po_file

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Fragment:
    """One translated message of a fragment file."""

    key: Key
    msgstr: tuple[str, ...]
    plural: bool
    where: str
    """``file:line`` for messages to the maintainer."""

    def strings(self, pluralizable: bool, nplurals: int) -> str | tuple[str, ...] | None:
        """The translation in the shape the template asks for, or ``None`` if it does not fit."""
        if pluralizable:
            return self.msgstr if self.plural and len(self.msgstr) == nplurals else None
        return None if self.plural else self.msgstr[0]


def read_fragments(folder: Path, base: Path | None = None) -> tuple[dict[Key, Fragment], list[str]]:
    """Every translated, non-fuzzy message of the fragments in ``folder``, and the problems.

    Files are read in name order; when two give the same message different
    translations, the first wins and the clash is reported. A broken file is skipped.
    """
    found: dict[Key, Fragment] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        name = str(path.relative_to(base)) if base and path.is_relative_to(base) else str(path)
        try:
            po = read_po_file(path)
        except (CatalogueError, OSError) as error:
            problems.append(f"{name}:{getattr(error, 'line', 0)}: {error}; file skipped")
            continue
        for entry in po.entries:
            where = f"{name}:{entry.line}"
            if entry.fuzzy:
                problems.append(f"{where}: fuzzy; skipped")
                continue
            if not entry.translated:
                continue
            plural = entry.msgid_plural is not None
            fragment = Fragment(entry.key, tuple(entry.msgstr), plural, where)
            first = found.get(entry.key)
            if first is None:
                found[entry.key] = fragment
            elif first.msgstr != fragment.msgstr:
                problems.append(f"{where}: translated differently in {first.where}; kept that one")
    return found, problems
