"""A session as Markdown, for a support ticket: a plain-language header, the account at
the start, the steps and what they changed, the account at the end, the findings — in
the language asked for, with emails and phone numbers masked and no internal names.

Pure text building (no Textual); :func:`write_transcript` is the only function that
touches the disk.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
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


def _event_lines(runner: Runner, t: Translator) -> list[str]:
    """The path as plain-language lines: steps, answers, what the simulation did.

    Checks are the engine's own business (the account facts show their result) and an
    action is told by what it changed on the account, so no internal name reaches the
    ticket.
    """
    from assistant.account.failures import FAILURE_MESSAGES
    from assistant.tui.facts import changed_keys

    out: list[str] = []
    steps = runner.shown_steps()
    shown = iter(steps)
    number = 0
    before = runner.initial
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
        elif event.kind == "check":
            continue
        elif event.kind == "action":
            after = event.snapshot or before
            if event.failure is not None:
                reason = FAILURE_MESSAGES.get(event.failure)
                out.append("- " + t.gettext(
                    "In the simulation, this did not work: {reason}",
                    reason=_line(t.gettext(reason)) if reason else t.gettext("an error"),
                ))
            else:
                facts = {fact.key: fact for fact in account_facts(after, t)}
                changed = [facts[key] for key in facts if key in changed_keys(before, after, t)]
                if changed:
                    out.append("- " + t.gettext(
                        "In the simulation, the account changed: {changes}",
                        changes="; ".join(f"{_line(f.label)} → {_line(f.value)}"
                                          for f in changed),
                    ))
                else:
                    out.append("- " + t.gettext(
                        "In the simulation, this changed nothing on the account."))
            before = after
        else:
            out.append(f"- {_line(runner.describe(event))}")
    return out


def _account_part(snapshot: Snapshot, t: Translator, heading: str) -> list[str]:
    """The account as facts, under their product."""
    from assistant.tui.facts import group_title

    out = [f"## {heading}", ""]
    group = None
    for fact in account_facts(snapshot, t):
        if fact.group != group:
            group = fact.group
            out.append(f"- {_line(group_title(group, t))}")
        out.append("  " + _field(t, _line(fact.label), _line(fact.value)))
    return out


def _findings_part(findings: Sequence[Finding], t: Translator) -> list[str]:
    """The diagnosis: one item per finding, with its code and guide."""
    out = ["## " + t.gettext("Diagnosis"), ""]
    if not findings:
        return [*out, t.gettext("No problem found.")]
    for finding in findings:
        rendered = finding.rendered(t, mask=True)
        mark = _MARKS.get(str(finding.severity), "-")
        out.append(f"- [{mark}] **{_line(rendered.title)}** (`{finding.code}`)")
        out.append(f"  {_line(rendered.detail)}")
    return out


def _intent(snapshot: Snapshot, t: Translator) -> str:
    """What the person is trying to do, in words."""
    if snapshot.intent is None:
        return t.gettext("not given")
    try:
        from assistant.diagnose.phrases import INTENT_ACTIONS

        return _line(INTENT_ACTIONS[snapshot.intent].render(t))
    except (ImportError, KeyError, AttributeError):
        return str(snapshot.intent)


def when_text(when: datetime) -> str:
    """``2026-12-02, 15:40 CET (UTC+01:00)``: the date and time with the time zone.

    The comma keeps the date from reading like a phone number to whoever masks the
    transcript again.
    """
    local = when if when.tzinfo is not None else when.astimezone()
    offset = local.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    name = local.tzname() or ""
    named = f"{name} ({zone})" if name and not name.startswith("UTC") else f"({zone})"
    return local.strftime("%Y-%m-%d, %H:%M") + " " + named


def session_markdown(
    t: Translator,
    *,
    runner: Runner | None = None,
    snapshot: Snapshot | None = None,
    findings: Sequence[Finding] | None = None,
    when: datetime | None = None,
    source: str | None = None,
    start: Snapshot | None = None,
) -> str:
    """The session as Markdown in ``t``'s language, personal data masked.

    A plain-language header (guide, outcome, snapshot, intent, version, date and time
    zone, language) comes first; then the account at the start, the steps, the account
    at the end and, when there was one, the diagnosis. ``runner`` gives the guide part;
    ``snapshot`` the account when there is no guide; ``start`` the account the session
    started from when it is not the guide's (a guide run after another); ``source``
    names the snapshot (its file name or scenario).
    """
    from assistant import __version__

    header: list[str] = []
    body: list[str] = []
    account = runner.snapshot if runner is not None else snapshot
    first = start if start is not None else (runner.initial if runner is not None else snapshot)
    if runner is not None:
        title = runner.library.title(runner.guide_id, t)
        if runner.finished and runner.outcome is not None:
            status = outcome_label(runner.outcome, t)
        else:
            status = t.gettext("not finished (stopped at step {n})",
                               n=runner.view().progress.taken)
        header += [_field(t, t.gettext("Guide"), _line(title)),
                   _field(t, t.gettext("Outcome"), _line(status))]
    if source:
        header.append(_field(t, t.gettext("Snapshot"), _line(source)))
    if account is not None:
        header.append(_field(t, t.gettext("Intent"), _intent(account, t)))
    header += [_field(t, t.gettext("Assistant version"), __version__),
               _field(t, t.gettext("Language"), t.lang)]
    if first is not None:
        body += ["", *_account_part(first, t, t.gettext("The account at the start"))]
    if runner is not None:
        body += ["", "## " + t.gettext("Steps")] + _event_lines(runner, t)
        body += ["", *_account_part(runner.snapshot, t, t.gettext("The account at the end"))]
    elif account is not None and first is not None and account != first:
        body += ["", *_account_part(account, t, t.gettext("The account at the end"))]
    if findings is not None:
        body += ["", *_findings_part(findings, t)]
    head = ["# " + t.gettext("TikTok account assistant: session transcript"), ""]
    if when is not None:
        # Added after masking: a date and time would look like a phone number.
        head.append(_field(t, t.gettext("Date"), when_text(when)))
    text = "\n".join(header) + "\n" + "\n".join(body).rstrip() + "\n"
    return "\n".join(head) + "\n" + mask_markdown(text)


def transcript_directories(preferred: Path | None = None) -> list[Path]:
    """Where a transcript may go, in order: ``preferred`` (a chosen path), the user's
    documents folder, the user's data directory, then a private folder in the system's
    temporary directory (the last resort, so that a transcript is never lost for want
    of a folder).

    Every path is made absolute now; a relative one is dropped when the working
    directory has been deleted (it would name nothing), so the next one is used.
    """
    from platformdirs import user_documents_path

    candidates = [preferred] if preferred is not None else []
    candidates += [user_documents_path() / "TikTok account assistant",
                   user_data_path(APP_NAME, appauthor=False) / "transcripts"]
    candidates.append(_last_resort())
    usable = []
    for candidate in candidates:
        if not candidate.is_absolute():
            try:
                candidate = Path(os.path.abspath(candidate))
            except OSError:  # the working directory is gone
                continue
        if candidate not in usable:
            usable.append(candidate)
    return usable


def _last_resort() -> Path:
    """The private folder in the system's temporary directory."""
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"{APP_NAME}-{uid}"


