"""Pausing CPython's cycle collector for work that makes many objects and no cycles."""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector in the block, and restore its state after.

    Loading a bank, or writing its site, makes hundreds of thousands of objects and no
    reference cycles. While they pile up, the cycle collector would walk them again and
    again, to free nothing: at 11,000 files that takes as long as the loading itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Everything made while paused is still "young", so the first collection after
            # enabling would walk it all. Freezing then unfreezing moves every tracked object
            # (the program's own young ones too) to the oldest generation without walking
            # it; the next full collection sees them all, as it would have anyway.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
