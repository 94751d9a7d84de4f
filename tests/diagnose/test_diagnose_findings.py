"""Findings: report order, isolation of a crashing rule, specifics people can act on."""

from __future__ import annotations

from diagnose_support import OWNER, USERNAME, change, fragment_translator, healthy

from assistant.account.model import Intent, Invitation, InvitationStatus, Member, Role
from assistant.diagnose import RULE_CRASHED, RULES, Rule, Severity, diagnose
from assistant.i18n.translator import get_translator

ANA = "ana@studio.example"


def _messy() -> object:
    """A snapshot with errors, warnings and several invitations."""
    return change(
        healthy(),
        tiktok={"two_factor": False, "password_shared_with": 2, "type": "business"},
        business={
            "members": (Member(OWNER, Role.ADMIN), Member("lea@maisonlune.example", Role.EDITOR,
                        departed=True)),
            "invitations": (
                Invitation("zed@studio.example", Role.EDITOR, InvitationStatus.PENDING),
                Invitation(ANA, Role.EDITOR, InvitationStatus.EXPIRED),
                Invitation("bob@studio.example", Role.ANALYST, InvitationStatus.PENDING),
            ),
        },
        session={"browser_cache_stale": True},
    )


def test_order_is_errors_then_warnings_then_info_each_by_code():
    findings = diagnose(_messy(), Intent.ADD_MEMBER)
    keys = [(f.severity, f.code) for f in findings]
    assert keys == [
        (Severity.ERROR, "invite-expired"),
        (Severity.WARNING, "credentials-shared"),
        (Severity.WARNING, "former-member-access"),
        (Severity.WARNING, "invite-pending"),
        (Severity.WARNING, "invite-pending"),
        (Severity.WARNING, "no-two-factor"),
        (Severity.WARNING, "stale-browser-cache"),
    ]


def test_findings_of_one_code_keep_the_order_of_the_invitations():
    pending = [f for f in diagnose(_messy(), Intent.ADD_MEMBER) if f.code == "invite-pending"]
    assert ["zed@" in pending[0].title, "bob@" in pending[1].title] == [True, True]


def test_info_comes_after_warnings():
    snapshot = change(healthy(), tiktok={"two_factor": False})
    assert [f.severity for f in diagnose(snapshot, Intent.LINK)] == [
        Severity.WARNING, Severity.INFO]


def _explode(snapshot, intent):
    raise RuntimeError(f"boom for {snapshot.session.actor}")


def _explode_lazily(snapshot, intent):
    yield from ()
    raise KeyError("missing")


def test_a_crashing_rule_is_reported_and_the_others_still_run():
    rules = (Rule("exploding_rule", "no-two-factor", _explode), *RULES)
    findings = diagnose(change(healthy(), tiktok={"two_factor": False}), Intent.SHARE, rules=rules)
    assert [f.code for f in findings] == [RULE_CRASHED, "no-two-factor"]
    crash = findings[0]
    assert crash.severity is Severity.ERROR
    assert crash.guide is None
    assert "exploding_rule" in crash.title
    assert "RuntimeError" in crash.detail


def test_a_rule_that_fails_halfway_through_its_generator_is_reported_too():
    rules = (*RULES[:3], Rule("lazy_rule", "nothing-to-do", _explode_lazily), *RULES[3:])
    findings = diagnose(healthy(), Intent.SWITCH_TO_PERSONAL, rules=rules)
    assert [f.code for f in findings] == ["linked-to-business", RULE_CRASHED]
    assert "lazy_rule" in findings[1].title


def test_several_crashing_rules_each_get_a_finding():
    rules = (Rule("first", "x", _explode), Rule("second", "y", _explode))
    findings = diagnose(healthy(), None, rules=rules)
    assert [("first" in f.title, "second" in f.title) for f in findings] == [
        (True, False), (False, True)]


def test_crash_detail_never_shows_the_snapshot_data_the_error_quotes():
    rules = (Rule("exploding_rule", "x", _explode),)
    for mask in (False, True):
        [crash] = diagnose(healthy(), None, rules=rules, mask=mask)
        assert OWNER not in crash.detail
        assert "boom for o***@maisonlune.example" in crash.detail


def test_every_rule_is_a_named_function_with_one_code():
    assert len({rule.name for rule in RULES}) == len(RULES)
    assert len({rule.code for rule in RULES}) == len(RULES)
    assert all(rule.name.isidentifier() for rule in RULES)


def test_collaborator_limit_counts_collaborators_in_french():
    snapshot = change(healthy(), tiktok={"collaborators": ("a", "b", "c", "d")})
    [finding] = diagnose(snapshot, Intent.SHARE, fragment_translator())
    assert finding.title == f"{USERNAME} a déjà 4 collaborateurs"
    assert "5\u00a0personnes" not in finding.detail  # the count is joined by a plain space
    assert "5 personnes" in finding.detail and "4 collaborateurs" in finding.detail


def test_french_plural_of_one_is_singular():
    snapshot = change(healthy(), tiktok={"password_shared_with": 1})
    [finding] = diagnose(snapshot, None, fragment_translator())
    assert finding.title == "Le mot de passe est partagé avec 1 personne"


def test_former_members_are_listed_by_name_with_the_right_plural():
    snapshot = change(healthy(), business={"members": (
        Member(OWNER, Role.ADMIN),
        Member("lea@maisonlune.example", Role.EDITOR, departed=True),
        Member(ANA, Role.ANALYST, departed=True),
    )})
    [en] = diagnose(snapshot)
    assert en.title == "2 former team members still have access"
    assert en.detail.startswith("lea@maisonlune.example and ana@studio.example have left")
    fr = en.rendered(fragment_translator())
    assert fr.detail.startswith("lea@maisonlune.example et ana@studio.example ont quitté")


def test_not_admin_names_the_role_and_the_admins_to_ask():
    snapshot = change(healthy(), business={"members": (
        Member(OWNER, Role.ANALYST), Member("lea@maisonlune.example", Role.ADMIN))})
    [finding] = diagnose(snapshot, Intent.UNLINK)
    assert "has the analyst role" in finding.detail
    assert "Ask an admin (lea@maisonlune.example)" in finding.detail
    [french] = diagnose(snapshot, Intent.UNLINK, fragment_translator())
    assert "a le rôle analyste" in french.detail


def test_a_finding_can_be_shown_again_in_another_language_and_masked():
    [english] = diagnose(healthy(), Intent.SWITCH_TO_PERSONAL)
    french = english.rendered(fragment_translator(), mask=True)
    assert (french.code, french.severity, french.guide) == (
        english.code, english.severity, english.guide)
    assert french.title == f"{USERNAME} est encore associé à TikTok For Business"
    assert "o***@maisonlune.example" in french.detail and OWNER not in french.detail
    assert english.rendered(get_translator("en")) == english


def test_unrendered_messages_are_plain_data():
    [finding] = diagnose(healthy(), Intent.SWITCH_TO_PERSONAL)
    data = finding.title_message.to_json()
    assert data == {
        "id": "{username} is still linked to TikTok For Business",
        "fields": {"username": USERNAME},
    }


def test_detail_gives_a_reason_and_one_next_step():
    for finding in diagnose(_messy(), Intent.ADD_MEMBER):
        assert len(finding.detail_messages) == 2
        assert finding.detail.endswith(".")
