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

import json
import json.encoder
from collections.abc import Callable
from typing import Any

from falcon.core._awaitables import AwaitableDict, AwaitableList

__all__ = ['encode_utf8', 'json_bytes', 'json_text', 'utf8_safe']

_Writer: Any
try:
    from falcon.core._fast_json import Writer as _Writer
except ImportError:  # built without the optional C extension
    _Writer = None


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


def _make_json_text() -> Callable[[Any], str]:
    encoder = json.JSONEncoder(ensure_ascii=False)
    make_encoder: Any = getattr(json.encoder, 'c_make_encoder', None)
    if make_encoder is None:
        return encoder.encode
    default = encoder.default
    quote = json.encoder.encode_basestring
    join = ''.join

    def json_text(obj: Any) -> str:
        # PERF: JSONEncoder.encode() builds this C encoder on every call, through two
        # Python-level methods and a closure; building it here directly, with a fresh
        # circular-reference table each time, gives the same text about 1 us sooner.
        return join(make_encoder({}, default, quote, None, ': ', ', ', False, False, True)(obj, 0))

    return json_text


json_text: Callable[[Any], str] = _make_json_text()
"""``json.dumps(obj, ensure_ascii=False)``, the same text and the same errors, faster."""


def _make_json_bytes() -> Callable[[Any], bytes]:
    make_encoder: Any = getattr(json.encoder, 'c_make_encoder', None)
    if make_encoder is None:
        return lambda obj: encode_utf8(json_text(obj))
    encoder = json.JSONEncoder(ensure_ascii=False)
    default = encoder.default
    quote = json.encoder.encode_basestring
    join = ''.join

    def json_bytes(obj: Any) -> bytes:
        # PERF: json_text and the encoding in one call (about 0.9k instructions less per
        # body than calling both).
        text = join(make_encoder({}, default, quote, None, ': ', ', ', False, False, True)(obj, 0))
        try:
            return text.encode()
        except UnicodeEncodeError:
            return encode_utf8(text)

    if _Writer is None:
        return json_bytes
    # PERF: the optional C writer of falcon.core._fast_json takes documents of plain values
    # (most bodies, parsed request media included) straight to UTF-8, without the stdlib
    # encoder's string pieces and join, and calls the encoder above for anything else
    # (about 15k instructions less for a 6-field object).
    writer: Callable[[Any], bytes] = _Writer(json_bytes, AwaitableDict, AwaitableList)
    return writer


json_bytes: Callable[[Any], bytes] = _make_json_bytes()
"""``encode_utf8(json_text(obj))``: the same bytes and the same errors, in one call."""
