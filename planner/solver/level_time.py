"""How a solve's time is shared among its levels and the proofs of the levels held unproven.

``time_limit_s`` (or the job's deadline) is the wall budget for all levels together. Every later level, and every
held level's proof, keeps ``MIN_LEVEL_S`` reserved (all together at most ``MAX_RESERVE_SHARE`` of the time left),
except that for a main level the later levels that are not main (fairness, continuity, preferred time, gaps) keep
it together, as one: the levels are lexicographic, so those get what the main levels leave (measured on the large
schools at 60 s: with 1 s each, those four kept 4 s while ``middel`` and ``laag`` ended short of their best known
values). The honoured levels and help minutes (``LevelInfo.main``) get at least ``MAIN_LEVEL_SHARE`` of the time
left after that reserve. Otherwise a level gets a share of the time left, weighted so the main levels get most (the
first level solved at least ``FIRST_LEVEL_SHARE``). Time a level does not use carries over to the next. A held
level's proof weighs like its level, both while the levels are optimised and at the end, when the proofs share the
time left among themselves.
"""

from __future__ import annotations

from planner.solver.objective import Level

MAIN_LEVEL_WEIGHT = 4  # levels 1–2 get this many times the share of a later level
FIRST_LEVEL_SHARE = 0.3  # at least this part of the time goes to the first level solved
MAIN_LEVEL_SHARE = 0.75  # a main level gets at least this part of the time left after the reserve
MIN_LEVEL_S = 1.0  # a later level needs at least this to presolve and take over the previous solution
# The reserve is at most this part of the time left: it matters in a short solve's last seconds. Measured on the
# typical schools at 10 s (whole job, 2 runs each, after the priorities searched together): with at most half,
# typical/0's "middel" got 1,8-1,9 s and ended at 9,67 of 10,17; with at most a third, 2,1-2,4 s and 10,17, proven,
# in both runs, while "laag" got 1,2-1,3 s (3,17 of 3,67) and seeds 1 and 2 kept their values in 5 of 6 runs.
MAX_RESERVE_SHARE = 1 / 3


def level_budget(
    remaining_s: float, remaining_levels: tuple[Level, ...], held_levels: tuple[Level, ...], first_solve: bool
) -> float:
    """The share of ``remaining_s`` for ``remaining_levels[0]``: the later levels and the held levels' proofs
    keep a minimum reserved and weigh in."""
    if remaining_s <= 0:
        return 0.0
    waiting = (*_reserving(remaining_levels), *held_levels)
    reserve_s = min(MIN_LEVEL_S * len(waiting), remaining_s * MAX_RESERVE_SHARE)
    weights = [_weight(level) for level in (remaining_levels[0], *waiting)]
    share_s = (remaining_s - reserve_s) * weights[0] / sum(weights)
    if remaining_levels[0].info.main:
        # A higher level matters more than all later ones, but one level that cannot be proven
        # should not starve the next main levels either (measured: with all the time but the
        # reserve, the sample school's "middel" took 23 s of 30 and left "laag" unproven).
        share_s = max(share_s, (remaining_s - reserve_s) * MAIN_LEVEL_SHARE)
    if first_solve:  # the first solve also pays for the first presolve and first plans
        share_s = max(share_s, FIRST_LEVEL_SHARE * remaining_s)
    return min(remaining_s, max(share_s, MIN_LEVEL_S))


def _reserving(remaining_levels: tuple[Level, ...]) -> tuple[Level, ...]:
    """The later levels that keep time reserved while ``remaining_levels[0]`` is optimised: all of them, but for a
    main level only the main ones and the first of the others (for them all)."""
    current, later = remaining_levels[0], remaining_levels[1:]
    if not current.info.main:
        return later
    minor = tuple(level for level in later if not level.info.main)
    return tuple(level for level in later if level.info.main) + minor[:1]


def proof_budget(remaining_s: float, held_levels: tuple[Level, ...]) -> float:
    """The first held level's share of ``remaining_s``, weighed against the other held levels."""
    weights = [_weight(level) for level in held_levels]
    return max(0.0, remaining_s * weights[0] / sum(weights))


def _weight(level: Level) -> int:
    return MAIN_LEVEL_WEIGHT if level.info.main else 1
