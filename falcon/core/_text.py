"""Text that always encodes: the one rule for ``str`` the framework turns into UTF-8.

Rules: a Python ``str`` may hold lone surrogates (``'\\ud800'``), e.g. parsed from the JSON
escape ``"\\ud800"``, which is valid JSON text; such a string has no UTF-8 form. Wherever
the framework encodes text for the wire (JSON and MessagePack bodies, error bodies,
``resp.text``, WebSocket text messages), each lone surrogate is written as the six ASCII
characters ``\\uXXXX`` (lower-case hex) and everything else is plain UTF-8. In JSON that is
the standard escape of the same code unit, so the document round-trips exactly; elsewhere
it is visible text. Text without lone surrogates is encoded unchanged, at no extra cost.
"""

from __future__ import annotations

__all__ = ['encode_utf8', 'utf8_safe']


def encode_utf8(text: str) -> bytes:
    """Encode ``text`` as UTF-8, writing each lone surrogate as ``\\uXXXX``."""
    try:
        return text.encode('utf-8')
    except UnicodeEncodeError:
        return text.encode('utf-8', 'backslashreplace')


def utf8_safe(text: str) -> str:
    """Return ``text``, or a copy with each lone surrogate written as ``\\uXXXX``."""
    if text.isascii():
        return text
    try:
        text.encode('utf-8')
    except UnicodeEncodeError:
        return text.encode('utf-8', 'backslashreplace').decode('utf-8')
    return text
