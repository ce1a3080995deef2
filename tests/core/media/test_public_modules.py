from __future__ import annotations

from typing import Any

import pytest

import falcon.media
import falcon.media.multipart
from falcon.core._errors import MultipartParseError
from falcon.core.media._handlers import Handlers, MultipartFormHandler, MultipartParseOptions
from falcon.core.media._multipart import BodyPart, MultipartForm


@pytest.mark.parametrize(
    ('module', 'names'),
    [
        (
            falcon.media,
            [
                'BaseHandler',
                'BinaryBaseHandlerWS',
                'Handlers',
                'JSONHandler',
                'JSONHandlerWS',
                'MessagePackHandler',
                'MessagePackHandlerWS',
                'MissingDependencyHandler',
                'MultipartFormHandler',
                'TextBaseHandlerWS',
                'URLEncodedFormHandler',
            ],
        ),
        (
            falcon.media.multipart,
            [
                'BodyPart',
                'MultipartForm',
                'MultipartFormHandler',
                'MultipartParseError',
                'MultipartParseOptions',
            ],
        ),
    ],
)
def test_public_names(module: Any, names: list[str]) -> None:
    assert sorted(module.__all__) == names
    for name in names:
        assert getattr(module, name) is not None


def test_public_names_are_the_core_objects() -> None:
    assert falcon.media.Handlers is Handlers
    assert falcon.media.multipart.MultipartFormHandler is falcon.media.MultipartFormHandler
    assert falcon.media.multipart.MultipartFormHandler is MultipartFormHandler
    assert falcon.media.multipart.MultipartParseOptions is MultipartParseOptions
    assert falcon.media.multipart.MultipartParseError is MultipartParseError
    assert falcon.media.multipart.BodyPart is BodyPart
    assert falcon.media.multipart.MultipartForm is MultipartForm


@pytest.mark.parametrize(
    ('cls', 'base'),
    [
        ('JSONHandler', 'BaseHandler'),
        ('MessagePackHandler', 'BaseHandler'),
        ('MultipartFormHandler', 'BaseHandler'),
        ('URLEncodedFormHandler', 'BaseHandler'),
        ('JSONHandlerWS', 'TextBaseHandlerWS'),
        ('MessagePackHandlerWS', 'BinaryBaseHandlerWS'),
        ('MissingDependencyHandler', 'BinaryBaseHandlerWS'),
    ],
)
def test_class_hierarchy(cls: str, base: str) -> None:
    assert issubclass(getattr(falcon.media, cls), getattr(falcon.media, base))
