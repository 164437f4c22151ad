"""The parts of ``planner.diagnose``: slot facts, Dutch reasons and verified suggestions."""
