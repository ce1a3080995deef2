"""Miscellaneous helpers: file name sanitizing, introspection, deprecation warnings.

Rules: pure functions with no I/O. ``secure_filename`` handles client-supplied names in
linear time with a single character-class substitution. The deprecation decorators build
their messages once, when applied, so the wrapped call only adds a warning.
"""

from __future__ import annotations

import functools
import inspect
import re
import unicodedata
import warnings
from collections.abc import Callable, Mapping
from typing import Any

from falcon.core._deprecation import DeprecatedWarning
from falcon.core._mediatypes import parse_header

__all__ = [
    'AttributeRemovedError',
    'DeprecatedWarning',
    'deprecated',
    'deprecated_args',
    'get_argnames',
    'get_bound_method',
    'get_encoding_from_headers',
    'is_python_func',
    'secure_filename',
]

_UNSAFE_FILENAME_CHARS = re.compile(r'[^a-zA-Z0-9._-]')


class AttributeRemovedError(AttributeError):
    """A deprecated attribute, class, or function has since been removed."""


def secure_filename(filename: str, max_length: int | None = None) -> str:
    """Sanitize a file name so that only portable ASCII characters remain.

    The name is first normalized to Unicode NFKD, so that characters with a decomposition
    keep their ASCII part (a mathematical bold digit one becomes ``'1'``, ``'Å'`` becomes
    ``'A'`` followed by a combining mark). Then every character other than ASCII letters,
    digits, ``'.'``, ``'-'`` and ``'_'`` is replaced with ``'_'``, and a leading ``'.'`` is
    replaced too so the result is never a hidden file or a relative path component::

        secure_filename('Ångström unit physics.pdf') == 'A_ngstro_m_unit_physics.pdf'
        secure_filename('../../etc/passwd') == '_._.._etc_passwd'

    Args:
        filename: The file name from the client, e.g. a multipart part's filename.
        max_length: The longest result allowed. A longer name is cut, keeping its
            extension when the extension is shorter than `max_length`.

    Returns:
        The sanitized file name.

    Raises:
        ValueError: `filename` is empty, or `max_length` is not positive.
    """
    if not filename:
        raise ValueError('filename may not be an empty string')
    if max_length is not None and max_length < 1:
        raise ValueError('max_length must be a positive integer')

    filename = unicodedata.normalize('NFKD', filename)
    if filename.startswith('.'):
        filename = '_' + filename[1:]
    filename = _UNSAFE_FILENAME_CHARS.sub('_', filename)

    if max_length is not None and len(filename) > max_length:
        dot = filename.rfind('.')
        if dot > 0 and len(filename) - dot < max_length:
            extension = filename[dot:]
            return filename[: max_length - len(extension)] + extension
        return filename[:max_length]
    return filename


def get_argnames(func: Callable[..., Any]) -> list[str]:
    """Return the names of a callable's parameters.

    ``*args`` and ``**kwargs`` parameters are left out, and so is a leading ``self``.

    Args:
        func: The callable to introspect.

    Returns:
        The parameter names, in order.
    """
    signature = inspect.signature(func)
    names = [
        param.name
        for param in signature.parameters.values()
        if param.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    if names and names[0] == 'self':
        del names[0]
    return names


def get_bound_method(obj: object, method_name: str) -> Callable[..., Any] | None:
    """Return the method of `obj` with the given name, if it has one.

    Args:
        obj: The object (an instance, not a class).
        method_name: The method name.

    Returns:
        The bound method, or ``None`` when `obj` has no such attribute.

    Raises:
        AttributeError: The attribute exists but is not a method bound to `obj` (most
            likely a class was passed instead of an instance).
    """
    method: Callable[..., Any] | None = getattr(obj, method_name, None)
    if method is not None and getattr(method, '__self__', None) is not obj:
        raise AttributeError(f'{method!r} must be a bound method')
    return method


def is_python_func(func: Callable[..., Any] | Any) -> bool:
    """Tell whether a function or method is a plain Python function.

    Functions compiled to native code (for instance by Cython) and other callables are
    not.

    Args:
        func: The function or method.

    Returns:
        ``True`` for a Python function or a method wrapping one.
    """
    if inspect.ismethod(func):
        func = func.__func__
    return inspect.isfunction(func)


def deprecated(
    instructions: str, is_property: bool = False, method_name: str | None = None
) -> Callable[[Callable[..., Any]], Any]:
    """Return a decorator that flags a function, method or property getter as deprecated.

    Each call of the decorated function emits a :class:`DeprecatedWarning`.

    Args:
        instructions: Guidance for the developer, e.g. ``'Use add_route() instead.'``.
        is_property: The decorated object is a property getter; the warning then reads
            "deprecated property name" instead of "deprecated function name(...)".
        method_name: The name to show in the warning instead of the function's own
            ``__name__`` (useful when decorating an alias).

    Returns:
        The decorator.
    """

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        object_kind = 'property' if is_property else 'function'
        call_suffix = '' if is_property else '(...)'
        name = method_name or func.__name__
        message = f'Call to deprecated {object_kind} {name}{call_suffix}. {instructions}'

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            warnings.warn(message, category=DeprecatedWarning, stacklevel=2)
            return func(*args, **kwargs)

        return wrapper

    return decorator


def deprecated_args(
    *, allowed_positional: int, is_method: bool = True
) -> Callable[..., Callable[..., Any]]:
    """Return a decorator that warns when a function gets too many positional arguments.

    Args:
        allowed_positional: How many positional arguments remain allowed.
        is_method: The decorated function is a method; ``self`` is not counted
            (default ``True``).

    Returns:
        The decorator. Calls with more positional arguments emit a
        :class:`DeprecatedWarning` asking for keyword arguments instead.
    """
    if allowed_positional > 0:
        plural = 's' if allowed_positional > 1 else ''
        arg_text = f'more than {allowed_positional} positional argument{plural}'
    else:
        arg_text = 'positional arguments'
    limit = allowed_positional + 1 if is_method else allowed_positional

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        message = (
            f'Calls to {func.__qualname__}(...) with {arg_text} are deprecated. '
            'Please specify them as keyword arguments instead.'
        )

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if len(args) > limit:
                warnings.warn(message, category=DeprecatedWarning, stacklevel=2)
            return func(*args, **kwargs)

        return wrapper

    return decorator


def get_encoding_from_headers(headers: Mapping[str, str]) -> str | None:
    """Return the character encoding that response headers declare or imply.

    Args:
        headers: Response headers. Names must be lowercase, or the mapping must look them
            up case-insensitively.

    Returns:
        The ``charset`` parameter of Content-Type when present; otherwise
        ``'ISO-8859-1'`` for ``text/*`` types, ``'UTF-8'`` for JSON, and ``None``
        for anything else (or when there is no Content-Type).
    """
    content_type = headers.get('content-type')
    if not content_type:
        return None
    media_type, params = parse_header(content_type)
    if 'charset' in params:
        return params['charset'].strip('\'"')
    if 'text' in media_type:
        return 'ISO-8859-1'
    if 'application/json' in media_type:
        return 'UTF-8'
    return None
