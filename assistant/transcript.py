"""A session as Markdown, for a support ticket: steps, answers, actions, final account,
findings — in the current language, with emails and phone numbers masked.

Pure text building (no Textual); :func:`write_transcript` is the only function that
touches the disk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_path

from assistant.account.model import Snapshot
from assistant.diagnose import Finding
from assistant.engine import Runner, outcome_label
from assistant.i18n.translator import Translator
from assistant.privacy import mask
from assistant.progress_store import APP_NAME
from assistant.safetext import clean, clean_line
from assistant.tui.facts import account_facts

_MARKS = {"error": "✗", "warning": "!", "info": "i"}

_MARKDOWN_MARKERS = re.compile(r"(\*+|`+|~~)")


def mask_markdown(text: str) -> str:
    """``text`` with personal data masked, its Markdown markers left alone.

    Masking the whole line would take the ``**`` of ``**ana@studio.example**`` for
    part of the address; masking between the markers keeps the bold intact.
    """
    return "".join(
        piece if _MARKDOWN_MARKERS.fullmatch(piece) else mask(piece)
        for piece in _MARKDOWN_MARKERS.split(text)
    )


def _field(t: Translator, label: str, value: str) -> str:
    """``- **Label:** value`` with the language's own punctuation (French: ``Label :``)."""
    return "- " + t.gettext("**{label}:** {value}", label=label, value=value)


def _line(text: str) -> str:
    """One line of the document: no controls, no line break, no Markdown heading trick."""
    return clean_line(text).strip()


def _quote(body: str) -> list[str]:
    """A step body kept as a Markdown quote, so its own formatting stays readable."""
    return ["> " + line if line else ">" for line in clean(body).strip().splitlines()]


def _guide_part(runner: Runner, t: Translator) -> list[str]:
    """The guide: title, outcome, and every step with its answer and actions."""
    title = runner.library.title(runner.guide_id, t)
    heading = t.gettext("Guide: {title}", title=_line(title))
    out = [f"## {heading} (`{runner.guide_id}`)", ""]
    if runner.finished and runner.outcome is not None:
        status = outcome_label(runner.outcome, t)
    else:
        status = t.gettext("not finished (stopped at step {n})",
                           n=runner.view().progress.taken)
    out += [_field(t, t.gettext("Outcome"), _line(status)), ""]
    steps = runner.shown_steps()
    shown = iter(steps)
    number = 0
    for event in runner.transcript:
        if event.kind == "show":
            step = next(shown, None)
            if step is None:
                continue
            number += 1
            out += ["", f"### {number}. {_line(step.title)}", ""]
            if number == len(steps) and (step.outcome or not runner.finished):
                # Where it ended (or stopped): what happened and what to do next.
                out += [*_quote(step.body), ""]
            continue
        out.append(f"- {_line(runner.describe(event))}")
    return out


def _account_part(snapshot: Snapshot, t: Translator, heading: str) -> list[str]:
    """The account as a list of facts."""
    out = [f"## {heading}", ""]
    out += [_field(t, _line(fact.label), _line(fact.value))
            for fact in account_facts(snapshot, t)]
    return out


def _findings_part(findings: Sequence[Finding], t: Translator) -> list[str]:
    """The diagnosis: one item per finding, with its code and guide."""
    out = ["## " + t.gettext("Diagnosis of the account as loaded"), ""]
    if not findings:
        return [*out, t.gettext("No problem found.")]
    for finding in findings:
        rendered = finding.rendered(t, mask=True)
        mark = _MARKS.get(str(finding.severity), "-")
        out.append(f"- [{mark}] **{_line(rendered.title)}** (`{finding.code}`)")
        out.append(f"  {_line(rendered.detail)}")
        if finding.guide is not None:
            out.append("  " + t.gettext("Guide: {title}", title=f"`{finding.guide}`"))
    return out


def session_markdown(
    t: Translator,
    *,
    runner: Runner | None = None,
    snapshot: Snapshot | None = None,
    findings: Sequence[Finding] | None = None,
    when: datetime | None = None,
) -> str:
    """The session as Markdown in ``t``'s language, personal data masked.

    ``runner`` gives the guide part and the final account; ``snapshot`` the account
    when there is no guide; ``findings`` (even empty) adds the diagnosis.
    """
    out = [_field(t, t.gettext("Language"), t.lang), ""]
    if runner is not None:
        out += _guide_part(runner, t)
        out.append("")
        out += _account_part(runner.snapshot, t, t.gettext("The account at the end"))
    elif snapshot is not None:
        out += _account_part(snapshot, t, t.gettext("The account"))
    if findings is not None:
        out.append("")
        out += _findings_part(findings, t)
    head = ["# " + t.gettext("TikTok account assistant: session transcript"), ""]
    if when is not None:
        # Added after masking: a date and time would look like a phone number.
        head.append(_field(t, t.gettext("Date"), when.strftime("%Y-%m-%d, %H:%M")))
    return "\n".join(head) + "\n" + mask_markdown("\n".join(out).rstrip() + "\n")


def transcript_directories(preferred: Path | None = None) -> list[Path]:
    """Where a transcript may go, in order: ``preferred``, the current directory, the
    user's data directory."""
    candidates = [preferred] if preferred is not None else []
    candidates += [Path.cwd(), user_data_path(APP_NAME, appauthor=False) / "transcripts"]
    return candidates


def write_transcript(text: str, stem: str, preferred: Path | None = None,
                     when: datetime | None = None) -> Path:
    """Write ``text`` to a new file named after ``stem`` and the time; return its path.

    The first writable directory of :func:`transcript_directories` is used; an
    existing file is never overwritten. Raises :class:`OSError` when none works.
    """
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    safe_stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:60] or "session"
    problem: OSError | None = None
    for directory in transcript_directories(preferred):
        try:
            directory.mkdir(parents=True, exist_ok=True)
            for attempt in range(1, 100):
                suffix = "" if attempt == 1 else f"-{attempt}"
                path = directory / f"assistant-{safe_stem}-{stamp}{suffix}.md"
                try:
                    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    continue
                with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                    stream.write(text)
                return path
        except OSError as error:
            problem = error
    raise problem or OSError("no directory to write the transcript to")
