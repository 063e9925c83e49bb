"""The lexicon views of the quote reader: the `cues` and `titles` words, folded once for matching.

`CueWords` is what finds an attribution (cue verbs, complementizers, nominal
attributions), `SpeakerWords` what reads who speaks (title, organization and
anonymous heads, the gazetteer's places and bodies). Both are built from the
loaded lexicons through `lexicon_views`, once per loaded lexicon object, so a
user config that extends a list extends them too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from newsan.arabic.clitics import CONJUNCTIONS, OBJECT_ENCLITICS, without_article
from newsan.arabic.normalize import match_form
from newsan.lexicons import compiled, gazetteer_names


def _folded_set(words: Sequence[str]) -> frozenset[str]:
    return frozenset(match_form(w).strip() for w in words)


def _by_role(groups: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """word → role, single words only (multiword phrases extend word by word anyway)."""
    table: dict[str, str] = {}
    for role, words in groups.items():
        for word in words:
            table.setdefault(match_form(word), role)
    return table


@dataclass(frozen=True, slots=True)
class SpeakerWords:
    """The `titles` and `cues` lexicon words a phrase parser needs, folded once."""

    title_heads: dict[str, str]
    organization_heads: dict[str, str]
    anonymous_heads: frozenset[str]
    portfolio_heads: frozenset[str]  # without their article: وزير, not الوزير
    statement_nouns: frozenset[str]
    name_particles: frozenset[str]
    anaphoric_titles: frozenset[str]
    determiners: frozenset[str]
    affiliation_links: frozenset[str]
    function_words: frozenset[str]
    time_words: frozenset[str]
    audience: frozenset[str]
    non_speakers: frozenset[str]
    known_phrases: dict[tuple[str, ...], str]
    known_first_words: frozenset[str]
    media_names: frozenset[str]
    speech_forms: frozenset[str]
    compound_adjectives: frozenset[str] = frozenset()
    title_adjectives: frozenset[str] = frozenset()
    surname_titles: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    clause_openers: frozenset[str] = frozenset()
    apposition_closers: frozenset[str] = frozenset()

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Mapping[str, Any]], speech_forms: frozenset[str]) -> SpeakerWords:
        titles, cues, gazetteer = lexicons["titles"], lexicons["cues"], lexicons["gazetteer"]
        known: dict[tuple[str, ...], str] = {}
        for entity_type, phrase in gazetteer_names(gazetteer, ("ORG", "LOC")):
            known.setdefault(tuple(match_form(phrase).split()), entity_type)
        return cls(
            title_heads=_by_role(titles.get("title_heads", {})),
            organization_heads=_by_role(titles.get("organization_heads", {})),
            anonymous_heads=_folded_set(titles.get("anonymous_heads", [])),
            portfolio_heads=frozenset(map(without_article, _folded_set(titles.get("portfolio_heads", [])))),
            statement_nouns=_folded_set(titles.get("statement_nouns", [])),
            name_particles=_folded_set(titles.get("name_particles", [])),
            anaphoric_titles=_folded_set(titles.get("anaphoric_titles", [])),
            determiners=_folded_set(titles.get("determiners", [])),
            affiliation_links=_folded_set(titles.get("affiliation_links", [])),
            function_words=_folded_set(cues.get("function_words", [])),
            time_words=_folded_set(cues.get("time_words", [])),
            audience=_folded_set(cues.get("audience", [])),
            non_speakers=_folded_set(cues.get("non_speakers", [])),
            known_phrases=known,
            known_first_words=frozenset(phrase[0] for phrase in known if phrase),
            media_names=_folded_set(titles.get("organization_heads", {}).get("media", [])),
            speech_forms=speech_forms,
            compound_adjectives=_folded_set(titles.get("compound_adjectives", [])),
            title_adjectives=_folded_set(titles.get("title_adjectives", [])),
            surname_titles=_folded_set(titles.get("surname_titles", [])),
            honorifics=_folded_set(titles.get("honorifics", [])),
            clause_openers=_folded_set(cues.get("clause_openers", [])),
            apposition_closers=_folded_set(cues.get("apposition_closers", [])),
        )


@dataclass(frozen=True, slots=True)
class CueWords:
    """The `cues` lexicon, folded for matching."""

    verbs: dict[str, str]
    participles: dict[str, str]
    object_verbs: frozenset[str]
    pronoun_object_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    relay_verbs: frozenset[str]
    complementizers: frozenset[str]
    content_prepositions: frozenset[str]
    saying_nouns: frozenset[str]
    temporal: frozenset[str]
    attributions: tuple[tuple[str, ...], ...]
    anaphoric: tuple[tuple[str, ...], ...]
    clause_breaks: tuple[tuple[str, ...], ...]
    clause_conjunctions: tuple[tuple[str, ...], ...]
    cue_requires: dict[str, frozenset[str]]
    subordinators: frozenset[str]
    adjunct_prepositions: frozenset[str]
    relative_pronouns: frozenset[str]
    subject_openers: frozenset[str]
    cue_blockers: frozenset[str]
    utterance_nouns: frozenset[str] = frozenset()
    accusation_verbs: frozenset[str] = frozenset()
    contrastive: frozenset[str] = frozenset()
    content_lead_ins: frozenset[str] = frozenset()
    clause_lead_ins: frozenset[str] = frozenset()
    perfect_particles: frozenset[str] = frozenset()
    kana_forms: frozenset[str] = frozenset()
    relay_links: frozenset[str] = frozenset()
    issuer_links: frozenset[str] = frozenset()
    verb_particles: frozenset[str] = frozenset()
    # Every word an attribution event can start at (a superset): the scan skips the others at set-lookup cost.
    event_starters: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, cues: Mapping[str, Any]) -> CueWords:
        def forms(groups: Mapping[str, Sequence[str]]) -> dict[str, str]:
            return {match_form(f): match_form(lemma) for lemma, fs in groups.items() for f in fs}

        def folded(key: str) -> frozenset[str]:
            return frozenset(match_form(w) for w in cues.get(key, []))

        def phrases(key: str) -> tuple[tuple[str, ...], ...]:
            split = {tuple(match_form(p).replace("ـ", "").replace("ً", "").split()) for p in cues.get(key, [])}
            return tuple(sorted(split, key=len, reverse=True))

        words = cls(
            verbs=forms(cues.get("speech_verbs", {})),
            participles=forms(cues.get("participles", {})),
            object_verbs=folded("object_verbs"),
            pronoun_object_verbs=folded("pronoun_object_verbs"),
            directive_verbs=folded("directive_verbs"),
            relay_verbs=folded("relay_verbs"),
            complementizers=folded("complementizers"),
            content_prepositions=folded("content_prepositions"),
            saying_nouns=folded("saying_nouns"),
            temporal=folded("temporal_conjunctions"),
            attributions=phrases("attributions"),
            anaphoric=phrases("anaphoric_attributions"),
            clause_breaks=phrases("clause_breaks"),
            clause_conjunctions=phrases("clause_conjunctions"),
            cue_requires={match_form(lemma): frozenset(match_form(w) for w in words)
                          for lemma, words in cues.get("cue_requires", {}).items()},
            subordinators=folded("subordinators"),
            adjunct_prepositions=folded("adjunct_prepositions"),
            relative_pronouns=folded("relative_pronouns"),
            subject_openers=folded("subject_openers"),
            cue_blockers=folded("cue_blockers"),
            utterance_nouns=folded("utterance_nouns"),
            accusation_verbs=folded("accusation_verbs"),
            contrastive=folded("contrastive"),
            content_lead_ins=folded("content_lead_ins"),
            clause_lead_ins=folded("clause_lead_ins"),
            perfect_particles=folded("perfect_particles"),
            kana_forms=folded("kana_forms"),
            relay_links=folded("relay_links"),
            issuer_links=folded("issuer_links"),
            verb_particles=folded("verb_particles"),
        )
        return replace(words, event_starters=words._starters())

    def _starters(self) -> frozenset[str]:
        """The words `SentenceTokens._phrase_at` or `_cue_lemma` could match at, with their proclitics."""
        bare = {phrase[0] for phrase in (*self.anaphoric, *self.attributions) if phrase}
        bare |= set(self.verbs) | set(self.participles)
        bare |= {form + suffix for form, lemma in self.verbs.items() if lemma in self.pronoun_object_verbs
                 for suffix in OBJECT_ENCLITICS}
        return frozenset(bare | {clitic + word for word in bare for clitic in CONJUNCTIONS})


def lexicon_views(lexicons: Mapping[str, Any]) -> tuple[CueWords, SpeakerWords]:
    """The cue and speaker words, folded once per loaded lexicon object."""
    return compiled(lexicons, _fold)


def _fold(lexicons: Mapping[str, Any]) -> tuple[CueWords, SpeakerWords]:
    cues = CueWords.from_lexicon(lexicons["cues"])
    speech_forms = (frozenset(cues.verbs) | frozenset(cues.participles) | cues.utterance_nouns
                    | frozenset(p[0] for p in cues.attributions if len(p) == 1)
                    | frozenset(match_form(w) for w in lexicons["cues"].get("not_names", [])))
    return cues, SpeakerWords.from_lexicons(lexicons, speech_forms)
