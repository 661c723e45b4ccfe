"""The code version (the data has its own release version, see `Bank.data_version`)."""

#: The version of the code, ``X.Y.Z`` (the data's is `Bank.data_version`).
__version__ = "0.1.0"
