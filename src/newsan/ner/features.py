"""The CRF's features: what the built-in tagger knows about a token and its neighbours.

Featurizer builds them as crfsuite attribute strings, which is what training
feeds crfsuite; BuiltinTagger (newsan.ner.builtin) sums the same features'
weights without building the strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from newsan.arabic.charsets import QUOTE_PAIRS, STRAIGHT_QUOTE
from newsan.ner.forms import long_vowels, shape, word_forms
from newsan.ner.resources import Resources, profile_parts

_CLUSTER_PREFIXES = tuple(f"c{level}=" for level in range(8))
_LENGTHS = tuple(f"len={n}" for n in range(9))
_LONG_VOWELS = tuple(f"lv={n}" for n in range(6))


# what Featurizer caches per token string: own features, the -1/+1/-2/+2 window features, pair info
_TokenFeatures = tuple[list[str], list[str], list[str], list[str], list[str], tuple[str, str, str]]


def type_features(res: Resources, token: str) -> tuple[list[str], list[str], list[str], tuple[str, str, str]]:
    """Everything about a token string that does not depend on its neighbours.

    Returns (own features; features it lends its neighbours' windows at
    offsets -1 and +1, and at -2 and +2, both without the offset prefix;
    (stripped form, trigger class, "al"/"bare") for pair features).
    """
    w, pro, rest, stem, enc = word_forms(token)
    clus, trig, gaz, prof = res.entries(w, rest, stem)
    word = ["w=" + w, "r=" + rest]
    cl = [prefix + c for prefix, c in zip(_CLUSTER_PREFIXES, clus, strict=False)]  # clus is () for an unclustered word
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


# The names (text before "=", or the whole of a feature without one) of the features type_features
# gives in its own, near and far lists, in their order there.
OWN_FEATURES = ("w", "r", "sh", *(f"c{level}" for level in range(len(_CLUSTER_PREFIXES))), "t", "g", "cn", "pro",
                "s", "enc", "len", "p1", "p2", "p3", "p4", "x1", "x2", "x3", "x4", "wx2", "wp2", "lv", "nocluster",
                "pa", "pv", "pn", "pf", "noprofile")
NEAR_FEATURES = ("w", "r", "sh", *(f"c{level}" for level in range(2, len(_CLUSTER_PREFIXES))), "t", "g", "cn", "pro",
                 "pa", "pv", "pn")
FAR_FEATURES = ("w", "r", "t", "g", "cn", "c2")
_NO_LEVELS = (None,) * len(_CLUSTER_PREFIXES)
_NO_PROFILE = (None,) * 4


def feature_values(res: Resources, tokens: list[str]
                   ) -> tuple[dict[str, Sequence[str | None]], list[tuple[str, str, str]]]:
    """type_features of many tokens at once, by feature, for a tagger that looks their weights up
    one feature at a time over all tokens rather than building strings.

    Returns (per name of OWN_FEATURES, each token's value: the text after "=",
    "" for a feature without one, None where the token lacks the feature; each
    token's pair info, as type_features gives it). Built a column at a time, most of them by C
    loops over the tokens' forms (a new word costs a tagger this and its weights' lookups).
    """
    readings = list(map(res.read, tokens))
    if not readings:
        return {name: () for name in OWN_FEATURES}, []
    w, pro, rest, stem, enc, clus, trig, gaz, prof, shapes, vowels = zip(*readings, strict=True)
    names = res.corpus_names
    levels = zip(*[(c + _NO_LEVELS)[:len(_CLUSTER_PREFIXES)] for c in clus], strict=True)
    article, frequency, after_particle, after_preposition = zip(
        *[profile_parts(p) if p else _NO_PROFILE for p in prof], strict=True)
    columns: dict[str, Sequence[str | None]] = {
        "w": w, "r": rest, "sh": shapes, **{f"c{level}": values for level, values in enumerate(levels)},
        "t": _or_none(trig), "g": _or_none(gaz),
        "cn": [names.get(r) or names.get(s) or None for r, s in zip(rest, stem, strict=True)],
        "pro": _or_none(pro), "s": stem, "enc": enc, "len": [_LENGTH_VALUES[min(len(r), 8)] for r in rest],
        **{name: list(map(cut, rest)) for name, cut in _REST_CUTS.items()},
        **{name: list(map(cut, w)) for name, cut in _WORD_CUTS.items()},
        "lv": list(map(_VOWEL_COUNTS.__getitem__, vowels)), "nocluster": [None if c else "" for c in clus],
        "pa": article, "pv": after_particle, "pn": after_preposition, "pf": frequency,
        "noprofile": [None if p else "" for p in prof],
    }
    infos = [(r, t or "", "al" if p.endswith(("ال", "لل")) else "bare")
             for r, t, p in zip(rest, trig, pro, strict=True)]
    return {name: columns[name] for name in OWN_FEATURES}, infos


def _or_none(values: tuple[str | None, ...]) -> list[str | None]:
    return [v or None for v in values]


_LENGTH_VALUES = tuple(str(n) for n in range(9))
_VOWEL_COUNTS = tuple(str(n) for n in range(6))
# The affix features, as C-speed slicers of the proclitic-stripped form and of the whole word.
_REST_CUTS = {"p1": itemgetter(slice(None, 1)), "p2": itemgetter(slice(None, 2)), "p3": itemgetter(slice(None, 3)),
              "p4": itemgetter(slice(None, 4)), "x1": itemgetter(slice(-1, None)), "x2": itemgetter(slice(-2, None)),
              "x3": itemgetter(slice(-3, None)), "x4": itemgetter(slice(-4, None))}
_WORD_CUTS = {"wx2": itemgetter(slice(-2, None)), "wp2": itemgetter(slice(None, 2))}


class Featurizer:
    """Turns token sequences into crfsuite attribute lists, caching per token string.

    This is the definition of the features and what training feeds crfsuite;
    BuiltinTagger computes the same sums of weights without the strings.
    """

    # Past this many token strings the cache restarts rather than growing in a long-lived process.
    CACHE_MAX = 1 << 15

    def __init__(self, resources: Resources):
        self.res = resources
        self._cache: dict[str, _TokenFeatures] = {}

    def _lookup(self, tokens: list[str]) -> list[_TokenFeatures]:
        cache = self._cache
        feats: list[_TokenFeatures] = []
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
        if QUOTE_CHARS.intersection(tokens):
            for j, marks in quote_marks(tokens, rests):
                out[j] += marks
        for j, mark in self.res.lexicon.marks(rests):
            out[j].append(mark)
        return out


# The quotation marks the features pair, as in the training text: the curly and angle pairs, the
# straight quote, and two apostrophes as one token ('' ... ''). Not every pair of QUOTE_PAIRS:
# the models never saw „ or ‹ pair up, and a new pair changes the features only with a retrain.
TRAINED_QUOTE_PAIRS = {"«": QUOTE_PAIRS["«"], "“": QUOTE_PAIRS["“"], STRAIGHT_QUOTE: STRAIGHT_QUOTE, "''": "''"}
QUOTE_CHARS = set(TRAINED_QUOTE_PAIRS) | set(TRAINED_QUOTE_PAIRS.values())
_MAX_QUOTE = 8


def closing_quote(tokens: list[str], i: int, longest: int) -> int | None:
    """Index of the quote that closes a quote opened at ``i`` around 1 to ``longest`` tokens, if any."""
    close = TRAINED_QUOTE_PAIRS.get(tokens[i])
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
    after = 0  # past the last quoted span: spans do not nest
    for i in [k for k, token in enumerate(tokens) if token in TRAINED_QUOTE_PAIRS]:  # the opening quotes
        end = closing_quote(tokens, i, _MAX_QUOTE) if i >= after else None
        if end is None:
            continue
        head = rests[i - 1] if i else "BOS"
        for j in range(i + 1, end):
            pos = "first" if j == i + 1 else "last" if j == end - 1 else "mid"
            out.append((j, ["inq", "qpos=" + pos, "qh=" + head]))
        after = end + 1
    return out
