"""``assistant export GUIDE --format mermaid``: a guide's graph, for writers."""

from __future__ import annotations

import argparse

from assistant.commands.common import Context
from assistant.commands.guides import require_guide
from assistant.engine import export_mermaid, load_guides


def main(args: argparse.Namespace, context: Context) -> int:
    """Print the guide as a Mermaid flowchart (paste it in any Mermaid viewer)."""
    library = load_guides()
    guide_id = require_guide(library, args.guide, context.translator)
    context.stdout.write(export_mermaid(library.guides[guide_id], context.translator))
    return 0
