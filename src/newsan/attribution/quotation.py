"""Quotation spans: where quotation marks open and close in an article, and which tokens they hold.

Scraped text pairs its marks loosely (`{…»`, `"…»`, an opener never closed),
so the spans are read leniently here, once per article, and the sentence
reader only asks which of its tokens lie inside one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate

from newsan.arabic.charsets import BRACE_QUOTES, CLOSING_QUOTES, OPENING_QUOTES, STRAIGHT_QUOTE
from newsan.model import Token

OPENING_MARKS = OPENING_QUOTES + STRAIGHT_QUOTE + BRACE_QUOTES[0]
CLOSING_MARKS = CLOSING_QUOTES + STRAIGHT_QUOTE + BRACE_QUOTES[1]
_QUOTATION_CHARS = re.compile("[\n" + re.escape(OPENING_MARKS + CLOSING_MARKS) + "]")


def quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost quotation-mark spans (mark to mark, inclusive) in text[start:end].

    Any closing mark closes any opening mark (`{…»`, `"…»`); a straight quote
    inside another quote opens a nested one. An opener left open runs to the
    end of the paragraph, or to the next opener of its kind (`«… «…»`). Text that
    never writes “ uses ” both ways (`قال ” كريستيانو يريد … ”`): there a ” that does not
    follow a letter or digit pairs like a straight quote.
    """
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    opened_at = start
    right_quote_pairs = text.find("“", start, end) < 0
    for found in _QUOTATION_CHARS.finditer(text, start, end):  # the letters in between at C speed
        index = found.start()
        char = text[index]
        if char == "”" and right_quote_pairs and not text[index - 1:index].isalnum():
            char = STRAIGHT_QUOTE
        if stack and char == "\n":
            spans.append((opened_at, end_before_space(text, opened_at, index)))
            stack.clear()
        elif len(stack) == 1 and char == stack[0] and char in "«“":
            spans.append((opened_at, end_before_space(text, opened_at, index)))
            opened_at = index
        elif stack and char in CLOSING_MARKS and (char != '"' or stack[-1] == '"'):
            stack.pop()
            if not stack:
                spans.append((opened_at, index + 1))
        elif char in OPENING_MARKS and (char != "{" or not stack):
            if not stack:
                opened_at = index
            stack.append(char)
    if stack:
        spans.append((opened_at, end_before_space(text, opened_at, end)))
    return spans


def end_before_space(text: str, start: int, end: int) -> int:
    """`end` moved back over white space, not before `start`: spans end at their last visible character."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_SPAN_INDEX: dict[int, tuple[Sequence[tuple[int, int]], list[int], list[int], list[int]]] = {}


def spans_over(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans that overlap [start, end), in their given order.

    The spans of an article are indexed once (sorted by start, with the running maximum of their ends), so
    each sentence looks only at the spans near it: an article of thousands of sentences and quotes stays linear.
    """
    entry = _SPAN_INDEX.get(id(spans))
    if entry is None or entry[0] is not spans:
        order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        starts = [spans[k][0] for k in order]
        furthest = list(accumulate((spans[k][1] for k in order), max))
        entry = (spans, order, starts, furthest)
        _SPAN_INDEX.clear()  # one article at a time
        _SPAN_INDEX[id(spans)] = entry
    _, order, starts, furthest = entry
    hits = []
    j = bisect_left(starts, end) - 1  # spans starting before the end; walk back while one may reach the start
    while j >= 0 and furthest[j] > start:
        if spans[order[j]][1] > start:
            hits.append(order[j])
        j -= 1
    return [spans[k] for k in sorted(hits)]


def inside_quotes(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Per token: inside some span (opening mark before it, closing mark at or after its end).

    Spans sorted by start with a running maximum of their ends: one bisection per token, not one
    comparison per token and span (a long paragraph can hold thousands of each).
    """
    if not spans:
        return [False] * len(tokens)
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]
    furthest = list(accumulate((end for _, end in ordered), max))
    inside = []
    for token in tokens:
        opened = bisect_left(starts, token.start)  # spans starting strictly before the token
        inside.append(opened > 0 and furthest[opened - 1] >= token.end)
    return inside
