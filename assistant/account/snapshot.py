"""Reading and writing account snapshots (format ``account-state/1``, SPEC §1).

Snapshots are pasted by support agents, so every input is treated as hostile: it is
refused with one :class:`SnapshotError` line naming the field and what was expected,
never with a traceback. See ``docs/snapshot-format.md``.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from os import PathLike
from typing import IO, Any

from assistant.account.errors import SnapshotError as SnapshotError
from assistant.account.jsonread import MAX_SNAPSHOT_BYTES as MAX_SNAPSHOT_BYTES
from assistant.account.jsonread import JsonObject, decode_text, parse_json
from assistant.account.model import (
    FORMAT,
    AccountType,
    Business,
    Device,
    DeviceKind,
    Invitation,
    InvitationStatus,
    Member,
    Role,
    Session,
    Snapshot,
    TikTok,
)
from assistant.i18n.translator import N_

STDIN = "-"
"""The path that :func:`read_snapshot` reads from standard input."""


def load_snapshot(
    data: str | bytes | bytearray | memoryview, source: str = "<snapshot>"
) -> Snapshot:
    """Parse and check a snapshot given as JSON text or UTF-8 bytes.

    ``source`` names the input in error messages (usually the file name). Raises
    :class:`SnapshotError` with one line naming the field and what was expected.
    """
    if not isinstance(data, str | bytes):
        data = bytes(data)
    # Valid snapshots are decoded by the compiled reader; anything it is unsure of
    # is parsed again and read by the validator, which names the first wrong field.
    from assistant.account import reader  # compiled on first use: the UI may never read one

    snapshot = reader.decode(data, MAX_SNAPSHOT_BYTES)
    if snapshot is not None:
        return snapshot
    from assistant.account.validation import validate

    return validate(parse_json(decode_text(data, source), source), source)


def snapshot_from_data(data: Any, source: str = "<snapshot>") -> Snapshot:
    """Check already-parsed JSON ``data`` and build the :class:`Snapshot` it describes.

    ``data`` comes from :func:`json.loads` or is plain dicts and lists; raises
    :class:`SnapshotError` naming the first wrong field. Numbers obey the same limits
    as in a file (a count of 10**25 is refused, naming its field).
    """
    from assistant.account import reader

    snapshot = reader.convert(data)
    if snapshot is not None:
        return snapshot
    try:
        objects = _as_objects(data)
    except RecursionError:
        raise SnapshotError(source, "", N_("not a snapshot: nested too deeply")) from None
    from assistant.account.validation import validate

    return validate(objects, source)


def _as_objects(data: Any) -> Any:
    """Plain dicts (not parsed by us) as :class:`JsonObject`, which the validator expects."""
    if isinstance(data, JsonObject):
        return data
    if isinstance(data, dict):
        return JsonObject({key: _as_objects(value) for key, value in data.items()})
    if isinstance(data, list):
        return [_as_objects(item) for item in data]
    return data


def read_snapshot(
    path: str | PathLike[str], stdin: IO[bytes] | IO[str] | None = None,
    *, regular_only: bool = False,
) -> Snapshot:
    """Read and check the snapshot in file ``path``; ``-`` reads standard input.

    ``stdin`` replaces :data:`sys.stdin` (for tests). Raises :class:`SnapshotError`,
    also when the file cannot be read. With ``regular_only`` (the UI, whose keyboard
    is standard input), ``-`` and anything but a regular file (a named pipe, a
    terminal, a device, a directory) are refused before a single byte is read, and
    never opened in a way that could wait: reading them would freeze the screen.
    """
    if regular_only:
        return load_snapshot(_read_regular_file(path), str(path))
    if str(path) == STDIN:
        source = "<stdin>"
        stream: IO[Any] = stdin if stdin is not None else sys.stdin
        stream = getattr(stream, "buffer", stream)
        try:
            data = stream.read(MAX_SNAPSHOT_BYTES + 1)
        except (OSError, UnicodeDecodeError) as problem:
            raise SnapshotError(
                source, "", N_("cannot read it ({reason})"), {"reason": str(problem)}
            ) from None
        return load_snapshot(data, source)
    source = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SNAPSHOT_BYTES + 1)
    except OSError as problem:
        raise SnapshotError(
            source, "", N_("cannot read it ({reason})"),
            {"reason": problem.strerror or type(problem).__name__},
        ) from None
    return load_snapshot(raw, source)


_NOT_A_FILE = {
    stat.S_IFDIR: N_("a folder, not a snapshot file"),
    stat.S_IFIFO: N_("a named pipe, not a snapshot file: only regular files are read here"),
    stat.S_IFCHR: N_("a device, not a snapshot file: only regular files are read here"),
    stat.S_IFBLK: N_("a device, not a snapshot file: only regular files are read here"),
}
"""Why a path that is not a regular file is refused, by the kind of thing it is."""


def _not_a_file(source: str, mode: int) -> SnapshotError:
    """The refusal of a path whose ``mode`` is not a regular file's."""
    expected = _NOT_A_FILE.get(stat.S_IFMT(mode),
                               N_("not a regular file: only regular files are read here"))
    return SnapshotError(source, "", expected)


