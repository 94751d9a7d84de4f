"""The compiled snapshot reader: :mod:`assistant.account.schema` made into a decoder.

From the structures of the schema, once, at import:

- a decoder type for :mod:`msgspec`, the same structures with every optional field
  defaulting to ``UNSET`` (so that what was written can be told from what was left
  out) and enums read as literals (which msgspec matches faster than enum values);
- a builder, generated Python source compiled once, that turns a decoded value into
  the domain model (:mod:`assistant.account.model`), fills in the schema's defaults,
  runs the checks across list items and counts the keys that were written.

:func:`decode` takes JSON (UTF-8 bytes or text) and returns the
:class:`~assistant.account.model.Snapshot` or ``None``. ``None`` names nothing: the
caller then asks :mod:`assistant.account.validation`, which walks the same schema
over the parsed JSON and names the first wrong field (or, when this reader was
merely cautious, builds the same snapshot). What the decoder cannot see is checked
here on the raw text, conservatively (a doubt is a ``None``, never an acceptance):

- a key given twice: JSON decoders keep the last value. Every key is followed by one
  ``:`` outside strings, so a text with exactly as many ``:`` as keys were decoded
  has no key twice (a ``:`` inside a value only makes the count larger);
- text rules beyond length: in ASCII text without escapes, a DEL, or a string of only
  spaces (a quote then a space, which no two JSON tokens make); otherwise each
  decoded string is looked at (control, bidirectional or invisible characters,
  blank).
"""

from __future__ import annotations

import json
import re
from dataclasses import fields as dataclass_fields
from enum import Enum
from typing import Annotated, Any, Literal, Union

import msgspec
import msgspec.inspect as mi
from msgspec import UNSET, Meta, UnsetType

from assistant.account import rules, schema
from assistant.account.model import Snapshot

# What a decoded string may not hold for the fast path to vouch for it: the unsafe
# and invisible characters, and the joiners (allowed in context, which only the
# validator looks at).
_DOUBT = re.compile(f"[{rules.UNSAFE_CLASS}{rules.INVISIBLE_CLASS}{rules.JOINERS}]")
_BLANK = re.compile(r'" +"')
_BLANK_ASCII = re.compile(rb'" +"')
_BOM = "\ufeff"
_BOM_BYTES = _BOM.encode()


class Unsure(Exception):
    """Raised by the builder at a check across list items: the validator takes over."""


# --- the decoder type ---------------------------------------------------------------------


def _annotation(t: mi.Type, variants: dict[type, type]) -> Any:
    """The annotation msgspec decodes ``t`` with (a schema struct → its variant)."""
    if isinstance(t, mi.Metadata):
        return _annotation(t.type, variants)
    if isinstance(t, mi.StrType):
        return Annotated[str, Meta(min_length=t.min_length, max_length=t.max_length)]
    if isinstance(t, mi.IntType):
        return Annotated[int, Meta(ge=t.ge, le=t.le)]
    if isinstance(t, mi.BoolType):
        return bool
    if isinstance(t, mi.NoneType):
        return None
    if isinstance(t, mi.EnumType):
        return Literal[tuple(member.value for member in t.cls)]
    if isinstance(t, mi.LiteralType):
        return Literal[t.values]
    if isinstance(t, mi.ListType):
        item = _annotation(t.item_type, variants)
        if t.max_length is None:
            return list[item]  # type: ignore[valid-type]
        return Annotated[list[item], Meta(max_length=t.max_length)]  # type: ignore[valid-type]
    if isinstance(t, mi.UnionType):
        return Union[tuple(_annotation(member, variants) for member in t.types)]  # noqa: UP007
    if isinstance(t, mi.StructType):
        return _variant(t, variants)
    raise TypeError(f"the schema uses a type the reader does not know: {t!r}")


def _variant(t: mi.StructType, variants: dict[type, type]) -> type:
    """The struct msgspec decodes a schema struct as: optional fields default to UNSET."""
    if t.cls not in variants:
        variants[t.cls] = msgspec.defstruct(
            t.cls.__name__,
            [
                (f.name, _annotation(f.type, variants))
                if f.required
                else (f.name, Union[_annotation(f.type, variants), UnsetType], UNSET)  # noqa: UP007
                for f in t.fields
            ],
            kw_only=True,
            forbid_unknown_fields=True,
            module=__name__,
        )
    return variants[t.cls]


# --- the builder --------------------------------------------------------------------------


def _plain_dataclass(cls: type) -> bool:
    """Whether ``cls`` can be built by filling its instance dict.

    A frozen dataclass sets each field through ``object.__setattr__``, a third of the
    cost of building a snapshot. Giving the instance its dict whole gives the same object
    (same fields, equal, same hash and repr) for a plain dataclass; a model class that
    grows slots or a ``__post_init__`` is built the ordinary way.
    """
    return (
        "__slots__" not in vars(cls)
        and not hasattr(cls, "__post_init__")
        and getattr(cls, "__dataclass_params__", None) is not None
        and all(field.init for field in dataclass_fields(cls))
    )


