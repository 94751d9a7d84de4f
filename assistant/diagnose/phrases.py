"""Words the findings share: what each intent does, and the name of each role."""

from __future__ import annotations

from assistant.account.model import Intent, Role
from assistant.diagnose import message as m
from assistant.diagnose.message import Message

INTENT_ACTIONS: dict[Intent, Message] = {
    # Translators: completes "To …," and "in order to …"; an infinitive phrase.
    Intent.LINK: m.pgettext("intent", "link the TikTok account to TikTok For Business"),
    Intent.UNLINK: m.pgettext("intent", "unlink the TikTok account from TikTok For Business"),
    Intent.SWITCH_TO_PERSONAL: m.pgettext("intent", "switch to a personal account"),
    Intent.SWITCH_TO_BUSINESS: m.pgettext("intent", "switch to a business account"),
    Intent.UPDATE_LOGIN: m.pgettext("intent", "update the TikTok For Business login"),
    Intent.ADD_MEMBER: m.pgettext("intent", "add a team member"),
    Intent.REMOVE_MEMBER: m.pgettext("intent", "remove a team member"),
    Intent.CHANGE_ROLE: m.pgettext("intent", "change a team member's role"),
    Intent.SHARE: m.pgettext("intent", "share the account with someone"),
    Intent.REVOKE_ACCESS: m.pgettext("intent", "take back access to the account"),
    Intent.SECURE_ACCOUNT: m.pgettext("intent", "secure the account"),
}
"""What each intent does, as an infinitive phrase ("To {action}, …")."""

ROLE_NAMES: dict[Role, Message] = {
    # Translators: a team role, as TikTok For Business names it, in lower case.
    Role.ADMIN: m.pgettext("role", "admin"),
    Role.EDITOR: m.pgettext("role", "editor"),
    Role.ANALYST: m.pgettext("role", "analyst"),
    Role.MODERATOR: m.pgettext("role", "moderator"),
}
"""The name of each team role, in lower case ("the {role} role")."""
