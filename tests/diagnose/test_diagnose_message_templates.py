"""Messages render through kept templates exactly as the translator renders them."""

from __future__ import annotations

from pathlib import Path

from babel.lists import format_list
from diagnose_support import fragment_translator
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import snapshots

from assistant.account.model import Intent
from assistant.diagnose import RULES
from assistant.diagnose import message as m
from assistant.diagnose.message import Items, Message, Text
from assistant.i18n.catalogue import Messages, parse_plural_forms
from assistant.i18n.translator import Translator, get_translator
from assistant.privacy import mask_text, mask_value

ENGLISH = get_translator("en")
FRENCH = fragment_translator()
ODD_VALUES = ["{n}", "{{x}}", "}{", "\ue0000\ue001", "\ue002" + "1\ue003", "a@b.example", "",
              "0612345678", "Léa « x »"]


def _reference(message: Message, t: Translator, mask: bool) -> str:
    """The message rendered by the translator alone, field by field."""
    values = {}
    for name, value in message.fields:
        if isinstance(value, Message):
            values[name] = _reference(value, t, mask)
        elif isinstance(value, Items):
            shown = [mask_value(v) if mask else v for v in value.values]
            values[name] = format_list(shown, locale=t.lang)
        elif isinstance(value, Text):
            values[name] = mask_text(value.value) if mask else value.value
        elif isinstance(value, str):
            values[name] = mask_value(value) if mask else value
        else:
            values[name] = value
    if message.plural is not None and message.n is not None:
        return t.npgettext(message.context, message.id, message.plural, message.n, **values)
    if message.context is not None:
        return t.pgettext(message.context, message.id, **values)
    return t.gettext(message.id, **values)


@settings(max_examples=80, deadline=None)
@given(snapshots())
def test_every_finding_message_renders_as_the_translator_does(snapshot):
    for intent in [None, *Intent]:
        for rule in RULES:
            for symptom in rule.check(snapshot, intent):
                for message in (symptom.title, *symptom.detail):
                    for t in (ENGLISH, FRENCH):
                        for mask in (False, True):
                            # Twice: once making the template, once through it.
                            assert message.render(t, mask=mask) == _reference(message, t, mask)
                            assert message.render(t, mask=mask) == _reference(message, t, mask)


@given(st.lists(st.sampled_from(ODD_VALUES) | st.text(max_size=5), min_size=2, max_size=2))
def test_values_with_braces_or_marker_characters_are_inserted_verbatim(values):
    first, second = values
    message = m.gettext(
        "The invitation to {email} was accepted as {accepted_with}",
        email=first, accepted_with=second,
    )
    for t in (ENGLISH, FRENCH):
        assert message.render(t) == _reference(message, t, False)
        assert message.render(t) == _reference(message, t, False)


@given(st.lists(st.sampled_from(ODD_VALUES) | st.text(max_size=4), max_size=4))
def test_lists_are_joined_as_babel_joins_them(values):
    items = Items(tuple(values))
    for t in (ENGLISH, FRENCH):
        assert items.render(t) == format_list(list(values), locale=t.lang)
        assert items.render(t) == format_list(list(values), locale=t.lang)


def test_plural_counts_each_get_their_form_and_number():
    for n in (0, 1, 2, 1234, 1234, 1):
        message = m.ngettext("{n} person", "{n} people", n)
        for t in (ENGLISH, FRENCH):
            assert message.render(t) == _reference(message, t, False)


def _translator(entries: dict[tuple[str | None, str], tuple[str, ...]]) -> Translator:
    rule = parse_plural_forms("nplurals=2; plural=(n > 1);")
    return Translator("fr", Messages(Path("test.po"), entries, rule))


def test_a_broken_translation_falls_back_to_english_with_one_warning_every_time():
    t = _translator({(None, "Hello {name}"): ("Bonjour {nom}",)})
    message = m.gettext("Hello {name}", name="Léa")
    assert [message.render(t) for _ in range(3)] == ["Hello Léa"] * 3
    assert len(t.warnings) == 1 and "{nom}" in t.warnings[0]


def test_a_translation_that_leaves_a_field_out_is_kept_as_it_is():
    t = _translator({(None, "Hello {name}, from {team}"): ("Bonjour de {team}",)})
    for team in ("A", "B"):
        message = m.gettext("Hello {name}, from {team}", name="Léa", team=team)
        assert message.render(t) == f"Bonjour de {team}"
    assert t.warnings == []


def test_another_translator_for_the_same_language_uses_its_own_catalogue():
    message = m.gettext("Hello {name}", name="Léa")
    first = _translator({(None, "Hello {name}"): ("Salut {name}",)})
    second = _translator({(None, "Hello {name}"): ("Bonjour {name}",)})
    assert [message.render(first), message.render(second)] == ["Salut Léa", "Bonjour Léa"]


def test_literal_braces_and_marker_characters_in_a_translation_stay_literal():
    t = _translator({
        (None, "Use {{x}} for {name}"): ("Utilisez {{x}} pour {name}",),
        (None, "Hello {name}"): ("Bonjour \ue0000\ue001 \ue0021\ue003 {name}",),
    })
    for name in ("Léa", "Paul", "{name}"):
        braces = m.gettext("Use {{x}} for {name}", name=name)
        assert braces.render(t) == f"Utilisez {{x}} pour {name}"
        assert m.gettext("Hello {name}", name=name).render(t) == (
            f"Bonjour \ue0000\ue001 \ue0021\ue003 {name}"
        )
