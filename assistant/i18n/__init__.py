"""Internationalisation: catalogues, language negotiation, safe formatting, extraction, checks."""
