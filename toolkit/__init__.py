"""SME sustainability self-assessment toolkit."""

import logging

__version__ = "0.1.0"

# Diagnostics are logged under "toolkit.*" (``toolkit --verbose`` shows them); quiet unless a program asks.
logging.getLogger(__name__).addHandler(logging.NullHandler())
