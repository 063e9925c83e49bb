"""Bytes to text: which encoding an article was written in, and whether it is text at all.

Articles come as UTF-8, UTF-16 with or without a byte-order mark, or a legacy
code page (cp1256 for Arabic, mostly); binary files come too, by mistake.
`decode_bytes` tries the encodings from the most to the least certain and
says when it had to guess, so a wrong guess is visible in the output.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from newsan.arabic.charsets import ARABIC_BLOCK, ARABIC_SCRIPT
from newsan.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than \t \n \v \f \r, DEL, C1 controls and U+FFFD: what binary looks like once decoded.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_MAX_CONTROL_SHARE = 0.10
_ARABIC_LETTER = f"[{ARABIC_SCRIPT}]"
_ARABIC = re.compile(_ARABIC_LETTER)
_ARABIC_ALONE = re.compile(f"(?<!{_ARABIC_LETTER}){_ARABIC_LETTER}(?!{_ARABIC_LETTER})")
# two Arabic letters in UTF-8; cp1256 bytes almost never look like this, so a file without it is not mixed
_UTF8_ARABIC_PAIR = re.compile(rb"(?:[\xd8-\xdb][\x80-\xbf]){2}")
_ARABIC_LATIN = re.compile(f"[{ARABIC_BLOCK}][\u00c0-\u00ff]|[\u00c0-\u00ff](?=[{ARABIC_BLOCK}])")


def decode_bytes(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode one article's bytes, saying which encoding was used and warning when it was a guess.

    Order: a BOM (UTF-8/16/32); UTF-8; UTF-16 without BOM (NULs on one side of
    each byte pair); UTF-8 and cp1256 line by line when a file was pieced
    together from both (encoding "utf-8+cp1256"); UTF-8 with a few bad bytes
    (replaced, with a warning); cp1256 when the bytes read as Arabic; any
    other legacy encoding charset-normalizer recognises. Returns (text, encoding, warnings); raises
    IngestError for empty and binary data. The text is otherwise untouched
    (line ends included) so offsets stay true to the file.
    """
    if not data.strip():
        raise IngestError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding)
            if text is None:
                if encoding.startswith("utf-32"):
                    continue  # FF FE 00 00 may also be a UTF-16 BOM followed by U+0000
                if encoding != "utf-8-sig":
                    raise IngestError(path, f"binary file, not text (invalid {encoding} after its byte-order mark)")
                text, bad = _utf8_with_replacements(data[len(bom):])
                assert text is not None  # None only with strict_share
                return _checked(text, encoding, (_replaced(bad),), path)
            return _checked(text, encoding, (), path)

    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise IngestError(path, "binary file, not text (it contains NUL bytes)")
        return _checked(found[0], found[1], (), path)

    text = _strict(data, "utf-8")
    if text is not None:
        if _control_share(text) <= _MAX_CONTROL_SHARE:
            return _checked(text, "utf-8", (), path)
        found = _utf16_without_bom(data)  # Arabic UTF-16 with no ASCII at all has no NUL but is valid ASCII
        if found is not None:
            return _checked(found[0], found[1], (), path)
        raise IngestError(path, "binary file, not text (mostly control characters)")

    mixed = _utf8_and_cp1256_lines(data)
    if mixed is not None:
        return _checked(mixed[0], "utf-8+cp1256", mixed[1], path)

    text, bad = _utf8_with_replacements(data, strict_share=True)
    if text is not None:
        return _checked(text, "utf-8", (_replaced(bad),), path)

    legacy = _legacy(data)
    if legacy is None:
        raise IngestError(path, "binary file, not text (not UTF-8, UTF-16 or a known legacy encoding)")
    text, encoding = legacy
    return _checked(text, encoding, (f"decoded as {encoding} (not UTF-8)",), path)


def _checked(text: str, encoding: str, warnings: tuple[str, ...], path: str) -> tuple[str, str, tuple[str, ...]]:
    if not text.strip():
        raise IngestError(path, "empty file")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise IngestError(path, "binary file, not text (mostly control characters)")
    return text, encoding, warnings


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in _CONTROL.finditer(text)) / len(text)


