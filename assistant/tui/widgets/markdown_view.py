"""A light Markdown view for step bodies: one widget, no child widgets, updated in place.

Textual's ``Markdown`` widget mounts a widget per block, so every step change would
unmount and mount a dozen widgets. A step body is short and simple (paragraphs,
lists, emphasis, code), so it is parsed with markdown-it into blocks of
:class:`Content` and drawn by one :class:`Document` visual that wraps each block with
a hanging indent. Updating it is a parse (cached) and a refresh.

Guide text is hostile-safe here: raw HTML is dropped, links are never followable
(their target is shown after the text when it differs), and every piece of text is
shown literally, cleaned of terminal controls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.cache import LRUCache
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from assistant.privacy import mask_text
from assistant.tui.text import shown

MAX_MARKDOWN_CHARS = 20_000
"""Longer bodies are cut: a step is read on a terminal, not a book."""

_BULLETS = ("•", "◦", "▪")


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or list item, wrapped as a unit."""

    content: Content
    indent: int = 0
    """Columns every line is shifted by (the hanging indent of list items)."""
    prefix: str = ""
    """Drawn on the first line inside the indent (a bullet or a number)."""
    prefix_column: int = 0
    """Where the prefix starts (the indent of the enclosing list)."""
    prefix_style: str = ""
    """Style of the prefix (a key name, a mark)."""
    gap_before: bool = False
    """Whether a blank line separates this block from the one before."""
    rule: bool = False
    """A horizontal rule, drawn across the width."""
    preformatted: bool = False
    """Code: lines are kept as they are, never re-wrapped."""


