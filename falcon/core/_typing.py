"""Type aliases shared across the core.

Rules: aliases only; no runtime behaviour.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ['HeaderArg', 'HeaderList', 'HeaderMapping', 'Headers', 'UnsetOr']

HeaderMapping = Mapping[str, str]
HeaderList = Iterable[tuple[str, str]]
HeaderArg = HeaderMapping | HeaderList
Headers = dict[str, str]
UnsetOr = Any
