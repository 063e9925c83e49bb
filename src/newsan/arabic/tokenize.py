"""Sentences and words with offsets into the original text.

Words come from camel-tools' `simple_word_tokenize`; this module only finds
where each word sits in the original string and attaches its match form.
Sentences end at `.`, `!`, `?`, `؟` and `…` (not inside a quotation, not in a
number such as 3.5, not after a one-letter abbreviation such as `د.`), and at
line ends, since scraped pages put one paragraph per line.
"""

from __future__ import annotations

import re

import regex
from camel_tools.tokenizers.word import _SYMBOLS_ALL, simple_word_tokenize

from newsan.arabic.normalize import match_form
from newsan.model import Sentence, Token

_OPENING_QUOTES = {"«": "»", "“": "”", "„": "”", "‹": "›"}
_CLOSING_QUOTES = {"»", "”", "›"}
_TERMINATORS = ".!?؟…"
_SENTENCE_CHARS = re.compile("[\n" + re.escape("".join(_OPENING_QUOTES) + "".join(_CLOSING_QUOTES) + '"' + _TERMINATORS)
                             + "]")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\u061c\ufeff"


def tokenize_words(text: str, offset: int = 0) -> list[Token]:
    """Tokenize `text` with camel-tools and give each word its offsets.

    `offset` is added to every position, so a sentence tokenized alone still
    gets offsets into the whole document. camel-tools splits on white space
    and then cuts each word on its own, so each distinct word is cut (and
    normalized) once per process and the pieces reused: news repeats words.
    """
    tokens: list[Token] = []
    append = tokens.append
    find = text.find
    cut = _CUT_WORDS
    at = 0
    for word in text.split():  # the white space camel-tools splits on; find is faster than a regex's matches
        at = find(word, at)
        base = offset + at
        at += len(word)
        pieces = cut.get(word)
        if pieces is None:
            pieces = _cut_word(word)
            if len(word) <= _CACHED_WORD:
                if len(cut) >= _CUT_WORDS_MAX:
                    cut.clear()
                cut[word] = pieces
        for piece, start, end, norm in pieces:
            append(Token(piece, base + start, base + end, norm))
    return tokens


_CACHED_WORD = 40  # longer "words" (URLs, runs of symbols, binary junk) are cut every time, not kept
# The characters a camel-tools symbol match can start with (emoji, regional indicators, symbols, punctuation;
# digits are emoji too): a word without any is never cut.
_MAYBE_SYMBOL = regex.compile(r"[\p{Emoji}\p{RI}\p{S}\p{P}]")
# Punctuation and symbols camel-tools always cuts off alone: one character its symbol pattern matches alone
# (no emoji, which may start a longer sequence), from the blocks news is written in.
_PLAIN_SYMBOLS = "".join(c for c in map(chr, [*range(0x21, 0x800), *range(0x2000, 0x2070)])
                         if c in _SYMBOLS_ALL and regex.fullmatch(r"[\p{S}\p{P}--[\p{Emoji}\p{RI}]]", c, regex.V1))
_AT_PLAIN_SYMBOLS = re.compile(f"([{re.escape(_PLAIN_SYMBOLS)}])")
# What else may make camel-tools cut a word, or join characters into one emoji: then camel-tools cuts it.
_OTHER_SYMBOL = regex.compile(r"[[\p{Emoji}\p{RI}\p{S}\p{P}\u200d\ufe0f\u20e3\U000E0020-\U000E007F]--[0-9"
                              + regex.escape(_PLAIN_SYMBOLS) + "]]", regex.V1)


def _camel_pieces(word: str) -> list[str]:
    """simple_word_tokenize of one word, without its character-by-character walk when the word's only
    symbols are plain ones (digits it keeps in the word, as camel-tools does)."""
    if _OTHER_SYMBOL.search(word) is None:
        return [piece for piece in _AT_PLAIN_SYMBOLS.split(word) if piece]
    return simple_word_tokenize(word)


def _cut_word(word: str) -> tuple[tuple[str, int, int, str], ...]:
    """The tokens of one white-space-free word: (text, start, end, match form), offsets within the word."""
    if _MAYBE_SYMBOL.search(word) is None:  # letters only: camel-tools would return the word whole
        visible = word.strip(_INVISIBLE_CHARS)
        if not visible:
            return ()
        start = word.index(visible)
        return ((visible, start, start + len(visible), match_form(visible)),)
    pieces = []
    cursor = 0
    for piece in _camel_pieces(word):
        position = word.find(piece, cursor)
        if position < 0:  # camel-tools never rewrites words; guard against a future change
            continue
        cursor = position + len(piece)
        visible = piece.strip(_INVISIBLE_CHARS)
        if not visible:
            continue  # a lone bidi mark is no word, and the NER models drop it anyway
        start = position + piece.index(visible)
        pieces.append((visible, start, start + len(visible), match_form(visible)))
    return tuple(pieces)


# Each distinct word's pieces, cut once: a plain dict, restarted when full (a few MB: memory stays flat on any
# archive), looks words up faster than an LRU cache, which reorders its list at every hit.
_CUT_WORDS: dict[str, tuple[tuple[str, int, int, str], ...]] = {}
_CUT_WORDS_MAX = 1 << 15


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (absolute offsets, trimmed)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = start
    expected_close: list[str] = []
    straight_quote_open = False
    index = start
    while index < end:
        found = _SENTENCE_CHARS.search(text, index, end)  # skip the plain letters in between at C speed
        if found is None:
            break
        index = found.start()
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
    # one-letter abbreviation such as "د." (doctor) or "أ." (professor): one non-space before, then space or start
    one_letter = index >= 1 and not text[index - 1].isspace() and (index == 1 or text[index - 2].isspace())
    return not one_letter


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
