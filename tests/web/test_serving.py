"""``handenplanner serve --processen 2``: two web processes share one address; one that dies is started
again; when the server is killed outright, its web processes end with it and the address is free."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools import wait_until
from tests.web.test_commands import _free_port, _wait_for
from web.runs.heartbeat import process_exists

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="meer webprocessen vragen fork")


def web_processes(server_pid: int) -> set[int]:
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    return {int(pid) for pid in children}


@pytest.fixture
def instance(tmp_path) -> dict[str, str]:
    env = {**os.environ, "HANDENPLANNER_INSTANCE": str(tmp_path / "inst"), "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "handenplanner", "db", "upgrade"], env=env, check=True, cwd=ROOT)
    return env


def test_two_web_processes_serve_one_address_and_a_dead_one_is_started_again(instance):
    port = _free_port()
    command = ["serve", "--port", str(port), "--zonder-worker", "--processen", "2"]
    server = subprocess.Popen([sys.executable, "-m", "handenplanner", *command], env=instance, cwd=ROOT)
    base = f"http://127.0.0.1:{port}/inloggen"
    try:
        assert _wait_for(base, timeout_s=60) == 200
        assert wait_until(lambda: len(web_processes(server.pid)) == 2)
        first, second = sorted(web_processes(server.pid))
        os.kill(first, signal.SIGKILL)
        # The server starts a new web process; the page keeps answering meanwhile (from the other one).
        assert wait_until(lambda: len(web_processes(server.pid) - {first}) == 2)
        assert second in web_processes(server.pid)
        assert all(_wait_for(base, timeout_s=10) == 200 for _ in range(6))
        survivors = web_processes(server.pid)
        # Killed outright, the server cannot stop them: they end by themselves and free the address.
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        assert wait_until(lambda: not any(process_exists(pid) for pid in survivors), timeout_s=5)
        again = subprocess.Popen([sys.executable, "-m", "handenplanner", *command], env=instance, cwd=ROOT)
        try:
            assert _wait_for(base, timeout_s=60) == 200
        finally:
            again.terminate()
            again.wait(timeout=20)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=20)
