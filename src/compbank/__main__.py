"""``python -m compbank`` runs the ``compbank`` command."""

import sys

from compbank.cli import main

# guarded, so that a worker process started by spawning, which imports this module, runs
# nothing (`compbank._parallel`)
if __name__ == "__main__":
    sys.exit(main())
