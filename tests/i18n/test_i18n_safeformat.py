"""The restricted formatter: named fields only, nothing in a template is ever evaluated."""

from __future__ import annotations

import pytest

from assistant.i18n.safeformat import (
    FormatRefused,
    placeholders,
    safe_format,
    unsafe_placeholders,
)


class Tripwire:
    """A field value that records any attempt to look inside it."""

    touched: list[str]

    def __init__(self) -> None:
        object.__setattr__(self, "touched", [])

    def __getattribute__(self, name: str):
        if name not in ("touched", "__class__", "__str__", "__dict__"):
            object.__getattribute__(self, "touched").append(name)
        return object.__getattribute__(self, name)

    def __getitem__(self, key):
        self.touched.append(f"[{key}]")
        return "leaked"

    def __format__(self, spec: str) -> str:
        self.touched.append(f"format:{spec}")
        return "formatted"

    def __repr__(self) -> str:
        self.touched.append("repr")
        return "repr"

    def __str__(self) -> str:
        return "plain"


def test_named_fields_are_filled():
    assert safe_format("Hello {name}, {count} left", {"name": "Ana", "count": 3}) == (
        "Hello Ana, 3 left"
    )


def test_doubled_braces_are_literal_with_or_without_fields():
    assert safe_format("{{label, next}}", {}) == "{label, next}"
    assert safe_format("{{x}} is {x}", {"x": 1}) == "{x} is 1"


def test_text_without_braces_is_returned_as_is():
    text = "Nothing to fill: 100 % plain"
    assert safe_format(text, {}) is text


@pytest.mark.parametrize(
    "template",
    ["{x.__class__}", "{x.__class__.__mro__}", "{0[x]}", "{x[0]}", "{x!r}", "{x!s}",
     "{x:>999}", "{x:{x}}", "{0}", "{}", "{x.touched}"],
)
def test_unsafe_placeholders_are_refused_and_never_evaluated(template):
    value = Tripwire()
    with pytest.raises(FormatRefused):
        safe_format(template, {"x": value, "0": value})
    assert value.touched == []
    assert unsafe_placeholders(template), "the checks must see it too"


@pytest.mark.parametrize("template", ["{", "}", "a {b", "a } b", "{x}}"])
def test_unbalanced_braces_are_refused(template):
    with pytest.raises(FormatRefused, match="unbalanced braces"):
        placeholders(template)


def test_a_placeholder_that_was_not_given_is_refused():
    with pytest.raises(FormatRefused, match=r"\{email\}"):
        safe_format("Sent to {email}", {"name": "x"})


def test_extra_fields_are_ignored():
    assert safe_format("Hi {name}", {"name": "Ana", "unused": 1}) == "Hi Ana"


def test_refusal_reason_is_translatable():
    refused = unsafe_placeholders("{x!r}")[0]
    assert refused.reason == "placeholder {shown} has a conversion"
    french = {"placeholder {shown} has a conversion": "le champ {shown} comporte une conversion"}
    assert refused.render(lambda text, **fields: french[text].format(**fields)) == (
        "le champ {x!r} comporte une conversion"
    )