def _utf8_with_replacements(data: bytes, strict_share: bool = False) -> tuple[str | None, int]:
    """UTF-8 with its invalid bytes replaced, and how many were; with strict_share, only when they are a
    tiny minority.

    A scraped page cut in the middle of a character is still UTF-8; cp1256 text
    read as UTF-8 has an invalid sequence nearly every letter.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if strict_share:
        good = _count_non_ascii(text) - bad
        if good < 10 * bad:
            return None, bad
    return text, bad


def _replaced(bad: int) -> str:
    """The warning for `bad` invalid UTF-8 sequences replaced, worded the same wherever it happens."""
    return f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"


def _utf8_and_cp1256_lines(data: bytes) -> tuple[str, tuple[str, ...]] | None:
    """A file pieced together from UTF-8 and cp1256 ones: each line decoded as UTF-8 (a few bad bytes
    replaced) where it is that, else as cp1256; with its warnings.

    None unless both are there and both read as Arabic, so that a UTF-8 or a
    cp1256 file, and binary data, are left to the other rules. Line ends are
    kept, so offsets hold.
    """
    if not _UTF8_ARABIC_PAIR.search(data):
        return None
    pieces: list[str] = []
    utf8_arabic: list[str] = []  # UTF-8 lines beyond ASCII: ASCII reads the same in both
    legacy: list[str] = []
    replaced = 0
    for line in data.splitlines(keepends=True):
        text, bad = _utf8_with_replacements(line, strict_share=True)
        if text is None:
            text = line.decode("cp1256", errors="replace")
            legacy.append(text)
        elif not text.isascii():
            utf8_arabic.append(text)
            replaced += bad
        pieces.append(text)
    if not (utf8_arabic and legacy):
        return None
    if not (_reads_as_arabic("".join(utf8_arabic)) and _reads_as_arabic("".join(legacy))):
        return None
    warnings = (f"mixed encoding: {len(utf8_arabic)} line(s) read as UTF-8, {len(legacy)} as cp1256",)
    return "".join(pieces), warnings + ((_replaced(replaced),) if replaced else ())


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text with no BOM: the high byte of each pair is NUL for ASCII, 0x06 for Arabic."""
    if len(data) < 4 or len(data) % 2:
        return None
    units = len(data) // 2
    even, odd = data[0::2], data[1::2]
    candidates = []
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        nul_high, nul_low = high.count(0), low.count(0)
        if nul_low * 10 > nul_high:
            continue
        # many NULs on one side (ASCII), or high bytes mostly 0x00/0x06 (Arabic with little ASCII)
        if nul_high >= max(2, units // 20) or (nul_high + high.count(6)) * 2 >= units:
            candidates.append(encoding)
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is not None and _control_share(text) <= 0.01 and _mostly_assigned(text):
            return text, encoding
    return None


def _mostly_assigned(text: str, sample: int = 20000) -> bool:
    """Random bytes read as UTF-16 land on private-use and unassigned code points; text does not."""
    head = text[:sample]
    odd = sum(1 for char in head if unicodedata.category(char) in ("Cn", "Co", "Cs"))
    return odd * 50 <= len(head)


def _reads_as_arabic(text: str, sample: int = 1_000_000) -> bool:
    """Most non-ASCII characters are Arabic letters, in words: not scattered as in binary, and not
    interleaved with accented Latin letters as ISO-8859-6 or Mac Arabic bytes are when read as cp1256."""
    head = text[:sample]
    non_ascii = _count_non_ascii(head)
    arabic = len(head) - len(_ARABIC.sub("", head))
    isolated = len(_ARABIC_ALONE.findall(head))
    mixed = len(_ARABIC_LATIN.findall(head))
    return bool(non_ascii) and arabic * 2 >= non_ascii and isolated * 5 <= arabic and mixed * 50 <= arabic


def _count_non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _legacy(data: bytes) -> tuple[str, str] | None:
    """A legacy 8-bit encoding: cp1256 whenever the bytes read as Arabic, else charset-normalizer's guess."""
    text = data.decode("cp1256", errors="replace")
    if _reads_as_arabic(text):
        return text, "cp1256"
    try:
        from charset_normalizer import from_bytes

        matches = from_bytes(data)
        best = matches.best()
        if best is None:
            return None
        encoding = codecs.lookup(best.encoding).name
        tied = {codecs.lookup(match.encoding).name for match in matches
                if (match.chaos, match.coherence) == (best.chaos, best.coherence)}
        if "cp1252" in tied:  # short Latin texts fit several code pages equally: take the common one
            encoding = "cp1252"
        if encoding.startswith("utf"):
            return None  # UTF-8/16/32 were tried, strictly, above
        return data.decode(encoding), encoding
    except (ImportError, LookupError, UnicodeDecodeError, ValueError, RuntimeError):
        return None
