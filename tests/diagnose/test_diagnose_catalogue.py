"""The French fragment translates every message of the diagnosis, and translates it well."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from diagnose_support import FRAGMENT, ROOT

from assistant.i18n.textchecks import check_translation

# The keywords of babel.cfg: what `pybabel extract` finds in our modules.
KEYWORDS = {
    "N_": None, "NC_": ((1, "c"), 2), "gettext": None, "pgettext": ((1, "c"), 2),
    "ngettext": (1, 2), "npgettext": ((1, "c"), 2, 3),
}
SOURCES = sorted(
    [*(ROOT / "assistant" / "diagnose").rglob("*.py"), ROOT / "assistant/commands/diagnose.py"]
)


def _extracted() -> dict[tuple[str | None, str], tuple[str, ...]]:
    found: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for path in SOURCES:
        for _line, message, _comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            ids = message if isinstance(message, tuple) else (message,)
            found[(context, ids[0])] = ids
    return found


def _fragment() -> dict[tuple[str | None, str], tuple[tuple[str, ...], tuple[str, ...]]]:
    with Path(FRAGMENT).open("rb") as handle:
        catalog = read_po(handle)
    entries = {}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        entries[(message.context, ids[0])] = (ids, forms)
    return entries


EXTRACTED = _extracted()
FRAGMENT_ENTRIES = _fragment()


def test_every_message_of_the_diagnosis_is_in_the_fragment_and_nothing_else():
    assert set(EXTRACTED) - set(FRAGMENT_ENTRIES) == set(), "missing from the fragment"
    assert set(FRAGMENT_ENTRIES) - set(EXTRACTED) == set(), "stale in the fragment"


@pytest.mark.parametrize("key", sorted(FRAGMENT_ENTRIES, key=lambda k: (k[0] or "", k[1])))
def test_translation_passes_the_catalogue_checks(key):
    ids, forms = FRAGMENT_ENTRIES[key]
    assert ids == EXTRACTED.get(key, ids), "plural differs from the code"
    assert all(forms), "untranslated"
    assert len(forms) == (2 if len(ids) == 2 else 1)
    problems = check_translation("fr", ids, forms)
    assert [problem.render(lambda text, **f: text.format(**f)) for problem in problems] == []