def _read_regular_file(path: str | PathLike[str]) -> bytes:
    """The first bytes of ``path`` (enough to tell it is too large), if it is a regular
    file; :class:`SnapshotError` otherwise, decided before reading anything.

    The path is checked with ``stat`` first, then opened without blocking (a named
    pipe opened for reading waits for a writer otherwise) and without becoming the
    controlling terminal, and checked again on what was opened: a path swapped for a
    pipe in between is still refused.
    """
    source = str(path)
    if source == STDIN:
        raise SnapshotError(source, "", N_(
            "standard input is the keyboard here; type the path of a snapshot file"))
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(source, mode)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as problem:
        raise _unreadable(source, problem) from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(source, mode)
        try:
            return handle.read(MAX_SNAPSHOT_BYTES + 1)
        except OSError as problem:
            raise _unreadable(source, problem) from None


def _unreadable(source: str, problem: OSError) -> SnapshotError:
    """The refusal of a file the system would not let us read."""
    return SnapshotError(source, "", N_("cannot read it ({reason})"),
                         {"reason": problem.strerror or type(problem).__name__})


def dump_snapshot(snapshot: Snapshot) -> dict[str, Any]:
    """The snapshot as JSON data: every field written, in the order of SPEC §1."""
    tiktok, business, session = snapshot.tiktok, snapshot.business, snapshot.session
    return {
        "format": FORMAT,
        "intent": None if snapshot.intent is None else snapshot.intent.value,
        "target": snapshot.target,
        "tiktok": {
            "username": tiktok.username,
            "type": tiktok.type.value,
            "email": tiktok.email,
            "phone": tiktok.phone,
            "two_factor": tiktok.two_factor,
            "password_shared_with": tiktok.password_shared_with,
            "collaborators": list(tiktok.collaborators),
            "devices": [
                {"name": d.name, "kind": d.kind.value, "linked": d.linked}
                for d in tiktok.devices
            ],
        },
        "business": None if business is None else {
            "email": business.email,
            **({} if business.phone is None else {"phone": business.phone}),
            "linking_available": business.linking_available,
            "linked_tiktok": business.linked_tiktok,
            "members": [
                {"email": m.email, "role": m.role.value, "departed": m.departed}
                for m in business.members
            ],
            "invitations": [
                {
                    "email": i.email,
                    "role": i.role.value,
                    "status": i.status.value,
                    "accepted_with": i.accepted_with,
                    "invitee_other_business": i.invitee_other_business,
                }
                for i in business.invitations
            ],
            **({} if not business.in_other_business
               else {"in_other_business": list(business.in_other_business)}),
        },
        "session": {
            "actor": session.actor,
            "business_profile": session.business_profile,
            "online": session.online,
            "browser_cache_stale": session.browser_cache_stale,
            "verification_code": session.verification_code.value,
        },
    }


def snapshot_to_json(snapshot: Snapshot) -> str:
    """The snapshot as JSON text, indented by 2, non-ASCII kept (no final newline)."""
    return json.dumps(dump_snapshot(snapshot), indent=2, ensure_ascii=False)


def check_snapshot(snapshot: Snapshot, source: str = "<snapshot>") -> Snapshot:
    """Check that a :class:`Snapshot` built in code obeys every rule of the format.

    Returns it unchanged, or raises :class:`SnapshotError` like a file would.
    """
    snapshot_from_data(dump_snapshot(snapshot), source)
    return snapshot


def default_snapshot() -> Snapshot:
    """A plausible account to simulate when none is given.

    A business account linked to its TikTok For Business login, one collaborator,
    one linked phone; the person using the assistant is its admin and is signed in
    to the right profile.
    """
    owner = "owner@maisonlune.example"
    return Snapshot(
        tiktok=TikTok(
            username="maison.lune",
            type=AccountType.BUSINESS,
            email=owner,
            collaborators=("studio.ana",),
            devices=(
                Device("Pixel 8", DeviceKind.MOBILE, linked=True),
                Device("Office iMac", DeviceKind.DESKTOP, linked=False),
            ),
        ),
        business=Business(
            email=owner,
            linked_tiktok="maison.lune",
            members=(Member(owner, Role.ADMIN),),
            invitations=(Invitation("ana@studio.example", Role.EDITOR, InvitationStatus.PENDING),),
        ),
        session=Session(actor=owner, business_profile=owner),
    )
