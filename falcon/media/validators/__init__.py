"""Validators for request and response media: ``falcon.media.validators.jsonschema``."""

from __future__ import annotations

from falcon.media.validators import jsonschema as jsonschema

__all__ = ['jsonschema']
