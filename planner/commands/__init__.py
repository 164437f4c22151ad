"""The ``handenplanner`` subcommands; each module has ``register(subparsers)``.

Exit codes are the same for every command (README): 0 success, 2 input problems
(nothing written), 1 an internal error.
"""

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2


def __getattr__(name: str):
    """``positive_count`` for the web's subcommands, loaded only when asked (it needs ``planner.services``)."""
    if name == "positive_count":
        from planner.commands.arguments import positive_count

        return positive_count
    raise AttributeError(name)
