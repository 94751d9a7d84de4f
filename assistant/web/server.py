"""``assistant serve``: textual-serve's server, made safe to share.

textual-serve starts the app command once per browser connection (one websocket, one
process: its ``AppService``), with the server's environment and working directory.
Here each connection also gets:

- its own empty directory, its working directory and home, with the user
  directories (state, data, config, documents) inside it, removed when the tab
  closes: its saved place is its own and dies with it, and nothing lands in the
  server's current directory or the server user's files;
- served mode (:mod:`assistant.tui.served`): no path to open, transcripts downloaded;
- its language from the browser's ``Accept-Language`` (unless ``--lang`` was given);
- a place under a cap: past it, a page says the assistant is busy.

A websocket opened by a page of another site is refused (the browser says which page
opened it in ``Origin``).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import math
import shlex
import shutil
import signal
import site
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from assistant.i18n.negotiate import language_of
from assistant.i18n.translator import SOURCE_LANGUAGE, get_translator
from assistant.tui.served import SERVED_VARIABLE
from assistant.web.pages import app_page, busy_page, busy_text

log = logging.getLogger("assistant.serve")

DEFAULT_HOST = "127.0.0.1"
"""Only this machine can connect unless ``--host`` says otherwise."""
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 8
"""Sessions open at once (each is a process of its own)."""

STOP_SECONDS = 5.0
"""How long a session's process has to quit before it is killed."""


def browser_language(header: str | None) -> str:
    """The language an ``Accept-Language`` header prefers among ours, else English.

    ``fr-CA,fr;q=0.9,en;q=0.8`` → ``fr``. Tags are only compared with the known
    languages, never used to build a path.
    """
    preferences: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")[:64]):
        tag, _, parameters = item.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0 and math.isfinite(quality):
            preferences.append((-quality, position, tag.strip()))
    for _quality, _position, tag in sorted(preferences):
        lang = language_of(tag)
        if lang is not None:
            return lang
    return SOURCE_LANGUAGE


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_of(host: str, port: int) -> str:
    """The address to open in a browser."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"


@dataclass(eq=False)
class Session:
    """One browser tab: its websocket, its process and its directory."""

    directory: Path
    websocket: web.WebSocketResponse
    service: AppService | None = None
    ending: asyncio.Future[None] | None = field(default=None, repr=False)

    def environment(self, cache: Path) -> dict[str, str]:
        """What the session's process is started with, on top of the server's."""
        home = self.directory
        return {
            SERVED_VARIABLE: "1",
            "HOME": str(home),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DOCUMENTS_DIR": str(home / "documents"),
            "XDG_DOWNLOAD_DIR": str(home / "downloads"),
            # Only the guide index, made from the server's guides: shared by sessions.
            "XDG_CACHE_HOME": str(cache),
            # Packages installed with ``pip --user`` stay found with another home.
            "PYTHONUSERBASE": site.getuserbase(),
        }


class SessionService(AppService):
    """textual-serve's app process, with the session's environment added."""

    def __init__(self, command: str, *, extra_environment: dict[str, str],
                 **options: Any) -> None:
        super().__init__(command, **options)
        self.extra_environment = extra_environment
        """Added to (and winning over) the server's environment."""

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment.update(self.extra_environment)
        return environment


