"""Bytes to text: the encodings government files come in, and a refusal of binary data."""

from __future__ import annotations

import codecs
import re

from budgetlint.core.i18n import phrase
from budgetlint.ingest.errors import InputError

# Disclosures are tens of kilobytes; anything this large is not one, and reading it
# would only exhaust memory.
MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if len(data) > MAX_BYTES:
        raise InputError(path, phrase("error.too-large", size=len(data), limit=MAX_BYTES))
    if not data.strip():
        raise InputError(path, phrase("error.empty"))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, phrase("error.bad-bom-text", encoding=encoding, byte=exc.start)) from None
            return _refuse_binary(text, path)
    if b"\x00" in data[:8192]:
        encoding = _utf16_without_bom(data)
        try:
            text = data.decode(encoding) if encoding else ""
        except UnicodeDecodeError:
            text = ""
        if not _plausible(text):
            raise InputError(path, phrase("error.binary-nul"))
        try:
            return _refuse_binary(text, path)
        except InputError:
            raise InputError(path, phrase("error.utf16-no-bom", encoding=encoding.upper())) from None
    for encoding in ("utf-8", "gb18030"):
        try:
            return _refuse_binary(data.decode(encoding), path)
        except UnicodeDecodeError:
            continue
    raise InputError(path, phrase("error.not-text"))


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NUL bytes are those of UTF-16 text: in a
    disclosure every ASCII character (digits, punctuation, newlines) has a NUL high
    byte, so NULs sit mostly at odd offsets (little-endian) or even ones (big-endian);
    the other side has one only for the rare character U+xx00. Binary data has NULs
    anywhere. The caller still decodes and checks the text."""
    sample = data[:8192]
    if len(data) % 2:
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    # a disclosure's digits and line ends are at least a few percent of its characters
    enough = max(4, len(sample) // 200)
    if odd >= enough and odd >= 8 * even:
        return "utf-16-le"
    if even >= enough and even >= 8 * odd:
        return "utf-16-be"
    return None


_TEXT_CHARS = re.compile("[\t\n\r\f -~\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _plausible(text: str) -> bool:
    """Chinese text, as a disclosure is: some CJK, and mostly CJK, ASCII and CJK
    punctuation (bytes read in the wrong byte order give other scripts)."""
    sample = text[:4096]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return bool(sample) and cjk > 0 and len(_TEXT_CHARS.findall(sample)) >= 0.9 * len(sample)


# The control characters a text file has no business holding (all below 32 but
# \t \n \v \f \r), found by one regex scan rather than a character-by-character translate.
_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in range(32) if chr(c) not in "\t\n\r\f\v") + "]")


def _refuse_binary(text: str, path: str) -> str:
    sample = text[:8192]
    control = len(_CONTROL.findall(sample))
    if "\x00" in sample or control > max(8, len(sample) // 100):
        raise InputError(path, phrase("error.binary-control"))
    if not any(ch.strip() for ch in text):
        raise InputError(path, phrase("error.empty"))
    return text
