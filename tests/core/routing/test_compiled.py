from __future__ import annotations

import uuid
from datetime import datetime

import pytest

from falcon.core._constants import COMBINED_METHODS
from falcon.routing import BaseConverter, CompiledRouter, compiled
from falcon.routing.compiled import (
    CompiledRouterNode,
    CompiledRouterOptions,
    ConverterDict,
    UnacceptableRouteError,
)
from falcon.routing.util import SuffixedMethodNotFoundError


class Resource:
    def __init__(self, name=''):
        self.name = name

    def on_get(self, req, resp, **kwargs):
        pass

    def on_post(self, req, resp, **kwargs):
        pass

    def on_get_item(self, req, resp, **kwargs):
        pass

    def __repr__(self):
        return f'Resource({self.name!r})'


ROUTES = [
    '/',
    '/repos',
    '/repos/{org}',
    '/repos/{org}/{repo}',
    '/repos/{org}/{repo}/commits',
    '/repos/{org}/{repo}/compare/{usr0}:{branch0}...{usr1}:{branch1}',
    '/repos/{org}/{repo}/compare/{usr0}:{branch0}',
    '/repos/{org}/{repo}/compare/all',
    '/teams/{id:int}',
    '/teams/{id:int}/members',
    '/teams/default',
    '/teams/default/members/thing',
    '/items/{id}.{ext}',
    '/items/{id}',
    '/items/{id}/',
    '/files/{rest:path}',
    '/files/special/file',
    '/emojis/signs/{id:int(2)}.png',
    '/emojis/signs/{name}',
    '/cal/{day:dt("%Y-%m-%d")}',
    '/things/{u:uuid}',
    '/prices/{p:float(min=0)}',
    '/v{version:int(min=1, max=9)}/status',
    '/cars/{id:int}/parts',
    '/cars/{id:int}.{ext}',
    '/p/{x}/z',
    '/{first}/q/w',
    '/trailing/',
]


@pytest.fixture(scope='module')
def router():
    router = CompiledRouter()
    for template in ROUTES:
        router.add_route(template, Resource(template))
    return router


_UUID = uuid.UUID('5b0ae3a4-ba8c-4f1a-ab8f-b2de3a4b7a63')


