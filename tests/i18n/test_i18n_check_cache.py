"""``assistant check`` remembers the catalogue half for catalogues that did not change:
the same output, from content only, and nothing trusted from the cache file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from i18n_support import Entry, compile_mo, po_path, write_po, write_template

from assistant import cli
from assistant.i18n import check_cache
from assistant.i18n.check_cache import CheckCache, catalogue_key

ENTRIES = [
    Entry("Open **Settings and privacy**", ["Ouvrez **Paramètres et confidentialité**"]),
    Entry("Back", ["Précédent"], ctx="button"),
    # A problem to remember: the placeholder is lost.
    Entry("Unlink {account}", ["Dissocier le compte"]),
]


@pytest.fixture(autouse=True)
def cache_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache enabled, in the test's own cache directory."""
    monkeypatch.delenv(check_cache.NO_CACHE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def tree(tmp_path: Path) -> Path:
    """A checkout with no guide and one French catalogue holding one problem."""
    root = tmp_path / "checkout"
    (root / "guides").mkdir(parents=True)
    locales = root / "locales"
    write_template(locales, ENTRIES)
    compile_mo(write_po(locales, ENTRIES))
    return root


def check(root: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    code = cli.main(["check", "--lang", "en", "--root", str(root), *options])
    return code, capsys.readouterr().out


def test_a_remembered_result_prints_exactly_what_checking_prints(tmp_path, capsys, monkeypatch):
    root = tree(tmp_path)
    fresh = check(root, capsys, "--no-cache")
    assert fresh[0] == 1 and "placeholder" in fresh[1]
    first = check(root, capsys)  # checks and remembers
    assert check_cache.default_cache_path().is_file()

    def no_checking(*_args, **_kwargs):
        raise AssertionError("the catalogues were checked again")

    monkeypatch.setattr("assistant.i18n.checks.check_and_count", no_checking)
    again = check(root, capsys)  # from the cache
    assert fresh == first == again


def test_one_changed_byte_is_checked_again(tmp_path, capsys):
    root = tree(tmp_path)
    assert check(root, capsys)[0] == 1
    po = po_path(root / "locales")
    po.write_text(po.read_text("utf-8").replace('"Dissocier le compte"',
                                                '"Dissocier {account}"'), "utf-8")
    compile_mo(po)
    code, out = check(root, capsys)
    assert code == 0 and "placeholder" not in out and "No problems" in out


def test_the_language_of_the_problems_is_part_of_the_key(tmp_path, capsys):
    root = tree(tmp_path)
    english = check(root, capsys)[1]
    code = cli.main(["check", "--lang", "fr", "--root", str(root)])
    french = capsys.readouterr().out
    assert code == 1 and french != english and "erreur" in french


@pytest.mark.parametrize("content", [
    b"not json",
    b"\xff\xfe",
    json.dumps({"format": "check-cache/1", "entries": "no"}).encode(),
    json.dumps([1, 2]).encode(),
    b"[" * 100_000,
])
def test_a_damaged_cache_file_is_a_miss_and_is_replaced(tmp_path, capsys, content):
    root = tree(tmp_path)
    expected = check(root, capsys, "--no-cache")
    path = check_cache.default_cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert check(root, capsys) == expected
    assert json.loads(path.read_text("utf-8"))["format"] == check_cache.FORMAT


@pytest.mark.parametrize("change", [
    lambda e: e["problems"].append(["x.po", "1", "planted", "error"]),
    lambda e: e["problems"].append(["x.po", 1, "planted", "fatal"]),
    lambda e: e["coverages"][0].__setitem__(2, -1),
    lambda e: e["coverages"].append(["fr"]),
    lambda e: e.__setitem__("problems", {}),
])
def test_an_entry_with_a_value_not_as_written_is_not_used(tmp_path, capsys, change):
    root = tree(tmp_path)
    expected = check(root, capsys)
    path = check_cache.default_cache_path()
    data = json.loads(path.read_text("utf-8"))
    change(data["entries"][0])
    path.write_text(json.dumps(data), "utf-8")
    assert check(root, capsys) == expected


def test_the_key_follows_the_content_not_the_file_names_dates(tmp_path):
    root = tree(tmp_path)
    key = catalogue_key(root / "locales", "en")
    po = po_path(root / "locales")
    data = po.read_bytes()
    po.write_bytes(data)  # same bytes, new date
    assert catalogue_key(root / "locales", "en") == key
    assert catalogue_key(root / "locales", "fr") != key
    po.write_bytes(data + b"\n")
    assert catalogue_key(root / "locales", "en") != key


def test_no_cache_variable_and_option_check_afresh(tmp_path, capsys, monkeypatch):
    root = tree(tmp_path)
    check(root, capsys, "--no-cache")
    assert not check_cache.default_cache_path().exists()
    monkeypatch.setenv(check_cache.NO_CACHE_VARIABLE, "1")
    check(root, capsys)
    assert not check_cache.default_cache_path().exists()


def test_an_unwritable_cache_is_harmless(tmp_path, capsys, monkeypatch):
    root = tree(tmp_path)
    expected = check(root, capsys, "--no-cache")
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    assert check(root, capsys) == expected
    assert CheckCache(blocker / "x" / "check.json").get("sha256:0") is None
