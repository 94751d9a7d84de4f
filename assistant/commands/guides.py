"""``assistant guides``: list the guides, grouped by topic.

Titles come from guide files and catalogues: each is printed on one line, cleaned of
terminal controls; the JSON writes them escaped (:func:`assistant.safetext.dumps`).
"""

from __future__ import annotations

import argparse

from assistant.commands.common import CommandError, Context
from assistant.engine import TOPICS, GuideLibrary, open_guides, topic_label
from assistant.i18n.translator import Translator
from assistant.safetext import SafeStream, clean_line, dumps


def require_guide(library: GuideLibrary, guide_id: str, t: Translator) -> str:
    """``guide_id`` if it loaded, else a :class:`CommandError` saying why not."""
    if guide_id in library.guides:
        return guide_id
    if library.directory is not None and (library.directory / f"{guide_id}.toml").is_file():
        raise CommandError(
            t.gettext("guide '{guide}' has problems (run 'assistant check')", guide=guide_id)
        )
    raise CommandError(
        t.gettext("unknown guide '{guide}' (see 'assistant guides')", guide=guide_id)
    )


def warn_broken(library: GuideLibrary, context: Context) -> None:
    """One line on standard error when some guide files could not be loaded."""
    broken = {p.file for p in library.problems}
    if broken:
        SafeStream(context.stderr).write(clean_line(context.translator.ngettext(
            "{n} guide file has problems: run 'assistant check'",
            "{n} guide files have problems: run 'assistant check'",
            len(broken),
        )) + "\n")


def _search(text: str, library: GuideLibrary, as_json: bool, context: Context) -> int:
    """Print the guides and symptoms matching ``text``, best first (``search/1``).

    The ranking is the home screen's (:mod:`assistant.search`); with nothing found, the
    text output offers the closest symptoms and the diagnosis instead.
    """
    from assistant.search import default_index

    t = context.translator
    out = SafeStream(context.stdout)
    index = default_index([(g.id, g.title, g.summary) for g in library.index()])
    symptoms = {f"symptom:{s.id}": s for s in index.symptoms}
    results = index.search(text)

    def title(key: str, guide_id: str) -> str:
        symptom = symptoms.get(key)
        return symptom.title(t) if symptom is not None else library.title(guide_id, t)

    if as_json:
        out.write(dumps({
            "format": "search/1",
            "lang": t.lang,
            "query": text,
            "results": [
                {"kind": r.kind, "guide": r.guide, "step": r.step,
                 "title": title(r.key, r.guide)}
                for r in results
            ],
        }, indent=2) + "\n")
        return 0
    shown = results
    if not results:
        out.write(clean_line(t.gettext(
            "Nothing matches “{text}”. The closest troubles:", text=text)) + "\n")
        shown = index.closest_symptoms(text)
    where = [r.guide + (f"/{r.step}" if r.step else "") for r in shown]
    width = max((len(w) for w in where), default=0)
    for place, result in zip(where, shown, strict=True):
        out.write(f"  {place:<{width}}  {clean_line(title(result.key, result.guide))}\n")
    if not results:
        out.write(clean_line(t.gettext(
            "Or diagnose the account: assistant diagnose FILE")) + "\n")
    return 0


def main(args: argparse.Namespace, context: Context) -> int:
    """Print the guide ids and titles (``--json``: a ``guides/1`` object)."""
    t = context.translator
    out = SafeStream(context.stdout)
    library = open_guides()
    if getattr(args, "search", None) is not None:
        return _search(args.search, library, args.json, context)
    guides = library.index()
    if args.json:
        data = {
            "format": "guides/1",
            "lang": t.lang,
            "guides": [
                {
                    "id": g.id,
                    "title": t.gettext(g.title),
                    "topic": g.topic,
                    "summary": t.gettext(g.summary),
                }
                for g in guides
            ],
        }
        out.write(dumps(data, indent=2) + "\n")
        return 0
    width = max((len(g.id) for g in guides), default=0)
    for topic in TOPICS:
        in_topic = [g for g in guides if g.topic == topic]
        if not in_topic:
            continue
        out.write(clean_line(topic_label(topic, t)) + "\n")
        for guide in in_topic:
            out.write(f"  {guide.id:<{width}}  {clean_line(t.gettext(guide.title))}\n")
    return 0
