"""Loopback ports for servers that tests start.

Ports come from below the kernel's ephemeral range (32768 and up on Linux), so a client
connection made by another test can never hold one, and each pytest-xdist worker draws from
its own block, so two workers never pick the same port between choosing it and binding it.
"""

from __future__ import annotations

import itertools
import os
import random
import socket

_FIRST_PORT = 20_000
_BLOCK_SIZE = 500
_BLOCKS = 24


def _worker_index() -> int:
    worker = os.environ.get('PYTEST_XDIST_WORKER', '')
    return int(worker[2:]) if worker.startswith('gw') and worker[2:].isdigit() else 0


def _block_ports() -> itertools.cycle[int]:
    start = _FIRST_PORT + (_worker_index() % _BLOCKS) * _BLOCK_SIZE
    offset = random.randrange(_BLOCK_SIZE)
    ports = [start + (offset + step) % _BLOCK_SIZE for step in range(_BLOCK_SIZE)]
    return itertools.cycle(ports)


_candidates = _block_ports()


def free_port() -> int:
    """A loopback TCP port that nothing is bound to right now, from this worker's block."""
    for _ in range(_BLOCK_SIZE):
        port = next(_candidates)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(('127.0.0.1', port))
            except OSError:
                continue
            return port
    raise RuntimeError('no free loopback port in this test worker block')
