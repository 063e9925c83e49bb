"""The fast paths give the results of the plain ones, and long inputs stay linear."""

import time

from camel_tools.tokenizers.word import simple_word_tokenize
from hypothesis import given, settings
from hypothesis import strategies as st

from newsan.analysis.pipeline import Options, analyze_source
from newsan.arabic.normalize import match_form
from newsan.arabic.tokenize import _INVISIBLE_CHARS, split_sentences, tokenize_words
from newsan.model import Source, Token

# words of news text and of what scrapers leave in it: Arabic, Latin, digits, punctuation, emoji, marks
WORDISH = st.text(st.sampled_from(list("كتب الوزير ٣.5%،؛؟!\"«»()-–—:/#@*&$€😀👍🏽🇪🇬\u200f\u200e\u200d\u0651\u064e"
                                      "\u20e3\ufe0fabc123\t\n\u00a0\u2009\x00\ufeff")), max_size=60)


def reference_tokens(text: str, offset: int = 0) -> list[Token]:
    """The straightforward way: camel-tools over the whole text, then find each word."""
    tokens, cursor = [], 0
    for word in simple_word_tokenize(text):
        position = text.find(word, cursor)
        cursor = position + len(word)
        visible = word.strip(_INVISIBLE_CHARS)
        if visible:
            start = position + word.index(visible)
            tokens.append(Token(visible, offset + start, offset + start + len(visible), match_form(visible)))
    return tokens


@settings(max_examples=400, deadline=None)
@given(WORDISH, st.integers(0, 1000))
def test_tokens_are_those_of_camel_tools(text, offset):
    assert tokenize_words(text, offset) == reference_tokens(text, offset)
    assert tokenize_words(text, offset) == reference_tokens(text, offset)  # and again, from the cache


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_tokens_of_any_unicode_are_those_of_camel_tools(text):
    assert tokenize_words(text) == reference_tokens(text)


def _seconds(function, *args, runs: int = 3):
    """The best of a few runs: on a busy machine a single timing says more about the neighbours."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - started)
    return best


def test_sentence_splitting_of_one_long_line_is_linear():
    line = ("قال الوزير إن «الوضع مستقر. جداً» في د. المدينة 3.5 بالمئة! " * 20_000)  # ~1.2 MB, no line end
    small, large = _seconds(split_sentences, line[:len(line) // 10]), _seconds(split_sentences, line)
    assert large < 5.0 and large < 30 * small + 0.2  # 10 times the text; quadratic would be 100 times
    no_space = "أ." * 500_000  # a one-letter word before every dot, with no space anywhere
    assert _seconds(split_sentences, no_space, runs=1) < 5.0


def test_analysis_of_long_inputs_stays_linear():
    options = Options(ner="rules")
    analyze_source(Source("warm", "كلمة"), options)
    sentence = "وقال وزير الخارجية سامح شكري في القاهرة إن المحادثات مستمرة. "
    for text in (sentence * 8_000,                         # one 500 KB line
                 (sentence + "\n") * 8_000,                # 8,000 paragraphs
                 "كلمة " * 100_000,                         # one sentence of 100,000 words
                 "مصادر أمنية قالت " * 4_000,              # one sentence of 12,000 words and 4,000 cues
                 '«قال» "الوزير" ' * 4_000,                # thousands of quotes in one sentence
                 ('قال الوزير «الوضع مستقر» وإن "الأمر انتهى". ' * 50 + "\n") * 60,  # quotes in many sentences
                 "x" * 400_000,                            # one 400 KB word
                 ("«" * 20_000) + "نص" + (" »" * 20_000)):  # unbalanced quotes
        small = _seconds(analyze_source, Source("small", text[:len(text) // 8]), options, runs=2)
        large = _seconds(analyze_source, Source("large", text), options, runs=1)
        assert large < 24 * small + 1.0, (text[:20], small, large)  # 8 times the text; quadratic: 64 times


def test_builtin_feature_cache_stays_bounded(monkeypatch):
    import pytest

    from newsan.errors import BackendUnavailable
    from newsan.ner.builtin import BuiltinTagger
    from newsan.ner.registry import get_tagger

    try:
        tagger = get_tagger("builtin")
    except BackendUnavailable:
        pytest.skip("the built-in model is not installed here")
    monkeypatch.setattr(BuiltinTagger, "CACHE_MAX", 1000)
    sentence = ["قال", "الرئيس", "فلاديمير", "بوتين", "في", "موسكو"]
    expected = tagger.tag([sentence])
    for batch in range(5):  # many new words over a few calls, as over a long archive
        tagger.tag([[f"كلمة{batch}x{i}y{j}" for j in range(20)] for i in range(30)])
        assert len(tagger._cache) <= 1000
    assert tagger.tag([sentence]) == expected
