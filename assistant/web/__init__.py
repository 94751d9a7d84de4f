"""The terminal UI served to web browsers (``assistant serve``, needs ``textual-serve``)."""
