"""A speaker's gender as the text tells it, never guessed from a name.

Arabic marks it by agreement: the cue verb (قال / قالت, يقول / تقول), the
participle continuing the clause (مضيفا / مضيفة) and the title (الوزير /
الوزيرة, المتحدث / المتحدثة) agree with the person speaking. Only people and
offices get one; an institution, a state or a group has none, and so has a
person the text never marks either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsan.arabic.clitics import ARTICLE, CONJUNCTIONS, without_article
from newsan.arabic.normalize import match_form
from newsan.attribution.words import CueWords, SpeakerWords

FEMALE, MALE = "female", "male"
GENDERED_KINDS = ("person", "office")
# The feminine ending (ta marbuta, folded to heh by match_form) and the verb's feminine ت.
_TA_MARBUTA = "ه"
_FEMININE_TA = "ت"
# Present tense prefixes of the third person singular: يقول (he), تقول (she).
_MASCULINE_PRESENT, _FEMININE_PRESENT = "ي", "ت"
# Plural verbs (قالوا, يقولون) and participles (مؤكدين) speak for a group, not one person.
_PLURAL_ENDINGS = ("وا", "ون")
_PLURAL_PARTICIPLE_ENDING = "ين"
# Nisba plurals (الحوثيون, المصريين) and the participle's prefix (مراقبون, المحللين): plural words, not names.
_NISBA_PLURALS = ("يون", "يين")
_SOUND_PLURAL_ENDINGS = ("ون", "ين")
_PARTICIPLE_PREFIX = "م"
# The participle's adverbial accusative: مضيفا (he), مضيفة (she).
_MASCULINE_ACCUSATIVE = "ا"
# The possessive pronoun of the one whose identity is hidden: هويتها (her), هويته (his).
_FEMININE_PRONOUN, _MASCULINE_PRONOUN = "ها", "ه"


def cue_gender(cue: str, cues: CueWords) -> str | None:
    """The gender a cue verb or participle agrees with, or None (a noun, a plural, a form the lexicon lacks)."""
    form = match_form(cue).strip()
    for candidate in (form, form[1:] if form[:1] in CONJUNCTIONS and len(form) > 3 else None):
        if candidate in cues.verbs:  # "ونقلت سانا عن مصدر": a relay verb agrees with the relayer, not the source
            lemma = cues.verbs[candidate]
            return None if lemma in cues.relay_verbs else _verb_gender(candidate, lemma)
        if candidate in cues.participles:
            return FEMALE if candidate.endswith(_TA_MARBUTA) else (
                MALE if candidate.endswith(_MASCULINE_ACCUSATIVE) else None)
    return None


def is_plural_cue(cue: str, cues: CueWords) -> bool:
    """A plural verb (قالوا, يقولون) or participle (مؤكدين): a group speaks."""
    form = match_form(cue).strip()
    return form.endswith(_PLURAL_ENDINGS) or (form in cues.participles and form.endswith(_PLURAL_PARTICIPLE_ENDING))


def is_sound_plural(descriptor: str | None, words: SpeakerWords) -> bool:
    """A masculine sound plural of a nisba or participle first (الحوثيون, مراقبون, المحللين): men as a group,
    whom a singular cue does not agree with. A body's head (التلفزيون) is no plural."""
    first = match_form(descriptor.split()[0]) if descriptor and descriptor.split() else ""
    bare = without_article(first)
    if len(bare) < 5 or first in words.organization_heads or bare in words.organization_heads:
        return False
    return bare.endswith(_NISBA_PLURALS) or (
        bare.startswith(_PARTICIPLE_PREFIX) and bare.endswith(_SOUND_PLURAL_ENDINGS))


def _verb_gender(form: str, lemma: str) -> str | None:
    """Gender of a folded verb form of a lemma (its third person masculine past): قال, قالت, يقول, تقول."""
    if form.endswith(_PLURAL_ENDINGS):
        return None
    if form == lemma:
        return MALE
    if form in (lemma + _FEMININE_TA, lemma[:-1] + _FEMININE_TA):  # قالت; نفى → نفت, دعا → دعت
        return FEMALE
    if form.startswith(_MASCULINE_PRESENT):
        return MALE
    return FEMALE if form.startswith(_FEMININE_PRESENT) else None


def title_gender(title: str | None, words: SpeakerWords) -> str | None:
    """Gender of a title's head: الوزيرة is the feminine of the title head وزير; الوزير is masculine."""
    if not title:
        return None
    head = without_article(match_form(title).split()[0]) if title.split() else ""
    if head.endswith(_TA_MARBUTA) and _is_title_head(head[:-1], words):
        return FEMALE
    return MALE if _is_title_head(head, words) else None


def _one_person(descriptor: str | None, words: SpeakerWords) -> bool:
    """An anonymous source that is one person: "أحد المختطفين", "مصدر مسؤول", "مسؤولا إيرانيا" (accusative)."""
    head = (match_form(descriptor).split() or [""])[0] if descriptor else ""
    return head in words.individual_heads or (head.endswith("ا") and head[:-1] in words.individual_heads)


def _hidden_identity_gender(mentions: Sequence[str], words: SpeakerWords) -> str | None:
    """The gender of the one person a source's first mention hides: "صحافية لم تكشف هويتها" (female),
    "تاجر فضل عدم الكشف عن هويته" (male); None for a hidden group (أسمائهم) or any other mention."""
    last = match_form(mentions[0]).split()[-1] if mentions and mentions[0].split() else ""
    if last not in words.identity_words:
        return None
    return FEMALE if last.endswith(_FEMININE_PRONOUN) else MALE if last.endswith(_MASCULINE_PRONOUN) else None


def _is_title_head(word: str, words: SpeakerWords) -> bool:
    return bool(word) and (word in words.title_heads or ARTICLE + word in words.title_heads)


def speaker_gender(kind: str, cue_texts: Iterable[str], title: str | None, cues: CueWords,
                   words: SpeakerWords, mentions: Sequence[str] = ()) -> str | None:
    """The gender most of a person's cues agree with; the title, then the pronoun of a hidden identity,
    decides a tie; None without evidence."""
    hidden = _hidden_identity_gender(mentions, words) if kind == "group" else None
    if kind not in GENDERED_KINDS and not (kind == "group" and (hidden or _one_person(title, words))):
        return None
    votes = [gender for cue in cue_texts if (gender := cue_gender(cue, cues))]
    females, males = votes.count(FEMALE), votes.count(MALE)
    if females != males:
        return FEMALE if females > males else MALE
    return title_gender(title, words) or hidden
