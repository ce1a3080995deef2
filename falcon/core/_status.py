"""HTTP status lines and conversions between status codes and status lines.

Rules: the ``HTTP_*`` constants carry Falcon's exact status lines (code, one space, reason
phrase), including the 7xx developer joke codes and the name aliases. Conversions accept
``int``, ``http.HTTPStatus``, ``bytes`` and ``str`` and raise ``ValueError`` on anything
that is not a status.

Strategy: one table maps every known code to its line. ``status_line`` is what the response
head builder calls for every request; a ``str`` passes through untouched and an ``int``
costs one dict lookup, because every line it ever returns is kept in a dict.
"""

from __future__ import annotations

import http

__all__ = [
    'HTTP_100',
    'HTTP_101',
    'HTTP_102',
    'HTTP_103',
    'HTTP_200',
    'HTTP_201',
    'HTTP_202',
    'HTTP_203',
    'HTTP_204',
    'HTTP_205',
    'HTTP_206',
    'HTTP_207',
    'HTTP_208',
    'HTTP_226',
    'HTTP_300',
    'HTTP_301',
    'HTTP_302',
    'HTTP_303',
    'HTTP_304',
    'HTTP_305',
    'HTTP_307',
    'HTTP_308',
    'HTTP_400',
    'HTTP_401',
    'HTTP_402',
    'HTTP_403',
    'HTTP_404',
    'HTTP_405',
    'HTTP_406',
    'HTTP_407',
    'HTTP_408',
    'HTTP_409',
    'HTTP_410',
    'HTTP_411',
    'HTTP_412',
    'HTTP_413',
    'HTTP_414',
    'HTTP_415',
    'HTTP_416',
    'HTTP_417',
    'HTTP_418',
    'HTTP_421',
    'HTTP_422',
    'HTTP_423',
    'HTTP_424',
    'HTTP_425',
    'HTTP_426',
    'HTTP_428',
    'HTTP_429',
    'HTTP_431',
    'HTTP_451',
    'HTTP_500',
    'HTTP_501',
    'HTTP_502',
    'HTTP_503',
    'HTTP_504',
    'HTTP_505',
    'HTTP_506',
    'HTTP_507',
    'HTTP_508',
    'HTTP_510',
    'HTTP_511',
    'HTTP_701',
    'HTTP_702',
    'HTTP_703',
    'HTTP_710',
    'HTTP_711',
    'HTTP_712',
    'HTTP_719',
    'HTTP_720',
    'HTTP_721',
    'HTTP_722',
    'HTTP_723',
    'HTTP_724',
    'HTTP_725',
    'HTTP_726',
    'HTTP_727',
    'HTTP_740',
    'HTTP_741',
    'HTTP_742',
    'HTTP_743',
    'HTTP_744',
    'HTTP_745',
    'HTTP_748',
    'HTTP_749',
    'HTTP_750',
    'HTTP_753',
    'HTTP_754',
    'HTTP_755',
    'HTTP_759',
    'HTTP_771',
    'HTTP_772',
    'HTTP_773',
    'HTTP_774',
    'HTTP_776',
    'HTTP_777',
    'HTTP_778',
    'HTTP_779',
    'HTTP_780',
    'HTTP_781',
    'HTTP_782',
    'HTTP_783',
    'HTTP_784',
    'HTTP_785',
    'HTTP_786',
    'HTTP_791',
    'HTTP_792',
    'HTTP_797',
    'HTTP_799',
    'HTTP_ACCEPTED',
    'HTTP_ALREADY_REPORTED',
    'HTTP_BAD_GATEWAY',
    'HTTP_BAD_REQUEST',
    'HTTP_CONFLICT',
    'HTTP_CONTENT_TOO_LARGE',
    'HTTP_CONTINUE',
    'HTTP_CREATED',
    'HTTP_EARLY_HINTS',
    'HTTP_EXPECTATION_FAILED',
    'HTTP_FAILED_DEPENDENCY',
    'HTTP_FORBIDDEN',
    'HTTP_FOUND',
    'HTTP_GATEWAY_TIMEOUT',
    'HTTP_GONE',
    'HTTP_HTTP_VERSION_NOT_SUPPORTED',
    'HTTP_IM_A_TEAPOT',
    'HTTP_IM_USED',
    'HTTP_INSUFFICIENT_STORAGE',
    'HTTP_INTERNAL_SERVER_ERROR',
    'HTTP_LENGTH_REQUIRED',
    'HTTP_LOCKED',
    'HTTP_LOOP_DETECTED',
    'HTTP_METHOD_NOT_ALLOWED',
    'HTTP_MISDIRECTED_REQUEST',
    'HTTP_MOVED_PERMANENTLY',
    'HTTP_MULTIPLE_CHOICES',
    'HTTP_MULTI_STATUS',
    'HTTP_NETWORK_AUTHENTICATION_REQUIRED',
    'HTTP_NON_AUTHORITATIVE_INFORMATION',
    'HTTP_NOT_ACCEPTABLE',
    'HTTP_NOT_EXTENDED',
    'HTTP_NOT_FOUND',
    'HTTP_NOT_IMPLEMENTED',
    'HTTP_NOT_MODIFIED',
    'HTTP_NO_CONTENT',
    'HTTP_OK',
    'HTTP_PARTIAL_CONTENT',
    'HTTP_PAYMENT_REQUIRED',
    'HTTP_PERMANENT_REDIRECT',
    'HTTP_PRECONDITION_FAILED',
    'HTTP_PRECONDITION_REQUIRED',
    'HTTP_PROCESSING',
    'HTTP_PROXY_AUTHENTICATION_REQUIRED',
    'HTTP_REQUESTED_RANGE_NOT_SATISFIABLE',
    'HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE',
    'HTTP_REQUEST_TIMEOUT',
    'HTTP_REQUEST_URI_TOO_LONG',
    'HTTP_RESET_CONTENT',
    'HTTP_SEE_OTHER',
    'HTTP_SERVICE_UNAVAILABLE',
    'HTTP_SWITCHING_PROTOCOLS',
    'HTTP_TEMPORARY_REDIRECT',
    'HTTP_TOO_EARLY',
    'HTTP_TOO_MANY_REQUESTS',
    'HTTP_UNAUTHORIZED',
    'HTTP_UNAVAILABLE_FOR_LEGAL_REASONS',
    'HTTP_UNPROCESSABLE_ENTITY',
    'HTTP_UNSUPPORTED_MEDIA_TYPE',
    'HTTP_UPGRADE_REQUIRED',
    'HTTP_USE_PROXY',
    'HTTP_VARIANT_ALSO_NEGOTIATES',
    'code_to_http_status',
    'http_status_to_code',
    'status_line',
]

