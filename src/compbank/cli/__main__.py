"""``python -m compbank.cli``."""

import sys

from compbank.cli import main

sys.exit(main())
