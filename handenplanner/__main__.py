"""``python -m handenplanner``: the same as the ``handenplanner`` command."""

import sys

from handenplanner.cli import main

sys.exit(main())
