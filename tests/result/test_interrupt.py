"""Ctrl-C in a long command: the work runs beside a main thread that is always ready for the signal."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from planner.commands.interrupt import run_stoppable


def test_a_ctrl_c_reaches_the_work_as_its_stop_and_its_result_is_kept(capsys):
    # The work waits for its stop check; a Ctrl-C (SIGINT to this process) must turn it true, and
    # what the work returns after that is the result. The wait is bounded so a failure cannot hang.
    def work(progress, should_stop) -> str:
        threading.Timer(0.2, signal.raise_signal, (signal.SIGINT,)).start()
        waited_until = time.monotonic() + 30
        while not should_stop() and time.monotonic() < waited_until:
            time.sleep(0.01)
        return "gestopt" if should_stop() else "nooit gestopt"

    assert run_stoppable("het beste plan tot nu toe", work) == "gestopt"
    assert "Gestopt op verzoek: het beste plan tot nu toe wordt opgeslagen" in capsys.readouterr().err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the usual handler is back


def test_an_error_in_the_work_reaches_the_caller():
    def work(progress, should_stop):
        raise ValueError("kapot")

    with pytest.raises(ValueError, match="kapot"):
        run_stoppable("niets", work)
