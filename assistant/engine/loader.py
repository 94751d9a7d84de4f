"""Reading guide files: TOML to :class:`Guide`, refusing anything malformed.

Every problem is a :class:`Problem` naming the file, the line (the ``[steps.<id>]``
header for a step) and the step. This module checks each file on its own: the shape of
every field, the targets, the named checks and actions, the text placeholders, and the
Markdown policy of :mod:`assistant.engine.markdown_policy` (no raw HTML, only https
links, a size cap; reported on the line of the text that breaks it). The
graph checks (reachability, traps, calls between guides) are in
:mod:`assistant.engine.graph`, and :func:`assistant.engine.library.load_guides` runs
both over a directory.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.account.simulator import ACTIONS, ARG_CHOICES
from assistant.engine.checks import CHECKS
from assistant.engine.fields import ARG_REFERENCES, TEXT_FIELDS
from assistant.engine.markdown_policy import MAX_BODY_CHARS, MAX_LINE_CHARS, markdown_issues
from assistant.engine.model import (
    CONTINUE_LABEL,
    TOPICS,
    ActionStep,
    AskStep,
    CallStep,
    CheckStep,
    Choice,
    INPUT_KINDS,
    PICK_SOURCES,
    EndStep,
    Guide,
    InputStep,
    Outcome,
    PickStep,
    Step,
)
from assistant.i18n.safeformat import FormatRefused, placeholders
from assistant.i18n.translator import N_, Translator
from assistant.problems import Problem
from assistant.safetext import is_clean

MAX_CHOICES = 9
"""Choices one step may offer: the number keys 1 to 9."""

STEP_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a guide id or a step id looks like: ``check-admin``, ``code-expired``."""

TOP_KEYS = {"id", "title", "topic", "summary", "start", "steps"}
STEP_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # kind: (required keys, optional keys), ``kind`` itself aside.
    "ask": ({"title", "body"}, {"choices", "next", "single_answer"}),
    "pick": ({"title", "body", "from", "next", "if_empty"}, {"choices"}),
    "input": ({"title", "body", "store", "next"}, {"choices"}),
    "check": ({"check", "if_true", "if_false"}, set()),
    "action": ({"action", "next"}, {"args", "on_failure"}),
    "call": ({"guide", "on_outcome"}, set()),
    "end": ({"outcome", "title", "body"}, {"next_guide", "handoff_to"}),
}
_TOML_LINE = re.compile(r"at line (\d+)")
_STEP_HEADER = re.compile(
    r"\s*\[\[?\s*steps\s*\.\s*(?:[\"']([^\"']+)[\"']|([A-Za-z0-9_-]+))\s*[.\]]"
)

MAX_GUIDE_BYTES = 1024 * 1024
"""A larger guide file is refused unread (the shipped ones are under 30 KB)."""


def digest(data: bytes) -> str:
    """The content hash of a guide file (stamped on saved progress)."""
    return hashlib.sha256(data).hexdigest()[:16]


class _Lines:
    """Finds the line of a step header or a top-level key in the guide's text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # Every step header, found in one pass: looking each step up in the whole file
        # made a guide of thousands of steps take minutes.
        self.headers: dict[str, int] = {}
        for number, line in enumerate(self.lines, 1):
            found = _STEP_HEADER.match(line)
            if found:
                self.headers.setdefault(found.group(1) or found.group(2), number)

    def step(self, step_id: str) -> int:
        return self.headers.get(step_id, 0)

    def text_start(self, step_id: str, key: str, raw: object) -> tuple[int, bool]:
        """Where the text of ``key`` in step ``step_id`` begins (0: not found), and
        whether its lines are the file's lines (a multi-line string).

        ``raw`` is the value as TOML read it: a ``\"\"\"`` string starts on the next
        line, and the blank lines the loader strips from its start are counted.
        """
        header = self.step(step_id)
        if not header or not isinstance(raw, str):
            return 0, False
        pattern = re.compile(r"\s*" + re.escape(key) + r"\s*=\s*(.*)")
        for number in range(header + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if line.lstrip().startswith("["):
                return 0, False
            found = pattern.match(line)
            if found:
                opening = found.group(1).strip()
                if not opening.startswith(('"""', "'''")):
                    return number, False
                first = number + (1 if opening in ('"""', "'''") else 0)
                return first + raw[: len(raw) - len(raw.lstrip())].count("\n"), True
        return 0, False

    def key(self, key: str) -> int:
        pattern = re.compile(r"\s*" + re.escape(key) + r"\s*=")
        for number, line in enumerate(self.lines, 1):
            if line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return number
        return 0


