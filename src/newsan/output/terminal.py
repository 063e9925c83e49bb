"""The analysis for a person at a terminal: panels and tables drawn with rich.

rich is imported only when this view is drawn, so the machine formats never
pay for it.
"""

from __future__ import annotations

from typing import IO, Any


class RichWriter:
    """Panels and tables for a person at a terminal."""

    def __init__(self, stream: IO[str], *, color: bool | None = None):
        from rich.console import Console  # rich is only needed for people

        self._console = Console(file=stream, no_color=color is False or None, highlight=False,
                                force_terminal=color if color else None, soft_wrap=False)
        # rich ends the process with exit 1 when the reader goes away (| head); the command
        # treats a closed pipe as the reader's choice, as it does for the other formats
        self._console.on_broken_pipe = _closed_pipe  # type: ignore[method-assign]

    def write(self, article: dict[str, Any]) -> None:
        for renderable in rich_view(article):
            self._console.print(renderable)

    def close(self) -> None:
        pass


def _closed_pipe() -> None:
    raise BrokenPipeError


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
