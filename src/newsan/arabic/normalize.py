"""Arabic normalization that never loses track of where a character came from.

Two forms are produced, both from camel-tools' `arclean` character map:

* the *clean* form, for people: Unicode compatibility forms and presentation
  ligatures unfolded, Persian/Urdu letter variants turned into their Arabic
  letters (ک→ك, ی→ي/ى, ہ→ه), tatweel, diacritics, bidi and zero-width marks
  removed, Arabic-Indic digits turned into ASCII digits;
* the *match* form, for comparing names: the clean form with alef variants,
  alef maksura and teh marbuta folded (أحمد = احمد, مصطفى = مصطفي).

`normalize_with_offsets` returns, next to the normalized string, the index in
the original text of every output character, so a span found in normalized
text maps back to `text[start:end]` of the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from camel_tools.utils.charmap import CharMapper

from newsan.arabic.charsets import INVISIBLE

_FARSI_YEH = "\u06cc"
_WORD_FINAL_FARSI_YEH = re.compile(_FARSI_YEH + r"(?![^\W\d_])")  # not followed by a letter

# Folds applied on top of arclean for the match form.
_MATCH_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "ء", "ئ": "ء"}

# arclean leaves these alone or maps them in a way that is wrong for Arabic prose.
_CLEAN_OVERRIDES = {
    _FARSI_YEH: "ي",  # medial Persian yeh is the dotted Arabic yeh; final is handled apart
    "\u00a0": " ",
    "\u200c": "",  # zero-width non-joiner
    "\u200d": "",  # zero-width joiner
    "\u200e": "",  # left-to-right mark
    "\u200f": "",  # right-to-left mark
    "\u061c": "",  # Arabic letter mark
    "\u2066": "", "\u2067": "", "\u2068": "", "\u2069": "",
    "\u202a": "", "\u202b": "", "\u202c": "", "\u202d": "", "\u202e": "",
    "\ufeff": "",
    "\u0654": "", "\u0655": "",  # combining hamza above/below: dropped with the other marks
}


@dataclass(frozen=True, slots=True)
class NormalizedText:
    text: str
    offsets: tuple[int, ...]  # offsets[i] = index in the original text of text[i]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalized text back to the original."""
        if start >= end:
            anchor = self.offsets[start] if start < len(self.offsets) else (
                self.offsets[-1] + 1 if self.offsets else 0)
            return anchor, anchor
        return self.offsets[start], self.offsets[end - 1] + 1


@lru_cache(maxsize=1)
def _arclean() -> CharMapper:
    return CharMapper.builtin_mapper("arclean")


@cache
def _clean_char(char: str) -> str:
    if char in _CLEAN_OVERRIDES:
        return _CLEAN_OVERRIDES[char]
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    if category == "Cc" and char not in "\n\t\r":
        return ""
    if not _is_arabic_block(char) or category[0] not in "LMN":
        return char  # arclean would delete Latin accents, emoji, turn ، into ",": not ours to do
    mapped = _arclean()(char)
    if not mapped and ord(char) >= 0xFB50:  # presentation forms arclean drops (ﷺ, ﮖ): unfold, then clean
        unfolded = unicodedata.normalize("NFKC", char)
        return "".join(map(_clean_char, unfolded)) if unfolded != char else ""
    return mapped


def _is_arabic_block(char: str) -> bool:
    code = ord(char)
    return (0x0600 <= code <= 0x08FF) or (0xFB50 <= code <= 0xFDFF) or (0xFE70 <= code <= 0xFEFF)


@cache
def _match_char(char: str) -> str:
    return "".join(_MATCH_FOLDS.get(c, c) for c in _clean_char(char))


def _with_offsets(text: str, char_map) -> NormalizedText:
    text = _WORD_FINAL_FARSI_YEH.sub("ى", text)  # same length: offsets stay valid
    pieces: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        mapped = char_map(char)
        if mapped:
            pieces.append(mapped)
            offsets.extend([index] * len(mapped))
    return NormalizedText("".join(pieces), tuple(offsets))


def normalize_with_offsets(text: str, *, match: bool = False) -> NormalizedText:
    """Normalize `text` and keep, per output character, its original index."""
    return _with_offsets(text, _match_char if match else _clean_char)


def clean(text: str) -> str:
    """The clean, human-readable form of a short string (a token, a name)."""
    return _clean_cached(text) if len(text) <= _CACHED_LENGTH else _clean(text)


def match_form(text: str) -> str:
    """The form two spellings of one word share; used to compare names."""
    return _match_cached(text) if len(text) <= _CACHED_LENGTH else _match(text)


class _CharTable(dict):
    """A `str.translate` table filled on first sight of each character: translate runs at C speed,
    and the Unicode range is too large to tabulate ahead."""

    def __init__(self, char_map):
        super().__init__()
        self._char_map = char_map

    def __missing__(self, code: int) -> str:
        mapped = self[code] = self._char_map(chr(code))
        return mapped


_CLEAN_TABLE = _CharTable(_clean_char)
_MATCH_TABLE = _CharTable(_match_char)


def _clean(text: str) -> str:
    return _WORD_FINAL_FARSI_YEH.sub("ى", text).translate(_CLEAN_TABLE)


def _match(text: str) -> str:
    return _WORD_FINAL_FARSI_YEH.sub("ى", text).translate(_MATCH_TABLE)


# Words and names repeat and are worth remembering; paragraphs do not, and would fill memory on a long archive.
_CACHED_LENGTH = 64
_clean_cached = lru_cache(maxsize=1 << 13)(_clean)
_match_cached = lru_cache(maxsize=1 << 13)(_match)


def as_written(text: str) -> str:
    """A phrase as the page writes it (diacritics and shadda kept), without invisible marks, its white
    space collapsed: for text shown as the source's own words, like a related headline."""
    return " ".join(text.translate(_WITHOUT_INVISIBLE).split())


_WITHOUT_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))


def hashtags_as_words(text: str) -> str:
    """A name written as a hashtag, or with one inside, as its words: #منظمة_التجارة_العالمية is
    منظمة التجارة العالمية, دونالد #ترمب is دونالد ترمب (pages link names so)."""
    return " ".join(text.replace("#", " ").replace("_", " ").split()) if "#" in text or "_" in text else text


def squeeze(text: str) -> str:
    """Clean a phrase and collapse its white space (for names, titles, keywords)."""
    return " ".join(clean(text).split())
