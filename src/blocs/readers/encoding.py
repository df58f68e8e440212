"""Bytes → text for every reader: UTF-8 first, then what the bytes say they are, then a guess.

Order of trust:
1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. strict UTF-8 (most news today);
3. a charset the document declares (`<meta charset>`, `<?xml encoding=…?>`), when the bytes
   decode with it — a page that says UTF-8 but is not is just wrong, and falls through;
4. mixed files — UTF-8 with stray Windows-1252 bytes, as when two feeds were pasted
   together — keep every valid UTF-8 sequence and read each stray byte as Windows-1252;
5. single-byte text: Windows-1252 (Latin-1 plus the curly quotes news sites use), unless
   the result looks like another script read wrongly (runs of accented letters), in which
   case charset-normalizer picks the encoding (Cyrillic, Greek, CJK…).

Then UTF-8 read twice ("Ã©" for "é", "â€™" for "’") is repaired when the whole text
round-trips, and line ends become "\\n". Binary content (NUL bytes without a UTF-16/32
shape) is refused with ValueError: the readers turn it into a ReadError.
"""

from __future__ import annotations

import codecs
import re

_HIGH_BYTES = bytes(range(0x80, 0x100))
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])"""
                       rb"""([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       "\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


def _cp1252_byte(error: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: one undecodable byte read as Windows-1252 (else Latin-1)."""
    byte = error.object[error.start:error.start + 1]
    try:
        char = byte.decode("cp1252")
    except UnicodeDecodeError:
        char = byte.decode("latin-1")
    return char, error.start + 1


codecs.register_error("blocs-cp1252", _cp1252_byte)


def declared_charset(data: bytes) -> str | None:
    """The charset a markup document declares in its first 4 KB, if Python knows it."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_shaped(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text with every other byte NUL."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * len(head) / 2 and even == 0:
        return "utf-16-le"
    if even > 0.4 * len(head) / 2 and odd == 0:
        return "utf-16-be"
    return None


def _looks_misread(text: str) -> bool:
    """cp1252 output of a Cyrillic, Greek, CJK… text: mostly non-ASCII characters (Western
    European text has a few accented letters among ASCII)."""
    high = len(text) - len(text.encode("ascii", "ignore"))
    visible = (len(text) - text.count(" ") - text.count("\n")) or 1
    return high > 20 and high / visible > 0.3


def _guess(data: bytes) -> str:
    text = data.decode("cp1252", errors="blocs-cp1252")
    if not _looks_misread(text):
        return text
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return text
    best = from_bytes(data).best()
    if best is None or best.encoding in ("ascii", "utf_8"):
        return text
    return str(best)


def repair_mojibake(text: str) -> str:
    """UTF-8 that was decoded as Windows-1252 somewhere upstream, decoded back once."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text
    return fixed


def decode(data: bytes, *, declared: str | None = None, markup: bool = False) -> str:
    """Text of `data` (see the module doc); `markup=True` honours a declared charset."""
    text = None
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    if text is None:
        shape = _utf16_shaped(data) if b"\x00" in data[:4096] else None
        if shape:
            text = data.decode(shape, errors="replace")
        elif b"\x00" in data[:4096]:
            raise ValueError("binary content (NUL bytes)")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            charset = declared or (declared_charset(data) if markup else None)
            if charset and charset != "utf-8":
                try:
                    text = data.decode(charset)
                except (UnicodeDecodeError, LookupError):
                    text = None
            if text is None:
                if _mostly_utf8(data):
                    text = data.decode("utf-8", errors="blocs-cp1252")
                else:
                    text = _guess(data)
    text = repair_mojibake(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with stray single bytes: a fifth or more of the non-ASCII bytes form valid
    UTF-8 sequences (in a cp1252 file such pairs are rare accidents)."""
    good = sum(len(m.group(0)) for m in re.finditer(
        rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data))
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    return good > 0 and good >= 0.2 * high
