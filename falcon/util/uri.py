"""URI helpers at Falcon's ``falcon.util.uri`` path (the same objects as ``falcon.uri``).

Rules: a face over ``falcon.core._uri``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core import _uri
from falcon.core._home import set_home
from falcon.core._uri import *  # noqa: F403

# ``to_query_str`` is published by ``falcon.util.misc``; ``MAX_QUERY_FIELDS`` is the core's.
__all__ = [name for name in _uri.__all__ if name not in ('MAX_QUERY_FIELDS', 'to_query_str')]

set_home(__name__, globals(), __all__)
