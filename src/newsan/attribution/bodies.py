"""Organizations named by their structure, for the article's entity list.

The entity models learnt ANERcorp's guidelines, which leave ministries,
councils and courts untagged (every `وزارة ...` of its training data is O),
while a news reader expects `وزارة الخارجية المصرية`, `مجلس النواب
الأمريكي` or `المحكمة العليا` among an article's organizations. The speaker
phrase reader (`PhraseParser`) already reads such a body from its head noun,
genitive chain, adjectives and quoted name, so the entity stage takes the
bodies it reads as organization mentions too. The models' own scores
(`newsan eval ner`) are untouched; news-dev's entity recall
(`newsan eval entities`) is what this serves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from newsan.arabic.clitics import ARTICLE, WAW, without_article
from newsan.attribution.phrases import PhraseParser
from newsan.attribution.quotation import CLOSING_MARKS, OPENING_MARKS
from newsan.attribution.words import SpeakerWords, lexicon_views
from newsan.model import Mention, Sentence, Token

_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def organization_mentions(text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                          lexicons: Mapping[str, Any]) -> list[Mention]:
    """The mentions with every body read from an organization head added as an ORG mention.

    A body that crosses a tagged mention is left out (the tagger read those
    words otherwise). One that covers tagged mentions keeps them: the body and
    the names inside it are both mentioned (`صحيفة سبورت الإسبانية` and `سبورت`,
    `برلمان كردستان` and `كردستان`), as news-dev's gold lists them. Mentions come
    out by start, an outer one before those it covers.
    """
    words = lexicon_views(lexicons)[1]
    bodies: list[Mention] = []
    for sentence in sentences:
        heads = [k for k, token in enumerate(sentence.tokens) if _head(token.norm, words)]
        if not heads:
            continue
        parser = PhraseParser(text, sentence.tokens, words, {})
        read_to = 0
        for k in heads:
            if k < read_to or (k > 0 and without_article(parser.norms[k - 1]) in words.portfolio_heads):
                continue  # a head inside the body just read ("وزارة الصحة والرعاية الاجتماعية"), or a
                # portfolio ("وزير الخارجية الأمريكي": the adjective is the minister's)
            if k + 1 < len(parser.norms) and parser.norms[k + 1] in words.not_body_words:
                continue
            waw = int(parser.norms[k] not in words.organization_heads)  # "والمحكمة العليا": read without its و
            parser.norms[k] = parser.norms[k][waw:]
            try:
                phrase = parser.parse(k)
            finally:
                parser.norms[k] = sentence.tokens[k].norm
            if phrase is None or phrase.kind != "institution" or phrase.last <= k:
                continue
            if not _named(sentence.tokens[k + 1:phrase.last]):
                continue  # "الشركة", "لجنة برلمانية": a common noun phrase, not a name
            body = _trimmed(text, sentence.tokens[k].start + waw, sentence.tokens[phrase.last - 1].end)
            if body is not None:
                bodies.append(body)
                read_to = phrase.last
    if not bodies:
        return list(mentions)
    kept = [b for b in bodies if not any(_crosses(m, b) or (m.start, m.end) == (b.start, b.end) for m in mentions)]
    return sorted([*mentions, *kept], key=lambda m: (m.start, -m.end))


def _head(norm: str, words: SpeakerWords) -> bool:
    """An organization head, or one with a glued و: "والمحكمة"."""
    return norm in words.organization_heads or (norm[:1] == WAW and norm[1:] in words.organization_heads)


def _named(after_head: Sequence[Token]) -> bool:
    """Words after a head that make a name: a definite one (وزارة الخارجية, المصرف المركزي) or one of
    another script or in quotation marks (قناة نيوز4, وكالة "ناسا"); not indefinite adjectives alone."""
    return any(token.norm.startswith(ARTICLE) or not _ARABIC_LETTER.match(token.text) for token in after_head)


def _crosses(mention: Mention, body: Mention) -> bool:
    """The spans overlap without the body covering the mention."""
    overlap = mention.start < body.end and body.start < mention.end
    return overlap and not (body.start <= mention.start and mention.end <= body.end)


def _trimmed(text: str, start: int, end: int) -> Mention | None:
    """An ORG mention of text[start:end] without the marks at its edges; a body named in quotation marks
    is mentioned by that name (وكالة "ناسا" → ناسا, مجموعة «إن إل فايننشيال» المشرفة → إن إل فايننشيال)."""
    opening = next((k for k in range(start, end) if text[k] in OPENING_MARKS), None)
    if opening is not None:
        closing = next((k for k in range(opening + 1, end + 1) if k < len(text) and text[k] in CLOSING_MARKS), None)
        if closing is not None:
            start, end = opening + 1, closing
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return Mention(text[start:end], start, end, "ORG") if end > start else None
