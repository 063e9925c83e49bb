"""What newsan's own taggers do per document: the second pass's votes and the rules applied after it.

A name is usually tagged right in some of its mentions in an article. The
second CRF reads, per word, how the first pass tagged the same word nearby
(doc_votes, doc_features); after both, DocumentRules tag again the names
tagged elsewhere in the document (propagate_names) and quoted titles of works
(quoted_names). DocumentTagger is the shape of a tagger over documents.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsan.arabic.clitics import split_enclitic
from newsan.ner.features import TRAINED_QUOTE_PAIRS, closing_quote
from newsan.ner.forms import shape
from newsan.ner.labels import entity_spans
from newsan.ner.resources import Resources, profile_parts

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


def vote_type(tag: str) -> int:
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
    typ = np.array([vote_type(t) for tags in first for t in tags], np.int64)
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


def first_names(gazetteer: dict[str, str]) -> frozenset[str]:
    """The words that begin a person's name in most of their occurrences in the training data (the
    CRF's gazetteer, gazetteer.tsv: ستيف, كيم)."""
    return frozenset(w for w, tag in gazetteer.items() if tag == "B-PER")


def person_words(gazetteer: dict[str, str], corpus_names: dict[str, str]) -> frozenset[str]:
    """The words of persons' names the model directory knows: the gazetteer's (B-PER, I-PER) and
    the corpus names' (PER1 to PER3)."""
    return frozenset(w for w, tag in gazetteer.items() if tag.endswith("-PER")) | frozenset(
        w for w, tag in corpus_names.items() if tag.startswith("PER"))


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
    found = [[(i, j, typ, tuple(ks[i:j])) for i, j, typ in sorted(entity_spans(ts))]
             for ks, ts in zip(keys, tags, strict=True)]
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
    for s, (ks, ts) in enumerate(zip(keys, tags, strict=True)):
        ts = list(ts)
        n = len(ks)
        after = 0  # past the last name tagged again
        for i in [i for i, key in enumerate(ks) if key in by_first]:  # where a name may start
            if i < after:
                continue
            for name in by_first[ks[i]]:
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
                after = i + m
                break
        for i in [i for i, key in enumerate(ks) if key in surnames]:
            if (ts[i] == "O" and (i == 0 or ts[i - 1] == "O")
                    and (i + 1 == n or not ts[i + 1].startswith("I-")) and first_near(surnames[ks[i]], s) is not None):
                ts[i] = "B-PER"
        out.append(ts)
    return out


def future_verbs(profiles: dict[str, str]) -> frozenset[str]:
    """Imperfect verbs of the profile text (a form after ي, ت or ن seen after a verb particle such
    as لم or قد): with the future's س in front (سيعقد) such a word ends a person's name."""
    return frozenset(w for w, p in profiles.items() if w[:1] in _IMPERFECT and profile_parts(p)[2] != "0")


_IMPERFECT = ("ي", "ت", "ن")
_VERB_ENDINGS = ("ان", "ون", "ين", "وا", "ا")  # dual and plural endings a profiled verb form may lack


def _is_future_verb(key: str, verbs: frozenset[str]) -> bool:
    """س + an imperfect verb of ``verbs`` (future_verbs), maybe with a dual or plural ending: سيعقدان."""
    if len(key) < 5 or key[0] != "س" or key[1] not in _IMPERFECT:
        return False
    verb = key[1:]
    return verb in verbs or any(verb.endswith(e) and verb[:-len(e)] in verbs for e in _VERB_ENDINGS)


