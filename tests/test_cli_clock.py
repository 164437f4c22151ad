"""The command's clock starts with its process: time spent before ``main`` (the interpreter, imports,
a busy machine) counts against the time limit the user gave, as the user waits for it too."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_clock_counts_the_time_the_process_spent_before_main():
    # The child waits 1,5 s before it even asks; the clock must say the job is at least that old.
    code = (
        "import time; time.sleep(1.5)\n"
        "from handenplanner.cli import process_started_at\n"
        "print(time.monotonic() - process_started_at())\n"
    )
    age = float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True).stdout)
    assert age >= 1.5


def test_a_process_older_than_a_command_starts_the_clock_now():
    # A long-running process (a test runner, a web server) calling main() is not one command: the
    # clock then starts at the call.
    code = (
        "import time; time.sleep(0.2)\n"
        "import handenplanner.cli as cli\n"
        "cli.MAX_STARTUP_S = 0.1\n"
        "print(time.monotonic() - cli.process_started_at())\n"
    )
    age = float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True).stdout)
    assert age < 0.1
