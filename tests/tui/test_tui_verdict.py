"""Issue "Never stuck", in the UI: a guide opened from a finding ends on an outcome that
shows the finding cleared and offers the next guide; a typed answer is a text box."""

from __future__ import annotations

from engine_paths import walk

from assistant.tui.screens.diagnose import DiagnoseScreen
from assistant.tui.screens.guide import GuideScreen
from assistant.tui.widgets.choice_bar import ChoiceBar


def _shortest_success(app, guide_id):
    """The answers of the shortest path of ``guide_id`` to success on the app's account."""
    found = walk(app.library, guide_id, app.simulated)
    successes = [answers for answers, outcome, _final in found.paths if outcome == "success"]
    assert successes, f"{guide_id} cannot succeed on this account"
    return min(successes, key=len)


async def test_a_guide_opened_from_a_finding_shows_it_cleared_and_offers_the_next(make_app):
    app = make_app()  # the linked example: the intent is switch-to-personal
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, DiagnoseScreen)
        first = app.screen.findings[0]
        assert first.code == "linked-to-business" and first.guide == "unlink-business"
        answers = _shortest_success(app, "unlink-business")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuideScreen) and screen.runner.guide_id == "unlink-business"
        for answer in answers:
            if isinstance(answer, str):
                screen.query_one("#answer-input").value = answer
                await pilot.press("enter")
            else:
                await pilot.press(str(answer))
            await pilot.pause()
        assert screen.runner.outcome == "success"
        body = screen.query_one("#step-body").markdown
        assert f"Cleared: {first.title}" in body
        labels = screen.query_one("#choices", ChoiceBar).labels
        assert labels[-1] == "Next: Switch to a personal account"
        await pilot.press(str(len(labels)))
        await pilot.pause()
        following = app.screen
        assert isinstance(following, GuideScreen)
        assert following.runner.guide_id == "switch-to-personal"
        assert following.runner.initial == screen.runner.snapshot, "on the account as it is now"


async def test_a_refused_typed_answer_is_selected_so_the_next_attempt_replaces_it(make_app):
    from assistant.account.scenarios import load_scenario

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_guide("add-member", load_scenario("add-member-ready"), start="invite-form")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuideScreen) and screen.runner.place[-1][1] == "invite-form"
        box = screen.query_one("#answer-input")
        box.focus()
        await pilot.press(*"ana.studio", "enter")
        await pilot.pause()
        assert screen.query_one("#input-error").display
        assert screen.runner.place[-1][1] == "invite-form"
        assert box.selected_text == "ana.studio"  # shown, and selected
        await pilot.press(*"ana@studio.example")
        assert box.value == "ana@studio.example"  # replaced, not appended
        await pilot.press("enter")
        await pilot.pause()
        assert screen.runner.place[-1][1] != "invite-form"
