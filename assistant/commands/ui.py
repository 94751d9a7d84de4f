"""``assistant`` with no command: the terminal UI."""

from __future__ import annotations

import argparse

from assistant.commands.common import Context


def main(args: argparse.Namespace, context: Context) -> int:
    """Start the Textual app (imported here so other commands never load Textual)."""
    from assistant.tui.app import AssistantApp

    app = AssistantApp(
        lang=context.translator.lang,
        state_file=args.state,
        guide_id=args.guide,
        translator_preview=args.translator,
    )
    app.run()
    return app.return_code or 0
