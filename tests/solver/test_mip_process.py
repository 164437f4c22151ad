"""HiGHS in a child process (``planner/solver/mip_process.py``) and beside CP-SAT in the level loop (``mip_race.py``).

The child must never outlive what the level loop allows: it is killed at its deadline and at a stop, and past its
memory cap it gives no result instead of taking the solving process down. What it gives must be the CP-SAT model's
own: a plan it hands back satisfies the CP-SAT model, and plans made with it pass the plan checker and reach the
brute-force optimum.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from planner.generate import generate_school
from planner.model import SolveStatus
from planner.solver import SolveOptions, StallRule, solve
from planner.solver.mip import LevelMip
from planner.solver.mip_check import satisfies
from planner.solver.mip_process import MipChild
from planner.solver.mip_race import MipUse, combine
from planner.solver.search import CP_SAT, HIGHS, PROVEN_BY_MODEL, LevelRun
from tests.plan_checker import assert_plan_valid
from tests.solver.brute_force import best_values
from tests.solver.random_instances import tiny_school, tiny_school_two_locations

KILL_MARGIN_S = 3.0  # generous: the machine is shared and loaded
# Every level but the last is held at its first plan, so the come-back proofs race HiGHS too.
AT_ONCE = StallRule(quiet_share=0.0, quiet_min_s=0.0, gap=1.0, first_level=True)
WITH_HIGHS = SolveOptions(time_limit_s=20.0, workers=2, seed=0, last_level="help_minutes", mip=MipUse.LEVELS)
# One CP-SAT worker: its first plan of each level, where it is held, is the same in every run. The levels one by one
# from the start (searched together first, the priorities would not be held at CP-SAT's first plan).
IN_BACKGROUND = SolveOptions(20.0, 1, 0, "help_minutes", stall=AT_ONCE, priorities_together=False)


@cache
def _typical_hoog() -> cp_model.CpModel:
    """A typical school's first level: HiGHS needs about 10 s for it on this machine (over 1 s to translate it)."""
    level_mip = LevelMip(generate_school("typical", seed=0))
    level_mip.model.maximize(level_mip.expression("hoog").expression)
    return level_mip.model


def _tiny_hoog(seed: int) -> LevelMip:
    level_mip = LevelMip(tiny_school(seed))
    level_mip.model.maximize(level_mip.expression("hoog").expression)
    return level_mip


def test_a_child_asked_to_be_nice_runs_at_a_lower_priority():
    # The LP of sharing locations runs beside CP-SAT (location_lp.py): its child takes a lower CPU priority, so on
    # 2 cores it takes what CP-SAT leaves; a child not asked keeps the parent's priority.
    nice = MipChild.start(_typical_hoog(), time_limit_s=600.0, niceness=10)
    plain = MipChild.start(_typical_hoog(), time_limit_s=600.0)
    try:
        own = os.getpriority(os.PRIO_PROCESS, 0)
        deadline = time.monotonic() + 5.0
        while os.getpriority(os.PRIO_PROCESS, nice.pid) == own and time.monotonic() < deadline:
            time.sleep(0.05)  # the child sets it as it starts
        assert os.getpriority(os.PRIO_PROCESS, nice.pid) == min(own + 10, 19)
        assert os.getpriority(os.PRIO_PROCESS, plain.pid) == own
    finally:
        nice.kill()
        plain.kill()


def test_the_child_is_killed_at_its_deadline_while_highs_would_run_on():
    # HiGHS may take 600 s, but the caller's deadline is 1 s away: the call returns then, with no answer.
    began = time.monotonic()
    child = MipChild.start(_typical_hoog(), time_limit_s=600.0)
    assert child.wait(until=began + 1.0) is None
    assert time.monotonic() - began < 1.0 + KILL_MARGIN_S
    assert not child.running


