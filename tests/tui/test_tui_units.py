"""The UI's pure parts: progress store, Markdown blocks, transcript, facts, guide cache."""

from __future__ import annotations

import json

import pytest

from assistant.account.scenarios import load_scenario
from assistant.engine import Runner
from assistant.i18n.translator import get_translator
from assistant.progress_store import ProgressStore
from assistant.transcript import mask_markdown, session_markdown, write_transcript
from assistant.tui.facts import account_facts, changed_keys
from assistant.tui.library_cache import LibraryCache
from assistant.tui.widgets.markdown_view import parse_markdown

# -- progress store ------------------------------------------------------------------


def test_progress_round_trips(tmp_path):
    store = ProgressStore(tmp_path / "p" / "progress.json")
    store.save({"format": "progress/1", "answers": [1, 2]}, label="x")
    envelope, set_aside = store.load()
    assert set_aside is None
    assert envelope["progress"] == {"format": "progress/1", "answers": [1, 2]}
    assert envelope["label"] == "x"


def test_progress_write_leaves_no_temporary_file(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    for answers in ([1], [1, 2], [1, 2, 3]):
        store.save({"answers": answers})
    # The lock file stays (removing it would race with a session waiting on it).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".progress.json.lock",
                                                          "progress.json"]
    assert store.load()[0]["progress"] == {"answers": [1, 2, 3]}


def test_nothing_saved_is_not_a_problem(tmp_path):
    assert ProgressStore(tmp_path / "none.json").load() == (None, None)


@pytest.mark.parametrize("content", [
    b"\xff\xfe not utf-8", b"{truncated", b"[1, 2, 3]", b'{"format": "other/1"}',
    b'{"format": "progress-file/1", "progress": 3}', b"9" * 5000,
])
def test_an_unreadable_progress_file_is_set_aside_with_a_reason(tmp_path, content):
    path = tmp_path / "progress.json"
    path.write_bytes(content)
    envelope, set_aside = ProgressStore(path).load()
    assert envelope is None
    assert set_aside is not None and set_aside.reason
    assert not path.exists()
    assert set_aside.path.read_bytes() == content


def test_an_oversized_progress_file_is_set_aside_unread(tmp_path):
    path = tmp_path / "progress.json"
    path.write_bytes(b" " * (1024 * 1024 + 10))
    assert ProgressStore(path).load()[1] is not None