# 1xx Informational
HTTP_100 = '100 Continue'
HTTP_101 = '101 Switching Protocols'
HTTP_102 = '102 Processing'
HTTP_103 = '103 Early Hints'

# 2xx Success
HTTP_200 = '200 OK'
HTTP_201 = '201 Created'
HTTP_202 = '202 Accepted'
HTTP_203 = '203 Non-Authoritative Information'
HTTP_204 = '204 No Content'
HTTP_205 = '205 Reset Content'
HTTP_206 = '206 Partial Content'
HTTP_207 = '207 Multi-Status'
HTTP_208 = '208 Already Reported'
HTTP_226 = '226 IM Used'

# 3xx Redirection
HTTP_300 = '300 Multiple Choices'
HTTP_301 = '301 Moved Permanently'
HTTP_302 = '302 Found'
HTTP_303 = '303 See Other'
HTTP_304 = '304 Not Modified'
HTTP_305 = '305 Use Proxy'
HTTP_307 = '307 Temporary Redirect'
HTTP_308 = '308 Permanent Redirect'

# 4xx Client Error
HTTP_400 = '400 Bad Request'
HTTP_401 = '401 Unauthorized'
HTTP_402 = '402 Payment Required'
HTTP_403 = '403 Forbidden'
HTTP_404 = '404 Not Found'
HTTP_405 = '405 Method Not Allowed'
HTTP_406 = '406 Not Acceptable'
HTTP_407 = '407 Proxy Authentication Required'
HTTP_408 = '408 Request Timeout'
HTTP_409 = '409 Conflict'
HTTP_410 = '410 Gone'
HTTP_411 = '411 Length Required'
HTTP_412 = '412 Precondition Failed'
HTTP_413 = '413 Content Too Large'
HTTP_414 = '414 URI Too Long'
HTTP_415 = '415 Unsupported Media Type'
HTTP_416 = '416 Range Not Satisfiable'
HTTP_417 = '417 Expectation Failed'
HTTP_418 = "418 I'm a teapot"
HTTP_421 = '421 Misdirected Request'
HTTP_422 = '422 Unprocessable Entity'
HTTP_423 = '423 Locked'
HTTP_424 = '424 Failed Dependency'
HTTP_425 = '425 Too Early'
HTTP_426 = '426 Upgrade Required'
HTTP_428 = '428 Precondition Required'
HTTP_429 = '429 Too Many Requests'
HTTP_431 = '431 Request Header Fields Too Large'
HTTP_451 = '451 Unavailable For Legal Reasons'

