"""Run one fuzz target for a set time and report what it did.

    python fuzz/run.py document --seconds 600
    python fuzz/run.py jsonl --seconds 600 [--workdir /tmp/armswatch-fuzz] [--max-len 16384]

The target keeps its growing corpus in WORKDIR/TARGET/corpus (the seeds in fuzz/seeds/TARGET are read too,
never written) and its crashers in WORKDIR/TARGET/artifacts. libFuzzer stops at the first crash; the run
then starts the target again on the same corpus until the time is spent, so one crash does not end it.
At the end it prints the executions, the time, and each crasher with the exception it raised. Keep a
crasher as a regression test by copying it into tests/fuzz_crashers/TARGET/.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {"document": HERE / "fuzz_document.py", "jsonl": HERE / "fuzz_jsonl.py"}
EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
PROGRESS = re.compile(r"^#(\d+)\s", re.MULTILINE)
EXCEPTION = re.compile(
    r"^=== Uncaught Python exception: ===\n(?:.*\n)*?(\w[\w.]*(?:Error|Exception|Violation)\b.*)$",
    re.MULTILINE,
)
ARTIFACT = re.compile(r"Test unit written to (\S+)")


def run(target: str, seconds: int, workdir: Path, max_len: int, timeout: int) -> int:
    corpus = workdir / target / "corpus"
    artifacts = workdir / target / "artifacts"
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    log_path = workdir / target / "fuzz.log"
    deadline = time.monotonic() + seconds
    executions = 0
    fuzzing_seconds = 0.0
    crashes: list[tuple[str, str]] = []
    rounds = 0
    while (left := int(deadline - time.monotonic())) > 10:
        rounds += 1
        command = [
            sys.executable,
            str(TARGETS[target]),
            str(corpus),
            str(HERE / "seeds" / target),
            f"-max_total_time={left}",
            f"-max_len={max_len}",
            f"-timeout={timeout}",
            "-rss_limit_mb=4096",
            "-print_final_stats=1",
            f"-artifact_prefix={artifacts}/",
        ]
        print(f"[run {rounds}] {' '.join(command)}", flush=True)
        offset = log_path.stat().st_size if log_path.exists() else 0
        started = time.monotonic()
        with log_path.open("ab") as log:  # streamed, so the log can be watched while the target runs
            returncode = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=False).returncode
        fuzzing_seconds += time.monotonic() - started
        with log_path.open("rb") as log:
            log.seek(offset)
            output = log.read().decode("utf-8", errors="replace")
        counts = [int(n) for n in EXECUTED.findall(output)] or [int(n) for n in PROGRESS.findall(output)]
        executions += max(counts, default=0)
        for path in ARTIFACT.findall(output):
            found = EXCEPTION.search(output)
            crashes.append((path, found.group(1).strip()[:200] if found else f"exit code {returncode}"))
        if returncode == 0:
            break
        if not ARTIFACT.search(output):
            print(output[-3000:], file=sys.stderr)
            print(f"target exited with {returncode} and saved no input; stopping", file=sys.stderr)
            break
    print(f"target: {target}")
    print(f"time: {fuzzing_seconds:.0f} s in {rounds} run(s) (requested {seconds} s)")
    print(f"executions: {executions}")
    print(f"crashes: {len(crashes)}")
    for path, reason in crashes:
        print(f"  {path}: {reason}")
    print(f"log: {log_path}")
    return 1 if crashes else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/armswatch-fuzz"))
    parser.add_argument("--max-len", type=int, default=16384, help="largest input in bytes")
    parser.add_argument("--timeout", type=int, default=120, help="seconds one input may take")
    args = parser.parse_args()
    sys.exit(run(args.target, args.seconds, args.workdir, args.max_len, args.timeout))


if __name__ == "__main__":
    main()
