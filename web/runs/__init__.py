"""Runs apart from the web: the web queues a run, a ``handenplanner worker`` process executes it.

``queue`` (start, stop, claim, runs whose worker is gone), ``slot`` (the one run at a time, held in the
database), ``heartbeat`` (which workers are alive), ``worker`` (the worker's loop: one child process per run).
"""
