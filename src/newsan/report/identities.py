"""Which names across an archive are one identity.

A name is compared as a *form*: its words spelt the one way `match_form`
folds them (hamza, ta marbuta, alef maksura, Persian letters), any title in
front of it dropped (الرئيس الروسي بوتين → بوتين). Forms are counted while the
archive streams by; `resolve` then decides, once every form is known, which
forms are one identity: a form with a proclitic glued to it goes to the form
without it when the archive has that one (لبوتين → بوتين), and a bare surname
goes to a full name only when exactly one full name in the archive ends with
it (بوتين → فلاديمير بوتين; a ترامب next to both دونالد ترامب and إيفانكا ترامب
stays apart). Two passes, so memory grows with the forms, not the articles.
The spelling and clitic rules are `newsan.arabic`'s; the title words the
`titles` lexicon's.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsan.arabic.clitics import DEFINITE_WITH_PROCLITIC, name_without_proclitic, without_proclitic_before_article
from newsan.arabic.normalize import match_form, squeeze
from newsan.lexicons import compiled, load_lexicons

Form = tuple[str, ...]

# Punctuation a name picks up at its edges in scraped text: quotation marks, brackets, commas.
_EDGE_MARKS = string.punctuation + "«»“”„‹›،؛؟…"
# The nisba ending of an adjective after a title (الروسي, الأمريكية folded to الامريكيه).
_NISBA_ENDINGS = ("ي", "يه")


@dataclass(frozen=True, slots=True)
class TitleWords:
    """The folded `titles` lexicon words that can stand before a name: heads (الرئيس, وزير, الشيخ) and the
    links inside a title's complement (باسم, في)."""

    heads: frozenset[str]
    links: frozenset[str]


def title_words(config: Any = None) -> TitleWords:
    """The title words of the loaded lexicons (extended by a user's config), folded once per lexicon."""
    return compiled(load_lexicons(config), _fold_titles)


def _fold_titles(lexicons: Mapping[str, Mapping[str, Any]]) -> TitleWords:
    titles = lexicons["titles"]
    heads: set[str] = set()
    for group in titles.get("title_heads", {}).values():
        heads.update(word for phrase in group for word in match_form(phrase).split()[:1])
    for key in ("honorifics", "surname_titles", "portfolio_heads"):
        heads.update(word for phrase in titles.get(key, []) for word in match_form(phrase).split()[:1])
    links = {match_form(word) for key in ("affiliation_links", "title_links") for word in titles.get(key, [])}
    return TitleWords(frozenset(heads), frozenset(links))


def name_form(name: str, titles: TitleWords) -> Form:
    """The form a name is compared under: folded words, edge punctuation off, a leading title dropped.

    A title is a head word and the definite words or links after it (وزير الخارجية الأمريكي, المتحدث
    باسم الجيش); it goes only when a name is left after it, so الرئيس الروسي alone stays a form.
    """
    words = [w for w in (word.strip(_EDGE_MARKS) for word in match_form(squeeze(name)).split()) if w]
    start = 0
    while start < len(words) - 1 and without_proclitic_before_article(words[start]) in titles.heads:
        start += 1
        while start < len(words) - 1 and (words[start] in titles.links or words[start].startswith(
                DEFINITE_WITH_PROCLITIC) and words[start] not in titles.heads):
            start += 1
    rest = words[start:]
    if start and all(w.startswith(DEFINITE_WITH_PROCLITIC) and w.endswith(_NISBA_ENDINGS) for w in rest):
        return tuple(words)  # a title and its adjectives, no name: the phrase is the form
    return tuple(rest)


def display(form: Form) -> str:
    return " ".join(form)


def resolve(forms: Iterable[Form], *, surnames: bool) -> dict[Form, Form]:
    """Each form that is not its own identity, mapped to the form of the identity it belongs to.

    A glued proclitic goes when the archive has the rest (or, for و/ب, when the rest is definite:
    `arabic.clitics.name_without_proclitic`); with `surnames` (people), a form that is the tail of
    exactly one longer form (its surname, or its last two names) joins that one.
    """
    known = set(forms)
    tails = {form[-1] for form in known if len(form) > 1}
    parent: dict[Form, Form] = {}

    def named(rest: Form) -> bool:
        return rest in known or (len(rest) == 1 and rest[0] in tails)

    def unchanged(word: str) -> str:
        return word  # forms are folded already

    for form in known:
        others = form[1:]
        first = name_without_proclitic(form[0], unchanged, lambda word: named((word,) + others))  # noqa: B023
        if first != form[0]:
            parent[form] = (first,) + form[1:]
    if surnames:
        bases = sorted({parent.get(form, form) for form in known}, key=len, reverse=True)
        longer: dict[Form, list[Form]] = {}
        for full in bases:
            for size in range(1, len(full)):
                longer.setdefault(full[-size:], []).append(full)
        for form in bases:  # longest first, so the forms a tail could join are settled before it
            owners = {_root(full, parent) for full in longer.get(form, ())}
            if len(owners) == 1:
                parent[form] = owners.pop()
    return {form: _root(form, parent) for form in known if _root(form, parent) != form}


def _root(form: Form, parent: Mapping[Form, Form]) -> Form:
    seen = {form}
    while form in parent and parent[form] not in seen:
        form = parent[form]
        seen.add(form)
    return form
