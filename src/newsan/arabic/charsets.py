"""Character sets every stage agrees on: marks that are invisible, diacritics, quotation marks.

One definition each, so that the tokenizer, the segmenter, the taggers and the
quote reader cannot disagree about what a quotation mark or an invisible
character is. Stages that need a narrower set (the NER features only pair
quotes they were trained on) build it from these and say why.
"""

from __future__ import annotations

# Zero-width, bidi and other format characters that carry no letter: removed before comparing,
# skipped at the edges of a span.
INVISIBLE = ("\u200b\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069"
             "\u202a\u202b\u202c\u202d\u202e\u061c\ufeff")

# Harakat, tanween, shadda, sukun and the superscript alef.
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"

TATWEEL = "\u0640"

# Curly and angle quotation marks, each with the mark that closes it.
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "”", "‹": "›"}
# The straight double quote opens and closes alike.
STRAIGHT_QUOTE = '"'
OPENING_QUOTES = "".join(QUOTE_PAIRS)
CLOSING_QUOTES = "".join(dict.fromkeys(QUOTE_PAIRS.values()))

# The Unicode blocks of Arabic script, as the body of a regex character class: the Arabic block
# alone (where cp1256 puts its letters), and with Arabic Supplement and the two Presentation Forms
# blocks. The last block runs up to U+FEFF, so a byte-order mark counts as Arabic there.
ARABIC_BLOCK = "\u0600-\u06ff"
ARABIC_SCRIPT = ARABIC_BLOCK + "\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# A byte-order mark decoded as a character (U+FEFF) rather than stripped as the encoding's signature.
BYTE_ORDER_MARK = "\ufeff"

# Scraped pages sometimes open a quotation with a curly brace and close it with a guillemet ({…»).
# Only the quote reader takes braces for quotation marks; elsewhere they stay punctuation.
BRACE_QUOTES = "{}"
# The marks a quoted outlet or group name is written between (صحيفة «الشرق الأوسط», موقع "أخبار اليوم"):
# the speaker reader accepts these common pairs only, not every quotation mark.
NAME_OPENING_QUOTES = "«\"“"
NAME_CLOSING_QUOTES = "»\"”"


# --- The NER models' character fold (newsan.ner.forms.normalize). The CRF and the networks were
# trained on text folded this way, so it changes only with a retrain. It differs from
# newsan.arabic.normalize.match_form on purpose: ؤ and ئ stay as written (match_form folds them
# to ء), and only these five of the INVISIBLE marks are removed, as in the training text.
NER_INVISIBLE = "\u200f\u200e\u200c\u200d\ufeff"
NER_FOLD = str.maketrans({**dict.fromkeys(DIACRITICS + TATWEEL + NER_INVISIBLE),
                          "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                          **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
                          **{chr(0x06F0 + d): str(d) for d in range(10)}})  # Eastern Arabic-Indic digits
