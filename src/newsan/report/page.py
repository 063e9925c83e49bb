"""A report as one self-contained HTML page: inline CSS, inline script, charts as inline SVG.

It opens offline from a file: nothing is fetched (no font, script or style
from a CDN). The page is right to left with an Arabic-capable font stack;
its tables are written out in full (readable without the script), and the
inline script only adds sorting and filtering, then marks the page
`data-ready`, so a headless browser can tell the script ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import quote

from newsan.report.charts import legend, network, share_bar
from newsan.report.tables import GENDERS, ROLES

LABELS = {"expert": "خبير", "official": "مسؤول", "institution": "مؤسسة", "media": "إعلام", "other": "آخر",
          "female": "أنثى", "male": "ذكر", "unknown": "غير محدد", "person": "شخص", "organization": "جهة",
          "PER": "شخص", "ORG": "جهة", "LOC": "مكان", "MISC": "أخرى"}
EXAMPLE_CHARS = 280  # an example quote is cut to this on the page (the JSON keeps it whole)



def _asset(name: str) -> str:
    """The page's stylesheet or script, shipped as package data (data/report/) to be inlined."""
    return resources.files("newsan").joinpath(f"data/report/{name}").read_text("utf-8")


def render_page(report: dict[str, Any], *, link_base: str | None = None) -> str:
    """The page of a report dict; example quotes link to their articles, relative to `link_base`
    (the folder the page is written to) when given."""
    def link(path: str) -> str:
        return _href(path, link_base)

    sections = [
        _section("people", "الأكثر اقتباسًا: أشخاص", "People quoted most",
                 _speaker_table([row for row in report["speakers"] if row["kind"] == "person"], link)),
        _section("organizations", "الجهات الأكثر اقتباسًا", "Organizations: speaking, and their people quoted",
                 _organization_table(report["organizations"])),
        _section("shares", "من يتكلم: الأدوار والجنس", "Share of quotes by role, and by gender of person speakers",
                 _shares_block(report)),
        _section("outlets", "حسب المصدر", "By outlet", _breakdown(report["by_outlet"], "outlet", "المصدر")),
        _section("months", "حسب الشهر", f"By month ({report['undated']} articles without a date)",
                 _breakdown(report["by_month"], "month", "الشهر")),
        _section("experts", "دليل الخبراء", "Experts: affiliation, title, topics of the articles quoting them",
                 _expert_table(report["experts"])),
        _section("network", "من يظهر مع من",
                 "Who appears with whom: people, organizations, places named in the same articles "
                 "(drawn: the pairs with a person or an organization)",
                 network(_network_edges(report["cooccurrence"])) + legend(("PER", "ORG", "LOC"), LABELS)
                 + _cooccurrence_table(report["cooccurrence"])),
        _section("entities", "الكيانات", "Entities: people, organizations, places across articles",
                 _entity_table(report["entities"])),
    ]
    nav = "".join(f'<a href="#{anchor}">{escape(title)}</a>' for anchor, title in (
        ("people", "أشخاص"), ("organizations", "جهات"), ("shares", "أدوار وجنس"), ("outlets", "مصادر"),
        ("months", "أشهر"), ("experts", "خبراء"), ("network", "شبكة"), ("entities", "كيانات")))
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsan report ({escape(report['schema'])})">
<title>من يتكلم في الأرشيف — newsan report</title>
<style>{_asset("page.css")}</style>
</head>
<body>
<header>
<h1>من يتكلم في الأرشيف <small>who gets a voice</small></h1>
<p class="totals"><b>{report['articles']:,}</b> مقالًا · <b>{report['quotes']:,}</b> اقتباسًا ·
<b>{sum(1 for row in report['speakers'] if row['kind'] == 'person'):,}</b> شخصًا في الجدول ·
<b>{len(report['by_outlet']):,}</b> مصدرًا</p>
<nav>{nav}</nav>
</header>
<main>
{"".join(sections)}
</main>
<footer>newsan report · {escape(report['schema'])} ·
الأرقام من النص وحده: الجنس حيث يدل عليه النص، وإلا «غير محدد»</footer>
<script>{_asset("page.js")}</script>
</body>
</html>
"""


def _section(anchor: str, title: str, subtitle: str, body: str) -> str:
    return (f'<section id="{anchor}"><h2>{escape(title)} <small>{escape(subtitle)}</small></h2>'
            f"{body}</section>\n")


def _table(name: str, headers: Sequence[tuple[str, str]], rows: Iterable[Sequence[str]]) -> str:
    """A sortable, filterable table: headers are (label, 'text'|'number'); cells are HTML already."""
    head = "".join(f'<th data-type="{kind}" tabindex="0">{escape(label)}</th>' for label, kind in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (f'<div class="table-tools"><input type="search" class="filter" data-table="{name}" '
            f'placeholder="تصفية… (filter)" aria-label="filter {name}"> <span class="count" data-for="{name}"></span>'
            f'</div><div class="scroll"><table id="{name}" class="data"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _list(items: Iterable[str]) -> str:
    return "، ".join(escape(item) for item in items)


def _speaker_table(rows: list[dict[str, Any]], link: Callable[[str], str]) -> str:
    return _table("people-table", [("الاسم", "text"), ("اقتباسات", "number"), ("مقالات", "number"),
                                   ("الدور", "text"), ("الجنس", "text"), ("الصفة", "text"), ("الجهة", "text"),
                                   ("أمثلة", "text")],
                  ([f'<b>{escape(row["name"])}</b><div class="variants">{_list(row["variants"][1:])}</div>',
                    str(row["quotes"]), str(row["articles"]), escape(LABELS.get(row["role"], row["role"])),
                    escape(LABELS[row["gender"] or "unknown"]), _list(row["titles"][:3]),
                    _list(row["organizations"][:3]), _examples(row["examples"], link)] for row in rows))


def _examples(examples: list[dict[str, Any]], link: Callable[[str], str]) -> str:
    if not examples:
        return ""
    items = "".join(
        f'<li><q>{escape(_cut(example["text"]))}</q> <a href="{escape(link(example["path"]))}" '
        f'title="{escape(example["path"])}, {example["start"]}–{example["end"]}">'
        f'{escape(_short_path(example["path"]))}:{example["start"]}</a></li>' for example in examples)
    return f"<details><summary>{len(examples)}</summary><ul class=\"quotes\">{items}</ul></details>"


def _organization_table(rows: list[dict[str, Any]]) -> str:
    return _table("organizations-table", [("الجهة", "text"), ("اقتباسات", "number"), ("باسمها", "number"),
                                          ("من أفرادها", "number"), ("مقالات", "number"), ("أفرادها", "text")],
                  ([f'<b>{escape(row["name"])}</b><div class="variants">{_list(row["variants"][1:])}</div>',
                    str(row["quotes"]), str(row["spoken"]), str(row["by_members"]), str(row["articles"]),
                    _list(row["members"])] for row in rows))


def _expert_table(rows: list[dict[str, Any]]) -> str:
    return _table("experts-table", [("الخبير", "text"), ("الجهة", "text"), ("الصفة", "text"),
                                    ("اقتباسات", "number"), ("مقالات", "number"), ("المواضيع", "text")],
                  ([f"<b>{escape(row['name'])}</b>", escape(row["organization"] or ""), escape(row["title"] or ""),
                    str(row["quotes"]), str(row["articles"]), _list(row["topics"])] for row in rows))


def _entity_table(rows: list[dict[str, Any]]) -> str:
    return _table("entities-table", [("الكيان", "text"), ("النوع", "text"), ("مقالات", "number"),
                                     ("إشارات", "number"), ("صيغ أخرى", "text")],
                  ([f"<b>{escape(row['text'])}</b>", escape(LABELS.get(row["type"], row["type"])),
                    str(row["articles"]), str(row["mentions"]), _list(row["variants"][1:])] for row in rows))


def _cooccurrence_table(rows: list[dict[str, Any]]) -> str:
    return _table("cooccurrence-table", [("أ", "text"), ("ب", "text"), ("مقالات معًا", "number")],
                  ([f'{escape(row["a"])} <span class="type">{LABELS[row["a_type"]]}</span>',
                    f'{escape(row["b"])} <span class="type">{LABELS[row["b_type"]]}</span>',
                    str(row["articles"])] for row in rows))


def _shares_block(report: dict[str, Any]) -> str:
    return (f'<div class="bars"><div class="bar-row"><span class="label">الدور (role)</span>'
            f'{share_bar(report["roles"], LABELS)}</div>{legend(ROLES, LABELS, report["roles"])}'
            f'<div class="bar-row"><span class="label">الجنس (gender)</span>'
            f'{share_bar(report["genders"], LABELS)}</div>{legend(GENDERS, LABELS, report["genders"])}</div>'
            + _table("shares-table", [("", "text"), *((LABELS[key], "number") for key in (*ROLES, *GENDERS))],
                     [["اقتباسات", *(str(report["roles"][key]) for key in ROLES),
                       *(str(report["genders"][key]) for key in GENDERS)]]))


def _breakdown(rows: list[dict[str, Any]], key: str, label: str) -> str:
    """Role and gender bars per outlet or month, then the numbers as a table."""
    if not rows:
        return '<p class="empty">—</p>'
    bars = "".join(f'<div class="bar-row"><span class="label">{escape(row[key])}</span>'
                   f'{share_bar(row["roles"], LABELS)}{share_bar(row["genders"], LABELS)}</div>' for row in rows[:40])
    table = _table(f"{key}-table", [(label, "text"), ("مقالات", "number"), ("اقتباسات", "number"),
                                    *((LABELS[name], "number") for name in (*ROLES, *GENDERS))],
                   ([escape(row[key]), str(row["articles"]), str(row["quotes"]),
                     *(str(row["roles"][name]) for name in ROLES),
                     *(str(row["genders"][name]) for name in GENDERS)] for row in rows))
    head = '<div class="bar-row head"><span></span><span>الدور (role)</span><span>الجنس (gender)</span></div>'
    return f'<div class="bars pairs">{head}{bars}</div>{legend(ROLES, LABELS)}{legend(GENDERS, LABELS)}{table}'


def _network_edges(pairs: list[dict[str, Any]], size: int = 60) -> list[dict[str, Any]]:
    """The pairs drawn: the most frequent with a person or an organization in them (places alone,
    which news names together all the time, would fill the drawing); the table lists them all."""
    with_actors = [pair for pair in pairs if {pair["a_type"], pair["b_type"]} & {"PER", "ORG"}]
    return (with_actors or pairs)[:size]


def _cut(text: str) -> str:
    return text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS].rsplit(" ", 1)[0] + " …"


def _short_path(path: str) -> str:
    file, _, fragment = path.partition("#")
    name = os.path.basename(file)
    return f"{name}#{fragment}" if fragment else name


def _href(path: str, base: str | None) -> str:
    """A link to an article: its file (relative to the page's folder when known), an archive's
    document number kept as the fragment."""
    file, hash_mark, fragment = path.partition("#")
    if file in ("", "-", "<stdin>"):
        return "#"
    if base is not None:
        try:
            file = os.path.relpath(os.path.abspath(file), base)
        except ValueError:  # another drive on Windows
            file = os.path.abspath(file)
    return quote(file.replace(os.sep, "/")) + (hash_mark + quote(fragment) if fragment else "")
