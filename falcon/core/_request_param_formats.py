"""Query-parameter getters of the request for structured values: lists, dates, JSON, dicts.

Rules: a mixin of :class:`falcon.core._request.Request` and of nothing else, on top of
:class:`~falcon.core._request_params.QueryParamGetters`, whose ``get_param`` and conversion
helpers it reads values through; like it, it adds no slot (``__slots__ = ()``). A value that
does not convert is an ``HTTPInvalidParam``; ``@overload`` stubs narrow the return type for
``required=True`` or a non-``None`` ``default``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date as py_date
from datetime import datetime
from typing import Any, Literal, TypeVar, overload

from falcon.core._constants import MEDIA_JSON, UNSET
from falcon.core._errors import (
    HTTPInvalidParam,
    HTTPMissingParam,
    MediaMalformedError,
    MediaNotFoundError,
)
from falcon.core._request_params import QueryParamGetters, StoreArg
from falcon.core._uri import decode

__all__ = ['StructuredParamGetters']


_T = TypeVar('_T')

# OpenAPI v3 style names accepted as ``delimiter``, besides the literal characters.
_DELIMITERS = {'spaceDelimited': ' ', 'pipeDelimited': '|'}


class StructuredParamGetters(QueryParamGetters):
    """``get_param_as_list``, ``_datetime``, ``_date``, ``_json``, ``_media``, ``_dict`` and
    ``get_query_string_as_media``, mixed into the request."""

    __slots__ = ()

    @overload
    def get_param_as_list(
        self,
        name: str,
        transform: None = ...,
        *,
        required: Literal[True],
        store: StoreArg = ...,
        default: list[str] | None = ...,
        delimiter: str | None = ...,
    ) -> list[str]: ...

    @overload
    def get_param_as_list(
        self,
        name: str,
        transform: Callable[[str], _T],
        required: Literal[True],
        store: StoreArg = ...,
        default: list[_T] | None = ...,
        delimiter: str | None = ...,
    ) -> list[_T]: ...

    @overload
    def get_param_as_list(
        self,
        name: str,
        transform: None = ...,
        required: bool = ...,
        store: StoreArg = ...,
        *,
        default: list[str],
        delimiter: str | None = ...,
    ) -> list[str]: ...

    @overload
    def get_param_as_list(
        self,
        name: str,
        transform: Callable[[str], _T],
        required: bool = ...,
        store: StoreArg = ...,
        *,
        default: list[_T],
        delimiter: str | None = ...,
    ) -> list[_T]: ...

    @overload
    def get_param_as_list(
        self,
        name: str,
        transform: None = ...,
        required: bool = ...,
        store: StoreArg = ...,
        default: list[str] | None = ...,
        delimiter: str | None = ...,
    ) -> list[str] | None: ...

    @overload
    def get_param_as_list(
        self,
        name: str,
        transform: Callable[[str], _T],
        required: bool = ...,
        store: StoreArg = ...,
        default: list[_T] | None = ...,
        delimiter: str | None = ...,
    ) -> list[_T] | None: ...

    @overload
    def get_param_as_list(
        self,
        name: str,
        transform: Callable[[str], _T] | None = ...,
        required: bool = ...,
        store: StoreArg = ...,
        default: list[_T] | None = ...,
        delimiter: str | None = ...,
    ) -> list[_T] | list[str] | None: ...

    def get_param_as_list(
        self,
        name: str,
        transform: Callable[[str], Any] | None = None,
        required: bool = False,
        store: StoreArg = None,
        default: list[Any] | None = None,
        delimiter: str | None = None,
    ) -> list[Any] | None:
        """Return a query parameter as a list: repeated names, and values split on ``delimiter``.

        Args:
            name: The parameter name.
            transform: A function applied to each item (``int``, ``uuid.UUID``...); a
                ``ValueError`` from it is a 400.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            delimiter: A separator to split each value on (``','``...).

        Returns:
            The list of items, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: ``transform`` raised ``ValueError`` for an item.
        """
        params = self.params
        if name not in params:
            if required:
                raise HTTPMissingParam(name)
            return default
        raw = params[name]
        items: list[str]
        if isinstance(raw, list):
            items = list(raw)
        elif delimiter is not None:
            items = raw.split(_DELIMITERS.get(delimiter, delimiter))
        else:
            items = [raw]
        result: list[Any] = items
        if transform is not None:
            try:
                result = [transform(item) for item in items]
            except (ValueError, TypeError):
                raise HTTPInvalidParam('The value is not formatted correctly.', name) from None
        if store is not None:
            store[name] = result
        return result

    @overload
    def get_param_as_datetime(
        self,
        name: str,
        format_string: str = ...,
        *,
        required: Literal[True],
        store: StoreArg = ...,
        default: datetime | None = ...,
        allow_multiple: bool = ...,
    ) -> datetime: ...

    @overload
    def get_param_as_datetime(
        self,
        name: str,
        format_string: str = ...,
        required: bool = ...,
        store: StoreArg = ...,
        *,
        default: datetime,
        allow_multiple: bool = ...,
    ) -> datetime: ...

    @overload
    def get_param_as_datetime(
        self,
        name: str,
        format_string: str = ...,
        required: bool = ...,
        store: StoreArg = ...,
        default: datetime | None = ...,
        allow_multiple: bool = ...,
    ) -> datetime | None: ...

    def get_param_as_datetime(
        self,
        name: str,
        format_string: str = '%Y-%m-%dT%H:%M:%S%z',
        required: bool = False,
        store: StoreArg = None,
        default: datetime | None = None,
        allow_multiple: bool = True,
    ) -> datetime | None:
        """Return a query parameter parsed with ``datetime.strptime(value, format_string)``.

        Args:
            name: The parameter name.
            format_string: The ``strptime`` format.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: Accept a repeated parameter (its last value counts); when false, a
                repeated one is a 400.

        Returns:
            The ``datetime``, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: The value does not match the format.
        """
        return self._converted_param(
            name,
            lambda value: datetime.strptime(value, format_string),
            'The date value does not match the required format.',
            required,
            store,
            default,
            allow_multiple,
        )

    @overload
    def get_param_as_date(
        self,
        name: str,
        format_string: str = ...,
        *,
        required: Literal[True],
        store: StoreArg = ...,
        default: py_date | None = ...,
        allow_multiple: bool = ...,
    ) -> py_date: ...

    @overload
    def get_param_as_date(
        self,
        name: str,
        format_string: str = ...,
        required: bool = ...,
        store: StoreArg = ...,
        *,
        default: py_date,
        allow_multiple: bool = ...,
    ) -> py_date: ...

    @overload
    def get_param_as_date(
        self,
        name: str,
        format_string: str = ...,
        required: bool = ...,
        store: StoreArg = ...,
        default: py_date | None = ...,
        allow_multiple: bool = ...,
    ) -> py_date | None: ...

    def get_param_as_date(
        self,
        name: str,
        format_string: str = '%Y-%m-%d',
        required: bool = False,
        store: StoreArg = None,
        default: py_date | None = None,
        allow_multiple: bool = True,
    ) -> py_date | None:
        """Return a query parameter parsed as a ``date`` with ``format_string``.

        Args:
            name: The parameter name.
            format_string: The ``strptime`` format.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: Accept a repeated parameter (its last value counts); when false, a
                repeated one is a 400.

        Returns:
            The ``date``, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: The value does not match the format.
        """
        return self._converted_param(
            name,
            lambda value: datetime.strptime(value, format_string).date(),
            'The date value does not match the required format.',
            required,
            store,
            default,
            allow_multiple,
        )

    def get_param_as_json(
        self,
        name: str,
        required: bool = False,
        store: StoreArg = None,
        default: Any | None = None,
        allow_multiple: bool = True,
    ) -> Any:
        """Return a query parameter parsed as JSON; malformed JSON is a 400.

        Args:
            name: The parameter name.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: Accept a repeated parameter (its last value counts); when false, a
                repeated one is a 400.

        Returns:
            The parsed document, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: The value is not valid JSON.
        """
        return self.get_param_as_media(
            name,
            media_type=MEDIA_JSON,
            required=required,
            store=store,
            default=default,
            allow_multiple=allow_multiple,
        )

    def get_param_as_media(
        self,
        name: str,
        media_type: str | None = None,
        required: bool = False,
        store: StoreArg = None,
        default: Any | None = None,
        allow_multiple: bool = True,
    ) -> Any:
        """Return a query parameter deserialized by the media handler for ``media_type``.

        Args:
            name: The parameter name.
            media_type: The media type whose handler parses the value; by default
                ``options.default_media_type``.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: Accept a repeated parameter (its last value counts); when false, a
                repeated one is a 400.

        Returns:
            The deserialized object, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: The handler cannot parse the value.
        """
        value = self.get_param(name, required=required, allow_multiple=allow_multiple)
        if value is None:
            return default
        media_type = media_type or self.options.default_media_type
        try:
            result = self._deserialize_value(value.encode('utf-8'), media_type)
        except (MediaMalformedError, MediaNotFoundError, ValueError, RecursionError):
            raise HTTPInvalidParam(f'It could not be parsed as {media_type}.', name) from None
        if store is not None:
            store[name] = result
        return result

    @overload
    def get_param_as_dict(
        self,
        name: str,
        required: Literal[True],
        deep_object: bool = ...,
        delimiter: str | None = ...,
        store: StoreArg = ...,
        default: dict[str, str] | None = ...,
        allow_multiple: bool = ...,
    ) -> dict[str, str]: ...

    @overload
    def get_param_as_dict(
        self,
        name: str,
        required: bool = ...,
        deep_object: bool = ...,
        delimiter: str | None = ...,
        store: StoreArg = ...,
        *,
        default: dict[str, str],
        allow_multiple: bool = ...,
    ) -> dict[str, str]: ...

    @overload
    def get_param_as_dict(
        self,
        name: str,
        required: bool = ...,
        deep_object: bool = ...,
        delimiter: str | None = ...,
        store: StoreArg = ...,
        default: dict[str, str] | None = ...,
        allow_multiple: bool = ...,
    ) -> dict[str, str] | None: ...

    def get_param_as_dict(
        self,
        name: str,
        required: bool = False,
        deep_object: bool = False,
        delimiter: str | None = None,
        store: StoreArg = None,
        default: dict[str, str] | None = None,
        allow_multiple: bool = True,
    ) -> dict[str, str] | None:
        """A query parameter as a ``dict``.

        By default the value is an alternating list of keys and values: the parameter repeated,
        a list made by ``auto_parse_qs_csv``, or one value split on ``delimiter``. With
        ``deep_object=True`` the parameters ``name[k1]=v1&name[k2]=v2`` form the dict (OpenAPI
        ``deepObject`` style), and ``allow_multiple=False`` refuses a repeated key.

        Args:
            name: The parameter name.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            deep_object: Read the ``name[key]=value`` parameters instead of one list.
            delimiter: A separator to split a single value on.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: With ``deep_object``, whether a repeated key is accepted.

        Returns:
            The dict, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: The items do not pair up into keys and values, or a key is
                repeated while ``allow_multiple`` is false.
        """
        result: dict[str, str]
        if deep_object:
            result = {}
            opening = name + '['
            for key, value in self.params.items():
                if key.startswith(opening) and key.endswith(']') and len(key) > len(opening):
                    if isinstance(value, list):
                        if not allow_multiple and len(value) > 1:
                            raise HTTPInvalidParam('Multiple values are not allowed.', key)
                        value = value[-1]
                    result[key[len(opening) : -1]] = value
            if not result:
                if required:
                    raise HTTPMissingParam(name)
                return default
        else:
            params = self.params
            if name not in params:
                if required:
                    raise HTTPMissingParam(name)
                return default
            raw = params[name]
            if isinstance(raw, list):
                items = list(raw)
            elif delimiter is not None:
                items = raw.split(_DELIMITERS.get(delimiter, delimiter))
            else:
                items = [raw]
            if len(items) % 2:
                raise HTTPInvalidParam(
                    'The value must be an alternating list of keys and values.', name
                )
            result = dict(zip(items[::2], items[1::2], strict=True))
        if store is not None:
            store[name] = result
        return result

    def _deserialize_value(self, data: bytes, media_type: str) -> Any:
        handler, _, deserialize_sync = self.options.media_handlers._resolve(
            media_type, self.options.default_media_type
        )
        if deserialize_sync is not None:
            return deserialize_sync(data)
        return handler.deserialize(io.BytesIO(data), media_type, len(data))

    def get_query_string_as_media(
        self, media_type: str | None = None, default_when_empty: Any = UNSET
    ) -> Any:
        """Return the whole query string deserialized as media (e.g. a JSON document).

        Args:
            media_type: The media type whose handler parses it; by default
                ``options.default_media_type``.
            default_when_empty: Returned instead of raising when the query string is empty.

        Returns:
            The deserialized object, or ``default_when_empty``.

        Raises:
            MediaNotFoundError: The query string is empty and no default was given (400).
            MediaMalformedError: The handler cannot parse it (400).
        """
        query = self.query_string
        media_type = media_type or self.options.default_media_type
        if not query:
            if default_when_empty is not UNSET:
                return default_when_empty
            raise MediaNotFoundError(media_type)
        try:
            return self._deserialize_value(decode(query).encode('utf-8'), media_type)
        except MediaNotFoundError:
            if default_when_empty is not UNSET:
                return default_when_empty
            raise