class Document(Visual):
    """Blocks of Markdown drawn with hanging indents; lines cached per width."""

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self.blocks = blocks
        """The blocks, in order."""
        self._lines: LRUCache[int, list[Content]] = LRUCache(4)
        self._strips: LRUCache[tuple[int, int | None, Style], list[Strip]] = LRUCache(4)

    def lines(self, width: int) -> list[Content]:
        """The document as lines of at most ``width`` cells."""
        width = max(width, 4)
        cached = self._lines.get(width)
        if cached is not None:
            return cached
        lines: list[Content] = []
        for block in self.blocks:
            if block.gap_before and lines:
                lines.append(Content(""))
            if block.rule:
                lines.append(Content("─" * width).stylize("dim"))
                continue
            indent = min(block.indent, width // 2)
            inner = width - indent
            if block.preformatted:
                wrapped = [line.truncate(inner) for line in block.content.split("\n")]
            else:
                wrapped = block.content.wrap(inner) or [Content("")]
            pad = " " * indent
            column = min(block.prefix_column, indent)
            first = (
                (" " * column + block.prefix).ljust(indent)[:indent] if block.prefix else pad
            )
            head = Content(first).stylize(block.prefix_style) if block.prefix_style else Content(
                first
            )
            for index, line in enumerate(wrapped):
                lines.append((head if index == 0 else Content(pad)) + line)
        self._lines[width] = lines
        return lines

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """Draw the lines (already wrapped, so the content below never re-wraps them)."""
        if not width:
            return []
        # Cached: a widget repaints the same lines several times (scrolling, focus,
        # a neighbour's change) and a document never changes once parsed.
        key = (width, height, style)
        strips = self._strips.get(key)
        if strips is None or options.selection is not None:
            content = Content("\n").join(self.lines(width))
            strips = content.render_strips(width, height, style, options)
            if options.selection is None:
                self._strips[key] = strips
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The widest line when nothing is wrapped."""
        widest = 0
        for block in self.blocks:
            for line in block.content.plain.split("\n"):
                widest = max(widest, block.indent + Content(line).cell_length)
        return widest

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Lines needed at ``width``."""
        return len(self.lines(width))


class _Builder:
    """Walks markdown-it tokens and collects blocks."""

    def __init__(self, mask: bool) -> None:
        self.text = _masked if mask else shown
        """Makes a piece of text safe to show (and masks personal data if asked)."""
        self.blocks: list[Block] = []
        self.lists: list[list[int | str]] = []
        """Open lists: ``[kind, counter]`` with kind ``"ol"`` or ``"ul"``."""
        self.pending_prefix: str | None = None
        self.quote_depth = 0
        self.previous_in_list = False

    def indent(self, levels: int | None = None) -> int:
        """Columns taken by the quotes and the first ``levels`` open lists."""
        indent = 2 * self.quote_depth
        for kind, counter in self.lists[:levels]:
            indent += len(f"{counter}. ") if kind == "ol" else 2
        return indent

    def add(self, content: Content, **options: bool) -> None:
        in_list = bool(self.lists)
        if not self.blocks:
            gap = False
        elif in_list and self.pending_prefix is not None:
            # Items of a list stay together; a blank line only where the list starts.
            gap = not self.previous_in_list
        else:
            gap = True
        prefix = self.pending_prefix or ""
        if self.quote_depth and not prefix:
            prefix = "▌"
        self.pending_prefix = None
        self.previous_in_list = in_list
        self.blocks.append(
            Block(content, indent=self.indent(), prefix=prefix, gap_before=gap,
                  prefix_column=self.indent(-1) if self.lists else 0, **options)
        )

    def feed(self, tokens: list[Token]) -> tuple[Block, ...]:
        heading_style = ""
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                heading_style = "bold underline" if token.tag in ("h1", "h2") else "bold"
            elif kind == "heading_close":
                heading_style = ""
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrs.get("start", 1) if kind == "ordered_list_open" else 0
                self.lists.append(
                    ["ol" if kind == "ordered_list_open" else "ul", int(start or 1) - 1]
                )
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                current = self.lists[-1]
                current[1] = int(current[1]) + 1
                depth = len(self.lists) - 1
                self.pending_prefix = (
                    f"{current[1]}." if current[0] == "ol"
                    else _BULLETS[depth % len(_BULLETS)]
                )
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind == "inline":
                self.add(_inline(token.children or [], heading_style, self.text))
            elif kind in ("fence", "code_block"):
                self.add(Content(self.text(token.content.rstrip("\n"))).stylize("italic"),
                         preformatted=True)
            elif kind == "hr":
                self.add(Content(""), rule=True)
            # html_block and everything unknown: dropped on purpose.
        return tuple(self.blocks)


def _masked(text: str) -> str:
    return mask_text(shown(text))


def _inline(children: list[Token], base: str, text_of: Callable[[str], str]) -> Content:
    """One paragraph's inline tokens as styled, literal content."""
    parts: list[tuple[str, str]] = []
    styles: list[str] = [base] if base else []
    link_targets: list[str] = []
    link_texts: list[int] = []
    for child in children:
        kind = child.type
        if kind == "text":
            parts.append((text_of(child.content), " ".join(styles)))
        elif kind == "softbreak":
            parts.append((" ", ""))
        elif kind == "hardbreak":
            parts.append(("\n", ""))
        elif kind == "code_inline":
            parts.append((text_of(child.content), " ".join([*styles, "reverse"])))
        elif kind == "strong_open":
            styles.append("bold")
        elif kind == "em_open":
            styles.append("italic")
        elif kind == "s_open":
            styles.append("strike")
        elif kind in ("strong_close", "em_close", "s_close") and len(styles) > (1 if base else 0):
            styles.pop()
        elif kind == "link_open":
            link_targets.append(str(child.attrs.get("href", "")))
            link_texts.append(len(parts))
            styles.append("underline")
        elif kind == "link_close" and link_targets:
            styles.pop()
            target = link_targets.pop()
            start = link_texts.pop()
            text = "".join(text for text, _ in parts[start:])
            if target and target != text and target.startswith("https://"):
                parts.append((f" ({shown(target, one_line=True)})", "dim"))
        elif kind == "image":
            parts.append((text_of(child.content or ""), " ".join(styles)))
        # html_inline: dropped on purpose.
    return Content.assemble(*parts)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("strikethrough")


@lru_cache(maxsize=256)
def parse_markdown(markdown: str, mask: bool = False) -> Document:
    """``markdown`` as a :class:`Document` (cached: steps are revisited often).

    With ``mask``, emails and phone numbers in the text are masked (after parsing, so
    the Markdown around them is untouched).
    """
    text = markdown[:MAX_MARKDOWN_CHARS]
    return Document(_Builder(mask).feed(_parser().parse(text)))


class MarkdownView(Widget):
    """Shows a Markdown body; :meth:`update` swaps the text in place."""

    DEFAULT_CSS = """
    MarkdownView {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, markdown: str = "", *, mask: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.mask = mask
        """Whether emails and phone numbers are masked."""
        self._markdown = markdown
        self._document = parse_markdown(markdown, mask)

    @property
    def markdown(self) -> str:
        """The Markdown source shown now."""
        return self._markdown

    def update(self, markdown: str) -> None:
        """Show ``markdown`` instead (no widget is mounted or removed)."""
        if markdown == self._markdown:
            return
        self._markdown = markdown
        before = self._document
        self._document = parse_markdown(markdown, self.mask)
        width = self.content_region.width
        same_height = bool(width) and before.get_height(self.styles, width) == (
            self._document.get_height(self.styles, width)
        )
        # A new layout of the screen only when the body needs another number of lines.
        self.refresh(layout=not same_height)

    def render(self) -> Document:
        """The parsed document, drawn by :class:`Document`."""
        return self._document

