"""Every rule that takes a clitic or the article off an Arabic word, named by what it is for.

Arabic glues conjunctions (و ف), prepositions (ب ل ك) and the article (ال) to
the front of a word and possessive or object pronouns to its end. Stages strip
them for different purposes, and the purpose decides how far to go: a name is
compared without a glued preposition (لبوتين = بوتين), a title head without
its article (الوزير = وزير), a word's features see its stem. Each purpose is one
function here; the stages call these instead of writing their own.
"""

from __future__ import annotations

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
PROCLITICS = CONJUNCTIONS + PREPOSITIONS
ARTICLE = "ال"
# ل before the article drops the article's alef: للرئيس = ل + الرئيس.
LAM_ARTICLE = "لل"
ENCLITICS = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي")


def without_proclitic_before_article(word: str) -> str:
    """One conjunction or preposition off a definite word (والصين → الصين, للبنك → البنك); else the word."""
    if len(word) > 3 and word[0] in PROCLITICS and word[1:3] == ARTICLE:
        return word[1:]
    if len(word) > 3 and word.startswith(LAM_ARTICLE):
        return ARTICLE + word[2:]
    return word
