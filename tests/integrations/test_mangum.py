"""mangum (``Mangum(app)``) running ``falcon.asgi.App`` as an AWS Lambda handler.

The handler is called as Lambda calls it, with an API Gateway event dict (REST API v1 or
HTTP API v2) and a context object. mangum turns the event into an ASGI scope, runs the
lifespan protocol around every invocation (``lifespan='auto'``: startup, the request,
shutdown, with a ``state`` dict), and turns the response events into the Lambda response
dict, base64-encoding bodies whose content type is not text.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

pytest.importorskip('mangum')

from mangum import Mangum
from mangum.exceptions import LifespanFailure

import falcon
import falcon.asgi

PNG = b'\x89PNG\r\n\x1a\n\x00\xff\x00binary'


class LambdaContext:
    function_name = 'falcon-app'
    function_version = '$LATEST'
    aws_request_id = 'c6af9ac6-7b61-11e6-9a41-93e812345678'
    memory_limit_in_mb = 128

    def get_remaining_time_in_millis(self) -> int:
        return 3000


class Lifespan:
    def __init__(self, events: list[str], fail: bool = False) -> None:
        self.events = events
        self.fail = fail

    async def process_startup(self, scope: Any, event: Any) -> None:
        self.events.append('startup')
        if self.fail:
            raise RuntimeError('no database')
        scope['state']['pool'] = 'ready'

    async def process_shutdown(self, scope: Any, event: Any) -> None:
        self.events.append('shutdown')


class Items:
    def __init__(self, events: list[str]) -> None:
        self.events = events

    async def on_get(self, req: Any, resp: Any, item_id: int) -> None:
        self.events.append('request')
        resp.media = {
            'id': item_id,
            'q': req.get_param_as_list('q'),
            'scheme': req.scheme,
            'host': req.host,
            'remote_addr': req.remote_addr,
            'cookie': req.get_cookie_values('session'),
            'state': req.scope.get('state', {}).get('pool'),
            'aws_request_id': req.scope['aws.context'].aws_request_id,
        }
        resp.set_header('X-Item', str(item_id))
        resp.set_cookie('a', '1')
        resp.set_cookie('b', '2')

    async def on_post(self, req: Any, resp: Any, item_id: int) -> None:
        self.events.append('request')
        resp.status = falcon.HTTP_201
        resp.media = {'id': item_id, 'received': await req.get_media()}


class Image:
    async def on_get(self, req: Any, resp: Any) -> None:
        resp.content_type = 'image/png'
        resp.data = PNG


def _handler(events: list[str], **kwargs: Any) -> Mangum:
    app = falcon.asgi.App(middleware=[Lifespan(events, kwargs.pop('fail', False))])
    app.add_route('/items/{item_id:int}', Items(events))
    app.add_route('/image', Image())
    return Mangum(app, **kwargs)


def _v1_event(method: str, path: str, **extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        'resource': '/{proxy+}',
        'path': path,
        'httpMethod': method,
        'headers': {
            'Host': 'abc123.execute-api.us-east-1.amazonaws.com',
            'X-Forwarded-Proto': 'https',
            'X-Forwarded-Port': '443',
            'Cookie': 'session=s1',
        },
        'multiValueHeaders': {},
        'queryStringParameters': None,
        'multiValueQueryStringParameters': None,
        'pathParameters': {'proxy': path.lstrip('/')},
        'stageVariables': None,
        'requestContext': {
            'resourcePath': '/{proxy+}',
            'httpMethod': method,
            'path': '/prod' + path,
            'stage': 'prod',
            'identity': {'sourceIp': '203.0.113.7'},
        },
        'body': None,
        'isBase64Encoded': False,
    }
    event.update(extra)
    return event


def _v2_event(method: str, path: str, **extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        'version': '2.0',
        'routeKey': '$default',
        'rawPath': path,
        'rawQueryString': '',
        'cookies': ['session=s2'],
        'headers': {
            'host': 'xyz.lambda-url.us-east-1.on.aws',
            'x-forwarded-proto': 'https',
            'x-forwarded-port': '443',
        },
        'requestContext': {
            'http': {
                'method': method,
                'path': path,
                'protocol': 'HTTP/1.1',
                'sourceIp': '198.51.100.9',
            },
            'routeKey': '$default',
            'stage': '$default',
        },
        'isBase64Encoded': False,
    }
    event.update(extra)
    return event


def test_api_gateway_v1_get() -> None:
    events: list[str] = []
    handler = _handler(events)
    event = _v1_event(
        'GET',
        '/items/5',
        queryStringParameters={'q': 'b'},
        multiValueQueryStringParameters={'q': ['a', 'b']},
    )
    response = handler(event, LambdaContext())

    assert events == ['startup', 'request', 'shutdown']
    assert response['statusCode'] == 200
    assert response['isBase64Encoded'] is False
    body = json.loads(response['body'])
    assert body == {
        'id': 5,
        'q': ['a', 'b'],
        'scheme': 'https',
        'host': 'abc123.execute-api.us-east-1.amazonaws.com',
        'remote_addr': '203.0.113.7',
        'cookie': ['s1'],
        'state': 'ready',
        'aws_request_id': LambdaContext.aws_request_id,
    }
    assert response['headers'] == {
        'content-type': 'application/json',
        'content-length': str(len(response['body'])),
        'x-item': '5',
    }
    assert response['multiValueHeaders'] == {
        'set-cookie': ['a=1; HttpOnly; Secure', 'b=2; HttpOnly; Secure']
    }


def test_api_gateway_v1_post_with_a_base64_body() -> None:
    events: list[str] = []
    payload = json.dumps({'name': 'widget'}).encode()
    event = _v1_event(
        'POST',
        '/items/8',
        headers={'Host': 'abc123.execute-api.us-east-1.amazonaws.com'},
        multiValueHeaders={'Content-Type': ['application/json']},
        body=base64.b64encode(payload).decode(),
        isBase64Encoded=True,
    )
    response = _handler(events)(event, LambdaContext())
    assert response['statusCode'] == 201
    assert json.loads(response['body']) == {'id': 8, 'received': {'name': 'widget'}}
    assert response['isBase64Encoded'] is False


def test_api_gateway_v2_get_with_cookies() -> None:
    events: list[str] = []
    event = _v2_event('GET', '/items/9', rawQueryString='q=x')
    response = _handler(events)(event, LambdaContext())

    assert events == ['startup', 'request', 'shutdown']
    assert response['statusCode'] == 200
    assert response['isBase64Encoded'] is False
    assert json.loads(response['body']) == {
        'id': 9,
        'q': ['x'],
        'scheme': 'https',
        'host': 'xyz.lambda-url.us-east-1.on.aws',
        'remote_addr': '198.51.100.9',
        'cookie': ['s2'],
        'state': 'ready',
        'aws_request_id': LambdaContext.aws_request_id,
    }
    assert response['headers'] == {
        'content-type': 'application/json',
        'content-length': str(len(response['body'])),
        'x-item': '9',
    }
    assert response['cookies'] == ['a=1; HttpOnly; Secure', 'b=2; HttpOnly; Secure']


def test_api_gateway_v2_post_json() -> None:
    event = _v2_event(
        'POST',
        '/items/3',
        headers={'host': 'xyz.lambda-url.us-east-1.on.aws', 'content-type': 'application/json'},
        body='{"size": 2}',
    )
    response = _handler([])(event, LambdaContext())
    assert response['statusCode'] == 201
    assert json.loads(response['body']) == {'id': 3, 'received': {'size': 2}}


def test_binary_body_is_base64_encoded() -> None:
    for event in (_v1_event('GET', '/image'), _v2_event('GET', '/image')):
        response = _handler([])(event, LambdaContext())
        assert response['statusCode'] == 200
        assert response['isBase64Encoded'] is True
        assert base64.b64decode(response['body']) == PNG
        assert response['headers']['content-type'] == 'image/png'
        assert response['headers']['content-length'] == str(len(PNG))


def test_errors_are_falcon_error_responses() -> None:
    not_found = _handler([])(_v2_event('GET', '/missing'), LambdaContext())
    assert not_found['statusCode'] == 404
    assert json.loads(not_found['body']) == {'title': '404 Not Found'}
    assert not_found['isBase64Encoded'] is False

    bad_method = _handler([])(_v1_event('DELETE', '/items/1'), LambdaContext())
    assert bad_method['statusCode'] == 405
    assert bad_method['headers']['allow'] == 'GET, POST, OPTIONS'

    bad_json = _v2_event(
        'POST',
        '/items/3',
        headers={'host': 'h', 'content-type': 'application/json'},
        body='{nope',
    )
    response = _handler([])(bad_json, LambdaContext())
    assert response['statusCode'] == 400
    assert json.loads(response['body'])['title'] == 'Invalid JSON'


def test_lifespan_off_skips_startup_and_shutdown() -> None:
    events: list[str] = []
    response = _handler(events, lifespan='off')(_v2_event('GET', '/items/1'), LambdaContext())
    assert events == ['request']
    assert response['statusCode'] == 200
    # Without lifespan mangum gives no state, and the request sees none.
    assert json.loads(response['body'])['state'] is None


def test_startup_failure_is_reported_to_mangum() -> None:
    events: list[str] = []
    handler = _handler(events, fail=True)
    with pytest.raises(LifespanFailure):
        handler(_v2_event('GET', '/items/1'), LambdaContext())
    assert events == ['startup']
