"""Small data structures: a case-insensitive dict, the context bag, entity tags, GMT.

Rules: plain Python, no parsing of client data here except ``ETag.loads``, which does a
constant amount of work on top of slicing. ``Context`` keeps its items in the instance
``__dict__`` so that attribute access (``ctx.user``) and item access (``ctx['user']``)
see the same data without any indirection.
"""

from __future__ import annotations

from collections.abc import (
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    MutableMapping,
    ValuesView,
)
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from falcon.core._deprecation import warn_deprecated

__all__ = ['CaseInsensitiveDict', 'Context', 'ETag', 'TimezoneGMT']


class CaseInsensitiveDict(MutableMapping[str, Any]):
    """A mutable mapping whose string keys compare case-insensitively.

    The case of the last key set is remembered and returned by iteration, ``keys()`` and
    ``items()``; lookups, membership tests and deletions ignore case::

        headers = CaseInsensitiveDict(ETAG='"v1"')
        headers['etag'] = '"v2"'            # replaces the value; the key is now 'etag'
        assert headers['ETag'] == '"v2"' and list(headers) == ['etag']

    Equality with another mapping compares the lowercased keys and the values.

    Args:
        data: Initial items, either a mapping or an iterable of ``(key, value)`` pairs.
        **kwargs: Further initial items.
    """

    __slots__ = ('_store',)

    def __init__(
        self, data: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        self._store: dict[str, tuple[str, Any]] = {}
        if data is None:
            data = {}
        self.update(data, **kwargs)

    def __setitem__(self, key: str, value: Any) -> None:
        self._store[key.lower()] = (key, value)

    def __getitem__(self, key: str) -> Any:
        return self._store[key.lower()][1]

    def __delitem__(self, key: str) -> None:
        del self._store[key.lower()]

    def __iter__(self) -> Iterator[str]:
        return (cased_key for cased_key, _ in self._store.values())

    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._store

    def lower_items(self) -> Iterator[tuple[str, Any]]:
        """Iterate over the items with lowercased keys.

        Returns:
            An iterator of ``(lowercase_key, value)`` pairs.
        """
        return ((lower_key, pair[1]) for lower_key, pair in self._store.items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            other = CaseInsensitiveDict(other)
        else:
            return NotImplemented
        return dict(self.lower_items()) == dict(other.lower_items())

    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> CaseInsensitiveDict:
        """Return a shallow copy.

        Returns:
            A new ``CaseInsensitiveDict`` with the same items.
        """
        return CaseInsensitiveDict(self._store.values())

    def __repr__(self) -> str:
        return str(dict(self.items()))


class Context:
    """A convenient object for storing request- or response-scoped data.

    Items are attributes of the instance, and the same items can be reached through the
    mapping protocol::

        ctx = Context()
        ctx.user = 'alice'
        ctx['user'] == 'alice'  # True
        ctx.get('role', 'guest') == 'guest'  # True

    Subclass it (and set ``context_type`` on a custom request or response class) to add
    typed attributes or helper methods. Attribute names that clash with the mapping methods
    (``get``, ``items``...) can still be stored through item access.
    """

    if TYPE_CHECKING:
        # Declared for type checkers only, so that arbitrary attributes type-check; at run
        # time attribute access stays the plain instance ``__dict__`` lookup.
        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...

    def __contains__(self, key: str) -> bool:
        return self.__dict__.__contains__(key)

    def __getitem__(self, key: str) -> Any | None:
        return self.__dict__.__getitem__(key)

    def __setitem__(self, key: str, value: Any) -> None:
        self.__dict__.__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.__dict__.__delitem__(key)

    def __iter__(self) -> Iterator[str]:
        return self.__dict__.__iter__()

    def __len__(self) -> int:
        return self.__dict__.__len__()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, type(self)):
            return self.__dict__ == other.__dict__
        return self.__dict__.__eq__(other)

    def __ne__(self, other: object) -> bool:
        if isinstance(other, type(self)):
            return self.__dict__ != other.__dict__
        return self.__dict__.__ne__(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f'{type(self).__name__}({self.__dict__})'

    def __str__(self) -> str:
        return self.__repr__()

    def clear(self) -> None:
        """Remove every item."""
        return self.__dict__.clear()

    def copy(self) -> Context:
        """Return a shallow copy of the same type.

        Returns:
            A new context holding the same items.
        """
        ctx = type(self)()
        ctx.update(self.__dict__)
        return ctx

    def get(self, key: str, default: Any | None = None) -> Any | None:
        """Return the item for `key`, or `default` when absent.

        Args:
            key: The item name.
            default: The value returned when `key` is absent (default ``None``).

        Returns:
            The item, or `default`.
        """
        return self.__dict__.get(key, default)

    def items(self) -> ItemsView[str, Any]:
        """Return the items.

        Returns:
            A view of the ``(name, value)`` pairs, in the order they were added.
        """
        return self.__dict__.items()

    def keys(self) -> KeysView[str]:
        """Return the item names.

        Returns:
            A view of the names, in the order they were added.
        """
        return self.__dict__.keys()

    def pop(self, key: str, default: Any | None = None) -> Any | None:
        """Remove the item for `key` and return it, or `default` when absent.

        Args:
            key: The item name.
            default: The value returned when `key` is absent (default ``None``).

        Returns:
            The removed item, or `default`.
        """
        return self.__dict__.pop(key, default)

    def popitem(self) -> tuple[str, Any]:
        """Remove the most recently added item.

        Returns:
            The ``(name, value)`` pair removed.

        Raises:
            KeyError: The context is empty.
        """
        return self.__dict__.popitem()

    def setdefault(self, key: str, default_value: Any | None = None) -> Any | None:
        """Return the item for `key`, storing `default_value` first when absent.

        Args:
            key: The item name.
            default_value: The value stored and returned when `key` is absent.

        Returns:
            The item.
        """
        return self.__dict__.setdefault(key, default_value)

    def update(self, items: dict[str, Any]) -> None:
        """Add or replace items from a mapping.

        Args:
            items: The items to store.
        """
        self.__dict__.update(items)

    def values(self) -> ValuesView[Any]:
        """Return the item values.

        Returns:
            A view of the values, in the order they were added.
        """
        return self.__dict__.values()


class ETag(str):
    """An HTTP entity tag (RFC 9110, section 8.8.3).

    The string value is the opaque tag without the surrounding quotes; ``is_weak`` tells
    whether the tag carried the ``W/`` prefix. ``str(etag)`` gives the bare tag and
    :meth:`dumps` the header representation.
    """

    is_weak: bool = False

    def strong_compare(self, other: ETag) -> bool:
        """Compare with another entity tag using the strong comparison function.

        Two tags match strongly when neither is weak and their opaque tags are equal.

        Args:
            other: The tag to compare with.

        Returns:
            ``True`` when the tags match strongly.
        """
        return self == other and not (self.is_weak or other.is_weak)

    def dumps(self) -> str:
        """Serialize the tag for a header such as ``ETag``.

        Returns:
            The quoted tag, prefixed with ``W/`` when weak.
        """
        if self.is_weak:
            return 'W/"' + self + '"'
        return '"' + self + '"'

    @classmethod
    def loads(cls, etag_str: str) -> ETag:
        """Deserialize a single entity tag from its header representation.

        A ``W/`` (or ``w/``) prefix marks the tag as weak; surrounding double quotes are
        removed. An unquoted value is accepted as is.

        Args:
            etag_str: A value such as ``'"abc"'`` or ``'W/"abc"'``.

        Returns:
            The parsed tag.
        """
        value = etag_str
        is_weak = False
        if value[:2] in ('W/', 'w/'):
            is_weak = True
            value = value[2:]
        if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
            value = value[1:-1]
        etag = cls(value)
        if is_weak:
            etag.is_weak = True
        return etag


class TimezoneGMT(tzinfo):
    """The GMT time zone: UTC offset zero, no daylight saving time, named ``'GMT'``.

    Deprecated since Falcon 4.0 (creating one emits :class:`DeprecatedWarning`): use
    :attr:`datetime.timezone.utc`.
    """

    GMT_ZERO = timedelta(hours=0)

    def __init__(self) -> None:
        warn_deprecated(
            'TimezoneGMT is deprecated, use datetime.timezone.utc instead. '
            '(This class will be removed in Falcon 5.0.)'
        )

    def utcoffset(self, dt: datetime | None) -> timedelta:
        """Return the offset from UTC, always zero.

        Args:
            dt: Ignored.

        Returns:
            ``timedelta(0)``.
        """
        return self.GMT_ZERO

    def tzname(self, dt: datetime | None) -> str:
        """Return the zone name, always ``'GMT'``.

        Args:
            dt: Ignored.

        Returns:
            ``'GMT'``.
        """
        return 'GMT'

    def dst(self, dt: datetime | None) -> timedelta:
        """Return the daylight saving time adjustment, always zero.

        Args:
            dt: Ignored.

        Returns:
            ``timedelta(0)``.
        """
        return self.GMT_ZERO
