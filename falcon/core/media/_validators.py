"""JSON Schema validation of request and response media, as a responder decorator.

Rules: ``validate(req_schema, resp_schema)`` decorates a responder method, plain or
``async def``, for either kind of app. Request media failing ``req_schema`` is answered with
:class:`MediaValidationError` (400) whose description is the validation message; response
media failing ``resp_schema`` raises :class:`HTTPInternalServerError` (500) without the
message, so details of a server bug never reach the client. Formats (``"format": "email"``
and the like) are checked.

Strategy: the ``jsonschema`` package is imported when ``validate`` is first called with a
schema, never by importing this module; each schema is checked and its validator built once,
at decoration time, so a broken schema fails at import of the resource, not per request.
The wrapper has the same colour as the responder: an ``async`` responder gets an ``async``
wrapper that awaits ``req.get_media()``; a plain one reads ``req.media``.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from falcon.core._calls import is_async_callable
from falcon.core._errors import HTTPInternalServerError, MediaValidationError

__all__ = ['validate']

_ResponderT = TypeVar('_ResponderT', bound=Callable[..., Any])

Schema = dict[str, Any] | None


def _import_jsonschema() -> Any:
    try:
        return importlib.import_module('jsonschema')
    except ImportError as err:
        raise ImportError(
            'falcon.media.validators.jsonschema needs the jsonschema package; '
            'install it with: pip install jsonschema'
        ) from err


def _build_validator(jsonschema: Any, schema: Schema) -> Any:
    if schema is None:
        return None
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def _first_error(jsonschema: Any, validator: Any, instance: Any) -> Any:
    return jsonschema.exceptions.best_match(validator.iter_errors(instance))


def validate(req_schema: Schema = None, resp_schema: Schema = None) -> Callable[[Any], Any]:
    """Validate request and response media against JSON Schemas.

    Decorates a responder method (plain or ``async def``)::

        class Things:
            @jsonschema.validate(req_schema=THING, resp_schema=THING)
            def on_post(self, req, resp):
                ...

    Args:
        req_schema: The schema ``req.get_media()`` must satisfy before the responder runs;
            ``None`` skips the check.
        resp_schema: The schema ``resp.media`` must satisfy after the responder returns;
            ``None`` skips the check.

    Returns:
        A decorator for responders.

    Raises:
        ImportError: A schema was given and the ``jsonschema`` package is not installed.
        jsonschema.exceptions.SchemaError: A schema is itself invalid.
    """
    if req_schema is None and resp_schema is None:
        return _identity
    jsonschema = _import_jsonschema()
    # PERF: checking the schema and building its validator once here, instead of calling
    # jsonschema.validate() per request, saves re-validating the schema on every call.
    req_validator = _build_validator(jsonschema, req_schema)
    resp_validator = _build_validator(jsonschema, resp_schema)

    def check_request(media: Any) -> None:
        error = _first_error(jsonschema, req_validator, media)
        if error is not None:
            raise MediaValidationError(
                title='Request data failed validation', description=error.message
            ) from error

    def check_response(media: Any) -> None:
        error = _first_error(jsonschema, resp_validator, media)
        if error is not None:
            raise HTTPInternalServerError(
                title='Response data failed validation',
                description='Response data failed validation',
            ) from error

    def decorator(responder: _ResponderT) -> _ResponderT:
        if is_async_callable(responder):

            async def run_async(
                resource: Any, req: Any, resp: Any, *args: Any, **kwargs: Any
            ) -> Any:
                if req_validator is not None:
                    media = req.get_media()
                    if inspect.isawaitable(media):
                        media = await media
                    check_request(media)
                result = await responder(resource, req, resp, *args, **kwargs)
                if resp_validator is not None:
                    check_response(resp.media)
                return result

            wrapper: Callable[..., Any] = run_async
        else:

            def run_sync(resource: Any, req: Any, resp: Any, *args: Any, **kwargs: Any) -> Any:
                if req_validator is not None:
                    check_request(req.media)
                result = responder(resource, req, resp, *args, **kwargs)
                if resp_validator is not None:
                    check_response(resp.media)
                return result

            wrapper = run_sync
        functools.update_wrapper(wrapper, responder)
        # A responder decorated with hooks carries its hook plan; the wrapper calls that
        # responder (which runs its hooks itself), so the plan must not be copied over, or
        # the lifecycle would run the plan and skip the validation.
        wrapper.__dict__.pop('__falcon_hooks__', None)
        return wrapper  # type: ignore[return-value]

    return decorator


def _identity(responder: _ResponderT) -> _ResponderT:
    return responder
