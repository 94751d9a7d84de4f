"""The translator preview: any guide step in English and in a translation side by side,
with the catalogue checks of its messages, so a translator sees their text in place.

Every language with a catalogue is offered (``l`` cycles through them), read from the
same ``locales/`` as ``assistant check``: the checkout being edited when the app runs
inside one, else the installed one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.engine.fields import text_fields
from assistant.engine.model import AskStep, EndStep, Guide
from assistant.i18n.catalogue import language_name
from assistant.i18n.checks import checked_tree
from assistant.i18n.translator import (
    N_,
    NC_,
    SOURCE_LANGUAGE,
    Translator,
    get_translator,
    languages,
)
from assistant.tui.screens.base import AssistantScreen
from assistant.tui.text import label, literal, shown
from assistant.tui.widgets.key_bar import KeyBar
from assistant.tui.widgets.markdown_view import MarkdownView

COLUMNS = ("source", "target")
"""The English column, then the translation shown beside it."""


@dataclass(frozen=True)
class Message:
    """One translatable text of a step."""

    role: str
    """What it is (English, translated when shown): title, body, choice 2…"""
    msgid: str
    context: str | None = None
    number: int = 0


def step_messages(step: AskStep | EndStep) -> list[Message]:
    """The title, body and choice labels of ``step``, as in the catalogue."""
    messages = [
        # Translators: in the translator preview, the part of a guide step a check is about.
        Message(N_("step title"), step.title),
        # Translators: in the translator preview, the part of a guide step a check is about.
        Message(N_("step body"), step.body),
    ]
    if isinstance(step, AskStep):
        messages += [
            # Translators: in the translator preview, the label of the nth choice of a step.
            Message(N_("choice {n}"), choice.label, choice.context, number)
            for number, choice in enumerate(step.choices, start=1)
        ]
    return messages


def translation_of(message: Message, t: Translator) -> str | None:
    """The raw translation of ``message`` in ``t``'s catalogue, ``None`` if there is none."""
    if t.messages is None:
        return None
    forms = t.messages.entries.get((message.context, message.msgid))
    return forms[0] if forms and forms[0] else None


