"""Charts of a report as inline SVG strings: share bars and the co-occurrence network.

Plain string building with `html.escape`: the page must open offline, so no
charting library or script is fetched, and the drawings are the same on every
run (the network's layout is a circle in a fixed order, not a random force
layout).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

# One colour per role and gender, readable on white and told apart by people with common colour blindness
# (the Okabe-Ito palette).
COLOURS = {"expert": "#0072B2", "official": "#D55E00", "institution": "#009E73", "media": "#CC79A7",
           "other": "#999999", "female": "#E69F00", "male": "#56B4E9", "unknown": "#BBBBBB",
           "PER": "#D55E00", "ORG": "#009E73", "LOC": "#0072B2", "MISC": "#999999"}


def share_bar(counts: Mapping[str, int], labels: Mapping[str, str]) -> str:
    """One bar split by share, drawn from the right (the page reads right to left); each part's
    tooltip gives its label, count and percentage."""
    total = sum(counts.values())
    parts = []
    x = 1000.0
    for key, count in counts.items():
        if not count:
            continue
        width = 1000.0 * count / total
        x -= width
        tip = f"{labels.get(key, key)}: {count} ({100 * count / total:.0f}%)"
        parts.append(f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="20" fill="{COLOURS.get(key, "#777")}">'
                     f"<title>{escape(tip)}</title></rect>")
    if not parts:
        parts.append('<rect x="0" y="0" width="1000" height="20" fill="#eee"/>')
    return ('<svg class="bar" viewBox="0 0 1000 20" preserveAspectRatio="none" role="img" '
            f'aria-label="{escape(_summary(counts, labels, total))}">{"".join(parts)}</svg>')


def _summary(counts: Mapping[str, int], labels: Mapping[str, str], total: int) -> str:
    return "، ".join(f"{labels.get(key, key)} {100 * count / total:.0f}%" for key, count in counts.items()
                     if count) if total else "—"


def legend(keys: Sequence[str], labels: Mapping[str, str], counts: Mapping[str, int] | None = None) -> str:
    """The colour of each key; with `counts`, each key's share of their total too."""
    total = sum(counts.values()) if counts else 0

    def share(key: str) -> str:
        return f" {100 * counts[key] / total:.0f}%" if counts and total else ""

    return '<ul class="legend">' + "".join(
        f'<li><span class="swatch" style="background:{COLOURS.get(key, "#777")}"></span>'
        f"{escape(labels[key])}{share(key)}</li>" for key in keys) + "</ul>"


def network(edges: Sequence[Mapping[str, Any]], size: int = 760) -> str:
    """The co-occurrence pairs as a network: nodes on a circle, grouped by type, then by how many
    pairs they are in; an edge's width and opacity grow with its count."""
    if not edges:
        return '<p class="empty">—</p>'
    degree: dict[tuple[str, str], int] = {}
    for edge in edges:
        for end in ((edge["a_type"], edge["a"]), (edge["b_type"], edge["b"])):
            degree[end] = degree.get(end, 0) + edge["articles"]
    order = sorted(degree, key=lambda node: (node[0], -degree[node], node[1]))
    centre, radius = size / 2, size / 2 - 150
    place = {node: (centre + radius * math.cos(2 * math.pi * i / len(order) - math.pi / 2),
                    centre + radius * math.sin(2 * math.pi * i / len(order) - math.pi / 2))
             for i, node in enumerate(order)}
    most = max(edge["articles"] for edge in edges)
    lines = []
    for edge in sorted(edges, key=lambda edge: edge["articles"]):
        (x1, y1), (x2, y2) = place[edge["a_type"], edge["a"]], place[edge["b_type"], edge["b"]]
        weight = edge["articles"] / most
        lines.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke-width="{0.8 + 5 * weight:.1f}" stroke-opacity="{0.25 + 0.6 * weight:.2f}">'
                     f'<title>{escape(edge["a"])} — {escape(edge["b"])}: {edge["articles"]}</title></line>')
    most_degree = max(degree.values())
    nodes = []
    for index, node in enumerate(order):
        x, y = place[node]
        # labels point away from the centre, so neighbours on the circle never overlap
        angle = 360 * index / len(order) - 90
        right = x >= centre - 0.5
        anchor, turn, dx = ("start", angle, 9) if right else ("end", angle + 180, -9)
        size_of_node = 3 + 7 * math.sqrt(degree[node] / most_degree)
        nodes.append(f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{size_of_node:.1f}" '
                     f'fill="{COLOURS.get(node[0], "#777")}"><title>{escape(node[1])} ({node[0]})</title></circle>'
                     f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" '
                     f'transform="rotate({turn:.1f} {x:.1f} {y:.1f})">{escape(node[1])}</text></g>')
    return (f'<svg class="network" viewBox="0 0 {size} {size}" direction="ltr" role="img" '
            f'aria-label="co-occurrence network"><g class="edges" stroke="#555">{"".join(lines)}</g>'
            f'{"".join(nodes)}</svg>')
