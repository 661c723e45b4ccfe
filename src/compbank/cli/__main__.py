"""``python -m compbank.cli``."""

from compbank.cli import entry

entry()
