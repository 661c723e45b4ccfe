"""``python -m compbank`` runs the ``compbank`` command."""

import sys

from compbank.cli import main

sys.exit(main())
