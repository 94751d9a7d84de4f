"""One ranked search over the guides and the symptoms, in every language at once.

The home screen and ``assistant guides --search`` both rank with :func:`search`, so
what a person finds on screen is what a script finds. A query is matched against each
guide's title and summary and each symptom's text and synonyms, in English and in every
translated language: a French speaker typing "unlink" or an English one typing
« mot de passe » still finds the guide. Case and accents are ignored, typos tolerated
(one wrong letter in a word of five or more, two from eight), words may be cut short
("dissoc"), and rare words weigh more than common ones ("code" more than "account").
Pure: no Textual, no engine.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.symptoms import Symptom

MIN_SCORE = 0.34
"""Below this a result is not shown as a match (the closest symptoms still are)."""

_WORD = re.compile(r"[a-z0-9]+")

# Words that carry no meaning for the search, in the languages the guides are written
# in (folded: no accents). Negations stay ("can't", "pas", "never" say it goes wrong).
_STOP_WORDS = frozenset("""
a an and the to of on in at for from with my your our is are be i me it its this that
do does did how what why when which we you am was were by or as so if then up out
le la les l un une des de du d et a au aux en dans sur pour par avec mon ma mes ton
ta tes son sa ses votre vos notre nos je j me m il elle on nous vous ils est sont
ce cet cette qu que qui quoi comment pourquoi ou se s y
t s re ve ll
""".split())

# Field weights: a title or a symptom says what the thing is; a summary only mentions.
# A guide whose title says it outranks a symptom that only mentions the word.
_TITLE, _SYMPTOM, _SYNONYM, _SUMMARY = 1.0, 0.95, 0.85, 0.55


def fold(text: str) -> str:
    """``text`` for matching: case and accents ignored (« Dissocié » → "dissocie")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The meaningful folded words of ``text`` (apostrophes split: n'arrive → arrive)."""
    return [w for w in _WORD.findall(fold(text)) if w not in _STOP_WORDS]


def _within(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` and ``b`` are at most ``limit`` edits apart (Damerau, cut short)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def word_match(query: str, word: str) -> float:
    """How well one typed word matches one word of a text, from 0 to 1."""
    if query == word:
        return 1.0
    if len(query) >= 3 and word.startswith(query):
        return 0.85  # typed so far: "dissoc" → "dissocier"
    if len(word) >= 4 and query.startswith(word):
        return 0.8  # a longer form: "unlinking" → "unlink"
    if len(query) >= 5 and len(word) >= 4:
        limit = 2 if len(query) >= 8 else 1
        if _within(query, word, limit):
            return 0.7
        # A typo in a longer form: "unlinkng" → "unlink…"
        if len(word) > len(query) and _within(query, word[: len(query)], 1):
            return 0.6
    return 0.0


@dataclass(frozen=True)
class Entry:
    """One thing the search can find: a guide, or a symptom of a guide."""

    kind: str
    """``guide`` or ``symptom``."""
    guide: str
    """The guide it opens."""
    step: str | None
    """The step it opens at (``None``: the guide's first)."""
    key: str
    """Unique among the entries (the guide id, or ``symptom:<id>``)."""
    fields: tuple[tuple[float, tuple[str, ...], str], ...] = field(repr=False)
    """``(weight, words, folded text)`` of each searchable text, every language."""


@dataclass(frozen=True)
class Result:
    """An entry and how well it matched."""

    entry: Entry
    score: float

    @property
    def kind(self) -> str:
        """``guide`` or ``symptom``."""
        return self.entry.kind

    @property
    def guide(self) -> str:
        """The guide it opens."""
        return self.entry.guide

    @property
    def step(self) -> str | None:
        """The step it opens at."""
        return self.entry.step

    @property
    def key(self) -> str:
        """The entry's unique key."""
        return self.entry.key

    def symptom_id(self) -> str | None:
        """The symptom's id, for a ``symptom`` result."""
        return self.key.removeprefix("symptom:") if self.kind == "symptom" else None


def _fields(texts: Iterable[tuple[float, str]]) -> tuple[tuple[float, tuple[str, ...], str], ...]:
    seen: set[tuple[float, str]] = set()
    out = []
    for weight, text in texts:
        folded = " ".join(_WORD.findall(fold(text)))
        if not folded or (weight, folded) in seen:
            continue
        seen.add((weight, folded))
        out.append((weight, tuple(words(text)), folded))
    return tuple(out)


class SearchIndex:
    """Guides and symptoms, ready to be searched; build once, search on every key."""

    def __init__(self, entries: Sequence[Entry], symptoms: Sequence[Symptom] = ()) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        """Everything that can be found, guides first, in the order given."""
        self.symptoms: tuple[Symptom, ...] = tuple(symptoms)
        """The symptoms searched (their text is shown for the ``symptom`` results)."""
        counts: dict[str, int] = {}
        for entry in self.entries:
            for word in {w for _weight, ws, _text in entry.fields for w in ws}:
                counts[word] = counts.get(word, 0) + 1
        total = max(len(self.entries), 1)
        self._rarity = {w: math.log(1 + total / n) for w, n in counts.items()}
        self._default_rarity = math.log(1 + total)

    def _weight(self, query_word: str) -> float:
        """How much a typed word counts: a rare word in the texts counts more."""
        best = self._rarity.get(query_word)
        if best is None:
            close = [r for w, r in self._rarity.items() if word_match(query_word, w) >= 0.6]
            best = min(close) if close else self._default_rarity
        return best

    def score(self, entry: Entry, query: str) -> float:
        """How well ``entry`` matches ``query``, 0 (not at all) to about 1.5."""
        typed = words(query)
        if not typed:
            return 0.0
        phrase = " ".join(_WORD.findall(fold(query)))
        best = 0.0
        weights = [self._weight(w) for w in typed]
        total = sum(weights) or 1.0
        for weight, field_words, folded in entry.fields:
            matched = 0.0
            for word, word_weight in zip(typed, weights, strict=True):
                matched += word_weight * max(
                    (word_match(word, w) for w in field_words), default=0.0
                )
            value = matched / total
            if value and field_words:
                # Of two texts that match as well, the one that says little else wins.
                covered = sum(1 for w in field_words
                              if any(word_match(q, w) for q in typed))
                value += 0.15 * covered / len(field_words)
            if len(phrase) >= 3 and f" {phrase} " in f" {folded} ":
                value += 0.25  # the words as typed, in that order
            best = max(best, weight * value)
        return best

    def search(self, query: str, limit: int | None = None,
               minimum: float = MIN_SCORE) -> list[Result]:
        """Entries matching ``query``, best first (ties: guides first, then list order)."""
        found = []
        for order, entry in enumerate(self.entries):
            value = self.score(entry, query)
            if value >= minimum:
                found.append((-round(value, 6), entry.kind != "guide", order,
                              Result(entry, value)))
        found.sort(key=lambda item: item[:3])
        results = [item[3] for item in found]
        return results[:limit] if limit is not None else results

    def closest_symptoms(self, query: str, limit: int = 5) -> list[Result]:
        """The symptoms nearest to ``query`` even when none really matches.

        Compared by the letter triples they share, so a query with no word in common
        (a misspelt phrase, another wording) still gets the likeliest troubles; with
        nothing at all in common, the first symptoms of the list.
        """
        grams = _trigrams(query)
        scored = []
        for order, entry in enumerate(self.entries):
            if entry.kind != "symptom":
                continue
            best = max((_overlap(grams, _trigrams(text)) for _w, _ws, text in entry.fields),
                       default=0.0)
            scored.append((-best, order, Result(entry, best)))
        scored.sort(key=lambda item: item[:2])
        return [item[2] for item in scored[:limit]]


def _trigrams(text: str) -> set[str]:
    padded = f"  {' '.join(_WORD.findall(fold(text)))} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def build_index(
    guides: Sequence[tuple[str, str, str]],
    symptoms: Sequence[Symptom],
    translators: Sequence[object],
) -> SearchIndex:
    """The search over ``guides`` (``(id, English title, English summary)``) and
    ``symptoms``, in the language of every translator given (English source included).

    Translators are :class:`assistant.i18n.translator.Translator` (typed loosely so this
    module needs none loaded); a symptom whose guide is not among ``guides`` is left out.
    """
    known = {guide_id for guide_id, _title, _summary in guides}
    entries: list[Entry] = []
    kept: list[Symptom] = []
    for guide_id, title, summary in guides:
        texts: list[tuple[float, str]] = [(_TITLE, title), (_SUMMARY, summary),
                                          (_TITLE, guide_id.replace("-", " "))]
        for t in translators:
            texts += [(_TITLE, t.gettext(title)), (_SUMMARY, t.gettext(summary))]  # type: ignore[attr-defined]
        entries.append(Entry("guide", guide_id, None, guide_id, _fields(texts)))
    for symptom in symptoms:
        if symptom.guide not in known:
            continue
        kept.append(symptom)
        texts = [(_SYMPTOM, symptom.text), *((_SYNONYM, s) for s in symptom.synonyms)]
        for t in translators:
            texts.append((_SYMPTOM, symptom.title(t)))  # type: ignore[arg-type]
            texts += [(_SYNONYM, s) for s in symptom.synonyms_in(t)]  # type: ignore[arg-type]
        entries.append(Entry("symptom", symptom.guide, symptom.step,
                             f"symptom:{symptom.id}", _fields(texts)))
    return SearchIndex(entries, kept)


def default_index(guides: Sequence[tuple[str, str, str]]) -> SearchIndex:
    """The search over ``guides`` and the shipped symptoms, in every language there is."""
    from assistant.i18n.translator import LANGUAGES, get_translator
    from assistant.symptoms import load_symptoms

    symptoms, _problems = load_symptoms()
    return build_index(guides, symptoms, [get_translator(lang) for lang in LANGUAGES])
