"""The items a ``pick`` step offers: members, collaborators, invitations or devices.

Each item is a key (what the pick keeps: an email, a username, a device name) and a
label rendered in the person's language. Former members who still have access come
first and are marked, because they are the ones to deal with first.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.account.model import Snapshot, same_email
from assistant.i18n.translator import N_, NC_, Translator

_ROLE = {"admin": NC_("role", "admin"), "editor": NC_("role", "editor"),
         "analyst": NC_("role", "analyst"), "moderator": NC_("role", "moderator")}
_STATUS = {
    "pending": NC_("invitation", "pending"),
    "accepted": NC_("invitation", "accepted, waiting for an admin"),
    "expired": NC_("invitation", "expired"),
}
_KIND = {"mobile": NC_("device", "mobile"), "desktop": NC_("device", "computer"),
         "tablet": NC_("device", "tablet")}

MEMBER = N_("{email} · {role}")
DEPARTED_MEMBER = N_("{email} · {role} · has left, still has access")
INVITATION = N_("{email} · {role} · {status}")
DEVICE = N_("{name} · {kind}")
LINKED_DEVICE = N_("{name} · {kind} · linked")


@dataclass(frozen=True)
class Item:
    """One thing a ``pick`` step offers."""

    key: str
    """What the pick keeps (email, username or device name)."""
    template: str
    fields: tuple[tuple[str, tuple[str | None, str] | str], ...]
    """Each field: plain text, or ``(context, msgid)`` to translate."""

    def label(self, t: Translator) -> str:
        """The item as the person reads it."""
        values = {
            name: value if isinstance(value, str) else t.pgettext(value[0] or "", value[1])
            for name, value in self.fields
        }
        return t.gettext(self.template, **values)


def items(source: str, s: Snapshot) -> tuple[Item, ...]:
    """The items of ``source`` (a key of :data:`~assistant.engine.model.PICK_SOURCES`)."""
    business = s.business
    if source in ("members", "other-members"):
        if business is None:
            return ()
        members = [m for m in business.members
                   if source == "members" or not same_email(m.email, s.session.actor)]
        members.sort(key=lambda m: not m.departed)
        return tuple(
            Item(m.email, DEPARTED_MEMBER if m.departed else MEMBER,
                 (("email", m.email), ("role", ("role", _ROLE[m.role.value]))))
            for m in members
        )
    if source == "invitations":
        if business is None:
            return ()
        return tuple(
            Item(i.email, INVITATION, (("email", i.email), ("role", ("role", _ROLE[i.role.value])),
                                       ("status", ("invitation", _STATUS[i.status.value]))))
            for i in business.invitations
        )
    if source == "collaborators":
        return tuple(Item(name, "{name}", (("name", name),)) for name in s.tiktok.collaborators)
    devices = [d for d in s.tiktok.devices if source == "devices" or d.linked]
    return tuple(
        Item(d.name, LINKED_DEVICE if d.linked else DEVICE,
             (("name", d.name), ("kind", ("device", _KIND[d.kind.value]))))
        for d in devices
    )