# 5xx Server Error
HTTP_500 = '500 Internal Server Error'
HTTP_501 = '501 Not Implemented'
HTTP_502 = '502 Bad Gateway'
HTTP_503 = '503 Service Unavailable'
HTTP_504 = '504 Gateway Timeout'
HTTP_505 = '505 HTTP Version Not Supported'
HTTP_506 = '506 Variant Also Negotiates'
HTTP_507 = '507 Insufficient Storage'
HTTP_508 = '508 Loop Detected'
HTTP_510 = '510 Not Extended'
HTTP_511 = '511 Network Authentication Required'

# 7xx Developer Errors (a long-standing joke, kept for compatibility)
HTTP_701 = '701 Meh'
HTTP_702 = '702 Emacs'
HTTP_703 = '703 Explosion'
HTTP_710 = '710 PHP'
HTTP_711 = '711 Convenience Store'
HTTP_712 = '712 NoSQL'
HTTP_719 = '719 I am not a teapot'
HTTP_720 = '720 Unpossible'
HTTP_721 = '721 Known Unknowns'
HTTP_722 = '722 Unknown Unknowns'
HTTP_723 = '723 Tricky'
HTTP_724 = '724 This line should be unreachable'
HTTP_725 = '725 It works on my machine'
HTTP_726 = "726 It's a feature, not a bug"
HTTP_727 = '727 32 bits is plenty'
HTTP_740 = '740 Computer says no'
HTTP_741 = '741 Compiling'
HTTP_742 = '742 A kitten dies'
HTTP_743 = '743 I thought I knew regular expressions'
HTTP_744 = '744 Y U NO write integration tests?'
HTTP_745 = "745 I don't always test my code, but when I do I do it in production"
HTTP_748 = '748 Confounded by Ponies'
HTTP_749 = '749 Reserved for Chuck Norris'
HTTP_750 = "750 Didn't bother to compile it"
HTTP_753 = '753 Syntax Error'
HTTP_754 = '754 Too many semi-colons'
HTTP_755 = '755 Not enough semi-colons'
HTTP_759 = '759 Unexpected T_PAAMAYIM_NEKUDOTAYIM'
HTTP_771 = '771 Cached for too long'
HTTP_772 = '772 Not cached long enough'
HTTP_773 = '773 Not cached at all'
HTTP_774 = '774 Why was this cached?'
HTTP_776 = '776 Error on the Exception'
HTTP_777 = '777 Coincidence'
HTTP_778 = '778 Off By One Error'
HTTP_779 = '779 Off By Too Many To Count Error'
HTTP_780 = '780 Project owner not responding'
HTTP_781 = '781 Operations'
HTTP_782 = '782 QA'
HTTP_783 = '783 It was a customer request, honestly'
HTTP_784 = '784 Management, obviously'
HTTP_785 = '785 TPS Cover Sheet not attached'
HTTP_786 = '786 Try it now'
HTTP_791 = '791 The Internet shut down due to copyright restrictions'
HTTP_792 = '792 Climate change driven catastrophic weather event'
HTTP_797 = '797 This is the last page of the Internet. Go back'
HTTP_799 = '799 End of the world'

