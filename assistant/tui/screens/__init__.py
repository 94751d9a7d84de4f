"""The screens of the terminal UI: home, guide, diagnosis, help, translator preview."""
