from camel_tools.tokenizers.word import simple_word_tokenize
from hypothesis import given, settings
from hypothesis import strategies as st

from newsan.arabic.tokenize import _camel_pieces, sentences_of, split_sentences, tokenize_words


def _texts(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_splits_on_arabic_and_latin_terminators():
    assert _texts("قال الوزير كلاماً. هل هذا صحيح؟ نعم!") == ["قال الوزير كلاماً.", "هل هذا صحيح؟", "نعم!"]


def test_comma_and_semicolon_do_not_end_sentences():
    assert len(_texts("قال الوزير، وأضاف؛ ثم سكت.")) == 1


def test_no_split_inside_quotes_numbers_or_abbreviations():
    text = 'قال د. محمد إن النمو 3.5 بالمئة «وهذا جيد. جداً» ثم غادر.'
    assert _texts(text) == [text]


def test_quote_closing_after_terminator_stays_with_the_sentence():
    assert _texts('قال "انتهى الأمر." ثم غادر.') == ['قال "انتهى الأمر."', "ثم غادر."]


def test_lines_are_paragraphs():
    assert _texts("سطر أول بلا نقطة\nسطر ثان") == ["سطر أول بلا نقطة", "سطر ثان"]


def test_tokens_carry_offsets_and_match_forms():
    text = "وقال أحمدُ: «نعم»"
    tokens = tokenize_words(text)
    assert [t.text for t in tokens] == ["وقال", "أحمدُ", ":", "«", "نعم", "»"]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert tokens[1].norm == "احمد"


def test_bidi_marks_are_not_tokens():
    tokens = tokenize_words("بوتين\u200f \u200f قال")
    assert [t.text for t in tokens] == ["بوتين", "قال"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوي ءأإآةى.،؛؟!\"«»“”\n\u200f0123456789")),
               max_size=300))
def test_every_token_and_sentence_maps_back(text):
    previous_end = 0
    for sentence in sentences_of(text):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
        for token in sentence.tokens:
            assert text[token.start:token.end] == token.text
            assert sentence.start <= token.start < token.end <= sentence.end


# Letters, digits, plain punctuation, and what makes camel-tools read an emoji sequence instead (#, *, keycap,
# variation selector, joiners, skin tone, regional indicators, tags) or a symbol it does not cut.
_CAMEL_TRAPS = list("بتث0123456789#*.،؛:()%٪\"«»-–/_©‼™") + ["\u200d", "\u200c", "\ufe0f", "\u20e3", "😀", "🏻", "🇸",
                                                         "🇦", "🏴", "\U000e0067", "\U000e007f", "\u064b"]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_CAMEL_TRAPS), min_size=1, max_size=10))
def test_words_are_cut_as_camel_tools_cuts_them(word):
    assert _camel_pieces(word) == simple_word_tokenize(word)
