"""Emails and phone numbers are masked in text for people, and only there."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.privacy import (
    contains_personal_data,
    mask_email,
    mask_phone,
    mask_text,
    mask_value,
)


def test_email_keeps_first_letter_and_domain():
    assert mask_email("ana@studio.example") == "a***@studio.example"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("06 12 34 56 78", "** ** ** ** 78"),
        ("06.12.34.56.78", "**.**.**.**.78"),
        ("0612345678", "********78"),
        ("+33 6 12 34 56 78", "+** * ** ** ** 78"),
        ("+33 (0)6 12 34 56 78", "+** (*)* ** ** ** 78"),
        ("0033 6 12 34 56 78", "**** * ** ** ** 78"),
        ("+1 (555) 010-0199", "+* (***) ***-**99"),
        ("+44 20 7946 0958", "+** ** **** **58"),
    ],
)
def test_french_and_international_numbers_are_masked_in_text(phone, masked):
    assert mask_text(f"Call {phone} today.") == f"Call {masked} today."
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    "text",
    [
        "maison.lune already has 4 collaborators",
        "Pixel 8 and iPhone 15",
        "user12345678",
        "on 2024-01-15 at 12:30",
        "Summary: 1 error, 3 warnings, 0 notes.",
        "a***@studio.example",
        "** ** ** ** 78",
    ],
)
def test_ordinary_text_and_masked_text_are_left_alone(text):
    assert mask_text(text) == text
    assert not contains_personal_data(text)


def test_emails_in_french_quotes_and_at_the_end_of_a_sentence():
    text = "Invitation envoyée à «\u00a0ana@studio.example\u00a0», puis à paul@studio.example."
    assert mask_text(text) == (
        "Invitation envoyée à «\u00a0a***@studio.example\u00a0», puis à p***@studio.example."
    )


def test_a_whole_value_is_masked_even_when_it_is_not_a_well_formed_address():
    assert mask_value("ana@studio") == "a***@studio"
    assert mask_value("ana @studio.example") == "a***@studio.example"
    assert mask_value("+33 6 12 34") == "+** * ** 34"
    assert mask_value("maison.lune") == "maison.lune"


@given(st.text())
def test_masking_is_idempotent(text):
    once = mask_text(text)
    assert mask_text(once) == once


@given(
    st.from_regex(r"[a-z][a-z0-9._]{0,10}", fullmatch=True),
    st.from_regex(r"[a-z]{1,8}\.[a-z]{2,6}", fullmatch=True),
)
def test_no_local_part_survives_masking(local, domain):
    email = f"{local}@{domain}"
    masked = mask_text(f"write to {email} now")
    assert email not in masked
    assert f"{local[0]}***@{domain}" in masked
