"""Views of the data model: plain dicts for machines, a rich view for people.

`article_to_dict` is the single mapping from the data model to the versioned
output schema (`newsan/1`, see `examples/newsan.schema.json`); JSON, JSON
Lines and YAML are three serializations of it. Writers stream: each article
is written as soon as it is analyzed, so memory stays flat over archives.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

import yaml

from newsan.model import SCHEMA_VERSION, Article, Entity, Sentence, Speaker

FORMATS = ("rich", "json", "jsonl", "yaml")


# --------------------------------------------------------------------------- dicts


def article_to_dict(article: Article, *, tokens: bool = False, embedded: bool = False) -> dict[str, Any]:
    """The schema view of an article; `embedded` for related articles (no path)."""
    data: dict[str, Any] = {}
    words = article.word_count
    if not embedded:
        data["path"] = article.path
    data.update({
        "title": article.title,
        "dateline": article.dateline,
        "source": article.source,
        "encoding": article.encoding,
        "stats": {"words": words, "sentences": len(article.sentences)},
        "entities": [_entity(e) for e in article.entities],
        "speakers": [_speaker(s) for s in article.speakers],
        "related_articles": [article_to_dict(r, tokens=tokens, embedded=True) for r in article.related_articles],
        "related_headlines": list(article.related_headlines),
        "keywords": list(article.keywords),
        "summary": {
            "headline": article.title,
            "dateline": article.dateline,
            "source": article.source,
            "lead": article.summary.lead,
            "key_sentences": list(article.summary.key_sentences),
            "top_entities": {k: list(v) for k, v in article.summary.top_entities.items()},
            "quoted": [dict(q) for q in article.summary.quoted],
            "words": words,
            "sentences": len(article.sentences),
        },
        "sections": [{"kind": s.kind, "start": s.start, "end": s.end} for s in article.sections],
    })
    if not embedded:
        data["metadata"] = dict(article.metadata)
        data["warnings"] = list(article.warnings)
    if tokens:
        data["sentences"] = [_sentence(s) for s in article.sentences]
    return data


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "text": entity.text,
        "type": entity.type,
        "count": entity.count,
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in entity.mentions],
    }


def _speaker(speaker: Speaker) -> dict[str, Any]:
    return {
        "name": speaker.name,
        "title": speaker.title,
        "organization": speaker.organization,
        "role": speaker.role,
        "mentions": list(speaker.mentions),
        "quotes": [{"text": q.text, "kind": q.kind, "cue": q.cue, "start": q.start, "end": q.end}
                   for q in speaker.quotes],
    }


def _sentence(sentence: Sentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "tokens": [{"text": t.text, "start": t.start, "end": t.end, "norm": t.norm} for t in sentence.tokens],
    }


# --------------------------------------------------------------------------- writers

# Characters JSON allows raw in strings but many line readers (str.splitlines, JavaScript) take for line ends:
# written as escapes, one JSON Lines record stays one line for every reader. Arabic stays readable.
_LINE_BREAKING = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def dumps_json(data: Any, indent: int | None = None) -> str:
    """JSON text of `data`, non-ASCII kept as written except the characters some readers split lines on."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_LINE_BREAKING)


class JsonWriter:
    """One JSON object `{"schema": ..., "articles": [...]}`, written article by article."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self._count = 0

    def write(self, article: dict[str, Any]) -> None:
        self._stream.write(f'{{"schema": "{SCHEMA_VERSION}", "articles": [\n' if self._count == 0 else ",\n")
        self._stream.write(dumps_json(article, indent=2))
        self._count += 1

    def close(self) -> None:
        if self._count == 0:
            self._stream.write(f'{{"schema": "{SCHEMA_VERSION}", "articles": [\n')
        self._stream.write("\n]}\n")
        self._stream.flush()


class JsonLinesWriter:
    """One article per line, flushed at once so `| jq` sees it immediately."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, article: dict[str, Any]) -> None:
        self._stream.write(dumps_json({"schema": SCHEMA_VERSION, **article}) + "\n")
        self._stream.flush()

    def close(self) -> None:
        self._stream.flush()


