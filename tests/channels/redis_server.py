"""A ``redis-server`` process on a free loopback port, with an append-only file so that it
keeps its data across a restart (Debian's package; ``make test`` installs it)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.ports import free_port

REDIS_SERVER = shutil.which('redis-server')


class RedisServer:
    """A redis-server process with an append-only file, which can be restarted."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None
        self.url = f'redis://127.0.0.1:{self.port}/0'

    def start(self) -> None:
        assert REDIS_SERVER is not None
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                '--port', str(self.port),
                '--bind', '127.0.0.1',
                '--dir', str(self.directory),
                '--appendonly', 'yes',
                '--appendfsync', 'always',
                '--save', '',
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(('127.0.0.1', self.port), timeout=0.2):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            process.terminate()
            process.wait(10)
