"""The test client at Falcon's ``falcon.testing.client`` import path.

Rules: a re-export only, and the home (``__module__``) of what it re-exports. The clients
live in ``falcon.testing._client``, the results in ``._result`` and the functional API in
``._simulate``.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.testing import _client, _result, _simulate
from falcon.testing._client import *  # noqa: F403
from falcon.testing._client import _AsyncContextManager as _AsyncContextManager
from falcon.testing._result import *  # noqa: F403
from falcon.testing._result import _ResultBase as _ResultBase
from falcon.testing._run import is_asgi_app as _is_asgi_app  # noqa: F401
from falcon.testing._simulate import *  # noqa: F403

__all__ = [*_client.__all__, *_result.__all__, *_simulate.__all__]

set_home(__name__, globals(), __all__)
