"""The ``toolkit`` command line: thin subcommands over the Python API (one module per command, registered in
:mod:`toolkit.cli.app`; errors are handled once, in :mod:`toolkit.cli.handler`).

Exit codes: 0 success; 1 invalid input (questionnaire or response errors) or some companies failed;
2 usage error (click's own); 130 interrupted (Ctrl+C).
"""

from toolkit.cli.app import main

__all__ = ["main"]
