"""``assistant serve``: the terminal UI in web browsers (SPEC §4, added in 0.2).

It needs the optional ``web`` extra (textual-serve); without it, one line says how to
install it. The server and what keeps sessions apart are in :mod:`assistant.web.server`.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from assistant.commands.common import CommandError, Context

PROG = "assistant"


def main(args: argparse.Namespace, context: Context) -> int:
    """Serve until Ctrl+C; 0 when stopped, 1 without textual-serve, 2 for bad options."""
    t = context.translator
    try:
        import aiohttp  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        raise CommandError(t.gettext(
            "serve needs textual-serve; install it with {command} "
            "(from a clone of the repository: {clone})",
            command="pip install 'tiktok-account-assistant[web]'",
            clone="pip install '.[web]'",
        ), exit_code=1) from None
    from assistant.web.server import AssistantServer, is_loopback, url_of

    if not 1 <= args.port <= 65535:
        raise CommandError(t.gettext("--port {port}: expected a port number from 1 to 65535",
                                     port=args.port))
    if args.max_sessions < 1:
        raise CommandError(t.gettext("--max-sessions {n}: expected a whole number of 1 or more",
                                     n=args.max_sessions))
    if not is_loopback(args.host):
        context.stderr.write(f"{PROG}: " + t.gettext(
            "warning: serving on {host}, so other machines can connect. There is no "
            "login: anyone who reaches this address can use it. Put it behind the access "
            "control of your help desk.", host=args.host,
        ) + "\n")
        context.stderr.flush()
    url = url_of(args.host, args.port)

    def listening() -> None:
        context.stdout.write(t.gettext("Serving the assistant on {url} (Ctrl+C stops it)",
                                       url=url) + "\n")
        context.stdout.flush()

    root = Path(tempfile.mkdtemp(prefix="assistant-serve-"))
    try:
        server = AssistantServer(
            root=root, host=args.host, port=args.port,
            lang=t.lang if args.lang else None,
            max_sessions=args.max_sessions, listening=listening,
        )
        server.serve()
    except OSError as problem:
        raise CommandError(t.gettext(
            "cannot serve on {url} ({reason})", url=url,
            reason=problem.strerror or type(problem).__name__,
        )) from None
    finally:
        shutil.rmtree(root, ignore_errors=True)
    context.stdout.write(t.gettext("Stopped: every session is closed.") + "\n")
    return 0
