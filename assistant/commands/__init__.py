"""Command implementations called by :mod:`assistant.cli`."""
