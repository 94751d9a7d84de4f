"""``assistant`` with no command: the terminal UI."""

from __future__ import annotations

import argparse
import gc
import os
from typing import TYPE_CHECKING

from assistant.commands.common import CommandError, Context

if TYPE_CHECKING:
    from assistant.tui.app import AssistantApp


def main(args: argparse.Namespace, context: Context) -> int:
    """Start the Textual app (imported here so other commands never load Textual).

    An unknown ``--guide`` or ``--state -`` is reported in one line before the
    full-screen UI starts. A ``--state`` file that cannot be used starts the UI on the
    example account, with the one-line reason on screen where another can be chosen.
    """
    # Start-up builds many thousands of objects that live as long as the app (modules,
    # styles, widgets): the collector would walk them again and again before the first
    # screen for nothing. The app turns it back on once that screen is drawn.
    from assistant.tui.served import NoTerminal

    gc.disable()
    try:
        app = build_app(args, context)
        app.run()
    except NoTerminal:
        t = context.translator
        raise CommandError(t.gettext(
            "the full-screen assistant needs a terminal; without one, use "
            "{examples}",
            examples="assistant guides, assistant run, assistant diagnose",
        )) from None
    finally:
        gc.enable()
    return app.return_code or 0


def build_app(args: argparse.Namespace, context: Context) -> AssistantApp:
    """The app the command line asks for; raises :class:`CommandError` on bad usage."""
    from assistant.account.snapshot import SnapshotError, read_snapshot
    from assistant.tui.app import Account, AssistantApp
    from assistant.tui.library_cache import LibraryCache
    from assistant.tui.served import is_served

    t = context.translator
    account = refused = None
    if args.state == "-":
        raise CommandError(t.gettext(
            "--state -: the terminal UI reads the keyboard; give a snapshot file instead"
        ))
    if args.state is not None:
        try:
            # Regular files only: a named pipe or a terminal would block before the
            # first screen (the path box of the UI refuses them the same way).
            account = Account(read_snapshot(args.state, regular_only=True), path=args.state)
        except SnapshotError as problem:
            refused = (args.state, problem)
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
    from assistant.tui.settings import Settings

    settings = Settings()
    remembered = settings.load()
    lang = t.lang
    if getattr(args, "lang", None) is None and remembered.lang is not None:
        # Chosen in the UI last time (F2), unless the command line says otherwise.
        from assistant.i18n.translator import get_translator

        lang = get_translator(remembered.lang).lang
    return AssistantApp(
        lang=lang,
        high_contrast=remembered.high_contrast,
        settings=settings,
        first_run=not settings.path.exists(),
        account=account,
        guide_id=args.guide,
        translator_preview=args.translator,
        library=library,
        library_cache=cache,
        refused_state=refused,
        served=is_served(os.environ),
    )
