"""Diagnosis: findings computed from a snapshot (pure, no UI)."""
