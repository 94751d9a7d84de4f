"""Command-line parsing only: each command hands off to :mod:`assistant.commands`.

``assistant`` alone starts the terminal UI; ``assistant COMMAND`` runs a command
(SPEC §4). Bad input ends with one line on standard error and exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from assistant import __version__
from assistant.account.model import Intent
from assistant.commands.common import CommandError, Context
from assistant.i18n.argparse_text import speaking
from assistant.i18n.negotiate import negotiate, unavailable
from assistant.i18n.translator import Translator, get_translator, languages, no_catalogue_warning
from assistant.safetext import clean_line, fit_output_encoding

PROG = "assistant"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2, like every bad input.

    The message quotes what was typed (a file name can hold terminal escapes or bidi
    controls): it is cleaned before it reaches the terminal.
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        """Report a usage error in one line and exit with code 2."""
        sys.stderr.write(clean_line(f"{self.prog}: {message} (--help)") + "\n")
        raise SystemExit(2)

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        """Write ``--help`` or ``--version`` text; unlike argparse's own, a failed write
        (a full disk, a closed pipe) is not swallowed: :func:`main` reports it."""
        if message:
            (file or sys.stderr).write(message)


def _h(text: str) -> str:
    """Help text for argparse, which %-formats it: a translated ``%`` must stay a ``%``."""
    return text.replace("%", "%%")


def _add_lang(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--lang", metavar="LANG", help=_h(t.gettext(
        "the language: {languages} (default: from the environment)",
        languages=", ".join(languages()),
    )))


def _ui_parser(t: Translator) -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=_h(t.gettext(
        "Guided help for TikTok and TikTok For Business.")))
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}",
                        help=_h(t.gettext("show the version and exit")))
    _add_lang(parser, t)
    parser.add_argument("--state", metavar="FILE",
                        help=_h(t.gettext("account snapshot to simulate")))
    parser.add_argument("--guide", metavar="ID",
                        help=_h(t.gettext("start straight into this guide")))
    parser.add_argument("--translator", action="store_true",
                        help=_h(t.gettext("open the translator preview")))
    parser.epilog = _h(t.gettext(
        "commands: {commands} (see “{prog} COMMAND --help”)",
        commands=", ".join(COMMANDS), prog=PROG,
    ))
    return parser


def _guides_parser(t: Translator) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} guides", description=_h(t.gettext("List the guides.")))
    _add_lang(parser, t)
    parser.add_argument("--json", action="store_true", help=_h(t.gettext("print JSON")))
    parser.add_argument("--search", metavar="TEXT",
                        help=_h(t.gettext("guides and symptoms matching TEXT, best first")))
    return parser


def _run_parser(t: Translator) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} run", description=_h(t.gettext(
        "Play a guide without the UI.")))
    parser.add_argument("guide", metavar="GUIDE",
                        help=_h(t.gettext("guide id (see “assistant guides”)")))
    parser.add_argument("--state", metavar="FILE",
                        help=_h(t.gettext("account snapshot (“-” reads standard input)")))
    _add_lang(parser, t)
    parser.add_argument(
        "--choose", metavar="N", type=int, nargs="+", action="extend", default=[],
        help=_h(t.gettext("1-based choice for each step that asks, in order")),
    )
    parser.add_argument(
        "--answer", metavar="TEXT", nargs="+", action="extend", default=[],
        help=_h(t.gettext(
            "typed answer for each step that asks for text (an email, a phone), in order")),
    )
    parser.add_argument(
        "--intent", metavar="INTENT", choices=[i.value for i in Intent],
        help=_h(t.gettext("what the person is trying to do (overrides the snapshot’s intent)")),
    )
    parser.add_argument("--json", action="store_true",
                        help=_h(t.gettext("print the run/1 JSON object")))
    parser.add_argument("--interactive", action="store_true",
                        help=_h(t.gettext("ask each step on the terminal, in plain text")))
    return parser


def _diagnose_parser(t: Translator) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} diagnose", description=_h(t.gettext(
        "Findings for an account snapshot.")))
    parser.add_argument("file", metavar="FILE", nargs="?",
                        help=_h(t.gettext("snapshot file, “-” for standard input")))
    parser.add_argument("--intent", metavar="INTENT",
                        help=_h(t.gettext("what the person is trying to do")))
    _add_lang(parser, t)
    parser.add_argument("--json", action="store_true",
                        help=_h(t.gettext("print the diagnosis/1 JSON object")))
    parser.add_argument("--batch", metavar="FILE.jsonl",
                        help=_h(t.gettext("one snapshot per line")))
    parser.add_argument("--list-codes", action="store_true",
                        help=_h(t.gettext("list every finding code")))
    parser.add_argument("--show-personal-data", action="store_true",
                        help=_h(t.gettext("do not mask emails and phone numbers")))
    return parser


def _check_parser(t: Translator) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} check", description=_h(t.gettext(
        "Lint every guide and every catalogue.")))
    _add_lang(parser, t)
    parser.add_argument("--root", metavar="DIR", type=Path, help=_h(t.gettext(
        "check the guides/ and locales/ under DIR (default: the current directory "
        "when it holds both, else the installed ones)")))
    parser.add_argument("--catalogue", metavar="FILE.po", type=Path, help=_h(t.gettext(
        "check this one catalogue only (its language from its folder or its header)")))
    parser.add_argument("--no-cache", action="store_true", help=_h(t.gettext(
        "check every catalogue afresh, without the results kept for catalogues that "
        "did not change")))
    return parser


def _export_parser(t: Translator) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} export", description=_h(t.gettext(
        "Export a guide’s graph.")))
    parser.add_argument("guide", metavar="GUIDE")
    parser.add_argument("--format", choices=["mermaid"], default="mermaid")
    _add_lang(parser, t)
    return parser


def _serve_parser(t: Translator) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} serve", description=_h(t.gettext(
        "The terminal UI in a web browser.")))
    parser.add_argument("--host", default="127.0.0.1",
                        help=_h(t.gettext("address to listen on (127.0.0.1: this computer only)")))
    parser.add_argument("--port", type=int, default=8000, help=_h(t.gettext("port to listen on")))
    parser.add_argument("--max-sessions", type=int, default=8, metavar="N",
                        help=_h(t.gettext("browser tabs served at once")))
    _add_lang(parser, t)
    return parser


def _command(module: str) -> Callable[[argparse.Namespace, Context], int]:
    """Import a command lazily: start-up only pays for the command it runs."""

    def run(args: argparse.Namespace, context: Context) -> int:
        from importlib import import_module

        return import_module(f"assistant.commands.{module}").main(args, context)

    return run


COMMANDS: dict[str, tuple[Callable[[Translator], argparse.ArgumentParser], str]] = {
    "guides": (_guides_parser, "guides"),
    "run": (_run_parser, "run"),
    "diagnose": (_diagnose_parser, "diagnose"),
    "check": (_check_parser, "check"),
    "export": (_export_parser, "export"),
    "serve": (_serve_parser, "serve"),
}


_VALUED = ("--lang", "--state", "--guide")
"""Options before the command that take a value (so the value is not read as one)."""


def split_command(argv: list[str]) -> tuple[str | None, list[str]]:
    """The command and its arguments, options before it included (SPEC §4, 0.2):
    ``--lang fr guides`` is ``guides --lang fr``."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":
            break
        if token in _VALUED:
            index += 2
            continue
        if token.startswith("-"):
            index += 1
            continue
        if token in COMMANDS:
            return token, argv[index + 1:] + argv[:index]
        break
    return None, argv


