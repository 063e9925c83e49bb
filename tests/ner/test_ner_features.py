"""The tagger's word features by value (feature_values, FeatureWeights.word_features) against their
definition, type_features' attribute strings."""

from pathlib import Path

import numpy as np
import pytest

from newsan.ner.builtin import TokenCache, load_builtin_tagger
from newsan.ner.features import FAR_FEATURES, NEAR_FEATURES, OWN_FEATURES, feature_values, type_features

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/ner/anercorp/camellab-recon/dev.conll"
# Clitics, article, enclitics, diacritics, foreign names, digits, Latin, punctuation, quotes, empty,
# and strings with the characters that separate a feature's name and value.
TOKENS = ["وبالبيت", "للرئيس", "كتابهم", "الولايات", "المتحدة", "بوتين", "لبوتين", "فولكسفاغن", "مُحَمَّد",
          "رويترز", "واشنطن", "ال", "و", "٢٠٢٤", "2024", "BBC", "iPhone15", ".", "«", "''", "", "=", "w=x",
          "a|b", "الأمم", "إسرائيل", "مستشفى", "وزارة", "الرئيس", "قال", "عن", "بان", "كي", "مون"]


@pytest.fixture(scope="module")
def tagger():
    return load_builtin_tagger()


@pytest.fixture(scope="module")
def tokens():
    words = list(TOKENS)
    if DEV.exists():
        words += [line.split()[0] for line in DEV.read_text(encoding="utf-8").splitlines()[:3000] if line.strip()]
    return list(dict.fromkeys(words))


def _strings(values, names, i):
    """The attribute strings token ``i``'s values stand for, features without a value by their name alone."""
    out = []
    for name in names:
        value = values[name][i]
        if value is not None:
            out.append(name if name in ("nocluster", "noprofile") else f"{name}={value}")
    return out


def test_feature_values_are_type_features_by_feature(tagger, tokens):
    values, infos = feature_values(tagger.res, tokens)
    for i, token in enumerate(tokens):
        own, near, far, info = type_features(tagger.res, token)
        assert _strings(values, OWN_FEATURES, i) == own, token
        assert _strings(values, NEAR_FEATURES, i) == near, token
        assert _strings(values, FAR_FEATURES, i) == far, token
        assert infos[i] == info


def test_feature_values_of_no_tokens(tagger):
    values, infos = feature_values(tagger.res, [])
    assert set(values) == set(OWN_FEATURES) and not any(values.values()) and infos == []


def test_cached_rows_are_the_sums_of_the_attribute_strings_weights(tagger, tokens):
    weights = tagger.weights
    cache = TokenCache(weights, tagger.res)
    cache.ids(tokens, len(tokens) + 2)
    for token in tokens:
        own, near, far, _ = type_features(tagger.res, token)
        lent = [own, ["-1" + a for a in near], ["+1" + a for a in near], ["-2" + a for a in far],
                ["+2" + a for a in far]]
        expected = np.stack([weights.table[weights.rows(attrs)].sum(0) for attrs in lent])
        got = cache.table[:, cache.ids([token], len(tokens) + 2)[0]]
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12, err_msg=token)


def test_read_is_word_forms_entries_shape_and_vowels_and_forgets_past_its_size(monkeypatch):
    from dataclasses import replace

    from newsan.ner.forms import long_vowels, shape, word_forms
    from newsan.ner.resources import Resources

    res = Resources(clusters={"بيت": ("1", "10")}, triggers={"رئيس": "TITLE"}, profiles={"بيت": "a2f10v1n3"})
    monkeypatch.setattr(Resources, "READINGS_MAX", 2)
    for token in ["وبالبيت", "للرئيس", "كتابهم", "وبالبيت", "", "BBC"]:
        w, pro, rest, stem, enc = word_forms(token)
        assert res.read(token) == (w, pro, rest, stem, enc, *res.entries(w, rest, stem), shape(w), long_vowels(rest))
        assert len(res._readings) <= 2
    assert not replace(res, clusters={})._readings  # another table, another memo


def test_the_ensembles_taggers_share_one_resources():
    from newsan.ner.ensemble import load_ensemble_tagger

    ensemble = load_ensemble_tagger()
    assert ensemble.crf.res is ensemble.networks.res
