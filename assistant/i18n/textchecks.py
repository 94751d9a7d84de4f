"""Checks on one translation against its English source, the way pofilter and Weblate do.

Besides keeping the English placeholders, Markdown and typography, a translation must
obey what guide text obeys (:mod:`assistant.engine.markdown_policy`): no terminal
control, no raw HTML, no link that is not ``https``, no more than the size cap.

Each check returns :class:`TextProblem` values: an English reason marked for
translation with its fields, and a severity. :mod:`assistant.i18n.checks` places them
in a file and a line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.engine.markdown_policy import (
    MAX_BODY_CHARS,
    MAX_LINE_CHARS,
    constructs,
    markdown_issues,
)
from assistant.i18n.command_slot import command_slot_refusal
from assistant.i18n.glossary import Glossary, term_problems
from assistant.i18n.markers import N_
from assistant.i18n.safeformat import FormatRefused, placeholders, unsafe_placeholders
from assistant.problems import Severity
from assistant.safetext import is_clean

PRODUCT_NAMES = ("TikTok For Business", "TikTok Shop", "Business Center", "Ads Manager", "TikTok")
"""Names that stay in English in every language (longest first)."""

SAME_WORDS = frozenset({
    "ok", "menu", "guide", "guides", "image", "images", "code", "email", "e-mail", "admin",
    "message", "messages", "mobile", "version", "date", "article", "simulation",
    "pixel", "imac", "ipad", "iphone", "android", "web", "support", "type", "types",
    "invitation", "invitations", "action", "actions", "description", "option", "options",
})
"""Words that are also French: a translation made only of them may equal the source."""

TYPOGRAPHY_LANGUAGES = frozenset({"fr"})
"""Languages whose punctuation rules :func:`check_french_typography` enforces."""

NO_BREAK = "\u00a0\u202f"

_STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
"""An apostrophe between two letters (l'équipe): French typography writes ’."""

_CODE = re.compile(r"(`+).*?\1", re.DOTALL)
# "https://" alone counts too: a message may name the scheme ("only https:// links").
_URL = re.compile(r"https?://[^\s)>\]]*|\]\([^)]*\)")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[^\W\d_]{2,}")

# Markdown token types whose count must match, and how to name them.
_STRUCTURE = {
    "list_item_open": N_("list items"),
    "bullet_list_open": N_("bulleted lists"),
    "ordered_list_open": N_("numbered lists"),
    "heading_open": N_("headings"),
    "blockquote_open": N_("quotes"),
    "fence": N_("code blocks"),
    "code_block": N_("code blocks"),
    "link_open": N_("links"),
    "image": N_("images"),
    "strong_open": N_("bold passages"),
    "em_open": N_("italic passages"),
    "code_inline": N_("inline code"),
    "html_inline": N_("HTML tags"),
    "html_block": N_("HTML tags"),
}


@dataclass(frozen=True)
class TextProblem:
    """One thing wrong with a translation: an English reason with fields, and a severity.

    A field may itself be a :class:`TextProblem` or a ``FormatRefused`` (translated in
    turn) or a list of them (joined).
    """

    reason: str
    fields: dict[str, object] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def render(self, gettext: Callable[..., str]) -> str:
        """The reason in the reader's language (``gettext`` is ``t.gettext``)."""
        return gettext(self.reason, **{
            name: _render(value, gettext) for name, value in self.fields.items()
        })


def _render(value: object, gettext: Callable[..., str]) -> object:
    """A field of a problem: nested reasons are translated too, lists joined with ``; ``."""
    if isinstance(value, FormatRefused | TextProblem):
        return value.render(gettext)
    if isinstance(value, list):
        return "; ".join(str(_render(item, gettext)) for item in value)
    return value


def _names(text: str) -> set[str] | None:
    try:
        return placeholders(text)
    except FormatRefused:
        return None


def check_placeholders(sources: Sequence[str], forms: Sequence[str]) -> list[TextProblem]:
    """Unsafe placeholders, and placeholders that differ from the English text.

    ``sources`` is ``(msgid,)`` or ``(msgid, msgid_plural)``; a plural form may use any
    placeholder of either, and must use every one of the plural source.
    """
    english = [_names(source) for source in sources]
    if any(names is None for names in english):
        return []  # the English text itself is reported on the template
    allowed: set[str] = set().union(*english)  # type: ignore[arg-type]
    required: set[str] = english[-1] if len(sources) > 1 else allowed  # type: ignore[assignment]
    problems: list[TextProblem] = []
    for form in forms:
        unsafe = unsafe_placeholders(form)
        for refused in unsafe:
            problems.append(TextProblem(N_("unsafe placeholder: {problem}"), {"problem": refused}))
        if unsafe:
            continue
        names = placeholders(form)
        for name in sorted(names - allowed):
            problems.append(TextProblem(
                N_("placeholder {shown} is not in the English text"), {"shown": "{" + name + "}"}
            ))
        for name in sorted(required - names):
            problems.append(TextProblem(
                N_("placeholder {shown} of the English text is missing"),
                {"shown": "{" + name + "}"},
            ))
    return _unique(problems)


def _unique(problems: list[TextProblem]) -> list[TextProblem]:
    seen: list[TextProblem] = []
    for problem in problems:
        if problem not in seen:
            seen.append(problem)
    return seen


# A ``_`` between two letters or digits (``{guide_id}``) never starts emphasis.
_MARKDOWN_CHARACTER = re.compile(r"[\\`*\[\]<>&~!#]|(?<![^\W_])_|_(?![^\W_])")


def _neutral(match: re.Match[str]) -> str:
    """A placeholder Markdown cannot read (``{x.__class__}`` must not read as
    emphasis): one holding Markdown characters becomes letters; the others stay."""
    placeholder = match.group()
    if _MARKDOWN_CHARACTER.search(placeholder) is None:
        return placeholder
    return "{" + "X" * (len(placeholder) - 2) + "}"


@lru_cache(maxsize=16384)
def _structure(text: str) -> tuple[Counter[str], list[str]]:
    """The Markdown constructs of ``text`` by kind, and its link targets.

    Read from the policy's one parse of the text (:func:`constructs`), shared with
    the loader and the policy check; a placeholder is neutralised first, which
    changes the text (and costs a parse of its own) only when the placeholder holds
    Markdown characters. Callers only read the result.
    """
    counts: Counter[str] = Counter()
    links: list[str] = []
    if "{" in text:
        text = _PLACEHOLDER.sub(_neutral, text)
    for item in constructs(text):
        if item.type in _STRUCTURE:
            counts[_STRUCTURE[item.type]] += 1
        if item.type in ("link_open", "image"):
            links.append(item.target)
    return counts, links


def check_markdown(source: str, translation: str) -> list[TextProblem]:
    """The translation keeps the English Markdown: lists, links, emphasis, code."""
    expected, source_links = _structure(source)
    found, links = _structure(translation)
    problems = []
    differences = [
        TextProblem(N_("{kind}: {found} instead of {expected}"),
                    {"kind": TextProblem(kind), "found": found[kind], "expected": expected[kind]})
        for kind in sorted(set(expected) | set(found), key=list(_STRUCTURE.values()).index)
        if expected[kind] != found[kind]
    ]
    if differences:
        problems.append(TextProblem(
            N_("Markdown differs from the English text: {details}"),
            {"details": differences},
        ))
    for link in sorted(set(links) - set(source_links)):
        problems.append(TextProblem(N_("link to {url} is not in the English text"), {"url": link}))
    return problems


def _prose(text: str) -> str:
    """``text`` with code, URLs and placeholders replaced by ``X`` (their spacing is free)."""
    for pattern in (_CODE, _URL, _PLACEHOLDER):
        text = pattern.sub("X", text)
    return text


def check_french_typography(translation: str) -> list[TextProblem]:
    """No-break spaces before ``: ; ! ?`` and ``»``, after ``«``; « » rather than ``"``."""
    prose = _prose(translation)
    problems: list[TextProblem] = []
    for match in re.finditer(r"[:;!?»]", prose):
        mark, at = match.group(), match.start()
        before = prose[at - 1] if at else "\n"
        after = prose[at + 1: at + 2]
        if before in NO_BREAK or before == "\n" or (before in ":;!?" and mark != "»"):
            continue
        if mark == ":" and before.isdigit() and after.isdigit():
            continue  # a time: 10:30
        if mark == ":" and prose[at + 1: at + 3] == "//":
            continue  # a URL scheme: https://
        if mark == "!" and after == "[":
            continue  # a Markdown image
        if before in " \t":
            problems.append(TextProblem(
                N_("a plain space before “{mark}”: use a no-break space (U+00A0)"),
                {"mark": mark},
            ))
        else:
            problems.append(TextProblem(
                N_("no space before “{mark}”: French puts a no-break space (U+00A0) there"),
                {"mark": mark},
            ))
    for match in re.finditer("«", prose):
        if prose[match.end(): match.end() + 1] not in tuple(NO_BREAK):
            problems.append(TextProblem(N_("after “«” put a no-break space (U+00A0)")))
    if '"' in prose:
        problems.append(TextProblem(
            N_("straight quotes (`\"`): French uses « guillemets »"), severity=Severity.WARNING
        ))
    if _STRAIGHT_APOSTROPHE.search(prose):
        problems.append(TextProblem(
            N_("straight apostrophe (`'`): the French text uses ’ (U+2019) throughout"),
            severity=Severity.WARNING,
        ))
    return _unique(problems)


_ENGLISH_QUOTES = re.compile("[\u201c\u201d]")
_THREE_DOTS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_TRAILING = re.compile(r"[ \t\u00a0\u202f]+(?=\n|$)")
# Addressing the reader as "tu": the subject, object and possessive forms, and the
# imperative with "-toi" (connecte-toi). The assistant says "vous".
_TU = re.compile(r"(?<![\w’'-])(?:(?:tu|toi|ton|ta|tes|te)(?![\w’'-])|t[’'](?=\w))|-toi\b",
                 re.IGNORECASE)


def check_french_style(source: str, translation: str) -> list[TextProblem]:
    """English quotation marks, three dots for an ellipsis, trailing spaces, *tu*."""
    prose = _prose(translation)
    problems: list[TextProblem] = []
    if _ENGLISH_QUOTES.search(prose) and not _ENGLISH_QUOTES.search(_prose(source)):
        problems.append(TextProblem(N_(
            "English quotation marks (“…”): French uses « guillemets » with no-break "
            "spaces inside")))
    if _THREE_DOTS.search(prose) and not _THREE_DOTS.search(_prose(source)):
        problems.append(TextProblem(N_("three dots (...): French uses the ellipsis … (U+2026)"),
                                    severity=Severity.WARNING))
    if _TRAILING.search(translation) and not _TRAILING.search(source):
        problems.append(TextProblem(N_(
            "a space at the end of a line: remove it (the English has none)")))
    tu = _TU.search(prose)
    if tu:
        problems.append(TextProblem(
            N_("addresses the reader as “tu” (“{word}”): the French text says “vous”"),
            {"word": tu.group(0)},
        ))
    return problems


def check_glossary(
    glossary: Glossary | None, sources: Sequence[str], translation: str
) -> list[TextProblem]:
    """The terms of the language's glossary that ``translation`` misses or avoids."""
    if glossary is None:
        return []
    problems: list[TextProblem] = []
    where = f"{glossary.path.name if glossary.path else 'glossary'}"
    for term, found in term_problems(glossary, tuple(sources), translation):
        if found == "missing":
            problems.append(TextProblem(
                N_("the English says “{english}”: the glossary ({where}:{line}) asks for "
                   "“{translation}”"),
                {"english": term.english, "translation": term.translation, "where": where,
                 "line": term.line}, Severity.WARNING,
            ))
        else:
            problems.append(TextProblem(
                N_("“{found}”: the glossary ({where}:{line}) says “{translation}”"),
                {"found": found, "translation": term.translation, "where": where,
                 "line": term.line}, Severity.WARNING,
            ))
    return problems


def needs_translation(text: str) -> bool:
    """Whether ``text`` has words a translation should change (not only names or code)."""
    text = _prose(text)
    for name in PRODUCT_NAMES:
        text = text.replace(name, " ")
    return any(word.lower() not in SAME_WORDS for word in _WORD.findall(text))


def check_same_as_source(sources: Sequence[str], forms: Sequence[str]) -> list[TextProblem]:
    """A warning when the translation is the English text itself."""
    if any(form in sources and needs_translation(form) for form in forms):
        return [TextProblem(N_("the translation is the same as the English text"),
                            severity=Severity.WARNING)]
    return []


def _policy_issues(text: str) -> set[tuple[str, tuple[tuple[str, object], ...]]]:
    return {(issue.message, tuple(sorted(issue.fields.items())))
            for issue in markdown_issues(text, limit=MAX_BODY_CHARS)}


def check_policy(sources: Sequence[str], translation: str) -> list[TextProblem]:
    """What the translation brings that guide text may not hold.

    A terminal control, raw HTML, a link that is not ``https``, more than
    :data:`MAX_BODY_CHARS` characters: errors (the runner would strip or cut them, but
    the translator should hear of it). Only what the English text does not already
    have is reported, so a message that merely quotes ``<stdin>`` stays quiet. A
    translation of a one-line English text (a title, a label) over
    :data:`MAX_LINE_CHARS` gets a warning.
    """
    problems: list[TextProblem] = []
    if not is_clean(translation):
        char = next(c for c in translation if not is_clean(c))
        problems.append(TextProblem(
            N_("contains the terminal control character U+{code}: remove it"),
            {"code": f"{ord(char):04X}"},
        ))
    english: set[tuple[str, tuple[tuple[str, object], ...]]] = set()
    for source in sources:
        english |= _policy_issues(source)
    for issue in markdown_issues(translation, limit=MAX_BODY_CHARS):
        if (issue.message, tuple(sorted(issue.fields.items()))) not in english:
            problems.append(TextProblem(issue.message, dict(issue.fields)))
    one_line = all("\n" not in source and len(source) <= MAX_LINE_CHARS for source in sources)
    if one_line and MAX_LINE_CHARS < len(translation) <= MAX_BODY_CHARS:
        problems.append(TextProblem(
            N_("{count} characters, more than the {limit} allowed"),
            {"count": len(translation), "limit": MAX_LINE_CHARS}, Severity.WARNING,
        ))
    return problems


def check_command_slots(sources: Sequence[str], translation: str) -> list[TextProblem]:
    """A command to copy keeps the English text's shape around it (:mod:`command_slot`)."""
    refusal = command_slot_refusal(sources, translation)
    if refusal is None:
        return []
    return [TextProblem(refusal.reason, dict(refusal.fields))]


def check_translation(
    lang: str, sources: Sequence[str], forms: Sequence[str], glossary: Glossary | None = None
) -> list[TextProblem]:
    """Every text check of one translated message (``forms``: the msgstr values)."""
    problems = check_placeholders(sources, forms)
    for form in forms:
        problems += check_policy(sources, form)
        problems += check_command_slots(sources, form)
        problems += check_markdown(sources[0], form)
        if lang in TYPOGRAPHY_LANGUAGES:
            problems += check_french_typography(form)
            problems += check_french_style(sources[-1], form)
        problems += check_glossary(glossary, sources, form)
    problems += check_same_as_source(sources, forms)
    return _unique(problems)
