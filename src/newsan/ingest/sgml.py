"""TREC-style SGML archives: many articles in one file, each between <DOC> and </DOC>.

LDC's Arabic Gigaword and similar corpora ship articles this way, often
gzipped, thousands to a file. An archive is cut into documents as its bytes
stream in, holding at most one document in memory; each document is decoded
on its own (an archive may mix encodings) and its fields (DOCNO, TITLE or
HEADLINE, DATE, TEXT with <P> paragraphs, ...) become a Source's title,
metadata and text. A document's path is `archive#DOCNO`, made unique within
the archive (see `_unique`). A bad document is one IngestError; the documents
after it still come.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsan.errors import IngestError
from newsan.ingest.decoding import decode_bytes
from newsan.ingest.messages import os_reason, too_large
from newsan.ingest.streams import SNIFF_BYTES, StreamError
from newsan.model import Source

_TAG_SLACK = 1100  # bytes kept at a chunk boundary so a split <DOC ...> tag is still found
_DOC_OPEN = re.compile(rb"<DOC(?=[\s>])[^>]{0,1024}>", re.I)
_DOC_CLOSE = re.compile(rb"</DOC\s*>", re.I)
_SGML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<DOC[\s>]", re.I)
_DOCNO = re.compile(rb"<DOCNO\s*>\s*([^<]{1,200}?)\s*</DOCNO", re.I)
_ID_ATTR = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_TYPE_ATTR = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_FIELD = re.compile(r"<(DOCNO|URL|SRC|SOURCE|CAT|CATEGORY|TITLE|HEADLINE|TIME|DATE|DATE_TIME|DATELINE|AUTHOR"
                    r"|ABSTRACT|TEXT)(?:\s[^>]*)?>(.*?)</\1\s*>", re.I | re.S)
_PARAGRAPH = re.compile(r"<P(?:\s[^>]*)?>(.*?)(?=</P\s*>|<P[\s>]|\Z)", re.I | re.S)
# markup pasted into <TEXT> from a web page: a comment, a script or style with its code, or one tag
_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)"
                     r"|</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>", re.I | re.S)
_BLOCK_TAGS = frozenset({"p", "br", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table",
                         "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                         "header", "footer", "figure", "figcaption"})
_HTML_REMOVED = "HTML tags in <TEXT> removed"
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_METADATA = (  # metadata key, SGML fields in order of preference
    ("docno", ("DOCNO",)),
    ("url", ("URL",)),
    ("date", ("TIME", "DATE", "DATE_TIME")),
    ("outlet", ("SRC", "SOURCE")),
    ("category", ("CAT", "CATEGORY")),
    ("author", ("AUTHOR",)),
    ("dateline", ("DATELINE",)),
    ("abstract", ("ABSTRACT",)),
)


def is_sgml_name(path: str) -> bool:
    """Named as an archive: read as one even when the first document starts late in the file."""
    return path.lower().endswith((".sgml", ".sgml.gz", ".sgm", ".sgm.gz"))


def looks_sgml(head: bytes) -> bool:
    """Starts as an archive does (<DOC, after a UTF-8 BOM and white space at most), whatever its name."""
    return bool(_SGML_START.match(head))


def read_sgml(path: str, chunks: Iterator[bytes], max_bytes: int, outlet: str | None, first: int = 0
              ) -> Iterator[Source | IngestError]:
    """One Source per <DOC> of an archive, streamed; bad documents become IngestErrors, the rest still come.

    The `first` documents are cut from the stream but not decoded: a cluster
    task reads its range of a large archive without the cost of the ones before.
    """
    count = 0
    paths_given: dict[str, int] = {}
    try:
        for event in _split_docs(chunks, max_bytes):
            count += 1
            docno = _docno(event)  # named even when skipped: a repeated DOCNO is numbered over the whole archive
            doc_path = _unique(f"{path}#{docno}" if docno else f"{path}#doc-{event.ordinal}", paths_given)
            if count > first:
                yield _document(doc_path, docno, event, max_bytes, outlet)
    except StreamError as error:
        yield IngestError(path, f"{error.reason}; {count} document(s) read before it")
        return
    except OSError as error:
        yield IngestError(path, f"{os_reason(error)}; {count} document(s) read before it")
        return
    if count == 0:
        yield IngestError(path, "no <DOC>…</DOC> document in this SGML archive")


def count_sgml(chunks: Iterator[bytes], max_bytes: int) -> Iterator[int]:
    """The archive's documents numbered as they are cut from the stream (1, 2, …), none decoded."""
    for document in _split_docs(chunks, max_bytes):
        yield document.ordinal


@dataclass(slots=True)
class _Doc:
    """One <DOC> cut from the stream, not decoded yet; `problem` says why it cannot be (too large, unclosed)."""

    ordinal: int
    open_tag: bytes
    raw: bytes  # the content between <DOC> and </DOC>, or the start of it when `problem` is set
    problem: str | None = None
    size: int = 0


