"""The `rules` NER backend: the gazetteer lexicon's names and trigger words, no model at all.

The fallback of `auto` on an installation without model files, and a
baseline: it tags only what the lexicon lists or its trigger words announce.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsan.arabic.clitics import PROCLITICS, without_proclitic_before_article
from newsan.arabic.normalize import match_form
from newsan.lexicons import gazetteer_names

# A phrase the gazetteer lists under two types takes the first of them here.
TYPE_PRECEDENCE = ("LOC", "ORG", "PER", "MISC")


class RulesTagger:
    """Longest gazetteer match plus trigger words; no model, no surprises."""

    name = "rules"

    def __init__(self, gazetteer: Mapping[str, Any]):
        self._phrases: dict[tuple[str, ...], str] = {}
        for entity_type, phrase in gazetteer_names(gazetteer, TYPE_PRECEDENCE):
            key = tuple(match_form(phrase).split())
            if key:
                self._phrases.setdefault(key, entity_type)
        self._longest_from: dict[str, int] = {}  # first word → longest phrase starting with it
        for key in self._phrases:
            self._longest_from[key[0]] = max(self._longest_from.get(key[0], 0), len(key))
        triggers = gazetteer.get("triggers", {})
        self._org_triggers = {match_form(w) for w in triggers.get("ORG", [])}
        self._per_triggers = {match_form(w) for w in triggers.get("PER_BEFORE", [])}
        self._loc_triggers = {match_form(w) for w in triggers.get("LOC_BEFORE", [])}
        self._function_words = {match_form(w) for w in gazetteer.get("function_words", [])}

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [self._tag_sentence([match_form(t) for t in sentence]) for sentence in sentences]

    def _lookup(self, words: list[str], stripped: list[str], index: int) -> tuple[int, str] | None:
        word = words[index]
        for first in ((word,) if stripped[index] == word else (word, stripped[index])):
            longest = self._longest_from.get(first, 0)
            for length in range(min(longest, len(words) - index), 0, -1):
                entity_type = self._phrases.get((first, *words[index + 1:index + length]))
                if entity_type:
                    return length, entity_type
        return None

    def _tag_sentence(self, words: list[str]) -> list[str]:
        tags = ["O"] * len(words)
        stripped = [without_proclitic_before_article(w) for w in words]
        index = 0
        while index < len(words):
            found = self._lookup(words, stripped, index)
            if found:
                length, entity_type = found
            else:
                length, entity_type = self._triggered(words, stripped, index)
            if length:
                tags[index] = "B-" + entity_type
                for inside in range(index + 1, index + length):
                    tags[inside] = "I-" + entity_type
                index += length
            else:
                index += 1
        return tags

    def _triggered(self, words: list[str], stripped: list[str], index: int) -> tuple[int, str]:
        """'وزارة الخارجية' is an ORG; the name after 'الرئيس' is a PER."""
        count = len(words)
        if index + 1 >= count or not words[index + 1][:1].isalpha():
            return 0, ""
        word = stripped[index]
        if word in self._org_triggers or (word[:1] in PROCLITICS and word[1:] in self._org_triggers):
            length = 2
            while length < 4 and index + length < count and words[index + length].startswith("ال"):
                length += 1
            return length, "ORG"
        if index > 0 and stripped[index - 1] in self._per_triggers and self._name_like(word):
            length = 1
            while length < 3 and index + length < count and self._name_like(words[index + length]):
                length += 1
            return length, "PER"
        if index > 0 and without_proclitic_before_article(words[index - 1]) in self._loc_triggers \
                and self._name_like(word):
            return 1, "LOC"  # "مدينة فلاديفوستوك"
        return 0, ""

    def _name_like(self, word: str) -> bool:
        return word.isalpha() and len(word) >= 2 and not word.startswith("ال") and word not in self._function_words
