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
# The proclitics that go from a definite name without other evidence: و and ب glued to a
# place or body (والصين, بالقاهرة) are common; فال and كال mostly begin foreign names.
BEFORE_DEFINITE_NAMES = ("و", "ب")
# ف and ك are glued to a name far more rarely than a foreign name begins with them (فالنسيا, كلاوس):
# they go only from a name whose whole rest is named elsewhere, never on its first word alone.
RARELY_GLUED_TO_NAMES = ("ف", "ك")
ENCLITICS = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي")


def without_proclitic_before_article(word: str) -> str:
    """One conjunction or preposition off a definite word (والصين → الصين, للبنك → البنك); else the word."""
    if len(word) > 3 and word[0] in PROCLITICS and word[1:3] == ARTICLE:
        return word[1:]
    if len(word) > 3 and word.startswith(LAM_ARTICLE):
        return ARTICLE + word[2:]
    return word


# ----------------------------------------------------------------- quote attribution and its scorer
# The speaker reader compares a phrase word by word with the phrases met before it,
# and the quote scorer compares predicted forms with gold ones; these say how far each
# comparison strips. They differ on purpose: a title head keeps a glued ل/ب (لوزير is
# an addressee, not a title), an organization head drops it, the scorer tries both.

WAW = "و"  # the conjunction glued to the next word: وقال, والصين
LAM = "ل"  # the preposition glued to the next word: لوزير, لبوتين
BA = "ب"  # the preposition glued to the next word: بالقول, بعرقلة
BA_ARTICLE = BA + ARTICLE
DEFINITE_WITH_PROCLITIC = (WAW + ARTICLE, BA_ARTICLE, LAM_ARTICLE, ARTICLE)
ARTICLE_AFTER_PREPOSITION = (BA_ARTICLE, LAM_ARTICLE, "كال")
GLUED_PREPOSITIONS = "لب"
# Third-person pronoun suffixes: a verb's object (وصفها, اتهمهم, عدّه) or a noun's possessor (وحليفتها),
# in the order a cue reader tries them.
OBJECT_ENCLITICS = ("ها", "هم", "ه")
# The same with the dual: a noun carrying one (كلامه, حديثهما) is an object after a title, never part of it.
THIRD_PERSON_ENCLITICS = (*OBJECT_ENCLITICS, "هما")


def without_article(word: str) -> str:
    """A folded word without its article and a proclitic before it (الوزير → وزير, للاتحاد → اتحاد),
    if two letters are left: the form a title head or a name word is compared under."""
    for prefix in DEFINITE_WITH_PROCLITIC:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


def without_glued_preposition(word: str) -> str:
    """A folded word without a glued ل/ب before an indefinite noun (لمنظمة → منظمة): the head of an
    organization it is attached to. A definite word (للأمم, بالبنك) keeps its letters: its
    article, not the preposition, is what `without_article` strips."""
    if word[:1] in GLUED_PREPOSITIONS and not word.startswith((LAM_ARTICLE, BA_ARTICLE)) and len(word) > 3:
        return word[1:]
    return word


def after_glued_preposition(word: str) -> str:
    """The noun a glued ل writes: للأمم → الأمم (the article's alef dropped), لمشروع → مشروع."""
    return ARTICLE + word[2:] if word.startswith(LAM_ARTICLE) else word[1:]


def is_definite_after_preposition(word: str) -> bool:
    """بالقول, للصحفيين, كالعادة: a definite noun governed by a glued preposition."""
    return word.startswith(ARTICLE_AFTER_PREPOSITION)


def readings_without_proclitic(word: str) -> set[str]:
    """The word as written and with one proclitic off (للبنك → البنك, وبوتين → بوتين), for comparing
    forms written by different hands: a letter that looks like a proclitic may belong to the
    word (بولتون), so both readings count. Longer than three letters only."""
    readings = {word}
    if word.startswith(LAM_ARTICLE) and len(word) > 3:
        readings.add(ARTICLE + word[2:])
    if word[0] in PROCLITICS and len(word) > 3:
        readings.add(word[1:])
    return readings

# --- Named-entity rules: a tagged name's glued clitic (newsan.analysis.entities) and the NER
# features' word split (newsan.ner.forms). The CRF and the networks were trained on exactly
# these splits: a change to split_proclitics or split_enclitic needs a retrain.

from collections.abc import Callable  # noqa: E402 (here, not on top: each stage appends its own block)

# Arabic letters from hamza to yeh: a rest that does not start with one was no word to split.
FIRST_ARABIC_LETTER, LAST_ARABIC_LETTER = "\u0621", "\u064a"
# Enclitics by length, longest first, so that ها is split off before ه.
_ENCLITICS_BY_SIZE = tuple((size, frozenset(e for e in ENCLITICS if len(e) == size)) for size in (3, 2, 1))


def name_without_proclitic(name: str, fold: Callable[[str], str], is_named: Callable[[str], bool]) -> str:
    """A name without the conjunction or preposition glued to its front, or the name as written.

    For a tagged name, not a word: و or ب goes from a definite name (والصين → الصين, بالقاهرة →
    القاهرة) as in without_proclitic_before_article, and any of them from a name whose ``fold``ed
    rest ``is_named`` elsewhere (لبوتين → بوتين). ف and ك go only then: a foreign name written
    with فال or كال (فالنسيا, كاليفورنيا, كالينينغراد) is far more common in news than "so the"
    or "like the" glued to a name, while فالإمارات still loses its ف because الإمارات is known.
    A ل before ل goes only when the rest is named too: للبنان is ل + لبنان when لبنان is named,
    للأمم (ل + الأمم with the alef elided) stays as written.
    """
    if name[:1] not in PROCLITICS or len(name) < 4:
        return name
    rest = name[1:]
    folded_rest = fold(rest)
    if is_named(folded_rest):
        return rest
    return rest if folded_rest.startswith(ARTICLE) and name[0] in BEFORE_DEFINITE_NAMES else name


def split_proclitics(word: str) -> tuple[str, str]:
    """(proclitics, rest) of a folded word, in the order Arabic glues them: a conjunction, then a
    preposition, then the article, each taken only while more than 3 letters remain (وبالبيت →
    وبال + بيت); لل is ل plus the article with its alef elided (للرئيس = لل + رئيس).

    Greedier than without_proclitic_before_article, whose words are names to compare: the
    features want the bare stem, and the word's first letter may be taken for a clitic (برنامج
    → ب + رنامج) because the models learnt from such splits too.
    """
    proclitics, rest = "", word
    if len(rest) > 3 and rest[0] in CONJUNCTIONS:
        proclitics, rest = rest[0], rest[1:]
    if len(rest) > 3 and rest.startswith(LAM_ARTICLE):
        return proclitics + LAM_ARTICLE, rest[2:]
    if len(rest) > 3 and rest[0] in PREPOSITIONS:
        proclitics, rest = proclitics + rest[0], rest[1:]
    if len(rest) > 3 and rest.startswith(ARTICLE):
        proclitics, rest = proclitics + ARTICLE, rest[2:]
    if not FIRST_ARABIC_LETTER <= rest[:1] <= LAST_ARABIC_LETTER:
        return "", word
    return proclitics, rest


def split_enclitic(stem: str) -> tuple[str, str]:
    """(stem, enclitic) with the longest possessive or object pronoun split off the end, when at
    least 3 letters remain (كتابهم → كتاب + هم); (stem, "") when none is."""
    for size, endings in _ENCLITICS_BY_SIZE:
        if len(stem) - size >= 3 and stem[-size:] in endings:
            return stem[:-size], stem[-size:]
    return stem, ""
