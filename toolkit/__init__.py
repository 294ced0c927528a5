"""SME sustainability self-assessment toolkit."""

__version__ = "0.1.0"