def split_glued_names(keys: list[list[str]], tags: list[list[str]], verbs: frozenset[str] = frozenset(),
                      first_names: frozenset[str] = frozenset(), person_words: frozenset[str] = frozenset()
                      ) -> list[list[str]]:
    """Cut the spans a tagger ran past a name's end, by what the document tags elsewhere (in
    another span within GLUE_WINDOW sentences); a new list is returned.

    A surname is the last word of a person's name of two words or more that also stands alone
    as a person (فلاديمير بوتين ... بوتين), in a name whose first word is no surname itself
    (not a glued بوتين كيم); a first name, the first word of such a name. An Arabic first name
    is also a father's name (محمد حسني مبارك, أحمد سعيد) but seldom a person alone.

    - a person's span goes on past a surname that starts no name: قمة [بوتين كيم] -> [بوتين]
      [كيم] when the next word starts a person elsewhere (كيم جونغ أون, or كيم alone); إن
      [بوتين] يائس when the next word is the span's last, none of ``person_words`` and in no
      span elsewhere;
    - a person's span of three words or more whose second word is a first name, whose last word is
      a person alone or a surname elsewhere and whose first word is neither a first name nor one of
      ``person_words`` starts at the first name: بمعهد بروكينغز [ستيف بايفر];
    - a person's span ends in a future verb (س + an imperfect verb of ``verbs``, future_verbs):
      [دي مستورا] سيعقدان;
    - another type's span ends in a person's name: its last word is a person alone or a
      surname elsewhere, and a word of ``first_names`` or a first name begins it: بمعهد
      [بروكينغز] [ستيف بايفر], when بايفر is named.
    """
    found = [sorted(entity_spans(ts)) for ts in tags]
    names = [(s, i, j) for s, spans in enumerate(found) for i, j, typ in spans if typ == "PER" and j - i >= 2]
    alone = _places((ks[i], s, i) for s, (ks, spans) in enumerate(zip(keys, found, strict=True))
                    for i, j, typ in spans if typ == "PER" and j - i == 1)
    anywhere = _places((k, s, i) for s, (ks, spans) in enumerate(zip(keys, found, strict=True))
                       for i, j, _ in spans for k in ks[i:j])
    clean = names
    for _ in range(3):  # glued spans give no surnames: a span whose first word is a surname is not a name
        surnames = _places((keys[s][j - 1], s, i) for s, i, j in clean
                           if _near_other(alone, keys[s][j - 1], s, i))
        clean = [(s, i, j) for s, i, j in names if not _near_other(surnames, keys[s][i], s, i)]
    firsts = _places((keys[s][i], s, i) for s, i, j in clean)
    out = []
    for s, (ks, ts, spans) in enumerate(zip(keys, tags, found, strict=True)):
        ts = list(ts)
        for i, j, typ in spans:
            if typ == "PER":
                if (j - i >= 3 and ks[i] not in person_words and ks[i] not in first_names
                        and (ks[i + 1] in first_names or _near_other(firsts, ks[i + 1], s, i))
                        and (_near_other(alone, ks[j - 1], s, i) or _near_other(surnames, ks[j - 1], s, i))):
                    ts[i], ts[i + 1] = "O", "B-PER"  # بمعهد [بروكينغز ستيف بايفر] -> بروكينغز [ستيف بايفر]
                    i += 1
                while j - i >= 2 and _is_future_verb(ks[j - 1], verbs):
                    j -= 1
                    ts[j] = "O"
                for p in range(i, j - 1):
                    if not _near_other(surnames, ks[p], s, i) or _near_other(firsts, ks[p], s, i):
                        continue
                    if _near_other(firsts, ks[p + 1], s, i) or _near_other(alone, ks[p + 1], s, i):
                        ts[p + 1:j] = ["B-PER"] + ["I-PER"] * (j - p - 2)
                    elif p + 2 == j and ks[p + 1] not in person_words and not _near_other(anywhere, ks[p + 1], s, i):
                        ts[p + 1] = "O"
                    break
            elif j - i >= 2 and (_near_other(alone, ks[j - 1], s, i) or _near_other(surnames, ks[j - 1], s, i)):
                for p in range(i + 1, j):
                    if ks[p] in first_names or _near_other(firsts, ks[p], s, i) or p == j - 1:
                        ts[p:j] = ["B-PER"] + ["I-PER"] * (j - p - 1)
                        break
        out.append(ts)
    return out


def _places(items: Iterable[tuple[str, int, int]]) -> dict[str, list[tuple[int, int]]]:
    """key -> the (sentence, first token) of the spans it was found in, ascending."""
    table: dict[str, list[tuple[int, int]]] = {}
    for key, s, i in sorted(items, key=lambda item: item[1:]):
        table.setdefault(key, []).append((s, i))
    return table


# Sentences on each side whose names split_glued_names trusts: a news article's names are
# introduced once, often far from a later glued span (the whole of most articles).
GLUE_WINDOW = 50


def _near_other(table: dict[str, list[tuple[int, int]]], key: str, s: int, i: int) -> bool:
    """``key`` was found in a span within GLUE_WINDOW sentences of sentence s other than the one at (s, i)."""
    places = table.get(key)
    if not places:
        return False
    k = bisect_left(places, (s - GLUE_WINDOW, -1))
    return any(place != (s, i) for place in places[k:k + 2] if place[0] <= s + GLUE_WINDOW) or (
        k + 2 < len(places) and places[k + 2][0] <= s + GLUE_WINDOW)


# A quoted title of a work is short; a longer quoted span is taken for speech.
_TITLE_MAX = 5
# How many words before the opening quote the work's noun may stand (برنامج جديد بعنوان « ... »).
_TITLE_REACH = 3


def _is_title_head(key: str, heads: frozenset[str]) -> bool:
    """A key that is one of ``heads``, maybe with an enclitic (برنامجها) or accusative alef (برنامجا)."""
    return key in heads or split_enclitic(key)[0] in heads or (key.endswith("ا") and key[:-1] in heads)


