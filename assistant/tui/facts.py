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


class Fact(NamedTuple):
    """One line of the account summary."""

    key: str
    """Stable id of the fact (``type``, ``linked``…), the same in every language."""
    label: str
    """Translated label."""
    value: str
    """Translated, masked value (safe to show: controls removed)."""


def _word(value: str, t: Translator) -> str:
    return t.pgettext(_CONTEXTS[value], _VALUES[value])


def _yes_no(flag: bool, t: Translator) -> str:
    return t.pgettext("answer", "yes") if flag else t.pgettext("answer", "no")


def account_facts(snapshot: Snapshot, t: Translator) -> list[Fact]:
    """The facts of ``snapshot`` worth seeing while following a guide, in ``t``'s language."""
    # Here rather than at the top: the home screen only needs account_summary, and
    # the first screen is drawn before the masking rules are loaded.
    from assistant.privacy import mask, mask_value

    tiktok, business, session = snapshot.tiktok, snapshot.business, snapshot.session
    facts = [
        Fact("username", t.pgettext("account", "Account"), "@" + clean_line(tiktok.username)),
        Fact("type", t.pgettext("account", "Type"), _word(tiktok.type.value, t)),
    ]
    if tiktok.phone:
        facts.append(Fact("phone", t.pgettext("account", "Phone"), mask_value(tiktok.phone)))
    if business is None:
        facts.append(Fact(
            "business", t.pgettext("account", "TikTok For Business"),
            t.pgettext("account", "no login"),
        ))
    else:
        facts.append(Fact(
            "business", t.pgettext("account", "TikTok For Business"),
            mask_value(clean_line(business.email)),
        ))
        if snapshot.is_linked:
            linked = t.pgettext("account", "linked")
        elif business.linked_tiktok:
            linked = t.pgettext(
                "account", "linked to @{username}", username=clean_line(business.linked_tiktok)
            )
        else:
            linked = t.pgettext("account", "not linked")
        facts.append(Fact("linked", t.pgettext("account", "Link"), linked))
        if not business.linking_available:
            facts.append(Fact(
                "linking", t.pgettext("account", "Linking"),
                t.pgettext("account", "not available"),
            ))
        member = snapshot.actor_member
        role = (
            _word(member.role.value, t) if member is not None and not member.departed
            else t.pgettext("account", "not a member")
        )
        facts.append(Fact("role", t.pgettext("account", "Your role"), role))
        active = len(business.active_members)
        facts.append(Fact(
            "team", t.pgettext("account", "Team"),
            t.ngettext("{n} member", "{n} members", active),
        ))
        pending = sum(1 for i in business.invitations if i.status is InvitationStatus.PENDING)
        if business.invitations:
            facts.append(Fact(
                "invitations", t.pgettext("account", "Invitations"),
                t.ngettext("{n} pending", "{n} pending", pending)
                + f" / {len(business.invitations)}",
            ))
        profile = session.business_profile
        facts.append(Fact(
            "signed_in", t.pgettext("account", "Signed in to"),
            mask_value(clean_line(profile)) if profile else t.pgettext("account", "not signed in"),
        ))
        facts.append(Fact(
            "code", t.pgettext("account", "Verification code"),
            _word(session.verification_code.value, t),
        ))
    facts.append(Fact(
        "collaborators", t.pgettext("account", "Collaborators"),
        f"{len(tiktok.collaborators)}/{MAX_COLLABORATORS}",
    ))
    mobiles = tiktok.linked_mobiles
    facts.append(Fact(
        "mobile", t.pgettext("account", "Linked phone"),
        mask(clean_line(mobiles[0].name)) if mobiles else t.pgettext("account", "none"),
    ))
    facts.append(Fact(
        "two_factor", t.pgettext("account", "2-step verification"),
        t.pgettext("account", "on") if tiktok.two_factor else t.pgettext("account", "off"),
    ))
    if tiktok.password_shared_with:
        facts.append(Fact(
            "password", t.pgettext("account", "Password shared with"),
            t.ngettext("{n} person", "{n} people", tiktok.password_shared_with),
        ))
    if not session.online or session.browser_cache_stale:
        facts.append(Fact(
            "online", t.pgettext("account", "Online"), _yes_no(session.online, t)
        ))
        facts.append(Fact(
            "cache", t.pgettext("account", "Browser cache"),
            t.pgettext("account", "stale") if session.browser_cache_stale
            else t.pgettext("account", "fine"),
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
    line = t.gettext(
        "Simulated account: @{username} ({kind}, {state})",
        username=clean_line(snapshot.tiktok.username), kind=kind, state=state,
    )
    if source:
        line += " — " + clean_line(source)
    return line
