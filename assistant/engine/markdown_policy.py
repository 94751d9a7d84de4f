"""What Markdown guide text and translations may hold, and making any text hold only that.

A step body is Markdown written by support writers and translated by volunteers. It
may not carry raw HTML, a link that is not ``https``, or more than
:data:`MAX_BODY_CHARS` characters. :func:`markdown_issues` finds what breaks this
(``assistant check`` reports it with the file and line); :func:`sanitize_markdown`
makes any text obey it, for what is shown at run time (translations included).

The parser is markdown-it's CommonMark with strikethrough, as the step view uses, but
it accepts every link target: markdown-it's own filter leaves ``javascript:`` links as
text, and a writer should still hear about them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from assistant.i18n.translator import N_
from assistant.safetext import clean

MAX_BODY_CHARS = 8_000
"""Longest step body, in characters: a step is read on a terminal, not a book."""

MAX_LINE_CHARS = 300
"""Longest title, summary or choice label, in characters."""

CUT_MARK = "…"
"""Ends a body that :func:`sanitize_markdown` had to cut."""

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# In running text only these can start markup (the rest matters at a line's start).
_MARKUP = re.compile(r"([\\`*_\[\]<>!&~#])")
_LINE_START = re.compile(r"^(\d*)([-+=|.)])")
# What could make a text more than paragraphs of plain words: a character that starts
# inline markup or an entity, a line break markdown-it reads as a newline (``\r``), or,
# at a line's start, indentation (code), a list, heading or setext marker, a number
# then ``.`` or ``)`` (a numbered list). Generous: a plain text it flags is merely parsed.
_MAY_HOLD_MARKUP = re.compile(r"[\\`*_\[\]<>&~\r]|(?:^|\n)(?:[ \t]|[-+=#|]|\d+[.)])")


@dataclass(frozen=True)
class MarkdownIssue:
    """One thing in a text that the policy refuses.

    ``message`` is an English template (marked with ``N_``) to fill with ``fields``
    through a translator; ``line`` is the 0-based line of the text it is on.
    """

    message: str
    line: int = 0
    fields: dict[str, object] = field(default_factory=dict)


def is_followable(target: str) -> bool:
    """Whether a link target may be followed: an ``https://`` address, nothing else."""
    return target.lower().startswith("https://") and not any(c in target for c in "<> \n")


