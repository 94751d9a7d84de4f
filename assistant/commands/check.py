"""``assistant check``: lint every guide and every catalogue; exit 1 on any error.

Each half runs even if the other one crashes: a crash is reported as a problem.
A problem quotes the file it is about, so each is printed on one line, cleaned of
terminal controls.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.commands.common import Context
from assistant.engine import load_guides
from assistant.i18n.translator import Translator
from assistant.problems import Problem, Severity
from assistant.safetext import SafeStream, clean_line

if TYPE_CHECKING:
    from assistant.i18n.checks import Coverage


class _Catalogues:
    """The catalogue half, read and checked once: its problems and its coverage lines."""

    def __init__(self, t: Translator, locales: Path | None, only: Path | None,
                 cached: bool = False) -> None:
        self.t, self.locales, self.only, self.cached = t, locales, only, cached
        self._result: tuple[list[Problem], list[Coverage]] | None = None

    def result(self) -> tuple[list[Problem], list[Coverage]]:
        """The problems and the per-language counts (checked on the first call; taken
        from :mod:`~assistant.i18n.check_cache` when the catalogues did not change)."""
        if self._result is None:
            self._result = self._remembered() or self._checked()
        return self._result

    def _checked(self) -> tuple[list[Problem], list[Coverage]]:
        from assistant.i18n.checks import check_and_count

        return check_and_count(self.locales, translator=self.t, only=self.only)

    def _remembered(self) -> tuple[list[Problem], list[Coverage]] | None:
        """The result remembered for these catalogues, else checked now and remembered;
        ``None`` when the cache is off or the catalogues cannot all be read."""
        from assistant.i18n import check_cache

        if not self.cached or not check_cache.enabled():
            return None
        from assistant.resources import locales_dir

        root = self.locales if self.locales is not None else locales_dir()
        key = check_cache.catalogue_key(root, self.t.lang, self.only)
        if key is None:
            return None
        store = check_cache.CheckCache()
        found = store.get(key)
        if found is not None:
            return found
        problems, coverages = self._checked()
        store.put(key, problems, coverages)
        return problems, coverages


def _catalogue_problems(
    t: Translator, locales: Path | None = None, only: Path | None = None,
    shared: _Catalogues | None = None,
) -> list[Problem]:
    return list((shared or _Catalogues(t, locales, only)).result()[0])


def _coverage_lines(
    t: Translator, locales: Path | None = None, only: Path | None = None,
    shared: _Catalogues | None = None,
) -> list[str]:
    """One line per language: how much of the template it translates."""
    coverages = (shared or _Catalogues(t, locales, only)).result()[1]
    return [entry.describe(t) for entry in coverages]


def _guarded(name: str, check: Callable[[], list[Problem]], t: Translator) -> list[Problem]:
    try:
        return check()
    except Exception as error:  # one broken check must not hide the others
        message = t.gettext("this check crashed: {error}", error=f"{type(error).__name__}: {error}")
        return [Problem(name, 0, message)]


def main(args: argparse.Namespace, context: Context) -> int:
    """Print every problem, one per line, then a summary; 1 if any is an error."""
    from assistant.i18n.checks import checked_tree

    t = context.translator
    out = SafeStream(context.stdout)
    library = None
    tree = checked_tree(getattr(args, "root", None))
    only = getattr(args, "catalogue", None)
    # On stderr: standard output stays one problem a line, then the summary.
    SafeStream(context.stderr).write(clean_line(tree.describe(t)) + "\n")

    def guides() -> list[Problem]:
        nonlocal library
        library = load_guides(tree.guides, translator=t)
        return library.problems

    def symptoms() -> list[Problem]:
        from assistant.symptoms import check_symptoms, symptoms_path

        if library is None:
            return []
        return check_symptoms(
            {g.id: list(g.steps) for g in library.guides.values()},
            symptoms_path(library.directory), t,
        )

    problems = [] if only is not None else (
        _guarded("guides", guides, t) + _guarded("symptoms", symptoms, t)
    )
    catalogues = _Catalogues(t, tree.locales, only,
                             cached=not getattr(args, "no_cache", False))
    problems += _guarded(
        "locales", lambda: _catalogue_problems(t, tree.locales, only, catalogues), t)
    for problem in problems:
        out.write(clean_line(problem.render(t)) + "\n")
    try:
        for line in _coverage_lines(t, tree.locales, only, catalogues):
            out.write(clean_line(line) + "\n")
    except Exception as error:  # the counts are information: never hide the verdict
        problems.append(Problem("locales", 0, t.gettext(
            "this check crashed: {error}", error=f"{type(error).__name__}: {error}")))
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    count = len(library.guides) if library is not None else 0
    if not problems and only is not None:
        out.write(t.gettext("No problems in {file}.", file=str(only)) + "\n")
    elif not problems:
        out.write(t.ngettext(
            "No problems: {n} guide checked, and the catalogues.",
            "No problems: {n} guides checked, and the catalogues.",
            count,
        ) + "\n")
    else:
        # Translators: {errors} and {warnings} are "3 errors", "1 warning" (below).
        out.write(t.gettext(
            "{errors}, {warnings}",
            errors=t.ngettext("{n} error", "{n} errors", errors),
            warnings=t.ngettext("{n} warning", "{n} warnings", warnings),
        ) + "\n")
    return 1 if errors else 0
