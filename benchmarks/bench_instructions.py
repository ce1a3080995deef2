"""CPU instructions per request of the speed scenarios, counted by callgrind: a figure that a
busy or throttled machine does not move.

Wall-clock figures (``run.py``) swing with whatever else the machine runs; the number of
instructions a request executes does not. Each scenario of ``bench_http.py`` runs in its own
process under ``valgrind --tool=callgrind``, for ``falcon.App``, ``falcon.asgi.App`` and the
raw WSGI and ASGI callables. Only the requests are counted: the worker calls
``math.factorial`` just before them and ``math.gcd`` just after, and callgrind zeroes its
counters on entering the first (``--zero-before``) and dumps them on entering the second
(``--dump-before``); imports, app building, 200 warm-up requests and a ``gc.collect()`` stay
outside. The garbage collector is off while counting (its cost depends on everything else the
process holds, not on the request). Each figure is the mean over the given hash seeds
(``PYTHONHASHSEED``), which move string-keyed dict lookups a little.

Usage::

    python benchmarks/bench_instructions.py                  # every scenario, both modes
    python benchmarks/bench_instructions.py hello 404        # some scenarios
    python benchmarks/bench_instructions.py --seeds 1 2 3    # mean over three seeds

Needs ``valgrind`` (Debian package ``valgrind``). About 2 minutes for the whole table.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import gc
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODES = ('rawwsgi', 'wsgi', 'rawasgi', 'asgi')
WARM_UP = 200


def _worker(scenario_name: str, mode: str, requests: int) -> None:
    """Run ``requests`` requests of one scenario between the two callgrind markers."""
    sys.path[:0] = [str(HERE.parent), str(HERE)]
    import bench_http

    scenario = bench_http.SCENARIOS[scenario_name]()
    if mode in ('wsgi', 'rawwsgi'):
        request = bench_http._wsgi_request(
            scenario.wsgi_app if mode == 'wsgi' else scenario.raw_wsgi, scenario
        )
        for _ in range(WARM_UP):
            request()
        gc.collect()
        gc.disable()
        math.factorial(1)
        for _ in range(requests):
            request()
        math.gcd(1, 1)
        return

    request_async = bench_http._asgi_request(
        scenario.asgi_app if mode == 'asgi' else scenario.raw_asgi, scenario
    )

    async def serve() -> None:
        for _ in range(WARM_UP):
            await request_async()
        gc.collect()
        gc.disable()
        math.factorial(1)
        for _ in range(requests):
            await request_async()
        math.gcd(1, 1)

    asyncio.run(serve())


def count(scenario_name: str, mode: str, requests: int, seed: int) -> float:
    """Instructions per request of one scenario in one mode, with one hash seed."""
    with tempfile.TemporaryDirectory() as scratch:
        command = [
            'valgrind', '--tool=callgrind', '--zero-before=math_factorial',
            '--dump-before=math_gcd', f'--callgrind-out-file={scratch}/cg.%p',
            sys.executable, str(Path(__file__).resolve()), 'worker', scenario_name, mode,
            str(requests),
        ]  # fmt: skip
        environment = {**os.environ, 'PYTHONHASHSEED': str(seed)}
        completed = subprocess.run(command, capture_output=True, env=environment, check=False)
        if completed.returncode != 0:
            raise RuntimeError(completed.stderr.decode(errors='replace')[-2000:])
        dumps = sorted(Path(scratch).glob('cg.*.1'))
        if not dumps:
            raise RuntimeError('callgrind wrote no dump: were the markers reached?')
        for line in dumps[0].read_text().splitlines():
            if line.startswith('summary:'):
                return int(line.split()[1]) / requests
    raise RuntimeError('no summary line in the callgrind dump')


def main(argv: list[str] | None = None) -> int:
    """Print the table, or run one worker (``worker SCENARIO MODE REQUESTS``)."""
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ['worker']:
        _worker(arguments[1], arguments[2], int(arguments[3]))
        return 0
    sys.path[:0] = [str(HERE.parent), str(HERE)]
    import bench_http

    parser = argparse.ArgumentParser(description=(__doc__ or '').splitlines()[0])
    parser.add_argument('scenarios', nargs='*', help='hello, json, routes, 404 (default: all)')
    parser.add_argument('--requests', type=int, default=1000, help='counted requests (1000)')
    parser.add_argument('--seeds', type=int, nargs='+', default=[1], help='hash seeds (1)')
    parser.add_argument('--jobs', type=int, default=os.cpu_count() or 1, help='parallel runs')
    options = parser.parse_args(arguments)
    if shutil.which('valgrind') is None:
        parser.error('valgrind is not installed (Debian: apt-get install valgrind)')
    names = options.scenarios or list(bench_http.SCENARIOS)
    jobs = [(name, mode, seed) for name in names for mode in MODES for seed in options.seeds]
    with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        futures = {
            job: pool.submit(count, job[0], job[1], options.requests, job[2]) for job in jobs
        }
        figures = {job: future.result() for job, future in futures.items()}

    def mean(name: str, mode: str) -> float:
        values = [figures[name, mode, seed] for seed in options.seeds]
        return sum(values) / len(values)

    print(
        f'Python {sys.version.split()[0]}; instructions per request (callgrind), '
        f'{options.requests} requests, hash seeds {" ".join(map(str, options.seeds))}'
    )
    print(f'{"scenario":<20}{"mode":<6}{"raw":>12}{"ours":>12}{"x raw":>8}')
    print('-' * 58)
    for name in names:
        label = bench_http.SCENARIOS[name]().name
        for mode in ('wsgi', 'asgi'):
            raw, ours = mean(name, 'raw' + mode), mean(name, mode)
            print(f'{label:<20}{mode.upper():<6}{raw:>12,.0f}{ours:>12,.0f}{ours / raw:>7.1f}x')
    return 0


if __name__ == '__main__':
    sys.exit(main())
