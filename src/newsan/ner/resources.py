"""The lookup tables the NER features read, all shipped next to the models, and their file names.

Clusters, gazetteer, profiles and corpus names are TSV files in data/ner/; the
trigger words come from data/ner/triggers.yaml (newsan.ner.lexicon); the names
and title nouns from the package's gazetteer lexicon (lexicons/gazetteer.yaml).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import product
from pathlib import Path
from typing import Any

from newsan.arabic.clitics import PREPOSITIONS, split_proclitics
from newsan.ner.forms import long_vowels, normalize, shape, word_forms
from newsan.ner.labels import LABELS
from newsan.ner.lexicon import trigger_map

# What Resources.read gives: word_forms' five forms, entries' four lookups, then the word's shape and the
# long vowels of its rest (newsan.ner.forms).
WordReading = tuple[str, str, str, str, str, tuple[str, ...], str | None, str | None, str | None, str, int]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "ner"
MODEL_FILE = "ner.crfsuite"
DOC_MODEL_FILE = "ner-doc.crfsuite"
CLUSTERS_FILE = "clusters.tsv"
GAZETTEER_FILE = "gazetteer.tsv"
PROFILES_FILE = "profiles.tsv"
CORPUS_NAMES_FILE = "corpus-names.tsv"


@dataclass
class Resources:
    """Lookup tables the features use; all of them ship next to the model.

    clusters: normalized word -> cluster ids from coarse to fine.
    gazetteer: proclitic-stripped word -> entity tag (e.g. ``B-LOC``) it mostly carries.
    triggers: proclitic-stripped word -> trigger class (newsan.ner.lexicon, from triggers.yaml).
    profiles: proclitic-stripped word -> buckets of its article rate, frequency, and rates
        after a verb particle and after a preposition in raw text.
    corpus_names: proclitic-stripped word -> the name type the neural backend mostly gives it in
        raw news, with a bucket of how often (``PER3``: 80 % of its occurrences or more).
    lexicon: the names of newsan's gazetteer lexicon (lexicons/gazetteer.yaml), matched as word
        sequences.
    title_heads: the nouns of works whose quoted titles are MISC (head_forms, quoted_names).
    body_heads: the nouns of bodies whose quoted names are ORG (head_forms, quoted_names).
    """

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: dict[str, str] = field(default_factory=dict)
    triggers: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)
    corpus_names: dict[str, str] = field(default_factory=dict)
    lexicon: NameLexicon = field(default_factory=lambda: NameLexicon({}))
    title_heads: frozenset[str] = frozenset()
    body_heads: frozenset[str] = frozenset()
    # read()'s memo: token string -> its reading, for the last few thousand new tokens.
    _readings: dict[str, WordReading] = field(default_factory=dict, init=False, repr=False, compare=False)

    # The memo restarts past this many tokens: it need only hold one call's new words, which in a call of
    # 64 articles (the serial runner's chunk) often pass 8,192: at 1 << 13 the networks read again 12,700 of
    # the 39,500 distinct words of bench/throughput.py's 1,000 articles (5 % of the analysis time).
    READINGS_MAX = 1 << 15

    def read(self, token: str) -> WordReading:
        """word_forms, entries, shape and long_vowels of a token: (normalized form, proclitics, rest, stem,
        enclitic, cluster ids, trigger class, gazetteer tag, profile, shape, long vowels). Remembered for a
        while, because the ensemble's two taggers read the same new words in the same call."""
        reading = self._readings.get(token)
        if reading is None:
            if len(self._readings) >= self.READINGS_MAX:
                self._readings.clear()
            w, pro, rest, stem, enc = word_forms(token)
            reading = self._readings[token] = (w, pro, rest, stem, enc, *self.entries(w, rest, stem), shape(w),
                                               long_vowels(rest))
        return reading

    def entries(self, w: str, rest: str, stem: str
                ) -> tuple[tuple[str, ...], str | None, str | None, str | None]:
        """A word's (cluster ids or (), trigger class, gazetteer tag, profile), given its normalized
        form, proclitic-stripped form and stem (word_forms): each from the first form that has one,
        in the order the tables were built for. Both taggers' features read words this way."""
        return ((self.clusters.get(w) or self.clusters.get(rest) or self.clusters.get(stem) or ()),
                self.triggers.get(rest) or self.triggers.get(w),
                self.gazetteer.get(rest) or self.gazetteer.get(stem),
                self.profiles.get(rest))


