"""Print the in-process cost per request of falcon.App and falcon.asgi.App (``make bench``).

Usage::

    python benchmarks/run.py                 # every scenario, both modes
    python benchmarks/run.py hello json      # some scenarios
    python benchmarks/run.py --quick         # fewer, shorter rounds
    python benchmarks/run.py --profile wsgi  # cProfile of hello world (wsgi or asgi)
    python benchmarks/run.py --servers       # req/s and latency under gunicorn and uvicorn

The table gives, per scenario and mode, the best of 5 rounds of 20 000 requests in
microseconds per request, the ratio to a raw WSGI / ASGI callable that produces the same
status and body (the floor), and the goal: at most 0.75x Falcon 4.4's figure for the same
application code on the same machine class. When
``benchmarks/bench_realtime.py`` and ``benchmarks/bench_idle.py`` exist, their ``main()``
run afterwards (the real-time table, then the idle connections table).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import importlib.util
import io
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import bench_http  # noqa: E402
from bench_http import GOALS_US, REFERENCE_RAW_HELLO_US, SCENARIOS, Measurement  # noqa: E402

__all__ = ['main']

_COLUMNS = ('scenario', 'mode', 'raw', 'ours', 'x raw', 'goal', '', 'goal here', '')


def _format_row(cells: tuple[str, ...]) -> str:
    first, mode, *rest = cells
    return f'{first:<20}{mode:<6}' + ''.join(f'{cell:>10}' for cell in rest)


def _rows(
    name: str, short: str, figures: dict[str, Measurement], scale: dict[str, float]
) -> list[tuple[str, ...]]:
    rows = []
    for mode, goal in zip(('wsgi', 'asgi'), GOALS_US[short], strict=True):
        ours, raw = figures[mode].best_us, figures[f'raw_{mode}'].best_us
        goal_here = goal * scale[mode]
        rows.append(
            (
                name,
                mode.upper(),
                f'{raw:.2f}',
                f'{ours:.2f}',
                f'{ours / raw:.1f}x',
                f'{goal:.2f}',
                'ok' if ours <= goal else 'OVER',
                f'{goal_here:.2f}',
                'ok' if ours <= goal_here else 'OVER',
            )
        )
    return rows


def _machine_scale(raw_hello: dict[str, float]) -> dict[str, float]:
    """How much slower this machine runs the raw hello callables (``raw_hello``, us per
    request by mode) than the machine where the goals were measured (``goal here`` = goal x
    this factor)."""
    return {mode: raw_hello[mode] / REFERENCE_RAW_HELLO_US[mode] for mode in raw_hello}


def _raw_hello(rounds: int, requests: int) -> dict[str, float]:
    hello = SCENARIOS['hello']()
    return {
        'wsgi': bench_http.measure_wsgi(hello.raw_wsgi, hello, rounds, requests).best_us,
        'asgi': bench_http.measure_asgi(hello.raw_asgi, hello, rounds, requests).best_us,
    }


def run_table(names: list[str], rounds: int, requests: int) -> None:
    """Measure the named scenarios and print the table as each row completes.

    Hello world runs first when asked for: its raw callables' figures in this run set the
    machine's scale for the ``goal here`` column (else they are measured on their own)."""
    ordered = sorted(names, key=lambda name: name != 'hello')
    measured: dict[str, dict[str, Measurement]] = {}
    if ordered and ordered[0] == 'hello':
        measured['hello'] = bench_http.run_scenario(SCENARIOS['hello'](), rounds, requests)
        raw_hello = {mode: measured['hello'][f'raw_{mode}'].best_us for mode in ('wsgi', 'asgi')}
    else:
        raw_hello = _raw_hello(rounds, requests)
    scale = _machine_scale(raw_hello)
    print(
        f'Python {sys.version.split()[0]}; microseconds per request, '
        f'best of {rounds} rounds of {requests} requests'
    )
    print(
        'goal: 0.75x Falcon 4.4 where the goals were measured; goal here: the same goal '
        f"scaled by this run's raw hello callables (WSGI x{scale['wsgi']:.2f}, "
        f'ASGI x{scale["asgi"]:.2f})'
    )
    print(_format_row(_COLUMNS))
    print('-' * (26 + 10 * (len(_COLUMNS) - 2)))
    for name in ordered:
        scenario = SCENARIOS[name]()
        figures = measured.get(name) or bench_http.run_scenario(scenario, rounds, requests)
        for row in _rows(scenario.name, name, figures, scale):
            print(_format_row(row), flush=True)


