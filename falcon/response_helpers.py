"""Response formatting helpers at Falcon's ``falcon.response_helpers`` path.

Rules: a face over the core; nothing is implemented here. Falcon keeps only private names
in this module; those with a counterpart in the core are provided under Falcon's names.
"""

from __future__ import annotations

from falcon.core._header_props import response_header_property as _header_property
from falcon.core._response import _content_disposition as _format_content_disposition

__all__ = ['_format_content_disposition', '_header_property']
