"""Bytes to text: the encodings government files come in, and a refusal of binary data."""

from __future__ import annotations

import codecs

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
        raise InputError(path, f"file is too large ({len(data)} bytes; limit {MAX_BYTES})")
    if not data.strip():
        raise InputError(path, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {encoding} text at byte {exc.start}") from None
            return _refuse_binary(text, path)
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (NUL bytes), not a text disclosure")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _refuse_binary(data.decode(encoding), path)
        except UnicodeDecodeError:
            continue
    raise InputError(path, "not text in UTF-8, UTF-16 or GB18030 encoding")


# Deletes the control characters a text file has no business holding.
_CONTROL = {c: None for c in range(32) if chr(c) not in "\t\n\r\f\v"}


def _refuse_binary(text: str, path: str) -> str:
    sample = text[:8192]
    control = len(sample) - len(sample.translate(_CONTROL))
    if "\x00" in sample or control > max(8, len(sample) // 100):
        raise InputError(path, "binary file (control characters), not a text disclosure")
    if not any(ch.strip() for ch in text):
        raise InputError(path, "file is empty")
    return text