class TranslatorScreen(AssistantScreen):
    """Pick a step on the left; read it in both languages, and what the checks say."""

    CSS_PATH = "translator.tcss"

    AUTO_FOCUS = "#tp-steps"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "home", NC_("key", "Home"),
                tooltip=NC_("key help", "Back to the guides")),
        Binding("l", "next_language", NC_("key", "Other language"),
                tooltip=NC_("key help", "Show the next translation")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected: tuple[str, str] | None = None
        """The ``(guide, step)`` shown."""
        tree = checked_tree()
        self.locales = tree.locales if tree.guides is not None else None
        """The catalogues previewed (those ``assistant check`` checks); ``None``: the app's."""
        self.targets = [lang for lang in languages(self.locales) if lang != SOURCE_LANGUAGE]
        """Every translation, in order; the preview shows one at a time."""
        self.target = self.targets[0] if self.targets else SOURCE_LANGUAGE
        """The translation shown beside the English."""

    def compose(self) -> ComposeResult:
        """The step list, the two language columns, the check results."""
        yield Static(id="tp-title")
        with Horizontal(id="tp-main"):
            yield OptionList(id="tp-steps", markup=False)
            with Vertical(id="tp-columns"):
                with Horizontal(id="tp-panes"):
                    for lang in COLUMNS:
                        with VerticalScroll(id=f"tp-{lang}", classes="tp-pane"):
                            yield Static(id=f"tp-{lang}-title", classes="tp-step-title")
                            yield MarkdownView(id=f"tp-{lang}-body")
                            yield Static(id=f"tp-{lang}-choices", classes="tp-choices")
                with VerticalScroll(id="tp-checks-scroll"):
                    yield Static(id="tp-checks")
        yield KeyBar()

    def on_mount(self) -> None:
        """List every shown step of every guide, by guide."""
        steps = self.query_one("#tp-steps", OptionList)
        options: list[Option] = []
        for guide in self.app.library.in_topic_order():
            options.append(Option(label(guide.id).stylize("bold"), disabled=True))
            for step in self._shown_steps(guide):
                options.append(Option(label("  " + step.id), id=f"{guide.id}/{step.id}"))
        steps.set_options(options)
        first = next((option.id for option in options if option.id), None)
        if first is not None:
            steps.highlighted = steps.get_option_index(first)
            guide_id, step_id = first.split("/", 1)
            self.selected = (guide_id, step_id)

    @staticmethod
    def _shown_steps(guide: Guide) -> list[AskStep | EndStep]:
        return [s for s in guide.steps.values() if isinstance(s, AskStep | EndStep)]

    def relabel(self) -> None:
        """The chrome in the current language; the columns stay English and French."""
        self.show_step()

    def show_step(self) -> None:
        """Fill both columns and the checks for the selected step."""
        t = self.t
        if self.selected is None:
            self.query_one("#tp-title", Static).update(
                literal(t.gettext("Translator preview: no guide to show."), "bold")
            )
            return
        guide_id, step_id = self.selected
        step = self.app.library.guides[guide_id].steps[step_id]
        assert isinstance(step, AskStep | EndStep)
        self.query_one("#tp-title", Static).update(literal(
            t.gettext("Translator preview: {guide} / {step}", guide=guide_id, step=step_id),
            "bold", one_line=True,
        ))
        fields = text_fields(self.app.account.snapshot)
        translated = (get_translator(self.target) if self.locales is None
                      else get_translator(self.target, self.locales))
        self._fill_column("source", step, get_translator(SOURCE_LANGUAGE), fields)
        self._fill_column("target", step, translated, fields)
        self._show_checks(step, translated)

    def action_next_language(self) -> None:
        """Show the next language that has a catalogue beside the English."""
        if self.targets:
            self.target = self.targets[(self.targets.index(self.target) + 1) % len(self.targets)
                                       ] if self.target in self.targets else self.targets[0]
            self.show_step()

    def _fill_column(self, lang: str, step: AskStep | EndStep, t: Translator,
                     fields: dict[str, object]) -> None:
        def render(message: Message) -> str:
            if message.context:
                return t.pgettext(message.context, message.msgid, **fields)
            return t.gettext(message.msgid, **fields)

        messages = step_messages(step)
        pane = self.query_one(f"#tp-{lang}", VerticalScroll)
        pane.border_title = Content(language_name(t.requested or t.lang))
        self.query_one(f"#tp-{lang}-title", Static).update(
            literal(render(messages[0]), "bold")
        )
        self.query_one(f"#tp-{lang}-body", MarkdownView).update(render(messages[1]))
        choices = [f"{m.number}. {render(m)}" for m in messages[2:]]
        self.query_one(f"#tp-{lang}-choices", Static).update(
            Content("\n").join(literal(choice) for choice in choices)
        )

    def _show_checks(self, step: AskStep | EndStep, translated: Translator) -> None:
        """One line per message: fine, not translated yet, or what is wrong."""
        from assistant.i18n.textchecks import check_translation

        t = self.t
        lines: list[Content] = [literal(t.gettext(
            "Catalogue checks ({language})", language=language_name(self.target)),
            "bold", one_line=True)]
        for message in step_messages(step):
            role = t.gettext(message.role, n=message.number) if message.number else t.gettext(
                message.role
            )
            translation = translation_of(message, translated)
            if translation is None:
                results = [("▲ ", "bold $text-warning", t.gettext("not translated yet"))]
            else:
                problems = check_translation(self.target, [message.msgid], [translation])
                results = [("✖ ", "bold $text-error", problem.render(t.gettext))
                           for problem in problems] or [
                    ("✔ ", "bold $text-success",
                     t.pgettext("translation check result", "no problem found"))
                ]
            for mark, style, text in results:
                # Translators: one check line of the preview, e.g. "step title: no problem found".
                line = t.gettext("{what}: {result}", what=role, result=text)
                lines.append(Content.assemble((mark, style), shown(line)))
        self.query_one("#tp-checks", Static).update(Content("\n").join(lines))

    @on(OptionList.OptionHighlighted, "#tp-steps")
    def _step_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            guide_id, step_id = event.option.id.split("/", 1)
            self.selected = (guide_id, step_id)
            self.show_step()

    def action_home(self) -> None:
        """Back to the guides."""
        self.dismiss()
