from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from falcon import inspect
from falcon.cmd import inspect_app

APP_SOURCE = textwrap.dedent(
    """
    import falcon
    import falcon.asgi

    class Things:
        def on_get(self, req, resp):
            pass

    def handle(req, resp, ex, params):
        pass

    def create(app_class=falcon.App):
        app = app_class()
        app.add_route('/things', Things())
        app.add_error_handler(KeyError, handle)
        return app

    app = create()
    asgi_app = create(falcon.asgi.App)
    not_an_app = 42

    def make_nothing():
        return None
    """
)


@pytest.fixture
def app_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    name = f'inspected_app_{tmp_path.name}'.replace('-', '_')
    (tmp_path / f'{name}.py').write_text(APP_SOURCE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, 'path', list(sys.path))
    return name


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    inspect_app.main(argv)
    return capsys.readouterr().out


def test_reexports() -> None:
    assert inspect_app.StringVisitor is inspect.StringVisitor
    assert inspect_app.inspect_app is inspect.inspect_app
    assert inspect_app.inspect_routes is inspect.inspect_routes


@pytest.mark.parametrize(
    ('attribute', 'header'),
    [('app', '(WSGI)'), ('asgi_app', '(ASGI)'), ('create', '(WSGI)')],
)
def test_prints_the_app(
    app_module: str, attribute: str, header: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = f'{app_module}:{attribute}'
    out = run([target], capsys)
    assert out.startswith(f'{target} {header}\n• Routes:\n    ⇒ /things - Things:\n')
    assert '└── GET - on_get' in out
    assert '⇜ KeyError handle' in out
    assert 'OPTIONS' not in out


def test_routes_only_verbose_internal(app_module: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(['-r', '-v', '-i', f'{app_module}:app'], capsys)
    assert out.startswith('⇒ /things - Things (')
    assert 'OPTIONS - on_options' in out
    assert 'Falcon App' not in out and 'Error handlers' not in out


@pytest.mark.parametrize(
    ('target', 'message'),
    [
        ('{module}', 'must include a colon'),
        ('{module}:missing', "'missing' not found in module"),
        ('{module}:not_an_app', 'must be of falcon.App'),
        ('{module}:make_nothing', 'did not return a falcon.App instance'),
        ('no_such_module_here:app', 'Cannot import module'),
    ],
)
def test_errors(
    app_module: str, target: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc_info:
        inspect_app.main([target.format(module=app_module)])
    assert exc_info.value.code == 2
    assert message in capsys.readouterr().err


def test_parser_options() -> None:
    args = inspect_app.make_parser().parse_args(['--route_only', '--verbose', 'm:a'])
    assert (args.route_only, args.verbose, args.internal, args.app_module) == (
        True,
        True,
        False,
        'm:a',
    )


def test_route_main_warns(
    app_module: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, 'argv', ['falcon-print-routes', f'{app_module}:app'])
    inspect_app.route_main()
    out = capsys.readouterr().out
    assert out.startswith('The "falcon-print-routes" command is deprecated')
    assert '⇒ /things - Things' in out


def test_runs_as_a_module(app_module: str) -> None:
    done = subprocess.run(
        [sys.executable, '-m', 'falcon.cmd.inspect_app', f'{app_module}:app'],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.startswith(f'{app_module}:app (WSGI)\n')


HOOKED_SOURCE = textwrap.dedent(
    """
    import falcon
    import falcon.asgi

    def check(req, resp, resource, params):
        pass

    def stamp(req, resp, resource):
        pass

    class Hooked:
        @falcon.before(check)
        @falcon.after(stamp)
        def on_get(self, req, resp):
            pass

        def on_put(self, req, resp):
            pass

    @falcon.before(check)
    class AllHooked:
        async def on_post(self, req, resp):
            pass

    def create(app_class=falcon.App):
        app = app_class()
        app.add_route('/hooked', Hooked())
        app.add_route('/all', AllHooked())
        return app

    app = create()
    asgi_app = create(falcon.asgi.App)
    """
)


@pytest.mark.parametrize('attribute', ['app', 'asgi_app'])
def test_verbose_locates_hooked_responders_at_their_def_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    attribute: str,
) -> None:
    name = f'hooked_app_{tmp_path.name}'.replace('-', '_')
    path = tmp_path / f'{name}.py'
    path.write_text(HOOKED_SOURCE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, 'path', [str(tmp_path), *sys.path])
    lines = HOOKED_SOURCE.splitlines()

    def line_of(text: str, start: int = 0) -> int:
        return lines.index(text, start) + 1

    out = run(['-r', '-v', f'{name}:{attribute}'], capsys)
    assert f'GET - on_get ({path}:{line_of("    def on_get(self, req, resp):")})' in out
    assert f'PUT - on_put ({path}:{line_of("    def on_put(self, req, resp):")})' in out
    assert f'POST - on_post ({path}:{line_of("    async def on_post(self, req, resp):")})' in out
    assert f'⇒ /hooked - Hooked ({path}:{line_of("class Hooked:")})' in out
    assert '_hooks.py' not in out
