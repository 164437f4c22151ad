"""The ``handenplanner`` command line: the entry point that wires the core's commands and the web app's."""
