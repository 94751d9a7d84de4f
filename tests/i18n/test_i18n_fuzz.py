"""Whatever bytes a catalogue holds, loading it ends in translations or one clear error.

Fuzzed: the strict ``.po`` reader and the catalogue loader (only
:class:`CatalogueError` escapes, and it reads on one line), the ``.mo`` reader, the
translator (never raises, English at worst), the catalogue checks (only problems,
never a crash) and the text checks. Inputs are random bytes, PO-looking pieces and
valid catalogues (ours and the shipped fragments) with lines deleted, repeated,
swapped, rewritten, spliced or cut, or bytes flipped.

The budget is bounded for CI like the other fuzz tests: ``ASSISTANT_FUZZ_EXAMPLES``
examples per test (60 by default); raise it to fuzz longer.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from i18n_support import NB, Entry, po_text

from assistant.i18n.catalogue import messages_from_po, read_mo_messages
from assistant.i18n.checks import check_catalogues
from assistant.i18n.pofile import CatalogueError, parse_po
from assistant.i18n.textchecks import check_translation
from assistant.i18n.translator import get_translator
from assistant.i18n.update import compile_catalogue
from assistant.problems import Problem
from assistant.resources import locales_dir

BUDGET = settings(
    max_examples=int(os.environ.get("ASSISTANT_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)

GOOD_ENTRIES = [
    Entry("Back", ["Retour"]),
    Entry("Back", ["Précédent"], ctx="button"),
    Entry("{n} item", ["{n} élément", "{n} éléments"], plural="{n} items"),
    Entry("Open **Settings** and [help](https://example.com)",
          [f"Ouvrez **Paramètres** et [l'aide](https://example.com){NB}!"]),
    Entry("Line one\nline two", ["Ligne un\nligne deux"]),
    Entry("Draft", ["Brouillon"], flags="fuzzy"),
    Entry("Gone", ["Parti"], obsolete=True),
]
GOOD = po_text(GOOD_ENTRIES).encode()
PIECES = [b'msgid "', b'msgstr "', b"msgstr[0] ", b"msgid_plural ", b"msgctxt ", b'"', b"\\",
          b"\n", b"#, fuzzy\n", b"#~ ", b"#| ", b"{x}", b"\xc3", b"\xa0", b"Plural-Forms: ",
          b"\\x1b", b"\\033", b"<script>", b"](javascript:", b"{x.__class__}", b"{x!r}",
          b"charset=", b"nplurals=", b"\r\n", b"\xef\xbb\xbf"]


@cache
def _seeds() -> tuple[bytes, ...]:
    fragments = sorted((Path(locales_dir()) / "fr" / "fragments").glob("*.po"))
    small = [path.read_bytes() for path in fragments if path.stat().st_size < 20_000]
    return (GOOD, *small[:4])


@st.composite
def mutated_po(draw: st.DrawFn) -> bytes:
    """A valid catalogue with a few lines or bytes damaged."""
    lines = draw(st.sampled_from(_seeds())).split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(
            ["delete", "repeat", "swap", "rewrite", "splice", "cut", "flip"]))
        if how == "delete":
            del lines[index]
        elif how == "repeat":
            lines.insert(index, lines[index])
        elif how == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif how == "rewrite":
            lines[index] = draw(st.sampled_from(PIECES) | st.binary(max_size=30))
        elif how == "splice":
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            piece = draw(st.sampled_from(PIECES) | st.text(max_size=8).map(str.encode))
            lines[index] = line[:at] + piece + line[at:]
        elif how == "cut":
            lines = lines[:index]
        elif lines[index]:
            at = draw(st.integers(0, len(lines[index]) - 1))
            line = bytearray(lines[index])
            line[at] = draw(st.integers(0, 255))
            lines[index] = bytes(line)
    return b"\n".join(lines)


po_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(PIECES) | st.binary(max_size=5), max_size=40).map(b"".join),
    st.tuples(st.integers(0, len(GOOD)), st.binary(max_size=20)).map(
        lambda cut: GOOD[: cut[0]] + cut[1]),
    mutated_po(),
)


def _refused_cleanly(error: CatalogueError) -> None:
    text = str(error)
    assert text and "\n" not in text and error.line >= 0


@BUDGET
@given(po_bytes)
def test_any_po_bytes_parse_or_raise_a_catalogue_error(data):
    try:
        po = parse_po(data)
        messages_from_po(po, Path("fuzz.po"))
    except CatalogueError as error:
        _refused_cleanly(error)


MO = compile_catalogue(GOOD)


@BUDGET
@given(st.one_of(
    st.binary(max_size=200),
    st.tuples(st.integers(0, len(MO)), st.binary(max_size=8)).map(
        lambda cut: MO[: cut[0]] + cut[1] + MO[cut[0] + len(cut[1]):]),
))
def test_any_mo_bytes_load_or_raise_a_catalogue_error(tmp_path, data):
    path = tmp_path / "assistant.mo"
    path.write_bytes(data)
    try:
        read_mo_messages(path)
    except CatalogueError as error:
        _refused_cleanly(error)


def _catalogue_dir(directory: Path, data: bytes) -> Path:
    path = directory / "fr" / "LC_MESSAGES" / "assistant.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return directory


@BUDGET
@given(po_bytes)
def test_the_translator_never_raises_whatever_the_catalogue(data):
    with tempfile.TemporaryDirectory() as directory:
        t = get_translator("fr", _catalogue_dir(Path(directory), data))
        assert isinstance(t.gettext("Back"), str)
        assert isinstance(t.pgettext("button", "Back"), str)
        assert isinstance(t.ngettext("{n} item", "{n} items", 3), str)
        assert t.gettext("Not translated {name}", name="Ana") == "Not translated Ana"
        assert t.lang in ("fr", "en")
        assert len(t.warnings) <= 3
        assert all("\n" not in warning for warning in t.warnings)


@BUDGET
@given(mutated_po())
def test_the_catalogue_checks_give_problems_never_a_crash(data):
    with tempfile.TemporaryDirectory() as directory:
        root = _catalogue_dir(Path(directory), data)
        (root / "assistant.pot").write_bytes(GOOD)
        problems = check_catalogues(root)
    for problem in problems:
        assert isinstance(problem, Problem) and problem.line >= 0
        assert "internal error" not in problem.message, problem
        assert "\n" not in problem.message


markdownish = st.lists(st.sampled_from([
    "a", "é", " ", "\n", "{x}", "{x.y}", "{", "}", "**", "*", "`", "[", "]", "(", ")",
    "https://x.example", "javascript:", "<b>", "<!--", "# ", "- ", "1. ", "«", "»", NB,
    ":", "?", "!", '"', "\x1b", "\x9b", "\u202e",
]), max_size=30).map("".join)


@BUDGET
@given(st.lists(markdownish, min_size=1, max_size=2), st.lists(markdownish, min_size=1,
                                                                max_size=2))
def test_the_text_checks_never_raise(sources, forms):
    for problem in check_translation("fr", sources, forms):
        assert isinstance(problem.render(lambda text, **fields: text), str)
