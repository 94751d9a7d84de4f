"""Rules about sharing the account and keeping it safe."""

from __future__ import annotations

from assistant.account.model import MAX_COLLABORATORS, MAX_PEOPLE, Intent, Snapshot
from assistant.account.rules import at_collaborator_limit, has_linked_mobile
from assistant.diagnose import message as m
from assistant.diagnose.finding import NOTHING, Symptom, Symptoms


def collaborator_limit(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``collaborator-limit``: the owner and 4 collaborators, nobody more."""
    if intent is not Intent.SHARE or not at_collaborator_limit(s.tiktok):
        return NOTHING
    return (
        Symptom(
            "collaborator-limit",
            m.ngettext(
                "{username} already has {n} collaborator",
                "{username} already has {n} collaborators",
                len(s.tiktok.collaborators),
                username=s.tiktok.username,
            ),
            (
                m.gettext(
                    "At most {people} can manage one account: the owner and {collaborators}.",
                    people=m.ngettext("{n} person", "{n} people", MAX_PEOPLE),
                    collaborators=m.ngettext(
                        "{n} collaborator", "{n} collaborators", MAX_COLLABORATORS
                    ),
                ),
                m.gettext(
                    "Remove a collaborator who no longer needs access, then add the new person."
                ),
            ),
        ),
    )


def mobile_device_limit(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``mobile-device-limit``: one linked mobile device at a time."""
    if intent is not Intent.SHARE or not has_linked_mobile(s.tiktok):
        return NOTHING
    device = s.tiktok.linked_mobiles[0].name
    return (
        Symptom(
            "mobile-device-limit",
            m.gettext("A mobile device is already linked: {device}", device=device),
            (
                m.gettext(
                    "Only one mobile device can be linked to the account at a time, so the new "
                    "person cannot use their own phone while {device} is linked.",
                    device=device,
                ),
                m.gettext(
                    "Let them use the desktop site, or unlink {device} first.", device=device
                ),
            ),
        ),
    )


def credentials_shared(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``credentials-shared``: people who were given the password (any intent)."""
    n = s.tiktok.password_shared_with
    if n <= 0:
        return NOTHING
    return (
        Symptom(
            "credentials-shared",
            m.ngettext(
                "The password is shared with {n} person",
                "The password is shared with {n} people",
                n,
            ),
            (
                m.gettext(
                    "Anyone who has the password keeps full access until it changes, with no "
                    "per-person control or history."
                ),
                m.gettext(
                    "Change the password, then add the people who need access as collaborators."
                ),
            ),
        ),
    )


def no_two_factor(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``no-two-factor``: a password alone protects the account (any intent)."""
    if s.tiktok.two_factor:
        return NOTHING
    return (
        Symptom(
            "no-two-factor",
            m.gettext("2-step verification is off for {username}", username=s.tiktok.username),
            (
                m.gettext("With a password alone, anyone who learns it can sign in."),
                m.gettext(
                    "Turn on 2-step verification in Settings and privacy → Security and login."
                ),
            ),
        ),
    )