# Aliases by name
HTTP_ACCEPTED = HTTP_202
HTTP_ALREADY_REPORTED = HTTP_208
HTTP_BAD_GATEWAY = HTTP_502
HTTP_BAD_REQUEST = HTTP_400
HTTP_CONFLICT = HTTP_409
HTTP_CONTENT_TOO_LARGE = HTTP_413
# Earlier names of 413 (RFC 7231 and RFC 2616), still importable from falcon.status_codes.
HTTP_PAYLOAD_TOO_LARGE = HTTP_413
HTTP_REQUEST_ENTITY_TOO_LARGE = HTTP_413
HTTP_CONTINUE = HTTP_100
HTTP_CREATED = HTTP_201
HTTP_EARLY_HINTS = HTTP_103
HTTP_EXPECTATION_FAILED = HTTP_417
HTTP_FAILED_DEPENDENCY = HTTP_424
HTTP_FORBIDDEN = HTTP_403
HTTP_FOUND = HTTP_302
HTTP_GATEWAY_TIMEOUT = HTTP_504
HTTP_GONE = HTTP_410
HTTP_HTTP_VERSION_NOT_SUPPORTED = HTTP_505
HTTP_IM_A_TEAPOT = HTTP_418
HTTP_IM_USED = HTTP_226
HTTP_INSUFFICIENT_STORAGE = HTTP_507
HTTP_INTERNAL_SERVER_ERROR = HTTP_500
HTTP_LENGTH_REQUIRED = HTTP_411
HTTP_LOCKED = HTTP_423
HTTP_LOOP_DETECTED = HTTP_508
HTTP_METHOD_NOT_ALLOWED = HTTP_405
HTTP_MISDIRECTED_REQUEST = HTTP_421
HTTP_MOVED_PERMANENTLY = HTTP_301
HTTP_MULTIPLE_CHOICES = HTTP_300
HTTP_MULTI_STATUS = HTTP_207
HTTP_NETWORK_AUTHENTICATION_REQUIRED = HTTP_511
HTTP_NON_AUTHORITATIVE_INFORMATION = HTTP_203
HTTP_NOT_ACCEPTABLE = HTTP_406
HTTP_NOT_EXTENDED = HTTP_510
HTTP_NOT_FOUND = HTTP_404
HTTP_NOT_IMPLEMENTED = HTTP_501
HTTP_NOT_MODIFIED = HTTP_304
HTTP_NO_CONTENT = HTTP_204
HTTP_OK = HTTP_200
HTTP_PARTIAL_CONTENT = HTTP_206
HTTP_PAYMENT_REQUIRED = HTTP_402
HTTP_PERMANENT_REDIRECT = HTTP_308
HTTP_PRECONDITION_FAILED = HTTP_412
HTTP_PRECONDITION_REQUIRED = HTTP_428
HTTP_PROCESSING = HTTP_102
HTTP_PROXY_AUTHENTICATION_REQUIRED = HTTP_407
HTTP_REQUESTED_RANGE_NOT_SATISFIABLE = HTTP_416
HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE = HTTP_431
HTTP_REQUEST_TIMEOUT = HTTP_408
HTTP_REQUEST_URI_TOO_LONG = HTTP_414
HTTP_RESET_CONTENT = HTTP_205
HTTP_SEE_OTHER = HTTP_303
HTTP_SERVICE_UNAVAILABLE = HTTP_503
HTTP_SWITCHING_PROTOCOLS = HTTP_101
HTTP_TEMPORARY_REDIRECT = HTTP_307
HTTP_TOO_EARLY = HTTP_425
HTTP_TOO_MANY_REQUESTS = HTTP_429
HTTP_UNAUTHORIZED = HTTP_401
HTTP_UNAVAILABLE_FOR_LEGAL_REASONS = HTTP_451
HTTP_UNPROCESSABLE_ENTITY = HTTP_422
HTTP_UNSUPPORTED_MEDIA_TYPE = HTTP_415
HTTP_UPGRADE_REQUIRED = HTTP_426
HTTP_USE_PROXY = HTTP_305
HTTP_VARIANT_ALSO_NEGOTIATES = HTTP_506


def _collect_status_lines() -> dict[int, str]:
    lines: dict[int, str] = {}
    for name, value in globals().items():
        if name.startswith('HTTP_') and name[5:].isdigit():
            lines[int(name[5:])] = value
    return lines


_LINES_BY_CODE: dict[int, str] = _collect_status_lines()

# PERF: status_line() answers ints from this dict only; it starts with every known code and
# learns each other valid code the first time it is seen (at most 900 entries).
_WIRE_LINES_BY_INT: dict[int, str] = dict(_LINES_BY_CODE)