def _split_docs(chunks: Iterator[bytes], max_bytes: int) -> Iterator[_Doc]:
    """Cut a byte stream into <DOC> contents, holding at most one document (bounded by max_bytes) in memory."""
    buf = bytearray()
    scan = 0
    inside = False
    ordinal = 0
    open_tag = b""
    head = b""  # start of an oversized document, kept to name it
    skipped = 0  # bytes of an oversized document already thrown away
    for chunk in chunks:
        buf += chunk
        while True:
            if not inside:
                opening = _DOC_OPEN.search(buf, scan)
                if opening is None:
                    cut = buf.rfind(b"<", max(0, len(buf) - _TAG_SLACK))
                    del buf[:cut if cut != -1 else len(buf)]
                    scan = 0
                    break
                ordinal += 1
                inside, open_tag, head, skipped, scan = True, bytes(opening.group()), b"", 0, 0
                del buf[:opening.end()]
            closing = _DOC_CLOSE.search(buf, scan)
            end = closing.start() if closing else len(buf)
            opening = _DOC_OPEN.search(buf, scan, end)
            if opening is not None:  # a new <DOC> before this one was closed
                yield _Doc(ordinal, open_tag, head or bytes(buf[:opening.start()]),
                           "unclosed <DOC> (a new <DOC> starts before </DOC>)", skipped + opening.start())
                del buf[:opening.start()]
                inside, scan = False, 0
                continue
            if closing is not None:
                size = skipped + closing.start()
                if skipped or size > max_bytes:
                    yield _Doc(ordinal, open_tag, head or bytes(buf[:SNIFF_BYTES]), "too large", size)
                else:
                    yield _Doc(ordinal, open_tag, bytes(buf[:closing.start()]), None, size)
                del buf[:closing.end()]
                inside, scan = False, 0
                continue
            if skipped + len(buf) > max_bytes:  # too large: keep its start to name it, drop the rest
                if not head:
                    head = bytes(buf[:SNIFF_BYTES])
                keep = min(len(buf), _TAG_SLACK)
                skipped += len(buf) - keep
                del buf[:len(buf) - keep]
            scan = max(0, len(buf) - _TAG_SLACK)
            break
    if inside:
        yield _Doc(ordinal, open_tag, head or bytes(buf), "unclosed <DOC> at the end of the file",
                   skipped + len(buf))


def _unique(base: str, paths_given: dict[str, int]) -> str:
    """A document's path (`archive#DOCNO`, or `archive#doc-N` for the N-th, without a DOCNO), with `~2`,
    `~3`, ... when a DOCNO is repeated in the archive, so that every path names one article.
    `paths_given` maps each path given to the next repeat number to try after it."""
    if base not in paths_given:
        paths_given[base] = 2
        return base
    repeat = paths_given[base]
    while f"{base}~{repeat}" in paths_given:  # a DOCNO that itself ends in ~2
        repeat += 1
    paths_given[base] = repeat + 1
    paths_given[f"{base}~{repeat}"] = 2
    return f"{base}~{repeat}"


def _document(doc_path: str, docno: str | None, doc: _Doc, max_bytes: int, outlet: str | None
              ) -> Source | IngestError:
    if doc.problem == "too large":
        return IngestError(doc_path, too_large("document", doc.size, max_bytes))
    if doc.problem:
        return IngestError(doc_path, doc.problem)
    try:
        content, encoding, warnings = decode_bytes(doc.raw, doc_path)
    except IngestError as error:
        return IngestError(doc_path, "empty document" if error.reason == "empty file" else error.reason)
    fields: dict[str, str] = {}
    for match in _FIELD.finditer(content):
        fields.setdefault(match.group(1).upper(), match.group(2))
    if "TEXT" not in fields:
        return IngestError(doc_path, "no <TEXT>…</TEXT> in this document")
    text, body_warnings = _body(fields["TEXT"])
    if not text.strip():
        return IngestError(doc_path, "empty <TEXT>")
    metadata: dict[str, str] = {}
    for key, names in _METADATA:
        value = next((_line(fields[name]) for name in names if name in fields and _line(fields[name])), "")
        if value:
            metadata[key] = value
    if docno:
        metadata["docno"] = docno
    kind = _attribute(_TYPE_ATTR, doc.open_tag)
    if kind:
        metadata["type"] = kind
    if outlet and "outlet" not in metadata:
        metadata["outlet"] = outlet
    title = _line(fields.get("TITLE", "")) or _line(fields.get("HEADLINE", "")) or None
    return Source(path=doc_path, text=text, encoding=encoding, title=title, metadata=metadata,
                  warnings=warnings + body_warnings)


def _docno(doc: _Doc) -> str | None:
    match = _DOCNO.search(doc.raw)
    if match:
        value = _line(match.group(1).decode("utf-8", errors="replace"))
        if value:
            return value
    return _attribute(_ID_ATTR, doc.open_tag)


def _attribute(regex: re.Pattern[str], open_tag: bytes) -> str | None:
    match = regex.search(open_tag.decode("utf-8", errors="replace"))
    if not match:
        return None
    return _line(next(group for group in match.groups() if group is not None)) or None


def _unescape(text: str) -> str:
    """&amp; &lt; &#1575; … only: a bare & in a URL or a headline stays as it is."""
    return _ENTITY.sub(lambda match: html.unescape(match.group()), text)


def _line(value: str) -> str:
    """A field's value on one line: entities unescaped, white space collapsed."""
    return " ".join(_unescape(value).split())


def _body(content: str) -> tuple[str, tuple[str, ...]]:
    """The article text and its warnings: <P> paragraphs one per line (LDC Gigaword), the TEXT as written,
    or, when other markup was pasted in, its text with the tags dropped (a block tag ends a line)."""
    markup = [match.group(2) or "" for match in _MARKUP.finditer(content)]
    if not markup:
        return _unescape(content).strip(), ()
    if all(tag.upper() == "P" for tag in markup) and not _MARKUP.sub("", _PARAGRAPH.sub("", content)).strip():
        paragraphs = [_line(p) for p in _PARAGRAPH.findall(content)]
        return "\n".join(p for p in paragraphs if p), ()
    text = _MARKUP.sub(lambda match: "\n" if (match.group(2) or "").lower() in _BLOCK_TAGS else "", content)
    lines = [_line(line) for line in text.splitlines()]
    return "\n".join(line for line in lines if line), (_HTML_REMOVED,)
