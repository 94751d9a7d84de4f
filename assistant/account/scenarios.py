"""Ready-made accounts to simulate: one snapshot file per situation.

Each scenario is ``assistant/account/scenarios/<name>.json`` with a short title here.
Together they put the account in every situation the diagnosis knows (each finding
code of SPEC §2 is triggered by at least one), so guides can be tried on each.
"""

from __future__ import annotations

from pathlib import Path

from assistant.account.model import Snapshot
from assistant.account.snapshot import read_snapshot
from assistant.i18n.translator import N_, Translator

SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"
"""Where the scenario files live (shipped inside the package)."""

SCENARIO_TITLES: dict[str, str] = {
    "add-member-ready": N_("Business account, ready to add a team member"),
    "already-personal": N_("Already a personal account"),
    "change-role-ready": N_("Team of three, ready to change a role"),
    "code-expired": N_("Unlinking, but the verification code has expired"),
    "departed-member": N_("A former team member still has access"),
    "excess-admins": N_("Too many admins in the team"),
    "invitation-trouble": N_("An invitation accepted with another email"),
    "invite-expired": N_("An invitation has expired"),
    "invite-invalid-email": N_("An invitation sent to an incomplete email address"),
    "invitee-other-business": N_("The invitee belongs to another business account"),
    "link-no-business-login": N_("Linking without a TikTok For Business login"),
    "link-ready": N_("Business account, ready to link"),
    "linked-elsewhere": N_("The login is linked to another TikTok account"),
    "linking-unavailable": N_("Linking is not available for this login yet"),
    "not-admin-analyst": N_("Linked business account, you are an analyst"),
    "offline-unlink": N_("Unlinking without an internet connection"),
    "personal-add-member": N_("Personal account, trying to add a team member"),
    "personal-to-business": N_("Personal account, switching to business"),
    "remove-last-admin": N_("Removing the team's only admin"),
    "remove-member-ready": N_("Team of three, ready to remove a member"),
    "remove-target-not-member": N_("Removing someone who is not in the team"),
    "revoke-access": N_("The password was shared with two people"),
    "secure-account": N_("No 2-step verification yet"),
    "share-at-limit": N_("Sharing, with four collaborators already"),
    "share-ok": N_("Sharing with one collaborator, no phone linked"),
    "stale-cache-unlink": N_("Unlinking with a stale browser cache"),
    "switch-blocked-by-link": N_("Switching to personal while still linked"),
    "unlink-ready": N_("Linked business account, ready to unlink"),
    "unlink-wrong-profile": N_("Unlinking while signed in to the wrong profile"),
    "update-login": N_("Changing the TikTok For Business login email"),
}
"""The English title of each scenario (translate with ``t.gettext``)."""


class UnknownScenario(LookupError):
    """A scenario name that does not exist; ``message(t)`` lists the known ones."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(self.message())

    def message(self, t: Translator | None = None) -> str:
        """One line naming the scenario and the known ones, translated by ``t``."""
        template = N_("unknown scenario {name}; expected one of {choices}")
        fields = {"name": self.name, "choices": ", ".join(list_scenarios())}
        if t is None:
            return template.format(**fields)
        return t.gettext(template, **fields)

    def __str__(self) -> str:
        return self.message()


def list_scenarios() -> list[str]:
    """The name of every scenario, sorted."""
    return sorted(path.stem for path in SCENARIOS_DIR.glob("*.json"))


def scenario_path(name: str) -> Path:
    """The file of scenario ``name``; raises :class:`UnknownScenario`."""
    if name not in list_scenarios():
        raise UnknownScenario(name)
    return SCENARIOS_DIR / f"{name}.json"


def load_scenario(name: str) -> Snapshot:
    """The snapshot of scenario ``name``; raises :class:`UnknownScenario`."""
    return read_snapshot(scenario_path(name))


def scenario_title(name: str, t: Translator | None = None) -> str:
    """The title of scenario ``name``, translated by ``t`` (English without one)."""
    title = SCENARIO_TITLES.get(name, name)
    return title if t is None else t.gettext(title)
