"""The one ranked search: phrasings people type, in English and French, to their guide."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.engine import load_guides
from assistant.search import default_index, fold, word_match, words


@pytest.fixture(scope="module")
def index():
    library = load_guides()
    return default_index([(g.id, g.title, g.summary) for g in library.in_topic_order()])


PHRASINGS = [
    # English: guides by name, troubles as people say them, typos.
    ("unlink", "unlink-business"),
    ("Unlink my account", "unlink-business"),
    ("unlnik", "unlink-business"),
    ("can't switch to personal", "switch-to-personal"),
    ("can't switch", "switch-to-personal"),
    ("the app says unlink first", "switch-to-personal"),
    ("I don't get the code", "unlink-business"),
    ("code never came", "unlink-business"),
    ("verification code expired", "unlink-business"),
    ("error", "unlink-business"),
    ("blocked", "request-admin-access"),
    ("account not in the list", "unlink-business"),
    ("link my tiktok account", "link-business"),
    ("switch to business", "switch-to-business"),
    ("invitation never arrived", "add-member"),
    ("accepted with another email", "add-member"),
    ("add a team member", "add-member"),
    ("can't add a fifth collaborator", "share-account"),
    ("share my account", "share-account"),
    ("a former employee still posts", "revoke-access"),
    ("someone who left is still on the team", "remove-member"),
    ("too many admins", "manage-roles"),
    ("change role", "manage-roles"),
    ("admin access", "request-admin-access"),
    ("hacked", "secure-account"),
    ("2-step verification", "secure-account"),
    ("change my login email", "update-login"),
    ("pasword", "update-login"),
    # French, with and without accents, with apostrophes of both kinds.
    ("je n'arrive pas à passer en compte personnel", "switch-to-personal"),
    ("je n’arrive pas a passer en compte personnel", "switch-to-personal"),
    ("dissocier", "unlink-business"),
    ("DISSOCIER MON COMPTE", "unlink-business"),
    ("je ne reçois pas le code", "unlink-business"),
    ("code de verification expire", "unlink-business"),
    ("associer mon compte", "link-business"),
    ("passer en compte professionnel", "switch-to-business"),
    ("l'invitation n'est jamais arrivée", "add-member"),
    ("ajouter un membre", "add-member"),
    ("cinquième collaborateur", "share-account"),
    ("un ancien employé publie encore", "revoke-access"),
    ("trop d'administrateurs", "manage-roles"),
    ("compte piraté", "secure-account"),
    ("mot de passe", "update-login"),
    ("sécuriser mon compte", "secure-account"),
]


@pytest.mark.parametrize(("query", "guide"), PHRASINGS)
def test_a_phrasing_finds_its_guide_first(index, query, guide):
    results = index.search(query)
    assert results, f"nothing found for {query!r}"
    assert results[0].guide == guide, [(r.key, round(r.score, 2)) for r in results[:4]]


def test_the_table_holds_at_least_thirty_phrasings_in_both_languages():
    assert len(PHRASINGS) >= 30
    assert sum(1 for q, _g in PHRASINGS if any(c in q for c in "éèàçù’") or " je " in f" {q} ") >= 5


def test_a_symptom_opens_its_guide_at_its_step(index):
    best = index.search("the verification code never came")[0]
    assert (best.kind, best.guide, best.step) == ("symptom", "unlink-business", "no-email")


def test_case_and_accents_are_ignored(index):
    assert fold("Étape DISSOCIÉE") == "etape dissociee"
    assert [r.key for r in index.search("Sécuriser")] == [r.key for r in index.search("securiser")]


def test_typos_and_cut_words_still_match():
    assert word_match("unlnik", "unlink") > 0
    assert word_match("dissoc", "dissocier") > 0
    assert word_match("collaborateurs", "collaborateur") > 0
    assert word_match("code", "mode") == 0  # short words must match exactly


def test_apostrophes_split_words_and_small_words_are_ignored():
    assert words("Je n’arrive pas") == words("je n'arrive pas") == ["n", "arrive", "pas"]


def test_nothing_found_gives_the_closest_symptoms(index):
    assert index.search("zzzz qqqq") == []
    closest = index.closest_symptoms("zzzz qqqq")
    assert closest and all(r.kind == "symptom" for r in closest)
    assert index.closest_symptoms("verifcation cod nevr")[0].step == "no-email"


def test_guides_search_json_uses_the_same_ranking(index, capsys):
    assert main(["guides", "--search", "I don't get the code", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "search/1"
    expected = index.search("I don't get the code")
    assert [(r["kind"], r["guide"], r["step"]) for r in data["results"]] == [
        (r.kind, r.guide, r.step) for r in expected
    ]
    assert all(r["title"] for r in data["results"])


def test_guides_search_text_in_french(capsys):
    assert main(["guides", "--lang", "fr", "--search", "dissocier"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.split()[0] == "unlink-business"
    assert "Dissocier" in first


def test_guides_search_with_nothing_found_offers_symptoms_and_the_diagnosis(capsys):
    assert main(["guides", "--search", "zzzz qqqq"]) == 0
    out = capsys.readouterr().out
    assert "Nothing matches" in out and "assistant diagnose" in out
