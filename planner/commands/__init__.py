"""The ``handenplanner`` subcommands; each module has ``register(subparsers)``.

Exit codes are the same for every command (README): 0 success, 2 input problems
(nothing written), 1 an internal error.
"""

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2
