"""The schema is the one definition of the format: the model, the reader and the
validator agree with it."""

from __future__ import annotations

import dataclasses
import json
import typing

import msgspec
import pytest

from assistant.account import model, reader, schema
from assistant.account.snapshot import default_snapshot, dump_snapshot, load_snapshot


@pytest.mark.parametrize("struct", schema.STRUCTS, ids=lambda s: s.__name__)
def test_each_structure_has_the_fields_and_defaults_of_its_model_class(struct):
    built = struct.builds
    fields = {f.name: f for f in msgspec.structs.fields(struct) if f.name != "format"}
    model_fields = {f.name: f for f in dataclasses.fields(built)}
    assert set(fields) == set(model_fields)
    for name, field in fields.items():
        expected = model_fields[name].default
        if field.required:
            assert expected is dataclasses.MISSING, name
        elif field.default_factory is list:
            assert expected == (), name
        else:
            assert field.default == expected and type(field.default) is type(expected), name


def test_the_format_literal_is_the_models_format():
    assert typing.get_args(typing.get_type_hints(schema.Snapshot)["format"]) == (model.FORMAT,)


def test_the_field_order_is_the_order_the_snapshot_is_written_in():
    data = dump_snapshot(default_snapshot())
    assert [f.name for f in msgspec.structs.fields(schema.Snapshot)] == list(data)
    assert [f.name for f in msgspec.structs.fields(schema.TikTok)] == list(data["tiktok"])
    assert [f.name for f in msgspec.structs.fields(schema.Session)] == list(data["session"])


def test_the_compiled_builder_is_generated_from_the_schema():
    source = reader._build.source
    for struct in schema.STRUCTS:
        for field in msgspec.structs.fields(struct):
            if field.name != "format":
                assert f".{field.name}" in source


def test_a_list_limit_comes_with_its_refusal():
    with pytest.raises(ValueError):
        schema.items(at_most=3)


def test_a_snapshot_written_by_the_assistant_takes_the_compiled_path():
    text = json.dumps(dump_snapshot(default_snapshot()))
    assert reader.decode(text, 1 << 20) == load_snapshot(text) == default_snapshot()
