"""Whatever bytes a catalogue holds, loading it ends in translations or one clear error."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from i18n_support import Entry, po_text

from assistant.i18n.catalogue import read_mo_messages
from assistant.i18n.pofile import CatalogueError, parse_po
from assistant.i18n.translator import get_translator
from assistant.i18n.update import compile_catalogue

GOOD = po_text([Entry("Back", ["Retour"]), Entry("{n} item", ["{n} élément", "{n} éléments"],
                                                 plural="{n} items")]).encode()
PIECES = [b'msgid "', b'msgstr "', b"msgstr[0] ", b"msgid_plural ", b"msgctxt ", b'"', b"\\",
          b"\n", b"#, fuzzy\n", b"#~ ", b"#| ", b"{x}", b"\xc3", b"\xa0", b"Plural-Forms: "]
po_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(PIECES) | st.binary(max_size=5), max_size=40).map(b"".join),
    st.tuples(st.integers(0, len(GOOD)), st.binary(max_size=20)).map(
        lambda cut: GOOD[: cut[0]] + cut[1]),
)
fuzz = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@fuzz
@given(po_bytes)
def test_any_po_bytes_parse_or_raise_a_catalogue_error(data):
    try:
        parse_po(data)
    except CatalogueError as error:
        assert str(error)


MO = compile_catalogue(GOOD)


@fuzz
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
        assert str(error)


@fuzz
@given(po_bytes)
def test_the_translator_never_raises_whatever_the_catalogue(tmp_path, data):
    path: Path = tmp_path / "fr" / "LC_MESSAGES" / "assistant.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = path.stat().st_mtime_ns + 1_000_000  # a new file each example: no stale cache
    os.utime(path, ns=(stamp, stamp))
    t = get_translator("fr", tmp_path)
    assert isinstance(t.gettext("Back"), str)
    assert isinstance(t.ngettext("{n} item", "{n} items", 3), str)
    assert t.lang in ("fr", "en")
    assert len(t.warnings) <= 3
