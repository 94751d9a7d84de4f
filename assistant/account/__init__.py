"""The simulated account: snapshot format, validation, simulator actions (pure, no UI)."""
