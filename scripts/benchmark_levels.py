"""The benchmark's per-level numbers: each main level against the best value known for the school, its gap, when
it was proven and by which engine; and per size how many schools reached the best known values."""

from __future__ import annotations

from collections import defaultdict

from planner.levels import LEVEL_INFOS
from scripts.best_known import MAIN_KEYS, MAXIMIZED

HONOURED_KEYS = tuple(info.key for info in LEVEL_INFOS if info.spec_level == 1 and not info.only_when_replanning)
HELP_MINUTES_TOLERANCE = 0.01  # help minutes count as reached within 1 % of the best known
EQUAL = 1e-6


def level_rows(levels, level_end_s: dict[str, float], best_known: dict | None) -> list[dict]:
    """One row per level reached; ``best_known`` is the school's entry of ``best_known.json`` (or None)."""
    return with_best_known([_level_row(level, level_end_s) for level in levels], best_known)


def with_best_known(rows: list[dict], best_known: dict | None) -> list[dict]:
    """The rows compared with the school's best known values (again, e.g. after the file gained an entry).

    The levels are lexicographic: a level reaches the best known when every level above it does and it is at
    least as good (help minutes: within 1 %); once a level above is better than the best known, every level
    below counts as reached, once one is worse, none does."""
    best_levels = {} if best_known is None else best_known["levels"]
    above = 0  # 1: a level above beats the best known; -1: one falls short
    for row in rows:
        best = best_levels.get(row["key"])
        row["best_known"] = None if best is None else best["value"]
        row["best_known_proven"] = None if best is None else best["proven"]
        if best is None:
            row["reaches_best"] = None
            continue
        row["reaches_best"] = above > 0 or (above == 0 and _reaches(row["key"], row["value"], best["value"]))
        if above == 0:
            above = _compare(row["key"], row["value"], best["value"])
    return rows


def _compare(key: str, value: float, best: float) -> int:
    """1 when ``value`` beats the best known, -1 when it falls short, 0 when equal (help minutes: within 1 %)."""
    if not _reaches(key, value, best):
        return -1
    better = value > best + EQUAL if MAXIMIZED[key] else value < best - EQUAL
    return 1 if better and key != "help_minutes" else 0


def _level_row(level, level_end_s: dict[str, float]) -> dict:
    proven = level.proven_optimal
    return {
        "key": level.key,
        "value": level.value,
        "bound": level.bound,
        "gap": 0.0 if proven else _gap(level.value, level.bound),
        "proven_optimal": proven,
        "proven_by": getattr(level, "proven_by", ""),  # an older checkout (a "before" run) has no engine
        "level_time_s": round(level.time_s, 2),
        # The level's last progress: its proof when proven (also when it was proven at the end).
        "proof_s": round(level_end_s[level.key], 2) if proven and level.key in level_end_s else None,
    }


def _gap(value: float, bound: float) -> float | None:
    scale = max(abs(value), abs(bound))
    return round(abs(bound - value) / scale, 4) if scale else 0.0


def _reaches(key: str, value: float, best: float) -> bool:
    """At least as good as the best known; help minutes within 1 %."""
    if key == "help_minutes":
        return value >= (1 - HELP_MINUTES_TOLERANCE) * best - EQUAL
    return value >= best - EQUAL if MAXIMIZED[key] else value <= best + EQUAL


LEVEL_HEADER = (
    f"{'instantie':<11} {'niveau':<13} {'bereikt':>9} {'beste':>9} {'=':>2} {'grens':>9} {'gat':>6} "
    f"{'bewezen':>9} {'door':<7} {'niveau-tijd':>11}"
)


def level_table(results: list[dict]) -> str:
    lines = ["Per niveau: bereikt tegen de beste bekende waarde (= ja/nee; hulp: binnen 1 %)", LEVEL_HEADER]
    for result in results:
        for row in (row for row in result["levels"] if row["key"] in MAIN_KEYS):
            lines.append(_level_line(result["instance"], row))
    return "\n".join(lines)


def _level_line(instance: str, row: dict) -> str:
    best = "–" if row["best_known"] is None else f"{row['best_known']:.2f}"
    reaches = "–" if row["reaches_best"] is None else ("ja" if row["reaches_best"] else "nee")
    gap = "–" if row["gap"] is None else f"{100 * row['gap']:.1f}%"
    # A plan joined from locations is proven at the end, when the bounds are added up: no time of its own.
    proof = f"{row['proof_s']:.1f} s" if row["proof_s"] is not None else ("ja" if row["proven_optimal"] else "nee")
    return (
        f"{instance:<11} {row['key']:<13} {row['value']:>9.2f} {best:>9} {reaches:>2} {row['bound']:>9.2f} "
        f"{gap:>6} {proof:>9} {row['proven_by']:<7} {row['level_time_s']:>9.1f} s"
    )


def size_summary(results: list[dict]) -> str:
    """Per size: schools whose levels reach the best known values, and proofs of levels 1 and 2 with their time."""
    by_size: dict[str, list[dict]] = defaultdict(list)
    for result in results:
        by_size[result["size"]].append(result)
    lines = ["Per grootte: scholen die de beste bekende waarde halen; bewezen niveaus met de langste bewijstijd"]
    for size, group in by_size.items():
        parts = [f"{key} {_count(group, key)}" for key in MAIN_KEYS]
        parts.append(f"N1 bewezen {_proven(group, HONOURED_KEYS)}")
        parts.append(f"N1+N2 bewezen {_proven(group, MAIN_KEYS)}")
        peak = max(result["peak_rss_mb"] for result in group)
        child_peak = max(result.get("peak_child_rss_mb", 0.0) for result in group)  # older runs have none
        together = max(result.get("peak_job_pss_mb", 0.0) for result in group)
        memory = (
            f"; geheugen tot {peak:.0f} MB, HiGHS-proces tot {child_peak:.0f} MB, samen (PSS) tot {together:.0f} MB"
        )
        lines.append(f"{size:<8} ({len(group)}): " + ", ".join(parts) + memory)
    return "\n".join(lines)


def _count(group: list[dict], key: str) -> str:
    rows = [_row(result, key) for result in group]
    known = [row for row in rows if row is not None and row["reaches_best"] is not None]
    return f"{sum(row['reaches_best'] for row in known)}/{len(known)}" if known else "–"


def _proven(group: list[dict], keys: tuple[str, ...]) -> str:
    times = []
    for result in group:
        rows = [_row(result, key) for key in keys]
        if all(row is not None and row["proven_optimal"] for row in rows):
            times.append(max(row["proof_s"] or 0.0 for row in rows))
    longest = f" (≤ {max(times):.1f} s)" if times else ""
    return f"{len(times)}/{len(group)}{longest}"


def _row(result: dict, key: str) -> dict | None:
    return next((row for row in result["levels"] if row["key"] == key), None)
