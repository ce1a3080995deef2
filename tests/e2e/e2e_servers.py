"""Start example apps under real servers (uvicorn, gunicorn) on free loopback ports.

Each server is a subprocess of this interpreter with ``examples/`` and the repository on
``PYTHONPATH``; its stdout and stderr go to files so a test can read what the app printed.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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


def free_port() -> int:
    """A loopback TCP port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(('127.0.0.1', 0))
        return int(probe.getsockname()[1])


def _gunicorn_has_control_socket() -> bool:
    from gunicorn.config import KNOWN_SETTINGS  # type: ignore[import-untyped]

    return any(setting.name == 'control_socket_disable' for setting in KNOWN_SETTINGS)


def server_command(kind: str, target: str, port: int) -> list[str]:
    """The command line that serves ``target`` (``module:attribute``) with ``kind``."""
    if kind == 'uvicorn':
        return [
            sys.executable, '-m', 'uvicorn', target,
            '--host', '127.0.0.1', '--port', str(port),
            '--no-access-log', '--log-level', 'warning', '--lifespan', 'auto',
        ]  # fmt: skip
    if kind == 'gunicorn':
        command = [
            sys.executable, '-m', 'gunicorn', target,
            '-w', '1', '-b', f'127.0.0.1:{port}', '--log-level', 'warning',
        ]  # fmt: skip
        if _gunicorn_has_control_socket():
            command.append('--no-control-socket')
        return command
    raise ValueError(f'unknown server kind {kind!r}')


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


def _stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
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
        for server in servers:
            _stop(server)
