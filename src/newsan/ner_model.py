"""The built-in Arabic NER tagger: a linear-chain CRF over Arabic-aware features.

Why a CRF and not BERT: it runs offline on one CPU core at tens of thousands of
words per second, loads in well under a second and ships in a few megabytes.
It gives up accuracy for that: about 74 micro-F1 on ANERcorp dev, where BERT
models reach about 83 (see data/ner/README.md). Two passes: a sentence CRF,
then a document CRF that also sees how the first pass tagged the same word in
nearby sentences.

Features are computed once per distinct token string and cached: every token's
own features and the variants it contributes to its neighbours' windows are
built the first time the string is seen, so tagging is mostly list
concatenation plus crfsuite's Viterbi.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "ner"
MODEL_FILE = "ner.crfsuite"
DOC_MODEL_FILE = "ner-doc.crfsuite"
CLUSTERS_FILE = "clusters.tsv"
GAZETTEER_FILE = "gazetteer.tsv"
PROFILES_FILE = "profiles.tsv"

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
# Longest first, so ها is removed before ه.
_ENCLITICS = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي")


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
    """Split a possessive/object pronoun off the end when at least 3 letters remain."""
    for enc in _ENCLITICS:
        if stem.endswith(enc) and len(stem) - len(enc) >= 3:
            return stem[: -len(enc)], enc
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
    triggers: proclitic-stripped word -> trigger class (from ner_lexicon).
    profiles: proclitic-stripped word -> article-rate and frequency buckets in raw text.
    """

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: dict[str, str] = field(default_factory=dict)
    triggers: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)


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
    """Read the shipped clusters, gazetteer and profiles and the trigger lexicon."""
    from newsan.ner_lexicon import trigger_map

    clusters = {w: tuple(ids.split(".")) for w, ids in _read_table(directory / CLUSTERS_FILE).items()}
    return Resources(clusters=clusters, gazetteer=_read_table(directory / GAZETTEER_FILE),
                     triggers=trigger_map(), profiles=_read_table(directory / PROFILES_FILE))


def type_features(res: Resources, token: str) -> tuple[list[str], ...]:
    """Everything about a token string that does not depend on its neighbours.

    Returns (own features, features lent to the next token's window as
    position -1, to the previous token's as +1, then as -2 and +2, and
    [stripped form, trigger class, "al"/"bare"] for pair features).
    """
    w = normalize(token)
    pro, rest = strip_proclitics(w)
    stem, enc = strip_enclitic(rest)
    shp = shape(w)
    clus = res.clusters.get(w) or res.clusters.get(rest) or res.clusters.get(stem) or ()
    trig = res.triggers.get(rest) or res.triggers.get(w)
    gaz = res.gazetteer.get(rest) or res.gazetteer.get(stem)
    ctx = ["w=" + w, "r=" + rest, "sh=" + shp]
    ctx += ["c%d=%s" % (i, c) for i, c in enumerate(clus)]
    if trig:
        ctx.append("t=" + trig)
    if gaz:
        ctx.append("g=" + gaz)
    if pro:
        ctx.append("pro=" + pro)
    own = ctx + [
        "s=" + stem, "enc=" + enc, "len=%d" % min(len(rest), 8),
        "p1=" + rest[:1], "p2=" + rest[:2], "p3=" + rest[:3], "p4=" + rest[:4],
        "x1=" + rest[-1:], "x2=" + rest[-2:], "x3=" + rest[-3:], "x4=" + rest[-4:],
        "wx2=" + w[-2:], "wp2=" + w[:2],
        # Transliterated foreign names spell vowels out: فولكسفاغن, بوخارست.
        "lv=%d" % min(sum(map(rest.count, "اوي")), 5),
    ]
    if not clus:
        own.append("nocluster")
    prof = res.profiles.get(rest)
    if prof:
        own += ["pa=" + prof[:2], "pf=" + prof[2:]]
        ctx.append("pa=" + prof[:2])
    else:
        own.append("noprofile")
    near = [f for f in ctx if not f.startswith(("c0", "c1"))]
    far = ["w=" + w, "r=" + rest] + (["t=" + trig] if trig else []) + (["g=" + gaz] if gaz else [])
    far += ["c%d=%s" % (i, c) for i, c in enumerate(clus) if i == 2]
    return (own,
            ["-1" + f for f in near], ["+1" + f for f in near],
            ["-2" + f for f in far], ["+2" + f for f in far],
            [rest, trig or "", "al" if pro.endswith(("ال", "لل")) else "bare"])


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
                f = cache[t] = type_features(self.res, t)
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
        if _QUOTE_CHARS.intersection(tokens):
            for j, marks in quote_marks(tokens, [f[5][0] for f in feats]):
                out[j] += marks
        return out


