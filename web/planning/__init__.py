"""The planner's planning pages: dashboard, runs of the solver, week grids, unmet requests, a day's absence."""
