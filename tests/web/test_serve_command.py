"""``assistant serve`` before any browser: the one-line install hint without
textual-serve, the warning off the loopback address, bad options, the browser's
language. No server is started: the serving itself is replaced."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from assistant.cli import main

needs_textual_serve = pytest.mark.skipif(
    importlib.util.find_spec("textual_serve") is None,
    reason="textual-serve is not installed (pip install '.[web]')",
)


@pytest.fixture
def without_textual_serve(monkeypatch):
    """Imports of textual-serve fail, as after a plain ``pip install .``."""
    monkeypatch.setitem(sys.modules, "textual_serve", None)


@pytest.mark.parametrize(("lang", "words"), [("en", "install it with"),
                                              ("fr", "installez-le avec")])
def test_serve_without_textual_serve_says_how_to_install_it_in_one_line(
    without_textual_serve, capsys, lang, words
):
    assert main(["serve", "--lang", lang]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and words in err
    assert "pip install 'tiktok-account-assistant[web]'" in err
    assert "pip install '.[web]'" in err


@pytest.fixture
def serving(monkeypatch) -> list[dict[str, object]]:
    """Record each server that would have been started, instead of starting it."""
    from assistant.web.server import AssistantServer

    started: list[dict[str, object]] = []

    def serve(self: AssistantServer, debug: bool = False) -> None:
        started.append({"host": self.host, "port": self.port, "lang": self.lang,
                        "max_sessions": self.max_sessions, "root": self.root})
        self._listening()

    monkeypatch.setattr(AssistantServer, "serve", serve)
    return started


@needs_textual_serve
def test_serve_listens_on_the_loopback_address_by_default_and_prints_the_url(
    serving, capsys
):
    assert main(["serve"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "Serving the assistant on http://127.0.0.1:8000/ (Ctrl+C stops it)" in out
    [server] = serving
    assert (server["host"], server["port"], server["lang"]) == ("127.0.0.1", 8000, None)
    assert not server["root"].exists()  # the run's directory is removed at the end


@needs_textual_serve
@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "::", "desk.example"])
def test_serve_on_another_address_warns_that_there_is_no_login(serving, capsys, host):
    assert main(["serve", "--host", host, "--port", "8123"]) == 0
    _out, err = capsys.readouterr()
    assert err.count("\n") == 1
    assert f"serving on {host}" in err and "no login" in err and "access control" in err


@needs_textual_serve
@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_serve_on_a_loopback_address_does_not_warn(serving, capsys, host):
    assert main(["serve", "--host", host]) == 0
    assert capsys.readouterr().err == ""


@needs_textual_serve
def test_serve_with_lang_gives_every_session_that_language(serving, capsys):
    assert main(["serve", "--lang", "fr"]) == 0
    assert serving[0]["lang"] == "fr"
    assert "L’assistant est servi sur http://127.0.0.1:8000/" in capsys.readouterr().out


@needs_textual_serve
@pytest.mark.parametrize(("options", "field"), [
    (["--port", "0"], "--port 0"), (["--port", "70000"], "--port 70000"),
    (["--max-sessions", "0"], "--max-sessions 0"),
])
def test_serve_refuses_bad_options_in_one_line(serving, capsys, options, field):
    assert main(["serve", *options]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and field in err
    assert serving == []


@needs_textual_serve
def test_a_port_already_taken_is_one_line(capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot serve on http://127.0.0.1:{port}/" in err


@needs_textual_serve
@pytest.mark.parametrize(("header", "lang"), [
    (None, "en"), ("", "en"), ("fr", "fr"), ("fr-CA,fr;q=0.9,en;q=0.8", "fr"),
    ("de-DE,de;q=0.9,fr;q=0.8,en;q=0.7", "fr"), ("en-GB,fr;q=0.5", "en"),
    ("fr;q=0.2,en;q=0.9", "en"), ("fr;q=0, en", "en"), ("*", "en"),
    ("../../etc,fr", "fr"), ("fr;q=nan", "en"), ("x" * 5000, "en"),
])
def test_the_browser_language_comes_from_accept_language(header, lang):
    from assistant.web.server import browser_language

    assert browser_language(header) == lang
