"""Python's cyclic garbage collector, paused where kg builds many small objects with no cycle among them."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then restore it as it was (also on an error).

    Every 700 new container objects start a pass over the young ones, and now and then over every object
    the process holds. Where a block builds hundreds of thousands of objects that outlive it or die together
    (a batch's Stanza words, the corpus graph and its outputs, the store's actor index), those passes cost from
    a tenth of the work to as much as the work itself; the garbage the block leaves is collected when the
    collector runs again after it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