_OPEN_QUOTES = {"«": "»", "“": "”", '"': '"', "''": "''"}
_QUOTE_CHARS = set(_OPEN_QUOTES) | set(_OPEN_QUOTES.values())
_MAX_QUOTE = 8


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
        close = _OPEN_QUOTES.get(tokens[i])
        if close is None:
            i += 1
            continue
        end = next((j for j in range(i + 1, min(n, i + _MAX_QUOTE + 2)) if tokens[j] == close), None)
        if end is None or end == i + 1:
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


def doc_votes(sent: "np.ndarray", key: "np.ndarray", typ: "np.ndarray", n_sents: int) -> "np.ndarray":
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
    import numpy as np

    span = n_sents + 2 * DOC_WINDOW + 1
    kinds = len(_VOTE_TYPES) + 2
    base = key.astype(np.int64) * kinds * span + sent + DOC_WINDOW
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
    return np.where(best_n > 0, 1 + 2 * best + (best_n <= counts[:, 0]), 0)


def _vote_type(tag: str) -> int:
    """A first-pass tag's type as doc_votes counts it."""
    t = tag[2:] or "O"
    return 0 if t == "O" else 1 + _VOTE_TYPES.index(t) if t in _VOTE_TYPES else len(_VOTE_TYPES) + 1


def doc_features(keys: list[list[str]], first: list[list[str]]) -> list[list[list[str]]]:
    """Second-pass features as crfsuite attribute lists (for training): first-pass
    tags around each token, and the document vote (doc_votes) of it and its neighbours.
    """
    import numpy as np

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


def to_newsan_tag(tag: str) -> str:
    """Map ANERcorp's PERS to newsan's PER; anything not B-/I- of a known type becomes O."""
    if tag.endswith("-PERS"):
        tag = tag[:-1]
    return tag if tag[2:] in LABELS and tag[:2] in ("B-", "I-") else "O"


class BuiltinTagger:
    """A loaded CRF pair plus its features; ``tag`` maps token lists to BIO tags.

    The first CRF tags each sentence alone; the second (when shipped) re-tags
    it with the first one's decisions over the whole ``tag`` call as context,
    so pass one article per call for best results.
    """

    name = "builtin"  # the entities.Tagger protocol

    def __init__(self, model_path: Path, resources: Resources):
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._doc_tagger = None
        doc_path = model_path.parent / DOC_MODEL_FILE
        if doc_path.is_file():
            self._doc_tagger = pycrfsuite.Tagger()
            self._doc_tagger.open(str(doc_path))
        self.featurizer = Featurizer(resources)
        self._lock = threading.Lock()  # crfsuite's Tagger keeps state between calls

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags over PER, LOC, ORG, MISC: exactly one tag per input token."""
        sents = [[str(t) for t in tokens] for tokens in sentences]
        feat = self.featurizer
        with self._lock:
            feats = [feat.sentence(tokens) for tokens in sents]
            first = [self._tagger.tag(x) if x else [] for x in feats]
            if self._doc_tagger is not None:
                extra = doc_features([feat.keys(t) for t in sents], first)
                first = [self._doc_tagger.tag([a + b for a, b in zip(x, e)]) if x else []
                         for x, e in zip(feats, extra)]
        return [_repair([to_newsan_tag(t) for t in tags]) for tags in first]


def _repair(tags: list[str]) -> list[str]:
    """Turn an I-X that does not continue an X entity into B-X, so the output is valid BIO."""
    prev = "O"
    for i, t in enumerate(tags):
        if t[0] == "I" and prev[2:] != t[2:]:
            t = tags[i] = "B" + t[1:]
        prev = t
    return tags


_CACHE: dict[str, BuiltinTagger] = {}
_CACHE_LOCK = threading.Lock()


def load_builtin_tagger(path: str | Path | None = None) -> BuiltinTagger:
    """Load (once per process) the tagger from a model directory, the shipped one by default.

    ``path`` may name the directory or the ``.crfsuite`` file inside it; the
    clusters and gazetteer are read from the same directory.
    """
    p = Path(path) if path is not None else DATA_DIR / MODEL_FILE
    if p.is_dir():
        p = p / MODEL_FILE
    key = str(p.resolve())
    with _CACHE_LOCK:
        tagger = _CACHE.get(key)
        if tagger is None:
            if not p.is_file():
                raise FileNotFoundError(f"{p}: NER model file not found")
            tagger = _CACHE[key] = BuiltinTagger(p, load_resources(p.parent))
        return tagger
