"""The team guides say what the sources say, with their names, in English and in French.

For each team guide, the names and advice of ``../shared/DOMAIN.md`` that belong there
(the screens, the website, the roles, the "one login per person" rule) must appear in
the guide's English text and in its French rendering (the compiled French catalogue,
through the same :class:`Translator` the runner uses). The invented paths the sources do
not give, and any advice to sign in with another person's login, must not appear.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from assistant.engine.messages import guide_messages
from assistant.i18n.translator import Translator, get_translator

ROOT = Path(__file__).resolve().parents[2]

FIELDS = {
    name: f"<{name}>"
    for name in ("username", "tiktok_email", "business_email", "actor", "profile",
                 "linked_account", "target", "collaborator_count", "max_collaborators",
                 "max_people", "invitee", "invitation", "accepted_with", "member", "admins")
}
"""A value for every placeholder, so that a French text is never refused for lack of one."""

ROLES = [("Admin", "Administrateur"), ("Editor", "Éditeur"), ("Analyst", "Analyste"),
         ("Moderator", "Modérateur")]
WEBSITE = [("tiktok.com/business", "tiktok.com/business"), ("Ads Manager", "Ads Manager"),
           ("Business Center", "Business Center")]
TEAM_SCREEN = [("Team members", "Membres de l’équipe")]

SOURCE_NAMES: dict[str, list[tuple[str, str]]] = {
    "add-member": WEBSITE + TEAM_SCREEN + ROLES + [
        ("Business Suite", "Business Suite"),
        ("business account", "compte professionnel"),
        ("personal account", "compte personnel"),
        # Collaborators work on any account; teams with roles need a business account.
        ("collaborators", "collaborateurs"),
        # Accepting: signed in with the invited email, creating an account or linking.
        ("the same email it was sent to", "l’adresse à laquelle elle a été"),
        ("link their TikTok profile", "associe son profil TikTok"),
        ("spam", "spams"),
        ("another business account", "un autre compte professionnel"),
        ("your own login", "votre propre identifiant"),
    ],
    "manage-roles": WEBSITE + TEAM_SCREEN + ROLES + [
        ("at least every quarter", "au moins chaque trimestre"),
        ("smallest role that does their", "plus petit rôle qui suffit"),
        ("your own login", "votre propre identifiant"),
    ],
    "remove-member": WEBSITE + TEAM_SCREEN + [
        ("Admin", "Administrateur"),
        # The password is changed "in account settings": no finer path in the sources.
        ("account settings", "paramètres du compte"),
        ("Manage collaborators", "Gérer les collaborateurs"),
        ("your own login", "votre propre identifiant"),
    ],
    "request-admin-access": WEBSITE + ROLES + [
        ("mobile lite", "mobile lite"),
        ("User Settings", "Paramètres de l’utilisateur"),
        ("own login", "propre identifiant"),
    ],
}
"""Per guide: (English name as the guide says it, the French name as French users see it)."""

INVENTED = ["☰", "Security and login", "Sécurité et connexion"]
"""Paths the sources do not give for the team guides (the password is changed "in account
settings"; team members are not managed in the app's security screen)."""

OTHER_LOGIN = re.compile(
    r"sign in (?:as|with the login|with) \**\{business_email\}|signed in as \{business_email\}"
    r"|connecté(?:e)? (?:en tant que|avec l’identifiant) \**\{business_email\}",
    re.IGNORECASE,
)
"""Telling someone to sign in with the login ``business.email``, which may be another
person's: never in the team guides, where each admin uses their own login."""


def flat(text: str) -> str:
    """``text`` with its line breaks and indents as single spaces (Markdown wraps lines)."""
    return re.sub(r"\s+", " ", text)


@cache
def english(guide_id: str) -> tuple[str, ...]:
    """Every title, body and label of one guide, as written."""
    with (ROOT / "guides" / f"{guide_id}.toml").open("rb") as file:
        return tuple(message for _line, message, _comment in guide_messages(file))


@cache
def french_translator() -> Translator:
    """The French catalogue the assistant ships (compiled)."""
    translator = get_translator("fr")
    assert translator.lang == "fr", translator.warnings
    return translator


def french(guide_id: str) -> tuple[str, ...]:
    """The same texts rendered in French, each filled in."""
    t = french_translator()
    return tuple(t.gettext(message, **FIELDS) for message in english(guide_id))


def test_every_team_guide_has_its_source_names():
    assert set(SOURCE_NAMES) == {"add-member", "manage-roles", "remove-member",
                                 "request-admin-access"}


@pytest.mark.parametrize(
    ("guide_id", "name_en", "name_fr"),
    [(g, en, fr) for g, names in SOURCE_NAMES.items() for en, fr in names],
)
def test_a_source_name_is_in_the_guide_in_english_and_in_french(guide_id, name_en, name_fr):
    assert any(name_en in flat(text) for text in english(guide_id)), name_en
    assert any(name_fr in flat(text) for text in french(guide_id)), f"French: {name_fr!r}"


@pytest.mark.parametrize("guide_id", sorted(SOURCE_NAMES))
def test_the_french_rendering_is_french(guide_id):
    # Every body is translated (a body left in English would carry the English names).
    bodies = [(en, fr) for en, fr in zip(english(guide_id), french(guide_id), strict=True)
              if "\n" in en]
    assert bodies
    assert [en[:60] for en, fr in bodies if fr == en.format(**FIELDS)] == []


@pytest.mark.parametrize("guide_id", sorted(SOURCE_NAMES))
def test_no_invented_path_and_no_one_told_to_use_another_login(guide_id):
    for text in english(guide_id) + french(guide_id):
        for invented in INVENTED:
            assert invented not in text, f"{guide_id}: {invented!r} in {text[:60]!r}"
    for text in english(guide_id):
        assert not OTHER_LOGIN.search(flat(text)), f"{guide_id}: {text[:80]!r}"
    for text in french_translator_texts(guide_id):
        assert not OTHER_LOGIN.search(flat(text)), f"{guide_id}: {text[:80]!r}"


def french_translator_texts(guide_id: str) -> tuple[str, ...]:
    """The French texts with their placeholders left as written (for the login check)."""
    t = french_translator()
    entries = t.messages.entries if t.messages else {}
    return tuple(entries[(None, m)][0] for m in english(guide_id) if (None, m) in entries)
