"""Start example apps under real servers on free loopback ports.

Each server is a subprocess of this interpreter with ``examples/`` and the repository on
``PYTHONPATH``; its stdout and stderr go to files so a test can read what the app printed.
A server kind (see ``SERVER_KINDS``) names a server and the way it runs the app: gunicorn's
sync worker, its threaded worker, two preloaded workers; uvicorn with one or two workers;
hypercorn serving ASGI or WSGI; granian's WSGI and ASGI interfaces. ``WSGI_SERVERS`` and
``ASGI_SERVERS`` list the kinds for each kind of app.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / 'examples'
STARTUP_TIMEOUT = 30.0


@dataclass
class Server:
    """A running server: its name, base URL, process and captured output files."""

    name: str
    url: str
    port: int
    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path

    def stdout(self) -> str:
        """Everything the server process has written to stdout so far."""
        return self.stdout_path.read_text(errors='replace')

    def stderr(self) -> str:
        """Everything the server process has written to stderr so far."""
        return self.stderr_path.read_text(errors='replace')


def _gunicorn_has_control_socket() -> bool:
    from gunicorn.config import KNOWN_SETTINGS  # type: ignore[import-untyped]

    return any(setting.name == 'control_socket_disable' for setting in KNOWN_SETTINGS)


def _gunicorn(target: str, port: int, *options: str) -> list[str]:
    command = [
        sys.executable, '-m', 'gunicorn', target,
        '-b', f'127.0.0.1:{port}', '--log-level', 'warning', *options,
    ]  # fmt: skip
    if _gunicorn_has_control_socket():
        command.append('--no-control-socket')
    return command


def _uvicorn(target: str, port: int, *options: str) -> list[str]:
    return [
        sys.executable, '-m', 'uvicorn', target,
        '--host', '127.0.0.1', '--port', str(port),
        '--no-access-log', '--log-level', 'warning', '--lifespan', 'auto', *options,
    ]  # fmt: skip


def _hypercorn(target: str, port: int) -> list[str]:
    return [
        sys.executable, '-m', 'hypercorn', target,
        '-b', f'127.0.0.1:{port}', '--log-level', 'warning', '-w', '0',
    ]  # fmt: skip


def _granian(target: str, port: int, interface: str, *options: str) -> list[str]:
    return [
        sys.executable, '-m', 'granian', target,
        '--interface', interface, '--host', '127.0.0.1', '--port', str(port),
        '--workers', '1', '--runtime-threads', '2', '--no-access-log',
        '--log-level', 'warning', *options,
    ]  # fmt: skip


# kind -> (the kind of app it serves, the command line for (target, port))
SERVER_KINDS: dict[str, tuple[str, Callable[[str, int], list[str]]]] = {
    # gunicorn's default sync worker: one request at a time.
    'gunicorn': ('wsgi', lambda target, port: _gunicorn(target, port, '-w', '1')),
    # One process, eight threads taking requests concurrently.
    'gunicorn-gthread': (
        'wsgi',
        lambda target, port: _gunicorn(target, port, '-w', '1', '-k', 'gthread', '--threads', '8'),
    ),
    # The app imported once in the arbiter, then two forked workers.
    'gunicorn-preload': (
        'wsgi',
        lambda target, port: _gunicorn(target, port, '-w', '2', '--preload'),
    ),
    'uvicorn': ('asgi', lambda target, port: _uvicorn(target, port)),
    'uvicorn-2': ('asgi', lambda target, port: _uvicorn(target, port, '--workers', '2')),
    'hypercorn': ('asgi', lambda target, port: _hypercorn(f'asgi:{target}', port)),
    # hypercorn runs a WSGI app on its event loop's thread pool.
    'hypercorn-wsgi': ('wsgi', lambda target, port: _hypercorn(f'wsgi:{target}', port)),
    # granian's Rust server; WSGI calls run on eight blocking threads.
    'granian-wsgi': (
        'wsgi',
        lambda target, port: _granian(target, port, 'wsgi', '--blocking-threads', '4'),
    ),
    'granian-asgi': ('asgi', lambda target, port: _granian(target, port, 'asgi')),
}

WSGI_SERVERS = tuple(kind for kind, (app, _) in SERVER_KINDS.items() if app == 'wsgi')
ASGI_SERVERS = tuple(kind for kind, (app, _) in SERVER_KINDS.items() if app == 'asgi')


def server_command(kind: str, target: str, port: int) -> list[str]:
    """The command line that serves ``target`` (``module:attribute``) with ``kind``."""
    try:
        _app_kind, command = SERVER_KINDS[kind]
    except KeyError:
        raise ValueError(f'unknown server kind {kind!r}') from None
    return command(target, port)


def _launch(kind: str, target: str, log_dir: Path) -> Server:
    port = free_port()
    name = f'{kind}:{target}'
    stem = f'{kind}-{target.replace(":", "-")}-{port}'
    stdout_path = log_dir / f'{stem}.out'
    stderr_path = log_dir / f'{stem}.err'
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        filter(None, [str(EXAMPLES), str(REPO), env.get('PYTHONPATH')])
    )
    env['PYTHONUNBUFFERED'] = '1'
    with open(stdout_path, 'wb') as out, open(stderr_path, 'wb') as err:
        process = subprocess.Popen(
            server_command(kind, target, port),
            cwd=EXAMPLES,
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    return Server(name, f'http://127.0.0.1:{port}', port, process, stdout_path, stderr_path)


def _wait_until_listening(server: Server, deadline: float) -> None:
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(
                f'{server.name} exited with {server.process.returncode}:\n{server.stderr()}'
            )
        with contextlib.suppress(OSError):
            with socket.create_connection(('127.0.0.1', server.port), timeout=0.5):
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f'{server.name} did not listen in time:\n{server.stderr()}')
        time.sleep(0.05)


def _stop(servers: list[Server]) -> None:
    """Ask every server to stop at once and wait for each; after 10 s, or once its main
    process is gone, kill whatever is left of its process group (a hung worker)."""
    for server in servers:
        if server.process.poll() is None:
            server.process.terminate()
    deadline = time.monotonic() + 10
    for server in servers:
        try:
            server.process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)


@contextlib.contextmanager
def serving(specs: list[tuple[str, str]], log_dir: Path) -> Iterator[list[Server]]:
    """Start one server per ``(kind, target)`` at once; stop them all on exit.

    Yields the servers in the order of ``specs`` once every one of them accepts connections.
    """
    servers: list[Server] = []
    try:
        for kind, target in specs:
            servers.append(_launch(kind, target, log_dir))
        deadline = time.monotonic() + STARTUP_TIMEOUT
        for server in servers:
            _wait_until_listening(server, deadline)
        yield servers
    finally:
        _stop(servers)
