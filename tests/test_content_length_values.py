"""``req.content_length`` in both kinds of request: a short run of ASCII digits converts,
every other value is a 400 naming the header."""

from __future__ import annotations

from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.core._headers import MAX_DIGITS


def make_request(asgi: bool, length: str) -> Any:
    if asgi:
        scope = falcon.testing.create_scope(method='POST', path='/')
        try:
            raw = length.encode('latin-1')
        except UnicodeEncodeError:
            raw = length.encode()
        scope['headers'] = [(b'content-length', raw)]

        async def receive() -> dict[str, Any]:
            return {'type': 'http.disconnect'}

        return falcon.asgi.Request(scope, receive, None, falcon.asgi.App().req_options)
    env = falcon.testing.create_environ(method='POST', path='/')
    env['CONTENT_LENGTH'] = length
    return falcon.Request(env, falcon.App().req_options)


@pytest.mark.parametrize(
    ('length', 'expected'),
    [
        ('0', 0),
        ('25', 25),
        ('007', 7),
        ('9' * MAX_DIGITS, int('9' * MAX_DIGITS)),
        ('', None),
    ],
)
def test_digits_convert(asgi: bool, length: str, expected: int | None) -> None:
    req = make_request(asgi, length)
    assert req.content_length == expected
    assert req.content_length == expected


@pytest.mark.parametrize(
    'length', ['9' * (MAX_DIGITS + 1), '+5', '-1', ' 5', '5 ', '1_0', '\u0665', '\xb2', '0x10']
)
def test_other_values_are_a_400(asgi: bool, length: str) -> None:
    req = make_request(asgi, length)
    with pytest.raises(falcon.HTTPInvalidHeader) as info:
        req.content_length  # noqa: B018
    assert info.value.status == falcon.HTTP_400
    assert info.value.description == (
        'The value provided for the "Content-Length" header is invalid. '
        'The value of the header must be a non-negative integer.'
    )