@pytest.mark.parametrize(
    ('uri', 'template', 'params'),
    [
        ('/', '/', {}),
        ('', '/', {}),
        ('/repos', '/repos', {}),
        ('//repos', '/repos', {}),
        ('/repos/falcon', '/repos/{org}', {'org': 'falcon'}),
        ('/repos/falcon/falcon', '/repos/{org}/{repo}', {'org': 'falcon', 'repo': 'falcon'}),
        (
            '/repos/racer/falcon/commits',
            '/repos/{org}/{repo}/commits',
            {'org': 'racer', 'repo': 'falcon'},
        ),
        (
            '/repos/racer/falcon/compare/johndoe:master...janedoe:dev',
            '/repos/{org}/{repo}/compare/{usr0}:{branch0}...{usr1}:{branch1}',
            {
                'org': 'racer',
                'repo': 'falcon',
                'usr0': 'johndoe',
                'branch0': 'master',
                'usr1': 'janedoe',
                'branch1': 'dev',
            },
        ),
        (
            '/repos/racer/falcon/compare/johndoe:master',
            '/repos/{org}/{repo}/compare/{usr0}:{branch0}',
            {'org': 'racer', 'repo': 'falcon', 'usr0': 'johndoe', 'branch0': 'master'},
        ),
        (
            '/repos/racer/falcon/compare/all',
            '/repos/{org}/{repo}/compare/all',
            {'org': 'racer', 'repo': 'falcon'},
        ),
        ('/repos/racer/falcon/compare/nocolon', None, None),
        ('/repos/racer/falcon/compare', None, None),
        ('/repos/racer/falcon/commits/extra', None, None),
        ('/teams/42', '/teams/{id:int}', {'id': 42}),
        ('/teams/42/members', '/teams/{id:int}/members', {'id': 42}),
        ('/teams/default', '/teams/default', {}),
        ('/teams/default/members', None, None),
        ('/teams/default/members/thing', '/teams/default/members/thing', {}),
        ('/teams/x/members', None, None),
        ('/teams/-3', '/teams/{id:int}', {'id': -3}),
        ('/teams/ 3', None, None),
        ('/items/42.json', '/items/{id}.{ext}', {'id': '42', 'ext': 'json'}),
        ('/items/a.tar.gz', '/items/{id}.{ext}', {'id': 'a.tar', 'ext': 'gz'}),
        ('/items/42', '/items/{id}', {'id': '42'}),
        ('/items/.json', '/items/{id}', {'id': '.json'}),
        ('/items/', '/items/{id}', {'id': ''}),
        ('/items/42/', '/items/{id}/', {'id': '42'}),
        ('/items/42/x', None, None),
        ('/files/a/b/c.txt', '/files/{rest:path}', {'rest': 'a/b/c.txt'}),
        ('/files/special/file', '/files/special/file', {}),
        ('/files/special/other', '/files/{rest:path}', {'rest': 'special/other'}),
        ('/files/special', '/files/{rest:path}', {'rest': 'special'}),
        ('/files/', '/files/{rest:path}', {'rest': ''}),
        ('/files//x', '/files/{rest:path}', {'rest': '/x'}),
        ('/files', None, None),
        ('/emojis/signs/42.png', '/emojis/signs/{id:int(2)}.png', {'id': 42}),
        ('/emojis/signs/420.png', '/emojis/signs/{name}', {'name': '420.png'}),
        ('/emojis/signs/stop', '/emojis/signs/{name}', {'name': 'stop'}),
        ('/cal/2024-02-29', '/cal/{day:dt("%Y-%m-%d")}', {'day': datetime(2024, 2, 29)}),
        ('/cal/2023-02-29', None, None),
        ('/things/' + str(_UUID), '/things/{u:uuid}', {'u': _UUID}),
        ('/things/nope', None, None),
        ('/prices/9.5', '/prices/{p:float(min=0)}', {'p': 9.5}),
        ('/prices/-1', None, None),
        ('/v1/status', '/v{version:int(min=1, max=9)}/status', {'version': 1}),
        ('/v0/status', None, None),
        ('/v10/status', None, None),
        ('/cars/7/parts', '/cars/{id:int}/parts', {'id': 7}),
        ('/cars/7.json', '/cars/{id:int}.{ext}', {'id': 7, 'ext': 'json'}),
        ('/cars/x.json', None, None),
        ('/cars/beetle/parts', None, None),
        ('/p/q/z', '/p/{x}/z', {'x': 'q'}),
        ('/p/q/w', '/{first}/q/w', {'first': 'p'}),
        ('/teams/q/w', '/{first}/q/w', {'first': 'teams'}),
        ('/trailing/', '/trailing/', {}),
        ('/trailing', None, None),
        ('/nope', None, None),
        ('/nope/q', None, None),
    ],
)
def test_find(router, uri, template, params):
    result = router.find(uri)
    if template is None:
        assert result is None
        return
    assert result is not None
    resource, method_map, found_params, found_template = result
    assert found_template == template
    assert resource.name == template
    assert found_params == params
    assert method_map['GET'] == resource.on_get
    assert set(method_map) == set(COMBINED_METHODS)


def test_find_returns_fresh_params(router):
    first = router.find('/repos/a')
    first[2]['org'] = 'changed'
    assert router.find('/repos/a')[2] == {'org': 'a'}


def test_find_accepts_request(router):
    assert router.find('/repos', req=object())[3] == '/repos'


def test_finder_src(router):
    source = router.finder_src
    assert source.startswith('def find(path):')
    assert source.rstrip().endswith('return None')
    assert '.get(s0)' in source


