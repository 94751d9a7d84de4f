"""The simulated account as short, translated facts: what the account panel and the
transcript show.

Pure (no Textual): the transcript uses it too. Each fact has a stable ``key`` so two
snapshots can be compared fact by fact and what an action changed highlighted. Emails
and phone numbers are masked: the panel and the transcript may end up in a ticket.
"""

from __future__ import annotations

from typing import NamedTuple

from assistant.account.model import MAX_COLLABORATORS, InvitationStatus, Snapshot
from assistant.i18n.translator import NC_, Translator
from assistant.safetext import clean_line

_VALUES: dict[str, str] = {
    "personal": NC_("account type", "personal"),
    "business": NC_("account type", "business"),
    "admin": NC_("role", "admin"),
    "editor": NC_("role", "editor"),
    "analyst": NC_("role", "analyst"),
    "moderator": NC_("role", "moderator"),
    "none": NC_("verification code", "not requested"),
    "sent": NC_("verification code", "sent"),
    "expired": NC_("verification code", "expired"),
}
_CONTEXTS = {
    "personal": "account type", "business": "account type",
    "admin": "role", "editor": "role", "analyst": "role", "moderator": "role",
    "none": "verification code", "sent": "verification code", "expired": "verification code",
}


GROUPS: tuple[tuple[str, str], ...] = (
    ("app", NC_("account group", "TikTok app")),
    ("business", NC_("account group", "TikTok For Business")),
    ("session", NC_("account group", "This session")),
)
"""The groups of facts, in the order shown: the phone app, the web login, the session."""


def group_title(group: str, t: Translator) -> str:
    """The translated heading of a group of facts."""
    return t.pgettext("account group", dict(GROUPS)[group])


class Fact(NamedTuple):
    """One line of the account summary."""

    key: str
    """Stable id of the fact (``type``, ``linked``…), the same in every language."""
    label: str
    """Translated label."""
    value: str
    """Translated value, masked unless asked (safe to show: controls removed)."""
    group: str = "app"
    """Which product it is about: ``app``, ``business`` or ``session`` (:data:`GROUPS`)."""


def _word(value: str, t: Translator) -> str:
    return t.pgettext(_CONTEXTS[value], _VALUES[value])


