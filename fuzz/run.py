"""Run the fuzz targets under libFuzzer (atheris) and report executions per target.

    python fuzz/run.py                                every target, FUZZ_SECONDS (600) each
    python fuzz/run.py --seconds 3 --jobs 2 --fresh   scripts/check's short budget
    python fuzz/run.py fuzz_media fuzz_routing --seconds 60

Each target runs as ``python -m fuzz.<target>`` from the repository root with:

- its seed corpus ``fuzz/corpus/<target>/`` and its saved failures
  ``fuzz/regressions/<target>/`` as inputs (both are replayed first, then mutated);
- a working corpus under ``build/fuzz/<target>/`` (kept between runs, never committed),
  where libFuzzer stores the inputs that reached new code; ``--fresh`` uses an empty
  temporary one instead, so a short run does not spend its budget replaying a long run's;
- ``-timeout`` (seconds one input may take) and ``-rss_limit_mb`` (memory of the process),
  so that a hang or a leak is a failure like an exception;
- ``-artifact_prefix`` pointing at ``fuzz/regressions/<target>/``: an input that breaks the
  invariant is saved there, to be committed with its fix (tests/test_fuzz_regressions.py
  replays every saved input without atheris).

The exit status is 0 when every target ran its budget without a failure, 1 when one failed,
2 when atheris is missing where it should be installed. atheris has wheels for CPython on
Linux x86-64 only; elsewhere the runner says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ_DIR = ROOT / 'fuzz'
WORK_DIR = ROOT / 'build' / 'fuzz'

#: Seconds each target runs when neither --seconds nor FUZZ_SECONDS says otherwise.
DEFAULT_SECONDS = 600

#: Seconds one input may take before libFuzzer reports it as a hang.
DEFAULT_TIMEOUT = 10

#: Memory (MB) the fuzzing process may hold before libFuzzer reports it.
DEFAULT_RSS_LIMIT_MB = 1024

#: Longest input libFuzzer generates (bytes).
DEFAULT_MAX_LEN = 4096

_STAT = re.compile(r'^stat::(\w+):\s+(\d+)', re.MULTILINE)
_COVERAGE = re.compile(r'^#\d+\s+\w+\s+cov: (\d+) ft: (\d+)', re.MULTILINE)
_ARTIFACT = re.compile(r'Test unit written to (\S+)')
_ROW = '{:<24} {:>11} {:>7} {:>6} {:>6} {:>7}  {}'


@dataclass
class Outcome:
    target: str
    seconds: float
    executions: int
    exec_per_second: int
    coverage: int
    features: int
    peak_rss_mb: int
    returncode: int
    artifact: str | None
    log: str

    @property
    def failed(self) -> bool:
        return self.returncode != 0


def targets() -> list[str]:
    return sorted(path.stem for path in FUZZ_DIR.glob('fuzz_*.py'))


def atheris_supported() -> bool:
    """Whether atheris publishes a wheel for this interpreter and platform."""
    return (
        sys.platform == 'linux'
        and platform.machine() == 'x86_64'
        and platform.python_implementation() == 'CPython'
    )


def run_target(target: str, args: argparse.Namespace) -> Outcome:
    if args.fresh:
        with tempfile.TemporaryDirectory(prefix=f'{target}-') as work:
            return _run_target(target, Path(work), args)
    return _run_target(target, WORK_DIR / target, args)


def _run_target(target: str, work: Path, args: argparse.Namespace) -> Outcome:
    regressions = FUZZ_DIR / 'regressions' / target
    work.mkdir(parents=True, exist_ok=True)
    regressions.mkdir(parents=True, exist_ok=True)
    inputs = [work, FUZZ_DIR / 'corpus' / target, regressions]
    command = [
        sys.executable,
        '-m',
        f'fuzz.{target}',
        f'-max_total_time={args.seconds}',
        f'-timeout={args.timeout}',
        f'-rss_limit_mb={args.rss_limit_mb}',
        f'-max_len={args.max_len}',
        f'-artifact_prefix={regressions}{os.sep}',
        '-print_final_stats=1',
        *(str(path) for path in inputs if path.is_dir()),
    ]
    started = time.monotonic()
    process = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    log = process.stdout
    stats = {name: int(value) for name, value in _STAT.findall(log)}
    coverage = _COVERAGE.findall(log)
    artifact = _ARTIFACT.search(log)
    return Outcome(
        target=target,
        seconds=time.monotonic() - started,
        executions=stats.get('number_of_executed_units', 0),
        exec_per_second=stats.get('average_exec_per_sec', 0),
        coverage=int(coverage[-1][0]) if coverage else 0,
        features=int(coverage[-1][1]) if coverage else 0,
        peak_rss_mb=stats.get('peak_rss_mb', 0),
        returncode=process.returncode,
        artifact=artifact.group(1) if artifact else None,
        log=log,
    )


def report(outcomes: list[Outcome]) -> None:
    print(_ROW.format('target', 'executions', 'exec/s', 'cov', 'ft', 'rss MB', 'result'))
    for outcome in outcomes:
        result = 'ok' if not outcome.failed else f'FAILED (exit {outcome.returncode})'
        print(
            _ROW.format(
                outcome.target,
                outcome.executions,
                outcome.exec_per_second,
                outcome.coverage,
                outcome.features,
                outcome.peak_rss_mb,
                result,
            )
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('targets', nargs='*', help='target names (default: all)')
    parser.add_argument(
        '--seconds',
        type=int,
        default=int(os.environ.get('FUZZ_SECONDS', DEFAULT_SECONDS)),
        help='seconds per target (default: FUZZ_SECONDS or %(default)s)',
    )
    parser.add_argument('--jobs', type=int, default=1, help='targets run at the same time')
    parser.add_argument(
        '--fresh', action='store_true', help='start from the seeds, not from build/fuzz/'
    )
    parser.add_argument('--timeout', type=int, default=DEFAULT_TIMEOUT)
    parser.add_argument('--rss-limit-mb', type=int, default=DEFAULT_RSS_LIMIT_MB)
    parser.add_argument('--max-len', type=int, default=DEFAULT_MAX_LEN)
    args = parser.parse_args(argv)

    known = targets()
    chosen = args.targets or known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        parser.error(f'unknown targets: {", ".join(unknown)} (known: {", ".join(known)})')

    try:
        import atheris  # noqa: F401
    except ImportError:
        if not atheris_supported():
            interpreter = f'{platform.python_implementation()} {platform.python_version()}'
            where = f'{sys.platform}/{platform.machine()}'
            print(f'fuzz/run.py: skipped: atheris has no wheel for {interpreter} on {where}')
            return 0
        print('fuzz/run.py: atheris is not installed (make venv installs it)', file=sys.stderr)
        return 2

    print(
        f'fuzz/run.py: {len(chosen)} targets, {args.seconds} s each, {args.jobs} at a time '
        f'(-timeout={args.timeout} -rss_limit_mb={args.rss_limit_mb} -max_len={args.max_len})',
        flush=True,
    )
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_target, target, args) for target in chosen]
        for future in as_completed(futures):
            done = future.result()
            state = 'ok' if not done.failed else 'FAILED'
            print(
                f'  {done.target}: {done.executions} executions in {done.seconds:.0f} s, {state}',
                flush=True,
            )
        outcomes = [future.result() for future in futures]
    for outcome in outcomes:
        if outcome.failed:
            print(f'\n==== {outcome.target} failed; its log ends with:')
            print('\n'.join(line for line in outcome.log.splitlines()[-60:]))
            if outcome.artifact:
                print(f'==== the input is saved as {outcome.artifact}')
    report(outcomes)
    return 1 if any(outcome.failed for outcome in outcomes) else 0


if __name__ == '__main__':
    sys.exit(main())
