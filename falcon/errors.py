"""The HTTPError family and the other exceptions Falcon raises."""

from __future__ import annotations

from falcon.core import _errors
from falcon.core._exceptions import *  # noqa: F403
from falcon.core._home import set_home
from falcon.core._http_error import HTTPError as HTTPError
from falcon.core._request_errors import *  # noqa: F403
from falcon.core._status_errors import *  # noqa: F403

# ``falcon.core._errors`` lists the names of the three families star-imported above (a type
# checker follows a star import one module deep, so each family is imported from its own).
__all__ = sorted(_errors.__all__)

set_home(__name__, globals(), [name for name in __all__ if name != 'HTTPError'])
