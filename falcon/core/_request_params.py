"""Query-parameter getters of the request: ``params``, ``get_param`` and its typed family.

Rules: a mixin of :class:`falcon.core._request.Request` and of nothing else. It reads only
``params``, ``query_string`` and ``options``, all owned by the request; it adds no
slot of its own (``__slots__ = ()``), so the request's layout and the cost of every
attribute stay what they are without it (PERF: methods are found through the type's
attribute cache, wherever in the MRO they are written).

Strategy: the request parses the query string once, on first use of ``params``; each
``get_param_as_*`` reads the raw value through ``get_param`` and converts it, turning a
conversion failure into ``HTTPInvalidParam``. The ``@overload`` stubs give mypy users the
narrow return type: ``required=True`` or a non-``None`` ``default`` drops ``None``.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, MutableMapping
from datetime import date as py_date
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from falcon.core._constants import MEDIA_JSON, UNSET
from falcon.core._errors import (
    HTTPInvalidParam,
    HTTPMissingParam,
    MediaMalformedError,
    MediaNotFoundError,
)
from falcon.core._options import RequestOptions
from falcon.core._uri import decode

__all__ = ['QueryParamGetters', 'StoreArg']

_T = TypeVar('_T')
_N = TypeVar('_N', int, float)
StoreArg = MutableMapping[str, Any] | None

_TRUE_STRINGS = frozenset(('true', 'True', 't', 'yes', 'y', '1', 'on'))
_FALSE_STRINGS = frozenset(('false', 'False', 'f', 'no', 'n', '0', 'off'))
# OpenAPI v3 style names accepted as ``delimiter``, besides the literal characters.
_DELIMITERS = {'spaceDelimited': ' ', 'pipeDelimited': '|'}


class QueryParamGetters:
    """The query-parameter half of the request's public API."""

    __slots__ = ()

    options: RequestOptions
    query_string: str

    if TYPE_CHECKING:
        # Parsed and cached by the request, which owns the ``_params`` slot.
        @property
        def params(self) -> dict[str, Any]: ...

    def has_param(self, name: str) -> bool:
        """Tell whether the query string holds a parameter.

        Args:
            name: The parameter name.

        Returns:
            ``True`` when it was sent, even with a blank value.
        """
        return name in self.params

    @overload
    def get_param(
        self,
        name: str,
        required: Literal[True],
        store: StoreArg = ...,
        default: str | None = ...,
        allow_multiple: bool = ...,
    ) -> str: ...

    @overload
    def get_param(
        self,
        name: str,
        required: bool = ...,
        store: StoreArg = ...,
        *,
        default: str,
        allow_multiple: bool = ...,
    ) -> str: ...

    @overload
    def get_param(
        self,
        name: str,
        required: bool = ...,
        store: StoreArg = ...,
        default: str | None = ...,
        allow_multiple: bool = ...,
    ) -> str | None: ...

    def get_param(
        self,
        name: str,
        required: bool = False,
        store: StoreArg = None,
        default: str | None = None,
        allow_multiple: bool = True,
    ) -> str | None:
        """Return a query parameter's value (the last one when repeated).

        Args:
            name: The parameter name.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: Accept a repeated parameter (its last value counts); when false, a
                repeated one is a 400.

        Returns:
            The value as a ``str``, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: ``allow_multiple`` is false and the parameter is repeated.
        """
        params = self.params
        if name in params:
            value = params[name]
            if isinstance(value, list):
                if not allow_multiple and len(value) > 1:
                    raise HTTPInvalidParam('Multiple values are not allowed.', name)
                value = value[-1]
            if store is not None:
                store[name] = value
            return value  # type: ignore[no-any-return]
        if required:
            raise HTTPMissingParam(name)
        return default

    def _converted_param(
        self,
        name: str,
        convert: Callable[[str], _T],
        message: str,
        required: bool,
        store: StoreArg,
        default: _T | None,
        allow_multiple: bool,
    ) -> _T | None:
        value = self.get_param(name, required=required, allow_multiple=allow_multiple)
        if value is None:
            return default
        try:
            result = convert(value)
        except (ValueError, TypeError, OverflowError):
            raise HTTPInvalidParam(message, name) from None
        if store is not None:
            store[name] = result
        return result

    @overload
    def get_param_as_int(
        self,
        name: str,
        required: Literal[True],
        min_value: int | None = ...,
        max_value: int | None = ...,
        store: StoreArg = ...,
        default: int | None = ...,
        allow_multiple: bool = ...,
    ) -> int: ...

    @overload
    def get_param_as_int(
        self,
        name: str,
        required: bool = ...,
        min_value: int | None = ...,
        max_value: int | None = ...,
        store: StoreArg = ...,
        *,
        default: int,
        allow_multiple: bool = ...,
    ) -> int: ...

    @overload
    def get_param_as_int(
        self,
        name: str,
        required: bool = ...,
        min_value: int | None = ...,
        max_value: int | None = ...,
        store: StoreArg = ...,
        default: int | None = ...,
        allow_multiple: bool = ...,
    ) -> int | None: ...

    def get_param_as_int(
        self,
        name: str,
        required: bool = False,
        min_value: int | None = None,
        max_value: int | None = None,
        store: StoreArg = None,
        default: int | None = None,
        allow_multiple: bool = True,
    ) -> int | None:
        """Return a query parameter as an ``int``, optionally bounded; bad values are a 400.

        Args:
            name: The parameter name.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            min_value: The smallest value accepted.
            max_value: The largest value accepted.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: Accept a repeated parameter (its last value counts); when false, a
                repeated one is a 400.

        Returns:
            The integer, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: The value cannot be converted, or is out of bounds, or is
                repeated while ``allow_multiple`` is false.
        """
        if min_value is None and max_value is None and store is None:
            # PERF: one value that converts, with no bounds and no store, is returned here
            # rather than through three helper calls (about 0.3 us); anything else takes
            # the full path, which also raises the errors.
            value = self.params.get(name)
            if type(value) is str:
                try:
                    return int(value)
                except ValueError:
                    pass
        return self._bounded_param(
            name,
            int,
            'The value must be an integer.',
            required,
            min_value,
            max_value,
            store,
            default,
            allow_multiple,
        )

    @overload
    def get_param_as_float(
        self,
        name: str,
        required: Literal[True],
        min_value: float | None = ...,
        max_value: float | None = ...,
        store: StoreArg = ...,
        default: float | None = ...,
        allow_multiple: bool = ...,
    ) -> float: ...

    @overload
    def get_param_as_float(
        self,
        name: str,
        required: bool = ...,
        min_value: float | None = ...,
        max_value: float | None = ...,
        store: StoreArg = ...,
        *,
        default: float,
        allow_multiple: bool = ...,
    ) -> float: ...

    @overload
    def get_param_as_float(
        self,
        name: str,
        required: bool = ...,
        min_value: float | None = ...,
        max_value: float | None = ...,
        store: StoreArg = ...,
        default: float | None = ...,
        allow_multiple: bool = ...,
    ) -> float | None: ...

    def get_param_as_float(
        self,
        name: str,
        required: bool = False,
        min_value: float | None = None,
        max_value: float | None = None,
        store: StoreArg = None,
        default: float | None = None,
        allow_multiple: bool = True,
    ) -> float | None:
        """Return a query parameter as a ``float``, optionally bounded; bad values are a 400.

        Args:
            name: The parameter name.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            min_value: The smallest value accepted.
            max_value: The largest value accepted.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: Accept a repeated parameter (its last value counts); when false, a
                repeated one is a 400.

        Returns:
            The number, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: The value cannot be converted, or is out of bounds, or is
                repeated while ``allow_multiple`` is false.
        """
        return self._bounded_param(
            name,
            float,
            'The value must be a float.',
            required,
            min_value,
            max_value,
            store,
            default,
            allow_multiple,
        )

    def _bounded_param(
        self,
        name: str,
        convert: Callable[[str], _N],
        message: str,
        required: bool,
        min_value: _N | None,
        max_value: _N | None,
        store: StoreArg,
        default: _N | None,
        allow_multiple: bool,
    ) -> _N | None:
        result = self._converted_param(
            name, convert, message, required, None, None, allow_multiple
        )
        if result is None:
            return default
        if min_value is not None and result < min_value:
            raise HTTPInvalidParam(f'The value must be at least {min_value}', name)
        if max_value is not None and result > max_value:
            raise HTTPInvalidParam(f'The value may not exceed {max_value}', name)
        if store is not None:
            store[name] = result
        return result

    @overload
    def get_param_as_uuid(
        self,
        name: str,
        required: Literal[True],
        store: StoreArg = ...,
        default: uuid.UUID | None = ...,
        allow_multiple: bool = ...,
    ) -> uuid.UUID: ...

    @overload
    def get_param_as_uuid(
        self,
        name: str,
        required: bool = ...,
        store: StoreArg = ...,
        *,
        default: uuid.UUID,
        allow_multiple: bool = ...,
    ) -> uuid.UUID: ...

    @overload
    def get_param_as_uuid(
        self,
        name: str,
        required: bool = ...,
        store: StoreArg = ...,
        default: uuid.UUID | None = ...,
        allow_multiple: bool = ...,
    ) -> uuid.UUID | None: ...

    def get_param_as_uuid(
        self,
        name: str,
        required: bool = False,
        store: StoreArg = None,
        default: uuid.UUID | None = None,
        allow_multiple: bool = True,
    ) -> uuid.UUID | None:
        """Return a query parameter as a ``UUID``; a malformed value is a 400.

        Args:
            name: The parameter name.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            store: A dict that also receives the value, under ``name``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: Accept a repeated parameter (its last value counts); when false, a
                repeated one is a 400.

        Returns:
            The ``uuid.UUID``, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: The value cannot be converted, or is out of bounds, or is
                repeated while ``allow_multiple`` is false.
        """
        return self._converted_param(
            name,
            uuid.UUID,
            'The value must be a UUID string.',
            required,
            store,
            default,
            allow_multiple,
        )

    @overload
    def get_param_as_bool(
        self,
        name: str,
        required: Literal[True],
        store: StoreArg = ...,
        blank_as_true: bool = ...,
        default: bool | None = ...,
        allow_multiple: bool = ...,
    ) -> bool: ...

    @overload
    def get_param_as_bool(
        self,
        name: str,
        required: bool = ...,
        store: StoreArg = ...,
        blank_as_true: bool = ...,
        *,
        default: bool,
        allow_multiple: bool = ...,
    ) -> bool: ...

    @overload
    def get_param_as_bool(
        self,
        name: str,
        required: bool = ...,
        store: StoreArg = ...,
        blank_as_true: bool = ...,
        default: bool | None = ...,
        allow_multiple: bool = ...,
    ) -> bool | None: ...

    def get_param_as_bool(
        self,
        name: str,
        required: bool = False,
        store: StoreArg = None,
        blank_as_true: bool = True,
        default: bool | None = None,
        allow_multiple: bool = True,
    ) -> bool | None:
        """Return a query parameter as a ``bool`` (``true``/``false``, ``1``/``0``...).

        Args:
            name: The parameter name.
            required: Raise :class:`HTTPMissingParam` (400) when the parameter is absent.
            store: A dict that also receives the value, under ``name``.
            blank_as_true: Whether a blank value (``?flag=``) means ``True``; otherwise it
                means ``False``.
            default: Returned when the parameter is absent and not required.
            allow_multiple: Accept a repeated parameter (its last value counts); when false, a
                repeated one is a 400.

        Returns:
            The boolean, or ``default``.

        Raises:
            HTTPMissingParam: The parameter is absent and ``required`` is true.
            HTTPInvalidParam: The value is not one of the true or false words.
        """
        value = self.get_param(name, required=required, allow_multiple=allow_multiple)
        if value is None:
            return default
        if value in _TRUE_STRINGS:
            result = True
        elif value in _FALSE_STRINGS:
            result = False
        elif not value:
            result = blank_as_true
        else:
            raise HTTPInvalidParam('The value of the parameter must be "true" or "false".', name)
        if store is not None:
            store[name] = result
        return result

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
