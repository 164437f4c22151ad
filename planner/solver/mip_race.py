"""CP-SAT and HiGHS on one level side by side: the better plan, the tighter bound, the proof of either.

HiGHS (``mip.py``) runs in a child process (``mip_process.py``) on the model as CP-SAT gets it — the levels above
held, this level the objective, the plan so far as hint — while CP-SAT searches with one worker less, so the two
share the machine's cores. Measured on generated schools (``scripts/benchmark_engines.py``): HiGHS proves some
levels CP-SAT does not, and often finds better ``middel`` and ``laag`` plans; CP-SAT is the stronger on others.

* HiGHS proves the level (its plan at its bound): CP-SAT is stopped, the level is proven, ``proven_by`` "highs";
* CP-SAT proves it first: HiGHS is killed;
* neither: when CP-SAT's time is up, HiGHS (given the same time) is waited for until the level's end at most;
  its plan is taken when better (it passed ``mip_check`` in the child), its bound when tighter.

``MipUse`` says where the level loop does this; ``mip_fits`` keeps HiGHS off models whose MIP would pass the
child's memory cap.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import replace

from ortools.sat.python import cp_model

from planner.solver.mip import MipRun
from planner.solver.mip_process import MEMORY_CAP_MB, MipChild
from planner.solver.search import HIGHS, LevelRun, ProgressReporter, SearchSettings, run_level
from planner.solver.size import ModelSize

# Measured: HiGHS took about 21 kB per literal (1,35 GB on a board pool of 64,000 literals; on a large school of
# 34,000, 1.041 MB in all, 320 MB of it CP-SAT's). Counted a little higher: a level's proof model holds the levels
# above, and a child past its cap only costs CP-SAT a worker for nothing.
MIP_MEMORY_PER_LITERAL_KB = 24.0
# HiGHS ends this much before the caller's deadline so that its answer is checked against every constraint
# (``mip_check``) and handed over in time: measured 0,4 s and more for the 34,000 constraints of a large school.
ANSWER_MARGIN_S = 0.3
ANSWER_MARGIN_S_PER_CONSTRAINT = 40e-6
MIN_MIP_S = 1.0  # below this HiGHS does not get past translating the model


class MipUse(enum.Enum):
    """Where the level loop runs HiGHS beside CP-SAT."""

    OFF = "off"
    PROOFS = "proofs"  # only when coming back to prove a held level (``comeback.py``)
    LEVELS = "levels"  # on every level, and on the proofs
    BACKGROUND = "background"  # a main level left unproven, in the background (``mip_background.py``); the proofs

    @property
    def on_proofs(self) -> bool:
        return self is not MipUse.OFF

    @property
    def on_levels(self) -> bool:
        return self is MipUse.LEVELS

    @property
    def in_background(self) -> bool:
        return self is MipUse.BACKGROUND


def answer_margin_s(model: cp_model.CpModel) -> float:
    """How long before its deadline HiGHS must end for its answer to arrive in time."""
    return ANSWER_MARGIN_S + ANSWER_MARGIN_S_PER_CONSTRAINT * len(model.proto.constraints)


def mip_fits(size: ModelSize, memory_cap_mb: float = MEMORY_CAP_MB) -> bool:
    """HiGHS is expected to stay within the child's memory cap on a model of ``size``."""
    return size.literals * MIP_MEMORY_PER_LITERAL_KB / 1024 <= memory_cap_mb


def race_level(
    model: cp_model.CpModel,
    settings: SearchSettings,
    reporter: ProgressReporter,
    should_stop: Callable[[], bool] | None,
) -> LevelRun:
    """Search the model's objective with CP-SAT and HiGHS side by side (see the module text)."""
    mip_s = settings.time_limit_s - answer_margin_s(model)
    if mip_s < MIN_MIP_S or settings.tie_break_weight != 1:
        return run_level(model, settings, reporter, should_stop)
    hint = dict(zip(model.proto.solution_hint.vars, model.proto.solution_hint.values, strict=True))
    began = time.monotonic()
    child = MipChild.start(model, mip_s, hint or None)
    try:

        def highs_proved() -> bool:
            answer = child.answer()
            return answer is not None and answer.proven

        def stop_cp_sat() -> bool:
            return highs_proved() or (should_stop is not None and should_stop())

        cp_settings = replace(settings, workers=max(1, settings.workers - 1))
        run = run_level(model, cp_settings, reporter, stop_cp_sat)
        user_stopped = should_stop is not None and should_stop()
        run = replace(run, stopped=run.stopped and user_stopped)
        if run.stopped or run.proven_optimal or run.stalled or run.infeasible:
            return run
        answer = child.wait(began + settings.time_limit_s, should_stop)
        return run if answer is None else combine(run, answer, time.monotonic() - began)
    finally:
        child.kill()


def combine(run: LevelRun, answer: MipRun, took: float) -> LevelRun:
    """CP-SAT's run with HiGHS's plan when better, its bound when tighter, and its proof."""
    maximize = answer.maximize
    better = answer.value is not None and (
        run.value is None or (answer.value > run.value if maximize else answer.value < run.value)
    )
    solution, value = (answer.solution, answer.value) if better else (run.solution, run.value)
    bound = run.bound
    if answer.bound is not None:
        bound = answer.bound if bound is None else (min if maximize else max)(bound, answer.bound)
    proven = value is not None and answer.proves(value)
    if not proven:
        return replace(run, solution=solution, value=value, bound=bound, time_s=took)
    return replace(
        run, solution=solution, value=value, bound=float(value), proven_optimal=True, time_s=took, engine=HIGHS
    )
