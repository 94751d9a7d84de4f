"""Why a simulator action failed: stable codes and the sentence the product shows.

The codes are the contract with the guides (``docs/simulator.md``); the sentences are
English source text, translated when shown.
"""

from __future__ import annotations

from assistant.i18n.translator import N_, Translator

FAILURE_MESSAGES: dict[str, str] = {
    "no-business-account": N_(
        "You don't have a TikTok For Business login yet. Create one first."
    ),
    "offline": N_("No internet connection. Check your network, then try again."),
    "not-signed-in": N_(
        "You are not signed in to TikTok For Business with your own login. Sign in first."
    ),
    "linking-unavailable": N_(
        "Linking a TikTok account is not available for your TikTok For Business login yet: "
        "the feature is still being tested."
    ),
    "already-linked": N_(
        "This TikTok For Business login is already linked to another TikTok account. "
        "Unlink that account first."
    ),
    "wrong-profile": N_(
        "This TikTok account is not in the list: you are signed in to another TikTok For "
        "Business profile. Sign in to the right one and refresh the page."
    ),
    "not-admin": N_(
        "You need administrator access to do this. Ask an admin of the TikTok For Business "
        "account."
    ),
    "not-linked": N_(
        "This TikTok account is not linked to your TikTok For Business login: there is "
        "nothing to unlink."
    ),
    "browser-error": N_(
        "Something went wrong in the browser. Clear the browser cache or try another "
        "browser, then try again."
    ),
    "code-not-requested": N_(
        "No verification code has been sent yet. Start unlinking again to get one."
    ),
    "code-expired": N_("This verification code has expired. Send a new code and enter it."),
    "code-wrong": N_(
        "This verification code is not correct. Check the latest email and enter the code "
        "again."
    ),
    "already-personal": N_("This account is already a personal account."),
    "linked-to-business": N_(
        "This account is linked to TikTok For Business. Unlink it in User Settings first, "
        "then switch again."
    ),
    "already-business": N_("This account is already a business account."),
    "personal-account": N_(
        "A personal account has no team. Switch to a business account to add people."
    ),
    "invalid-email": N_(
        "This email address is not valid. Check it for typos or missing parts."
    ),
    "already-member": N_("This person is already a member of the team."),
    "no-invitation": N_("No invitation has been sent to this email address."),
    "invitation-expired": N_("This invitation has expired. Send it again."),
    "email-mismatch": N_(
        "The invitation must be accepted while signed in with the email address it was "
        "sent to."
    ),
    "other-business": N_(
        "This person is already associated with another business account and cannot join "
        "yours with this email address."
    ),
    "not-accepted": N_(
        "This invitation has not been accepted yet. Wait for the person to accept it, or "
        "send it again."
    ),
    "not-member": N_("This person is not a member of the team."),
    "last-admin": N_("This is the team's only admin. Make someone else admin first."),
    "collaborator-limit": N_(
        "This account already has as many collaborators as allowed. Remove one before "
        "adding someone else."
    ),
    "already-collaborator": N_("This person is already a collaborator."),
    "not-collaborator": N_("This person is not a collaborator of the account."),
    "mobile-device-limit": N_(
        "Another mobile device is already linked to this account. Unlink it first, or use "
        "the desktop site."
    ),
    "no-such-device": N_("This device is not signed in to the account."),
    "invalid-phone": N_(
        "This phone number is not valid. Enter it with the country code, for example "
        "+33 6 12 34 56 78."
    ),
    "same-role": N_("This member already has that role: there is nothing to change."),
    "email-in-use": N_(
        "This email address already belongs to another team member. Choose another one."
    ),
}
"""One sentence per failure code, as the product would show it (English source)."""


class ActionFailed(Exception):
    """A simulator action that could not be done, with a stable ``code``.

    ``action`` is the action's name; ``detail`` optionally says more (English, for
    logs and tests). ``str()`` is ``"action: code"``; :meth:`message` is the sentence
    shown to the person.
    """

    def __init__(self, code: str, action: str = "", detail: str | None = None) -> None:
        if code not in FAILURE_MESSAGES:
            raise ValueError(f"unknown failure code {code!r}")
        self.code = code
        self.action = action
        self.detail = detail
        super().__init__(code, action, detail)

    def message(self, t: Translator | None = None) -> str:
        """The sentence the product shows, translated by ``t`` (English without one)."""
        text = FAILURE_MESSAGES[self.code]
        return text if t is None else t.gettext(text)

    def __str__(self) -> str:
        where = f"{self.action}: " if self.action else ""
        more = f" ({self.detail})" if self.detail else ""
        return f"{where}{self.code}{more}"


class ArgumentError(ValueError):
    """An action called with a wrong name or argument: a mistake in a guide or in code."""