class _EveryLink(MarkdownIt):
    """The parser, keeping every link whatever its target, so the policy can judge it."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
        """Accept the link: :func:`is_followable` decides, not markdown-it."""
        return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return _EveryLink("commonmark").enable("strikethrough")


def _parse(text: str) -> list[Token]:
    return _parser().parse(text)


def is_plain_text(text: str) -> bool:
    """Whether ``text`` is sure to parse as paragraphs of plain text and line breaks.

    Such a text holds no link, HTML, list, heading, emphasis or code: checks that look
    for those need not parse it (most messages and guide texts are plain).
    """
    return _MAY_HOLD_MARKUP.search(text) is None


def _shown(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def markdown_issues(text: str, *, limit: int = MAX_BODY_CHARS) -> list[MarkdownIssue]:
    """Raw HTML, links that are not ``https`` and excess length in ``text``, in order.

    ``limit`` is the size cap (use :data:`MAX_LINE_CHARS` for one-line fields).
    """
    issues: list[MarkdownIssue] = []
    if len(text) > limit:
        issues.append(MarkdownIssue(
            N_("{count} characters, more than the {limit} allowed"),
            fields={"count": len(text), "limit": limit},
        ))
    return issues + list(_content_issues(text))


@dataclass(frozen=True)
class Construct:
    """One Markdown construct of a text: its token type, its 0-based line, and what
    the policy looks at (the raw HTML, the link or image target)."""

    type: str
    line: int
    content: str = ""
    target: str = ""


@lru_cache(maxsize=16384)
def constructs(text: str) -> tuple[Construct, ...]:
    """Every construct of ``text`` (block tokens, then their inline children), from one
    parse kept per text.

    The loader, the catalogue checks (policy and Markdown structure) and the
    translator preview all ask about the same English sources: parsing is the cost
    of ``assistant check``, so each text is parsed once. A plain text is not parsed
    at all (it has no construct but paragraphs).
    """
    if is_plain_text(text):
        return ()
    found: list[Construct] = []
    for token in _parse(text):
        line = token.map[0] if token.map else 0
        found.append(Construct(token.type, line, token.content if token.type == "html_block"
                               else ""))
        for child in token.children or ():
            if child.type == "html_inline":
                found.append(Construct(child.type, line, child.content))
            elif child.type in ("link_open", "image"):
                target = child.attrs.get("href" if child.type == "link_open" else "src", "")
                found.append(Construct(child.type, line, "", str(target)))
            else:
                found.append(Construct(child.type, line))
    return tuple(found)


@lru_cache(maxsize=16384)
def _content_issues(text: str) -> tuple[MarkdownIssue, ...]:
    """The raw HTML and the links that are not ``https`` in ``text``."""
    issues: list[MarkdownIssue] = []
    for item in constructs(text):
        if item.type in ("html_block", "html_inline"):
            issues.append(_html(item.content, item.line))
        elif item.type in ("link_open", "image") and not is_followable(item.target):
            issues.append(MarkdownIssue(
                N_("link to {target}: only https:// links are allowed"),
                item.line, {"target": _shown(item.target)},
            ))
    return tuple(issues)


def _html(content: str, line: int) -> MarkdownIssue:
    return MarkdownIssue(
        N_("raw HTML {html} is not allowed: use Markdown"), line, {"html": _shown(content)}
    )


@lru_cache(maxsize=512)
def sanitize_markdown(text: str) -> str:
    """``text`` with no terminal control, no raw HTML, no link that is not ``https``.

    HTML is dropped; a link or image whose target is not ``https://`` becomes its plain
    text. A text over :data:`MAX_BODY_CHARS` is cut and ends with :data:`CUT_MARK`.
    Text that already obeys comes back unchanged.
    """
    text = clean(text)
    if len(text) > MAX_BODY_CHARS:
        text = text[: MAX_BODY_CHARS - len(CUT_MARK)].rstrip() + CUT_MARK
    if not _content_issues(text):
        return text
    rendered = _Renderer().document(_parse(text))
    if rendered is not None and not _content_issues(rendered):
        return rendered
    return plain_markdown(text)


def escape_markdown(text: str) -> str:
    """``text`` to insert in running Markdown text (a username in a body): shown as is.

    Only the characters that could start markup are escaped, so an ordinary email or
    username is left unchanged.
    """
    return _MARKUP.sub(r"\\\1", text)


def plain_markdown(text: str) -> str:
    """``text`` escaped so that Markdown shows every character of it literally."""
    lines = (_PUNCTUATION.sub(r"\\\1", line.strip()) for line in text.splitlines())
    return "\n".join(lines)


class _Unsupported(Exception):
    """A construct the renderer does not write back: fall back to plain text."""


class _Renderer:
    """Writes parsed Markdown back as Markdown, leaving out what the policy refuses."""

    def document(self, tokens: list[Token]) -> str | None:
        try:
            return "\n".join(self.blocks(SyntaxTreeNode(tokens).children)).strip("\n")
        except _Unsupported:
            return None

    def blocks(self, nodes: list[SyntaxTreeNode], tight: bool = False) -> list[str]:
        out: list[str] = []
        for node in nodes:
            lines = self.block(node)
            if lines is None:
                continue
            if out and not tight:
                out.append("")
            out.extend(lines)
        return out

    def block(self, node: SyntaxTreeNode) -> list[str] | None:
        kind = node.type
        if kind == "html_block":
            return None
        if kind == "paragraph":
            lines = self.inline(node.children).split("\n")
            return [_LINE_START.sub(r"\1\\\2", line) for line in lines]
        if kind == "heading":
            return ["#" * int(node.tag[1:]) + " " + self.inline(node.children).replace("\n", " ")]
        if kind == "hr":
            return ["***"]
        if kind == "fence":
            fence = node.markup
            return [fence + node.info, *node.content.splitlines(), fence]
        if kind == "code_block":
            return ["    " + line for line in node.content.splitlines()]
        if kind == "blockquote":
            return [("> " + line).rstrip() for line in self.blocks(node.children)]
        if kind in ("bullet_list", "ordered_list"):
            return self.items(node)
        raise _Unsupported(kind)

    def items(self, node: SyntaxTreeNode) -> list[str]:
        tight = all(
            child.hidden for item in node.children for child in item.children
            if child.type == "paragraph"
        )
        number = int(str(node.attrs.get("start", 1)))
        out: list[str] = []
        for item in node.children:
            marker = (f"{number}{node.markup}" if node.type == "ordered_list"
                      else node.markup) + " "
            number += 1
            lines = self.blocks(item.children, tight) or [""]
            if out and not tight:
                out.append("")
            out.append((marker + lines[0]).rstrip())
            out.extend((" " * len(marker) + line) if line else "" for line in lines[1:])
        return out

    def inline(self, nodes: list[SyntaxTreeNode]) -> str:
        parts: list[str] = []
        for node in nodes:
            kind = node.type
            if kind == "inline":
                parts.append(self.inline(node.children))
            elif kind == "text":
                parts.append(escape_markdown(node.content))
            elif kind == "softbreak":
                parts.append("\n")
            elif kind == "hardbreak":
                parts.append("\\\n")
            elif kind == "code_inline":
                parts.append(_code_span(node.content))
            elif kind in ("strong", "em", "s"):
                parts.append(node.markup + self.inline(node.children) + node.markup)
            elif kind == "link":
                parts.append(self.link(node, str(node.attrs.get("href", ""))))
            elif kind == "image":
                parts.append(self.link(node, str(node.attrs.get("src", "")), image=True))
            elif kind != "html_inline":
                raise _Unsupported(kind)
        return "".join(parts)

    def link(self, node: SyntaxTreeNode, target: str, image: bool = False) -> str:
        text = self.inline(node.children)
        if not is_followable(target):
            return text
        return ("!" if image else "") + f"[{text}](<{target}>)"


def _code_span(content: str) -> str:
    longest = max((len(run) for run in re.findall("`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{fence}{pad}{content}{pad}{fence}"
