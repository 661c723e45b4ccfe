"""``python -m compbank`` runs the ``compbank`` command."""

from compbank.cli import entry

# guarded: importing the module runs nothing (multiprocessing's spawned workers of
# `compbank._parallel` skip a package's __main__, but nothing should depend on that)
if __name__ == "__main__":
    entry()
