"""The 400 errors about what the client sent: a parameter, a header or the body.

Rules: the classes Falcon documents for missing or invalid input, each with its public
signature written in full (mypy checks calls against it). Those whose title and description
are fixed sentences about one name declare them as class-level templates on
``_TemplatedBadRequest``, and their constructors only pass the name (and message) on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from falcon.core._http_error import HTTPErrorKeywordArguments, _HeadersAndErrorKeywordArguments
from falcon.core._status_errors import HTTPBadRequest
from falcon.core._typing import HeaderArg

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    'HTTPInvalidHeader',
    'HTTPInvalidParam',
    'HTTPMissingHeader',
    'HTTPMissingParam',
    'MediaMalformedError',
    'MediaNotFoundError',
    'MediaValidationError',
    'MultipartParseError',
]


class _TemplatedBadRequest(HTTPBadRequest):
    """A 400 whose title and description are ``str.format`` templates, filled with the
    fields a subclass's constructor passes (``{name}``, ``{msg}``, ``{media_type}``)."""

    _title: ClassVar[str]
    _description: ClassVar[str]

    def __init__(
        self, fields: dict[str, str], **kwargs: Unpack[_HeadersAndErrorKeywordArguments]
    ) -> None:
        super().__init__(
            title=self._title.format_map(fields),
            description=self._description.format_map(fields),
            **kwargs,
        )


class HTTPMissingParam(_TemplatedBadRequest):
    """400 Bad Request: a required query or form parameter is missing.

    Args:
        param_name: The name of the missing parameter.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _title = 'Missing parameter'
    _description = 'The "{name}" parameter is required.'

    def __init__(
        self,
        param_name: str,
        *,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__({'name': param_name}, headers=headers, **kwargs)


class HTTPInvalidParam(_TemplatedBadRequest):
    """400 Bad Request: a query or form parameter has an invalid value.

    Args:
        msg: What is wrong with the value, appended to the description.
        param_name: The name of the parameter.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _title = 'Invalid parameter'
    _description = 'The "{name}" parameter is invalid. {msg}'

    def __init__(
        self,
        msg: str,
        param_name: str,
        *,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__({'name': param_name, 'msg': msg}, headers=headers, **kwargs)


class HTTPMissingHeader(_TemplatedBadRequest):
    """400 Bad Request: a required request header is missing.

    Args:
        header_name: The name of the missing header.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _title = 'Missing header value'
    _description = 'The "{name}" header is required.'

    def __init__(
        self,
        header_name: str,
        *,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__({'name': header_name}, headers=headers, **kwargs)


class HTTPInvalidHeader(_TemplatedBadRequest):
    """400 Bad Request: a request header has an invalid value.

    Args:
        msg: What is wrong with the value, appended to the description.
        header_name: The name of the header.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _title = 'Invalid header value'
    _description = 'The value provided for the "{name}" header is invalid. {msg}'

    def __init__(
        self,
        msg: str,
        header_name: str,
        *,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__({'name': header_name, 'msg': msg}, headers=headers, **kwargs)


class MediaNotFoundError(_TemplatedBadRequest):
    """400 Bad Request: the request media was asked for but the body is empty.

    Args:
        media_type: The media type the body was expected in (e.g. ``'JSON'``).
        **kwargs: ``headers``, ``href``, ``href_text`` and ``code``, as for
            :class:`HTTPError`.
    """

    _title = 'Invalid {media_type}'
    _description = 'Could not parse an empty {media_type} body'

    def __init__(
        self, media_type: str, **kwargs: Unpack[_HeadersAndErrorKeywordArguments]
    ) -> None:
        super().__init__({'media_type': media_type}, **kwargs)


class MediaMalformedError(HTTPBadRequest):
    """400 Bad Request: the request body could not be deserialized.

    The description names the media type and, when this error was raised ``from`` the
    parser's own exception, that exception's message.

    Args:
        media_type: The media type of the body (e.g. ``'JSON'``).
        **kwargs: ``headers``, ``href``, ``href_text`` and ``code``, as for
            :class:`HTTPError`.
    """

    def __init__(
        self, media_type: str, **kwargs: Unpack[_HeadersAndErrorKeywordArguments]
    ) -> None:
        self._media_type = media_type
        super().__init__(title=f'Invalid {media_type}', **kwargs)

    @property
    def description(self) -> str | None:
        """``'Could not parse <media type> body'``, plus ``' - <cause>'`` when chained."""
        message = f'Could not parse {self._media_type} body'
        if self.__cause__ is not None:
            message += f' - {self.__cause__}'
        return message

    @description.setter
    def description(self, value: str | None) -> None:
        """Ignored: the description is always computed."""


class MultipartParseError(MediaMalformedError):
    """400 Bad Request: a ``multipart/form-data`` body could not be parsed.

    Args:
        description: What went wrong.
        **kwargs: ``headers``, ``href``, ``href_text`` and ``code``, as for
            :class:`HTTPError`.
    """

    description = None

    def __init__(
        self,
        *,
        description: str | None = None,
        **kwargs: Unpack[_HeadersAndErrorKeywordArguments],
    ) -> None:
        HTTPBadRequest.__init__(
            self,
            title='Malformed multipart/form-data request media',
            description=description,
            **kwargs,
        )


class MediaValidationError(HTTPBadRequest):
    """400 Bad Request: the request media failed validation (e.g. against a schema).

    Args:
        title: Error title (default ``'400 Bad Request'``; the JSON Schema validator passes
            ``'Request data failed validation'``).
        description: What failed.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """
