"""Read and write CoNLL-style token files.

The reader keeps everything needed to write the file back line for line: blank
lines separate sentences, ``-DOCSTART-`` lines are kept as markers, and every
token line yields exactly one token, so a tagger's output can be written with
as many token lines as the input had.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from newsan.errors import ConllError
from newsan.ner.labels import LABELS, to_newsan_tag

DOCSTART = "-DOCSTART-"
# What a gold tag column holds: O, or a B-/I- (or E-/S-) prefix and a type.
_ENTITY_TAG = re.compile(r"O|[BIES]-\S+")


@dataclass
class Sentence:
    """One sentence: tokens, the gold tags if the file had a second column, the line of its first token."""

    tokens: list[str] = field(default_factory=list)
    tags: list[str] | None = None
    line: int = 0


@dataclass
class Block:
    """A run of lines between blank lines: a sentence or a ``-DOCSTART-`` marker."""

    sentence: Sentence | None = None
    docstart: str | None = None  # the marker line verbatim when this block is one


def _split_line(line: str) -> list[str]:
    # Tabs or spaces separate columns. str.split does not split on format
    # characters, so a line holding only U+200F is a token and keeps its line.
    return line.split()


def read_conll(lines: Iterable[str]) -> list[Block]:
    """Parse CoNLL lines into blocks, in file order.

    The first column is the token, the last one (if there are two or more) the
    tag. Either all token lines of a sentence have a tag or none do.
    """
    blocks: list[Block] = []
    cur: Sentence | None = None
    has_tags: bool | None = None
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if line.strip() == "":
            cur, has_tags = None, None
            continue
        parts = _split_line(line)
        if parts[0] == DOCSTART:
            blocks.append(Block(docstart=line))
            cur, has_tags = None, None
            continue
        tagged = len(parts) >= 2
        if cur is None:
            cur = Sentence(tags=[] if tagged else None, line=lineno)
            blocks.append(Block(sentence=cur))
            has_tags = tagged
        elif tagged != has_tags:
            raise ConllError(f"line {lineno}: some tokens of this sentence have a tag and some do not")
        cur.tokens.append(parts[0])
        if tagged:
            assert cur.tags is not None  # a sentence's tokens are all tagged or all untagged (checked above)
            cur.tags.append(parts[-1])
    return blocks


def read_conll_file(path: str) -> list[Block]:
    """Read a CoNLL file as UTF-8 (a leading BOM is dropped); ``-`` reads standard input."""
    if path == "-":
        raw = getattr(sys.stdin, "buffer", None)
        if raw is None:
            return read_conll(sys.stdin)
        return read_conll(io.TextIOWrapper(raw, encoding="utf-8-sig"))
    with open(path, encoding="utf-8-sig") as fh:
        return read_conll(fh)


def read_gold_file(path: str) -> list[Sentence]:
    """The sentences of a gold CoNLL file, every token with an entity tag.

    A file that cannot be gold is an error, not a score of 0: tokens without
    a tag column, a last column that holds words rather than tags (plain text
    read as CoNLL), or no entity newsan could find, which would score every
    tagger 0 as if that were a result.
    """
    gold = list(sentences(read_conll_file(path)))
    for sentence in gold:
        if sentence.tags is None:
            raise ConllError(f"line {sentence.line}: no tag column (token and entity tag expected)")
        for offset, tag in enumerate(sentence.tags):
            if not _ENTITY_TAG.fullmatch(tag):
                raise ConllError(f"line {sentence.line + offset}: {tag!r} is not an entity tag (O, B-TYPE or I-TYPE)")
    if not any(to_newsan_tag(tag) != "O" for sentence in gold for tag in sentence.tags or ()):
        raise ConllError(f"no gold entity of the types newsan tags ({', '.join(LABELS)})")
    return gold


def sentences(blocks: Iterable[Block]) -> Iterator[Sentence]:
    """The sentences of a parsed file, skipping ``-DOCSTART-`` markers."""
    for b in blocks:
        if b.sentence is not None:
            yield b.sentence


def write_conll(blocks: list[Block], tags: list[list[str]], out: IO[str]) -> None:
    """Write ``token<TAB>TAG`` lines: one per input token, a blank line after each block.

    ``tags`` holds one tag list per sentence, in order.
    """
    it = iter(tags)
    for b in blocks:
        if b.docstart is not None:
            out.write(b.docstart + "\n\n")
            continue
        sent_tags = next(it)
        assert b.sentence is not None  # a block is a -DOCSTART- line or a sentence
        if len(sent_tags) != len(b.sentence.tokens):
            raise ValueError("tag count differs from token count")
        for tok, tag in zip(b.sentence.tokens, sent_tags, strict=True):
            out.write(f"{tok}\t{tag}\n")
        out.write("\n")
