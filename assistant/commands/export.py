"""``assistant export GUIDE --format mermaid``: a guide's graph, for writers.

The chart quotes guide text and translations, so it is cleaned of terminal controls.
"""

from __future__ import annotations

import argparse

from assistant.commands.common import Context
from assistant.commands.guides import require_guide
from assistant.engine import export_mermaid, open_guides
from assistant.safetext import SafeStream


def main(args: argparse.Namespace, context: Context) -> int:
    """Print the guide as a Mermaid flowchart (paste it in any Mermaid viewer)."""
    library = open_guides()
    guide_id = require_guide(library, args.guide, context.translator)
    SafeStream(context.stdout).write(export_mermaid(library.guides[guide_id], context.translator))
    return 0
