"""The formats a report is written in, and which one an output file's name asks for."""

from __future__ import annotations

from typing import Any

FORMATS = ("html", "json", "md")
_SUFFIXES = {".html": "html", ".htm": "html", ".json": "json", ".md": "md", ".markdown": "md"}


def format_for(output: str | None) -> str:
    """The format -o's suffix names (report.json → json); html, the page, for any other name and stdout."""
    if output:
        for suffix, fmt in _SUFFIXES.items():
            if output.lower().endswith(suffix):
                return fmt
    return "html"


def render(report: dict[str, Any], fmt: str, *, link_base: str | None = None) -> str:
    """The text of a report dict in `fmt`; `link_base`, the page's folder, for links to articles."""
    if fmt == "json":
        from newsan.output.writers import dumps_json

        return dumps_json(report, indent=2) + "\n"
    if fmt == "md":
        from newsan.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from newsan.report.page import render_page

        return render_page(report, link_base=link_base)
    raise ValueError(f"unknown report format '{fmt}' (choose from {', '.join(FORMATS)})")
