"""What an ``async def`` responder costs in ``falcon.App`` (WSGI), next to a plain one.

Usage::

    python benchmarks/bench_wsgi_async.py              # 20 000 requests, 5 repeats
    python benchmarks/bench_wsgi_async.py -n 5000 -r 3

A hello-world responder, plain and ``async def``, is called through ``falcon.App.__call__``
by one thread and by eight threads at once (a threaded WSGI server); each line gives the
median and the best microseconds per request of the repeats. The coroutine runs on the
process's event loop thread while the calling thread waits, so the difference between the
two responders is the price of that hand-over (see docs/sync-and-async.md).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import falcon

__all__ = ['main']


class PlainHello:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.text = 'Hello, World!'


class AsyncHello:
    async def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.text = 'Hello, World!'


_ENVIRON: dict[str, Any] = {
    'REQUEST_METHOD': 'GET',
    'PATH_INFO': '/',
    'QUERY_STRING': '',
    'SERVER_NAME': 'localhost',
    'SERVER_PORT': '80',
    'SERVER_PROTOCOL': 'HTTP/1.1',
    'wsgi.url_scheme': 'http',
    'wsgi.input': io.BytesIO(),
    'wsgi.errors': io.StringIO(),
}


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
    return None


def _serve(app: falcon.App, count: int) -> None:
    for _ in range(count):
        body = app(dict(_ENVIRON), _start_response)
        if b''.join(body) != b'Hello, World!':
            raise AssertionError('unexpected body')


def _per_request_us(app: falcon.App, count: int, threads: int) -> float:
    began = time.perf_counter()
    if threads == 1:
        _serve(app, count)
    else:
        workers = [
            threading.Thread(target=_serve, args=(app, count // threads)) for _ in range(threads)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    return (time.perf_counter() - began) / count * 1e6


def main(argv: list[str] | None = None) -> None:
    """Print the per-request figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-n', '--requests', type=int, default=20_000)
    parser.add_argument('-r', '--repeats', type=int, default=5)
    options = parser.parse_args(argv)
    version = sys.version.split()[0]
    print(f'Python {version}; microseconds per request, {options.requests} requests')
    resources: tuple[tuple[str, object], ...] = (
        ('def responder', PlainHello()),
        ('async def responder', AsyncHello()),
    )
    for label, resource in resources:
        app = falcon.App()
        app.add_route('/', resource)
        _serve(app, 500)
        for threads in (1, 8):
            figures = [
                _per_request_us(app, options.requests, threads) for _ in range(options.repeats)
            ]
            print(
                f'{label:<22}{threads} thread(s)  median {statistics.median(figures):8.2f}'
                f'  best {min(figures):8.2f}'
            )


if __name__ == '__main__':
    main()
