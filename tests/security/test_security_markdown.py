"""Hostile Markdown in guides and translations: reported by check, neutralised when shown."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from security_support import raw_controls, run_cli, small_guide

from assistant.account.snapshot import default_snapshot
from assistant.engine import Runner, load_guides
from assistant.engine.markdown_policy import (
    CUT_MARK,
    MAX_BODY_CHARS,
    MAX_LINE_CHARS,
    escape_markdown,
    markdown_issues,
    sanitize_markdown,
)
from assistant.i18n.translator import Translator

HOSTILE_BODIES = {
    "html-block": ("Hello.\n\n<script>alert(1)</script>\n", "raw HTML <script>"),
    "html-inline": ("Hello <img src=x onerror=alert(1)> there.", "raw HTML <img"),
    "html-comment": ("Hello.\n\n<!-- hidden -->\n", "raw HTML <!--"),
    "javascript-link": ("Click [here](javascript:alert(1)).", "link to javascript:alert(1)"),
    "file-link": ("See [the file](file:///etc/passwd).", "link to file:///etc/passwd"),
    "http-link": ("See [the site](http://tiktok.example).", "link to http://tiktok.example"),
    "data-link": ("See [this](data:text/html;base64,PHNjcmlwdD4=).", "link to data:text/html"),
    "autolink": ("Go to <http://tiktok.example>.", "link to http://tiktok.example"),
    "reference-link": ("See [this][x].\n\n[x]: javascript:alert(1)\n",
                       "link to javascript:alert(1)"),
    "image": ("![logo](file:///etc/passwd)", "link to file:///etc/passwd"),
    "too-long": ("word " * (MAX_BODY_CHARS // 5 + 1), "characters, more than the 8000 allowed"),
}

SAFE_BODIES = [
    "Open **Settings and privacy** → *Manage account*.",
    "See [the help centre](https://support.tiktok.example/unlink).",
    "Type `<b>` in a code span, it is only text.",
    "```\n<script>alert(1)</script>\n```",
    "1. First\n2. Second with [a link](https://ads.tiktok.example)\n   - nested",
    "> A quote with ~~strike~~ and {username}.",
]


@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_markdown_issues_finds_each_hostile_construct(name):
    body, expected = HOSTILE_BODIES[name]
    messages = [issue.message.format(**issue.fields) for issue in markdown_issues(body)]
    assert any(expected in message for message in messages), messages


@pytest.mark.parametrize("body", SAFE_BODIES)
def test_ordinary_markdown_is_allowed_and_left_unchanged(body):
    assert markdown_issues(body) == []
    assert sanitize_markdown(body) == body


def test_a_one_line_field_has_a_smaller_cap():
    assert markdown_issues("x" * (MAX_LINE_CHARS + 1), limit=MAX_LINE_CHARS)
    assert not markdown_issues("x" * MAX_LINE_CHARS, limit=MAX_LINE_CHARS)


@pytest.mark.parametrize("name", sorted(set(HOSTILE_BODIES) - {"too-long"}))
def test_sanitize_drops_html_and_unfollowable_links(name):
    body, _ = HOSTILE_BODIES[name]
    safe = sanitize_markdown(body)
    assert markdown_issues(safe) == []
    for gone in ("<script", "<img", "<!--", "javascript:", "file:", "data:", "](http:"):
        assert gone not in safe


def test_sanitize_keeps_the_text_of_a_link_it_unlinks():
    safe = sanitize_markdown("Click [here](javascript:alert(1)) and [there](https://ok.example).")
    assert safe == "Click here and [there](<https://ok.example>)."


def test_sanitize_keeps_structure_around_what_it_drops():
    safe = sanitize_markdown("# Title <b>x</b>\n\n- one <i>1</i>\n- two\n\n> quote <span>")
    assert safe == "# Title x\n\n- one 1\n- two\n\n> quote"


def test_sanitize_cuts_an_oversized_body():
    safe = sanitize_markdown("a" * (MAX_BODY_CHARS * 3))
    assert len(safe) == MAX_BODY_CHARS and safe.endswith(CUT_MARK)


def test_sanitize_removes_terminal_controls():
    assert sanitize_markdown("a\x1b[2J\x9b\u202eb") == "a[2Jb"


def test_escape_markdown_shows_markup_as_text_and_leaves_emails_alone():
    assert escape_markdown("[@click=app.quit]x[/]") == "\\[@click=app.quit\\]x\\[/\\]"
    assert escape_markdown("<b>*x*</b>") == "\\<b\\>\\*x\\*\\</b\\>"
    assert escape_markdown("owner@maisonlune.example") == "owner@maisonlune.example"


MARKDOWNISH = st.lists(
    st.sampled_from(list("<>[]()!*_`~#-+=|&;:/\\.\n 1aZé") + [
        "javascript:", "http://", "https://x", "<b>", "</div>", "<!--", "-->", "\n\n",
        "    ", "```", "> ", "- ", "1. ", "![", "](", "\x1b", "\x9b", "\u202e",
    ]),
    max_size=40,
).map("".join)


@given(MARKDOWNISH)
def test_sanitized_text_never_holds_html_or_an_unfollowable_link(text):
    safe = sanitize_markdown(text)
    assert [i for i in markdown_issues(safe) if "characters" not in i.message] == []
    assert raw_controls(safe.replace("\n", "")) == []
    assert sanitize_markdown(safe) == safe


def _write(tmp_path, monkeypatch, body: str):
    path = tmp_path / "small.toml"
    path.write_text(small_guide(body=body), encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_GUIDES_DIR", str(tmp_path))
    monkeypatch.setattr("assistant.commands.check._catalogue_problems", lambda t: [])
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_check_reports_hostile_markdown_with_file_and_line(capsys, tmp_path, monkeypatch, name):
    body, expected = HOSTILE_BODIES[name]
    path = _write(tmp_path, monkeypatch, body)
    code, out, _ = run_cli(capsys, "check")
    assert code == 1 and raw_controls(out) == []
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                if text.startswith("body = "))
    assert f"{path}:{line}: error: step 'first': field 'body': " in out
    assert expected in out


def test_check_points_at_the_line_of_a_multiline_body(capsys, tmp_path, monkeypatch):
    path = _write(tmp_path, monkeypatch, "")
    text = path.read_text().replace(
        'body = ""', 'body = """\n\nFirst line.\n\nThen <b>bold</b>.\n"""'
    )
    path.write_text(text)
    code, out, _ = run_cli(capsys, "check")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("Then <b>"))
    assert code == 1 and f"{path}:{line}: error: step 'first': field 'body': raw HTML <b>" in out


class _HostileBodies(Translator):
    """English, with hostile Markdown added to every message, as a bad catalogue could."""

    def gettext(self, message: str, **fields: object) -> str:
        return super().gettext(message, **fields) + (
            " <script>alert(1)</script> [x](javascript:alert(1)) ![i](file:///etc/passwd)"
        )


def test_the_runner_sanitizes_every_body_even_from_a_translation():
    library = load_guides()
    runner = Runner(library, "unlink-business", default_snapshot(), _HostileBodies("en"))
    bodies = [runner.view().body] + [step.body for step in runner.shown_steps()]
    for body in bodies:
        assert markdown_issues(body) == []
        assert "<script" not in body and "javascript:" not in body and "file:" not in body
