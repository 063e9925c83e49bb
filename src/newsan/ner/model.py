"""The built-in Arabic NER tagger: a linear-chain CRF over Arabic-aware features.

Why a CRF and not BERT: it runs offline on one CPU core at a few hundred
thousand words per second, loads in a fraction of a second and ships in a few
megabytes. It gives up accuracy for that: about 78 micro-F1 on ANERcorp dev,
where BERT models reach about 83 and newsan's default, this CRF and the
networks together (ner_ensemble), 80.7 (see data/ner/README.md). Two passes: a
sentence CRF, then a document CRF that also sees how the first pass tagged the
same word in nearby sentences. Part of what the slower neural backend knows
reaches it as data: the person and place names that backend finds in raw news
(Resources.corpus_names). The project's own gazetteer lexicon marks the names
it lists, several words long or one (NameLexicon).

The CRFs are trained by crfsuite on attribute strings (Featurizer,
doc_features), but tagging does not build those strings: the weights are read
once (newsan.ner.crf) and BuiltinTagger caches, per distinct token string, the
summed weights of its own features and of those it lends its neighbours, so a
sentence's scores are a few shifted numpy gathers and the Viterbi search runs
over all sentences of a call at once. Same features, weights and tie-breaking
as crfsuite's tagger, so the same tags (a test checks against crfsuite).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import compress, product, repeat
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple

import numpy as np

from newsan.ner.crf import read_crfsuite, viterbi
from newsan.evaluation.ner import entities

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "ner"
MODEL_FILE = "ner.crfsuite"
DOC_MODEL_FILE = "ner-doc.crfsuite"
CLUSTERS_FILE = "clusters.tsv"
GAZETTEER_FILE = "gazetteer.tsv"
PROFILES_FILE = "profiles.tsv"
CORPUS_NAMES_FILE = "corpus-names.tsv"

LABELS = ("PER", "LOC", "ORG", "MISC")

# camel_tools.utils.charsets.AR_DIAC_CHARSET, the set camel_tools' dediac_ar
# removes (a test checks they agree). Spelled out because importing
# camel_tools.utils builds its Unicode charsets and takes about a second, which
# would be most of the model's load time.
AR_DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"

# Alef variants, alef maksura and teh marbuta are spelled inconsistently in news
# text; folding them lets one feature cover all spellings of a word.
_FOLD = str.maketrans({**dict.fromkeys(AR_DIACRITICS),
                       "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None, "\u200f": None, "\u200e": None, "\u200c": None,
                       "\u200d": None, "\ufeff": None,
                       **{chr(0x0660 + d): str(d) for d in range(10)},
                       **{chr(0x06F0 + d): str(d) for d in range(10)}})
_DIGITS = re.compile(r"[0-9]")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_LATIN = re.compile(r"[A-Za-z]")

# Proclitics are conjunction (و ف), then preposition (ب ل ك), then the article.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_ENCLITICS = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي")
# By length, longest first, so ها is removed before ه.
_ENCLITICS_BY_SIZE = tuple((size, frozenset(e for e in _ENCLITICS if len(e) == size)) for size in (3, 2, 1))


def normalize(token: str) -> str:
    """Dediacritized, alef/yeh/teh-marbuta-folded, ASCII-digit form of a token."""
    return token.translate(_FOLD)


def strip_proclitics(word: str) -> tuple[str, str]:
    """Split a normalized word into (proclitics, rest), keeping a rest of >= 2 letters.

    ``لل`` is ``ل`` plus the article with its alef elided (للرئيس = ل + الرئيس).
    """
    pro = ""
    w = word
    if len(w) > 3 and w[0] in _CONJ:
        pro, w = w[0], w[1:]
    if len(w) > 3 and w.startswith("لل"):
        return pro + "لل", w[2:]
    if len(w) > 3 and w[0] in _PREP:
        pro, w = pro + w[0], w[1:]
    if len(w) > 3 and w.startswith("ال"):
        pro, w = pro + "ال", w[2:]
    if not _ARABIC.match(w):
        return "", word
    return pro, w


def strip_enclitic(stem: str) -> tuple[str, str]:
    """Split a possessive/object pronoun off the end when at least 3 letters remain (longest first)."""
    for size, endings in _ENCLITICS_BY_SIZE:
        if len(stem) - size >= 3 and stem[-size:] in endings:
            return stem[:-size], stem[-size:]
    return stem, ""


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


@dataclass
class Resources:
    """Lookup tables the features use; all of them ship next to the model.

    clusters: normalized word -> cluster ids from coarse to fine.
    gazetteer: proclitic-stripped word -> entity tag (e.g. ``B-LOC``) it mostly carries.
    triggers: proclitic-stripped word -> trigger class (ner_lexicon, from triggers.yaml).
    profiles: proclitic-stripped word -> buckets of its article rate, frequency, and rates
        after a verb particle and after a preposition in raw text.
    corpus_names: proclitic-stripped word -> the name type the neural backend mostly gives it in
        raw news, with a bucket of how often (``PER3``: 80 % of its occurrences or more).
    lexicon: the names of newsan's gazetteer lexicon (lexicons/gazetteer.yaml), matched as word
        sequences.
    title_heads: the nouns of works whose quoted titles are MISC (title_heads, quoted_titles).
    """

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: dict[str, str] = field(default_factory=dict)
    triggers: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)
    corpus_names: dict[str, str] = field(default_factory=dict)
    lexicon: NameLexicon = field(default_factory=lambda: NameLexicon({}))
    title_heads: frozenset[str] = frozenset()

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
            forms = [{strip_proclitics(w)[1], w} for w in map(normalize, name.split())]
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


def _read_table(path: Path) -> dict[str, str]:
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
    from newsan.ner.lexicon import trigger_map

    clusters = {w: tuple(ids.split(".")) for w, ids in _read_table(directory / CLUSTERS_FILE).items()}
    gazetteer = load_lexicons()["gazetteer"]
    return Resources(clusters=clusters, gazetteer=_read_table(directory / GAZETTEER_FILE),
                     triggers=trigger_map(), profiles=_read_table(directory / PROFILES_FILE),
                     corpus_names=_read_table(directory / CORPUS_NAMES_FILE),
                     lexicon=NameLexicon(gazetteer),
                     title_heads=title_heads(gazetteer.get("triggers", {}).get("TITLE_BEFORE", [])))


def profile_parts(profile: str) -> tuple[str, str, str, str]:
    """Split a profile such as "a2f10v1n3" into its article rate ("a2"), frequency ("f10"),
    rate after a verb particle ("1") and rate after a preposition ("3")."""
    v = profile.index("v")
    return profile[:2], profile[2:v], profile[v + 1], profile[v + 3:]


_CLUSTER_PREFIXES = tuple("c%d=" % level for level in range(8))
_LENGTHS = tuple("len=%d" % n for n in range(9))
_LONG_VOWELS = tuple("lv=%d" % n for n in range(6))


def word_forms(token: str) -> tuple[str, str, str, str, str]:
    """(normalized word, its proclitics, the rest, the rest's stem, its enclitic)."""
    w = normalize(token)
    pro, rest = strip_proclitics(w)
    stem, enc = strip_enclitic(rest)
    return w, pro, rest, stem, enc


def long_vowels(rest: str) -> int:
    """Long vowels in a word, up to 5: transliterated foreign names spell them out (فولكسفاغن, بوخارست)."""
    return min(rest.count("ا") + rest.count("و") + rest.count("ي"), 5)


def type_features(res: Resources, token: str) -> tuple[list[str], list[str], list[str], tuple[str, str, str]]:
    """Everything about a token string that does not depend on its neighbours.

    Returns (own features; features it lends its neighbours' windows at
    offsets -1 and +1, and at -2 and +2, both without the offset prefix;
    (stripped form, trigger class, "al"/"bare") for pair features).
    """
    w, pro, rest, stem, enc = word_forms(token)
    clus, trig, gaz, prof = res.entries(w, rest, stem)
    word = ["w=" + w, "r=" + rest]
    cl = [prefix + c for prefix, c in zip(_CLUSTER_PREFIXES, clus)]
    name = res.corpus_names.get(rest) or res.corpus_names.get(stem)
    tg = (["t=" + trig] if trig else []) + (["g=" + gaz] if gaz else []) + (["cn=" + name] if name else [])
    ctx = [*word, "sh=" + shape(w), *cl, *tg]
    if pro:
        ctx.append("pro=" + pro)
    own = ctx + [
        "s=" + stem, "enc=" + enc, _LENGTHS[min(len(rest), 8)],
        "p1=" + rest[:1], "p2=" + rest[:2], "p3=" + rest[:3], "p4=" + rest[:4],
        "x1=" + rest[-1:], "x2=" + rest[-2:], "x3=" + rest[-3:], "x4=" + rest[-4:],
        "wx2=" + w[-2:], "wp2=" + w[:2], _LONG_VOWELS[long_vowels(rest)],
    ]
    if not clus:
        own.append("nocluster")
    if prof:
        article, frequency, after_particle, after_preposition = profile_parts(prof)
        rates = ["pa=" + article, "pv=" + after_particle, "pn=" + after_preposition]
        own += [*rates, "pf=" + frequency]
        ctx += rates
    else:
        own.append("noprofile")
    near = [*word, ctx[2], *cl[2:], *ctx[2 + 1 + len(cl):]]  # ctx without the two coarsest cluster levels
    far = word + tg + cl[2:3]
    return own, near, far, (rest, trig or "", "al" if pro.endswith(("ال", "لل")) else "bare")


class Featurizer:
    """Turns token sequences into crfsuite attribute lists, caching per token string.

    This is the definition of the features and what training feeds crfsuite;
    BuiltinTagger computes the same sums of weights without the strings.
    """

    # Past this many token strings the cache restarts rather than growing in a long-lived process.
    CACHE_MAX = 1 << 15

    def __init__(self, resources: Resources):
        self.res = resources
        self._cache: dict[str, tuple[list[str], ...]] = {}

    def _lookup(self, tokens: list[str]) -> list[tuple[list[str], ...]]:
        cache = self._cache
        feats = []
        for t in tokens:
            f = cache.get(t)
            if f is None:
                if len(cache) >= self.CACHE_MAX:
                    cache.clear()
                own, near, far, info = type_features(self.res, t)
                f = cache[t] = (own, ["-1" + a for a in near], ["+1" + a for a in near],
                                ["-2" + a for a in far], ["+2" + a for a in far], info)
            feats.append(f)
        return feats

    def keys(self, tokens: list[str]) -> list[str]:
        """The proclitic-stripped form of each token."""
        return [f[5][0] for f in self._lookup(tokens)]

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        """Attribute lists for one sentence, one list per token."""
        feats = self._lookup(tokens)
        n = len(feats)
        out = []
        for i, f in enumerate(feats):
            x = list(f[0])
            if i > 0:
                p = feats[i - 1]
                x += p[1]
                x.append("rb=" + p[5][0] + "|" + f[5][0])
                # A title before a bare word (no article) is a name; before an
                # article-bearing word it is usually an adjective: الرئيس طالباني / الرئيس الأمريكي.
                if p[5][1]:
                    x.append("tc=" + p[5][1] + "|" + f[5][2])
                if i > 1:
                    pp = feats[i - 2]
                    x += pp[3]
                    if pp[5][1]:
                        x.append("tc2=" + pp[5][1] + "|" + f[5][2])
                else:
                    x.append("BOS2")
            else:
                x.append("BOS")
            if i < n - 1:
                nx = feats[i + 1]
                x += nx[2]
                x.append("rf=" + f[5][0] + "|" + nx[5][0])
                if i < n - 2:
                    x += feats[i + 2][4]
                else:
                    x.append("EOS2")
            else:
                x.append("EOS")
            out.append(x)
        rests = [f[5][0] for f in feats]
        if _QUOTE_CHARS.intersection(tokens):
            for j, marks in quote_marks(tokens, rests):
                out[j] += marks
        for j, mark in self.res.lexicon.marks(rests):
            out[j].append(mark)
        return out


_OPEN_QUOTES = {"«": "»", "“": "”", '"': '"', "''": "''"}
_QUOTE_CHARS = set(_OPEN_QUOTES) | set(_OPEN_QUOTES.values())
_MAX_QUOTE = 8


def _closing_quote(tokens: list[str], i: int, longest: int) -> int | None:
    """Index of the quote that closes a quote opened at ``i`` around 1 to ``longest`` tokens, if any."""
    close = _OPEN_QUOTES.get(tokens[i])
    if close is None:
        return None
    end = next((j for j in range(i + 1, min(len(tokens), i + longest + 2)) if tokens[j] == close), None)
    return None if end == i + 1 else end


def quote_marks(tokens: list[str], rests: list[str]) -> list[tuple[int, list[str]]]:
    """(token index, features) for tokens inside a short quoted span: the span
    flag, the position in it, and the (stripped) word before the quote.

    Titles of programmes, films, car models and stadiums (MISC in ANERcorp) are
    usually quoted right after a head noun: برنامج « ... », استاد " ... ".
    """
    out = []
    n = len(tokens)
    i = 0
    while i < n:
        end = _closing_quote(tokens, i, _MAX_QUOTE)
        if end is None:
            i += 1
            continue
        head = rests[i - 1] if i else "BOS"
        for j in range(i + 1, end):
            pos = "first" if j == i + 1 else "last" if j == end - 1 else "mid"
            out.append((j, ["inq", "qpos=" + pos, "qh=" + head]))
        i = end + 1
    return out


# Sentences on each side that count as the same document for the second pass.
DOC_WINDOW = 10
# First-pass entity types the document vote counts, in its tie-breaking order;
# ANERcorp spells PER as PERS, a model trained on newsan's tags would say PER.
_VOTE_TYPES = ("PERS", "PER", "LOC", "ORG", "MISC")
# The vote's outcomes, as second-pass feature values: dm=none, then + / - per type.
DOC_VOTES = ("none",) + tuple(t + s for t in _VOTE_TYPES for s in "+-")


def doc_votes(sent: np.ndarray, key: np.ndarray, typ: np.ndarray, n_sents: int) -> np.ndarray:
    """For each token, how the same word was tagged elsewhere in nearby sentences.

    sent, key, typ: per token, its sentence index, an id of its proclitic-stripped
    form, and its first-pass type (0 for O, 1 + index in _VOTE_TYPES, anything
    larger for other labels). Counting the same key's tokens of each type within
    DOC_WINDOW sentences either side (the token itself left out), the vote is the
    first type with the largest non-zero count, "+" when that count beats the
    count of O; returns indexes into DOC_VOTES.

    A name is usually tagged right in some of its mentions in an article; this
    lets the second CRF carry that decision to the mentions it missed.
    """
    votes = np.zeros(len(key), np.int64)
    # Only a word tagged as an entity somewhere in the call can get a vote other than none.
    typed = np.zeros(int(key.max(initial=0)) + 1, bool)
    typed[key[typ > 0]] = True
    voters = np.flatnonzero(typed[key])
    if not voters.size:
        return votes
    key, sent, typ = key[voters].astype(np.int64), sent[voters], typ[voters]
    span = n_sents + 2 * DOC_WINDOW + 1
    kinds = len(_VOTE_TYPES) + 2
    base = key * kinds * span + sent + DOC_WINDOW
    table = np.sort(base + typ * span)
    counts = np.empty((len(key), len(_VOTE_TYPES) + 1), np.int64)
    for c in range(len(_VOTE_TYPES) + 1):
        q = base + c * span
        counts[:, c] = (np.searchsorted(table, q + DOC_WINDOW, "right")
                        - np.searchsorted(table, q - DOC_WINDOW, "left"))
    own = np.flatnonzero(typ <= len(_VOTE_TYPES))
    counts[own, typ[own]] -= 1
    best = counts[:, 1:].argmax(1)
    best_n = counts[:, 1:].max(1)
    votes[voters] = np.where(best_n > 0, 1 + 2 * best + (best_n <= counts[:, 0]), 0)
    return votes


def _vote_type(tag: str) -> int:
    """A first-pass tag's type as doc_votes counts it."""
    t = tag[2:] or "O"
    return 0 if t == "O" else 1 + _VOTE_TYPES.index(t) if t in _VOTE_TYPES else len(_VOTE_TYPES) + 1


def doc_features(keys: list[list[str]], first: list[list[str]]) -> list[list[list[str]]]:
    """Second-pass features as crfsuite attribute lists (for training): first-pass
    tags around each token, and the document vote (doc_votes) of it and its neighbours.
    """
    ids: dict[str, int] = {}
    flat_keys = [ids.setdefault(k, len(ids)) for ks in keys for k in ks]
    sent = np.repeat(np.arange(len(keys)), [len(k) for k in keys])
    typ = np.array([_vote_type(t) for tags in first for t in tags], np.int64)
    votes = doc_votes(sent, np.array(flat_keys, np.int64), typ, len(keys)).tolist()
    out = []
    pos = 0
    for tags in first:
        m = len(tags)
        doc = ["dm=" + DOC_VOTES[v] for v in votes[pos:pos + m]]
        pos += m
        sent_feats = []
        for i in range(m):
            x = ["s1=" + tags[i], doc[i]]
            x.append("-1s1=" + (tags[i - 1] if i else "BOS"))
            x.append("+1s1=" + (tags[i + 1] if i + 1 < m else "EOS"))
            if i:
                x.append("-1" + doc[i - 1])
            if i + 1 < m:
                x.append("+1" + doc[i + 1])
            sent_feats.append(x)
        out.append(sent_feats)
    return out


# A word seen this often (log2 of its count in the profile text) is not
# propagated alone: على folds to the name علي, and a common word the CRF once
# took for a name must not become one throughout the article.
COMMON_LOG2_COUNT = 10


def common_words(profiles: dict[str, str]) -> frozenset[str]:
    """The profiled words seen at least 2**COMMON_LOG2_COUNT times."""
    return frozenset(w for w, p in profiles.items() if int(profile_parts(p)[1][1:]) >= COMMON_LOG2_COUNT)


def propagate_names(keys: list[list[str]], tags: list[list[str]],
                    common: frozenset[str] = frozenset()) -> list[list[str]]:
    """Tag again, within DOC_WINDOW sentences, the names the CRFs tagged somewhere.

    keys: per sentence, the proclitic-stripped form of each token; tags: one
    document's BIO tags (not changed; a new list is returned). Two rules:

    - a name (its sequence of stripped forms) tagged in a nearby sentence is
      given the same type where it occurs untagged, or covered only in part
      by an entity of that type (البنك التجاري tagged once, missed twice;
      مبارك tagged alone where مبارك بوصوفة is named); longest names first,
      never splitting another entity;
    - the last word of a person's name of two words or more (a surname of at
      least three letters) becomes a person where it stands alone between
      untagged words (كوفي أنان ... أنان).

    A single word in ``common`` (common_words) is never propagated alone.

    The second CRF only sees single-word votes; on ANERcorp these rules add
    about 1 micro-F1 point on dev and 1.1 in cross-validation on train
    (bench/ner_cv.py), mostly to organizations.
    """
    found = [[(i, j, typ, tuple(ks[i:j])) for i, j, typ in sorted(entities(ts))] for ks, ts in zip(keys, tags)]
    if not any(found):
        return [list(ts) for ts in tags]
    # name -> the sentence numbers where it is tagged (ascending) and its type in each
    where: dict[tuple[str, ...], tuple[list[int], list[str]]] = {}
    surnames: dict[str, list[int]] = {}
    for s, spans in enumerate(found):
        for i, j, typ, name in spans:
            if len(name) > 1 or (len(name[0]) >= 3 and name[0] not in common):
                numbers, types = where.setdefault(name, ([], []))
                numbers.append(s)
                types.append(typ)
            if typ == "PER" and j - i >= 2 and len(name[-1]) >= 3 and name[-1] not in common:
                surnames.setdefault(name[-1], []).append(s)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(where, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)

    def first_near(numbers: list[int], s: int) -> int | None:
        """Index of the first of ``numbers`` within DOC_WINDOW of sentence s, if any."""
        k = bisect_left(numbers, s - DOC_WINDOW)
        return k if k < len(numbers) and numbers[k] <= s + DOC_WINDOW else None

    out = []
    for s, (ks, ts) in enumerate(zip(keys, tags)):
        ts = list(ts)
        n = len(ks)
        i = 0
        while i < n:
            step = 1
            for name in by_first.get(ks[i], ()):
                m = len(name)
                inside = ts[i:i + m]
                if (tuple(ks[i:i + m]) != name or inside[0].startswith("I-")
                        or (i + m < n and ts[i + m].startswith("I-"))
                        or (inside[0] == "O" and inside.count("O") < m)):  # completed only rightwards
                    continue
                numbers, types = where[name]
                k = first_near(numbers, s)
                if k is None or any(t != "O" and t[2:] != types[k] for t in inside):
                    continue
                ts[i:i + m] = ["B-" + types[k]] + ["I-" + types[k]] * (m - 1)
                step = m
                break
            i += step
        for i, k in enumerate(ks):
            if (ts[i] == "O" and k in surnames and (i == 0 or ts[i - 1] == "O")
                    and (i + 1 == n or not ts[i + 1].startswith("I-")) and first_near(surnames[k], s) is not None):
                ts[i] = "B-PER"
        out.append(ts)
    return out


def to_newsan_tag(tag: str) -> str:
    """Map ANERcorp's PERS to newsan's PER; anything not B-/I- of a known type becomes O."""
    if tag.endswith("-PERS"):
        tag = tag[:-1]
    return tag if tag[2:] in LABELS and tag[:2] in ("B-", "I-") else "O"


# BIO tags as BuiltinTagger computes them: index 2k-1 is B-, 2k is I- of LABELS[k-1].
TAGS = ("O",) + tuple(p + "-" + t for t in LABELS for p in "BI")
# Sentence-boundary stand-ins in the tagger's flat token sequence (never a token string).
_END, _START = object(), object()
_UNSEEN_TAG = -1e4  # the state score token_scores gives the tags a CRF has no weights for


class DocumentTagger:
    """What newsan's own taggers share: ``tag`` is ``tag_documents`` over one document, which
    hands the documents' sentences, flattened, to the tagger's ``_tag_sentences``."""

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags over PER, LOC, ORG, MISC: exactly one tag per input token of one document."""
        return self.tag_documents([sentences])[0]

    def tag_documents(self, documents: list[list[list[str]]], **options) -> list[list[list[str]]]:
        """``tag`` over several documents in one call: the same tags as one call per document
        (the document context stays inside each document), at a fraction of the per-call cost."""
        sents = [[str(t) for t in tokens] for document in documents for tokens in document]
        counts = [len(document) for document in documents]
        if not any(sents):
            return [[[] for _ in document] for document in documents]
        return self._tag_sentences(sents, counts, **options)

    def _tag_sentences(self, sents: list[list[str]], counts: list[int], **options) -> list[list[list[str]]]:
        """The tags, by document, of the consecutive sentences of ``counts`` documents (not all empty)."""
        raise NotImplementedError


class BuiltinTagger(DocumentTagger):
    """A loaded CRF pair plus its features; ``tag`` maps token lists to BIO tags.

    The first CRF tags each sentence alone; the second (when shipped) re-tags
    it with the first one's decisions over its whole document as context, so
    pass one article per document; ``tag_documents`` tags several at once.

    It scores what Featurizer and doc_features would hand crfsuite without
    building those strings: per distinct token string it caches the summed
    weights (both CRFs side by side) of its own features and of the features it
    lends its neighbours at each window offset, so a sentence's scores are a
    sum of shifted cached rows plus a few context rows (word pairs, trigger x
    article, quotes, second-pass tags and votes) looked up by id.
    """

    name = "builtin"  # the entities.Tagger protocol

    # Past this many token strings the cache keeps only its most used words (_shrink) rather than
    # growing in a long-lived process. An entry is about 1 KB (five rows of 18 floats, the string,
    # ids); 32,768 keep a 30,000-article stream within a few percent of a 1,000-article one
    # (bench/throughput.py --rss), 65,536 did not.
    CACHE_MAX = 1 << 15

    def __init__(self, model_path: Path, resources: Resources):
        self.res = resources
        doc_path = model_path.parent / DOC_MODEL_FILE
        self._models = [read_crfsuite(model_path)]
        if doc_path.is_file():
            self._models.append(read_crfsuite(doc_path))
        # One row per attribute string of either model (row 0: unknown), one column block per model.
        self._attr: dict[str, int] = {}
        for m in self._models:
            for a in m.attributes:
                self._attr.setdefault(a, len(self._attr) + 1)
        self._cols = []
        col = 0
        weights = np.zeros((len(self._attr) + 1, sum(len(m.labels) for m in self._models)))
        for m in self._models:
            rows = np.fromiter(map(self._attr.__getitem__, m.attributes), np.intp, len(m.attributes))
            weights[rows, col:col + len(m.labels)] = m.state
            self._cols.append(slice(col, col + len(m.labels)))
            col += len(m.labels)
        self._weights = weights
        # Row ids of the attributes a word lends its neighbours, keyed without the offset prefix.
        lent: dict[str, dict[str, int]] = {p: {} for p in ("-1", "+1", "-2", "+2")}
        for a, row in self._attr.items():
            if a[:2] in lent:
                lent[a[:2]][a[2:]] = row
        self._slot_rows = [self._attr.get] + [lent[p].get for p in ("-1", "+1", "-2", "+2")]
        self._doc_weights = np.ascontiguousarray(weights[:, self._cols[-1]])
        self.rules = DocumentRules.from_resources(resources)
        self._index_pairs()
        self._index_context()
        self._lock = threading.Lock()
        self._reset_cache()

    def _rows(self, attrs) -> np.ndarray:
        """Weight-row ids of attribute strings (0, a zero row, for ones neither model knows)."""
        return np.array([self._attr.get(a, 0) for a in attrs], np.intp)

    def _index_pairs(self) -> None:
        """Word-pair features (rb=, rf=) by (left word id, right word id).

        A pair attribute "rb=a|b" is filed under every split of a|b at a "|",
        since words may contain one; only the true split can match a lookup.
        """
        self._left: dict[str, int] = {}
        self._right: dict[str, int] = {}
        pairs: dict[tuple[int, int], list[int]] = {}
        for a, row in self._attr.items():
            if a[:3] not in ("rb=", "rf="):
                continue
            body = a[3:]
            for p in (i for i, ch in enumerate(body) if ch == "|"):
                key = (self._left.setdefault(body[:p], len(self._left)),
                       self._right.setdefault(body[p + 1:], len(self._right)))
                pairs.setdefault(key, [0, 0])[a[:3] == "rf="] = row
        span = len(self._right) + 1
        codes = np.array([lft * span + rgt for lft, rgt in pairs], np.int64)
        order = np.argsort(codes)
        self._pair_span = span
        self._pair_codes = codes[order]
        self._pair_rows = np.array(list(pairs.values()), np.intp).reshape(-1, 2)[order]

    def _index_context(self) -> None:
        """Row ids of the small-vocabulary context features, indexed by codes."""
        self._triggers = {t: i + 1 for i, t in enumerate(sorted(set(self.res.triggers.values())))}
        trig = [""] + sorted(self._triggers, key=self._triggers.get)
        # Trigger before this word x its article: index [trigger id, 0 for "al" / 1 for "bare"].
        self._tc = self._rows("tc=%s|%s" % (t, a) for t in trig for a in ("al", "bare")).reshape(-1, 2)
        self._tc2 = self._rows("tc2=%s|%s" % (t, a) for t in trig for a in ("al", "bare")).reshape(-1, 2)
        self._tc[0] = self._tc2[0] = 0
        # Second pass, indexed by first-pass label id, then BOS, then EOS.
        labels = self._models[0].labels
        self._s1 = self._rows(["s1=" + t for t in labels] + ["", ""])
        self._s1_prev = self._rows(["-1s1=" + t for t in labels] + ["-1s1=BOS", ""])
        self._s1_next = self._rows(["+1s1=" + t for t in labels] + ["", "+1s1=EOS"])
        # Indexed by doc_votes' outcome, then one for "no token there".
        self._dm = self._rows(["dm=" + v for v in DOC_VOTES] + [""])
        self._dm_prev = self._rows(["-1dm=" + v for v in DOC_VOTES] + [""])
        self._dm_next = self._rows(["+1dm=" + v for v in DOC_VOTES] + [""])
        self._vote_type = np.array([_vote_type(t) for t in labels], np.int64)
        self._out_tag = [np.array([TAGS.index(to_newsan_tag(t)) for t in m.labels], np.intp)
                         for m in self._models]
        # Boundary stand-ins: the end lends EOS (+1) and EOS2 (+2), the start BOS (-1) and BOS2 (-2).
        self._bounds = np.zeros((5, 2, self._weights.shape[1]))
        self._bounds[2, 0], self._bounds[4, 0], self._bounds[1, 1], self._bounds[3, 1] = (
            self._weights[self._rows(["EOS", "EOS2", "BOS", "BOS2"])])

    def _reset_cache(self) -> None:
        self._cache: dict = {_END: 0, _START: 1}
        self._rest_ids: dict[str, int] = {}
        self._rests = ["", ""]
        n = 1024
        self._table = np.zeros((5, n, self._weights.shape[1]))
        self._table[:, :2] = self._bounds
        # Per token string: left and right pair-word ids (-1: in no pair), trigger id,
        # 0/1 for article/bare, id of its stripped form.
        self._ints = np.full((n, 5), -1, np.intp)
        self._ints[:2, 2:4] = 0
        self._uses = np.zeros(n, np.int64)  # in how many calls (halved at each shrink)

    def _shrink(self, room: int) -> None:
        """Leave room for ``room`` entries by keeping only the most used words (most_used)."""
        n = len(self._rests)
        keep = np.concatenate(([0, 1], most_used(self._uses[2:n], self.CACHE_MAX, room) + 2))
        tokens = list(self._cache)  # in id order
        self._cache = {tokens[i]: j for j, i in enumerate(keep.tolist())}
        self._rests = [self._rests[i] for i in keep.tolist()]
        m = len(keep)
        self._table[:, :m] = self._table[:, keep]
        self._ints[:m] = self._ints[keep]
        self._rest_ids = {}
        self._ints[2:m, 4] = [self._rest_ids.setdefault(r, len(self._rest_ids)) for r in self._rests[2:]]
        self._uses[:m] = self._uses[keep] >> 1
        self._uses[m:] = 0

    def _add_types(self, tokens: list[str]) -> None:
        """Cache the score rows and ids of token strings not seen yet."""
        res = self.res
        n0 = len(self._rests)
        n1 = n0 + len(tokens)
        if n1 > self._table.shape[1]:
            size = max(n1, 2 * self._table.shape[1])
            table = np.zeros((5, size, self._table.shape[2]))
            table[:, :n0] = self._table[:, :n0]
            ints = np.full((size, 5), -1, np.intp)
            ints[:n0] = self._ints[:n0]
            uses = np.zeros(size, np.int64)
            uses[:n0] = self._uses[:n0]
            self._table, self._ints, self._uses = table, ints, uses
        # Features of all new words in three flat lists (own, lent at +-1, lent at +-2), looked up
        # in one pass per slot; unknown attributes take the zero row 0, which leaves the sums exact.
        parts: tuple[list[str], list[str], list[str]] = ([], [], [])
        sizes: tuple[list[int], list[int], list[int]] = ([], [], [])
        ints = []
        for tok in tokens:
            own, near, far, (rest, trig, art) = type_features(res, tok)
            for part, size, features in zip(parts, sizes, (own, near, far)):
                part += features
                size.append(len(features))  # never 0: every list holds the w= and r= features
            ints.append((self._left.get(rest, -1), self._right.get(rest, -1),
                         self._triggers.get(trig, 0), art == "bare",
                         self._rest_ids.setdefault(rest, len(self._rest_ids))))
            self._cache[tok] = len(self._rests)
            self._rests.append(rest)
        for slot, get in enumerate(self._slot_rows):
            part, size = parts[(slot + 1) // 2], sizes[(slot + 1) // 2]  # own, near, near, far, far
            ids = np.fromiter(map(get, part, repeat(0)), np.intp, len(part))
            starts = np.cumsum([0] + size[:-1])
            self._table[slot, n0:n1] = np.add.reduceat(self._weights[ids], starts, axis=0)
        self._ints[n0:n1] = ints

    def _type_ids(self, flat: list) -> np.ndarray:
        """Cache ids of a flat token list, adding new strings (shrinking a full cache first)."""
        idx = np.fromiter(map(self._cache.get, flat, repeat(-1)), np.intp, len(flat))
        miss = np.flatnonzero(idx < 0)
        if miss.size:
            missing = [flat[i] for i in miss.tolist()]
            new = list(dict.fromkeys(missing))
            if len(self._cache) + len(new) > self.CACHE_MAX:
                self._shrink(len(set(flat)))  # room for the whole call, whatever gets dropped
                self._add_types(list(dict.fromkeys(t for t in flat if t not in self._cache)))
                idx = np.fromiter(map(self._cache.get, flat), np.intp, len(flat))  # the kept ones moved
            else:
                self._add_types(new)
                idx[miss] = list(map(self._cache.__getitem__, missing))
        self._uses[idx] += 1
        return idx

    def _tag_sentences(self, sents: list[list[str]], counts: list[int], propagate: bool = True
                       ) -> list[list[list[str]]]:
        """The second pass's votes stay inside each document. ``tag_documents(documents,
        propagate=False)`` gives the CRFs' own tags, without the DocumentRules."""
        call = self._scores(sents, counts)
        labels = call.labels
        labels[call.where] = viterbi(call.state[call.pos], call.blens, self._models[-1].trans)[call.valid]
        real = call.real
        tags = self._out_tag[-1][labels]
        tags[~real] = 0
        # An I-X that does not continue an X entity becomes B-X, so the output is valid BIO.
        kind = (tags + 1) // 2
        tags[1:] -= (tags[1:] > 0) & (tags[1:] % 2 == 0) & (kind[:-1] != kind[1:])
        out = np.array(TAGS, dtype=object)[tags[real]].tolist()
        tagged = split_flat(out, call.lens)
        if not propagate:
            return split_flat(tagged, counts)
        return self.rules.apply(split_flat(call.keys, call.lens), tagged, counts)

    def token_scores(self, sents: list[list[str]], counts: list[int]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The last CRF's view of non-empty sentences of ``counts`` documents, for a combination
        with other scores: its state scores per token (tokens, TAGS), its transition scores
        between TAGS, and each token's proclitic-stripped form."""
        call = self._scores(sents, counts)
        tags = self._out_tag[-1]  # the model's label id -> TAGS index
        # A tag the model never saw in training (a small training set) is never chosen.
        state = np.full((int(call.real.sum()), len(TAGS)), _UNSEEN_TAG)
        state[:, tags] = call.state[call.real]
        trans = np.zeros((len(TAGS), len(TAGS)))
        trans[np.ix_(tags, tags)] = self._models[-1].trans
        return state, trans, call.keys

    def _scores(self, sents: list[list[str]], counts: list[int]) -> "_CallScores":
        """Feature scores of the sentences of one call (not all empty), both passes: the first
        CRF's decisions are taken (the second reads them); the last CRF's are left to the caller."""
        # One flat sequence: END START s0 END START s1 ... END START. The stand-ins
        # lend the boundary features, so every window feature is a plain shift.
        flat: list = []
        for s in sents:
            flat += (_END, _START)
            flat += s
        flat += (_END, _START)
        lens = np.array([len(s) for s in sents], np.intp)
        with self._lock:
            idx = self._type_ids(flat)
            table, ints, rests = self._table, self._ints[idx], self._rests
            em = table[0][idx]
            em[1:] += table[1][idx[:-1]]
            em[:-1] += table[2][idx[1:]]
            em[2:] += table[3][idx[:-2]]
            em[:-2] += table[4][idx[2:]]
        weights = self._weights
        # Word pairs: rb= on the right word, rf= on the left one.
        k = np.flatnonzero((ints[:-1, 0] >= 0) & (ints[1:, 1] >= 0))
        if k.size:
            codes = ints[k, 0] * self._pair_span + ints[k + 1, 1]
            at = np.minimum(np.searchsorted(self._pair_codes, codes), len(self._pair_codes) - 1)
            hit = self._pair_codes[at] == codes
            k, rows = k[hit], self._pair_rows[at[hit]]
            em[k + 1] += weights[rows[:, 0]]
            em[k] += weights[rows[:, 1]]
        em[1:] += weights[self._tc[ints[:-1, 2], ints[1:, 3]]]
        em[2:] += weights[self._tc2[ints[:-2, 2], ints[2:, 3]]]
        starts = np.cumsum(lens + 2) - lens  # flat position of each sentence's first token
        flat_rests = [rests[i] for i in idx.tolist()]
        if not _QUOTE_CHARS.isdisjoint(flat):
            for s, b in zip(sents, starts.tolist()):
                if not _QUOTE_CHARS.isdisjoint(s):
                    for j, marks in quote_marks(s, flat_rests[b:b + len(s)]):
                        em[b + j] += weights[self._rows(marks)].sum(0)
        # Lexicon names, marked over the whole flat sequence: the stand-ins' empty forms end every
        # match, and the marks they receive from a sentence's edge words are never read.
        marks = self.res.lexicon.marks(flat_rests)
        if marks:
            at = np.fromiter((j for j, _ in marks), np.intp, len(marks))
            rows = np.fromiter((self._attr.get(mark, 0) for _, mark in marks), np.intp, len(marks))
            np.add.at(em, at, weights[rows])

        # Viterbi over all non-empty sentences at once, longest first.
        order = np.argsort(-lens, kind="stable")
        order = order[:np.count_nonzero(lens)]
        blens = lens[order]
        steps = np.arange(blens[0])[:, None]
        pos = np.minimum(starts[order][None, :] + steps, len(flat) - 1)  # (T, B); past the end: unused
        valid = steps < blens[None, :]
        where = pos[valid]
        real = idx >= 2
        labels = np.zeros(len(flat), np.intp)
        state = em[:, self._cols[0]]
        if len(self._models) > 1:
            labels[where] = viterbi(state[pos], blens, self._models[0].trans)[valid]
            n_labels = len(self._models[0].labels)
            code = np.where(idx == 1, n_labels, n_labels + 1)  # START: BOS, END: EOS
            code[real] = labels[real]
            # Sentence numbers jump by DOC_WINDOW between documents, so no vote window spans two.
            number = np.arange(len(sents)) + DOC_WINDOW * np.repeat(np.arange(len(counts)), counts)
            sent = np.repeat(number, lens)
            vote = np.full(len(flat), len(DOC_VOTES))
            vote[real] = doc_votes(sent, ints[real, 4], self._vote_type[labels[real]], int(number[-1]) + 1)
            w2 = self._doc_weights
            state = em[:, self._cols[1]] + w2[self._s1[code]] + w2[self._dm[vote]]
            state[1:] += w2[self._s1_prev[code[:-1]]] + w2[self._dm_prev[vote[:-1]]]
            state[:-1] += w2[self._s1_next[code[1:]]] + w2[self._dm_next[vote[1:]]]
        keys = list(compress(flat_rests, real.tolist()))
        return _CallScores(state, labels, lens, blens, pos, valid, where, real, keys)


class _CallScores(NamedTuple):
    """One call's flat layout (stand-ins around each sentence) and the last CRF's state scores."""

    state: np.ndarray  # (flat positions, the last model's labels)
    labels: np.ndarray  # flat positions -> label ids decided so far (the first pass's, before the last)
    lens: np.ndarray  # tokens per sentence
    blens: np.ndarray  # the non-empty sentences' lengths, longest first (Viterbi's batch)
    pos: np.ndarray  # (time, batch) -> flat position
    valid: np.ndarray  # (time, batch): inside its sentence
    where: np.ndarray  # pos[valid]
    real: np.ndarray  # flat positions holding a token (not a stand-in)
    keys: list[str]  # each token's proclitic-stripped form


# A quoted title of a work is short; a longer quoted span is taken for speech.
_TITLE_MAX = 5
# How many words before the opening quote the work's noun may stand (برنامج جديد بعنوان « ... »).
_TITLE_REACH = 3


def title_heads(words: Iterable[str]) -> frozenset[str]:
    """The forms quoted_titles looks for: each noun normalized, and proclitic-stripped as the
    tokens' keys are (the stripper takes the ب of برنامج as it would a preposition)."""
    forms = set()
    for word in words:
        w = normalize(word)
        forms |= {w, strip_proclitics(w)[1]}
    return frozenset(forms)


def _is_title_head(key: str, heads: frozenset[str]) -> bool:
    """A key that is one of ``heads``, maybe with an enclitic (برنامجها) or accusative alef (برنامجا)."""
    return key in heads or strip_enclitic(key)[0] in heads or (key.endswith("ا") and key[:-1] in heads)


def quoted_titles(keys: list[str], tags: list[str], heads: frozenset[str]) -> list[str]:
    """Tag as MISC the short quoted titles of works: « الناس وأنا » after برنامج, " اللقيطة " after
    مسلسل, whatever the tagger made of them (a title is not a person, مع نور).

    keys: one sentence's proclitic-stripped tokens; tags: its BIO tags (a new list is returned).
    A title is 1 to _TITLE_MAX words between matching quotes with no punctuation, the noun of a
    work (``heads``, lexicons/gazetteer.yaml: triggers.TITLE_BEFORE) among the _TITLE_REACH words
    before it, none of them punctuation. ANERcorp tags such titles MISC but has few of them
    after برنامج: on its train split the rule's spans are MISC in 30 of 43 cases (the others
    are mostly one article whose soap-opera titles were left untagged).
    """
    tags = list(tags)
    if _OPEN_QUOTES.keys().isdisjoint(keys):  # most sentences: a set test in C
        return tags
    for i in range(len(keys)):
        end = _closing_quote(keys, i, _TITLE_MAX)
        if end is None or any(shape(k) == "punct" for k in keys[i + 1:end]):
            continue
        for k in range(i - 1, max(-1, i - 1 - _TITLE_REACH), -1):
            if shape(keys[k]) == "punct":
                break
            if _is_title_head(keys[k], heads):
                tags[i + 1:end] = ["B-MISC"] + ["I-MISC"] * (end - i - 2)
                if tags[end].startswith("I-"):  # an entity that ran into the title ends before it
                    tags[end] = "B-" + tags[end][2:]
                break
    return tags


@dataclass(frozen=True)
class DocumentRules:
    """The rules every backend applies to its tags, per document: propagate_names (with the
    words too common to propagate alone), then quoted_titles in each sentence."""

    common: frozenset[str] = frozenset()
    title_heads: frozenset[str] = frozenset()

    @classmethod
    def from_resources(cls, resources: Resources) -> "DocumentRules":
        return cls(common_words(resources.profiles), resources.title_heads)

    def apply(self, keys: list[list[str]], tags: list[list[str]], counts: list[int]) -> list[list[list[str]]]:
        """The tags of a call over documents of consecutive sentences (``counts`` per document),
        by document; ``keys`` are the tokens' proclitic-stripped forms."""
        firsts = np.cumsum([0] + counts).tolist()
        return [[quoted_titles(ks, ts, self.title_heads) for ks, ts in
                 zip(keys[a:b], propagate_names(keys[a:b], tags[a:b], self.common))]
                for a, b in zip(firsts, firsts[1:])]


def most_used(uses: np.ndarray, capacity: int, room: int) -> np.ndarray:
    """Which entries (ascending) a full per-token-string cache of ``capacity`` keeps to make
    ``room`` for new ones: those used in at least two calls, the most used first, at most half
    of it. Common words survive, so a long stream does not compute them again and again."""
    keep = np.flatnonzero(uses >= 2)
    budget = max(0, min(capacity // 2, capacity - room))
    if keep.size > budget:
        keep = np.sort(keep[np.argsort(-uses[keep], kind="stable")[:budget]])
    return keep


def split_flat(items: list, lens) -> list[list]:
    """Consecutive runs of ``lens`` items: a flat list cut back into sentences."""
    ends = np.cumsum(lens).tolist()
    return [items[e - n:e] for e, n in zip(ends, np.asarray(lens).tolist())]


_CACHE: dict[str, object] = {}
_CACHE_LOCK = threading.Lock()


def load_cached(path: str | Path | None, file_name: str, build):
    """``build(model file)``, once per process per file: the file ``path`` names, or ``file_name``
    in the directory it names (by default the shipped model directory)."""
    p = Path(path) if path is not None else DATA_DIR / file_name
    if p.is_dir():
        p = p / file_name
    key = str(p.resolve())
    with _CACHE_LOCK:
        tagger = _CACHE.get(key)
        if tagger is None:
            if not p.is_file():
                raise FileNotFoundError(f"{p}: NER model file not found")
            tagger = _CACHE[key] = build(p)
        return tagger


def load_builtin_tagger(path: str | Path | None = None) -> BuiltinTagger:
    """Load (once per process) the tagger from a model directory, the shipped one by default.

    ``path`` may name the directory or the ``.crfsuite`` file inside it; the
    clusters and gazetteer are read from the same directory.
    """
    return load_cached(path, MODEL_FILE, lambda p: BuiltinTagger(p, load_resources(p.parent)))