@pytest.mark.parametrize(
    ('existing', 'template'),
    [
        ('/a/{x}', '/a/{y}'),
        ('/a/{x}', '/a/{y}/b'),
        ('/a/{x}/b', '/a/{y}'),
        ('/a/{x:int}', '/a/{x}'),
        ('/a/{x:int}', '/a/{x:int(2)}'),
        ('/a/{x:path}', '/a/{x}'),
        ('/a/{x}.{y}', '/a/{p}.{q}'),
        ('/a/{x:int}.{y}', '/a/{x}.{y}'),
        ('/{x}', '/{y}'),
    ],
)
def test_conflicting_templates(existing, template):
    router = CompiledRouter()
    router.add_route(existing, Resource())
    source = router.finder_src
    with pytest.raises(UnacceptableRouteError) as info:
        router.add_route(template, Resource())
    assert 'conflicts' in str(info.value)
    assert isinstance(info.value, ValueError)
    assert router.finder_src == source


@pytest.mark.parametrize(
    ('existing', 'template', 'uri'),
    [
        ('/a/{x}', '/a/{x}/b', '/a/1/b'),
        ('/a/{x}', '/a/{x}.json', '/a/1.json'),
        ('/a/{x}.{y}', '/a/{x}-{y}', '/a/1-2'),
        ('/a/{x}', '/a/b', '/a/b'),
        ('/a', '/a/', '/a/'),
        ('/a/{x:path}', '/a/b/c', '/a/b/c'),
    ],
)
def test_compatible_templates(existing, template, uri):
    router = CompiledRouter()
    router.add_route(existing, Resource(existing))
    router.add_route(template, Resource(template))
    assert router.find(uri)[3] == template


@pytest.mark.parametrize(
    ('template', 'message'),
    [
        ('a', "must start with '/'"),
        ('/a//b', "'//'"),
        ('/a/{b', "unbalanced '{'"),
        ('/a/{b}}', "unbalanced '}'"),
        ('/a/{b c}', 'valid identifiers'),
        ('/a/{def}', 'valid identifiers'),
        ('/a /b', 'whitespace'),
        ('/{x}/{x}', 'duplicated'),
        ('/{x:unknown}', "unknown converter 'unknown'"),
        ('/{x:int(nope=1)}', 'rejects its arguments'),
        ('/{x:int(open(1))}', 'cannot read the arguments'),
        ('/{x:path}/b', 'cannot use converter'),
        ('/{x:path}.json', 'cannot use converter'),
        ('/a/{x:path}/{y}', 'cannot use converter'),
    ],
)
def test_invalid_templates(template, message):
    router = CompiledRouter()
    router.add_route('/keep', Resource())
    with pytest.raises(ValueError) as info:
        router.add_route(template, Resource())
    assert message in str(info.value)
    assert [node.raw_segment for node in router._roots] == ['keep']


def test_template_must_be_str():
    with pytest.raises(TypeError):
        CompiledRouter().add_route(None, Resource())  # type: ignore[arg-type]


def test_readding_template_replaces_resource():
    router = CompiledRouter()
    first, second = Resource('first'), Resource('second')
    router.add_route('/a/{x}', first)
    assert router.find('/a/1')[0] is first
    router.add_route('/a/{x}', second)
    assert router.find('/a/1')[0] is second


def test_route_added_after_compile_is_found():
    router = CompiledRouter()
    router.add_route('/a', Resource())
    assert router.find('/b') is None
    router.add_route('/b', Resource())
    assert router.find('/b')[3] == '/b'
    assert "'b'" in router.finder_src


def test_compile_now():
    router = CompiledRouter()
    router.add_route('/a', Resource(), compile=True)
    assert router._finder_src is not None
    assert router.find('/a')[3] == '/a'


def test_empty_router():
    router = CompiledRouter()
    assert router.find('/') is None
    assert router.find('/anything') is None


