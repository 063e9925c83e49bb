"""The lexicon views of the quote reader: the `cues` and `titles` words, folded once for matching.

`CueWords` is what finds an attribution (cue verbs, complementizers, nominal
attributions), `SpeakerWords` what reads who speaks (title, organization and
anonymous heads, the gazetteer's places and bodies). Both are built from the
loaded lexicons through `lexicon_views`, once per loaded lexicon object, so a
user config that extends a list extends them too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from newsan.arabic.charsets import TATWEEL
from newsan.arabic.clitics import CONJUNCTIONS, LAM, OBJECT_ENCLITICS, WAW, without_article
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


def _word_list(lexicon: str, key: str | None = None) -> Any:
    """A field holding one list of a lexicon (`key`, else the field's own name), folded into a set.

    Declaring the list beside the field keeps adding a YAML list to one line here.
    """
    return field(default=frozenset(), metadata={"lexicon": lexicon, "key": key})


def _word_lists(view: type, lexicons: Mapping[str, Mapping[str, Any]],
                fold: Callable[[Sequence[str]], frozenset[str]]) -> dict[str, frozenset[str]]:
    """Every `_word_list` field of a view, filled from the loaded lexicons."""
    return {f.name: fold(lexicons[f.metadata["lexicon"]].get(f.metadata["key"] or f.name, []))
            for f in fields(view) if "lexicon" in f.metadata}


@dataclass(frozen=True, slots=True)
class SpeakerWords:
    """The `titles` and `cues` lexicon words a phrase parser needs, folded once."""

    title_heads: dict[str, str]
    organization_heads: dict[str, str]
    portfolio_heads: frozenset[str]  # without their article: وزير, not الوزير
    known_phrases: dict[tuple[str, ...], str]  # the gazetteer's places and bodies
    known_first_words: frozenset[str]
    media_names: frozenset[str]
    speech_forms: frozenset[str]
    # heads and words of a title
    anonymous_heads: frozenset[str] = _word_list("titles")
    partitive_words: frozenset[str] = _word_list("titles")
    quantity_heads: frozenset[str] = _word_list("titles")
    count_words: frozenset[str] = _word_list("titles")
    individual_heads: frozenset[str] = _word_list("titles")
    website_heads: frozenset[str] = _word_list("titles")
    not_body_words: frozenset[str] = _word_list("titles")
    descriptive_adjectives: frozenset[str] = _word_list("titles")
    description_heads: frozenset[str] = _word_list("titles")
    share_heads: frozenset[str] = _word_list("titles")
    place_bound_heads: frozenset[str] = _word_list("titles")
    percent_words: frozenset[str] = _word_list("titles")
    statement_nouns: frozenset[str] = _word_list("titles")
    name_particles: frozenset[str] = _word_list("titles")
    anaphoric_titles: frozenset[str] = _word_list("titles")
    determiners: frozenset[str] = _word_list("titles")
    demonstratives: frozenset[str] = _word_list("titles")
    human_demonstratives: frozenset[str] = _word_list("titles")
    affiliation_links: frozenset[str] = _word_list("titles")
    compound_adjectives: frozenset[str] = _word_list("titles")
    title_adjectives: frozenset[str] = _word_list("titles")
    head_complements: frozenset[str] = _word_list("titles")
    collective_heads: frozenset[str] = _word_list("titles")
    place_nouns: frozenset[str] = _word_list("titles")
    surname_titles: frozenset[str] = _word_list("titles")
    honorifics: frozenset[str] = _word_list("titles")
    abbreviated_titles: frozenset[str] = _word_list("titles")
    accusative_openers: frozenset[str] = _word_list("titles")
    name_breakers: frozenset[str] = _word_list("titles")
    anonymity_openers: frozenset[str] = _word_list("titles")
    identity_words: frozenset[str] = _word_list("titles")
    naming_verbs: frozenset[str] = _word_list("titles")
    # words that end or surround a phrase
    function_words: frozenset[str] = _word_list("cues")
    time_words: frozenset[str] = _word_list("cues")
    audience: frozenset[str] = _word_list("cues")
    non_speakers: frozenset[str] = _word_list("cues")
    clause_openers: frozenset[str] = _word_list("cues")
    apposition_closers: frozenset[str] = _word_list("cues")

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Mapping[str, Any]], speech_forms: frozenset[str]) -> SpeakerWords:
        titles, gazetteer = lexicons["titles"], lexicons["gazetteer"]
        known: dict[tuple[str, ...], str] = {}
        for entity_type, phrase in gazetteer_names(gazetteer, ("ORG", "LOC")):
            known.setdefault(tuple(match_form(phrase).split()), entity_type)
        return cls(
            title_heads=_by_role(titles.get("title_heads", {})),
            organization_heads=_by_role(titles.get("organization_heads", {})),
            portfolio_heads=frozenset(map(without_article, _folded_set(titles.get("portfolio_heads", [])))),
            known_phrases=known,
            known_first_words=frozenset(phrase[0] for phrase in known if phrase),
            media_names=_folded_set(titles.get("organization_heads", {}).get("media", [])),
            speech_forms=speech_forms,
            **_word_lists(cls, lexicons, _folded_set),
        )


@dataclass(frozen=True, slots=True)
class CueWords:
    """The `cues` lexicon, folded for matching."""

    verbs: dict[str, str]
    participles: dict[str, str]
    attributions: tuple[tuple[str, ...], ...]
    anaphoric: tuple[tuple[str, ...], ...]
    clause_breaks: tuple[tuple[str, ...], ...]
    non_speech_idioms: tuple[tuple[str, ...], ...]
    clause_conjunctions: tuple[tuple[str, ...], ...]
    cue_requires: dict[str, frozenset[str]]
    object_prepositions: dict[str, str]  # lemma → the preposition its content follows, after an object
    # Attribution heads that a speech verb completes: ("حسب", "ما") from "حسب ما قال", then any verb ("حسب ما أفادت").
    reported_attributions: tuple[tuple[str, ...], ...]
    # Attribution words that take ل before their source ("وفقا لـ"), which is often glued to it: "وفقا لوزارة";
    # with and without a leading و.
    lam_attributions: frozenset[str]
    # what a cue verb takes and reports
    object_verbs: frozenset[str] = _word_list("cues")
    pronoun_object_verbs: frozenset[str] = _word_list("cues")
    description_verbs: frozenset[str] = _word_list("cues")
    description_relatives: frozenset[str] = _word_list("cues")
    directive_verbs: frozenset[str] = _word_list("cues")
    relay_verbs: frozenset[str] = _word_list("cues")
    accusation_verbs: frozenset[str] = _word_list("cues")
    object_pronouns: frozenset[str] = _word_list("cues")
    passive_links: frozenset[str] = _word_list("cues")
    complementizers: frozenset[str] = _word_list("cues")
    content_prepositions: frozenset[str] = _word_list("cues")
    glued_content_verbs: frozenset[str] = _word_list("cues")
    channel_words: frozenset[str] = _word_list("cues")
    saying_nouns: frozenset[str] = _word_list("cues")
    utterance_nouns: frozenset[str] = _word_list("cues")
    document_nouns: frozenset[str] = _word_list("cues")
    attribution_consequents: frozenset[str] = _word_list("cues")
    content_lead_ins: frozenset[str] = _word_list("cues")
    # what blocks a cue or places its subject
    temporal: frozenset[str] = _word_list("cues", "temporal_conjunctions")
    subordinators: frozenset[str] = _word_list("cues")
    pronoun_conjunctions: frozenset[str] = _word_list("cues")
    adjunct_prepositions: frozenset[str] = _word_list("cues")
    relative_pronouns: frozenset[str] = _word_list("cues")
    addressee_pronouns: frozenset[str] = _word_list("cues")
    relative_prepositions: frozenset[str] = _word_list("cues")
    relative_resumptives: frozenset[str] = _word_list("cues")
    trailing_markers: frozenset[str] = _word_list("cues")
    subject_openers: frozenset[str] = _word_list("cues")
    cue_blockers: frozenset[str] = _word_list("cues")
    negatable_cues: frozenset[str] = _word_list("cues")
    considered_verbs: frozenset[str] = _word_list("cues")
    negations: frozenset[str] = _word_list("cues")
    impersonal_forms: frozenset[str] = _word_list("cues")
    impersonal_subjects: frozenset[str] = _word_list("cues")
    contrastive: frozenset[str] = _word_list("cues")
    clause_lead_ins: frozenset[str] = _word_list("cues")
    perfect_particles: frozenset[str] = _word_list("cues")
    kana_forms: frozenset[str] = _word_list("cues")
    relay_links: frozenset[str] = _word_list("cues")
    issuer_links: frozenset[str] = _word_list("cues")
    verb_particles: frozenset[str] = _word_list("cues")
    # Every word an attribution event can start at (a superset): the scan skips the others at set-lookup cost.
    event_starters: frozenset[str] = frozenset()
    # Nouns read over between a nominal attribution and its source: the utterance and the document nouns.
    source_nouns: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, cues: Mapping[str, Any]) -> CueWords:
        def forms(groups: Mapping[str, Sequence[str]]) -> dict[str, str]:
            return {match_form(f): match_form(lemma) for lemma, fs in groups.items() for f in fs}

        def folded(words: Sequence[str]) -> frozenset[str]:
            return frozenset(match_form(w) for w in words)

        def phrases(key: str) -> tuple[tuple[str, ...], ...]:
            split = {tuple(match_form(p).replace(TATWEEL, "").replace("ً", "").split()) for p in cues.get(key, [])}
            return tuple(sorted(split, key=len, reverse=True))

        verbs = forms(cues.get("speech_verbs", {}))
        attributions = phrases("attributions")
        reported = {p[:-1] for p in attributions if len(p) > 1 and _speech_verb(verbs, p[-1])}
        words = cls(
            verbs=verbs,
            participles=forms(cues.get("participles", {})),
            attributions=attributions,
            reported_attributions=tuple(sorted(reported, key=len, reverse=True)),
            lam_attributions=frozenset(form for p in attributions if len(p) == 2 and p[1] == LAM
                                       for form in (p[0], WAW + p[0])),
            anaphoric=phrases("anaphoric_attributions"),
            clause_breaks=phrases("clause_breaks"),
            non_speech_idioms=phrases("non_speech_idioms"),
            clause_conjunctions=phrases("clause_conjunctions"),
            cue_requires={match_form(lemma): folded(words) for lemma, words in cues.get("cue_requires", {}).items()},
            object_prepositions={match_form(lemma): match_form(preposition)
                                 for lemma, preposition in cues.get("object_prepositions", {}).items()},
            **_word_lists(cls, {"cues": cues}, folded),
        )
        return replace(words, event_starters=words._starters(),
                       source_nouns=words.utterance_nouns | words.document_nouns)

    def speech_verb(self, norm: str) -> bool:
        return _speech_verb(self.verbs, norm)

    def _starters(self) -> frozenset[str]:
        """The words `SentenceTokens._phrase_at` or `_cue_lemma` could match at, with their proclitics."""
        bare = {phrase[0] for phrase in (*self.anaphoric, *self.attributions) if phrase}
        bare |= set(self.verbs) | set(self.participles)
        bare |= {form + suffix for form, lemma in self.verbs.items()
                 if lemma in self.pronoun_object_verbs | self.description_verbs for suffix in OBJECT_ENCLITICS}
        return frozenset(bare | {clitic + word for word in bare for clitic in CONJUNCTIONS})


def _speech_verb(verbs: Mapping[str, str], norm: str) -> bool:
    """A speech verb's form, bare or with the object pronoun a relative ما takes back (قاله, ذكرته)."""
    return norm in verbs or (norm[-1:] == "ه" and norm[:-1] in verbs)


def lexicon_views(lexicons: Mapping[str, Any]) -> tuple[CueWords, SpeakerWords]:
    """The cue and speaker words, folded once per loaded lexicon object."""
    return compiled(lexicons, _fold)


def _fold(lexicons: Mapping[str, Any]) -> tuple[CueWords, SpeakerWords]:
    cues = CueWords.from_lexicon(lexicons["cues"])
    speech_forms = (frozenset(cues.verbs) | frozenset(cues.participles) | cues.utterance_nouns
                    | frozenset(p[0] for p in cues.attributions if len(p) == 1)
                    | frozenset(match_form(w) for w in lexicons["cues"].get("not_names", [])))
    return cues, SpeakerWords.from_lexicons(lexicons, speech_forms)
