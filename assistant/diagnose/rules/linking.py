"""Rules about the account's type, its link to TikTok For Business and the session."""

from __future__ import annotations

from assistant.account.model import WEB_INTENTS, CodeState, Intent, Snapshot, same_email
from assistant.account.rules import is_personal, linked_elsewhere, needs_unlink_before_switch
from assistant.diagnose import message as m
from assistant.diagnose.finding import NOTHING, Symptom, Symptoms
from assistant.diagnose.message import Items
from assistant.diagnose.phrases import INTENT_ACTIONS, ROLE_NAMES

NEEDS_BUSINESS = frozenset(
    {Intent.LINK, Intent.UPDATE_LOGIN, Intent.ADD_MEMBER, Intent.REMOVE_MEMBER, Intent.CHANGE_ROLE}
)
"""Intents that need a TikTok For Business login."""
NEEDS_ADMIN = frozenset(
    {Intent.UNLINK, Intent.ADD_MEMBER, Intent.REMOVE_MEMBER, Intent.CHANGE_ROLE}
)
"""Intents that only an admin of the team may carry out."""
ADMIN_CHECKED = NEEDS_ADMIN | {Intent.SWITCH_TO_PERSONAL}
"""Intents ``not-admin`` looks at: :data:`NEEDS_ADMIN`, and switching a linked account to
personal (it must be unlinked first, which only an admin can do)."""


