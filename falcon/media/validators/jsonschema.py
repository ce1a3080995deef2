"""JSON Schema validation of media (``falcon.media.validators.jsonschema.validate``)."""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core.media._validators import validate

__all__ = ['validate']

set_home(__name__, globals(), ('validate',))
