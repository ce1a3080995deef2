"""The types the request and response getters narrow to, call form by call form.

Rules: type-checked only (``test_mypy_strict.py``), never run. Each line pins what a
checker infers for one way of calling a getter: ``required=True`` (keyword or positional)
and a non-optional ``default`` give the plain type; anything else keeps ``None`` possible.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

from typing_extensions import assert_type

import falcon
import falcon.asgi


def params(req: falcon.Request, flag: bool) -> None:
    assert_type(req.get_param('a'), str | None)
    assert_type(req.get_param('a', True), str)
    assert_type(req.get_param('a', required=True), str)
    assert_type(req.get_param('a', default='x'), str)
    assert_type(req.get_param('a', default=None), str | None)
    assert_type(req.get_param('a', flag), str | None)
    assert_type(req.get_param('a', flag, default='x'), str)
    assert_type(req.get_param_as_int('a'), int | None)
    assert_type(req.get_param_as_int('a', True), int)
    assert_type(req.get_param_as_int('a', max_value=3), int | None)
    assert_type(req.get_param_as_int('a', min_value=1, default=1), int)
    assert_type(req.get_param_as_float('a', required=True), float)
    assert_type(req.get_param_as_float('a', default=1), float)
    assert_type(req.get_param_as_uuid('a', required=True), uuid.UUID)
    assert_type(req.get_param_as_uuid('a'), uuid.UUID | None)
    assert_type(req.get_param_as_bool('a', True), bool)
    assert_type(req.get_param_as_bool('a', blank_as_true=False), bool | None)
    assert_type(req.get_param_as_bool('a', default=False), bool)
    assert_type(req.get_param_as_date('a', '%Y-%m', required=True), datetime.date)
    assert_type(req.get_param_as_date('a', default=datetime.date.today()), datetime.date)
    assert_type(req.get_param_as_datetime('a', required=True), datetime.datetime)
    assert_type(req.get_param_as_datetime('a'), datetime.datetime | None)
    assert_type(req.get_param_as_dict('a', True), dict[str, str])
    assert_type(req.get_param_as_dict('a', deep_object=True), dict[str, str] | None)
    assert_type(req.get_param_as_dict('a', default={}), dict[str, str])
    assert_type(req.get_param_as_json('a', required=True), Any)
    assert_type(req.get_param_as_media('a'), Any)


def lists(req: falcon.Request, transform: Callable[[str], int] | None) -> None:
    assert_type(req.get_param_as_list('a'), list[str] | None)
    assert_type(req.get_param_as_list('a', required=True), list[str])
    assert_type(req.get_param_as_list('a', default=[]), list[str])
    assert_type(req.get_param_as_list('a', int), list[int] | None)
    assert_type(req.get_param_as_list('a', int, True), list[int])
    assert_type(req.get_param_as_list('a', transform=int, required=True), list[int])
    assert_type(req.get_param_as_list('a', str.upper, default=['x']), list[str])
    assert_type(req.get_param_as_list('a', transform), list[int] | list[str] | None)


def headers(req: falcon.Request, areq: falcon.asgi.Request, resp: falcon.Response) -> None:
    assert_type(req.get_header('a'), str | None)
    assert_type(req.get_header('a', True), str)
    assert_type(req.get_header('a', default='x'), str)
    assert_type(req.get_header('a', False, 'x'), str)
    assert_type(req.get_header_as_int('a'), int | None)
    assert_type(req.get_header_as_int('a', required=True), int)
    assert_type(req.get_header_as_datetime('a', True), datetime.datetime)
    assert_type(req.get_header_as_datetime('a', obs_date=True), datetime.datetime | None)
    assert_type(req.get_cookie_values('a'), list[str] | None)
    assert_type(areq.get_param_as_int('a', required=True), int)
    assert_type(areq.get_header('a', default='x'), str)
    assert_type(resp.get_header('a'), str | None)
    assert_type(resp.get_header('a', 'x'), str)
    assert_type(resp.get_header('a', default='x'), str)