class NameLexicon:
    """Names of known places, bodies and people (الولايات المتحدة, مجلس الأمن, رويترز, بان كي مون)
    as sequences of proclitic-stripped words -> entity type, and where they occur in a sentence.

    Written for the project (lexicons/gazetteer.yaml), so it may list what
    ANERcorp train never saw; the CRF learns how far to trust a match.
    """

    def __init__(self, gazetteer: Mapping[str, Any]):
        from newsan.lexicons import gazetteer_names

        self.names: dict[tuple[str, ...], str] = {}
        for entity_type, name in gazetteer_names(gazetteer, LABELS):
            # A word is filed under its stripped and its whole form: the stripper takes
            # the و of واشنطن, but not after a real proclitic (لواشنطن -> واشنطن).
            forms = [{split_proclitics(w)[1], w} for w in map(normalize, name.split())]
            for key in product(*forms):
                if key and all(key):
                    self.names.setdefault(key, entity_type)
        # First word -> the lengths of the names it starts, longest first.
        self.sizes: dict[str, tuple[int, ...]] = {}
        for key in self.names:
            self.sizes[key[0]] = tuple(sorted({len(key), *self.sizes.get(key[0], ())}, reverse=True))

    def marks(self, rests: list[str]) -> list[tuple[int, str]]:
        """(token index, feature) for the names in a sentence of proclitic-stripped words, longest
        match first from the left: lxB=/lxI= and the type on a name's words, +1lx= on the word
        before each of them and -1lx= on the word after."""
        out: list[tuple[int, str]] = []
        n = len(rests)
        sizes = self.sizes
        end = 0  # past the last name marked
        for i in [k for k, rest in enumerate(rests) if rest in sizes]:
            if i < end:
                continue
            for size in sizes[rests[i]]:
                entity_type = self.names.get(tuple(rests[i:i + size])) if i + size <= n else None
                if entity_type:
                    break
            else:
                continue
            end = i + size
            for j in range(i, end):
                out.append((j, ("lxB=" if j == i else "lxI=") + entity_type))
                if j > 0:
                    out.append((j - 1, "+1lx=" + entity_type))
                if j + 1 < n:
                    out.append((j + 1, "-1lx=" + entity_type))
        return out


def read_table(path: Path) -> dict[str, str]:
    """A two-column TSV as a dict; a missing file is an empty table."""
    table = {}
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                key, _, value = line.rstrip("\n").partition("\t")
                table[key] = value
    return table


def load_resources(directory: Path) -> Resources:
    """Read the shipped clusters, gazetteer, profiles and corpus names, the trigger lexicon and
    the names of the package's gazetteer lexicon (not a user's config: the model was trained
    with the package's)."""
    from newsan.lexicons import load_lexicons

    clusters = {w: tuple(ids.split(".")) for w, ids in read_table(directory / CLUSTERS_FILE).items()}
    gazetteer = load_lexicons()["gazetteer"]
    return Resources(clusters=clusters, gazetteer=read_table(directory / GAZETTEER_FILE),
                     triggers=trigger_map(), profiles=read_table(directory / PROFILES_FILE),
                     corpus_names=read_table(directory / CORPUS_NAMES_FILE),
                     lexicon=NameLexicon(gazetteer),
                     title_heads=head_forms(gazetteer.get("triggers", {}).get("TITLE_BEFORE", [])),
                     body_heads=head_forms(gazetteer.get("triggers", {}).get("ORG", [])))


@cache
def _article_rates() -> dict[str, int]:
    """Proclitic-stripped word → how often the unlabelled text writes it with ال (0 never .. 3 mostly)."""
    return {word: int(profile[1]) for word, profile in read_table(DATA_DIR / PROFILES_FILE).items() if profile}


def is_common_noun(word: str) -> bool:
    """A word the unlabelled text mostly writes with the article ال: a common noun, not a name
    (مؤشر, لبيانات, تحذير against بوتين, لافروف). Only a glued ل or ب is taken off: a name may
    begin with و (والين, وليد)."""
    folded = normalize(word)
    rates = _article_rates()
    rate = rates.get(folded)
    if rate is None and folded[:1] in PREPOSITIONS and len(folded) > 3:
        rate = rates.get(folded[1:])
    return (rate or 0) >= 2


@cache  # a few hundred distinct profiles, split for tens of thousands of words
def profile_parts(profile: str) -> tuple[str, str, str, str]:
    """Split a profile such as "a2f10v1n3" into its article rate ("a2"), frequency ("f10"),
    rate after a verb particle ("1") and rate after a preposition ("3")."""
    v = profile.index("v")
    return profile[:2], profile[2:v], profile[v + 1], profile[v + 3:]


def head_forms(words: Iterable[str]) -> frozenset[str]:
    """The forms quoted_names looks for: each noun normalized, and proclitic-stripped as the
    tokens' keys are (the stripper takes the ب of برنامج as it would a preposition)."""
    forms = set()
    for word in words:
        w = normalize(word)
        forms |= {w, split_proclitics(w)[1]}
    return frozenset(forms)
