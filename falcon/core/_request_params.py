"""Query-parameter getters of the request: ``get_param`` and its scalar family.

Rules: a mixin of :class:`falcon.core._request.Request` and of nothing else. It reads only
``params``, ``query_string`` and ``options``, all owned by the request; it adds no
slot of its own (``__slots__ = ()``), so the request's layout and the cost of every
attribute stay what they are without it (PERF: methods are found through the type's
attribute cache, wherever in the MRO they are written).

Strategy: the request parses the query string once, on first use of ``params``; each
``get_param_as_*`` reads the raw value through ``get_param`` and converts it, turning a
conversion failure into ``HTTPInvalidParam``. The ``@overload`` stubs give mypy users the
narrow return type: ``required=True`` or a non-``None`` ``default`` drops ``None``. The getters
of structured values (lists, dates, JSON, dicts) are in :mod:`falcon.core._request_param_formats`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, MutableMapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from falcon.core._errors import (
    HTTPInvalidParam,
    HTTPMissingParam,
)
from falcon.core._options import RequestOptions

__all__ = ['QueryParamGetters', 'StoreArg']

_T = TypeVar('_T')
_N = TypeVar('_N', int, float)
StoreArg = MutableMapping[str, Any] | None

_TRUE_STRINGS = frozenset(('true', 'True', 't', 'yes', 'y', '1', 'on'))
_FALSE_STRINGS = frozenset(('false', 'False', 'f', 'no', 'n', '0', 'off'))


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