class _FileReader:
    """Turns one parsed guide file into a :class:`Guide`, collecting problems."""

    def __init__(self, path: Path, text: str, translator: Translator, texts: bool = True) -> None:
        self.path = path
        self.lines = _Lines(text)
        self.t = translator
        self.texts = texts
        """Whether to run the Markdown and placeholder checks of every text."""
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str, **fields: object) -> None:
        self.problems.append(Problem(str(self.path), line, self.t.gettext(message, **fields)))

    def step_problem(self, step_id: str, message: str, *, at: int = 0, **fields: object) -> None:
        inner = self.t.gettext(message, **fields)
        self.problems.append(
            Problem(
                str(self.path), at or self.lines.step(step_id),
                self.t.gettext("step '{step}': {problem}", step=step_id, problem=inner),
            )
        )

    # -- fields ------------------------------------------------------------------------

    def text(self, table: dict[str, Any], key: str, report: Callable[..., None]) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            report(N_("field '{field}': expected non-empty text"), field=key)
            return ""
        # Stripped here and in guide_messages alike, so the catalogue's msgid matches.
        return value.strip()

    def keys(
        self, table: dict[str, Any], required: set[str], allowed: set[str],
        report: Callable[..., None],
    ) -> bool:
        ok = True
        for key in sorted(required - table.keys()):
            report(N_("missing required field '{field}'"), field=key)
            ok = False
        for key in sorted(table.keys() - required - allowed):
            report(N_("unknown field '{field}'"), field=key)
            ok = False
        return ok

    def check_text(
        self, text: str, field: str, report: Callable[..., None],
        *, start: tuple[int, bool] = (0, False), limit: int = MAX_LINE_CHARS,
    ) -> None:
        """Placeholders and Markdown policy of one text (``start``: see ``text_start``)."""
        line, multiline = start
        if not is_clean(text):
            char = next(c for c in text if not is_clean(c))
            report(N_("field '{field}': {problem}"), field=field, problem=self.t.gettext(
                "contains the terminal control character U+{code}: remove it",
                code=f"{ord(char):04X}",
            ))
        if not self.texts:
            # Playing a guide: text is sanitised when shown; `assistant check` and the
            # tests run the full checks.
            return
        for issue in markdown_issues(text, limit=limit):
            report(N_("field '{field}': {problem}"), field=field,
                   problem=self.t.gettext(issue.message, **issue.fields),
                   at=line + (issue.line if multiline else 0))
        try:
            names = placeholders(text)
        except FormatRefused as refused:
            report(N_("field '{field}': {problem}"), field=field,
                   problem=refused.render(self.t.gettext))
            return
        for name in sorted(names - TEXT_FIELDS.keys()):
            report(N_("field '{field}': unknown placeholder '{name}' (expected one of: {known})"),
                field=field, name="{" + name + "}", known=", ".join(sorted(TEXT_FIELDS)),
            )

    # -- the guide ---------------------------------------------------------------------

    def read(self, data: dict[str, Any], raw: bytes) -> Guide | None:
        def top(message: str, *, at: int = 0, **fields: object) -> None:
            key = fields.get("field")
            self.problem(at or (self.lines.key(str(key)) if key else 0), message, **fields)

        if not self.keys(data, TOP_KEYS, set(), top):
            return None
        guide_id = self.text(data, "id", top)
        title = self.text(data, "title", top)
        summary = self.text(data, "summary", top)
        start = self.text(data, "start", top)
        topic = self.text(data, "topic", top)
        if guide_id and guide_id != self.path.stem:
            top(N_("field '{field}': '{value}' does not match the file name '{name}'"),
                field="id", value=guide_id, name=self.path.name)
        if topic and topic not in TOPICS:
            top(N_("field '{field}': '{value}' is not one of: {known}"),
                field="topic", value=topic, known=", ".join(TOPICS))
        for field in ("title", "summary"):
            self.check_text(data[field] if isinstance(data[field], str) else "", field, top)
        raw_steps = data["steps"]
        if not isinstance(raw_steps, dict) or not raw_steps:
            top(N_("field '{field}': expected at least one [steps.<id>] table"), field="steps")
            return None
        steps: dict[str, Step] = {}
        for step_id, table in raw_steps.items():
            step = self.read_step(step_id, table)
            if step is not None:
                steps[step_id] = step
        if start and start not in raw_steps:
            top(N_("field '{field}': step '{value}' does not exist"), field="start", value=start)
        for step in steps.values():
            for label, target in step.edges():
                if target and target not in raw_steps:
                    close = difflib.get_close_matches(target, list(raw_steps), n=1)
                    message = N_("'{label}' leads to '{target}', which does not exist")
                    if close:
                        message = N_(
                            "'{label}' leads to '{target}', which does not exist "
                            "(did you mean '{close}'?)"
                        )
                    self.step_problem(step.id, message, label=label, target=target,
                                      close=close[0] if close else "")
        if len(steps) != len(raw_steps) or start not in steps:
            # Without every step the graph checks would only report echoes of these.
            return None
        return Guide(
            id=guide_id, title=title, topic=topic, summary=summary, start=start,
            steps=steps, path=self.path, digest=digest(raw),
        )

    def read_step(self, step_id: str, table: Any) -> Step | None:
        def report(message: str, *, at: int = 0, **fields: object) -> None:
            self.step_problem(step_id, message, at=at, **fields)

        if not STEP_ID.fullmatch(step_id):
            report(N_("the step id must use lower-case letters, digits and '-'"))
        if not isinstance(table, dict):
            report(N_("expected a [steps.{name}] table"), name=step_id)
            return None
        kind = table.get("kind")
        if kind not in STEP_KEYS:
            report(N_("field '{field}': '{value}' is not one of: {known}"),
                   field="kind", value=str(kind), known=", ".join(STEP_KEYS))
            return None
        required, optional = STEP_KEYS[kind]
        if not self.keys(table, required | {"kind"}, optional, report):
            return None
        line = self.lines.step(step_id)
        reader = getattr(self, f"read_{kind}")
        step: Step | None = reader(step_id, table, line, report)
        return step

    def read_ask(self, step_id: str, table: dict[str, Any], line: int, report: Any) -> Step:
        title = self.text(table, "title", report)
        body = self.text(table, "body", report)
        self.check_texts(step_id, table, title, body, report)
        choices: list[Choice] = []
        if ("choices" in table) == ("next" in table):
            report(N_("give either 'choices' or 'next' (a single Continue), not both or neither"))
        elif "next" in table:
            choices.append(Choice(CONTINUE_LABEL, self.text(table, "next", report), line, "choice"))
        elif not isinstance(table["choices"], list) or not table["choices"]:
            report(N_("field '{field}': expected a list of {{label, next}}"), field="choices")
        else:
            for number, raw in enumerate(table["choices"], 1):
                choice = self.read_choice(number, raw, line, report)
                if choice is not None:
                    choices.append(choice)
        self.check_choices(choices, report)
        single = table.get("single_answer")
        if single is not None and (not isinstance(single, str) or not single.strip()):
            report(N_("field '{field}': expected non-empty text"), field="single_answer")
            single = None
        if "choices" in table and len(choices) == 1 and single is None:
            report(N_(
                "the only answer assumes it worked: add the ways it can fail, or give "
                "'single_answer' with the reason one answer is honest here"
            ))
        return AskStep(step_id, title, body, tuple(choices), line,
                       single_answer=single.strip() if single else None)

    def check_choices(self, choices: list[Choice], report: Any, items: int = 0) -> None:
        """At most 9 answers (``items`` of a pick count too), and no label twice."""
        if len(choices) + items > MAX_CHOICES:
            report(N_("at most {max} choices (found {count})"), max=MAX_CHOICES,
                   count=len(choices) + items)
        labels = [c.label for c in choices]
        for label in sorted({x for x in labels if labels.count(x) > 1}):
            report(N_("two choices have the same label '{label}'"), label=label)

    def read_extra(self, table: dict[str, Any], line: int, report: Any) -> list[Choice]:
        """The optional ``choices`` of a pick or input step."""
        raw = table.get("choices", [])
        if not isinstance(raw, list):
            report(N_("field '{field}': expected a list of {{label, next}}"), field="choices")
            return []
        found = [self.read_choice(n, c, line, report) for n, c in enumerate(raw, 1)]
        choices = [c for c in found if c is not None]
        self.check_choices(choices, report)
        return choices

    def shown_texts(self, step_id: str, table: dict[str, Any], report: Any) -> tuple[str, str]:
        """The title and body of a shown step, read and checked."""
        title = self.text(table, "title", report)
        body = self.text(table, "body", report)
        self.check_texts(step_id, table, title, body, report)
        return title, body

    def one_of(self, table: dict[str, Any], key: str, known: dict[str, str], fallback: str,
               report: Any) -> str:
        """A field whose value must be one of ``known`` (``fallback`` once reported)."""
        value = self.text(table, key, report)
        if value and value not in known:
            report(N_("field '{field}': '{value}' is not one of: {known}"),
                   field=key, value=value, known=", ".join(known))
        return value if value in known else fallback

    def read_pick(self, step_id: str, table: dict[str, Any], line: int, report: Any) -> Step:
        title, body = self.shown_texts(step_id, table, report)
        source = self.one_of(table, "from", PICK_SOURCES, "members", report)
        extra = self.read_extra(table, line, report)
        if len(extra) >= MAX_CHOICES:
            report(N_("at most {max} choices (found {count})"), max=MAX_CHOICES - 1,
                   count=len(extra))
        return PickStep(step_id, title, body, source, self.text(table, "next", report),
                        tuple(extra), self.text(table, "if_empty", report), line)

    def read_input(self, step_id: str, table: dict[str, Any], line: int, report: Any) -> Step:
        title, body = self.shown_texts(step_id, table, report)
        store = self.one_of(table, "store", INPUT_KINDS, "invitee", report)
        extra = self.read_extra(table, line, report)
        return InputStep(step_id, title, body, store, self.text(table, "next", report),
                         tuple(extra), line)

    def check_texts(
        self, step_id: str, table: dict[str, Any], title: str, body: str, report: Any
    ) -> None:
        """The title and body of a shown step, each located on its own line."""
        for key, text, limit in (("title", title, MAX_LINE_CHARS), ("body", body, MAX_BODY_CHARS)):
            start = self.lines.text_start(step_id, key, table.get(key))
            self.check_text(text, key, report, start=start, limit=limit)

    def read_choice(self, number: int, raw: Any, line: int, report: Any) -> Choice | None:
        def in_choice(message: str, *, at: int = 0, **fields: object) -> None:
            inner = self.t.gettext(message, **fields)
            report(N_("choice {number}: {problem}"), at=at, number=number, problem=inner)

        if not isinstance(raw, dict):
            in_choice(N_("expected {{label, next}}"))
            return None
        if not self.keys(raw, {"label", "next"}, set(), in_choice):
            return None
        label = self.text(raw, "label", in_choice)
        self.check_text(label, "label", in_choice)
        return Choice(label, self.text(raw, "next", in_choice), line)

    def read_check(self, step_id: str, table: dict[str, Any], line: int, report: Any) -> Step:
        check = self.text(table, "check", report)
        if check and check not in CHECKS:
            report(N_("unknown check '{name}' (see docs/writing-guides.md)"), name=check)
        return CheckStep(
            step_id, check, self.text(table, "if_true", report),
            self.text(table, "if_false", report), line,
        )

    def read_action(self, step_id: str, table: dict[str, Any], line: int, report: Any) -> Step:
        name = self.text(table, "action", report)
        nxt = self.text(table, "next", report)
        args = table.get("args", {})
        routes = table.get("on_failure", {})
        if not isinstance(args, dict):
            report(N_("field '{field}': expected a table"), field="args")
            args = {}
        if not isinstance(routes, dict) or not all(isinstance(v, str) for v in routes.values()):
            report(N_("field '{field}': expected a table of failure codes and steps"),
                   field="on_failure")
            routes = {}
        action = ACTIONS.get(name)
        if name and action is None:
            report(N_("unknown action '{name}' (see docs/simulator.md)"), name=name)
        for arg, value in args.items():
            if action is not None and arg not in action.arg_names:
                report(N_("action '{name}' takes no argument '{arg}'"), name=name, arg=arg)
            if not isinstance(value, str):
                report(N_("argument '{arg}': expected text"), arg=arg)
            elif arg in ARG_CHOICES and not value.startswith("$") and value not in ARG_CHOICES[arg]:
                report(N_("argument '{arg}': '{value}' is not one of: {known}"),
                       arg=arg, value=value, known=", ".join(ARG_CHOICES[arg]))
            elif value.startswith("$") and value not in ARG_REFERENCES:
                report(
                    N_("argument '{arg}': unknown reference '{value}' (expected one of: {known})"),
                    arg=arg, value=value, known=", ".join(ARG_REFERENCES),
                )
        if action is not None:
            for arg in sorted(action.required - args.keys()):
                report(N_("action '{name}' needs the argument '{arg}'"), name=name, arg=arg)
            for code in sorted(action.failures - routes.keys()):
                report(N_("failure '{code}' of action '{name}' is not routed in on_failure"),
                       code=code, name=name)
            for code in sorted(routes.keys() - action.failures):
                report(N_("action '{name}' never fails with '{code}'"), name=name, code=code)
        return ActionStep(
            step_id, name, tuple(args.items()), nxt, tuple(sorted(routes.items())), line
        )

    def read_call(self, step_id: str, table: dict[str, Any], line: int, report: Any) -> Step:
        guide = self.text(table, "guide", report)
        routes = table.get("on_outcome")
        if not isinstance(routes, dict) or not all(isinstance(v, str) for v in routes.values()):
            report(
                N_("field '{field}': expected a table of outcomes and steps"), field="on_outcome"
            )
            routes = {}
        for outcome in sorted(routes.keys() - set(Outcome)):
            report(N_("field '{field}': '{value}' is not one of: {known}"),
                   field="on_outcome", value=outcome, known=", ".join(Outcome))
        return CallStep(step_id, guide, tuple(sorted(routes.items())), line)

    def read_end(self, step_id: str, table: dict[str, Any], line: int, report: Any) -> Step:
        outcome = table.get("outcome")
        if outcome not in set(Outcome):
            report(N_("field '{field}': '{value}' is not one of: {known}"),
                   field="outcome", value=str(outcome), known=", ".join(Outcome))
            outcome = Outcome.ESCALATE
        title = self.text(table, "title", report)
        body = self.text(table, "body", report)
        self.check_texts(step_id, table, title, body, report)
        next_guide = table.get("next_guide")
        if next_guide is not None and (
            not isinstance(next_guide, str) or not STEP_ID.fullmatch(next_guide)
        ):
            report(N_("field '{field}': expected a guide id"), field="next_guide")
            next_guide = None
        handoff_to: str | None = None
        if "handoff_to" in table:
            handoff_to = self.text(table, "handoff_to", report)
            start = self.lines.text_start(step_id, "handoff_to", table.get("handoff_to"))
            self.check_text(handoff_to, "handoff_to", report, start=start)
        elif outcome == Outcome.ESCALATE:
            report(N_(
                "an escalate ending needs 'handoff_to': who the person hands over to"
            ))
        return EndStep(step_id, Outcome(outcome), title, body, line,
                       next_guide=next_guide, handoff_to=handoff_to or None)


