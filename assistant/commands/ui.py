"""``assistant`` with no command: the terminal UI."""

from __future__ import annotations

import argparse

from assistant.commands.common import CommandError, Context


def main(args: argparse.Namespace, context: Context) -> int:
    """Start the Textual app (imported here so other commands never load Textual).

    A bad ``--state`` file or an unknown ``--guide`` is reported in one line before the
    full-screen UI starts.
    """
    from assistant.account.snapshot import SnapshotError, read_snapshot
    from assistant.tui.app import Account, AssistantApp
    from assistant.tui.library_cache import LibraryCache

    t = context.translator
    account = None
    if args.state == "-":
        raise CommandError(t.gettext(
            "--state -: the terminal UI reads the keyboard; give a snapshot file instead"
        ))
    if args.state is not None:
        try:
            account = Account(read_snapshot(args.state), path=args.state)
        except SnapshotError as problem:
            raise CommandError(problem.message(t)) from None
    cache = LibraryCache()
    library = None
    if args.guide is not None:
        # Straight into a guide: the guides are needed before the first screen.
        library = cache.library()
        if args.guide not in library.guides:
            raise CommandError(t.gettext(
                "unknown guide {guide}; expected one of {choices}",
                guide=args.guide, choices=", ".join(sorted(library.guides)),
            ))
    app = AssistantApp(
        lang=t.lang,
        account=account,
        guide_id=args.guide,
        translator_preview=args.translator,
        library=library,
        library_cache=cache,
    )
    app.run()
    return app.return_code or 0