def profile(mode: str, iterations: int, top: int) -> None:
    """Print the ``top`` entries of a cProfile of hello world in ``mode`` (wsgi or asgi)."""
    scenario = SCENARIOS['hello']()
    profiler = cProfile.Profile()
    if mode == 'wsgi':
        request = bench_http._wsgi_request(scenario.wsgi_app, scenario)
        for _ in range(1000):
            request()
        profiler.enable()
        for _ in range(iterations):
            request()
        profiler.disable()
    else:
        request_async = bench_http._asgi_request(scenario.asgi_app, scenario)

        async def many(count: int) -> None:
            for _ in range(count):
                await request_async()

        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(many(1000))
            profiler.enable()
            loop.run_until_complete(many(iterations))
            profiler.disable()
        finally:
            loop.close()
    output = io.StringIO()
    stats = pstats.Stats(profiler, stream=output)
    stats.sort_stats('tottime').print_stats(top)
    print(f'hello world, {mode}, {iterations} requests, sorted by own time')
    print(output.getvalue())


def _run_realtime() -> None:
    from falcon.core._sse import FAST_CONSTRUCTOR

    built = 'the C constructor' if FAST_CONSTRUCTOR else 'pure Python (no C extension built)'
    print(f'\nSSEvent(...) construction: {built}')
    for name in ('bench_realtime', 'bench_idle'):
        path = HERE / f'{name}.py'
        if not path.exists():
            continue
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        # Registered before it runs: its dataclasses look their module up by name.
        sys.modules[name] = module
        spec.loader.exec_module(module)
        print()
        module.main()


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, print the table (or a profile); return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        'scenarios', nargs='*', help=f'scenarios to run: {", ".join(SCENARIOS)} (default: all)'
    )
    parser.add_argument(
        '--rounds', type=int, default=5, help='timed rounds per figure (best wins)'
    )
    parser.add_argument('--requests', type=int, default=20_000, help='requests per round')
    parser.add_argument('--quick', action='store_true', help='3 rounds of 2 000 requests')
    parser.add_argument('--profile', choices=('wsgi', 'asgi'), help='profile hello world')
    parser.add_argument('--profile-requests', type=int, default=50_000)
    parser.add_argument('--top', type=int, default=25, help='profile entries to print')
    parser.add_argument(
        '--no-realtime',
        action='store_true',
        help='skip benchmarks/bench_realtime.py and bench_idle.py',
    )
    parser.add_argument(
        '--servers', action='store_true', help='req/s under gunicorn and uvicorn instead (~3 min)'
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.scenarios if name not in SCENARIOS]
    if unknown:
        parser.error(f'unknown scenario(s): {", ".join(unknown)}')
    if args.servers:
        from bench_servers import main as servers_main

        return servers_main(args.scenarios)
    if args.profile:
        profile(args.profile, args.profile_requests, args.top)
        return 0
    rounds, requests = args.rounds, args.requests
    if args.quick:
        rounds, requests = 3, 2_000
    started = time.perf_counter()
    run_table(args.scenarios or list(SCENARIOS), rounds, requests)
    print(f'({time.perf_counter() - started:.1f} s)')
    if not args.no_realtime and not args.scenarios:
        _run_realtime()
    return 0


if __name__ == '__main__':
    sys.exit(main())
