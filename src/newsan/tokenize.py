"""Sentences and words with offsets into the original text.

Words come from camel-tools' `simple_word_tokenize`; this module only finds
where each word sits in the original string and attaches its match form.
Sentences end at `.`, `!`, `?`, `؟` and `…` (not inside a quotation, not in a
number such as 3.5, not after a one-letter abbreviation such as `د.`), and at
line ends, since scraped pages put one paragraph per line.
"""

from __future__ import annotations

from camel_tools.tokenizers.word import simple_word_tokenize

from .model import Sentence, Token
from .normalize import match_form

_OPENING_QUOTES = {"«": "»", "“": "”", "„": "”", "‹": "›"}
_CLOSING_QUOTES = {"»", "”", "›"}
_TERMINATORS = ".!?؟…"
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\u061c\ufeff"


def tokenize_words(text: str, offset: int = 0) -> list[Token]:
    """Tokenize `text` with camel-tools and give each word its offsets.

    `offset` is added to every position, so a sentence tokenized alone still
    gets offsets into the whole document.
    """
    tokens: list[Token] = []
    cursor = 0
    for word in simple_word_tokenize(text):
        position = text.find(word, cursor)
        if position < 0:  # camel-tools never rewrites words; guard against a future change
            continue
        cursor = position + len(word)
        visible = word.strip(_INVISIBLE_CHARS)
        if not visible:
            continue  # a lone bidi mark is no word, and the NER models drop it anyway
        start = position + word.index(visible)
        end = start + len(visible)
        tokens.append(Token(visible, offset + start, offset + end, match_form(visible)))
    return tokens


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (absolute offsets, trimmed)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = start
    expected_close: list[str] = []
    straight_quote_open = False
    index = start
    while index < end:
        char = text[index]
        if char == "\n":
            _append_trimmed(text, sentence_start, index, spans)
            sentence_start = index + 1
            expected_close.clear()
            straight_quote_open = False
        elif char in _OPENING_QUOTES:
            expected_close.append(_OPENING_QUOTES[char])
        elif char in _CLOSING_QUOTES or (char == '"' and straight_quote_open):
            if char == '"':
                straight_quote_open = False
            elif expected_close and expected_close[-1] == char:
                expected_close.pop()
            if not expected_close and not straight_quote_open and _closes_quoted_sentence(text, index, end):
                _append_trimmed(text, sentence_start, index + 1, spans)
                sentence_start = index = index + 1
                continue
        elif char == '"':
            straight_quote_open = True
        elif char in _TERMINATORS and not expected_close and not straight_quote_open:
            if _ends_sentence(text, index, end):
                stop = index + 1
                while stop < end and text[stop] in _TERMINATORS + "»”\"')":
                    stop += 1
                _append_trimmed(text, sentence_start, stop, spans)
                sentence_start = index = stop
                continue
        index += 1
    _append_trimmed(text, sentence_start, end, spans)
    return spans


def _closes_quoted_sentence(text: str, index: int, end: int) -> bool:
    """'قال "انتهى الأمر." ثم' : a quote closing right after a full stop ends the sentence."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < end else " "
    return before in _TERMINATORS and after.isspace()


def _ends_sentence(text: str, index: int, end: int) -> bool:
    if text[index] != ".":
        return True
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < end else " "
    if before.isdigit() and after.isdigit():
        return False  # 3.5
    if after not in " \t\n\r\u00a0" and not after.isspace():
        return after in "\"»”'"
    # one-letter abbreviation such as "د." (doctor) or "أ." (professor)
    word_start = index
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    return index - word_start != 1


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentences_of(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of text[start:end], each with its tokens."""
    result = []
    for s_start, s_end in split_sentences(text, start, end):
        chunk = text[s_start:s_end]
        tokens = tokenize_words(chunk, s_start)
        if tokens:
            result.append(Sentence(s_start, s_end, chunk, tokens))
    return result