def test_suffix():
    router = CompiledRouter()
    resource = Resource()
    router.add_route('/items', resource)
    router.add_route('/items/{id}', resource, suffix='item')
    assert router.find('/items')[1]['GET'] == resource.on_get
    method_map = router.find('/items/1')[1]
    assert method_map['GET'] == resource.on_get_item
    assert method_map['POST'].__falcon_builtin__ is True


def test_missing_suffix():
    with pytest.raises(SuffixedMethodNotFoundError):
        CompiledRouter().add_route('/items', Resource(), suffix='nope')


def test_explicit_method_map():
    def handler(req, resp):
        pass

    router = CompiledRouter()
    explicit = {'GET': handler}
    router.add_route('/a', Resource(), method_map=explicit)
    method_map = router.find('/a')[1]
    assert method_map['GET'] is handler
    assert method_map['PUT'].__falcon_builtin__ is True
    assert explicit == {'GET': handler}


def test_map_http_methods_uses_options():
    class WithRequest:
        def on_request(self, req, resp):
            pass

    router = CompiledRouter()
    assert router.map_http_methods(WithRequest()) == {}
    router.options.default_to_on_request = True
    resource = WithRequest()
    router.add_route('/a', resource)
    method_map = router.find('/a')[1]
    assert method_map['GET'] == resource.on_request
    assert method_map['OPTIONS'] == resource.on_request


def test_many_routes():
    router = CompiledRouter()
    templates = []
    for index in range(150):
        templates += [
            f'/r{index}',
            f'/r{index}/items/{{id:int}}',
            f'/r{index}/items/{{id:int}}/{{name}}.{{ext}}',
            f'/shared/s{index}',
        ]
    templates.append('/shared/{other}')
    for template in templates:
        router.add_route(template, Resource(template))
    for index in range(150):
        assert router.find(f'/r{index}')[3] == f'/r{index}'
        assert router.find(f'/r{index}/items/7')[2] == {'id': 7}
        assert router.find(f'/r{index}/items/7/a.b')[2] == {'id': 7, 'name': 'a', 'ext': 'b'}
        assert router.find(f'/r{index}/items/x') is None
        assert router.find(f'/shared/s{index}')[3] == f'/shared/s{index}'
    assert router.find('/shared/s150')[2] == {'other': 's150'}
    assert router.find('/r150') is None
    assert router.find('/shared') is None


class Lowercase(BaseConverter):
    def __init__(self, strict=False):
        self.strict = strict

    def convert(self, value):
        if value.islower():
            return value
        return None if self.strict else value.lower()


class Depth(BaseConverter):
    CONSUME_MULTIPLE_SEGMENTS = True

    def convert(self, value):
        value = list(value)
        return len(value) if value and all(value) else None


def test_custom_converters():
    router = CompiledRouter()
    router.options.converters['lower'] = Lowercase
    router.options.converters['depth'] = Depth
    router.add_route('/strict/{word:lower(strict=True)}', Resource('strict'))
    router.add_route('/strict/{word:lower(True)}.txt', Resource('strict-txt'))
    router.add_route('/any/{word:lower}', Resource('any'))
    router.add_route('/deep/{n:depth}', Resource('deep'))
    assert router.find('/strict/abc')[2] == {'word': 'abc'}
    assert router.find('/strict/ABC') is None
    assert router.find('/strict/abc.txt')[2] == {'word': 'abc'}
    assert router.find('/strict/ABC.txt') is None
    assert router.find('/strict/x.y.txt')[2] == {'word': 'x.y'}
    assert router.find('/any/ABC')[2] == {'word': 'abc'}
    assert router.find('/deep/a/b/c')[2] == {'n': 3}
    assert router.find('/deep/a//c') is None


def test_custom_multi_segment_converter_must_be_last():
    router = CompiledRouter()
    router.options.converters['depth'] = Depth
    with pytest.raises(UnacceptableRouteError):
        router.add_route('/deep/{n:depth}/x', Resource())