def _requested_language(argv: list[str]) -> str | None:
    """The ``--lang`` value, read before parsing so that help and errors speak it."""
    found = None
    for index, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif token.startswith("--lang="):
            found = token.partition("=")[2]
    return found


OUTPUT_FAILED = 74
"""Exit code when standard output cannot be written (``EX_IOERR``): closed, a full
disk, an I/O error. The input was not at fault, so not 2."""

INTERRUPTED = 130
"""Exit code after Ctrl+C, as the shell reports a process ended by SIGINT."""


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit code.

    Whatever happens to the streams (closed, a full disk, a broken pipe) or to the
    process (Ctrl+C at any moment), the person gets at most one line, never a
    traceback.
    """
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    closed_stdout = _stand_in_for_closed_streams()
    fit_output_encoding(sys.stdout)
    fit_output_encoding(sys.stderr)
    requested = _requested_language(argv)
    lang = negotiate(requested, os.environ)
    translator = get_translator(lang)
    if unavailable(requested):
        sys.stderr.write(f"{PROG}: {no_catalogue_warning(requested or '')}\n")
    command, rest = split_command(argv)
    context = Context(translator=translator, stdout=sys.stdout, stderr=sys.stderr)
    try:
        with speaking(translator):
            if command is not None:
                make_parser, module = COMMANDS[command]
                args = make_parser(translator).parse_args(rest)
            else:
                module = "ui"
                args = _ui_parser(translator).parse_args(rest)
    except SystemExit as done:  # --help, --version, or a usage error already printed
        if closed_stdout:
            return _output_failed(context, translator.gettext("it is closed"))
        try:
            sys.stdout.flush()
        except OSError as error:
            return _output_failed(context, error.strerror or type(error).__name__)
        raise done from None
    except BrokenPipeError:  # ``--help | head -1``: the reader had enough
        _silence_stdout()
        return 0
    except OSError as error:  # --help or --version could not be written
        return _output_failed(context, error.strerror or type(error).__name__)
    if closed_stdout:
        return _output_failed(context, translator.gettext("it is closed"))
    try:
        code = _command(module)(args, context)
        sys.stdout.flush()
        return code
    except CommandError as error:
        context.stderr.write(f"{PROG}: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as error:
        if getattr(error, "filename", None) is not None:  # a file, not an output stream
            return _internal_error(context, error)
        return _output_failed(context, error.strerror or type(error).__name__)
    except Exception as error:  # a bug: one line for the person, the traceback on request
        return _internal_error(context, error)
    finally:
        _report_translation_warnings(context)


def _internal_error(context: Context, error: Exception) -> int:
    if os.environ.get("ASSISTANT_DEBUG"):
        raise error
    t = context.translator
    context.stderr.write(f"{PROG}: " + t.gettext(
        "internal error ({error}); please report it, with ASSISTANT_DEBUG=1 for details",
        error=f"{type(error).__name__}: {error}",
    ) + "\n")
    return 70


def _output_failed(context: Context, reason: str) -> int:
    """Standard output cannot be written: one line on standard error, exit 74."""
    _silence_stdout()
    t = context.translator
    try:
        context.stderr.write(f"{PROG}: " + t.gettext(
            "cannot write to {output} ({reason})",
            output=t.gettext("standard output"), reason=reason,
        ) + "\n")
        context.stderr.flush()
    except (OSError, ValueError):
        pass
    return OUTPUT_FAILED


def _stand_in_for_closed_streams() -> bool:
    """Give a closed standard stream a stand-in; return whether stdout was closed.

    Python leaves ``sys.stdin``, ``sys.stdout`` or ``sys.stderr`` as ``None`` when the
    descriptor was closed (``assistant 0<&-``). Input then reads as empty, standard
    error writes to nothing, and a closed standard output is reported (it is where
    the results were to go).
    """
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        return True
    return False


def _silence_stdout() -> None:
    """After a failed write: point standard output at /dev/null, so that the flush at
    exit does not fail a second time with a traceback."""
    try:
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):
        return
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)


def _report_translation_warnings(context: Context) -> None:
    """Tell, once each, about broken catalogues or translations met during the command."""
    for warning in context.translator.warnings:
        context.stderr.write(f"{PROG}: {clean_line(warning)}\n")
