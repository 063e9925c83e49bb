"""CoNLL reading and writing keep one output line per input token."""

import io

import pytest

from newsan.errors import ConllError
from newsan.evaluation.conll import read_conll, sentences, write_conll

TEXT = """-DOCSTART- O

أعلن O
اتحاد B-ORG
صناعة I-ORG

في O
ألمانيا B-LOC

"""


def test_round_trip_with_docstart_and_blank_lines():
    blocks = read_conll(io.StringIO(TEXT))
    sents = list(sentences(blocks))
    assert [s.tokens for s in sents] == [["أعلن", "اتحاد", "صناعة"], ["في", "ألمانيا"]]
    assert sents[0].tags == ["O", "B-ORG", "I-ORG"]
    out = io.StringIO()
    write_conll(blocks, [s.tags for s in sents], out)
    # the -DOCSTART- line is passed through verbatim; token lines become TAB-separated
    expected = TEXT.replace(" ", "\t").replace("-DOCSTART-\tO", "-DOCSTART- O")
    assert out.getvalue() == expected


def test_untagged_input_and_odd_tokens_keep_their_lines():
    text = "a\n\u200f\n😀\n,\n\nb\n"  # no trailing blank line, RLM and emoji as tokens
    blocks = read_conll(io.StringIO(text))
    toks = [s.tokens for s in sentences(blocks)]
    assert toks == [["a", "\u200f", "😀", ","], ["b"]]
    assert all(s.tags is None for s in sentences(blocks))
    out = io.StringIO()
    write_conll(blocks, [["O"] * len(t) for t in toks], out)
    lines = out.getvalue().split("\n")
    assert sum(1 for ln in lines if ln) == 5
    assert lines[1] == "\u200f\tO"


def test_extra_columns_take_first_as_token_last_as_tag():
    blocks = read_conll(io.StringIO("w1\tNN\tB-LOC\nw2 NN O\n"))
    s = next(sentences(blocks))
    assert s.tokens == ["w1", "w2"] and s.tags == ["B-LOC", "O"]


def test_mixed_tagged_and_untagged_lines_is_an_error():
    with pytest.raises(ConllError, match="line 2"):
        read_conll(io.StringIO("a O\nb\n"))


def test_write_refuses_misaligned_tags():
    blocks = read_conll(io.StringIO("a\nb\n"))
    with pytest.raises(ValueError):
        write_conll(blocks, [["O"]], io.StringIO())


def test_file_reader_drops_a_byte_order_mark(tmp_path):
    from newsan.evaluation.conll import read_conll_file

    p = tmp_path / "bom.conll"
    p.write_bytes("\ufeffزار O\n".encode("utf-8"))
    assert next(sentences(read_conll_file(str(p)))).tokens == ["زار"]