class _Source:
    """The builder's source code, written line by line, and the constants it uses."""

    def __init__(self, collect: bool) -> None:
        self.collect = collect
        """Whether the builder also returns every string it read, in a list."""
        self.lines: list[str] = []
        self.names: dict[str, Any] = {
            "UNSET": UNSET, "Unsure": Unsure, "_new": object.__new__, "_set": object.__setattr__,
        }
        self.counter = 0

    def fresh(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}{self.counter}"

    def constant(self, value: Any, stem: str = "c") -> str:
        for name, known in self.names.items():
            if known is value:
                return name
        name = self.fresh(f"_{stem}")
        self.names[name] = value
        return name

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)


def _needs_conversion(t: mi.Type) -> bool:
    if isinstance(t, mi.Metadata):
        return _needs_conversion(t.type)
    if isinstance(t, mi.EnumType | mi.StructType | mi.ListType):
        return True
    if isinstance(t, mi.UnionType):
        return any(_needs_conversion(member) for member in t.types)
    return False


def _convert(src: _Source, indent: int, value: str, t: mi.Type, checks: tuple[Any, ...]) -> str:
    """Emit code turning the decoded ``value`` into the model's; return the expression."""
    if src.collect and isinstance(t, mi.StrType):
        src.add(indent, f"texts.append({value})")
        return value
    if isinstance(t, mi.Metadata):
        return _convert(src, indent, value, t.type, t.extra.get("checks", ()) if t.extra else ())
    if isinstance(t, mi.EnumType):
        members = src.constant({member.value: member for member in t.cls}, t.cls.__name__)
        return f"{members}[{value}]"
    if isinstance(t, mi.UnionType):
        others = [member for member in t.types if not isinstance(member, mi.NoneType)]
        if len(others) != 1 or not (_needs_conversion(others[0]) or src.collect):
            return value
        out = src.fresh("v")
        src.add(indent, f"if {value} is None:")
        src.add(indent + 1, f"{out} = None")
        src.add(indent, "else:")
        inner = _convert(src, indent + 1, value, others[0], checks)
        src.add(indent + 1, f"{out} = {inner}")
        return out
    if isinstance(t, mi.StructType):
        return _struct(src, indent, value, t)
    if isinstance(t, mi.ListType):
        out = src.fresh("items")
        if _needs_conversion(t.item_type):
            item = src.fresh("item")
            src.add(indent, f"{out} = []")
            src.add(indent, f"for {item} in {value}:")
            converted = _convert(src, indent + 1, item, t.item_type, ())
            src.add(indent + 1, f"{out}.append({converted})")
            src.add(indent, f"{out} = tuple({out})")
        else:
            src.add(indent, f"{out} = tuple({value})")
            if src.collect and isinstance(t.item_type, mi.StrType):
                src.add(indent, f"texts.extend({out})")
        for check in checks:
            name = src.constant(check, "check")
            src.add(indent, f"if len({out}) >= {check.min_items} and not {name}.holds({out}):")
            src.add(indent + 1, "raise Unsure")
        return out
    return value


def _struct(src: _Source, indent: int, value: str, t: mi.StructType) -> str:
    """Emit code building the model object of struct ``t`` from the decoded ``value``."""
    model = t.cls.builds  # type: ignore[attr-defined]
    model_fields = [field.name for field in dataclass_fields(model)]
    # A constant (the format) is checked by the decoder and kept by no model.
    kept = [field for field in t.fields if not isinstance(field.type, mi.LiteralType)]
    if sorted(model_fields) != sorted(field.name for field in kept):
        raise TypeError(f"{t.cls.__name__}: the schema and the model have other fields")
    # Every key counted as written; a field found left out takes one back.
    src.add(indent, f"n += {len(t.fields)}")
    built = []
    for field in kept:
        raw = src.fresh(field.name)
        src.add(indent, f"{raw} = {value}.{field.name}")
        if field.required:
            built.append((field.name, _convert(src, indent, raw, field.type, ())))
            continue
        if field.default_factory is list:
            default = "()"
        elif field.default_factory is msgspec.NODEFAULT:
            default = repr(field.default) if _literal(field.default) else src.constant(
                field.default, "default"
            )
        else:
            raise TypeError(f"{t.cls.__name__}.{field.name}: an unknown kind of default")
        src.add(indent, f"if {raw} is UNSET:")
        src.add(indent + 1, f"{raw} = {default}")
        src.add(indent + 1, "n -= 1")
        if _needs_conversion(field.type) or (src.collect and _has_text(field.type)):
            src.add(indent, "else:")
            converted = _convert(src, indent + 1, raw, field.type, ())
            if converted != raw:
                src.add(indent + 1, f"{raw} = {converted}")
        built.append((field.name, raw))
    cls = src.constant(model, model.__name__)
    obj = src.fresh("obj")
    # In the model's order, as its __init__ would set them.
    expressions = dict(built)
    if _plain_dataclass(model):
        values = ", ".join(f"{name!r}: {expressions[name]}" for name in model_fields)
        src.add(indent, f"{obj} = _new({cls})")
        src.add(indent, f"_set({obj}, '__dict__', {{{values}}})")
    else:
        arguments = ", ".join(f"{name}={expressions[name]}" for name in model_fields)
        src.add(indent, f"{obj} = {cls}({arguments})")
    return obj