def test_clearing_forgets_the_saved_place(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    store.save({"answers": []})
    store.clear()
    store.clear()
    assert store.load() == (None, None)


# -- Markdown blocks ------------------------------------------------------------------


def lines(markdown: str, width: int = 30) -> list[str]:
    return [line.plain for line in parse_markdown(markdown).lines(width)]


def test_list_items_wrap_under_their_own_text():
    shown = lines("1. First item that is long enough to wrap twice over\n2. Second")
    assert shown[0].startswith("1. First")
    assert shown[1].startswith("   ") and not shown[1].startswith("    ")
    assert shown[-1] == "2. Second"


def test_nested_bullets_are_indented_under_their_parent():
    shown = lines("- one\n  - inner item\n- two")
    assert shown == ["• one", "  ◦ inner item", "• two"]


def test_raw_html_is_dropped_and_markup_stays_text():
    shown = "\n".join(lines("<b>bold</b> [@click=app.quit]x[/] <script>x</script>", 80))
    assert "<b>" not in shown and "<script>" not in shown
    assert "[@click=app.quit]x[/]" in shown


def test_terminal_controls_never_reach_the_screen():
    shown = "\n".join(lines("a\x1b]52;c;SGVsbG8=\x07b \x9b2J c\u202ed", 80))
    assert not any(char in shown for char in "\x1b\x07\x9b\u202e")


def test_links_are_text_with_their_https_target_and_never_followable():
    document = parse_markdown("[help](https://example.org/x) [bad](javascript:alert(1))")
    shown = "\n".join(line.plain for line in document.lines(80))
    assert "help (https://example.org/x)" in shown
    assert "bad (javascript" not in shown  # a non-https target is never offered
    for line in document.lines(80):
        for span in line.spans:
            assert "@click" not in str(span.style) and "link" not in str(span.style)


def test_masked_bodies_hide_emails_but_keep_the_emphasis():
    document = parse_markdown("Sent to **ana@studio.example** now.", mask=True)
    line = document.lines(80)[0]
    assert line.plain == "Sent to a***@studio.example now."
    assert any("bold" in str(span.style) for span in line.spans)


# -- facts and transcript -------------------------------------------------------------


def test_facts_name_what_an_action_changed():
    from assistant.account.simulator import perform

    before = load_scenario("unlink-ready")
    after = perform(before, "request_unlink_code", {})
    t = get_translator("en")
    assert changed_keys(before, after, t) == {"code"}
    assert changed_keys(after, after, t) == frozenset()
    assert changed_keys(None, after, t) == frozenset()


def test_facts_mask_emails_and_follow_the_language():
    snapshot = load_scenario("switch-blocked-by-link")
    english = {f.key: f.value for f in account_facts(snapshot, get_translator("en"))}
    french = {f.key: f.value for f in account_facts(snapshot, get_translator("fr"))}
    assert english["type"] == "business" and french["type"] == "professionnel"
    assert english["business"].startswith("o***@")
    assert english.keys() == french.keys()


def test_transcript_is_in_the_language_asked_and_masked(guide_library):
    snapshot = load_scenario("switch-blocked-by-link")
    runner = Runner(guide_library, "switch-to-personal", snapshot, get_translator("fr"))
    while not runner.finished:
        runner.answer(1)
    text = session_markdown(get_translator("fr"), runner=runner, findings=[])
    assert text.startswith("# Assistant pour les comptes TikTok")
    assert "owner@" not in text
    assert mask_markdown(text) == text
    assert "\u00a0:" in text


def test_transcript_of_a_guide_stopped_midway_says_where(guide_library):
    runner = Runner(guide_library, "switch-to-personal",
                    load_scenario("switch-blocked-by-link"), get_translator("en"))
    text = session_markdown(get_translator("en"), runner=runner)
    assert "not finished (stopped at step 1)" in text


def test_transcripts_are_never_overwritten(tmp_path):
    from datetime import datetime

    when = datetime(2026, 1, 2, 3, 4, 5)
    first = write_transcript("one", "guide", tmp_path, when=when)
    second = write_transcript("two", "guide", tmp_path, when=when)
    assert first != second
    assert (first.read_text(), second.read_text()) == ("one", "two")


def test_a_transcript_goes_to_the_next_directory_when_one_is_not_usable(tmp_path):
    not_a_directory = tmp_path / "a-file"
    not_a_directory.write_text("x")
    path = write_transcript("text", "guide", not_a_directory)
    assert path.parent == tmp_path / "documents" / "TikTok account assistant"  # next in line
    assert path.read_text() == "text"


# -- guide cache ----------------------------------------------------------------------


def test_the_guide_index_cache_lists_the_loaded_guides(tmp_path):
    cache = LibraryCache(tmp_path)
    assert cache.index() is None
    loaded = cache.library()
    index = LibraryCache(tmp_path).index()
    assert [entry.id for entry in index.guides] == [g.id for g in loaded.in_topic_order()]
    assert index.topics[0] == ("linking", "Linking")


def test_the_guide_cache_holds_only_json_data(tmp_path):
    (tmp_path / "guides-0123.pickle").write_bytes(b"left by an older version")
    LibraryCache(tmp_path).library()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide-index.json"]
    data = json.loads((tmp_path / "guide-index.json").read_text(encoding="utf-8"))
    assert data["format"] == "guide-index/1"


@pytest.mark.parametrize("damage", [
    "{",
    "[]",
    '{"format": "guide-index/1", "key": "another key", "topics": [], "guides": []}',
    "KEY",  # the right key, a guide under no listed topic
    "x" * (300 * 1024),
])
def test_a_damaged_or_foreign_guide_index_is_ignored_and_rebuilt(tmp_path, damage):
    cache = LibraryCache(tmp_path)
    cache.library()
    if damage == "KEY":
        damage = json.dumps({"format": "guide-index/1", "key": cache.key, "topics": [],
                             "guides": [{"id": "x", "title": "x", "summary": "x",
                                         "topic": "nowhere"}]})
    cache.index_path.write_text(damage, encoding="utf-8")
    assert LibraryCache(tmp_path).index() is None
    assert LibraryCache(tmp_path).library().guides
    assert LibraryCache(tmp_path).index() is not None


def test_a_changed_guide_file_makes_the_index_stale(tmp_path):
    guides = tmp_path / "guides"
    guides.mkdir()
    from assistant.resources import guides_dir

    for path in guides_dir().glob("*.toml"):
        (guides / path.name).write_bytes(path.read_bytes())
    cache = LibraryCache(tmp_path / "cache", guides)
    cache.library()
    assert LibraryCache(tmp_path / "cache", guides).index() is not None
    first = sorted(guides.glob("*.toml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert LibraryCache(tmp_path / "cache", guides).index() is None


def test_the_tests_never_touch_the_real_user_directories(tmp_path):
    from platformdirs import user_cache_path, user_data_path, user_state_path

    from assistant.progress_store import APP_NAME, default_progress_path
    from assistant.transcript import transcript_directories
    from assistant.tui.settings import default_settings_path

    places = [user_state_path(APP_NAME), user_data_path(APP_NAME), user_cache_path(APP_NAME),
              default_progress_path(), LibraryCache().root, *transcript_directories(),
              default_settings_path()]
    assert all(tmp_path in place.parents or place == tmp_path for place in places), places


def test_the_language_key_names_the_other_language_or_opens_the_picker():
    from assistant.i18n.translator import get_translator
    from assistant.tui.keys import switch_label

    en, fr = get_translator("en"), get_translator("fr")
    assert switch_label(en, ("en", "fr")) == "Français"
    assert switch_label(fr, ("en", "fr")) == "English"
    assert switch_label(en, ("en", "de")) == "Deutsch"  # a new language, named in itself
    # Three or more: the key opens the picker, and says so in the current language.
    assert switch_label(en, ("en", "fr", "de")) == "Language"
    assert switch_label(fr, ("en", "fr", "de")) == fr.pgettext("key", "Language") != "Language"
