"""``falcon.before`` and ``falcon.after``: hooks around responders.

Rules: a decorated responder keeps a plan (before actions, the responder, after actions) in
its ``__falcon_hooks__`` attribute. The lifecycle reads the plan and yields each step as its
own call, so every action may be plain or ``async def`` in either kind of app. Stacked
decorators merge their plans: outer before-actions run first, outer after-actions run last.
Called directly (outside an app), a decorated responder runs its plan itself: as a coroutine
function when any step is asynchronous, as a plain function otherwise.

Decorating a class wraps its ``on_<method>`` responders (with or without a suffix), the
inherited ones included, without changing the base classes. The catch-all ``on_request``
responders are wrapped too only while ``decorate_on_request`` is true, read when the class
is decorated, from ``falcon.hooks`` when an application has changed it there.
"""

from __future__ import annotations

import functools
import inspect
import re
import sys
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from falcon.core._calls import call_kind, is_async_callable
from falcon.core._constants import COMBINED_METHODS

__all__ = ['HookPlan', 'after', 'before', 'decorate_on_request']

decorate_on_request = False
"""Whether hooks applied to a resource class also wrap its ``on_request`` responders."""

_F = TypeVar('_F', bound=Callable[..., Any])
_R = TypeVar('_R')

_RESPONDER_NAME = re.compile(
    r'^on_(' + '|'.join(method.lower() for method in COMBINED_METHODS) + r')(_\w+)?$'
)
_ON_REQUEST_NAME = re.compile(r'^on_request(_\w+)?$')


class HookStep(NamedTuple):
    action: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    kind: int


class HookPlan(NamedTuple):
    """The steps of a decorated responder."""

    befores: tuple[HookStep, ...]
    responder: Callable[..., Any]
    responder_kind: int
    afters: tuple[HookStep, ...]

    @property
    def has_async(self) -> bool:
        return is_async_callable(self.responder) or any(
            is_async_callable(step.action) for step in self.befores + self.afters
        )


def _plan_of(responder: Callable[..., Any]) -> HookPlan:
    plan: HookPlan | None = getattr(responder, '__falcon_hooks__', None)
    if plan is not None:
        return plan
    return HookPlan((), responder, call_kind(responder), ())


def _build(plan: HookPlan, template: Callable[..., Any]) -> Callable[..., Any]:
    befores, responder, _, afters = plan
    if plan.has_async:

        async def run_async(resource: Any, req: Any, resp: Any, *args: Any, **params: Any) -> None:
            for step in befores:
                result = step.action(req, resp, resource, params, *step.args, **step.kwargs)
                if inspect.isawaitable(result):
                    await result
            result = responder(resource, req, resp, *args, **params)
            if inspect.isawaitable(result):
                await result
            for step in afters:
                result = step.action(req, resp, resource, *step.args, **step.kwargs)
                if inspect.isawaitable(result):
                    await result

        wrapper: Callable[..., Any] = run_async
    else:

        def run_sync(resource: Any, req: Any, resp: Any, *args: Any, **params: Any) -> None:
            for step in befores:
                step.action(req, resp, resource, params, *step.args, **step.kwargs)
            responder(resource, req, resp, *args, **params)
            for step in afters:
                step.action(req, resp, resource, *step.args, **step.kwargs)

        wrapper = run_sync
    functools.update_wrapper(wrapper, template)
    wrapper.__falcon_hooks__ = plan  # type: ignore[attr-defined]
    return wrapper


def _decorates_on_request() -> bool:
    public = sys.modules.get('falcon.hooks')
    return bool(getattr(public, 'decorate_on_request', decorate_on_request))


def _decorate_class(cls: type, decorate: Callable[[Callable[..., Any]], Any]) -> type:
    on_request_too = _decorates_on_request()
    for name in dir(cls):
        if not (_RESPONDER_NAME.match(name) or (on_request_too and _ON_REQUEST_NAME.match(name))):
            continue
        # Inherited responders are wrapped too; the wrapper is set on ``cls`` alone.
        member = inspect.getattr_static(cls, name)
        if callable(member):
            setattr(cls, name, decorate(member))
    return cls


def before(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[_R], _R]:
    """Run ``action(req, resp, resource, params, *args, **kwargs)`` before the responder.

    Decorates a responder method, or a resource class (every ``on_*`` responder of it).
    ``action`` may be a plain function or a coroutine function in either kind of app; it may
    change ``params``, which the responder then receives. Every keyword argument goes to
    ``action`` (``is_async`` too: Falcon 4 dropped it as an option of its own).

    Args:
        action: The hook, called as ``action(req, resp, resource, params, *args, **kwargs)``.
            Raising an ``HTTPError`` in it ends the request before the responder runs.
        *args: More positional arguments for ``action``.
        **kwargs: More keyword arguments for ``action``.

    Returns:
        A decorator for a responder method or a resource class.
    """
    step = HookStep(action, args, kwargs, call_kind(action))

    def decorate(target: Any) -> Any:
        if isinstance(target, type):
            return _decorate_class(target, decorate)
        inner = _plan_of(target)
        plan = HookPlan(
            (step, *inner.befores), inner.responder, inner.responder_kind, inner.afters
        )
        return _build(plan, target)

    return decorate


def after(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[_R], _R]:
    """Run ``action(req, resp, resource, *args, **kwargs)`` after the responder.

    Decorates a responder method or a resource class; ``action`` may be plain or ``async``.
    Every keyword argument goes to ``action``.

    Args:
        action: The hook, called as ``action(req, resp, resource, *args, **kwargs)`` once the
            responder has returned; it may change the response.
        *args: More positional arguments for ``action``.
        **kwargs: More keyword arguments for ``action``.

    Returns:
        A decorator for a responder method or a resource class.
    """
    step = HookStep(action, args, kwargs, call_kind(action))

    def decorate(target: Any) -> Any:
        if isinstance(target, type):
            return _decorate_class(target, decorate)
        inner = _plan_of(target)
        plan = HookPlan(
            inner.befores, inner.responder, inner.responder_kind, (*inner.afters, step)
        )
        return _build(plan, target)

    return decorate
