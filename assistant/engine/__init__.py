"""Guide engine: guide model, loader, graph checks, runner (pure, no UI)."""