def account_facts(snapshot: Snapshot, t: Translator, *, mask: bool = True) -> list[Fact]:
    """The facts of ``snapshot`` worth seeing while following a guide, in ``t``'s
    language, grouped as :data:`GROUPS` (emails and phone numbers masked unless
    ``mask`` is false: an agent's own screen may show them, a transcript never)."""
    # Here rather than at the top: the home screen only needs account_summary, and
    # the first screen is drawn before the masking rules are loaded.
    from assistant.privacy import mask as mask_in, mask_value

    def email(value: str) -> str:
        return mask_value(clean_line(value)) if mask else clean_line(value)

    def text(value: str) -> str:
        return mask_in(clean_line(value)) if mask else clean_line(value)

    def phone(value: str) -> str:
        return mask_value(clean_line(value)) if mask else clean_line(value)

    def fact(key: str, label: str, value: str, group: str) -> Fact:
        return Fact(key, t.pgettext("account", label), value, group)

    tiktok, business, session = snapshot.tiktok, snapshot.business, snapshot.session
    facts = [
        fact("username", NC_("account", "Account"), "@" + clean_line(tiktok.username), "app"),
        fact("type", NC_("account", "Type"), _word(tiktok.type.value, t), "app"),
    ]
    if tiktok.phone:
        facts.append(fact("phone", NC_("account", "Phone"), phone(tiktok.phone), "app"))
    facts.append(fact("collaborators", NC_("account", "Collaborators"),
                      f"{len(tiktok.collaborators)}/{MAX_COLLABORATORS}", "app"))
    mobiles = tiktok.linked_mobiles
    facts.append(fact("mobile", NC_("account", "Linked phone"),
                      text(mobiles[0].name) if mobiles else t.pgettext("account", "none"),
                      "app"))
    facts.append(fact("two_factor", NC_("account", "2-step verification"),
        t.pgettext("account", "on") if tiktok.two_factor else t.pgettext("account", "off"),
        "app",
    ))
    if tiktok.password_shared_with:
        facts.append(fact("password", NC_("account", "Password shared with"), t.ngettext(
            "{n} person", "{n} people", tiktok.password_shared_with), "app"))
    if business is None:
        facts.append(fact("business", NC_("account", "Login"),
                          t.pgettext("account", "no login"), "business"))
    else:
        facts.append(fact("business", NC_("account", "Login"), email(business.email), "business"))
        if snapshot.is_linked:
            linked = t.pgettext("account", "yes")
        elif business.linked_tiktok:
            linked = t.pgettext("account", "no (the login is linked to @{username})",
                                username=clean_line(business.linked_tiktok))
        else:
            linked = t.pgettext("account", "no")
        facts.append(fact("linked", NC_("account", "Linked"), linked, "business"))
        if not business.linking_available:
            facts.append(fact("linking", NC_("account", "Linking"),
                              t.pgettext("account", "not available"), "business"))
        member = snapshot.actor_member
        role = (
            _word(member.role.value, t) if member is not None and not member.departed
            else t.pgettext("account", "not a member")
        )
        facts.append(fact("role", NC_("account", "Your role"), role, "business"))
        active = len(business.active_members)
        facts.append(fact("team", NC_("account", "Team"),
                          t.ngettext("{n} member", "{n} members", active), "business"))
        pending = sum(1 for i in business.invitations if i.status is InvitationStatus.PENDING)
        if business.invitations:
            facts.append(fact("invitations", NC_("account", "Invitations"),
                t.ngettext("{n} pending", "{n} pending", pending)
                + f" / {len(business.invitations)}", "business",
            ))
    facts.append(fact("actor", NC_("account", "You"), email(session.actor), "session"))
    if business is not None:
        profile = session.business_profile
        facts.append(fact("signed_in", NC_("account", "Signed in to"),
            email(profile) if profile else t.pgettext("account", "not signed in"), "session",
        ))
        facts.append(fact("code", NC_("account", "Verification code"),
                          _word(session.verification_code.value, t), "session"))
    if not session.online or session.browser_cache_stale:
        facts.append(fact("online", NC_("account", "Connection"),
            t.pgettext("account", "online") if session.online
            else t.pgettext("account", "offline"), "session",
        ))
        facts.append(fact("cache", NC_("account", "Browser cache"),
            t.pgettext("account", "out of date") if session.browser_cache_stale
            else t.pgettext("account", "fine"), "session",
        ))
    return facts


def changed_keys(before: Snapshot | None, after: Snapshot, t: Translator) -> frozenset[str]:
    """The keys of the facts whose value differs between ``before`` and ``after``."""
    if before is None or before == after:
        return frozenset()
    old = {fact.key: fact.value for fact in account_facts(before, t)}
    return frozenset(
        fact.key for fact in account_facts(after, t) if old.get(fact.key) != fact.value
    )


def account_summary(snapshot: Snapshot, source: str, t: Translator) -> str:
    """One line naming the simulated account and where it comes from."""
    kind = _word(snapshot.tiktok.type.value, t)
    if snapshot.is_linked:
        state = t.pgettext("account", "linked to TikTok For Business")
    elif snapshot.business is None:
        state = t.pgettext("account", "no TikTok For Business login")
    else:
        state = t.pgettext("account", "not linked")
    username = clean_line(snapshot.tiktok.username)
    if source:
        # Translators: {source} is where the account comes from (a file, an example).
        return t.gettext("Simulated account: @{username} ({kind}, {state}) — {source}",
                         username=username, kind=kind, state=state, source=clean_line(source))
    return t.gettext("Simulated account: @{username} ({kind}, {state})",
                     username=username, kind=kind, state=state)
