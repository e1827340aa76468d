"""--profile: sample the gunicorn processes with py-spy and summarise where the time goes."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .server import HERE, ROOT

# A frame of Heard's own code in py-spy's output: "function (app/module.py:line)".
HEARD_FRAME = re.compile(
    r"\((heard|heard_text|website|consultations|engagement|insight|places|organisations|governance|api)/[^ ]+\)$"
)


@contextmanager
def profiling(server: subprocess.Popen, label: str, seconds: int) -> Iterator[None]:
    """Sample every gunicorn process with py-spy while the body runs (at most `seconds`).
    Writes the collapsed stacks to var/bench-profile-<label>.txt and prints the functions
    most often on the stack."""
    spy = shutil.which("py-spy") or str(HERE / ".venv" / "bin" / "py-spy")
    if not Path(spy).exists():
        raise SystemExit("--profile needs py-spy: bench/public_site/run.sh --profile … installs it")
    out = ROOT / "var" / f"bench-profile-{label}.txt"
    out.parent.mkdir(exist_ok=True)
    recorder = subprocess.Popen(
        [spy, "record", "--subprocesses", "--pid", str(server.pid), "--duration", str(seconds),
         "--rate", "250", "--nonblocking", "--format", "raw", "--output", str(out)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(1)
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)  # py-spy writes what it has on Ctrl+C
        recorder.wait(timeout=60)
    summarise_profile(out, label)


def summarise_profile(out: Path, label: str) -> None:
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in out.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        total += int(count)
        for frame in {re.sub(r":\d+\)$", ")", f) for f in frames}:  # per function, not per line
            inclusive[frame] = inclusive.get(frame, 0) + int(count)
        own[frames[-1]] = own.get(frames[-1], 0) + int(count)
    print(f"Profile {label} ({total} samples; collapsed stacks in {out.relative_to(ROOT)}):", file=sys.stderr)
    print("  Heard's own functions, by share of samples with them on the stack:", file=sys.stderr)
    heard = [(n, f) for f, n in inclusive.items() if HEARD_FRAME.search(f)]
    for n, frame in sorted(heard, reverse=True)[:25]:
        print(f"    {100 * n / max(total, 1):5.1f}%  {frame}", file=sys.stderr)
    print("  any function, by share of samples at the top of the stack:", file=sys.stderr)
    for frame, n in sorted(own.items(), key=lambda x: -x[1])[:20]:
        print(f"    {100 * n / max(total, 1):5.1f}%  {frame}", file=sys.stderr)