# PERF: http.HTTPStatus members hash like their int value, so they get their own dict; that
# keeps the enum's reason phrase, as code_to_http_status() gives it, without an isinstance()
# test on the int path.
_WIRE_LINES_BY_ENUM: dict[http.HTTPStatus, str] = {
    member: f'{member.value} {member.phrase}' for member in http.HTTPStatus
}


def _is_three_digits(text: str) -> bool:
    return len(text) == 3 and text.isascii() and text.isdigit()


def _line_for_code(code: int) -> str:
    if not 100 <= code <= 999:
        raise ValueError(f'{code!r} is not a valid status code')
    return _LINES_BY_CODE.get(code, str(code))


def code_to_http_status(status: int | http.HTTPStatus | bytes | str) -> str:
    """Normalize an HTTP status to a status line such as ``'200 OK'``.

    Args:
        status: An ``int`` or a three-digit ``str``/``bytes`` code (e.g. ``404`` or
            ``'404'``), a member of ``http.HTTPStatus``, or a status line that already has
            a reason phrase (e.g. ``'404 Not Found'``), which is returned as it is.

    Returns:
        str: The status line, without a trailing newline. A valid code (100-999) with no
        known reason phrase yields just the code, e.g. ``'299'``.

    Raises:
        ValueError: ``status`` is not a status code or status line.
    """
    if isinstance(status, http.HTTPStatus):
        return f'{status.value} {status.phrase}'
    if isinstance(status, bytes):
        try:
            status = status.decode('ascii')
        except UnicodeDecodeError:
            raise ValueError(f'{status!r} is not a valid status code') from None
    if isinstance(status, str):
        if _is_three_digits(status):
            return _line_for_code(int(status))
        if _is_three_digits(status[:3]) and status[3] == ' ' and 100 <= int(status[:3]):
            return status
        raise ValueError(f'{status!r} is not a valid status code or status line')
    if isinstance(status, int) and not isinstance(status, bool):
        return _line_for_code(status)
    raise ValueError(f'{status!r} is not a valid status code')


def http_status_to_code(status: http.HTTPStatus | int | bytes | str) -> int:
    """Normalize an HTTP status to its integer code.

    Args:
        status: A member of ``http.HTTPStatus``, an ``int``, or a ``str``/``bytes`` status
            line or code (e.g. ``'404 Not Found'`` or ``b'404'``).

    Returns:
        int: The status code, e.g. ``404``.

    Raises:
        ValueError: ``status`` is of another type, or the string does not start with a
            three-digit code followed by a space or by nothing.
    """
    if isinstance(status, http.HTTPStatus):
        return status.value
    if isinstance(status, int) and not isinstance(status, bool):
        return status
    if isinstance(status, bytes):
        try:
            status = status.decode('ascii')
        except UnicodeDecodeError:
            raise ValueError(f'{status!r} is not a valid status line') from None
    if not isinstance(status, str):
        raise ValueError('status must be an int, str, bytes, or a member of http.HTTPStatus')
    head = status[:3]
    if not _is_three_digits(head) or (len(status) > 3 and status[3] != ' '):
        raise ValueError(
            f'{status!r} is not a valid status line: it must start with a three-digit code'
        )
    return int(head)


def status_line(status: http.HTTPStatus | int | bytes | str) -> str:
    """Return the status line to put on the wire for what the app set as a status.

    A ``str`` is trusted and returned untouched. An ``int`` with no known reason phrase
    becomes ``'<code> Unknown'`` so that the line always carries a phrase.

    Args:
        status: The value assigned to ``resp.status`` (or carried by an error).

    Returns:
        str: The status line.

    Raises:
        ValueError: ``status`` is not a valid status.
    """
    # PERF: the common cases (a str constant, or a known int) cost one type test and, for
    # an int, one dict lookup.
    if type(status) is str:
        return status
    if type(status) is int:
        line = _WIRE_LINES_BY_INT.get(status)
        if line is not None:
            return line
        if not 100 <= status <= 999:
            raise ValueError(f'{status!r} is not a valid status code')
        line = _WIRE_LINES_BY_INT[status] = f'{status} Unknown'
        return line
    if isinstance(status, http.HTTPStatus):
        return _WIRE_LINES_BY_ENUM[status]
    if isinstance(status, str):
        return str(status)
    if isinstance(status, int) and not isinstance(status, bool):
        return status_line(int(status))
    line = code_to_http_status(status)
    if _is_three_digits(line):
        return f'{line} Unknown'
    return line