def test_options():
    options = CompiledRouter().options
    assert isinstance(options, CompiledRouterOptions)
    assert isinstance(options.converters, ConverterDict)
    assert set(options.converters) >= {'int', 'uuid', 'dt', 'float', 'path'}
    assert options.default_to_on_request is False


@pytest.mark.parametrize('name', ['', '1abc', 'has space', 'dash-name', 'ünï'])
def test_converter_dict_rejects_invalid_names(name):
    with pytest.raises(ValueError):
        CompiledRouterOptions().converters[name] = Lowercase


def test_nodes():
    router = CompiledRouter()
    resource = Resource()
    router.add_route('/a/{x:int}/{y}.{z}', resource)
    router.add_route('/a/b', resource)
    (root,) = router._roots
    assert root.raw_segment == 'a' and root.resource is None and root.uri_template is None
    assert [child.raw_segment for child in root.children] == ['b', '{x:int}']
    static, var = root.children
    assert static.uri_template == '/a/b' and static.resource is resource
    assert var.is_var and not var.is_complex and var.var_name == 'x'
    assert var.var_converter_map == [('x', 'int', None)]
    (leaf,) = var.children
    assert leaf.is_var and leaf.is_complex and leaf.var_name is None


@pytest.mark.parametrize(
    ('raw', 'other', 'matches', 'conflicts'),
    [
        ('a', 'a', True, False),
        ('a', 'b', False, False),
        ('a', '{x}', False, False),
        ('{x}', 'a', False, False),
        ('{x}', '{y}', False, True),
        ('{x}', '{x:int}', False, True),
        ('{x}', '{x}.{y}', False, False),
        ('{x}.{y}', '{a}.{b}', False, True),
        ('{x}.{y}', '{a}-{b}', False, False),
        ('{x}.{y}', '{x}', False, False),
    ],
)
def test_node_matches_and_conflicts(raw, other, matches, conflicts):
    node = CompiledRouterNode(raw)
    assert node.matches(other) is matches
    assert node.conflicts_with(other) is conflicts


def test_public_module_exports():
    for name in (
        'CompiledRouter',
        'CompiledRouterNode',
        'CompiledRouterOptions',
        'ConverterDict',
        'UnacceptableRouteError',
        'map_http_methods',
        'set_default_responders',
    ):
        assert name in compiled.__all__


def test_deep_templates_compile_into_helpers():
    router = CompiledRouter()
    template = ''.join(f'/s{i}/{{v{i}:int}}' for i in range(32))
    complex_template = template[: template.rindex('/')] + '/{x}.{y}'
    router.add_route(template, Resource('deep'))
    router.add_route(complex_template, Resource('deep-complex'))
    path = ''.join(f'/s{i}/{i}' for i in range(32))
    assert router.find(path)[2] == {f'v{i}': i for i in range(32)}
    found = router.find(path[: path.rindex('/')] + '/a.b')
    assert found[3] == complex_template
    assert found[2]['x'] == 'a' and found[2]['y'] == 'b' and found[2]['v30'] == 30
    assert router.find(path + '/x') is None
    assert router.find(path[: path.rindex('/')] + '/x') is None
    assert router.finder_src.count('def ') > 1


def test_too_many_segments():
    router = CompiledRouter()
    router.add_route('/a' * 64, Resource())
    with pytest.raises(UnacceptableRouteError) as info:
        router.add_route('/a' * 65, Resource())
    assert 'at most 64 segments' in str(info.value)


def test_long_request_paths_do_not_match():
    router = CompiledRouter()
    router.add_route('/a/{rest:path}', Resource())
    router.add_route('/b/{x}', Resource())
    assert router.find('/b' + '/x' * 100_000) is None
    assert router.find('/a' + '/x' * 100_000)[2]['rest'].count('x') == 100_000
