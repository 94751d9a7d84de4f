"""Command-line parsing only: each command hands off to :mod:`assistant.commands`.

``assistant`` alone starts the terminal UI; ``assistant COMMAND`` runs a command
(SPEC §4). Bad input ends with one line on standard error and exit code 2.
"""

from __future__ import annotations

import argparse

from assistant.account.model import Intent
import os
import sys
from collections.abc import Callable, Sequence

from assistant import __version__
from assistant.commands.common import CommandError, Context
from assistant.i18n.negotiate import negotiate
from assistant.i18n.translator import get_translator

PROG = "assistant"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2, like every bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Report a usage error in one line and exit with code 2."""
        sys.stderr.write(f"{self.prog}: {message} (--help)\n")
        raise SystemExit(2)


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", metavar="LANG", help="en or fr (default: from the environment)")


def _ui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Guided help for TikTok and TikTok For Business.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_lang(parser)
    parser.add_argument("--state", metavar="FILE", help="account snapshot to simulate")
    parser.add_argument("--guide", metavar="ID", help="start straight into this guide")
    parser.add_argument(
        "--translator", action="store_true", help="open the translator preview"
    )
    parser.epilog = "commands: " + ", ".join(COMMANDS) + f" (see '{PROG} COMMAND --help')"
    return parser


def _guides_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} guides", description="List the guides.")
    _add_lang(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--search", metavar="TEXT", help="guides and symptoms matching TEXT")
    return parser


def _run_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} run", description="Play a guide without the UI.")
    parser.add_argument("guide", metavar="GUIDE", help="guide id (see 'assistant guides')")
    parser.add_argument("--state", metavar="FILE", help="account snapshot ('-' reads stdin)")
    _add_lang(parser)
    parser.add_argument(
        "--choose", metavar="N", type=int, nargs="+", action="extend", default=[],
        help="1-based choice for each step that asks, in order",
    )
    parser.add_argument(
        "--answer", metavar="TEXT", nargs="+", action="extend", default=[],
        help="typed answer for each step that asks for text (an email, a phone), in order",
    )
    parser.add_argument(
        "--intent", metavar="INTENT", choices=[i.value for i in Intent],
        help="what the person is trying to do (overrides the snapshot's intent)",
    )
    parser.add_argument("--json", action="store_true", help="print the run/1 JSON object")
    parser.add_argument(
        "--interactive", action="store_true", help="ask each step on the terminal, in plain text"
    )
    return parser


def _diagnose_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} diagnose", description="Findings for an account snapshot.")
    parser.add_argument("file", metavar="FILE", nargs="?", help="snapshot file, '-' for stdin")
    parser.add_argument("--intent", metavar="INTENT", help="what the person is trying to do")
    _add_lang(parser)
    parser.add_argument("--json", action="store_true", help="print the diagnosis/1 JSON object")
    parser.add_argument("--batch", metavar="FILE.jsonl", help="one snapshot per line")
    parser.add_argument("--list-codes", action="store_true", help="list every finding code")
    parser.add_argument(
        "--show-personal-data", action="store_true", help="do not mask emails and phone numbers"
    )
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} check", description="Lint every guide and every catalogue.")
    _add_lang(parser)
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} export", description="Export a guide's graph.")
    parser.add_argument("guide", metavar="GUIDE")
    parser.add_argument("--format", choices=["mermaid"], default="mermaid")
    _add_lang(parser)
    return parser


def _serve_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} serve", description="The terminal UI in a web browser.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--max-sessions", type=int, default=8, metavar="N",
                        help="browser tabs served at once")
    _add_lang(parser)
    return parser


def _command(module: str) -> Callable[[argparse.Namespace, Context], int]:
    """Import a command lazily: start-up only pays for the command it runs."""

    def run(args: argparse.Namespace, context: Context) -> int:
        from importlib import import_module

        return import_module(f"assistant.commands.{module}").main(args, context)

    return run


COMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], str]] = {
    "guides": (_guides_parser, "guides"),
    "run": (_run_parser, "run"),
    "diagnose": (_diagnose_parser, "diagnose"),
    "check": (_check_parser, "check"),
    "export": (_export_parser, "export"),
    "serve": (_serve_parser, "serve"),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        make_parser, module = COMMANDS[argv[0]]
        args = make_parser().parse_args(argv[1:])
    else:
        module = "ui"
        args = _ui_parser().parse_args(argv)
    lang = negotiate(getattr(args, "lang", None), os.environ)
    context = Context(translator=get_translator(lang), stdout=sys.stdout, stderr=sys.stderr)
    try:
        return _command(module)(args, context)
    except CommandError as error:
        context.stderr.write(f"{PROG}: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: one line for the person, the traceback on request
        if os.environ.get("ASSISTANT_DEBUG"):
            raise
        t = context.translator
        context.stderr.write(f"{PROG}: " + t.gettext(
            "internal error ({error}); please report it, with ASSISTANT_DEBUG=1 for details",
            error=f"{type(error).__name__}: {error}",
        ) + "\n")
        return 70
    finally:
        _report_translation_warnings(context)


def _report_translation_warnings(context: Context) -> None:
    """Tell, once each, about broken catalogues or translations met during the command."""
    from assistant.safetext import clean_line

    for warning in context.translator.warnings:
        context.stderr.write(f"{PROG}: {clean_line(warning)}\n")
