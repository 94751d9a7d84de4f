"""The two HTML pages ``assistant serve`` writes itself: the app page and the busy page.

The app page is textual-serve's own (its ``textual.js`` draws the terminal), with the
texts translated and nothing loaded from another site. Every value put in a page is
escaped.
"""

from __future__ import annotations

from html import escape

from assistant.i18n.translator import Translator

_STYLE = """
body { background: #0c181f; margin: 0; color: rgba(255, 255, 255, 0.95);
       font-family: "Roboto Mono", menlo, monospace; }
.dialog-container { position: absolute; width: 100vw; height: 100vh; display: flex;
       align-items: center; justify-content: center; z-index: 10; }
.shade { position: absolute; width: 100%; height: 100%; background: #0c181f; }
.intro { max-width: 640px; min-height: 160px; font-size: 16px; z-index: 20;
       text-align: center; background-color: #12232d; display: flex; flex-direction: column;
       align-items: center; justify-content: center; margin: 32px; padding: 16px 32px; }
body.-first-byte .intro-dialog, body.-first-byte .intro-dialog .shade {
       opacity: 0; display: none; }
body .textual-terminal { opacity: 0; }
body.-first-byte .textual-terminal { opacity: 1; }
button, a.button { padding: 16px 32px; background-color: #5e0ba7; color: inherit;
       border: none; font: inherit; margin: 16px; display: block; text-decoration: none; }
button:hover, a.button:hover { background: #ac5af4; cursor: pointer; }
.closed-dialog { opacity: 0; display: none; }
body.-closed .closed-dialog { opacity: 1; display: flex; }
"""


def app_page(t: Translator, *, static_url: str, websocket_url: str, font_size: int) -> str:
    """The page that opens a session: the terminal, and what to say when it ends."""
    title = escape(t.gettext("TikTok account assistant"))
    ended = escape(t.gettext("Session ended."))
    again = escape(t.gettext("Start again"))
    return f"""<!DOCTYPE html>
<html lang="{escape(t.lang)}">
  <head>
    <meta charset="utf-8">
    <title>{title}</title>
    <link rel="stylesheet" href="{escape(static_url)}css/xterm.css">
    <script src="{escape(static_url)}js/textual.js"></script>
    <style>{_STYLE}</style>
    <script>
      function restart() {{ window.location.reload(); }}
    </script>
  </head>
  <body>
    <div class="dialog-container intro-dialog">
      <div class="shade"></div>
      <div class="intro"><div>{title}</div></div>
    </div>
    <div class="dialog-container closed-dialog">
      <div class="shade"></div>
      <div class="intro">
        <div class="message">{ended}</div>
        <button type="button" onclick="restart()">{again}</button>
      </div>
    </div>
    <div id="terminal" class="textual-terminal"
         data-session-websocket-url="{escape(websocket_url)}"
         data-font-size="{int(font_size)}"></div>
  </body>
</html>
"""


def busy_text(t: Translator, limit: int) -> str:
    """Why no session can start now (the page, and the terminal of a late tab)."""
    return t.ngettext(
        "The assistant is busy: {n} session is open, the most it takes at once. "
        "Close a tab that uses it, or try again in a moment.",
        "The assistant is busy: {n} sessions are open, the most it takes at once. "
        "Close a tab that uses it, or try again in a moment.",
        limit,
    )


def busy_page(t: Translator, limit: int) -> str:
    """The page shown instead of a session when the cap on sessions is reached."""
    title = escape(t.gettext("TikTok account assistant"))
    retry = escape(t.gettext("Try again"))
    return f"""<!DOCTYPE html>
<html lang="{escape(t.lang)}">
  <head>
    <meta charset="utf-8">
    <title>{title}</title>
    <style>{_STYLE}</style>
  </head>
  <body>
    <div class="dialog-container">
      <div class="intro">
        <p id="busy">{escape(busy_text(t, limit))}</p>
        <a class="button" href="">{retry}</a>
      </div>
    </div>
  </body>
</html>
"""
