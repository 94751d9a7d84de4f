"""A small guide of the tests' own, so that i18n tests do not depend on the shipped
guides (another engineer rewrites them) — only on the guide format."""

from __future__ import annotations

import json
from pathlib import Path

GUIDE_ID = "i18n-sample"
TITLE = "Link your sample account"
STEP_TITLE = "Open the sample settings"
BODY = ("D’abord, ouvrez «\u00a0Paramètres et confidentialité\u00a0»\u202f: touchez ensuite "
        "«\u00a0Gérer le compte\u00a0», puis vérifiez l’adresse\u00a0! Prêt\u00a0? "
        "Oui\u00a0; allez-y. ✗ échec possible… " * 3).strip()
LABEL = "Go on"


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_guide(directory: Path) -> Path:
    """Write the sample guide into ``directory``; return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{GUIDE_ID}.toml").write_text(f"""\
id = "{GUIDE_ID}"
title = {_toml(TITLE)}
topic = "linking"
summary = "A guide for the i18n tests."
start = "first"

[steps.first]
kind = "ask"
title = {_toml(STEP_TITLE)}
body = {_toml(BODY)}
choices = [{{ label = {_toml(LABEL)}, next = "done" }}]
single_answer = "a sample for the tests: nothing can fail"

[steps.done]
kind = "end"
outcome = "success"
title = "Done"
body = "Done, **{{username}}**."
""", encoding="utf-8")
    return directory
