"""Property factories that expose one header as an attribute of a request or response class.

Rules: a request header property is read-only and reads through ``get_header``, so it
works on both adapters' requests; it answers None when the header is absent. A response
header property reads, sets and deletes through ``get_header``, ``set_header`` and
``delete_header``; assigning None deletes the header. Names may be given as HTTP header
names (``X-Api-Key``), as WSGI environ keys (``HTTP_X_API_KEY``, ``CONTENT_TYPE``) or as
ASGI header name bytes (``b'x-api-key'``); they are normalised once, when the property is
created.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ['request_header_property', 'response_header_property']

_UNPREFIXED_ENVIRON_KEYS = frozenset(('CONTENT_TYPE', 'CONTENT_LENGTH'))


def _header_name(name: str | bytes) -> str:
    if isinstance(name, bytes):
        name = name.decode('latin-1')
    if name.startswith('HTTP_'):
        return name[5:].replace('_', '-')
    if name in _UNPREFIXED_ENVIRON_KEYS:
        return name.replace('_', '-')
    return name


def request_header_property(name: str | bytes) -> property:
    """Create a read-only property returning the value of a request header, or None.

    Args:
        name: The header, as an HTTP name, a WSGI environ key or ASGI name bytes.

    Returns:
        The property, to assign in a ``Request`` subclass body.
    """
    header = _header_name(name)

    def fget(req: Any) -> str | None:
        value: str | None = req.get_header(header)
        return value

    return property(fget, doc=f'The value of the {header} header, or None when absent.')


def response_header_property(
    name: str, doc: str, transform: Callable[[Any], str] | None = None
) -> property:
    """Create a property that gets, sets and deletes one response header.

    Args:
        name: The header name.
        doc: The property's docstring.
        transform: Turns an assigned value into the header's string (default: the value
            as given).

    Returns:
        The property, to assign in a ``Response`` subclass body.
    """
    header = _header_name(name)

    def fget(resp: Any) -> str | None:
        value: str | None = resp.get_header(header)
        return value

    def fset(resp: Any, value: Any) -> None:
        if value is None:
            resp.delete_header(header)
        else:
            resp.set_header(header, value if transform is None else transform(value))

    def fdel(resp: Any) -> None:
        resp.delete_header(header)

    return property(fget, fset, fdel, doc=doc)
