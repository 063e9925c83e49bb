"""A structured summary: lead, key sentences, top entities, who was quoted.

Key sentences are picked extractively: a sentence scores for the entities it
names (weighted by how often the article names them), for carrying a quote,
and for coming early; the lead is always the first body sentence, and the
key sentences are the best three others, in reading order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate

from newsan.model import Entity, Sentence, Speaker, Summary

KEY_SENTENCES = 3
TOP_ENTITIES = 5


def summarize(body: Sequence[Sentence], entities: Sequence[Entity], speakers: Sequence[Speaker],
              dateline_end: int | None = None) -> Summary:
    lead = _lead_text(body[0], dateline_end) if body else None
    weight = {}
    for entity in entities:
        count = entity.count
        for mention in entity.mentions:
            weight[mention.start] = count
    # sorted positions and running sums: a sentence's share is two bisections, not a scan of the article
    mention_starts = sorted(weight)
    running = list(accumulate((weight[start] for start in mention_starts), initial=0))
    quote_starts = sorted(q.start for s in speakers for q in s.quotes)

    def score(position: int, sentence: Sentence) -> float:
        first = bisect_left(mention_starts, sentence.start)
        named = running[bisect_left(mention_starts, sentence.end, first)] - running[first]
        quoted = bisect_left(quote_starts, sentence.end) > bisect_left(quote_starts, sentence.start)
        length = len(sentence.tokens)
        too_short = length < 6
        return (named ** 0.5) + (1.5 if quoted else 0) + 2.0 / (1 + position) - (3 if too_short else 0)

    ranked = sorted(range(1, len(body)), key=lambda i: -score(i, body[i]))[:KEY_SENTENCES]
    top: dict[str, list[str]] = {}
    for entity in entities:
        names = top.setdefault(entity.type, [])
        if len(names) < TOP_ENTITIES:
            names.append(entity.text)
    quoted = [{"name": s.name or s.title, "organization": s.organization,
               "quote": s.quotes[0].text if s.quotes else None} for s in speakers]
    return Summary(lead, [body[i].text for i in sorted(ranked)], top, quoted)


def _lead_text(sentence: Sentence, dateline_end: int | None) -> str:
    """The first sentence without its dateline ('واشنطن- ')."""
    if dateline_end is None or not (sentence.start <= dateline_end <= sentence.end):
        return sentence.text
    return sentence.text[dateline_end - sentence.start:].lstrip(" -–—،,:").strip()
