"""A report as Markdown: the page's tables as pipe tables, for a README, an issue or a pull request."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from newsan.report.tables import GENDERS, ROLES


def render_markdown(report: dict[str, Any], *, rows: int = 25) -> str:
    """The report's main tables, `rows` rows each (the JSON has them all)."""
    people = [row for row in report["speakers"] if row["kind"] == "person"][:rows]
    parts = [
        "# Who gets a voice: newsan report\n",
        f"{report['articles']} articles, {report['quotes']} quotes ({report['schema']}).\n",
        "## People quoted most\n",
        _table(["name", "quotes", "articles", "role", "gender", "title", "organization", "variants"],
               ([row["name"], row["quotes"], row["articles"], row["role"], row["gender"] or "unknown",
                 ", ".join(row["titles"][:2]), ", ".join(row["organizations"][:2]), ", ".join(row["variants"][1:4])]
                for row in people)),
        "## Organizations quoted most\n",
        _table(["organization", "quotes", "speaking", "by its people", "articles", "people"],
               ([row["name"], row["quotes"], row["spoken"], row["by_members"], row["articles"],
                 ", ".join(row["members"][:3])] for row in report["organizations"][:rows])),
        "## Quotes by role and gender\n",
        _table(["", *ROLES, *GENDERS], [["all", *_shares(report)]]),
        "## By outlet\n",
        _table(["outlet", "articles", "quotes", *ROLES, *GENDERS],
               ([row["outlet"], row["articles"], row["quotes"], *_shares(row)] for row in report["by_outlet"])),
        "## By month\n",
        _table(["month", "articles", "quotes", *ROLES, *GENDERS],
               ([row["month"], row["articles"], row["quotes"], *_shares(row)] for row in report["by_month"]))
        if report["by_month"] else f"No dated article ({report['undated']} without a date).\n",
        "## Experts\n",
        _table(["expert", "organization", "title", "quotes", "articles", "topics"],
               ([row["name"], row["organization"] or "", row["title"] or "", row["quotes"], row["articles"],
                 ", ".join(row["topics"])] for row in report["experts"][:rows])),
        "## Who appears with whom\n",
        _table(["a", "b", "articles"], ([f"{row['a']} ({row['a_type']})", f"{row['b']} ({row['b_type']})",
                                        row["articles"]] for row in report["cooccurrence"][:rows])),
    ]
    return "\n".join(parts)


def _shares(row: dict[str, Any]) -> list[int]:
    return [row["roles"][key] for key in ROLES] + [row["genders"][key] for key in GENDERS]


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")
