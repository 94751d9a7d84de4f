"""Guide text has plural forms: a ``*_counted`` field is a counted phrase that each
language writes with its own plural rule (no "collaborator(s)", no sentence in pieces)."""

from __future__ import annotations

from i18n_support import Entry, write_po

from assistant.account.scenarios import load_scenario
from assistant.engine.fields import TEXT_FIELDS, text_fields
from assistant.i18n.markers import Counted
from assistant.i18n.translator import get_translator

FORMS = ("{n} collaborator", "{n} collaborators")
SENTENCE = "**{username}** has {collaborators_counted}: {collaborators}."


def _french(tmp_path):
    write_po(tmp_path, [
        Entry("{n} collaborator", ["{n} collaborateur", "{n} collaborateurs"],
              plural="{n} collaborators"),
        Entry(SENTENCE, ["**{username}** a {collaborators_counted}\u00a0: {collaborators}."]),
    ])
    return get_translator("fr", tmp_path)


def test_a_counted_phrase_follows_the_language_s_plural_rule(tmp_path):
    t = _french(tmp_path)
    shown = {n: t.gettext(SENTENCE, username="x", collaborators="a",
                          collaborators_counted=Counted(n, FORMS)) for n in (0, 1, 2)}
    assert shown[0] == "**x** a 0 collaborateur\u00a0: a."  # French: 0 takes the singular
    assert shown[1] == "**x** a 1 collaborateur\u00a0: a."
    assert shown[2] == "**x** a 2 collaborateurs\u00a0: a."


def test_english_counts_too():
    t = get_translator("en")
    assert t.gettext(SENTENCE, username="x", collaborators="a",
                     collaborators_counted=Counted(1, FORMS)) == "**x** has 1 collaborator: a."
    assert str(Counted(3, FORMS)) == "3 collaborators"


def test_guides_may_use_the_counted_fields():
    assert {"collaborators_counted", "admins_counted"} <= set(TEXT_FIELDS)
    value = text_fields(load_scenario("switch-blocked-by-link"))["collaborators_counted"]
    assert isinstance(value, Counted)