def _private(directory: Path) -> bool:
    """Whether ``directory`` (in a shared temporary directory) is ours alone: a real
    folder, not a link someone else planted, owned by us, closed to others."""
    try:
        info = os.lstat(directory)
    except OSError:
        return False
    owner = os.getuid() if hasattr(os, "getuid") else info.st_uid
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == owner
            and info.st_mode & 0o077 == 0)


def write_transcript(text: str, stem: str, preferred: Path | None = None,
                     when: datetime | None = None) -> Path:
    """Write ``text`` to a new file named after ``stem`` and the time; return its path.

    The first directory of :func:`transcript_directories` where the whole text can be
    written is used. The text is written to a temporary file, synced, and only then
    given its name (a hard link, which never replaces a file, or an exclusive rename),
    so a full disk leaves no truncated transcript behind, only the next directory
    tried. An existing file is never overwritten. Raises :class:`OSError` when no
    directory works.
    """
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    safe_stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:60] or "session"
    data = text.encode("utf-8")
    problem: OSError | None = None
    shared = _last_resort()
    for directory in transcript_directories(preferred):
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            if directory == shared and not _private(directory):
                # A shared folder that is not ours alone: said as the system says it.
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES),
                                      str(directory))
            return _write_whole(directory, f"assistant-{safe_stem}-{stamp}", data)
        except OSError as error:
            problem = error
    raise problem or OSError("no directory to write the transcript to")


def _write_whole(directory: Path, name: str, data: bytes) -> Path:
    """``data`` in a new ``name.md`` (``name-2.md``… when taken) in ``directory``, whole
    or not at all."""
    handle, temporary = tempfile.mkstemp(prefix=".assistant-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        for attempt in range(1, 100):
            suffix = "" if attempt == 1 else f"-{attempt}"
            path = directory / f"{name}{suffix}.md"
            try:
                _claim(temporary, path)
            except FileExistsError:
                continue
            return path
        raise FileExistsError(f"{name}.md")
    finally:
        Path(temporary).unlink(missing_ok=True)


def _claim(temporary: str, path: Path) -> None:
    """Give the written ``temporary`` the name ``path``, never replacing a file there."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: reserve the name, then rename over it.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(temporary, path)