def linked_to_business(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``linked-to-business``: the app refuses to switch to personal while linked."""
    if intent is not Intent.SWITCH_TO_PERSONAL or not needs_unlink_before_switch(s):
        return NOTHING
    business = s.business.email if s.business else ""
    return (
        Symptom(
            "linked-to-business",
            m.gettext(
                "{username} is still linked to TikTok For Business", username=s.tiktok.username
            ),
            (
                m.gettext(
                    "The app refuses to switch a business account to personal while it is "
                    "linked to a TikTok For Business login ({business}).",
                    business=business,
                ),
                m.gettext("Unlink it on the web first, then come back to the app and switch."),
            ),
        ),
    )


def nothing_to_do(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``nothing-to-do``: the account is already the way the person wants it."""
    username = s.tiktok.username
    if intent is Intent.SWITCH_TO_PERSONAL and is_personal(s):
        title = m.gettext("{username} is already a personal account", username=username)
        detail = (
            m.gettext("There is nothing to switch."),
            m.gettext(
                "If business tools still show, check that {username} is the account open in "
                "the app.",
                username=username,
            ),
        )
    elif intent is Intent.SWITCH_TO_BUSINESS and not is_personal(s):
        title = m.gettext("{username} is already a business account", username=username)
        detail = (
            m.gettext("There is nothing to switch."),
            m.gettext("Its business tools are already available in the app."),
        )
    elif intent is Intent.LINK and s.is_linked and s.business is not None:
        title = m.gettext(
            "{username} is already linked to {business}",
            username=username,
            business=s.business.email,
        )
        detail = (
            m.gettext("There is nothing to link."),
            m.gettext("The person can already sign in to TikTok For Business with TikTok."),
        )
    elif intent is Intent.UNLINK and not s.is_linked:
        title = m.gettext("{username} is not linked to TikTok For Business", username=username)
        detail = (
            m.gettext("There is nothing to unlink."),
            m.gettext(
                "If the account still looks linked, sign in to the TikTok For Business login "
                "it was linked to and look there."
            ),
        )
    else:
        return NOTHING
    return (Symptom("nothing-to-do", title, detail),)


def no_business_account(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``no-business-account``: a web intent without a TikTok For Business login."""
    if intent not in NEEDS_BUSINESS or intent is None or s.business is not None:
        return NOTHING
    return (
        Symptom(
            "no-business-account",
            m.gettext("The person has no TikTok For Business login"),
            (
                m.gettext(
                    "To {action}, the person needs a TikTok For Business login, and this "
                    "snapshot has none.",
                    action=INTENT_ACTIONS[intent],
                ),
                m.gettext(
                    "Create one (or sign in to an existing one) and link {username} to it.",
                    username=s.tiktok.username,
                )
                if intent is Intent.LINK
                else m.gettext(
                    "Create one (or sign in to an existing one) first: the guide starts there."
                ),
            ),
        ),
    )


def not_admin(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``not-admin``: only an admin may unlink or manage the team.

    Switching a linked account to personal counts too: it must be unlinked first.
    """
    business = s.business
    if intent not in ADMIN_CHECKED or intent is None or business is None or s.is_admin:
        return NOTHING
    unlink_first = intent is Intent.SWITCH_TO_PERSONAL
    if unlink_first and not s.is_linked:
        return NOTHING
    actor = s.session.actor
    action = INTENT_ACTIONS[Intent.UNLINK if unlink_first else intent]
    member = s.actor_member
    if member is None:
        why = m.gettext(
            "Only an admin can {action}, and {actor} is not a member of this team.",
            action=action,
            actor=actor,
        )
    elif member.departed:
        why = m.gettext(
            "Only an admin can {action}, and {actor} has left this team.",
            action=action,
            actor=actor,
        )
    else:
        why = m.gettext(
            "Only an admin can {action}, and {actor} has the {role} role.",
            action=action,
            actor=actor,
            role=ROLE_NAMES[member.role],
        )
    admins = tuple(admin.email for admin in business.active_admins)
    if admins:
        step = m.gettext(
            "Ask an admin ({admins}) to do it, or to give {actor} the admin role.",
            admins=Items(admins),
            actor=actor,
        )
    else:
        step = m.gettext(
            "No active admin is left: contact TikTok For Business support to recover admin "
            "access."
        )
    title = m.gettext(
        "{actor} is not an admin of {business}", actor=actor, business=business.email
    )
    if unlink_first:
        before = m.gettext(
            "{username} is linked to TikTok For Business, and a linked account must be "
            "unlinked before it can switch to personal.",
            username=s.tiktok.username,
        )
        return (Symptom("not-admin", title, (before, why, step)),)
    return (Symptom("not-admin", title, (why, step)),)


def wrong_business_profile(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``wrong-business-profile``: unlinking from a login the account is not linked to."""
    business = s.business
    if intent is not Intent.UNLINK or not s.is_linked or business is None or s.on_right_profile:
        return NOTHING
    profile = s.session.business_profile
    username = s.tiktok.username
    if not same_email(s.session.actor, business.email):
        # The link belongs to another person's login: only its owner can unlink, and
        # nobody is ever told to sign in with someone else's login.
        title = m.gettext(
            "{username} is linked to another person's login ({business})",
            username=username,
            business=business.email,
        )
        detail = (
            m.gettext(
                "{username} is linked to the login {business}, which is not {actor}'s own; "
                "only the owner of that login can unlink it, from their own User Settings.",
                username=username,
                business=business.email,
                actor=s.session.actor,
            ),
            m.gettext(
                "Ask the owner of {business} to unlink it.",
                business=business.email,
            ),
        )
    elif profile is None:
        title = m.gettext("Not signed in to TikTok For Business")
        detail = (
            m.gettext(
                "{username} is linked to the login {business}, and the person is not signed in "
                "to it, so there is no list of linked accounts to unlink from.",
                username=username,
                business=business.email,
            ),
            m.gettext("Sign in to {business}, then open User Settings.", business=business.email),
        )
    else:
        title = m.gettext(
            "Signed in to the wrong TikTok For Business login ({profile})", profile=profile
        )
        detail = (
            m.gettext(
                "{username} is linked to the login {business}, but the person is signed in to "
                "{profile}, so the account does not appear in the list of linked accounts.",
                username=username,
                business=business.email,
                profile=profile,
            ),
            m.gettext(
                "Sign out, sign in to {business}, then refresh User Settings.",
                business=business.email,
            ),
        )
    return (Symptom("wrong-business-profile", title, detail),)


def linking_unavailable(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``linking-unavailable``: TikTok has not opened linking to this login.

    Only while the account is not linked yet: a linked account has nothing to wait for.
    """
    if (
        intent is not Intent.LINK
        or s.business is None
        or s.business.linking_available
        or s.is_linked
    ):
        return NOTHING
    return (
        Symptom(
            "linking-unavailable",
            m.gettext("Linking is not available for {business}", business=s.business.email),
            (
                m.gettext(
                    "TikTok is still testing account linking and has not opened it to this "
                    "login; no setting can turn it on."
                ),
                m.gettext(
                    "Keep signing in to TikTok For Business with the email and password, and "
                    "try again later."
                ),
            ),
        ),
    )


def already_linked(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``already-linked``: the login is linked to another TikTok account."""
    business = s.business
    if intent is not Intent.LINK or business is None or not linked_elsewhere(s):
        return NOTHING
    other, username = business.linked_tiktok or "", s.tiktok.username
    return (
        Symptom(
            "already-linked",
            m.gettext(
                "{business} is already linked to {other}", business=business.email, other=other
            ),
            (
                m.gettext(
                    "A TikTok For Business login is linked to one TikTok account at most, so "
                    "{username} cannot be linked to it too.",
                    username=username,
                ),
                m.gettext(
                    "Unlink {other} from {business} first, then link {username}.",
                    other=other,
                    business=business.email,
                    username=username,
                ),
            ),
        ),
    )


def verification_code_expired(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``verification-code-expired``: the code that confirms the unlink is too old.

    Only while the account is still linked: once unlinked, the old code does not matter.
    """
    business = s.business
    if (
        intent is not Intent.UNLINK
        or s.session.verification_code is not CodeState.EXPIRED
        or business is None
        or not s.is_linked
    ):
        return NOTHING
    why = m.gettext(
        "The code sent to {email} to confirm the unlink is no longer valid.",
        email=business.email,
    )
    step = m.gettext("Send a new code from User Settings and enter it as soon as it arrives.")
    return (
        Symptom("verification-code-expired", m.gettext("The verification code has expired"),
                (why, step)),
    )


def network_offline(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``network-offline``: nothing reaches TikTok while the connection is down."""
    if intent is None or s.session.online:
        return NOTHING
    return (
        Symptom(
            "network-offline",
            m.gettext("No internet connection"),
            (
                m.gettext(
                    "To {action}, the person must be connected to the internet, and the "
                    "connection is down.",
                    action=INTENT_ACTIONS[intent],
                ),
                m.gettext("Reconnect (Wi-Fi or mobile data), then try again."),
            ),
        ),
    )


def stale_browser_cache(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``stale-browser-cache``: a likely cause of errors on the website."""
    if intent not in WEB_INTENTS or intent is None or not s.session.browser_cache_stale:
        return NOTHING
    return (
        Symptom(
            "stale-browser-cache",
            m.gettext("The browser cache is out of date"),
            (
                m.gettext(
                    "An outdated cache often causes errors on the TikTok For Business website, "
                    "which is where the person will {action}.",
                    action=INTENT_ACTIONS[intent],
                ),
                m.gettext("Clear the browser cache (or use another browser), then try again."),
            ),
        ),
    )