def _has_text(t: mi.Type) -> bool:
    if isinstance(t, mi.Metadata):
        return _has_text(t.type)
    if isinstance(t, mi.UnionType):
        return any(_has_text(member) for member in t.types)
    return isinstance(t, mi.StrType)


def _literal(value: Any) -> bool:
    return value is None or isinstance(value, bool | int) and not isinstance(value, Enum)


def _compile(t: mi.StructType, *, collect: bool) -> Any:
    """The builder of struct ``t``: ``build(decoded)`` returns the model object and the
    number of keys written (and, with ``collect``, the list of every string read)."""
    src = _Source(collect)
    src.add(0, "def build(s):")
    src.add(1, "n = 0")
    if collect:
        src.add(1, "texts = []")
    result = _struct(src, 1, "s", t)
    src.add(1, f"return {result}, n, texts" if collect else f"return {result}, n")
    namespace = dict(src.names)
    exec(compile("\n".join(src.lines), f"<{__name__} builder>", "exec"), namespace)  # noqa: S102
    build = namespace["build"]
    build.source = "\n".join(src.lines)
    return build


_SCHEMA = mi.type_info(schema.Snapshot)
assert isinstance(_SCHEMA, mi.StructType)
_DECODER = msgspec.json.Decoder(_variant(_SCHEMA, {}))
_build = _compile(_SCHEMA, collect=False)
_build_collecting = _compile(_SCHEMA, collect=True)


# --- reading ------------------------------------------------------------------------------


def _plain_text(data: bytes | str) -> bool | None:
    """Whether the strings of JSON text ``data`` obey the text rules, or ``None`` when
    only its decoded strings can tell (escapes, non-ASCII text)."""
    # Only substring searches here: a regex class costs as much per character as
    # decoding the whole line.
    if isinstance(data, bytes):
        if not data.isascii() or b"\\" in data:
            return None
        return b"\x7f" not in data and (b'" ' not in data or _BLANK_ASCII.search(data) is None)
    if not data.isascii() or "\\" in data:
        return None
    # A string of only spaces starts with a quote and a space, which no two JSON
    # tokens make (a comma or a colon stands between them).
    return "\x7f" not in data and ('" ' not in data or _BLANK.search(data) is None)


def _plain_strings(texts: list[str]) -> bool:
    """Whether each decoded string obeys the text rules for sure."""
    for text in texts:
        # Every unsafe or invisible character but the Hangul fillers is unprintable.
        if not text.strip() or not text.isprintable() and _DOUBT.search(text) is not None:
            return False
    joined = "".join(texts)
    return not any(filler in joined for filler in rules.HANGUL_FILLERS)


def decode(data: bytes | str, limit: int) -> Snapshot | None:
    """The snapshot in JSON ``data`` (at most ``limit`` bytes), or ``None`` when unsure.

    ``None`` means "ask the validator": it names what is wrong, or builds the
    snapshot if this reader was merely cautious. A leading byte-order mark is ignored.
    """
    if isinstance(data, str):
        # A character is at most 4 bytes: a longer text is measured by the validator.
        if len(data) > limit // 4:
            return None
        if data.startswith(_BOM):
            data = data[1:]
        colons = data.count(":")
    else:
        if len(data) > limit:
            return None
        if data.startswith(_BOM_BYTES):
            data = data[3:]
        colons = data.count(b":")
    try:
        decoded = _DECODER.decode(data)
    except (msgspec.DecodeError, UnicodeError):
        return None
    plain = _plain_text(data)
    if plain is False:
        return None
    try:
        if plain:
            snapshot, keys = _build(decoded)
        else:
            snapshot, keys, texts = _build_collecting(decoded)
            if not _plain_strings(texts):
                return None
    except Unsure:
        return None
    return snapshot if keys == colons else None


def convert(data: Any) -> Snapshot | None:
    """The snapshot that plain JSON-like ``data`` describes, or ``None`` when unsure."""
    try:
        # Python's encoder, not msgspec's: that one writes NaN as null, which would
        # make a number an absent email.
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except Exception:  # not JSON data at all: the validator says what it is instead
        return None
    return decode(text, 4 * len(text))
