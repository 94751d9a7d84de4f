"""The account guides say what the sources say, in English and in French.

For each of switch-to-business, update-login, share-account, revoke-access and
secure-account, :data:`SOURCE_NAMES` lists the names, paths and advice of
``../shared/DOMAIN.md`` ("Exact names and paths", the French screen names, "Advice the
sources give") that belong in that guide, each with the French the person sees. Every
step the guide can reach on a set of accounts is rendered by the Runner, once in English
and once in French (``Translator("fr")`` from the shipped catalogue), and each name must
appear in what the person is shown, in both languages. The paths DOMAIN calls invented
must appear nowhere.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from assistant.account.scenarios import load_scenario
from assistant.account.snapshot import default_snapshot
from assistant.engine import GuideLibrary, Runner, load_guides
from assistant.i18n.translator import get_translator

ACCOUNTS = ("personal-add-member", "personal-to-business", "update-login", "share-at-limit",
            "share-ok", "revoke-access", "secure-account", "not-admin-analyst")
"""Scenarios walked (with the default account, signed in and signed out) to show the steps
where the names belong."""

SOURCE_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "switch-to-business": (
        ("tiktok.com/business", "tiktok.com/business"),
        ("Créer", "Créer"),
        ("Connexion", "Connexion"),
        ("three-dot menu", "menu à trois points"),
        ("gear icon", "icône en forme d’engrenage"),
        ("Settings and privacy", "Paramètres et confidentialité"),
        ("Manage account", "Gérer le compte"),
        ("Switch to Personal Account", "Passer à un compte personnel"),
        ("User Settings", "Paramètres de l’utilisateur"),
        ("Account Settings", "Paramètres du compte"),
        ("Ads Manager", "Ads Manager"),
        ("Business Center", "Business Center"),
        ("your business name", "le nom de votre entreprise"),
        ("clear your browser's cache", "videz le cache de votre navigateur"),
    ),
    "update-login": (
        ("tiktok.com/business", "tiktok.com/business"),
        ("Créer", "Créer"),
        ("Connexion", "Connexion"),
        ("mobile lite", "mobile lite"),
        ("Ads Manager", "Ads Manager"),
        ("Business Center", "Business Center"),
        ("User Settings", "Paramètres de l’utilisateur"),
        ("Account Settings", "Paramètres du compte"),
        ("login email", "e-mail de connexion"),
        ("reset your password by phone", "réinitialiser votre mot de passe par téléphone"),
        ("separate emails", "e-mails distincts"),
        ("not the one of the TikTok\napp", "pas celui de\nl’application TikTok"),
    ),
    "share-account": (
        ("three-dot menu", "menu à trois points"),
        ("gear\n   icon", "icône en forme d’engrenage"),
        ("Manage account", "Gérer le compte"),
        ("Account ownership and control", "Propriété et contrôle du compte"),
        ("Add account collaborator", "Ajouter un collaborateur au compte"),
        ("username", "nom d’utilisateur"),
        ("Manage collaborators", "Gérer les collaborateurs"),
        ("trust", "confiance"),
        ("inappropriate content", "contenu inapproprié"),
        ("damage to your brand", "atteinte à votre marque"),
        ("Duet", "Duo"),
        ("Stitch", "Collage"),
        ("Collections", "Collections"),
        ("joint branded account", "compte de marque commun"),
        ("cross-promotion", "promotion croisée"),
        ("final say", "dernier mot"),
        ("one mobile device", "appareil mobile"),
    ),
    "revoke-access": (
        ("Manage collaborators", "Gérer les collaborateurs"),
        ("Account ownership and", "Propriété et contrôle du"),
        ("Settings and privacy", "Paramètres et confidentialité"),
        ("Security and login", "Sécurité et"),
        ("Log out of all devices", "Se déconnecter de tous les appareils"),
    ),
    "secure-account": (
        ("Settings and privacy", "Paramètres et confidentialité"),
        ("Security and login", "Sécurité et connexion"),
        ("2-step verification", "vérification en deux étapes"),
        ("login notifications", "notifications de connexion"),
        ("TikTok Studio", "TikTok Studio"),
        ("Business Suite", "Business Suite"),
        ("Manage collaborators", "Gérer les collaborateurs"),
        ("joint branded account", "compte de marque commun"),
        ("cross-promotion", "promotion croisée"),
    ),
}
"""Per guide: ``(English, French)`` for each source name or advice that belongs there."""

INVENTED = ("☰", "Switch to Business Account", "then the password", "among the devices",
            "Passer à un compte professionnel**", "puis le mot de passe")
"""Paths DOMAIN.md does not give (a ☰ icon, a password or device-removal path...)."""

TYPED = {"email": "new.login@example.com", "phone": "+33 6 12 34 56 78",
         "username": "studio.nina"}
"""What the walk types at an ``input`` step, by kind (valid answers)."""


@cache
def library() -> GuideLibrary:
    """The shipped guides, loaded once."""
    return load_guides()


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def shown(guide_id: str, lang: str) -> str:
    """Everything the guide's own steps show, in ``lang``, over :data:`ACCOUNTS`."""
    parts: list[str] = []
    signed_out = default_snapshot()
    signed_out = replace(signed_out, session=replace(signed_out.session, business_profile=None))
    for snapshot in (*map(load_scenario, ACCOUNTS), default_snapshot(), signed_out):
        runner = Runner(library(), guide_id, snapshot, get_translator(lang))
        seen: set[object] = set()

        def explore() -> None:
            state = (runner.place, getattr(runner, "memory", None), runner.snapshot)
            if state in seen:
                return
            seen.add(state)
            view = runner.view()
            if view.guide == guide_id:
                parts.extend((view.title, view.body, *view.choices))
            if view.finished:
                return
            if getattr(view, "input", None) is not None:
                runner.answer_text(TYPED[view.input])
                explore()
                runner.back()
            for number in range(1, len(view.choices) + 1):
                runner.answer(number)
                explore()
                runner.back()

        explore()
    return _flat("\n".join(parts))


CASES = [
    pytest.param(guide_id, english, french, id=f"{guide_id}: {' '.join(english.split())}")
    for guide_id, names in SOURCE_NAMES.items()
    for english, french in names
]


@pytest.mark.parametrize(("guide_id", "english", "french"), CASES)
def test_the_source_name_is_shown_in_both_languages(guide_id, english, french):
    assert _flat(english) in shown(guide_id, "en"), f"{guide_id} (en) never shows {english!r}"
    assert _flat(french) in shown(guide_id, "fr"), f"{guide_id} (fr) never shows {french!r}"


@pytest.mark.parametrize("guide_id", sorted(SOURCE_NAMES))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_invented_path_is_shown(guide_id, lang):
    text = shown(guide_id, lang)
    for invented in INVENTED:
        assert _flat(invented) not in text, f"{guide_id} ({lang}) shows {invented!r}"


def test_personal_accounts_can_have_collaborators():
    english = shown("share-account", "en")
    assert _flat("cannot have collaborators") not in english
    assert _flat("A personal account can already have") in shown("switch-to-business", "en")
