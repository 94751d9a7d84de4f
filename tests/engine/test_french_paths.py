"""Every path of every guide, in French: nothing a person sees is left in English.

The walk is the one of ``engine_paths``: each state of a guide on each scenario is
visited once; there the same step is rendered in English and in French, and each
title, body, choice and outcome must differ from its English source unless it is
only names (TikTok, Business Center, an email address...).
"""

from __future__ import annotations

import pytest
from engine_paths import TYPED, snapshots

from assistant.engine import GuideLibrary, Runner, load_guides
from assistant.i18n.textchecks import needs_translation
from assistant.i18n.translator import get_translator

SNAPSHOTS = snapshots()


@pytest.fixture(scope="module")
def library() -> GuideLibrary:
    return load_guides()


def _texts(view) -> list[tuple[str, str]]:
    texts = [("title", view.title), ("body", view.body), ("guide title", view.guide_title)]
    # The first ``items`` choices of a pick step are the account's own names
    # (collaborators, devices): names are not translated.
    texts += [(f"choice {n}", label) for n, label in enumerate(view.choices, 1)
              if n > view.items or "·" in label]
    return texts


def _untranslated(runner: Runner) -> list[str]:
    """What the current step shows in English although it is in French."""
    english_view = runner.view()
    runner.translator = get_translator("fr")
    try:
        french_view = runner.view()
    finally:
        runner.translator = get_translator("en")
    found = []
    for (what, english), (_same, french) in zip(
        _texts(english_view), _texts(french_view), strict=True
    ):
        if english == french and needs_translation(english):
            found.append(f"{english_view.guide}/{english_view.step} {what}: {english[:60]!r}")
    return found


def _walk_in_french(library: GuideLibrary, guide_id: str, snapshot) -> list[str]:
    runner = Runner(library, guide_id, snapshot, get_translator("en"))
    seen: set[object] = set()
    problems: list[str] = []

    def explore() -> None:
        state = (runner.place, runner.memory, runner.snapshot)
        if state in seen:
            return
        seen.add(state)
        problems.extend(_untranslated(runner))
        view = runner.view()
        if view.finished:
            return
        if view.input is not None:
            runner.answer_text(TYPED[view.input])
            explore()
            runner.back()
        for number in range(1, len(view.choices) + 1):
            runner.answer(number)
            explore()
            runner.back()

    explore()
    return problems


def test_the_french_catalogue_loads():
    t = get_translator("fr")
    assert t.lang == "fr", t.warnings


@pytest.mark.parametrize("guide_id", sorted(load_guides().guides))
def test_no_step_choice_or_outcome_shows_english_in_french(library, guide_id):
    problems: set[str] = set()
    for snapshot in SNAPSHOTS.values():
        problems.update(_walk_in_french(library, guide_id, snapshot))
    assert not problems, "shown in English in a French run:\n" + "\n".join(sorted(problems)[:20])
