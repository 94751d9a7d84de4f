"""Building small catalogues in a temporary ``locales/`` folder for the i18n tests."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from assistant.i18n.update import compile_catalogue

NB = "\u00a0"
"""The no-break space French puts before : ; ! ? and inside « »."""

HEADER = {
    "Project-Id-Version": "test 1.0",
    "Language": "fr",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
}


@dataclass
class Entry:
    """One message to write: ``strs`` holds the msgstr (one, or one per plural form)."""

    msgid: str
    strs: list[str] = field(default_factory=list)
    ctx: str | None = None
    plural: str | None = None
    flags: str = ""
    obsolete: bool = False


def quote(text: str) -> str:
    """``text`` as a PO string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def po_text(entries: list[Entry], header: dict[str, str] | None = HEADER,
            header_flags: str = "") -> str:
    """A whole ``.po`` file."""
    blocks = []
    if header is not None:
        lines = "".join(f'"{name}: {value}\\n"\n' for name, value in header.items())
        flags = f"#, {header_flags}\n" if header_flags else ""
        blocks.append(f'{flags}msgid ""\nmsgstr ""\n{lines}')
    for entry in entries:
        prefix = "#~ " if entry.obsolete else ""
        out = f"#, {entry.flags}\n" if entry.flags else ""
        if entry.ctx is not None:
            out += f"{prefix}msgctxt {quote(entry.ctx)}\n"
        out += f"{prefix}msgid {quote(entry.msgid)}\n"
        if entry.plural is not None:
            out += f"{prefix}msgid_plural {quote(entry.plural)}\n"
            strs = entry.strs or ["", ""]
            out += "".join(f"{prefix}msgstr[{i}] {quote(s)}\n" for i, s in enumerate(strs))
        else:
            out += f"{prefix}msgstr {quote(entry.strs[0] if entry.strs else '')}\n"
        blocks.append(out)
    return "\n".join(blocks)


def po_path(root: Path, lang: str = "fr") -> Path:
    """Where the ``.po`` of ``lang`` goes under ``root``."""
    return root / lang / "LC_MESSAGES" / "assistant.po"


def write_po(root: Path, entries: list[Entry], lang: str = "fr", **options) -> Path:
    """Write the ``.po`` of ``lang`` (no ``.mo``); return its path."""
    path = po_path(root, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(po_text(entries, **options), encoding="utf-8")
    return path


def write_template(root: Path, entries: list[Entry]) -> Path:
    """Write ``assistant.pot`` with the English of ``entries`` (translations emptied)."""
    blank = [Entry(e.msgid, [], e.ctx, e.plural) for e in entries if not e.obsolete]
    path = root / "assistant.pot"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(po_text(blank, header={"Content-Type": "text/plain; charset=UTF-8"}),
                    encoding="utf-8")
    return path


def compile_mo(po: Path, *, newer: bool = True) -> Path:
    """Compile ``po`` next to itself; ``newer`` dates the ``.mo`` after the ``.po``."""
    mo = po.with_suffix(".mo")
    mo.write_bytes(compile_catalogue(po.read_bytes()))
    stamp = po.stat().st_mtime_ns
    shift = 2_000_000_000 if newer else -2_000_000_000
    os.utime(mo, ns=(stamp + shift, stamp + shift))
    return mo


def age(path: Path, seconds: int) -> None:
    """Move ``path``'s modification time by ``seconds``."""
    stamp = path.stat().st_mtime_ns + seconds * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def header_text(header: dict[str, str]) -> str:
    """A header's msgstr: ``Name: value`` lines."""
    return "".join(f"{name}: {value}\n" for name, value in header.items())


def mo_bytes(messages: dict[bytes, bytes]) -> bytes:
    """A little-endian GNU ``.mo`` file holding ``messages`` (keys as stored: a context is
    ``ctx\\x04msgid``, a plural ``singular\\x00plural``), no hash table."""
    import struct

    keys = sorted(messages)
    ids_at = 28
    strs_at = ids_at + 8 * len(keys)
    data_at = strs_at + 8 * len(keys)
    tables, blob = [b"", b""], b""
    for index, table in enumerate((keys, [messages[key] for key in keys])):
        for text in table:
            tables[index] += struct.pack("<2I", len(text), data_at + len(blob))
            blob += text + b"\x00"
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), ids_at, strs_at, 0, data_at)
    return head + tables[0] + tables[1] + blob


def write_mo(root: Path, messages: dict[bytes, bytes], lang: str = "fr") -> Path:
    """Write ``messages`` as the ``.mo`` of ``lang``, dated after its ``.po`` if there is one."""
    path = po_path(root, lang).with_suffix(".mo")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mo_bytes(messages))
    po = po_path(root, lang)
    if po.exists():
        stamp = po.stat().st_mtime_ns + 2_000_000_000
        os.utime(path, ns=(stamp, stamp))
    return path
