"""What an action did, in plain words, for transcripts and hand-overs.

Internal names (``request_unlink_code``) never reach a person: each action has a
sentence here, and a failure is told with the product's own message
(:data:`assistant.account.failures.FAILURE_MESSAGES`).
"""

from __future__ import annotations

from assistant.account.failures import FAILURE_MESSAGES
from assistant.i18n.translator import N_, Translator

ACTION_DONE: dict[str, str] = {
    "sign_in_business": N_("Signed in to TikTok For Business."),
    "sign_out_business": N_("Signed out of TikTok For Business."),
    "reconnect": N_("The connection is back."),
    "clear_browser_cache": N_("Cleared the browser’s cache."),
    "link_tiktok": N_("Linked the TikTok account to TikTok For Business."),
    "request_unlink_code": N_("Asked to unlink: a verification code was sent."),
    "resend_code": N_("Asked for a new verification code."),
    "expire_code": N_("The verification code expired."),
    "confirm_unlink": N_("Entered the verification code: the account is unlinked."),
    "switch_to_personal": N_("Switched to a personal account."),
    "switch_to_business": N_("Switched to a business account."),
    "invite_member": N_("Sent an invitation to join the team."),
    "resend_invitation": N_("Sent the invitation again."),
    "cancel_invitation": N_("Withdrew the invitation."),
    "accept_invitation": N_("The invitation was accepted."),
    "confirm_member": N_("Confirmed the new member and their role."),
    "change_role": N_("Changed the member’s role."),
    "remove_member": N_("Removed the member from the team."),
    "update_login_email": N_("Changed the login email."),
    "add_login_phone": N_("Added a phone number to the login."),
    "add_collaborator": N_("Added a collaborator."),
    "remove_collaborator": N_("Removed a collaborator."),
    "remove_all_collaborators": N_("Removed every collaborator."),
    "link_device": N_("Linked a device to the account."),
    "unlink_device": N_("Unlinked a device from the account."),
    "change_password": N_("Changed the password."),
    "log_out_all_devices": N_("Logged out of all devices."),
    "enable_two_factor": N_("Turned on 2-step verification."),
    "add_phone": N_("Added a phone number to the TikTok account."),
}
"""One sentence per simulator action, told when it worked."""

DID_NOT_WORK = N_("It did not work: {reason}")


def describe_action(action: str, failure: str | None, t: Translator) -> str:
    """The sentence for an action that worked, or the product's message when it failed."""
    if failure is not None:
        return t.gettext(DID_NOT_WORK, reason=t.gettext(FAILURE_MESSAGES[failure]))
    return t.gettext(ACTION_DONE.get(action, N_("Done.")))