def quoted_names(keys: list[str], tags: list[str], title_heads: frozenset[str], body_heads: frozenset[str]
                 ) -> list[str]:
    """Tag the short quoted names after a noun of their kind, whatever the tagger made of them: a body's
    name right after the noun of a body (``body_heads``, triggers.ORG: صحيفة « الشرق الأوسط », شركة
    " أرامكو ") is ORG; a work's title after the noun of a work among the _TITLE_REACH words before it
    (``title_heads``, triggers.TITLE_BEFORE: « الناس وأنا » after برنامج, " اللقيطة " after مسلسل), none of
    them punctuation, is MISC (a title is not a person, مع نور).

    keys: one sentence's proclitic-stripped tokens; tags: its BIO tags (a new list is returned). A name
    is 1 to _TITLE_MAX words between matching quotes with no punctuation. ANERcorp tags both so: on
    its train split a quoted name after صحيفة is ORG 16 times in 16, after شركة 8 in 8; the titles'
    spans are MISC in 30 of 43 cases (the others are mostly one article whose soap-opera titles
    were left untagged).
    """
    tags = list(tags)
    if TRAINED_QUOTE_PAIRS.keys().isdisjoint(keys):  # most sentences: a set test in C
        return tags
    for i in [k for k, key in enumerate(keys) if key in TRAINED_QUOTE_PAIRS]:  # the opening quotes
        end = closing_quote(keys, i, _TITLE_MAX)
        if end is None or any(shape(k) == "punct" for k in keys[i + 1:end]):
            continue
        kind = "ORG" if i > 0 and _is_title_head(keys[i - 1], body_heads) else _title_before(keys, i, title_heads)
        if kind:
            tags[i + 1:end] = ["B-" + kind] + ["I-" + kind] * (end - i - 2)
            if tags[end].startswith("I-"):  # an entity that ran into the name ends before it
                tags[end] = "B-" + tags[end][2:]
    return tags


def _title_before(keys: list[str], i: int, heads: frozenset[str]) -> str | None:
    """MISC when the noun of a work stands among the _TITLE_REACH words before token i, none of them
    punctuation."""
    for k in range(i - 1, max(-1, i - 1 - _TITLE_REACH), -1):
        if shape(keys[k]) == "punct":
            return None
        if _is_title_head(keys[k], heads):
            return "MISC"
    return None


@dataclass(frozen=True)
class DocumentRules:
    """The rules every backend applies to its tags, per document: split_glued_names (with the
    future verbs and first names that end and start names), propagate_names (with the words too
    common to propagate alone), then quoted_names in each sentence."""

    common: frozenset[str] = frozenset()
    title_heads: frozenset[str] = frozenset()
    body_heads: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    first_names: frozenset[str] = frozenset()
    person_words: frozenset[str] = frozenset()

    @classmethod
    def from_resources(cls, resources: Resources) -> DocumentRules:
        return cls(common=common_words(resources.profiles), title_heads=resources.title_heads,
                   body_heads=resources.body_heads, verbs=future_verbs(resources.profiles),
                   first_names=first_names(resources.gazetteer),
                   person_words=person_words(resources.gazetteer, resources.corpus_names))

    def apply(self, keys: list[list[str]], tags: list[list[str]], counts: list[int]) -> list[list[list[str]]]:
        """The tags of a call over documents of consecutive sentences (``counts`` per document),
        by document; ``keys`` are the tokens' proclitic-stripped forms."""
        firsts = np.cumsum([0] + counts).tolist()
        out = []
        for a, b in zip(firsts, firsts[1:], strict=False):
            split = split_glued_names(keys[a:b], tags[a:b], self.verbs, self.first_names, self.person_words)
            out.append([quoted_names(ks, ts, self.title_heads, self.body_heads)
                        for ks, ts in zip(keys[a:b], propagate_names(keys[a:b], split, self.common), strict=True)])
        return out


class DocumentTagger:
    """What newsan's own taggers share: ``tag`` is ``tag_documents`` over one document, which
    hands the documents' sentences, flattened, to the tagger's ``_tag_sentences``."""

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags over PER, LOC, ORG, MISC: exactly one tag per input token of one document."""
        return self.tag_documents([sentences])[0]

    def tag_documents(self, documents: Sequence[Sequence[Sequence[str]]], **options: Any) -> list[list[list[str]]]:
        """``tag`` over several documents in one call: the same tags as one call per document
        (the document context stays inside each document), at a fraction of the per-call cost."""
        sents = [list(map(str, tokens)) for document in documents for tokens in document]
        counts = [len(document) for document in documents]
        if not any(sents):
            return [[[] for _ in document] for document in documents]
        return self._tag_sentences(sents, counts, **options)

    def _tag_sentences(self, sents: list[list[str]], counts: list[int]) -> list[list[list[str]]]:
        """The tags, by document, of the consecutive sentences of ``counts`` documents (not all empty);
        a tagger may take keyword options, which ``tag_documents`` passes on."""
        raise NotImplementedError
