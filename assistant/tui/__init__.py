"""The Textual terminal UI. It presents; it decides nothing."""
