"""What a run achieved: the diagnosis before and after, what comes next, the hand-over.

A guide that claims a fix is checked against the diagnosis (the *verifier*): for the
run's intent, the findings of the starting account and of the account the guide left.
An ending leads on (:func:`next_guide`), and an ``escalate`` ending hands over with a
generated summary (:func:`handoff`), personal data masked.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.account.model import INTENT_GUIDES, Intent, Snapshot
from assistant.account.snapshot import dump_snapshot
from assistant.engine.model import EndStep
from assistant.engine.runner import Runner
from assistant.i18n.translator import N_, Translator
from assistant.privacy import mask_text


@dataclass(frozen=True)
class Verdict:
    """The diagnosis of the run's intent on the starting and on the final account."""

    intent: Intent | None
    before: tuple[str, ...]
    """Codes found on the starting account (errors first, as the diagnosis orders them)."""
    after: tuple[str, ...]
    """Codes found on the account as the guide left it."""

    @property
    def cleared(self) -> tuple[str, ...]:
        """Codes that were there and are gone."""
        return tuple(c for c in self.before if c not in self.after)

    @property
    def remaining(self) -> tuple[str, ...]:
        """Codes still there."""
        return tuple(c for c in self.before if c in self.after)

    @property
    def new(self) -> tuple[str, ...]:
        """Codes the guide's changes brought."""
        return tuple(c for c in self.after if c not in self.before)


def run_intent(runner: Runner, intent: Intent | str | None = None) -> Intent | None:
    """The intent of a run: ``intent`` when given, else the starting snapshot's."""
    if intent is not None:
        return Intent(intent)
    return runner.initial.intent


def codes(snapshot: Snapshot, intent: Intent | None) -> tuple[str, ...]:
    """The finding codes of the diagnosis of ``snapshot`` for ``intent``."""
    from assistant.diagnose import diagnose

    return tuple(f.code for f in diagnose(snapshot, intent))


def verdict(runner: Runner, intent: Intent | str | None = None) -> Verdict | None:
    """The diagnosis before and after, when the run has an intent (else ``None``)."""
    wanted = run_intent(runner, intent)
    if wanted is None:
        return None
    return Verdict(wanted, codes(runner.initial, wanted), codes(runner.snapshot, wanted))


def changed(runner: Runner) -> bool:
    """Whether an action changed the account (the TikTok account or the login and team).

    Signing in, reconnecting or clearing the cache is not a change to the account.
    """
    before, after = dump_snapshot(runner.initial), dump_snapshot(runner.snapshot)
    return before["tiktok"] != after["tiktok"] or before["business"] != after["business"]


def _end(runner: Runner) -> EndStep | None:
    if not runner.finished:
        return None
    guide, step = runner.place[-1]
    found = runner.library.guides[guide].steps[step]
    return found if isinstance(found, EndStep) else None


def next_guide(runner: Runner, intent: Intent | str | None = None) -> str | None:
    """The guide the ending offers next, or ``None``.

    A guide that succeeded on the way to something else (unlinking, when the person
    wants to switch to personal) leads on to the guide of the run's intent, unless the
    diagnosis now says there is nothing left to do; otherwise the ending's own
    ``next_guide``.
    """
    end = _end(runner)
    if end is None:
        return None
    wanted = run_intent(runner, intent)
    if wanted is not None and end.outcome == "success":
        goal = INTENT_GUIDES[wanted]
        result = verdict(runner, wanted)
        done = result is not None and "nothing-to-do" in result.after
        if goal != runner.guide_id and goal in runner.library.guides and not done:
            return goal
    if end.next_guide is not None and end.next_guide in runner.library.guides:
        return end.next_guide
    return None


HANDOFF_TITLE = N_("Hand-over")
HANDOFF_FOR = N_("**For:** {who}")
HANDOFF_GUIDE = N_("**Guide:** {guide}")
HANDOFF_STOPPED = N_("**Stopped at:** {step}")
HANDOFF_ACCOUNT = N_("**TikTok account:** {username}")
HANDOFF_TRIED = N_("**What was done:**")
HANDOFF_NOTHING_TRIED = N_("**What was done:** nothing yet.")
HANDOFF_FINDINGS = N_("**Still found by the diagnosis:** {codes}")
HANDOFF_ASK = N_(
    "Please take it from here: the steps above are what the person already did."
)


def handoff(runner: Runner, t: Translator | None = None,
            intent: Intent | str | None = None) -> str | None:
    """The Markdown hand-over of an ``escalate`` ending, personal data masked; else ``None``.

    It says who to hand over to (the ending's ``handoff_to``), the guide, where it
    stopped, what was done and what the diagnosis still finds.
    """
    end = _end(runner)
    if end is None or end.outcome != "escalate":
        return None
    t = t or runner.translator
    view = runner.view()
    fields = {"username": runner.snapshot.tiktok.username}
    from assistant.engine.fields import text_fields

    who = t.gettext(end.handoff_to or N_("TikTok For Business support"),
                    **text_fields(runner.snapshot, runner.picks))
    lines = [f"### {t.gettext(HANDOFF_TITLE)}", ""]
    lines.append("- " + t.gettext(HANDOFF_FOR, who=who))
    lines.append("- " + t.gettext(HANDOFF_GUIDE, guide=runner.library.title(runner.guide_id, t)))
    lines.append("- " + t.gettext(HANDOFF_STOPPED, step=view.title))
    lines.append("- " + t.gettext(HANDOFF_ACCOUNT, **fields))
    story = _tried(runner, t)
    if story:
        lines.append("- " + t.gettext(HANDOFF_TRIED))
        lines.extend(f"  - {line}" for line in story)
    else:
        lines.append("- " + t.gettext(HANDOFF_NOTHING_TRIED))
    result = verdict(runner, intent)
    if result is not None and result.after:
        lines.append("- " + t.gettext(HANDOFF_FINDINGS, codes=", ".join(
            f"`{code}`" for code in result.after)))
    lines += ["", t.gettext(HANDOFF_ASK)]
    return mask_text("\n".join(lines))


def _tried(runner: Runner, t: Translator) -> list[str]:
    """What the person answered and what the actions did (not every step shown)."""
    saved = runner.translator
    runner.translator = t
    try:
        return [runner.describe(e) for e in runner.transcript
                if e.kind in ("answer", "action") and runner.describe(e)]
    finally:
        runner.translator = saved