class YamlWriter:
    """A YAML mapping `schema:` / `articles:`, one list item per article."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self._count = 0

    def write(self, article: dict[str, Any]) -> None:
        if self._count == 0:
            self._stream.write(f"schema: {SCHEMA_VERSION}\narticles:\n")
        self._stream.write(yaml.safe_dump([article], allow_unicode=True, sort_keys=False, width=10_000))
        self._count += 1

    def close(self) -> None:
        if self._count == 0:
            self._stream.write(f"schema: {SCHEMA_VERSION}\narticles: []\n")
        self._stream.flush()


class RichWriter:
    """Panels and tables for a person at a terminal."""

    def __init__(self, stream: TextIO, *, color: bool | None = None):
        from rich.console import Console  # rich is only needed for people

        self._console = Console(file=stream, no_color=color is False or None, highlight=False,
                                force_terminal=color if color else None, soft_wrap=False)

    def write(self, article: dict[str, Any]) -> None:
        for renderable in rich_view(article):
            self._console.print(renderable)

    def close(self) -> None:
        pass


def make_writer(fmt: str, stream: TextIO, *, color: bool | None = None):
    if fmt == "json":
        return JsonWriter(stream)
    if fmt == "jsonl":
        return JsonLinesWriter(stream)
    if fmt == "yaml":
        return YamlWriter(stream)
    if fmt == "rich":
        return RichWriter(stream, color=color)
    raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")


# --------------------------------------------------------------------------- rich view


def rich_view(article: dict[str, Any], *, level: int = 0) -> list[Any]:
    """The renderables for one article: header, summary, entities, speakers, page parts."""
    from rich import box
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    header = Text()
    header.append(article.get("title") or "(no headline)", style="bold")
    facts = [("dateline", article.get("dateline")), ("source", article.get("source")),
             ("words", article["stats"]["words"]), ("sentences", article["stats"]["sentences"])]
    if article.get("encoding") and article["encoding"] != "utf-8":
        facts.append(("encoding", article["encoding"]))
    header.append("\n" + "  ·  ".join(f"{k}: {v}" for k, v in facts if v not in (None, "")), style="dim")
    for warning in article.get("warnings", []):
        header.append(f"\n⚠ {warning}", style="yellow")
    summary = article["summary"]
    body = Text()
    if summary.get("lead"):
        body.append("Lead\n", style="bold cyan")
        body.append(summary["lead"] + "\n")
    if summary.get("key_sentences"):
        body.append("\nKey sentences\n", style="bold cyan")
        for sentence in summary["key_sentences"]:
            body.append(f"• {sentence}\n")
    path = article.get("path") or "related article"
    parts.append(Panel(Text.assemble(header, "\n\n", body), title=path, title_align="left",
                       box=box.ROUNDED if level == 0 else box.SIMPLE))

    if article["speakers"]:
        table = Table(title="Who is quoted", box=box.SIMPLE_HEAVY, show_lines=True, expand=True)
        for column in ("speaker", "title", "affiliation"):  # affiliation: the organization field
            table.add_column(column, overflow="fold", ratio=1)
        table.add_column("role", no_wrap=True)  # one short word; it sizes itself
        table.add_column("quotes", overflow="fold", ratio=2)
        for speaker in article["speakers"]:
            quotes = "\n".join(f"[{q['kind']}{'/' + q['cue'] if q.get('cue') else ''}] {q['text']}"
                               for q in speaker["quotes"])
            table.add_row(speaker["name"] or "—", speaker["title"] or "—", speaker["organization"] or "—",
                          speaker["role"], Text(quotes))
        parts.append(table)

    if article["entities"]:
        table = Table(title="Named entities", box=box.SIMPLE_HEAVY, expand=False)
        table.add_column("type")
        table.add_column("entity", overflow="fold")
        table.add_column("count", justify="right")
        table.add_column("also written", overflow="fold")
        for entity in article["entities"][:25]:
            variants = sorted({m["text"] for m in entity["mentions"]} - {entity["text"]})
            table.add_row(entity["type"], entity["text"], str(entity["count"]), "، ".join(variants))
        if len(article["entities"]) > 25:
            table.caption = f"… and {len(article['entities']) - 25} more (see --format json)"
        parts.append(table)

    extras = Text()
    if article.get("keywords"):
        extras.append("Keywords: ", style="bold")
        extras.append("، ".join(article["keywords"]) + "\n")
    if article.get("related_headlines"):
        extras.append("Related headlines:\n", style="bold")
        for headline in article["related_headlines"]:
            extras.append(f"  • {headline}\n")
    if extras:
        parts.append(extras)
    for related in article.get("related_articles", []):
        parts.append(Text("Embedded related article", style="bold magenta"))
        parts.extend(rich_view(related, level=level + 1))
    return parts