def test_a_stop_ends_the_child():
    began = time.monotonic()
    child = MipChild.start(_typical_hoog(), time_limit_s=600.0)
    answer = child.wait(until=began + 600.0, should_stop=lambda: time.monotonic() - began > 0.5)
    assert answer is None
    assert time.monotonic() - began < 0.5 + KILL_MARGIN_S
    assert not child.running


def test_the_child_dies_with_the_solving_process():
    # A run process killed with SIGKILL (the web worker does so) runs no clean-up: the kernel must end HiGHS too.
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    solving = context.Process(target=_start_highs_then_die, args=(sending,))
    solving.start()
    highs_pid = receiving.recv()
    solving.join()
    gone_by = time.monotonic() + KILL_MARGIN_S
    while _alive(highs_pid) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert not _alive(highs_pid)


def _start_highs_then_die(connection) -> None:
    child = MipChild.start(_typical_hoog(), time_limit_s=600.0)
    connection.send(child.pid)
    os.kill(os.getpid(), signal.SIGKILL)


def _alive(pid: int) -> bool:
    """Running: a process that ended but is not reaped yet (a zombie) counts as gone."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_past_its_memory_cap_the_child_gives_no_result_and_the_next_one_works():
    # Translating the typical school's model alone needs tens of MB: with 5 MB it cannot, and the child ends
    # without an answer. The solving process is untouched: the next child answers as usual.
    child = MipChild.start(_typical_hoog(), time_limit_s=600.0, memory_cap_mb=5)
    assert child.wait(until=time.monotonic() + 600.0) is None
    assert not child.running
    tiny = MipChild.start(_tiny_hoog(5).model, time_limit_s=10.0)
    answer = tiny.wait(until=time.monotonic() + 10.0)
    # tiny_school(5): CP-SAT's optimum of "hoog" is 1.5 requests, 3 in the level's scale of 2 (see test_mip.py).
    assert answer is not None and (answer.value, answer.proven) == (3, True)


def test_a_plan_from_highs_satisfies_the_cp_sat_model_and_a_changed_one_does_not():
    level_mip = _tiny_hoog(5)
    answer = MipChild.start(level_mip.model, time_limit_s=10.0).wait(until=time.monotonic() + 10.0)
    assert answer is not None and answer.solution is not None
    assert satisfies(level_mip.model.proto, answer.solution)
    # Every candidate hand taken at once: a helper in two places, more hands than a request asks.
    every_hand = list(answer.solution)
    for var in level_mip.space.helper_vars.values():
        every_hand[var.index] = 1
    assert not satisfies(level_mip.model.proto, every_hand)


def test_when_cp_sat_found_no_plan_highs_plan_and_proof_are_the_levels():
    # CP-SAT ended its level without a plan (e.g. its time ran out in presolve); HiGHS's optimum then is the
    # level's plan, proven by HiGHS.
    answer = MipChild.start(_tiny_hoog(5).model, time_limit_s=10.0).wait(until=time.monotonic() + 10.0)
    assert answer is not None
    nothing = LevelRun(None, None, None, False, False, False, 1.0)
    run = combine(nothing, answer, 1.0)
    assert (run.value, run.proven_optimal, run.engine, run.solution) == (3, True, HIGHS, answer.solution)


def test_an_equal_highs_plan_leaves_cp_sats_plan_and_its_bound_proves_it():
    # CP-SAT reached 3 (the optimum) unproven; HiGHS reached the same: CP-SAT's plan stays, HiGHS's bound proves it.
    answer = MipChild.start(_tiny_hoog(5).model, time_limit_s=10.0).wait(until=time.monotonic() + 10.0)
    assert answer is not None
    cp_sat_plan = (0,) * len(answer.solution or ())
    run = combine(LevelRun(cp_sat_plan, 3, 5.0, False, False, False, 1.0), answer, 1.0)
    assert (run.solution, run.value, run.bound, run.proven_optimal, run.engine) == (cp_sat_plan, 3, 3.0, True, HIGHS)


@pytest.mark.parametrize("build", [tiny_school, tiny_school_two_locations])
@pytest.mark.parametrize("seed", range(0, 40, 5))
def test_with_highs_beside_cp_sat_the_plan_passes_the_checker_and_reaches_the_brute_force_optimum(build, seed: int):
    # Whichever engine wins each level and each proof, the plan is a valid plan of the school and its levels are
    # the optima that the exhaustive search finds, proven.
    school = build(seed)
    plan = solve(school, replace(WITH_HIGHS, stall=AT_ONCE))
    assert_plan_valid(school, plan)
    best = best_values(school)
    values = {level.key: level.value for level in plan.levels}
    assert (values["hoog"], values["middel"], values["laag"]) == pytest.approx(tuple(map(float, best.honoured)))
    assert values["help_minutes"] == best.help_minutes
    assert all(level.proven_optimal and level.proven_by in (CP_SAT, HIGHS, PROVEN_BY_MODEL) for level in plan.levels)


def test_a_better_plan_from_highs_in_the_background_is_adopted_and_the_next_levels_follow_it():
    # Tiny schools are proven by CP-SAT's presolve before any level could be held, so this takes the small school
    # (50 requests). With one worker CP-SAT's first plan is the same in every run: "hoog" is held there at 18,5
    # requests, unproven; HiGHS takes it up in the background and finds 19,5, its proven optimum. The loop adopts
    # that plan and optimises "middel" again on it. Both levels must equal CP-SAT's own proven optima (no stalls,
    # no HiGHS), and the plan must keep every hard rule.
    school = generate_school("small", seed=2)
    plan = solve(school, replace(IN_BACKGROUND, last_level="middel", mip=MipUse.BACKGROUND))
    assert_plan_valid(school, plan)
    hoog, middel = plan.levels
    assert (hoog.value, hoog.proven_optimal, hoog.proven_by) == (19.5, True, HIGHS)
    reference = solve(school, SolveOptions(time_limit_s=20.0, workers=2, seed=0, last_level="middel", mip=MipUse.OFF))
    assert all(level.proven_optimal for level in reference.levels)
    assert (hoog.value, middel.value) == tuple(level.value for level in reference.levels)
    assert middel.proven_optimal


def test_a_stop_ends_the_solve_within_two_seconds_while_highs_works_in_the_background():
    # "hoog" is held at CP-SAT's first plan and HiGHS takes it up (it needs 5–12 s on this school); the stop comes
    # 1 s after its process appeared (not at a fixed time: on a loaded machine building the model takes longer).
    # The solve returns within 2 s of it (a margin for the loaded machine), stopped, with a valid plan, and leaves
    # no HiGHS process behind.
    school = generate_school("typical", seed=0)
    others = _child_pids()  # processes an earlier test may have left
    options = replace(IN_BACKGROUND, time_limit_s=60.0, workers=2, mip=MipUse.BACKGROUND)
    highs_seen_at: list[float] = []

    def should_stop() -> bool:
        if not highs_seen_at and _child_pids() - others:
            highs_seen_at.append(time.monotonic())
        return bool(highs_seen_at) and time.monotonic() >= highs_seen_at[0] + 1.0

    plan = solve(school, options, should_stop=should_stop)
    assert highs_seen_at, "HiGHS took hoog up in the background"
    assert time.monotonic() - (highs_seen_at[0] + 1.0) < 2.0 + KILL_MARGIN_S
    assert plan.status == SolveStatus.STOPPED
    assert_plan_valid(school, plan)
    assert not _child_pids() - others


def _child_pids() -> set[str]:
    """This process's child processes, read from /proc without reaping any (the solve's threads call this too)."""
    return {pid for task in Path("/proc/self/task").iterdir() for pid in _children_of(task)}


def _children_of(task: Path) -> list[str]:
    """A thread's child processes; none when the thread ended after the listing (CP-SAT's threads come and go:
    seen once in CI as a FileNotFoundError)."""
    try:
        return (task / "children").read_text().split()
    except FileNotFoundError:
        return []
