"""How the NER models see one word: its folded form, its clitics, its stem, its shape.

Both taggers (the CRF's features, the networks' inputs) and the tables shipped
with them key words by these forms; the rules they rest on (NER_FOLD,
split_proclitics, split_enclitic) live with the other Arabic rules and
change only with a retrain.
"""

from __future__ import annotations

import re

from newsan.arabic.charsets import NER_FOLD
from newsan.arabic.clitics import FIRST_ARABIC_LETTER, LAST_ARABIC_LETTER, split_enclitic, split_proclitics

_DIGITS = re.compile(r"[0-9]")
_ARABIC = re.compile(f"[{FIRST_ARABIC_LETTER}-{LAST_ARABIC_LETTER}]")
_LATIN = re.compile(r"[A-Za-z]")


def normalize(token: str) -> str:
    """Dediacritized, alef/yeh/teh-marbuta-folded, ASCII-digit form of a token (NER_FOLD)."""
    return token.translate(NER_FOLD)


def shape(token: str) -> str:
    """A coarse class of the token's characters: Arabic, Latin, digits, punctuation, mixed."""
    if not token:
        return "empty"
    has_ar = bool(_ARABIC.search(token))
    has_lat = bool(_LATIN.search(token))
    has_dig = bool(_DIGITS.search(token))
    if has_ar:
        return "ar+" if (has_lat or has_dig) else "ar"
    if has_lat:
        return "lat+" if has_dig else "lat"
    if has_dig:
        return "num"
    return "punct"


def word_forms(token: str) -> tuple[str, str, str, str, str]:
    """(normalized word, its proclitics, the rest, the rest's stem, its enclitic)."""
    w = normalize(token)
    pro, rest = split_proclitics(w)
    stem, enc = split_enclitic(rest)
    return w, pro, rest, stem, enc


def long_vowels(rest: str) -> int:
    """Long vowels in a word, up to 5: transliterated foreign names spell them out (فولكسفاغن, بوخارست)."""
    return min(rest.count("ا") + rest.count("و") + rest.count("ي"), 5)
