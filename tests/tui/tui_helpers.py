"""Reading what the UI shows, and driving it, in pilot tests."""

from __future__ import annotations

from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget

from assistant.tui.screens.guide import GuideScreen
from assistant.tui.widgets.markdown_view import Document

LINKED_EXAMPLE = "switch-blocked-by-link"


def text_of(widget: Widget, width: int = 200) -> str:
    """The plain text a widget shows (wrapped at ``width`` for documents)."""
    shown = widget.render()
    if isinstance(shown, Document):
        return "\n".join(line.plain for line in shown.lines(width))
    if isinstance(shown, Content):
        return shown.plain
    return str(shown)


def screen_text(app: App[object], selector: str) -> str:
    """The text of the widget ``selector`` on the current screen."""
    return text_of(app.screen.query_one(selector))


async def press_until_finished(pilot: Pilot[object], limit: int = 30) -> list[str]:
    """Answer 1 at every step until the started guide ends; the step ids passed."""
    screen = pilot.app.screen
    assert isinstance(screen, GuideScreen)
    passed = []
    for _ in range(limit):
        view = screen.runner.view()
        passed.append(view.step)
        if view.finished:
            return passed
        await pilot.press("1")
        await pilot.pause()
    raise AssertionError(f"not finished after {limit} steps: {passed}")


async def open_from_home(pilot: Pilot[object], guide_id: str, typed: str) -> GuideScreen:
    """Type ``typed`` in the filter, highlight ``guide_id`` and press Enter."""
    from assistant.tui.widgets.guide_list import GuideList

    await pilot.press(*typed)
    await pilot.pause()
    pilot.app.screen.query_one("#guides", GuideList).highlight(guide_id)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GuideScreen)
    assert screen.runner.guide_id == guide_id
    return screen
