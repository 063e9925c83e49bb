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

from newsan.arabic.clitics import ARTICLE, LAM, LAM_ARTICLE, WAW, without_article
from newsan.attribution.phrases import PhraseParser
from newsan.attribution.quotation import CLOSING_MARKS, OPENING_MARKS
from newsan.attribution.words import lexicon_views
from newsan.lexicons import compiled
from newsan.model import Mention, Sentence, Token

_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_NISBA_ENDINGS = ("ي", "ية", "يون", "يين")  # الأمريكي, الإيرانية, ...


def organization_bodies(text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                        lexicons: Mapping[str, Any]) -> list[Mention]:
    """An ORG mention for every body read from an organization head that the tagged `mentions` lack.

    A body that crosses a tagged mention is left out (the tagger read those
    words otherwise). One that covers tagged mentions does not replace them:
    the body and the names inside it are both mentioned (`صحيفة سبورت الإسبانية`
    and `سبورت`, `برلمان كردستان` and `كردستان`), as news-dev's gold lists them.
    """
    words = lexicon_views(lexicons)[1]
    head_forms = compiled(words.organization_heads, _with_waw)
    bodies: list[Mention] = []
    for sentence in sentences:
        tokens = sentence.tokens
        norms = [token.norm for token in tokens]
        if head_forms.isdisjoint(norms):
            continue  # most sentences name no body
        heads = [k for k, norm in enumerate(norms) if norm in head_forms and _named(tokens[k + 1:k + 4])]
        if not heads:
            continue
        parser = PhraseParser(text, tokens, words, {})
        read_to = 0
        for k in heads:
            if k < read_to or (k > 0 and without_article(norms[k - 1]) in words.portfolio_heads):
                continue  # a head inside the body just read ("وزارة الصحة والرعاية الاجتماعية"), or a
                # portfolio ("وزير الخارجية الأمريكي": the adjective is the minister's)
            if k + 1 < len(norms) and norms[k + 1] in words.not_body_words:
                continue
            waw = int(norms[k] not in words.organization_heads)  # "والمحكمة العليا": the و is no part of the body
            head = norms[k][waw:]
            if head in words.place_nouns:
                continue  # "ولاية فلوريدا الأميركية", "محافظة البيضاء" name places, which the entity stage reads
                # with their noun (headed_names); "ولاية الرئيس" is a term of office
            if head in words.website_heads and not _quoted_or_foreign(tokens[k + 1:k + 2]):
                continue  # "موقع الحادث", "شبكة الإنترنت": a body after it is read from its own head
                # ("موقع الاتحاد الأسترالي"), a name by the tagger or the gazetteer ("شبكة الجزيرة")
            read = _body_at(parser, k, waw)
            if read is not None:
                bodies.append(read[0])
                read_to = read[1]
    return [b for b in bodies if not any(_crosses(m, b) or _extends(m, b) for m in mentions)]


def _body_at(parser: PhraseParser, k: int, waw: int) -> tuple[Mention, int] | None:
    """The body an organization head at token k opens (written with a glued و when ``waw`` is 1), and the
    token after it; None for a common noun phrase ("الشركة", "لجنة برلمانية") or no institution at all."""
    tokens = parser.tokens
    head = parser.norms[k][waw:]
    with parser.without_waw(k, strip=bool(waw)):
        phrase = parser.parse(k)
    if phrase is None or phrase.kind != "institution" or phrase.last <= k or not _named(tokens[k + 1:phrase.last]):
        return None
    if head in parser.words.description_heads and all(
            norm.startswith(ARTICLE) for norm in parser.norms[k + 1:phrase.last]):
        return None  # "الحكومة الروسية", "السلطات المحلية": adjectives describe the body, no name follows
    if _described(head, parser.norms[k + 1]):
        return None
    # An adjective of the body's kind goes ("وكالة الأنباء اليمنية الرسمية" is "وكالة الأنباء اليمنية"), unless it
    # is the only word that tells which body ("وكالة الأنباء الرسمية").
    last = phrase.last
    named_by = [norm for norm in parser.norms[k + 1:last] if without_article(norm) not in parser.words.head_complements]
    while len(named_by) > 1 and parser.norms[last - 1] in parser.words.descriptive_adjectives:
        last -= 1
        named_by.pop()
    body = _trimmed(parser.text, tokens[k].start + waw, tokens[last - 1].end)
    return (body, phrase.last) if body is not None else None


def _described(head: str, after: str) -> bool:
    """An indefinite head followed by a purpose after ل, not by a name in construct: "شركة للصناعات
    الكيميائية", "مؤسسة للاستشارات السياسية" are a kind of body rather than one (but "شركة قطر للبترول",
    "الشركة السعودية للكهرباء"). An indefinite adjective after the head is left alone: the words that look
    like one are as often nouns in construct (وزارة خارجية البحرين, لجنة حماية المستهلك)."""
    return not head.startswith(ARTICLE) and after.startswith(LAM_ARTICLE)


def _with_waw(heads: Mapping[str, str]) -> frozenset[str]:
    """The organization heads, bare and with a glued و ("والمحكمة")."""
    return frozenset(heads) | {WAW + head for head in heads}


def _named(after_head: Sequence[Token]) -> bool:
    """Words after a head that make a name: a definite one (وزارة الخارجية, المصرف المركزي) or one of
    another script or in quotation marks (قناة نيوز4, وكالة "ناسا"); not indefinite adjectives alone."""
    return any(token.norm.startswith(ARTICLE) or not _ARABIC_LETTER.match(token.text) for token in after_head)


def _quoted_or_foreign(after_head: Sequence[Token]) -> bool:
    """A name right after a head, in quotation marks or another script: موقع "بازفيد", موقع bfmtv."""
    return any(token.text[:1] in OPENING_MARKS or not _ARABIC_LETTER.match(token.text) for token in after_head)


def _extends(mention: Mention, body: Mention) -> bool:
    """The body is a tagged mention and words the tagger left out for good reason: the tagger's name stands
    ("اتحاد جدة" of "اتحاد جدة الرائع", "الكونغرس" of "الكونغرس المقبلة"). A nationality or another
    adjective in ي ("حزب الله اللبناني", "المجلس الاقتصادي والاجتماعي") or a field after ل
    ("الجمعية العامة للأمم المتحدة") makes a body of its own."""
    if mention.start != body.start or mention.end > body.end:
        return False
    rest = body.text[mention.end - body.start:].split()
    return not rest or not (rest[0].startswith(LAM) or all(
        word.removeprefix(WAW).startswith(ARTICLE) and word.endswith(_NISBA_ENDINGS) for word in rest))


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