def read_guide(
    path: Path, translator: Translator, *, texts: bool = True
) -> tuple[Guide | None, list[Problem]]:
    """Read one guide file: the guide and the problems found in the file itself.

    ``texts=False`` leaves out the Markdown and placeholder checks of the texts (what
    playing a guide does; ``assistant check`` runs them).

    The guide is usable only when there are no problems; it is returned (when every
    step could be built) so that the graph checks of :mod:`assistant.engine.graph` can
    still report unreachable and trap steps alongside the other problems.
    """
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_GUIDE_BYTES + 1)
        if len(raw) > MAX_GUIDE_BYTES:
            message = translator.gettext(
                "the file is larger than {limit} KB: a guide this size cannot be right",
                limit=MAX_GUIDE_BYTES // 1024,
            )
            return None, [Problem(str(path), 0, message)]
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        message = translator.gettext("cannot read the file ({error})", error=str(error))
        return None, [Problem(str(path), 0, message)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        message = translator.gettext("not valid TOML: {error}", error=str(error))
        return None, [Problem(str(path), int(found.group(1)) if found else 0, message)]
    except RecursionError:
        # tomllib nests a Python call per level of [[[…]]]: a hostile file ends here.
        message = translator.gettext("not valid TOML: its values are nested too deeply")
        return None, [Problem(str(path), 1, message)]
    reader = _FileReader(path, text, translator, texts)
    guide = reader.read(data, raw)
    return guide, reader.problems


def read_header(path: Path) -> dict[str, str] | None:
    """The top of a guide file (``id``, ``title``, ``topic``, ``summary``), read cheaply.

    Only the lines before the first table are parsed: listing guides costs what their
    headers cost, not their steps. ``None`` when the header is not usable (the full
    read of :func:`read_guide` reports why).
    """
    try:
        with path.open("rb") as file:
            head = file.read(64 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return None
    lines: list[str] = []
    for line in head.splitlines():
        if line.lstrip().startswith("["):
            break
        lines.append(line)
    try:
        data = tomllib.loads("\n".join(lines))
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    fields = {}
    for key in ("id", "title", "topic", "summary"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip() or not is_clean(value):
            return None
        fields[key] = value.strip()
    if fields["id"] != path.stem or fields["topic"] not in TOPICS:
        return None
    return fields