class AssistantServer(Server):
    """Serves the terminal UI, one process and one directory per browser tab."""

    def __init__(
        self,
        *,
        root: Path,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        lang: str | None = None,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        listening: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__("assistant", host=host, port=port, title="assistant")
        self.root = root
        """The run's own directory: ``sessions/`` and the shared ``cache/``."""
        self.lang = lang
        """The language of every session (``None``: each browser's)."""
        self.max_sessions = max_sessions
        """Sessions open at once; past it the busy page is shown."""
        self.sessions: set[Session] = set()
        """The sessions open now."""
        self._listening = listening
        (root / "sessions").mkdir(mode=0o700, exist_ok=True)
        (root / "cache").mkdir(mode=0o700, exist_ok=True)

    # -- the server's life ------------------------------------------------------------

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (or SIGTERM); every session is stopped on the way out.

        Raises :class:`OSError` when the address cannot be listened on.
        """
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s",
                            stream=sys.stderr)
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, self.request_exit)
        try:
            web.run_app(self._make_app(), host=self.host, port=self.port,
                         handle_signals=False, loop=loop, access_log=None,
                         shutdown_timeout=STOP_SECONDS,
                         print=lambda _message: self._listening())
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, ValueError):
                    loop.remove_signal_handler(signum)
            asyncio.set_event_loop(None)
            loop.close()

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print yet: the address is announced once it is listened on."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's connection and wait for its process to end."""
        sessions = list(self.sessions)
        for session in sessions:
            with contextlib.suppress(Exception):
                await session.websocket.close(code=WSCloseCode.GOING_AWAY)
        await asyncio.gather(*(self._end(session) for session in sessions),
                             return_exceptions=True)

    # -- pages ------------------------------------------------------------------------

    def language_for(self, request: web.Request) -> str:
        """The session's language: ``--lang``, else the browser's."""
        return self.lang or browser_language(request.headers.get("Accept-Language"))

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        """The app page, or the busy page when the cap is reached."""
        t = get_translator(self.language_for(request))
        headers = {"Cache-Control": "no-store", "X-Frame-Options": "SAMEORIGIN"}
        if len(self.sessions) >= self.max_sessions:
            headers["Retry-After"] = "30"
            return web.Response(text=busy_page(t, self.max_sessions), status=503,
                                content_type="text/html", headers=headers)
        secure = request.secure or request.headers.get("X-Forwarded-Proto") == "https"
        websocket_url = f"{'wss' if secure else 'ws'}://{request.host}/ws"
        font_size = min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 40)
        page = app_page(t, static_url="/static/", websocket_url=websocket_url,
                        font_size=font_size)
        return web.Response(text=page, content_type="text/html", headers=headers)

    @staticmethod
    def same_origin(request: web.Request) -> bool:
        """Whether the page that opens a websocket is one of ours (or no browser)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        return urlsplit(origin).netloc.lower() == request.host.lower()

    # -- sessions ---------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab: start its own process and relay between the two."""
        if not self.same_origin(request):
            raise web.HTTPForbidden(text="websocket from another site refused")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = min(max(to_int(request.query.get("width", "80"), 80), 20), 400)
        height = min(max(to_int(request.query.get("height", "24"), 24), 8), 200)
        lang = self.language_for(request)
        await websocket.prepare(request)
        if len(self.sessions) >= self.max_sessions:
            # Opened after the page was served: the page's terminal tells why.
            text = busy_text(get_translator(lang), self.max_sessions)
            await websocket.send_bytes(f"\r\n  {text}\r\n".encode())
            await websocket.close()
            return websocket
        directory = Path(tempfile.mkdtemp(prefix="session-", dir=self.root / "sessions"))
        session = Session(directory, websocket)
        self.sessions.add(session)
        try:
            service = SessionService(
                self.command_for(lang, directory),
                extra_environment=session.environment(self.root / "cache"),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            session.service = service
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one tab's failure never stops the server
            log.error("session failed: %s: %s", type(error).__name__, error)
        finally:
            await self._end(session)
        return websocket

    @staticmethod
    def command_for(lang: str, directory: Path) -> str:
        """The shell command textual-serve starts for a session."""
        return " ".join([
            "cd", shlex.quote(str(directory)), "&&", "exec", shlex.quote(sys.executable),
            "-m", "assistant", "--lang", shlex.quote(lang),
        ])

    async def _end(self, session: Session) -> None:
        """Stop the session's process and remove its directory (once, however asked)."""
        if session.ending is None:
            session.ending = asyncio.ensure_future(self._stop(session))
        await asyncio.shield(session.ending)

    async def _stop(self, session: Session) -> None:
        service = session.service
        try:
            if service is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(service.stop(), STOP_SECONDS)
                # textual-serve keeps the process to itself; it must not outlive the tab.
                process = getattr(service, "_process", None)
                if process is not None:
                    try:
                        await asyncio.wait_for(process.wait(), STOP_SECONDS)
                    except TimeoutError:
                        with contextlib.suppress(ProcessLookupError):
                            process.kill()
                        await process.wait()
        finally:
            self.sessions.discard(session)
            shutil.rmtree(session.directory, ignore_errors=True)
